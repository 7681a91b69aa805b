//! The JSON-text entry points, for apps that already hold JSON: canonical JSON v1 text in and
//! out, the same errors as the typed entry points (`KeyNetError`, typed). A form argument is
//! limited to 1 MiB like `validateJson`; lists of postings are not limited in size.

use serde_json::Value;

use keynet::api;
use keynet::{Finding, View};

use crate::error::{KeyNetError, guarded};

fn form_arg(json: &str) -> Result<Value, KeyNetError> {
    Ok(api::parse_json(json.as_bytes(), keynet::MAX_INPUT_BYTES)?)
}

fn doc_arg(json: &str) -> Result<Value, KeyNetError> {
    Ok(api::parse_json(json.as_bytes(), usize::MAX)?)
}

fn rules_arg(json: Option<&str>) -> Result<Option<Value>, KeyNetError> {
    json.map(doc_arg).transpose()
}

/// Every finding about the form given as JSON text (errors and warnings).
#[uniffi::export]
pub fn validate_json(json: String) -> Result<Vec<Finding>, KeyNetError> {
    guarded(|| {
        let validation = keynet::validate_json(json.as_bytes())?;
        Ok(validation.into_findings())
    })
}

/// The canonical JSON (v1) text of a form without errors; `invalidForm` with every finding
/// otherwise.
#[uniffi::export]
pub fn normalize_json(json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::normalize(&form_arg(&json)?)?.to_string()))
}

/// The public view (§6) of a form, as JSON text.
#[uniffi::export]
pub fn public_view_json(form_json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::public_view(&form_arg(&form_json)?)?.to_string()))
}

/// The registered view (all but the facility ID) of a form, as JSON text.
#[uniffi::export]
pub fn registered_view_json(form_json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::registered_view(&form_arg(&form_json)?)?.to_string()))
}

/// One view of a form, as JSON text.
#[uniffi::export]
pub fn view_json(form_json: String, view: View) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::view(&form_arg(&form_json)?, view)?.to_string()))
}

/// §11 distribution: `postingsJson` a list of postings, `recipientsJson` a list of recipients,
/// `rulesJson` extra rules (`{"rules": […]}` or one rule) or nil.
#[uniffi::export(default(rules_json = None))]
pub fn distribute_json(
    postings_json: String,
    recipients_json: String,
    rules_json: Option<String>,
) -> Result<String, KeyNetError> {
    guarded(|| {
        Ok(api::distribute(
            &doc_arg(&postings_json)?,
            &doc_arg(&recipients_json)?,
            rules_arg(rules_json.as_deref())?.as_ref(),
        )?
        .to_string())
    })
}

/// §11 explanation for one posting and one recipient, as JSON text.
#[uniffi::export(default(rules_json = None))]
pub fn explain_json(
    posting_json: String,
    recipient_json: String,
    rules_json: Option<String>,
) -> Result<String, KeyNetError> {
    guarded(|| {
        Ok(api::explain(
            &doc_arg(&posting_json)?,
            &doc_arg(&recipient_json)?,
            rules_arg(rules_json.as_deref())?.as_ref(),
        )?
        .to_string())
    })
}

/// What is new for each recipient since the previous distribution, as JSON text.
#[uniffi::export(default(rules_json = None))]
pub fn new_since_json(
    previous_json: String,
    current_json: String,
    recipients_json: String,
    rules_json: Option<String>,
) -> Result<String, KeyNetError> {
    guarded(|| {
        Ok(api::new_since(
            &doc_arg(&previous_json)?,
            &doc_arg(&current_json)?,
            &doc_arg(&recipients_json)?,
            rules_arg(rules_json.as_deref())?.as_ref(),
        )?
        .to_string())
    })
}

/// The agencies' count table of the open postings, as JSON text.
#[uniffi::export]
pub fn count_table_json(postings_json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::count_table(&doc_arg(&postings_json)?)?.to_string()))
}

/// §11 assessment of a training plan, as JSON text.
#[uniffi::export]
pub fn assess_training_json(plan_json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::assess_training(&doc_arg(&plan_json)?)?.to_string()))
}

/// Registers a form as a new open posting, as JSON text.
#[uniffi::export]
pub fn register_json(
    form_json: String,
    posting_id: String,
    registered_on: String,
) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::register(&form_arg(&form_json)?, &posting_id, &registered_on)?.to_string()))
}

/// Applies one lifecycle event (`{"type": "inquiry", "seeker_id": …, "on": …}`) to a posting;
/// the posting after it, as JSON text.
#[uniffi::export]
pub fn apply_event_json(posting_json: String, event_json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::apply_event(&doc_arg(&posting_json)?, &doc_arg(&event_json)?)?.to_string()))
}

/// The full details for a seeker who inquired or applied, as JSON text.
#[uniffi::export]
pub fn disclose_json(posting_json: String, seeker_id: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::disclose(&doc_arg(&posting_json)?, &seeker_id)?.to_string()))
}

/// The facility's account status for a month, as JSON text (`"active"`).
#[uniffi::export]
pub fn account_status_json(
    postings_json: String,
    facility_id: String,
    year: i32,
    month: u8,
) -> Result<String, KeyNetError> {
    guarded(|| {
        Ok(api::account_status(&doc_arg(&postings_json)?, &facility_id, year, month)?.to_string())
    })
}

/// Facilities with two or more open postings for one occupation, as JSON text.
#[uniffi::export]
pub fn duplicate_open_postings_json(postings_json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::duplicate_open_postings(&doc_arg(&postings_json)?)?.to_string()))
}

/// Any operation of the façade by name (`validate`, `normalize`, `public_view`,
/// `registered_view`, `view`, `distribute`, `explain`, `new_since`, `count_table`,
/// `assess_training`, `training_materials`, `register`, `apply_event`, `disclose`,
/// `account_status`, `duplicate_open_postings`) with its arguments as one JSON object; the
/// answer as JSON text. An unknown operation is `invalidForm` with a finding at `operation`.
#[uniffi::export]
pub fn call_json(operation: String, args_json: String) -> Result<String, KeyNetError> {
    guarded(|| Ok(api::call(&operation, &doc_arg(&args_json)?)?.to_string()))
}
