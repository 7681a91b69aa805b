//! The kintone adapter (docs/kintone.md): a record read through the field-code mapping, findings
//! written back in kintone's error shape, a form written as a record, and the effective mapping.
//! The mapping and the messages shown in kintone are the core's.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::guarded;
use crate::input::{Args, Input, value_of};

/// Reads a kintone record (`{"<code>": {type, value}}`, or a REST response `{record}`) through
/// the field-code mapping (the default, changed by `mapping`): every finding at canonical paths
/// and the canonical form when there is no error. Findings are data: only a value that is no
/// record (`invalid_input`: not an object, a records list, no field, over 1 MiB) or a bad
/// mapping throws.
#[napi(
    ts_generic_types = "R extends KintoneRecordOf<R> = KintoneRecord",
    ts_args_type = "record: R | { record: R } | string, mapping?: KintoneMappingOverrides | string | null",
    ts_return_type = "KintoneRead"
)]
pub fn from_kintone_record(
    env: Env,
    record: Input<'_>,
    mapping: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .argument("from_kintone_record", "record", record)?
            .opt_json("mapping", mapping)?
            .call("from_kintone_record")
    })
}

/// Reads each row of the subtable `table` of a record as one form, with the record's other
/// fields (docs/kintone.md, "A subtable of postings"): `{table, rows: [{row, id, registrable,
/// findings, canonical}]}`. `toKintoneErrors(rows, { record })` keys each row's findings inside
/// its row (`record.<table>.value[<row>].value.<code>.value`).
#[napi(
    ts_generic_types = "R extends KintoneRecordOf<R> = KintoneRecord",
    ts_args_type = "record: R | { record: R } | string, table: string, mapping?: KintoneMappingOverrides | string | null",
    ts_return_type = "KintoneRows"
)]
pub fn from_kintone_rows(
    env: Env,
    record: Input<'_>,
    table: String,
    mapping: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .argument("from_kintone_rows", "record", record)?
            .value("table", table)
            .opt_json("mapping", mapping)?
            .call("from_kintone_rows")
    })
}

/// Findings (a list, or what `fromKintoneRecord` returned) in kintone's error shape:
/// `{"record.<code>.value": {messages}}` for `event.record[code].error`, and record-level
/// messages for `event.error`. `options.lang`: `ja` (default) or `en`; `options.record`: codes
/// the record lacks become record-level messages; `options.mapping`: overrides.
#[napi(
    ts_args_type = "findings: Array<Finding> | KintoneRead | KintoneRows | { records: Array<KintoneRead | Array<Finding>> } | string, options?: KintoneErrorOptions | null",
    ts_return_type = "KintoneErrors"
)]
pub fn to_kintone_errors(
    env: Env,
    findings: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        let mut args = Args::new(&env).json("findings", findings)?;
        let options = options.map(|o| value_of(&env, o)).transpose()?;
        for (key, value) in keynet::host::kintone_error_options(options)? {
            args = args.value(&key, value);
        }
        args.call("to_kintone_errors")
    })
}

/// The body a proxy in front of kintone's REST API answers a refused record with — kintone's own
/// `{code: "CB_VA01", id, message, errors}` — or `null` when no finding is an error. Findings
/// and options as `toKintoneErrors` takes them, and `options.id` (docs/kintone.md).
#[napi(
    ts_args_type = "findings: Array<Finding> | KintoneRead | KintoneRows | { records: Array<KintoneRead | Array<Finding>> } | string, options?: KintoneErrorResponseOptions | null",
    ts_return_type = "KintoneErrorResponse | null"
)]
pub fn to_kintone_error_response(
    env: Env,
    findings: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        let mut args = Args::new(&env).json("findings", findings)?;
        let options = options.map(|o| value_of(&env, o)).transpose()?;
        for (key, value) in keynet::host::kintone_error_options(options)? {
            args = args.value(&key, value);
        }
        args.call("kintone_error_response")
    })
}

/// A form without errors written as a kintone record (`{"<code>": {type, value}}`) through the
/// mapping: the app's option labels, numbers as text. With `fields` (a record of the app, or its
/// form fields `{properties}`): only the codes the app has, with its types, no system fields —
/// what a `PUT` accepts.
#[napi(
    ts_args_type = "form: FormInput | string, mapping?: KintoneMappingOverrides | string | null, fields?: KintoneAppFields | string | null",
    ts_return_type = "KintoneRecord"
)]
pub fn to_kintone_record(
    env: Env,
    form: Input<'_>,
    mapping: Option<Input<'_>>,
    fields: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("form", form)?
            .opt_json("mapping", mapping)?
            .opt_json("fields", fields)?
            .call("to_kintone_record")
    })
}

/// The body of `PUT /k/v1/record.json` writing a form into record `options.id` of app
/// `options.app`: `{app, id, revision?, record}` (`options.mapping`, `options.fields` as for
/// `toKintoneRecord`).
#[napi(
    ts_args_type = "form: FormInput | string, options: KintoneUpdateOptions | string",
    ts_return_type = "KintoneUpdateBody"
)]
pub fn kintone_update_body(env: Env, form: Input<'_>, options: Option<Input<'_>>) -> Result<Value> {
    guarded(&env, || {
        let mut args = Args::new(&env).json("form", form)?;
        let options = crate::input::options_of(&env, options, &UPDATE_OPTIONS)?;
        for (key, value) in options {
            args = args.value(&key, value);
        }
        args.call("kintone_update_body")
    })
}

/// The body of `PUT /k/v1/records.json` writing several forms into their records:
/// `{app, records: [{id, revision?, record}]}` from `[{form, id, revision?}]`; a form with
/// errors or a bad id is a `KeynetError` with findings at `records.<i>…`. kintone's refusal of
/// such a call is keyed `records[<i>].<code>.value`, as `toKintoneErrors({records: reads})` gives.
#[napi(
    ts_args_type = "records: Array<{ form: FormInput; id: number | string; revision?: number | string | null }> | string, options: KintoneBulkUpdateOptions | string",
    ts_return_type = "KintoneBulkUpdateBody"
)]
pub fn kintone_bulk_update_body(
    env: Env,
    records: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        let mut args = Args::new(&env).json("records", records)?;
        let options = crate::input::options_of(&env, options, &BULK_UPDATE_OPTIONS)?;
        for (key, value) in options {
            args = args.value(&key, value);
        }
        args.call("kintone_bulk_update_body")
    })
}

/// The options of `kintoneBulkUpdateBody`: those of `kintoneUpdateBody` but the record's own.
const BULK_UPDATE_OPTIONS: [&str; 3] = ["app", "mapping", "fields"];

/// The options of `kintoneUpdateBody` (`keynet::host::KINTONE_UPDATE_OPTIONS`).
const UPDATE_OPTIONS: [&str; 5] = keynet::host::KINTONE_UPDATE_OPTIONS;

/// The mapping (the default, changed by `mapping`) checked against the app's fields — the JSON
/// of `GET /k/v1/app/form/fields.json` or a record of the app: a finding for each code the app
/// lacks, each type the mapping cannot read, each option label on one side only.
#[napi(
    ts_args_type = "fields: KintoneAppFields | string, mapping?: KintoneMappingOverrides | string | null",
    ts_return_type = "Array<Finding>"
)]
pub fn check_kintone_mapping(
    env: Env,
    fields: Input<'_>,
    mapping: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("fields", fields)?
            .opt_json("mapping", mapping)?
            .call("check_kintone_mapping")
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
