//! Postings written as CSV through a [`ColumnMapping`] (one row each, cells as a reader of the
//! file expects them: 有/無, lists joined by 、, Japanese status labels), and the agencies' count
//! table.

use std::io::Write;

use serde_json::Value;

use super::encoding::{Encoding, Substitution};
use super::mapping::{ColumnKind, ColumnMapping, closed_reason_labels};
use super::path::get_path;
use super::writer::{WriteError, Writer};
use crate::distribution::CountRow;
use crate::posting::Posting;

fn cell(value: Option<&Value>, kind: ColumnKind) -> String {
    match (value, kind) {
        (None | Some(Value::Null), _) => String::new(),
        (Some(Value::Bool(b)), _) => (if *b { "有" } else { "無" }).to_owned(),
        (Some(Value::String(s)), ColumnKind::Status) => {
            (if s == "open" { "公開中" } else { "終了" }).to_owned()
        }
        (Some(Value::String(s)), ColumnKind::ClosedReason) => closed_reason_labels()
            .find(|(code, _)| code == s)
            .map_or(s.as_str(), |(_, ja)| ja)
            .to_owned(),
        (Some(Value::String(s)), _) => s.clone(),
        (Some(Value::Array(items)), _) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("、"),
        (Some(other), _) => other.to_string(),
    }
}

/// Writes postings as CSV (internal view: every field of the posting and its form), one per row;
/// returns the substitutions. Inquiries and hires are Key-Net admin records, not columns: a
/// posting that has any is refused rather than written without them.
pub fn write_postings<'p, W: Write>(
    out: W,
    encoding: Encoding,
    mapping: &ColumnMapping,
    postings: impl IntoIterator<Item = &'p Posting>,
) -> Result<Vec<Substitution>, WriteError> {
    let mut writer = Writer::new(out, encoding, &mapping.headers())?;
    for (i, posting) in postings.into_iter().enumerate() {
        if !posting.inquiries().is_empty() || !posting.hires().is_empty() {
            return Err(WriteError::NotTabular {
                row: i + 2,
                posting_id: posting.id().to_owned(),
            });
        }
        let json = posting.to_json_value();
        let row: Vec<String> = mapping
            .columns
            .iter()
            .map(|c| cell(get_path(&json, &c.path), c.kind))
            .collect();
        writer.write_row(&row)?;
    }
    writer.finish()
}

/// Headers of the count table CSV.
pub const COUNT_TABLE_HEADERS: [&str; 6] = [
    "職種コード",
    "職種",
    "都道府県コード",
    "都道府県",
    "件数",
    "募集人数",
];

/// Writes the agencies' count table as CSV.
pub fn write_count_table<W: Write>(
    out: W,
    encoding: Encoding,
    rows: &[CountRow],
) -> Result<Vec<Substitution>, WriteError> {
    let mut writer = Writer::new(out, encoding, &COUNT_TABLE_HEADERS)?;
    for r in rows {
        writer.write_row(&[
            r.occupation.code().to_owned(),
            r.occupation.name_ja().to_owned(),
            r.prefecture.code(),
            r.prefecture.name().to_owned(),
            r.postings.to_string(),
            r.openings.to_string(),
        ])?;
    }
    writer.finish()
}
