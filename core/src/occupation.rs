//! The 11 occupations of the plan (docs/domain.md §3) — a closed list, held as data.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which licence family an occupation belongs to; the nurse centres serve `Nursing`.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceGroup {
    Medical,
    Nursing,
    MedicalTechnology,
    Pharmacy,
    EmergencyMedicalService,
    Clerical,
}

/// 募集職種: one per form.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occupation {
    Physician,
    PublicHealthNurse,
    Midwife,
    Nurse,
    AssistantNurse,
    RadiologicalTechnologist,
    ClinicalLaboratoryTechnologist,
    ClinicalEngineer,
    Pharmacist,
    Paramedic,
    Clerical,
}

/// One row of the occupation table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OccupationInfo {
    pub occupation: Occupation,
    pub code: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub group: LicenceGroup,
    /// The national body that receives its postings (§7 イ), if any.
    pub national_body: Option<&'static str>,
    pub national_body_en: Option<&'static str>,
}

const NURSE_CENTER: (Option<&str>, Option<&str>) = (
    Some("日本看護協会 中央ナースセンター"),
    Some("JNA Central Nurse Center"),
);

/// The table of docs/domain.md §3, in its order (which is also the order of count rows, §11).
pub const OCCUPATIONS: [OccupationInfo; 11] = [
    OccupationInfo {
        occupation: Occupation::Physician,
        code: "physician",
        name_ja: "医師",
        name_en: "physician",
        group: LicenceGroup::Medical,
        national_body: Some("日本医師会 女性医師バンク"),
        national_body_en: Some("JMA Women Doctors Bank"),
    },
    OccupationInfo {
        occupation: Occupation::PublicHealthNurse,
        code: "public_health_nurse",
        name_ja: "保健師",
        name_en: "public health nurse",
        group: LicenceGroup::Nursing,
        national_body: NURSE_CENTER.0,
        national_body_en: NURSE_CENTER.1,
    },
    OccupationInfo {
        occupation: Occupation::Midwife,
        code: "midwife",
        name_ja: "助産師",
        name_en: "midwife",
        group: LicenceGroup::Nursing,
        national_body: NURSE_CENTER.0,
        national_body_en: NURSE_CENTER.1,
    },
    OccupationInfo {
        occupation: Occupation::Nurse,
        code: "nurse",
        name_ja: "看護師",
        name_en: "registered nurse",
        group: LicenceGroup::Nursing,
        national_body: NURSE_CENTER.0,
        national_body_en: NURSE_CENTER.1,
    },
    OccupationInfo {
        occupation: Occupation::AssistantNurse,
        code: "assistant_nurse",
        name_ja: "准看護師",
        name_en: "licensed practical nurse",
        group: LicenceGroup::Nursing,
        national_body: NURSE_CENTER.0,
        national_body_en: NURSE_CENTER.1,
    },
    OccupationInfo {
        occupation: Occupation::RadiologicalTechnologist,
        code: "radiological_technologist",
        name_ja: "診療放射線技師",
        name_en: "radiological technologist",
        group: LicenceGroup::MedicalTechnology,
        national_body: Some("日本診療放射線技師会"),
        national_body_en: Some("JART"),
    },
    OccupationInfo {
        occupation: Occupation::ClinicalLaboratoryTechnologist,
        code: "clinical_laboratory_technologist",
        name_ja: "臨床検査技師",
        name_en: "clinical laboratory technologist",
        group: LicenceGroup::MedicalTechnology,
        national_body: Some("日本臨床衛生検査技師会"),
        national_body_en: Some("JAMT"),
    },
    OccupationInfo {
        occupation: Occupation::ClinicalEngineer,
        code: "clinical_engineer",
        name_ja: "臨床工学技士",
        name_en: "clinical engineer",
        group: LicenceGroup::MedicalTechnology,
        national_body: Some("日本臨床工学技士会"),
        national_body_en: Some("JACE"),
    },
    OccupationInfo {
        occupation: Occupation::Pharmacist,
        code: "pharmacist",
        name_ja: "薬剤師",
        name_en: "pharmacist",
        group: LicenceGroup::Pharmacy,
        national_body: None,
        national_body_en: None,
    },
    OccupationInfo {
        occupation: Occupation::Paramedic,
        code: "paramedic",
        name_ja: "救急救命士",
        name_en: "emergency life-saving technician",
        group: LicenceGroup::EmergencyMedicalService,
        national_body: None,
        national_body_en: None,
    },
    OccupationInfo {
        occupation: Occupation::Clerical,
        code: "clerical",
        name_ja: "事務職",
        name_en: "clerical staff",
        group: LicenceGroup::Clerical,
        national_body: None,
        national_body_en: None,
    },
];

impl Occupation {
    /// All 11, in the order of docs/domain.md §3.
    pub fn all() -> impl Iterator<Item = Occupation> {
        OCCUPATIONS.iter().map(|o| o.occupation)
    }

    pub fn info(self) -> &'static OccupationInfo {
        // The table is indexed by the enum's declaration order (checked by a test).
        match OCCUPATIONS.get(self as usize) {
            Some(info) => info,
            None => &OCCUPATIONS[0],
        }
    }

    pub fn code(self) -> &'static str {
        self.info().code
    }

    pub fn name_ja(self) -> &'static str {
        self.info().name_ja
    }

    pub fn name_en(self) -> &'static str {
        self.info().name_en
    }

    pub fn group(self) -> LicenceGroup {
        self.info().group
    }

    /// 保健師・助産師・看護師・准看護師: the scope of the nurse centres.
    pub fn is_nursing(self) -> bool {
        self.group() == LicenceGroup::Nursing
    }

    /// From the code (`nurse`) or the Japanese name (`看護師`).
    pub fn parse(s: &str) -> Option<Occupation> {
        OCCUPATIONS
            .iter()
            .find(|o| o.code == s || o.name_ja == s)
            .map(|o| o.occupation)
    }

    /// Position in the §3 order.
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Occupation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order_and_codes_match_serde() {
        for (i, info) in OCCUPATIONS.iter().enumerate() {
            assert_eq!(info.occupation as usize, i);
            assert_eq!(serde_json::to_value(info.occupation).unwrap(), info.code);
            assert_eq!(Occupation::parse(info.code), Some(info.occupation));
            assert_eq!(Occupation::parse(info.name_ja), Some(info.occupation));
        }
        assert_eq!(Occupation::all().count(), 11);
    }

    #[test]
    fn four_nursing_occupations() {
        let nursing: Vec<&str> = Occupation::all()
            .filter(|o| o.is_nursing())
            .map(Occupation::name_ja)
            .collect();
        assert_eq!(nursing, ["保健師", "助産師", "看護師", "准看護師"]);
    }
}
