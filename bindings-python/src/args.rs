//! Reading the arguments of the module's functions into JSON values for `keynet::api`.
//!
//! A *document* (form, posting, plan, recipient, rules, event) is a dict walked in Rust, or its
//! JSON text as `str` or `bytes`. A *list* (postings, recipients, events) is a list, tuple or
//! other iterable of documents, the JSON text of an array, or JSON lines (one document a line).

use std::borrow::Cow;

use keynet::api;
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

/// A document argument. Text is limited to `max_bytes`.
pub(crate) fn document(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: &str,
    max_bytes: usize,
) -> PyResult<Value> {
    match text_bytes(obj)? {
        Some(bytes) => api::parse_json(&bytes, max_bytes).map_err(|e| input_error(py, &e, None)),
        None => walked(py, obj, name),
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
    if let Some(bytes) = text_bytes(obj)? {
        if is_json_array(&bytes) {
            return api::parse_json(&bytes, usize::MAX).map_err(|e| input_error(py, &e, None));
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
        let item = item?;
        let at = format!("{name}[{i}]");
        let value = match text_bytes(&item)? {
            Some(bytes) => {
                api::parse_json(&bytes, usize::MAX).map_err(|e| input_error(py, &e, Some(&at)))?
            }
            None => walked(py, &item, &at)?,
        };
        items.push(value);
    }
    Ok(Value::Array(items))
}
