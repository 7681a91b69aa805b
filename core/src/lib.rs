//! # keynet
//!
//! The rules of Japan's emergency medical staffing recruitment plan (緊急医療人材等確保促進プラン,
//! 2020): the G-MIS registration form (募集情報登録票) and its validation, the 11 occupations,
//! Japanese input as people type it, and masking — as one pure library that the Python, Node
//! and Swift bindings share.
//!
//! ```
//! let json = r#"{"facility": {"id": "GM13-1", "name": "A病院", "type": "hospital", "prefecture": "東京"},
//!                "occupation": "看護師", "openings": "２"}"#;
//! let validation = keynet::validate_json(json.as_bytes())?;
//! assert!(!validation.is_registrable());
//! for finding in validation.findings() {
//!     println!("{} {} {}: {}", finding.severity, finding.code, finding.path, finding.message_ja);
//! }
//! # Ok::<(), keynet::InputError>(())
//! ```
//!
//! Every rule lives here, once; a binding only converts between its host and these types.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod accounts;
pub mod api;
pub mod batch;
pub mod beds;
pub mod csv;
pub mod distribution;
mod embedded;
mod error;
pub mod error_catalogue;
mod finding;
pub mod fire_hq;
pub mod form;
pub mod host;
pub mod kintone;
pub mod leak_key;
pub mod lifecycle;
pub mod limits;
/// Masking (マスキング処理, docs/domain.md §6) in one place for readers: the catalogue's lists of
/// hidden and public fields, the leak rule ([`form::leak`]) and the views ([`views`]).
pub mod masking {
    pub use crate::form::fields::{
        ALWAYS_HIDDEN_FIELDS, HIDDEN_TEXT_FIELDS, MASKED_FIELDS, PUBLIC_TEXT_FIELDS,
    };
    pub use crate::form::leak::*;
    pub use crate::views::*;
}
pub mod occupation;
pub mod phone;
pub mod places;
pub mod posting;
pub mod sample;
pub mod text;
pub mod training;
#[cfg(feature = "uniffi")]
pub mod uniffi_support;
pub mod views;
pub mod vocabulary;

pub use distribution::{Recipient, RuleSet, distribute, explain, new_since};
pub use error::{InputError, MAX_DEPTH, MAX_INPUT_BYTES, MAX_ITEMS};
pub use finding::{Code, CodeInfo, Finding, Severity, catalogue, error_summary, is_registrable};
pub use form::{
    Contact, DutyKind, EmploymentPeriod, ExistingListings, Facility, FacilityType, Form, Insurance,
    PassiveSmoking, Rejected, Salary, SalaryBasis, ValidForm, Validation, WorkingHours, Workplace,
    read_form_json, validate, validate_host_value, validate_json, validate_value,
};
pub use occupation::{LicenceGroup, OCCUPATIONS, Occupation, OccupationInfo};
pub use places::Prefecture;
pub use posting::{Posting, Status};
pub use views::{FormView, View};

// The core's types for Swift and Kotlin (UniFFI), only with the `uniffi` feature: their own
// namespace, beside bindings-swift's (docs/choices.md — "Swift and Kotlin: the core's own types").
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("keynet_core");

// The README's Rust example is compiled and run as a doctest, so it cannot go stale.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
