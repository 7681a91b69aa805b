//! The catalogue of form fields (docs/domain.md §2): for each field its path, labels in both
//! languages, kind (with a number's unit and range), length limit, sensitivity and an example as a
//! clerk would type it. Data, in one place: the reader, the leak rule, the views, message quoting,
//! the kintone labels and the host vocabularies are driven from it, so a new field is one row.
//! `every_example_reads` (below) checks each row's example.

use crate::text::Unit;

/// What a field holds, and so how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An object of other fields.
    Group,
    /// 有/無, はい/いいえ, a ticked box.
    Boolean,
    /// One of a vocabulary (Japanese label, English code or synonym).
    Choice,
    /// Several of a vocabulary.
    Choices,
    /// A prefecture by name, short name or number.
    Prefecture,
    /// A municipality of the prefecture, checked against the embedded list.
    Municipality,
    /// A whole number in `unit`, within `min..=max`.
    Number { unit: Unit, min: i64, max: i64 },
    /// A calendar date (Western, wareki, kanji numerals).
    Date,
    /// A time of day (`翌` and 24:00 for an end).
    Time,
    /// One line of text.
    Line,
    /// Free text that may run over lines.
    FreeText,
    /// A person's name.
    PersonName,
    /// An identifier (the G-MIS facility ID).
    Id,
    /// A Japanese phone number.
    Phone,
    /// An extension (内線).
    Extension,
    /// A seven-digit postal code.
    PostalCode,
    /// An e-mail address.
    Email,
}

/// Who may read a field (docs/domain.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    /// Shown in every view.
    Public,
    /// Hidden from the public view when the facility asks for masking — all together.
    MaskedWhenAsked,
    /// Never public, masking or not.
    AlwaysHidden,
}

/// One field of the registration form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// Dotted path in the canonical JSON.
    pub path: &'static str,
    pub label_ja: &'static str,
    pub label_en: &'static str,
    pub kind: FieldKind,
    pub sensitivity: Sensitivity,
    /// Maximum length in characters (Unicode scalar values, after normalisation), for text.
    pub max_chars: Option<usize>,
    /// A value as a clerk would type it, as JSON (`""` for a group).
    pub example: &'static str,
}

impl FieldInfo {
    /// Text typed freely that stays public: where the leak rule looks for hidden values.
    pub const fn is_public_text(&self) -> bool {
        matches!(self.sensitivity, Sensitivity::Public)
            && matches!(self.kind, FieldKind::Line | FieldKind::FreeText)
    }

    /// Text typed freely that may be hidden (names, addresses, the e-mail): where the facility
    /// ID, which no view but the internal one shows, is looked for as well.
    pub const fn is_hidden_text(&self) -> bool {
        matches!(self.sensitivity, Sensitivity::MaskedWhenAsked)
            && matches!(
                self.kind,
                FieldKind::Line | FieldKind::PersonName | FieldKind::Email
            )
    }
}

/// Every field of docs/domain.md §2, in the form's order (the length limits are this library's
/// choice; docs/domain.md §2 leaves them open).
pub const FIELDS: &[FieldInfo] = &[
    FieldInfo {
        path: "masking_requested",
        label_ja: "マスキング希望の有無",
        label_en: "masking requested",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "true",
    },
    FieldInfo {
        path: "facility",
        label_ja: "医療機関",
        label_en: "facility",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "facility.id",
        label_ja: "医療機関ID",
        label_en: "facility ID",
        kind: FieldKind::Id,
        sensitivity: Sensitivity::AlwaysHidden,
        max_chars: Some(64),
        example: "\"GM13-004217\"",
    },
    FieldInfo {
        path: "facility.name",
        label_ja: "医療機関名",
        label_en: "facility name",
        kind: FieldKind::Line,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: Some(100),
        example: "\"千代田中央病院\"",
    },
    FieldInfo {
        path: "facility.type",
        label_ja: "施設類型",
        label_en: "facility type",
        kind: FieldKind::Choice,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"病院\"",
    },
    FieldInfo {
        path: "facility.prefecture",
        label_ja: "医療機関の都道府県",
        label_en: "facility prefecture",
        kind: FieldKind::Prefecture,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"東京都\"",
    },
    FieldInfo {
        path: "occupation",
        label_ja: "募集職種",
        label_en: "occupation",
        kind: FieldKind::Choice,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"看護師\"",
    },
    FieldInfo {
        path: "openings",
        label_ja: "募集人数",
        label_en: "number of openings",
        kind: FieldKind::Number {
            unit: Unit::People,
            min: 1,
            max: 999,
        },
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"２名\"",
    },
    FieldInfo {
        path: "workplace",
        label_ja: "勤務地",
        label_en: "workplace",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "workplace.postal_code",
        label_ja: "郵便番号",
        label_en: "postal code",
        kind: FieldKind::PostalCode,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: None,
        example: "\"〒101-0062\"",
    },
    FieldInfo {
        path: "workplace.prefecture",
        label_ja: "勤務地の都道府県",
        label_en: "workplace prefecture",
        kind: FieldKind::Prefecture,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"13\"",
    },
    FieldInfo {
        path: "workplace.municipality",
        label_ja: "市区町村",
        label_en: "municipality",
        kind: FieldKind::Municipality,
        sensitivity: Sensitivity::Public,
        max_chars: Some(250),
        example: "\"千代田区\"",
    },
    FieldInfo {
        path: "workplace.street_address",
        label_ja: "町名・番地等",
        label_en: "street address",
        kind: FieldKind::Line,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: Some(200),
        example: "\"神田駿河台４－６\"",
    },
    FieldInfo {
        path: "workplace.facility_name",
        label_ja: "具体的な施設名",
        label_en: "workplace facility name",
        kind: FieldKind::Line,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: Some(100),
        example: "\"北館1階 発熱外来\"",
    },
    FieldInfo {
        path: "employment_period",
        label_ja: "雇用期間",
        label_en: "employment period",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "employment_period.start",
        label_ja: "雇用期間（開始）",
        label_en: "employment start",
        kind: FieldKind::Date,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"令和2年6月1日\"",
    },
    FieldInfo {
        path: "employment_period.end",
        label_ja: "雇用期間（終了）",
        label_en: "employment end",
        kind: FieldKind::Date,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"2020/9/30\"",
    },
    FieldInfo {
        path: "trial_period_weeks",
        label_ja: "試用期間",
        label_en: "trial period",
        kind: FieldKind::Number {
            unit: Unit::Weeks,
            min: 1,
            max: 520,
        },
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"4週間\"",
    },
    FieldInfo {
        path: "duties",
        label_ja: "業務内容",
        label_en: "duties",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "duties.kinds",
        label_ja: "業務内容",
        label_en: "kinds of duty",
        kind: FieldKind::Choices,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "[\"帰国者・接触者外来\", \"その他\"]",
    },
    FieldInfo {
        path: "duties.other_detail",
        label_ja: "業務内容（その他の詳細）",
        label_en: "other duty detail",
        kind: FieldKind::FreeText,
        sensitivity: Sensitivity::Public,
        max_chars: Some(200),
        example: "\"PCR検体採取\"",
    },
    FieldInfo {
        path: "duties.specifics",
        label_ja: "具体的な内容（診療科等）",
        label_en: "specific duties",
        kind: FieldKind::FreeText,
        sensitivity: Sensitivity::Public,
        max_chars: Some(500),
        example: "\"内科\"",
    },
    FieldInfo {
        path: "salary",
        label_ja: "給与",
        label_en: "salary",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "salary.basis",
        label_ja: "給与形態",
        label_en: "salary basis",
        kind: FieldKind::Choice,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"時給\"",
    },
    FieldInfo {
        path: "salary.amount_yen",
        label_ja: "総支給額",
        label_en: "salary amount",
        kind: FieldKind::Number {
            unit: Unit::Yen,
            min: 1,
            max: 99_999_999,
        },
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"2,500円\"",
    },
    FieldInfo {
        path: "salary.trial_amount_yen",
        label_ja: "試用期間中の給与",
        label_en: "trial-period salary",
        kind: FieldKind::Number {
            unit: Unit::Yen,
            min: 1,
            max: 99_999_999,
        },
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"￥2,300\"",
    },
    FieldInfo {
        path: "working_hours",
        label_ja: "勤務時間",
        label_en: "working hours",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "working_hours.start",
        label_ja: "勤務開始時刻",
        label_en: "start time",
        kind: FieldKind::Time,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"16:30\"",
    },
    FieldInfo {
        path: "working_hours.end",
        label_ja: "勤務終了時刻",
        label_en: "end time",
        kind: FieldKind::Time,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"翌9時\"",
    },
    FieldInfo {
        path: "working_hours.break_minutes",
        label_ja: "休憩時間",
        label_en: "break",
        kind: FieldKind::Number {
            unit: Unit::Minutes,
            min: 0,
            max: 1439,
        },
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"2時間\"",
    },
    FieldInfo {
        path: "working_hours.holidays",
        label_ja: "休日",
        label_en: "holidays",
        kind: FieldKind::FreeText,
        sensitivity: Sensitivity::Public,
        max_chars: Some(200),
        example: "\"シフト制（週2日）\"",
    },
    FieldInfo {
        path: "working_hours.overtime",
        label_ja: "時間外労働",
        label_en: "overtime",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"無\"",
    },
    FieldInfo {
        path: "insurance",
        label_ja: "加入保険",
        label_en: "insurance",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "insurance.employment",
        label_ja: "雇用保険",
        label_en: "employment insurance",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"有\"",
    },
    FieldInfo {
        path: "insurance.workers_accident",
        label_ja: "労災保険",
        label_en: "workers' accident insurance",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "true",
    },
    FieldInfo {
        path: "insurance.health",
        label_ja: "健康保険",
        label_en: "health insurance",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "true",
    },
    FieldInfo {
        path: "insurance.pension",
        label_ja: "厚生年金",
        label_en: "employees' pension",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "true",
    },
    FieldInfo {
        path: "insurance.other",
        label_ja: "他の保険",
        label_en: "other insurance",
        kind: FieldKind::FreeText,
        sensitivity: Sensitivity::Public,
        max_chars: Some(100),
        example: "\"企業年金\"",
    },
    FieldInfo {
        path: "passive_smoking",
        label_ja: "受動喫煙防止の取組",
        label_en: "passive smoking measures",
        kind: FieldKind::Choice,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"敷地内禁煙\"",
    },
    FieldInfo {
        path: "passive_smoking_detail",
        label_ja: "受動喫煙防止の取組（その他の詳細）",
        label_en: "passive smoking detail",
        kind: FieldKind::FreeText,
        sensitivity: Sensitivity::Public,
        max_chars: Some(200),
        example: "\"屋外に喫煙所なし\"",
    },
    FieldInfo {
        path: "notes",
        label_ja: "補足内容・その他特記事項",
        label_en: "notes",
        kind: FieldKind::FreeText,
        sensitivity: Sensitivity::Public,
        max_chars: Some(4000),
        example: "\"夜勤あり。制服貸与。\"",
    },
    FieldInfo {
        path: "contact",
        label_ja: "担当者",
        label_en: "contact",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "contact.name",
        label_ja: "担当者氏名",
        label_en: "contact name",
        kind: FieldKind::PersonName,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: Some(100),
        example: "\"山田 花子\"",
    },
    FieldInfo {
        path: "contact.address",
        label_ja: "担当者の所在地",
        label_en: "contact address",
        kind: FieldKind::Line,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: Some(200),
        example: "\"東京都千代田区神田駿河台4-6\"",
    },
    FieldInfo {
        path: "contact.phone",
        label_ja: "電話番号",
        label_en: "phone number",
        kind: FieldKind::Phone,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: None,
        example: "\"TEL ０３（３２９２）００００\"",
    },
    FieldInfo {
        path: "contact.extension",
        label_ja: "内線番号",
        label_en: "extension",
        kind: FieldKind::Extension,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: Some(10),
        example: "\"２１５\"",
    },
    FieldInfo {
        path: "contact.application_phone",
        label_ja: "応募担当電話番号",
        label_en: "application phone number",
        kind: FieldKind::Phone,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: None,
        example: "\"03-3292-0001\"",
    },
    FieldInfo {
        path: "contact.fax",
        label_ja: "Fax番号",
        label_en: "fax number",
        kind: FieldKind::Phone,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: None,
        example: "\"FAX 03-3292-0002\"",
    },
    FieldInfo {
        path: "contact.email",
        label_ja: "E-mail",
        label_en: "e-mail address",
        kind: FieldKind::Email,
        sensitivity: Sensitivity::MaskedWhenAsked,
        max_chars: Some(254),
        example: "\"jinji@example.jp\"",
    },
    FieldInfo {
        path: "existing_listings",
        label_ja: "求人登録の有無",
        label_en: "existing listings",
        kind: FieldKind::Group,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "",
    },
    FieldInfo {
        path: "existing_listings.hello_work",
        label_ja: "ハローワークへの求人登録",
        label_en: "listed at Hello Work",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "true",
    },
    FieldInfo {
        path: "existing_listings.women_doctors_bank",
        label_ja: "女性医師バンクへの求人登録",
        label_en: "listed at the Women Doctors Bank",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "false",
    },
    FieldInfo {
        path: "existing_listings.nurse_center",
        label_ja: "ナースセンターへの求人登録",
        label_en: "listed at a nurse centre",
        kind: FieldKind::Boolean,
        sensitivity: Sensitivity::Public,
        max_chars: None,
        example: "\"有\"",
    },
    FieldInfo {
        path: "existing_listings.other",
        label_ja: "他の機関への求人登録",
        label_en: "listed elsewhere",
        kind: FieldKind::FreeText,
        sensitivity: Sensitivity::Public,
        max_chars: Some(100),
        example: "\"医師会の求人サイト\"",
    },
];

// ---------------------------------------------------------------------------------------------
// Lists derived from the catalogue at compile time

const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        // In bounds: both are `a.len()` long.
        #[allow(clippy::indexing_slicing)]
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The sensitivity of a path; an unknown path is public (it holds nothing the form hides).
pub const fn sensitivity(path: &str) -> Sensitivity {
    let mut i = 0;
    while i < FIELDS.len() {
        // In bounds: the loop stops at `FIELDS.len()`.
        #[allow(clippy::indexing_slicing)]
        let f = &FIELDS[i];
        if same_str(f.path, path) {
            return f.sensitivity;
        }
        i += 1;
    }
    Sensitivity::Public
}

/// Whether the public view of a masked form hides `path`.
pub const fn masked_when_asked(path: &str) -> bool {
    matches!(sensitivity(path), Sensitivity::MaskedWhenAsked)
}

#[derive(Clone, Copy)]
enum Selection {
    Masked,
    AlwaysHidden,
    PublicText,
    HiddenText,
}

const fn selected(f: &FieldInfo, which: Selection) -> bool {
    match which {
        Selection::Masked => matches!(f.sensitivity, Sensitivity::MaskedWhenAsked),
        Selection::AlwaysHidden => matches!(f.sensitivity, Sensitivity::AlwaysHidden),
        Selection::PublicText => f.is_public_text(),
        Selection::HiddenText => f.is_hidden_text(),
    }
}

const fn count(which: Selection) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < FIELDS.len() {
        // In bounds: the loop stops at `FIELDS.len()`.
        #[allow(clippy::indexing_slicing)]
        if selected(&FIELDS[i], which) {
            n += 1;
        }
        i += 1;
    }
    n
}

const fn paths<const N: usize>(which: Selection) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < FIELDS.len() {
        // In bounds: `n` counts the selected rows, of which there are `N` (`count`); a wrong
        // `N` fails the build, as constants are evaluated at compile time.
        #[allow(clippy::indexing_slicing)]
        if selected(&FIELDS[i], which) {
            out[n] = FIELDS[i].path;
            n += 1;
        }
        i += 1;
    }
    out
}

/// Fields hidden from the public view when masking is requested — all together (§6).
pub const MASKED_FIELDS: [&str; count(Selection::Masked)] = paths(Selection::Masked);
/// Never public, masking or not.
pub const ALWAYS_HIDDEN_FIELDS: [&str; count(Selection::AlwaysHidden)] =
    paths(Selection::AlwaysHidden);
/// Free-text fields that stay public, where hidden facts must not be repeated (§6).
pub const PUBLIC_TEXT_FIELDS: [&str; count(Selection::PublicText)] = paths(Selection::PublicText);
/// Text fields that may be hidden, where the facility ID is looked for too.
pub const HIDDEN_TEXT_FIELDS: [&str; count(Selection::HiddenText)] = paths(Selection::HiddenText);

/// The catalogue entry of a path.
pub fn field_info(path: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.path == path)
}

/// Japanese label of a path (the path itself when unknown).
pub fn label_ja(path: &str) -> &str {
    field_info(path).map_or(path, |f| f.label_ja)
}

/// English label of a path (the path itself when unknown).
pub fn label_en(path: &str) -> &str {
    field_info(path).map_or(path, |f| f.label_en)
}

/// The length limit of a text field.
pub fn max_chars(path: &str) -> Option<usize> {
    field_info(path).and_then(|f| f.max_chars)
}

/// The unit and range of a number field.
pub fn number_kind(path: &str) -> Option<(Unit, i64, i64)> {
    match field_info(path)?.kind {
        FieldKind::Number { unit, min, max } => Some((unit, min, max)),
        _ => None,
    }
}

/// The keys an object of the form may have, by the object's path (`""` = the form itself).
pub fn known_keys(object_path: &str) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter_map(|f| match object_path {
            "" => (!f.path.contains('.')).then_some(f.path),
            parent => f
                .path
                .strip_prefix(parent)
                .and_then(|rest| rest.strip_prefix('.')),
        })
        .collect()
}

/// Orders findings by the position of their path in the form (unknown paths last, by name),
/// keeping the order of findings on the same path.
pub fn sort_findings(findings: &mut [crate::Finding]) {
    findings.sort_by_cached_key(|f| {
        let position = FIELDS
            .iter()
            .position(|info| info.path == f.path)
            .unwrap_or(FIELDS.len());
        (
            position,
            if position == FIELDS.len() {
                f.path.clone()
            } else {
                String::new()
            },
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn domain_example() -> Value {
        let case: Value =
            serde_json::from_str(include_str!("../../../tests/cases/domain_example.json")).unwrap();
        case["input"].clone()
    }

    fn set(form: &mut Value, path: &str, value: Value) {
        let mut at = form;
        let mut parts = path.split('.').peekable();
        while let Some(key) = parts.next() {
            if parts.peek().is_none() {
                at[key] = value;
                return;
            }
            at = &mut at[key];
        }
    }

    /// Fields whose example needs another field to agree (`その他` ticked for its detail, a
    /// trial period for its salary).
    fn companions(path: &str) -> Vec<(&'static str, Value)> {
        match path {
            "duties.kinds" | "duties.other_detail" => vec![("duties.kinds", json!(["その他"]))],
            "passive_smoking_detail" => vec![("passive_smoking", json!("その他"))],
            "salary.trial_amount_yen" => vec![("trial_period_weeks", json!(4))],
            _ => Vec::new(),
        }
    }

    /// Each row's example, typed into the docs/domain.md §2 example form, reads without an error
    /// finding: examples that tests check, like libphonenumber's.
    #[test]
    fn every_example_reads() {
        for field in FIELDS.iter().filter(|f| f.kind != FieldKind::Group) {
            let example: Value = serde_json::from_str(field.example)
                .unwrap_or_else(|e| panic!("{}: example is no JSON: {e}", field.path));
            let mut form = domain_example();
            set(&mut form, field.path, example);
            for (other, value) in companions(field.path) {
                set(&mut form, other, value);
            }
            let validation = crate::validate_value(&form).unwrap();
            let errors: Vec<_> = validation
                .findings()
                .iter()
                .filter(|f| f.severity == crate::Severity::Error)
                .collect();
            assert!(
                errors.is_empty(),
                "{}: {} gives {errors:?}",
                field.path,
                field.example
            );
        }
    }

    /// The public view of a masked form hides exactly the masked fields and the always-hidden
    /// ones; the registered view hides only the always-hidden ones; text fields are readable by
    /// path.
    #[test]
    fn views_follow_the_catalogue() {
        let mut form = domain_example();
        for field in FIELDS.iter().filter(|f| f.kind != FieldKind::Group) {
            set(
                &mut form,
                field.path,
                serde_json::from_str(field.example).unwrap(),
            );
        }
        for field in FIELDS {
            for (other, value) in companions(field.path) {
                set(&mut form, other, value);
            }
        }
        let valid = crate::validate(&form).unwrap();
        let public = crate::FormView::public(&valid).to_json_value();
        let registered = crate::FormView::registered(&valid).to_json_value();
        let internal = valid.to_json_value();
        let at =
            |v: &Value, path: &str| v.pointer(&format!("/{}", path.replace('.', "/"))).cloned();
        for field in FIELDS.iter().filter(|f| f.kind != FieldKind::Group) {
            let value = at(&internal, field.path);
            assert!(
                value.as_ref().is_some_and(|v| !v.is_null()),
                "{} is empty",
                field.path
            );
            let (in_public, in_registered) = (at(&public, field.path), at(&registered, field.path));
            match field.sensitivity {
                Sensitivity::Public => {
                    assert_eq!(in_public, value, "{}", field.path);
                    assert_eq!(in_registered, value, "{}", field.path);
                }
                Sensitivity::MaskedWhenAsked => {
                    assert_eq!(in_public, Some(Value::Null), "{}", field.path);
                    assert_eq!(in_registered, value, "{}", field.path);
                }
                Sensitivity::AlwaysHidden => {
                    assert_eq!(in_public, None, "{}", field.path);
                    assert_eq!(in_registered, None, "{}", field.path);
                }
            }
            let is_text = matches!(
                field.kind,
                FieldKind::Line
                    | FieldKind::FreeText
                    | FieldKind::PersonName
                    | FieldKind::Id
                    | FieldKind::Phone
                    | FieldKind::Extension
                    | FieldKind::PostalCode
                    | FieldKind::Email
                    | FieldKind::Municipality
            );
            assert_eq!(
                valid.text_at(field.path).map(Value::from),
                is_text.then(|| value.clone().unwrap()),
                "{}",
                field.path
            );
        }
    }

    #[test]
    fn derived_lists() {
        assert_eq!(MASKED_FIELDS.len(), 11);
        assert_eq!(ALWAYS_HIDDEN_FIELDS, ["facility.id"]);
        assert_eq!(
            PUBLIC_TEXT_FIELDS,
            [
                "duties.other_detail",
                "duties.specifics",
                "working_hours.holidays",
                "insurance.other",
                "passive_smoking_detail",
                "notes",
                "existing_listings.other"
            ]
        );
        assert!(masked_when_asked("contact.email") && !masked_when_asked("notes"));
        assert_eq!(sensitivity("no.such.field"), Sensitivity::Public);
    }
}
