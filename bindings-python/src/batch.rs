//! `validate_many`: many forms at once, the GIL released while the core works, the records
//! spread over the cores in chunks. The answer is a compact `Batch` that keeps the findings in
//! Rust and hands them out per record, or as columns for a DataFrame.

use std::borrow::Cow;
use std::collections::HashMap;

use keynet::batch::{Counts, Record};
use keynet::{Finding, InputError as CoreInputError, Validation};
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;

use crate::args::{self, text_bytes};
use crate::errors::{findings_list, internal};

/// What the core said about one record.
enum Outcome {
    Findings(Vec<Finding>),
    /// The record is not a form at all.
    NotAForm(CoreInputError),
}

impl Outcome {
    fn of(result: Result<Validation, CoreInputError>) -> Outcome {
        match result {
            Ok(v) => Outcome::Findings(v.into_findings()),
            Err(e) => Outcome::NotAForm(e),
        }
    }

    fn findings(&self) -> Option<&[Finding]> {
        match self {
            Outcome::Findings(f) => Some(f),
            Outcome::NotAForm(_) => None,
        }
    }
}

/// Reads `forms` into records: JSON lines (str or bytes), or an iterable whose items are dicts
/// (walked now, with the GIL) or JSON text.
fn records<'a>(py: Python<'_>, forms: &'a Bound<'_, PyAny>) -> PyResult<Vec<Record<'a>>> {
    if let Some(err) = args::file_name_error(forms, "forms") {
        return Err(err);
    }
    if args::is_table(forms) {
        let Value::Array(rows) = args::table(py, forms, "forms")? else {
            return Ok(Vec::new());
        };
        return Ok(rows.into_iter().map(Record::Value).collect());
    }
    if !forms.is_instance_of::<PyList>()
        && text_bytes(forms)?.is_none()
        && args::is_path(py, forms)?
    {
        let content = args::file_content(py, forms, "forms")?;
        return Ok(keynet::batch::json_lines(content.as_bytes())
            .map(|(_, line)| Record::Text(Cow::Owned(line.to_vec())))
            .collect());
    }
    if let Some(bytes) = text_bytes(forms)? {
        return Ok(match bytes {
            Cow::Borrowed(b) => keynet::batch::json_lines(b)
                .map(|(_, line)| Record::Text(Cow::Borrowed(line)))
                .collect(),
            Cow::Owned(b) => keynet::batch::json_lines(&b)
                .map(|(_, line)| Record::Text(Cow::Owned(line.to_vec())))
                .collect(),
        });
    }
    let iter = forms.try_iter().map_err(|_| {
        PyTypeError::new_err(
            "keynet: validate_many takes a list (or iterable) of forms, or JSON lines as str or bytes",
        )
    })?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item?;
        out.push(match text_bytes(&item)? {
            Some(bytes) => Record::Text(Cow::Owned(bytes.into_owned())),
            None => Record::Host(args::walked_raw(py, &item, &format!("forms[{i}]"))?),
        });
    }
    Ok(out)
}

/// Validates every record of `forms` (see `validate_many` in the stub).
pub(crate) fn validate_many(
    py: Python<'_>,
    forms: &Bound<'_, PyAny>,
    threads: Option<usize>,
) -> PyResult<Batch> {
    let threads = keynet::batch::thread_count(threads)
        .map_err(|e| PyValueError::new_err(format!("keynet: {e}")))?;
    let records = records(py, forms)?;
    let outcomes = py
        .detach(|| keynet::batch::validate_records(&records, threads))
        .map_err(|panic| internal(&panic))?;
    Ok(Batch {
        outcomes: outcomes.into_iter().map(Outcome::of).collect(),
    })
}

/// The findings of many forms (``validate_many``), one record each, in input order.
///
/// Compact: the findings stay in Rust until asked for. ``len(batch)``; ``batch[i]`` is the list
/// of findings of record ``i``, or None when that record is not a form at all (see
/// ``input_errors``); iterating yields the same.
#[pyclass(frozen, module = "keynet", name = "Batch")]
pub(crate) struct Batch {
    outcomes: Vec<Outcome>,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Batch({} records)", self.outcomes.len())
    }
}

impl Batch {
    fn counts(&self) -> Counts {
        Counts::of(self.outcomes.iter().map(Outcome::findings))
    }
}

#[pymethods]
impl Batch {
    /// The number of records.
    fn __len__(&self) -> usize {
        self.outcomes.len()
    }

    /// The findings of record ``index`` (negative counts from the end), or None when it is not a form.
    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyAny>> {
        let len = self.outcomes.len() as isize;
        let i = if index < 0 { index + len } else { index };
        let outcome = usize::try_from(i)
            .ok()
            .and_then(|i| self.outcomes.get(i))
            .ok_or_else(|| PyIndexError::new_err("keynet.Batch index out of range"))?;
        match outcome {
            Outcome::Findings(findings) => Ok(findings_list(py, findings)?.into_any()),
            Outcome::NotAForm(_) => Ok(py.None().into_bound(py)),
        }
    }

    /// One bool per record: True when the record is a form without error findings.
    #[getter]
    fn registrable(&self) -> Vec<bool> {
        self.outcomes
            .iter()
            .map(|o| matches!(o, Outcome::Findings(f) if keynet::is_registrable(f)))
            .collect()
    }

    /// The records that are not forms at all, with their index and reason.
    #[getter]
    fn input_errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for (index, outcome) in self.outcomes.iter().enumerate() {
            if let Outcome::NotAForm(e) = outcome {
                let d = PyDict::new(py);
                d.set_item("index", index)?;
                d.set_item("kind", e.kind())?;
                d.set_item("message", e.to_string())?;
                d.set_item("message_ja", e.message_ja())?;
                list.append(d)?;
            }
        }
        Ok(list)
    }

    /// Counts: records, registrable, rejected, not_a_form, errors, warnings.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.counts();
        let d = PyDict::new(py);
        d.set_item("records", c.records)?;
        d.set_item("registrable", c.registrable)?;
        d.set_item("rejected", c.rejected)?;
        d.set_item("not_a_form", c.not_a_form)?;
        d.set_item("errors", c.errors)?;
        d.set_item("warnings", c.warnings)?;
        Ok(d)
    }

    /// Every finding as columns of equal length: record, path, code, severity, message, message_ja.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let names = [
            "record",
            "path",
            "code",
            "severity",
            "message",
            "message_ja",
        ];
        let cols: Vec<Bound<'py, PyList>> = names.iter().map(|_| PyList::empty(py)).collect();
        let [record, path, code, severity, message, message_ja] = cols.as_slice() else {
            return Err(internal("six columns expected"));
        };
        // Paths, codes and severities repeat: one Python string each.
        let mut strings: HashMap<&str, Bound<'py, PyString>> = HashMap::new();
        for (index, outcome) in self.outcomes.iter().enumerate() {
            let Outcome::Findings(findings) = outcome else {
                continue;
            };
            for f in findings {
                record.append(index)?;
                for (col, text) in [
                    (path, f.path.as_str()),
                    (code, f.code.as_str()),
                    (severity, f.severity.as_str()),
                ] {
                    let s = strings
                        .entry(text)
                        .or_insert_with(|| PyString::new(py, text));
                    col.append(&*s)?;
                }
                message.append(&f.message)?;
                message_ja.append(&f.message_ja)?;
            }
        }
        let d = PyDict::new(py);
        for (name, col) in names.iter().zip(cols.iter()) {
            d.set_item(*name, col)?;
        }
        Ok(d)
    }

    /// The findings as a pandas DataFrame (see ``findings_frame``). Needs pandas.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("keynet._frames")?
            .call_method1("findings_frame", (slf, "pandas"))
    }

    /// The findings as a polars DataFrame (see ``findings_frame``). Needs polars.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("keynet._frames")?
            .call_method1("findings_frame", (slf, "polars"))
    }

    fn __repr__(&self) -> String {
        let c = self.counts();
        format!(
            "<keynet.Batch: {} records, {} registrable, {} with errors, {} not a form>",
            c.records, c.registrable, c.rejected, c.not_a_form
        )
    }
}

/// The panic drill for workers: a panic in one thread of `par_map` becomes `InternalError`.
pub(crate) fn panic_in_workers(py: Python<'_>) -> PyResult<()> {
    let items: Vec<usize> = (0..4 * keynet::batch::MIN_RECORDS_PER_THREAD).collect();
    let result = py.detach(|| {
        keynet::batch::par_map(&items, 2, |i| {
            // Deliberate: the panic drill of the test suite, in the second chunk.
            #[allow(clippy::panic)]
            if *i == items.len() - 1 {
                panic!("worker panic drill (keynet._trigger_worker_panic_for_tests)")
            }
            *i
        })
    });
    match result {
        Ok(_) => Err(internal("the worker panic drill did not panic")),
        Err(panic) => Err(internal(&panic)),
    }
}
