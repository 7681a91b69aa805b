//! keynet's `validate_json` beside three parse floors on the same 2,000 sample forms: serde_json,
//! simd-json and sonic-rs each deserialising the bytes into plain structs of the form's shape (no
//! normalisation, no rules). Run: `cd core/floors && cargo bench`; figures in
//! docs/benchmarks.md ("Core: parse + validate").
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "../../benches/shared/floor.rs"]
mod floor;
use floor::PlainForm;

fn bench(c: &mut Criterion) {
    let lines = floor::sample_lines();
    let bytes: u64 = lines.iter().map(|l| l.len() as u64).sum();
    // Every floor must read every line, or the comparison is unfair.
    for line in &lines {
        assert!(simd_json::serde::from_slice::<PlainForm>(&mut line.clone()).is_ok());
        assert!(sonic_rs::from_slice::<PlainForm>(line).is_ok());
    }
    let mut group = c.benchmark_group("floors");
    group.throughput(Throughput::Bytes(bytes));
    floor::keynet_and_serde_floor(&mut group, &lines);
    // simd-json parses in place: the copy of each line it needs is part of its cost.
    let mut scratch = Vec::with_capacity(8192);
    group.bench_function("simd_json_plain_structs", |b| {
        b.iter(|| {
            for line in &lines {
                scratch.clear();
                scratch.extend_from_slice(line);
                black_box(
                    simd_json::serde::from_slice::<PlainForm>(black_box(&mut scratch)).is_ok(),
                );
            }
        })
    });
    group.bench_function("sonic_rs_plain_structs", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(sonic_rs::from_slice::<PlainForm>(black_box(line)).is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
