//! Throughput of storing coded articles into a new SQLite database as `observer ingest` does:
//! a bulk load in transactions of 500 articles, then the read indexes built once
//! (`cargo bench -p observer-store`). The articles are generated news, coded once beforehand.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use observer_extract::Extractor;
use observer_ingest::{Format, Metadata, read_stream};
use observer_store::{Coded, Store, sqlite::SqliteStore};
use std::time::Duration;

/// Articles per transaction, as `ingest` saves them by default.
const BATCH: usize = 500;

fn coded(count: u64) -> Vec<Coded> {
    let mut jsonl = Vec::new();
    observer_bench::write_jsonl(&mut jsonl, count, 1).unwrap();
    let extractor = Extractor::embedded().unwrap();
    read_stream(
        "generated",
        std::io::Cursor::new(jsonl),
        &Metadata::default(),
        Format::Jsonl,
    )
    .map(|record| {
        let article = record.unwrap().article;
        Coded {
            events: extractor.extract(&article).events,
            article,
            extractor_version: observer_extract::VERSION.to_string(),
        }
    })
    .collect()
}

fn storage(c: &mut Criterion) {
    let coded = coded(1_000);
    let bytes: usize = coded.iter().map(|c| c.article.text.len()).sum();
    let mut group = c.benchmark_group("store");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("sqlite bulk load (generated)", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = SqliteStore::open(&dir.path().join("bench.db")).unwrap();
                (dir, store)
            },
            |(dir, mut store)| {
                store.begin_bulk_load().unwrap();
                for batch in coded.chunks(BATCH) {
                    store.save_batch(batch).unwrap();
                }
                store.end_bulk_load().unwrap();
                // The directory goes with the database, outside the timed part.
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, storage);
criterion_main!(benches);
