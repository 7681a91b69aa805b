//! G-MIS accounts (docs/domain.md §10, seeds 002–004): the ID kinds, what each may register and read,
//! and the password policies — with findings like the form's.

use serde::{Deserialize, Serialize};

use crate::beds::BedViewer;
use crate::finding::{Code, Finding};
use crate::form::{FacilityType, ValidForm};
use crate::places::Prefecture;
use crate::views::View;

/// The kinds of G-MIS ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 医療機関: registers its own postings (hospital or clinic).
    MedicalInstitution,
    /// 人材募集登録用 (health centre): registers public-health-centre postings.
    HealthCenterRecruitment,
    /// とりまとめ団体用 (health centres given IDs after the 2023 status change): no postings.
    AggregatingBody,
    /// 消防本部: the bed view of its own prefecture only; the ID is not shared outside the HQ.
    FireDepartmentHq,
    /// 都道府県: receives every posting (§7 ア), reads the bed view of its prefecture, and — being
    /// itself a 保健所設置自治体 — registers postings for its prefectural health centres
    /// (seed 001, 2(1)ii).
    Prefecture,
    /// 保健所設置自治体: registers health-centre postings, municipal staff too.
    HealthCenterMunicipality,
}

/// What an ID kind may do. A table, in [`PERMISSIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Permissions {
    pub kind: IdKind,
    pub label_ja: &'static str,
    /// Facility types of the forms it may register (empty: none).
    pub registers: &'static [FacilityType],
    /// The view in which it reads postings distributed to it (`None`: only its own postings).
    pub reads_postings: Option<View>,
    /// Reads the regional bed view of its own prefecture.
    pub reads_bed_view: bool,
}

/// The permissions of every ID kind (seeds 002–004; where the seeds are silent, docs/choices.md).
pub const PERMISSIONS: [Permissions; 6] = [
    Permissions {
        kind: IdKind::MedicalInstitution,
        label_ja: "医療機関",
        registers: &[FacilityType::Hospital, FacilityType::Clinic],
        reads_postings: None,
        reads_bed_view: false,
    },
    Permissions {
        kind: IdKind::HealthCenterRecruitment,
        label_ja: "保健所（人材募集登録用）",
        registers: &[FacilityType::PublicHealthCenter],
        reads_postings: None,
        reads_bed_view: true,
    },
    Permissions {
        kind: IdKind::AggregatingBody,
        label_ja: "とりまとめ団体",
        registers: &[],
        reads_postings: None,
        reads_bed_view: true,
    },
    Permissions {
        kind: IdKind::FireDepartmentHq,
        label_ja: "消防本部",
        registers: &[],
        reads_postings: None,
        reads_bed_view: true,
    },
    Permissions {
        kind: IdKind::Prefecture,
        label_ja: "都道府県",
        registers: &[FacilityType::PublicHealthCenter],
        reads_postings: Some(View::Internal),
        reads_bed_view: true,
    },
    Permissions {
        kind: IdKind::HealthCenterMunicipality,
        label_ja: "保健所設置自治体",
        registers: &[FacilityType::PublicHealthCenter],
        reads_postings: None,
        reads_bed_view: true,
    },
];

impl IdKind {
    /// The canonical snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            IdKind::MedicalInstitution => "medical_institution",
            IdKind::HealthCenterRecruitment => "health_center_recruitment",
            IdKind::AggregatingBody => "aggregating_body",
            IdKind::FireDepartmentHq => "fire_department_hq",
            IdKind::Prefecture => "prefecture",
            IdKind::HealthCenterMunicipality => "health_center_municipality",
        }
    }

    pub fn permissions(self) -> &'static Permissions {
        match PERMISSIONS.iter().find(|p| p.kind == self) {
            Some(p) => p,
            None => &PERMISSIONS[0],
        }
    }
}

/// A G-MIS account: its ID, kind and prefecture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub kind: IdKind,
    pub prefecture: Prefecture,
}

/// Something an account may not do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error("an ID of kind {} does not register postings", kind.as_str())]
    NoRegistration { kind: IdKind },
    #[error("an ID of kind {} registers {} postings, not {}", kind.as_str(), type_names(allowed), type_names(&[*given]))]
    WrongFacilityType {
        kind: IdKind,
        allowed: Vec<FacilityType>,
        given: FacilityType,
    },
    #[error("the form's facility ID is not this account's ID")]
    OtherFacility,
    #[error("the form's facility is in prefecture {given}, the account in {own}")]
    OtherPrefecture { own: Prefecture, given: Prefecture },
    #[error("an ID of kind {} does not read the bed view", kind.as_str())]
    NoBedView { kind: IdKind },
}

fn type_names(types: &[FacilityType]) -> String {
    let names: Vec<&str> = types
        .iter()
        .filter_map(|t| {
            FacilityType::ALL
                .iter()
                .find(|(ft, _, _)| ft == t)
                .map(|(_, code, _)| *code)
        })
        .collect();
    names.join(" or ")
}

fn type_names_ja(types: &[FacilityType]) -> String {
    let names: Vec<&str> = types
        .iter()
        .filter_map(|t| {
            FacilityType::ALL
                .iter()
                .find(|(ft, _, _)| ft == t)
                .map(|(_, _, ja)| *ja)
        })
        .collect();
    names.join("・")
}

impl AccessError {
    /// The same message in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            AccessError::NoRegistration { kind } => format!(
                "{}のIDでは募集情報を登録できません",
                kind.permissions().label_ja
            ),
            AccessError::WrongFacilityType {
                kind,
                allowed,
                given,
            } => format!(
                "{}のIDで登録できるのは{}の募集情報です（施設の種類：{}）",
                kind.permissions().label_ja,
                type_names_ja(allowed),
                type_names_ja(&[*given])
            ),
            AccessError::OtherFacility => {
                "登録票の医療機関IDがこのアカウントのIDと異なります".to_owned()
            }
            AccessError::OtherPrefecture { own, given } => format!(
                "登録票の施設の都道府県（{}）がアカウントの都道府県（{}）と異なります",
                given.name(),
                own.name()
            ),
            AccessError::NoBedView { kind } => format!(
                "{}のIDでは地域病床見える化を閲覧できません",
                kind.permissions().label_ja
            ),
        }
    }
}

impl Account {
    pub fn permissions(&self) -> &'static Permissions {
        self.kind.permissions()
    }

    /// Whether this account may register the form (its type, its own facility ID, its prefecture).
    pub fn may_register(&self, form: &ValidForm) -> Result<(), AccessError> {
        let p = self.permissions();
        if p.registers.is_empty() {
            return Err(AccessError::NoRegistration { kind: self.kind });
        }
        if !p.registers.contains(&form.facility.kind) {
            return Err(AccessError::WrongFacilityType {
                kind: self.kind,
                allowed: p.registers.to_vec(),
                given: form.facility.kind,
            });
        }
        if form.facility.id != self.id {
            return Err(AccessError::OtherFacility);
        }
        if form.facility.prefecture != self.prefecture {
            return Err(AccessError::OtherPrefecture {
                own: self.prefecture,
                given: form.facility.prefecture,
            });
        }
        Ok(())
    }

    /// The bed viewer of this account — of its own prefecture, and only for kinds that read it.
    pub fn bed_viewer(&self) -> Result<BedViewer, AccessError> {
        if self.permissions().reads_bed_view {
            Ok(BedViewer::of_prefecture(self.prefecture))
        } else {
            Err(AccessError::NoBedView { kind: self.kind })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Passwords

/// A password policy of the seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordPolicy {
    /// G-MIS / med-login: at least 8, half-width only, with an upper-case letter, a lower-case
    /// letter and a digit (half-width symbols allowed: the rule does not forbid them).
    Gmis,
    /// The 2020 kintone form: at least 8, half-width letters and digits combined (both present;
    /// it forbids nothing else — half-width symbols such as `-` are fine, docs/domain.md §12).
    Kintone2020,
}

impl PasswordPolicy {
    pub const ALL: [PasswordPolicy; 2] = [PasswordPolicy::Gmis, PasswordPolicy::Kintone2020];
}

/// Every finding about a password under a policy (path `password`). Messages never repeat it.
pub fn check_password(password: &str, policy: PasswordPolicy) -> Vec<Finding> {
    let mut f = Vec::new();
    let path = "password";
    let len = password.chars().count();
    if len < 8 {
        f.push(Finding::error(
            path,
            Code::Range,
            format!("a password needs at least 8 characters ({len} given)"),
            format!("パスワードは8文字以上で入力してください（{len}文字）"),
        ));
    }
    if password.chars().any(|c| !c.is_ascii_graphic()) {
        f.push(Finding::error(
            path,
            Code::Format,
            "a password may hold half-width characters only (no spaces, no full-width)",
            "パスワードは半角文字のみで入力してください（空白・全角は使えません）",
        ));
    }
    let has = |pred: fn(&char) -> bool| password.chars().any(|c| pred(&c));
    match policy {
        PasswordPolicy::Gmis => {
            let missing: Vec<(&str, &str)> = [
                (
                    has(char::is_ascii_uppercase),
                    "an upper-case letter",
                    "英大文字",
                ),
                (
                    has(char::is_ascii_lowercase),
                    "a lower-case letter",
                    "英小文字",
                ),
                (has(char::is_ascii_digit), "a digit", "数字"),
            ]
            .into_iter()
            .filter(|(ok, _, _)| !ok)
            .map(|(_, en, ja)| (en, ja))
            .collect();
            if !missing.is_empty() {
                let en: Vec<&str> = missing.iter().map(|(en, _)| *en).collect();
                let ja: Vec<&str> = missing.iter().map(|(_, ja)| *ja).collect();
                f.push(Finding::error(
                    path,
                    Code::Format,
                    format!("a G-MIS password needs {}", en.join(", ")),
                    format!("パスワードには{}を含めてください", ja.join("・")),
                ));
            }
        }
        PasswordPolicy::Kintone2020 => {
            if !(has(char::is_ascii_alphabetic) && has(char::is_ascii_digit)) {
                f.push(Finding::error(
                    path,
                    Code::Format,
                    "the password must combine half-width letters and digits",
                    "パスワードは半角英字と数字を組み合わせてください",
                ));
            }
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policies() {
        let codes = |p: &str, policy| {
            check_password(p, policy)
                .iter()
                .map(|f| f.code)
                .collect::<Vec<_>>()
        };
        assert!(codes("Keynet2020", PasswordPolicy::Gmis).is_empty());
        assert!(codes("Keynet-2020!", PasswordPolicy::Gmis).is_empty());
        assert_eq!(codes("Kn2020", PasswordPolicy::Gmis), [Code::Range]);
        assert_eq!(codes("keynet2020", PasswordPolicy::Gmis), [Code::Format]);
        assert_eq!(codes("Ｋｅｙｎｅｔ２０２０", PasswordPolicy::Gmis).len(), 2); // full-width, and no half-width letters
        assert!(codes("keynet2020", PasswordPolicy::Kintone2020).is_empty());
        assert_eq!(
            codes("keynetkeynet", PasswordPolicy::Kintone2020),
            [Code::Format]
        );
        assert!(codes("keynet-2020", PasswordPolicy::Kintone2020).is_empty());
        let f = check_password("Secret 1x", PasswordPolicy::Gmis);
        assert!(
            f.iter()
                .all(|f| !f.message.contains("Secret") && !f.message_ja.contains("Secret"))
        );
    }

    #[test]
    fn every_kind_has_permissions() {
        for kind in [
            IdKind::MedicalInstitution,
            IdKind::HealthCenterRecruitment,
            IdKind::AggregatingBody,
            IdKind::FireDepartmentHq,
            IdKind::Prefecture,
            IdKind::HealthCenterMunicipality,
        ] {
            assert_eq!(kind.permissions().kind, kind);
        }
        assert!(IdKind::AggregatingBody.permissions().registers.is_empty());
        assert!(!IdKind::MedicalInstitution.permissions().reads_bed_view);
    }
}
