//! Reading articles from text files, JSON Lines, HTML pages, RSS/Atom feeds and WARC archives
//! (each optionally gzipped), directories and standard input.
//!
//! Everything streams: a JSON Lines file is read one line at a time and a WARC file one record at
//! a time, so multi-gigabyte inputs never sit in memory. A record that cannot be read becomes a [`Skip`] naming its file (and line); the
//! reader then goes on with the rest. Nothing here panics, whatever the bytes.
//!
//! ```no_run
//! use observer_ingest::{read_inputs, Format, Metadata};
//! let inputs = vec![std::path::PathBuf::from("articles/")];
//! for item in read_inputs(&inputs, &Metadata::default(), Format::Auto) {
//!     match item {
//!         Ok(record) => println!("{} {}", record.origin, record.article.id),
//!         Err(skip) => eprintln!("skipped {skip}"),
//!     }
//! }
//! ```

mod archive;
mod batch;
mod date;
mod feed;
mod fields;
mod html;
mod jsonl;
mod lang;
mod reader;
mod text;

use std::fmt;

pub use archive::PassedOver;
pub use batch::{ArticleIndex, Batch, Merge, Queued};
pub use date::{latest_publication_date, parse_date};
pub use feed::{FeedItem, TEXT_FROM_SUMMARY, parse_feed};
pub use html::{Page, extract_page};
pub use lang::{detect_language, is_english, language_name};
pub use reader::{DEFAULT_MAX_BYTES, Reader, read_inputs, read_stream};
pub use text::parse_text;

/// The name [`Origin::file`] has for standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Where a record came from: a file (or "<stdin>") and, for JSON Lines, the 1-based line; for a
/// feed or a WARC file, the 1-based item or record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: Option<usize>,
    /// What kind of part of the file ("item", "record") and its 1-based number.
    pub part: Option<(&'static str, usize)>,
}

impl Origin {
    /// A whole file or stream.
    pub fn file(name: impl Into<String>) -> Origin {
        Origin {
            file: name.into(),
            line: None,
            part: None,
        }
    }

    /// One line of a file or stream.
    pub fn line(name: impl Into<String>, line: usize) -> Origin {
        Origin {
            file: name.into(),
            line: Some(line),
            part: None,
        }
    }

    /// One item of a feed, or one record of a WARC file: `kind` names which.
    pub fn part(name: impl Into<String>, kind: &'static str, number: usize) -> Origin {
        Origin {
            file: name.into(),
            line: None,
            part: Some((kind, number)),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.part) {
            (Some(line), _) => write!(f, "{}:{line}", self.file),
            (None, Some((kind, number))) => write!(f, "{} {kind} {number}", self.file),
            (None, None) => f.write_str(&self.file),
        }
    }
}

/// An article read successfully, with non-fatal problems (e.g. an unparseable date that was dropped).
#[derive(Debug, Clone)]
pub struct Record {
    pub article: observer_model::Article,
    pub origin: Origin,
    pub warnings: Vec<String>,
}

/// A record that could not be read; the reader goes on with the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub origin: Origin,
    pub reason: String,
}

impl Skip {
    pub fn new(origin: Origin, reason: impl Into<String>) -> Skip {
        Skip {
            origin,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.origin, self.reason)
    }
}

impl std::error::Error for Skip {}

/// Metadata given on the command line. For a text file (or text on stdin) a value given here wins
/// over the file's front matter; for JSON Lines it only fills fields a record lacks.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub published: Option<chrono::NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// How to read a file named explicitly, or standard input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// By extension; when the extension says nothing, by content (`{` first → JSON Lines, `WARC/`
    /// → WARC, an `<rss>`, `<feed>` or `<rdf:RDF>` root → feed, `<html` or `<!doctype html` →
    /// HTML, anything else text).
    #[default]
    Auto,
    /// The whole input is one article, with optional front matter.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// One HTML page: its main text and metadata.
    Html,
    /// An RSS 2.0, RSS 1.0 or Atom feed: each item an article.
    Feed,
    /// A WARC web archive: each HTML response record an article.
    Warc,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_skips_display_as_file_and_line() {
        assert_eq!(
            Origin::line("path/a.jsonl", 12).to_string(),
            "path/a.jsonl:12"
        );
        assert_eq!(Origin::file("path/b.txt").to_string(), "path/b.txt");
        let skip = Skip::new(
            Origin::line("path/a.jsonl", 12),
            "invalid JSON: expected value at column 1",
        );
        assert_eq!(
            skip.to_string(),
            "path/a.jsonl:12 invalid JSON: expected value at column 1"
        );
    }
}
