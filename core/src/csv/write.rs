//! Postings written as CSV through a [`ColumnMapping`] (one row each, cells as a reader of the
//! file expects them: 有/無, lists joined by 、, Japanese status labels), and the agencies' count
//! table.

use std::io::Write;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::encoding::{Encoding, Substitution};
use super::mapping::{Column, ColumnKind, ColumnMapping, closed_reason_labels};
use super::path::get_path;
use super::writer::{WriteError, Writer};
use crate::distribution::CountRow;
use crate::form::fields::ALWAYS_HIDDEN_FIELDS;
use crate::posting::{Posting, PostingView};
use crate::views::View;

/// What a cell holding a code shows: its Japanese label (診療所, 神奈川県, 准看護師, 時給), as G-MIS's
/// own export and people in Japan write it, or the canonical code (`clinic`, `14`). Readers take
/// both (docs/choices.md, "CSV files").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Labels {
    /// `ja` on the wire.
    #[serde(rename = "ja")]
    Japanese,
    Codes,
}

impl Labels {
    pub const ALL: [Labels; 2] = [Labels::Japanese, Labels::Codes];

    /// Shift_JIS files are for Excel in Japan: Japanese labels. UTF-8 files are mostly for other
    /// programs: codes.
    pub const fn default_for(encoding: Encoding) -> Labels {
        match encoding {
            Encoding::ShiftJis => Labels::Japanese,
            Encoding::Utf8 => Labels::Codes,
        }
    }

    /// `ja` or `codes` (also `code`, as `count_matrix` says it; case aside).
    pub fn from_name(name: &str) -> Option<Labels> {
        match name.trim().to_ascii_lowercase().as_str() {
            "ja" => Some(Labels::Japanese),
            "codes" | "code" => Some(Labels::Codes),
            _ => None,
        }
    }
}

/// A cell's text: a code as its label where `labels` asks for it (`form_path`: the column's
/// path inside the form).
fn labelled(
    value: Option<&Value>,
    kind: ColumnKind,
    form_path: Option<&str>,
    labels: Labels,
) -> String {
    let label = |code: &str| match (labels, form_path) {
        (Labels::Japanese, Some(path)) => crate::form::labels::label_ja(path, code),
        _ => None,
    };
    match value {
        Some(Value::String(s)) if label(s).is_some() => label(s).unwrap_or_default().to_owned(),
        Some(Value::Array(items)) if labels == Labels::Japanese => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| label(s).unwrap_or(s))
            .collect::<Vec<_>>()
            .join("、"),
        _ => cell(value, kind),
    }
}

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

/// Writes postings as CSV (internal view: every field of the posting and its form), one per row,
/// codes shown as [`Labels::default_for`] the encoding; returns the substitutions. Inquiries and
/// hires are Key-Net admin records, not columns: a posting that has any is refused rather than
/// written without them.
pub fn write_postings<'p, W: Write>(
    out: W,
    encoding: Encoding,
    mapping: &ColumnMapping,
    postings: impl IntoIterator<Item = &'p Posting>,
) -> Result<Vec<Substitution>, WriteError> {
    let options = WriteOptions {
        labels: Labels::default_for(encoding),
        view: View::Internal,
    };
    write_postings_with(out, encoding, mapping, options, postings)
}

/// How [`write_postings_with`] writes: codes as labels or codes, and in which view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    pub labels: Labels,
    /// `Internal`: every field. `Registered`: no facility ID column. `Public`: no facility ID
    /// column, and the cells masking hides left empty — what may be published or handed to
    /// anyone (docs/domain.md §6). Inquiries and hires are in no view but `Internal`, so only
    /// there does a posting with any refuse to be written. `Counts` shows no posting:
    /// [`WriteError::CountsView`].
    pub view: View,
}

/// [`write_postings`] with codes shown as `options.labels` asks, in `options.view`.
pub fn write_postings_with<'p, W: Write>(
    out: W,
    encoding: Encoding,
    mapping: &ColumnMapping,
    options: WriteOptions,
    postings: impl IntoIterator<Item = &'p Posting>,
) -> Result<Vec<Substitution>, WriteError> {
    if !View::FORMS.contains(&options.view) {
        return Err(WriteError::CountsView);
    }
    // The facility ID is in no view but the internal one: not even its header is written.
    let columns: Vec<&Column> = mapping
        .columns
        .iter()
        .filter(|c| {
            options.view == View::Internal
                || !c
                    .path
                    .strip_prefix("form.")
                    .is_some_and(|p| ALWAYS_HIDDEN_FIELDS.contains(&p))
        })
        .collect();
    let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
    let mut writer = Writer::new(out, encoding, &headers)?;
    for (i, posting) in postings.into_iter().enumerate() {
        if options.view == View::Internal
            && (!posting.inquiries().is_empty() || !posting.hires().is_empty())
        {
            return Err(WriteError::NotTabular {
                row: i + 2,
                posting_id: posting.id().to_owned(),
            });
        }
        let json = PostingView::of(posting, options.view)
            .map(|v| v.to_json_value())
            .unwrap_or_default();
        let row: Vec<String> = columns
            .iter()
            .map(|c| {
                let value = get_path(&json, &c.path);
                labelled(value, c.kind, c.path.strip_prefix("form."), options.labels)
            })
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
