//! Swift and Kotlin bindings of `keynet` (UniFFI proc-macros), module `KeyNet`: entry points and
//! the few answers the core has no type for, nothing more. Every rule lives in the core.
//!
//! The records and enums are the core's own: `keynet` derives them behind its `uniffi` feature
//! (docs/choices.md — "Swift and Kotlin: the core's own types") in a namespace of its own,
//! `keynet_core`, which Swift compiles into this same module and Kotlin puts in the package
//! `keynet.core`. Here:
//!
//! - [`draft`]: what an app collects, as typed — `FormDraft`, `LifecycleEvent`.
//! - [`answers`]: `Validation`, `ViewedForm` (a form as one view shows it), `Delivery`.
//! - [`reference`]: the catalogue, occupations, form fields, prefectures, labels.
//! - [`typed`]: typed entry points (`validate`, `normalize`, `publicView`, `distribute`, …).
//! - [`objects`]: objects that hold core values, read once — `ValidForm`, `PostingObject`,
//!   `RuleSet` — whose methods call the core's typed API on them.
//! - [`json`]: JSON-text entry points (`validateJson`, `publicViewJson`, …, `callJson`).
//! - [`error`]: `KeyNetError`, typed cases; every export runs inside `catch_unwind`, so a Rust
//!   panic becomes `KeyNetError.internal` instead of crossing the FFI boundary.

pub mod answers;
pub mod draft;
pub mod error;
pub mod json;
pub mod objects;
pub mod reference;
pub mod typed;

pub use answers::*;
pub use draft::*;
pub use error::{DisclosureProblem, InputErrorKind, KeyNetError, LifecycleProblem};
pub use json::*;
pub use objects::*;
pub use reference::*;
pub use typed::*;

use error::guarded;

uniffi::setup_scaffolding!("keynet");

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
