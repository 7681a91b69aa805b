//! Views (docs/domain.md §6, §11): a form as each reader is given it. The internal view is the
//! canonical JSON itself; the others leave out the facility ID, and the public view of a masked
//! form hides every field the catalogue marks as masked ([`crate::form::fields`]).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::form::fields::masked_when_asked;
use crate::form::{Contact, Facility, Form, ValidForm, Workplace};

/// What a reader of a posting is given.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "ViewKind"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Every field, the facility ID included (prefectures, MHLW, labour bureaus).
    Internal,
    /// Every field but the facility ID (national bodies, nurse centres, a job seeker who asked).
    Registered,
    /// What anyone may read: no facility ID, and the §6 fields hidden when masking was asked.
    Public,
    /// No posting at all: only counts per occupation × prefecture (placement agencies).
    Counts,
}

impl View {
    /// Every view, from the most to the least shown.
    pub const ALL: [View; 4] = [View::Internal, View::Registered, View::Public, View::Counts];

    /// The view of a name (`internal`, `registered`, `public`, `counts`).
    pub fn from_name(name: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// A caller's mistake, not bad data: the message for a name that is no view.
    pub fn unknown_name_message(name: &str) -> String {
        let names: Vec<String> = View::ALL
            .iter()
            .map(|v| format!("'{}'", v.as_str()))
            .collect();
        format!("view must be one of {}, not {name:?}", names.join(", "))
    }

    /// The views that show a posting's form ([`FormView::of`]): every one but `counts`.
    pub const FORMS: [View; 3] = [View::Internal, View::Registered, View::Public];

    pub const fn as_str(self) -> &'static str {
        match self {
            View::Internal => "internal",
            View::Registered => "registered",
            View::Public => "public",
            View::Counts => "counts",
        }
    }
}

/// A form as one view shows it, serialised in the canonical JSON v1 shape without copying:
/// the facility ID is left out of every view but `internal`; in the public view of a masked form
/// each field of [`crate::form::fields::MASKED_FIELDS`] is `null`. It can be made only from a [`ValidForm`] (or, for
/// the internal view, any [`Form`] — that is how the canonical form itself is written).
#[derive(Debug, Clone, Copy)]
pub struct FormView<'a> {
    form: &'a Form,
    show_facility_id: bool,
    mask: bool,
}

impl<'a> FormView<'a> {
    /// Every field.
    pub fn internal(form: &'a Form) -> FormView<'a> {
        FormView {
            form,
            show_facility_id: true,
            mask: false,
        }
    }

    /// The view a recipient gets. `View::Counts` shows no posting: `None`.
    pub fn of(form: &'a ValidForm, view: View) -> Option<FormView<'a>> {
        let form = form.form();
        match view {
            View::Internal => Some(FormView::internal(form)),
            View::Registered => Some(FormView {
                form,
                show_facility_id: false,
                mask: false,
            }),
            View::Public => Some(FormView {
                form,
                show_facility_id: false,
                mask: form.masking_requested,
            }),
            View::Counts => None,
        }
    }

    /// The public view (docs/domain.md §6): what the Key-Net site, and anyone publishing, may show.
    pub fn public(form: &'a ValidForm) -> FormView<'a> {
        FormView {
            form: form.form(),
            show_facility_id: false,
            mask: form.masking_requested,
        }
    }

    /// The registered view: every field but the facility ID.
    pub fn registered(form: &'a ValidForm) -> FormView<'a> {
        FormView {
            form: form.form(),
            show_facility_id: false,
            mask: false,
        }
    }

    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Whether a view that masks hides the field at `$path`: the catalogue says (at compile time).
macro_rules! hides {
    ($mask:expr, $path:literal) => {
        $mask && const { masked_when_asked($path) }
    };
}

/// `value` unless hidden, then `None` (written `null`).
fn unless<T>(hidden: bool, value: Option<T>) -> Option<T> {
    if hidden { None } else { value }
}

struct FacilitySer<'a>(&'a Facility, FormView<'a>);
impl Serialize for FacilitySer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (f, v) = (self.0, self.1);
        let mut st = s.serialize_struct("Facility", if v.show_facility_id { 4 } else { 3 })?;
        if v.show_facility_id {
            st.serialize_field("id", &f.id)?;
        } else {
            st.skip_field("id")?;
        }
        st.serialize_field(
            "name",
            &unless(hides!(v.mask, "facility.name"), Some(&f.name)),
        )?;
        st.serialize_field("type", &f.kind)?;
        st.serialize_field("prefecture", &f.prefecture)?;
        st.end()
    }
}

struct WorkplaceSer<'a>(&'a Workplace, bool);
impl Serialize for WorkplaceSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (w, mask) = (self.0, self.1);
        let mut st = s.serialize_struct("Workplace", 5)?;
        st.serialize_field(
            "postal_code",
            &unless(
                hides!(mask, "workplace.postal_code"),
                w.postal_code.as_ref().map(|p| p.as_str()),
            ),
        )?;
        st.serialize_field("prefecture", &w.prefecture)?;
        st.serialize_field("municipality", &w.municipality)?;
        st.serialize_field(
            "street_address",
            &unless(
                hides!(mask, "workplace.street_address"),
                w.street_address.as_ref(),
            ),
        )?;
        st.serialize_field(
            "facility_name",
            &unless(
                hides!(mask, "workplace.facility_name"),
                w.facility_name.as_ref(),
            ),
        )?;
        st.end()
    }
}

struct ContactSer<'a>(&'a Contact, bool);
impl Serialize for ContactSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, mask) = (self.0, self.1);
        let mut st = s.serialize_struct("Contact", 7)?;
        st.serialize_field("name", &unless(hides!(mask, "contact.name"), Some(&c.name)))?;
        st.serialize_field(
            "address",
            &unless(hides!(mask, "contact.address"), c.address.as_ref()),
        )?;
        st.serialize_field(
            "phone",
            &unless(hides!(mask, "contact.phone"), Some(c.phone.as_str())),
        )?;
        st.serialize_field(
            "extension",
            &unless(hides!(mask, "contact.extension"), c.extension.as_ref()),
        )?;
        st.serialize_field(
            "application_phone",
            &unless(
                hides!(mask, "contact.application_phone"),
                c.application_phone.as_ref().map(|p| p.as_str()),
            ),
        )?;
        st.serialize_field(
            "fax",
            &unless(
                hides!(mask, "contact.fax"),
                c.fax.as_ref().map(|p| p.as_str()),
            ),
        )?;
        st.serialize_field(
            "email",
            &unless(hides!(mask, "contact.email"), Some(&c.email)),
        )?;
        st.end()
    }
}

impl Serialize for FormView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.form;
        let mut st = s.serialize_struct("Form", 16)?;
        st.serialize_field("masking_requested", &f.masking_requested)?;
        st.serialize_field("facility", &FacilitySer(&f.facility, *self))?;
        st.serialize_field("occupation", &f.occupation)?;
        st.serialize_field("openings", &f.openings)?;
        st.serialize_field("workplace", &WorkplaceSer(&f.workplace, self.mask))?;
        st.serialize_field("employment_period", &f.employment_period)?;
        st.serialize_field("trial_period_weeks", &f.trial_period_weeks)?;
        st.serialize_field("duties", &f.duties)?;
        st.serialize_field("salary", &f.salary)?;
        st.serialize_field("working_hours", &f.working_hours)?;
        st.serialize_field("insurance", &f.insurance)?;
        st.serialize_field("passive_smoking", &f.passive_smoking)?;
        st.serialize_field("passive_smoking_detail", &f.passive_smoking_detail)?;
        st.serialize_field("notes", &f.notes)?;
        st.serialize_field("contact", &ContactSer(&f.contact, self.mask))?;
        st.serialize_field("existing_listings", &f.existing_listings)?;
        st.end()
    }
}

/// The canonical JSON (interchange format v1) of a form is its internal view.
impl Serialize for Form {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        FormView::internal(self).serialize(s)
    }
}
