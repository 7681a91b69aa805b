//! The kintone adapter: a kintone REST record (`{"<field code>": {"type": "…", "value": …}}`)
//! read into the canonical form through a **field-code mapping**, and findings mapped back to
//! kintone's own error shape (`{"record.<code>.value": {"messages": ["…"]}}`).
//!
//! The mapping is data — `core/data/kintone_mapping.json`, Japanese field codes such as
//! `募集職種` and the app's option labels such as `看護師`, `時給`, `敷地内禁煙` with the
//! canonical value each stands for — and an integrator overrides it from JSON
//! ([`Mapping::with_overrides`]) for an app whose codes differ. Reading never stops at the first
//! problem and never panics: a field of the wrong kintone type, a value of the wrong shape or an
//! option the mapping does not know is a [`Finding`](crate::Finding) at the canonical path of
//! that field, which [`to_errors`] puts back on the field code. Field codes the mapping does not
//! name (the app's own fields, `$id`, `レコード番号`, `作成者` …) are ignored.
//!
//! ```
//! use serde_json::json;
//! let record = json!({"募集職種": {"type": "DROP_DOWN", "value": "看護婦"},
//!                     "募集人数": {"type": "NUMBER", "value": "２"}});
//! let mapping = keynet::kintone::Mapping::standard();
//! let read = keynet::kintone::from_record(&record, mapping).map_err(|e| e.to_string())?;
//! assert!(!read.is_registrable());
//! let errors = keynet::kintone::to_errors(read.findings(), mapping, keynet::kintone::Lang::Ja, Some(&record));
//! assert!(errors.errors.contains_key("record.募集職種.value"));
//! # Ok::<(), String>(())
//! ```

mod app;
mod errors;
#[cfg(test)]
mod fixtures;
mod mapping;
mod record;
mod rows;
mod write;

pub use app::check_mapping;
pub use errors::{CB_VA01, KintoneErrors, Lang, bulk_errors, to_errors};
pub use mapping::{FieldMapping, Mapping, ReadAs, STANDARD_MAPPING_JSON};
pub use record::{RECORD_DEPTH, RecordForm, from_record, read_record, record_from_json};
pub use rows::{RowRead, RowsError, from_rows, rows_to_errors};
pub use write::{app_field_types, to_record, to_record_for, update_body};
