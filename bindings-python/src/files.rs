//! CSV files: the bytes of a file in, the bytes of a file out. Reading takes the file's
//! bytes, a path or a binary file object; writing gives the bytes and the substitutions made, which
//! `keynet._csv` turns into a `bytes` with `.substitutions` (and a `SubstitutionWarning`).
//! Encodings, mappings, findings and errors are the core's (`keynet::api`).

use keynet::api::{self, ApiError};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString, PyTuple};
use serde_json::Value;

use crate::args::{list, optional_document};
use crate::errors::{api_error, guarded};
use crate::{answer, convert};

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// The whole content of a binary file object or of the file at `path`.
fn read_all<'py>(
    file: &Bound<'py, PyAny>,
    function: &str,
    from_path: bool,
) -> PyResult<Bound<'py, PyBytes>> {
    let data = file.call_method0("read");
    if from_path {
        // Closed before any error of `read` is raised, as `with open(...)` would.
        file.call_method0("close")?;
    }
    let data = data?;
    if data.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "keynet.{function}: the file object gives str: open the file in binary mode ('rb'); \
             the encoding is keynet's `encoding` argument"
        )));
    }
    match data.cast_into::<PyBytes>() {
        Ok(bytes) => Ok(bytes),
        Err(e) => Err(PyTypeError::new_err(format!(
            "keynet.{function}: read() gave '{}', not bytes",
            type_name(e.into_inner().as_any())
        ))),
    }
}

/// A CSV argument as bytes: `bytes`/`bytearray`/`memoryview` are the file's content; a `str` or
/// `os.PathLike` names a file, read here; an object with `read()` is a file opened in binary mode.
fn csv_bytes<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    function: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    if let Ok(bytes) = data.cast::<PyBytes>() {
        return Ok(bytes.clone());
    }
    if data.is_instance_of::<PyByteArray>() || data.is_instance_of::<PyMemoryView>() {
        return Ok(py
            .import("builtins")?
            .getattr("bytes")?
            .call1((data,))?
            .cast_into::<PyBytes>()?);
    }
    let is_path = data.is_instance_of::<PyString>()
        || data.is_instance(&py.import("os")?.getattr("PathLike")?)?;
    if is_path {
        if let Ok(text) = data.cast::<PyString>() {
            let text = text.to_cow()?;
            if text.contains(['\n', '\r']) {
                return Err(PyTypeError::new_err(format!(
                    "keynet.{function}: a str names a file, and this one holds a line break: to read \
                     CSV text, pass its bytes (text.encode('utf-8') with encoding='utf8')"
                )));
            }
        }
        let file = py
            .import("builtins")?
            .getattr("open")?
            .call1((data, "rb"))?;
        return read_all(&file, function, true);
    }
    if data.hasattr("read")? {
        return read_all(data, function, false);
    }
    Err(PyTypeError::new_err(format!(
        "keynet.{function}: data must be bytes, a path (str or os.PathLike) or a binary file object, not '{}'",
        type_name(data)
    )))
}

/// The bytes written and the substitutions made, as `(bytes, list)`; or the error raised.
fn written<'py>(
    py: Python<'py>,
    result: Result<(Vec<u8>, Value), ApiError>,
) -> PyResult<Bound<'py, PyTuple>> {
    match result {
        Ok((bytes, substitutions)) => PyTuple::new(
            py,
            [
                PyBytes::new(py, &bytes).into_any(),
                convert::to_py(py, &substitutions)?,
            ],
        ),
        Err(e) => Err(api_error(py, &e)),
    }
}

/// Reads a postings CSV (one posting per row, a header row of Japanese column names): every
/// readable posting, and a finding per problem with its ``row`` (the header is row 1) and
/// ``column`` (the header, or None for the whole row or file). Reading goes on past bad rows.
///
/// ``data`` is the file's bytes, a path (``str`` or ``os.PathLike``) or a binary file object.
/// ``encoding`` is ``"shift_jis"`` (Windows-31J, as Excel in Japan writes it; also ``"cp932"``,
/// ``"sjis"``), ``"utf8"`` (a BOM is skipped) or ``"auto"`` (UTF-8 when the file starts with a
/// BOM or is UTF-8 with Japanese in it, else Shift_JIS). ``mapping`` replaces the column mapping
/// (``postings_csv_mapping()`` gives the standard one, in the same shape).
///
/// Raises:
///     InputError: kind ``wrong_encoding`` — the file is UTF-8 and was to be read as Shift_JIS
///         (the default); the message says to pass ``encoding="utf8"`` or ``"auto"``.
///     InvalidForm: ``encoding`` or ``mapping`` cannot be used (a finding at that name).
///     OSError: the file cannot be read.
#[pyfunction]
#[pyo3(signature = (data, encoding = None, mapping = None))]
pub(crate) fn read_postings_csv<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    encoding: Option<&str>,
    mapping: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let bytes = csv_bytes(py, data, "read_postings_csv")?;
        let mapping = optional_document(py, mapping, "mapping")?;
        let data = bytes.as_bytes();
        let result = py.detach(|| api::read_postings_csv(data, encoding, mapping.as_ref()));
        answer(py, result)
    })
}

/// Reads a bed view export ("details only" CSV, the columns of ``export_bed_view_csv``): every
/// readable row, and a finding per problem (warnings too) with its ``row`` and ``column``.
///
/// ``data`` is the file's bytes, a path or a binary file object; ``encoding`` as for
/// ``read_postings_csv``.
#[pyfunction]
#[pyo3(signature = (data, encoding = None))]
pub(crate) fn read_bed_export_csv<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    encoding: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let bytes = csv_bytes(py, data, "read_bed_export_csv")?;
        let data = bytes.as_bytes();
        let result = py.detach(|| api::read_bed_export_csv(data, encoding));
        answer(py, result)
    })
}

/// The standard column mapping of the postings CSV: ``{"source", "columns": [{header, path,
/// kind}]}``. Change it and pass it as ``mapping`` to read or write other headers.
#[pyfunction]
pub(crate) fn postings_csv_mapping(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    guarded(|| {
        let mapping = keynet::csv::ColumnMapping::standard();
        convert::to_py(py, &serde_json::to_value(mapping).unwrap_or(Value::Null))
    })
}

/// Not API: `keynet.write_postings_csv` without the wrapping (bytes, substitutions).
#[pyfunction]
#[pyo3(name = "_write_postings_csv", signature = (postings, encoding = None, mapping = None, labels = None, view = None))]
pub(crate) fn write_postings_csv<'py>(
    py: Python<'py>,
    postings: &Bound<'py, PyAny>,
    encoding: Option<&str>,
    mapping: Option<&Bound<'py, PyAny>>,
    labels: Option<&str>,
    view: Option<&str>,
) -> PyResult<Bound<'py, PyTuple>> {
    guarded(|| {
        let postings = list(py, postings, "postings")?;
        let mapping = optional_document(py, mapping, "mapping")?;
        let result = py.detach(|| {
            api::write_postings_csv(&postings, encoding, mapping.as_ref(), labels, view)
        });
        written(py, result)
    })
}

/// Not API: `keynet.write_count_table_csv` without the wrapping (bytes, substitutions).
#[pyfunction]
#[pyo3(name = "_write_count_table_csv")]
pub(crate) fn write_count_table_csv<'py>(
    py: Python<'py>,
    postings: &Bound<'py, PyAny>,
    encoding: Option<&str>,
) -> PyResult<Bound<'py, PyTuple>> {
    guarded(|| {
        let postings = list(py, postings, "postings")?;
        let result = py.detach(|| api::write_count_table_csv(&postings, encoding));
        written(py, result)
    })
}

/// Not API: `keynet.export_bed_view_csv` without the wrapping (bytes, substitutions).
#[pyfunction]
#[pyo3(name = "_export_bed_view_csv")]
pub(crate) fn export_bed_view_csv<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    account: &Bound<'py, PyAny>,
    encoding: Option<&str>,
) -> PyResult<Bound<'py, PyTuple>> {
    guarded(|| {
        let rows = list(py, rows, "rows")?;
        let account = crate::args::document(py, account, "account", usize::MAX)?;
        let result = py.detach(|| api::export_bed_view_csv(&rows, &account, encoding));
        written(py, result)
    })
}
