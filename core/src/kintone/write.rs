//! Writing a canonical form as a kintone record through the mapping ([`to_record`]): the
//! reverse of reading, so a written record reads back to the same form.

use serde_json::{Map, Value, json};

use super::mapping::{Mapping, ReadAs};
use super::record::record_fields;
use crate::csv::path::get_path;
use crate::finding::{Code, Finding};

/// Field types kintone fills itself or that hold no value a record can be given: never written
/// (a `PUT /k/v1/record.json` refuses them or ignores them).
const NOT_WRITTEN: [&str; 15] = [
    "RECORD_NUMBER",
    "__ID__",
    "__REVISION__",
    "CREATOR",
    "CREATED_TIME",
    "MODIFIER",
    "UPDATED_TIME",
    "STATUS",
    "STATUS_ASSIGNEE",
    "CATEGORY",
    "CALC",
    "REFERENCE_TABLE",
    "GROUP",
    "LABEL",
    "SPACER",
];

/// The fields of a kintone app by code → type, from what an integrator has at hand: a record of
/// the app (`{"<code>": {"type", "value"}}`, `event.record`, or a `{"record"}` response) or the
/// app's form fields (`GET /k/v1/app/form/fields.json`: `{"properties": {"<code>": {"type", …}}}`).
/// Findings at `fields` when it is neither.
pub fn app_field_types(fields: &Value) -> Result<Vec<(String, String)>, Vec<Finding>> {
    let source = match fields.get("properties") {
        Some(Value::Object(p)) => Some(p),
        _ => record_fields(fields),
    };
    let types: Option<Vec<(String, String)>> = source.map(|m| {
        m.iter()
            .filter_map(|(code, f)| {
                let t = f.get("type")?.as_str()?;
                Some((code.clone(), t.to_owned()))
            })
            .collect()
    });
    match types {
        Some(t) if !t.is_empty() => Ok(t),
        _ => Err(vec![Finding::error(
            "fields",
            Code::Format,
            "fields must be a record of the app ({code: {type, value}}) or its form fields ({properties: {code: {type}}})",
            "fields にはアプリのレコード（{フィールドコード: {type, value}}）またはフォームのフィールド（{properties: …}）を指定してください",
        )]),
    }
}

/// Writes a canonical form as a kintone record (`{"<code>": {"type", "value"}}`) through the
/// mapping: option values become the app's labels, numbers become text as kintone sends them,
/// absent values `""` (or `[]`). Fields the mapping does not name are not written.
pub fn to_record(canonical: &Value, mapping: &Mapping) -> Value {
    to_record_for(canonical, mapping, None)
}

/// [`to_record`] for an app whose fields are known ([`app_field_types`]): what a `PUT
/// /k/v1/record.json` accepts (docs/kintone.md, "Writing to an app") — only the codes the app
/// has, each with the app's own type (a flag on a CHECK_BOX as a list, on a RADIO_BUTTON as
/// text), no field kintone fills itself (record number, creator, CALC …), and no field whose type
/// the mapping cannot write.
pub fn to_record_for(
    canonical: &Value,
    mapping: &Mapping,
    app: Option<&[(String, String)]>,
) -> Value {
    let mut out = Map::new();
    for (code, f) in &mapping.fields {
        let app_type = match app {
            None => None,
            Some(types) => {
                let Some((_, t)) = types.iter().find(|(c, _)| c == code) else {
                    continue;
                };
                if NOT_WRITTEN.contains(&t.as_str()) || !f.read.field_types().contains(&t.as_str())
                {
                    continue;
                }
                Some(t.clone())
            }
        };
        let field_type = app_type.or_else(|| f.field_type.clone());
        let v = get_path(canonical, &f.path).unwrap_or(&Value::Null);
        let value = match f.read {
            ReadAs::Text | ReadAs::Date | ReadAs::Time => match v {
                Value::String(s) => Value::String(s.clone()),
                Value::Number(n) => Value::String(n.to_string()),
                _ => Value::String(String::new()),
            },
            ReadAs::Number => match v {
                Value::Number(n) => Value::String(n.to_string()),
                Value::String(s) => Value::String(s.clone()),
                _ => Value::String(String::new()),
            },
            ReadAs::Choice => match v {
                Value::Null => Value::String(String::new()),
                other => Value::String(
                    f.label_of(other)
                        .map(str::to_owned)
                        .or_else(|| other.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                ),
            },
            ReadAs::Choices => Value::Array(
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(|item| {
                        Value::String(
                            f.label_of(item)
                                .or_else(|| item.as_str())
                                .unwrap_or_default()
                                .to_owned(),
                        )
                    })
                    .collect(),
            ),
            ReadAs::Flag => {
                let b = Value::Bool(v.as_bool().unwrap_or(false));
                let label = f.label_of(&b).map(str::to_owned);
                match field_type.as_deref() {
                    Some("CHECK_BOX" | "MULTI_SELECT") => Value::Array(
                        label
                            .filter(|_| b == Value::Bool(true))
                            .map(Value::String)
                            .into_iter()
                            .collect(),
                    ),
                    _ => Value::String(label.unwrap_or_default()),
                }
            }
            ReadAs::Flags => Value::Array(
                f.options
                    .iter()
                    .filter(|(_, p)| {
                        p.as_str()
                            .and_then(|p| get_path(canonical, p))
                            .and_then(Value::as_bool)
                            == Some(true)
                    })
                    .map(|(label, _)| Value::String(label.clone()))
                    .collect(),
            ),
        };
        let field_type = field_type.unwrap_or_else(|| f.read.default_type().to_owned());
        out.insert(code.clone(), json!({"type": field_type, "value": value}));
    }
    Value::Object(out)
}

/// The body of `PUT /k/v1/record.json` that writes `record` (from [`to_record_for`]) into record
/// `id` of app `app`: `{"app", "id", "revision"?, "record": {"<code>": {"value"}}}` — the
/// field types left out, as kintone takes them; `revision` only when given (kintone then refuses
/// the update if the record changed since).
pub fn update_body(record: &Value, app: Value, id: Value, revision: Option<Value>) -> Value {
    let fields: Map<String, Value> = record
        .as_object()
        .into_iter()
        .flatten()
        .map(|(code, f)| {
            let value = f.get("value").cloned().unwrap_or(Value::Null);
            (code.clone(), json!({ "value": value }))
        })
        .collect();
    let mut body = Map::new();
    body.insert("app".to_owned(), app);
    body.insert("id".to_owned(), id);
    if let Some(r) = revision {
        body.insert("revision".to_owned(), r);
    }
    body.insert("record".to_owned(), Value::Object(fields));
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kintone::fixtures::record;
    use crate::kintone::from_record;

    #[test]
    fn a_canonical_form_round_trips_through_a_record() {
        let first = from_record(&record(), Mapping::standard()).unwrap();
        let canonical = first.canonical().unwrap();
        let written = to_record(canonical, Mapping::standard());
        assert_eq!(
            written["募集職種"],
            json!({"type": "DROP_DOWN", "value": "看護師"})
        );
        assert_eq!(
            written["加入保険"]["value"],
            json!(["雇用保険", "労災保険", "健康保険", "厚生年金"])
        );
        let again = from_record(&written, Mapping::standard()).unwrap();
        assert_eq!(again.canonical(), Some(canonical));
    }

    #[test]
    fn for_an_app_only_its_codes_with_its_types_and_no_system_fields() {
        let first = from_record(&record(), Mapping::standard()).unwrap();
        let canonical = first.canonical().unwrap();
        let mut app = record();
        let fields = app.as_object_mut().unwrap();
        fields.remove("FAX番号");
        fields.insert(
            "時間外労働".into(),
            json!({"type": "CHECK_BOX", "value": []}),
        );
        fields.insert("募集人数".into(), json!({"type": "CALC", "value": "2"}));
        fields.insert(
            "作成者".into(),
            json!({"type": "CREATOR", "value": {"code": "a"}}),
        );
        let types = app_field_types(&app).unwrap();
        let written = to_record_for(canonical, Mapping::standard(), Some(&types));
        let w = written.as_object().unwrap();
        assert!(!w.contains_key("FAX番号"), "a code the app lacks");
        assert!(
            !w.contains_key("募集人数"),
            "a CALC field is kintone's to fill"
        );
        assert!(
            !w.contains_key("作成者") && !w.contains_key("$id") && !w.contains_key("レコード番号")
        );
        assert_eq!(w["時間外労働"], json!({"type": "CHECK_BOX", "value": []}));
        assert_eq!(
            w["募集職種"],
            json!({"type": "DROP_DOWN", "value": "看護師"})
        );
        // The app's form fields read alike.
        let properties: Map<String, Value> = types
            .iter()
            .map(|(c, t)| (c.clone(), json!({"type": t, "code": c})))
            .collect();
        let from_form = app_field_types(&json!({ "properties": properties })).unwrap();
        assert_eq!(
            to_record_for(canonical, Mapping::standard(), Some(&from_form)),
            written
        );
        assert!(app_field_types(&json!([1])).is_err());
        assert!(app_field_types(&json!({})).is_err());

        let body = update_body(&written, json!(7), json!("12"), Some(json!(3)));
        assert_eq!(body["app"], 7);
        assert_eq!(body["id"], "12");
        assert_eq!(body["revision"], 3);
        assert_eq!(body["record"]["募集職種"], json!({"value": "看護師"}));
        assert!(
            body["record"]
                .as_object()
                .unwrap()
                .values()
                .all(|f| f.get("type").is_none())
        );
        assert!(
            update_body(&written, json!(7), json!(12), None)
                .get("revision")
                .is_none()
        );
    }
}
