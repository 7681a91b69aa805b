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
//! BigInt, cycles) are `invalid_input` too, with `detail` `not_json` (docs/choices.md, "Limits").
//!
//! CSV files are bytes: a `Buffer` (or any `Uint8Array`) in, a `Buffer` out.
//!
//! One module per concern, as the core is laid out (docs/architecture.md): `error` (how a failure
//! is thrown), `input` (JavaScript values to JSON), `findings`, `forms`, `postings`,
//! `distribution`, `training`, `kintone`, `files` (CSV bytes), `beds`, `accounts`, and `objects`
//! (the classes that hold core values). Here: `call`, any operation of the façade by name.

/// Every allocation of the addon, Rust's own and the core's, through mimalloc (docs/benchmarks.md,
/// "Node binding against zod 4"): validation makes many small strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use keynet::api;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

// The modules with `#[napi]` exports are `pub`: napi-rs registers an export only outside
// `cfg(test)`, so in the test build clippy checks, a `pub fn` of a private module would be dead.
pub mod accounts;
pub mod beds;
pub mod distribution;
pub mod error;
pub mod files;
pub mod findings;
pub mod forms;
mod input;
pub mod kintone;
mod objects;
pub mod postings;
pub mod training;

use error::guarded;
use input::{Input, value_of};

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
