//! Mirrors of the core's types for Swift and Kotlin: UniFFI records and enums whose serde shape
//! is exactly the core's canonical JSON (v1), so that converting is `serde_json` in and out and
//! no rule is restated here.
//!
//! Enums carry exhaustive `From` conversions to and from the core's enums: a variant added to the
//! core fails to compile here until it is mirrored, and a test checks both spell the same JSON.
//! Dates are ISO `YYYY-MM-DD` text, times `HH:MM`, prefectures their two-digit JIS code (`"13"`),
//! as in the canonical JSON.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares a mirror enum (UniFFI enum + serde snake_case) with exhaustive conversions both ways.
macro_rules! mirror_enum {
    (
        $(#[$meta:meta])*
        $name:ident <=> $core:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $core_variant:ident ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl From<$core> for $name {
            fn from(value: $core) -> Self {
                type C = $core;
                match value {
                    $( C::$core_variant => $name::$variant ),+
                }
            }
        }

        impl From<$name> for $core {
            fn from(value: $name) -> Self {
                type C = $core;
                match value {
                    $( $name::$variant => C::$core_variant ),+
                }
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Findings

mirror_enum! {
    /// The stable, machine-readable kind of a finding (mirrors `keynet::Code`).
    FindingCode <=> keynet::Code {
        /// A required value is missing (or only white space).
        Required = Required,
        /// A value is of the wrong shape or JSON type.
        Format = Format,
        /// A number or date is outside its allowed range.
        Range = Range,
        /// A key or enumerated value the form does not know.
        UnknownValue = UnknownValue,
        /// Values that contradict each other.
        Inconsistent = Inconsistent,
        /// A value hidden by masking appears in text that stays public.
        MaskingLeak = MaskingLeak,
        /// Labour Standards Act Art. 34 (breaks).
        LaborLaw = LaborLaw,
        /// Health Promotion Act (passive smoking at type-1 facilities).
        HealthLaw = HealthLaw,
        /// Text longer than the documented limit.
        TooLong = TooLong,
    }
}

mirror_enum! {
    /// How bad a finding is (mirrors `keynet::Severity`).
    Severity <=> keynet::Severity {
        /// The form cannot be registered.
        Error = Error,
        /// Registrable, but a person should look.
        Warning = Warning,
    }
}

/// One thing validation found, at one dotted path of the canonical JSON.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Finding {
    /// Dotted JSON path of the field (`workplace.postal_code`); empty for the whole form.
    pub path: String,
    pub code: FindingCode,
    pub severity: Severity,
    /// English message for people.
    pub message: String,
    /// Japanese message for people.
    pub message_ja: String,
}

impl From<keynet::Finding> for Finding {
    fn from(f: keynet::Finding) -> Self {
        Finding {
            path: f.path,
            code: f.code.into(),
            severity: f.severity.into(),
            message: f.message,
            message_ja: f.message_ja,
        }
    }
}

/// Converts a list of core findings.
pub fn findings(list: impl IntoIterator<Item = keynet::Finding>) -> Vec<Finding> {
    list.into_iter().map(Finding::from).collect()
}

// ---------------------------------------------------------------------------------------------
// The form's choices

mirror_enum! {
    /// 募集職種: the 11 occupations of the plan (docs/domain.md §3). Labels: `occupationInfo(occupation:)`.
    Occupation <=> keynet::Occupation {
        /// 医師
        Physician = Physician,
        /// 保健師
        PublicHealthNurse = PublicHealthNurse,
        /// 助産師
        Midwife = Midwife,
        /// 看護師
        Nurse = Nurse,
        /// 准看護師
        AssistantNurse = AssistantNurse,
        /// 診療放射線技師
        RadiologicalTechnologist = RadiologicalTechnologist,
        /// 臨床検査技師
        ClinicalLaboratoryTechnologist = ClinicalLaboratoryTechnologist,
        /// 臨床工学技士
        ClinicalEngineer = ClinicalEngineer,
        /// 薬剤師
        Pharmacist = Pharmacist,
        /// 救急救命士
        Paramedic = Paramedic,
        /// 事務職
        Clerical = Clerical,
    }
}

mirror_enum! {
    /// Which licence family an occupation belongs to; the nurse centres serve `nursing`.
    LicenceGroup <=> keynet::LicenceGroup {
        Medical = Medical,
        Nursing = Nursing,
        MedicalTechnology = MedicalTechnology,
        Pharmacy = Pharmacy,
        EmergencyMedicalService = EmergencyMedicalService,
        Clerical = Clerical,
    }
}

mirror_enum! {
    /// 施設類型 (`facility.type`).
    FacilityType <=> keynet::FacilityType {
        /// 病院
        Hospital = Hospital,
        /// 診療所
        Clinic = Clinic,
        /// 保健所
        PublicHealthCenter = PublicHealthCenter,
    }
}

mirror_enum! {
    /// 業務内容 (`duties.kinds`).
    DutyKind <=> keynet::DutyKind {
        /// 一般内科外来業務
        GeneralInternalMedicineOutpatient = GeneralInternalMedicineOutpatient,
        /// 帰国者・接触者外来業務
        ReturneeContactOutpatient = ReturneeContactOutpatient,
        /// 軽症者宿泊療養施設業務
        MildCaseAccommodation = MildCaseAccommodation,
        /// 保健所業務
        PublicHealthCenter = PublicHealthCenter,
        /// その他 (`duties.other_detail` required)
        Other = Other,
    }
}

mirror_enum! {
    /// 給与の形態 (`salary.basis`).
    SalaryBasis <=> keynet::SalaryBasis {
        /// 時給
        Hourly = Hourly,
        /// 日給
        Daily = Daily,
        /// 月給
        Monthly = Monthly,
    }
}

mirror_enum! {
    /// 受動喫煙防止の取組 (`passive_smoking`). `noMeasures` is the JSON's `none` (a Swift case
    /// named `none` would be mistaken for `Optional.none`).
    PassiveSmoking <=> keynet::PassiveSmoking {
        /// 敷地内禁煙
        PremisesNoSmoking = PremisesNoSmoking,
        /// 屋内禁煙
        IndoorNoSmoking = IndoorNoSmoking,
        /// 喫煙専用室設置
        SmokingRoom = SmokingRoom,
        /// 対策なし (JSON `none`)
        #[serde(rename = "none")]
        NoMeasures = None,
        /// その他 (`passive_smoking_detail` required)
        Other = Other,
    }
}

// ---------------------------------------------------------------------------------------------
// The canonical form (what normalisation gives)

/// 医療機関.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Facility {
    /// The G-MIS ID: opaque, never public.
    pub id: String,
    pub name: String,
    /// JSON `facility.type`.
    #[serde(rename = "type")]
    pub facility_type: FacilityType,
    /// Two-digit JIS X 0401 code (`"13"`).
    pub prefecture: String,
}

/// ③ 勤務地.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Workplace {
    /// `NNN-NNNN`; hidden in a masked public view.
    pub postal_code: Option<String>,
    pub prefecture: String,
    pub municipality: String,
    pub street_address: Option<String>,
    pub facility_name: Option<String>,
}

/// ④ 雇用期間: ISO dates, start ≤ end; no end is an open-ended period (期間の定めなし).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct EmploymentPeriod {
    pub start: String,
    pub end: Option<String>,
}

/// ⑥ 業務内容.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Duties {
    pub kinds: Vec<DutyKind>,
    pub other_detail: Option<String>,
    pub specifics: Option<String>,
}

/// ⑦ 給与.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Salary {
    pub basis: SalaryBasis,
    pub amount_yen: u32,
    pub trial_amount_yen: Option<u32>,
}

/// ⑧ 勤務時間: `HH:MM`; an end before the start ends the next day, equal is a 24-hour duty.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct WorkingHours {
    pub start: String,
    pub end: String,
    /// `nil`: the break was not stated.
    pub break_minutes: Option<u16>,
    pub holidays: Option<String>,
    pub overtime: bool,
}

/// ⑨ 加入保険.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Insurance {
    pub employment: bool,
    pub workers_accident: bool,
    pub health: bool,
    pub pension: bool,
    pub other: Option<String>,
}

/// ⑫ 担当者 (phones in canonical hyphenation).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub address: Option<String>,
    pub phone: String,
    pub extension: Option<String>,
    pub application_phone: Option<String>,
    pub fax: Option<String>,
    pub email: String,
}

/// ⑬ 求人登録の有無.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct ExistingListings {
    pub hello_work: bool,
    pub women_doctors_bank: bool,
    pub nurse_center: bool,
    pub other: Option<String>,
}

/// A recruitment form (募集情報登録票) without errors, normalised: the canonical JSON v1, field
/// for field. Made by `normalize` / `validate` / `formFromJson`, never by hand-filled text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct RecruitmentForm {
    pub masking_requested: bool,
    pub facility: Facility,
    pub occupation: Occupation,
    pub openings: u16,
    pub workplace: Workplace,
    pub employment_period: EmploymentPeriod,
    /// `nil`: no trial period.
    pub trial_period_weeks: Option<u16>,
    pub duties: Duties,
    pub salary: Salary,
    pub working_hours: WorkingHours,
    pub insurance: Insurance,
    /// `nil`: the 敷地内禁煙 checkbox was left unticked.
    pub passive_smoking: Option<PassiveSmoking>,
    pub passive_smoking_detail: Option<String>,
    pub notes: Option<String>,
    pub contact: Contact,
    pub existing_listings: ExistingListings,
}

// ---------------------------------------------------------------------------------------------
// The draft (what an app collects; every field optional, text as typed)

/// 医療機関, as entered. The prefecture may be a code, a Japanese or a romaji name.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct FacilityDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub id: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    #[uniffi(default)]
    #[serde(rename = "type", skip_serializing_if = "Option::is_none", default)]
    pub facility_type: Option<FacilityType>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub prefecture: Option<String>,
}

/// ③ 勤務地, as entered (`〒１０１－００６２` is fine).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct WorkplaceDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub postal_code: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub prefecture: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub municipality: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub street_address: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub facility_name: Option<String>,
}

/// ④ 雇用期間, as entered: ISO or wareki (`令和2年6月1日`, `R2.6.1`).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct EmploymentPeriodDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub start: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end: Option<String>,
}

/// ⑥ 業務内容, as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
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

/// ⑦ 給与, as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct SalaryDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub basis: Option<SalaryBasis>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub amount_yen: Option<i64>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub trial_amount_yen: Option<i64>,
}

/// ⑧ 勤務時間, as entered (`9:00`, `９：００`, `9時30分`, `翌9:00`).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct WorkingHoursDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub start: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub break_minutes: Option<i64>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub holidays: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub overtime: Option<bool>,
}

/// ⑨ 加入保険, as entered (an absent flag reads as `false`).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct InsuranceDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub employment: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub workers_accident: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub health: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pension: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other: Option<String>,
}

/// ⑫ 担当者, as entered (`０３（３２９２）００００`, `+81 3-…` are fine).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct ContactDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub address: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub phone: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub extension: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub application_phone: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fax: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub email: Option<String>,
}

/// ⑬ 求人登録の有無, as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct ExistingListingsDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub hello_work: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub women_doctors_bank: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub nurse_center: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other: Option<String>,
}

/// A form as an app collects it: every field optional (`nil` = not entered), text as the person
/// typed it. `validate` reads it exactly as it reads the same JSON, and answers with findings at
/// the JSON paths (`contact.phone`), so each can be shown beside its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct FormDraft {
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub masking_requested: Option<bool>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub facility: Option<FacilityDraft>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub occupation: Option<Occupation>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub openings: Option<i64>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub workplace: Option<WorkplaceDraft>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub employment_period: Option<EmploymentPeriodDraft>,
    /// `nil`: no trial period.
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub trial_period_weeks: Option<i64>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub duties: Option<DutiesDraft>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub salary: Option<SalaryDraft>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub working_hours: Option<WorkingHoursDraft>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub insurance: Option<InsuranceDraft>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub passive_smoking: Option<PassiveSmoking>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub passive_smoking_detail: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub notes: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub contact: Option<ContactDraft>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub existing_listings: Option<ExistingListingsDraft>,
}

/// The outcome of validating a draft: every finding, and the normalised form when no finding is
/// an error.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Validation {
    /// Errors and warnings, in the order of the form's fields.
    pub findings: Vec<Finding>,
    /// True when no finding is an error (then `form` is set).
    pub registrable: bool,
    pub form: Option<RecruitmentForm>,
}

// ---------------------------------------------------------------------------------------------
// Views (docs/domain.md §6, §11)

mirror_enum! {
    /// What a reader of a posting is given (`view` in the §11 JSON).
    ViewKind <=> keynet::View {
        /// Every field, the facility ID included (prefectures, MHLW, labour bureaus).
        Internal = Internal,
        /// Every field but the facility ID (national bodies, nurse centres, a seeker who asked).
        Registered = Registered,
        /// What anyone may read: no facility ID, and the §6 fields hidden when masking was asked.
        Public = Public,
        /// No posting at all: only counts per occupation × prefecture (placement agencies).
        Counts = Counts,
    }
}

/// 医療機関 as a view shows it: `id` only in the internal view, `name` nil when masked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct ViewedFacility {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub facility_type: FacilityType,
    pub prefecture: String,
}

/// 担当者 as a view shows it: every field nil in a masked public view.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct ViewedContact {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub extension: Option<String>,
    pub application_phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
}

/// A form as one view shows it (`internal`, `registered`, `public`): the canonical shape with the
/// hidden fields nil.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct ViewedForm {
    pub masking_requested: bool,
    pub facility: ViewedFacility,
    pub occupation: Occupation,
    pub openings: u16,
    pub workplace: Workplace,
    pub employment_period: EmploymentPeriod,
    pub trial_period_weeks: Option<u16>,
    pub duties: Duties,
    pub salary: Salary,
    pub working_hours: WorkingHours,
    pub insurance: Insurance,
    /// `nil`: the 敷地内禁煙 checkbox was left unticked.
    pub passive_smoking: Option<PassiveSmoking>,
    pub passive_smoking_detail: Option<String>,
    pub notes: Option<String>,
    pub contact: ViewedContact,
    pub existing_listings: ExistingListings,
}

// ---------------------------------------------------------------------------------------------
// Postings and the lifecycle (docs/domain.md §9, §11)

mirror_enum! {
    /// `open`, or `closed` (filled, withdrawn, unpublished or deleted).
    PostingStatus <=> keynet::Status {
        Open = Open,
        Closed = Closed,
    }
}

mirror_enum! {
    /// Why a posting was closed.
    ClosedReason <=> keynet::posting::ClosedReason {
        /// 充足
        Filled = Filled,
        /// 取下げ
        Withdrawn = Withdrawn,
        /// 非公開
        Unpublished = Unpublished,
        /// 削除
        Deleted = Deleted,
    }
}

mirror_enum! {
    /// An inquiry (問い合わせ) or an application (応募).
    ContactKind <=> keynet::posting::ContactKind {
        Inquiry = Inquiry,
        Application = Application,
    }
}

/// A job seeker's inquiry about, or application to, the posting.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Inquiry {
    pub seeker_id: String,
    pub kind: ContactKind,
    /// ISO date.
    pub on: String,
}

/// A hire through the plan and the training that conditions it (ISO dates).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Hire {
    pub seeker_id: String,
    /// How the hire was matched (Key-Net, Hello Work, a prefecture's desk, a nurse centre).
    #[serde(default)]
    pub route: HireRoute,
    pub hired_on: String,
    pub training_completed_on: Option<String>,
    pub completion_reported_on: Option<String>,
}

mirror_enum! {
    /// How a hire was matched (docs/domain.md §9).
    HireRoute <=> keynet::posting::HireRoute {
        KeyNet = KeyNet,
        HelloWork = HelloWork,
        PrefectureDesk = PrefectureDesk,
        NurseCenter = NurseCenter,
        Other = Other,
    }
}

impl Default for HireRoute {
    fn default() -> Self {
        keynet::posting::HireRoute::default().into()
    }
}

/// A teaching material's length: minutes from–to, and how many items (videos, lectures).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct MaterialLength {
    pub min_minutes: u32,
    pub max_minutes: u32,
    pub count: Option<u32>,
}

/// A registered posting (募集情報): §11's `{posting_id, registered_on, status, form}` plus what
/// the lifecycle records. Changed only by `applyEvent`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Posting {
    pub posting_id: String,
    /// ISO date.
    pub registered_on: String,
    pub status: PostingStatus,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub closed_reason: Option<ClosedReason>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub closed_on: Option<String>,
    pub form: RecruitmentForm,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub inquiries: Vec<Inquiry>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub hires: Vec<Hire>,
}

/// Something that happens to a posting in Key-Net's admin screen (dates: ISO or wareki).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum, Serialize, Deserialize)]
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
        #[serde(default, skip_serializing_if = "Option::is_none")]
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

mirror_enum! {
    /// Key-Net's admin account of a facility for one calendar month.
    AccountStatus <=> keynet::lifecycle::AccountStatus {
        /// No posting registered by the end of the month.
        NoAccount = NoAccount,
        /// A posting open at the end of the month, or one registered during it.
        Active = Active,
        /// Every posting closed and none registered that month.
        Suspended = Suspended,
    }
}

/// Two or more open postings of one facility for one occupation (a forgotten old posting?).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct DuplicateOpenPostings {
    pub facility_id: String,
    pub occupation: Occupation,
    /// The workplace's municipality and facility name: one G-MIS ID may cover several centres.
    pub municipality: String,
    pub facility_name: String,
    pub posting_ids: Vec<String>,
    pub message: String,
    pub message_ja: String,
}

// ---------------------------------------------------------------------------------------------
// Distribution (docs/domain.md §7, §11)

/// A receiver of postings: its kind (a rule of the rule set: `prefecture`, `central_nurse_center`,
/// `private_agency`, … or an integrator's own), and its prefecture or name where the kind needs one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Recipient {
    pub kind: String,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub prefecture: Option<String>,
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
}

/// One row of the agencies' count table.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct CountRow {
    pub occupation: Occupation,
    pub prefecture: String,
    pub postings: u32,
    pub openings: u32,
}

/// What one recipient receives: posting ids (in input order) or count rows, never both.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DeliveryContent {
    Postings { posting_ids: Vec<String> },
    Counts { counts: Vec<CountRow> },
}

/// One recipient's share of a distribution.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Delivery {
    pub recipient: Recipient,
    /// The recipient kind's Japanese name.
    pub label_ja: String,
    pub view: ViewKind,
    #[serde(flatten)]
    pub content: DeliveryContent,
}

/// Why a recipient does or does not receive a posting, naming the rule that decided.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Explanation {
    pub received: bool,
    pub view: Option<ViewKind>,
    /// The recipient kind's Japanese name.
    pub label_ja: String,
    pub rule: String,
    pub rule_ja: String,
    pub reason: String,
    pub reason_ja: String,
}

mirror_enum! {
    /// Where a recipient's postings may come from.
    Region <=> keynet::distribution::Region {
        Nationwide = Nationwide,
        /// Only postings whose workplace is in the recipient's prefecture.
        OwnPrefecture = OwnPrefecture,
    }
}

/// One distribution rule (the shape of `core/data/scopes.json`): a recipient kind, its view and
/// scope. Pass rules to `distribute` to add a kind or replace a standard one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct DistributionRule {
    pub kind: String,
    pub label_ja: String,
    pub view: ViewKind,
    /// `nil`: all occupations (JSON `"all"`).
    #[serde(with = "all_or_listed")]
    pub occupations: Option<Vec<Occupation>>,
    /// `nursing occupations`, for explanations.
    pub occupations_label: String,
    /// `a nursing occupation`, for explanations.
    pub occupation_noun: String,
    pub region: Region,
    #[uniffi(default)]
    #[serde(default)]
    pub tied_to_prefecture: bool,
    #[uniffi(default)]
    #[serde(default)]
    pub needs_name: bool,
    #[uniffi(default)]
    #[serde(default)]
    pub source: String,
}

/// `"all"` ↔ `None`, a list ↔ `Some(list)`.
mod all_or_listed {
    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Shape {
        All(AllMarker),
        Listed(Vec<Occupation>),
    }

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum AllMarker {
        All,
    }

    pub fn serialize<S: Serializer>(v: &Option<Vec<Occupation>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            None => Shape::All(AllMarker::All),
            Some(list) => Shape::Listed(list.clone()),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<Occupation>>, D::Error> {
        Ok(match Shape::deserialize(d)? {
            Shape::All(_) => None,
            Shape::Listed(list) => Some(list),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Training (docs/domain.md §8)

mirror_enum! {
    /// A module of the training.
    TrainingModule <=> keynet::training::Module {
        /// 感染管理の講義 (required)
        InfectionControlLecture = InfectionControlLecture,
        /// 感染管理の実技実習 (required)
        InfectionControlPractical = InfectionControlPractical,
        /// 医療安全の講義 (required)
        MedicalSafetyLecture = MedicalSafetyLecture,
        /// Further training (with a title).
        Other = Other,
    }
}

mirror_enum! {
    /// How a session is given.
    TrainingDelivery <=> keynet::training::Delivery {
        InPerson = InPerson,
        Video = Video,
        External = External,
    }
}

/// One session of a training plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct TrainingSession {
    pub module: TrainingModule,
    pub minutes: u32,
    /// `nil`: not stated (read as in person, with a warning on a practical).
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub delivery: Option<TrainingDelivery>,
    /// Required for `other`.
    #[uniffi(default)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
}

/// A hire's training plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct TrainingPlan {
    pub sessions: Vec<TrainingSession>,
}

/// The judgement of a plan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Assessment {
    pub missing_required: Vec<TrainingModule>,
    pub total_minutes: u32,
    pub meets_recommended_minutes: bool,
    /// True when no required module is missing (120 minutes are a recommendation only).
    pub reportable: bool,
    /// E.g. a practical given by video only.
    pub warnings: Vec<Finding>,
}

mirror_enum! {
    /// How a teaching material may be had.
    MaterialAccess <=> keynet::training::Access {
        Free = Free,
        MembersOnly = MembersOnly,
        Paid = Paid,
    }
}

/// One teaching material of the seeds' list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize, Deserialize)]
pub struct Material {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub provider: String,
    /// `["all"]` or occupation codes.
    pub audience: Vec<String>,
    pub format: String,
    pub minutes: Option<u32>,
    /// The length as the seed gives it: a range, and how many items.
    pub length: Option<MaterialLength>,
    pub pages: Option<u32>,
    pub access: MaterialAccess,
    pub url: Option<String>,
    pub topics: Vec<String>,
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Reference data

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
    /// The national body that receives its postings (§7 イ), if any.
    pub national_body_ja: Option<String>,
    pub national_body_en: Option<String>,
}

impl From<&keynet::OccupationInfo> for OccupationInfo {
    fn from(info: &keynet::OccupationInfo) -> Self {
        OccupationInfo {
            occupation: info.occupation.into(),
            code: info.code.to_owned(),
            name_ja: info.name_ja.to_owned(),
            name_en: info.name_en.to_owned(),
            group: info.group.into(),
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

impl From<&keynet::form::fields::FieldInfo> for FormField {
    fn from(f: &keynet::form::fields::FieldInfo) -> Self {
        FormField {
            path: f.path.to_owned(),
            label_ja: f.label_ja.to_owned(),
            label_en: f.label_en.to_owned(),
            max_chars: f.max_chars.and_then(|n| u32::try_from(n).ok()),
        }
    }
}

/// A prefecture (JIS X 0401).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PrefectureInfo {
    /// `13`
    pub code: String,
    /// 東京都
    pub name: String,
    /// 東京
    pub short_name: String,
    /// Tokyo
    pub romaji: String,
}

/// One entry of the catalogue of finding codes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeInfo {
    pub code: FindingCode,
    /// The snake_case string of the code, as in the canonical JSON (`unknown_value`).
    pub name: String,
    pub description: String,
    pub description_ja: String,
}
