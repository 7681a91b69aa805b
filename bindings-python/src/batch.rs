//! `validate_many`: many forms at once, the GIL released while the core works, the records
//! spread over the cores in chunks. The answer is a compact `Batch` that keeps the findings in
//! Rust and hands them out per record, or as columns for a DataFrame.

use std::borrow::Cow;
use std::collections::HashMap;
use std::num::NonZeroUsize;

use keynet::{Finding, InputError as CoreInputError, Validation};
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;

use crate::args::{self, text_bytes};
use crate::errors::{findings_list, internal, panic_text};

/// Below this many records per thread, one thread does the work: spawning costs more than it
/// saves on a handful of forms (a form takes about 15 µs).
const MIN_RECORDS_PER_THREAD: usize = 64;

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
}

/// One record, ready for the core without the GIL.
enum Record<'a> {
    Text(Cow<'a, [u8]>),
    Value(Value),
}

impl Record<'_> {
    fn validate(&self) -> Outcome {
        Outcome::of(match self {
            Record::Text(bytes) => keynet::validate_json(bytes),
            Record::Value(value) => keynet::validate_value(value),
        })
    }
}

/// Maps `f` over `items` on up to `threads` threads, in order. A panic in a worker comes back as
/// its message.
fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>, String> {
    let threads = threads.min(items.len() / MIN_RECORDS_PER_THREAD).max(1);
    if threads == 1 {
        return Ok(items.iter().map(&f).collect());
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                Err(payload) => return Err(panic_text(payload.as_ref())),
            }
        }
        Ok(out)
    })
}

fn thread_count(threads: Option<usize>) -> PyResult<usize> {
    match threads {
        Some(0) => Err(PyValueError::new_err("keynet: threads must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism()
            .map(NonZeroUsize::get)
            .unwrap_or(1)),
    }
}

/// Reads `forms` into records: JSON lines (str or bytes), or an iterable whose items are dicts
/// (walked now, with the GIL) or JSON text.
fn records<'a>(py: Python<'_>, forms: &'a Bound<'_, PyAny>) -> PyResult<Vec<Record<'a>>> {
    if let Some(bytes) = text_bytes(forms)? {
        return Ok(match bytes {
            Cow::Borrowed(b) => args::json_lines(b)
                .map(|(_, line)| Record::Text(Cow::Borrowed(line)))
                .collect(),
            Cow::Owned(b) => args::json_lines(&b)
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
            None => Record::Value(args::walked(py, &item, &format!("forms[{i}]"))?),
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
    let threads = thread_count(threads)?;
    let records = records(py, forms)?;
    let outcomes = py
        .detach(|| par_map(&records, threads, Record::validate))
        .map_err(|panic| internal(&panic))?;
    Ok(Batch { outcomes })
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
    fn counts(&self) -> (usize, usize, usize, usize, usize) {
        let (mut registrable, mut not_a_form, mut errors, mut warnings) = (0, 0, 0, 0);
        for outcome in &self.outcomes {
            match outcome {
                Outcome::Findings(findings) => {
                    let e = findings.iter().filter(|f| f.is_error()).count();
                    errors += e;
                    warnings += findings.len() - e;
                    if keynet::is_registrable(findings) {
                        registrable += 1;
                    }
                }
                Outcome::NotAForm(_) => not_a_form += 1,
            }
        }
        (
            self.outcomes.len(),
            registrable,
            not_a_form,
            errors,
            warnings,
        )
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
        let (records, registrable, not_a_form, errors, warnings) = self.counts();
        let d = PyDict::new(py);
        d.set_item("records", records)?;
        d.set_item("registrable", registrable)?;
        d.set_item("rejected", records - registrable - not_a_form)?;
        d.set_item("not_a_form", not_a_form)?;
        d.set_item("errors", errors)?;
        d.set_item("warnings", warnings)?;
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
        let (records, registrable, not_a_form, _, _) = self.counts();
        format!(
            "<keynet.Batch: {records} records, {registrable} registrable, {} with errors, {not_a_form} not a form>",
            records - registrable - not_a_form
        )
    }
}

/// The panic drill for workers: a panic in one thread of `par_map` becomes `InternalError`.
pub(crate) fn panic_in_workers(py: Python<'_>) -> PyResult<()> {
    let items: Vec<usize> = (0..4 * MIN_RECORDS_PER_THREAD).collect();
    let result = py.detach(|| {
        par_map(&items, 2, |i| {
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
