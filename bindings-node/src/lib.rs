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

// The modules with `#[napi]` exports are `pub`: napi-rs registers an export only outside
// `cfg(test)`, so in the test build clippy checks, a `pub fn` of a private module would be dead.
pub mod error;
pub mod findings;
mod input;
mod objects;

use error::{Failure, guarded, refused};
use findings::{Finding, LineError, LineResult};
use input::{Args, Input, number, options_of, validation_of, value_of};

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
    guarded(&env, || {
        let validation = validation_of(&env, form)?;
        if !validation.is_registrable() {
            return Err(ApiError::Invalid {
                findings: validation.into_findings(),
            }
            .into());
        }
        validation
            .into_canonical_json()
            .ok_or_else(|| Failure::Internal("a registrable form has no canonical JSON".to_owned()))
    })
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

/// The encoding to write or read bytes in: `options.encoding`, `shift_jis` when absent (G-MIS and
/// Excel in Japan). The core checks the name.
fn encoding_option(opts: &Map<String, Value>) -> std::result::Result<String, Failure> {
    match opts.get("encoding") {
        None | Some(Value::Null) => Ok("shift_jis".to_owned()),
        Some(Value::String(name)) => Ok(name.clone()),
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
) -> std::result::Result<(&'d [u8], String), Failure> {
    match data {
        Either::A(bytes) => Ok((bytes, encoding_option(opts)?)),
        Either::B(text) => match opts.get("encoding") {
            None | Some(Value::Null) => Ok((text.as_bytes(), "utf8".to_owned())),
            Some(Value::String(name))
                if name.eq_ignore_ascii_case("utf8") || name.eq_ignore_ascii_case("utf-8") =>
            {
                Ok((text.as_bytes(), "utf8".to_owned()))
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
        Ok(api::read_postings_csv(bytes, &encoding, mapping.as_ref())?)
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
            &encoding,
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
        Ok(csv_file(api::write_count_table_csv(&postings, &encoding)?))
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
            &rows, &account, &encoding,
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
        Ok(api::read_bed_export_csv(bytes, &encoding)?)
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
