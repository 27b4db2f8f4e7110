//! Property tests of the whole extraction on generated text: it never panics, it is
//! deterministic (the same article gives the same events, byte for byte as JSON), and every span
//! it reports lies inside the article on character boundaries and quotes the article exactly.
//!
//! Two kinds of text are generated: news-like prose assembled from conflict-reporting phrases
//! (actors, event words, numbers sane and absurd, dates, quotes, negations, right-to-left and
//! non-Latin text, odd spacing), which reaches deep into the layers, and arbitrary Unicode, which
//! tries everything else. `PROPTEST_CASES` raises the number of cases for a longer run.

use chrono::NaiveDate;
use observer_extract::Extractor;
use observer_model::Article;
use proptest::prelude::*;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::embedded().unwrap());

/// Pieces of news copy that the layers react to, and pieces that test their edges.
const PHRASES: &[&str] = &[
    "Russian forces",
    "the Ukrainian army",
    "Azerbaijan",
    "Armenian officials",
    "Hamas",
    "the Israeli military",
    "RSF fighters",
    "Sudan's army",
    "the United Nations",
    "President Aliyev",
    "the ministry",
    "he",
    "protesters",
    "police",
    "shelled",
    "attacked",
    "killed",
    "wounded",
    "fired tear gas at",
    "signed a ceasefire with",
    "denied",
    "did not attack",
    "may strike",
    "said",
    "according to",
    "claimed",
    "at least 772",
    "dozens of",
    "10^30",
    "-5",
    "99999999999999999999",
    "1,200",
    "3.5",
    "twenty-one",
    "civilians",
    "soldiers",
    "in Stepanakert",
    "near Kharkiv",
    "in Khartoum",
    "on Tuesday",
    "last week",
    "on Oct. 3",
    "a week earlier",
    "on 2020-10-20",
    "U.S.",
    "Gen.",
    ".",
    ",",
    ".\n\n",
    "\n",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "(",
    ")",
    "?",
    "—",
    "قالت وزارة الدفاع",
    "\u{202e}",
    "\u{200f}",
    "Жители сообщили",
    "战斗",
    "e\u{301}",
    "🇺🇦",
    "\t",
    "\u{0}",
    "\u{7}",
];

/// News-like text: phrases joined by spaces (or not).
fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PHRASES), any::<bool>()), 0..120).prop_map(
        |pieces| {
            let mut text = String::new();
            for (phrase, spaced) in pieces {
                text.push_str(phrase);
                if spaced {
                    text.push(' ');
                }
            }
            text
        },
    )
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => news_text(), 1 => any::<String>()]
}

fn published() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of(
        (1990i32..2030, 1u32..=366)
            .prop_filter_map("a real day", |(y, d)| NaiveDate::from_yo_opt(y, d)),
    )
}

fn article(text: String, published: Option<NaiveDate>) -> Article {
    Article {
        id: "prop".into(),
        url: None,
        source: Some("Property Wire".into()),
        published,
        title: None,
        text,
        lang: None,
        extra: Default::default(),
    }
}

proptest! {
    #[test]
    fn every_span_lies_inside_the_text_on_character_boundaries(
        text in any_text(),
        published in published(),
    ) {
        let article = article(text, published);
        let extraction = EXTRACTOR.extract(&article);
        for sentence in &extraction.sentences {
            prop_assert!(sentence.start < sentence.end && sentence.end <= article.text.len());
            prop_assert!(article.text.is_char_boundary(sentence.start));
            prop_assert!(article.text.is_char_boundary(sentence.end));
        }
        for event in &extraction.events {
            prop_assert_eq!(event.check_spans(&article.text), Ok(()));
            prop_assert!(event.evidence.sentence < extraction.sentences.len());
            prop_assert_eq!(&event.article_id, &article.id);
        }
    }

    #[test]
    fn extraction_is_deterministic_byte_for_byte(
        text in any_text(),
        published in published(),
    ) {
        let article = article(text, published);
        let first = serde_json::to_string(&EXTRACTOR.extract(&article).events).unwrap();
        let second = serde_json::to_string(&EXTRACTOR.extract(&article).events).unwrap();
        prop_assert_eq!(first, second);
    }
}

/// The span check itself catches a span that splits a character or quotes the wrong text, so the
/// properties above can fail.
#[test]
fn the_span_check_rejects_broken_spans() {
    let text = "Şüşə: Armenian forces shelled Stepanakert on Tuesday, officials said.";
    let article = article(text.into(), NaiveDate::from_ymd_opt(2020, 10, 20));
    let extraction = EXTRACTOR.extract(&article);
    let event = extraction.events.first().expect("an event is coded");
    assert_eq!(event.check_spans(text), Ok(()));

    let mut split = event.clone();
    split.evidence.start = 1; // inside "Ş"
    assert!(split.check_spans(text).is_err());

    let mut misquoted = event.clone();
    misquoted.evidence.text.push('!');
    assert!(misquoted.check_spans(text).is_err());

    let mut beyond = event.clone();
    if let Some(field) = beyond.provenance.iter_mut().find(|f| f.start.is_some()) {
        field.end = Some(text.len() + 4);
    }
    assert!(beyond.check_spans(text).is_err());
}
