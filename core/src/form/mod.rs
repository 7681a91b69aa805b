//! The recruitment form (募集情報登録票, docs/domain.md §2): its types, which serialise to exactly the
//! canonical JSON v1, and the way in — [`validate_json`] / [`validate_value`] — which reads,
//! normalises and checks a form and returns every finding at once.

pub mod fields;
pub mod labels;
pub mod leak;
pub mod raw;
mod read;
pub(crate) use read::email_address;
mod rules;

pub use rules::scan_published_text;

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};
use time::Date;

use crate::error::{InputError, MAX_DEPTH, MAX_INPUT_BYTES};
use crate::finding::{Finding, is_registrable};
use crate::occupation::Occupation;
use crate::places::Prefecture;
use crate::text::{ClockTime, PhoneNumber, PostalCode};
use raw::Raw;

/// 施設類型.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityType {
    /// 病院
    Hospital,
    /// 診療所
    Clinic,
    /// 保健所
    PublicHealthCenter,
}

impl FacilityType {
    pub const ALL: [(FacilityType, &'static str, &'static str); 3] = [
        (FacilityType::Hospital, "hospital", "病院"),
        (FacilityType::Clinic, "clinic", "診療所"),
        (
            FacilityType::PublicHealthCenter,
            "public_health_center",
            "保健所",
        ),
    ];
}

/// 業務内容.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyKind {
    /// 一般内科外来業務
    GeneralInternalMedicineOutpatient,
    /// 帰国者・接触者外来業務
    ReturneeContactOutpatient,
    /// 軽症者宿泊療養施設業務
    MildCaseAccommodation,
    /// 保健所業務
    PublicHealthCenter,
    /// その他
    Other,
}

impl DutyKind {
    pub const ALL: [(DutyKind, &'static str, &'static str); 5] = [
        (
            DutyKind::GeneralInternalMedicineOutpatient,
            "general_internal_medicine_outpatient",
            "一般内科外来業務",
        ),
        (
            DutyKind::ReturneeContactOutpatient,
            "returnee_contact_outpatient",
            "帰国者・接触者外来業務",
        ),
        (
            DutyKind::MildCaseAccommodation,
            "mild_case_accommodation",
            "軽症者宿泊療養施設業務",
        ),
        (
            DutyKind::PublicHealthCenter,
            "public_health_center",
            "保健所業務",
        ),
        (DutyKind::Other, "other", "その他"),
    ];
}

/// 給与の形態.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SalaryBasis {
    Hourly,
    Daily,
    Monthly,
}

impl SalaryBasis {
    pub const ALL: [(SalaryBasis, &'static str, &'static str); 3] = [
        (SalaryBasis::Hourly, "hourly", "時給"),
        (SalaryBasis::Daily, "daily", "日給"),
        (SalaryBasis::Monthly, "monthly", "月給"),
    ];
}

/// 受動喫煙防止の取組.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassiveSmoking {
    PremisesNoSmoking,
    IndoorNoSmoking,
    SmokingRoom,
    /// 対策なし: `noMeasures` for hosts (Swift would take a case `none` for `Optional.none`).
    #[cfg_attr(feature = "uniffi", uniffi(name = "NoMeasures"))]
    None,
    Other,
}

impl PassiveSmoking {
    pub const ALL: [(PassiveSmoking, &'static str, &'static str); 5] = [
        (
            PassiveSmoking::PremisesNoSmoking,
            "premises_no_smoking",
            "敷地内禁煙",
        ),
        (
            PassiveSmoking::IndoorNoSmoking,
            "indoor_no_smoking",
            "屋内禁煙",
        ),
        (
            PassiveSmoking::SmokingRoom,
            "smoking_room",
            "喫煙専用室設置",
        ),
        (PassiveSmoking::None, "none", "対策なし"),
        (PassiveSmoking::Other, "other", "その他"),
    ];
}

fn serialize_date<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    // `YYYY-MM-DD` on the stack: no allocation per date written.
    let mut buf = [b'0'; 10];
    let year = date.year().clamp(0, 9999) as u32;
    let digits = [year / 1000, year / 100 % 10, year / 10 % 10, year % 10];
    let (month, day) = (u32::from(u8::from(date.month())), u32::from(date.day()));
    let all = [
        digits[0],
        digits[1],
        digits[2],
        digits[3],
        10,
        month / 10,
        month % 10,
        10,
        day / 10,
        day % 10,
    ];
    for (slot, d) in buf.iter_mut().zip(all) {
        // 10 is the hyphen, the byte after the digits.
        *slot = usize::try_from(d)
            .ok()
            .and_then(|d| b"0123456789-".get(d).copied())
            .unwrap_or(b'0');
    }
    s.serialize_str(std::str::from_utf8(&buf).unwrap_or("0000-00-00"))
}

fn serialize_clock<S: Serializer>(time: &ClockTime, s: S) -> Result<S::Ok, S::Error> {
    // At most 24 hours (1440 minutes): both fit in a u8.
    let h = u8::try_from(time.minutes() / 60).unwrap_or(0);
    let m = u8::try_from(time.minutes() % 60).unwrap_or(0);
    let buf = [
        b'0' + h / 10,
        b'0' + h % 10,
        b':',
        b'0' + m / 10,
        b'0' + m % 10,
    ];
    s.serialize_str(std::str::from_utf8(&buf).unwrap_or("00:00"))
}

/// 医療機関.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Clone, PartialEq, Eq)]
pub struct Facility {
    /// The G-MIS ID: opaque, never public.
    pub id: String,
    pub name: String,
    /// `facility.type` in the JSON; `facilityType` for hosts.
    #[cfg_attr(feature = "uniffi", uniffi(name = "facility_type"))]
    pub kind: FacilityType,
    pub prefecture: Prefecture,
}

impl fmt::Debug for Facility {
    // The G-MIS ID is never public, so it is not printed either.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Facility")
            .field("id", &"<hidden>")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("prefecture", &self.prefecture)
            .finish()
    }
}

/// ③ 勤務地.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Clone, PartialEq, Eq)]
pub struct Workplace {
    pub postal_code: Option<PostalCode>,
    pub prefecture: Prefecture,
    /// The official name (`札幌市中央区`).
    pub municipality: String,
    pub street_address: Option<String>,
    pub facility_name: Option<String>,
    /// The six-digit local government code of the municipality; not part of the JSON.
    pub municipality_code: String,
}

impl fmt::Debug for Workplace {
    // What masking hides is not printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workplace")
            .field("prefecture", &self.prefecture)
            .field("municipality", &self.municipality)
            .finish_non_exhaustive()
    }
}

/// ④ 雇用期間 (start ≤ end). No end: an open-ended period (期間の定めなし), as the paper form
/// allows.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EmploymentPeriod {
    #[serde(serialize_with = "serialize_date")]
    pub start: Date,
    #[serde(serialize_with = "serialize_optional_date")]
    pub end: Option<Date>,
}

impl EmploymentPeriod {
    /// Days from start to end, both included; `None` when open-ended.
    pub fn days(&self) -> Option<i64> {
        self.end.map(|end| (end - self.start).whole_days() + 1)
    }
}

fn serialize_optional_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serialize_date(d, s),
        None => s.serialize_none(),
    }
}

/// ⑥ 業務内容.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duties {
    /// At least one; in the order of docs/domain.md §2, without repeats.
    pub kinds: Vec<DutyKind>,
    pub other_detail: Option<String>,
    pub specifics: Option<String>,
}

/// ⑦ 給与.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Salary {
    pub basis: SalaryBasis,
    pub amount_yen: u32,
    pub trial_amount_yen: Option<u32>,
}

/// ⑧ 勤務時間.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkingHours {
    #[serde(serialize_with = "serialize_clock")]
    pub start: ClockTime,
    /// Earlier than `start`: the shift ends the next day; equal: a 24-hour duty.
    #[serde(serialize_with = "serialize_clock")]
    pub end: ClockTime,
    /// `None`: not stated on the form (the labour-law rule then asks for one).
    pub break_minutes: Option<u16>,
    pub holidays: Option<String>,
    pub overtime: bool,
}

impl WorkingHours {
    /// Length of the shift in minutes, break included (1–1440).
    pub fn shift_minutes(&self) -> u16 {
        shift_minutes(self.start, self.end)
    }
}

/// Shift length from start to end: end before start runs into the next day; equal is 24 hours.
pub fn shift_minutes(start: ClockTime, end: ClockTime) -> u16 {
    let (s, e) = (start.minutes(), end.minutes());
    if e > s { e - s } else { 24 * 60 - s + e }
}

/// ⑨ 加入保険.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Insurance {
    pub employment: bool,
    pub workers_accident: bool,
    pub health: bool,
    pub pension: bool,
    pub other: Option<String>,
}

/// ⑫ 担当者.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub address: Option<String>,
    pub phone: PhoneNumber,
    pub extension: Option<String>,
    pub application_phone: Option<PhoneNumber>,
    pub fax: Option<PhoneNumber>,
    pub email: String,
}

impl fmt::Debug for Contact {
    // Personal data: never printed by Debug.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Contact(<hidden>)")
    }
}

/// ⑬ 求人登録の有無.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExistingListings {
    pub hello_work: bool,
    pub women_doctors_bank: bool,
    pub nurse_center: bool,
    pub other: Option<String>,
}

/// A recruitment form, normalised: what the canonical JSON v1 says, field for field.
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Record),
    uniffi(name = "RecruitmentForm")
)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub masking_requested: bool,
    pub facility: Facility,
    pub occupation: Occupation,
    pub openings: u16,
    pub workplace: Workplace,
    pub employment_period: EmploymentPeriod,
    pub trial_period_weeks: Option<u16>,
    pub duties: Duties,
    pub salary: Salary,
    pub working_hours: WorkingHours,
    pub insurance: Insurance,
    /// `None`: the checkbox was left unticked (the Health Promotion Act warning applies).
    pub passive_smoking: Option<PassiveSmoking>,
    pub passive_smoking_detail: Option<String>,
    pub notes: Option<String>,
    pub contact: Contact,
    pub existing_listings: ExistingListings,
}

impl Form {
    /// The canonical JSON v1 value (the `internal` view: every field).
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The canonical JSON v1 text.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The region of the posting, for distribution and counts (docs/domain.md §4).
    pub fn region(&self) -> Prefecture {
        self.workplace.prefecture
    }
}

/// A form without errors: the only kind that views, distribution and the lifecycle accept.
/// It can be made only by validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidForm {
    form: Form,
    warnings: Vec<Finding>,
}

impl ValidForm {
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The warnings validation found (a person should look; registration is allowed).
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }

    pub fn into_form(self) -> Form {
        self.form
    }
}

impl std::ops::Deref for ValidForm {
    type Target = Form;
    fn deref(&self) -> &Form {
        &self.form
    }
}

impl Form {
    /// The text of a text field by its catalogue path (`None`: empty, or not a text field).
    pub fn text_at(&self, path: &str) -> Option<&str> {
        let (w, c) = (&self.workplace, &self.contact);
        match path {
            "facility.id" => Some(&self.facility.id),
            "facility.name" => Some(&self.facility.name),
            "workplace.postal_code" => w.postal_code.as_ref().map(PostalCode::as_str),
            "workplace.municipality" => Some(&w.municipality),
            "workplace.street_address" => w.street_address.as_deref(),
            "workplace.facility_name" => w.facility_name.as_deref(),
            "duties.other_detail" => self.duties.other_detail.as_deref(),
            "duties.specifics" => self.duties.specifics.as_deref(),
            "working_hours.holidays" => self.working_hours.holidays.as_deref(),
            "insurance.other" => self.insurance.other.as_deref(),
            "passive_smoking_detail" => self.passive_smoking_detail.as_deref(),
            "notes" => self.notes.as_deref(),
            "contact.name" => Some(&c.name),
            "contact.address" => c.address.as_deref(),
            "contact.phone" => Some(c.phone.as_str()),
            "contact.extension" => c.extension.as_deref(),
            "contact.application_phone" => c.application_phone.as_ref().map(PhoneNumber::as_str),
            "contact.fax" => c.fax.as_ref().map(PhoneNumber::as_str),
            "contact.email" => Some(&c.email),
            "existing_listings.other" => self.existing_listings.other.as_deref(),
            _ => None,
        }
    }
}

impl Serialize for ValidForm {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.form.serialize(s)
    }
}

/// The outcome of validating one form: every finding, and the normalised form when it has no
/// errors.
#[derive(Debug, Clone)]
pub struct Validation {
    findings: Vec<Finding>,
    form: Option<Form>,
}

/// A form that has errors, with every finding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the form has {} error(s)", findings.iter().filter(|f| f.is_error()).count())]
pub struct Rejected {
    pub findings: Vec<Finding>,
}

impl Validation {
    /// Every finding, errors and warnings, in the order of the form's fields.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// True when no finding is an error.
    pub fn is_registrable(&self) -> bool {
        self.form.is_some()
    }

    /// The normalised form, when registrable.
    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    /// The canonical JSON v1 of the form, when registrable.
    pub fn canonical_json(&self) -> Option<serde_json::Value> {
        self.form.as_ref().map(Form::to_json_value)
    }

    /// The canonical JSON v1 of the form, when registrable, without a copy of the findings.
    pub fn into_canonical_json(self) -> Option<serde_json::Value> {
        self.form.as_ref().map(Form::to_json_value)
    }

    /// The valid form (with its warnings), or every finding.
    pub fn into_valid(self) -> Result<ValidForm, Rejected> {
        match self.form {
            Some(form) => Ok(ValidForm {
                form,
                warnings: self.findings,
            }),
            None => Err(Rejected {
                findings: self.findings,
            }),
        }
    }
}

fn raw_type_name(v: &Raw<'_>) -> &'static str {
    match v {
        Raw::Null => "null",
        Raw::Bool(_) => "a boolean",
        Raw::Int(_) | Raw::UInt(_) | Raw::Float(_) => "a number",
        Raw::Str(_) => "a string",
        Raw::Array(_) => "an array",
        Raw::Object(_) => "an object",
    }
}

/// Reads one form from JSON bytes (UTF-8, at most [`MAX_INPUT_BYTES`], nesting at most
/// [`MAX_DEPTH`]) and validates it.
pub fn validate_json(input: &[u8]) -> Result<Validation, InputError> {
    validate_raw(&read_form_json(input)?)
}

/// What [`validate_json`] reads before any rule: the JSON text as a [`Raw`] value, under the
/// limits. (Hosts time it as their binding floor: docs/benchmarks.md.)
pub fn read_form_json(input: &[u8]) -> Result<Raw<'_>, InputError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            len: input.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let raw: Raw<'_> = serde_json::from_slice(input).map_err(|e| read_error(input, &e))?;
    crate::limits::check_raw(&raw)?;
    Ok(raw)
}

/// Sorts the JSON parser's error about `input` into the kinds a caller can act on; only on
/// failure is the input checked as UTF-8 again. Shared with `api::parse_json`.
pub(crate) fn read_error(input: &[u8], e: &serde_json::Error) -> InputError {
    if let Err(utf8) = std::str::from_utf8(input) {
        InputError::InvalidUtf8 {
            offset: utf8.valid_up_to(),
        }
    } else if e.to_string().starts_with("recursion limit exceeded") {
        InputError::TooDeep { max: MAX_DEPTH }
    } else {
        // The parser's message ends with its position, which the error carries already.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) => message.get(..at).unwrap_or(&message).to_owned(),
            None => message,
        };
        InputError::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

/// Validates a form already parsed as JSON (a binding's host object converted to JSON). Nesting
/// is limited as for [`validate_json`].
pub fn validate_value(value: &serde_json::Value) -> Result<Validation, InputError> {
    crate::limits::check_value(value, MAX_INPUT_BYTES)?;
    validate_raw(&Raw::from_value(value))
}

/// Validates a form a host read into a [`Raw`] value straight from its own objects (a Python
/// dict, a JS object: no JSON text, no `serde_json::Value` in between), after the same limits
/// as JSON text ([`crate::limits::check_host_value`]).
pub fn validate_host_value(value: &Raw<'_>) -> Result<Validation, InputError> {
    crate::limits::check_host_value(value)?;
    validate_raw(value)
}

/// Validates a form held as a borrowed [`Raw`] value.
pub fn validate_raw(value: &Raw<'_>) -> Result<Validation, InputError> {
    validate_raw_as_of(value, None)
}

/// Validates a form as of a day: the municipality is checked against the official list of that
/// day (a posting's registration date) instead of the employment start's.
pub fn validate_value_as_of(
    value: &serde_json::Value,
    day: Date,
) -> Result<Validation, InputError> {
    crate::limits::check_value(value, MAX_INPUT_BYTES)?;
    validate_raw_as_of(&Raw::from_value(value), Some(day))
}

fn validate_raw_as_of(value: &Raw<'_>, day: Option<Date>) -> Result<Validation, InputError> {
    let Raw::Object(pairs) = value else {
        return Err(InputError::NotAnObject {
            found: raw_type_name(value),
        });
    };
    let (parts, mut findings) = read::read_form(pairs, day);
    let form = rules::check(parts, &mut findings);
    fields::sort_findings(&mut findings);
    let form = form.filter(|_| is_registrable(&findings));
    Ok(Validation { findings, form })
}

/// Validates a form and returns the valid form or every finding; input errors become a
/// [`Rejected`] with one finding at path `""`.
pub fn validate(value: &serde_json::Value) -> Result<ValidForm, Rejected> {
    match validate_value(value) {
        Ok(v) => v.into_valid(),
        Err(e) => Err(Rejected {
            findings: vec![Finding::error(
                "",
                crate::finding::Code::Format,
                e.to_string(),
                e.message_ja(),
            )],
        }),
    }
}
