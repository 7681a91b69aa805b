//! Swift and Kotlin bindings of `keynet` (UniFFI proc-macros), module `KeyNet`: typed mirrors
//! of the core's types and conversion, nothing more. Every rule lives in the core.
//!
//! - [`types`]: records and enums — the form (as a draft and normalised), findings, views,
//!   postings and lifecycle events, recipients and distribution results, training plans and
//!   assessments, reference data. Their serde shape is the canonical JSON v1, so conversion is
//!   `serde_json` in and out of the core's JSON façade (`keynet::api`).
//! - [`typed`]: typed entry points (`validate`, `normalize`, `publicView`, `distribute`, …).
//! - [`json`]: JSON-text entry points (`validateJson`, `publicViewJson`, …, `callJson`).
//! - [`error`]: `KeyNetError`, typed cases; every export runs inside `catch_unwind`, so a Rust
//!   panic becomes `KeyNetError.internal` instead of crossing the FFI boundary.
//!
//! The core does not depend on UniFFI. `#[uniffi::remote]` is not used: the core's types hold
//! non-FFI types (`Prefecture`, `time::Date`, `&'static str`) and some names would clash in
//! Swift (`Form` with SwiftUI's, `View` with SwiftUI's), so each type is mirrored with an
//! exhaustive conversion or the JSON shape, checked by the tests below and the golden table.

pub mod error;
pub mod json;
pub mod typed;
pub mod types;

pub use error::{DisclosureProblem, InputErrorKind, KeyNetError, LifecycleProblem};
pub use json::*;
pub use typed::*;
pub use types::*;

use error::guarded;

uniffi::setup_scaffolding!("keynet");

/// The catalogue of finding codes with English and Japanese descriptions.
#[uniffi::export]
pub fn catalogue() -> Vec<CodeInfo> {
    keynet::catalogue()
        .into_iter()
        .map(|info| CodeInfo {
            code: info.code.into(),
            name: info.code.as_str().to_owned(),
            description: info.description.to_owned(),
            description_ja: info.description_ja.to_owned(),
        })
        .collect()
}

/// The snake_case string of a code, as in the canonical JSON (`unknown_value`).
#[uniffi::export]
pub fn finding_code_name(code: FindingCode) -> String {
    keynet::Code::from(code).as_str().to_owned()
}

/// The 11 occupations in the order of docs/domain.md §3, with Japanese and English labels.
#[uniffi::export]
pub fn occupations() -> Vec<OccupationInfo> {
    keynet::OCCUPATIONS
        .iter()
        .map(OccupationInfo::from)
        .collect()
}

/// One occupation's row: labels, licence group, national body.
#[uniffi::export]
pub fn occupation_info(occupation: Occupation) -> OccupationInfo {
    keynet::Occupation::from(occupation).info().into()
}

/// Every field of the form with its labels and length limit, in form order.
#[uniffi::export]
pub fn form_fields() -> Vec<FormField> {
    keynet::form::fields::FIELDS
        .iter()
        .map(FormField::from)
        .collect()
}

/// The field a finding's path names (nil for paths outside the form, such as `postings.0`).
#[uniffi::export]
pub fn form_field(path: String) -> Option<FormField> {
    keynet::form::fields::field_info(&path).map(FormField::from)
}

/// The 47 prefectures in code order.
#[uniffi::export]
pub fn prefectures() -> Vec<PrefectureInfo> {
    keynet::Prefecture::all()
        .map(|p| PrefectureInfo {
            code: p.code(),
            name: p.name().to_owned(),
            short_name: p.short_name().to_owned(),
            romaji: p.romaji().to_owned(),
        })
        .collect()
}

fn label_in<T: PartialEq + Copy>(table: &[(T, &'static str, &'static str)], value: T) -> String {
    table
        .iter()
        .find(|(v, _, _)| *v == value)
        .map(|(_, _, ja)| (*ja).to_owned())
        .unwrap_or_default()
}

/// 病院 / 診療所 / 保健所.
#[uniffi::export]
pub fn facility_type_label_ja(facility_type: FacilityType) -> String {
    label_in(&keynet::FacilityType::ALL, facility_type.into())
}

/// 一般内科外来業務, …
#[uniffi::export]
pub fn duty_kind_label_ja(kind: DutyKind) -> String {
    label_in(&keynet::DutyKind::ALL, kind.into())
}

/// 時給 / 日給 / 月給.
#[uniffi::export]
pub fn salary_basis_label_ja(basis: SalaryBasis) -> String {
    label_in(&keynet::SalaryBasis::ALL, basis.into())
}

/// 敷地内禁煙, …
#[uniffi::export]
pub fn passive_smoking_label_ja(measure: PassiveSmoking) -> String {
    label_in(&keynet::PassiveSmoking::ALL, measure.into())
}

/// Test hook, not API: panics inside the guard to prove a panic becomes
/// [`KeyNetError::Internal`] and the library keeps working.
#[uniffi::export]
pub fn trigger_panic_for_tests() -> Result<(), KeyNetError> {
    guarded(|| {
        // Deliberate: the panic drill of the test suites.
        #[allow(clippy::panic)]
        {
            panic!("panic drill (trigger_panic_for_tests)")
        }
    })
}

#[cfg(test)]
mod tests;
