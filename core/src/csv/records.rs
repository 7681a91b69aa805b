//! A CSV file read record by record in constant memory: fields decoded from UTF-8 or
//! Windows-31J, each record with the line it starts on, and every problem a [`RowFinding`] of
//! its row — reading goes on past a bad one.

use std::io::Read;

use encoding_rs::SHIFT_JIS;
use serde::Serialize;

use super::encoding::Encoding;
use crate::finding::{Code, Finding};

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

pub(super) fn row_error(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
