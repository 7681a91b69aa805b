//! The regional bed view (docs/domain.md §10.3): one row read, and the view an account sees —
//! its own prefecture only. The export as CSV is in `files`.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::guarded;
use crate::input::{Args, Input, options_of};

/// One bed view row read: `{row, findings}` — every finding, errors and warnings; `row` (codes
/// normalised, ISO dates) only when there is no error. Findings are data, not a throw.
#[napi(
    ts_args_type = "row: Partial<BedRowInput> | string",
    ts_return_type = "BedRowRead"
)]
pub fn read_bed_row(env: Env, row: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env).json("row", row)?.call("read_bed_row")
    })
}

/// The regional bed view as an account sees it: only its own prefecture's rows (there is no way
/// to ask for another's), the totals, and one screen page of at most 2,000 rows
/// (`options.page`, 0-based); `options.search` keeps rows whose secondary medical area or
/// institution name contains it.
#[napi(
    ts_args_type = "rows: Array<BedRowInput> | string, account: Account | string, options?: BedViewOptions | string | null",
    ts_return_type = "BedView"
)]
pub fn bed_view(
    env: Env,
    rows: Input<'_>,
    account: Input<'_>,
    options: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        let opts = options_of(&env, options, &["search", "page"])?;
        let mut args = Args::new(&env)
            .json("rows", rows)?
            .json("account", account)?;
        for (key, value) in opts {
            if !value.is_null() {
                args = args.value(&key, value);
            }
        }
        args.call("bed_view")
    })
}
