//! Training conditions (研修, docs/domain.md §8, §12): judging a hire's training plan, the example
//! programme of seed 000 (data: `core/data/training_programme.json`), and the catalogue of teaching
//! materials the seeds list (data: `core/data/training_materials.json`).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::finding::{Code, Finding};
use crate::occupation::Occupation;

/// The recommended total: at least about two hours.
pub const RECOMMENDED_MINUTES: u32 = 120;

/// A module of the training.
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Enum),
    uniffi(name = "TrainingModule")
)]
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
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Enum),
    uniffi(name = "TrainingDelivery")
)]
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
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Record),
    uniffi(name = "TrainingSession")
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub module: Module,
    pub minutes: u32,
    /// `None`: not stated — read as in person, with a warning on a practical.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub delivery: Option<Delivery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub title: Option<String>,
}

/// A hire's training plan (§11).
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingPlan {
    pub sessions: Vec<Session>,
}

/// The judgement of a plan (§11), plus warnings a person should read.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub missing_required: Vec<Module>,
    /// The sum of the sessions' minutes (saturating: it cannot overflow).
    pub total_minutes: u32,
    pub meets_recommended_minutes: bool,
    /// True when no required module is missing (120 minutes are a recommendation only).
    pub reportable: bool,
    /// Findings a person should read, each at `sessions.<i>.delivery`: a practical by video (it
    /// does not count), a practical whose delivery is not stated (read as in person: confirm it
    /// was hands-on). Empty when there is nothing to say.
    pub warnings: Vec<Finding>,
}

impl Session {
    /// Whether the session counts for its module: minutes > 0, and a practical is not by video.
    pub fn counts(&self) -> bool {
        self.minutes > 0
            && !(self.module == Module::InfectionControlPractical
                && self.delivery == Some(Delivery::Video))
    }
}

/// Judges a plan. A required module counts when some session of it [counts](Session::counts).
///
/// Video: lectures may be watched on video (講義は動画の視聴でも可, the JMA cover letter of seed 000,
/// which records the ministry's confirmation that the practical is e.g. putting on and taking off
/// PPE with practice equipment); the practical is hands-on, so a practical "delivered" by video
/// does not satisfy the required practical (docs/domain.md §8, §12; docs/choices.md).
pub fn assess(plan: &TrainingPlan) -> Assessment {
    let total_minutes = plan
        .sessions
        .iter()
        .fold(0u32, |sum, s| sum.saturating_add(s.minutes));
    let missing_required: Vec<Module> = Module::REQUIRED
        .into_iter()
        .filter(|m| !plan.sessions.iter().any(|s| s.module == *m && s.counts()))
        .collect();
    let mut warnings = Vec::new();
    for (i, s) in plan.sessions.iter().enumerate() {
        if s.module != Module::InfectionControlPractical || s.minutes == 0 {
            continue;
        }
        match s.delivery {
            Some(Delivery::Video) => warnings.push(Finding::warning(
                format!("sessions.{i}.delivery"),
                Code::Inconsistent,
                "a practical by video does not count as the infection-control practical: it is hands-on (e.g. putting on and taking off PPE; practice equipment is fine)",
                "動画による実技実習は、必須の感染管理の実技実習として扱いません。防護具の着脱など実際に手を動かす形で実施してください（練習用の防護具や代用品で構いません）",
            )),
            None => warnings.push(Finding::warning(
                format!("sessions.{i}.delivery"),
                Code::Required,
                "the practical's delivery is not stated: read as in person; confirm that it was hands-on",
                "実技実習の実施方法が入力されていないため、対面として扱いました。実際に手を動かす形で実施したことを確認してください",
            )),
            Some(_) => {}
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

/// The Japanese label of a session's field.
fn field_ja(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or(path) {
        "module" => "研修項目",
        "delivery" => "実施方法",
        "minutes" => "時間（分）",
        "title" => "研修名",
        _ => "項目",
    }
}

fn option_ja(code: &str) -> &'static str {
    match code {
        "infection_control_lecture" => Module::InfectionControlLecture.label_ja(),
        "infection_control_practical" => Module::InfectionControlPractical.label_ja(),
        "medical_safety_lecture" => Module::MedicalSafetyLecture.label_ja(),
        "other" => Module::Other.label_ja(),
        "in_person" => "対面",
        "video" => "動画",
        "external" => "外部研修",
        _ => "",
    }
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
                let allowed_ja: Vec<&str> = allowed.iter().map(|n| option_ja(n)).collect();
                let s = crate::finding::shown(s);
                findings.push(Finding::error(
                    path,
                    Code::UnknownValue,
                    format!("{path} must be one of {} (got {s:?})", allowed.join(", ")),
                    format!(
                        "{}は{}のいずれかです（入力値：「{s}」）",
                        field_ja(path),
                        allowed_ja.join("・")
                    ),
                ));
                None
            }
        },
        None => {
            findings.push(Finding::error(
                path,
                Code::Required,
                format!("{path} is required"),
                format!("{}を入力してください", field_ja(path)),
            ));
            None
        }
    }
}

/// Reads a plan from its JSON (§11): `{"sessions": [{"module", "minutes", "delivery", "title"?}]}`.
/// The most sessions a plan may list: a hire's training is a few hours (docs/domain.md §8), and
/// a bound keeps every sum of minutes far from overflow.
pub const MAX_SESSIONS: usize = 200;

pub fn read_plan(value: &Value) -> Result<TrainingPlan, InvalidPlan> {
    let mut findings = Vec::new();
    let Some(items) = value.get("sessions").and_then(Value::as_array) else {
        return Err(InvalidPlan {
            findings: vec![Finding::error(
                "sessions",
                Code::Required,
                "a training plan needs a list of sessions",
                "研修計画には研修の一覧（配列）が必要です",
            )],
        });
    };
    if items.len() > MAX_SESSIONS {
        return Err(InvalidPlan {
            findings: vec![Finding::error(
                "sessions",
                Code::Range,
                format!(
                    "a training plan has at most {MAX_SESSIONS} sessions (got {})",
                    items.len()
                ),
                format!(
                    "研修計画の研修は{MAX_SESSIONS}件までです（{}件あります）",
                    items.len()
                ),
            )],
        });
    }
    let mut sessions = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = |k: &str| format!("sessions.{i}.{k}");
        let module = choice(
            item.get("module"),
            &path("module"),
            &Module::ALL,
            &mut findings,
        );
        // Not stated (absent or null): read as in person (assess warns on a practical).
        let delivery = match item.get("delivery") {
            None | Some(Value::Null) => Some(None),
            v => choice(v, &path("delivery"), &Delivery::ALL, &mut findings).map(Some),
        };
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
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Enum),
    uniffi(name = "MaterialAccess")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// The seed states no restriction.
    Free,
    MembersOnly,
    Paid,
}

impl Access {
    pub const ALL: [Access; 3] = [Access::Free, Access::MembersOnly, Access::Paid];
}

/// One teaching material of the seeds' list.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub provider: String,
    /// `["all"]` or occupation codes.
    pub audience: Vec<String>,
    pub format: String,
    /// The length of one item when the seed gives a single figure (約N分); see `length`.
    pub minutes: Option<u32>,
    /// The length as the seed gives it: a range per item and how many items (`4–10 min each, 5
    /// videos`). `None` only where the seed gives no length (documents, e-learning).
    pub length: Option<Length>,
    pub pages: Option<u32>,
    pub access: Access,
    pub url: Option<String>,
    pub topics: Vec<String>,
    pub note: Option<String>,
}

/// A length as a range per item, and the number of items.
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Record),
    uniffi(name = "MaterialLength")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Length {
    pub min_minutes: u32,
    pub max_minutes: u32,
    /// How many items (videos, lectures); `None` when the seed does not say.
    pub count: Option<u32>,
}

/// A topic of the example programme, with its items in the seed's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeTopic {
    pub title_ja: String,
    pub title_en: String,
    pub items_ja: Vec<String>,
    pub items_en: Vec<String>,
    /// The seed ends the list with 等 (and so on).
    pub open_ended: bool,
}

/// A part of the example programme: self-study, or hands-on training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePart {
    pub id: String,
    pub title_ja: String,
    pub title_en: String,
    /// 約１時間 → 60.
    pub about_minutes: u32,
    pub hands_on: bool,
    pub topics: Vec<ProgrammeTopic>,
}

/// The example training programme of seed 000 (【具体的な研修の構成例】), with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub source: String,
    pub parts: Vec<ProgrammePart>,
}

/// The example programme: self-study about 1 h, hands-on about 1 h, with their topics.
pub fn example_programme() -> &'static Programme {
    static PROGRAMME: OnceLock<Programme> = OnceLock::new();
    PROGRAMME.get_or_init(|| {
        crate::embedded::json(
            "training_programme.json",
            include_str!("../data/training_programme.json"),
        )
    })
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
        // Every audience a known occupation: checked by a test.
        crate::embedded::json::<Catalogue>(
            "training_materials.json",
            include_str!("../data/training_materials.json"),
        )
        .materials
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
                    delivery: Some(delivery),
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
        // A practical by video does not count (§12): missing, with a warning saying why.
        assert!(!a.reportable && a.meets_recommended_minutes);
        assert_eq!(a.missing_required, vec![InfectionControlPractical]);
        assert_eq!(a.warnings.len(), 1);
        assert_eq!(a.warnings[0].path, "sessions.1.delivery");
        // …unless another practical session is hands-on.
        let a = assess(&plan(&[
            (InfectionControlLecture, 40, Video),
            (InfectionControlPractical, 20, Video),
            (InfectionControlPractical, 30, External),
            (MedicalSafetyLecture, 40, Video),
        ]));
        assert!(a.reportable);
        // Minutes never overflow.
        let huge = TrainingPlan {
            sessions: vec![
                Session {
                    module: InfectionControlLecture,
                    minutes: u32::MAX,
                    delivery: Some(Video),
                    title: None,
                },
                Session {
                    module: MedicalSafetyLecture,
                    minutes: u32::MAX,
                    delivery: None,
                    title: None,
                },
            ],
        };
        assert_eq!(assess(&huge).total_minutes, u32::MAX);
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
    fn the_example_programme_is_the_seeds() {
        let p = example_programme();
        assert!(p.source.contains("構成例"));
        let minutes: Vec<(&str, u32, bool)> = p
            .parts
            .iter()
            .map(|x| (x.id.as_str(), x.about_minutes, x.hands_on))
            .collect();
        assert_eq!(minutes, [("self_study", 60, false), ("hands_on", 60, true)]);
        let total: u32 = p.parts.iter().map(|x| x.about_minutes).sum();
        assert!(total >= RECOMMENDED_MINUTES);
        for part in &p.parts {
            for t in &part.topics {
                assert_eq!(t.items_ja.len(), t.items_en.len(), "{}", t.title_ja);
            }
        }
        let safety = &p.parts[1].topics[2];
        assert_eq!(safety.title_ja, "医療安全研修");
        assert!(safety.items_ja.iter().any(|i| i == "患者誤認防止策"));
    }

    #[test]
    fn every_material_has_its_length_as_the_seed_gives_it() {
        for m in materials() {
            match m.format.as_str() {
                "video" => {
                    let l = m
                        .length
                        .unwrap_or_else(|| panic!("{}: a video without its length", m.id));
                    assert!(
                        l.min_minutes > 0 && l.min_minutes <= l.max_minutes,
                        "{}",
                        m.id
                    );
                    // A single figure is a one-item range; a range is never a single figure.
                    match m.minutes {
                        Some(n) => assert_eq!(
                            (l.min_minutes, l.max_minutes, l.count),
                            (n, n, Some(1)),
                            "{}",
                            m.id
                        ),
                        None => assert!(l.min_minutes < l.max_minutes, "{}", m.id),
                    }
                    // The note quotes the seed's figures.
                    let note = m.note.as_deref().unwrap_or_default();
                    let digits = crate::text::nfkc(note);
                    assert!(
                        digits.contains(&l.max_minutes.to_string()),
                        "{}: {note}",
                        m.id
                    );
                    if let Some(c) = l.count.filter(|c| *c > 1) {
                        assert!(digits.contains(&c.to_string()), "{}: {note}", m.id);
                    }
                }
                "document" => {
                    assert!(m.length.is_none() && m.minutes.is_none(), "{}", m.id);
                }
                "e_learning" => assert!(m.length.is_none(), "{}", m.id),
                other => panic!("{}: unknown format {other}", m.id),
            }
        }
        let jna = materials()
            .iter()
            .find(|m| m.id == "jna_covid19_prevention_videos")
            .unwrap();
        assert_eq!(
            jna.length,
            Some(Length {
                min_minutes: 4,
                max_minutes: 10,
                count: Some(5)
            })
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
