//! Reading the fixture files under tests/fixtures the way the CLI does: every input kind, every bad
//! case reported with its file (and line), and the good records around the bad ones still read.

use chrono::NaiveDate;
use observer_ingest::{
    Format, Metadata, Origin, Record, Skip, parse_text, read_inputs, read_stream,
};
use observer_model::Article;
use std::io::Cursor;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture(relative: &str) -> PathBuf {
    fixtures().join(relative)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn read(relative: &[&str], meta: &Metadata, format: Format) -> Vec<Result<Record, Skip>> {
    let paths: Vec<PathBuf> = relative.iter().map(|r| fixture(r)).collect();
    read_inputs(&paths, meta, format).collect()
}

/// One line per item, with the fixtures directory left out of file names: "ok FILE:LINE ID" or
/// "skip FILE:LINE REASON".
fn summary(items: &[Result<Record, Skip>]) -> Vec<String> {
    let root = format!("{}/", fixtures().display());
    items
        .iter()
        .map(|item| match item {
            Ok(record) => format!("ok {} {}", record.origin, record.article.id),
            Err(skip) => format!("skip {skip}"),
        })
        .map(|line| line.replace(&root, ""))
        .collect()
}

fn records(items: Vec<Result<Record, Skip>>) -> Vec<Record> {
    items.into_iter().map(Result::unwrap).collect()
}

#[test]
fn front_matter_fills_the_article_fields() {
    let items = read(
        &["text/front-matter.txt"],
        &Metadata::default(),
        Format::Auto,
    );
    let [record] = records(items).try_into().unwrap();
    let article = &record.article;
    assert_eq!(
        article.title.as_deref(),
        Some("Talks resume in the border town")
    );
    assert_eq!(article.source.as_deref(), Some("Example Wire"));
    assert_eq!(article.published, Some(ymd(2021, 3, 15)));
    assert_eq!(
        article.url.as_deref(),
        Some("https://news.example/2021/03/talks")
    );
    assert_eq!(article.lang.as_deref(), Some("en"));
    assert_eq!(article.extra["desk"], "Foreign");
    assert_eq!(
        article.text,
        "Negotiators from both sides met in the border town on Monday, the ministry said.\n\n\
         A second round is planned for next week."
    );
    assert_eq!(
        record.origin,
        Origin::file(fixture("text/front-matter.txt").display().to_string())
    );
    assert!(record.warnings.is_empty());
}

#[test]
fn command_line_metadata_wins_over_front_matter() {
    let meta = Metadata {
        published: Some(ymd(2020, 10, 20)),
        source: Some("Command Line News".into()),
        url: None,
        title: Some("Given title".into()),
    };
    let items = read(&["text/front-matter.txt"], &meta, Format::Auto);
    let [record] = records(items).try_into().unwrap();
    let article = &record.article;
    assert_eq!(article.published, Some(ymd(2020, 10, 20)));
    assert_eq!(article.source.as_deref(), Some("Command Line News"));
    assert_eq!(article.title.as_deref(), Some("Given title"));
    // Not given on the command line: the front matter's.
    assert_eq!(
        article.url.as_deref(),
        Some("https://news.example/2021/03/talks")
    );
    assert_eq!(
        article.id,
        Article::derive_id(
            Some("Command Line News"),
            Some("https://news.example/2021/03/talks"),
            &article.text
        )
    );
}

#[test]
fn plain_bom_crlf_and_utf16_text_files_are_read() {
    let items = read(
        &["text/plain.txt", "text/bom-crlf.txt", "text/utf16.txt"],
        &Metadata::default(),
        Format::Auto,
    );
    let texts: Vec<String> = records(items).into_iter().map(|r| r.article.text).collect();
    assert_eq!(
        texts,
        [
            "Heavy rain flooded the river valley on Sunday, local officials said.\n\
             Hundreds of families left their homes.",
            "The aid convoy reached the city at dawn.\nIt carried food and medicine.",
            "Schools reopened in the capital on Tuesday.",
        ]
    );
}

#[test]
fn jsonl_maps_fields_and_keeps_extra_ones() {
    let items = read(&["jsonl/good.jsonl"], &Metadata::default(), Format::Auto);
    let records = records(items);
    assert_eq!(records.len(), 3);

    let first = &records[0].article;
    assert_eq!(first.id, "g-1");
    assert_eq!(first.published, Some(ymd(2021, 5, 4)));
    assert_eq!(first.title.as_deref(), Some("Ceasefire holds"));
    assert_eq!(first.extra["section"], "world");
    assert_eq!(first.extra["tags"], serde_json::json!(["truce", "talks"]));
    assert_eq!(first.extra["wordcount"], 7);
    assert_eq!(first.extra.len(), 3);

    let second = &records[1].article;
    assert_eq!(
        second.published,
        Some(ymd(2021, 5, 4)),
        "from `date`, RFC 2822"
    );
    assert_eq!(second.lang.as_deref(), Some("en"));
    assert_eq!(
        second.id,
        Article::derive_id(
            Some("Example Wire"),
            Some("https://news.example/g2"),
            &second.text
        )
    );
    assert!(second.extra.is_empty());

    let third = &records[2].article;
    assert_eq!(third.id, "1007");
    assert_eq!(third.extra["author"], serde_json::Value::Null);
    let lines: Vec<_> = records.iter().map(|r| r.origin.line).collect();
    assert_eq!(lines, [Some(1), Some(2), Some(3)]);
}

#[test]
fn jsonl_metadata_only_fills_missing_fields() {
    let meta = Metadata {
        published: Some(ymd(2020, 10, 20)),
        source: Some("Command Line News".into()),
        url: None,
        title: Some("Default title".into()),
    };
    let records = records(read(&["jsonl/good.jsonl"], &meta, Format::Auto));
    assert_eq!(records[0].article.source.as_deref(), Some("Example Wire"));
    assert_eq!(records[0].article.title.as_deref(), Some("Ceasefire holds"));
    assert_eq!(records[0].article.published, Some(ymd(2021, 5, 4)));
    assert_eq!(
        records[2].article.source.as_deref(),
        Some("Command Line News")
    );
    assert_eq!(records[2].article.title.as_deref(), Some("Default title"));
    assert_eq!(records[2].article.published, Some(ymd(2020, 10, 20)));
}

#[test]
fn gzipped_jsonl_reads_like_plain() {
    let plain = records(read(
        &["jsonl/good.jsonl"],
        &Metadata::default(),
        Format::Auto,
    ));
    let gzipped = records(read(
        &["jsonl/good.jsonl.gz"],
        &Metadata::default(),
        Format::Auto,
    ));
    let articles = |records: &[Record]| {
        records
            .iter()
            .map(|r| r.article.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(articles(&plain), articles(&gzipped));
    assert!(
        gzipped[0]
            .origin
            .to_string()
            .ends_with("jsonl/good.jsonl.gz:1")
    );
}

#[test]
fn truncated_gzip_yields_what_came_before_then_one_skip() {
    let items = read(
        &["jsonl/truncated.jsonl.gz", "text/plain.txt"],
        &Metadata::default(),
        Format::Auto,
    );
    let lines = summary(&items);
    let good = items.iter().take_while(|item| item.is_ok()).count();
    assert!(good > 10 && good < 200, "{good} records before the cut");
    for (index, item) in items[..good].iter().enumerate() {
        let record = item.as_ref().unwrap();
        assert_eq!(record.article.id, format!("t-{index}"));
    }
    let skip = &lines[good];
    assert!(
        skip.starts_with(&format!(
            "skip jsonl/truncated.jsonl.gz gzip data truncated or corrupt after line {good}:"
        )),
        "{skip}"
    );
    // The next input is still read.
    assert_eq!(items.len(), good + 2);
    assert!(lines[good + 1].starts_with("ok text/plain.txt "));
}

#[test]
fn every_bad_jsonl_line_is_reported_and_the_rest_read() {
    let items: Vec<_> = read_inputs(
        &[fixture("jsonl/mixed.jsonl")],
        &Metadata::default(),
        Format::Auto,
    )
    .with_max_bytes(300)
    .collect();
    let derived_last = Article::derive_id(None, None, "Last good line, with no id and no url.");
    let derived_market = Article::derive_id(None, None, "The market reopened.");
    let derived_future = Article::derive_id(None, None, "A report dated far ahead.");
    assert_eq!(
        summary(&items),
        [
            "ok jsonl/mixed.jsonl:1 m-1".to_string(),
            "skip jsonl/mixed.jsonl:3 invalid JSON: expected ident at column 2".into(),
            "skip jsonl/mixed.jsonl:4 not a JSON object (found an array)".into(),
            "skip jsonl/mixed.jsonl:5 missing field `text`".into(),
            "skip jsonl/mixed.jsonl:6 field `text` is empty".into(),
            format!("ok jsonl/mixed.jsonl:7 {derived_market}"),
            "skip jsonl/mixed.jsonl:8 field `published` must be a string".into(),
            "skip jsonl/mixed.jsonl:9 not valid UTF-8 (byte 13 of the line)".into(),
            "ok jsonl/mixed.jsonl:10 7".into(),
            format!("ok jsonl/mixed.jsonl:11 {derived_future}"),
            "skip jsonl/mixed.jsonl:12 line longer than 300 bytes, the limit for one record".into(),
            format!("ok jsonl/mixed.jsonl:14 {derived_last}"),
        ]
    );
    let warnings = |index: usize| items[index].as_ref().unwrap().warnings.clone();
    assert_eq!(
        warnings(5),
        ["unparseable publication date \"sometime soon\""]
    );
    assert_eq!(warnings(8), Vec::<String>::new());
    assert_eq!(
        warnings(9),
        ["publication date 2999-01-01 is in the future"]
    );
    assert_eq!(items[9].as_ref().unwrap().article.published, None);
}

#[test]
fn every_bad_text_file_is_reported_by_name() {
    let items = read(
        &[
            "bad/never-closed.txt",
            "bad/empty.txt",
            "bad/blank.md",
            "bad/nul.txt",
            "bad/latin1.txt",
            "text/plain.txt",
            "bad/does-not-exist.txt",
        ],
        &Metadata::default(),
        Format::Auto,
    );
    let lines = summary(&items);
    assert_eq!(
        lines[..5],
        [
            "skip bad/never-closed.txt malformed front matter: the `---` on line 1 is never closed",
            "skip bad/empty.txt empty article",
            "skip bad/blank.md empty article",
            "skip bad/nul.txt binary data, not text (it holds NUL characters)",
            "skip bad/latin1.txt not valid UTF-8 (byte 3)",
        ]
    );
    assert!(lines[5].starts_with("ok text/plain.txt "));
    assert_eq!(
        lines[6],
        "skip bad/does-not-exist.txt cannot read: No such file or directory (os error 2)"
    );
}

#[test]
fn bad_and_future_dates_are_dropped_with_warnings() {
    let items = read(
        &["bad/bad-date.txt", "bad/future-date.txt"],
        &Metadata::default(),
        Format::Auto,
    );
    let [bad, future] = records(items).try_into().unwrap();
    assert_eq!(bad.article.published, None);
    assert_eq!(
        bad.warnings,
        ["unparseable publication date \"the other day\""]
    );
    assert_eq!(future.article.published, None);
    assert_eq!(
        future.warnings,
        ["publication date 2999-01-01 is in the future"]
    );
}

#[test]
fn a_directory_is_walked_in_path_order_by_extension() {
    let items = read(&["mixed-dir"], &Metadata::default(), Format::Auto);
    let first_text =
        Article::derive_id(Some("Example Wire"), None, "Troops withdrew from the hill.");
    let markdown = Article::derive_id(None, None, "# Market report\n\nPrices of bread rose again.");
    let z_first = Article::derive_id(None, None, "Fine.");
    assert_eq!(
        summary(&items),
        [
            format!("ok mixed-dir/a-first.txt {first_text}"),
            "ok mixed-dir/b-second.jsonl:1 dir-1".into(),
            "ok mixed-dir/b-second.jsonl:2 dir-2".into(),
            format!("ok mixed-dir/sub/c-third.md {markdown}"),
            "ok mixed-dir/sub/d-fourth.ndjson.gz:1 dir-gz".into(),
            format!("ok mixed-dir/z-broken.jsonl:1 {z_first}"),
            "skip mixed-dir/z-broken.jsonl:2 invalid JSON: EOF while parsing a value at column 9"
                .into(),
        ]
    );
}

#[test]
fn a_directory_without_article_files_gives_one_skip() {
    let items = read(
        &["no-articles", "text/plain.txt"],
        &Metadata::default(),
        Format::Auto,
    );
    let lines = summary(&items);
    assert_eq!(
        lines[0],
        "skip no-articles no article files (.txt .text .md .jsonl .ndjson .html .htm .xhtml .rss .atom \
         .warc, optionally .gz) in this directory"
    );
    assert_eq!(lines.len(), 2);
}

#[test]
fn explicit_files_are_read_by_format_or_sniffed() {
    let items = read(
        &["sniff/feed.dat", "sniff/story.log", "sniff/packed.bin"],
        &Metadata::default(),
        Format::Auto,
    );
    let story = Article::derive_id(None, None, "Sniffed as a text article.");
    assert_eq!(
        summary(&items),
        [
            "ok sniff/feed.dat:3 s-1".to_string(),
            format!("ok sniff/story.log {story}"),
            "ok sniff/packed.bin:1 s-gz".into(),
        ]
    );
    // Forced to text, a JSON Lines file is one article holding the JSON.
    let items = read(&["jsonl/good.jsonl"], &Metadata::default(), Format::Text);
    let [record] = records(items).try_into().unwrap();
    assert!(record.article.text.starts_with("{\"id\": \"g-1\""));
    // Forced to JSON Lines, a text file is a line of invalid JSON.
    let items = read(&["sniff/story.log"], &Metadata::default(), Format::Jsonl);
    assert_eq!(
        summary(&items),
        ["skip sniff/story.log:1 invalid JSON: expected value at column 1"]
    );
}

#[test]
fn streams_are_sniffed_like_stdin() {
    let meta = Metadata {
        source: Some("Piped Wire".into()),
        ..Metadata::default()
    };
    let jsonl = "\n  {\"id\": \"p-1\", \"text\": \"Piped record.\"}\n{\"text\": 3}\n";
    let items: Vec<_> = read_stream("<stdin>", Cursor::new(jsonl), &meta, Format::Auto).collect();
    assert_eq!(
        summary(&items),
        [
            "ok <stdin>:2 p-1",
            "skip <stdin>:3 field `text` must be a string"
        ]
    );
    assert_eq!(
        items[0].as_ref().unwrap().article.source.as_deref(),
        Some("Piped Wire")
    );

    let text = "---\ntitle: Piped story\n---\nA story arrived on standard input.\n";
    let items: Vec<_> = read_stream("<stdin>", Cursor::new(text), &meta, Format::Auto).collect();
    let [record] = records(items).try_into().unwrap();
    assert_eq!(record.origin, Origin::file("<stdin>"));
    assert_eq!(record.article.title.as_deref(), Some("Piped story"));
    assert_eq!(record.article.text, "A story arrived on standard input.");
    assert_eq!(record.article.source.as_deref(), Some("Piped Wire"));

    let gzipped = std::fs::read(fixture("jsonl/good.jsonl.gz")).unwrap();
    let items: Vec<_> = read_stream("<stdin>", Cursor::new(gzipped), &meta, Format::Auto).collect();
    assert_eq!(records(items).len(), 3);

    let forced: Vec<_> =
        read_stream("<stdin>", Cursor::new("{\"a\": 1}"), &meta, Format::Text).collect();
    assert_eq!(records(forced)[0].article.text, "{\"a\": 1}");

    let empty: Vec<_> = read_stream("<stdin>", Cursor::new(""), &meta, Format::Auto).collect();
    assert_eq!(summary(&empty), ["skip <stdin> empty article"]);
}

#[test]
fn text_larger_than_the_limit_is_skipped() {
    let items: Vec<_> = read_inputs(
        &[fixture("text/plain.txt")],
        &Metadata::default(),
        Format::Auto,
    )
    .with_max_bytes(20)
    .collect();
    assert_eq!(
        summary(&items),
        ["skip text/plain.txt article larger than 20 bytes, the limit for one article"]
    );
}

#[test]
fn ids_are_stable_across_reads() {
    let inputs = ["mixed-dir", "jsonl/good.jsonl", "text/front-matter.txt"];
    let ids = || -> Vec<String> {
        read(&inputs, &Metadata::default(), Format::Auto)
            .into_iter()
            .filter_map(Result::ok)
            .map(|record| record.article.id)
            .collect()
    };
    let first = ids();
    assert_eq!(first.len(), 10);
    assert_eq!(first, ids());
    // The same text under another name gets the same derived id.
    let bytes = std::fs::read(fixture("text/plain.txt")).unwrap();
    let renamed = parse_text("elsewhere/copy.txt", &bytes, &Metadata::default()).unwrap();
    let original = read(&["text/plain.txt"], &Metadata::default(), Format::Auto);
    assert_eq!(renamed.article.id, original[0].as_ref().unwrap().article.id);
    assert_eq!(renamed.origin, Origin::file("elsewhere/copy.txt"));
}

#[test]
fn the_canonical_example_reads_with_command_line_metadata() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/nagorno-karabakh-2020-10-20.txt");
    assert!(
        example.exists(),
        "{} is missing: shared/ must sit beside the checkout",
        example.display()
    );
    let meta = Metadata {
        published: Some(ymd(2020, 10, 20)),
        source: Some("Al Jazeera".into()),
        ..Metadata::default()
    };
    let [record] = records(read_inputs(&[example], &meta, Format::Auto).collect())
        .try_into()
        .unwrap();
    assert_eq!(record.article.published, Some(ymd(2020, 10, 20)));
    assert!(record.article.text.contains("Nagorno-Karabakh"));
    assert!(record.warnings.is_empty());
}

#[test]
fn a_directory_readme_is_not_an_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# About this corpus\n\nTwo invented reports.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Rebels shelled the town on Monday, the army said.\n",
    )
    .unwrap();
    let read: Vec<_> = read_inputs(
        &[dir.path().to_path_buf()],
        &Metadata::default(),
        Format::Auto,
    )
    .collect();
    assert_eq!(read.len(), 1, "{read:?}");
    assert!(read[0].as_ref().unwrap().origin.file.ends_with("a.txt"));
}

#[test]
fn reading_ahead_hands_over_the_same_items_in_order_and_stops_at_an_error() {
    let inputs = ["mixed-dir", "warc/crawl.warc", "jsonl/good.jsonl.gz"];
    let paths: Vec<PathBuf> = inputs.iter().map(|name| fixture(name)).collect();
    let meta = Metadata::default();
    let mut reader = read_inputs(&paths, &meta, Format::Auto);
    let expected = summary(&reader.by_ref().collect::<Vec<_>>());
    let expected_passed_over = reader.passed_over();

    let mut handed = Vec::new();
    let passed_over = read_inputs(&paths, &meta, Format::Auto)
        .read_ahead(2, |item| {
            handed.push(item);
            Ok::<_, String>(())
        })
        .unwrap();
    assert_eq!(summary(&handed), expected);
    assert_eq!(passed_over.total(), expected_passed_over.total());
    assert!(
        passed_over.total() > 0,
        "the WARC file has records passed over"
    );

    // The caller's error ends the reading at once and comes back unchanged.
    let mut taken = 0;
    let stopped = read_inputs(&paths, &meta, Format::Auto).read_ahead(1, |_| {
        taken += 1;
        if taken == 2 {
            Err("database full")
        } else {
            Ok(())
        }
    });
    assert_eq!(stopped.unwrap_err(), "database full");
    assert_eq!(taken, 2);
    assert!(expected.len() > 2);
}
