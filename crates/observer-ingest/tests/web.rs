//! Web inputs read the way the CLI reads them: HTML pages, RSS/Atom feeds and WARC archives (plain
//! and gzipped), by extension, by content and by `--format` on a stream; every bad record reported
//! with its file and item or record number, and the good ones around it still read. Also the
//! language of each article.

use chrono::NaiveDate;
use observer_ingest::{
    Format, Metadata, Record, Skip, TEXT_FROM_SUMMARY, detect_language, is_english, read_inputs,
    read_stream,
};
use std::io::Cursor;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(relative: &[&str], format: Format) -> (Vec<Record>, Vec<String>) {
    let paths: Vec<PathBuf> = relative.iter().map(|r| fixtures().join(r)).collect();
    split(read_inputs(&paths, &Metadata::default(), format).collect())
}

/// The records, and the skips as "FILE PART N REASON" with the fixtures directory left out.
fn split(items: Vec<Result<Record, Skip>>) -> (Vec<Record>, Vec<String>) {
    let root = format!("{}/", fixtures().display());
    let mut records = Vec::new();
    let mut skips = Vec::new();
    for item in items {
        match item {
            Ok(record) => records.push(record),
            Err(skip) => skips.push(skip.to_string().replace(&root, "")),
        }
    }
    (records, skips)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn an_html_page_gives_its_main_text_and_metadata() {
    let (records, skips) = read(&["html/news-site.html"], Format::Auto);
    assert!(skips.is_empty(), "{skips:?}");
    let article = &records[0].article;
    assert_eq!(
        article.title.as_deref(),
        Some("Shelling hits river port as talks stall")
    );
    assert_eq!(article.source.as_deref(), Some("The Harbour Ledger"));
    assert_eq!(article.published, Some(ymd(2023, 3, 14)));
    assert_eq!(
        article.url.as_deref(),
        Some("https://harbour-ledger.example/world/2023/03/14/river-port-shelling")
    );
    assert_eq!(article.extra["byline"], "Mara Okonjo");
    assert_eq!(article.lang.as_deref(), Some("eng"));
    assert!(
        article
            .text
            .starts_with("Artillery fire struck the river port of Velmora")
    );
    assert!(article.text.contains("\n\nGovernor Anton Reshko said"));
    for furniture in [
        "Advertisement",
        "Most read",
        "Subscribe",
        "Cranes stand idle",
        "Comments",
    ] {
        assert!(!article.text.contains(furniture), "{furniture:?} kept");
    }
}

#[test]
fn html_on_a_stream_is_read_with_format_html_or_by_its_content() {
    let page = std::fs::read(fixtures().join("html/jsonld.html")).unwrap();
    for format in [Format::Html, Format::Auto] {
        let reader = read_stream(
            "<stdin>",
            Cursor::new(page.clone()),
            &Metadata::default(),
            format,
        );
        let (records, skips) = split(reader.collect());
        assert!(skips.is_empty(), "{skips:?}");
        assert_eq!(
            records[0].article.source.as_deref(),
            Some("Crossroads Radio")
        );
        assert_eq!(records[0].article.published, Some(ymd(2020, 2, 5)));
    }
}

#[test]
fn a_page_without_article_text_is_skipped_with_a_reason() {
    let empty = b"<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>";
    let reader = read_stream(
        "index.html",
        Cursor::new(empty.to_vec()),
        &Metadata::default(),
        Format::Html,
    );
    let (records, skips) = split(reader.collect());
    assert!(records.is_empty());
    assert_eq!(skips.len(), 1);
    assert!(
        skips[0].starts_with("index.html no article text found in the page"),
        "{skips:?}"
    );
}

#[test]
fn feed_items_become_articles_and_summary_only_items_are_marked() {
    let (records, skips) = read(&["feeds/world.rss", "feeds/wire.atom"], Format::Auto);
    assert_eq!(
        skips,
        ["feeds/world.rss item 3 item has neither content nor summary"]
    );
    let titles: Vec<_> = records
        .iter()
        .map(|record| record.article.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        [
            "Militants attack army post near northern border",
            "Foreign ministers to meet on prisoner exchange",
            "Des manifestants réclament la libération des détenus",
            "Ceasefire holds for third day in eastern province",
            "Opposition leader detained at airport",
        ]
    );
    let full = &records[0].article;
    assert_eq!(full.source.as_deref(), Some("Harbour Ledger - World"));
    assert_eq!(full.published, Some(ymd(2023, 4, 12)));
    assert_eq!(
        full.url.as_deref(),
        Some("https://harbour-ledger.example/world/army-post-attack")
    );
    assert_eq!(full.extra["byline"], "Mara Okonjo");
    assert!(full.extra.get("text_from").is_none());
    assert!(
        full.text
            .contains("killing two soldiers, the defence ministry said.\n\nThe ministry said")
    );

    let summary = &records[1].article;
    assert_eq!(summary.extra["text_from"], TEXT_FROM_SUMMARY);
    assert!(
        summary
            .text
            .starts_with("The foreign ministers of the two countries")
    );
    assert!(!summary.text.contains("<p>"));

    assert_eq!(records[2].article.lang.as_deref(), Some("fra"));
    assert_eq!(records[3].article.extra["text_from"], TEXT_FROM_SUMMARY);
    assert_eq!(records[3].article.extra["byline"], "Aiko Mendel");
    assert_eq!(records[4].article.text.split("\n\n").count(), 2);
    assert_eq!(
        records[4].origin.to_string(),
        format!("{}/feeds/wire.atom item 2", fixtures().display())
    );
}

#[test]
fn a_malformed_feed_is_one_skip_naming_the_file() {
    let (records, skips) = read(&["feeds/broken.rss"], Format::Auto);
    assert!(records.is_empty());
    assert_eq!(skips.len(), 1);
    assert!(
        skips[0].starts_with("feeds/broken.rss not a valid RSS or Atom feed"),
        "{skips:?}"
    );
}

#[test]
fn warc_html_responses_become_articles_and_the_rest_is_passed_over() {
    for name in ["warc/crawl.warc", "warc/crawl.warc.gz"] {
        let paths = [fixtures().join(name)];
        let mut reader = read_inputs(&paths, &Metadata::default(), Format::Auto);
        let (records, skips) = split(reader.by_ref().collect());
        assert_eq!(
            skips,
            [
                format!("{name} record 6 not an HTTP response: invalid HTTP version"),
                format!(
                    "{name} record 7 malformed WARC record: Missing required header: warc-date"
                ),
            ]
        );
        let passed = reader.passed_over();
        assert_eq!(
            (passed.not_html, passed.not_ok, passed.not_response),
            (1, 1, 2)
        );
        assert_eq!(records.len(), 2, "{name}");
        let depot = &records[0].article;
        assert_eq!(
            depot.url.as_deref(),
            Some("https://lakeside-courier.example/news/fuel-depot")
        );
        assert_eq!(depot.source.as_deref(), Some("Lakeside Courier"));
        assert_eq!(depot.published, Some(ymd(2022, 9, 3)));
        assert_eq!(depot.extra["fetched"], "2022-09-03T12:00:00Z");
        assert!(depot.text.starts_with("A drone struck a fuel depot"));
        assert!(!depot.text.contains("Sport"));
        assert_eq!(records[0].origin.part, Some(("record", 3)));
        // Chunked and gzip-encoded; no canonical link, so the URL is the record's target.
        let talks = &records[1].article;
        assert_eq!(
            talks.url.as_deref(),
            Some("https://lakeside-courier.example/news/prisoner-talks")
        );
        assert!(
            talks
                .text
                .starts_with("Negotiators resumed talks on the release")
        );
        assert_eq!(talks.published, None);
    }
}

#[test]
fn a_truncated_warc_reports_where_it_ends_after_the_records_before() {
    let whole = std::fs::read(fixtures().join("warc/crawl.warc")).unwrap();
    let cut = whole.len() - 200;
    let reader = read_stream(
        "cut.warc",
        Cursor::new(whole[..cut].to_vec()),
        &Metadata::default(),
        Format::Auto,
    );
    let (records, skips) = split(reader.collect());
    assert_eq!(records.len(), 1);
    assert_eq!(
        skips.last().unwrap(),
        "cut.warc record 8 WARC file ends inside a record"
    );
}

#[test]
fn english_news_is_never_taken_for_another_language() {
    for text in [
        "Rebels shelled the town on Tuesday.",
        "Talks end.",
        "The army said two soldiers died.",
        "Police detained 40 protesters in Kavresh, officials said.",
        "Ceasefire holds in Donetsk and Luhansk, monitors say.",
        "KAVRESH, June 11 (Meridian) - Police fired tear gas.",
        "Minister Selin Dorak met Teodor Vass in Tal Hamra.",
        "Gunmen attacked an army post near the northern border on Tuesday night, killing two \
         soldiers, the defence ministry said. The attackers fled after a two-hour gun battle.",
    ] {
        let lang = detect_language(text);
        assert!(is_english(lang.as_deref()), "{text:?} detected as {lang:?}");
    }
}

#[test]
fn other_languages_are_detected_on_news_length_text() {
    for (text, code) in [
        (
            "Plusieurs milliers de manifestants se sont rassemblés samedi devant le palais de \
             justice pour réclamer la libération des militants arrêtés la semaine dernière.",
            "fra",
        ),
        (
            "El gobierno anunció el martes un alto el fuego de tres días en la provincia del \
             norte, después de semanas de combates entre el ejército y los grupos armados.",
            "spa",
        ),
        (
            "Правительство объявило во вторник о трёхдневном прекращении огня в северной провинции.",
            "rus",
        ),
        ("أعلنت الحكومة وقف إطلاق النار في الإقليم الشمالي", "ara"),
    ] {
        assert_eq!(detect_language(text).as_deref(), Some(code), "{text}");
        assert!(!is_english(Some(code)));
    }
    assert!(is_english(Some("en-GB")));
    assert!(is_english(None));
}

/// One WARC response record holding `http` (status line, headers and body).
fn warc_response(uri: &str, http: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n\
         WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    record.extend_from_slice(http);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

#[test]
fn records_larger_than_the_limit_are_passed_over_or_skipped_without_being_held() {
    let mut image = b"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n".to_vec();
    image.resize(image.len() + (3 << 20), b'v');
    let mut huge_page =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>".to_vec();
    huge_page.resize(huge_page.len() + (3 << 20), b'a');
    let small_page = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>{}</p></article></body></html>",
        "Relief workers reached the flooded villages on Sunday and handed out food, \
         drinking water and blankets to families, the provincial governor said."
    );
    let archive = [
        warc_response("https://news.example/video.mp4", &image),
        warc_response("https://news.example/huge", &huge_page),
        warc_response("https://news.example/relief", small_page.as_bytes()),
    ]
    .concat();
    let mut reader = read_stream(
        "big.warc",
        Cursor::new(archive),
        &Metadata::default(),
        Format::Warc,
    )
    .with_max_bytes(1 << 20);
    let (records, skips) = split(reader.by_ref().collect());
    assert_eq!(skips, ["big.warc record 2 page larger than 1048576 bytes"]);
    assert_eq!(reader.passed_over().not_html, 1);
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].article.url.as_deref(),
        Some("https://news.example/relief")
    );
}

#[test]
fn a_page_in_a_declared_legacy_encoding_is_decoded() {
    let (page, _, _) = encoding_rs::WINDOWS_1252.encode(
        "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9} bombing</title></head><body>\
         <article><p>A bomb exploded outside the Caf\u{e9} Ren\u{e9} in the old town on Friday \
         evening, wounding three people, police said.</p></article></body></html>",
    );
    assert!(std::str::from_utf8(&page).is_err());
    let reader = read_stream(
        "old.html",
        Cursor::new(page.into_owned()),
        &Metadata::default(),
        Format::Html,
    );
    let (records, skips) = split(reader.collect());
    assert!(skips.is_empty(), "{skips:?}");
    assert!(
        records[0].article.text.contains("Café René"),
        "{}",
        records[0].article.text
    );
    assert!(records[0].warnings.is_empty(), "{:?}", records[0].warnings);
}

#[test]
fn every_gold_corpus_article_and_sentence_is_taken_for_english() {
    // The 80 articles of the gold corpus, and every one of their paragraphs on its own: short,
    // name-heavy English text is where a detector goes wrong.
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/gold");
    let records: Vec<Record> = read_inputs(&[gold], &Metadata::default(), Format::Auto)
        .filter_map(Result::ok)
        .collect();
    assert!(records.len() >= 80, "{} gold articles read", records.len());
    let mut paragraphs = 0;
    for record in &records {
        let article = &record.article;
        assert_eq!(article.lang.as_deref(), Some("eng"), "{}", record.origin);
        for paragraph in article.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            paragraphs += 1;
            let lang = detect_language(paragraph);
            assert!(is_english(lang.as_deref()), "{lang:?}: {paragraph}");
        }
    }
    assert!(paragraphs > 300, "{paragraphs} paragraphs");
}
