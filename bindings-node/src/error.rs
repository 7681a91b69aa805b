//! How a failure reaches JavaScript. Every function runs its work inside [`guarded`], which
//! catches a Rust panic (`keynet::host::catch_panic`: the process and later calls go on) and
//! throws any failure as one shape, an `Error` named `KeynetError` with `kind` (also in `code`),
//! `detail`, every finding, both messages and, for a CSV file that could not be written, where
//! (README, "Node — and kintone"). The kinds and messages are the core's (`keynet::api::ApiError`).

use keynet::api::ApiError;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

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
/// after a throw. Its properties are the core's (`keynet::host::error_properties`), the same
/// the browser build throws.
fn throw(env: &Env, failure: Failure) -> Error {
    let properties = match failure {
        Failure::Js(e) => return Error::new(e.status, e.reason.clone()),
        Failure::Api(e) => keynet::host::error_properties(&e),
        Failure::Internal(panic) => keynet::host::internal_error_properties(&panic),
    };
    let message = properties
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("keynet: error")
        .to_owned();
    let built = (|| -> Result<Object<'_>> {
        let mut obj = env.create_error(Error::new(Status::GenericFailure, message.clone()))?;
        obj.set_named_property("name", "KeynetError")?;
        for (name, value) in properties {
            if name != "message" {
                obj.set_named_property(&name, value)?;
            }
        }
        Ok(obj)
    })();
    match built.and_then(|obj| env.throw(obj)) {
        Ok(()) => Error::new(Status::PendingException, message),
        Err(e) => e,
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
