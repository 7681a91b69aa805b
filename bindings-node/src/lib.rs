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
pub mod distribution;
pub mod error;
pub mod findings;
pub mod forms;
mod input;
mod objects;
pub mod postings;
pub mod training;

use error::{Failure, guarded, refused};
use input::{Args, Input, options_of, value_of};

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
