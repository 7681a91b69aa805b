//! Host objects that hold core values: a validated form, a posting, a list of postings and a rule
//! set, read once and kept in Rust. Their methods call the typed core API directly — no JSON
//! re-read, no re-validation — which is what makes repeated views and distributions cheap. The
//! module-level functions (`keynet.public_view(dict)`, …) stay for one-off calls.

use keynet::api::{self, ApiError};
use keynet::{FormView, View};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::Value;

use crate::args::{document, list, optional_document};
use crate::convert;
use crate::errors::{api_error, findings_list, guarded, invalid_form};

fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    convert::to_py(py, value)
}

fn core<T>(py: Python<'_>, result: Result<T, ApiError>) -> PyResult<T> {
    result.map_err(|e| api_error(py, &e))
}

fn view_named(name: &str) -> PyResult<View> {
    View::from_name(name).ok_or_else(|| {
        PyValueError::new_err(format!("keynet: {}", View::unknown_name_message(name)))
    })
}

/// A form without error findings, held in Rust: ``ValidForm(form)`` validates once (dict,
/// JSON ``str`` or ``bytes``; InvalidForm with ``.findings`` on errors, InputError when it is no
/// form); its views and registration then read nothing again.
#[pyclass(frozen, module = "keynet", name = "ValidForm")]
#[derive(Debug, Clone)]
pub struct PyValidForm {
    pub(crate) inner: keynet::ValidForm,
}

#[pymethods]
impl PyValidForm {
    #[new]
    fn new(py: Python<'_>, form: &Bound<'_, PyAny>) -> PyResult<Self> {
        guarded(|| {
            let validation = crate::run(py, form)?;
            match validation.into_valid() {
                Ok(inner) => Ok(PyValidForm { inner }),
                Err(rejected) => Err(invalid_form(
                    py,
                    "the form cannot be registered",
                    &rejected.findings,
                )),
            }
        })
    }

    /// The warnings of the form (a valid form has no error findings).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        findings_list(py, self.inner.warnings())
    }

    /// Whether the facility asked for masking (docs/domain.md §6).
    #[getter]
    fn masking_requested(&self) -> bool {
        self.inner.masking_requested
    }

    /// The occupation's code (``"nurse"``).
    #[getter]
    fn occupation(&self) -> &'static str {
        self.inner.occupation.code()
    }

    /// The canonical JSON (interchange format v1) as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &self.inner.to_json_value()))
    }

    /// The canonical JSON as text.
    fn to_json(&self) -> String {
        self.inner.to_json_string()
    }

    /// The public view: no facility ID; the masked fields null when masking was asked.
    fn public_view<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &FormView::public(&self.inner).to_json_value()))
    }

    /// The registered view: every field but the facility ID.
    fn registered_view<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &FormView::registered(&self.inner).to_json_value()))
    }

    /// The form as ``view`` shows it (``internal``, ``registered``, ``public``); ``counts``
    /// shows no posting: None.
    fn view<'py>(&self, py: Python<'py>, view: &str) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| match FormView::of(&self.inner, view_named(view)?) {
            Some(v) => to_py(py, &v.to_json_value()),
            None => Ok(py.None().into_bound(py)),
        })
    }

    /// Registers the form as a posting (``posting_id``, ``registered_on``: ISO or wareki text,
    /// or a ``datetime.date``).
    fn register(
        &self,
        py: Python<'_>,
        posting_id: &str,
        registered_on: &Bound<'_, PyAny>,
    ) -> PyResult<PyPosting> {
        guarded(|| {
            let on = crate::date_text(py, registered_on, "registered_on")?;
            let posting = core(py, api::register_valid(&self.inner, posting_id, &on))?;
            Ok(PyPosting { inner: posting })
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<keynet.ValidForm {} {} {}>",
            self.inner.facility.prefecture.name(),
            self.inner.occupation.code(),
            if self.inner.masking_requested {
                "masked"
            } else {
                "unmasked"
            }
        )
    }
}

/// A posting held in Rust: ``Posting(posting)`` reads a dict or JSON once;
/// ``ValidForm.register`` makes one. Events change it in place.
#[pyclass(module = "keynet", name = "Posting")]
#[derive(Debug, Clone)]
pub struct PyPosting {
    pub(crate) inner: keynet::Posting,
}

#[pymethods]
impl PyPosting {
    #[new]
    fn new(py: Python<'_>, posting: &Bound<'_, PyAny>) -> PyResult<Self> {
        guarded(|| {
            let value = document(py, posting, "posting", usize::MAX)?;
            Ok(PyPosting {
                inner: core(py, api::read_posting(&value))?,
            })
        })
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// ``"open"`` or ``"closed"``.
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status().as_str()
    }

    /// The posting's form.
    #[getter]
    fn form(&self) -> PyValidForm {
        PyValidForm {
            inner: self.inner.form().clone(),
        }
    }

    /// Applies one event (dict or JSON). Raises LifecycleError when the posting's state does not
    /// allow it (the posting is then unchanged), InvalidForm when the event does not read.
    fn apply(&mut self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        guarded(|| {
            let event = document(py, event, "event", usize::MAX)?;
            let event = core(py, api::read_event(&event))?;
            self.inner
                .apply(event)
                .map_err(|e| api_error(py, &ApiError::Lifecycle(e)))
        })
    }

    /// Applies events in order, all or nothing: on a failure (raised with ``.at``, the index of
    /// the failing event) the posting is unchanged.
    fn apply_events(&mut self, py: Python<'_>, events: &Bound<'_, PyAny>) -> PyResult<()> {
        guarded(|| {
            let events = list(py, events, "events")?;
            core(py, api::apply_events_to(&mut self.inner, &events))
        })
    }

    /// The registered view for a seeker who inquired or applied; DisclosureError for anyone else.
    fn disclose<'py>(&self, py: Python<'py>, seeker_id: &str) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let view = self
                .inner
                .disclose_to(seeker_id)
                .map_err(|e| api_error(py, &ApiError::Disclosure(e)))?;
            to_py(py, &view.to_json_value())
        })
    }

    /// The public view of the posting's form.
    fn public_view<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &FormView::public(self.inner.form()).to_json_value()))
    }

    /// The posting as a dict (the shape ``Posting(…)`` reads).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| to_py(py, &self.inner.to_json_value()))
    }

    fn __repr__(&self) -> String {
        format!(
            "<keynet.Posting {} {}>",
            self.inner.id(),
            self.inner.status().as_str()
        )
    }
}

/// Postings read once: a list of ``Posting`` objects, dicts or JSON, or JSON text of an array
/// or JSON lines.
fn postings_arg(py: Python<'_>, postings: &Bound<'_, PyAny>) -> PyResult<Vec<keynet::Posting>> {
    if let Ok(items) = postings.cast::<PyList>()
        && items.iter().all(|item| item.is_instance_of::<PyPosting>())
    {
        return items
            .iter()
            .map(|item| Ok(item.cast::<PyPosting>()?.borrow().inner.clone()))
            .collect();
    }
    let value = list(py, postings, "postings")?;
    core(py, api::read_postings(&value, "postings"))
}

/// Distribution rules parsed once: ``RuleSet()`` is the standard set, ``RuleSet(rules)``
/// extends or overrides it.
#[pyclass(frozen, module = "keynet", name = "RuleSet")]
#[derive(Debug)]
pub struct PyRuleSet {
    inner: keynet::RuleSet,
}

#[pymethods]
impl PyRuleSet {
    #[new]
    #[pyo3(signature = (rules = None))]
    fn new(py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        guarded(|| {
            let rules = optional_document(py, rules, "rules")?;
            Ok(PyRuleSet {
                inner: core(py, api::rule_set(rules.as_ref()))?,
            })
        })
    }

    /// What each recipient receives of ``postings`` (``Posting`` objects, dicts or JSON).
    fn distribute<'py>(
        &self,
        py: Python<'py>,
        postings: &Bound<'py, PyAny>,
        recipients: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let postings = postings_arg(py, postings)?;
            let recipients = list(py, recipients, "recipients")?;
            let recipients = core(py, api::read_recipients(&recipients))?;
            let value = core(
                py,
                api::distribute_typed(&postings, &recipients, &self.inner),
            )?;
            to_py(py, &value)
        })
    }

    /// Why ``posting`` reaches ``recipient``, or not (docs/domain.md §11).
    fn explain<'py>(
        &self,
        py: Python<'py>,
        posting: &Bound<'py, PyAny>,
        recipient: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let posting = match posting.cast::<PyPosting>() {
                Ok(p) => p.borrow().inner.clone(),
                Err(_) => {
                    let value = document(py, posting, "posting", usize::MAX)?;
                    core(py, api::read_posting(&value))?
                }
            };
            let recipient = document(py, recipient, "recipient", usize::MAX)?;
            let recipient = core(py, api::read_recipient(&recipient))?;
            let value = core(py, api::explain_typed(&posting, &recipient, &self.inner))?;
            to_py(py, &value)
        })
    }

    /// The rule set as a dict (the shape ``RuleSet(rules)`` reads).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let value = serde_json::to_value(&self.inner)
                .map_err(|e| crate::errors::internal(&e.to_string()))?;
            to_py(py, &value)
        })
    }

    fn __repr__(&self) -> String {
        format!("<keynet.RuleSet {} rules>", self.inner.rules.len())
    }
}
