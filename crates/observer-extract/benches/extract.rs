//! Throughput of the whole extraction on the sample articles (`examples/*.txt`) and on generated
//! news, and the cost of building the extractor (`cargo bench -p observer-extract`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use observer_extract::Extractor;
use observer_ingest::{Format, Metadata, read_inputs, read_stream};
use observer_model::Article;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn samples() -> Vec<Article> {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    read_inputs(&[examples], &Metadata::default(), Format::Auto)
        .map(|record| record.unwrap().article)
        .collect()
}

fn generated(count: u64) -> Vec<Article> {
    let mut jsonl = Vec::new();
    observer_bench::write_jsonl(&mut jsonl, count, 1).unwrap();
    read_stream(
        "generated",
        std::io::Cursor::new(jsonl),
        &Metadata::default(),
        Format::Jsonl,
    )
    .map(|record| record.unwrap().article)
    .collect()
}

fn extraction(c: &mut Criterion) {
    let extractor = Extractor::embedded().unwrap();
    let mut group = c.benchmark_group("extract");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (name, articles) in [("samples", samples()), ("generated", generated(100))] {
        assert!(!articles.is_empty(), "no {name} articles");
        let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                articles
                    .iter()
                    .map(|a| extractor.extract(black_box(a)).events.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("embedded extractor", |b| {
        b.iter(|| Extractor::embedded().unwrap())
    });
    group.finish();
}

criterion_group!(benches, extraction, startup);
criterion_main!(benches);
