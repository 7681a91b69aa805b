//! Parse + validate throughput on generated sample forms, beside the floor: serde_json
//! deserialising the same bytes into plain structs of the same shape (no normalisation, no
//! rules). Run: `cargo bench -p keynet --bench validate`; figures in docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "shared/floor.rs"]
mod floor;

fn bench(c: &mut Criterion) {
    let lines = floor::sample_lines();
    let bytes: u64 = lines.iter().map(|l| l.len() as u64).sum();
    let mut group = c.benchmark_group("bytes");
    group.throughput(Throughput::Bytes(bytes));
    floor::keynet_and_serde_floor(&mut group, &lines);
    group.finish();
    let mut group = c.benchmark_group("forms");
    group.throughput(Throughput::Elements(lines.len() as u64));
    floor::keynet_and_serde_floor(&mut group, &lines);
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
