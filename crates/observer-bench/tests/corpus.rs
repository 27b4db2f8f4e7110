//! The generated corpus is deterministic, has the size asked for, and reads as Observer input.

use observer_bench::{Generator, write_jsonl};
use observer_ingest::{Format, Metadata, read_stream};
use std::io::Cursor;

fn corpus(articles: u64, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    write_jsonl(&mut out, articles, seed).unwrap();
    out
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    assert_eq!(corpus(50, 7), corpus(50, 7));
    assert_ne!(corpus(50, 7), corpus(50, 8));
    // Article i does not depend on how many are generated.
    assert!(corpus(50, 7).starts_with(&corpus(20, 7)));
}

#[test]
fn writes_one_line_per_article_each_ingestible() {
    let bytes = corpus(200, 3);
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(lines, 200);
    let records: Vec<_> = read_stream(
        "corpus.jsonl",
        Cursor::new(bytes),
        &Metadata::default(),
        Format::Jsonl,
    )
    .collect();
    assert_eq!(records.len(), 200);
    for (i, record) in records.into_iter().enumerate() {
        let record = record.unwrap();
        let article = record.article;
        assert_eq!(article.id, format!("gen-3-{i}"));
        assert!(article.published.is_some(), "{}", article.id);
        assert!(article.source.is_some() && article.url.is_some() && article.title.is_some());
        assert!(record.warnings.is_empty(), "{:?}", record.warnings);
    }
}

#[test]
fn articles_read_like_news() {
    let articles: Vec<_> = Generator::new(11).articles(300).collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mean = bytes / articles.len();
    // A day of world news is about 1 GB in 250,000 articles: about 4 kB each.
    assert!((2_500..6_000).contains(&mean), "mean article {mean} bytes");

    let sentences: Vec<&str> = articles
        .iter()
        .flat_map(|a| {
            observer_text::sentences(&a.text)
                .into_iter()
                .map(|s| &a.text[s.start..s.end])
        })
        .collect();
    let words: usize = sentences.iter().map(|s| s.split_whitespace().count()).sum();
    let mean_words = words / sentences.len();
    assert!(
        (15..35).contains(&mean_words),
        "mean sentence {mean_words} words"
    );

    let all: String = articles.iter().map(|a| a.text.as_str()).collect();
    for expected in [
        "killed",
        "said",
        "according to",
        "at least",
        "\u{201c}",
        "\"",
        "Foreign Minister",
        "the United Nations",
        "forces",
        "on Tuesday",
        "percent",
        "\n\n",
    ] {
        assert!(all.contains(expected), "no {expected:?} in the corpus");
    }
    let conflict_free = articles
        .iter()
        .filter(|a| {
            !["killed", "attack", "strike", "fighting", "shelled"]
                .iter()
                .any(|w| a.text.contains(w))
        })
        .count();
    assert!(
        conflict_free > 10,
        "only {conflict_free} articles without conflict words"
    );
}
