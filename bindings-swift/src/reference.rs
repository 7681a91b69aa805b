//! Reference data: the catalogue of finding codes, the occupations, the form's fields, the
//! prefectures, and the Japanese labels of the form's choices. The core keeps its tables as
//! `&'static str`, which UniFFI does not carry in a record: the three rows below are owned copies
//! of them, the rest are the core's own types.

use keynet::form::fields::{FIELDS, FieldInfo, field_info};
use keynet::places::PrefectureInfo;
use keynet::{Code, DutyKind, FacilityType, LicenceGroup, Occupation, PassiveSmoking, SalaryBasis};

/// One entry of the catalogue of finding codes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeInfo {
    pub code: Code,
    /// The snake_case string of the code, as in the canonical JSON (`unknown_value`).
    pub name: String,
    pub description: String,
    pub description_ja: String,
}

/// One row of the occupation table (docs/domain.md §3), with its labels.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OccupationInfo {
    pub occupation: Occupation,
    /// The JSON code (`public_health_nurse`).
    pub code: String,
    /// 保健師
    pub name_ja: String,
    /// public health nurse
    pub name_en: String,
    pub group: LicenceGroup,
    /// The national body that receives its postings (docs/domain.md §7 イ), if any.
    pub national_body_ja: Option<String>,
    pub national_body_en: Option<String>,
}

impl From<&keynet::OccupationInfo> for OccupationInfo {
    fn from(info: &keynet::OccupationInfo) -> Self {
        OccupationInfo {
            occupation: info.occupation,
            code: info.code.to_owned(),
            name_ja: info.name_ja.to_owned(),
            name_en: info.name_en.to_owned(),
            group: info.group,
            national_body_ja: info.national_body.map(str::to_owned),
            national_body_en: info.national_body_en.map(str::to_owned),
        }
    }
}

/// One field of the form: its JSON path, labels and length limit — for showing a finding beside
/// the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FormField {
    pub path: String,
    pub label_ja: String,
    pub label_en: String,
    /// Maximum length in characters, for text fields.
    pub max_chars: Option<u32>,
}

impl From<&FieldInfo> for FormField {
    fn from(f: &FieldInfo) -> Self {
        FormField {
            path: f.path.to_owned(),
            label_ja: f.label_ja.to_owned(),
            label_en: f.label_en.to_owned(),
            max_chars: f.max_chars.and_then(|n| u32::try_from(n).ok()),
        }
    }
}

/// The catalogue of finding codes with English and Japanese descriptions.
#[uniffi::export]
pub fn catalogue() -> Vec<CodeInfo> {
    keynet::catalogue()
        .into_iter()
        .map(|info| CodeInfo {
            code: info.code,
            name: info.code.as_str().to_owned(),
            description: info.description.to_owned(),
            description_ja: info.description_ja.to_owned(),
        })
        .collect()
}

/// The snake_case string of a code, as in the canonical JSON (`unknown_value`).
#[uniffi::export]
pub fn finding_code_name(code: Code) -> String {
    code.as_str().to_owned()
}

/// The 11 occupations in the order of docs/domain.md §3, with Japanese and English labels.
#[uniffi::export]
pub fn occupations() -> Vec<OccupationInfo> {
    keynet::OCCUPATIONS
        .iter()
        .map(OccupationInfo::from)
        .collect()
}

/// One occupation's row: labels, licence group, national body.
#[uniffi::export]
pub fn occupation_info(occupation: Occupation) -> OccupationInfo {
    occupation.info().into()
}

/// Every field of the form with its labels and length limit, in form order.
#[uniffi::export]
pub fn form_fields() -> Vec<FormField> {
    FIELDS.iter().map(FormField::from).collect()
}

/// The field a finding's path names (nil for paths outside the form, such as `postings.0`).
#[uniffi::export]
pub fn form_field(path: String) -> Option<FormField> {
    field_info(&path).map(FormField::from)
}

/// The 47 prefectures in code order.
#[uniffi::export]
pub fn prefectures() -> Vec<PrefectureInfo> {
    keynet::Prefecture::all()
        .map(|p| PrefectureInfo {
            code: p.code(),
            name: p.name().to_owned(),
            short_name: p.short_name().to_owned(),
            romaji: p.romaji().to_owned(),
        })
        .collect()
}

fn label_in<T: PartialEq + Copy>(table: &[(T, &'static str, &'static str)], value: T) -> String {
    table
        .iter()
        .find(|(v, _, _)| *v == value)
        .map(|(_, _, ja)| (*ja).to_owned())
        .unwrap_or_default()
}

/// 病院 / 診療所 / 保健所.
#[uniffi::export]
pub fn facility_type_label_ja(facility_type: FacilityType) -> String {
    label_in(&FacilityType::ALL, facility_type)
}

/// 一般内科外来業務, …
#[uniffi::export]
pub fn duty_kind_label_ja(kind: DutyKind) -> String {
    label_in(&DutyKind::ALL, kind)
}

/// 時給 / 日給 / 月給.
#[uniffi::export]
pub fn salary_basis_label_ja(basis: SalaryBasis) -> String {
    label_in(&SalaryBasis::ALL, basis)
}

/// 敷地内禁煙, …
#[uniffi::export]
pub fn passive_smoking_label_ja(measure: PassiveSmoking) -> String {
    label_in(&PassiveSmoking::ALL, measure)
}
