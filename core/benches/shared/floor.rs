//! What the validation benchmarks share (core/benches/validate.rs, core/floors/benches/floors.rs;
//! docs/benchmarks.md): the sample forms as JSON, keynet's `validate_json` and the serde floor
//! timed over them, and the form as plain structs — every field an `Option<String>` or number,
//! no normalisation, no rules: what a JSON parser alone must build.
#![allow(dead_code, clippy::unwrap_used)]

use criterion::BenchmarkGroup;
use criterion::measurement::WallTime;
use serde::Deserialize;
use std::hint::black_box;

/// The 2,000 sample forms (seed 42), each as JSON.
pub fn sample_lines() -> Vec<Vec<u8>> {
    keynet::sample::generate(42, 2_000)
        .iter()
        .map(|f| serde_json::to_vec(f).unwrap())
        .collect()
}

/// keynet's `validate_json` and serde_json into [`PlainForm`] over the same lines, in `group`.
pub fn keynet_and_serde_floor(group: &mut BenchmarkGroup<'_, WallTime>, lines: &[Vec<u8>]) {
    // The floor must read every line, or the comparison is unfair.
    assert!(
        lines
            .iter()
            .all(|l| serde_json::from_slice::<PlainForm>(l).is_ok())
    );
    group.bench_function("keynet_validate_json", |b| {
        b.iter(|| {
            for line in lines {
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
            for line in lines {
                black_box(serde_json::from_slice::<PlainForm>(black_box(line)).is_ok());
            }
        })
    });
}

#[derive(Deserialize)]
pub struct PlainFacility {
    id: Option<String>,
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    prefecture: Option<String>,
}
#[derive(Deserialize)]
pub struct PlainWorkplace {
    postal_code: Option<String>,
    prefecture: Option<String>,
    municipality: Option<String>,
    street_address: Option<String>,
    facility_name: Option<String>,
}
#[derive(Deserialize)]
pub struct PlainPeriod {
    start: Option<String>,
    end: Option<String>,
}
#[derive(Deserialize)]
pub struct PlainDuties {
    kinds: Option<Vec<String>>,
    other_detail: Option<String>,
    specifics: Option<String>,
}
#[derive(Deserialize)]
pub struct PlainSalary {
    basis: Option<String>,
    amount_yen: Option<u32>,
    trial_amount_yen: Option<u32>,
}
#[derive(Deserialize)]
pub struct PlainHours {
    start: Option<String>,
    end: Option<String>,
    break_minutes: Option<u16>,
    holidays: Option<String>,
    overtime: Option<bool>,
}
#[derive(Deserialize)]
pub struct PlainInsurance {
    employment: Option<bool>,
    workers_accident: Option<bool>,
    health: Option<bool>,
    pension: Option<bool>,
    other: Option<String>,
}
#[derive(Deserialize)]
pub struct PlainContact {
    name: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    extension: Option<String>,
    application_phone: Option<String>,
    fax: Option<String>,
    email: Option<String>,
}
#[derive(Deserialize)]
pub struct PlainListings {
    hello_work: Option<bool>,
    women_doctors_bank: Option<bool>,
    nurse_center: Option<bool>,
    other: Option<String>,
}
#[derive(Deserialize)]
pub struct PlainForm {
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
