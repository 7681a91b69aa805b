//! The browser build of `keynet` (WebAssembly through wasm-bindgen): conversion between the
//! JavaScript layer (`bindings-node/browser/keynet-layer.js`) and the core, nothing more. The
//! layer gives the native addon's function names and its `KeynetError`; this crate reads JSON
//! text and bytes, calls the core, and answers with JSON text (docs/kintone.md, "In the browser").
//!
//! Every answer is one JSON object: `{"ok": value}`, `{"error": {…}}` with the properties of a
//! `KeynetError` (`keynet::host::error_properties`, as the native addon throws them), or
//! `{"plain_error": {code, message}}` where the native addon throws a plain `Error` (a thread
//! count of 0, an unknown view name).
//!
//! wasm32 unwinds nothing: a panic aborts the instance. Its message goes to the layer through
//! `keynetWasmPanicked` (installed as the panic hook at start), and the layer starts a fresh
//! instance and throws kind `internal` (docs/kintone.md).

use keynet::api::{self, ApiError};
use keynet::{FormView, View};
use serde_json::{Map, Value, json};
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
extern "C" {
    /// The layer's record of the last panic's message, called by the panic hook just before the
    /// instance aborts.
    #[wasm_bindgen(js_name = keynetWasmPanicked)]
    fn report_panic(message: &str);
}

/// Installs the panic hook when the instance starts.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = keynet::host::panic_message(info.payload());
        report_panic(&message);
    }));
}

/// Why an entry point failed, before it is answered.
#[derive(Debug)]
enum Failure {
    Api(ApiError),
    /// What the native addon throws as a plain `Error` with `code` (napi-rs's status name).
    Plain {
        code: &'static str,
        message: String,
    },
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

/// The answer as JSON text.
fn answer(result: Result<Value, Failure>) -> String {
    let answer = match result {
        Ok(value) => json!({ "ok": value }),
        Err(Failure::Api(e)) => json!({ "error": keynet::host::error_properties(&e) }),
        Err(Failure::Plain { code, message }) => {
            json!({ "plain_error": { "code": code, "message": message } })
        }
    };
    answer.to_string()
}

/// JSON text as a value, as the native addon reads an argument (no size limit but nesting's).
fn value_of(text: &str) -> Result<Value, Failure> {
    Ok(api::parse_json(text.as_bytes(), usize::MAX)?)
}

/// The façade's `args` object from named JSON texts, read in order (the first that does not read
/// is the error, as in the native addon); a JSON `null` text for an optional argument the caller
/// left out is left out.
fn args_of(operation: &str, names: &[String], texts: &[String]) -> Result<Value, Failure> {
    let mut map = Map::new();
    for (name, text) in names.iter().zip(texts) {
        // As the native addon reads each argument (a kintone record as the adapter reads one).
        let value = keynet::host::argument(operation, name, text.as_bytes())?;
        map.insert(name.clone(), value);
    }
    Ok(Value::Object(map))
}

/// Any operation of the JSON façade (`keynet::api::call`) with its arguments as named JSON texts.
#[wasm_bindgen]
pub fn call(operation: &str, names: Vec<String>, texts: Vec<String>) -> String {
    answer(args_of(operation, &names, &texts).and_then(|args| Ok(api::call(operation, &args)?)))
}

/// `call(operation, args)` of the native addon: the arguments as one JSON text.
#[wasm_bindgen]
pub fn call_json(operation: &str, args_json: &str) -> String {
    answer(value_of(args_json).and_then(|args| Ok(api::call(operation, &args)?)))
}

/// `toKintoneErrors(findings, options)`: the findings read first, then the options object
/// (`lang`, `mapping`, `record`), as the native addon reads them.
#[wasm_bindgen]
pub fn to_kintone_errors(findings_json: &str, options_json: &str) -> String {
    kintone_errors("to_kintone_errors", findings_json, options_json)
}

/// `toKintoneErrorResponse(findings, options)`: read as `toKintoneErrors` reads its arguments.
#[wasm_bindgen]
pub fn kintone_error_response(findings_json: &str, options_json: &str) -> String {
    kintone_errors("kintone_error_response", findings_json, options_json)
}

/// `kintoneUpdateBody(form, options)`: the form read first, then the options object, as the
/// native addon reads them.
#[wasm_bindgen]
pub fn kintone_update_body(form_json: &str, options_json: &str) -> String {
    answer((|| {
        let mut args = Map::new();
        args.insert("form".to_owned(), value_of(form_json)?);
        let options = keynet::host::options(
            Some(value_of(options_json)?),
            &keynet::host::KINTONE_UPDATE_OPTIONS,
        )?;
        args.extend(options);
        Ok(api::call("kintone_update_body", &Value::Object(args))?)
    })())
}

fn kintone_errors(operation: &str, findings_json: &str, options_json: &str) -> String {
    answer((|| {
        let mut args = Map::new();
        args.insert("findings".to_owned(), value_of(findings_json)?);
        args.extend(keynet::host::kintone_error_options(Some(value_of(
            options_json,
        )?))?);
        Ok(api::call(operation, &Value::Object(args))?)
    })())
}

/// The entry points of the native addon that are not one façade operation, by name, on JSON texts
/// (`input`: the first argument as given; `args`: the others as named JSON texts).
#[wasm_bindgen]
pub fn entry(name: &str, input: &str, names: Vec<String>, texts: Vec<String>) -> String {
    answer(args_of(name, &names, &texts).and_then(|args| entry_value(name, input, &args)))
}

fn text_arg<'a>(args: &'a Value, name: &str) -> &'a str {
    args.get(name).and_then(Value::as_str).unwrap_or_default()
}

fn entry_value(name: &str, input: &str, args: &Value) -> Result<Value, Failure> {
    let findings = |list: &[keynet::Finding]| serde_json::to_value(list).unwrap_or(Value::Null);
    match name {
        // One form, under the limits of one form, as `validate` and `normalize` read it.
        "validate" => Ok(findings(
            keynet::validate_json(input.as_bytes())?.findings(),
        )),
        "normalize" => Ok(api::canonical(keynet::validate_json(input.as_bytes())?)?),
        // The benchmark's binding floor (`_readFormOnly`): what `validate` reads, no rules.
        "read_form_only" => {
            keynet::read_form_json(input.as_bytes())?;
            Ok(Value::Null)
        }
        "catalogue" => Ok(serde_json::to_value(keynet::catalogue()).unwrap_or(Value::Null)),
        // What `JSON.stringify` could not write, as the native addon refuses it.
        "not_json" => Err(keynet::InputError::NotJson {
            reason: input.to_owned(),
        }
        .into()),
        "too_deep" => Err(keynet::InputError::TooDeep {
            max: keynet::MAX_DEPTH,
        }
        .into()),
        "options" => {
            let known: Vec<&str> = args
                .get("known")
                .and_then(Value::as_array)
                .map(|keys| keys.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            Ok(Value::Object(keynet::host::options(
                Some(value_of(input)?),
                &known,
            )?))
        }
        // The error of a panic the layer caught (the instance that panicked is gone).
        "internal" => Ok(Value::Object(keynet::host::internal_error_properties(
            input,
        ))),
        // The classes: a validated form, a posting and a rule set, held by the layer as JSON.
        "valid_form" => {
            let valid = keynet::validate_json(input.as_bytes())?
                .into_valid()
                .map_err(|rejected| ApiError::Invalid {
                    findings: rejected.findings,
                })?;
            Ok(json!({
                "canonical": valid.to_json_value(),
                "findings": findings(valid.warnings()),
                "masking_requested": valid.masking_requested,
            }))
        }
        "valid_form_view" => {
            let valid = valid_form_of(input)?;
            let view_name = text_arg(args, "view");
            let view = View::from_name(view_name).ok_or_else(|| Failure::Plain {
                code: "InvalidArg",
                message: format!("keynet: {}", View::unknown_name_message(view_name)),
            })?;
            Ok(FormView::of(&valid, view).map_or(Value::Null, |v| v.to_json_value()))
        }
        "valid_form_register" => {
            let valid = valid_form_of(input)?;
            let posting = api::register_valid(
                &valid,
                text_arg(args, "posting_id"),
                text_arg(args, "registered_on"),
            )?;
            Ok(posting.to_json_value())
        }
        "posting" => Ok(posting_json(&api::read_posting(&value_of(input)?)?)),
        "posting_apply" => {
            let mut posting = api::read_posting(&value_of(input)?)?;
            let event = api::read_event(args.get("event").unwrap_or(&Value::Null))?;
            posting.apply(event).map_err(ApiError::Lifecycle)?;
            Ok(posting_json(&posting))
        }
        "posting_apply_events" => {
            let mut posting = api::read_posting(&value_of(input)?)?;
            api::apply_events_to(&mut posting, args.get("events").unwrap_or(&Value::Null))?;
            Ok(posting_json(&posting))
        }
        "posting_disclose" => {
            let posting = api::read_posting(&value_of(input)?)?;
            let view = posting
                .disclose_to(text_arg(args, "seeker_id"))
                .map_err(ApiError::Disclosure)?;
            Ok(view.to_json_value())
        }
        "posting_public_view" => {
            let posting = api::read_posting(&value_of(input)?)?;
            Ok(FormView::public(posting.form()).to_json_value())
        }
        "rule_set" => {
            api::rule_set(Some(&value_of(input)?))?;
            Ok(Value::Null)
        }
        "rule_set_distribute" => {
            let rules = api::rule_set(Some(&value_of(input)?))?;
            let postings =
                api::read_postings(args.get("postings").unwrap_or(&Value::Null), "postings")?;
            let recipients = api::read_recipients(args.get("recipients").unwrap_or(&Value::Null))?;
            Ok(api::distribute_typed(&postings, &recipients, &rules)?)
        }
        "rule_set_explain" => {
            let rules = api::rule_set(Some(&value_of(input)?))?;
            let posting = api::read_posting(args.get("posting").unwrap_or(&Value::Null))?;
            let recipient = api::read_recipient(args.get("recipient").unwrap_or(&Value::Null))?;
            Ok(api::explain_typed(&posting, &recipient, &rules)?)
        }
        _ => Err(Failure::Plain {
            code: "InvalidArg",
            message: format!("keynet: no entry point {name:?} in the browser build"),
        }),
    }
}

/// A form the layer holds: its canonical JSON, which reads again to the same valid form.
fn valid_form_of(canonical: &str) -> Result<keynet::ValidForm, Failure> {
    Ok(keynet::validate_json(canonical.as_bytes())?
        .into_valid()
        .map_err(|rejected| ApiError::Invalid {
            findings: rejected.findings,
        })?)
}

/// A posting as the layer holds it: its JSON with its id and status.
fn posting_json(posting: &keynet::Posting) -> Value {
    json!({
        "posting": posting.to_json_value(),
        "id": posting.id(),
        "status": posting.status().as_str(),
    })
}

/// `validateMany`: one result per non-blank NDJSON line (`error` only for a line that is not a
/// form, as the native addon leaves it out). The browser has one thread: the lines
/// are validated on it whatever `threads` asks (the results are the same either way); a count of
/// 0 is refused as the native addon refuses it.
#[wasm_bindgen]
pub fn validate_many(ndjson: &[u8], threads: Option<u32>) -> String {
    answer(validate_many_value(ndjson, threads))
}

fn validate_many_value(ndjson: &[u8], threads: Option<u32>) -> Result<Value, Failure> {
    keynet::batch::thread_count(threads.map(|t| usize::try_from(t).unwrap_or(usize::MAX)))
        .map_err(|e| Failure::Plain {
            code: "InvalidArg",
            message: format!("keynet: {e}"),
        })?;
    let outcomes = keynet::batch::validate_lines(ndjson, 1)
        .map_err(|panic| Failure::Api(ApiError::Output(format!("a line panicked: {panic}"))))?;
    let lines = outcomes
        .into_iter()
        .map(|keynet::batch::LineOutcome { line, outcome }| match outcome {
            Ok(validation) => json!({
                "line": line,
                "registrable": validation.is_registrable(),
                "findings": validation.findings(),
            }),
            Err(e) => json!({
                "line": line,
                "registrable": false,
                "findings": [],
                "error": {"kind": e.kind(), "message": e.to_string(), "message_ja": e.message_ja()},
            }),
        })
        .collect();
    Ok(Value::Array(lines))
}

/// Reads a CSV file (`read_postings_csv` or `read_bed_export_csv`): `data` its bytes, or its text
/// when `is_text` (read as UTF-8; an encoding other than utf8 is refused); `options_json` the
/// options object's JSON text (`null` for none).
#[wasm_bindgen]
pub fn read_csv(operation: &str, data: &[u8], is_text: bool, options_json: &str) -> String {
    answer(read_csv_value(operation, data, is_text, options_json))
}

fn read_csv_value(
    operation: &str,
    data: &[u8],
    is_text: bool,
    options_json: &str,
) -> Result<Value, Failure> {
    let known: &[&str] = match operation {
        "read_postings_csv" => &["encoding", "mapping"],
        _ => &["encoding"],
    };
    let options = keynet::host::options(Some(value_of(options_json)?), known)?;
    let encoding = if is_text {
        Some(keynet::host::csv_text_encoding(&options)?)
    } else {
        keynet::host::csv_encoding(&options)?
    };
    match operation {
        "read_postings_csv" => {
            let mapping = keynet::host::csv_mapping(&options)?;
            Ok(api::read_postings_csv(
                data,
                encoding.as_deref(),
                mapping.as_ref(),
            )?)
        }
        "read_bed_export_csv" => Ok(api::read_bed_export_csv(data, encoding.as_deref())?),
        _ => Err(Failure::Plain {
            code: "InvalidArg",
            message: format!("keynet: no CSV reader {operation:?}"),
        }),
    }
}

/// A CSV file written: `answer` is `{"ok": substitutions}` or an error; `data` the file's bytes.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WrittenCsv {
    answer: String,
    data: Vec<u8>,
}

#[wasm_bindgen]
impl WrittenCsv {
    #[wasm_bindgen(getter)]
    pub fn answer(&self) -> String {
        self.answer.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn data(&self) -> Vec<u8> {
        self.data.clone()
    }
}

/// Writes a CSV file (`write_postings_csv`, `write_count_table_csv`, `export_bed_view_csv`) from
/// named JSON texts (`postings`, or `rows` and `account`) and the options object's JSON text.
#[wasm_bindgen]
pub fn write_csv(
    operation: &str,
    names: Vec<String>,
    texts: Vec<String>,
    options_json: &str,
) -> WrittenCsv {
    match write_csv_value(operation, &names, &texts, options_json) {
        Ok((data, substitutions)) => WrittenCsv {
            answer: answer(Ok(substitutions)),
            data,
        },
        Err(failure) => WrittenCsv {
            answer: answer(Err(failure)),
            data: Vec::new(),
        },
    }
}

fn write_csv_value(
    operation: &str,
    names: &[String],
    texts: &[String],
    options_json: &str,
) -> Result<(Vec<u8>, Value), Failure> {
    let known: &[&str] = match operation {
        "write_postings_csv" => &["encoding", "mapping", "labels", "view"],
        _ => &["encoding"],
    };
    // Options first, then the data: the order the native addon reads them in.
    let options = keynet::host::options(Some(value_of(options_json)?), known)?;
    let encoding = keynet::host::csv_encoding(&options)?;
    let args = args_of(operation, names, texts)?;
    let arg = |name: &str| args.get(name).unwrap_or(&Value::Null);
    match operation {
        "write_postings_csv" => {
            let mapping = keynet::host::csv_mapping(&options)?;
            let labels = keynet::host::text_option(&options, "labels")?;
            let view = keynet::host::text_option(&options, "view")?;
            Ok(api::write_postings_csv(
                arg("postings"),
                encoding.as_deref(),
                mapping.as_ref(),
                labels.as_deref(),
                view.as_deref(),
            )?)
        }
        "write_count_table_csv" => Ok(api::write_count_table_csv(
            arg("postings"),
            encoding.as_deref(),
        )?),
        "export_bed_view_csv" => Ok(api::export_bed_view_csv(
            arg("rows"),
            arg("account"),
            encoding.as_deref(),
        )?),
        _ => Err(Failure::Plain {
            code: "InvalidArg",
            message: format!("keynet: no CSV writer {operation:?}"),
        }),
    }
}

/// Test hook, not API: panics, to prove the layer turns the aborted instance into a `KeynetError`
/// of kind `internal` and the next call works (the native addon's `_triggerPanicForTests`).
#[wasm_bindgen]
pub fn trigger_panic_for_tests() {
    // Deliberate: the panic drill of the browser tests.
    #[allow(clippy::panic)]
    {
        panic!("panic drill (_triggerPanicForTests)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Value {
        serde_json::from_str(text).unwrap_or(Value::Null)
    }

    fn at<'a>(value: &'a Value, pointer: &str) -> &'a Value {
        value.pointer(pointer).unwrap_or(&Value::Null)
    }

    #[test]
    fn a_failure_answers_with_the_native_error_properties() {
        let out = parsed(&call("view", vec!["form".into()], vec!["{".into()]));
        assert_eq!(at(&out, "/error/kind"), "invalid_input");
        assert_eq!(at(&out, "/error/code"), "invalid_input");
        assert_eq!(at(&out, "/error/detail"), "syntax");
        assert!(
            at(&out, "/error/message")
                .as_str()
                .is_some_and(|m| m.starts_with("keynet: "))
        );
    }

    #[test]
    fn an_unknown_view_is_a_plain_error_as_in_the_native_addon() {
        let out = parsed(&entry(
            "valid_form_view",
            "{}",
            vec!["view".into()],
            vec!["\"nope\"".into()],
        ));
        // `{}` is no valid form: the form is read before the view name.
        assert_eq!(at(&out, "/error/kind"), "invalid");
        let none = parsed(&validate_many(b"{}\n", Some(0)));
        assert_eq!(at(&none, "/plain_error/code"), "InvalidArg");
    }

    #[test]
    fn validate_many_numbers_lines_and_keeps_bad_ones() {
        let out = parsed(&validate_many(b"{}\n\nnot json\n", Some(4)));
        assert_eq!(at(&out, "/ok/0/line"), 1);
        assert_eq!(at(&out, "/ok/1/line"), 3);
        assert_eq!(at(&out, "/ok/1/error/kind"), "syntax");
    }

    #[test]
    fn a_string_csv_in_shift_jis_is_refused() {
        let out = parsed(&read_csv(
            "read_postings_csv",
            b"a,b\n",
            true,
            r#"{"encoding":"shift_jis"}"#,
        ));
        assert_eq!(at(&out, "/error/kind"), "invalid");
        assert_eq!(at(&out, "/error/findings/0/path"), "encoding");
    }
}
