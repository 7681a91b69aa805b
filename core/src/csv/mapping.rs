//! The columns of a postings CSV: header → posting path and how the cell is read
//! ([`ColumnKind`]), the shipped default (`core/data/csv_postings_columns.json`), and the checks
//! a mapping must pass before a file is read with it — masking fails closed.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::finding::{Code, Finding};

/// How a column's text becomes JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Text,
    /// 有/無, はい/いいえ, ○/×, true/false, 1/0 (empty: absent).
    Bool,
    /// Items separated by 、 ; ； | or line breaks.
    List,
    /// 公開中/終了 or open/closed.
    Status,
    /// 充足/取下げ/非公開/削除 or filled/withdrawn/unpublished/deleted.
    ClosedReason,
}

impl ColumnKind {
    pub const ALL: [ColumnKind; 5] = [
        ColumnKind::Text,
        ColumnKind::Bool,
        ColumnKind::List,
        ColumnKind::Status,
        ColumnKind::ClosedReason,
    ];
}

/// Codes and Japanese labels of the closing reasons, as the CSV writes them (one list, the
/// posting's).
pub(super) fn closed_reason_labels() -> impl Iterator<Item = (&'static str, &'static str)> {
    crate::posting::ClosedReason::ALL
        .iter()
        .map(|(_, code, ja)| (*code, *ja))
}

/// One column of the postings CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    /// Dotted path in the posting JSON (`form.contact.phone`).
    pub path: String,
    pub kind: ColumnKind,
}

/// The columns of a postings CSV: the default is `core/data/csv_postings_columns.json`,
/// overridable with the same JSON shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    #[serde(default)]
    pub source: String,
    pub columns: Vec<Column>,
    /// Values every row gets, by posting path (`{"form.masking_requested": true}` for a file
    /// without a masking column).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub constants: Map<String, Value>,
}

/// The path of the masking wish: a mapping must read it from a column or state it as a constant
/// (masking fails closed, docs/choices.md "CSV files: mappings and the masking wish").
pub(super) const MASKING_PATH: &str = "form.masking_requested";

/// The posting's own fields a column may fill (the form's come from its field catalogue).
const POSTING_PATHS: [&str; 5] = [
    "posting_id",
    "registered_on",
    "status",
    "closed_reason",
    "closed_on",
];

/// Whether a column may fill `path`: a posting field, or a field of the form that holds a value
/// (not an object such as `form.facility`). This also bounds how deep a row's JSON can nest.
pub fn is_mappable_path(path: &str) -> bool {
    if POSTING_PATHS.contains(&path) {
        return true;
    }
    let Some(field) = path.strip_prefix("form.") else {
        return false;
    };
    let fields = crate::form::fields::FIELDS;
    fields.iter().any(|f| f.path == field)
        && !fields.iter().any(|f| {
            f.path
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('.'))
        })
}

impl ColumnMapping {
    pub fn standard() -> ColumnMapping {
        static STANDARD: std::sync::OnceLock<ColumnMapping> = std::sync::OnceLock::new();
        STANDARD
            .get_or_init(|| {
                // Checked to pass `check` by a test.
                crate::embedded::json(
                    "csv_postings_columns.json",
                    include_str!("../../data/csv_postings_columns.json"),
                )
            })
            .clone()
    }

    /// Reads a mapping and checks it: every finding about it, or the mapping.
    pub fn from_json(text: &str) -> Result<ColumnMapping, Vec<Finding>> {
        let mapping: ColumnMapping = serde_json::from_str(text).map_err(|e| {
            vec![Finding::error(
                "mapping",
                Code::Format,
                format!("the column mapping is not valid: {e}"),
                "列のマッピングの形式が正しくありません",
            )]
        })?;
        let findings = mapping.check_structure();
        if findings.is_empty() {
            Ok(mapping)
        } else {
            Err(findings)
        }
    }

    /// What is wrong with the mapping for reading a file: [`Self::check_structure`], and no way
    /// to read the masking wish — neither a column nor a constant. (Writing needs no masking
    /// column: an export may leave it out.)
    pub fn check(&self) -> Vec<Finding> {
        let mut findings = self.check_structure();
        if !self.columns.iter().any(|c| c.path == MASKING_PATH)
            && !self.constants.contains_key(MASKING_PATH)
        {
            findings.push(Finding::error(
                "mapping",
                Code::Required,
                "the mapping reads no masking wish: map a column to form.masking_requested or state it as a constant",
                "マスキング希望の有無を読む列がありません。列を対応付けるか、定数で指定してください",
            ));
        }
        findings
    }

    /// What is wrong with the mapping itself: a path that is no field of a posting (the paths
    /// also bound how deep a row's JSON nests), a header or path given twice, a masking constant
    /// that is not a boolean.
    pub fn check_structure(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        let shown = |s: &str| -> String { s.chars().take(40).collect() };
        let paths = self
            .columns
            .iter()
            .map(|c| c.path.as_str())
            .chain(self.constants.keys().map(String::as_str));
        for (i, path) in paths.clone().enumerate() {
            if !is_mappable_path(path) {
                findings.push(Finding::error(
                    format!("mapping.columns.{i}.path"),
                    Code::UnknownValue,
                    format!("{:?} is not a field of a posting", shown(path)),
                    format!("「{}」は募集情報の項目ではありません", shown(path)),
                ));
            } else if paths.clone().take(i).any(|p| p == path) {
                findings.push(Finding::error(
                    format!("mapping.columns.{i}.path"),
                    Code::Inconsistent,
                    format!("{path:?} is mapped twice"),
                    format!("「{path}」が二重に指定されています"),
                ));
            }
        }
        for (i, column) in self.columns.iter().enumerate() {
            let earlier = self.columns.iter().take(i);
            if earlier.clone().any(|c| c.header == column.header) {
                findings.push(Finding::error(
                    format!("mapping.columns.{i}.header"),
                    Code::Inconsistent,
                    format!("column {:?} is mapped twice", shown(&column.header)),
                    format!("列「{}」が二重に指定されています", shown(&column.header)),
                ));
            }
        }
        if let Some(v) = self.constants.get(MASKING_PATH)
            && !v.is_boolean()
        {
            findings.push(Finding::error(
                "mapping.constants",
                Code::Format,
                "the masking constant must be true or false",
                "マスキング希望の有無の定数は true または false で指定してください",
            ));
        }
        findings
    }

    pub fn headers(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.header.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_mapping_parses() {
        let m = ColumnMapping::standard();
        assert!(m.columns.len() > 40);
        assert!(m.columns.iter().any(|c| c.path == "form.contact.phone"));
    }
}
