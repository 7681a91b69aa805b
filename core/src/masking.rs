//! Masking (マスキング処理, DOMAIN §6): what the public view hides, and the leak scan that keeps
//! hidden facts out of the text that stays public.

use crate::finding::{Code, Finding};
use crate::form::fields::{label_en, label_ja};
use crate::text;

/// Fields hidden from the public view when masking is requested — all together (§6).
pub const MASKED_FIELDS: [&str; 11] = [
    "facility.name",
    "workplace.postal_code",
    "workplace.street_address",
    "workplace.facility_name",
    "contact.name",
    "contact.address",
    "contact.phone",
    "contact.extension",
    "contact.application_phone",
    "contact.fax",
    "contact.email",
];

/// Never public, masking or not.
pub const ALWAYS_HIDDEN_FIELDS: [&str; 1] = ["facility.id"];

/// Free-text fields that stay public, where hidden facts must not be repeated (§6).
pub const PUBLIC_TEXT_FIELDS: [&str; 7] = [
    "notes",
    "duties.other_detail",
    "duties.specifics",
    "working_hours.holidays",
    "insurance.other",
    "existing_listings.other",
    "passive_smoking_detail",
];

/// Text values shorter than this (after normalisation) are not searched for: two characters
/// (`内科`, a two-kanji surname) occur in ordinary text by chance and identify nobody alone.
pub const MIN_TEXT_CHARS: usize = 3;
/// Digit strings shorter than this are not searched for (extensions such as `215`); phone
/// numbers (9–10 digits without the trunk 0) and postal codes (7) are.
pub const MIN_DIGITS: usize = 6;

/// A value the scan looks for.
#[derive(Debug, Clone)]
pub enum Secret<'a> {
    /// Compared by [`text::leak_key`] (NFKC, case-folded, no white space).
    Text { path: &'static str, value: &'a str },
    /// An identifier (the facility ID), compared by its letters and digits only, so `GM13 004217`
    /// and `GM13004217` are caught as well as `gm13-004217`.
    Code { path: &'static str, value: &'a str },
    /// Compared by digit strings: a phone's national number (trunk 0 dropped, so `+81 3…` is
    /// caught too) or a postal code's seven digits.
    Digits { path: &'static str, digits: String },
}

impl Secret<'_> {
    fn path(&self) -> &'static str {
        match self {
            Secret::Text { path, .. } | Secret::Code { path, .. } | Secret::Digits { path, .. } => {
                path
            }
        }
    }
}

/// A phone number's digits as searched for: without the trunk 0.
pub fn phone_search_digits(domestic_digits: &str) -> String {
    domestic_digits
        .strip_prefix('0')
        .unwrap_or(domestic_digits)
        .to_owned()
}

/// Finds hidden values inside public text: one `masking_leak` error per public field that
/// repeats any, naming (never quoting) what leaked.
pub fn scan_leaks(secrets: &[Secret<'_>], public_texts: &[(&'static str, &str)]) -> Vec<Finding> {
    #[derive(PartialEq)]
    enum Kind {
        Text,
        Code,
        Digits,
    }
    struct Needle {
        path: &'static str,
        key: String,
        kind: Kind,
    }
    let needles: Vec<Needle> = secrets
        .iter()
        .filter_map(|s| match s {
            Secret::Text { path, value } => {
                let key = text::leak_key(value);
                (key.chars().count() >= MIN_TEXT_CHARS).then_some(Needle {
                    path,
                    key,
                    kind: Kind::Text,
                })
            }
            Secret::Code { path, value } => {
                let key = alphanumeric_key(value);
                (key.chars().count() >= MIN_TEXT_CHARS).then_some(Needle {
                    path,
                    key,
                    kind: Kind::Code,
                })
            }
            Secret::Digits { path, digits } => (digits.len() >= MIN_DIGITS).then(|| Needle {
                path,
                key: digits.clone(),
                kind: Kind::Digits,
            }),
        })
        .collect();
    let mut findings = Vec::new();
    if needles.is_empty() {
        return findings;
    }
    for (path, text_value) in public_texts {
        let key = text::leak_key(text_value);
        let digits = text::digit_string(text_value);
        let code = if needles.iter().any(|n| n.kind == Kind::Code) {
            alphanumeric_key(text_value)
        } else {
            String::new()
        };
        let mut leaked: Vec<&'static str> = Vec::new();
        for needle in &needles {
            let haystack = match needle.kind {
                Kind::Text => &key,
                Kind::Code => &code,
                Kind::Digits => &digits,
            };
            if haystack.contains(needle.key.as_str()) && !leaked.contains(&needle.path) {
                leaked.push(needle.path);
            }
        }
        if !leaked.is_empty() {
            let en: Vec<&str> = leaked.iter().map(|p| label_en(p)).collect();
            let ja: Vec<&str> = leaked.iter().map(|p| label_ja(p)).collect();
            findings.push(Finding::error(
                *path,
                Code::MaskingLeak,
                format!(
                    "{} repeats what masking hides ({}): remove it, or the public posting reveals it",
                    label_en(path),
                    en.join(", ")
                ),
                format!("{}にマスキング対象の情報（{}）が含まれています。削除してください", label_ja(path), ja.join("・")),
            ));
        }
    }
    findings
}

/// Letters and digits only, NFKC and lower-cased: the comparison key of identifiers.
fn alphanumeric_key(s: &str) -> String {
    text::nfkc(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which secret paths a list covers (for tests and docs).
pub fn secret_paths(secrets: &[Secret<'_>]) -> Vec<&'static str> {
    secrets.iter().map(Secret::path).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_disguised_values_and_ignores_short_ones() {
        let secrets = [
            Secret::Text {
                path: "facility.name",
                value: "千代田中央病院",
            },
            Secret::Text {
                path: "contact.email",
                value: "jinji@example.jp",
            },
            Secret::Digits {
                path: "contact.phone",
                digits: phone_search_digits("0332920000"),
            },
            Secret::Digits {
                path: "contact.extension",
                digits: "215".into(),
            },
        ];
        let hits = |t: &str| scan_leaks(&secrets, &[("notes", t)]).len();
        assert_eq!(hits("千代田 中央病院 の発熱外来です"), 1);
        assert_eq!(hits("連絡は ＪＩＮＪＩ＠ＥＸＡＭＰＬＥ．ＪＰ まで"), 1);
        assert_eq!(hits("電話 ０３（３２９２）００００"), 1);
        assert_eq!(hits("TEL +81-3-3292-0000"), 1);
        assert_eq!(hits("内線215までどうぞ"), 0);
        assert_eq!(hits("内科外来の勤務です"), 0);
        let id = [Secret::Code {
            path: "facility.id",
            value: "GM13-004217",
        }];
        for planted in ["ID GM13004217", "gm13 004217", "ＧＭ１３－００４２１７"] {
            assert_eq!(scan_leaks(&id, &[("notes", planted)]).len(), 1, "{planted}");
        }
        let f = scan_leaks(&secrets, &[("notes", "千代田中央病院 03-3292-0000")]);
        assert_eq!(f.len(), 1);
        assert!(!f[0].message.contains("3292"));
        assert!(f[0].message.contains("facility name") && f[0].message.contains("phone number"));
    }
}
