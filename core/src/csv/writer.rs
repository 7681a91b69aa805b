//! A CSV file written row by row: UTF-8 with a BOM or Windows-31J, CRLF line ends, and the
//! substitutions made on the way returned when the file is finished.

use std::io::Write;

use super::encoding::{Encoding, Substitution, encode_shift_jis};

/// Why a CSV could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error(
        "row {row}, column {column:?}: {character:?} (U+{codepoint:04X}) has no Shift_JIS (Windows-31J) form"
    )]
    Unencodable {
        row: usize,
        column: String,
        character: char,
        codepoint: u32,
    },
    #[error(
        "row {row}: posting {posting_id:?} has inquiries or hires, which a postings CSV does not hold"
    )]
    NotTabular { row: usize, posting_id: String },
    #[error(
        "the counts view shows no posting (placement agencies get counts only): write the count table instead"
    )]
    CountsView,
    #[error("cannot write: {0}")]
    Io(String),
}

impl WriteError {
    /// Every [`kind`](Self::kind), in the order of the variants: the vocabulary hosts switch on.
    pub const KINDS: [&'static str; 4] = ["unencodable", "not_tabular", "counts_view", "io"];

    /// A stable snake_case name of the failure, for hosts.
    pub const fn kind(&self) -> &'static str {
        match self {
            WriteError::Unencodable { .. } => "unencodable",
            WriteError::NotTabular { .. } => "not_tabular",
            WriteError::CountsView => "counts_view",
            WriteError::Io(_) => "io",
        }
    }
}

/// A streaming CSV writer in UTF-8 (with BOM) or Shift_JIS.
#[derive(Debug)]
pub struct Writer<W: Write> {
    inner: ::csv::Writer<W>,
    encoding: Encoding,
    headers: Vec<String>,
    row: usize,
    substitutions: Vec<Substitution>,
}

impl<W: Write> Writer<W> {
    /// Starts a file with its header row.
    pub fn new(mut out: W, encoding: Encoding, headers: &[&str]) -> Result<Writer<W>, WriteError> {
        if encoding == Encoding::Utf8 {
            out.write_all("\u{feff}".as_bytes())
                .map_err(|e| WriteError::Io(e.to_string()))?;
        }
        let inner = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        let mut w = Writer {
            inner,
            encoding,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            row: 0,
            substitutions: Vec::new(),
        };
        let header_row: Vec<String> = w.headers.clone();
        w.write_row(&header_row)?;
        Ok(w)
    }

    /// Writes one record (as many fields as there are headers).
    pub fn write_row<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<(), WriteError> {
        self.row += 1;
        let mut record: Vec<Vec<u8>> = Vec::with_capacity(fields.len());
        for (i, field) in fields.iter().enumerate() {
            let column = self.headers.get(i).map_or("", String::as_str);
            let bytes = match self.encoding {
                Encoding::Utf8 => field.as_ref().as_bytes().to_vec(),
                Encoding::ShiftJis => {
                    encode_shift_jis(field.as_ref(), self.row, column, &mut self.substitutions)?
                }
            };
            record.push(bytes);
        }
        self.inner
            .write_record(&record)
            .map_err(|e| WriteError::Io(e.to_string()))
    }

    /// Finishes the file; returns the substitutions made.
    pub fn finish(mut self) -> Result<Vec<Substitution>, WriteError> {
        self.inner
            .flush()
            .map_err(|e| WriteError::Io(e.to_string()))?;
        Ok(self.substitutions)
    }
}
