//! The one error type of the binding, `KeyNetError`: typed cases a Swift `catch` or a Kotlin
//! `when` can switch on, each carrying its data (never flattened to a string).

use keynet::Finding;
use keynet::api::ApiError;
use keynet::lifecycle::LifecycleError;
use keynet::posting::DisclosureError;

/// Why input could not be read at all (mirrors the kinds of `keynet::InputError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum InputErrorKind {
    /// Over the size limit (1 MiB for one form).
    TooLarge,
    InvalidUtf8,
    /// Not valid JSON.
    Syntax,
    /// Nested deeper than 32 levels.
    TooDeep,
    /// A list or object inside a document with more than 10,000 entries.
    TooManyItems,
    /// A form that is not a JSON object.
    NotAnObject,
    /// A CSV file read in an encoding it is not in (see `message`).
    WrongEncoding,
    /// A kind newer than this binding (see `message`).
    Other,
}

impl InputErrorKind {
    fn of(e: &keynet::InputError) -> Self {
        match e.kind() {
            "too_large" => InputErrorKind::TooLarge,
            "invalid_utf8" => InputErrorKind::InvalidUtf8,
            "syntax" => InputErrorKind::Syntax,
            "too_deep" => InputErrorKind::TooDeep,
            "too_many_items" => InputErrorKind::TooManyItems,
            "not_an_object" => InputErrorKind::NotAnObject,
            "wrong_encoding" => InputErrorKind::WrongEncoding,
            _ => InputErrorKind::Other,
        }
    }
}

/// A lifecycle event the posting's state does not allow (mirrors `keynet::lifecycle::LifecycleError`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum LifecycleProblem {
    /// The posting is closed.
    Closed,
    /// The event is dated before what it follows (ISO date).
    BeforeItsTime {
        earliest: String,
    },
    NotAnApplicant {
        seeker_id: String,
    },
    AlreadyApplied {
        seeker_id: String,
    },
    AlreadyHired {
        seeker_id: String,
    },
    NotHired {
        seeker_id: String,
    },
    /// The training plan misses required modules (listed).
    TrainingIncomplete {
        missing: String,
    },
    TrainingAlreadyCompleted {
        seeker_id: String,
    },
    TrainingNotCompleted {
        seeker_id: String,
    },
    AlreadyReported {
        seeker_id: String,
    },
    /// A kind newer than this binding: the core's stable snake_case name.
    Other {
        kind: String,
    },
}

impl From<&LifecycleError> for LifecycleProblem {
    fn from(e: &LifecycleError) -> Self {
        use LifecycleError as E;
        match e.clone() {
            E::Closed => LifecycleProblem::Closed,
            E::BeforeItsTime { earliest } => LifecycleProblem::BeforeItsTime { earliest },
            E::NotAnApplicant { seeker_id } => LifecycleProblem::NotAnApplicant { seeker_id },
            E::AlreadyApplied { seeker_id } => LifecycleProblem::AlreadyApplied { seeker_id },
            E::AlreadyHired { seeker_id } => LifecycleProblem::AlreadyHired { seeker_id },
            E::NotHired { seeker_id } => LifecycleProblem::NotHired { seeker_id },
            E::TrainingIncomplete { missing } => LifecycleProblem::TrainingIncomplete { missing },
            E::TrainingAlreadyCompleted { seeker_id } => {
                LifecycleProblem::TrainingAlreadyCompleted { seeker_id }
            }
            E::TrainingNotCompleted { seeker_id } => {
                LifecycleProblem::TrainingNotCompleted { seeker_id }
            }
            E::AlreadyReported { seeker_id } => LifecycleProblem::AlreadyReported { seeker_id },
            other => LifecycleProblem::Other {
                kind: other.kind().to_owned(),
            },
        }
    }
}

/// Why masked details were not disclosed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DisclosureProblem {
    /// The seeker neither inquired about nor applied to the posting.
    NoInquiry,
    /// The inquiry is about another posting.
    OtherPosting,
}

/// Why a call failed. Swift: `catch KeyNetError.InvalidForm(let findings, _)`; Kotlin:
/// `catch (e: KeyNetException.InvalidForm)` (where `message` fields are named `reason`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum KeyNetError {
    /// The input is not a document at all: bad JSON, not an object, too large, too deep.
    #[error("{message}")]
    InvalidInput {
        kind: InputErrorKind,
        message: String,
        message_ja: String,
    },
    /// The form — or the posting, event, plan or recipient given — has error findings; every
    /// finding is carried, at its path (`contact.phone`, `postings.1.form.openings`,
    /// `recipients.0`, `event.type`). `at`: the index of the event that does not read, when a
    /// sequence of events was applied (`PostingObject.applyEvents`, `callJson` `apply_events`);
    /// nil otherwise.
    #[error("{} error finding(s)", findings.iter().filter(|f| f.is_error()).count())]
    InvalidForm {
        findings: Vec<Finding>,
        at: Option<u32>,
    },
    /// A lifecycle event the posting's state does not allow. `at`: the index of that event when
    /// a sequence of events was applied (`PostingObject.applyEvents`, `callJson`
    /// `apply_events`); nil otherwise.
    #[error("{message}")]
    Lifecycle {
        problem: LifecycleProblem,
        message: String,
        at: Option<u32>,
    },
    /// Masked details asked for without an inquiry or application.
    #[error("{message}")]
    Disclosure {
        problem: DisclosureProblem,
        message: String,
    },
    /// A distribution rule set that cannot be used (duplicate kind, bad shape…).
    #[error("{message}")]
    Rules { message: String },
    /// A bug inside keynet (a Rust panic was caught, or the core answered in a shape this
    /// binding does not know); later calls work.
    #[error("keynet internal error: {message}")]
    Internal { message: String },
}

impl From<keynet::InputError> for KeyNetError {
    fn from(e: keynet::InputError) -> Self {
        KeyNetError::InvalidInput {
            kind: InputErrorKind::of(&e),
            message: e.to_string(),
            message_ja: e.message_ja(),
        }
    }
}

impl From<ApiError> for KeyNetError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Input(input) => input.into(),
            ApiError::Invalid { findings } => KeyNetError::InvalidForm { findings, at: None },
            ApiError::Lifecycle(l) => KeyNetError::Lifecycle {
                problem: (&l).into(),
                message: l.to_string(),
                at: None,
            },
            // One event of a sequence: the error of that event, with its index.
            ApiError::AtEvent { at, error } => KeyNetError::from(*error).at_event(at),
            ApiError::Rules(r) => KeyNetError::Rules {
                message: r.to_string(),
            },
            ApiError::Disclosure(d) => KeyNetError::Disclosure {
                problem: match d {
                    DisclosureError::NoInquiry => DisclosureProblem::NoInquiry,
                    DisclosureError::OtherPosting => DisclosureProblem::OtherPosting,
                },
                message: d.to_string(),
            },
            other => KeyNetError::Internal {
                message: format!(
                    "an error kind this binding does not know ({}): {other}",
                    other.kind()
                ),
            },
        }
    }
}

impl From<LifecycleError> for KeyNetError {
    fn from(e: LifecycleError) -> Self {
        ApiError::from(e).into()
    }
}

impl From<DisclosureError> for KeyNetError {
    fn from(e: DisclosureError) -> Self {
        ApiError::from(e).into()
    }
}

impl KeyNetError {
    /// Every finding, at its path (`contact.phone`, `postings.1.form.openings`).
    pub(crate) fn invalid(findings: Vec<Finding>) -> Self {
        KeyNetError::InvalidForm { findings, at: None }
    }

    /// The error of event `index` of a sequence: its index in `at` (an index beyond `u32`, which
    /// no list within the input limits reaches, is written as `u32::MAX`).
    fn at_event(self, index: usize) -> Self {
        let index = Some(u32::try_from(index).unwrap_or(u32::MAX));
        match self {
            KeyNetError::InvalidForm { findings, .. } => KeyNetError::InvalidForm {
                findings,
                at: index,
            },
            KeyNetError::Lifecycle {
                problem, message, ..
            } => KeyNetError::Lifecycle {
                problem,
                message,
                at: index,
            },
            other => other,
        }
    }

    pub(crate) fn internal(message: impl std::fmt::Display) -> Self {
        KeyNetError::Internal {
            message: format!("a bug, please report it: {message}"),
        }
    }
}

/// Runs `f`, turning a Rust panic into [`KeyNetError::Internal`] (never an abort: the profile
/// keeps `panic = "unwind"`).
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, KeyNetError>) -> Result<T, KeyNetError> {
    keynet::host::catch_panic(f).unwrap_or_else(|panic| Err(KeyNetError::internal(panic)))
}
