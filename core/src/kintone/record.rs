//! Reading a kintone record into the form: each mapped field checked against its kintone type
//! and read as its mapping says, the adapter's findings kept apart from the form's own, then the
//! form validated ([`from_record`]).

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Map, Value};

use super::mapping::{FieldMapping, MASKING_PATH, Mapping, ReadAs};
use crate::csv::path::set_path;
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

fn not_a_record() -> Vec<Finding> {
    vec![Finding::error(
        "record",
        Code::Format,
        "a kintone record must be an object of field code → {type, value}",
        "kintoneのレコードはフィールドコードをキーとするオブジェクトで指定してください",
    )]
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
                let shown: String = t_str.chars().take(40).collect();
                return self.fail(
                    f,
                    Finding::error(
                        f.path.clone(),
                        Code::Format,
                        format!(
                            "kintone field {code:?} is of type {shown:?}; {} is read from {}",
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
/// `Err` only when the record is not an object.
pub fn read_record(
    record: &Value,
    mapping: &Mapping,
) -> Result<(Value, Vec<Finding>), Vec<Finding>> {
    let (form, findings, _) = read(record, mapping)?;
    Ok((form, findings))
}

type Read<'m> = (Value, Vec<Finding>, BTreeSet<&'m str>);

fn read<'m>(record: &Value, mapping: &'m Mapping) -> Result<Read<'m>, Vec<Finding>> {
    let fields_of_record = record_fields(record).ok_or_else(not_a_record)?;
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
/// canonical form when there is no error. `Err` only when the record is not an object.
pub fn from_record(record: &Value, mapping: &Mapping) -> Result<RecordForm, Vec<Finding>> {
    let (form, mut findings, unreadable) = read(record, mapping)?;
    let validation = form::validate_value(&form).map_err(|e| {
        vec![Finding::error(
            "record",
            Code::Format,
            e.to_string(),
            e.message_ja(),
        )]
    })?;
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
