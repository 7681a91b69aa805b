//! The typed entry points: the core's own records and enums in and out. What a host may have
//! edited — a form, a posting, a plan, rules, an event, a draft — is read again by the core's own
//! readers (those of the JSON façade, `keynet::api`), so the typed and the JSON entry points
//! refuse the same input with the same findings at the same paths.

use serde::Serialize;
use serde_json::{Value, json};

use keynet::api::{self, ApiError};
use keynet::distribution::{self, CountRow, Explanation, Recipient, Rule, RuleSet};
use keynet::lifecycle::{self, AccountStatus, DuplicateOpenPostings};
use keynet::training::{self, Assessment, Material, TrainingPlan};
use keynet::uniffi_support::PostingRecord;
use keynet::{Form, FormView, Occupation, Posting, ValidForm, View};

use crate::answers::{Delivery, Validation, ViewedForm, deliveries};
use crate::draft::{FormDraft, LifecycleEvent};
use crate::error::{KeyNetError, guarded};

pub(crate) fn to_value<T: Serialize>(value: &T) -> Result<Value, KeyNetError> {
    serde_json::to_value(value).map_err(KeyNetError::internal)
}

pub(crate) fn valid_form(form: &Value) -> Result<ValidForm, KeyNetError> {
    keynet::validate_value(form)?
        .into_valid()
        .map_err(|rejected| KeyNetError::invalid(rejected.findings))
}

/// A posting from the host, read again like its JSON; findings at `posting.…`.
pub(crate) fn read_posting(posting: &PostingRecord) -> Result<Posting, KeyNetError> {
    posting
        .to_posting()
        .map_err(|e| KeyNetError::invalid(api::prefixed("posting", e.findings)))
}

/// Postings from the host, read again like their JSON; findings at `<path>.<i>.…`.
fn read_postings(postings: &[PostingRecord], path: &str) -> Result<Vec<Posting>, KeyNetError> {
    let list = postings.iter().map(PostingRecord::to_json_value).collect();
    Ok(api::read_postings(&Value::Array(list), path)?)
}

/// The standard rules with `rules` added or replacing a standard one by kind, checked as the
/// rules' JSON is.
pub(crate) fn rule_set(rules: &[Rule]) -> Result<RuleSet, KeyNetError> {
    let extra = (!rules.is_empty())
        .then(|| to_value(&rules).map(|list| json!({ "rules": list })))
        .transpose()?;
    Ok(api::rule_set(extra.as_ref())?)
}

/// The JSON façade's own refusal, word for word, for the few checks it makes of a call's plain
/// arguments (the counts view, a registration date): the typed entry point asks it rather than
/// word them a second time.
pub(crate) fn refusal(answer: Result<Value, ApiError>) -> KeyNetError {
    match answer {
        Err(e) => e.into(),
        Ok(_) => KeyNetError::internal("the JSON entry point accepted what the typed one refused"),
    }
}

/// Every finding about a draft (errors and warnings, in field order) and, when no finding is an
/// error, the normalised form.
#[uniffi::export]
pub fn validate(form: FormDraft) -> Result<Validation, KeyNetError> {
    guarded(|| {
        Ok(
            match keynet::validate_value(&to_value(&form)?)?.into_valid() {
                Ok(valid) => Validation {
                    findings: valid.warnings().to_vec(),
                    registrable: true,
                    form: Some(valid.into_form()),
                },
                Err(rejected) => Validation {
                    findings: rejected.findings,
                    registrable: false,
                    form: None,
                },
            },
        )
    })
}

/// The normalised form of a draft without errors; `KeyNetError.invalidForm` with every finding
/// otherwise.
#[uniffi::export]
pub fn normalize(form: FormDraft) -> Result<Form, KeyNetError> {
    guarded(|| Ok(valid_form(&to_value(&form)?)?.into_form()))
}

/// A normalised form as a draft again, for editing (exactly its canonical JSON, read back).
#[uniffi::export]
pub fn form_draft(form: Form) -> Result<FormDraft, KeyNetError> {
    guarded(|| {
        serde_json::from_value(form.to_json_value()).map_err(|e| {
            KeyNetError::internal(format!("a canonical form does not fit a draft: {e}"))
        })
    })
}

fn viewed(form: &Form, kind: View) -> Result<ViewedForm, KeyNetError> {
    let json = form.to_json_value();
    let valid = valid_form(&json)?;
    match FormView::of(&valid, kind) {
        Some(view) => ViewedForm::of(valid.form(), &view.to_json_value()),
        None => Err(refusal(api::view(&json, kind))),
    }
}

/// The public view (docs/domain.md §6): no facility ID, and the masked fields nil when masking
/// was requested. A form that repeats a masked value in public text is refused (`invalidForm`,
/// `masking_leak`).
#[uniffi::export]
pub fn public_view(form: Form) -> Result<ViewedForm, KeyNetError> {
    guarded(|| viewed(&form, View::Public))
}

/// The registered view: every field but the facility ID.
#[uniffi::export]
pub fn registered_view(form: Form) -> Result<ViewedForm, KeyNetError> {
    guarded(|| viewed(&form, View::Registered))
}

/// One view of a form (`internal`, `registered`, `public`; `counts` shows no form and fails).
#[uniffi::export]
pub fn view(form: Form, kind: View) -> Result<ViewedForm, KeyNetError> {
    guarded(|| viewed(&form, kind))
}

/// Registers a form as a new open posting (`registeredOn`: ISO or wareki date).
#[uniffi::export]
pub fn register(
    form: Form,
    posting_id: String,
    registered_on: String,
) -> Result<PostingRecord, KeyNetError> {
    guarded(|| {
        let json = form.to_json_value();
        let valid = valid_form(&json)?;
        let Ok(day) = keynet::text::parse_date(&registered_on) else {
            return Err(refusal(api::register(&json, &posting_id, &registered_on)));
        };
        let posting = Posting::register(posting_id.trim(), day, valid)
            .map_err(|e| KeyNetError::invalid(e.findings))?;
        Ok(PostingRecord::from(&posting))
    })
}

/// Applies one lifecycle event; returns the posting after it (`lifecycle` error when refused).
#[uniffi::export]
pub fn apply_event(
    posting: PostingRecord,
    event: LifecycleEvent,
) -> Result<PostingRecord, KeyNetError> {
    guarded(|| {
        let mut posting = read_posting(&posting)?;
        let event = lifecycle::read_event(&to_value(&event)?)
            .map_err(|e| KeyNetError::invalid(api::prefixed("event", e.findings)))?;
        posting.apply(event)?;
        Ok(PostingRecord::from(&posting))
    })
}

/// The full details (registered view) for a seeker who inquired or applied; a `disclosure`
/// error otherwise.
#[uniffi::export]
pub fn disclose(posting: PostingRecord, seeker_id: String) -> Result<ViewedForm, KeyNetError> {
    guarded(|| {
        let posting = read_posting(&posting)?;
        let view = posting.disclose_to(&seeker_id)?;
        ViewedForm::of(posting.form(), &view.to_json_value())
    })
}

/// The facility's Key-Net account status for a calendar month (`month` 1–12).
#[uniffi::export]
pub fn account_status(
    postings: Vec<PostingRecord>,
    facility_id: String,
    year: i32,
    month: u8,
) -> Result<AccountStatus, KeyNetError> {
    guarded(|| {
        let list = postings.iter().map(PostingRecord::to_json_value).collect();
        let status = api::account_status(&Value::Array(list), &facility_id, year, month)?;
        serde_json::from_value(status).map_err(KeyNetError::internal)
    })
}

/// Facilities with two or more open postings for one occupation.
#[uniffi::export]
pub fn duplicate_open_postings(
    postings: Vec<PostingRecord>,
) -> Result<Vec<DuplicateOpenPostings>, KeyNetError> {
    guarded(|| {
        Ok(lifecycle::duplicate_open_postings(&read_postings(
            &postings, "postings",
        )?))
    })
}

/// Who receives which open postings, in which view (docs/domain.md §7, §11). `rules` add to or
/// replace the standard rules by kind.
#[uniffi::export(default(rules = []))]
pub fn distribute(
    postings: Vec<PostingRecord>,
    recipients: Vec<Recipient>,
    rules: Vec<Rule>,
) -> Result<Vec<Delivery>, KeyNetError> {
    guarded(|| {
        let rules = rule_set(&rules)?;
        let postings = read_postings(&postings, "postings")?;
        let d = distribution::distribute(&postings, &recipients, &rules)
            .map_err(|e| KeyNetError::invalid(vec![e.to_finding()]))?;
        Ok(deliveries(&d))
    })
}

/// Why a recipient does or does not receive a posting, naming the rule.
#[uniffi::export(default(rules = []))]
pub fn explain(
    posting: PostingRecord,
    recipient: Recipient,
    rules: Vec<Rule>,
) -> Result<Explanation, KeyNetError> {
    guarded(|| {
        let rules = rule_set(&rules)?;
        let posting = read_posting(&posting)?;
        distribution::explain(&posting, &recipient, &rules)
            .map_err(|e| KeyNetError::invalid(vec![e.to_finding()]))
    })
}

/// What is new for each recipient in `current` since the distribution of `previous`.
#[uniffi::export(default(rules = []))]
pub fn new_since(
    previous: Vec<PostingRecord>,
    current: Vec<PostingRecord>,
    recipients: Vec<Recipient>,
    rules: Vec<Rule>,
) -> Result<Vec<Delivery>, KeyNetError> {
    guarded(|| {
        let rules = rule_set(&rules)?;
        let previous = read_postings(&previous, "previous")?;
        let current = read_postings(&current, "current")?;
        let d = distribution::new_since(&previous, &current, &recipients, &rules)
            .map_err(|e| KeyNetError::invalid(vec![e.to_finding()]))?;
        Ok(deliveries(&d))
    })
}

/// The placement agencies' count table of the open postings.
#[uniffi::export]
pub fn count_table(postings: Vec<PostingRecord>) -> Result<Vec<CountRow>, KeyNetError> {
    guarded(|| {
        let postings = read_postings(&postings, "postings")?;
        Ok(distribution::count_table(
            postings.iter().filter(|p| p.is_open()),
        ))
    })
}

/// Judges a hire's training plan (docs/domain.md §8).
#[uniffi::export]
pub fn assess_training(plan: TrainingPlan) -> Result<Assessment, KeyNetError> {
    guarded(|| {
        let plan =
            training::read_plan(&to_value(&plan)?).map_err(|e| KeyNetError::invalid(e.findings))?;
        Ok(training::assess(&plan))
    })
}

/// The seeds' teaching materials for an occupation (those for all included), or all.
#[uniffi::export(default(occupation = None))]
pub fn training_materials(occupation: Option<Occupation>) -> Result<Vec<Material>, KeyNetError> {
    guarded(|| {
        Ok(match occupation {
            Some(o) => training::materials_for(o).into_iter().cloned().collect(),
            None => training::materials().to_vec(),
        })
    })
}

/// The standard recipients of a report: every kind of the standard rules, the 47 prefectures for
/// the kinds tied to one, and the given placement agencies by name.
#[uniffi::export]
pub fn standard_recipients(agencies: Vec<String>) -> Result<Vec<Recipient>, KeyNetError> {
    guarded(|| {
        let names: Vec<&str> = agencies.iter().map(String::as_str).collect();
        distribution::standard_recipients_checked(&names)
            .map_err(|findings| keynet::api::ApiError::Invalid { findings }.into())
    })
}

/// The standard distribution rules (docs/domain.md §7, `core/data/scopes.json`).
#[uniffi::export]
pub fn standard_rules() -> Result<Vec<Rule>, KeyNetError> {
    guarded(|| Ok(RuleSet::standard().rules))
}

/// Reads a form from JSON text and normalises it (`invalidForm` when it has errors).
#[uniffi::export]
pub fn form_from_json(json: String) -> Result<Form, KeyNetError> {
    guarded(|| {
        let value = api::parse_json(json.as_bytes(), keynet::MAX_INPUT_BYTES)?;
        Ok(valid_form(&value)?.into_form())
    })
}

/// The canonical JSON v1 text of a form.
#[uniffi::export]
pub fn form_to_json(form: Form) -> Result<String, KeyNetError> {
    guarded(|| Ok(form.to_json_string()))
}

/// Reads a posting (docs/domain.md §11, with its lifecycle fields) from JSON text; its form is
/// validated (`invalidForm` with findings at `form.…` when it has errors).
#[uniffi::export]
pub fn posting_from_json(json: String) -> Result<PostingRecord, KeyNetError> {
    guarded(|| {
        let value = api::parse_json(json.as_bytes(), usize::MAX)?;
        let posting =
            Posting::from_json_value(&value).map_err(|e| KeyNetError::invalid(e.findings))?;
        Ok(PostingRecord::from(&posting))
    })
}

/// The JSON text of a posting (docs/domain.md §11).
#[uniffi::export]
pub fn posting_to_json(posting: PostingRecord) -> Result<String, KeyNetError> {
    guarded(|| Ok(posting.to_json_value().to_string()))
}
