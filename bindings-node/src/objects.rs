//! Classes that hold core values: a validated form, a posting and a rule set, read once and kept
//! in Rust. Their methods call the typed core API directly — no JSON re-read, no re-validation —
//! so repeated views and distributions cost only the answer. The plain functions
//! (`publicView(form)`, …) stay for one-off calls.

use keynet::api::{self, ApiError};
use keynet::{FormView, View};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::error::{Failure, guarded};
use crate::findings::Finding;
use crate::input::{Input, validation_of, value_of};

fn view_named(name: &str) -> std::result::Result<View, Failure> {
    View::from_name(name).ok_or_else(|| {
        Failure::Js(Error::new(
            Status::InvalidArg,
            format!("keynet: {}", View::unknown_name_message(name)),
        ))
    })
}

/// A form without error findings, held in Rust: `new ValidForm(form)` validates once (an object
/// or JSON text; a `KeynetError` of kind `invalid` with every finding when it has errors); its
/// views and registration then read nothing again.
#[napi]
#[derive(Debug)]
pub struct ValidForm {
    inner: keynet::ValidForm,
}

#[napi]
impl ValidForm {
    #[napi(constructor, ts_args_type = "form: FormInput | string")]
    pub fn new(env: Env, form: Input<'_>) -> Result<Self> {
        guarded(&env, || {
            let inner = validation_of(&env, form)?
                .into_valid()
                .map_err(|rejected| ApiError::Invalid {
                    findings: rejected.findings,
                })?;
            Ok(ValidForm { inner })
        })
    }

    /// The warnings (a valid form has no error findings).
    #[napi(getter)]
    pub fn findings(&self) -> Vec<Finding> {
        self.inner.warnings().iter().map(Finding::from).collect()
    }

    /// Whether the facility asked for masking (docs/domain.md §6).
    #[napi(getter, js_name = "maskingRequested")]
    pub fn masking_requested(&self) -> bool {
        self.inner.masking_requested
    }

    /// The canonical JSON (interchange format v1), as `normalize` gives it.
    #[napi(ts_return_type = "Form")]
    pub fn to_json(&self) -> Value {
        self.inner.to_json_value()
    }

    /// The public view: no facility ID; the masked fields null when masking was asked.
    #[napi(ts_return_type = "PublicForm")]
    pub fn public_view(&self) -> Value {
        FormView::public(&self.inner).to_json_value()
    }

    /// The registered view: every field but the facility ID.
    #[napi(ts_return_type = "RegisteredForm")]
    pub fn registered_view(&self) -> Value {
        FormView::registered(&self.inner).to_json_value()
    }

    /// The form as `view` shows it; `counts` shows no posting: `null`.
    #[napi(
        ts_args_type = "view: View",
        ts_return_type = "Form | RegisteredForm | PublicForm | null"
    )]
    pub fn view(&self, env: Env, view: String) -> Result<Value> {
        guarded(&env, || {
            Ok(FormView::of(&self.inner, view_named(&view)?)
                .map_or(Value::Null, |v| v.to_json_value()))
        })
    }

    /// Registers the form as a posting (`registeredOn` as a clerk types a date).
    #[napi]
    pub fn register(
        &self,
        env: Env,
        posting_id: String,
        registered_on: String,
    ) -> Result<PostingObject> {
        guarded(&env, || {
            Ok(PostingObject {
                inner: api::register_valid(&self.inner, &posting_id, &registered_on)?,
            })
        })
    }
}

/// A posting held in Rust: `new PostingObject(posting)` reads an object or JSON once;
/// `ValidForm.register` makes one. Events change it in place. (`Posting` is the plain object's
/// type, as `toJson()` gives it.)
#[napi]
#[derive(Debug)]
pub struct PostingObject {
    inner: keynet::Posting,
}

#[napi]
impl PostingObject {
    #[napi(constructor, ts_args_type = "posting: PostingInput | string")]
    pub fn new(env: Env, posting: Input<'_>) -> Result<Self> {
        guarded(&env, || {
            let value = value_of(&env, posting)?;
            Ok(PostingObject {
                inner: api::read_posting(&value)?,
            })
        })
    }

    #[napi(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// `open` or `closed`.
    #[napi(getter, ts_return_type = "PostingStatus")]
    pub fn status(&self) -> &'static str {
        self.inner.status().as_str()
    }

    /// Applies one event; a `KeynetError` of kind `lifecycle` (the posting unchanged) when its
    /// state does not allow it.
    #[napi(ts_args_type = "event: LifecycleEvent | string")]
    pub fn apply(&mut self, env: Env, event: Input<'_>) -> Result<()> {
        guarded(&env, || {
            let event = api::read_event(&value_of(&env, event)?)?;
            Ok(self.inner.apply(event).map_err(ApiError::Lifecycle)?)
        })
    }

    /// Applies events in order, all or nothing: on a failure (`at`: the failing event) the
    /// posting is unchanged.
    #[napi(ts_args_type = "events: Array<LifecycleEvent> | string")]
    pub fn apply_events(&mut self, env: Env, events: Input<'_>) -> Result<()> {
        guarded(&env, || {
            let events = value_of(&env, events)?;
            Ok(api::apply_events_to(&mut self.inner, &events)?)
        })
    }

    /// The registered view for a seeker who inquired or applied; kind `disclosure` for anyone
    /// else.
    #[napi(ts_return_type = "RegisteredForm")]
    pub fn disclose(&self, env: Env, seeker_id: String) -> Result<Value> {
        guarded(&env, || {
            let view = self
                .inner
                .disclose_to(&seeker_id)
                .map_err(ApiError::Disclosure)?;
            Ok(view.to_json_value())
        })
    }

    /// The public view of the posting's form.
    #[napi(ts_return_type = "PublicForm")]
    pub fn public_view(&self) -> Value {
        FormView::public(self.inner.form()).to_json_value()
    }

    /// The posting as the plain object `new PostingObject(…)` reads.
    #[napi(ts_return_type = "Posting")]
    pub fn to_json(&self) -> Value {
        self.inner.to_json_value()
    }
}

/// Distribution rules parsed once: `new RuleSet()` is the standard set, `new RuleSet(rules)`
/// extends or overrides it.
#[napi]
#[derive(Debug)]
pub struct RuleSet {
    inner: keynet::RuleSet,
}

#[napi]
impl RuleSet {
    #[napi(constructor, ts_args_type = "rules?: RuleSetInput | string | null")]
    pub fn new(env: Env, rules: Option<Input<'_>>) -> Result<Self> {
        guarded(&env, || {
            let rules = rules.map(|r| value_of(&env, r)).transpose()?;
            Ok(RuleSet {
                inner: api::rule_set(rules.as_ref())?,
            })
        })
    }

    /// What each recipient receives of `postings` (`PostingObject`s are used as they are).
    #[napi(
        ts_args_type = "postings: Array<PostingObject | PostingInput> | string, recipients: Array<Recipient> | string",
        ts_return_type = "Array<DistributionEntry>"
    )]
    pub fn distribute(
        &self,
        env: Env,
        postings: Either<Vec<ClassInstance<'_, PostingObject>>, Input<'_>>,
        recipients: Input<'_>,
    ) -> Result<Value> {
        guarded(&env, || {
            let postings: Vec<keynet::Posting> = match postings {
                Either::A(objects) => objects.iter().map(|p| p.inner.clone()).collect(),
                Either::B(input) => api::read_postings(&value_of(&env, input)?, "postings")?,
            };
            let recipients = api::read_recipients(&value_of(&env, recipients)?)?;
            Ok(api::distribute_typed(&postings, &recipients, &self.inner)?)
        })
    }

    /// Why `posting` reaches `recipient`, or not (docs/domain.md §11).
    #[napi(
        ts_args_type = "posting: PostingObject | PostingInput | string, recipient: Recipient | string",
        ts_return_type = "Explanation"
    )]
    pub fn explain(
        &self,
        env: Env,
        posting: Either<ClassInstance<'_, PostingObject>, Input<'_>>,
        recipient: Input<'_>,
    ) -> Result<Value> {
        guarded(&env, || {
            let posting = match posting {
                Either::A(object) => object.inner.clone(),
                Either::B(input) => api::read_posting(&value_of(&env, input)?)?,
            };
            let recipient = api::read_recipient(&value_of(&env, recipient)?)?;
            Ok(api::explain_typed(&posting, &recipient, &self.inner)?)
        })
    }
}
