//! Fuzzes the JSON Lines reader with a small line limit, so long lines are exercised too: every
//! line gives a record or a skip naming it, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use observer_ingest::{Format, Metadata, read_stream};

fuzz_target!(|data: &[u8]| {
    let input = std::io::Cursor::new(data.to_vec());
    let reader = read_stream("fuzz.jsonl", input, &Metadata::default(), Format::Jsonl);
    let lines = data.split(|&b| b == b'\n').count();
    for item in reader.with_max_bytes(4096) {
        let line = match item {
            Ok(record) => {
                assert!(!record.article.text.is_empty());
                record.origin.line
            }
            Err(skip) => skip.origin.line,
        };
        assert!(line.is_none_or(|line| (1..=lines).contains(&line)));
    }
});
