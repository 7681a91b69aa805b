//! Postings and the facility's account (docs/domain.md §9): registering a form, applying
//! lifecycle events, disclosing the details to a seeker who inquired or applied (§6.3), the
//! account's status and the duplicate open postings of the G-MIS sync caveat.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::guarded;
use crate::input::{Args, Input, number};

/// Registers a form without errors as a new open posting.
#[napi(
    ts_args_type = "form: FormInput | string, postingId: string, registeredOn: string",
    ts_return_type = "Posting"
)]
pub fn register(
    env: Env,
    form: Input<'_>,
    posting_id: String,
    registered_on: String,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("form", form)?
            .value("posting_id", posting_id)
            .value("registered_on", registered_on)
            .call("register")
    })
}

/// Applies one lifecycle event to a posting and returns the posting after it. An event the
/// posting's state does not allow throws a `KeynetError` of kind `lifecycle` (`detail` says which).
#[napi(
    ts_args_type = "posting: PostingInput | string, event: LifecycleEvent | string",
    ts_return_type = "Posting"
)]
pub fn apply_event(env: Env, posting: Input<'_>, event: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .json("event", event)?
            .call("apply_event")
    })
}

/// Applies events in order and returns the posting after the last. Every event is read first (one
/// that does not read throws kind `invalid` with findings at `events.<i>`); an event the posting's
/// state does not allow throws kind `lifecycle` with `at`, the index of that event.
#[napi(
    ts_args_type = "posting: PostingInput | string, events: Array<LifecycleEvent> | string",
    ts_return_type = "Posting"
)]
pub fn apply_events(env: Env, posting: Input<'_>, events: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .json("events", events)?
            .call("apply_events")
    })
}

/// Every detail (the registered view) for a seeker who inquired about or applied to the
/// posting; anyone else gets a `KeynetError` of kind `disclosure`.
#[napi(
    ts_args_type = "posting: PostingInput | string, seekerId: string",
    ts_return_type = "RegisteredForm"
)]
pub fn disclose(env: Env, posting: Input<'_>, seeker_id: String) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("posting", posting)?
            .value("seeker_id", seeker_id)
            .call("disclose")
    })
}

/// The facility's account status for a calendar month (§9).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, facilityId: string, year: number, month: number",
    ts_return_type = "AccountStatus"
)]
pub fn account_status(
    env: Env,
    postings: Input<'_>,
    facility_id: String,
    year: f64,
    month: f64,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .value("facility_id", facility_id)
            .value("year", number(year))
            .value("month", number(month))
            .call("account_status")
    })
}

/// The account's status on one day (suspended from the first day of the month after its last
/// posting was filled with no new registration that month).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string, facilityId: string, on: string",
    ts_return_type = "AccountStatus"
)]
pub fn account_status_on(
    env: Env,
    postings: Input<'_>,
    facility_id: String,
    on: String,
) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .value("facility_id", facility_id)
            .value("on", on)
            .call("account_status_on")
    })
}

/// Facilities with two or more open postings for one occupation (the G-MIS sync caveat, §9).
#[napi(
    ts_args_type = "postings: Array<PostingInput> | string",
    ts_return_type = "Array<DuplicateOpenPostings>"
)]
pub fn duplicate_open_postings(env: Env, postings: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env)
            .json("postings", postings)?
            .call("duplicate_open_postings")
    })
}
