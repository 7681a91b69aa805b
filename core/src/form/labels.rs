//! The Japanese label of a canonical code, by the field it is in: `clinic` at `facility.type` is
//! 診療所, `14` at `workplace.prefecture` is 神奈川県, `assistant_nurse` is 准看護師. What a CSV for
//! people in Japan shows instead of the codes (docs/choices.md, "CSV files"); the readers accept
//! both, so either reads back.

use super::{DutyKind, FacilityType, PassiveSmoking, SalaryBasis};
use crate::occupation::Occupation;
use crate::places::Prefecture;

fn in_table<T>(table: &[(T, &'static str, &'static str)], code: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(_, c, _)| *c == code)
        .map(|(_, _, ja)| *ja)
}

/// The Japanese label of `code` at the form path `path` (`facility.type`, `duties.kinds`, …), or
/// `None` where the field holds no code (free text, numbers, dates) or the code is unknown.
pub fn label_ja(path: &str, code: &str) -> Option<&'static str> {
    match path {
        "facility.type" => in_table(&FacilityType::ALL, code),
        "duties.kinds" => in_table(&DutyKind::ALL, code),
        "salary.basis" => in_table(&SalaryBasis::ALL, code),
        "passive_smoking" => in_table(&PassiveSmoking::ALL, code),
        "occupation" => Occupation::all()
            .find(|o| o.code() == code)
            .map(Occupation::name_ja),
        "facility.prefecture" | "workplace.prefecture" => {
            // Only a code: a name is already a label.
            let number: u8 = code.parse().ok()?;
            Prefecture::from_number(number).map(Prefecture::name)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_labels_and_other_text_none() {
        assert_eq!(label_ja("facility.type", "clinic"), Some("診療所"));
        assert_eq!(label_ja("workplace.prefecture", "14"), Some("神奈川県"));
        assert_eq!(label_ja("facility.prefecture", "13"), Some("東京都"));
        assert_eq!(label_ja("occupation", "assistant_nurse"), Some("准看護師"));
        assert_eq!(label_ja("salary.basis", "hourly"), Some("時給"));
        assert_eq!(
            label_ja("passive_smoking", "premises_no_smoking"),
            Some("敷地内禁煙")
        );
        assert_eq!(label_ja("duties.kinds", "other"), Some("その他"));
        assert_eq!(label_ja("workplace.prefecture", "48"), None);
        assert_eq!(label_ja("notes", "clinic"), None);
        assert_eq!(label_ja("facility.type", "hotel"), None);
    }

    /// Every code of every vocabulary has a label of its own; a prefecture's reads back.
    #[test]
    fn every_code_has_a_label() {
        let vocabularies: Vec<(&str, Vec<&str>)> = vec![
            (
                "facility.type",
                FacilityType::ALL.iter().map(|t| t.1).collect(),
            ),
            ("duties.kinds", DutyKind::ALL.iter().map(|t| t.1).collect()),
            (
                "salary.basis",
                SalaryBasis::ALL.iter().map(|t| t.1).collect(),
            ),
            (
                "passive_smoking",
                PassiveSmoking::ALL.iter().map(|t| t.1).collect(),
            ),
            (
                "occupation",
                Occupation::all().map(Occupation::code).collect(),
            ),
        ];
        for (path, codes) in vocabularies {
            for code in codes {
                let label = label_ja(path, code).unwrap_or_else(|| panic!("{path} {code}"));
                assert_ne!(label, code);
            }
        }
        for p in Prefecture::all() {
            let label = label_ja("workplace.prefecture", &p.code()).unwrap_or_default();
            assert_eq!(Prefecture::parse(label), Some(p));
        }
    }
}
