//! Masking (マスキング処理, docs/domain.md §6): what the public view hides, and the leak scan that keeps
//! hidden facts out of the text that stays public.

use crate::finding::{Code, Finding};
use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::form::fields::{label_en, label_ja};
use crate::leak_key;

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
/// repeats any, naming (never quoting) what leaked. Each public text is reduced to its keys once,
/// and every text needle is searched for in one Aho-Corasick pass: linear in the text's length.
pub fn scan_leaks(secrets: &[Secret<'_>], public_texts: &[(&'static str, &str)]) -> Vec<Finding> {
    let mut needles: Vec<(&'static str, Haystack, String)> = Vec::new();
    let mut digit_needles: Vec<(&'static str, &str)> = Vec::new();
    for secret in secrets {
        match secret {
            Secret::Text { path, value } | Secret::Name { path, value } => {
                if visible_len(value) < MIN_TEXT_CHARS {
                    continue;
                }
                needles.push((path, Haystack::Text, leak_key::text_key(value)));
                if matches!(secret, Secret::Name { .. }) {
                    for other in name_orders(value) {
                        needles.push((path, Haystack::Text, leak_key::text_key(&other)));
                    }
                }
            }
            Secret::Email { path, value } => {
                // Both as typed and spelt out: reading ` at ` as `@` would break an address that
                // holds `at` itself when it is typed spaced out (`aaa0a- at @aaa.jp`).
                if visible_len(value) >= MIN_TEXT_CHARS {
                    needles.push((path, Haystack::Text, leak_key::text_key(value)));
                    needles.push((path, Haystack::Email, leak_key::email_key(value)));
                }
            }
            Secret::Code { path, value } => {
                let key = leak_key::code_key(value);
                if key.chars().count() >= MIN_TEXT_CHARS {
                    needles.push((path, Haystack::Code, key));
                }
            }
            Secret::Digits { path, digits } => {
                if digits.len() >= MIN_DIGITS {
                    digit_needles.push((path, digits));
                }
            }
        }
    }
    needles.retain(|(_, _, key)| !key.is_empty());
    let mut findings = Vec::new();
    if needles.is_empty() && digit_needles.is_empty() {
        return findings;
    }
    let searchers: Vec<(Haystack, Vec<usize>, Option<AhoCorasick>)> =
        [Haystack::Text, Haystack::Email, Haystack::Code]
            .into_iter()
            .map(|h| {
                let ids: Vec<usize> = (0..needles.len())
                    .filter(|&i| needles.get(i).is_some_and(|n| n.1 == h))
                    .collect();
                let patterns = ids
                    .iter()
                    .filter_map(|&i| needles.get(i).map(|n| n.2.as_str()));
                let ac = (!ids.is_empty())
                    // Built per form for a few short needles and a few short texts: the
                    // cheapest automaton to build wins (a DFA costs more to build than to run).
                    .then(|| {
                        AhoCorasick::builder()
                            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                            .build(patterns)
                            .ok()
                    })
                    .flatten();
                (h, ids, ac)
            })
            .collect();
    for (path, text_value) in public_texts {
        let mut leaked: Vec<&'static str> = Vec::new();
        for (haystack, ids, ac) in &searchers {
            let Some(ac) = ac else { continue };
            let key = match haystack {
                Haystack::Text => leak_key::text_key(text_value),
                Haystack::Email => leak_key::email_key(text_value),
                Haystack::Code => leak_key::code_key(text_value),
            };
            for m in ac.find_overlapping_iter(&key) {
                if let Some((needle_path, _, _)) = ids
                    .get(m.pattern().as_usize())
                    .and_then(|&i| needles.get(i))
                    && !leaked.contains(needle_path)
                {
                    leaked.push(needle_path);
                }
            }
        }
        if !digit_needles.is_empty() {
            let numbers = leak_key::numbers(text_value);
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

// ---------------------------------------------------------------------------------------------
// Views (docs/domain.md §6, §11)

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::form::{Contact, Facility, Form, ValidForm, Workplace};

/// What a reader of a posting is given.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "ViewKind"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Every field, the facility ID included (prefectures, MHLW, labour bureaus).
    Internal,
    /// Every field but the facility ID (national bodies, nurse centres, a job seeker who asked).
    Registered,
    /// What anyone may read: no facility ID, and the §6 fields hidden when masking was asked.
    Public,
    /// No posting at all: only counts per occupation × prefecture (placement agencies).
    Counts,
}

impl View {
    pub const fn as_str(self) -> &'static str {
        match self {
            View::Internal => "internal",
            View::Registered => "registered",
            View::Public => "public",
            View::Counts => "counts",
        }
    }
}

/// A form as one view shows it, serialised in the canonical JSON v1 shape without copying:
/// the facility ID is left out of every view but `internal`; in the public view of a masked form
/// each field of [`MASKED_FIELDS`] is `null`. It can be made only from a [`ValidForm`] (or, for
/// the internal view, any [`Form`] — that is how the canonical form itself is written).
#[derive(Debug, Clone, Copy)]
pub struct FormView<'a> {
    form: &'a Form,
    show_facility_id: bool,
    mask: bool,
}

impl<'a> FormView<'a> {
    /// Every field.
    pub fn internal(form: &'a Form) -> FormView<'a> {
        FormView {
            form,
            show_facility_id: true,
            mask: false,
        }
    }

    /// The view a recipient gets. `View::Counts` shows no posting: `None`.
    pub fn of(form: &'a ValidForm, view: View) -> Option<FormView<'a>> {
        let form = form.form();
        match view {
            View::Internal => Some(FormView::internal(form)),
            View::Registered => Some(FormView {
                form,
                show_facility_id: false,
                mask: false,
            }),
            View::Public => Some(FormView {
                form,
                show_facility_id: false,
                mask: form.masking_requested,
            }),
            View::Counts => None,
        }
    }

    /// The public view (docs/domain.md §6): what the Key-Net site, and anyone publishing, may show.
    pub fn public(form: &'a ValidForm) -> FormView<'a> {
        FormView {
            form: form.form(),
            show_facility_id: false,
            mask: form.masking_requested,
        }
    }

    /// The registered view: every field but the facility ID.
    pub fn registered(form: &'a ValidForm) -> FormView<'a> {
        FormView {
            form: form.form(),
            show_facility_id: false,
            mask: false,
        }
    }

    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// `value` unless hidden, then `None` (written `null`).
fn unless<T>(hidden: bool, value: Option<T>) -> Option<T> {
    if hidden { None } else { value }
}

struct FacilitySer<'a>(&'a Facility, FormView<'a>);
impl Serialize for FacilitySer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (f, v) = (self.0, self.1);
        let mut st = s.serialize_struct("Facility", if v.show_facility_id { 4 } else { 3 })?;
        if v.show_facility_id {
            st.serialize_field("id", &f.id)?;
        } else {
            st.skip_field("id")?;
        }
        st.serialize_field("name", &unless(v.mask, Some(&f.name)))?;
        st.serialize_field("type", &f.kind)?;
        st.serialize_field("prefecture", &f.prefecture)?;
        st.end()
    }
}

struct WorkplaceSer<'a>(&'a Workplace, bool);
impl Serialize for WorkplaceSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (w, mask) = (self.0, self.1);
        let mut st = s.serialize_struct("Workplace", 5)?;
        st.serialize_field(
            "postal_code",
            &unless(mask, w.postal_code.as_ref().map(|p| p.as_str())),
        )?;
        st.serialize_field("prefecture", &w.prefecture)?;
        st.serialize_field("municipality", &w.municipality)?;
        st.serialize_field("street_address", &unless(mask, w.street_address.as_ref()))?;
        st.serialize_field("facility_name", &unless(mask, w.facility_name.as_ref()))?;
        st.end()
    }
}

struct ContactSer<'a>(&'a Contact, bool);
impl Serialize for ContactSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, mask) = (self.0, self.1);
        let mut st = s.serialize_struct("Contact", 7)?;
        st.serialize_field("name", &unless(mask, Some(&c.name)))?;
        st.serialize_field("address", &unless(mask, c.address.as_ref()))?;
        st.serialize_field("phone", &unless(mask, Some(c.phone.as_str())))?;
        st.serialize_field("extension", &unless(mask, c.extension.as_ref()))?;
        st.serialize_field(
            "application_phone",
            &unless(mask, c.application_phone.as_ref().map(|p| p.as_str())),
        )?;
        st.serialize_field("fax", &unless(mask, c.fax.as_ref().map(|p| p.as_str())))?;
        st.serialize_field("email", &unless(mask, Some(&c.email)))?;
        st.end()
    }
}

impl Serialize for FormView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.form;
        let mut st = s.serialize_struct("Form", 16)?;
        st.serialize_field("masking_requested", &f.masking_requested)?;
        st.serialize_field("facility", &FacilitySer(&f.facility, *self))?;
        st.serialize_field("occupation", &f.occupation)?;
        st.serialize_field("openings", &f.openings)?;
        st.serialize_field("workplace", &WorkplaceSer(&f.workplace, self.mask))?;
        st.serialize_field("employment_period", &f.employment_period)?;
        st.serialize_field("trial_period_weeks", &f.trial_period_weeks)?;
        st.serialize_field("duties", &f.duties)?;
        st.serialize_field("salary", &f.salary)?;
        st.serialize_field("working_hours", &f.working_hours)?;
        st.serialize_field("insurance", &f.insurance)?;
        st.serialize_field("passive_smoking", &f.passive_smoking)?;
        st.serialize_field("passive_smoking_detail", &f.passive_smoking_detail)?;
        st.serialize_field("notes", &f.notes)?;
        st.serialize_field("contact", &ContactSer(&f.contact, self.mask))?;
        st.serialize_field("existing_listings", &f.existing_listings)?;
        st.end()
    }
}
