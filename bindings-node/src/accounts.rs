//! G-MIS accounts (docs/domain.md §10.1, §10.2): what each ID kind may do, who may register a
//! form, the password policies, and the fire HQs' ID applications.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::guarded;
use crate::input::{Args, Input};

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
