//! Builds the lexicons and gazetteer matchers from `data/` at compile time, with the library's own
//! loading code, and stores them in the format the library reads at start-up (`postcard`), so that
//! a run of the engine decodes them instead of building them from the TSV files again.

// The library's modules, shared as they are: the build uses only their loading half.
#![allow(dead_code)]

#[path = "src/data.rs"]
mod data;
#[path = "src/lexicon.rs"]
mod lexicon;
#[path = "src/lexicons.rs"]
mod lexicons;

use data::DataError;

fn main() {
    for input in [
        "../../data",
        "src/data.rs",
        "src/lexicon.rs",
        "src/lexicons.rs",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let lexicons = lexicons::Lexicons::load(&data::DataSource::default())
        .unwrap_or_else(|error: DataError| panic!("building the embedded lexicons: {error}"));
    let bytes = postcard::to_allocvec(&lexicons).expect("the lexicons serialise");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("lexicons.postcard"), bytes).expect("OUT_DIR is writable");
}
