//! Many forms at once (NDJSON from a kintone export, a list of records): one reading of JSON
//! lines and one thread policy for every host. The results are the same on any number of
//! threads; only the time differs.

use std::num::NonZeroUsize;

use crate::error::InputError;
use crate::finding::Finding;
use crate::form::{Validation, validate_json, validate_value};

/// Below this many records per thread one thread does the work: spawning costs more than it saves
/// on a handful of forms (a form takes about 15 µs).
pub const MIN_RECORDS_PER_THREAD: usize = 64;
/// The most threads a batch uses unless told otherwise: beyond it, a server shared by other work
/// gains little.
pub const DEFAULT_MAX_THREADS: usize = 8;

/// The non-blank lines of JSON-lines text with their 1-based line numbers; a `\r` before the
/// `\n` (a file written on Windows) is not part of the line.
pub fn json_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .filter(|(_, line)| line.iter().any(|b| !b.is_ascii_whitespace()))
}

/// A caller's mistake, not bad data: a batch asked to run on no thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("threads must be at least 1")]
pub struct NoThreads;

/// Threads for a batch: `requested` (at least 1), or the machine's parallelism up to
/// [`DEFAULT_MAX_THREADS`].
pub fn thread_count(requested: Option<usize>) -> Result<usize, NoThreads> {
    match requested {
        Some(0) => Err(NoThreads),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism()
            .map_or(1, NonZeroUsize::get)
            .min(DEFAULT_MAX_THREADS)),
    }
}

/// Maps `f` over `items` on up to `threads` threads, keeping their order. A panic in a worker
/// comes back as its message.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>, String> {
    let threads = threads.min(items.len() / MIN_RECORDS_PER_THREAD).max(1);
    if threads == 1 {
        return crate::host::catch_panic(|| items.iter().map(&f).collect());
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
                Err(payload) => return Err(crate::host::panic_message(payload.as_ref())),
            }
        }
        Ok(out)
    })
}

/// One record of a batch: JSON text, or a value a host has already converted.
#[derive(Debug, Clone)]
pub enum Record<'a> {
    Text(std::borrow::Cow<'a, [u8]>),
    Value(serde_json::Value),
    /// A host's own object read straight into the core's input (a Python dict).
    Host(crate::form::raw::Raw<'a>),
}

impl Record<'_> {
    /// Validates the record; `Err`: it is not a form at all.
    pub fn validate(&self) -> Result<Validation, InputError> {
        match self {
            Record::Text(bytes) => validate_json(bytes),
            Record::Value(value) => validate_value(value),
            Record::Host(value) => crate::form::validate_host_value(value),
        }
    }
}

/// One line of NDJSON and what validating it gave.
#[derive(Debug)]
pub struct LineOutcome {
    /// 1-based line number in the text.
    pub line: usize,
    pub outcome: Result<Validation, InputError>,
}

/// Validates every non-blank line of NDJSON on up to `threads` threads, in order.
pub fn validate_lines(ndjson: &[u8], threads: usize) -> Result<Vec<LineOutcome>, String> {
    let lines: Vec<(usize, &[u8])> = json_lines(ndjson).collect();
    par_map(&lines, threads, |(line, text)| LineOutcome {
        line: *line,
        outcome: validate_json(text),
    })
}

/// Validates every record on up to `threads` threads, in order.
pub fn validate_records(
    records: &[Record<'_>],
    threads: usize,
) -> Result<Vec<Result<Validation, InputError>>, String> {
    par_map(records, threads, Record::validate)
}

/// What a batch holds, counted: the same figures in every host's summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub records: usize,
    /// Forms without an error finding.
    pub registrable: usize,
    /// Forms with at least one error finding.
    pub rejected: usize,
    /// Records that are not a form at all.
    pub not_a_form: usize,
    /// Error findings over every form.
    pub errors: usize,
    /// Warning findings over every form.
    pub warnings: usize,
}

impl Counts {
    /// Counts records given as their findings (`None`: not a form).
    pub fn of<'a>(records: impl IntoIterator<Item = Option<&'a [Finding]>>) -> Counts {
        let mut c = Counts::default();
        for record in records {
            c.records += 1;
            let Some(findings) = record else {
                c.not_a_form += 1;
                continue;
            };
            let errors = findings.iter().filter(|f| f.is_error()).count();
            c.errors += errors;
            c.warnings += findings.len() - errors;
            if errors == 0 {
                c.registrable += 1;
            } else {
                c.rejected += 1;
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_skip_blanks_and_carriage_returns() {
        let text = b"{\"a\":1}\r\n\n   \n{\"b\":2}\n";
        let lines: Vec<_> = json_lines(text).collect();
        assert_eq!(lines, vec![(1, &b"{\"a\":1}"[..]), (4, &b"{\"b\":2}"[..])]);
    }

    #[test]
    fn threads_do_not_change_the_answer() {
        let form = include_str!("../../tests/cases/domain_example.json");
        let case: serde_json::Value = serde_json::from_str(form).unwrap();
        let line = serde_json::to_string(&case["input"]).unwrap();
        let mut ndjson = String::new();
        for i in 0..300 {
            ndjson.push_str(if i % 7 == 0 { "not json" } else { &line });
            ndjson.push('\n');
        }
        let summary = |threads| -> Vec<(usize, Option<usize>)> {
            validate_lines(ndjson.as_bytes(), threads)
                .unwrap()
                .into_iter()
                .map(|o| (o.line, o.outcome.ok().map(|v| v.findings().len())))
                .collect()
        };
        let one = summary(1);
        assert_eq!(one.len(), 300);
        assert_eq!(one.iter().filter(|(_, f)| f.is_none()).count(), 43);
        assert_eq!(summary(4), one);
    }

    #[test]
    fn zero_threads_is_refused() {
        assert!(thread_count(Some(0)).is_err());
        assert_eq!(thread_count(Some(3)), Ok(3));
        assert!(thread_count(None).unwrap() >= 1);
    }
}
