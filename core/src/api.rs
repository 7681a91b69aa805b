//! The JSON façade: every operation of the library with canonical JSON in and out, for the
//! bindings (which only convert between their host and `serde_json::Value`) and for the golden
//! case table. No rule lives here — each function reads, calls the typed API, and writes.

use serde_json::{Value, json};

use crate::distribution::{self, Recipient, RuleSet, RuleSetError};
use crate::error::InputError;
use crate::finding::{Code, Finding};
use crate::form::{self, ValidForm, Validation};
use crate::lifecycle::{self, LifecycleError};
use crate::posting::{DisclosureError, Posting, PostingView};
use crate::training;
use crate::views::{FormView, View};

/// Why a façade call failed; expected failures carry their findings as data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The input is not a form/document at all (bad JSON, too deep, not an object…).
    #[error(transparent)]
    Input(#[from] InputError),
    /// The input was read, but has errors: every finding.
    #[error("{}", crate::finding::error_summary(findings).0)]
    Invalid { findings: Vec<Finding> },
    /// A lifecycle event the posting's state does not allow.
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
    /// Event `at` of a sequence failed (it does not read, or the posting refuses it); the events
    /// before it were applied, it and those after were not. Its kind is the inner error's.
    #[error("event {at}: {error}")]
    AtEvent { at: usize, error: Box<ApiError> },
    /// A rule set that cannot be used.
    #[error(transparent)]
    Rules(#[from] RuleSetError),
    /// Details asked for without an inquiry.
    #[error(transparent)]
    Disclosure(#[from] DisclosureError),
    /// A CSV could not be written (a character without a Shift_JIS form, …).
    #[error(transparent)]
    CsvWrite(#[from] crate::csv::WriteError),
    /// An answer could not be written as JSON: a bug in keynet, reported instead of a `null`.
    #[error("keynet could not write its answer as JSON (a bug, please report it): {0}")]
    Output(String),
}

impl ApiError {
    /// A stable snake_case name: `invalid_input`, `invalid`, `lifecycle`, `rules`, `disclosure`,
    /// `csv_write`.
    pub const fn kind(&self) -> &'static str {
        match self {
            ApiError::Input(_) => "invalid_input",
            ApiError::Invalid { .. } => "invalid",
            ApiError::Lifecycle(_) => "lifecycle",
            ApiError::AtEvent { error, .. } => error.kind(),
            ApiError::Rules(_) => "rules",
            ApiError::Disclosure(_) => "disclosure",
            ApiError::CsvWrite(_) => "csv_write",
            ApiError::Output(_) => "internal",
        }
    }

    /// The message in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            ApiError::Input(e) => e.message_ja(),
            ApiError::Invalid { findings } => crate::finding::error_summary(findings).1,
            ApiError::Lifecycle(e) => e.message_ja(),
            ApiError::AtEvent { at, error } => {
                format!("{}件目のイベント：{}", at + 1, error.message_ja())
            }
            ApiError::Rules(e) => format!("提供先のルールが正しくありません（{e}）"),
            ApiError::Disclosure(e) => e.message_ja().to_owned(),
            ApiError::CsvWrite(crate::csv::WriteError::Unencodable {
                row,
                column,
                character,
                codepoint,
            }) => {
                format!(
                    "{row}行目「{column}」の文字「{character}」（U+{codepoint:04X}）はShift_JISで書き出せません"
                )
            }
            ApiError::CsvWrite(crate::csv::WriteError::CountsView) => {
                "集計（counts）の提供範囲には募集情報がありません。件数表（write_count_table_csv）を書き出してください".to_owned()
            }
            ApiError::CsvWrite(e) => format!("CSVを書き出せません（{e}）"),
            ApiError::Output(_) => {
                "keynetの内部エラーです（不具合です。報告してください）".to_owned()
            }
        }
    }

    /// The error's own kind within its kind: the input error's or the lifecycle refusal's kind;
    /// for `csv_write`: `unencodable`, `not_tabular`, `counts_view` or `io`.
    pub fn detail(&self) -> Option<&'static str> {
        match self {
            ApiError::Input(e) => Some(e.kind()),
            ApiError::Lifecycle(e) => Some(e.kind()),
            ApiError::AtEvent { error, .. } => error.detail(),
            ApiError::CsvWrite(e) => Some(e.kind()),
            _ => None,
        }
    }

    /// The values the error's message is made from, by name (see [`crate::error_catalogue`]);
    /// empty for errors the catalogue does not list.
    pub fn context(&self) -> serde_json::Map<String, Value> {
        use crate::error_catalogue::Catalogued;
        match self {
            ApiError::Input(e) => e.context(),
            ApiError::Lifecycle(e) => e.context(),
            ApiError::AtEvent { error, .. } => error.context(),
            _ => serde_json::Map::new(),
        }
    }

    /// The findings of an `Invalid` error (empty for the others).
    pub fn findings(&self) -> &[Finding] {
        match self {
            ApiError::Invalid { findings } => findings,
            ApiError::AtEvent { error, .. } => error.findings(),
            _ => &[],
        }
    }

    /// The error as JSON data: `{kind, message, findings, detail}` (detail: the input error's or
    /// lifecycle error's own kind; for `csv_write`: `unencodable`, `not_tabular` or `io`).
    pub fn to_json(&self) -> Value {
        let detail = self.detail();
        let at = match self {
            ApiError::AtEvent { at, .. } => Some(*at),
            _ => None,
        };
        let context = self.context();
        json!({"kind": self.kind(), "message": self.to_string(), "message_ja": self.message_ja(), "detail": detail,
               "findings": self.findings(), "at": at, "context": context})
    }
}

/// An answer as JSON; a value that cannot be written is [`ApiError::Output`], never a `null`.
fn answer(value: impl serde::Serialize) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::Output(e.to_string()))
}

fn invalid(findings: Vec<Finding>) -> ApiError {
    ApiError::Invalid { findings }
}

/// The findings about one argument of a call, at paths under its name (`posting.form.openings`).
pub fn prefixed(prefix: &str, findings: Vec<Finding>) -> Vec<Finding> {
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

/// Reads JSON text as an argument of this façade, for bindings handed text instead of a host
/// object: at most `max_bytes` (pass [`crate::MAX_INPUT_BYTES`] for one form, `usize::MAX` for a
/// list of postings), nesting at most [`crate::MAX_DEPTH`] levels, and its errors sorted into the
/// same [`InputError`] kinds as [`crate::validate_json`] gives.
pub fn parse_json(input: &[u8], max_bytes: usize) -> Result<Value, InputError> {
    if input.len() > max_bytes {
        return Err(InputError::TooLarge {
            len: input.len(),
            max: max_bytes,
        });
    }
    let value: Value = serde_json::from_slice(input).map_err(|e| form::read_error(input, &e))?;
    crate::limits::check_value(&value, max_bytes)?;
    Ok(value)
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
    canonical(form::validate_value(form)?)
}

/// The canonical JSON of a validation without errors; `Invalid` with every finding otherwise.
/// What every host's `normalize` returns, whatever the form was read from.
pub fn canonical(validation: Validation) -> Result<Value, ApiError> {
    validation
        .into_valid()
        .map(|valid| valid.to_json_value())
        .map_err(|r| invalid(r.findings))
}

/// One view of a form without errors (`internal`, `registered`, `public`).
pub fn view(form: &Value, view: View) -> Result<Value, ApiError> {
    view_of(form, view)
}

/// The view of a form, or of a posting (an object with `posting_id` and `form`, which no form
/// has): the posting keeps its id, dates and status (docs/choices.md, "Views of a posting").
fn view_of(document: &Value, view: View) -> Result<Value, ApiError> {
    let shown = if is_posting(document) {
        let posting = read_posting(document)?;
        PostingView::of(&posting, view).map(|v| v.to_json_value())
    } else {
        let valid = valid_form(document)?;
        FormView::of(&valid, view).map(|v| v.to_json_value())
    };
    shown.ok_or_else(|| {
        invalid(vec![Finding::error(
            "view",
            Code::UnknownValue,
            "the counts view shows no posting",
            "counts ビューでは募集情報を表示できません",
        )])
    })
}

/// Whether a document is a posting rather than a form: a form has no `posting_id`.
fn is_posting(document: &Value) -> bool {
    document.get("posting_id").is_some() && document.get("form").is_some()
}

/// The public view (§6) of a form or of a posting.
pub fn public_view(form: &Value) -> Result<Value, ApiError> {
    view_of(form, View::Public)
}

/// The registered view of a form or of a posting: every field but the facility ID.
pub fn registered_view(form: &Value) -> Result<Value, ApiError> {
    view_of(form, View::Registered)
}

/// The Japanese name of an operation's argument, for messages (never the JSON key).
fn argument_label_ja(path: &str) -> &'static str {
    match path.split('.').next().unwrap_or(path) {
        "postings" => "募集情報の一覧",
        "previous" => "前回の募集情報の一覧",
        "current" => "今回の募集情報の一覧",
        "recipients" | "recipient" => "提供先",
        "rules" => "提供範囲の規則",
        "plan" => "研修計画",
        "events" | "event" => "イベント",
        "mapping" => "マッピング",
        "record" => "レコード",
        "form" => "登録票",
        "posting" => "募集情報",
        "account" => "アカウント",
        "tables" => "件数表の一覧",
        "parts" => "提供結果の一覧",
        _ => "入力",
    }
}

fn not_a_list(path: &str) -> Finding {
    Finding::error(
        path,
        Code::Format,
        format!("{path} must be a list"),
        format!("{}は配列で入力してください", argument_label_ja(path)),
    )
}

/// Reads a list of postings; findings at `postings.<i>.…`.
pub fn read_postings(postings: &Value, path: &str) -> Result<Vec<Posting>, ApiError> {
    let Some(items) = postings.as_array() else {
        return Err(invalid(vec![not_a_list(path)]));
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

/// Reads one posting; findings at `posting.…`.
pub fn read_posting(posting: &Value) -> Result<Posting, ApiError> {
    Posting::from_json_value(posting).map_err(|e| invalid(prefixed("posting", e.findings)))
}

/// The standard rule set, extended or overridden by `rules` (a rule set or rules in its JSON shape).
pub fn rule_set(rules: Option<&Value>) -> Result<RuleSet, ApiError> {
    let mut set = RuleSet::standard_ref().clone();
    if let Some(extra) = rules.filter(|v| !v.is_null()) {
        set.extend_from_json(&extra.to_string())?;
    }
    Ok(set)
}

/// Reads a list of recipients; findings at `recipients.<i>`.
pub fn read_recipients(value: &Value) -> Result<Vec<Recipient>, ApiError> {
    distribution::read_recipients(value).map_err(invalid)
}

/// Reads one recipient `{kind, prefecture?, name?}`.
pub fn read_recipient(value: &Value) -> Result<Recipient, ApiError> {
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
    let recipients = read_recipients(recipients_json)?;
    distribute_typed(&postings, &recipients, &rules)
}

/// [`distribute`] of values already read.
pub fn distribute_typed(
    postings: &[Posting],
    recipients: &[Recipient],
    rules: &RuleSet,
) -> Result<Value, ApiError> {
    let d = distribution::distribute(postings, recipients, rules)
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
    let recipient = read_recipient(recipient_json)?;
    explain_typed(&posting, &recipient, &rules)
}

/// [`explain`] of values already read.
pub fn explain_typed(
    posting: &Posting,
    recipient: &Recipient,
    rules: &RuleSet,
) -> Result<Value, ApiError> {
    let e = distribution::explain(posting, recipient, rules)
        .map_err(|e| invalid(vec![e.to_finding()]))?;
    answer(e)
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
    let recipients = read_recipients(recipients_json)?;
    let d = distribution::new_since(&previous, &current, &recipients, &rules)
        .map_err(|e| invalid(vec![e.to_finding()]))?;
    Ok(d.to_json_value())
}

/// The agencies' new-posting notice: for each agency, the count table of what is new since
/// `previous`, the Key-Net URL, and the desks (the prefecture's 窓口, Hello Work, the nurse centre)
/// of the prefectures concerned, with the `contacts` given (`[{kind, prefecture, name, phone?,
/// email?, url?}]`).
pub fn agency_notice(
    previous: &Value,
    current: &Value,
    agencies: &Value,
    key_net_url: &str,
    contacts: Option<&Value>,
    rules: Option<&Value>,
) -> Result<Value, ApiError> {
    use crate::distribution::notice::{self, DeskContact, NoticeError};
    let rules = rule_set(rules)?;
    let previous = read_postings(previous, "previous")?;
    let current = read_postings(current, "current")?;
    let agencies = distribution::read_recipients(agencies).map_err(|f| {
        invalid(
            f.into_iter()
                .map(|mut f| {
                    f.path = f.path.replacen("recipients", "agencies", 1);
                    f
                })
                .collect(),
        )
    })?;
    let contacts: Vec<DeskContact> = match contacts.filter(|c| !c.is_null()) {
        None => Vec::new(),
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            let mut findings = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match serde_json::from_value::<DeskContact>(item.clone()) {
                    Ok(c) => out.push(c),
                    Err(e) => findings.push(Finding::error(
                        format!("contacts.{i}"),
                        Code::Format,
                        format!("contact {i} is not {{kind, prefecture, name, phone?, email?, url?}}: {e}"),
                        format!("連絡先{}件目の形式が正しくありません（種類・都道府県・名称が必要です）", i + 1),
                    )),
                }
            }
            if !findings.is_empty() {
                return Err(invalid(findings));
            }
            out
        }
        Some(_) => {
            return Err(invalid(vec![Finding::error(
                "contacts",
                Code::Format,
                "contacts must be a list",
                "連絡先は配列で指定してください",
            )]));
        }
    };
    if key_net_url.trim().is_empty() {
        return Err(invalid(vec![Finding::error(
            "key_net_url",
            Code::Required,
            "key_net_url is required: every notice carries the Key-Net URL",
            "Key-NetのURLを指定してください（お知らせには必ずKey-NetのURLを記載します）",
        )]));
    }
    let notices = notice::agency_notices(
        &previous,
        &current,
        &agencies,
        &rules,
        key_net_url.trim(),
        &contacts,
    )
    .map_err(|e| match e {
        NoticeError::Recipient(r) => {
            let mut f = r.to_finding();
            f.path = f.path.replacen("recipients", "agencies", 1);
            invalid(vec![f])
        }
        NoticeError::NotCounts { index, .. } => invalid(vec![Finding::error(
            format!("agencies.{index}"),
            Code::Inconsistent,
            e.to_string(),
            "この提供先は件数の一覧表を受け取らないため、新規登録のお知らせの対象ではありません",
        )]),
        NoticeError::UnknownDesk { index, ref kind } => invalid(vec![Finding::error(
            format!("contacts.{index}.kind"),
            Code::UnknownValue,
            e.to_string(),
            format!(
                "連絡先の種類は都道府県の受付窓口・ハローワーク・ナースセンターのいずれかです（入力値：「{kind}」）"
            ),
        )]),
    })?;
    answer(notices)
}

/// The agencies' count table of the open postings.
pub fn count_table(postings: &Value) -> Result<Value, ApiError> {
    let postings = read_postings(postings, "postings")?;
    answer(distribution::count_table(
        postings.iter().filter(|p| p.is_open()),
    ))
}

/// Count tables of partitions added into one (docs/choices.md, "Partitions: results that
/// combine"): `tables` is a list of count tables; findings at `tables.<i>.<k>`.
pub fn add_count_tables(tables: &Value) -> Result<Value, ApiError> {
    let Some(list) = tables.as_array() else {
        return Err(invalid(vec![not_a_list("tables")]));
    };
    let mut read: Vec<Vec<distribution::CountRow>> = Vec::with_capacity(list.len());
    let mut findings = Vec::new();
    for (i, table) in list.iter().enumerate() {
        let Some(rows) = table.as_array() else {
            findings.push(not_a_list(&format!("tables.{i}")));
            continue;
        };
        let mut out = Vec::with_capacity(rows.len());
        for (k, row) in rows.iter().enumerate() {
            match serde_json::from_value::<distribution::CountRow>(row.clone()) {
                Ok(r) => out.push(r),
                Err(_) => findings.push(Finding::error(
                    format!("tables.{i}.{k}"),
                    Code::Format,
                    "a count row is {occupation, prefecture, postings, openings}",
                    "件数の行の形式が正しくありません（occupation・prefecture・postings・openings）",
                )),
            }
        }
        read.push(out);
    }
    if !findings.is_empty() {
        return Err(invalid(findings));
    }
    let sum = distribution::combine::add_count_tables(read.iter().map(Vec::as_slice))
        .map_err(|f| invalid(vec![f]))?;
    answer(sum)
}

/// Distributions (or `new_since` results) of consecutive partitions as one: each recipient's
/// posting ids concatenated in the partitions' order, its counts added.
pub fn combine_distributions(parts: &Value) -> Result<Value, ApiError> {
    distribution::combine::combine_distributions(parts).map_err(invalid)
}

/// §11 assessment of a training plan.
pub fn assess_training(plan: &Value) -> Result<Value, ApiError> {
    let plan = training::read_plan(plan).map_err(|e| invalid(e.findings))?;
    answer(training::assess(&plan))
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
    answer(list)
}

/// Registers a form as a new open posting.
pub fn register(form: &Value, posting_id: &str, registered_on: &str) -> Result<Value, ApiError> {
    let valid = valid_form(form)?;
    register_valid(&valid, posting_id, registered_on).map(|p| p.to_json_value())
}

/// Registers a validated form as a posting; `registered_on` as a clerk types a date.
pub fn register_valid(
    valid: &ValidForm,
    posting_id: &str,
    registered_on: &str,
) -> Result<Posting, ApiError> {
    let date = crate::text::parse_date(registered_on).map_err(|_| {
        invalid(vec![Finding::error(
            "registered_on",
            Code::Format,
            format!("registered_on must be a date (got {registered_on:?})"),
            "登録日は日付で入力してください",
        )])
    })?;
    Posting::register(posting_id.trim(), date, valid.clone()).map_err(|e| invalid(e.findings))
}

/// Reads one lifecycle event; findings at `event.…`.
pub fn read_event(event: &Value) -> Result<lifecycle::Event, ApiError> {
    lifecycle::read_event(event).map_err(|e| invalid(prefixed("event", e.findings)))
}

/// Applies one lifecycle event to a posting; returns the posting after it.
pub fn apply_event(posting: &Value, event: &Value) -> Result<Value, ApiError> {
    let mut posting = read_posting(posting)?;
    posting.apply(read_event(event)?)?;
    Ok(posting.to_json_value())
}

/// Applies events in order, as [`apply_event`] one by one; returns the posting after the last.
/// A failure — an event that does not read (findings at `event.…`) or one the posting refuses —
/// is [`ApiError::AtEvent`], naming the index of the failing event.
pub fn apply_events(posting: &Value, events: &Value) -> Result<Value, ApiError> {
    let mut posting = read_posting(posting)?;
    apply_events_to(&mut posting, events)?;
    Ok(posting.to_json_value())
}

/// [`apply_events`] on a posting already read, all or nothing: on a failure the posting is as it
/// was before the first event (what a host object holding a posting promises).
pub fn apply_events_to(posting: &mut Posting, events: &Value) -> Result<(), ApiError> {
    let Some(items) = events.as_array() else {
        return Err(invalid(vec![not_a_list("events")]));
    };
    let mut next = posting.clone();
    apply_each(&mut next, items)?;
    *posting = next;
    Ok(())
}

fn apply_each(posting: &mut Posting, items: &[Value]) -> Result<(), ApiError> {
    for (at, event) in items.iter().enumerate() {
        let at_event = |error: ApiError| ApiError::AtEvent {
            at,
            error: Box::new(error),
        };
        let event = read_event(event).map_err(at_event)?;
        posting
            .apply(event)
            .map_err(|e| at_event(ApiError::Lifecycle(e)))?;
    }
    Ok(())
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
    answer(lifecycle::account_status(
        &postings,
        facility_id,
        year,
        month,
    ))
}

/// The facility's account status at the end of one day (`on`: a date).
pub fn account_status_on(postings: &Value, facility_id: &str, on: &str) -> Result<Value, ApiError> {
    let postings = read_postings(postings, "postings")?;
    let day = crate::text::parse_date(on).map_err(|_| {
        invalid(vec![Finding::error(
            "on",
            Code::Format,
            format!("on must be a date (got {on:?})"),
            format!("日付の形式が正しくありません（入力値：「{on}」）"),
        )])
    })?;
    answer(lifecycle::account_status_on(&postings, facility_id, day))
}

/// Open postings of one facility, occupation and workplace, two or more: the sync caveat.
pub fn duplicate_open_postings(postings: &Value) -> Result<Value, ApiError> {
    let postings = read_postings(postings, "postings")?;
    answer(lifecycle::duplicate_open_postings(&postings))
}

/// The full details (registered view) for a seeker who inquired or applied.
pub fn disclose(posting: &Value, seeker_id: &str) -> Result<Value, ApiError> {
    let posting = read_posting(posting)?;
    Ok(posting.disclose_to(seeker_id)?.to_json_value())
}

/// The kintone field-code mapping: the standard one changed by `mapping` (see
/// [`crate::kintone::Mapping::with_overrides`]); findings at `mapping.…`.
fn kintone_mapping_of(mapping: Option<&Value>) -> Result<crate::kintone::Mapping, ApiError> {
    crate::kintone::Mapping::standard_with(mapping).map_err(invalid)
}

/// The effective kintone mapping as JSON.
pub fn kintone_mapping(mapping: Option<&Value>) -> Result<Value, ApiError> {
    Ok(kintone_mapping_of(mapping)?.to_json_value())
}

/// Reads a kintone record: `{"registrable", "findings", "canonical"}` (findings are data, not
/// an error; only a bad mapping, `invalid`, or a value that is no record, `invalid_input`, is an
/// error).
/// Reads each row of the subtable `table` of a record as one form with the record's other fields
/// (docs/kintone.md, "A subtable of postings"): `{"table", "rows": [{row, id, registrable,
/// findings, canonical}], "mapping"?}`. `to_kintone_errors` of it, with the record, keys each
/// row's findings inside its row.
pub fn from_kintone_rows(
    record: &Value,
    table: &str,
    mapping: Option<&Value>,
) -> Result<Value, ApiError> {
    crate::limits::check_value(record, crate::MAX_INPUT_BYTES)?;
    let overrides = mapping.filter(|m| !m.is_null());
    let mapping = kintone_mapping_of(mapping)?;
    let rows = crate::kintone::from_rows(record, table, &mapping).map_err(|e| match e {
        crate::kintone::RowsError::Input(e) => ApiError::Input(e),
        crate::kintone::RowsError::Table(f) => invalid(vec![f]),
    })?;
    let mut out = json!({
        "table": table,
        "rows": rows.iter().map(crate::kintone::RowRead::to_json_value).collect::<Vec<_>>(),
    });
    if let (Some(overrides), Value::Object(map)) = (overrides, &mut out) {
        map.insert("mapping".into(), overrides.clone());
    }
    Ok(out)
}

pub fn from_kintone_record(record: &Value, mapping: Option<&Value>) -> Result<Value, ApiError> {
    crate::limits::check_value(record, crate::MAX_INPUT_BYTES)?;
    let mapping_arg = mapping;
    let mapping = kintone_mapping_of(mapping)?;
    let read = crate::kintone::from_record(record, &mapping)?;
    let mut out = read.to_json_value();
    // The read remembers the overrides it was read with, so `to_kintone_errors(read)` shows its
    // findings on the app's own codes (docs/kintone.md, "Your app's codes").
    if let (Some(overrides), Value::Object(map)) = (mapping_arg.filter(|m| !m.is_null()), &mut out)
    {
        map.insert("mapping".to_owned(), overrides.clone());
    }
    Ok(out)
}

/// A form (normalised first) written as a kintone record.
pub fn to_kintone_record(form: &Value, mapping: Option<&Value>) -> Result<Value, ApiError> {
    to_kintone_record_for(form, mapping, None)
}

/// [`to_kintone_record`] for an app: with `fields` (a record of the app or its form fields), only
/// what a `PUT` of that app accepts (`kintone::to_record_for`).
pub fn to_kintone_record_for(
    form: &Value,
    mapping: Option<&Value>,
    fields: Option<&Value>,
) -> Result<Value, ApiError> {
    let mapping = kintone_mapping_of(mapping)?;
    let app = match fields.filter(|f| !f.is_null()) {
        None => None,
        Some(f) => Some(crate::kintone::app_field_types(f).map_err(invalid)?),
    };
    let canonical = normalize(form)?;
    Ok(crate::kintone::to_record_for(
        &canonical,
        &mapping,
        app.as_deref(),
    ))
}

/// A number kintone takes as an app, record id or revision: a whole number or its digits.
fn whole_number(name: &str, v: &Value) -> Result<Value, ApiError> {
    let ok = match v {
        Value::Number(n) => n.as_u64().is_some(),
        Value::String(s) => !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    if ok {
        Ok(v.clone())
    } else {
        let shown: String = v.to_string().chars().take(40).collect();
        Err(invalid(vec![Finding::error(
            name,
            Code::Format,
            format!("{name} must be a whole number or its digits (got {shown})"),
            format!("{name} は整数（またはその数字の文字列）で指定してください"),
        )]))
    }
}

/// The body of `PUT /k/v1/record.json` writing a form (normalised first) into record `id` of app
/// `app` (`{app, id, revision?, record}`, `kintone::update_body`); `fields` and `mapping` as for
/// [`to_kintone_record_for`]. `app` and `id` are a number or its digits; `revision` likewise,
/// optional.
pub fn kintone_update_body(
    form: &Value,
    app: &Value,
    id: &Value,
    revision: Option<&Value>,
    mapping: Option<&Value>,
    fields: Option<&Value>,
) -> Result<Value, ApiError> {
    let app = whole_number("app", app)?;
    let id = whole_number("id", id)?;
    let revision = match revision.filter(|r| !r.is_null()) {
        None => None,
        Some(r) => Some(whole_number("revision", r)?),
    };
    let record = to_kintone_record_for(form, mapping, fields)?;
    Ok(crate::kintone::update_body(&record, app, id, revision))
}

/// The body of `PUT /k/v1/records.json` writing several forms into their records of app `app`:
/// `{app, records: [{id, revision?, record}]}` from `records` = `[{form, id, revision?}]`, each as
/// [`kintone_update_body`] writes one; findings at `records.<i>…`. Its refusals are keyed
/// `records[<i>].<code>.value`: `to_kintone_errors` of `{"records": [read, …]}` gives that shape.
pub fn kintone_bulk_update_body(
    app: &Value,
    records: &Value,
    mapping: Option<&Value>,
    fields: Option<&Value>,
) -> Result<Value, ApiError> {
    let Some(items) = records.as_array() else {
        return Err(invalid(vec![not_a_list("records")]));
    };
    let app_value = whole_number("app", app)?;
    let mut out = Vec::with_capacity(items.len());
    let mut findings = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let part = |name: &str| item.get(name).unwrap_or(&Value::Null);
        match kintone_update_body(
            part("form"),
            app,
            part("id"),
            item.get("revision"),
            mapping,
            fields,
        ) {
            Ok(Value::Object(mut body)) => {
                body.remove("app");
                out.push(Value::Object(body));
            }
            Ok(_) => {}
            Err(ApiError::Invalid { findings: f }) => {
                findings.extend(prefixed(&format!("records.{i}"), f));
            }
            Err(e) => return Err(e),
        }
    }
    if !findings.is_empty() {
        return Err(invalid(findings));
    }
    Ok(json!({"app": app_value, "records": out}))
}

/// Findings (a list, or an object with `findings`) in kintone's error shape, in `lang` (`ja`
/// default, or `en`); with `record`, codes the record lacks become record-level messages.
pub fn to_kintone_errors(
    findings: &Value,
    lang: Option<&str>,
    mapping: Option<&Value>,
    record: Option<&Value>,
) -> Result<Value, ApiError> {
    Ok(kintone_errors_of(findings, lang, mapping, record)?
        .0
        .to_json_value())
}

/// A kintone mapping (the standard one with `mapping`'s overrides) checked against the app's
/// fields (`GET /k/v1/app/form/fields.json`, or a record of the app): every finding — a code the
/// app lacks, a type the mapping cannot read, option labels on one side only
/// (`kintone::check_mapping`).
pub fn check_kintone_mapping(mapping: Option<&Value>, fields: &Value) -> Result<Value, ApiError> {
    let mapping = kintone_mapping_of(mapping)?;
    let findings = crate::kintone::check_mapping(&mapping, fields).map_err(invalid)?;
    answer(findings)
}

/// The body a proxy in front of kintone's REST API answers a refused record with (kintone's own
/// `CB_VA01` shape, `kintone::KintoneErrors::error_response`), from findings as
/// [`to_kintone_errors`] takes them; `null` when no finding is an error. `id` names the answer
/// (kintone puts a request id there); `keynet` when none is given.
pub fn kintone_error_response(
    findings: &Value,
    lang: Option<&str>,
    mapping: Option<&Value>,
    record: Option<&Value>,
    id: Option<&str>,
) -> Result<Value, ApiError> {
    let (errors, lang) = kintone_errors_of(findings, lang, mapping, record)?;
    Ok(errors
        .error_response(lang, id.unwrap_or("keynet"))
        .unwrap_or(Value::Null))
}

fn kintone_errors_of(
    findings: &Value,
    lang: Option<&str>,
    mapping: Option<&Value>,
    record: Option<&Value>,
) -> Result<(crate::kintone::KintoneErrors, crate::kintone::Lang), ApiError> {
    // A read of `from_kintone_record` brings the overrides it was read with; `mapping` given
    // here wins.
    let remembered = findings.get("mapping").filter(|m| !m.is_null());
    let mapping = kintone_mapping_of(mapping.filter(|m| !m.is_null()).or(remembered))?;
    let lang = match lang {
        None => crate::kintone::Lang::Ja,
        Some(l) => crate::kintone::Lang::parse(l).ok_or_else(|| {
            invalid(vec![Finding::error(
                "lang",
                Code::UnknownValue,
                format!("lang must be ja or en (got {l:?})"),
                "lang は ja または en で指定してください",
            )])
        })?,
    };
    if let Some(records) = findings.get("records").and_then(Value::as_array) {
        let mut per_record = Vec::with_capacity(records.len());
        for (i, item) in records.iter().enumerate() {
            let list = item.get("findings").unwrap_or(item);
            let found = serde_json::from_value::<Vec<Finding>>(list.clone()).map_err(|_| {
                invalid(vec![Finding::error(
                    format!("findings.records.{i}"),
                    Code::Format,
                    "a record's findings are a list of findings, or a read of from_kintone_record",
                    "レコードの指摘は指摘の配列（または from_kintone_record の結果）で指定してください",
                )])
            })?;
            per_record.push(crate::kintone::to_errors(&found, &mapping, lang, None));
        }
        return Ok((crate::kintone::bulk_errors(per_record, lang), lang));
    }
    if let (Some(rows), Some(table)) = (
        findings.get("rows").and_then(Value::as_array),
        findings.get("table").and_then(Value::as_str),
    ) {
        let Some(record) = record.filter(|r| !r.is_null()) else {
            return Err(invalid(vec![Finding::error(
                "record",
                Code::Required,
                "the rows of a subtable are put back on their record: give record",
                "サブテーブルの行の指摘を戻すには record（レコード）を指定してください",
            )]));
        };
        let mut read: Vec<(usize, Vec<Finding>)> = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let index = row
                .get("row")
                .and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok());
            let found = row
                .get("findings")
                .cloned()
                .map(serde_json::from_value::<Vec<Finding>>);
            match (index, found) {
                (Some(index), Some(Ok(found))) => read.push((index, found)),
                _ => {
                    return Err(invalid(vec![Finding::error(
                        format!("findings.rows.{i}"),
                        Code::Format,
                        "a row is {row, findings, …} as from_kintone_rows gives it",
                        "行の形式が正しくありません（from_kintone_rows の rows の要素）",
                    )]));
                }
            }
        }
        let rows: Vec<(usize, &[Finding])> = read.iter().map(|(i, f)| (*i, f.as_slice())).collect();
        return Ok((
            crate::kintone::rows_to_errors(&rows, record, table, &mapping, lang),
            lang,
        ));
    }
    let list = findings.get("findings").unwrap_or(findings);
    let Some(items) = list.as_array() else {
        return Err(invalid(vec![Finding::error(
            "findings",
            Code::Format,
            "findings must be a list of findings",
            "findings は指摘の配列で指定してください",
        )]));
    };
    let mut read = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match serde_json::from_value::<Finding>(item.clone()) {
            Ok(f) => read.push(f),
            Err(e) => problems.push(Finding::error(
                format!("findings.{i}"),
                Code::Format,
                format!("not a finding {{path, code, severity, message, message_ja}}: {e}"),
                "指摘の形式が正しくありません（path・code・severity・message・message_ja）",
            )),
        }
    }
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let record = record.filter(|r| !r.is_null());
    Ok((
        crate::kintone::to_errors(&read, &mapping, lang, record),
        lang,
    ))
}

/// Every operation of this façade by name, with its arguments as one JSON object — the entry
/// point a binding can expose once and the golden case table calls (`kind` + `args`).
/// `apply_event` takes `{posting, event}`; unknown operations are an `Invalid` error.
pub fn call(operation: &str, args: &Value) -> Result<Value, ApiError> {
    // Depth and items for every argument at once; each document's size where it is read.
    crate::limits::check_value(args, usize::MAX)?;
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
        "validate" => answer(validate(arg("form")?)?),
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
        "add_count_tables" => add_count_tables(arg("tables")?),
        "combine_distributions" => combine_distributions(arg("parts")?),
        "agency_notice" => agency_notice(
            arg("previous")?,
            arg("current")?,
            arg("agencies")?,
            text("key_net_url")?,
            args.get("contacts"),
            rules,
        ),
        "assess_training" => assess_training(arg("plan")?),
        "training_materials" => training_materials(args.get("occupation").and_then(Value::as_str)),
        "training_example_programme" => answer(training::example_programme()),
        "register" => register(arg("form")?, text("posting_id")?, text("registered_on")?),
        "apply_event" => apply_event(arg("posting")?, arg("event")?),
        "apply_events" => apply_events(arg("posting")?, arg("events")?),
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
        "account_status_on" => {
            account_status_on(arg("postings")?, text("facility_id")?, text("on")?)
        }
        "duplicate_open_postings" => duplicate_open_postings(arg("postings")?),
        "check_password" => check_password(text("password")?, arg("policy")?),
        "account_permissions" => account_permissions(arg("kind")?),
        "may_register" => may_register(arg("account")?, arg("form")?),
        "read_bed_row" => read_bed_row(arg("row")?),
        "fire_hq_application" => fire_hq_application(arg("application")?),
        "fire_hq_list" => fire_hq_list(arg("prefecture")?, arg("applications")?),
        "bed_view" => {
            let search = match args.get("search") {
                None | Some(Value::Null) => None,
                Some(Value::String(q)) => Some(q.as_str()),
                Some(_) => {
                    return Err(invalid(vec![Finding::error(
                        "search",
                        Code::Format,
                        "search must be text",
                        "search は文字列で指定してください",
                    )]));
                }
            };
            let page = match args.get("page") {
                None | Some(Value::Null) => None,
                Some(v) => match v.as_u64() {
                    Some(p) => Some(p),
                    None => {
                        return Err(invalid(vec![Finding::error(
                            "page",
                            Code::Format,
                            "page must be a whole number from 0",
                            "page は0以上の整数で指定してください",
                        )]));
                    }
                },
            };
            bed_view(arg("rows")?, arg("account")?, search, page)
        }
        "csv_columns" => answer(crate::csv::ColumnMapping::standard()),
        "error_catalogue" => answer(crate::error_catalogue::ERROR_TYPES),
        "kintone_mapping" => kintone_mapping(args.get("mapping")),
        "from_kintone_record" => from_kintone_record(arg("record")?, args.get("mapping")),
        "from_kintone_rows" => {
            from_kintone_rows(arg("record")?, text("table")?, args.get("mapping"))
        }
        "to_kintone_record" => {
            to_kintone_record_for(arg("form")?, args.get("mapping"), args.get("fields"))
        }
        "kintone_bulk_update_body" => kintone_bulk_update_body(
            arg("app")?,
            arg("records")?,
            args.get("mapping"),
            args.get("fields"),
        ),
        "kintone_update_body" => kintone_update_body(
            arg("form")?,
            arg("app")?,
            arg("id")?,
            args.get("revision"),
            args.get("mapping"),
            args.get("fields"),
        ),
        "to_kintone_errors" => {
            let lang = match args.get("lang") {
                None | Some(Value::Null) => None,
                Some(_) => Some(text("lang")?),
            };
            to_kintone_errors(
                arg("findings")?,
                lang,
                args.get("mapping"),
                args.get("record"),
            )
        }
        "check_kintone_mapping" => check_kintone_mapping(args.get("mapping"), arg("fields")?),
        "kintone_error_response" => {
            let optional_text = |name: &str| match args.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(_) => text(name).map(Some),
            };
            kintone_error_response(
                arg("findings")?,
                optional_text("lang")?,
                args.get("mapping"),
                args.get("record"),
                optional_text("id")?,
            )
        }
        other => Err(invalid(vec![Finding::error(
            "operation",
            Code::UnknownValue,
            format!("unknown operation {other:?}"),
            format!("不明な操作です（{other}）"),
        )])),
    }
}

// ---------------------------------------------------------------------------------------------
// Accounts and the bed view

fn from_json<T: serde::de::DeserializeOwned>(value: &Value, path: &str) -> Result<T, ApiError> {
    serde_json::from_value(value.clone()).map_err(|e| {
        invalid(vec![Finding::error(
            path,
            Code::Format,
            format!("{path}: {e}"),
            format!("{}の形式が正しくありません", argument_label_ja(path)),
        )])
    })
}

/// Every finding about a password under a policy (`gmis` or `kintone2020`).
pub fn check_password(password: &str, policy: &Value) -> Result<Value, ApiError> {
    let policy: crate::accounts::PasswordPolicy = from_json(policy, "policy")?;
    answer(crate::accounts::check_password(password, policy))
}

/// What an ID kind may do.
pub fn account_permissions(kind: &Value) -> Result<Value, ApiError> {
    let kind: crate::accounts::IdKind = from_json(kind, "kind")?;
    answer(kind.permissions())
}

/// Whether an account (`{id, kind, prefecture}`) may register a form: `{"allowed": true}` or the reason.
pub fn may_register(account: &Value, form: &Value) -> Result<Value, ApiError> {
    let account: crate::accounts::Account = from_json(account, "account")?;
    let valid = valid_form(form)?;
    Ok(match account.may_register(&valid) {
        Ok(()) => json!({"allowed": true, "reason": null, "reason_ja": null}),
        Err(e) => json!({"allowed": false, "reason": e.to_string(), "reason_ja": e.message_ja()}),
    })
}

/// One fire HQ ID application read: `{application, findings}` (application null when it has
/// errors).
pub fn fire_hq_application(application: &Value) -> Result<Value, ApiError> {
    let (parsed, findings) = crate::fire_hq::read_application(application);
    Ok(json!({"application": parsed, "findings": findings}))
}

/// A prefecture's list of its HQs' applications for the ministry: `{prefecture, headers_ja,
/// rows, warnings}`, or every finding (`applications.<i>.…`) as an `invalid` error.
pub fn fire_hq_list(prefecture: &Value, applications: &Value) -> Result<Value, ApiError> {
    let prefecture = prefecture
        .as_str()
        .and_then(crate::places::Prefecture::parse)
        .ok_or_else(|| {
            invalid(vec![Finding::error(
                "prefecture",
                Code::UnknownValue,
                format!("unknown prefecture {prefecture}"),
                "都道府県が正しくありません",
            )])
        })?;
    let Some(items) = applications.as_array() else {
        return Err(invalid(vec![Finding::error(
            "applications",
            Code::Format,
            "applications must be a list",
            "申請一覧は配列で指定してください",
        )]));
    };
    let list = crate::fire_hq::collect(prefecture, items).map_err(invalid)?;
    answer(list)
}

/// One bed row read: `{row, findings}` (row null when it has errors).
pub fn read_bed_row(row: &Value) -> Result<Value, ApiError> {
    let (parsed, findings) = crate::beds::read_row(row);
    Ok(json!({"row": parsed, "findings": findings}))
}

/// The bed viewer of an account given as JSON (`{id, kind, prefecture}`).
fn bed_viewer_of(account: &Value) -> Result<crate::beds::BedViewer, ApiError> {
    let account: crate::accounts::Account = from_json(account, "account")?;
    account.bed_viewer().map_err(|e| {
        invalid(vec![Finding::error(
            "account",
            Code::Inconsistent,
            e.to_string(),
            "このIDでは地域病床見える化を閲覧できません",
        )])
    })
}

/// Bed rows given as JSON: every row, or the findings of the bad ones at `rows.<i>`.
fn bed_rows(rows: &Value) -> Result<Vec<crate::beds::BedRow>, ApiError> {
    let Some(items) = rows.as_array() else {
        return Err(invalid(vec![Finding::error(
            "rows",
            Code::Format,
            "rows must be a list",
            "rowsは配列で指定してください",
        )]));
    };
    let mut parsed = Vec::with_capacity(items.len());
    let mut findings = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match crate::beds::read_row(item) {
            (Some(r), _) => parsed.push(r),
            (None, f) => findings.extend(prefixed(&format!("rows.{i}"), f)),
        }
    }
    if findings.is_empty() {
        Ok(parsed)
    } else {
        Err(invalid(findings))
    }
}

/// The bed view of an account: only its own prefecture's rows (the rows with errors are
/// refused with their findings, at `rows.<i>`), totals, and one screen page.
pub fn bed_view(
    rows: &Value,
    account: &Value,
    search: Option<&str>,
    page: Option<u64>,
) -> Result<Value, ApiError> {
    let viewer = bed_viewer_of(account)?;
    let parsed = bed_rows(rows)?;
    let view = viewer.view(&parsed);
    let view = match search {
        Some(q) => view.search(q),
        None => view,
    };
    let page_index = page.and_then(|p| usize::try_from(p).ok()).unwrap_or(0);
    Ok(json!({
        "prefecture": view.prefecture(),
        "pages": view.pages(),
        "page": page_index,
        "rows": view.page(page_index),
        "totals": view.totals(),
    }))
}

// ---------------------------------------------------------------------------------------------
// CSV files: bytes in, bytes out

/// What a caller names to have a file's encoding found from its bytes (reading only).
pub const AUTO_ENCODING: &str = "auto";

/// The encoding to read `data` in: found from the bytes for [`AUTO_ENCODING`]; else the one
/// named (or the default), refused with a hint when the bytes say otherwise — a UTF-8 file read
/// as Shift_JIS would give nothing but mojibake (docs/choices.md, "CSV files").
pub fn read_encoding(name: Option<&str>, data: &[u8]) -> Result<crate::csv::Encoding, ApiError> {
    if name.is_some_and(|n| n.trim().eq_ignore_ascii_case(AUTO_ENCODING)) {
        return Ok(crate::csv::detect::detect(data));
    }
    let enc = encoding(name)?;
    crate::csv::detect::check(data, enc)?;
    Ok(enc)
}

/// The encoding a caller named, or [`crate::csv::Encoding::DEFAULT`] when none was named.
pub fn encoding(name: Option<&str>) -> Result<crate::csv::Encoding, ApiError> {
    let Some(name) = name else {
        return Ok(crate::csv::Encoding::DEFAULT);
    };
    crate::csv::Encoding::from_name(name).ok_or_else(|| {
        let name: String = name.chars().take(40).collect();
        invalid(vec![Finding::error(
            "encoding",
            Code::UnknownValue,
            format!("encoding must be utf8 or shift_jis, or auto when reading (got {name:?})"),
            format!("文字コードは utf8 または shift_jis（読み込みでは auto も可）です（入力値：「{name}」）"),
        )])
    })
}

fn mapping(value: Option<&Value>) -> Result<crate::csv::ColumnMapping, ApiError> {
    match value.filter(|v| !v.is_null()) {
        None => Ok(crate::csv::ColumnMapping::standard()),
        Some(v) => crate::csv::ColumnMapping::from_json(&v.to_string()).map_err(invalid),
    }
}

/// Reads a postings CSV: `{"postings": [...], "findings": [{row, column, path, code, …}]}` —
/// every readable row, and a finding per problem with its row.
pub fn read_postings_csv(
    data: &[u8],
    encoding_name: Option<&str>,
    column_mapping: Option<&Value>,
) -> Result<Value, ApiError> {
    let (enc, map) = (
        read_encoding(encoding_name, data)?,
        mapping(column_mapping)?,
    );
    let mut postings = Vec::new();
    let mut findings = Vec::new();
    let file = crate::csv::read_postings(data, enc, &map, |row, r| match r {
        Ok(p) => {
            // A posting read is kept; a registration date before registration opened is a
            // warning on its row (docs/choices.md "Postings").
            findings.extend(
                p.warnings()
                    .into_iter()
                    .filter(|w| w.path == "registered_on")
                    .map(|finding| crate::csv::RowFinding {
                        row,
                        column: map
                            .columns
                            .iter()
                            .find(|c| c.path == "registered_on")
                            .map(|c| c.header.clone()),
                        finding,
                    }),
            );
            postings.push(p.to_json_value());
        }
        Err(f) => findings.extend(f),
    });
    let mut all = file;
    all.extend(findings);
    Ok(json!({"postings": postings, "findings": all}))
}

/// The postings of a table whose columns are the postings CSV's headers (a DataFrame read from
/// such a file), as UTF-8 CSV text: read exactly as the CSV reader reads the file, but all or
/// nothing, since the caller asked for postings, not for a report — a row that is not a posting
/// is an error at `<name>.<row index>` (0 for the first row under the header), a problem with
/// the headers at `<name>` (docs/choices.md, "DataFrames in").
pub fn postings_of_csv_table(data: &[u8], name: &str) -> Result<Value, ApiError> {
    let map = crate::csv::ColumnMapping::standard();
    let mut postings = Vec::new();
    let mut errors = Vec::new();
    // Rows are counted, not taken from the line number: a quoted cell may span lines.
    let mut index = 0usize;
    let file = crate::csv::read_postings(data, crate::csv::Encoding::Utf8, &map, |_, r| {
        match r {
            Ok(p) => postings.push(p.to_json_value()),
            Err(found) => errors.extend(
                found
                    .into_iter()
                    .filter(|f| f.finding.severity == crate::Severity::Error)
                    .flat_map(|f| prefixed(&format!("{name}.{index}"), vec![f.finding])),
            ),
        }
        index += 1;
    });
    errors.extend(
        file.into_iter()
            .filter(|f| f.finding.severity == crate::Severity::Error)
            .flat_map(|f| prefixed(name, vec![f.finding])),
    );
    if errors.is_empty() {
        Ok(Value::Array(postings))
    } else {
        Err(invalid(errors))
    }
}

/// Writes postings as CSV: the bytes and the substitutions made (`[{row, column, from, to}]`).
/// `labels_name`: `ja` or `codes` for cells that hold a code; absent, as the encoding suggests
/// ([`crate::csv::Labels::default_for`]). `view_name`: `internal` (absent), `registered` or
/// `public` ([`crate::csv::WriteOptions::view`]).
pub fn write_postings_csv(
    postings: &Value,
    encoding_name: Option<&str>,
    column_mapping: Option<&Value>,
    labels_name: Option<&str>,
    view_name: Option<&str>,
) -> Result<(Vec<u8>, Value), ApiError> {
    let view = match view_name {
        None => View::Internal,
        Some(name) => View::from_name(name).ok_or_else(|| {
            let shown: String = name.chars().take(40).collect();
            invalid(vec![Finding::error(
                "view",
                Code::UnknownValue,
                View::unknown_name_message(&shown),
                format!(
                    "view は internal・registered・public のいずれかです（入力値：「{shown}」）"
                ),
            )])
        })?,
    };
    let (enc, map) = (encoding(encoding_name)?, mapping(column_mapping)?);
    let labels = match labels_name {
        None => crate::csv::Labels::default_for(enc),
        Some(name) => crate::csv::Labels::from_name(name).ok_or_else(|| {
            let shown: String = name.chars().take(40).collect();
            invalid(vec![Finding::error(
                "labels",
                Code::UnknownValue,
                format!("labels must be ja or codes (got {shown:?})"),
                format!("labels は ja（日本語の表示名）または codes（コード）です（入力値：「{shown}」）"),
            )])
        })?,
    };
    let postings = read_postings(postings, "postings")?;
    let mut out = Vec::new();
    let options = crate::csv::WriteOptions { labels, view };
    let subs = crate::csv::write_postings_with(&mut out, enc, &map, options, &postings)?;
    Ok((out, answer(subs)?))
}

/// Writes the agencies' count table of the open postings as CSV.
pub fn write_count_table_csv(
    postings: &Value,
    encoding_name: Option<&str>,
) -> Result<(Vec<u8>, Value), ApiError> {
    let enc = encoding(encoding_name)?;
    let postings = read_postings(postings, "postings")?;
    let rows = distribution::count_table(postings.iter().filter(|p| p.is_open()));
    let mut out = Vec::new();
    let subs = crate::csv::write_count_table(&mut out, enc, &rows)?;
    Ok((out, answer(subs)?))
}

/// The bed view of an account exported as "details only" CSV (Shift_JIS as G-MIS writes it).
pub fn export_bed_view_csv(
    rows: &Value,
    account: &Value,
    encoding_name: Option<&str>,
) -> Result<(Vec<u8>, Value), ApiError> {
    let enc = encoding(encoding_name)?;
    let viewer = bed_viewer_of(account)?;
    let parsed = bed_rows(rows)?;
    let mut out = Vec::new();
    let subs = viewer.view(&parsed).export_csv(&mut out, enc)?;
    Ok((out, answer(subs)?))
}

/// Reads a bed view export: `{"rows": [...], "findings": [...]}` (warnings come as findings too).
pub fn read_bed_export_csv(data: &[u8], encoding_name: Option<&str>) -> Result<Value, ApiError> {
    let enc = read_encoding(encoding_name, data)?;
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    crate::beds::read_export(data, enc, |_, r| match r {
        Ok((bed, warnings)) => {
            rows.push(bed);
            findings.extend(warnings);
        }
        Err(f) => findings.extend(f),
    });
    Ok(json!({"rows": answer(rows)?, "findings": findings}))
}
