//! Swift and Kotlin bindings of `keynet` (UniFFI proc-macros): typed mirrors of the core's
//! findings and conversion, nothing more. Every rule lives in the core.
//!
//! The core does not depend on UniFFI, so its types are mirrored here: [`Finding`],
//! [`FindingCode`], [`Severity`], [`CodeInfo`], and the error [`KeyNetError`]. The conversions
//! from the core types are exhaustive matches: a code added to the core fails to compile here
//! until it is mirrored. Every export runs the core inside `catch_unwind`, so a panic becomes
//! [`KeyNetError::Internal`] instead of crossing the FFI boundary.

use std::panic::{AssertUnwindSafe, catch_unwind};

uniffi::setup_scaffolding!("keynet");

/// The stable, machine-readable kind of a finding (mirrors `keynet::Code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FindingCode {
    /// A required value is missing (or only white space).
    Required,
    /// A value is of the wrong shape or JSON type.
    Format,
    /// A number or date is outside its allowed range.
    Range,
    /// A key or enumerated value the form does not know.
    UnknownValue,
    /// Values that contradict each other.
    Inconsistent,
    /// A value hidden by masking appears in text that stays public.
    MaskingLeak,
    /// Labour Standards Act Art. 34 (breaks).
    LaborLaw,
    /// Health Promotion Act (passive smoking at type-1 facilities).
    HealthLaw,
    /// Text longer than the documented limit.
    TooLong,
}

impl From<keynet::Code> for FindingCode {
    fn from(code: keynet::Code) -> Self {
        use keynet::Code as C;
        match code {
            C::Required => FindingCode::Required,
            C::Format => FindingCode::Format,
            C::Range => FindingCode::Range,
            C::UnknownValue => FindingCode::UnknownValue,
            C::Inconsistent => FindingCode::Inconsistent,
            C::MaskingLeak => FindingCode::MaskingLeak,
            C::LaborLaw => FindingCode::LaborLaw,
            C::HealthLaw => FindingCode::HealthLaw,
            C::TooLong => FindingCode::TooLong,
        }
    }
}

impl From<FindingCode> for keynet::Code {
    fn from(code: FindingCode) -> Self {
        use keynet::Code as C;
        match code {
            FindingCode::Required => C::Required,
            FindingCode::Format => C::Format,
            FindingCode::Range => C::Range,
            FindingCode::UnknownValue => C::UnknownValue,
            FindingCode::Inconsistent => C::Inconsistent,
            FindingCode::MaskingLeak => C::MaskingLeak,
            FindingCode::LaborLaw => C::LaborLaw,
            FindingCode::HealthLaw => C::HealthLaw,
            FindingCode::TooLong => C::TooLong,
        }
    }
}

/// How bad a finding is (mirrors `keynet::Severity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Severity {
    /// The form cannot be registered.
    Error,
    /// Registrable, but a person should look.
    Warning,
}

impl From<keynet::Severity> for Severity {
    fn from(severity: keynet::Severity) -> Self {
        match severity {
            keynet::Severity::Error => Severity::Error,
            keynet::Severity::Warning => Severity::Warning,
        }
    }
}

/// One thing validation found, at one dotted path of the canonical JSON.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// Dotted JSON path of the field (`workplace.postal_code`); empty for the whole form.
    pub path: String,
    pub code: FindingCode,
    pub severity: Severity,
    /// English message for people.
    pub message: String,
    /// Japanese message for people.
    pub message_ja: String,
}

impl From<keynet::Finding> for Finding {
    fn from(f: keynet::Finding) -> Self {
        Finding {
            path: f.path,
            code: f.code.into(),
            severity: f.severity.into(),
            message: f.message,
            message_ja: f.message_ja,
        }
    }
}

/// One entry of the catalogue of finding codes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeInfo {
    pub code: FindingCode,
    /// The snake_case string of the code, as in the canonical JSON (`unknown_value`).
    pub name: String,
    pub description: String,
    pub description_ja: String,
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum KeyNetError {
    /// The input is not a form at all: bad JSON, not an object, too large, too deep.
    /// `kind` is the core's stable name (`syntax`, `not_an_object`, …).
    #[error("{message}")]
    InvalidInput {
        kind: String,
        message: String,
        message_ja: String,
    },
    /// The form has error findings and cannot be registered; every finding is carried.
    #[error("the form cannot be registered ({} findings)", findings.len())]
    InvalidForm { findings: Vec<Finding> },
    /// A bug inside keynet (a Rust panic was caught); later calls work.
    #[error("keynet internal error: {message}")]
    Internal { message: String },
}

impl From<keynet::InputError> for KeyNetError {
    fn from(e: keynet::InputError) -> Self {
        KeyNetError::InvalidInput {
            kind: e.kind().to_owned(),
            message: e.to_string(),
            message_ja: e.message_ja(),
        }
    }
}

/// Runs `f`, turning a Rust panic into [`KeyNetError::Internal`].
fn guarded<T>(f: impl FnOnce() -> Result<T, KeyNetError>) -> Result<T, KeyNetError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string panic payload".to_owned());
        Err(KeyNetError::Internal {
            message: format!("a bug, please report it: {detail}"),
        })
    })
}

/// Every finding about the form given as JSON text (errors and warnings).
#[uniffi::export]
pub fn validate_json(json: String) -> Result<Vec<Finding>, KeyNetError> {
    guarded(|| {
        let validation = keynet::validate_json(json.as_bytes())?;
        Ok(validation
            .into_findings()
            .into_iter()
            .map(Finding::from)
            .collect())
    })
}

/// The canonical JSON (v1) of a registrable form, as compact JSON text. Fails with
/// [`KeyNetError::InvalidForm`], carrying every finding, when the form has error findings.
#[uniffi::export]
pub fn normalize_json(json: String) -> Result<String, KeyNetError> {
    guarded(|| {
        let validation = keynet::validate_json(json.as_bytes())?;
        if !validation.is_registrable() {
            return Err(KeyNetError::InvalidForm {
                findings: validation
                    .into_findings()
                    .into_iter()
                    .map(Finding::from)
                    .collect(),
            });
        }
        let canonical = validation
            .canonical_json()
            .ok_or_else(|| KeyNetError::Internal {
                message: "a bug, please report it: a registrable form has no canonical JSON"
                    .to_owned(),
            })?;
        serde_json::to_string(&canonical).map_err(|e| KeyNetError::Internal {
            message: e.to_string(),
        })
    })
}

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
mod tests {
    use super::*;

    #[test]
    fn every_core_code_round_trips_through_the_mirror() {
        for code in keynet::Code::ALL {
            assert_eq!(keynet::Code::from(FindingCode::from(code)), code);
            assert_eq!(finding_code_name(code.into()), code.as_str());
        }
        assert_eq!(catalogue().len(), keynet::Code::ALL.len());
    }

    #[test]
    fn a_panic_becomes_internal() {
        assert!(matches!(
            trigger_panic_for_tests(),
            Err(KeyNetError::Internal { .. })
        ));
        assert!(matches!(
            validate_json("[]".to_owned()),
            Err(KeyNetError::InvalidInput { .. })
        ));
    }
}
