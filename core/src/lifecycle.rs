//! The posting lifecycle and the facility's account (DOMAIN §9): inquiries and applications,
//! hires, training completed and reported, closing; account status by calendar month; the
//! warning for two open postings of one facility and occupation (the G-MIS → Key-Net sync caveat).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;

use crate::finding::{Code, Finding};
use crate::occupation::Occupation;
use crate::posting::{ClosedReason, ContactKind, Hire, Inquiry, Posting, Status};
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
    Hire {
        seeker_id: String,
        on: Date,
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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleError {
    #[error("the posting is closed")]
    Closed,
    #[error("the event is dated before {earliest}, when what it follows happened")]
    BeforeItsTime { earliest: String },
    #[error("seeker {seeker_id:?} has not applied to this posting")]
    NotAnApplicant { seeker_id: String },
    #[error("seeker {seeker_id:?} has applied already")]
    AlreadyApplied { seeker_id: String },
    #[error("seeker {seeker_id:?} is hired already")]
    AlreadyHired { seeker_id: String },
    #[error("seeker {seeker_id:?} was not hired through this posting")]
    NotHired { seeker_id: String },
    #[error("the training plan misses required modules: {missing}")]
    TrainingIncomplete { missing: String },
    #[error("training of seeker {seeker_id:?} is already recorded as completed")]
    TrainingAlreadyCompleted { seeker_id: String },
    #[error("training of seeker {seeker_id:?} is not completed yet")]
    TrainingNotCompleted { seeker_id: String },
    #[error("completion for seeker {seeker_id:?} is already reported")]
    AlreadyReported { seeker_id: String },
}

impl LifecycleError {
    /// The same message in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            LifecycleError::Closed => "募集は終了しています".to_owned(),
            LifecycleError::BeforeItsTime { earliest } => format!("{earliest}より前の日付です"),
            LifecycleError::NotAnApplicant { seeker_id } => {
                format!("求職者「{seeker_id}」はこの募集に応募していません")
            }
            LifecycleError::AlreadyApplied { seeker_id } => {
                format!("求職者「{seeker_id}」は既に応募しています")
            }
            LifecycleError::AlreadyHired { seeker_id } => {
                format!("求職者「{seeker_id}」は既に採用されています")
            }
            LifecycleError::NotHired { seeker_id } => {
                format!("求職者「{seeker_id}」はこの募集で採用されていません")
            }
            LifecycleError::TrainingIncomplete { missing } => {
                format!("研修の必須項目が不足しています（{missing}）")
            }
            LifecycleError::TrainingAlreadyCompleted { seeker_id } => {
                format!("求職者「{seeker_id}」の研修は既に修了しています")
            }
            LifecycleError::TrainingNotCompleted { seeker_id } => {
                format!("求職者「{seeker_id}」の研修はまだ修了していません")
            }
            LifecycleError::AlreadyReported { seeker_id } => {
                format!("求職者「{seeker_id}」の研修修了は既に報告済みです")
            }
        }
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
    /// Applies one event; the posting is unchanged when it is refused.
    pub fn apply(&mut self, event: Event) -> Result<(), LifecycleError> {
        if self.status == Status::Closed {
            return Err(LifecycleError::Closed);
        }
        match event {
            Event::Inquiry { seeker_id, on } => self.contact(seeker_id, on, ContactKind::Inquiry),
            Event::Application { seeker_id, on } => {
                if self
                    .inquiries
                    .iter()
                    .any(|i| i.seeker_id == seeker_id && i.kind == ContactKind::Application)
                {
                    return Err(LifecycleError::AlreadyApplied { seeker_id });
                }
                self.contact(seeker_id, on, ContactKind::Application)
            }
            Event::Hire { seeker_id, on } => {
                let applied = self
                    .inquiries
                    .iter()
                    .find(|i| i.seeker_id == seeker_id && i.kind == ContactKind::Application)
                    .map(|i| i.on)
                    .ok_or_else(|| LifecycleError::NotAnApplicant {
                        seeker_id: seeker_id.clone(),
                    })?;
                if self.hires.iter().any(|h| h.seeker_id == seeker_id) {
                    return Err(LifecycleError::AlreadyHired { seeker_id });
                }
                not_before(on, applied)?;
                self.hires.push(Hire {
                    seeker_id,
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
                    let missing: Vec<String> = assessment
                        .missing_required
                        .iter()
                        .map(|m| format!("{m:?}"))
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
        self.inquiries.push(Inquiry {
            posting_id: self.id.clone(),
            seeker_id,
            kind,
            on,
        });
        Ok(())
    }

    fn hire_mut(&mut self, seeker_id: &str) -> Result<&mut Hire, LifecycleError> {
        self.hires
            .iter_mut()
            .find(|h| h.seeker_id == seeker_id)
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

/// Reads an event from JSON: `{"type": "inquiry"|"application"|"hire"|"training_completed"|
/// "completion_reported"|"close", "seeker_id", "on", "plan"?, "reason"?}`.
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
                    format!("{key}を入力してください"),
                ));
                None
            }
        }
    };
    let kind = text("type", &mut findings);
    let on = text("on", &mut findings).and_then(|s| match crate::text::parse_date(&s) {
        Ok(d) => Some(d),
        Err(_) => {
            findings.push(Finding::error(
                "on",
                Code::Format,
                format!("on must be a date (got {s:?})"),
                format!("onは日付で入力してください（入力値：「{s}」）"),
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
                            "研修計画（plan）を入力してください",
                        ));
                        None
                    }
                }
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
                (Some("hire"), Some(seeker_id), Some(on), _) => Some(Event::Hire { seeker_id, on }),
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
                            format!("終了理由の選択肢にない値です（入力値：「{r}」）"),
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

// ---------------------------------------------------------------------------------------------
// The facility's account

/// Key-Net's admin account of a facility for one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// No posting registered by the end of the month: no account issued yet.
    NoAccount,
    /// A posting is open at the end of the month, or one was registered during it.
    Active,
    /// Every posting closed and none registered that month (a new one reactivates it).
    Suspended,
}

/// The status of a facility's account (its postings, by facility ID) for `year`-`month`.
/// Reading of §9: the account is suspended when, at the end of the month, none of its postings is
/// open and none was registered in that month; a new registration reactivates it. Closure for
/// any reason counts like filled (a choice: a withdrawn posting leaves nothing to manage either).
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
    let mine: Vec<&Posting> = postings
        .iter()
        .filter(|p| p.form.facility.id == facility_id)
        .collect();
    if !mine.iter().any(|p| p.registered_on <= last) {
        return AccountStatus::NoAccount;
    }
    let registered_this_month = mine
        .iter()
        .any(|p| p.registered_on >= first && p.registered_on <= last);
    let open_at_end = mine.iter().any(|p| {
        p.registered_on <= last
            && match (p.status, p.closed_on) {
                (Status::Open, _) => true,
                (Status::Closed, Some(closed)) => closed > last,
                (Status::Closed, None) => false,
            }
    });
    if registered_this_month || open_at_end {
        AccountStatus::Active
    } else {
        AccountStatus::Suspended
    }
}

/// Two or more open postings of one facility for one occupation: usually a G-MIS record saved
/// anew while the old posting stayed public in Key-Net (§9, seed 002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateOpenPostings {
    pub facility_id: String,
    pub occupation: Occupation,
    pub posting_ids: Vec<String>,
    pub message: String,
    pub message_ja: String,
}

/// Every facility × occupation with more than one open posting, in order of first appearance.
pub fn duplicate_open_postings(postings: &[Posting]) -> Vec<DuplicateOpenPostings> {
    let mut groups: Vec<(&str, Occupation, Vec<String>)> = Vec::new();
    for p in postings.iter().filter(|p| p.is_open()) {
        let key = (p.form.facility.id.as_str(), p.form.occupation);
        match groups.iter_mut().find(|(f, o, _)| (*f, *o) == key) {
            Some((_, _, ids)) => ids.push(p.id.clone()),
            None => groups.push((key.0, key.1, vec![p.id.clone()])),
        }
    }
    groups
        .into_iter()
        .filter(|(_, _, ids)| ids.len() > 1)
        .map(|(facility_id, occupation, posting_ids)| DuplicateOpenPostings {
            message: format!(
                "{} open postings for {} by one facility: a G-MIS record saved anew? Make the old one non-public in Key-Net",
                posting_ids.len(),
                occupation.name_en()
            ),
            message_ja: format!(
                "同じ医療機関の{}の募集情報が{}件公開中です。G-MISで新規保存した場合は、Key-Netで古い募集情報を非公開にしてください",
                occupation.name_ja(),
                posting_ids.len()
            ),
            facility_id: facility_id.to_owned(),
            occupation,
            posting_ids,
        })
        .collect()
}
