//! Training (docs/domain.md §8): a hire's plan judged, the seeds' teaching materials and their
//! example programme.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::guarded;
use crate::input::{Args, Input};

/// §8/§11: judges a hire's training plan.
#[napi(
    ts_args_type = "plan: TrainingPlan | string",
    ts_return_type = "TrainingAssessment"
)]
pub fn assess_training(env: Env, plan: Input<'_>) -> Result<Value> {
    guarded(&env, || {
        Args::new(&env).json("plan", plan)?.call("assess_training")
    })
}

/// The seeds' teaching materials for an occupation (all of them without one).
#[napi(
    ts_args_type = "occupation?: Occupation | null",
    ts_return_type = "Array<TrainingMaterial>"
)]
pub fn training_materials(env: Env, occupation: Option<String>) -> Result<Value> {
    guarded(&env, || {
        let args = Args::new(&env);
        match occupation {
            Some(o) => args.value("occupation", o),
            None => args,
        }
        .call("training_materials")
    })
}

/// The seeds' example training programme (self-study about 1 h, hands-on about 1 h).
#[napi(ts_return_type = "unknown")]
pub fn training_example_programme(env: Env) -> Result<Value> {
    guarded(&env, || Args::new(&env).call("training_example_programme"))
}
