//! What the JSON façade (`keynet::api::call`, which the `call`/`callJson` host functions and the
//! golden table use) costs beside the typed API that the host objects (`ValidForm`, `Posting`,
//! `RuleSet` in Python, Node and UniFFI) call on values read once. Each pair runs the same work on
//! the same data in one run; the ratio is the façade's overhead.
//! Run: `cargo bench -p keynet --bench facade`; figures in docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use keynet::distribution::{RuleSet, standard_recipients};
use keynet::{FormView, Posting, ValidForm, api};
use serde_json::{Value, json};

fn forms(n: usize) -> Vec<Value> {
    keynet::sample::generate(7, n * 2)
        .into_iter()
        .filter(|f| keynet::validate_value(f).is_ok_and(|v| v.is_registrable()))
        .take(n)
        .collect()
}

fn bench(c: &mut Criterion) {
    let values = forms(1_000);
    let valid: Vec<ValidForm> = values
        .iter()
        .map(|v| keynet::validate(v).unwrap())
        .collect();

    let mut group = c.benchmark_group("validate_1000");
    group.bench_function("typed", |b| {
        b.iter(|| {
            for v in &values {
                black_box(keynet::validate_value(black_box(v)).unwrap());
            }
        })
    });
    group.bench_function("facade", |b| {
        b.iter(|| {
            for v in &values {
                black_box(api::call("validate", &json!({ "form": v })).unwrap());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("public_view_1000");
    group.bench_function("typed_held_form", |b| {
        b.iter(|| {
            for f in &valid {
                black_box(FormView::public(black_box(f)).to_json_value());
            }
        })
    });
    group.bench_function("facade", |b| {
        b.iter(|| {
            for v in &values {
                black_box(api::call("public_view", &json!({ "form": v })).unwrap());
            }
        })
    });
    group.finish();

    let postings_json: Vec<Value> = keynet::sample::generate_postings(11, 2_000);
    let postings: Vec<Posting> = postings_json
        .iter()
        .map(|p| Posting::from_json_value(p).unwrap())
        .collect();
    let recipients = standard_recipients(&["A社", "B社"]);
    let recipients_json = serde_json::to_value(&recipients).unwrap();
    let rules = RuleSet::standard();
    let args = json!({ "postings": postings_json, "recipients": recipients_json });
    let mut group = c.benchmark_group("distribute_2000_postings");
    group.sample_size(20);
    group.bench_function("typed_held_postings", |b| {
        b.iter(|| black_box(api::distribute_typed(&postings, &recipients, &rules).unwrap()))
    });
    group.bench_function("facade", |b| {
        b.iter(|| black_box(api::call("distribute", &args).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
