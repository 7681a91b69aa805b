//! Masking (マスキング処理, docs/domain.md §6): what the public view hides, and the leak scan that keeps
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

/// Digit needles at least this long (a phone's national number) are also searched for with dots
/// joining digits; shorter ones (a postal code's 7) are not, as dotted dates would join into them.
const PHONE_MIN_DIGITS: usize = 9;

/// A value the scan looks for.
#[derive(Debug, Clone)]
pub enum Secret<'a> {
    /// Compared by [`text::leak_key`] (NFKC, case-folded, no white space).
    Text { path: &'static str, value: &'a str },
    /// An identifier (the facility ID), compared by its letters and digits only, so `GM13 004217`
    /// and `GM13004217` are caught as well as `gm13-004217`.
    Code { path: &'static str, value: &'a str },
    /// Compared by digit strings, number by number as typed (see [`text::numbers_as_typed`]): a phone's national number (trunk 0 dropped, so `+81 3…` is
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
        let numbers = text::numbers_as_typed(text_value, false);
        // Phone-length needles (9+ digits, longer than any YYYYMMDD a dotted date makes) are also
        // looked for with dots joining, as `0120.123.456`; postal codes are not.
        let dotted = text::numbers_as_typed(text_value, true);
        let code = if needles.iter().any(|n| n.kind == Kind::Code) {
            alphanumeric_key(text_value)
        } else {
            String::new()
        };
        let mut leaked: Vec<&'static str> = Vec::new();
        for needle in &needles {
            let found = match needle.kind {
                Kind::Text => key.contains(needle.key.as_str()),
                Kind::Code => code.contains(needle.key.as_str()),
                Kind::Digits => {
                    let in_numbers =
                        |list: &[String]| list.iter().any(|n| n.contains(needle.key.as_str()));
                    in_numbers(&numbers)
                        || (needle.key.len() >= PHONE_MIN_DIGITS && in_numbers(&dotted))
                }
            };
            if found && !leaked.contains(&needle.path) {
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
        // `ー` counts as a letter in Unicode, but between an ID's parts it is a dash.
        .filter(|c| c.is_alphanumeric() && !text::is_dash(*c))
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
