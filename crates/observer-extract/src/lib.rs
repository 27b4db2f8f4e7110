//! Turns an article into coded events. (API skeleton; the engine is being written.)

use observer_model::{Article, Event};
use std::path::Path;

/// Version of the extraction rules and data; stored with each coded article so that
/// a newer engine re-codes what an older one coded.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+rules.1");

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub events: Vec<Event>,
    pub sentences: Vec<observer_text::Sentence>,
    /// Things a user should know ("no publication date: relative dates left unresolved").
    pub notes: Vec<String>,
}

/// The loaded lexicons and gazetteer; build once, share across threads.
pub struct Extractor {}

impl Extractor {
    /// Uses the data files embedded in the binary.
    pub fn embedded() -> Result<Extractor, DataError> {
        Ok(Extractor {})
    }

    /// Uses the files of `dir` where present, the embedded ones for the rest.
    pub fn with_data_dir(dir: &Path) -> Result<Extractor, DataError> {
        let _ = dir;
        Ok(Extractor {})
    }

    pub fn extract(&self, article: &Article) -> Extraction {
        Extraction {
            sentences: observer_text::sentences(&article.text),
            ..Extraction::default()
        }
    }
}
