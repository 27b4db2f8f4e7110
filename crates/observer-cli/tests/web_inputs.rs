//! `observer ingest` on web inputs, end to end: a saved HTML page (and one piped in with
//! `--format html`), RSS and Atom feed files, and WARC archives plain and gzipped; each bad
//! record reported and skipped; non-English articles stored but not coded; nothing re-coded on a
//! second run.

#[path = "common/mod.rs"]
mod common;

use common::Sandbox;
use std::path::{Path, PathBuf};

fn fixture(relative: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../observer-ingest/tests/fixtures")
        .join(relative);
    path.to_string_lossy().into_owned()
}

#[test]
fn a_saved_page_is_ingested_with_its_metadata_and_coded() {
    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.run(&["ingest", &fixture("html/news-site.html")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("ingested 1 article (1 new, 0 updated, 0 unchanged)"),
        "{stderr}"
    );
    let (code, events, _) =
        sandbox.run(&["events", "--format", "jsonl", "--source", "harbour ledger"]);
    assert_eq!(code, 0);
    assert!(
        events.lines().count() >= 1,
        "no events coded from the page: {stderr}"
    );
    assert!(
        events.contains("\"2023-03-1"),
        "events not dated from the page's date: {events}"
    );
}

#[test]
fn a_page_on_stdin_is_read_with_format_html() {
    let sandbox = Sandbox::new();
    let page = std::fs::read(fixture("html/wire.html")).unwrap();
    let output = sandbox
        .observer(&["ingest", "--format", "html", "-"])
        .write_stdin(page)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("ingested 1 article (1 new"), "{stderr}");
    let (_, events, _) = sandbox.run(&["events", "--format", "jsonl", "--source", "meridian"]);
    assert!(!events.is_empty());
}

#[test]
fn feed_items_are_ingested_bad_items_skipped_and_french_left_uncoded() {
    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.run(&[
        "ingest",
        &fixture("feeds/world.rss"),
        &fixture("feeds/wire.atom"),
        &fixture("feeds/broken.rss"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "ingested 5 articles (5 new, 0 updated, 0 unchanged, 1 not in English stored un-coded)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("world.rss item 3 item has neither content nor summary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("broken.rss not a valid RSS or Atom feed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("not coded yet: the article is in French (fra)"),
        "{stderr}"
    );

    let (code, _, again) = sandbox.run(&["ingest", &fixture("feeds/world.rss")]);
    assert_eq!(code, 0);
    assert!(again.contains("(0 new, 0 updated, 3 unchanged)"), "{again}");
}

#[test]
fn warc_archives_give_their_html_pages_and_count_the_rest() {
    let sandbox = Sandbox::new();
    let (code, _, stderr) = sandbox.run(&["ingest", &fixture("warc/crawl.warc.gz")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "passed over 4 records of WARC files: 1 not HTML, 1 not status 200, 2 not a response"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("ingested 2 articles (2 new"), "{stderr}");
    assert!(
        stderr.contains("crawl.warc.gz record 6 not an HTTP response"),
        "{stderr}"
    );
    assert!(
        stderr.contains("crawl.warc.gz record 7 malformed WARC record"),
        "{stderr}"
    );
    // The same pages uncompressed are the same articles.
    let (_, _, again) = sandbox.run(&["ingest", &fixture("warc/crawl.warc")]);
    assert!(again.contains("(0 new, 0 updated, 2 unchanged)"), "{again}");
    let (_, events, _) = sandbox.run(&["events", "--format", "jsonl", "--source", "lakeside"]);
    assert!(!events.is_empty());
}
