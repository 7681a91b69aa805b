//! The core's seeded sample postings, streamed: an iterator that makes one posting at a time,
//! and a writer of JSON lines that never holds more than a chunk (docs/benchmarks.md, "Sample
//! postings, streamed"). The generator is the core's (`keynet::sample::PostingGenerator`).

use std::io::BufWriter;

use keynet::sample::PostingGenerator;
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;

use crate::args::is_path;
use crate::convert;
use crate::errors::guarded;

/// Sample postings one at a time (``iter_sample_postings``): an iterator of dicts.
#[pyclass(module = "keynet", name = "SamplePostings")]
pub(crate) struct SamplePostings {
    generator: PostingGenerator,
    left: Option<usize>,
}

#[pymethods]
impl SamplePostings {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        if self.left == Some(0) {
            return Ok(None);
        }
        self.left = self.left.map(|n| n - 1);
        let generator = &mut self.generator;
        let posting = guarded(|| Ok(generator.next()))?;
        posting.map(|p| convert::to_py(py, &p)).transpose()
    }
}

/// The sample postings of ``sample_postings(count, seed)``, one at a time: memory stays flat
/// however many are taken. ``count=None`` never ends (take what you need with
/// ``itertools.islice``).
#[pyfunction]
#[pyo3(signature = (count = None, seed = 20200529))]
pub(crate) fn iter_sample_postings(count: Option<usize>, seed: u64) -> SamplePostings {
    SamplePostings {
        generator: PostingGenerator::new(seed),
        left: count,
    }
}

/// Writes ``count`` sample postings (those of ``sample_postings(count, seed)``) to the file at
/// ``path`` (a ``pathlib.Path``) as JSON lines, straight from the core: no Python object is
/// made, the GIL is released, every core validates, memory stays flat.
///
/// Raises:
///     TypeError: ``path`` is not a ``pathlib.Path`` (``os.PathLike``).
///     OSError: the file cannot be written.
#[pyfunction]
#[pyo3(signature = (path, count, seed = 20200529))]
pub(crate) fn write_sample_postings(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    count: usize,
    seed: u64,
) -> PyResult<()> {
    if !is_path(py, path)? {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "keynet.write_sample_postings: path must be a pathlib.Path (os.PathLike)",
        ));
    }
    let target: std::path::PathBuf = path.extract()?;
    let file = std::fs::File::create(&target)
        .map_err(|e| PyOSError::new_err(format!("keynet: {}: {e}", target.display())))?;
    let written = py.detach(|| {
        keynet::host::catch_panic(|| {
            keynet::sample::write_postings_jsonl(BufWriter::new(file), seed, count)
        })
    });
    match written {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(PyOSError::new_err(format!(
            "keynet: {}: {e}",
            target.display()
        ))),
        Err(panic) => Err(crate::errors::internal(&panic)),
    }
}
