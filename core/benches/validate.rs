//! Parse + validate throughput on generated sample forms, beside the floor: serde_json
//! deserialising the same bytes into plain structs of the same shape (no normalisation, no
//! rules). Run: `cargo bench -p keynet --bench validate`; figures in docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "shared/plain_form.rs"]
mod plain_form;
use plain_form::PlainForm;

fn sample_lines() -> Vec<Vec<u8>> {
    keynet::sample::generate(42, 2_000)
        .iter()
        .map(|f| serde_json::to_vec(f).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let lines = sample_lines();
    let bytes: u64 = lines.iter().map(|l| l.len() as u64).sum();
    // The floor must read every line, or the comparison is unfair.
    assert!(
        lines
            .iter()
            .all(|l| serde_json::from_slice::<PlainForm>(l).is_ok())
    );

    let mut group = c.benchmark_group("bytes");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("keynet_validate_json", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(
                    keynet::validate_json(black_box(line))
                        .map(|v| v.is_registrable())
                        .ok(),
                );
            }
        })
    });
    group.bench_function("serde_json_plain_structs", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(serde_json::from_slice::<PlainForm>(black_box(line)).is_ok());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("forms");
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("keynet_validate_json", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(
                    keynet::validate_json(black_box(line))
                        .map(|v| v.is_registrable())
                        .ok(),
                );
            }
        })
    });
    group.bench_function("serde_json_plain_structs", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(serde_json::from_slice::<PlainForm>(black_box(line)).is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
