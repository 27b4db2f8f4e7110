//! Coding read articles, the same way for every front end (`observer ingest`, `extract`,
//! `worker`, `bench` and the server's `POST /api/articles`): an article not in English is kept
//! uncoded with a note saying why, and an article on which the extractor fails is reported as a
//! [`Skip`] instead of ending the run, so one bad article in a large batch loses nothing else.

use observer_extract::{Extraction, Extractor};
use observer_ingest::{Record, Skip};
use observer_model::Article;
use rayon::prelude::*;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

/// Codes the records' articles on all cores, keeping their order. An article on which the
/// extractor fails (panics) comes back as a [`Skip`], so one bad article cannot end a long run.
/// An article not in English is not coded: it comes back with no events and a note saying so.
pub fn code_all(
    extractor: &Extractor,
    records: Vec<Record>,
) -> Vec<Result<(Record, Extraction), Skip>> {
    records
        .into_par_iter()
        .map(|record| {
            if let Some(reason) = not_coded_reason(&record.article) {
                let extraction = Extraction {
                    events: Vec::new(),
                    sentences: Vec::new(),
                    notes: vec![reason],
                };
                return Ok((record, extraction));
            }
            match caught(|| extractor.extract(&record.article)) {
                Ok(extraction) => Ok((record, extraction)),
                Err(panic) => Err(Skip::new(
                    record.origin,
                    format!("extraction failed (a bug in Observer): {panic}"),
                )),
            }
        })
        .collect()
}

/// Why an article is stored but not coded: the engine's lexicons and patterns are English, and
/// coding another language would only produce garbage.
pub fn not_coded_reason(article: &Article) -> Option<String> {
    let lang = article.lang.as_deref();
    (!observer_ingest::is_english(lang)).then(|| {
        let lang = lang.unwrap_or_default();
        format!(
            "not coded yet: the article is in {} ({lang}) and Observer codes English only",
            observer_ingest::language_name(lang)
        )
    })
}

/// The extractor version stored with a coded article: this engine's, or none for an article left
/// un-coded (see [`not_coded_reason`]), so that an engine that codes its language picks it up.
pub fn stored_version(article: &Article) -> &'static str {
    if not_coded_reason(article).is_some() {
        ""
    } else {
        observer_extract::VERSION
    }
}

/// Whether an article stored with `version` is as this engine would store it again: coded by
/// this version, or left un-coded and still not codable.
pub fn up_to_date(version: &str, article: &Article) -> bool {
    version == stored_version(article)
}

/// Runs `f`, turning a panic into its message and place, without printing it.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    capture_extraction_panics();
    EXTRACTING.set(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    EXTRACTING.set(false);
    result.map_err(|_| {
        CAUGHT_PANIC
            .take()
            .unwrap_or_else(|| "unknown error".to_string())
    })
}

thread_local! {
    /// Set while this thread runs [`caught`], whose panics become errors.
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the extractor's last panic on this thread.
    static CAUGHT_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Routes panics inside [`caught`] to [`CAUGHT_PANIC`] instead of stderr (where they would
/// tear through the progress bar, once per bad article); every other panic prints as usual.
fn capture_extraction_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if EXTRACTING.get() {
                let message = info.payload_as_str().unwrap_or("panic");
                let place = info
                    .location()
                    .map(|at| format!(" at {}:{}", at.file(), at.line()))
                    .unwrap_or_default();
                CAUGHT_PANIC.set(Some(format!("{message}{place}")));
            } else {
                default_hook(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_messages_with_their_place() {
        let message = caught(|| -> u32 { panic!("boom {}", 42) }).unwrap_err();
        assert!(message.starts_with("boom 42 at "), "{message}");
        assert!(message.contains("lib.rs:"), "{message}");
        assert_eq!(caught(|| 7), Ok(7));
    }
}
