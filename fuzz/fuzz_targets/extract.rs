//! Fuzzes the whole extraction with the embedded data: any text gives events whose every span
//! lies inside the text on character boundaries, and coding it again gives the same events.
#![no_main]

use libfuzzer_sys::fuzz_target;
use observer_extract::Extractor;
use observer_model::Article;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::embedded().expect("the embedded data loads"));

fuzz_target!(|text: &str| {
    let article = Article {
        id: "fuzz".into(),
        url: None,
        source: None,
        published: chrono::NaiveDate::from_ymd_opt(2024, 2, 29),
        title: None,
        text: text.to_string(),
        lang: None,
        extra: Default::default(),
    };
    let extraction = EXTRACTOR.extract(&article);
    for event in &extraction.events {
        if let Err(problem) = event.check_spans(text) {
            panic!("{problem}");
        }
    }
    assert_eq!(EXTRACTOR.extract(&article).events, extraction.events);
});
