//! Answers that the core gives as something other than one of its types: a validation's outcome,
//! a form as one view shows it, a distribution's share per recipient. Their parts are the core's
//! own records and enums.

use serde::Serialize;
use serde_json::Value;

use keynet::distribution::{Content, CountRow, Distribution, Recipient};
use keynet::form::Duties;
use keynet::text::{PhoneNumber, PostalCode};
use keynet::{
    EmploymentPeriod, ExistingListings, FacilityType, Finding, Form, Insurance, Occupation,
    PassiveSmoking, Prefecture, Salary, View, WorkingHours,
};

use crate::error::KeyNetError;

/// The outcome of validating a draft: every finding, and the normalised form when no finding is
/// an error.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Validation {
    /// Errors and warnings, in the order of the form's fields.
    pub findings: Vec<Finding>,
    /// True when no finding is an error (then `form` is set).
    pub registrable: bool,
    pub form: Option<Form>,
}

/// 医療機関 as a view shows it: `id` only in the internal view, `name` nil when masked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize)]
pub struct ViewedFacility {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub facility_type: FacilityType,
    pub prefecture: Prefecture,
}

/// ③ 勤務地 as a view shows it: the postal code, street address and building nil when masked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize)]
pub struct ViewedWorkplace {
    pub postal_code: Option<String>,
    pub prefecture: Prefecture,
    pub municipality: String,
    pub street_address: Option<String>,
    pub facility_name: Option<String>,
}

/// 担当者 as a view shows it: every field nil in a masked public view.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize)]
pub struct ViewedForm {
    pub masking_requested: bool,
    pub facility: ViewedFacility,
    pub occupation: Occupation,
    pub openings: u16,
    pub workplace: ViewedWorkplace,
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

impl ViewedForm {
    /// A valid `form` as one view shows it. `view` is the core's JSON of that view, and it decides
    /// (docs/domain.md §6): a field it leaves out or writes `null` is nil here. The record is
    /// checked to write exactly that JSON, so no rule of masking is restated here and a field the
    /// core hides is never shown — fail closed, as an internal error.
    pub(crate) fn of(form: &Form, view: &Value) -> Result<ViewedForm, KeyNetError> {
        let shown = |path: &str| view.pointer(path).is_some_and(|v| !v.is_null());
        let keep =
            |path: &str, value: Option<&str>| value.filter(|_| shown(path)).map(str::to_owned);
        let (f, w, c) = (&form.facility, &form.workplace, &form.contact);
        let viewed = ViewedForm {
            masking_requested: form.masking_requested,
            facility: ViewedFacility {
                id: keep("/facility/id", Some(&f.id)),
                name: keep("/facility/name", Some(&f.name)),
                facility_type: f.kind,
                prefecture: f.prefecture,
            },
            occupation: form.occupation,
            openings: form.openings,
            workplace: ViewedWorkplace {
                postal_code: keep(
                    "/workplace/postal_code",
                    w.postal_code.as_ref().map(PostalCode::as_str),
                ),
                prefecture: w.prefecture,
                municipality: w.municipality.clone(),
                street_address: keep("/workplace/street_address", w.street_address.as_deref()),
                facility_name: keep("/workplace/facility_name", w.facility_name.as_deref()),
            },
            employment_period: form.employment_period,
            trial_period_weeks: form.trial_period_weeks,
            duties: form.duties.clone(),
            salary: form.salary,
            working_hours: form.working_hours.clone(),
            insurance: form.insurance.clone(),
            passive_smoking: form.passive_smoking,
            passive_smoking_detail: form.passive_smoking_detail.clone(),
            notes: form.notes.clone(),
            contact: ViewedContact {
                name: keep("/contact/name", Some(&c.name)),
                address: keep("/contact/address", c.address.as_deref()),
                phone: keep("/contact/phone", Some(c.phone.as_str())),
                extension: keep("/contact/extension", c.extension.as_deref()),
                application_phone: keep(
                    "/contact/application_phone",
                    c.application_phone.as_ref().map(PhoneNumber::as_str),
                ),
                fax: keep("/contact/fax", c.fax.as_ref().map(PhoneNumber::as_str)),
                email: keep("/contact/email", Some(&c.email)),
            },
            existing_listings: form.existing_listings.clone(),
        };
        if serde_json::to_value(&viewed).ok().as_ref() != Some(view) {
            return Err(KeyNetError::internal(
                "the typed view differs from the core's view of the form",
            ));
        }
        Ok(viewed)
    }
}

/// What one recipient receives: posting ids (in input order) or count rows, never both.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum, Serialize)]
#[serde(untagged)]
pub enum DeliveryContent {
    Postings { posting_ids: Vec<String> },
    Counts { counts: Vec<CountRow> },
}

/// One recipient's share of a distribution (docs/domain.md §11).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record, Serialize)]
pub struct Delivery {
    pub recipient: Recipient,
    /// The recipient kind's Japanese name.
    pub label_ja: String,
    pub view: View,
    #[serde(flatten)]
    pub content: DeliveryContent,
}

/// Every recipient's share, posting indexes turned into posting ids.
pub(crate) fn deliveries(distribution: &Distribution<'_>) -> Vec<Delivery> {
    distribution
        .deliveries
        .iter()
        .map(|d| Delivery {
            recipient: d.recipient.clone(),
            label_ja: d.label_ja.clone(),
            view: d.view,
            content: match &d.content {
                Content::Postings(_) => DeliveryContent::Postings {
                    posting_ids: distribution
                        .posting_ids(d)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                },
                Content::Counts(rows) => DeliveryContent::Counts {
                    counts: rows.to_vec(),
                },
            },
        })
        .collect()
}
