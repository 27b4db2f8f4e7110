//! What the sentence-level test files share: one embedded extractor, and the events it codes
//! from a text published on a given day.

use observer_extract::Extractor;
use observer_model::{Article, Event};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::embedded().unwrap())
}

/// The events of `text` as an article published on `published` (YYYY-MM-DD).
pub fn events_published(text: &str, published: &str) -> Vec<Event> {
    let article = Article {
        id: "t".into(),
        source: None,
        url: None,
        published: Some(published.parse().unwrap()),
        title: None,
        text: text.into(),
        lang: None,
        extra: Default::default(),
    };
    extractor().extract(&article).events
}
