//! Distribution by the rule set (docs/domain.md §7, §11): what each recipient receives, why,
//! what is new since the previous run, the agencies' count table and their new-posting notice.
//! `rules` extends the standard set when given.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::guarded;
use crate::input::{Args, Input};

/// §7/§11: for each recipient, its view and the posting ids it receives, or its count rows.
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, recipients: Array<Recipient> | string, rules?: RuleSetInput | string | null",
    ts_return_type = "Array<DistributionEntry>"
)]
pub fn distribute(
    env: Env,
    postings: Input<'_>,
    recipients: Input<'_>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .json("recipients", recipients)?
            .opt_json("rules", rules)?
            .call("distribute")
    })
}

/// Why a recipient does or does not receive a posting: the rule that decided.
#[napi(
    ts_args_type = "posting: PostingInput | string, recipient: Recipient | string, rules?: RuleSetInput | string | null",
    ts_return_type = "Explanation"
)]
pub fn explain(
    env: Env,
    posting: Input<'_>,
    recipient: Input<'_>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .json("recipient", recipient)?
            .opt_json("rules", rules)?
            .call("explain")
    })
}

/// What is new for each recipient since the previous distribution.
#[napi(
    ts_args_type = "previous: Array<PostingInput> | string, current: Array<PostingInput> | string, recipients: Array<Recipient> | string, rules?: RuleSetInput | string | null",
    ts_return_type = "Array<DistributionEntry>"
)]
pub fn new_since(
    env: Env,
    previous: Input<'_>,
    current: Input<'_>,
    recipients: Input<'_>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("previous", previous)?
            .json("current", current)?
            .json("recipients", recipients)?
            .opt_json("rules", rules)?
            .call("new_since")
    })
}

/// The placement agencies' count table of the open postings (occupation × prefecture).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string",
    ts_return_type = "Array<CountRow>"
)]
pub fn count_table(env: Env, postings: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .call("count_table")
    })
}

/// Count tables of partitions added into one, in the count table's order:
/// `addCountTables([countTable(a), countTable(b)])` equals `countTable([...a, ...b])`.
#[napi(
    ts_args_type = "tables: Array<Array<CountRow>> | string",
    ts_return_type = "Array<CountRow>"
)]
pub fn add_count_tables(env: Env, tables: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("tables", tables)?
            .call("add_count_tables")
    })
}

/// Distributions (or `newSince` results) of consecutive partitions, to the same recipients, as
/// one: posting ids concatenated in the partitions' order, counts added.
#[napi(
    ts_args_type = "parts: Array<Array<DistributionEntry>> | string",
    ts_return_type = "Array<DistributionEntry>"
)]
pub fn combine_distributions(env: Env, parts: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("parts", parts)?
            .call("combine_distributions")
    })
}

/// The agencies' new-posting notice: the count table of what is new, the Key-Net URL and the
/// contact desks.
#[napi(
    ts_args_type = "previous: Array<PostingInput> | string, current: Array<PostingInput> | string, agencies: Array<string> | string, keyNetUrl: string, contacts?: unknown, rules?: RuleSetInput | string | null",
    ts_return_type = "unknown"
)]
pub fn agency_notice(
    env: Env,
    previous: Input<'_>,
    current: Input<'_>,
    agencies: Input<'_>,
    key_net_url: String,
    contacts: Option<Input<'_>>,
    rules: Option<Input<'_>>,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("previous", previous)?
            .json("current", current)?
            .json("agencies", agencies)?
            .value("key_net_url", key_net_url)
            .opt_json("contacts", contacts)?
            .opt_json("rules", rules)?
            .call("agency_notice")
    })
}
