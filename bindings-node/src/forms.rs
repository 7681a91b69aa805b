//! One form at a time, or NDJSON lines of them: every finding (`validate`, `validateMany`), the
//! canonical JSON of a registrable form (`normalize`, docs/domain.md §2.7) and its views
//! (docs/domain.md §6).

use keynet::api;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::{Failure, guarded};
use crate::findings::{Finding, LineError, LineResult};
use crate::input::{Args, Input, validation_of};

/// Every finding about the form (errors and warnings). `form` is a form object or its JSON text.
#[napi(ts_args_type = "form: FormInput | string")]
pub fn validate(env: Env, form: Input<'_>) -> Result<Vec<Finding>> {
    guarded(&env, || {
        let validation = validation_of(&env, form)?;
        Ok(validation.findings().iter().map(Finding::from).collect())
    })
}

/// Benchmark hook, not API: the binding floor of `validate` — reads the form into the core's
/// input exactly as `validate` does (its JSON text, parsed under the same limits) and validates
/// nothing (docs/benchmarks.md, "Node binding against zod 4").
#[napi(js_name = "_readFormOnly", ts_args_type = "form: FormInput | string")]
pub fn read_form_only(env: Env, form: Input<'_>) -> Result<()> {
    guarded(&env, || crate::input::read_only(&env, form))
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
