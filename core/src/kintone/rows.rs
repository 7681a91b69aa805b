//! A record whose subtable holds one posting per row (docs/kintone.md, "A subtable of
//! postings"): an app where a facility lists several openings in one record. Each row is read
//! as one form — the record's own fields (the facility, the contact) with the row's fields
//! (the occupation, the openings, the hours) — and its findings are put back on the row the way
//! kintone keys a subtable's fields: `record.<table>.value[<row>].value.<code>.value`.

use serde_json::{Map, Value, json};

use super::errors::{KintoneErrors, Lang, to_errors};
use super::mapping::Mapping;
use super::record::{RecordForm, from_record, record_fields};
use crate::error::InputError;
use crate::finding::{Code, Finding, shown};

/// One row of the subtable, read.
#[derive(Debug, Clone, PartialEq)]
pub struct RowRead {
    /// The row's place in the subtable, from 0 (kintone's `value[<row>]`).
    pub row: usize,
    /// The row's id in kintone (`value[<row>].id`), when the record carries it.
    pub id: Option<String>,
    pub read: RecordForm,
}

impl RowRead {
    pub fn to_json_value(&self) -> Value {
        let mut out = json!({"row": self.row, "id": self.id});
        if let (Some(o), Value::Object(read)) = (out.as_object_mut(), self.read.to_json_value()) {
            o.extend(read);
        }
        out
    }
}

/// Why a record's rows cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum RowsError {
    /// The value is no kintone record.
    Input(InputError),
    /// The record has no subtable of that code (a finding at `table`).
    Table(Finding),
}

/// Reads each row of the subtable `table` as one form with the record's other fields.
pub fn from_rows(
    record: &Value,
    table: &str,
    mapping: &Mapping,
) -> Result<Vec<RowRead>, RowsError> {
    let no_table = |what: &str, ja: &str| {
        let quoted = shown(table);
        RowsError::Table(Finding::error(
            "table",
            Code::UnknownValue,
            format!("the record has no subtable {quoted:?} {what}"),
            format!("レコードにサブテーブル「{quoted}」{ja}"),
        ))
    };
    let Some(fields) = record_fields(record) else {
        return Err(RowsError::Input(InputError::NotAnObject {
            found: "not an object",
        }));
    };
    let Some(rows) = fields
        .get(table)
        .and_then(|f| f.get("value"))
        .and_then(Value::as_array)
    else {
        return Err(no_table(
            "(a field {type: \"SUBTABLE\", value: [rows]})",
            "がありません",
        ));
    };
    let mut shared: Map<String, Value> = fields.clone();
    shared.remove(table);
    let mut out = Vec::with_capacity(rows.len());
    for (row, entry) in rows.iter().enumerate() {
        let Some(row_fields) = entry.get("value").and_then(Value::as_object) else {
            return Err(no_table(
                &format!("with rows {{id, value}} (row {row} is not)"),
                &format!("の行 {} の形式が正しくありません（{{id, value}}）", row + 1),
            ));
        };
        let mut merged = shared.clone();
        merged.extend(row_fields.iter().map(|(k, v)| (k.clone(), v.clone())));
        let read = from_record(&Value::Object(merged), mapping).map_err(RowsError::Input)?;
        out.push(RowRead {
            row,
            id: entry.get("id").and_then(|id| match id {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }),
            read,
        });
    }
    Ok(out)
}

/// The field codes of row `row` of the subtable `table` of a record (none when it has no such row).
fn row_codes<'r>(record: &'r Value, table: &str, row: usize) -> Vec<&'r str> {
    record_fields(record)
        .and_then(|f| f.get(table))
        .and_then(|t| t.get("value"))
        .and_then(|rows| rows.get(row))
        .and_then(|r| r.get("value"))
        .and_then(Value::as_object)
        .map(|fields| fields.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Every row's findings (`(row, findings)`, as [`from_rows`] read them) in kintone's error shape:
/// a row's own fields keyed inside the row (`record.<table>.value[<row>].value.<code>.value`),
/// the record's shared fields once under `record.<code>.value`, record-level messages prefixed
/// with the row's number.
pub fn rows_to_errors(
    rows: &[(usize, &[Finding])],
    record: &Value,
    table: &str,
    mapping: &Mapping,
    lang: Lang,
) -> KintoneErrors {
    let mut out = KintoneErrors::default();
    for (row, findings) in rows {
        let codes = row_codes(record, table, *row);
        // The row as the findings were made on it: the record's fields with the row's.
        let mut merged = record_fields(record).cloned().unwrap_or_default();
        merged.remove(table);
        for code in &codes {
            merged.insert((*code).to_owned(), json!({"value": null}));
        }
        let errors = to_errors(findings, mapping, lang, Some(&Value::Object(merged)));
        let key_of = |key: &str| -> String {
            let code = key
                .strip_prefix("record.")
                .and_then(|k| k.strip_suffix(".value"))
                .unwrap_or(key);
            if codes.contains(&code) {
                format!("record.{table}.value[{row}].value.{code}.value")
            } else {
                key.to_owned()
            }
        };
        for (source, target) in [
            (errors.errors, &mut out.errors),
            (errors.warnings, &mut out.warnings),
        ] {
            for (key, entry) in source {
                let messages = entry
                    .get("messages")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let slot = target
                    .entry(key_of(&key))
                    .or_insert_with(|| json!({"messages": []}));
                if let Some(Value::Array(list)) = slot.get_mut("messages") {
                    for m in messages {
                        if !list.contains(&m) {
                            list.push(m);
                        }
                    }
                }
            }
        }
        let label = |m: String| match lang {
            Lang::Ja => format!("{}行目：{m}", row + 1),
            Lang::En => format!("row {}: {m}", row + 1),
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
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::kintone::fixtures::record;

    /// The fixture record with its occupation, openings and hours moved into a subtable of rows.
    fn with_rows(rows: &[(&str, &str)]) -> Value {
        let mut r = record();
        let fields = r.as_object_mut().unwrap();
        let per_row = ["募集職種", "募集人数"];
        let template: Map<String, Value> = per_row
            .iter()
            .map(|c| ((*c).to_owned(), fields.remove(*c).unwrap()))
            .collect();
        let rows: Vec<Value> = rows
            .iter()
            .enumerate()
            .map(|(i, (occupation, openings))| {
                let mut f = template.clone();
                f["募集職種"]["value"] = json!(occupation);
                f["募集人数"]["value"] = json!(openings);
                json!({"id": (100 + i).to_string(), "value": f})
            })
            .collect();
        fields.insert("募集枠".into(), json!({"type": "SUBTABLE", "value": rows}));
        r
    }

    #[test]
    fn each_row_is_a_form_and_its_findings_stay_on_its_row() {
        let mapping = Mapping::standard();
        let r = with_rows(&[("看護師", "2"), ("医師", "0")]);
        let rows = from_rows(&r, "募集枠", mapping).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].read.is_registrable());
        assert_eq!(rows[0].id.as_deref(), Some("100"));
        assert_eq!(rows[0].read.canonical().unwrap()["occupation"], "nurse");
        assert!(!rows[1].read.is_registrable());
        let findings: Vec<(usize, &[Finding])> =
            rows.iter().map(|r| (r.row, r.read.findings())).collect();
        let errors = rows_to_errors(&findings, &r, "募集枠", mapping, Lang::Ja);
        let keys: Vec<&String> = errors.errors.keys().collect();
        assert_eq!(keys, vec!["record.募集枠.value[1].value.募集人数.value"]);
    }

    #[test]
    fn a_record_without_the_subtable_is_refused_at_table() {
        let refused = from_rows(&record(), "募集枠", Mapping::standard()).unwrap_err();
        let RowsError::Table(finding) = refused else {
            panic!("{refused:?}");
        };
        assert_eq!(finding.path, "table");
    }
}
