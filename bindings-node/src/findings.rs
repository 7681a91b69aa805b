//! Findings as JavaScript objects: one [`Finding`] per problem, the catalogue of finding codes,
//! and the per-line results of `validateMany`. Conversion only: codes, severities and messages
//! are the core's (docs/domain.md §2.6).

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::guarded;

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

/// The catalogue of errors a call can end in (input that is no form, a refused lifecycle event):
/// `kind`, `detail`, the names of its `context` values (a thrown `KeynetError` carries them in
/// `context`) and its English and Japanese `template`s.
#[napi(ts_return_type = "Array<ErrorType>")]
pub fn error_catalogue(env: Env) -> Result<Value> {
    guarded(&env, || {
        Ok(keynet::api::call("error_catalogue", &Value::Null)?)
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
