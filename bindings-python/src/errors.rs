//! The exceptions of the module and the conversions from the core's errors. Every expected
//! failure carries its facts as attributes (`.kind`, `.detail`, `.findings`): data, not a string
//! to parse. A Rust panic becomes `InternalError`.

use keynet::Finding;
use keynet::InputError as CoreInputError;
use keynet::api::ApiError;
use keynet::csv::WriteError;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

pyo3::create_exception!(
    keynet,
    InputError,
    PyValueError,
    "The input is not a document at all (bad JSON, not an object, too large, too deep); `.kind` names the reason, `.message_ja` says it in Japanese."
);
pyo3::create_exception!(
    keynet,
    OperationError,
    PyValueError,
    "keynet read the input but refused the operation. `.kind` is the façade's error kind (invalid, lifecycle, rules, disclosure, csv_write), `.detail` a finer stable name or None, `.findings` every finding (list of dict; empty unless kind is invalid)."
);
pyo3::create_exception!(
    keynet,
    InvalidForm,
    OperationError,
    "The input has error findings: a form that cannot be registered, or a posting, recipient, plan or argument that cannot be used; `.findings` holds every finding (list of dict). `.kind` is 'invalid'."
);
pyo3::create_exception!(
    keynet,
    LifecycleError,
    OperationError,
    "A lifecycle event the posting's state does not allow; `.detail` names the reason (closed, not_an_applicant, already_applied, …). `.kind` is 'lifecycle'; `apply_events` adds `.at`, the index of the failing event."
);
pyo3::create_exception!(
    keynet,
    DisclosureError,
    OperationError,
    "Masked details were asked for by a seeker who neither inquired nor applied. `.kind` is 'disclosure'."
);
pyo3::create_exception!(
    keynet,
    RulesError,
    OperationError,
    "A distribution rule set that cannot be used (bad JSON shape, unknown occupation, …). `.kind` is 'rules'."
);
pyo3::create_exception!(
    keynet,
    CsvWriteError,
    OperationError,
    "A CSV file could not be written, and nothing is returned. `.kind` is 'csv_write'; `.detail` is 'unencodable' (a character without a Shift_JIS form: `.row`, `.column`, `.character`, `.codepoint` say where and which), 'not_tabular' (a posting with inquiries or hires: `.row`, `.posting_id`) or 'io'. Attributes that do not apply are None."
);
pyo3::create_exception!(
    keynet,
    InternalError,
    PyException,
    "A bug inside keynet (a Rust panic was caught); the interpreter is unharmed and later calls work."
);

pub(crate) fn internal(detail: &str) -> PyErr {
    InternalError::new_err(format!(
        "keynet internal error (a bug, please report it): {detail}"
    ))
}

/// Runs `f`, turning a Rust panic into `keynet.InternalError`.
pub(crate) fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    keynet::host::catch_panic(f).unwrap_or_else(|panic| Err(internal(&panic)))
}

fn with_attrs(py: Python<'_>, err: PyErr, attrs: &[(&str, Bound<'_, PyAny>)]) -> PyErr {
    let value = err.value(py);
    for (name, item) in attrs {
        if let Err(e) = value.setattr(*name, item) {
            return e;
        }
    }
    err
}

/// `keynet.InputError` carrying `.kind` and `.message_ja`; `at` (such as `postings[3]` or
/// `line 7`) says which item of a list could not be read.
pub(crate) fn input_error(py: Python<'_>, err: &CoreInputError, at: Option<&str>) -> PyErr {
    let message = match at {
        Some(at) => format!("{at}: {err}"),
        None => err.to_string(),
    };
    use keynet::error_catalogue::Catalogued;
    let context = match crate::convert::to_py(py, &serde_json::Value::Object(err.context())) {
        Ok(context) => context,
        Err(e) => return e,
    };
    let attrs = [
        ("kind", PyString::new(py, err.kind()).into_any()),
        (
            "message_ja",
            PyString::new(py, &err.message_ja()).into_any(),
        ),
        ("context", context),
    ];
    with_attrs(py, InputError::new_err(message), &attrs)
}

pub(crate) fn finding_dict<'py>(py: Python<'py>, f: &Finding) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(pyo3::intern!(py, "path"), &f.path)?;
    d.set_item(pyo3::intern!(py, "code"), f.code.as_str())?;
    d.set_item(pyo3::intern!(py, "severity"), f.severity.as_str())?;
    d.set_item(pyo3::intern!(py, "message"), &f.message)?;
    d.set_item(pyo3::intern!(py, "message_ja"), &f.message_ja)?;
    Ok(d)
}

pub(crate) fn findings_list<'py>(
    py: Python<'py>,
    findings: &[Finding],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for f in findings {
        list.append(finding_dict(py, f)?)?;
    }
    Ok(list)
}

/// `keynet.InvalidForm` carrying `.findings`. The message names paths and codes only: never a
/// value typed into the form.
pub(crate) fn invalid_form(py: Python<'_>, what: &str, findings: &[Finding]) -> PyErr {
    let err = InvalidForm::new_err(format!("{what}: {}", keynet::error_summary(findings).0));
    match findings_list(py, findings) {
        Ok(list) => with_attrs(
            py,
            err,
            &[
                ("kind", pyo3::intern!(py, "invalid").clone().into_any()),
                ("detail", py.None().into_bound(py)),
                ("findings", list.into_any()),
                (
                    "message_ja",
                    PyString::new(py, &keynet::error_summary(findings).1).into_any(),
                ),
            ],
        ),
        Err(e) => e,
    }
}

/// A failure of the JSON façade as the matching exception.
pub(crate) fn api_error(py: Python<'_>, err: &ApiError) -> PyErr {
    let py_err = match err {
        ApiError::Input(e) => return input_error(py, e, None),
        ApiError::Invalid { findings } => {
            return invalid_form(py, "the input cannot be used", findings);
        }
        ApiError::Lifecycle(_) => LifecycleError::new_err(err.to_string()),
        ApiError::AtEvent { at, error } => {
            let py_err = api_error(py, error);
            let at = pyo3::types::PyInt::new(py, *at).into_any();
            return with_attrs(py, py_err, &[("at", at)]);
        }
        ApiError::Disclosure(_) => DisclosureError::new_err(err.to_string()),
        ApiError::Rules(_) => RulesError::new_err(err.to_string()),
        ApiError::CsvWrite(e) => return csv_write_error(py, err, e),
        ApiError::Output(_) => return InternalError::new_err(err.to_string()),
        // A kind added to the core later still arrives with its kind and detail.
        _ => OperationError::new_err(err.to_string()),
    };
    let detail = match err.detail() {
        Some(d) => PyString::new(py, d).into_any(),
        None => py.None().into_bound(py),
    };
    let context = match crate::convert::to_py(py, &serde_json::Value::Object(err.context())) {
        Ok(context) => context,
        Err(e) => return e,
    };
    match findings_list(py, err.findings()) {
        Ok(findings) => with_attrs(
            py,
            py_err,
            &[
                ("kind", PyString::new(py, err.kind()).into_any()),
                ("detail", detail),
                (
                    "message_ja",
                    PyString::new(py, &err.message_ja()).into_any(),
                ),
                ("findings", findings.into_any()),
                ("context", context),
            ],
        ),
        Err(e) => e,
    }
}

/// `keynet.CsvWriteError`: the core's message (row, column header and character for a character
/// without a Shift_JIS form) and the same facts as attributes, None where they do not apply.
fn csv_write_error(py: Python<'_>, err: &ApiError, write: &WriteError) -> PyErr {
    let none = || py.None().into_bound(py);
    let text = |s: &str| PyString::new(py, s).into_any();
    let facts = || -> PyResult<[(&str, Bound<'_, PyAny>); 5]> {
        Ok(match write {
            WriteError::Unencodable {
                row,
                column,
                character,
                codepoint,
            } => [
                ("row", row.into_pyobject(py)?.into_any()),
                ("column", text(column)),
                ("character", text(&character.to_string())),
                ("codepoint", codepoint.into_pyobject(py)?.into_any()),
                ("posting_id", none()),
            ],
            WriteError::NotTabular { row, posting_id } => [
                ("row", row.into_pyobject(py)?.into_any()),
                ("column", none()),
                ("character", none()),
                ("codepoint", none()),
                ("posting_id", text(posting_id)),
            ],
            WriteError::CountsView | WriteError::Io(_) => [
                ("row", none()),
                ("column", none()),
                ("character", none()),
                ("codepoint", none()),
                ("posting_id", none()),
            ],
        })
    };
    let detail = write.kind();
    let facts = match facts() {
        Ok(facts) => facts,
        Err(e) => return e,
    };
    let py_err = CsvWriteError::new_err(err.to_string());
    let common = [
        ("kind", PyString::new(py, err.kind()).into_any()),
        ("detail", text(detail)),
        ("message_ja", text(&err.message_ja())),
        ("findings", PyList::empty(py).into_any()),
    ];
    let py_err = with_attrs(py, py_err, &common);
    with_attrs(py, py_err, &facts)
}
