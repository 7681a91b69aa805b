//! Parse + validate throughput on generated sample forms, beside the floor: serde_json
//! deserialising the same bytes into plain structs of the same shape (no normalisation, no
//! rules). Run: `cargo bench -p keynet --bench validate`; figures in docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use std::hint::black_box;

#[derive(Deserialize)]
struct PlainFacility {
    id: Option<String>,
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    prefecture: Option<String>,
}
#[derive(Deserialize)]
struct PlainWorkplace {
    postal_code: Option<String>,
    prefecture: Option<String>,
    municipality: Option<String>,
    street_address: Option<String>,
    facility_name: Option<String>,
}
#[derive(Deserialize)]
struct PlainPeriod {
    start: Option<String>,
    end: Option<String>,
}
#[derive(Deserialize)]
struct PlainDuties {
    kinds: Option<Vec<String>>,
    other_detail: Option<String>,
    specifics: Option<String>,
}
#[derive(Deserialize)]
struct PlainSalary {
    basis: Option<String>,
    amount_yen: Option<u32>,
    trial_amount_yen: Option<u32>,
}
#[derive(Deserialize)]
struct PlainHours {
    start: Option<String>,
    end: Option<String>,
    break_minutes: Option<u16>,
    holidays: Option<String>,
    overtime: Option<bool>,
}
#[derive(Deserialize)]
struct PlainInsurance {
    employment: Option<bool>,
    workers_accident: Option<bool>,
    health: Option<bool>,
    pension: Option<bool>,
    other: Option<String>,
}
#[derive(Deserialize)]
struct PlainContact {
    name: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    extension: Option<String>,
    application_phone: Option<String>,
    fax: Option<String>,
    email: Option<String>,
}
#[derive(Deserialize)]
struct PlainListings {
    hello_work: Option<bool>,
    women_doctors_bank: Option<bool>,
    nurse_center: Option<bool>,
    other: Option<String>,
}
#[derive(Deserialize)]
struct PlainForm {
    masking_requested: Option<bool>,
    facility: Option<PlainFacility>,
    occupation: Option<String>,
    openings: Option<i64>,
    workplace: Option<PlainWorkplace>,
    employment_period: Option<PlainPeriod>,
    trial_period_weeks: Option<u16>,
    duties: Option<PlainDuties>,
    salary: Option<PlainSalary>,
    working_hours: Option<PlainHours>,
    insurance: Option<PlainInsurance>,
    passive_smoking: Option<String>,
    passive_smoking_detail: Option<String>,
    notes: Option<String>,
    contact: Option<PlainContact>,
    existing_listings: Option<PlainListings>,
}

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
