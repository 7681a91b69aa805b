//! Objects that hold core values, for Swift and Kotlin as for Python and Node
//! (docs/architecture.md): a validated form (`ValidForm`), a posting (`PostingObject`; the record
//! `Posting` is its plain value) and a rule set (`RuleSet`). Each is read once, when it is made —
//! from the typed record or from JSON text, by the same readers as the functions — and its
//! methods then call the core's typed API on the value it holds: no re-reading, no
//! re-validation. The functions (`publicView(form:)`, …) stay for one-off calls.
//!
//! UniFFI shares an object between threads (`Arc`): a posting's events go through a lock, held
//! for the whole of `applyEvents` so that a sequence is applied all or nothing. A lock poisoned
//! by a caught panic is an internal error from then on, never a posting half changed. Every
//! method runs inside the panic guard, like every function.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde_json::Value;

use keynet::api;
use keynet::distribution::{self, Explanation, Recipient, Rule};
use keynet::posting::Status;
use keynet::uniffi_support::PostingRecord;
use keynet::{Finding, Form, FormView, Occupation, View};

use crate::answers::{Delivery, ViewedForm, deliveries};
use crate::draft::{FormDraft, LifecycleEvent};
use crate::error::{KeyNetError, guarded};
use crate::typed::{read_posting, refusal, rule_set, to_value, valid_form};

/// A form argument given as JSON text: limited to 1 MiB, like `validateJson`.
fn form_text(json: &str) -> Result<Value, KeyNetError> {
    Ok(api::parse_json(json.as_bytes(), keynet::MAX_INPUT_BYTES)?)
}

/// A posting, events or rules given as JSON text (not limited in size, like the functions').
fn doc_text(json: &str) -> Result<Value, KeyNetError> {
    Ok(api::parse_json(json.as_bytes(), usize::MAX)?)
}

/// A form without error findings, read once: `ValidForm(form:)` from a draft,
/// `ValidForm.fromForm(form:)` from a normalised form, `ValidForm.fromJson(json:)` from JSON text
/// (`invalidForm` with every finding when it has errors). Its views and registration then read
/// nothing again.
#[derive(Debug, uniffi::Object)]
pub struct ValidForm {
    inner: keynet::ValidForm,
}

impl ValidForm {
    fn read(form: &Value) -> Result<Arc<Self>, KeyNetError> {
        Ok(Arc::new(ValidForm {
            inner: valid_form(form)?,
        }))
    }

    fn viewed(&self, kind: View) -> Result<ViewedForm, KeyNetError> {
        match FormView::of(&self.inner, kind) {
            Some(view) => ViewedForm::of(self.inner.form(), &view.to_json_value()),
            None => Err(self.refused(kind)),
        }
    }

    /// Why `kind` shows no form (`counts`), in the words of the view functions.
    fn refused(&self, kind: View) -> KeyNetError {
        refusal(api::view(&self.inner.to_json_value(), kind))
    }
}

#[uniffi::export]
impl ValidForm {
    /// Validates a draft once (as `validate(form:)` does).
    #[uniffi::constructor]
    pub fn new(form: FormDraft) -> Result<Arc<Self>, KeyNetError> {
        guarded(|| Self::read(&to_value(&form)?))
    }

    /// A normalised form (`validation.form`, `posting.form`), read again like its JSON.
    #[uniffi::constructor]
    pub fn from_form(form: Form) -> Result<Arc<Self>, KeyNetError> {
        guarded(|| Self::read(&form.to_json_value()))
    }

    /// A form from JSON text (as `normalizeJson` reads it).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, KeyNetError> {
        guarded(|| Self::read(&form_text(&json)?))
    }

    /// The warnings of the form (a valid form has no error findings), in field order.
    pub fn findings(&self) -> Result<Vec<Finding>, KeyNetError> {
        guarded(|| Ok(self.inner.warnings().to_vec()))
    }

    /// Whether the facility asked for masking (docs/domain.md §6).
    pub fn masking_requested(&self) -> Result<bool, KeyNetError> {
        guarded(|| Ok(self.inner.masking_requested))
    }

    pub fn occupation(&self) -> Result<Occupation, KeyNetError> {
        guarded(|| Ok(self.inner.occupation))
    }

    /// The normalised form, as `normalize(form:)` gives it.
    pub fn form(&self) -> Result<Form, KeyNetError> {
        guarded(|| Ok(self.inner.form().clone()))
    }

    /// The canonical JSON (interchange format v1) text, as `normalizeJson` gives it.
    pub fn to_json(&self) -> Result<String, KeyNetError> {
        guarded(|| Ok(self.inner.to_json_string()))
    }

    /// The public view (docs/domain.md §6): no facility ID; the masked fields nil when masking
    /// was requested.
    pub fn public_view(&self) -> Result<ViewedForm, KeyNetError> {
        guarded(|| self.viewed(View::Public))
    }

    /// The registered view: every field but the facility ID.
    pub fn registered_view(&self) -> Result<ViewedForm, KeyNetError> {
        guarded(|| self.viewed(View::Registered))
    }

    /// One view (`internal`, `registered`, `public`); `counts` shows no form: `invalidForm`
    /// with a finding at `view`, as `view(form:kind:)` answers.
    pub fn view(&self, kind: View) -> Result<ViewedForm, KeyNetError> {
        guarded(|| self.viewed(kind))
    }

    /// The public view as JSON text, as `publicViewJson` gives it.
    pub fn public_view_json(&self) -> Result<String, KeyNetError> {
        guarded(|| Ok(FormView::public(&self.inner).to_json_string()))
    }

    /// The registered view as JSON text, as `registeredViewJson` gives it.
    pub fn registered_view_json(&self) -> Result<String, KeyNetError> {
        guarded(|| Ok(FormView::registered(&self.inner).to_json_string()))
    }

    /// One view as JSON text, as `viewJson` gives it.
    pub fn view_json(&self, kind: View) -> Result<String, KeyNetError> {
        guarded(|| match FormView::of(&self.inner, kind) {
            Some(view) => Ok(view.to_json_string()),
            None => Err(self.refused(kind)),
        })
    }

    /// Registers the form as a new open posting (`registeredOn`: ISO or wareki date).
    pub fn register(
        &self,
        posting_id: String,
        registered_on: String,
    ) -> Result<Arc<PostingObject>, KeyNetError> {
        guarded(|| {
            let posting = api::register_valid(&self.inner, &posting_id, &registered_on)?;
            Ok(PostingObject::holding(posting))
        })
    }
}

/// A posting, read once: `PostingObject(posting:)` from the record `Posting`,
/// `PostingObject.fromJson(json:)` from its JSON (findings at `posting.…` when it does not read);
/// `ValidForm.register` makes one. Events change it in place; `toRecord()` gives the record.
#[derive(Debug, uniffi::Object)]
pub struct PostingObject {
    inner: RwLock<keynet::Posting>,
}

fn poisoned() -> KeyNetError {
    KeyNetError::internal("the posting was left unusable by an earlier internal error")
}

impl PostingObject {
    fn holding(posting: keynet::Posting) -> Arc<Self> {
        Arc::new(PostingObject {
            inner: RwLock::new(posting),
        })
    }

    fn read(&self) -> Result<RwLockReadGuard<'_, keynet::Posting>, KeyNetError> {
        self.inner.read().map_err(|_| poisoned())
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, keynet::Posting>, KeyNetError> {
        self.inner.write().map_err(|_| poisoned())
    }

    /// A copy of the posting as it is now, for the distribution functions.
    pub(crate) fn posting(&self) -> Result<keynet::Posting, KeyNetError> {
        Ok(self.read()?.clone())
    }

    /// Applies `events` (their JSON, a list) all or nothing: on a failure the error names the
    /// failing event (`at`) and the posting is as it was.
    fn apply_all(&self, events: &Value) -> Result<(), KeyNetError> {
        let mut posting = self.write()?;
        let mut next = posting.clone();
        api::apply_events_to(&mut next, events)?;
        *posting = next;
        Ok(())
    }

    fn apply_one(&self, event: &Value) -> Result<(), KeyNetError> {
        let event = api::read_event(event)?;
        // The core leaves the posting unchanged when it refuses the event.
        Ok(self.write()?.apply(event)?)
    }
}

#[uniffi::export]
impl PostingObject {
    /// A posting record, read again like its JSON (its form validated; findings at
    /// `posting.…`).
    #[uniffi::constructor]
    pub fn new(posting: PostingRecord) -> Result<Arc<Self>, KeyNetError> {
        guarded(|| Ok(Self::holding(read_posting(&posting)?)))
    }

    /// A posting from its JSON text (docs/domain.md §11, with its lifecycle fields).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, KeyNetError> {
        guarded(|| Ok(Self::holding(api::read_posting(&doc_text(&json)?)?)))
    }

    pub fn id(&self) -> Result<String, KeyNetError> {
        guarded(|| Ok(self.read()?.id().to_owned()))
    }

    /// `open` or `closed`.
    pub fn status(&self) -> Result<Status, KeyNetError> {
        guarded(|| Ok(self.read()?.status()))
    }

    /// The posting's form.
    pub fn form(&self) -> Result<Arc<ValidForm>, KeyNetError> {
        guarded(|| {
            Ok(Arc::new(ValidForm {
                inner: self.read()?.form().clone(),
            }))
        })
    }

    /// Applies one event: `lifecycle` when the posting's state does not allow it, `invalidForm`
    /// (findings at `event.…`) when it does not read; the posting is then unchanged.
    pub fn apply(&self, event: LifecycleEvent) -> Result<(), KeyNetError> {
        guarded(|| self.apply_one(&to_value(&event)?))
    }

    /// Applies events in order, all or nothing: on a failure the error (`lifecycle` or
    /// `invalidForm`) carries `at`, the index of the failing event, and the posting is unchanged.
    pub fn apply_events(&self, events: Vec<LifecycleEvent>) -> Result<(), KeyNetError> {
        guarded(|| {
            let list = events.iter().map(to_value).collect::<Result<_, _>>()?;
            self.apply_all(&Value::Array(list))
        })
    }

    /// `apply` with the event as JSON text (`{"type": "inquiry", "seeker_id": …, "on": …}`).
    pub fn apply_json(&self, event_json: String) -> Result<(), KeyNetError> {
        guarded(|| self.apply_one(&doc_text(&event_json)?))
    }

    /// `applyEvents` with the events as JSON text (a list).
    pub fn apply_events_json(&self, events_json: String) -> Result<(), KeyNetError> {
        guarded(|| self.apply_all(&doc_text(&events_json)?))
    }

    /// The full details (registered view) for a seeker who inquired or applied; a `disclosure`
    /// error otherwise.
    pub fn disclose(&self, seeker_id: String) -> Result<ViewedForm, KeyNetError> {
        guarded(|| {
            let posting = self.read()?;
            let view = posting.disclose_to(&seeker_id)?;
            ViewedForm::of(posting.form(), &view.to_json_value())
        })
    }

    /// `disclose` as JSON text, as `discloseJson` gives it.
    pub fn disclose_json(&self, seeker_id: String) -> Result<String, KeyNetError> {
        guarded(|| Ok(self.read()?.disclose_to(&seeker_id)?.to_json_string()))
    }

    /// The public view of the posting's form.
    pub fn public_view(&self) -> Result<ViewedForm, KeyNetError> {
        guarded(|| {
            let posting = self.read()?;
            let view = FormView::public(posting.form()).to_json_value();
            ViewedForm::of(posting.form(), &view)
        })
    }

    /// The public view of the posting's form as JSON text.
    pub fn public_view_json(&self) -> Result<String, KeyNetError> {
        guarded(|| Ok(FormView::public(self.read()?.form()).to_json_string()))
    }

    /// The posting as the record `Posting`, as `register(form:…)` and `applyEvent` give it.
    pub fn to_record(&self) -> Result<PostingRecord, KeyNetError> {
        guarded(|| Ok(PostingRecord::from(&*self.read()?)))
    }

    /// The posting's JSON text (docs/domain.md §11), as `postingToJson` gives it.
    pub fn to_json(&self) -> Result<String, KeyNetError> {
        guarded(|| Ok(self.read()?.to_json_value().to_string()))
    }
}

/// Distribution rules, read once: `RuleSet()` is the standard set (docs/domain.md §7,
/// `core/data/scopes.json`); `RuleSet(rules:)` adds rules or replaces standard ones by kind, as
/// the functions' `rules` argument does; `RuleSet.fromJson(json:)` reads them from JSON text
/// (`{"rules": […]}` or one rule).
#[derive(Debug, uniffi::Object)]
pub struct RuleSet {
    inner: keynet::distribution::RuleSet,
}

#[uniffi::export]
impl RuleSet {
    #[uniffi::constructor(default(rules = []))]
    pub fn new(rules: Vec<Rule>) -> Result<Arc<Self>, KeyNetError> {
        guarded(|| {
            Ok(Arc::new(RuleSet {
                inner: rule_set(&rules)?,
            }))
        })
    }

    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, KeyNetError> {
        guarded(|| {
            Ok(Arc::new(RuleSet {
                inner: api::rule_set(Some(&doc_text(&json)?))?,
            }))
        })
    }

    /// Every rule of the set.
    pub fn rules(&self) -> Result<Vec<Rule>, KeyNetError> {
        guarded(|| Ok(self.inner.rules.clone()))
    }

    /// The rule set as JSON text (`{"rules": […]}`, the shape `fromJson` reads).
    pub fn to_json(&self) -> Result<String, KeyNetError> {
        guarded(|| serde_json::to_string(&self.inner).map_err(KeyNetError::internal))
    }

    /// Who receives which open postings, in which view (docs/domain.md §7, §11), as
    /// `distribute(postings:recipients:rules:)` answers.
    pub fn distribute(
        &self,
        postings: Vec<Arc<PostingObject>>,
        recipients: Vec<Recipient>,
    ) -> Result<Vec<Delivery>, KeyNetError> {
        guarded(|| {
            let postings = postings
                .iter()
                .map(|p| p.posting())
                .collect::<Result<Vec<_>, _>>()?;
            let d = distribution::distribute(&postings, &recipients, &self.inner)
                .map_err(|e| KeyNetError::invalid(vec![e.to_finding()]))?;
            Ok(deliveries(&d))
        })
    }

    /// Why a recipient does or does not receive a posting, naming the rule.
    pub fn explain(
        &self,
        posting: Arc<PostingObject>,
        recipient: Recipient,
    ) -> Result<Explanation, KeyNetError> {
        guarded(|| {
            distribution::explain(&*posting.read()?, &recipient, &self.inner)
                .map_err(|e| KeyNetError::invalid(vec![e.to_finding()]))
        })
    }
}

#[cfg(test)]
impl PostingObject {
    /// Panics while holding the write lock, which poisons it.
    pub(crate) fn poison_for_tests(&self) {
        let _held = self.write();
        #[allow(clippy::panic)]
        {
            panic!("poisoning the posting's lock")
        }
    }
}
