//! The typed entry points against the golden case table (tests/cases/): each case's arguments
//! converted to what a host holds, the typed call made, and its answer written as JSON and
//! compared with the case's `expect` — output, error kind, detail, failing event and findings.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use keynet::distribution::{Recipient, Rule};
use keynet::posting::{ClosedReason, HireRoute};
use keynet::training::TrainingPlan;
use keynet::uniffi_support::PostingRecord;
use keynet::{Form, View};

use super::*;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn operation_cases() -> Vec<(String, Value)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.iter()
        .flat_map(|dir| json_files(dir))
        .map(|file| (file.display().to_string(), read(&file)))
        .collect()
}

/// Drops every `message` / `message_ja` key, after checking it is text a person can read.
fn strip_messages(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, v)| {
                    let message = k == "message" || k == "message_ja";
                    assert!(
                        !message || v.as_str().is_some_and(|s| !s.trim().is_empty()),
                        "empty {k}"
                    );
                    !message
                })
                .map(|(k, v)| (k, strip_messages(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_messages).collect()),
        other => other,
    }
}

fn triples(findings: &[Value]) -> Vec<(String, String, String)> {
    let mut list: Vec<_> = findings
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("path"), s("code"), s("severity"))
        })
        .collect();
    list.sort();
    list
}

/// `CamelCase` → `camel_case`: a UniFFI enum case as the golden table names it.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The name of an enum value's case, from its Debug text (`AlreadyApplied { .. }`).
fn case_name<T: std::fmt::Debug>(value: &T) -> String {
    let debug = format!("{value:?}");
    let ident = debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    snake(ident)
}

/// A typed answer, or the error, as the golden table words them.
enum Answer {
    Output(Value),
    Error {
        kind: &'static str,
        detail: Option<String>,
        findings: Vec<Value>,
        at: Option<usize>,
    },
}

fn answer<T: Serialize>(result: Result<T, KeyNetError>) -> Answer {
    match result {
        Ok(value) => Answer::Output(serde_json::to_value(value).unwrap()),
        Err(e) => error_answer(e, None),
    }
}

fn error_answer(e: KeyNetError, at: Option<usize>) -> Answer {
    let (kind, detail, findings) = match e {
        KeyNetError::InvalidInput { kind, .. } => ("invalid_input", Some(case_name(&kind)), vec![]),
        KeyNetError::InvalidForm { findings, .. } => (
            "invalid",
            None,
            findings
                .iter()
                .map(|f| serde_json::to_value(f).unwrap())
                .collect(),
        ),
        KeyNetError::Lifecycle { problem, .. } => ("lifecycle", Some(case_name(&problem)), vec![]),
        KeyNetError::Disclosure { .. } => ("disclosure", None, vec![]),
        KeyNetError::Rules { .. } => ("rules", None, vec![]),
        KeyNetError::Internal { message } => panic!("internal error: {message}"),
    };
    Answer::Error {
        kind,
        detail,
        findings,
        at,
    }
}

/// Arguments a host could not even hold as typed values (the core refuses them while reading).
struct NotTyped;

fn typed<T: DeserializeOwned>(value: &Value) -> Result<T, NotTyped> {
    serde_json::from_value(value.clone()).map_err(|_| NotTyped)
}

fn form(value: &Value) -> Result<Form, NotTyped> {
    form_from_json(value.to_string()).map_err(|_| NotTyped)
}

fn posting(value: &Value) -> Result<PostingRecord, NotTyped> {
    posting_from_json(value.to_string()).map_err(|_| NotTyped)
}

fn postings(value: &Value) -> Result<Vec<PostingRecord>, NotTyped> {
    value
        .as_array()
        .ok_or(NotTyped)?
        .iter()
        .map(posting)
        .collect()
}

fn recipients(value: &Value) -> Result<Vec<Recipient>, NotTyped> {
    keynet::distribution::read_recipients(value).map_err(|_| NotTyped)
}

fn rules(value: &Value) -> Result<Vec<Rule>, NotTyped> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Object(map) if map.contains_key("rules") => typed(&value["rules"]),
        one => Ok(vec![typed(one)?]),
    }
}

fn plan(value: &Value) -> Result<TrainingPlan, NotTyped> {
    keynet::training::read_plan(value).map_err(|_| NotTyped)
}

/// An event as an app would build it: the fields its case needs, text as typed.
fn event(value: &Value) -> Result<LifecycleEvent, NotTyped> {
    let text = |key: &str| value[key].as_str().map(str::to_owned).ok_or(NotTyped);
    let (seeker_id, on) = (text("seeker_id"), text("on"));
    Ok(match value["type"].as_str().ok_or(NotTyped)? {
        "inquiry" => LifecycleEvent::Inquiry {
            seeker_id: seeker_id?,
            on: on?,
        },
        "application" => LifecycleEvent::Application {
            seeker_id: seeker_id?,
            on: on?,
        },
        "hire" => LifecycleEvent::Hire {
            seeker_id: seeker_id?,
            on: on?,
            route: typed::<Option<HireRoute>>(&value["route"])?,
        },
        "training_completed" => LifecycleEvent::TrainingCompleted {
            seeker_id: seeker_id?,
            on: on?,
            plan: plan(&value["plan"])?,
        },
        "completion_reported" => LifecycleEvent::CompletionReported {
            seeker_id: seeker_id?,
            on: on?,
        },
        "close" => LifecycleEvent::Close {
            reason: typed::<ClosedReason>(&value["reason"])?,
            on: on?,
        },
        _ => return Err(NotTyped),
    })
}

/// The typed call of an operation case; `Ok(None)` for kinds outside the typed Swift API
/// (kintone records, G-MIS accounts, bed views…), which Swift reaches through `callJson`.
fn run_typed(kind: &str, a: &Value) -> Result<Option<Answer>, NotTyped> {
    // A view of a posting has no typed entry point (a `FormDraft` is a form): the JSON runs
    // cover it.
    if kind.ends_with("view") && a["form"].get("posting_id").is_some() {
        return Ok(None);
    }
    Ok(Some(match kind {
        "view" => answer(view(form(&a["form"])?, typed(&a["view"])?)),
        "public_view" => answer(public_view(form(&a["form"])?)),
        "registered_view" => answer(registered_view(form(&a["form"])?)),
        "distribute" => {
            let (p, r, rs) = (
                postings(&a["postings"])?,
                recipients(&a["recipients"])?,
                rules(&a["rules"])?,
            );
            answer(distribute(p, r, rs))
        }
        "new_since" => {
            let (prev, cur) = (postings(&a["previous"])?, postings(&a["current"])?);
            let (r, rs) = (recipients(&a["recipients"])?, rules(&a["rules"])?);
            answer(new_since(prev, cur, r, rs))
        }
        "explain" => {
            let (p, r, rs) = (
                posting(&a["posting"])?,
                typed(&a["recipient"])?,
                rules(&a["rules"])?,
            );
            answer(explain(p, r, rs))
        }
        "count_table" => answer(count_table(postings(&a["postings"])?)),
        "assess_training" => answer(assess_training(plan(&a["plan"])?)),
        "disclose" => answer(disclose(posting(&a["posting"])?, typed(&a["seeker_id"])?)),
        "account_status" => answer(account_status(
            postings(&a["postings"])?,
            typed(&a["facility_id"])?,
            typed(&a["year"])?,
            typed(&a["month"])?,
        )),
        "duplicate_open_postings" => answer(duplicate_open_postings(postings(&a["postings"])?)),
        "apply_events" => {
            let mut p = posting(&a["posting"])?;
            for (i, e) in a["events"].as_array().ok_or(NotTyped)?.iter().enumerate() {
                // An event the app cannot build fails where it stands.
                let e = event(e).map_err(|_| NotTyped)?;
                p = match apply_event(p, e) {
                    Ok(next) => next,
                    Err(err) => return Ok(Some(error_answer(err, Some(i)))),
                };
            }
            Answer::Output(p.to_json_value())
        }
        _ => return Ok(None),
    }))
}

fn check(name: &str, expect: &Value, got: Answer) {
    match got {
        Answer::Output(output) => {
            assert!(
                expect.get("error").is_none(),
                "{name}: expected an error, got {output}"
            );
            assert_eq!(strip_messages(output), expect["output"], "{name}: output");
        }
        Answer::Error {
            kind,
            detail,
            findings,
            at,
        } => {
            let want = &expect["error"];
            assert!(want.is_object(), "{name}: unexpected {kind} error");
            assert_eq!(want["kind"], kind, "{name}: error kind");
            if let Some(d) = want.get("detail") {
                assert_eq!(Some(d.as_str().unwrap().to_owned()), detail, "{name}");
            }
            if let Some(n) = want.get("at") {
                assert_eq!(
                    n.as_u64().and_then(|n| usize::try_from(n).ok()),
                    at,
                    "{name}: failing event"
                );
            }
            if let Some(list) = want.get("findings") {
                let strip = strip_messages(Value::Array(findings));
                assert_eq!(
                    triples(strip.as_array().unwrap()),
                    triples(list.as_array().unwrap()),
                    "{name}: findings"
                );
            }
        }
    }
}

#[test]
fn typed_entry_points_give_every_case_its_expected_answer() {
    let cases = operation_cases();
    assert!(cases.len() >= 40, "only {} operation cases", cases.len());
    let (mut compared, mut refused_while_reading) = (0, 0);
    for (name, case) in &cases {
        let expect = &case["expect"];
        match run_typed(case["kind"].as_str().unwrap(), &case["args"]) {
            Ok(Some(got)) => {
                check(name, expect, got);
                compared += 1;
            }
            Ok(None) => {}
            Err(NotTyped) => {
                // Arguments a host cannot hold typed: the case must expect them refused.
                assert_eq!(
                    expect["error"]["kind"], "invalid",
                    "{name}: arguments not typed"
                );
                refused_while_reading += 1;
            }
        }
    }
    assert!(compared >= 60, "only {compared} answers compared");
    assert!(
        refused_while_reading < compared / 4,
        "{refused_while_reading} cases not typed"
    );
}

#[test]
fn typed_drafts_give_every_form_case_its_findings_and_canonical_form() {
    let (mut drafts, mut canonical) = (0, 0);
    for file in json_files(&cases_dir()) {
        let case = read(&file);
        let (name, expect) = (file.display().to_string(), &case["expect"]);
        // A draft says what the input says when the input fits a draft's types (openings "２" or
        // an unknown key do not: such input is covered through JSON).
        let Some(draft) = case.get("input").and_then(|i| typed::<FormDraft>(i).ok()) else {
            continue;
        };
        let validation = validate(draft.clone()).unwrap();
        let found: Vec<Value> = validation
            .findings
            .iter()
            .map(|f| serde_json::to_value(f).unwrap())
            .collect();
        let want = expect["findings"].as_array().unwrap();
        assert_eq!(triples(&found), triples(want), "{name}: findings");
        drafts += 1;
        match (validation.form, expect["canonical"].is_object()) {
            (Some(form), true) => {
                assert_eq!(
                    form.to_json_value(),
                    expect["canonical"],
                    "{name}: canonical"
                );
                assert_eq!(normalize(form_draft(form.clone()).unwrap()).unwrap(), form);
                canonical += 1;
            }
            (None, has) => assert!(!has, "{name}: no form, but a canonical one expected"),
            (Some(_), false) => {}
        }
    }
    assert!(drafts >= 20, "only {drafts} form cases typed as drafts");
    assert!(canonical >= 5, "only {canonical} canonical forms compared");
}

#[test]
fn every_view_of_every_case_form_is_the_core_view() {
    let mut checked = 0;
    for file in json_files(&cases_dir()) {
        let Some(form) = read(&file)["expect"]["canonical"]
            .as_object()
            .and_then(|c| form_from_json(Value::Object(c.clone()).to_string()).ok())
        else {
            continue;
        };
        for kind in [View::Internal, View::Registered, View::Public] {
            // `ViewedForm::of` refuses to differ from the core's JSON: an answer is the check.
            let viewed = view(form.clone(), kind).unwrap();
            let json = keynet::api::view(&form.to_json_value(), kind).unwrap();
            assert_eq!(serde_json::to_value(viewed).unwrap(), json);
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} views checked");
}

#[test]
fn reference_data() {
    let list = occupations();
    assert_eq!(list.len(), 11);
    assert_eq!(list[3].occupation, keynet::Occupation::Nurse);
    assert_eq!(list[3].name_ja, "看護師");
    assert_eq!(list[3].name_en, "registered nurse");
    assert_eq!(
        occupation_info(keynet::Occupation::Physician).name_ja,
        "医師"
    );
    assert_eq!(
        occupation_info(keynet::Occupation::Pharmacist).national_body_ja,
        None
    );
    assert_eq!(prefectures().len(), 47);
    assert_eq!(prefectures()[12].name, "東京都");
    assert_eq!(prefectures()[12].code, "13");
    let phone = form_field("contact.phone".into()).unwrap();
    assert_eq!(phone.label_ja, "電話番号");
    assert!(form_field("postings.0".into()).is_none());
    assert!(
        form_fields()
            .iter()
            .any(|f| f.path == "notes" && f.max_chars == Some(4000))
    );
    assert_eq!(
        facility_type_label_ja(keynet::FacilityType::PublicHealthCenter),
        "保健所"
    );
    assert_eq!(
        passive_smoking_label_ja(keynet::PassiveSmoking::None),
        "対策なし"
    );
    assert_eq!(salary_basis_label_ja(keynet::SalaryBasis::Hourly), "時給");
    assert_eq!(duty_kind_label_ja(keynet::DutyKind::Other), "その他");
    for code in keynet::Code::ALL {
        assert_eq!(finding_code_name(code), code.as_str());
    }
    assert_eq!(catalogue().len(), keynet::Code::ALL.len());
}

#[test]
fn a_panic_becomes_internal() {
    for _ in 0..2 {
        assert!(matches!(
            trigger_panic_for_tests(),
            Err(KeyNetError::Internal { .. })
        ));
    }
    assert!(matches!(
        validate_json("[]".to_owned()),
        Err(KeyNetError::InvalidInput {
            kind: InputErrorKind::NotAnObject,
            ..
        })
    ));
}

#[test]
fn lifecycle_errors_are_typed() {
    let case = read(&cases_dir().join("lifecycle/applying_twice.json"));
    let posting = posting(&case["args"]["posting"]).ok().unwrap();
    let apply = LifecycleEvent::Application {
        seeker_id: "S-9".into(),
        on: "令和2年6月10日".into(),
    };
    let once = apply_event(posting, apply.clone()).unwrap();
    assert_eq!(once.inquiries.len(), 1);
    assert_eq!(once.inquiries[0].seeker_id(), "S-9");
    match apply_event(once, apply) {
        Err(KeyNetError::Lifecycle {
            problem: LifecycleProblem::AlreadyApplied { seeker_id },
            message,
            at: None,
        }) => {
            assert_eq!(seeker_id, "S-9");
            assert!(!message.is_empty());
        }
        other => panic!("expected already_applied, got {other:?}"),
    }
}

#[test]
fn a_posting_crosses_as_its_json() {
    let case = read(&cases_dir().join("lifecycle/hire_train_report_close.json"));
    let json = keynet::Posting::from_json_value(&case["args"]["posting"])
        .unwrap()
        .to_json_value();
    let record = posting(&json).ok().unwrap();
    assert_eq!(record.to_json_value(), json);
    assert_eq!(posting_to_json(record.clone()).unwrap(), json.to_string());
    // An edited form is read again: its findings come back at `posting.form.…`.
    let mut edited = record;
    edited.form.openings = 0;
    match disclose(edited, "S-1".into()) {
        Err(KeyNetError::InvalidForm { findings, .. }) => {
            assert_eq!(findings[0].path, "posting.form.openings")
        }
        other => panic!("expected invalid_form, got {other:?}"),
    }
}

/// `PostingObject.applyEvents` on every lifecycle case: the table's answer, the failing event in
/// the error's `at`, and the posting unchanged by a sequence that fails.
#[test]
fn a_posting_object_applies_every_case_all_or_nothing() {
    let mut checked = 0;
    for (name, case) in operation_cases() {
        if case["kind"] != "apply_events" {
            continue;
        }
        let args = &case["args"];
        let object = PostingObject::from_json(args["posting"].to_string()).unwrap();
        let before = object.to_json().unwrap();
        let got = match object.apply_events_json(args["events"].to_string()) {
            Ok(()) => Answer::Output(serde_json::from_str(&object.to_json().unwrap()).unwrap()),
            Err(e) => {
                assert_eq!(object.to_json().unwrap(), before, "{name}: all or nothing");
                let at = match &e {
                    KeyNetError::InvalidForm { at, .. } | KeyNetError::Lifecycle { at, .. } => {
                        at.map(|at| usize::try_from(at).unwrap())
                    }
                    _ => None,
                };
                error_answer(e, at)
            }
        };
        check(&name, &case["expect"], got);
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} lifecycle cases");
}

#[test]
fn a_poisoned_posting_is_an_internal_error() {
    let case = read(&cases_dir().join("lifecycle/applying_twice.json"));
    let object = PostingObject::from_json(case["args"]["posting"].to_string()).unwrap();
    let shared = object.clone();
    // A panic while the posting is locked for writing: the lock is poisoned.
    let thread = std::thread::spawn(move || shared.poison_for_tests());
    assert!(thread.join().is_err());
    for answer in [object.id().map(|_| ()), object.apply_events(vec![])] {
        match answer {
            Err(KeyNetError::Internal { message }) => assert!(message.contains("unusable")),
            other => panic!("expected an internal error, got {other:?}"),
        }
    }
    let rules = RuleSet::new(vec![]).unwrap();
    assert!(matches!(
        rules.distribute(vec![object], vec![]),
        Err(KeyNetError::Internal { .. })
    ));
}
