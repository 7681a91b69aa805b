//! The posting lifecycle and the facility's account (docs/domain.md §9, §12): inquiries and
//! applications, hires (through Key-Net or another route), training completed and reported,
//! closing; account status by calendar month and by day; the warning for two open postings of one
//! facility, occupation and workplace (the G-MIS → Key-Net sync caveat).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

use crate::error_catalogue::Catalogued;
use crate::finding::{Code, Finding};
use crate::occupation::Occupation;
use crate::posting::{ClosedReason, ContactKind, Hire, HireRoute, Inquiry, Posting, Status};
use crate::training::{self, TrainingPlan};

/// Something that happens to a posting in Key-Net's admin screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Inquiry {
        seeker_id: String,
        on: Date,
    },
    Application {
        seeker_id: String,
        on: Date,
    },
    /// A hire. Through `key_net` the seeker must have applied on this posting first; through the
    /// other routes (Hello Work, a prefecture's desk, a nurse centre, other) no application is
    /// needed. Training conditions apply to every hire.
    Hire {
        seeker_id: String,
        on: Date,
        route: HireRoute,
    },
    /// The hire completed a training plan; it must be reportable (no required module missing).
    TrainingCompleted {
        seeker_id: String,
        on: Date,
        plan: TrainingPlan,
    },
    /// The facility reported the completion through the admin screen.
    CompletionReported {
        seeker_id: String,
        on: Date,
    },
    Close {
        reason: ClosedReason,
        on: Date,
    },
}

/// An event that the posting's state does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LifecycleError {
    Closed,
    BeforeItsTime { earliest: String },
    NotAnApplicant { seeker_id: String },
    AlreadyApplied { seeker_id: String },
    AlreadyHired { seeker_id: String },
    NotHired { seeker_id: String },
    TrainingIncomplete { missing: String },
    TrainingAlreadyCompleted { seeker_id: String },
    TrainingNotCompleted { seeker_id: String },
    AlreadyReported { seeker_id: String },
}

impl LifecycleError {
    /// Every [`kind`](Self::kind), in the order of the variants: the vocabulary hosts switch on.
    pub const KINDS: [&'static str; 10] = [
        "closed",
        "before_its_time",
        "not_an_applicant",
        "already_applied",
        "already_hired",
        "not_hired",
        "training_incomplete",
        "training_already_completed",
        "training_not_completed",
        "already_reported",
    ];

    /// The same message in Japanese (docs: [`crate::error_catalogue`]).
    pub fn message_ja(&self) -> String {
        self.messages().1
    }

    /// A stable snake_case name, for hosts.
    pub const fn kind(&self) -> &'static str {
        match self {
            LifecycleError::Closed => "closed",
            LifecycleError::BeforeItsTime { .. } => "before_its_time",
            LifecycleError::NotAnApplicant { .. } => "not_an_applicant",
            LifecycleError::AlreadyApplied { .. } => "already_applied",
            LifecycleError::AlreadyHired { .. } => "already_hired",
            LifecycleError::NotHired { .. } => "not_hired",
            LifecycleError::TrainingIncomplete { .. } => "training_incomplete",
            LifecycleError::TrainingAlreadyCompleted { .. } => "training_already_completed",
            LifecycleError::TrainingNotCompleted { .. } => "training_not_completed",
            LifecycleError::AlreadyReported { .. } => "already_reported",
        }
    }
}

impl std::fmt::Display for LifecycleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.messages().0)
    }
}

impl std::error::Error for LifecycleError {}

impl Catalogued for LifecycleError {
    fn detail(&self) -> &'static str {
        self.kind()
    }

    fn kind_in_catalogue(&self) -> &'static str {
        "lifecycle"
    }

    fn context(&self) -> serde_json::Map<String, Value> {
        let pairs: Vec<(&str, Value)> = match self {
            LifecycleError::Closed => Vec::new(),
            LifecycleError::BeforeItsTime { earliest } => {
                vec![("earliest", earliest.as_str().into())]
            }
            LifecycleError::TrainingIncomplete { missing } => {
                // The modules by their Japanese names for the Japanese message.
                let names: Vec<&str> = missing
                    .split(", ")
                    .map(|code| {
                        training::Module::ALL
                            .iter()
                            .find(|(_, c)| *c == code)
                            .map_or(code, |(m, _)| m.label_ja())
                    })
                    .collect();
                vec![
                    ("missing", missing.as_str().into()),
                    ("missing_ja", names.join("・").into()),
                ]
            }
            LifecycleError::NotAnApplicant { seeker_id }
            | LifecycleError::AlreadyApplied { seeker_id }
            | LifecycleError::AlreadyHired { seeker_id }
            | LifecycleError::NotHired { seeker_id }
            | LifecycleError::TrainingAlreadyCompleted { seeker_id }
            | LifecycleError::TrainingNotCompleted { seeker_id }
            | LifecycleError::AlreadyReported { seeker_id } => {
                vec![("seeker_id", seeker_id.as_str().into())]
            }
        };
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }
}

fn not_before(on: Date, earliest: Date) -> Result<(), LifecycleError> {
    if on < earliest {
        Err(LifecycleError::BeforeItsTime {
            earliest: crate::text::iso_date(earliest),
        })
    } else {
        Ok(())
    }
}

impl Posting {
    /// Applies `events` in order. On a refusal the posting is left as it was before the failing
    /// event, and the error names that event's index.
    pub fn apply_events(
        &mut self,
        events: impl IntoIterator<Item = Event>,
    ) -> Result<(), (usize, LifecycleError)> {
        for (at, event) in events.into_iter().enumerate() {
            self.apply(event).map_err(|e| (at, e))?;
        }
        Ok(())
    }

    /// Applies one event; the posting is unchanged when it is refused.
    pub fn apply(&mut self, event: Event) -> Result<(), LifecycleError> {
        if self.status == Status::Closed {
            return Err(LifecycleError::Closed);
        }
        match event {
            Event::Inquiry { seeker_id, on } => self.contact(seeker_id, on, ContactKind::Inquiry),
            Event::Application { seeker_id, on } => {
                if self.seekers.applied_on.contains_key(&seeker_id) {
                    return Err(LifecycleError::AlreadyApplied { seeker_id });
                }
                self.contact(seeker_id, on, ContactKind::Application)
            }
            Event::Hire {
                seeker_id,
                on,
                route,
            } => {
                let earliest = if route == HireRoute::KeyNet {
                    self.seekers
                        .applied_on
                        .get(&seeker_id)
                        .copied()
                        .ok_or_else(|| LifecycleError::NotAnApplicant {
                            seeker_id: seeker_id.clone(),
                        })?
                } else {
                    self.registered_on
                };
                if self.seekers.hire_at.contains_key(&seeker_id) {
                    return Err(LifecycleError::AlreadyHired { seeker_id });
                }
                not_before(on, earliest)?;
                self.seekers
                    .hire_at
                    .insert(seeker_id.clone(), self.hires.len());
                self.hires.push(Hire {
                    seeker_id,
                    route,
                    hired_on: on,
                    training_completed_on: None,
                    completion_reported_on: None,
                });
                Ok(())
            }
            Event::TrainingCompleted {
                seeker_id,
                on,
                plan,
            } => {
                let assessment = training::assess(&plan);
                let hire = self.hire_mut(&seeker_id)?;
                if hire.training_completed_on.is_some() {
                    return Err(LifecycleError::TrainingAlreadyCompleted { seeker_id });
                }
                if !assessment.reportable {
                    let missing: Vec<&str> = assessment
                        .missing_required
                        .iter()
                        .map(|m| m.code())
                        .collect();
                    return Err(LifecycleError::TrainingIncomplete {
                        missing: missing.join(", "),
                    });
                }
                not_before(on, hire.hired_on)?;
                hire.training_completed_on = Some(on);
                Ok(())
            }
            Event::CompletionReported { seeker_id, on } => {
                let hire = self.hire_mut(&seeker_id)?;
                let Some(completed) = hire.training_completed_on else {
                    return Err(LifecycleError::TrainingNotCompleted { seeker_id });
                };
                if hire.completion_reported_on.is_some() {
                    return Err(LifecycleError::AlreadyReported { seeker_id });
                }
                not_before(on, completed)?;
                hire.completion_reported_on = Some(on);
                Ok(())
            }
            Event::Close { reason, on } => {
                not_before(on, self.registered_on)?;
                self.status = Status::Closed;
                self.closed_reason = Some(reason);
                self.closed_on = Some(on);
                Ok(())
            }
        }
    }

    fn contact(
        &mut self,
        seeker_id: String,
        on: Date,
        kind: ContactKind,
    ) -> Result<(), LifecycleError> {
        not_before(on, self.registered_on)?;
        let inquiry = Inquiry {
            posting_id: self.id.clone(),
            seeker_id,
            kind,
            on,
        };
        self.seekers.record(&inquiry);
        self.inquiries.push(inquiry);
        Ok(())
    }

    fn hire_mut(&mut self, seeker_id: &str) -> Result<&mut Hire, LifecycleError> {
        let at = self.seekers.hire_at.get(seeker_id).copied();
        at.and_then(|at| self.hires.get_mut(at))
            .ok_or_else(|| LifecycleError::NotHired {
                seeker_id: seeker_id.to_owned(),
            })
    }
}

/// An event that could not be read, with every finding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the event has {} error(s)", findings.len())]
pub struct InvalidEvent {
    pub findings: Vec<Finding>,
}

/// The Japanese label of an event's field, for messages.
fn event_label_ja(key: &str) -> &'static str {
    match key {
        "type" => "イベントの種類",
        "on" => "日付",
        "seeker_id" => "求職者ID",
        "plan" => "研修計画",
        "reason" => "終了理由",
        "route" => "採用経路",
        _ => "項目",
    }
}

/// Reads an event from JSON: `{"type": "inquiry"|"application"|"hire"|"training_completed"|
/// "completion_reported"|"close", "seeker_id", "on", "plan"?, "reason"?, "route"?}`. A hire
/// without `route` is a `key_net` hire (the behaviour before routes existed; docs/choices.md).
pub fn read_event(value: &Value) -> Result<Event, InvalidEvent> {
    let mut findings = Vec::new();
    let text = |key: &str, findings: &mut Vec<Finding>| -> Option<String> {
        match value
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => Some(s.to_owned()),
            None => {
                findings.push(Finding::error(
                    key,
                    Code::Required,
                    format!("{key} is required"),
                    format!("{}を入力してください", event_label_ja(key)),
                ));
                None
            }
        }
    };
    let kind = text("type", &mut findings);
    let on = text("on", &mut findings).and_then(|s| match crate::text::parse_date(&s) {
        Ok(d) => Some(d),
        Err(_) => {
            let s = crate::finding::shown(&s);
            findings.push(Finding::error(
                "on",
                Code::Format,
                format!("on must be a date (got {s:?})"),
                format!("日付の形式が正しくありません（入力値：「{s}」）"),
            ));
            None
        }
    });
    let event = match kind.as_deref() {
        Some("inquiry" | "application" | "hire" | "completion_reported" | "training_completed") => {
            let seeker = text("seeker_id", &mut findings);
            let plan = if kind.as_deref() == Some("training_completed") {
                match value.get("plan").map(training::read_plan) {
                    Some(Ok(plan)) => Some(plan),
                    Some(Err(e)) => {
                        findings.extend(e.findings.into_iter().map(|mut f| {
                            f.path = format!("plan.{}", f.path);
                            f
                        }));
                        None
                    }
                    None => {
                        findings.push(Finding::error(
                            "plan",
                            Code::Required,
                            "plan is required",
                            "研修計画を入力してください",
                        ));
                        None
                    }
                }
            } else {
                None
            };
            let route = if kind.as_deref() == Some("hire") {
                read_route(value.get("route"), &mut findings)
            } else {
                None
            };
            match (kind.as_deref(), seeker, on, plan) {
                (Some("inquiry"), Some(seeker_id), Some(on), _) => {
                    Some(Event::Inquiry { seeker_id, on })
                }
                (Some("application"), Some(seeker_id), Some(on), _) => {
                    Some(Event::Application { seeker_id, on })
                }
                (Some("hire"), Some(seeker_id), Some(on), _) => route.map(|route| Event::Hire {
                    seeker_id,
                    on,
                    route,
                }),
                (Some("completion_reported"), Some(seeker_id), Some(on), _) => {
                    Some(Event::CompletionReported { seeker_id, on })
                }
                (Some("training_completed"), Some(seeker_id), Some(on), Some(plan)) => {
                    Some(Event::TrainingCompleted {
                        seeker_id,
                        on,
                        plan,
                    })
                }
                _ => None,
            }
        }
        Some("close") => {
            let reason = match value.get("reason").and_then(Value::as_str) {
                Some(r) => match ClosedReason::ALL.iter().find(|(_, n, _)| *n == r) {
                    Some((reason, _, _)) => Some(*reason),
                    None => {
                        findings.push(Finding::error(
                            "reason",
                            Code::UnknownValue,
                            format!("reason must be filled, withdrawn, unpublished or deleted (got {r:?})"),
                            format!("終了理由は充足・取下げ・非公開・削除のいずれかです（入力値：「{r}」）"),
                        ));
                        None
                    }
                },
                None => {
                    findings.push(Finding::error(
                        "reason",
                        Code::Required,
                        "reason is required",
                        "終了理由を入力してください",
                    ));
                    None
                }
            };
            match (reason, on) {
                (Some(reason), Some(on)) => Some(Event::Close { reason, on }),
                _ => None,
            }
        }
        Some(other) => {
            findings.push(Finding::error(
                "type",
                Code::UnknownValue,
                format!("unknown event type {other:?}"),
                format!("イベントの種類が正しくありません（入力値：「{other}」）"),
            ));
            None
        }
        None => None,
    };
    match event {
        Some(e) if findings.is_empty() => Ok(e),
        _ => Err(InvalidEvent { findings }),
    }
}

/// A hire's route: absent or null is `key_net`; anything else must be one of the five.
fn read_route(value: Option<&Value>, findings: &mut Vec<Finding>) -> Option<HireRoute> {
    match value {
        None | Some(Value::Null) => Some(HireRoute::KeyNet),
        Some(v) => {
            let given = v.as_str().map(str::trim).unwrap_or_default();
            match HireRoute::ALL.iter().find(|(_, n)| *n == given) {
                Some((route, _)) => Some(*route),
                None => {
                    let en: Vec<&str> = HireRoute::ALL.iter().map(|(_, n)| *n).collect();
                    let ja: Vec<&str> = HireRoute::ALL.iter().map(|(r, _)| r.label_ja()).collect();
                    findings.push(Finding::error(
                        "route",
                        Code::UnknownValue,
                        format!("route must be one of {} (got {v})", en.join(", ")),
                        format!(
                            "採用経路は{}のいずれかです（入力値：「{}」）",
                            ja.join("・"),
                            v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                        ),
                    ));
                    None
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The facility's account

/// Key-Net's admin account of a facility for one calendar month.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// No posting registered yet: no account issued.
    NoAccount,
    /// A posting is open, or the month in which the last one was filled is not over yet.
    Active,
    /// Every posting closed and the month of the last closing is over without a new
    /// registration (a new one reactivates it).
    Suspended,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 3] = [
        AccountStatus::NoAccount,
        AccountStatus::Active,
        AccountStatus::Suspended,
    ];
}

// The seed's rule (seed 000, 別添1 (6)), quoted in docs/choices.md: 「登録した募集情報が充足され、
// 同月内に新たな募集情報の登録がなかった場合は、アカウントは休止されます。その場合、新たな募集情報を
// 登録した時点で、アカウントが再開されます。」
//
// The filled posting itself is no "new registration in the same month": a posting registered
// and filled within one month leaves the account suspended when that month ends. Closure for any
// reason counts like filled (a withdrawn posting leaves nothing to manage either).
fn mine<'a>(postings: &'a [Posting], facility_id: &'a str) -> impl Iterator<Item = &'a Posting> {
    postings
        .iter()
        .filter(move |p| p.form.facility.id == facility_id)
}

/// Open at the end of day `day`: registered by then and not closed by then. A closed posting
/// without a closing date counts as closed on its registration day.
fn open_after(p: &Posting, day: Date) -> bool {
    p.registered_on <= day
        && match p.status {
            Status::Open => true,
            Status::Closed => p.closed_on.is_some_and(|closed| closed > day),
        }
}

/// The status a facility's account (its postings, by facility ID) **ends** `year`-`month` with:
/// `no_account` if nothing was registered by the month's last day; `active` if a posting is still
/// open at its end; otherwise `suspended` — the suspension takes effect when the month of the
/// last filling ends (no new posting was registered in it, or the new ones were filled too).
pub fn account_status(
    postings: &[Posting],
    facility_id: &str,
    year: i32,
    month: time::Month,
) -> AccountStatus {
    let Ok(first) = Date::from_calendar_date(year, month, 1) else {
        return AccountStatus::NoAccount;
    };
    let last = first.replace_day(month.length(year)).unwrap_or(first);
    let mut any = false;
    for p in mine(postings, facility_id).filter(|p| p.registered_on <= last) {
        any = true;
        if open_after(p, last) {
            return AccountStatus::Active;
        }
    }
    if any {
        AccountStatus::Suspended
    } else {
        AccountStatus::NoAccount
    }
}

/// The status of a facility's account at the end of day `on`: `active` while a posting is open,
/// and still `active` for the rest of the calendar month in which the last one closed (a new
/// registration in that month would keep it); `suspended` from the first day of the next month
/// until a new registration (which reactivates it on its registration day).
pub fn account_status_on(postings: &[Posting], facility_id: &str, on: Date) -> AccountStatus {
    let mut last_closed: Option<Date> = None;
    for p in mine(postings, facility_id).filter(|p| p.registered_on <= on) {
        if open_after(p, on) {
            return AccountStatus::Active;
        }
        let closed = p.closed_on.unwrap_or(p.registered_on);
        last_closed = Some(last_closed.map_or(closed, |d| d.max(closed)));
    }
    match last_closed {
        None => AccountStatus::NoAccount,
        Some(d) if (d.year(), d.month()) == (on.year(), on.month()) => AccountStatus::Active,
        Some(_) => AccountStatus::Suspended,
    }
}

/// Two or more open postings of one facility for one occupation at one workplace: usually a
/// G-MIS record saved anew while the old posting stayed public in Key-Net (seed 002). The
/// workplace is part of the key because one G-MIS ID may stand for a whole municipality with
/// several health centres (seed 000, 別添3/4).
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateOpenPostings {
    pub facility_id: String,
    pub occupation: Occupation,
    /// The workplace's municipality (official name).
    pub municipality: String,
    /// The workplace's facility name, or the facility's name when the form gives none.
    pub facility_name: String,
    pub posting_ids: Vec<String>,
    pub message: String,
    pub message_ja: String,
}

/// Every facility × occupation × workplace with more than one open posting, in order of first
/// appearance; posting ids in input order. Workplace names are compared NFKC, case-folded and
/// without white space. Sorts once: O(n log n).
/// Facility ID, occupation rank, municipality code, normalised workplace name.
type DuplicateKey<'a> = (&'a str, usize, &'a str, String);

pub fn duplicate_open_postings(postings: &[Posting]) -> Vec<DuplicateOpenPostings> {
    let mut keyed: Vec<(DuplicateKey<'_>, usize)> = postings
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_open())
        .map(|(i, p)| {
            let f = &p.form;
            let name = f
                .workplace
                .facility_name
                .as_deref()
                .unwrap_or(&f.facility.name);
            (
                (
                    f.facility.id.as_str(),
                    f.occupation.rank(),
                    f.workplace.municipality_code.as_str(),
                    crate::text::leak_key(name),
                ),
                i,
            )
        })
        .collect();
    // Stable: equal keys keep input order.
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut previous: Option<&DuplicateKey<'_>> = None;
    for (key, i) in &keyed {
        match (previous, groups.last_mut()) {
            (Some(prev), Some(group)) if prev == key => group.push(*i),
            _ => groups.push(vec![*i]),
        }
        previous = Some(key);
    }
    groups.retain(|g| g.len() > 1);
    groups.sort_by_key(|g| g.first().copied().unwrap_or(usize::MAX));
    groups
        .into_iter()
        .filter_map(|group| {
            let first = postings.get(*group.first()?)?;
            let f = &first.form;
            let posting_ids: Vec<String> = group
                .iter()
                .filter_map(|&i| postings.get(i))
                .map(|p| p.id.clone())
                .collect();
            let facility_name = f
                .workplace
                .facility_name
                .clone()
                .unwrap_or_else(|| f.facility.name.clone());
            Some(DuplicateOpenPostings {
                message: format!(
                    "{} open postings for {} at one workplace of one facility: a G-MIS record saved anew? Make the old one non-public in Key-Net",
                    posting_ids.len(),
                    f.occupation.name_en()
                ),
                message_ja: format!(
                    "同じ医療機関・同じ勤務場所の{}の募集情報が{}件公開中です。G-MISで新規保存した場合は、Key-Netで古い募集情報を非公開にしてください",
                    f.occupation.name_ja(),
                    posting_ids.len()
                ),
                facility_id: f.facility.id.clone(),
                occupation: f.occupation,
                municipality: f.workplace.municipality.clone(),
                facility_name,
                posting_ids,
            })
        })
        .collect()
}
