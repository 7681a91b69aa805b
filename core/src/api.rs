//! The JSON façade: every operation of the library with canonical JSON in and out, for the
//! bindings (which only convert between their host and `serde_json::Value`) and for the golden
//! case table. No rule lives here — each function reads, calls the typed API, and writes.

use serde_json::{Value, json};

use crate::distribution::{self, Recipient, RuleSet, RuleSetError};
use crate::error::InputError;
use crate::finding::{Code, Finding};
use crate::form::{self, Validation};
use crate::lifecycle::{self, LifecycleError};
use crate::masking::{FormView, View};
use crate::posting::{DisclosureError, Posting};
use crate::training;

/// Why a façade call failed; expected failures carry their findings as data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The input is not a form/document at all (bad JSON, too deep, not an object…).
    #[error(transparent)]
    Input(#[from] InputError),
    /// The input was read, but has errors: every finding.
    #[error("{} error(s) in the input", findings.iter().filter(|f| f.is_error()).count())]
    Invalid { findings: Vec<Finding> },
    /// A lifecycle event the posting's state does not allow.
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    /// A rule set that cannot be used.
    #[error(transparent)]
    Rules(#[from] RuleSetError),
    /// Details asked for without an inquiry.
    #[error(transparent)]
    Disclosure(#[from] DisclosureError),
}

impl ApiError {
    /// A stable snake_case name: `invalid_input`, `invalid`, `lifecycle`, `rules`, `disclosure`.
    pub const fn kind(&self) -> &'static str {
        match self {
            ApiError::Input(_) => "invalid_input",
            ApiError::Invalid { .. } => "invalid",
            ApiError::Lifecycle(_) => "lifecycle",
            ApiError::Rules(_) => "rules",
            ApiError::Disclosure(_) => "disclosure",
        }
    }

    /// The findings of an `Invalid` error (empty for the others).
    pub fn findings(&self) -> &[Finding] {
        match self {
            ApiError::Invalid { findings } => findings,
            _ => &[],
        }
    }

    /// The error as JSON data: `{kind, message, findings, detail}` (detail: the input error's or
    /// lifecycle error's own kind).
    pub fn to_json(&self) -> Value {
        let detail = match self {
            ApiError::Input(e) => Some(e.kind()),
            ApiError::Lifecycle(e) => Some(e.kind()),
            _ => None,
        };
        json!({"kind": self.kind(), "message": self.to_string(), "detail": detail, "findings": self.findings()})
    }
}

fn invalid(findings: Vec<Finding>) -> ApiError {
    ApiError::Invalid { findings }
}

fn prefixed(prefix: &str, findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .map(|mut f| {
            f.path = if f.path.is_empty() {
                prefix.to_owned()
            } else {
                format!("{prefix}.{}", f.path)
            };
            f
        })
        .collect()
}

/// Validates a form: every finding.
pub fn validate(form: &Value) -> Result<Vec<Finding>, ApiError> {
    Ok(form::validate_value(form)?.into_findings())
}

fn valid_form(form: &Value) -> Result<crate::ValidForm, ApiError> {
    let validation: Validation = form::validate_value(form)?;
    validation.into_valid().map_err(|r| invalid(r.findings))
}

/// The canonical JSON of a form without errors.
pub fn normalize(form: &Value) -> Result<Value, ApiError> {
    Ok(valid_form(form)?.form().to_json_value())
}

/// One view of a form without errors (`internal`, `registered`, `public`).
pub fn view(form: &Value, view: View) -> Result<Value, ApiError> {
    view_of(form, view)
}

fn view_of(form: &Value, view: View) -> Result<Value, ApiError> {
    let valid = valid_form(form)?;
    match FormView::of(&valid, view) {
        Some(v) => Ok(v.to_json_value()),
        None => Err(invalid(vec![Finding::error(
            "view",
            Code::UnknownValue,
            "the counts view shows no posting",
            "counts ビューでは募集情報を表示できません",
        )])),
    }
}

/// The public view (§6).
pub fn public_view(form: &Value) -> Result<Value, ApiError> {
    view_of(form, View::Public)
}

/// The registered view: every field but the facility ID.
pub fn registered_view(form: &Value) -> Result<Value, ApiError> {
    view_of(form, View::Registered)
}

/// Reads a list of postings; findings at `postings.<i>.…`.
pub fn read_postings(postings: &Value, path: &str) -> Result<Vec<Posting>, ApiError> {
    let Some(items) = postings.as_array() else {
        return Err(invalid(vec![Finding::error(
            path,
            Code::Format,
            format!("{path} must be a list"),
            format!("{path}は配列で入力してください"),
        )]));
    };
    let mut findings = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match Posting::from_json_value(item) {
            Ok(p) => out.push(p),
            Err(e) => findings.extend(prefixed(&format!("{path}.{i}"), e.findings)),
        }
    }
    if findings.is_empty() {
        Ok(out)
    } else {
        Err(invalid(findings))
    }
}

fn read_posting(posting: &Value) -> Result<Posting, ApiError> {
    Posting::from_json_value(posting).map_err(|e| invalid(prefixed("posting", e.findings)))
}

/// The standard rule set, extended or overridden by `rules` (a rule set or rules in its JSON shape).
pub fn rule_set(rules: Option<&Value>) -> Result<RuleSet, ApiError> {
    let mut set = RuleSet::standard();
    if let Some(extra) = rules.filter(|v| !v.is_null()) {
        set.extend_from_json(&extra.to_string())?;
    }
    Ok(set)
}

fn recipients(value: &Value) -> Result<Vec<Recipient>, ApiError> {
    distribution::read_recipients(value).map_err(invalid)
}

fn recipient(value: &Value) -> Result<Recipient, ApiError> {
    serde_json::from_value(value.clone()).map_err(|e| {
        invalid(vec![Finding::error(
            "recipient",
            Code::Format,
            format!("recipient is not {{kind, prefecture?, name?}}: {e}"),
            "提供先の形式が正しくありません",
        )])
    })
}

/// §11 distribution of `postings` to `recipients`.
pub fn distribute(
    postings: &Value,
    recipients_json: &Value,
    rules: Option<&Value>,
) -> Result<Value, ApiError> {
    let rules = rule_set(rules)?;
    let postings = read_postings(postings, "postings")?;
    let recipients = recipients(recipients_json)?;
    let d = distribution::distribute(&postings, &recipients, &rules)
        .map_err(|e| invalid(vec![e.to_finding()]))?;
    Ok(d.to_json_value())
}

/// §11 explanation for one posting and one recipient.
pub fn explain(
    posting: &Value,
    recipient_json: &Value,
    rules: Option<&Value>,
) -> Result<Value, ApiError> {
    let rules = rule_set(rules)?;
    let posting = read_posting(posting)?;
    let recipient = recipient(recipient_json)?;
    let e = distribution::explain(&posting, &recipient, &rules)
        .map_err(|e| invalid(vec![e.to_finding()]))?;
    Ok(serde_json::to_value(e).unwrap_or(Value::Null))
}

/// What is new for each recipient since `previous`.
pub fn new_since(
    previous: &Value,
    current: &Value,
    recipients_json: &Value,
    rules: Option<&Value>,
) -> Result<Value, ApiError> {
    let rules = rule_set(rules)?;
    let previous = read_postings(previous, "previous")?;
    let current = read_postings(current, "current")?;
    let recipients = recipients(recipients_json)?;
    let d = distribution::new_since(&previous, &current, &recipients, &rules)
        .map_err(|e| invalid(vec![e.to_finding()]))?;
    Ok(d.to_json_value())
}

/// The agencies' count table of the open postings.
pub fn count_table(postings: &Value) -> Result<Value, ApiError> {
    let postings = read_postings(postings, "postings")?;
    Ok(serde_json::to_value(distribution::count_table(
        postings.iter().filter(|p| p.is_open()),
    ))
    .unwrap_or(Value::Null))
}

/// §11 assessment of a training plan.
pub fn assess_training(plan: &Value) -> Result<Value, ApiError> {
    let plan = training::read_plan(plan).map_err(|e| invalid(e.findings))?;
    Ok(serde_json::to_value(training::assess(&plan)).unwrap_or(Value::Null))
}

/// The teaching materials for an occupation code (or all, with `None`).
pub fn training_materials(occupation: Option<&str>) -> Result<Value, ApiError> {
    let list: Vec<&training::Material> = match occupation {
        None => training::materials().iter().collect(),
        Some(code) => match crate::Occupation::parse(code) {
            Some(o) => training::materials_for(o),
            None => {
                return Err(invalid(vec![Finding::error(
                    "occupation",
                    Code::UnknownValue,
                    format!("unknown occupation {code:?}"),
                    format!("募集職種が正しくありません（入力値：「{code}」）"),
                )]));
            }
        },
    };
    Ok(serde_json::to_value(list).unwrap_or(Value::Null))
}

/// Registers a form as a new open posting.
pub fn register(form: &Value, posting_id: &str, registered_on: &str) -> Result<Value, ApiError> {
    let valid = valid_form(form)?;
    let date = crate::text::parse_date(registered_on).map_err(|_| {
        invalid(vec![Finding::error(
            "registered_on",
            Code::Format,
            format!("registered_on must be a date (got {registered_on:?})"),
            "登録日は日付で入力してください",
        )])
    })?;
    if posting_id.trim().is_empty() {
        return Err(invalid(vec![Finding::error(
            "posting_id",
            Code::Required,
            "posting_id is required",
            "募集情報IDを入力してください",
        )]));
    }
    Ok(Posting::register(posting_id.trim(), date, valid).to_json_value())
}

/// Applies one lifecycle event to a posting; returns the posting after it.
pub fn apply_event(posting: &Value, event: &Value) -> Result<Value, ApiError> {
    let mut posting = read_posting(posting)?;
    let event = lifecycle::read_event(event).map_err(|e| invalid(prefixed("event", e.findings)))?;
    posting.apply(event)?;
    Ok(posting.to_json_value())
}

/// The facility's account status for a calendar month.
pub fn account_status(
    postings: &Value,
    facility_id: &str,
    year: i32,
    month: u8,
) -> Result<Value, ApiError> {
    let postings = read_postings(postings, "postings")?;
    let month = time::Month::try_from(month).map_err(|_| {
        invalid(vec![Finding::error(
            "month",
            Code::Range,
            "month must be 1–12",
            "月は1～12で入力してください",
        )])
    })?;
    Ok(serde_json::to_value(lifecycle::account_status(
        &postings,
        facility_id,
        year,
        month,
    ))
    .unwrap_or(Value::Null))
}

/// Facilities with two or more open postings for one occupation.
pub fn duplicate_open_postings(postings: &Value) -> Result<Value, ApiError> {
    let postings = read_postings(postings, "postings")?;
    Ok(serde_json::to_value(lifecycle::duplicate_open_postings(&postings)).unwrap_or(Value::Null))
}

/// The full details (registered view) for a seeker who inquired or applied.
pub fn disclose(posting: &Value, seeker_id: &str) -> Result<Value, ApiError> {
    let posting = read_posting(posting)?;
    Ok(posting.disclose_to(seeker_id)?.to_json_value())
}

/// Every operation of this façade by name, with its arguments as one JSON object — the entry
/// point a binding can expose once and the golden case table calls (`kind` + `args`).
/// `apply_event` takes `{posting, event}`; unknown operations are an `Invalid` error.
pub fn call(operation: &str, args: &Value) -> Result<Value, ApiError> {
    let arg = |name: &str| -> Result<&Value, ApiError> {
        args.get(name).ok_or_else(|| {
            invalid(vec![Finding::error(
                name,
                Code::Required,
                format!("argument {name} is required"),
                format!("引数 {name} を指定してください"),
            )])
        })
    };
    let text = |name: &str| -> Result<&str, ApiError> {
        arg(name)?.as_str().ok_or_else(|| {
            invalid(vec![Finding::error(
                name,
                Code::Format,
                format!("argument {name} must be text"),
                format!("引数 {name} は文字列で指定してください"),
            )])
        })
    };
    let rules = args.get("rules");
    match operation {
        "validate" => Ok(serde_json::to_value(validate(arg("form")?)?).unwrap_or(Value::Null)),
        "normalize" => normalize(arg("form")?),
        "public_view" => public_view(arg("form")?),
        "registered_view" => registered_view(arg("form")?),
        "view" => {
            let view: View = serde_json::from_value(arg("view")?.clone()).map_err(|_| {
                invalid(vec![Finding::error(
                    "view",
                    Code::UnknownValue,
                    "view must be internal, registered or public",
                    "view は internal・registered・public のいずれかです",
                )])
            })?;
            view_of(arg("form")?, view)
        }
        "distribute" => distribute(arg("postings")?, arg("recipients")?, rules),
        "explain" => explain(arg("posting")?, arg("recipient")?, rules),
        "new_since" => new_since(arg("previous")?, arg("current")?, arg("recipients")?, rules),
        "count_table" => count_table(arg("postings")?),
        "assess_training" => assess_training(arg("plan")?),
        "training_materials" => training_materials(args.get("occupation").and_then(Value::as_str)),
        "register" => register(arg("form")?, text("posting_id")?, text("registered_on")?),
        "apply_event" => apply_event(arg("posting")?, arg("event")?),
        "disclose" => disclose(arg("posting")?, text("seeker_id")?),
        "account_status" => {
            let year = arg("year")?.as_i64().and_then(|y| i32::try_from(y).ok());
            let month = arg("month")?.as_u64().and_then(|m| u8::try_from(m).ok());
            match (year, month) {
                (Some(year), Some(month)) => {
                    account_status(arg("postings")?, text("facility_id")?, year, month)
                }
                _ => Err(invalid(vec![Finding::error(
                    "month",
                    Code::Format,
                    "year and month must be whole numbers",
                    "年・月は整数で指定してください",
                )])),
            }
        }
        "duplicate_open_postings" => duplicate_open_postings(arg("postings")?),
        other => Err(invalid(vec![Finding::error(
            "operation",
            Code::UnknownValue,
            format!("unknown operation {other:?}"),
            format!("不明な操作です（{other}）"),
        )])),
    }
}
