//! What every binding needs around a call into the library, written once: a panic caught and
//! turned into a message (a panic must never cross into Python, Node, the browser or the JVM).
//! Also the options objects every host reads alike (`options`, the CSV options) and the
//! properties of a thrown error (`error_properties`), so the native addon and the browser build
//! refuse the same options with the same findings and throw the same errors. Plain `std` and
//! `serde_json`: no binding framework.

use std::panic::{AssertUnwindSafe, catch_unwind};

use serde_json::{Map, Value};

use crate::api::ApiError;
use crate::{Code, Finding, InputError};

/// Runs `f`; a panic inside comes back as `Err` with its message. Each binding turns that into
/// its own "internal error" (a bug to report); the host process carries on.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| panic_message(payload.as_ref()))
}

/// The text of a panic payload (`panic!` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic payload".to_owned())
}

/// An `invalid` failure with one error finding.
pub fn refused(path: &str, code: Code, en: String, ja: String) -> ApiError {
    ApiError::Invalid {
        findings: vec![Finding::error(path, code, en, ja)],
    }
}

/// An options object as a map; absent or `null` is an empty one. A key not in `known` is refused
/// (`{encodng: 'utf8'}` must not quietly read Shift_JIS).
pub fn options(value: Option<Value>, known: &[&str]) -> Result<Map<String, Value>, ApiError> {
    let keys = known.join(", ");
    let map = match value {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map,
        Some(_) => {
            return Err(refused(
                "options",
                Code::Format,
                format!("options must be an object {{{keys}}}"),
                format!("options は {{{keys}}} のオブジェクトで指定してください"),
            ));
        }
    };
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(refused(
            &format!("options.{unknown}"),
            Code::UnknownValue,
            format!("unknown option {unknown:?} (known: {keys})"),
            format!("不明なオプションです（{unknown}）。指定できるのは {keys} です"),
        )),
        None => Ok(map),
    }
}

/// The options of `kintoneUpdateBody` in both builds: the façade's arguments of
/// `kintone_update_body` besides the form.
pub const KINTONE_UPDATE_OPTIONS: [&str; 5] = ["app", "id", "revision", "mapping", "fields"];

/// One argument of an operation of the façade, from its JSON text, as every binding reads it: a
/// kintone record as the adapter reads one (`kintone::record_from_json`: 1 MiB at most, checked
/// before parsing; an app's own field nested deep does not stop the read), anything else by
/// `api::parse_json` (no size limit but nesting's).
pub fn argument(operation: &str, name: &str, text: &[u8]) -> Result<Value, InputError> {
    match (operation, name) {
        ("from_kintone_record" | "from_kintone_rows", "record") => {
            crate::kintone::record_from_json(text)
        }
        _ => crate::api::parse_json(text, usize::MAX),
    }
}

/// The options of `to_kintone_errors` and `kintone_error_response` (`lang`, `mapping`, `record`,
/// and the answer's `id`) as façade arguments; other keys are left out, absent or `null` is none.
pub fn kintone_error_options(value: Option<Value>) -> Result<Map<String, Value>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map
            .into_iter()
            .filter(|(key, _)| ["lang", "mapping", "record", "id"].contains(&key.as_str()))
            .collect()),
        Some(_) => Err(refused(
            "options",
            Code::Format,
            "options must be an object {lang?, mapping?, record?}".to_owned(),
            "options は {lang, mapping, record} のオブジェクトで指定してください".to_owned(),
        )),
    }
}

/// The encoding to write or read CSV bytes in: `options.encoding`; none named is the core's
/// default (`csv::Encoding::DEFAULT`, Shift_JIS). The façade checks the name.
pub fn csv_encoding(options: &Map<String, Value>) -> Result<Option<String>, ApiError> {
    match options.get("encoding") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(name)) => Ok(Some(name.clone())),
        Some(_) => Err(refused(
            "encoding",
            Code::Format,
            "encoding must be text: shift_jis or utf8".to_owned(),
            "文字コードは shift_jis または utf8 で指定してください".to_owned(),
        )),
    }
}

/// The encoding of a CSV file given as a string: text already, read as UTF-8; an `encoding`
/// other than utf8 or auto is refused (the file's bytes must be passed to read Shift_JIS).
pub fn csv_text_encoding(options: &Map<String, Value>) -> Result<String, ApiError> {
    match options.get("encoding") {
        None | Some(Value::Null) => Ok("utf8".to_owned()),
        Some(Value::String(name))
            if crate::csv::Encoding::from_name(name) == Some(crate::csv::Encoding::Utf8)
                || name.trim().eq_ignore_ascii_case(crate::api::AUTO_ENCODING) =>
        {
            Ok("utf8".to_owned())
        }
        Some(other) => Err(refused(
            "encoding",
            Code::Inconsistent,
            format!(
                "a string is text already, not {} bytes: pass the file's bytes (a Buffer) to read it",
                shown(other)
            ),
            "文字列は読み取り済みのテキストです。Shift_JIS のファイルはバイト列（Buffer）のまま渡してください"
                .to_owned(),
        )),
    }
}

/// A value as a message quotes it: text cut at 40 characters, anything else by its JSON type.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{:?}", text.chars().take(40).collect::<String>()),
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A text option of a CSV call (`labels`, `view`): absent or null is `None`; the façade checks
/// the word.
pub fn text_option(options: &Map<String, Value>, name: &str) -> Result<Option<String>, ApiError> {
    match options.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(refused(
            name,
            Code::Format,
            format!("{name} must be text"),
            format!("{name} は文字列で指定してください"),
        )),
    }
}

/// `options.mapping` of a CSV call: a column mapping object or its JSON text (absent: the
/// standard columns).
pub fn csv_mapping(options: &Map<String, Value>) -> Result<Option<Value>, ApiError> {
    match options.get("mapping") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(crate::api::parse_json(text.as_bytes(), usize::MAX)?)),
        Some(mapping) => Ok(Some(mapping.clone())),
    }
}

/// Whether text a host reads as JSON (or CSV) content looks like a file name instead, so the
/// host can say how to pass a file (Python: `pathlib.Path`; docs/choices.md, "One meaning per
/// type"): one line, not starting as JSON does, and ending in an extension (`.jsonl`) or holding
/// a path separator. Only asked after the text failed to read, so valid content is never
/// second-guessed.
pub fn looks_like_file_name(text: &str) -> bool {
    let name = text.trim();
    if name.is_empty()
        || name.len() > 4096
        || name.contains(['\n', '\r', ','])
        || name.starts_with(['{', '[', '"'])
    {
        return false;
    }
    let extension = name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=8).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
            && ext.bytes().any(|b| b.is_ascii_alphabetic())
    });
    extension || name.contains(['/', '\\'])
}

/// Every property a host's error object carries for a failed call (README, "Node — and
/// kintone"): `kind` (also in `code`), `detail`, `findings`, `message` (`keynet: …`),
/// `message_ja`, `context`, `at` for a failing event of a sequence, and for a CSV file that
/// could not be written, where (`row`, `column`, `character`, `codepoint` or `posting_id`).
pub fn error_properties(e: &ApiError) -> Map<String, Value> {
    use crate::csv::WriteError;
    let mut properties = Map::new();
    properties.insert("kind".into(), Value::from(e.kind()));
    properties.insert("code".into(), Value::from(e.kind()));
    properties.insert("detail".into(), e.detail().map_or(Value::Null, Value::from));
    properties.insert(
        "findings".into(),
        serde_json::to_value(e.findings()).unwrap_or_else(|_| Value::Array(Vec::new())),
    );
    properties.insert("message".into(), Value::from(format!("keynet: {e}")));
    properties.insert("message_ja".into(), Value::from(e.message_ja()));
    properties.insert("context".into(), Value::Object(e.context()));
    if let ApiError::AtEvent { at, .. } = e {
        properties.insert("at".into(), Value::from(*at));
    }
    match e {
        ApiError::CsvWrite(WriteError::Unencodable {
            row,
            column,
            character,
            codepoint,
        }) => {
            properties.insert("row".into(), Value::from(*row));
            properties.insert("column".into(), Value::from(column.as_str()));
            properties.insert("character".into(), Value::from(character.to_string()));
            properties.insert("codepoint".into(), Value::from(*codepoint));
        }
        ApiError::CsvWrite(WriteError::NotTabular { row, posting_id }) => {
            properties.insert("row".into(), Value::from(*row));
            properties.insert("posting_id".into(), Value::from(posting_id.as_str()));
        }
        _ => {}
    }
    properties
}

/// The properties of the error a host throws for a caught panic: kind `internal`, a bug to report.
pub fn internal_error_properties(panic: &str) -> Map<String, Value> {
    let mut properties = Map::new();
    properties.insert("kind".into(), Value::from("internal"));
    properties.insert("code".into(), Value::from("internal"));
    properties.insert("detail".into(), Value::Null);
    properties.insert("findings".into(), Value::Array(Vec::new()));
    properties.insert(
        "message".into(),
        Value::from(format!(
            "keynet: keynet internal error (a bug, please report it): {panic}"
        )),
    );
    properties.insert(
        "message_ja".into(),
        Value::from("keynetの内部エラーです（不具合です。報告してください）"),
    );
    properties
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_told_from_content() {
        for name in [
            "postings.jsonl",
            " data/募集情報.csv ",
            "C:\\Users\\hanako\\forms.json",
            "/tmp/x",
            "forms.ndjson",
        ] {
            assert!(looks_like_file_name(name), "{name:?}");
        }
        for content in [
            "",
            "{\"occupation\": \"nurse\"}",
            "[1, 2]",
            "\"text\"",
            "1.5",
            "職種,人数",
            "a.csv\nb.csv",
            "version 2.0",
            "募集情報ID,職種\r\nP-1,nurse",
        ] {
            assert!(!looks_like_file_name(content), "{content:?}");
        }
    }

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch_panic(|| 2 + 2), Ok(4));
        assert_eq!(
            catch_panic(|| -> () { panic!("boom {}", 7) }),
            Err("boom 7".to_owned())
        );
        assert_eq!(
            catch_panic(|| -> () { panic!("static") }),
            Err("static".into())
        );
    }

    #[test]
    fn options_refuse_unknown_keys_and_non_objects() {
        let known = ["encoding", "mapping"];
        assert!(options(None, &known).is_ok_and(|m| m.is_empty()));
        let typo = options(Some(serde_json::json!({"encodng": "utf8"})), &known);
        assert!(
            matches!(typo, Err(ApiError::Invalid { findings }) if findings.iter().any(|f| f.path == "options.encodng"))
        );
        assert!(options(Some(Value::from(3)), &known).is_err());
        let text = csv_text_encoding(&Map::new());
        assert_eq!(text.ok().as_deref(), Some("utf8"));
        let mut sjis = Map::new();
        sjis.insert("encoding".into(), Value::from("shift_jis"));
        assert!(csv_text_encoding(&sjis).is_err());
        assert_eq!(
            csv_encoding(&sjis).ok().flatten().as_deref(),
            Some("shift_jis")
        );
    }
}
