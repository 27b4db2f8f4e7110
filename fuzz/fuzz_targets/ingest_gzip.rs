//! Fuzzes gzip input as the reader sniffs it: the bytes follow the gzip magic, so every run goes
//! through the decompressor and then the content sniffing (JSON Lines or a text article).
#![no_main]

use libfuzzer_sys::fuzz_target;
use observer_ingest::{Format, Metadata, read_stream};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(&GZIP_MAGIC) {
        data.to_vec()
    } else {
        [&GZIP_MAGIC[..], data].concat()
    };
    let input = std::io::Cursor::new(bytes);
    let reader = read_stream("fuzz.gz", input, &Metadata::default(), Format::Auto);
    // A bound on decompressed size keeps a "zip bomb" input from exhausting the fuzzer's memory.
    for record in reader.with_max_bytes(1 << 20).flatten() {
        assert!(!record.article.text.is_empty());
    }
});
