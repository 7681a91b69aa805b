//! The typed entry points: records and enums in, records and enums out. Each converts its
//! arguments to the canonical JSON, calls the core's façade (`keynet::api`) and converts the
//! answer back — so the typed and the JSON entry points cannot disagree.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use keynet::api;

use crate::error::{KeyNetError, guarded};
use crate::types::{
    AccountStatus, Assessment, CountRow, Delivery, DistributionRule, DuplicateOpenPostings,
    Explanation, FormDraft, LifecycleEvent, Material, Occupation, Posting, Recipient,
    RecruitmentForm, TrainingPlan, Validation, ViewKind, ViewedForm, findings,
};

pub(crate) fn to_value<T: Serialize>(value: &T) -> Result<Value, KeyNetError> {
    serde_json::to_value(value).map_err(KeyNetError::internal)
}

pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, KeyNetError> {
    serde_json::from_value(value).map_err(|e| {
        KeyNetError::internal(format!(
            "the core's answer does not fit the binding's types: {e}"
        ))
    })
}

/// Extra rules as the façade takes them: `None` for the standard rules alone.
fn rules_value(rules: &[DistributionRule]) -> Result<Option<Value>, KeyNetError> {
    if rules.is_empty() {
        Ok(None)
    } else {
        Ok(Some(json!({ "rules": to_value(&rules)? })))
    }
}

/// Every finding about a draft (errors and warnings, in field order) and, when no finding is an
/// error, the normalised form.
#[uniffi::export]
pub fn validate(form: FormDraft) -> Result<Validation, KeyNetError> {
    guarded(|| {
        let validation = keynet::validate_value(&to_value(&form)?)?;
        let canonical = validation.canonical_json();
        let form: Option<RecruitmentForm> = canonical.map(from_value).transpose()?;
        Ok(Validation {
            findings: findings(validation.into_findings()),
            registrable: form.is_some(),
            form,
        })
    })
}

/// The normalised form of a draft without errors; `KeyNetError.invalidForm` with every finding
/// otherwise.
#[uniffi::export]
pub fn normalize(form: FormDraft) -> Result<RecruitmentForm, KeyNetError> {
    guarded(|| from_value(api::normalize(&to_value(&form)?)?))
}

/// A normalised form as a draft again, for editing (exactly its canonical JSON, read back).
#[uniffi::export]
pub fn form_draft(form: RecruitmentForm) -> Result<FormDraft, KeyNetError> {
    guarded(|| from_value(to_value(&form)?))
}

/// The public view (§6): no facility ID, and the masked fields nil when masking was requested.
/// A form that repeats a masked value in public text is refused (`invalidForm`, `masking_leak`).
#[uniffi::export]
pub fn public_view(form: RecruitmentForm) -> Result<ViewedForm, KeyNetError> {
    guarded(|| from_value(api::public_view(&to_value(&form)?)?))
}

/// The registered view: every field but the facility ID.
#[uniffi::export]
pub fn registered_view(form: RecruitmentForm) -> Result<ViewedForm, KeyNetError> {
    guarded(|| from_value(api::registered_view(&to_value(&form)?)?))
}

/// One view of a form (`internal`, `registered`, `public`; `counts` shows no form and fails).
#[uniffi::export]
pub fn view(form: RecruitmentForm, kind: ViewKind) -> Result<ViewedForm, KeyNetError> {
    guarded(|| from_value(api::view(&to_value(&form)?, kind.into())?))
}

/// Registers a form as a new open posting (`registeredOn`: ISO or wareki date).
#[uniffi::export]
pub fn register(
    form: RecruitmentForm,
    posting_id: String,
    registered_on: String,
) -> Result<Posting, KeyNetError> {
    guarded(|| {
        from_value(api::register(
            &to_value(&form)?,
            &posting_id,
            &registered_on,
        )?)
    })
}

/// Applies one lifecycle event; returns the posting after it (`lifecycle` error when refused).
#[uniffi::export]
pub fn apply_event(posting: Posting, event: LifecycleEvent) -> Result<Posting, KeyNetError> {
    guarded(|| from_value(api::apply_event(&to_value(&posting)?, &to_value(&event)?)?))
}

/// The full details (registered view) for a seeker who inquired or applied; a `disclosure`
/// error otherwise.
#[uniffi::export]
pub fn disclose(posting: Posting, seeker_id: String) -> Result<ViewedForm, KeyNetError> {
    guarded(|| from_value(api::disclose(&to_value(&posting)?, &seeker_id)?))
}

/// The facility's Key-Net account status for a calendar month (`month` 1–12).
#[uniffi::export]
pub fn account_status(
    postings: Vec<Posting>,
    facility_id: String,
    year: i32,
    month: u8,
) -> Result<AccountStatus, KeyNetError> {
    guarded(|| {
        from_value(api::account_status(
            &to_value(&postings)?,
            &facility_id,
            year,
            month,
        )?)
    })
}

/// Facilities with two or more open postings for one occupation.
#[uniffi::export]
pub fn duplicate_open_postings(
    postings: Vec<Posting>,
) -> Result<Vec<DuplicateOpenPostings>, KeyNetError> {
    guarded(|| from_value(api::duplicate_open_postings(&to_value(&postings)?)?))
}

/// Who receives which open postings, in which view (§7, §11). `rules` add to or replace the
/// standard rules by kind.
#[uniffi::export(default(rules = []))]
pub fn distribute(
    postings: Vec<Posting>,
    recipients: Vec<Recipient>,
    rules: Vec<DistributionRule>,
) -> Result<Vec<Delivery>, KeyNetError> {
    guarded(|| {
        from_value(api::distribute(
            &to_value(&postings)?,
            &to_value(&recipients)?,
            rules_value(&rules)?.as_ref(),
        )?)
    })
}

/// Why a recipient does or does not receive a posting, naming the rule.
#[uniffi::export(default(rules = []))]
pub fn explain(
    posting: Posting,
    recipient: Recipient,
    rules: Vec<DistributionRule>,
) -> Result<Explanation, KeyNetError> {
    guarded(|| {
        from_value(api::explain(
            &to_value(&posting)?,
            &to_value(&recipient)?,
            rules_value(&rules)?.as_ref(),
        )?)
    })
}

/// What is new for each recipient in `current` since the distribution of `previous`.
#[uniffi::export(default(rules = []))]
pub fn new_since(
    previous: Vec<Posting>,
    current: Vec<Posting>,
    recipients: Vec<Recipient>,
    rules: Vec<DistributionRule>,
) -> Result<Vec<Delivery>, KeyNetError> {
    guarded(|| {
        from_value(api::new_since(
            &to_value(&previous)?,
            &to_value(&current)?,
            &to_value(&recipients)?,
            rules_value(&rules)?.as_ref(),
        )?)
    })
}

/// The placement agencies' count table of the open postings.
#[uniffi::export]
pub fn count_table(postings: Vec<Posting>) -> Result<Vec<CountRow>, KeyNetError> {
    guarded(|| from_value(api::count_table(&to_value(&postings)?)?))
}

/// Judges a hire's training plan (§8).
#[uniffi::export]
pub fn assess_training(plan: TrainingPlan) -> Result<Assessment, KeyNetError> {
    guarded(|| from_value(api::assess_training(&to_value(&plan)?)?))
}

/// The seeds' teaching materials for an occupation (those for all included), or all.
#[uniffi::export(default(occupation = None))]
pub fn training_materials(occupation: Option<Occupation>) -> Result<Vec<Material>, KeyNetError> {
    guarded(|| {
        let code = occupation.map(|o| keynet::Occupation::from(o).code());
        from_value(api::training_materials(code)?)
    })
}

/// The standard recipients of a report: every kind of the standard rules, the 47 prefectures for
/// the kinds tied to one, and the given placement agencies by name.
#[uniffi::export]
pub fn standard_recipients(agencies: Vec<String>) -> Result<Vec<Recipient>, KeyNetError> {
    guarded(|| {
        let names: Vec<&str> = agencies.iter().map(String::as_str).collect();
        from_value(to_value(&keynet::distribution::standard_recipients(
            &names,
        ))?)
    })
}

/// The standard distribution rules (docs/domain.md §7, `core/data/scopes.json`).
#[uniffi::export]
pub fn standard_rules() -> Result<Vec<DistributionRule>, KeyNetError> {
    guarded(|| from_value(to_value(&keynet::RuleSet::standard().rules)?))
}

/// Reads a form from JSON text and normalises it (`invalidForm` when it has errors).
#[uniffi::export]
pub fn form_from_json(json: String) -> Result<RecruitmentForm, KeyNetError> {
    guarded(|| {
        let value = api::parse_json(json.as_bytes(), keynet::MAX_INPUT_BYTES)?;
        from_value(api::normalize(&value)?)
    })
}

/// The canonical JSON v1 text of a form.
#[uniffi::export]
pub fn form_to_json(form: RecruitmentForm) -> Result<String, KeyNetError> {
    guarded(|| Ok(to_value(&form)?.to_string()))
}

/// Reads a posting (§11, with its lifecycle fields) from JSON text; its form is validated
/// (`invalidForm` with findings at `form.…` when it has errors).
#[uniffi::export]
pub fn posting_from_json(json: String) -> Result<Posting, KeyNetError> {
    guarded(|| {
        let value = api::parse_json(json.as_bytes(), usize::MAX)?;
        let posting =
            keynet::Posting::from_json_value(&value).map_err(|e| KeyNetError::InvalidForm {
                findings: findings(e.findings),
            })?;
        from_value(posting.to_json_value())
    })
}

/// The JSON text of a posting (§11).
#[uniffi::export]
pub fn posting_to_json(posting: Posting) -> Result<String, KeyNetError> {
    guarded(|| Ok(to_value(&posting)?.to_string()))
}
