//! What an app collects before the core has read it: a form as typed (`FormDraft`) and a
//! lifecycle event as typed (`LifecycleEvent`). Text stays text — `令和2年6月1日`, `翌9:00`,
//! `０３（３２９２）００００`, `東京` — so that what the core cannot read comes back as a finding at
//! its JSON path (`contact.phone`, `event.on`), never as an error of the FFI. Their serde shape is
//! the canonical JSON's, which is how the core reads them.

use serde::{Deserialize, Serialize};

use keynet::posting::{ClosedReason, HireRoute};
use keynet::training::TrainingPlan;
use keynet::{DutyKind, FacilityType, Occupation, PassiveSmoking, SalaryBasis};

/// Declares a part of a draft: every field optional (`nil` = not entered) and left out of the
/// JSON when nil.
macro_rules! draft {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$field_meta:meta])* $field:ident: $ty:ty ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[uniffi(default)]
                #[serde(skip_serializing_if = "Option::is_none", default)]
                pub $field: Option<$ty>,
            )+
        }
    };
}

draft! {
    /// 医療機関, as entered. The prefecture may be a code, a Japanese or a romaji name.
    FacilityDraft {
        id: String,
        name: String,
        /// JSON `facility.type`.
        #[serde(rename = "type")]
        facility_type: FacilityType,
        prefecture: String,
    }
}

draft! {
    /// ③ 勤務地, as entered (`〒１０１－００６２` is fine).
    WorkplaceDraft {
        postal_code: String,
        prefecture: String,
        municipality: String,
        street_address: String,
        facility_name: String,
    }
}

draft! {
    /// ④ 雇用期間, as entered: ISO or wareki (`令和2年6月1日`, `R2.6.1`).
    EmploymentPeriodDraft {
        start: String,
        end: String,
    }
}

/// ⑥ 業務内容, as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutiesDraft {
    #[uniffi(default)]
    #[serde(default)]
    pub kinds: Vec<DutyKind>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other_detail: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub specifics: Option<String>,
}

draft! {
    /// ⑦ 給与, as entered.
    SalaryDraft {
        basis: SalaryBasis,
        amount_yen: i64,
        trial_amount_yen: i64,
    }
}

draft! {
    /// ⑧ 勤務時間, as entered (`9:00`, `９：００`, `9時30分`, `翌9:00`).
    WorkingHoursDraft {
        start: String,
        end: String,
        break_minutes: i64,
        holidays: String,
        overtime: bool,
    }
}

draft! {
    /// ⑨ 加入保険, as entered (an absent flag reads as `false`).
    InsuranceDraft {
        employment: bool,
        workers_accident: bool,
        health: bool,
        pension: bool,
        other: String,
    }
}

draft! {
    /// ⑫ 担当者, as entered (`０３（３２９２）００００`, `+81 3-…` are fine).
    ContactDraft {
        name: String,
        address: String,
        phone: String,
        extension: String,
        application_phone: String,
        fax: String,
        email: String,
    }
}

draft! {
    /// ⑬ 求人登録の有無, as entered.
    ExistingListingsDraft {
        hello_work: bool,
        women_doctors_bank: bool,
        nurse_center: bool,
        other: String,
    }
}

draft! {
    /// A form as an app collects it: every field optional (`nil` = not entered), text as the
    /// person typed it. `validate` reads it exactly as it reads the same JSON, and answers with
    /// findings at the JSON paths (`contact.phone`), so each can be shown beside its field.
    FormDraft {
        masking_requested: bool,
        facility: FacilityDraft,
        occupation: Occupation,
        openings: i64,
        workplace: WorkplaceDraft,
        employment_period: EmploymentPeriodDraft,
        /// `nil`: no trial period.
        trial_period_weeks: i64,
        duties: DutiesDraft,
        salary: SalaryDraft,
        working_hours: WorkingHoursDraft,
        insurance: InsuranceDraft,
        passive_smoking: PassiveSmoking,
        passive_smoking_detail: String,
        notes: String,
        contact: ContactDraft,
        existing_listings: ExistingListingsDraft,
    }
}

/// Something that happens to a posting in Key-Net's admin screen, as typed (dates: ISO or
/// wareki). The core reads it as it reads the event's JSON (docs/domain.md §9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LifecycleEvent {
    Inquiry {
        seeker_id: String,
        on: String,
    },
    Application {
        seeker_id: String,
        on: String,
    },
    Hire {
        seeker_id: String,
        on: String,
        /// `nil`: through Key-Net.
        #[uniffi(default)]
        #[serde(skip_serializing_if = "Option::is_none")]
        route: Option<HireRoute>,
    },
    /// The hire completed a training plan; it must be reportable.
    TrainingCompleted {
        seeker_id: String,
        on: String,
        plan: TrainingPlan,
    },
    /// The facility reported the completion through the admin screen.
    CompletionReported {
        seeker_id: String,
        on: String,
    },
    Close {
        reason: ClosedReason,
        on: String,
    },
}
