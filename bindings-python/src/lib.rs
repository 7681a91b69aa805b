//! Python bindings of `keynet` (PyO3): conversion between Python objects and the core, nothing
//! more. Every rule lives in the core; this crate reads Python input, calls the core, and writes
//! its answers back as plain `dict`/`list` values.
//!
//! The native module is `keynet._keynet`; the package `keynet` (python/keynet/__init__.py)
//! re-exports it. Each entry point runs the core inside `catch_unwind`: a panic becomes
//! `keynet.InternalError`, the interpreter keeps running and the next call works.

use std::panic::{AssertUnwindSafe, catch_unwind};

use keynet::{Finding, InputError as CoreInputError, Validation};
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

mod convert;

use convert::ConvertError;

pyo3::create_exception!(
    keynet,
    InvalidForm,
    PyValueError,
    "The form has error findings and cannot be registered; `.findings` holds every finding (list of dict)."
);
pyo3::create_exception!(
    keynet,
    InputError,
    PyValueError,
    "The input is not a form at all (bad JSON, not an object, too large, too deep); `.kind` names the reason, `.message_ja` says it in Japanese."
);
pyo3::create_exception!(
    keynet,
    InternalError,
    PyException,
    "A bug inside keynet (a Rust panic was caught); the interpreter is unharmed and later calls work."
);

/// Runs `f`, turning a Rust panic into `keynet.InternalError`.
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic payload".to_owned());
            Err(InternalError::new_err(format!(
                "keynet internal error (a bug, please report it): {detail}"
            )))
        }
    }
}

/// `keynet.InputError` carrying `.kind` and `.message_ja`.
fn input_error(py: Python<'_>, err: &CoreInputError) -> PyErr {
    let py_err = InputError::new_err(err.to_string());
    let value = py_err.value(py);
    if let Err(e) = value
        .setattr("kind", err.kind())
        .and_then(|()| value.setattr("message_ja", err.message_ja()))
    {
        return e;
    }
    py_err
}

/// Reads `form` (dict, JSON `str` or JSON `bytes`) and runs the core's validation.
fn run(py: Python<'_>, form: &Bound<'_, PyAny>) -> PyResult<Validation> {
    let result = if let Ok(text) = form.cast::<PyString>() {
        keynet::validate_json(text.to_cow()?.as_bytes())
    } else if let Ok(bytes) = form.cast::<PyBytes>() {
        keynet::validate_json(bytes.as_bytes())
    } else {
        match convert::to_json(form) {
            Ok(value) => keynet::validate_value(&value),
            Err(ConvertError::Py(e)) => return Err(e),
            Err(ConvertError::Input(e)) => Err(e),
        }
    };
    result.map_err(|e| input_error(py, &e))
}

fn finding_dict<'py>(py: Python<'py>, f: &Finding) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("path", &f.path)?;
    d.set_item("code", f.code.as_str())?;
    d.set_item("severity", f.severity.as_str())?;
    d.set_item("message", &f.message)?;
    d.set_item("message_ja", &f.message_ja)?;
    Ok(d)
}

fn findings_list<'py>(py: Python<'py>, findings: &[Finding]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for f in findings {
        list.append(finding_dict(py, f)?)?;
    }
    Ok(list)
}

/// `keynet.InvalidForm` carrying `.findings`. The message names paths and codes only: never a
/// value typed into the form.
fn invalid_form(py: Python<'_>, findings: &[Finding]) -> PyErr {
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| format!("{} ({})", f.path, f.code))
        .collect();
    let err = InvalidForm::new_err(format!(
        "the form cannot be registered: {} error(s): {}",
        errors.len(),
        errors.join(", ")
    ));
    match findings_list(py, findings) {
        Ok(list) => match err.value(py).setattr("findings", list) {
            Ok(()) => err,
            Err(e) => e,
        },
        Err(e) => e,
    }
}

#[pymodule(name = "_keynet")]
mod native {
    use super::*;

    #[pymodule_export]
    use super::{InputError, InternalError, InvalidForm};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }

    /// Every finding about the form, as a list of dicts with the keys path, code, severity,
    /// message and message_ja. `form` is a dict, a JSON str or JSON bytes.
    #[pyfunction]
    fn validate<'py>(py: Python<'py>, form: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        guarded(|| {
            let validation = run(py, form)?;
            findings_list(py, validation.findings())
        })
    }

    /// The canonical JSON (v1) of a registrable form, as a dict. Raises InvalidForm, carrying
    /// `.findings`, when the form has error findings.
    #[pyfunction]
    fn normalize<'py>(py: Python<'py>, form: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        guarded(|| {
            let validation = run(py, form)?;
            if !validation.is_registrable() {
                return Err(invalid_form(py, validation.findings()));
            }
            match validation.canonical_json() {
                Some(canonical) => convert::to_py(py, &canonical),
                None => Err(InternalError::new_err(
                    "keynet internal error (a bug, please report it): a registrable form has no canonical JSON",
                )),
            }
        })
    }

    /// The catalogue of finding codes: a list of dicts with code, description, description_ja.
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

    /// Test hook: panics inside the guard, to prove a panic becomes InternalError.
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
}
