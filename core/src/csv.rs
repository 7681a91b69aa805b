//! CSV as G-MIS and Excel in Japan use it (docs/domain.md §10): UTF-8 or Shift_JIS (read and written as
//! Windows-31J, the WHATWG `Shift_JIS` of encoding_rs, so 髙, 﨑 and ① survive), streaming, with
//! every problem reported by row — nothing lost silently.
//!
//! Writing Shift_JIS: a character with no Windows-31J form is an error naming row, column and
//! character, except the documented substitutions ([`SUBSTITUTIONS`], e.g. WAVE DASH 〜 →
//! FULLWIDTH TILDE ～), which are reported. Each written field is decoded back and compared, so the
//! encoder's own quiet changes (`−` U+2212 read back as `－`, `¥` as `\`) are reported too.

use std::io::{Read, Write};

use encoding_rs::SHIFT_JIS;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::distribution::CountRow;
use crate::finding::{Code, Finding};
use crate::posting::Posting;

/// The character encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8; written with a BOM so Excel opens it as UTF-8.
    Utf8,
    /// Shift_JIS as Windows-31J (CP932).
    ShiftJis,
}

/// Characters without a Windows-31J form that have one a Japanese reader reads the same: written
/// as the second, and reported.
pub const SUBSTITUTIONS: [(char, char); 6] = [
    ('\u{301C}', '\u{FF5E}'), // 〜 WAVE DASH → ～ FULLWIDTH TILDE
    ('\u{2016}', '\u{2225}'), // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
    ('\u{00A2}', '\u{FFE0}'), // ¢ → ￠
    ('\u{00A3}', '\u{FFE1}'), // £ → ￡
    ('\u{00AC}', '\u{FFE2}'), // ¬ → ￢
    ('\u{2014}', '\u{2015}'), // — EM DASH → ― HORIZONTAL BAR
];

/// A character written as another, with where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Substitution {
    /// 1-based line of the record in the file (the header is row 1).
    pub row: usize,
    pub column: String,
    /// The character given.
    pub from: char,
    /// The character a reader of the file gets back.
    pub to: char,
}

/// Why a CSV could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error(
        "row {row}, column {column:?}: {character:?} (U+{codepoint:04X}) has no Shift_JIS (Windows-31J) form"
    )]
    Unencodable {
        row: usize,
        column: String,
        character: char,
        codepoint: u32,
    },
    #[error(
        "row {row}: posting {posting_id:?} has inquiries or hires, which a postings CSV does not hold"
    )]
    NotTabular { row: usize, posting_id: String },
    #[error("cannot write: {0}")]
    Io(String),
}

/// A finding about one record of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowFinding {
    /// 1-based line of the record in the file (the header is row 1).
    pub row: usize,
    /// The column header, where the finding is about one column.
    pub column: Option<String>,
    #[serde(flatten)]
    pub finding: Finding,
}

fn row_error(
    row: usize,
    column: Option<&str>,
    path: &str,
    code: Code,
    en: String,
    ja: String,
) -> RowFinding {
    RowFinding {
        row,
        column: column.map(str::to_owned),
        finding: Finding::error(path, code, en, ja),
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding fields

/// Encodes one field as Windows-31J: substitutions applied and reported, unencodable characters
/// refused, the encoder's quiet changes found by decoding back.
fn encode_shift_jis(
    text: &str,
    row: usize,
    column: &str,
    substitutions: &mut Vec<Substitution>,
) -> Result<Vec<u8>, WriteError> {
    let (bytes, _, had_errors) = SHIFT_JIS.encode(text);
    let bytes = if had_errors {
        // encoding_rs would write `&#12316;` for 〜: find each unmappable character instead.
        let mut replaced = String::with_capacity(text.len());
        for c in text.chars() {
            let mut buf = [0u8; 4];
            let (_, _, bad) = SHIFT_JIS.encode(c.encode_utf8(&mut buf));
            match (bad, SUBSTITUTIONS.iter().find(|(from, _)| *from == c)) {
                (false, _) => replaced.push(c),
                (true, Some(&(_, to))) => replaced.push(to),
                (true, None) => {
                    return Err(WriteError::Unencodable {
                        row,
                        column: column.to_owned(),
                        character: c,
                        codepoint: c as u32,
                    });
                }
            }
        }
        SHIFT_JIS.encode(&replaced).0.into_owned()
    } else {
        bytes.into_owned()
    };
    // Decoding back finds every change, the substitutions above and the encoder's quiet ones
    // (− U+2212 → －, ¥ → \): each maps one character to one, so positions line up.
    if !text.is_ascii() {
        let (back, _) = SHIFT_JIS.decode_without_bom_handling(&bytes);
        if back != text {
            report_changes(text, &back, row, column, substitutions);
        }
    }
    Ok(bytes)
}

fn report_changes(
    given: &str,
    back: &str,
    row: usize,
    column: &str,
    substitutions: &mut Vec<Substitution>,
) {
    for (from, to) in given.chars().zip(back.chars()) {
        if from != to {
            substitutions.push(Substitution {
                row,
                column: column.to_owned(),
                from,
                to,
            });
        }
    }
}

/// A streaming CSV writer in UTF-8 (with BOM) or Shift_JIS.
#[derive(Debug)]
pub struct Writer<W: Write> {
    inner: ::csv::Writer<W>,
    encoding: Encoding,
    headers: Vec<String>,
    row: usize,
    substitutions: Vec<Substitution>,
}

impl<W: Write> Writer<W> {
    /// Starts a file with its header row.
    pub fn new(mut out: W, encoding: Encoding, headers: &[&str]) -> Result<Writer<W>, WriteError> {
        if encoding == Encoding::Utf8 {
            out.write_all("\u{feff}".as_bytes())
                .map_err(|e| WriteError::Io(e.to_string()))?;
        }
        let inner = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        let mut w = Writer {
            inner,
            encoding,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            row: 0,
            substitutions: Vec::new(),
        };
        let header_row: Vec<String> = w.headers.clone();
        w.write_row(&header_row)?;
        Ok(w)
    }

    /// Writes one record (as many fields as there are headers).
    pub fn write_row<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<(), WriteError> {
        self.row += 1;
        let mut record: Vec<Vec<u8>> = Vec::with_capacity(fields.len());
        for (i, field) in fields.iter().enumerate() {
            let column = self.headers.get(i).map_or("", String::as_str);
            let bytes = match self.encoding {
                Encoding::Utf8 => field.as_ref().as_bytes().to_vec(),
                Encoding::ShiftJis => {
                    encode_shift_jis(field.as_ref(), self.row, column, &mut self.substitutions)?
                }
            };
            record.push(bytes);
        }
        self.inner
            .write_record(&record)
            .map_err(|e| WriteError::Io(e.to_string()))
    }

    /// Finishes the file; returns the substitutions made.
    pub fn finish(mut self) -> Result<Vec<Substitution>, WriteError> {
        self.inner
            .flush()
            .map_err(|e| WriteError::Io(e.to_string()))?;
        Ok(self.substitutions)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading records

/// One record read: its row and fields, or what was wrong with it.
pub type Record = (usize, Result<Vec<String>, Vec<RowFinding>>);

/// Reads the records of a CSV file one by one (constant memory): fields decoded from UTF-8 (a
/// BOM is skipped) or Windows-31J; a field with invalid bytes is a finding at its row and column,
/// and reading goes on. The header row comes first, as row 1.
pub fn records<R: Read>(input: R, encoding: Encoding) -> impl Iterator<Item = Record> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = ::csv::ByteRecord::new();
    let mut first = true;
    let mut done = false;
    // Lines counted here: the csv crate's positions are one short on CRLF files.
    let mut next_line = 1usize;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let read = reader.read_byte_record(&mut record);
        // The line where this record starts (the header is row 1); quoted fields may span lines.
        let row = next_line;
        next_line += 1 + record
            .iter()
            .map(|f| f.iter().filter(|&&b| b == b'\n').count())
            .sum::<usize>();
        match read {
            Ok(false) => {
                done = true;
                None
            }
            Err(e) => {
                done = true;
                Some((
                    row,
                    Err(vec![row_error(
                        row,
                        None,
                        "",
                        Code::Format,
                        format!("unreadable CSV: {e}"),
                        "CSVとして読み取れません".into(),
                    )]),
                ))
            }
            Ok(true) => {
                let mut fields = Vec::with_capacity(record.len());
                let mut findings = Vec::new();
                for (i, raw) in record.iter().enumerate() {
                    let raw = if first && i == 0 {
                        raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
                    } else {
                        raw
                    };
                    let decoded = match encoding {
                        Encoding::Utf8 => std::str::from_utf8(raw).ok().map(str::to_owned),
                        Encoding::ShiftJis => SHIFT_JIS
                            .decode_without_bom_handling_and_without_replacement(raw)
                            .map(|c| c.into_owned()),
                    };
                    match decoded {
                        Some(text) => fields.push(text),
                        None => findings.push(row_error(
                            row,
                            None,
                            &format!("column {}", i + 1),
                            Code::Format,
                            format!(
                                "column {} holds bytes that are not valid {}",
                                i + 1,
                                if encoding == Encoding::ShiftJis {
                                    "Shift_JIS"
                                } else {
                                    "UTF-8"
                                }
                            ),
                            format!(
                                "{}列目に{}として正しくないバイトがあります",
                                i + 1,
                                if encoding == Encoding::ShiftJis {
                                    "Shift_JIS"
                                } else {
                                    "UTF-8"
                                }
                            ),
                        )),
                    }
                }
                first = false;
                Some((
                    row,
                    if findings.is_empty() {
                        Ok(fields)
                    } else {
                        Err(findings)
                    },
                ))
            }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Postings

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

/// Codes and Japanese labels of the closing reasons, as the CSV writes them (one list, the
/// posting's).
fn closed_reason_labels() -> impl Iterator<Item = (&'static str, &'static str)> {
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
/// (masking fails closed, docs/choices.md "CSV files").
const MASKING_PATH: &str = "form.masking_requested";

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
        // Checked to parse, and to pass `check`, by a test.
        serde_json::from_str(include_str!("../data/csv_postings_columns.json")).unwrap_or(
            ColumnMapping {
                source: String::new(),
                columns: Vec::new(),
                constants: Map::new(),
            },
        )
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

fn set_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut parts = path.split('.').peekable();
    let mut map = root;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return;
        }
        let entry = map
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        match entry {
            Value::Object(next) => map = next,
            _ => return,
        }
    }
}

fn get_path<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(root, |v, part| v.get(part))
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

/// Puts the header's name on findings about `column N` (bytes the encoding cannot read).
pub(crate) fn name_columns(findings: Vec<RowFinding>, header: &[String]) -> Vec<RowFinding> {
    findings
        .into_iter()
        .map(|mut f| {
            if f.column.is_none() {
                let index = f
                    .finding
                    .path
                    .strip_prefix("column ")
                    .and_then(|n| n.parse::<usize>().ok());
                f.column = index
                    .and_then(|n| header.get(n.wrapping_sub(1)))
                    .map(|h| h.trim().to_owned());
            }
            f
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn write_one(text: &str) -> Result<(Vec<u8>, Vec<Substitution>), WriteError> {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out, Encoding::ShiftJis, &["備考"])?;
        w.write_row(&[text])?;
        let subs = w.finish()?;
        Ok((out, subs))
    }

    #[test]
    fn shift_jis_keeps_cp932_characters() {
        let (bytes, subs) = write_one("髙橋 山﨑 ①㈱").unwrap();
        assert!(subs.is_empty());
        let back: Vec<Vec<String>> = records(&bytes[..], Encoding::ShiftJis)
            .map(|(_, r)| r.unwrap())
            .collect();
        assert_eq!(back[1], ["髙橋 山﨑 ①㈱"]);
    }

    #[test]
    fn unmappable_characters_are_errors_with_row_and_column() {
        let err = write_one("𠮷野家").unwrap_err();
        assert_eq!(
            err,
            WriteError::Unencodable {
                row: 2,
                column: "備考".into(),
                character: '𠮷',
                codepoint: 0x20BB7
            }
        );
        assert!(write_one("😀").is_err());
    }

    #[test]
    fn documented_and_quiet_substitutions_are_reported() {
        let (bytes, subs) = write_one("9時〜17時 −5 ¥100").unwrap();
        let pairs: Vec<(char, char)> = subs.iter().map(|s| (s.from, s.to)).collect();
        assert_eq!(pairs, [('〜', '～'), ('−', '－'), ('¥', '\\')]);
        assert!(subs.iter().all(|s| s.row == 2 && s.column == "備考"));
        let back: Vec<Vec<String>> = records(&bytes[..], Encoding::ShiftJis)
            .map(|(_, r)| r.unwrap())
            .collect();
        assert_eq!(back[1], ["9時～17時 －5 \\100"]);
    }

    #[test]
    fn invalid_shift_jis_bytes_are_row_findings_and_reading_goes_on() {
        let mut bytes = b"a,b\r\n".to_vec();
        bytes.extend_from_slice(&[0x82, 0xA0, b',', 0x81, b'\r', b'\n']); // あ, then a lone lead byte
        bytes.extend_from_slice(b"x,y\r\n");
        let rows: Vec<Record> = records(&bytes[..], Encoding::ShiftJis).collect();
        assert_eq!(rows.len(), 3);
        let bad = rows[1].1.as_ref().unwrap_err();
        assert_eq!((bad[0].row, bad[0].finding.path.as_str()), (2, "column 2"));
        assert_eq!(rows[2].1.as_ref().unwrap(), &["x", "y"]);
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
        // A quoted field over two lines: the next record starts on line 4.
        let text = "a,b\r\n\"x\r\ny\",z\r\nc,d\r\n";
        let rows: Vec<usize> = records(text.as_bytes(), Encoding::Utf8)
            .map(|r| r.0)
            .collect();
        assert_eq!(rows, [1, 2, 4]);
    }

    #[test]
    fn standard_mapping_parses() {
        let m = ColumnMapping::standard();
        assert!(m.columns.len() > 40);
        assert!(m.columns.iter().any(|c| c.path == "form.contact.phone"));
    }
}
