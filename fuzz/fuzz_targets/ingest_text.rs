//! Fuzzes the text article reader: decoding (UTF-8, UTF-16 with a byte-order mark), the binary
//! check, front matter and the body. Any bytes give a record or a skip, never a panic; a record's
//! text is never empty and holds no NUL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use observer_ingest::{Metadata, parse_text};

fuzz_target!(|data: &[u8]| {
    if let Ok(record) = parse_text("fuzz.txt", data, &Metadata::default()) {
        let text = &record.article.text;
        assert!(!text.is_empty() && !text.contains('\0'));
        assert_eq!(text.trim_end(), text);
    }
});
