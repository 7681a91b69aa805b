//! Reading a kintone record into the form: each mapped field checked against its kintone type
//! and read as its mapping says, the adapter's findings kept apart from the form's own, then the
//! form validated ([`from_record`]).

use std::collections::BTreeSet;

use serde::Serialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::mapping::{FieldMapping, MASKING_PATH, Mapping, ReadAs};
use crate::csv::path::set_path;
use crate::error::{InputError, MAX_DEPTH, MAX_INPUT_BYTES};
use crate::finding::{Code, Finding, is_registrable};
use crate::form::{self, fields};

/// A kintone record read into the form: every finding (the adapter's and the form's), and the
/// canonical form when there is no error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordForm {
    registrable: bool,
    findings: Vec<Finding>,
    canonical: Option<Value>,
}

impl RecordForm {
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    pub fn canonical(&self) -> Option<&Value> {
        self.canonical.as_ref()
    }
    pub fn is_registrable(&self) -> bool {
        self.registrable
    }
    /// `{"registrable", "findings", "canonical"}`.
    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The fields of a record: the record itself, or the `record` of a REST response.
pub(super) fn record_fields(record: &Value) -> Option<&Map<String, Value>> {
    let obj = record.as_object()?;
    match obj.get("record") {
        Some(Value::Object(inner))
            if !inner.contains_key("value") && !inner.contains_key("type") =>
        {
            Some(inner)
        }
        _ => Some(obj),
    }
}

/// A field of a record as kintone gives it: an object with `value` (and `type`).
fn is_field(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.contains_key("value") || o.contains_key("type"))
}

/// The record's fields, or why the value is no kintone record at all (docs/kintone.md, "Reading a
/// record"): not an object, a `GET /k/v1/records.json` response (`{"records": […]}`), or an
/// object with neither a field `{type, value}` nor a code of the mapping in it (a JavaScript
/// `Map`, which JSON writes as `{}`). A mapped code with a value of the wrong shape is a record
/// with a finding on that field.
pub(super) fn fields_of<'r>(
    record: &'r Value,
    mapping: &Mapping,
) -> Result<&'r Map<String, Value>, InputError> {
    let Some(fields) = record_fields(record) else {
        return Err(InputError::NotAnObject {
            found: json_type_name(record),
        });
    };
    if fields
        .iter()
        .any(|(code, v)| is_field(v) || mapping.fields.iter().any(|(c, _)| c == code))
    {
        return Ok(fields);
    }
    let found = if fields.get("records").is_some_and(Value::is_array) {
        "a list of records (a records.json response): read each record of `records` on its own"
    } else {
        "an object with no kintone field {type, value} in it (a Map or an empty object)"
    };
    Err(InputError::NotAnObject { found })
}

fn json_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The levels of a record's value kept by [`record_from_json`]: one fewer than [`MAX_DEPTH`], so
/// the record still fits as an argument of the façade (`{"record": …}`).
pub const RECORD_DEPTH: usize = MAX_DEPTH - 1;

/// A record's JSON text read as the adapter reads it: more than [`MAX_INPUT_BYTES`] is refused
/// before it is parsed, as `validate` refuses a form; nesting deeper than [`RECORD_DEPTH`] levels is
/// cut off (each container past it reads as `null`) instead of refused, so an app's own field
/// nested deep does not stop the read of the mapped ones — a mapped field nested so deep reads as
/// a value of the wrong shape, a finding on that field. What the bindings call on a record
/// argument (docs/kintone.md, "Reading a record").
pub fn record_from_json(text: &[u8]) -> Result<Value, InputError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            len: text.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let mut de = serde_json::Deserializer::from_slice(text);
    let value = Pruned { depth: 1 }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| form::read_error(text, &e))?;
    crate::limits::check_value(&value, MAX_INPUT_BYTES)?;
    Ok(value)
}

/// A JSON value whose containers below [`RECORD_DEPTH`] levels are skipped (serde_json skips them
/// without recursion) and read as `null`.
#[derive(Clone, Copy)]
struct Pruned {
    /// The level of the value read (1 = the document).
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Pruned {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Pruned {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.depth > RECORD_DEPTH {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Value::Null);
        }
        let inner = Pruned {
            depth: self.depth + 1,
        };
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.depth > RECORD_DEPTH {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Value::Null);
        }
        let inner = Pruned {
            depth: self.depth + 1,
        };
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

struct Reader<'m> {
    form: Map<String, Value>,
    findings: Vec<Finding>,
    /// Paths of fields that could not be read: the form's own findings there are artefacts.
    unreadable: BTreeSet<&'m str>,
}

fn shape_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<'m> Reader<'m> {
    fn fail(&mut self, f: &'m FieldMapping, finding: Finding) {
        self.findings.push(finding);
        self.unreadable.insert(f.path.as_str());
        self.unreadable.extend(f.writes());
    }

    fn wrong_value(&mut self, code: &str, f: &'m FieldMapping, got: &Value) {
        let (en, ja) = match f.read {
            ReadAs::Choices | ReadAs::Flags => ("a list of option labels", "選択肢の配列"),
            ReadAs::Number => ("a number or its text", "数値"),
            ReadAs::Flag => ("an option label", "選択肢"),
            _ => ("text", "文字列"),
        };
        self.fail(
            f,
            Finding::error(
                f.path.clone(),
                Code::Format,
                format!(
                    "kintone field {code:?} ({}): the value must be {en}, not {}",
                    fields::label_en(&f.path),
                    shape_of(got)
                ),
                format!(
                    "フィールド「{code}」（{}）の値は{ja}で指定してください",
                    fields::label_ja(&f.path)
                ),
            ),
        );
    }

    fn unknown_options(&mut self, code: &str, f: &'m FieldMapping, labels: &[&str]) {
        let shown: Vec<String> = labels
            .iter()
            .map(|l| l.chars().take(40).collect())
            .collect();
        let known: Vec<&str> = f.options.keys().map(String::as_str).collect();
        self.fail(
            f,
            Finding::error(
                f.path.clone(),
                Code::UnknownValue,
                format!(
                    "kintone field {code:?} ({}): {} not an option the mapping knows ({})",
                    fields::label_en(&f.path),
                    shown
                        .iter()
                        .map(|s| format!("{s:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                        + if shown.len() == 1 { " is" } else { " are" },
                    known.join(", ")
                ),
                format!(
                    "{}は{}の選択肢にありません（フィールド「{code}」。選択肢：{}）",
                    shown.iter().map(|s| format!("「{s}」")).collect::<String>(),
                    fields::label_ja(&f.path),
                    known.join("、")
                ),
            ),
        );
    }

    fn read(&mut self, code: &str, f: &'m FieldMapping, field: &Value) {
        let Some(obj) = field.as_object() else {
            return self.fail(
                f,
                Finding::error(
                    f.path.clone(),
                    Code::Format,
                    format!("kintone field {code:?} must be an object {{\"type\", \"value\"}}, not {}", shape_of(field)),
                    format!("フィールド「{code}」は {{\"type\": …, \"value\": …}} の形で指定してください"),
                ),
            );
        };
        if let Some(t) = obj.get("type") {
            let t_str = t.as_str().unwrap_or("");
            if !f.read.field_types().contains(&t_str) {
                // A type that is not text is named by what it is (`5` is a number, not "").
                let shown: String = match t {
                    Value::String(s) => format!("{:?}", s.chars().take(40).collect::<String>()),
                    other => format!(
                        "{} ({})",
                        other.to_string().chars().take(40).collect::<String>(),
                        shape_of(other)
                    ),
                };
                return self.fail(
                    f,
                    Finding::error(
                        f.path.clone(),
                        Code::Format,
                        format!(
                            "kintone field {code:?} is of type {shown}; {} is read from {}",
                            fields::label_en(&f.path),
                            f.read.field_types().join(", ")
                        ),
                        format!(
                            "フィールド「{code}」の型「{shown}」からは{}を読み取れません（使える型：{}）",
                            fields::label_ja(&f.path),
                            f.read.field_types().join("、")
                        ),
                    ),
                );
            }
        }
        let value = obj.get("value").unwrap_or(&Value::Null);
        match (f.read, value) {
            (_, Value::Null) => {}
            (ReadAs::Text | ReadAs::Date | ReadAs::Time, Value::String(s)) => {
                set_path(&mut self.form, &f.path, Value::String(s.clone()));
            }
            (ReadAs::Number, Value::String(_) | Value::Number(_)) => {
                set_path(&mut self.form, &f.path, value.clone());
            }
            (ReadAs::Choice, Value::String(s)) => {
                if s.trim().is_empty() {
                } else if f.options.is_empty() {
                    set_path(&mut self.form, &f.path, value.clone());
                } else if let Some(v) = f.option(s) {
                    set_path(&mut self.form, &f.path, v.clone());
                } else {
                    self.unknown_options(code, f, &[s]);
                }
            }
            (ReadAs::Choices | ReadAs::Flags | ReadAs::Flag, Value::Array(items)) => {
                let labels: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                let Some(labels) = labels else {
                    return self.wrong_value(code, f, value);
                };
                self.read_list(code, f, &labels);
            }
            (ReadAs::Flag, Value::Bool(b)) => set_path(&mut self.form, &f.path, Value::Bool(*b)),
            (ReadAs::Flag, Value::String(s)) => {
                if s.trim().is_empty() {
                } else if let Some(v) = f.option(s).filter(|v| v.is_boolean()) {
                    set_path(&mut self.form, &f.path, v.clone());
                } else {
                    self.unknown_options(code, f, &[s]);
                }
            }
            _ => self.wrong_value(code, f, value),
        }
    }

    fn read_list(&mut self, code: &str, f: &'m FieldMapping, labels: &[&str]) {
        // Without options, a list of choices passes through and a checkbox flag is "ticked".
        if f.options.is_empty() && f.read != ReadAs::Flags {
            let value = if f.read == ReadAs::Flag {
                Value::Bool(!labels.is_empty())
            } else {
                Value::Array(
                    labels
                        .iter()
                        .map(|l| Value::String((*l).to_owned()))
                        .collect(),
                )
            };
            return set_path(&mut self.form, &f.path, value);
        }
        let mapped: Vec<&Value> = labels.iter().filter_map(|l| f.option(l)).collect();
        if mapped.len() != labels.len() {
            let unknown: Vec<&str> = labels
                .iter()
                .copied()
                .filter(|l| f.option(l).is_none())
                .collect();
            return self.unknown_options(code, f, &unknown);
        }
        match f.read {
            ReadAs::Flag => {
                let on = mapped.iter().any(|v| v.as_bool() == Some(true));
                set_path(&mut self.form, &f.path, Value::Bool(on));
            }
            ReadAs::Flags => {
                let chosen: Vec<&str> = mapped.iter().filter_map(|v| v.as_str()).collect();
                for p in f.writes() {
                    set_path(&mut self.form, p, Value::Bool(chosen.contains(&p)));
                }
            }
            _ => {
                let list = mapped.into_iter().cloned().collect();
                set_path(&mut self.form, &f.path, Value::Array(list));
            }
        }
    }
}

/// Reads a kintone record (or a REST response `{"record": {…}}`) into a form object, before
/// validation: the adapter's own findings (wrong field type, wrong value shape, unknown option).
/// `Err` only when the value is no kintone record ([`fields_of`]).
pub fn read_record(record: &Value, mapping: &Mapping) -> Result<(Value, Vec<Finding>), InputError> {
    let (form, findings, _) = read(record, mapping)?;
    Ok((form, findings))
}

type Read<'m> = (Value, Vec<Finding>, BTreeSet<&'m str>);

fn read<'m>(record: &Value, mapping: &'m Mapping) -> Result<Read<'m>, InputError> {
    let fields_of_record = fields_of(record, mapping)?;
    let mut reader = Reader {
        form: Map::new(),
        findings: Vec::new(),
        unreadable: BTreeSet::new(),
    };
    for (path, value) in &mapping.constants {
        set_path(&mut reader.form, path, value.clone());
    }
    for (code, f) in &mapping.fields {
        if let Some(field) = fields_of_record.get(code) {
            reader.read(code, f, field);
        }
    }
    if reader.form.get(MASKING_PATH).is_none_or(Value::is_null)
        && !reader.unreadable.contains(MASKING_PATH)
    {
        // A record whose masking wish cannot be read is not a posting: "no masking" is not
        // assumed (docs/choices.md "kintone: the masking wish").
        let code = mapping.code_for(MASKING_PATH).unwrap_or("マスキング希望");
        let code = crate::finding::shown(code);
        reader.findings.push(Finding::error(
            MASKING_PATH,
            Code::Required,
            format!("the record gives no masking wish (field {code:?} is absent or empty)"),
            format!("マスキング希望の有無が読み取れません（フィールド「{code}」がないか空欄です）"),
        ));
        reader.unreadable.insert(MASKING_PATH);
    }
    Ok((
        Value::Object(reader.form),
        reader.findings,
        reader.unreadable,
    ))
}

/// Reads and validates a kintone record: every finding at canonical paths (the adapter's first on
/// a field; the form's own `required` on a field the adapter could not read is left out), and the
/// canonical form when there is no error. `Err` only when the value is no kintone record: not an
/// object, a list of records, an object with no field (docs/kintone.md, "Reading a record").
pub fn from_record(record: &Value, mapping: &Mapping) -> Result<RecordForm, InputError> {
    let (form, mut findings, unreadable) = read(record, mapping)?;
    let validation = form::validate_value(&form)?;
    let canonical = validation.canonical_json();
    findings.extend(
        validation
            .into_findings()
            .into_iter()
            .filter(|f| !unreadable.contains(f.path.as_str())),
    );
    fields::sort_findings(&mut findings);
    let registrable = is_registrable(&findings);
    Ok(RecordForm {
        registrable,
        canonical: canonical.filter(|_| registrable),
        findings,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::kintone::fixtures::{field, record};
    use crate::kintone::{Lang, to_errors};

    #[test]
    fn a_full_record_reads_to_the_domain_example() {
        let read = from_record(&record(), Mapping::standard()).unwrap();
        assert!(read.is_registrable(), "{:?}", read.findings());
        let c = read.canonical().unwrap();
        assert_eq!(c["occupation"], "nurse");
        assert_eq!(c["openings"], 2);
        assert_eq!(c["workplace"]["postal_code"], "101-0062");
        assert_eq!(c["facility"]["prefecture"], "13");
        assert_eq!(c["masking_requested"], true);
        assert_eq!(c["insurance"]["pension"], true);
        assert_eq!(c["existing_listings"]["women_doctors_bank"], false);
        assert_eq!(
            c["duties"]["kinds"],
            json!(["returnee_contact_outpatient", "other"])
        );
    }

    #[test]
    fn the_rest_response_wrapper_is_read_too() {
        let wrapped = json!({"record": record()});
        assert_eq!(
            from_record(&wrapped, Mapping::standard()).unwrap(),
            from_record(&record(), Mapping::standard()).unwrap()
        );
    }

    #[test]
    fn wrong_types_and_unknown_options_are_findings_on_the_field() {
        let mut r = record();
        r["募集職種"] = field("CHECK_BOX", json!(["看護師"]));
        r["給与形態"] = field("RADIO_BUTTON", json!("年俸"));
        r["加入保険"] = field("CHECK_BOX", json!(["雇用保険", "介護保険"]));
        r["募集人数"] = field("NUMBER", json!(["2"]));
        r["担当者氏名"] = json!("山田");
        let read = from_record(&r, Mapping::standard()).unwrap();
        let got: Vec<(&str, Code)> = read
            .findings()
            .iter()
            .map(|f| (f.path.as_str(), f.code))
            .collect();
        assert_eq!(
            got,
            vec![
                ("occupation", Code::Format),
                ("openings", Code::Format),
                ("salary.basis", Code::UnknownValue),
                ("insurance", Code::UnknownValue),
                ("contact.name", Code::Format),
            ]
        );
        let errors = to_errors(read.findings(), Mapping::standard(), Lang::Ja, Some(&r));
        let keys: Vec<&String> = errors.errors.keys().collect();
        assert_eq!(
            keys,
            vec![
                "record.募集職種.value",
                "record.募集人数.value",
                "record.給与形態.value",
                "record.加入保険.value",
                "record.担当者氏名.value"
            ]
        );
        assert!(errors.record_errors.is_empty());
    }

    fn nested(depth: usize) -> String {
        format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn a_field_type_that_is_not_text_is_named() {
        let mut r = record();
        r["募集職種"] = json!({"type": 5, "value": "看護師"});
        let read = from_record(&r, Mapping::standard()).unwrap();
        let f = &read.findings()[0];
        assert_eq!((f.path.as_str(), f.code), ("occupation", Code::Format));
        assert!(f.message.contains("of type 5 (a number)"), "{}", f.message);
        r["募集職種"] = json!({"type": {"x": "あ".repeat(60)}, "value": "看護師"});
        let read = from_record(&r, Mapping::standard()).unwrap();
        let message = &read.findings()[0].message;
        assert!(
            message.contains("(an object)") && !message.contains(&"あ".repeat(41)),
            "{message}"
        );
    }

    #[test]
    fn what_is_no_record_is_an_input_error() {
        let records = json!({"records": [record()], "totalCount": "1"});
        for (value, says) in [
            (records, "records.json"),
            (json!({}), "no kintone field"),
            (json!({"a": {"a": {"a": 1}}}), "no kintone field"),
            (json!([record()]), "an array"),
            (json!("text"), "a string"),
        ] {
            match from_record(&value, Mapping::standard()) {
                Err(InputError::NotAnObject { found }) => assert!(found.contains(says), "{found}"),
                other => panic!("{value}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_record_over_the_limit_is_refused_before_it_is_parsed() {
        // Not even JSON: refused for its size, not its syntax.
        let text = vec![b'{'; MAX_INPUT_BYTES + 1];
        assert!(matches!(
            record_from_json(&text),
            Err(InputError::TooLarge { .. })
        ));
        assert!(matches!(
            record_from_json(&text[..MAX_INPUT_BYTES]),
            Err(InputError::Syntax { .. })
        ));
    }

    #[test]
    fn deep_nesting_in_an_unmapped_field_does_not_stop_the_read() {
        let plain = serde_json::to_string(&record()).unwrap();
        let deep = format!(
            "{{\"自由欄\": {{\"type\": \"SUBTABLE\", \"value\": {}}}, {}",
            nested(5000),
            &plain[1..]
        );
        let value = record_from_json(deep.as_bytes()).unwrap();
        assert_eq!(
            from_record(&value, Mapping::standard()).unwrap(),
            from_record(&record(), Mapping::standard()).unwrap()
        );
        // The same nesting in a mapped field is a finding on that field.
        let mut without = record();
        without.as_object_mut().unwrap().remove("募集人数");
        let without = serde_json::to_string(&without).unwrap();
        let mapped = format!(
            "{{\"募集人数\": {{\"type\": \"NUMBER\", \"value\": {}}}, {}",
            nested(5000),
            &without[1..]
        );
        let value = record_from_json(mapped.as_bytes()).unwrap();
        let read = from_record(&value, Mapping::standard()).unwrap();
        let got: Vec<(&str, Code)> = read
            .findings()
            .iter()
            .map(|f| (f.path.as_str(), f.code))
            .collect();
        assert_eq!(got, vec![("openings", Code::Format)]);
        // A record that is nothing but nesting is no record.
        let only = format!("{{\"a\": {}}}", nested(5000));
        let value = record_from_json(only.as_bytes()).unwrap();
        assert!(matches!(
            from_record(&value, Mapping::standard()),
            Err(InputError::NotAnObject { .. })
        ));
        // Syntax errors are still found past the cut.
        let broken = format!("{{\"a\": {}", &nested(100)[..150]);
        assert!(matches!(
            record_from_json(broken.as_bytes()),
            Err(InputError::Syntax { .. })
        ));
    }

    #[test]
    fn garbage_never_panics() {
        for junk in [
            json!(null),
            json!([1, 2]),
            json!("text"),
            json!({"募集職種": null}),
            json!({"募集職種": {"type": 5, "value": {"a": 1}}}),
            json!({"加入保険": {"value": [1, null]}}),
            json!({"record": {"record": 1}}),
            json!({"業務内容": {"type": "CHECK_BOX", "value": "その他"}}),
        ] {
            let _ = from_record(&junk, Mapping::standard());
        }
    }
}
