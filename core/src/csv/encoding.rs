//! The two encodings of a CSV file, and one field written as Windows-31J: the documented
//! substitutions applied and reported, a character without a Windows-31J form refused, and the
//! encoder's own quiet changes found by decoding the field back (docs/domain.md §10.4).

use encoding_rs::SHIFT_JIS;
use serde::{Deserialize, Serialize};

use super::writer::WriteError;

/// The character encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8; written with a BOM so Excel opens it as UTF-8.
    Utf8,
    /// Shift_JIS as Windows-31J (CP932).
    ShiftJis,
}

impl Encoding {
    /// Its name on the wire (`utf8`, `shift_jis`), as callers name it.
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf8",
            Encoding::ShiftJis => "shift_jis",
        }
    }

    /// Both, the default (Shift_JIS, as Excel in Japan writes it) first.
    pub const ALL: [Encoding; 2] = [Encoding::ShiftJis, Encoding::Utf8];

    /// What a file is read and written in when no encoding is named: Shift_JIS (Windows-31J),
    /// as G-MIS exports and Excel in Japan write CSV (docs/choices.md, "CSV files"). Every host
    /// leaves the choice here.
    pub const DEFAULT: Encoding = Encoding::ShiftJis;

    /// The encoding of a name: `utf8`, `shift_jis`, or one of [`Encoding::ALIASES`] (case, `-`
    /// and `_` aside).
    pub fn from_name(name: &str) -> Option<Encoding> {
        let key = |s: &str| s.to_ascii_lowercase().replace(['-', '_'], "");
        let wanted = key(name);
        [("utf8", Encoding::Utf8), ("shift_jis", Encoding::ShiftJis)]
            .into_iter()
            .chain(Encoding::ALIASES)
            .find(|(n, _)| key(n) == wanted)
            .map(|(_, e)| e)
    }

    /// Other names the JSON façade accepts for an encoding (case, `-` and `_` aside): the
    /// names Python's codecs and Windows give them.
    pub const ALIASES: [(&'static str, Encoding); 4] = [
        ("utf-8", Encoding::Utf8),
        ("cp932", Encoding::ShiftJis),
        ("sjis", Encoding::ShiftJis),
        ("windows-31j", Encoding::ShiftJis),
    ];
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

/// Encodes one field as Windows-31J: substitutions applied and reported, unencodable characters
/// refused, the encoder's quiet changes found by decoding back.
pub(super) fn encode_shift_jis(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::{Writer, records};

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
}
