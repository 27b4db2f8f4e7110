//! Shared by the ledger tests: code news-style articles with the real extractor and add them to
//! a ledger, as `observer ingest` and the ledger commands do.

#![allow(dead_code)] // Each test binary uses a different subset of the helpers.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use observer_extract::Extractor;
use observer_ingest::Metadata;
use observer_ledger::{ArticleInfo, Ledger};
use observer_model::{Article, Event};

pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::embedded().expect("embedded data loads"))
}

/// The test corpus directory `name` under tests/corpora.
pub fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora")
        .join(name)
}

/// Reads one text article (front matter for title, source, published, url).
pub fn read_article(path: &Path, meta: &Metadata) -> Article {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().unwrap().to_string_lossy();
    observer_ingest::parse_text(&name, &bytes, meta)
        .unwrap_or_else(|skip| panic!("{}: {skip:?}", path.display()))
        .article
}

/// The articles of a corpus, in file-name order, each with its events.
pub fn coded_corpus(name: &str) -> Vec<(Article, Vec<Event>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir(name))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let article = read_article(path, &Metadata::default());
            let events = extractor().extract(&article).events;
            (article, events)
        })
        .collect()
}

pub fn ledger_of(coded: &[(Article, Vec<Event>)]) -> Ledger {
    let mut ledger = Ledger::new();
    for (article, events) in coded {
        ledger.add(&ArticleInfo::from(article), events);
    }
    ledger
}

/// The shared example article, as its README says it was published.
pub fn nagorno_karabakh() -> (Article, Vec<Event>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/nagorno-karabakh-2020-10-20.txt");
    let meta = Metadata {
        published: "2020-10-20".parse().ok(),
        source: Some("Al Jazeera".into()),
        url: None,
        title: None,
    };
    let article = read_article(&path, &meta);
    let events = extractor().extract(&article).events;
    (article, events)
}
