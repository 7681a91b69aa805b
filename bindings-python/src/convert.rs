//! Python objects ⇄ `serde_json::Value`, walked in Rust (no `json.dumps` round trip); forms to
//! validate are read into the core's `Raw` value instead, by the same walk.
//!
//! Accepted on the way in: `dict` (str keys only), `list`, `tuple`, `str`, `int`, `float`, `bool`,
//! `None` — what `json.dumps` writes as JSON. Anything else is a `TypeError` naming the path and
//! the type, never the value (a form carries personal data). Numbers follow what `serde_json`
//! does with the same JSON text, so a dict and its JSON string are read alike: integers that fit
//! `i64`/`u64` stay integers, larger ones become floats; NaN and infinities (not JSON) are a
//! `ValueError`.

use keynet::InputError;
use keynet::form::raw::Raw;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// How deep the walk goes before it gives up with the core's `too_deep` error. Two levels more
/// than the core's own limit (docs/choices.md "Limits"), so the core — not this walk — decides
/// the borderline cases, the same way for a dict as for its JSON text; and a cyclic dict ends
/// here instead of overflowing the stack.
const WALK_LIMIT: usize = keynet::MAX_DEPTH + 2;

/// Why a Python object could not become JSON.
pub(crate) enum ConvertError {
    /// Not representable in JSON: becomes `TypeError` / `ValueError`.
    Py(PyErr),
    /// Nested deeper than any form: the core's `too_deep`, raised as `keynet.InputError`.
    Input(InputError),
}

impl From<PyErr> for ConvertError {
    fn from(err: PyErr) -> Self {
        ConvertError::Py(err)
    }
}

/// Reads a Python object as a JSON value; `root` names it in error messages (`form`,
/// `postings[3]`).
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, root: &str) -> Result<Value, ConvertError> {
    let mut path = String::from(root);
    walk(obj, &mut path, 0)
}

/// Reads a Python object straight into the core's [`Raw`] value (docs/benchmarks.md, "Python:
/// dicts read in place"): no `serde_json::Value`, no hashing of keys. Read exactly as
/// [`to_json`] reads it (the same values, errors and limits).
pub(crate) fn to_raw(obj: &Bound<'_, PyAny>, root: &str) -> Result<Raw<'static>, ConvertError> {
    let mut path = String::from(root);
    walk(obj, &mut path, 0)
}

/// What the walk builds: a `serde_json::Value` (for the façade) or a [`Raw`] (for validation).
trait Tree: Sized {
    fn null() -> Self;
    fn bool(b: bool) -> Self;
    fn int(i: i64) -> Self;
    fn uint(u: u64) -> Self;
    /// A finite float.
    fn float(f: Number) -> Self;
    fn string(s: String) -> Self;
    fn array(items: Vec<Self>) -> Self;
    fn object(pairs: Vec<(String, Self)>) -> Self;
    /// A keynet object's canonical JSON (a Posting in a list of postings).
    fn json(value: Value) -> Self;
}

impl Tree for Value {
    fn null() -> Self {
        Value::Null
    }
    fn bool(b: bool) -> Self {
        Value::Bool(b)
    }
    fn int(i: i64) -> Self {
        Value::Number(i.into())
    }
    fn uint(u: u64) -> Self {
        Value::Number(u.into())
    }
    fn float(f: Number) -> Self {
        Value::Number(f)
    }
    fn string(s: String) -> Self {
        Value::String(s)
    }
    fn array(items: Vec<Self>) -> Self {
        Value::Array(items)
    }
    fn object(pairs: Vec<(String, Self)>) -> Self {
        Value::Object(pairs.into_iter().collect::<Map<_, _>>())
    }
    fn json(value: Value) -> Self {
        value
    }
}

impl Tree for Raw<'static> {
    fn null() -> Self {
        Raw::Null
    }
    fn bool(b: bool) -> Self {
        Raw::Bool(b)
    }
    fn int(i: i64) -> Self {
        Raw::Int(i)
    }
    fn uint(u: u64) -> Self {
        Raw::UInt(u)
    }
    fn float(f: Number) -> Self {
        Raw::Float(f.as_f64().unwrap_or(0.0))
    }
    fn string(s: String) -> Self {
        Raw::Str(Cow::Owned(s))
    }
    fn array(items: Vec<Self>) -> Self {
        Raw::Array(items)
    }
    fn object(pairs: Vec<(String, Self)>) -> Self {
        // A dict's keys are unique: the pairs are the object as it is.
        Raw::Object(pairs.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect())
    }
    fn json(value: Value) -> Self {
        Raw::from_value(&value).into_owned()
    }
}

fn walk<T: Tree>(
    obj: &Bound<'_, PyAny>,
    path: &mut String,
    depth: usize,
) -> Result<T, ConvertError> {
    if obj.is_none() {
        return Ok(T::null());
    }
    // Most of a form is text: tried first (a str is no bool, int or float).
    if let Ok(text) = obj.cast::<PyString>() {
        return string(text);
    }
    // bool before int: `bool` is a subclass of `int` in Python.
    if obj.is_instance_of::<PyBool>() {
        return Ok(T::bool(obj.is_truthy()?));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_to_json(obj, path);
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return finite(f, path).map(T::float);
    }
    if depth >= WALK_LIMIT {
        return Err(ConvertError::Input(InputError::TooDeep {
            max: keynet::MAX_DEPTH,
        }));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut pairs = Vec::with_capacity(dict.len());
        for (key, value) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(PyTypeError::new_err(format!(
                    "keynet: dict keys must be str, found a key of type '{}' in {path}",
                    type_name(&key)
                ))
                .into());
            };
            let key = key.to_str()?.to_owned();
            let len = path.len();
            path.push('.');
            path.push_str(&key);
            let value = walk(&value, path, depth + 1)?;
            path.truncate(len);
            pairs.push((key, value));
        }
        return Ok(T::object(pairs));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return seq(list.iter(), path, depth);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return seq(tuple.iter(), path, depth);
    }
    // keynet's own objects are their canonical JSON (a Posting in a list of postings).
    if let Ok(posting) = obj.cast::<crate::objects::PyPosting>() {
        return Ok(T::json(posting.borrow().inner.to_json_value()));
    }
    if let Ok(form) = obj.cast::<crate::objects::PyValidForm>() {
        return Ok(T::json(form.get().inner.to_json_value()));
    }
    Err(PyTypeError::new_err(format!(
        "keynet: cannot read a value of type '{}' at {path}: a form holds only dict, list, str, int, float, bool and None",
        type_name(obj)
    ))
    .into())
}

fn string<T: Tree>(text: &Bound<'_, PyString>) -> Result<T, ConvertError> {
    // No document holds a string longer than a whole document: refused before copying it.
    let chars = text.len()?;
    if chars > keynet::MAX_INPUT_BYTES {
        return Err(ConvertError::Input(InputError::TooLarge {
            len: chars,
            max: keynet::MAX_INPUT_BYTES,
        }));
    }
    Ok(T::string(text.to_str()?.to_owned()))
}

fn seq<'py, T: Tree>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    path: &mut String,
    depth: usize,
) -> Result<T, ConvertError> {
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        let len = path.len();
        path.push_str(&format!("[{i}]"));
        out.push(walk(&item, path, depth + 1)?);
        path.truncate(len);
    }
    Ok(T::array(out))
}

fn int_to_json<T: Tree>(obj: &Bound<'_, PyAny>, path: &str) -> Result<T, ConvertError> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(T::int(i));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(T::uint(u));
    }
    // Like serde_json reading the same digits from JSON text: too big for 64 bits → a float.
    match obj.extract::<f64>() {
        Ok(f) => finite(f, path).map(T::float),
        Err(_) => Err(PyValueError::new_err(format!(
            "keynet: integer at {path} is too large for JSON"
        ))
        .into()),
    }
}

fn finite(f: f64, path: &str) -> Result<Number, ConvertError> {
    Number::from_f64(f).ok_or_else(|| {
        ConvertError::Py(PyValueError::new_err(format!(
            "keynet: the number at {path} is not finite (NaN and infinities are not JSON)"
        )))
    })
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// Writes a JSON value as Python objects: dict, list, str, int, float, bool, None.
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A distribution as the JSON façade writes it (`[{recipient, label_ja, view, posting_ids |
/// counts}]`), made straight from the core's typed result: each posting id is one Python `str`
/// however many recipients receive it, and no JSON value of the whole result is built
/// (docs/benchmarks.md, "Distribution in little memory"). The golden table checks the shape
/// against the façade's.
pub(crate) fn distribution_to_py<'py>(
    py: Python<'py>,
    distribution: &keynet::distribution::Distribution<'_>,
    postings: &[keynet::Posting],
) -> PyResult<Bound<'py, PyAny>> {
    use keynet::distribution::Content;
    let mut ids: Vec<Option<Bound<'py, PyString>>> = vec![None; postings.len()];
    let out = PyList::empty(py);
    for delivery in &distribution.deliveries {
        let entry = PyDict::new(py);
        entry.set_item(
            pyo3::intern!(py, "recipient"),
            to_py(
                py,
                &serde_json::to_value(&delivery.recipient).unwrap_or(Value::Null),
            )?,
        )?;
        entry.set_item(pyo3::intern!(py, "label_ja"), &delivery.label_ja)?;
        entry.set_item(pyo3::intern!(py, "view"), delivery.view.as_str())?;
        match &delivery.content {
            Content::Postings(indexes) => {
                let list = PyList::empty(py);
                for &i in indexes.iter() {
                    let (Some(slot), Some(posting)) = (ids.get_mut(i), postings.get(i)) else {
                        continue;
                    };
                    list.append(&*slot.get_or_insert_with(|| PyString::new(py, posting.id())))?;
                }
                entry.set_item(pyo3::intern!(py, "posting_ids"), list)?;
            }
            Content::Counts(rows) => entry.set_item(
                pyo3::intern!(py, "counts"),
                to_py(py, &serde_json::to_value(&**rows).unwrap_or(Value::Null))?,
            )?,
        }
        out.append(entry)?;
    }
    Ok(out.into_any())
}
