//! CSV files: the bytes of a file in, the bytes of a file out. Reading takes the file's
//! bytes, a `pathlib.Path`, its text, a table or a binary file object; writing gives the bytes and the substitutions made, which
//! `keynet._csv` turns into a `bytes` with `.substitutions` (and a `SubstitutionWarning`).
//! Encodings, mappings, findings and errors are the core's (`keynet::api`).

use keynet::api::{self, ApiError};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString, PyTuple};
use serde_json::Value;

use crate::args::{file_content, file_name_error, is_path, is_table, list, optional_document};
use crate::errors::{api_error, guarded};
use crate::{answer, convert};

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// The whole content of a binary file object.
fn read_all<'py>(file: &Bound<'py, PyAny>, function: &str) -> PyResult<Bound<'py, PyBytes>> {
    let data = file.call_method0("read")?;
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

/// A CSV argument's bytes, and whether they are text keynet made UTF-8 (a `str`, a table), so
/// that the `encoding` asked for cannot apply.
struct CsvInput<'py> {
    bytes: Bound<'py, PyBytes>,
    decoded: bool,
}

impl CsvInput<'_> {
    /// The encoding to read with: UTF-8 for decoded text, whatever was asked otherwise; asking
    /// for another encoding of text that has none is the caller's mistake.
    fn encoding<'e>(&self, asked: Option<&'e str>, function: &str) -> PyResult<Option<&'e str>> {
        if !self.decoded {
            return Ok(asked);
        }
        match asked {
            None | Some("utf8" | "utf-8" | "auto") => Ok(Some("utf8")),
            Some(other) => Err(PyTypeError::new_err(format!(
                "keynet.{function}: data is text (a str or a table), which has no encoding, so \
                 encoding={:?} cannot apply: pass the file as pathlib.Path or its bytes to read it as {:?}",
                other.chars().take(40).collect::<String>(),
                other.chars().take(40).collect::<String>(),
            ))),
        }
    }
}

/// A CSV argument (docs/choices.md, "One meaning per type"): `bytes`/`bytearray`/`memoryview`
/// are the file's content; a `pathlib.Path` (`os.PathLike`) is a file, read here; a `str` is the
/// CSV's text (one that looks like a file name is refused with a hint to pass a `Path`); a
/// DataFrame or pyarrow Table is the CSV's table; an object with `read()` is a file opened in
/// binary mode.
fn csv_input<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    function: &str,
) -> PyResult<CsvInput<'py>> {
    let content = |bytes| {
        Ok(CsvInput {
            bytes,
            decoded: false,
        })
    };
    if let Ok(bytes) = data.cast::<PyBytes>() {
        return content(bytes.clone());
    }
    if data.is_instance_of::<PyByteArray>() || data.is_instance_of::<PyMemoryView>() {
        return content(
            py.import("builtins")?
                .getattr("bytes")?
                .call1((data,))?
                .cast_into::<PyBytes>()?,
        );
    }
    if let Ok(text) = data.cast::<PyString>() {
        if let Some(err) = file_name_error(data, "data") {
            return Err(err);
        }
        return Ok(CsvInput {
            bytes: PyBytes::new(py, text.to_cow()?.as_bytes()),
            decoded: true,
        });
    }
    if is_table(data) {
        let bytes = py
            .import("keynet._frames")?
            .call_method1("_table_csv", (data,))?
            .cast_into::<PyBytes>()?;
        return Ok(CsvInput {
            bytes,
            decoded: true,
        });
    }
    if is_path(py, data)? {
        return content(file_content(py, data, function)?);
    }
    if data.hasattr("read")? {
        return content(read_all(data, function)?);
    }
    Err(PyTypeError::new_err(format!(
        "keynet.{function}: data must be bytes, a pathlib.Path, CSV text (str), a DataFrame or a binary file object, not '{}'",
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
/// ``data`` is the file's bytes, a ``pathlib.Path`` (any ``os.PathLike``), a binary file object,
/// the CSV's text as ``str`` or its table (a DataFrame read from it; text and tables are read as
/// UTF-8). A ``str`` is never a file name: pass ``Path("募集情報.csv")``.
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
        let input = csv_input(py, data, "read_postings_csv")?;
        let encoding = input.encoding(encoding, "read_postings_csv")?;
        let mapping = optional_document(py, mapping, "mapping")?;
        let data = input.bytes.as_bytes();
        let result = py.detach(|| api::read_postings_csv(data, encoding, mapping.as_ref()));
        answer(py, result)
    })
}

/// Reads a bed view export ("details only" CSV, the columns of ``export_bed_view_csv``): every
/// readable row, and a finding per problem (warnings too) with its ``row`` and ``column``.
///
/// ``data`` is the file's bytes, a ``pathlib.Path``, a binary file object, its text or its table;
/// ``encoding`` as for
/// ``read_postings_csv``.
#[pyfunction]
#[pyo3(signature = (data, encoding = None))]
pub(crate) fn read_bed_export_csv<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    encoding: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(|| {
        let input = csv_input(py, data, "read_bed_export_csv")?;
        let encoding = input.encoding(encoding, "read_bed_export_csv")?;
        let data = input.bytes.as_bytes();
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
