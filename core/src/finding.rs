//! Findings: what validation says about a form, as data.
//!
//! A finding is `{path, code, severity, message, message_ja}` (docs/domain.md §2 "Findings"). Programs
//! switch on [`Code`]; people read the messages. Messages of fields that masking may hide never
//! echo the value typed, so a finding can be logged without leaking personal data.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The form cannot be registered.
    Error,
    /// Registrable, but a person should look.
    Warning,
}

impl Severity {
    /// Both, the blocking one first.
    pub const ALL: [Severity; 2] = [Severity::Error, Severity::Warning];

    /// The canonical string: `error` or `warning`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The stable, machine-readable kind of a finding (docs/domain.md §2).
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "FindingCode"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A required value is missing (or only white space).
    Required,
    /// A value is of the wrong shape or JSON type.
    Format,
    /// A number or date is outside its allowed range.
    Range,
    /// A key or enumerated value the form does not know.
    UnknownValue,
    /// Values that contradict each other.
    Inconsistent,
    /// A value hidden by masking appears in text that stays public.
    MaskingLeak,
    /// Labour Standards Act Art. 34 (breaks).
    LaborLaw,
    /// Health Promotion Act (passive smoking at type-1 facilities).
    HealthLaw,
    /// Text longer than the documented limit.
    TooLong,
}

impl Code {
    /// Every code, in catalogue order.
    pub const ALL: [Code; 9] = [
        Code::Required,
        Code::Format,
        Code::Range,
        Code::UnknownValue,
        Code::Inconsistent,
        Code::MaskingLeak,
        Code::LaborLaw,
        Code::HealthLaw,
        Code::TooLong,
    ];

    /// The canonical snake_case string.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::Format => "format",
            Code::Range => "range",
            Code::UnknownValue => "unknown_value",
            Code::Inconsistent => "inconsistent",
            Code::MaskingLeak => "masking_leak",
            Code::LaborLaw => "labor_law",
            Code::HealthLaw => "health_law",
            Code::TooLong => "too_long",
        }
    }

    /// Reads a canonical code string.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// What the code means, in English.
    pub const fn description(self) -> &'static str {
        match self {
            Code::Required => "a required value is missing",
            Code::Format => "the value is not in the expected format",
            Code::Range => "the value is outside the allowed range",
            Code::UnknownValue => "the key or value is not one the form knows",
            Code::Inconsistent => "values contradict each other",
            Code::MaskingLeak => "a value hidden by masking appears in public text",
            Code::LaborLaw => "Labour Standards Act Art. 34: break too short for the working time",
            Code::HealthLaw => {
                "Health Promotion Act: type-1 facilities are smoke-free on the premises"
            }
            Code::TooLong => "the text is longer than allowed",
        }
    }

    /// What the code means, in Japanese.
    pub const fn description_ja(self) -> &'static str {
        match self {
            Code::Required => "必須項目が入力されていません",
            Code::Format => "入力形式が正しくありません",
            Code::Range => "値が許容範囲外です",
            Code::UnknownValue => "登録票にない項目または選択肢です",
            Code::Inconsistent => "入力内容に矛盾があります",
            Code::MaskingLeak => "マスキング対象の情報が公開される項目に含まれています",
            Code::LaborLaw => "労働基準法第34条：労働時間に対して休憩時間が不足しています",
            Code::HealthLaw => "健康増進法：第一種施設は原則敷地内禁煙です",
            Code::TooLong => "文字数が上限を超えています",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One thing validation found, at one path of the canonical JSON.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Dotted JSON path of the field (`workplace.postal_code`, `duties.kinds`); `""` for the form.
    pub path: String,
    pub code: Code,
    pub severity: Severity,
    /// English message for people.
    pub message: String,
    /// Japanese message for people.
    pub message_ja: String,
}

impl Finding {
    pub fn error(
        path: impl Into<String>,
        code: Code,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> Self {
        Finding {
            path: path.into(),
            code,
            severity: Severity::Error,
            message: en.into(),
            message_ja: ja.into(),
        }
    }

    pub fn warning(
        path: impl Into<String>,
        code: Code,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> Self {
        Finding {
            path: path.into(),
            code,
            severity: Severity::Warning,
            message: en.into(),
            message_ja: ja.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One entry of the exported code catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeInfo {
    pub code: Code,
    pub description: &'static str,
    pub description_ja: &'static str,
}

/// The whole catalogue of finding codes with both descriptions, for translators and UIs.
pub fn catalogue() -> Vec<CodeInfo> {
    Code::ALL
        .into_iter()
        .map(|code| CodeInfo {
            code,
            description: code.description(),
            description_ja: code.description_ja(),
        })
        .collect()
}

/// True when none of the findings is an error: the form is registrable.
pub fn is_registrable(findings: &[Finding]) -> bool {
    !findings.iter().any(Finding::is_error)
}

/// Error findings a summary names one by one; more are counted.
const SUMMARY_MAX_NAMED: usize = 10;

/// One line for an exception or a log that says what is wrong, in English and in Japanese: the
/// number of errors and each error's field and code — never a value typed into the form, so the
/// line can be logged. `2 error(s): openings (range), contact.email (format)` /
/// `入力に誤りが2件あります：募集人数（range）、E-mail（format）`.
pub fn error_summary(findings: &[Finding]) -> (String, String) {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
    // One error: its own message says what to do, so the summary carries it.
    if let [only] = errors.as_slice() {
        return (
            format!(
                "1 error(s): {} ({}): {}",
                only.path, only.code, only.message
            ),
            format!(
                "入力に誤りが1件あります：{}：{}",
                place_ja(&only.path),
                only.message_ja
            ),
        );
    }
    let named = errors.iter().take(SUMMARY_MAX_NAMED);
    let mut en: Vec<String> = named
        .clone()
        .map(|f| format!("{} ({})", f.path, f.code))
        .collect();
    let mut ja: Vec<String> = named
        .map(|f| format!("{}（{}）", place_ja(&f.path), f.code.description_ja()))
        .collect();
    if let Some(more) = errors
        .len()
        .checked_sub(SUMMARY_MAX_NAMED)
        .filter(|n| *n > 0)
    {
        en.push(format!("and {more} more"));
        ja.push(format!("ほか{more}件"));
    }
    (
        format!("{} error(s): {}", errors.len(), en.join(", ")),
        format!("入力に誤りが{}件あります：{}", errors.len(), ja.join("、")),
    )
}

/// Where a finding is, for a Japanese reader: the field's label, after the number of the item
/// it is in (`postings.4.form.contact.phone` → `5件目の電話番号`); a path with no label stays
/// as it is.
fn place_ja(path: &str) -> String {
    let segments: Vec<&str> = path.split('.').collect();
    for start in 0..segments.len() {
        let rest = segments.get(start..).unwrap_or_default().join(".");
        let label = crate::form::fields::label_ja(&rest);
        if label != rest {
            let item = segments
                .get(..start)
                .unwrap_or_default()
                .iter()
                .rev()
                .find_map(|s| s.parse::<usize>().ok());
            return match item {
                Some(i) => format!("{}件目の{label}", i + 1),
                None => label.to_owned(),
            };
        }
    }
    path.to_owned()
}

/// The longest quote of typed input a message carries, in characters: enough to see the mistake,
/// never a whole document (findings may be logged).
pub const MAX_QUOTE_CHARS: usize = 40;

/// Input as a message quotes it: at most [`MAX_QUOTE_CHARS`] characters, `…` when cut.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_QUOTE_CHARS) {
        None => std::borrow::Cow::Borrowed(s),
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", s.get(..at).unwrap_or(""))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_their_strings() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(Code::parse("nope"), None);
    }

    #[test]
    fn finding_serialises_to_the_spec_shape() {
        let f = Finding::error(
            "workplace.postal_code",
            Code::Format,
            "postal code must have 7 digits",
            "郵便番号は7桁で入力してください",
        );
        let v = serde_json::to_value(&f).unwrap_or_default();
        let keys: Vec<&String> = v
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys.len(), 5);
        assert_eq!(v["path"], "workplace.postal_code");
        assert_eq!(v["code"], "format");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["message_ja"], "郵便番号は7桁で入力してください");
    }
}
