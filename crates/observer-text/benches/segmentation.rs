//! Throughput of sentence segmentation and tokenisation on generated news (`cargo bench -p
//! observer-text`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use observer_bench::Generator;
use std::hint::black_box;
use std::time::Duration;

fn segmentation(c: &mut Criterion) {
    let texts: Vec<String> = Generator::new(1).articles(200).map(|a| a.text).collect();
    let bytes: usize = texts.iter().map(String::len).sum();

    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| observer_text::sentences(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("sentences+tokens", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    observer_text::sentences(black_box(t))
                        .iter()
                        .map(|s| observer_text::tokens(t, s.start, s.end).len())
                        .sum::<usize>()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, segmentation);
criterion_main!(benches);
