//! Views and distribution at scale (issue 3). Run: `cargo bench -p keynet --bench distribute`;
//! figures in docs/benchmarks.md.
//!
//! - `public_view`: the public view of a valid form written as JSON, beside writing the same
//!   form's canonical JSON (the same serialiser without masking: the anchor). 10,000 forms, or
//!   `KEYNET_BENCH_VIEWS` (1,000 fit in the CPU's caches; 10,000 do not).
//! - `duplicates`: `duplicate_open_postings` over 200,000 sample postings, beside one pass over them.
//! - `distribute`: 1M postings to 200 recipients (the standard 197 + 3 more agencies), beside one
//!   plain pass over the 1M postings reading what a rule reads (the memory-bound floor).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use keynet::distribution::{RuleSet, standard_recipients};
use keynet::{FormView, Posting, ValidForm};

fn valid_forms(n: usize) -> Vec<ValidForm> {
    keynet::sample::generate(7, n * 2)
        .iter()
        .filter_map(|f| keynet::validate_value(f).ok()?.into_valid().ok())
        .take(n)
        .collect()
}

fn bench_views(c: &mut Criterion) {
    let n = std::env::var("KEYNET_BENCH_VIEWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let forms = valid_forms(n);
    let mut group = c.benchmark_group("public_view");
    group.throughput(Throughput::Elements(forms.len() as u64));
    let mut buffer = Vec::with_capacity(4096);
    group.bench_function("keynet_public_view_json", |b| {
        b.iter(|| {
            for f in &forms {
                buffer.clear();
                serde_json::to_writer(&mut buffer, &FormView::public(black_box(f))).unwrap();
                black_box(&buffer);
            }
        })
    });
    group.bench_function("canonical_json_anchor", |b| {
        b.iter(|| {
            for f in &forms {
                buffer.clear();
                serde_json::to_writer(&mut buffer, black_box(f.form())).unwrap();
                black_box(&buffer);
            }
        })
    });
    group.finish();
}

fn bench_distribute(c: &mut Criterion) {
    let forms = valid_forms(10_000);
    let start = time::Date::from_calendar_date(2020, time::Month::June, 1).unwrap();
    let mut postings: Vec<Posting> = (0..1_000_000usize)
        .map(|i| {
            Posting::register(
                format!("P-{i:07}"),
                start,
                forms.get(i % forms.len()).unwrap().clone(),
            )
            .unwrap()
        })
        .collect();
    // One in ten closed, as in a live system.
    for p in postings.iter_mut().step_by(10) {
        p.apply(keynet::lifecycle::Event::Close {
            reason: keynet::posting::ClosedReason::Filled,
            on: start,
        })
        .unwrap();
    }
    let mut recipients = standard_recipients(&["A社", "B社", "C社", "D社", "E社"]);
    recipients.truncate(200);
    assert_eq!(recipients.len(), 200);
    let rules = RuleSet::standard();
    let mut group = c.benchmark_group("distribute_1m_postings_200_recipients");
    group.sample_size(10);
    group.bench_function("keynet_distribute", |b| {
        b.iter(|| {
            black_box(
                keynet::distribute(black_box(&postings), &recipients, &rules)
                    .unwrap()
                    .deliveries
                    .len(),
            )
        })
    });
    group.bench_function("one_pass_floor", |b| {
        b.iter(|| {
            black_box(
                postings
                    .iter()
                    .filter(|p| {
                        p.is_open()
                            && p.form().occupation.is_nursing()
                            && p.form().region().number() == 13
                    })
                    .count(),
            )
        })
    });
    group.finish();
}

fn bench_duplicates(c: &mut Criterion) {
    // 200,000 sample postings as the generator makes them (3 % registered twice, a fifth closed).
    let postings: Vec<Posting> = keynet::sample::PostingGenerator::new(42)
        .take(200_000)
        .map(|p| Posting::from_json_value(&p).unwrap())
        .collect();
    let mut group = c.benchmark_group("duplicates_200k_postings");
    group.sample_size(10);
    group.bench_function("keynet_duplicate_open_postings", |b| {
        b.iter(|| black_box(keynet::lifecycle::duplicate_open_postings(black_box(&postings)).len()))
    });
    group.bench_function("one_pass_floor", |b| {
        b.iter(|| black_box(postings.iter().filter(|p| p.is_open()).count()))
    });
    group.finish();
}

criterion_group!(benches, bench_views, bench_distribute, bench_duplicates);
criterion_main!(benches);
