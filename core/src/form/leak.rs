//! The leak rule (docs/domain.md §6): hidden values — the facility ID always, the masked fields
//! when masking is asked — must not be repeated in text that stays public. Which fields are hidden
//! and which are public text comes from the field catalogue ([`super::fields`]); how values are
//! compared, from [`crate::leak_key`]. The views that then hide the fields are in
//! [`crate::views`], downstream of validation.

use super::fields::{FIELDS, FieldKind, Sensitivity, label_en, label_ja};
use crate::finding::{Code, Finding};
use crate::leak_key::{self, Fold, Keys};

/// Text values shorter than this (after normalisation) are not searched for: two characters
/// (`内科`, a two-kanji surname) occur in ordinary text by chance and identify nobody alone.
pub const MIN_TEXT_CHARS: usize = 3;
/// Digit strings shorter than this are not searched for (extensions such as `215`); phone
/// numbers (9–10 digits without the trunk 0) and postal codes (7) are.
pub const MIN_DIGITS: usize = 6;

/// Digit needles at least this long (a phone's national number) are also searched for across
/// `・ / , .` between digit groups; shorter ones (a postal code's 7) are not, as dates would join
/// into them (`2010/10/06`).
const PHONE_MIN_DIGITS: usize = 9;

/// A value the scan looks for. How each is compared: docs/choices.md — "Masking leaks: where the
/// line is drawn", and [`crate::leak_key`].
#[derive(Debug, Clone)]
pub enum Secret<'a> {
    /// A name or an address, compared by [`leak_key::text_key`] (invisible characters, width,
    /// case, white space, brackets, kanji numerals, address notation, variant kanji and confusable
    /// letters folded).
    Text { path: &'static str, value: &'a str },
    /// A person's name: as [`Secret::Text`], and also with its parts in the other order (`花子 山田`
    /// for `山田 花子`; for a name typed without a space, every split: `花子山田` for `山田花子`).
    Name { path: &'static str, value: &'a str },
    /// An e-mail address: as [`Secret::Text`], in public text where `(at)`, ` at `, `%40`, `★`,
    /// `アットマーク`, `(dot)`, `ドット` … are read back as `@` and `.` ([`leak_key::email_key`]).
    Email { path: &'static str, value: &'a str },
    /// An identifier (the facility ID), compared by its letters and digits only, so `GM13 004217`
    /// and `GM13004217` are caught as well as `gm13-004217` ([`leak_key::code_key`]).
    Code { path: &'static str, value: &'a str },
    /// Compared by digit strings, number by number as typed (see [`leak_key::numbers`]): a phone's
    /// national number (trunk 0 dropped, so `+81 3…` is caught too) or a postal code's seven
    /// digits.
    Digits { path: &'static str, digits: String },
}

impl Secret<'_> {
    fn path(&self) -> &'static str {
        match self {
            Secret::Text { path, .. }
            | Secret::Name { path, .. }
            | Secret::Email { path, .. }
            | Secret::Code { path, .. }
            | Secret::Digits { path, .. } => path,
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

/// Characters of a value as typed, white space and invisible characters left out: what
/// [`MIN_TEXT_CHARS`] counts.
fn visible_len(value: &str) -> usize {
    leak_key::clean(value)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}

/// A name in its other orders: its parts reversed (`花子 山田`), or, typed without a space, each
/// split of it swapped (`花子山田` for `山田花子`: where the surname ends is not known).
fn name_orders(value: &str) -> Vec<String> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    if parts.len() >= 2 {
        return vec![parts.iter().rev().copied().collect::<Vec<_>>().concat()];
    }
    let chars: Vec<char> = leak_key::clean(value).chars().collect();
    if !(MIN_TEXT_CHARS..=NAME_MAX_SPLIT_CHARS).contains(&chars.len()) {
        return Vec::new();
    }
    (1..chars.len())
        .filter_map(|at| {
            let (head, tail) = (chars.get(..at)?, chars.get(at..)?);
            Some(tail.iter().chain(head).collect())
        })
        .collect()
}

/// Names typed without a space longer than this are not split into other orders.
const NAME_MAX_SPLIT_CHARS: usize = 10;

/// Where a needle is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Haystack {
    Text,
    Email,
    Code,
}

/// Finds hidden values inside public text: one `masking_leak` error per public field that
/// repeats any, naming (never quoting) what leaked. Each public text is reduced to its keys once
/// (both [`Fold`]s where it has letters of other scripts), and each needle searched for in them.
pub fn scan_leaks(secrets: &[Secret<'_>], public_texts: &[(&'static str, &str)]) -> Vec<Finding> {
    // (path, where, fold, key): each key as typed, and by capital where that differs.
    let mut needles: Vec<(&'static str, Haystack, Fold, String)> = Vec::new();
    let mut push = |path: &'static str, haystack: Haystack, (as_typed, by_capital): Keys| {
        needles.push((path, haystack, Fold::AsTyped, as_typed));
        if let Some(key) = by_capital {
            needles.push((path, haystack, Fold::ByCapital, key));
        }
    };
    let mut digit_needles: Vec<(&'static str, &str)> = Vec::new();
    for secret in secrets {
        match secret {
            Secret::Text { path, value } | Secret::Name { path, value } => {
                if visible_len(value) < MIN_TEXT_CHARS {
                    continue;
                }
                push(path, Haystack::Text, leak_key::text_keys(value));
                if matches!(secret, Secret::Name { .. }) {
                    for other in name_orders(value) {
                        push(path, Haystack::Text, leak_key::text_keys(&other));
                    }
                }
            }
            Secret::Email { path, value } => {
                // Both as typed and spelt out: reading ` at ` as `@` would break an address that
                // holds `at` itself when it is typed spaced out (`aaa0a- at @aaa.jp`).
                if visible_len(value) >= MIN_TEXT_CHARS {
                    push(path, Haystack::Text, leak_key::text_keys(value));
                    push(path, Haystack::Email, leak_key::email_keys(value));
                }
            }
            Secret::Code { path, value } => {
                let keys = leak_key::code_keys(value);
                if keys.0.chars().count() >= MIN_TEXT_CHARS {
                    push(path, Haystack::Code, keys);
                }
            }
            Secret::Digits { path, digits } => {
                if digits.len() >= MIN_DIGITS {
                    digit_needles.push((path, digits));
                }
            }
        }
    }
    needles.retain(|(_, _, _, key)| !key.is_empty());
    let mut findings = Vec::new();
    if needles.is_empty() && digit_needles.is_empty() {
        return findings;
    }
    // A form has a dozen short needles and a few short public texts: one substring search per
    // needle over each text's key costs less than building any automaton per form (an
    // Aho-Corasick build was most of validation's time).
    let kinds: Vec<Haystack> = [Haystack::Text, Haystack::Email, Haystack::Code]
        .into_iter()
        .filter(|h| needles.iter().any(|n| n.1 == *h))
        .collect();
    for (path, text_value) in public_texts {
        let mut leaked: Vec<&'static str> = Vec::new();
        let cleaned = leak_key::Cleaned::new(text_value);
        for haystack in &kinds {
            let (as_typed, by_capital) = match haystack {
                Haystack::Text => cleaned.text_keys(),
                Haystack::Email => cleaned.email_keys(),
                Haystack::Code => cleaned.code_keys(),
            };
            for (needle_path, _, fold, needle) in needles.iter().filter(|n| n.1 == *haystack) {
                // A text without letters of other scripts has one key for both folds.
                let key = match fold {
                    Fold::ByCapital => by_capital.as_ref().unwrap_or(&as_typed),
                    Fold::AsTyped => &as_typed,
                };
                if key.contains(needle.as_str()) && !leaked.contains(needle_path) {
                    leaked.push(needle_path);
                }
            }
        }
        if !digit_needles.is_empty() {
            let numbers = cleaned.numbers();
            for (needle_path, digits) in &digit_needles {
                // Phone-length needles (9+ digits, longer than any YYYYMMDD a chained date makes)
                // also across `・ / , .`; a postal code when typed 3 + 4 across them.
                let found = numbers.contain(digits)
                    || (digits.len() >= PHONE_MIN_DIGITS && numbers.contain_chained(digits))
                    || (digits.len() == 7
                        && digits
                            .split_at_checked(3)
                            .is_some_and(|(head, tail)| numbers.contain_pair(head, tail)));
                if found && !leaked.contains(needle_path) {
                    leaked.push(needle_path);
                }
            }
        }
        if !leaked.is_empty() {
            // In the order of the secrets, whatever order they were found in.
            let order = |p: &&str| secrets.iter().position(|s| s.path() == *p);
            leaked.sort_by_key(order);
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

/// The values the leak rule looks for, read from the catalogue: every always-hidden field, and
/// every masked field when `masking_requested`. `value_of` gives a field's text as stored (a
/// phone or postal code in any layout: its digits are what is compared); each kind is compared
/// its own way (a name also in the other order, an e-mail also spelt out, an ID by its letters
/// and digits, numbers by their digits).
pub fn secrets<'a>(
    masking_requested: bool,
    value_of: impl Fn(&'static str) -> Option<&'a str>,
) -> Vec<Secret<'a>> {
    let mut out = Vec::new();
    for field in FIELDS {
        let hidden = match field.sensitivity {
            Sensitivity::Public => false,
            Sensitivity::MaskedWhenAsked => masking_requested,
            Sensitivity::AlwaysHidden => true,
        };
        let Some(value) = hidden.then(|| value_of(field.path)).flatten() else {
            continue;
        };
        let path = field.path;
        let digits = || -> String { value.chars().filter(char::is_ascii_digit).collect() };
        match field.kind {
            FieldKind::Id => {
                out.push(Secret::Text { path, value });
                out.push(Secret::Code { path, value });
            }
            FieldKind::PersonName => out.push(Secret::Name { path, value }),
            FieldKind::Email => out.push(Secret::Email { path, value }),
            FieldKind::Phone => out.push(Secret::Digits {
                path,
                digits: phone_search_digits(&digits()),
            }),
            // Searched like any digit string: only when long enough to identify (MIN_DIGITS).
            FieldKind::PostalCode | FieldKind::Extension => out.push(Secret::Digits {
                path,
                digits: digits(),
            }),
            _ => out.push(Secret::Text { path, value }),
        }
    }
    out
}

/// Which secret paths a list covers (for tests and docs).
pub fn secret_paths(secrets: &[Secret<'_>]) -> Vec<&'static str> {
    secrets.iter().map(Secret::path).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters of other scripts in either case: a Greek `υ` looks like `u` and its capital `Υ`
    /// like `Y`, so only comparing capitals finds the one typed as the other (a fuzzing find:
    /// core/fuzz/artifacts/leak_oracle/crash-4f63…), while a Latin `v` typed as a Greek `ν` is
    /// found only as typed.
    #[test]
    fn letters_of_other_scripts_are_found_in_either_case() {
        let street = [Secret::Text {
            path: "workplace.street_address",
            value: "Ωμέγα Πύργος 4-6",
        }];
        for public in [
            "ΩΜΈΓΑ ΠΎΡΓΟΣ 4-6 です",
            "ωμέγα πύργος 4の6",
            "Ωμέγα Πύργος 四丁目六番",
        ] {
            assert_eq!(
                scan_leaks(&street, &[("notes", public)]).len(),
                1,
                "{public}"
            );
        }
        let email = [Secret::Email {
            path: "contact.email",
            value: "veni@example.jp",
        }];
        // ν (Greek nu) for v, е (Cyrillic) for e: confusables as typed.
        assert_eq!(scan_leaks(&email, &[("notes", "νеni@example.jp")]).len(), 1);
        assert_eq!(leak_key::text_keys("abc").1, None, "Latin text has one key");
        assert_eq!(
            leak_key::text_keys("ＡＢＣ").1,
            None,
            "full-width Latin is Latin"
        );
        let (typed, by_capital) = leak_key::text_keys("υr");
        assert_eq!((typed.as_str(), by_capital.as_deref()), ("ur", Some("yr")));
        assert_eq!(leak_key::text_keys("ΥR").0, "yr");
    }

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
        // An address holding `at`, spaced out: found as typed, whatever ` at ` may spell.
        let email = [Secret::Email {
            path: "contact.email",
            value: "aaa0a-at@aaa.jp",
        }];
        assert_eq!(
            scan_leaks(&email, &[("notes", "aaa0A- AT @aaa.jp")]).len(),
            1
        );
        assert_eq!(
            scan_leaks(&email, &[("notes", "aaa0a-at (at) aaa (dot) jp")]).len(),
            1
        );
        assert_eq!(hits("千代田 中央病院 の発熱外来です"), 1);
        assert_eq!(hits("連絡は ＪＩＮＪＩ＠ＥＸＡＭＰＬＥ．ＪＰ まで"), 1);
        assert_eq!(hits("電話 ０３（３２９２）００００"), 1);
        assert_eq!(hits("TEL +81-3-3292-0000"), 1);
        assert_eq!(hits("内線215までどうぞ"), 0);
        assert_eq!(hits("内科外来の勤務です"), 0);
        // A date next to a number is not a postal code: numbers are compared one by one.
        let postal = [Secret::Digits {
            path: "workplace.postal_code",
            digits: "2020011".into(),
        }];
        assert!(scan_leaks(&postal, &[("notes", "2020/01/15から開設")]).is_empty());
        assert_eq!(
            scan_leaks(&postal, &[("notes", "〒202-0011 です")]).len(),
            1
        );
        let id = [Secret::Code {
            path: "facility.id",
            value: "GM13004217",
        }];
        assert_eq!(scan_leaks(&id, &[("notes", "ID GM13ー004217")]).len(), 1);
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
