//! Node.js bindings of `keynet` (napi-rs v3): conversion between JavaScript values and the core,
//! nothing more. Every rule lives in the core; every operation goes through its JSON façade
//! (`keynet::api`), so Node, Python and Swift answer alike.
//!
//! Input is a plain object or its JSON text. An object is turned into JSON text by the engine's
//! own `JSON.stringify`, so an object and its JSON string are read exactly alike (`undefined`
//! properties are left out, `Date`s become ISO strings, as everywhere in JavaScript).
//!
//! Failures throw an `Error` whose `name` is `KeynetError`, with `kind` (also in `code`) the
//! façade's error kind — `invalid_input` (with `detail`: `syntax`, `not_an_object` …),
//! `invalid` (with every finding in `findings`), `lifecycle` (with `detail`), `rules`,
//! `disclosure`, `csv_write` (with `detail` and, for a character without a Shift_JIS form,
//! `row`, `column`, `character`, `codepoint`) — or `internal` (a Rust panic was caught: the
//! process keeps running and later calls work). Values JSON cannot hold (undefined, functions,
//! BigInt, cycles) are a `TypeError`.
//!
//! CSV files are bytes: a `Buffer` (or any `Uint8Array`) in, a `Buffer` out.

use keynet::api::{self, ApiError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{Map, Value};

mod objects;

/// One thing validation found, at one dotted path of the canonical JSON.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Finding {
    /// Dotted JSON path of the field (`workplace.postal_code`); `""` for the whole form.
    pub path: String,
    /// The stable, machine-readable kind of the finding.
    #[napi(ts_type = "FindingCode")]
    pub code: String,
    /// `error`: the form cannot be registered; `warning`: registrable, but a person should look.
    #[napi(ts_type = "Severity")]
    pub severity: String,
    /// English message for people.
    pub message: String,
    /// Japanese message for people.
    #[napi(js_name = "message_ja")]
    pub message_ja: String,
}

impl From<&keynet::Finding> for Finding {
    fn from(f: &keynet::Finding) -> Self {
        Finding {
            path: f.path.clone(),
            code: f.code.as_str().to_owned(),
            severity: f.severity.as_str().to_owned(),
            message: f.message.clone(),
            message_ja: f.message_ja.clone(),
        }
    }
}

/// One entry of the catalogue of finding codes.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct CodeInfo {
    #[napi(ts_type = "FindingCode")]
    pub code: String,
    pub description: String,
    #[napi(js_name = "description_ja")]
    pub description_ja: String,
}

/// Why one NDJSON line is not a form at all.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct LineError {
    #[napi(ts_type = "InputErrorKind")]
    pub kind: String,
    pub message: String,
    #[napi(js_name = "message_ja")]
    pub message_ja: String,
}

/// The result for one line of an NDJSON batch (blank lines are skipped, not numbered anew).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct LineResult {
    /// 1-based line number in the input.
    pub line: u32,
    /// True when the line is a form without error findings.
    pub registrable: bool,
    /// Every finding of the form (empty when the line is not a form).
    pub findings: Vec<Finding>,
    /// Set when the line is not a form at all (bad JSON, not an object …).
    pub error: Option<LineError>,
}

/// Why a call failed, before it is thrown.
enum Failure {
    Api(ApiError),
    Internal(String),
    /// A napi-rs call failed: thrown as napi-rs throws it.
    Js(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Js(e)
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

impl From<keynet::InputError> for Failure {
    fn from(e: keynet::InputError) -> Self {
        Failure::Api(ApiError::Input(e))
    }
}

/// Throws `failure` as a `KeynetError` and returns the error napi-rs expects
/// after a throw.
fn throw(env: &Env, failure: Failure) -> Error {
    let mut extra: Vec<(&'static str, Value)> = Vec::new();
    let (message, message_ja, kind, detail, findings) = match failure {
        Failure::Js(e) => return Error::new(e.status, e.reason.clone()),
        Failure::Api(e) => {
            let (message, message_ja) = (e.to_string(), Some(e.message_ja()));
            let json = e.to_json();
            if let Some(at) = json.get("at").filter(|at| !at.is_null()) {
                extra.push(("at", at.clone()));
            }
            let detail = json
                .get("detail")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let findings: Vec<Finding> = e.findings().iter().map(Finding::from).collect();
            extra.extend(write_error_fields(&e));
            (message, message_ja, e.kind(), detail, findings)
        }
        Failure::Internal(detail) => (
            format!("keynet internal error (a bug, please report it): {detail}"),
            Some("keynetの内部エラーです（不具合です。報告してください）".to_owned()),
            "internal",
            None,
            Vec::new(),
        ),
    };
    let message = format!("keynet: {message}");
    let built = (|| -> Result<Object<'_>> {
        let mut obj = env.create_error(Error::new(Status::GenericFailure, message.clone()))?;
        obj.set_named_property("name", "KeynetError")?;
        obj.set_named_property("code", kind)?;
        obj.set_named_property("kind", kind)?;
        obj.set_named_property("detail", detail)?;
        obj.set_named_property("findings", findings)?;
        if let Some(ja) = message_ja {
            obj.set_named_property("message_ja", ja)?;
        }
        for (name, value) in extra {
            obj.set_named_property(name, value)?;
        }
        Ok(obj)
    })();
    match built.and_then(|obj| env.throw(obj)) {
        Ok(()) => Error::new(Status::PendingException, message),
        Err(e) => e,
    }
}

/// The facts a CSV write error carries, as properties of the thrown error: where the file could
/// not be written (`row`, `column`), and the character (`character`, `codepoint`) or posting.
fn write_error_fields(e: &ApiError) -> Vec<(&'static str, Value)> {
    use keynet::csv::WriteError;
    match e {
        ApiError::CsvWrite(WriteError::Unencodable {
            row,
            column,
            character,
            codepoint,
        }) => vec![
            ("row", Value::from(*row)),
            ("column", Value::from(column.as_str())),
            ("character", Value::from(character.to_string())),
            ("codepoint", Value::from(*codepoint)),
        ],
        ApiError::CsvWrite(WriteError::NotTabular { row, posting_id }) => vec![
            ("row", Value::from(*row)),
            ("posting_id", Value::from(posting_id.as_str())),
        ],
        _ => Vec::new(),
    }
}

/// Runs `f`, catching a Rust panic, and throws any failure as a `KeynetError`.
fn guarded<T>(env: &Env, f: impl FnOnce() -> std::result::Result<T, Failure>) -> Result<T> {
    keynet::host::catch_panic(f)
        .unwrap_or_else(|panic| Err(Failure::Internal(panic)))
        .map_err(|failure| throw(env, failure))
}

type Input<'a> = Either<String, Unknown<'a>>;

/// `JSON.stringify` with a replacer that keeps what plain JSON would lose or refuse: NaN and
/// the infinities become their names (so the form says "not a number" naming them, instead of
/// a silent `null` that reads as "required"), and a string with a lone surrogate becomes
/// well-formed (U+FFFD, as napi converts a string argument) — an object and its JSON text read
/// alike.
const STRINGIFY: &str = "(function (value) { return JSON.stringify(value, function (key, v) { \
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v); \
    if (typeof v === 'string' && typeof v.toWellFormed === 'function') return v.toWellFormed(); \
    return v; }); })";

/// JSON text of the input: a string is taken as JSON text, anything else goes through
/// [`STRINGIFY`]. What JSON cannot hold — `undefined`, a function, a cycle, a BigInt, nesting
/// deeper than the engine's stack — is a `KeynetError` of kind `invalid_input`, never a
/// `TypeError` or `RangeError`.
fn json_text(env: &Env, input: Input<'_>) -> std::result::Result<String, Failure> {
    match input {
        Either::A(text) => Ok(text),
        Either::B(value) => {
            let stringify: Function<'_, Unknown<'_>, Option<String>> = env.run_script(STRINGIFY)?;
            // `call` clears a pending exception (BigInt, cycle, stack) into the Err's reason.
            match stringify.call(value) {
                Ok(Some(text)) => Ok(text),
                Ok(None) => Err(Failure::from(keynet::InputError::NotJson {
                    reason: "got undefined, a function or a symbol".to_owned(),
                })),
                Err(e) if e.reason.contains("call stack") => {
                    Err(Failure::from(keynet::InputError::TooDeep {
                        max: keynet::MAX_DEPTH,
                    }))
                }
                Err(e) => Err(Failure::from(keynet::InputError::NotJson {
                    reason: e.reason.chars().take(200).collect(),
                })),
            }
        }
    }
}

/// The input as a JSON value (lists of postings may be large: no size limit but the nesting's).
fn value_of(env: &Env, input: Input<'_>) -> std::result::Result<Value, Failure> {
    let text = json_text(env, input)?;
    Ok(api::parse_json(text.as_bytes(), usize::MAX)?)
}

/// Builds the façade's `args` object from named values (optional ones left out when absent).
struct Args<'e> {
    env: &'e Env,
    map: Map<String, Value>,
}

impl<'e> Args<'e> {
    fn new(env: &'e Env) -> Self {
        Args {
            env,
            map: Map::new(),
        }
    }
    fn json(mut self, name: &str, input: Input<'_>) -> std::result::Result<Self, Failure> {
        let v = value_of(self.env, input)?;
        self.map.insert(name.to_owned(), v);
        Ok(self)
    }
    fn opt_json(self, name: &str, input: Option<Input<'_>>) -> std::result::Result<Self, Failure> {
        match input {
            Some(i) => self.json(name, i),
            None => Ok(self),
        }
    }
    fn value(mut self, name: &str, v: impl Into<Value>) -> Self {
        self.map.insert(name.to_owned(), v.into());
        self
    }
    fn call(self, operation: &str) -> std::result::Result<Value, Failure> {
        Ok(api::call(operation, &Value::Object(self.map))?)
    }
}

fn validation_of(env: &Env, form: Input<'_>) -> std::result::Result<keynet::Validation, Failure> {
    let text = json_text(env, form)?;
    Ok(keynet::validate_json(text.as_bytes())?)
}

// ---------------------------------------------------------------------------------------------
// Forms

/// Every finding about the form (errors and warnings). `form` is a form object or its JSON text.
#[napi(ts_args_type = "form: FormInput | string")]
pub fn validate(env: Env, form: Input<'_>) -> Result<Vec<Finding>> {
    guarded(&env, || {
        let validation = validation_of(&env, form)?;
        Ok(validation.findings().iter().map(Finding::from).collect())
    })
}

/// The canonical JSON (v1) of a registrable form. Throws a `KeynetError` of kind `invalid`
/// with every finding in `findings` when the form has error findings.
#[napi(ts_args_type = "form: FormInput | string", ts_return_type = "Form")]
pub fn normalize(env: Env, form: Input<'_>) -> Result<Value> {
    guarded(&env, || Ok(api::canonical(validation_of(&env, form)?)?))
}

/// Options of `validateMany`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct ValidateManyOptions {
    /// Threads that validate lines (default: the machine's available parallelism, at most 8;
    /// `1` validates on the calling thread). The results are the same either way.
    pub threads: Option<u32>,
}

/// Validates NDJSON (a `Buffer` or a string: one form per line) and returns one result per
/// non-blank line, in order. A line that is not a form is a result with `error`, not a throw.
/// Lines are validated on `options.threads` threads (see [`ValidateManyOptions`]).
#[napi(ts_args_type = "ndjson: Uint8Array | string, options?: ValidateManyOptions | null")]
pub fn validate_many(
    env: Env,
    ndjson: Either<BufferSlice<'_>, String>,
    options: Option<ValidateManyOptions>,
) -> Result<Vec<LineResult>> {
    guarded(&env, || {
        let bytes: &[u8] = match &ndjson {
            Either::A(buffer) => buffer,
            Either::B(text) => text.as_bytes(),
        };
        let threads = keynet::batch::thread_count(
            options
                .and_then(|o| o.threads)
                .map(|t| usize::try_from(t).unwrap_or(usize::MAX)),
        )
        .map_err(|e| Failure::Js(Error::new(Status::InvalidArg, format!("keynet: {e}"))))?;
        let outcomes = keynet::batch::validate_lines(bytes, threads).map_err(Failure::Internal)?;
        Ok(outcomes
            .into_iter()
            .map(|keynet::batch::LineOutcome { line, outcome }| {
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                match outcome {
                    Ok(validation) => LineResult {
                        line,
                        registrable: validation.is_registrable(),
                        findings: validation.findings().iter().map(Finding::from).collect(),
                        error: None,
                    },
                    Err(e) => LineResult {
                        line,
                        registrable: false,
                        findings: Vec::new(),
                        error: Some(LineError {
                            kind: e.kind().to_owned(),
                            message: e.to_string(),
                            message_ja: e.message_ja(),
                        }),
                    },
                }
            })
            .collect())
    })
}

/// The public view (§6) of a form without errors: masked fields null, no facility ID.
#[napi(
    ts_args_type = "form: FormInput | string",
    ts_return_type = "PublicForm"
)]
pub fn public_view(env: Env, form: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env).json("form", form)?.call("public_view")
    })
}

/// The registered view of a form without errors: every field but the facility ID.
#[napi(
    ts_args_type = "form: FormInput | string",
    ts_return_type = "RegisteredForm"
)]
pub fn registered_view(env: Env, form: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env).json("form", form)?.call("registered_view")
    })
}

/// One view of a form without errors: `internal`, `registered` or `public`.
#[napi(
    ts_generic_types = "V extends 'internal' | 'registered' | 'public'",
    ts_args_type = "form: FormInput | string, view: V",
    ts_return_type = "V extends 'public' ? PublicForm : V extends 'registered' ? RegisteredForm : Form"
)]
pub fn view(env: Env, form: Input<'_>, view: String) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("form", form)?
            .value("view", view)
            .call("view")
    })
}

// ---------------------------------------------------------------------------------------------
// Distribution

/// §7/§11: for each recipient, its view and the posting ids it receives, or its count rows.
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, recipients: Array<Recipient> | string, rules?: RuleSetInput | string | null",
    ts_return_type = "Array<DistributionEntry>"
)]
pub fn distribute(
    env: Env,
    postings: Input<'_>,
    recipients: Input<'_>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .json("recipients", recipients)?
            .opt_json("rules", rules)?
            .call("distribute")
    })
}

/// Why a recipient does or does not receive a posting: the rule that decided.
#[napi(
    ts_args_type = "posting: PostingInput | string, recipient: Recipient | string, rules?: RuleSetInput | string | null",
    ts_return_type = "Explanation"
)]
pub fn explain(
    env: Env,
    posting: Input<'_>,
    recipient: Input<'_>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .json("recipient", recipient)?
            .opt_json("rules", rules)?
            .call("explain")
    })
}

/// What is new for each recipient since the previous distribution.
#[napi(
    ts_args_type = "previous: Array<PostingInput> | string, current: Array<PostingInput> | string, recipients: Array<Recipient> | string, rules?: RuleSetInput | string | null",
    ts_return_type = "Array<DistributionEntry>"
)]
pub fn new_since(
    env: Env,
    previous: Input<'_>,
    current: Input<'_>,
    recipients: Input<'_>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("previous", previous)?
            .json("current", current)?
            .json("recipients", recipients)?
            .opt_json("rules", rules)?
            .call("new_since")
    })
}

/// The placement agencies' count table of the open postings (occupation × prefecture).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string",
    ts_return_type = "Array<CountRow>"
)]
pub fn count_table(env: Env, postings: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .call("count_table")
    })
}

// ---------------------------------------------------------------------------------------------
// Training

/// §8/§11: judges a hire's training plan.
#[napi(
    ts_args_type = "plan: TrainingPlan | string",
    ts_return_type = "TrainingAssessment"
)]
pub fn assess_training(env: Env, plan: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env).json("plan", plan)?.call("assess_training")
    })
}

/// The seeds' teaching materials for an occupation (all of them without one).
#[napi(
    ts_args_type = "occupation?: Occupation | null",
    ts_return_type = "Array<TrainingMaterial>"
)]
pub fn training_materials(env: Env, occupation: Option<String>) -> Result<Value> {
    guarded(&env, || {
        let args = Args::new(&env);
        match occupation {
            Some(o) => args.value("occupation", o),
            None => args,
        }
        .call("training_materials")
    })
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

/// Registers a form without errors as a new open posting.
#[napi(
    ts_args_type = "form: FormInput | string, postingId: string, registeredOn: string",
    ts_return_type = "Posting"
)]
pub fn register(
    env: Env,
    form: Input<'_>,
    posting_id: String,
    registered_on: String,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("form", form)?
            .value("posting_id", posting_id)
            .value("registered_on", registered_on)
            .call("register")
    })
}

/// Applies one lifecycle event to a posting and returns the posting after it. An event the
/// posting's state does not allow throws a `KeynetError` of kind `lifecycle` (`detail` says which).
#[napi(
    ts_args_type = "posting: PostingInput | string, event: LifecycleEvent | string",
    ts_return_type = "Posting"
)]
pub fn apply_event(env: Env, posting: Input<'_>, event: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .json("event", event)?
            .call("apply_event")
    })
}

/// Applies events in order and returns the posting after the last. Every event is read first (one
/// that does not read throws kind `invalid` with findings at `events.<i>`); an event the posting's
/// state does not allow throws kind `lifecycle` with `at`, the index of that event.
#[napi(
    ts_args_type = "posting: PostingInput | string, events: Array<LifecycleEvent> | string",
    ts_return_type = "Posting"
)]
pub fn apply_events(env: Env, posting: Input<'_>, events: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .json("events", events)?
            .call("apply_events")
    })
}

/// The facility's account status for a calendar month (§9).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, facilityId: string, year: number, month: number",
    ts_return_type = "AccountStatus"
)]
pub fn account_status(
    env: Env,
    postings: Input<'_>,
    facility_id: String,
    year: f64,
    month: f64,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .value("facility_id", facility_id)
            .value("year", number(year))
            .value("month", number(month))
            .call("account_status")
    })
}

/// A JS number as JSON: whole numbers as integers (the façade refuses the rest with a finding).
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation)] // whole and below 2^53 in magnitude: exact
        let whole = n as i64;
        Value::from(whole)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// Facilities with two or more open postings for one occupation (the G-MIS sync caveat, §9).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string",
    ts_return_type = "Array<DuplicateOpenPostings>"
)]
pub fn duplicate_open_postings(env: Env, postings: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .call("duplicate_open_postings")
    })
}

/// The account's status on one day (suspended from the first day of the month after its last
/// posting was filled with no new registration that month).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, facilityId: string, on: string",
    ts_return_type = "AccountStatus"
)]
pub fn account_status_on(
    env: Env,
    postings: Input<'_>,
    facility_id: String,
    on: String,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .value("facility_id", facility_id)
            .value("on", on)
            .call("account_status_on")
    })
}

/// The agencies' new-posting notice: the count table of what is new, the Key-Net URL and the
/// contact desks.
#[napi(
    ts_args_type = "previous: Array<PostingInput> | string, current: Array<PostingInput> | string, agencies: Array<string> | string, keyNetUrl: string, contacts?: unknown, rules?: RuleSetInput | string | null",
    ts_return_type = "unknown"
)]
pub fn agency_notice(
    env: Env,
    previous: Input<'_>,
    current: Input<'_>,
    agencies: Input<'_>,
    key_net_url: String,
    contacts: Option<Input<'_>>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("previous", previous)?
            .json("current", current)?
            .json("agencies", agencies)?
            .value("key_net_url", key_net_url)
            .opt_json("contacts", contacts)?
            .opt_json("rules", rules)?
            .call("agency_notice")
    })
}

/// The seeds' example training programme (self-study about 1 h, hands-on about 1 h).
#[napi(ts_return_type = "unknown")]
pub fn training_example_programme(env: Env) -> Result<Value> {
    guarded(&env, || Args::new(&env).call("training_example_programme"))
}

/// A fire HQ's G-MIS ID application, read and checked: `{application, findings}`.
#[napi(
    ts_args_type = "application: object | string",
    ts_return_type = "unknown"
)]
pub fn fire_hq_application(env: Env, application: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("application", application)?
            .call("fire_hq_application")
    })
}

/// A prefecture's list of its fire HQs' applications, for the ministry.
#[napi(
    ts_args_type = "prefecture: string, applications: Array<object> | string",
    ts_return_type = "unknown"
)]
pub fn fire_hq_list(env: Env, prefecture: String, applications: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .value("prefecture", prefecture)
            .json("applications", applications)?
            .call("fire_hq_list")
    })
}

/// Every detail (the registered view) for a seeker who inquired about or applied to the
/// posting; anyone else gets a `KeynetError` of kind `disclosure`.
#[napi(
    ts_args_type = "posting: PostingInput | string, seekerId: string",
    ts_return_type = "RegisteredForm"
)]
pub fn disclose(env: Env, posting: Input<'_>, seeker_id: String) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .value("seeker_id", seeker_id)
            .call("disclose")
    })
}

// ---------------------------------------------------------------------------------------------
// kintone

/// Reads a kintone record (`{"<code>": {type, value}}`, or a REST response `{record}`) through
/// the field-code mapping (the default, changed by `mapping`): every finding at canonical paths
/// and the canonical form when there is no error. Findings are data: only a record that is not
/// an object or a bad mapping throws.
#[napi(
    ts_args_type = "record: KintoneRecord | { record: KintoneRecord } | string, mapping?: KintoneMappingOverrides | string | null",
    ts_return_type = "KintoneRead"
)]
pub fn from_kintone_record(
    env: Env,
    record: Input<'_>,
    mapping: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("record", record)?
            .opt_json("mapping", mapping)?
            .call("from_kintone_record")
    })
}

/// Findings (a list, or what `fromKintoneRecord` returned) in kintone's error shape:
/// `{"record.<code>.value": {messages}}` for `event.record[code].error`, and record-level
/// messages for `event.error`. `options.lang`: `ja` (default) or `en`; `options.record`: codes
/// the record lacks become record-level messages; `options.mapping`: overrides.
#[napi(
    ts_args_type = "findings: Array<Finding> | KintoneRead | string, options?: KintoneErrorOptions | null",
    ts_return_type = "KintoneErrors"
)]
pub fn to_kintone_errors(
    env: Env,
    findings: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        let mut args = Args::new(&env).json("findings", findings)?;
        if let Some(o) = options {
            match value_of(&env, o)? {
                Value::Object(map) => {
                    for key in ["lang", "mapping", "record"] {
                        if let Some(v) = map.get(key) {
                            args = args.value(key, v.clone());
                        }
                    }
                }
                Value::Null => {}
                _ => {
                    return Err(ApiError::Invalid {
                        findings: vec![keynet::Finding::error(
                            "options",
                            keynet::Code::Format,
                            "options must be an object {lang?, mapping?, record?}",
                            "options は {lang, mapping, record} のオブジェクトで指定してください",
                        )],
                    }
                    .into());
                }
            }
        }
        args.call("to_kintone_errors")
    })
}

/// A form without errors written as a kintone record (`{"<code>": {type, value}}`) through the
/// mapping: the app's option labels, numbers as text.
#[napi(
    ts_args_type = "form: FormInput | string, mapping?: KintoneMappingOverrides | string | null",
    ts_return_type = "KintoneRecord"
)]
pub fn to_kintone_record(env: Env, form: Input<'_>, mapping: Option<Input<'_>>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("form", form)?
            .opt_json("mapping", mapping)?
            .call("to_kintone_record")
    })
}

/// The effective field-code mapping: the default, changed by `mapping`.
#[napi(
    ts_args_type = "mapping?: KintoneMappingOverrides | string | null",
    ts_return_type = "KintoneMapping"
)]
pub fn kintone_mapping(env: Env, mapping: Option<Input<'_>>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .opt_json("mapping", mapping)?
            .call("kintone_mapping")
    })
}

// ---------------------------------------------------------------------------------------------
// CSV files, the regional bed view and G-MIS accounts

/// A CSV file as given: its bytes (a `Buffer` or any `Uint8Array`), or text already decoded (a
/// string).
type Data<'a> = Either<BufferSlice<'a>, String>;

/// An `invalid` failure with one error finding.
fn refused(path: &str, code: keynet::Code, en: String, ja: String) -> Failure {
    Failure::Api(ApiError::Invalid {
        findings: vec![keynet::Finding::error(path, code, en, ja)],
    })
}

/// An options object (or its JSON text) as a map; absent or `null` is an empty one. A key not in
/// `known` is refused (`{encodng: 'utf8'}` must not quietly read Shift_JIS).
fn options_of(
    env: &Env,
    options: Option<Input<'_>>,
    known: &[&str],
) -> std::result::Result<Map<String, Value>, Failure> {
    let keys = known.join(", ");
    let map = match options {
        None => Map::new(),
        Some(o) => match value_of(env, o)? {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            _ => {
                return Err(refused(
                    "options",
                    keynet::Code::Format,
                    format!("options must be an object {{{keys}}}"),
                    format!("options は {{{keys}}} のオブジェクトで指定してください"),
                ));
            }
        },
    };
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(refused(
            &format!("options.{unknown}"),
            keynet::Code::UnknownValue,
            format!("unknown option {unknown:?} (known: {keys})"),
            format!("不明なオプションです（{unknown}）。指定できるのは {keys} です"),
        )),
        None => Ok(map),
    }
}

/// The encoding to write or read bytes in: `options.encoding`, `shift_jis` when absent (G-MIS and
/// Excel in Japan). The core checks the name.
fn encoding_option(opts: &Map<String, Value>) -> std::result::Result<Option<String>, Failure> {
    match opts.get("encoding") {
        // None named: the core's default (`keynet::csv::Encoding::DEFAULT`).
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(name)) => Ok(Some(name.clone())),
        Some(_) => Err(refused(
            "encoding",
            keynet::Code::Format,
            "encoding must be text: shift_jis or utf8".to_owned(),
            "文字コードは shift_jis または utf8 で指定してください".to_owned(),
        )),
    }
}

/// The bytes to read and their encoding. A string is text already: it is read as UTF-8, and an
/// `encoding` other than utf8 is refused (pass the file's bytes to read Shift_JIS).
fn file_of<'d>(
    data: &'d Data<'_>,
    opts: &Map<String, Value>,
) -> std::result::Result<(&'d [u8], Option<String>), Failure> {
    match data {
        Either::A(bytes) => Ok((bytes, encoding_option(opts)?)),
        Either::B(text) => match opts.get("encoding") {
            None | Some(Value::Null) => Ok((text.as_bytes(), Some("utf8".to_owned()))),
            Some(Value::String(name))
                if name.eq_ignore_ascii_case("utf8") || name.eq_ignore_ascii_case("utf-8") =>
            {
                Ok((text.as_bytes(), Some("utf8".to_owned())))
            }
            Some(other) => Err(refused(
                "encoding",
                keynet::Code::Inconsistent,
                format!(
                    "a string is text already, not {other} bytes: pass the file's bytes (a Buffer) to read it"
                ),
                "文字列は読み取り済みのテキストです。Shift_JIS のファイルはバイト列（Buffer）のまま渡してください"
                    .to_owned(),
            )),
        },
    }
}

/// `options.mapping`: a column mapping object or its JSON text (absent: the standard columns).
fn mapping_option(opts: &Map<String, Value>) -> std::result::Result<Option<Value>, Failure> {
    match opts.get("mapping") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(api::parse_json(text.as_bytes(), usize::MAX)?)),
        Some(mapping) => Ok(Some(mapping.clone())),
    }
}

/// A CSV file written: its bytes, and every character written as another.
#[napi(object)]
pub struct CsvFile {
    /// The file: UTF-8 with a BOM, or Shift_JIS (Windows-31J); CRLF line ends, RFC 4180 quoting.
    #[napi(ts_type = "NodeBuffer")]
    pub data: Buffer,
    /// Every character written as another (〜 → ～ …), with its row and column: nothing is
    /// changed silently.
    #[napi(ts_type = "Array<Substitution>")]
    pub substitutions: Value,
}

impl std::fmt::Debug for CsvFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvFile")
            .field("data", &format_args!("<{} bytes>", self.data.len()))
            .field("substitutions", &self.substitutions)
            .finish()
    }
}

fn csv_file((data, substitutions): (Vec<u8>, Value)) -> CsvFile {
    CsvFile {
        data: data.into(),
        substitutions,
    }
}

/// Reads a postings CSV (header row, then one posting per row): every row that reads, and a
/// finding per problem with its `row` (the header is row 1) and `column` header — a bad row
/// never stops the others. `options.encoding`: `shift_jis` (default) or `utf8` for bytes; a
/// string is read as text. `options.mapping`: the columns (default: the standard Japanese
/// headers).
#[napi(
    ts_args_type = "data: Uint8Array | string, options?: PostingsCsvReadOptions | string | null",
    ts_return_type = "PostingsCsvRead"
)]
pub fn read_postings_csv(env: Env, data: Data<'_>, options: Option<Input<'_>>) -> Result<Value> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding", "mapping"])?;
        let (bytes, encoding) = file_of(&data, &opts)?;
        let mapping = mapping_option(&opts)?;
        Ok(api::read_postings_csv(
            bytes,
            encoding.as_deref(),
            mapping.as_ref(),
        )?)
    })
}

/// Writes postings as CSV, one per row (`options.encoding`: `shift_jis` by default, or `utf8`).
/// A character with no Shift_JIS form throws a `KeynetError` of kind `csv_write` naming the row,
/// column and character (`row`, `column`, `character`, `codepoint`); the documented
/// substitutions are made and returned.
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, options?: PostingsCsvWriteOptions | string | null",
    ts_return_type = "CsvFile"
)]
pub fn write_postings_csv(
    env: Env,
    postings: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<CsvFile> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding", "mapping"])?;
        let encoding = encoding_option(&opts)?;
        let mapping = mapping_option(&opts)?;
        let postings = value_of(&env, postings)?;
        Ok(csv_file(api::write_postings_csv(
            &postings,
            encoding.as_deref(),
            mapping.as_ref(),
        )?))
    })
}

/// The agencies' count table of the open postings as CSV (occupation × prefecture).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, options?: CsvWriteOptions | string | null",
    ts_return_type = "CsvFile"
)]
pub fn write_count_table_csv(
    env: Env,
    postings: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<CsvFile> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding"])?;
        let encoding = encoding_option(&opts)?;
        let postings = value_of(&env, postings)?;
        Ok(csv_file(api::write_count_table_csv(
            &postings,
            encoding.as_deref(),
        )?))
    })
}

/// The bed view of an account exported as "details only" CSV, Shift_JIS by default: only the
/// account's own prefecture's rows. Rows with errors throw `invalid` with findings at `rows.<i>`;
/// an account kind without the bed view throws `invalid` at `account`.
#[napi(
    ts_args_type = "rows: Array<BedRowInput> | string, account: Account | string, options?: CsvWriteOptions | string | null",
    ts_return_type = "CsvFile"
)]
pub fn export_bed_view_csv(
    env: Env,
    rows: Input<'_>,
    account: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<CsvFile> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding"])?;
        let encoding = encoding_option(&opts)?;
        let rows = value_of(&env, rows)?;
        let account = value_of(&env, account)?;
        Ok(csv_file(api::export_bed_view_csv(
            &rows,
            &account,
            encoding.as_deref(),
        )?))
    })
}

/// Reads a bed view export ("details only" CSV; Shift_JIS by default): every row that reads, and
/// the findings (errors of the rows left out, warnings of the rows kept) with their row.
#[napi(
    ts_args_type = "data: Uint8Array | string, options?: CsvReadOptions | string | null",
    ts_return_type = "BedExportRead"
)]
pub fn read_bed_export_csv(env: Env, data: Data<'_>, options: Option<Input<'_>>) -> Result<Value> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding"])?;
        let (bytes, encoding) = file_of(&data, &opts)?;
        Ok(api::read_bed_export_csv(bytes, encoding.as_deref())?)
    })
}

/// One bed view row read: `{row, findings}` — every finding, errors and warnings; `row` (codes
/// normalised, ISO dates) only when there is no error. Findings are data, not a throw.
#[napi(
    ts_args_type = "row: Partial<BedRowInput> | string",
    ts_return_type = "BedRowRead"
)]
pub fn read_bed_row(env: Env, row: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env).json("row", row)?.call("read_bed_row")
    })
}

/// The regional bed view as an account sees it: only its own prefecture's rows (there is no way
/// to ask for another's), the totals, and one screen page of at most 2,000 rows
/// (`options.page`, 0-based); `options.search` keeps rows whose secondary medical area or
/// institution name contains it.
#[napi(
    ts_args_type = "rows: Array<BedRowInput> | string, account: Account | string, options?: BedViewOptions | string | null",
    ts_return_type = "BedView"
)]
pub fn bed_view(
    env: Env,
    rows: Input<'_>,
    account: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["search", "page"])?;
        let mut args = Args::new(&env)
            .json("rows", rows)?
            .json("account", account)?;
        for (key, value) in opts {
            if !value.is_null() {
                args = args.value(&key, value);
            }
        }
        args.call("bed_view")
    })
}

/// Every finding about a password under a policy (`gmis` or `kintone2020`), at path
/// `password`; the messages never repeat the password.
#[napi(
    ts_args_type = "password: string, policy: PasswordPolicy",
    ts_return_type = "Array<Finding>"
)]
pub fn check_password(env: Env, password: String, policy: String) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .value("password", password)
            .value("policy", policy)
            .call("check_password")
    })
}

/// What a G-MIS ID kind may do: the forms it registers, the postings it reads, the bed view.
#[napi(ts_args_type = "kind: IdKind", ts_return_type = "Permissions")]
pub fn account_permissions(env: Env, kind: String) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .value("kind", kind)
            .call("account_permissions")
    })
}

/// Whether an account may register a form (its kind, its own facility ID, its prefecture):
/// `{allowed: true, reason: null}` or `{allowed: false, reason}`. A form with errors throws
/// `invalid`.
#[napi(
    ts_args_type = "account: Account | string, form: FormInput | string",
    ts_return_type = "RegistrationCheck"
)]
pub fn may_register(env: Env, account: Input<'_>, form: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("account", account)?
            .json("form", form)?
            .call("may_register")
    })
}

// ---------------------------------------------------------------------------------------------
// Generic

/// Any operation of the JSON façade by its name, with its arguments as one object (or JSON
/// text) — the same names and shapes as the golden case table (`kind` + `args`).
#[napi(
    ts_generic_types = "K extends Operation",
    ts_args_type = "operation: K, args: Operations[K]['args'] | string",
    ts_return_type = "Operations[K]['output']"
)]
pub fn call(env: Env, operation: String, args: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        let args = value_of(&env, args)?;
        Ok(api::call(&operation, &args)?)
    })
}

/// The catalogue of finding codes with English and Japanese descriptions.
#[napi]
pub fn catalogue(env: Env) -> Result<Vec<CodeInfo>> {
    guarded(&env, || {
        Ok(keynet::catalogue()
            .into_iter()
            .map(|info| CodeInfo {
                code: info.code.as_str().to_owned(),
                description: info.description.to_owned(),
                description_ja: info.description_ja.to_owned(),
            })
            .collect())
    })
}

/// True when `value` is what keynet throws (`name === 'KeynetError'`): a type guard for
/// `catch (e)` blocks in TypeScript.
#[napi(
    ts_args_type = "value: unknown",
    ts_return_type = "value is KeynetError"
)]
pub fn is_keynet_error(value: Unknown<'_>) -> bool {
    if value.get_type().ok() != Some(ValueType::Object) {
        return false;
    }
    Object::from_unknown(value)
        .and_then(|obj| obj.get_named_property::<Option<String>>("name"))
        .ok()
        .flatten()
        .is_some_and(|name| name == "KeynetError")
}

/// Test hook, not API: panics inside the guard to prove a panic becomes a `KeynetError` of
/// kind `internal` and the process keeps working.
#[napi(js_name = "_triggerPanicForTests")]
pub fn trigger_panic_for_tests(env: Env) -> Result<()> {
    guarded(&env, || {
        // Deliberate: the panic drill of the test suite.
        #[allow(clippy::panic)]
        {
            panic!("panic drill (_triggerPanicForTests)")
        }
    })
}
