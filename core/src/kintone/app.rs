//! A mapping checked against the app it is meant for (docs/kintone.md, "Checking a mapping
//! against the app"): from the app's form fields (`GET /k/v1/app/form/fields.json`) or one of
//! its records, before any record is read or written.
//!
//! - a mapped field code the app does not have: an error (nothing would ever be read from it);
//! - a field whose type the mapping cannot read as it says (a DATE read as a number): an error;
//! - an option label of the mapping the app's field lacks: a warning (that value can never be
//!   read, and writing it is refused by kintone);
//! - an option of the app's field the mapping lacks: a warning (a clerk can pick a label keynet
//!   cannot read).
//!
//! Option labels are known only from the form fields (a record carries the chosen value alone).

use serde_json::Value;

use super::mapping::{Mapping, ReadAs};
use super::write::app_field_types;
use crate::finding::{Code, Finding, shown};

/// Every finding about `mapping` for the app described by `fields`; `Err` with a finding at
/// `fields` when `fields` is neither form fields nor a record.
pub fn check_mapping(mapping: &Mapping, fields: &Value) -> Result<Vec<Finding>, Vec<Finding>> {
    let types = app_field_types(fields)?;
    let properties = fields.get("properties").and_then(Value::as_object);
    let mut findings = Vec::new();
    for (code, field) in mapping.fields() {
        let at = format!("fields.{code}");
        let quoted = shown(code);
        let Some((_, app_type)) = types.iter().find(|(c, _)| c == code) else {
            findings.push(Finding::error(
                at,
                Code::UnknownValue,
                format!("the app has no field {quoted:?}"),
                format!("アプリにフィールドコード「{quoted}」のフィールドがありません"),
            ));
            continue;
        };
        if !field.read.field_types().contains(&app_type.as_str()) {
            findings.push(Finding::error(
                at,
                Code::Inconsistent,
                format!(
                    "field {quoted:?} is a {app_type} in the app, which cannot be read as {} ({})",
                    field.read.as_str(),
                    field.read.field_types().join(", ")
                ),
                format!(
                    "フィールド「{quoted}」はアプリでは {app_type} です。{} として読めるのは {} です",
                    field.read.as_str(),
                    field.read.field_types().join("・")
                ),
            ));
            continue;
        }
        let app_options = properties
            .and_then(|p| p.get(code.as_str()))
            .and_then(|f| f.get("options"))
            .and_then(Value::as_object);
        let (Some(app_options), false) = (app_options, field.options.is_empty()) else {
            continue;
        };
        // A checkbox without options of its own (a flag ticked or not) has nothing to compare.
        if field.read == ReadAs::Flag && app_options.is_empty() {
            continue;
        }
        for label in field.options.keys() {
            if !app_options.contains_key(label) {
                let label = shown(label);
                findings.push(Finding::warning(
                    at.clone(),
                    Code::UnknownValue,
                    format!("field {quoted:?} of the app has no option {label:?}: that value can never be read or written"),
                    format!("アプリのフィールド「{quoted}」に選択肢「{label}」がありません。この値は読み書きできません"),
                ));
            }
        }
        for label in app_options.keys() {
            if field.option(label).is_none() {
                let label = shown(label);
                findings.push(Finding::warning(
                    at.clone(),
                    Code::Inconsistent,
                    format!("option {label:?} of field {quoted:?} is not in the mapping: a record with it cannot be read"),
                    format!("フィールド「{quoted}」の選択肢「{label}」がマッピングにありません。この選択肢のレコードは読めません"),
                ));
            }
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use serde_json::{Map, json};

    use super::*;

    /// The form fields of an app made exactly for the standard mapping.
    fn app_for(mapping: &Mapping) -> Value {
        let mut properties = Map::new();
        for (code, field) in mapping.fields() {
            let mut f = json!({"type": field.read.default_type(), "code": code, "label": code});
            if !field.options.is_empty() {
                let options: Map<String, Value> = field
                    .options
                    .keys()
                    .enumerate()
                    .map(|(i, l)| (l.clone(), json!({"label": l, "index": i.to_string()})))
                    .collect();
                f["options"] = Value::Object(options);
            }
            properties.insert(code.clone(), f);
        }
        json!({"properties": properties, "revision": "3"})
    }

    #[test]
    fn an_app_made_for_the_mapping_passes_and_each_difference_is_found() {
        let mapping = Mapping::standard();
        let app = app_for(mapping);
        assert_eq!(check_mapping(mapping, &app).unwrap(), vec![]);

        let mut changed = app.clone();
        let properties = changed["properties"].as_object_mut().unwrap();
        properties.remove("医療機関名");
        properties["募集人数"]["type"] = json!("DATE");
        let options = properties["施設類型"]["options"].as_object_mut().unwrap();
        options.remove("保健所");
        options.insert(
            "介護施設".into(),
            json!({"label": "介護施設", "index": "9"}),
        );
        let found: Vec<(String, Code, bool)> = check_mapping(mapping, &changed)
            .unwrap()
            .into_iter()
            .map(|f| (f.path.clone(), f.code, f.is_error()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("fields.医療機関名".to_owned(), Code::UnknownValue, true),
                ("fields.施設類型".to_owned(), Code::UnknownValue, false),
                ("fields.施設類型".to_owned(), Code::Inconsistent, false),
                ("fields.募集人数".to_owned(), Code::Inconsistent, true),
            ]
        );
    }

    #[test]
    fn a_record_checks_codes_and_types_only_and_anything_else_is_refused() {
        let mapping = Mapping::standard();
        let record: Map<String, Value> = mapping
            .fields()
            .iter()
            .map(|(code, f)| {
                (
                    code.clone(),
                    json!({"type": f.read.default_type(), "value": ""}),
                )
            })
            .collect();
        assert_eq!(
            check_mapping(mapping, &Value::Object(record)).unwrap(),
            vec![]
        );
        assert!(check_mapping(mapping, &json!({"x": 1})).is_err());
    }
}
