//! CSV files as bytes (docs/domain.md §10.4, docs/choices.md "CSV and Shift_JIS"): a `Buffer` (or
//! any `Uint8Array`, or text already decoded) in, a [`CsvFile`] out — postings, the agencies'
//! count table and the bed view export. The core checks the encoding's name and the column
//! mapping, and gives the findings and write errors (`keynet::api`); this module reads the options
//! object and the bytes: an absent encoding is `shift_jis`, a string is read as UTF-8.

use keynet::api;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{Map, Value};

use crate::error::{Failure, guarded};
use crate::input::{Input, options_of, value_of};

/// A CSV file as given: its bytes (a `Buffer` or any `Uint8Array`), or text already decoded (a
/// string).
type Data<'a> = Either<BufferSlice<'a>, String>;

/// The encoding to write or read bytes in: `options.encoding`, `shift_jis` when absent (G-MIS and
/// Excel in Japan). The core checks the name.
fn encoding_option(opts: &Map<String, Value>) -> std::result::Result<Option<String>, Failure> {
    Ok(keynet::host::csv_encoding(opts)?)
}

/// The bytes to read and their encoding. A string is text already: it is read as UTF-8, and an
/// `encoding` other than utf8 or auto is refused (pass the file's bytes to read Shift_JIS).
fn file_of<'d>(
    data: &'d Data<'_>,
    opts: &Map<String, Value>,
) -> std::result::Result<(&'d [u8], Option<String>), Failure> {
    match data {
        Either::A(bytes) => Ok((bytes, encoding_option(opts)?)),
        Either::B(text) => Ok((
            text.as_bytes(),
            Some(keynet::host::csv_text_encoding(opts)?),
        )),
    }
}

/// `options.mapping`: a column mapping object or its JSON text (absent: the standard columns).
fn mapping_option(opts: &Map<String, Value>) -> std::result::Result<Option<Value>, Failure> {
    Ok(keynet::host::csv_mapping(opts)?)
}

/// A CSV file written: its bytes, and every character written as another.
#[napi(object)]
pub struct CsvFile {
    /// The file: UTF-8 with a BOM, or Shift_JIS (Windows-31J); CRLF line ends, RFC 4180 quoting.
    #[napi(ts_type = "NodeBuffer")]
    pub data: Buffer,
    /// Every character written as another (〜 → ～ …), with its row and column: nothing is
    /// changed silently.
    #[napi(ts_type = "Array<Substitution>")]
    pub substitutions: Value,
}

impl std::fmt::Debug for CsvFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvFile")
            .field("data", &format_args!("<{} bytes>", self.data.len()))
            .field("substitutions", &self.substitutions)
            .finish()
    }
}

fn csv_file((data, substitutions): (Vec<u8>, Value)) -> CsvFile {
    CsvFile {
        data: data.into(),
        substitutions,
    }
}

/// Reads a postings CSV (header row, then one posting per row): every row that reads, and a
/// finding per problem with its `row` (the header is row 1) and `column` header — a bad row
/// never stops the others. `options.encoding`: `shift_jis` (default) or `utf8` for bytes; a
/// string is read as text. `options.mapping`: the columns (default: the standard Japanese
/// headers).
#[napi(
    ts_args_type = "data: Uint8Array | string, options?: PostingsCsvReadOptions | string | null",
    ts_return_type = "PostingsCsvRead"
)]
pub fn read_postings_csv(env: Env, data: Data<'_>, options: Option<Input<'_>>) -> Result<Value> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding", "mapping"])?;
        let (bytes, encoding) = file_of(&data, &opts)?;
        let mapping = mapping_option(&opts)?;
        Ok(api::read_postings_csv(
            bytes,
            encoding.as_deref(),
            mapping.as_ref(),
        )?)
    })
}

/// Writes postings as CSV, one per row (`options.encoding`: `shift_jis` by default, or `utf8`).
/// A character with no Shift_JIS form throws a `KeynetError` of kind `csv_write` naming the row,
/// column and character (`row`, `column`, `character`, `codepoint`); the documented
/// substitutions are made and returned.
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, options?: PostingsCsvWriteOptions | string | null",
    ts_return_type = "CsvFile"
)]
pub fn write_postings_csv(
    env: Env,
    postings: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<CsvFile> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding", "mapping", "labels", "view"])?;
        let encoding = encoding_option(&opts)?;
        let mapping = mapping_option(&opts)?;
        let labels = keynet::host::text_option(&opts, "labels")?;
        let view = keynet::host::text_option(&opts, "view")?;
        let postings = value_of(&env, postings)?;
        Ok(csv_file(api::write_postings_csv(
            &postings,
            encoding.as_deref(),
            mapping.as_ref(),
            labels.as_deref(),
            view.as_deref(),
        )?))
    })
}

/// The agencies' count table of the open postings as CSV (occupation × prefecture).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, options?: CsvWriteOptions | string | null",
    ts_return_type = "CsvFile"
)]
pub fn write_count_table_csv(
    env: Env,
    postings: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<CsvFile> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding"])?;
        let encoding = encoding_option(&opts)?;
        let postings = value_of(&env, postings)?;
        Ok(csv_file(api::write_count_table_csv(
            &postings,
            encoding.as_deref(),
        )?))
    })
}

/// The bed view of an account exported as "details only" CSV, Shift_JIS by default: only the
/// account's own prefecture's rows. Rows with errors throw `invalid` with findings at `rows.<i>`;
/// an account kind without the bed view throws `invalid` at `account`.
#[napi(
    ts_args_type = "rows: Array<BedRowInput> | string, account: Account | string, options?: CsvWriteOptions | string | null",
    ts_return_type = "CsvFile"
)]
pub fn export_bed_view_csv(
    env: Env,
    rows: Input<'_>,
    account: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<CsvFile> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding"])?;
        let encoding = encoding_option(&opts)?;
        let rows = value_of(&env, rows)?;
        let account = value_of(&env, account)?;
        Ok(csv_file(api::export_bed_view_csv(
            &rows,
            &account,
            encoding.as_deref(),
        )?))
    })
}

/// Reads a bed view export ("details only" CSV; Shift_JIS by default): every row that reads, and
/// the findings (errors of the rows left out, warnings of the rows kept) with their row.
#[napi(
    ts_args_type = "data: Uint8Array | string, options?: CsvReadOptions | string | null",
    ts_return_type = "BedExportRead"
)]
pub fn read_bed_export_csv(env: Env, data: Data<'_>, options: Option<Input<'_>>) -> Result<Value> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["encoding"])?;
        let (bytes, encoding) = file_of(&data, &opts)?;
        Ok(api::read_bed_export_csv(bytes, encoding.as_deref())?)
    })
}
