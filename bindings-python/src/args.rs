//! Reading the arguments of the module's functions into JSON values for `keynet::api`.
//!
//! One meaning per type (docs/choices.md, "One meaning per type"): a `dict` is a document, a
//! `str` is JSON text, `bytes` are the content, a `pathlib.Path` (any `os.PathLike`) is a file
//! to read. A *document* (form, posting, plan, recipient, rules, event) is a dict walked in
//! Rust, or its JSON text. A *list* (postings, recipients, events) is a list, tuple or other
//! iterable of documents, the JSON text of an array, JSON lines (one document a line), a file of
//! either, or a table: a pandas or polars DataFrame or a pyarrow Table (`keynet._frames`).

use std::borrow::Cow;

use keynet::api;
use keynet::host::looks_like_file_name;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use serde_json::Value;

use crate::convert::{self, ConvertError};
use crate::errors::input_error;

/// The UTF-8 bytes of a `str` or the bytes of `bytes`; `None` for any other type.
pub(crate) fn text_bytes<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Option<Cow<'a, [u8]>>> {
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(Some(match text.to_cow()? {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        }));
    }
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Some(Cow::Borrowed(bytes.as_bytes())));
    }
    Ok(None)
}

/// Walks a Python object into JSON; `root` names it in messages.
pub(crate) fn walked(py: Python<'_>, obj: &Bound<'_, PyAny>, root: &str) -> PyResult<Value> {
    match convert::to_json(obj, root) {
        Ok(value) => Ok(value),
        Err(ConvertError::Py(e)) => Err(e),
        Err(ConvertError::Input(e)) => Err(input_error(py, &e, None)),
    }
}

/// Reads a Python object (a dict) straight into the core's `Raw` value, for validation.
pub(crate) fn walked_raw(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    root: &str,
) -> PyResult<keynet::form::raw::Raw<'static>> {
    match convert::to_raw(obj, root) {
        Ok(value) => Ok(value),
        Err(ConvertError::Py(e)) => Err(e),
        Err(ConvertError::Input(e)) => Err(input_error(py, &e, None)),
    }
}

/// A document argument. Text is limited to `max_bytes`.
pub(crate) fn document(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
    max_bytes: usize,
) -> PyResult<Value> {
    if let Some(bytes) = text_bytes(obj)? {
        return api::parse_json(&bytes, max_bytes).map_err(|e| not_json(py, obj, name, &e));
    }
    if !obj.is_instance_of::<PyDict>() && is_path(py, obj)? {
        let content = file_content(py, obj, name)?;
        return api::parse_json(content.as_bytes(), max_bytes)
            .map_err(|e| input_error(py, &e, Some(&path_shown(obj))));
    }
    walked(py, obj, name)
}

/// Whether `obj` names a file: a `pathlib.Path` or any other `os.PathLike`.
pub(crate) fn is_path(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.is_instance(&py.import("os")?.getattr("PathLike")?)
}

/// The whole content of the file at `path` (`open(path, "rb").read()`: its `OSError` as is).
pub(crate) fn file_content<'py>(
    py: Python<'py>,
    path: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<Bound<'py, PyBytes>> {
    let file = py
        .import("builtins")?
        .getattr("open")?
        .call1((path, "rb"))?;
    let data = file.call_method0("read");
    file.call_method0("close")?;
    data?.cast_into::<PyBytes>().map_err(|_| {
        PyTypeError::new_err(format!("keynet: {name}: the file did not read as bytes"))
    })
}

/// A path as messages show it.
fn path_shown(path: &Bound<'_, PyAny>) -> String {
    path.str().map(|s| s.to_string()).unwrap_or_default()
}

/// The error for text that is not JSON: a `str` that looks like a file name is a `TypeError`
/// that says how to pass a file; anything else the core's `InputError`.
pub(crate) fn not_json(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
    err: &keynet::InputError,
) -> PyErr {
    file_name_error(obj, name).unwrap_or_else(|| input_error(py, err, None))
}

/// A `TypeError` for a `str` that looks like a file name where keynet reads a str as content.
pub(crate) fn file_name_error(obj: &Bound<'_, PyAny>, name: &str) -> Option<PyErr> {
    let text = obj.cast::<PyString>().ok()?.to_cow().ok()?;
    if !looks_like_file_name(&text) {
        return None;
    }
    let quoted: String = text.trim().chars().take(40).collect();
    Some(PyTypeError::new_err(format!(
        "keynet: {name} is a str, which keynet reads as content, and {quoted:?} looks like a \
         file name: to read the file, pass pathlib.Path({quoted:?})"
    )))
}

/// Whether `obj` is a table keynet reads row by row: a pandas or polars `DataFrame`, a pyarrow
/// `Table` or `RecordBatch` (told by type, so none of those packages is imported here).
pub(crate) fn is_table(obj: &Bound<'_, PyAny>) -> bool {
    let ty = obj.get_type();
    let (Ok(module), Ok(name)) = (ty.module(), ty.name()) else {
        return false;
    };
    let module = module.to_string();
    let root = module.split('.').next().unwrap_or_default();
    // A polars LazyFrame and a dask DataFrame are tables too, so that `_table_input` says what
    // to do with them instead of their being read as an iterable of column names.
    matches!(root, "pandas" | "polars" | "pyarrow" | "dask")
        && matches!(
            name.to_string().as_str(),
            "DataFrame" | "Table" | "RecordBatch" | "LazyFrame"
        )
}

/// A table's rows as a JSON array: `keynet._frames._table_input` says how the table is read —
/// as documents (canonical dotted column names), as JSON text (one column of it), or as the
/// postings CSV's Japanese headers, then read here by the core's CSV reader.
pub(crate) fn table(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    let input = py
        .import("keynet._frames")?
        .call_method1("_table_input", (obj, name))?;
    let (kind, payload): (String, Bound<'_, PyAny>) = input.extract()?;
    match kind.as_str() {
        "csv" if name == "forms" => Err(PyTypeError::new_err(
            "keynet.validate_many: this table has the postings CSV's Japanese headers, so its rows \
             are postings: keynet.read_postings_csv(table) reads them with a finding per bad row",
        )),
        "csv" => {
            let bytes = payload.cast::<PyBytes>()?;
            api::postings_of_csv_table(bytes.as_bytes(), name)
                .map_err(|e| crate::errors::api_error(py, &e))
        }
        _ => list(py, &payload, name),
    }
}

/// An optional document argument (`None` stays absent).
pub(crate) fn optional_document(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<Value>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => document(py, o, name, usize::MAX).map(Some),
    }
}

/// Whether JSON text holds one array (else it is read as JSON lines).
fn is_json_array(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'[')
}

/// A list argument, as a JSON array.
pub(crate) fn list(py: Python<'_>, obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    // JSON lines are read line by line: a file name would be one bad line, not a hint.
    if let Some(err) = file_name_error(obj, name) {
        return Err(err);
    }
    if !obj.is_instance_of::<PyList>() && !obj.is_instance_of::<PyTuple>() {
        if is_table(obj) {
            return table(py, obj, name);
        }
        if !obj.is_instance_of::<PyDict>() && text_bytes(obj)?.is_none() && is_path(py, obj)? {
            let content = file_content(py, obj, name)?;
            return list(py, content.as_any(), &path_shown(obj));
        }
    }
    if let Some(bytes) = text_bytes(obj)? {
        if is_json_array(&bytes) {
            return api::parse_json(&bytes, usize::MAX).map_err(|e| not_json(py, obj, name, &e));
        }
        let mut items = Vec::new();
        for (line, text) in keynet::batch::json_lines(&bytes) {
            let value = api::parse_json(text, usize::MAX)
                .map_err(|e| input_error(py, &e, Some(&format!("{name} line {line}"))))?;
            items.push(value);
        }
        return Ok(Value::Array(items));
    }
    if obj.is_instance_of::<PyDict>() {
        // Not a list: the core says so as a finding at `name`.
        return walked(py, obj, name);
    }
    let iter = if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        obj.try_iter()?
    } else {
        match obj.try_iter() {
            Ok(iter) => iter,
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "keynet: {name} must be a list of documents (dict or JSON text), JSON text or JSON lines, not '{}'",
                    obj.get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default()
                )));
            }
        }
    };
    let mut items = Vec::new();
    for (i, item) in iter.enumerate() {
        items.push(item_value(py, &item?, &format!("{name}[{i}]"))?);
    }
    Ok(Value::Array(items))
}

/// One item of a list: a dict walked, or its JSON text; `at` names it in messages.
fn item_value(py: Python<'_>, item: &Bound<'_, PyAny>, at: &str) -> PyResult<Value> {
    match text_bytes(item)? {
        Some(bytes) => {
            api::parse_json(&bytes, usize::MAX).map_err(|e| input_error(py, &e, Some(at)))
        }
        None => walked(py, item, at),
    }
}

/// A list of names (`["A社", "B社"]`, any iterable of `str`). A plain `str` is refused, not read
/// character by character — the mistake `standard_recipients("A社")` would otherwise hide.
pub(crate) fn names(obj: &Bound<'_, PyAny>, function: &str, name: &str) -> PyResult<Vec<String>> {
    if let Ok(text) = obj.cast::<PyString>() {
        let quoted: String = text.to_cow()?.chars().take(40).collect();
        return Err(PyTypeError::new_err(format!(
            "keynet.{function}: {name} is a list of names, not one str: pass [{quoted:?}]"
        )));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "keynet.{function}: {name} is a list of names (str), not '{}'",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    iter.enumerate()
        .map(|(i, item)| {
            let item = item?;
            item.cast::<PyString>()
                .map_err(|_| {
                    PyTypeError::new_err(format!(
                        "keynet.{function}: {name}[{i}] is a name (str), not '{}'",
                        item.get_type()
                            .name()
                            .map(|n| n.to_string())
                            .unwrap_or_default()
                    ))
                })?
                .to_cow()
                .map(|c| c.into_owned())
        })
        .collect()
}

/// A list of postings, read into the core's `Posting`s one at a time (docs/benchmarks.md,
/// "Distribution in little memory"): JSON lines (text, bytes or a file) and Python lists never
/// become one JSON value of the whole list, so 200,000 postings take the memory of the postings,
/// not ten times their text. Findings at `<name>.<i>`, as `keynet::api::read_postings` gives them.
pub(crate) fn postings(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<Vec<keynet::Posting>> {
    let whole = |value: Value| {
        api::read_postings(&value, name).map_err(|e| crate::errors::api_error(py, &e))
    };
    if let Some(err) = file_name_error(obj, name) {
        return Err(err);
    }
    let is_sequence = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    if !is_sequence && is_table(obj) {
        return whole(table(py, obj, name)?);
    }
    if !is_sequence
        && !obj.is_instance_of::<PyDict>()
        && text_bytes(obj)?.is_none()
        && is_path(py, obj)?
    {
        let content = file_content(py, obj, name)?;
        return postings(py, content.as_any(), name);
    }
    let mut read = Vec::new();
    let mut findings = Vec::new();
    let mut take = |read: &mut Vec<keynet::Posting>, i: usize, value: Value| {
        match keynet::Posting::from_json_value(&value) {
            Ok(p) => read.push(p),
            Err(e) => findings.extend(api::prefixed(&format!("{name}.{i}"), e.findings)),
        }
    };
    if let Some(bytes) = text_bytes(obj)? {
        if is_json_array(&bytes) {
            let value =
                api::parse_json(&bytes, usize::MAX).map_err(|e| not_json(py, obj, name, &e))?;
            return whole(value);
        }
        for (i, (line, text)) in keynet::batch::json_lines(&bytes).enumerate() {
            let value = api::parse_json(text, usize::MAX)
                .map_err(|e| input_error(py, &e, Some(&format!("{name} line {line}"))))?;
            take(&mut read, i, value);
        }
    } else if obj.is_instance_of::<PyDict>() {
        return whole(walked(py, obj, name)?);
    } else {
        let iter = obj.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "keynet: {name} must be a list of documents (dict or JSON text), JSON text or JSON lines, not '{}'",
                obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
            ))
        })?;
        for (i, item) in iter.enumerate() {
            let item = item?;
            // A keynet.Posting is a posting already read: used as it is.
            if let Ok(posting) = item.cast::<crate::objects::PyPosting>() {
                read.push(posting.borrow().inner.clone());
                continue;
            }
            take(
                &mut read,
                i,
                item_value(py, &item, &format!("{name}[{i}]"))?,
            );
        }
    }
    if findings.is_empty() {
        Ok(read)
    } else {
        Err(crate::errors::api_error(
            py,
            &keynet::api::ApiError::Invalid { findings },
        ))
    }
}
