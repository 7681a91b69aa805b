//! Findings put back on a kintone record: each on the field code the mapping shows it on, in
//! kintone's own error shape (`{"record.<code>.value": {"messages": [...]}}`), or on the record
//! when the app has no field for it ([`to_errors`]).

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::mapping::Mapping;
use super::record::record_fields;
use crate::finding::Finding;

/// The language of the messages put on a kintone record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// `ja` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "ja-jp" => Some(Lang::Ja),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Findings in kintone's error shape. `errors` and `warnings` are keyed `record.<code>.value`
/// with `{"messages": […]}` (the `errors` object of a kintone REST error response); findings
/// without a field of the app go to `record_errors` / `record_warnings` (for `event.error`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct KintoneErrors {
    pub errors: Map<String, Value>,
    pub record_errors: Vec<String>,
    pub warnings: Map<String, Value>,
    pub record_warnings: Vec<String>,
}

impl KintoneErrors {
    /// True when nothing blocks saving the record.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.record_errors.is_empty()
    }
    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The body of the `400` answer kintone gives a record it refuses, for a proxy in front of
    /// the REST API to answer with (docs/kintone.md, "A proxy's answer"): `{"code": "CB_VA01",
    /// "id", "message", "errors"}` with `errors` keyed `record.<code>.value` → `{"messages"}`, as
    /// kintone's own clients read it; record-level errors under the key `record`. Warnings do not
    /// refuse a record and are left out. `None` when nothing blocks saving.
    pub fn error_response(&self, lang: Lang, id: &str) -> Option<Value> {
        if self.is_empty() {
            return None;
        }
        let mut errors = self.errors.clone();
        if !self.record_errors.is_empty() {
            errors.insert(
                "record".to_owned(),
                json!({ "messages": self.record_errors }),
            );
        }
        let message = match lang {
            Lang::Ja => "入力内容が正しくありません。",
            Lang::En => "Missing or invalid input.",
        };
        Some(json!({
            "code": CB_VA01,
            "id": id,
            "message": message,
            "errors": errors,
        }))
    }
}

/// kintone's error code for input it refuses.
pub const CB_VA01: &str = "CB_VA01";

/// Puts findings back on a kintone record: each on its field code through the mapping, in the
/// language asked. With `record`, a code the record does not have (the app lacks that field)
/// is a record-level message instead, as is every path the mapping does not show anywhere.
pub fn to_errors(
    findings: &[Finding],
    mapping: &Mapping,
    lang: Lang,
    record: Option<&Value>,
) -> KintoneErrors {
    let present = record.and_then(record_fields);
    let mut out = KintoneErrors::default();
    // (severity, field code or "" for the record, message) already written: one lookup per
    // finding, so n findings cost O(n), not a scan of the messages so far.
    let mut seen: std::collections::HashSet<(bool, String, String)> =
        std::collections::HashSet::new();
    for f in findings {
        let message = match lang {
            Lang::Ja => f.message_ja.as_str(),
            Lang::En => f.message.as_str(),
        };
        let code = mapping
            .code_for(&f.path)
            .filter(|c| present.is_none_or(|p| p.contains_key(*c)));
        let (fields_map, record_level) = if f.is_error() {
            (&mut out.errors, &mut out.record_errors)
        } else {
            (&mut out.warnings, &mut out.record_warnings)
        };
        if !seen.insert((
            f.is_error(),
            code.unwrap_or("").to_owned(),
            message.to_owned(),
        )) {
            continue;
        }
        match code {
            Some(code) => {
                let entry = fields_map
                    .entry(format!("record.{code}.value"))
                    .or_insert_with(|| json!({"messages": []}));
                if let Some(Value::Array(messages)) = entry.get_mut("messages") {
                    messages.push(Value::String(message.to_owned()));
                }
            }
            None => record_level.push(message.to_owned()),
        }
    }
    out
}

/// Findings of several records in the error shape of kintone's bulk calls (`PUT
/// /k/v1/records.json`): each record's field keys under `records[<i>].<code>.value` instead of
/// `record.<code>.value`, record-level messages starting with the record's number.
pub fn bulk_errors(per_record: Vec<KintoneErrors>, lang: Lang) -> KintoneErrors {
    let mut out = KintoneErrors::default();
    for (i, errors) in per_record.into_iter().enumerate() {
        let rekey = |key: String| match key.strip_prefix("record.") {
            Some(rest) => format!("records[{i}].{rest}"),
            None => key,
        };
        out.errors
            .extend(errors.errors.into_iter().map(|(k, v)| (rekey(k), v)));
        out.warnings
            .extend(errors.warnings.into_iter().map(|(k, v)| (rekey(k), v)));
        let label = |m: String| match lang {
            Lang::Ja => format!("{}件目：{m}", i + 1),
            Lang::En => format!("record {}: {m}", i + 1),
        };
        out.record_errors
            .extend(errors.record_errors.into_iter().map(label));
        out.record_warnings
            .extend(errors.record_warnings.into_iter().map(label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kintone::fixtures::record;
    use crate::kintone::from_record;

    #[test]
    fn a_proxy_answers_with_kintones_own_cb_va01_body() {
        let mut r = record();
        r["郵便番号"]["value"] = json!("101-006");
        r.as_object_mut().unwrap().remove("医療機関ID");
        let read = from_record(&r, Mapping::standard()).unwrap();
        let shown = to_errors(read.findings(), Mapping::standard(), Lang::Ja, Some(&r));
        let body = shown.error_response(Lang::Ja, "req-1").unwrap();
        assert_eq!(body["code"], "CB_VA01");
        assert_eq!(body["id"], "req-1");
        assert_eq!(body["message"], "入力内容が正しくありません。");
        let keys: Vec<&String> = body["errors"].as_object().unwrap().keys().collect();
        assert_eq!(keys, vec!["record.郵便番号.value", "record"]);
        assert_eq!(
            body["errors"]["record.郵便番号.value"],
            shown.errors["record.郵便番号.value"]
        );
        assert_eq!(
            body["errors"]["record"]["messages"],
            json!(["医療機関IDを入力してください"])
        );
        let en = to_errors(read.findings(), Mapping::standard(), Lang::En, Some(&r));
        assert_eq!(
            en.error_response(Lang::En, "x").unwrap()["message"],
            "Missing or invalid input."
        );
        // Nothing to refuse: no body (warnings alone do not refuse a record).
        let clean = from_record(&record(), Mapping::standard()).unwrap();
        let shown = to_errors(clean.findings(), Mapping::standard(), Lang::Ja, None);
        assert_eq!(shown.error_response(Lang::Ja, "x"), None);
    }

    #[test]
    fn findings_without_a_field_go_to_the_record() {
        let mut r = record();
        if let Some(o) = r.as_object_mut() {
            o.remove("医療機関ID");
        }
        let read = from_record(&r, Mapping::standard()).unwrap();
        assert_eq!(read.findings().len(), 1);
        let ja = to_errors(read.findings(), Mapping::standard(), Lang::Ja, Some(&r));
        assert!(ja.errors.is_empty());
        assert_eq!(
            ja.record_errors,
            vec!["医療機関IDを入力してください".to_owned()]
        );
        // Without the record, the finding goes on the field code of the mapping.
        let en = to_errors(read.findings(), Mapping::standard(), Lang::En, None);
        assert_eq!(
            en.errors["record.医療機関ID.value"],
            json!({"messages": ["facility ID is required"]})
        );
    }
}
