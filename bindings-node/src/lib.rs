//! Node.js bindings of `keynet` (napi-rs v3): conversion between JavaScript values and the core,
//! nothing more. Every rule lives in the core.
//!
//! Input is a form object or its JSON text. An object is turned into JSON text by the engine's own
//! `JSON.stringify`, so an object and its JSON string are read exactly alike (`undefined`
//! properties are left out, `Date`s become ISO strings, as everywhere in JavaScript).
//!
//! Failures throw an `Error` whose `name` is `KeynetError` and whose `code` says which:
//! `invalid_form` (with `findings`), `invalid_input` (with `kind` and `message_ja`) or `internal`
//! (a Rust panic was caught: the process keeps running and later calls work).

use std::panic::{AssertUnwindSafe, catch_unwind};

use napi::bindgen_prelude::*;
use napi_derive::napi;

/// One thing validation found, at one dotted path of the canonical JSON.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Finding {
    /// Dotted JSON path of the field (`workplace.postal_code`); `""` for the whole form.
    pub path: String,
    /// The stable, machine-readable kind of the finding.
    #[napi(
        ts_type = "'required' | 'format' | 'range' | 'unknown_value' | 'inconsistent' | 'masking_leak' | 'labor_law' | 'health_law' | 'too_long'"
    )]
    pub code: String,
    /// `error`: the form cannot be registered; `warning`: registrable, but a person should look.
    #[napi(ts_type = "'error' | 'warning'")]
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
    #[napi(
        ts_type = "'required' | 'format' | 'range' | 'unknown_value' | 'inconsistent' | 'masking_leak' | 'labor_law' | 'health_law' | 'too_long'"
    )]
    pub code: String,
    pub description: String,
    #[napi(js_name = "description_ja")]
    pub description_ja: String,
}

/// Why a call failed, before it is thrown as a `KeynetError`.
enum Failure {
    Input(keynet::InputError),
    Form(Vec<keynet::Finding>),
    Internal(String),
    /// The value cannot become JSON (undefined, a function, a BigInt, a cycle): a `TypeError`.
    NotJson(String),
    /// A napi-rs call failed: thrown as napi-rs throws it.
    Js(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Js(e)
    }
}

/// Throws `failure` as a `KeynetError` and returns the error napi-rs expects after a throw.
fn throw(env: &Env, failure: Failure) -> Error {
    let (message, code) = match &failure {
        Failure::Js(e) => return Error::new(e.status, e.reason.clone()),
        Failure::NotJson(detail) => {
            let message = format!("keynet: expected a form object or its JSON text: {detail}");
            return match env.throw_type_error(&message, None) {
                Ok(()) => Error::new(Status::PendingException, message),
                Err(e) => e,
            };
        }
        Failure::Input(e) => (e.to_string(), "invalid_input"),
        Failure::Form(findings) => {
            let errors: Vec<String> = findings
                .iter()
                .filter(|f| f.is_error())
                .map(|f| format!("{} ({})", f.path, f.code))
                .collect();
            (
                format!(
                    "the form cannot be registered: {} error(s): {}",
                    errors.len(),
                    errors.join(", ")
                ),
                "invalid_form",
            )
        }
        Failure::Internal(detail) => (
            format!("keynet internal error (a bug, please report it): {detail}"),
            "internal",
        ),
    };
    let built = (|| -> Result<Object<'_>> {
        let mut obj = env.create_error(Error::new(Status::GenericFailure, message.clone()))?;
        obj.set_named_property("name", "KeynetError")?;
        obj.set_named_property("code", code)?;
        match failure {
            Failure::Input(e) => {
                obj.set_named_property("kind", e.kind())?;
                obj.set_named_property("message_ja", e.message_ja())?;
            }
            Failure::Form(findings) => {
                let findings: Vec<Finding> = findings.iter().map(Finding::from).collect();
                obj.set_named_property("findings", findings)?;
            }
            Failure::Internal(_) | Failure::NotJson(_) | Failure::Js(_) => {}
        }
        Ok(obj)
    })();
    match built.and_then(|obj| env.throw(obj)) {
        Ok(()) => Error::new(Status::PendingException, message),
        Err(e) => e,
    }
}

/// Runs `f`, catching a Rust panic, and throws any failure as a `KeynetError`.
fn guarded<T>(env: &Env, f: impl FnOnce() -> std::result::Result<T, Failure>) -> Result<T> {
    let outcome = catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string panic payload".to_owned());
        Err(Failure::Internal(detail))
    });
    outcome.map_err(|failure| throw(env, failure))
}

/// Reads the input (JSON text, or any other value through `JSON.stringify`) and validates it.
fn run(
    env: &Env,
    input: Either<String, Unknown<'_>>,
) -> std::result::Result<keynet::Validation, Failure> {
    let text = match input {
        Either::A(text) => text,
        Either::B(value) => {
            let json: Object<'_> = env.get_global()?.get_named_property("JSON")?;
            let stringify: Function<'_, Unknown<'_>, Option<String>> =
                json.get_named_property("stringify")?;
            // `call` clears a pending exception (BigInt, cycle) into the Err's reason.
            match stringify
                .call(value)
                .map_err(|e| Failure::NotJson(e.reason.clone()))?
            {
                Some(text) => text,
                None => {
                    return Err(Failure::NotJson(
                        "got undefined, a function or a symbol".to_owned(),
                    ));
                }
            }
        }
    };
    keynet::validate_json(text.as_bytes()).map_err(Failure::Input)
}

/// Every finding about the form (errors and warnings). `input` is a form object or its JSON text.
#[napi(ts_args_type = "input: object | string")]
pub fn validate(env: Env, input: Either<String, Unknown<'_>>) -> Result<Vec<Finding>> {
    guarded(&env, || {
        let validation = run(&env, input)?;
        Ok(validation.findings().iter().map(Finding::from).collect())
    })
}

/// The canonical JSON (v1) of a registrable form. Throws a `KeynetError` with `code`
/// `invalid_form` and every finding in `findings` when the form has error findings.
#[napi(
    ts_args_type = "input: object | string",
    ts_return_type = "Record<string, unknown>"
)]
pub fn normalize(env: Env, input: Either<String, Unknown<'_>>) -> Result<serde_json::Value> {
    guarded(&env, || {
        let validation = run(&env, input)?;
        if !validation.is_registrable() {
            return Err(Failure::Form(validation.into_findings()));
        }
        validation
            .canonical_json()
            .ok_or_else(|| Failure::Internal("a registrable form has no canonical JSON".to_owned()))
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

/// Test hook, not API: panics inside the guard to prove a panic becomes a `KeynetError` with
/// `code` `internal` and the process keeps working.
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
