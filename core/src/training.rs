//! Training conditions (研修, DOMAIN §8): judging a hire's training plan, and the catalogue of
//! teaching materials the seeds list (data: `core/data/training_materials.json`).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::finding::{Code, Finding};
use crate::occupation::Occupation;

/// The recommended total: at least about two hours.
pub const RECOMMENDED_MINUTES: u32 = 120;

/// A module of the training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Module {
    /// 感染管理の講義 (required)
    InfectionControlLecture,
    /// 感染管理の実技実習 (required; e.g. putting on and taking off PPE)
    InfectionControlPractical,
    /// 医療安全の講義 (required)
    MedicalSafetyLecture,
    /// Further training by duties, experience and time away (with a title).
    Other,
}

impl Module {
    /// The three required modules, in this order.
    pub const REQUIRED: [Module; 3] = [
        Module::InfectionControlLecture,
        Module::InfectionControlPractical,
        Module::MedicalSafetyLecture,
    ];

    pub const ALL: [(Module, &'static str); 4] = [
        (Module::InfectionControlLecture, "infection_control_lecture"),
        (
            Module::InfectionControlPractical,
            "infection_control_practical",
        ),
        (Module::MedicalSafetyLecture, "medical_safety_lecture"),
        (Module::Other, "other"),
    ];

    /// The JSON code (`infection_control_practical`).
    pub fn code(self) -> &'static str {
        Module::ALL
            .iter()
            .find(|(m, _)| *m == self)
            .map_or("other", |(_, c)| *c)
    }

    /// The Japanese name (`感染管理の実技実習`).
    pub const fn label_ja(self) -> &'static str {
        match self {
            Module::InfectionControlLecture => "感染管理の講義",
            Module::InfectionControlPractical => "感染管理の実技実習",
            Module::MedicalSafetyLecture => "医療安全の講義",
            Module::Other => "その他の研修",
        }
    }
}

/// How a session is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    InPerson,
    Video,
    External,
}

impl Delivery {
    pub const ALL: [(Delivery, &'static str); 3] = [
        (Delivery::InPerson, "in_person"),
        (Delivery::Video, "video"),
        (Delivery::External, "external"),
    ];
}

/// One session of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub module: Module,
    pub minutes: u32,
    pub delivery: Delivery,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A hire's training plan (§11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingPlan {
    pub sessions: Vec<Session>,
}

/// The judgement of a plan (§11), plus warnings a person should read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub missing_required: Vec<Module>,
    pub total_minutes: u32,
    pub meets_recommended_minutes: bool,
    /// True when no required module is missing (120 minutes are a recommendation only).
    pub reportable: bool,
    /// E.g. a practical delivered by video (see [`assess`]). Empty when there is nothing to say.
    pub warnings: Vec<Finding>,
}

/// Judges a plan. A required module counts when some session of it has minutes > 0.
///
/// Video: the MHLW notice (seed 000 別添1 (7)) allows the training "including by video"
/// (動画の視聴によるものを含む) without excluding the practical; only the JMA cover letter narrows
/// video to lectures. The seed of authority wins, so a practical by video counts — with a
/// warning that PPE should be practised hands-on (DOMAIN §8 reads it the JMA's way).
pub fn assess(plan: &TrainingPlan) -> Assessment {
    let total_minutes = plan.sessions.iter().map(|s| s.minutes).sum();
    let missing_required: Vec<Module> = Module::REQUIRED
        .into_iter()
        .filter(|m| {
            !plan
                .sessions
                .iter()
                .any(|s| s.module == *m && s.minutes > 0)
        })
        .collect();
    let mut warnings = Vec::new();
    let practical_in_person = plan
        .sessions
        .iter()
        .any(|s| s.module == Module::InfectionControlPractical && s.delivery != Delivery::Video);
    for (i, s) in plan.sessions.iter().enumerate() {
        if s.module == Module::InfectionControlPractical
            && s.delivery == Delivery::Video
            && !practical_in_person
        {
            warnings.push(Finding::warning(
                format!("sessions.{i}.delivery"),
                Code::Inconsistent,
                "the infection-control practical is given by video only: the MHLW notice allows video, but make sure PPE donning and doffing is practised hands-on",
                "感染管理の実技実習が動画のみです。通知上は動画も可とされていますが、防護具の着脱は実際に練習させてください",
            ));
        }
    }
    Assessment {
        reportable: missing_required.is_empty(),
        missing_required,
        total_minutes,
        meets_recommended_minutes: total_minutes >= RECOMMENDED_MINUTES,
        warnings,
    }
}

/// A plan that could not be read, with every finding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the training plan has {} error(s)", findings.len())]
pub struct InvalidPlan {
    pub findings: Vec<Finding>,
}

fn choice<T: Copy>(
    v: Option<&Value>,
    path: &str,
    options: &[(T, &str)],
    findings: &mut Vec<Finding>,
) -> Option<T> {
    match v.and_then(Value::as_str) {
        Some(s) => match options.iter().find(|(_, n)| *n == s) {
            Some((t, _)) => Some(*t),
            None => {
                let allowed: Vec<&str> = options.iter().map(|(_, n)| *n).collect();
                findings.push(Finding::error(
                    path,
                    Code::UnknownValue,
                    format!("{path} must be one of {} (got {s:?})", allowed.join(", ")),
                    format!("{path}の選択肢にない値です（入力値：「{s}」）"),
                ));
                None
            }
        },
        None => {
            findings.push(Finding::error(
                path,
                Code::Required,
                format!("{path} is required"),
                format!("{path}を入力してください"),
            ));
            None
        }
    }
}

/// Reads a plan from its JSON (§11): `{"sessions": [{"module", "minutes", "delivery", "title"?}]}`.
pub fn read_plan(value: &Value) -> Result<TrainingPlan, InvalidPlan> {
    let mut findings = Vec::new();
    let Some(items) = value.get("sessions").and_then(Value::as_array) else {
        return Err(InvalidPlan {
            findings: vec![Finding::error(
                "sessions",
                Code::Required,
                "a training plan needs a list of sessions",
                "研修計画には sessions（配列）が必要です",
            )],
        });
    };
    let mut sessions = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = |k: &str| format!("sessions.{i}.{k}");
        let module = choice(
            item.get("module"),
            &path("module"),
            &Module::ALL,
            &mut findings,
        );
        let delivery = choice(
            item.get("delivery"),
            &path("delivery"),
            &Delivery::ALL,
            &mut findings,
        );
        let minutes = match item
            .get("minutes")
            .and_then(Value::as_u64)
            .and_then(|m| u32::try_from(m).ok())
        {
            Some(m) if m <= 24 * 60 => Some(m),
            _ => {
                findings.push(Finding::error(
                    path("minutes"),
                    Code::Range,
                    "minutes must be a whole number from 0 to 1440",
                    "時間（分）は0～1440の整数で入力してください",
                ));
                None
            }
        };
        let title = item
            .get("title")
            .and_then(Value::as_str)
            .and_then(crate::text::clean_line);
        if module == Some(Module::Other) && title.is_none() {
            findings.push(Finding::error(
                path("title"),
                Code::Required,
                "a session of other training needs its title",
                "その他の研修には研修名を入力してください",
            ));
        }
        if let (Some(module), Some(delivery), Some(minutes)) = (module, delivery, minutes) {
            sessions.push(Session {
                module,
                minutes,
                delivery,
                title,
            });
        }
    }
    if findings.is_empty() {
        Ok(TrainingPlan { sessions })
    } else {
        Err(InvalidPlan { findings })
    }
}

// ---------------------------------------------------------------------------------------------
// Teaching materials

/// How a material may be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// The seed states no restriction.
    Free,
    MembersOnly,
    Paid,
}

/// One teaching material of the seeds' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub provider: String,
    /// `["all"]` or occupation codes.
    pub audience: Vec<String>,
    pub format: String,
    pub minutes: Option<u32>,
    pub pages: Option<u32>,
    pub access: Access,
    pub url: Option<String>,
    pub topics: Vec<String>,
    pub note: Option<String>,
}

impl Material {
    /// True when the material is meant for this occupation (or for all).
    pub fn is_for(&self, occupation: Occupation) -> bool {
        self.audience
            .iter()
            .any(|a| a == "all" || a == occupation.code())
    }
}

#[derive(Deserialize)]
struct Catalogue {
    materials: Vec<Material>,
}

/// The whole catalogue, as the seeds list it.
pub fn materials() -> &'static [Material] {
    static CATALOGUE: OnceLock<Vec<Material>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        // Checked to parse, with every audience a known occupation, by a test.
        serde_json::from_str::<Catalogue>(include_str!("../data/training_materials.json"))
            .map(|c| c.materials)
            .unwrap_or_default()
    })
}

/// The materials for one occupation (those for all occupations included).
pub fn materials_for(occupation: Occupation) -> Vec<&'static Material> {
    materials()
        .iter()
        .filter(|m| m.is_for(occupation))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(sessions: &[(Module, u32, Delivery)]) -> TrainingPlan {
        TrainingPlan {
            sessions: sessions
                .iter()
                .map(|&(module, minutes, delivery)| Session {
                    module,
                    minutes,
                    delivery,
                    title: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_spec_example() {
        let v: Value = serde_json::from_str(
            r#"{"sessions": [{"module": "infection_control_lecture", "minutes": 40, "delivery": "video"},
              {"module": "infection_control_practical", "minutes": 45, "delivery": "in_person"},
              {"module": "medical_safety_lecture", "minutes": 30, "delivery": "external"},
              {"module": "other", "title": "PCR検体採取", "minutes": 25, "delivery": "video"}]}"#,
        )
        .unwrap();
        let a = assess(&read_plan(&v).unwrap());
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"missing_required": [], "total_minutes": 140, "meets_recommended_minutes": true,
                               "reportable": true, "warnings": []})
        );
    }

    #[test]
    fn missing_modules_short_plans_and_video_practicals() {
        use Delivery::*;
        use Module::*;
        let a = assess(&plan(&[
            (InfectionControlLecture, 60, Video),
            (MedicalSafetyLecture, 30, InPerson),
        ]));
        assert_eq!(a.missing_required, vec![InfectionControlPractical]);
        assert!(!a.reportable);
        let a = assess(&plan(&[
            (InfectionControlLecture, 20, Video),
            (InfectionControlPractical, 20, InPerson),
            (MedicalSafetyLecture, 20, Video),
        ]));
        assert!(a.reportable && !a.meets_recommended_minutes);
        assert_eq!(a.total_minutes, 60);
        let a = assess(&plan(&[
            (InfectionControlLecture, 40, Video),
            (InfectionControlPractical, 40, Video),
            (MedicalSafetyLecture, 40, Video),
        ]));
        assert!(a.reportable && a.meets_recommended_minutes);
        assert_eq!(a.warnings.len(), 1);
        assert_eq!(a.warnings[0].path, "sessions.1.delivery");
        let a = assess(&plan(&[
            (InfectionControlLecture, 40, Video),
            (InfectionControlPractical, 0, InPerson),
            (MedicalSafetyLecture, 40, Video),
        ]));
        assert_eq!(a.missing_required, vec![InfectionControlPractical]);
    }

    #[test]
    fn bad_plans_give_every_finding() {
        let v: Value = serde_json::from_str(
            r#"{"sessions": [{"module": "yoga", "minutes": -5, "delivery": "video"}, {"module": "other", "minutes": 10, "delivery": "tv"}]}"#,
        )
        .unwrap();
        let paths: Vec<String> = read_plan(&v)
            .unwrap_err()
            .findings
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            [
                "sessions.0.module",
                "sessions.0.minutes",
                "sessions.1.delivery",
                "sessions.1.title"
            ]
        );
    }

    #[test]
    fn catalogue_is_complete_and_queryable() {
        let all = materials();
        assert!(all.len() >= 14);
        for m in all {
            for a in &m.audience {
                assert!(
                    a == "all" || Occupation::parse(a).is_some(),
                    "{}: unknown audience {a}",
                    m.id
                );
            }
            assert!(!m.title.is_empty() && !m.provider.is_empty());
        }
        let lab = materials_for(Occupation::ClinicalLaboratoryTechnologist);
        assert!(
            lab.iter()
                .any(|m| m.id == "jamt_lamp" && m.minutes == Some(10))
        );
        assert!(
            !materials_for(Occupation::Nurse)
                .iter()
                .any(|m| m.id == "jamt_lamp")
        );
        assert!(
            materials_for(Occupation::Nurse)
                .iter()
                .any(|m| m.id == "jma_gown_donning_doffing" && m.minutes == Some(4))
        );
    }
}
