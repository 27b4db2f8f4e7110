//! HTML extraction quality on pages built in the style of real outlets (a news site with
//! navigation, ads, captions and "read more" blocks; a blog; a wire-service page; an AMP page; a
//! page whose metadata is only JSON-LD; and, written after the extractor was settled and never
//! tuned against, a regional paper with a cookie notice, key points, a newsletter box and a pull
//! quote), each with its expected text and metadata by hand.
//!
//! Prints token-level precision and recall of the main text and the accuracy of each metadata
//! field (`cargo test -p observer-ingest --test html_quality -- --nocapture`), and fails below
//! the floors, which sit a little under the figures measured.

use observer_ingest::{extract_page, parse_date};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

const PAGES: [&str; 6] = ["news-site", "blog", "wire", "amp", "jsonld", "regional"];
const METADATA: [&str; 5] = ["title", "byline", "published", "url", "site_name"];

/// Lower-case word tokens, counted.
fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
    {
        *counts.entry(token.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Tokens in common (as multisets), tokens extracted, tokens expected.
fn overlap(extracted: &str, expected: &str) -> (usize, usize, usize) {
    let got = tokens(extracted);
    let want = tokens(expected);
    let common = got
        .iter()
        .map(|(token, n)| (*n).min(want.get(token).copied().unwrap_or(0)))
        .sum();
    (common, got.values().sum(), want.values().sum())
}

fn field_matches(field: &str, got: Option<&str>, expected: &str) -> bool {
    let Some(got) = got else { return false };
    match field {
        "published" => parse_date(got).map(|date| date.to_string()).as_deref() == Some(expected),
        "byline" => {
            let got = got.trim();
            let got = got.strip_prefix("By ").unwrap_or(got);
            got.eq_ignore_ascii_case(expected)
        }
        _ => got.trim() == expected,
    }
}

#[test]
fn main_text_and_metadata_are_extracted_from_outlet_style_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let (mut common, mut extracted, mut expected_total) = (0, 0, 0);
    let mut fields_right: HashMap<&str, usize> = HashMap::new();
    let mut report = String::from("page        precision  recall  metadata wrong\n");
    for name in PAGES {
        let html = std::fs::read_to_string(dir.join(format!("{name}.html"))).unwrap();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap();
        let page = extract_page(&html, None).unwrap();
        let (c, e, x) = overlap(&page.text, expected["text"].as_str().unwrap());
        common += c;
        extracted += e;
        expected_total += x;
        let mut wrong = Vec::new();
        for field in METADATA {
            let got = match field {
                "title" => page.title.as_deref(),
                "byline" => page.byline.as_deref(),
                "published" => page.published.as_deref(),
                "url" => page.url.as_deref(),
                _ => page.site_name.as_deref(),
            };
            if field_matches(field, got, expected[field].as_str().unwrap()) {
                *fields_right.entry(field).or_insert(0) += 1;
            } else {
                wrong.push(format!("{field}={got:?}"));
            }
        }
        report.push_str(&format!(
            "{name:<11} {:>9.3} {:>7.3}  {}\n",
            c as f64 / e.max(1) as f64,
            c as f64 / x.max(1) as f64,
            wrong.join(", ")
        ));
    }
    let precision = common as f64 / extracted.max(1) as f64;
    let recall = common as f64 / expected_total.max(1) as f64;
    report.push_str(&format!(
        "all pages   {precision:>9.3} {recall:>7.3}  ({common} of {extracted} tokens extracted are expected, {expected_total} expected)\n"
    ));
    let mut metadata_right = 0;
    for field in METADATA {
        let right = fields_right.get(field).copied().unwrap_or(0);
        metadata_right += right;
        report.push_str(&format!("{field:<10} {right}/{} right\n", PAGES.len()));
    }
    let metadata_accuracy = metadata_right as f64 / (METADATA.len() * PAGES.len()) as f64;
    report.push_str(&format!("metadata accuracy {metadata_accuracy:.3}\n"));
    println!("{report}");
    assert!(
        precision >= 0.9,
        "main-text precision {precision:.3} below 0.9\n{report}"
    );
    assert!(
        recall >= 0.95,
        "main-text recall {recall:.3} below 0.95\n{report}"
    );
    assert!(
        metadata_accuracy >= 0.85,
        "metadata accuracy below 0.85\n{report}"
    );
}
