//! CSV as G-MIS and Excel in Japan use it (docs/domain.md §10.4): UTF-8 or Shift_JIS (read and
//! written as Windows-31J, the WHATWG `Shift_JIS` of encoding_rs, so 髙, 﨑 and ① survive),
//! streaming, with every problem reported by row — nothing lost silently.
//!
//! Writing Shift_JIS: a character with no Windows-31J form is an error naming row, column and
//! character, except the documented substitutions ([`SUBSTITUTIONS`], e.g. WAVE DASH 〜 →
//! FULLWIDTH TILDE ～), which are reported. Each written field is decoded back and compared, so
//! the encoder's own quiet changes (`−` U+2212 read back as `－`, `¥` as `\`) are reported too.
//!
//! One file per concern: [`Encoding`] and writing a field as Windows-31J (`encoding`), a file
//! read record by record (`records`) and written row by row (`writer`), the postings CSV's
//! [`ColumnMapping`] (`mapping`), and postings read (`read`) and written with the count table
//! (`write`). The choices are in docs/choices.md "CSV and Shift_JIS" and "CSV files: mappings
//! and the masking wish".

pub mod detect;
mod encoding;
mod mapping;
pub(crate) mod path;
mod read;
mod records;
mod write;
mod writer;

pub use encoding::{Encoding, SUBSTITUTIONS, Substitution};
pub use mapping::{Column, ColumnKind, ColumnMapping, is_mappable_path};
pub use read::read_postings;
pub(crate) use records::name_columns;
pub use records::{Record, RowFinding, records};
pub use write::{
    COUNT_TABLE_HEADERS, Labels, WriteOptions, write_count_table, write_postings,
    write_postings_with,
};
pub use writer::{WriteError, Writer};
