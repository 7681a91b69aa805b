//! How a failure reaches JavaScript. Every function runs its work inside [`guarded`], which
//! catches a Rust panic (`keynet::host::catch_panic`: the process and later calls go on) and
//! throws any failure as one shape, an `Error` named `KeynetError` with `kind` (also in `code`),
//! `detail`, every finding, both messages and, for a CSV file that could not be written, where
//! (README, "Node — and kintone"). The kinds and messages are the core's (`keynet::api::ApiError`).

use keynet::api::ApiError;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::findings::Finding;

/// Why a call failed, before it is thrown.
pub(crate) enum Failure {
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
            extra.push(("context", Value::Object(e.context())));
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
pub(crate) fn guarded<T>(
    env: &Env,
    f: impl FnOnce() -> std::result::Result<T, Failure>,
) -> Result<T> {
    keynet::host::catch_panic(f)
        .unwrap_or_else(|panic| Err(Failure::Internal(panic)))
        .map_err(|failure| throw(env, failure))
}

/// An `invalid` failure with one error finding.
pub(crate) fn refused(path: &str, code: keynet::Code, en: String, ja: String) -> Failure {
    Failure::Api(ApiError::Invalid {
        findings: vec![keynet::Finding::error(path, code, en, ja)],
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
