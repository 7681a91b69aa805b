//! Python bindings of `keynet` (PyO3): conversion between Python objects and the core, nothing
//! more. Every rule lives in the core (`keynet::api`, the JSON façade, and the typed API); this
//! crate reads Python input, calls the core, and writes its answers back as plain
//! `dict`/`list`/`str` values.
//!
//! The native module is `keynet._keynet`; the package `keynet` (python/keynet/__init__.py)
//! re-exports it. Each entry point runs the core inside `catch_unwind`: a panic becomes
//! `keynet.InternalError`, the interpreter keeps running and the next call works.

/// Every allocation of the module, Rust's own and the core's, through mimalloc (docs/benchmarks.md,
/// "Python: dicts read in place").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use keynet::api::{self, ApiError};
use keynet::{MAX_INPUT_BYTES, Validation};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde_json::{Value, json};

mod args;
mod batch;
mod convert;
mod errors;
mod files;
mod objects;
mod samples;

use args::{document, list, optional_document};
pub use errors::{
    CsvWriteError, DisclosureError, InputError, InternalError, InvalidForm, LifecycleError,
    OperationError, RulesError,
};
use errors::{api_error, findings_list, guarded, input_error};

/// Reads `form` (dict, JSON `str` or JSON `bytes`) and runs the core's validation.
pub(crate) fn run(py: Python<'_>, form: &Bound<'_, PyAny>) -> PyResult<Validation> {
    let result = if let Ok(text) = form.cast::<PyString>() {
        return keynet::validate_json(text.to_cow()?.as_bytes())
            .map_err(|e| args::not_json(py, form, "form", &e));
    } else if let Ok(bytes) = form.cast::<PyBytes>() {
        keynet::validate_json(bytes.as_bytes())
    } else if !form.is_instance_of::<PyDict>() && args::is_path(py, form)? {
        keynet::validate_json(args::file_content(py, form, "form")?.as_bytes())
    } else {
        keynet::validate_host_value(&args::walked_raw(py, form, "form")?)
    };
    result.map_err(|e| input_error(py, &e, None))
}

/// A form argument as JSON (text limited like `validate_json`).
fn form_arg(py: Python<'_>, form: &Bound<'_, PyAny>) -> PyResult<Value> {
    document(py, form, "form", MAX_INPUT_BYTES)
}

/// The façade's answer as Python objects, or its error as the matching exception.
fn answer<'py>(py: Python<'py>, result: Result<Value, ApiError>) -> PyResult<Bound<'py, PyAny>> {
    match result {
        Ok(value) => convert::to_py(py, &value),
        Err(e) => Err(api_error(py, &e)),
    }
}

/// A date argument: ISO (or wareki) text, or a `datetime.date`.
pub(crate) fn date_text(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    let date_type = py.import("datetime")?.getattr("date")?;
    if obj.is_instance(&date_type)? {
        return obj.call_method0("isoformat")?.extract();
    }
    Err(PyTypeError::new_err(format!(
        "keynet: {name} must be a str or a datetime.date"
    )))
}

#[pymodule(name = "_keynet")]
mod native {
    use super::*;

    #[pymodule_export]
    use super::{
        CsvWriteError, DisclosureError, InputError, InternalError, InvalidForm, LifecycleError,
        OperationError, RulesError,
    };

    #[pymodule_export]
    use super::batch::Batch;

    #[pymodule_export]
    use super::samples::{SamplePostings, iter_sample_postings, write_sample_postings};

    #[pymodule_export]
    use super::objects::{PyPosting, PyRuleSet, PyValidForm};

    #[pymodule_export]
    use super::files::{
        export_bed_view_csv, postings_csv_mapping, read_bed_export_csv, read_postings_csv,
        write_count_table_csv, write_postings_csv,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }

    // --- forms ---------------------------------------------------------------------------------

    /// Every finding about the form, errors and warnings alike (never only the first).
    ///
    /// Raises:
    ///     InputError: the input is not a form (bad JSON, not an object, too large, too deep).
    ///     TypeError: a dict holds a value JSON cannot (a set, a date, …) or a non-str key.
    ///     ValueError: a float is NaN or infinite.
    ///     InternalError: a bug inside keynet.
    #[pyfunction]
    fn validate<'py>(py: Python<'py>, form: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        guarded(|| {
            let validation = run(py, form)?;
            findings_list(py, validation.findings())
        })
    }

    /// The canonical JSON (interchange format v1) of a registrable form, as a dict.
    ///
    /// Raises:
    ///     InvalidForm: the form has error findings; ``.findings`` holds every finding.
    ///     InputError: the input is not a form.
    ///     InternalError: a bug inside keynet.
    #[pyfunction]
    fn normalize<'py>(py: Python<'py>, form: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| answer(py, api::canonical(run(py, form)?)))
    }

    /// Validates many forms at once: JSON lines (``str`` or ``bytes``, blank lines skipped), a
    /// ``pathlib.Path`` to a JSON-lines file, a table (a DataFrame or pyarrow Table of canonical
    /// dotted columns or of one column of JSON text) or an iterable of forms (dicts or JSON text).
    ///
    /// The GIL is released while the core works, and the records are spread over ``threads``
    /// threads (default: every core; small batches use one). A record that is not a form does not
    /// stop the batch: it is listed in ``Batch.input_errors``.
    ///
    /// Raises:
    ///     TypeError: an item holds a value JSON cannot; the message names ``forms[i]``.
    ///     ValueError: ``threads`` is 0.
    #[pyfunction]
    #[pyo3(signature = (forms, *, threads = None))]
    fn validate_many(
        py: Python<'_>,
        forms: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<batch::Batch> {
        guarded(|| batch::validate_many(py, forms, threads))
    }

    /// Every error a call can end in (input that is no form, a refused lifecycle event): kind,
    /// detail, the names of its context values and its English and Japanese templates.
    #[pyfunction]
    fn error_catalogue<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| answer(py, api::call("error_catalogue", &Value::Null)))
    }

    /// Every finding code with its English and Japanese description, for translators and UIs.
    #[pyfunction]
    fn catalogue<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guarded(|| {
            let list = PyList::empty(py);
            for info in keynet::catalogue() {
                let d = PyDict::new(py);
                d.set_item("code", info.code.as_str())?;
                d.set_item("description", info.description)?;
                d.set_item("description_ja", info.description_ja)?;
                list.append(d)?;
            }
            Ok(list)
        })
    }

    // --- views ---------------------------------------------------------------------------------

    /// The public view (§6) of a form without errors: ``facility.id`` removed and, when masking
    /// is requested, the masked fields null. Raises InvalidForm (a leak is an error finding).
    #[pyfunction]
    fn public_view<'py>(py: Python<'py>, form: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| answer(py, api::public_view(&form_arg(py, form)?)))
    }

    /// The registered view of a form without errors: every field but ``facility.id``. Raises InvalidForm.
    #[pyfunction]
    fn registered_view<'py>(
        py: Python<'py>,
        form: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| answer(py, api::registered_view(&form_arg(py, form)?)))
    }

    /// One view of a form without errors by name. Raises InvalidForm (an unknown view is a finding at ``view``).
    #[pyfunction]
    fn view<'py>(
        py: Python<'py>,
        form: &Bound<'py, PyAny>,
        view: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let args = json!({"form": form_arg(py, form)?, "view": view});
            answer(py, api::call("view", &args))
        })
    }

    // --- distribution --------------------------------------------------------------------------

    /// §11 distribution: for each recipient, its view and the posting ids it receives (input
    /// order), or its count rows. ``rules`` extends or overrides the standard rule set.
    ///
    /// Raises:
    ///     InvalidForm: a posting or recipient cannot be used (findings at ``postings.<i>…``,
    ///         ``recipients.<i>``).
    ///     RulesError: ``rules`` cannot be used.
    #[pyfunction]
    #[pyo3(signature = (postings, recipients, rules = None))]
    fn distribute<'py>(
        py: Python<'py>,
        postings: &Bound<'py, PyAny>,
        recipients: &Bound<'py, PyAny>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let postings = args::postings(py, postings, "postings")?;
            let recipients = list(py, recipients, "recipients")?;
            let rules = optional_document(py, rules, "rules")?;
            let distributed = py.detach(|| -> Result<_, ApiError> {
                let rules = api::rule_set(rules.as_ref())?;
                let recipients = api::read_recipients(&recipients)?;
                keynet::distribution::distribute(&postings, &recipients, &rules).map_err(|e| {
                    ApiError::Invalid {
                        findings: vec![e.to_finding()],
                    }
                })
            });
            match distributed {
                Ok(d) => convert::distribution_to_py(py, &d, &postings),
                Err(e) => Err(api_error(py, &e)),
            }
        })
    }

    /// §11 explanation for one posting and one recipient: received, view, rule, reason.
    #[pyfunction]
    #[pyo3(signature = (posting, recipient, rules = None))]
    fn explain<'py>(
        py: Python<'py>,
        posting: &Bound<'py, PyAny>,
        recipient: &Bound<'py, PyAny>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let posting = document(py, posting, "posting", usize::MAX)?;
            let recipient = document(py, recipient, "recipient", usize::MAX)?;
            let rules = optional_document(py, rules, "rules")?;
            answer(py, api::explain(&posting, &recipient, rules.as_ref()))
        })
    }

    /// What each recipient receives from ``current`` that it did not from ``previous`` (same shape as ``distribute``).
    #[pyfunction]
    #[pyo3(signature = (previous, current, recipients, rules = None))]
    fn new_since<'py>(
        py: Python<'py>,
        previous: &Bound<'py, PyAny>,
        current: &Bound<'py, PyAny>,
        recipients: &Bound<'py, PyAny>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let previous = args::postings(py, previous, "previous")?;
            let current = args::postings(py, current, "current")?;
            let recipients = list(py, recipients, "recipients")?;
            let rules = optional_document(py, rules, "rules")?;
            let distributed = py.detach(|| -> Result<_, ApiError> {
                let rules = api::rule_set(rules.as_ref())?;
                let recipients = api::read_recipients(&recipients)?;
                keynet::distribution::new_since(&previous, &current, &recipients, &rules).map_err(
                    |e| ApiError::Invalid {
                        findings: vec![e.to_finding()],
                    },
                )
            });
            match distributed {
                Ok(d) => convert::distribution_to_py(py, &d, &current),
                Err(e) => Err(api_error(py, &e)),
            }
        })
    }

    /// The agencies' count table of the open postings, ordered by occupation (§3) then prefecture.
    #[pyfunction]
    fn count_table<'py>(
        py: Python<'py>,
        postings: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let postings = args::postings(py, postings, "postings")?;
            let rows = py.detach(|| {
                keynet::distribution::count_table(postings.iter().filter(|p| p.is_open()))
            });
            convert::to_py(py, &serde_json::to_value(rows).unwrap_or(Value::Null))
        })
    }

    /// Count tables of partitions added into one (rows of one occupation × prefecture summed),
    /// in the count table's order: ``add_count_tables([count_table(a), count_table(b)])`` equals
    /// ``count_table(a + b)``.
    #[pyfunction]
    fn add_count_tables<'py>(
        py: Python<'py>,
        tables: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let tables = list(py, tables, "tables")?;
            answer(py, api::add_count_tables(&tables))
        })
    }

    /// Distributions (or ``new_since`` results) of consecutive partitions, to the same
    /// recipients, as one: ``combine_distributions([distribute(a, r), distribute(b, r)])``
    /// equals ``distribute(a + b, r)`` — posting ids concatenated in the partitions' order,
    /// counts added.
    #[pyfunction]
    fn combine_distributions<'py>(
        py: Python<'py>,
        parts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let parts = list(py, parts, "parts")?;
            answer(py, api::combine_distributions(&parts))
        })
    }

    /// The standard recipients of a report: every kind of the standard rules (kinds tied to a
    /// prefecture once per prefecture) and one ``private_agency`` per name in ``agencies``.
    /// Names are trimmed; a blank name or one given twice raises InvalidForm (findings at
    /// ``agencies.<i>``).
    #[pyfunction]
    #[pyo3(signature = (agencies = None))]
    fn standard_recipients<'py>(
        py: Python<'py>,
        agencies: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let agencies = match agencies {
                Some(names) => args::names(names, "standard_recipients", "agencies")?,
                None => Vec::new(),
            };
            let names: Vec<&str> = agencies.iter().map(String::as_str).collect();
            let recipients = keynet::distribution::standard_recipients_checked(&names)
                .map_err(|findings| api_error(py, &ApiError::Invalid { findings }))?;
            convert::to_py(py, &serde_json::to_value(recipients).unwrap_or(Value::Null))
        })
    }

    // --- training ------------------------------------------------------------------------------

    /// §11 assessment of a training plan: missing_required, total_minutes,
    /// meets_recommended_minutes, reportable, warnings. Raises InvalidForm for a malformed plan.
    #[pyfunction]
    fn assess_training<'py>(
        py: Python<'py>,
        plan: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            answer(
                py,
                api::assess_training(&document(py, plan, "plan", usize::MAX)?),
            )
        })
    }

    /// The seeds' teaching materials for an occupation code (or all). Raises InvalidForm for an unknown occupation.
    #[pyfunction]
    #[pyo3(signature = (occupation = None))]
    fn training_materials<'py>(
        py: Python<'py>,
        occupation: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| answer(py, api::training_materials(occupation)))
    }

    // --- lifecycle -----------------------------------------------------------------------------

    /// Registers a form without errors as a new open posting (§11 posting JSON). Raises InvalidForm.
    #[pyfunction]
    fn register<'py>(
        py: Python<'py>,
        form: &Bound<'py, PyAny>,
        posting_id: &str,
        registered_on: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let form = form_arg(py, form)?;
            let on = date_text(py, registered_on, "registered_on")?;
            answer(py, api::register(&form, posting_id, &on))
        })
    }

    /// Applies one lifecycle event (inquiry, application, hire, training_completed,
    /// completion_reported, close); returns the posting after it.
    ///
    /// Raises:
    ///     LifecycleError: the posting's state does not allow the event (``.detail`` says why).
    ///     InvalidForm: the posting or event cannot be read (findings at ``posting…``/``event…``).
    #[pyfunction]
    fn apply_event<'py>(
        py: Python<'py>,
        posting: &Bound<'py, PyAny>,
        event: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let posting = document(py, posting, "posting", usize::MAX)?;
            let event = document(py, event, "event", usize::MAX)?;
            answer(py, api::apply_event(&posting, &event))
        })
    }

    /// Applies events one by one (``apply_event``); returns the posting after the last. A failure
    /// raises as ``apply_event`` does, with ``.at`` the index of the failing event.
    #[pyfunction]
    fn apply_events<'py>(
        py: Python<'py>,
        posting: &Bound<'py, PyAny>,
        events: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let posting = document(py, posting, "posting", usize::MAX)?;
            let events = list(py, events, "events")?;
            answer(py, api::apply_events(&posting, &events))
        })
    }

    /// The full details (registered view) for a seeker who inquired about or applied to the
    /// posting. Raises DisclosureError for anyone else.
    #[pyfunction]
    fn disclose<'py>(
        py: Python<'py>,
        posting: &Bound<'py, PyAny>,
        seeker_id: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let posting = document(py, posting, "posting", usize::MAX)?;
            answer(py, api::disclose(&posting, seeker_id))
        })
    }

    /// The facility's Key-Net account status in a calendar month (§9). Raises InvalidForm for a month outside 1–12.
    #[pyfunction]
    fn account_status<'py>(
        py: Python<'py>,
        postings: &Bound<'py, PyAny>,
        facility_id: &str,
        year: i64,
        month: i64,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            // Through `call`, so the core judges a year or month out of range.
            let args = json!({
                "postings": list(py, postings, "postings")?,
                "facility_id": facility_id,
                "year": year,
                "month": month,
            });
            answer(py, api::call("account_status", &args))
        })
    }

    /// The facility's Key-Net account status on one day (ISO date or wareki).
    #[pyfunction]
    fn account_status_on<'py>(
        py: Python<'py>,
        postings: &Bound<'py, PyAny>,
        facility_id: &str,
        on: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let args = json!({
                "postings": list(py, postings, "postings")?,
                "facility_id": facility_id,
                "on": date_text(py, on, "on")?,
            });
            answer(py, api::call("account_status_on", &args))
        })
    }

    /// The agencies' new-posting notice: per agency, the count table of what is new since ``previous``, with the Key-Net URL and the contact desks.
    #[pyfunction]
    #[pyo3(signature = (previous, current, agencies, key_net_url, contacts = None, rules = None))]
    fn agency_notice<'py>(
        py: Python<'py>,
        previous: &Bound<'py, PyAny>,
        current: &Bound<'py, PyAny>,
        agencies: &Bound<'py, PyAny>,
        key_net_url: &str,
        contacts: Option<&Bound<'py, PyAny>>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let mut args = json!({
                "previous": list(py, previous, "previous")?,
                "current": list(py, current, "current")?,
                "agencies": list(py, agencies, "agencies")?,
                "key_net_url": key_net_url,
            });
            for (name, value) in [
                ("contacts", optional_document(py, contacts, "contacts")?),
                ("rules", optional_document(py, rules, "rules")?),
            ] {
                if let (Some(value), Some(map)) = (value, args.as_object_mut()) {
                    map.insert(name.to_owned(), value);
                }
            }
            answer(py, api::call("agency_notice", &args))
        })
    }

    /// The seeds' example training programme (self-study about 1 h, hands-on about 1 h).
    #[pyfunction]
    fn training_example_programme(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        guarded(|| answer(py, api::call("training_example_programme", &json!({}))))
    }

    /// A fire HQ's G-MIS ID application (seed 003), read and checked: ``{application, findings}``.
    #[pyfunction]
    fn fire_hq_application<'py>(
        py: Python<'py>,
        application: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let args =
                json!({"application": document(py, application, "application", usize::MAX)?});
            answer(py, api::call("fire_hq_application", &args))
        })
    }

    /// A prefecture's list of its fire HQs' applications, for the ministry.
    #[pyfunction]
    fn fire_hq_list<'py>(
        py: Python<'py>,
        prefecture: &str,
        applications: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let args = json!({
                "prefecture": prefecture,
                "applications": list(py, applications, "applications")?,
            });
            answer(py, api::call("fire_hq_list", &args))
        })
    }

    /// Facilities with two or more open postings for one occupation (§9 sync caveat): facility_id, occupation, posting_ids.
    #[pyfunction]
    fn duplicate_open_postings<'py>(
        py: Python<'py>,
        postings: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let postings = args::postings(py, postings, "postings")?;
            let groups = py.detach(|| keynet::lifecycle::duplicate_open_postings(&postings));
            convert::to_py(py, &serde_json::to_value(groups).unwrap_or(Value::Null))
        })
    }

    // --- accounts and the regional bed view -------------------------------------------------

    /// Every finding about a password under a policy: ``"gmis"`` (at least 8 half-width
    /// characters with an upper-case letter, a lower-case letter and a digit) or
    /// ``"kintone2020"`` (at least 8 half-width letters and digits, both present). Findings are
    /// at path ``password``; no message repeats the password. Raises InvalidForm for an unknown
    /// policy.
    #[pyfunction]
    fn check_password<'py>(
        py: Python<'py>,
        password: &str,
        policy: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| answer(py, api::check_password(password, &Value::from(policy))))
    }

    /// What a G-MIS ID kind may do: the facility types it registers, the view in which it reads
    /// postings (None: only its own), whether it reads the bed view of its own prefecture.
    /// Raises InvalidForm for an unknown kind.
    #[pyfunction]
    fn account_permissions<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| answer(py, api::account_permissions(&Value::from(kind))))
    }

    /// Whether an account (``{id, kind, prefecture}``) may register a form:
    /// ``{"allowed": True, "reason": None}`` or ``allowed`` False with the reason. Raises
    /// InvalidForm when the account cannot be read or the form has errors.
    #[pyfunction]
    fn may_register<'py>(
        py: Python<'py>,
        account: &Bound<'py, PyAny>,
        form: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let account = document(py, account, "account", usize::MAX)?;
            answer(py, api::may_register(&account, &form_arg(py, form)?))
        })
    }

    /// One bed view report row read and checked: ``{"row": …, "findings": […]}`` — ``row`` is
    /// None when there is an error finding (codes, check digit, negative counts, …); warnings
    /// (ready beds above secured beds, a record date after the report) come with the row.
    #[pyfunction]
    fn read_bed_row<'py>(py: Python<'py>, row: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let row = document(py, row, "row", usize::MAX)?;
            answer(py, api::read_bed_row(&row))
        })
    }

    /// The regional bed view as the account's screen shows it: only the rows of the account's
    /// own prefecture, filtered by ``search`` (secondary medical area number or name, or
    /// institution name), one ``page`` of at most 2,000 rows (0-based), the number of ``pages``
    /// and the ``totals``.
    ///
    /// Raises:
    ///     InvalidForm: the account's kind does not read the bed view (a finding at ``account``),
    ///         or a row has errors (findings at ``rows.<i>.…``).
    #[pyfunction]
    #[pyo3(signature = (rows, account, search = None, page = 0))]
    fn bed_view<'py>(
        py: Python<'py>,
        rows: &Bound<'py, PyAny>,
        account: &Bound<'py, PyAny>,
        search: Option<&str>,
        page: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let rows = list(py, rows, "rows")?;
            let account = document(py, account, "account", usize::MAX)?;
            let result = py.detach(|| api::bed_view(&rows, &account, search, Some(page)));
            answer(py, result)
        })
    }

    // --- the façade by name, reference data, samples -------------------------------------------

    /// Any operation of the JSON façade (``keynet::api::call``) by name, with its arguments as
    /// one dict: ``call("explain", {"posting": p, "recipient": r})``. Errors as the named functions;
    /// an unknown operation is InvalidForm with a finding at ``operation``.
    #[pyfunction]
    fn call<'py>(
        py: Python<'py>,
        operation: &str,
        args: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let args = document(py, args, "args", usize::MAX)?;
            let result = py.detach(|| api::call(operation, &args));
            answer(py, result)
        })
    }

    /// The 11 occupations of docs/domain.md §3, in its order, with Japanese and English names.
    #[pyfunction]
    fn occupations<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let mut rows = serde_json::to_value(keynet::OCCUPATIONS).unwrap_or(Value::Null);
            if let Value::Array(items) = &mut rows {
                for item in items {
                    if let Value::Object(map) = item {
                        map.shift_remove("occupation"); // the same as `code`
                    }
                }
            }
            convert::to_py(py, &rows)
        })
    }

    /// The 47 prefectures in code order.
    #[pyfunction]
    fn prefectures<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guarded(|| {
            let list = PyList::empty(py);
            for p in keynet::Prefecture::all() {
                let d = PyDict::new(py);
                d.set_item("code", p.code())?;
                d.set_item("name", p.name())?;
                d.set_item("short_name", p.short_name())?;
                d.set_item("romaji", p.romaji())?;
                list.append(d)?;
            }
            Ok(list)
        })
    }

    /// ``count`` realistic forms from the core's seeded generator (about 40 % typed messily, about 15 % invalid).
    #[pyfunction]
    #[pyo3(signature = (count, seed = 20200529))]
    fn sample_forms<'py>(py: Python<'py>, count: usize, seed: u64) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| convert::to_py(py, &Value::Array(keynet::sample::generate(seed, count))))
    }

    /// ``count`` realistic postings (§11) from the core's seeded generator (about 80 % open).
    #[pyfunction]
    #[pyo3(signature = (count, seed = 20200529))]
    fn sample_postings<'py>(
        py: Python<'py>,
        count: usize,
        seed: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            convert::to_py(
                py,
                &Value::Array(keynet::sample::generate_postings(seed, count)),
            )
        })
    }

    /// Benchmark hook, not API: the binding floor of ``validate(dict)`` — reads the dict into
    /// the core's input exactly as ``validate`` does and validates nothing
    /// (docs/benchmarks.md, "Python: dicts read in place").
    #[pyfunction]
    #[pyo3(name = "_read_form_only")]
    fn read_form_only(py: Python<'_>, form: &Bound<'_, PyAny>) -> PyResult<()> {
        guarded(|| {
            let raw = args::walked_raw(py, form, "form")?;
            keynet::limits::check_host_value(&raw).map_err(|e| input_error(py, &e, None))
        })
    }

    /// Test hook, not API: raises InternalError from a deliberate Rust panic.
    #[pyfunction]
    #[pyo3(name = "_trigger_panic_for_tests")]
    fn trigger_panic_for_tests() -> PyResult<()> {
        guarded(|| {
            // Deliberate: the panic drill of the test suite.
            #[allow(clippy::panic)]
            {
                panic!("panic drill (keynet._trigger_panic_for_tests)")
            }
        })
    }

    /// Test hook, not API: raises InternalError from a deliberate panic in a batch worker thread.
    #[pyfunction]
    #[pyo3(name = "_trigger_worker_panic_for_tests")]
    fn trigger_worker_panic_for_tests(py: Python<'_>) -> PyResult<()> {
        guarded(|| batch::panic_in_workers(py))
    }
}
