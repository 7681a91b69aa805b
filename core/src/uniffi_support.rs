//! The core's own types for Swift and Kotlin (UniFFI), behind the `uniffi` feature that only
//! bindings-swift turns on (docs/choices.md — "Swift and Kotlin: the core's own types").
//!
//! The records and enums are derived where they are defined (`#[cfg_attr(feature = "uniffi",
//! derive(uniffi::Record))]`); this module holds what a derive cannot say:
//!
//! - custom types for the values UniFFI cannot carry as they are: a date as ISO text
//!   (`2020-06-01`), a time of day as `HH:MM`, a postal code as `NNN-NNNN`, a phone number in its
//!   canonical hyphenation, a prefecture as its two-digit JIS X 0401 code (`13`), and a rule's
//!   occupations as a list (nil for all). Each is written exactly as the canonical JSON writes it
//!   and read back by the reader the JSON input goes through (so `R2.6.1`, `東京都` and
//!   `０３（３２９２）００００` are read too);
//! - [`PostingRecord`], a posting as a host holds it: [`Posting`]'s fields are private (only the
//!   lifecycle changes one, and it holds a [`crate::ValidForm`]), so a host gets its parts
//!   (docs/domain.md §11) as a record and gives them back to be read again like its JSON.

use serde_json::Value;
use time::Date;

use crate::distribution::scopes::{AllMarker, Occupations};
use crate::form::Form;
use crate::occupation::Occupation;
use crate::places::Prefecture;
use crate::posting::{ClosedReason, Hire, Inquiry, InvalidPosting, Posting, PostingJson, Status};
use crate::text::{self, ClockTime, PhoneNumber, PostalCode};

/// Why a value from the host could not be read (UniFFI reports it before the call runs).
fn unreadable(what: &str) -> uniffi::deps::anyhow::Error {
    uniffi::deps::anyhow::anyhow!("keynet cannot read this value as {what}")
}

/// A calendar date, ISO text for hosts: `IsoDate`, since a type named `Date` would hide
/// Foundation's in Swift (and `java.util.Date` in Kotlin).
pub type IsoDate = Date;

uniffi::custom_type!(IsoDate, String, {
    remote,
    lower: |date| text::iso_date(date),
    try_lift: |s| text::parse_date(&s).map_err(|_| unreadable("a date (YYYY-MM-DD)")),
});

uniffi::custom_type!(ClockTime, String, {
    lower: |time| time.to_string(),
    try_lift: |s| {
        text::parse_time(&s)
            .filter(|typed| !typed.next_day)
            .map(|typed| typed.time)
            .ok_or_else(|| unreadable("a time of day (HH:MM)"))
    },
});

uniffi::custom_type!(PostalCode, String, {
    lower: |code| code.as_str().to_owned(),
    // Never quoted: a postal code is part of what masking hides (docs/domain.md §6).
    try_lift: |s| text::parse_postal_code(&s).ok_or_else(|| unreadable("a postal code (NNN-NNNN)")),
});

uniffi::custom_type!(PhoneNumber, String, {
    lower: |phone| phone.as_str().to_owned(),
    // Never quoted: personal data.
    try_lift: |s| text::parse_phone(&s).map_err(|_| unreadable("a phone number")),
});

uniffi::custom_type!(Prefecture, String, {
    lower: |prefecture| prefecture.code(),
    try_lift: |s| {
        Prefecture::parse(&s).ok_or_else(|| unreadable("a prefecture (its JIS code, e.g. 13)"))
    },
});

uniffi::custom_type!(Occupations, Option<Vec<Occupation>>, {
    lower: |occupations| match occupations {
        Occupations::All(_) => None,
        Occupations::Listed(list) => Some(list),
    },
    try_lift: |list| Ok(match list {
        None => Occupations::All(AllMarker::All),
        Some(list) => Occupations::Listed(list),
    }),
});

/// A registered posting (募集情報) as a host holds it: docs/domain.md §11's `{posting_id,
/// registered_on, status, form}` plus what the lifecycle recorded. Changed only by the lifecycle
/// (`applyEvent`); given back, it is read again like its JSON, the form validated.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi(name = "Posting")]
pub struct PostingRecord {
    pub posting_id: String,
    pub registered_on: Date,
    pub status: Status,
    #[uniffi(default)]
    pub closed_reason: Option<ClosedReason>,
    #[uniffi(default)]
    pub closed_on: Option<Date>,
    pub form: Form,
    #[uniffi(default)]
    pub inquiries: Vec<Inquiry>,
    #[uniffi(default)]
    pub hires: Vec<Hire>,
}

impl From<&Posting> for PostingRecord {
    fn from(p: &Posting) -> Self {
        PostingRecord {
            posting_id: p.id().to_owned(),
            registered_on: p.registered_on(),
            status: p.status(),
            closed_reason: p.closed_reason(),
            closed_on: p.closed_on(),
            form: p.form().form().clone(),
            inquiries: p.inquiries().to_vec(),
            hires: p.hires().to_vec(),
        }
    }
}

impl PostingRecord {
    /// The posting's JSON, written exactly as [`Posting`] writes its own.
    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(PostingJson {
            id: &self.posting_id,
            registered_on: self.registered_on,
            status: self.status,
            closed_reason: self.closed_reason,
            closed_on: self.closed_on,
            form: &self.form,
            inquiries: &self.inquiries,
            hires: &self.hires,
        })
        .unwrap_or(Value::Null)
    }

    /// The posting, read again from its JSON: the form validated, the lifecycle's records
    /// checked, every finding at its path (`form.contact.phone`, `hires.0.hired_on`).
    pub fn to_posting(&self) -> Result<Posting, InvalidPosting> {
        Posting::from_json_value(&self.to_json_value())
    }
}
