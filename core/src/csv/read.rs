//! Postings read from a CSV through a [`ColumnMapping`]: the header row checked first (a file
//! that cannot be read safely reads nothing), then each row's cells turned into a posting's JSON
//! and read as a posting, streaming ([`read_postings`]).

use std::io::Read;

use serde_json::{Map, Value};

use super::encoding::Encoding;
use super::mapping::{Column, ColumnKind, ColumnMapping, MASKING_PATH, closed_reason_labels};
use super::path::set_path;
use super::records::{RowFinding, name_columns, records, row_error};
use crate::finding::Code;
use crate::posting::Posting;

fn parse_bool(s: &str) -> Option<bool> {
    match crate::text::nfkc(s).trim().to_lowercase().as_str() {
        "有" | "あり" | "はい" | "○" | "〇" | "✓" | "true" | "1" | "yes" | "希望する" => {
            Some(true)
        }
        "無" | "なし" | "いいえ" | "×" | "false" | "0" | "no" | "希望しない" => {
            Some(false)
        }
        _ => None,
    }
}

/// Reads postings from a CSV (header row, then one posting per row), calling `each` with every
/// row's posting or its findings — streaming, so a million rows use constant memory. Returns the
/// findings about the file itself (headers).
pub fn read_postings<R: Read>(
    input: R,
    encoding: Encoding,
    mapping: &ColumnMapping,
    mut each: impl FnMut(usize, Result<Posting, Vec<RowFinding>>),
) -> Vec<RowFinding> {
    let mut rows = records(input, encoding);
    let mut file_findings = Vec::new();
    let Some((header_row, header)) = rows.next() else {
        file_findings.push(row_error(
            1,
            None,
            "",
            Code::Required,
            "the file is empty".into(),
            "ファイルが空です".into(),
        ));
        return file_findings;
    };
    let header = match header {
        Ok(h) => h,
        Err(findings) => return findings,
    };
    // A mapping that cannot be trusted reads nothing: a wrong path, or no masking wish.
    let mapping_findings = mapping.check();
    if !mapping_findings.is_empty() {
        return mapping_findings
            .into_iter()
            .map(|finding| RowFinding {
                row: header_row,
                column: None,
                finding,
            })
            .collect();
    }
    // Without a header row the first row is data — names, phones: it is not quoted.
    let known = header
        .iter()
        .filter(|h| mapping.columns.iter().any(|c| c.header == h.trim()))
        .count();
    if known * 2 < header.len().max(1) {
        file_findings.push(row_error(
            header_row,
            None,
            "",
            Code::Format,
            format!(
                "the first row is not the header row: {known} of its {} cells are column names of the mapping (is the header row missing?)",
                header.len()
            ),
            format!(
                "1行目が見出し行ではありません（{}列のうち見出しとして読めたのは{known}列です。見出し行がないのではありませんか）",
                header.len()
            ),
        ));
        return file_findings;
    }
    // column index → mapping column
    let mut by_index: Vec<Option<&Column>> = Vec::with_capacity(header.len());
    let mut fatal = false;
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        let shown: String = name.chars().take(40).collect();
        let column = mapping.columns.iter().find(|c| c.header == name);
        if column.is_none() && !name.is_empty() {
            file_findings.push(row_error(
                header_row,
                Some(&shown),
                "",
                Code::UnknownValue,
                format!("unknown column {shown:?}"),
                format!("不明な列です：「{shown}」"),
            ));
        }
        if let Some(c) = column
            && header.iter().take(i).any(|h| h.trim() == name)
        {
            // Two マスキング希望 columns (有, then 無): which is meant cannot be known.
            fatal = true;
            file_findings.push(row_error(
                header_row,
                Some(&shown),
                &c.path,
                Code::Inconsistent,
                format!("column {shown:?} appears twice: the file is not read"),
                format!("列「{shown}」が2回あります。ファイルは読み込みません"),
            ));
        }
        by_index.push(column);
    }
    for column in &mapping.columns {
        if !header.iter().any(|h| h.trim() == column.header) {
            // Masking fails closed: without its column no row's wish is known.
            fatal |= column.path == MASKING_PATH;
            file_findings.push(row_error(
                header_row,
                Some(&column.header),
                &column.path,
                Code::Required,
                format!("column {:?} is missing", column.header),
                format!("列「{}」がありません", column.header),
            ));
        }
    }
    if fatal {
        return file_findings;
    }
    let expected = header.len();
    for (row, record) in rows {
        let fields = match record {
            Ok(fields) => fields,
            Err(findings) => {
                each(row, Err(name_columns(findings, &header)));
                continue;
            }
        };
        if fields.len() != expected {
            // A field running over several lines is what an unclosed quote leaves behind.
            let swallowed = fields.iter().any(|f| f.contains('\n'));
            let (hint_en, hint_ja) = if swallowed {
                (
                    " (an unclosed quote may have swallowed the lines after it)",
                    "（閉じていない引用符が後続の行を取り込んでいる可能性があります）",
                )
            } else {
                ("", "")
            };
            each(
                row,
                Err(vec![row_error(
                    row,
                    None,
                    "",
                    Code::Format,
                    format!("{} columns, expected {expected}{hint_en}", fields.len()),
                    format!(
                        "列数が{}です（{expected}列必要です）{hint_ja}",
                        fields.len()
                    ),
                )]),
            );
            continue;
        }
        let mut posting = Map::new();
        let mut findings = Vec::new();
        for (path, value) in &mapping.constants {
            set_path(&mut posting, path, value.clone());
        }
        for (field, column) in fields.iter().zip(by_index.iter()) {
            let Some(column) = column else { continue };
            let text = field.trim();
            if text.is_empty() {
                if column.path == MASKING_PATH {
                    // An export writes 有 or 無: an empty wish is not "no masking".
                    findings.push(row_error(
                        row,
                        Some(&column.header),
                        &column.path,
                        Code::Required,
                        format!(
                            "{} is empty: the masking wish must be 有 or 無",
                            column.header
                        ),
                        format!(
                            "{}が空欄です（「有」か「無」を入力してください）",
                            column.header
                        ),
                    ));
                }
                continue;
            }
            let value = match column.kind {
                ColumnKind::Text => Value::from(text),
                ColumnKind::Bool => match parse_bool(text) {
                    Some(b) => Value::from(b),
                    None => {
                        let text = crate::finding::shown(text);
                        findings.push(row_error(
                            row,
                            Some(&column.header),
                            &column.path,
                            Code::Format,
                            format!("{}: {text:?} is not yes/no (有/無)", column.header),
                            format!(
                                "{}は「有」「無」で入力してください（入力値：「{text}」）",
                                column.header
                            ),
                        ));
                        continue;
                    }
                },
                ColumnKind::List => Value::from(
                    text.split(['、', ';', '；', '|', '\n', ','])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(Value::from)
                        .collect::<Vec<_>>(),
                ),
                ColumnKind::Status => Value::from(match text {
                    "公開中" | "公開" => "open",
                    "終了" | "募集終了" => "closed",
                    other => other,
                }),
                ColumnKind::ClosedReason => Value::from(
                    closed_reason_labels()
                        .find(|(_, ja)| *ja == text)
                        .map_or(text, |(code, _)| code),
                ),
            };
            set_path(&mut posting, &column.path, value);
        }
        if posting.get("status").is_none() {
            posting.insert("status".into(), Value::from("open"));
        }
        let posting = Value::Object(posting);
        match Posting::from_json_value(&posting) {
            Ok(p) if findings.is_empty() => each(row, Ok(p)),
            Ok(_) => each(row, Err(findings)),
            Err(e) => {
                findings.extend(e.findings.into_iter().map(|f| {
                    let column = mapping
                        .columns
                        .iter()
                        .find(|c| c.path == f.path)
                        .map(|c| c.header.clone());
                    RowFinding {
                        row,
                        column,
                        finding: f,
                    }
                }));
                each(row, Err(findings));
            }
        }
    }
    file_findings
}
