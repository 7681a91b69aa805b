//! Runs the golden case table of `tests/cases/` — the same files every binding runs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use keynet::{InputError, Validation};
use serde_json::Value;

fn triples(findings: &[keynet::Finding]) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                f.code.as_str().to_owned(),
                f.severity.as_str().to_owned(),
            )
        })
        .collect();
    v.sort();
    v
}

fn expected_triples(case: &Value) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = case["expect"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Checks one form case, read as JSON text (`validate_json`) and as a value (`validate_value`):
/// each read must meet the case's expectations, and both must give the same findings, messages
/// included (tests/cases/README.md). Returns what differs.
fn check(case: &Value) -> Result<(), String> {
    let (bytes, value) = match (&case["input"], &case["input_json"]) {
        (Value::Null, Value::String(raw)) => {
            (raw.as_bytes().to_vec(), serde_json::from_str(raw).ok())
        }
        (input, _) => (serde_json::to_vec(input).unwrap(), Some(input.clone())),
    };
    let as_text = keynet::validate_json(&bytes);
    check_read(case, &as_text).map_err(|e| format!("as text: {e}"))?;
    let Some(value) = value else {
        // Raw text that is no JSON value at all has no value to read.
        let expected = case["expect"]["error"].as_str();
        return match expected {
            Some("syntax" | "too_deep") => Ok(()),
            _ => Err(format!(
                "input_json is not JSON to serde_json, but the case expects {expected:?}"
            )),
        };
    };
    let as_value = keynet::validate_value(&value);
    check_read(case, &as_value).map_err(|e| format!("as a value: {e}"))?;
    match (&as_text, &as_value) {
        (Ok(text), Ok(value)) => {
            if text.findings() != value.findings() {
                return Err(format!(
                    "text and value reads differ\n  text:  {:?}\n  value: {:?}",
                    text.findings(),
                    value.findings()
                ));
            }
            if text.canonical_json() != value.canonical_json() {
                return Err("text and value reads give different canonical forms".into());
            }
        }
        (Err(text), Err(value)) if text.kind() == value.kind() => {}
        (text, value) => {
            return Err(format!(
                "text and value reads differ\n  text:  {:?}\n  value: {:?}",
                text.as_ref().map(Validation::findings),
                value.as_ref().map(Validation::findings)
            ));
        }
    }
    Ok(())
}

/// Checks one read of a form case against its expectations.
fn check_read(case: &Value, read: &Result<Validation, InputError>) -> Result<(), String> {
    let expected_error = case["expect"]["error"].as_str();
    let validation = match (read, expected_error) {
        (Err(e), Some(kind)) if e.kind() == kind => return Ok(()),
        (Err(e), _) => {
            return Err(format!(
                "input error {} ({e}), expected {expected_error:?}",
                e.kind()
            ));
        }
        (Ok(_), Some(kind)) => {
            return Err(format!("expected input error {kind}, got a validation"));
        }
        (Ok(v), None) => v,
    };
    let got = triples(validation.findings());
    let want = expected_triples(case);
    if got != want {
        return Err(format!(
            "findings differ\n  got:  {got:?}\n  want: {want:?}"
        ));
    }
    for f in validation.findings() {
        if f.message.is_empty() || f.message_ja.is_empty() {
            return Err(format!("finding without messages: {f:?}"));
        }
    }
    let has_errors = want.iter().any(|(_, _, s)| s == "error");
    match (validation.canonical_json(), has_errors) {
        (Some(_), true) => return Err("a form with errors produced a canonical form".into()),
        (None, false) => return Err("a form without errors produced no canonical form".into()),
        (Some(canonical), false) => {
            let expected = &case["expect"]["canonical"];
            if !expected.is_null() && &canonical != expected {
                return Err(format!(
                    "canonical differs\n  got:  {canonical}\n  want: {expected}"
                ));
            }
            // The canonical form re-validates to the same findings and to itself.
            let again = keynet::validate_value(&canonical).map_err(|e| e.to_string())?;
            if triples(again.findings()) != got {
                return Err(format!(
                    "canonical re-validates differently: {:?}",
                    triples(again.findings())
                ));
            }
            if again.canonical_json().as_ref() != Some(&canonical) {
                return Err("canonical form does not normalise to itself".into());
            }
        }
        (None, true) => {}
    }
    Ok(())
}

#[test]
fn golden_case_table() {
    let cases = support::case_files("");
    assert!(
        cases.len() >= 80,
        "the table must hold at least 80 cases, has {}",
        cases.len()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, case)| check(case).err().map(|e| format!("{name}: {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn nesting_limit_is_the_same_for_text_and_values() {
    let nested = |depth: usize| {
        format!(
            "{{\"notes\": {}{}}}",
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        )
    };
    for depth in [keynet::MAX_DEPTH, keynet::MAX_DEPTH + 1] {
        let text = nested(depth);
        // serde_json reads 128 levels: both depths are values too.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let from_text = keynet::validate_json(text.as_bytes())
            .err()
            .map(|e| e.kind());
        let expected = if depth > keynet::MAX_DEPTH {
            Some("too_deep")
        } else {
            None
        };
        assert_eq!(from_text, expected, "depth {depth} as text");
        assert_eq!(
            keynet::validate_value(&value).err().map(|e| e.kind()),
            expected,
            "depth {depth} as value"
        );
    }
    // A value built in memory can nest far deeper than any parser allows: refused, no overflow.
    let mut deep = serde_json::Value::Null;
    for _ in 0..100_000 {
        deep = serde_json::Value::Array(vec![deep]);
    }
    let mut map = serde_json::Map::new();
    map.insert("notes".into(), deep); // not json!(): it would serialise `deep` recursively
    let form = serde_json::Value::Object(map);
    assert_eq!(
        keynet::validate_value(&form).err().map(|e| e.kind()),
        Some("too_deep")
    );
    std::mem::forget(form); // serde_json's recursive drop would overflow the stack on 100k levels
}

#[test]
fn syntax_errors_state_their_position_once() {
    let err = keynet::validate_json(b"{\"facility\": ").unwrap_err();
    let text = err.to_string();
    assert_eq!(text.matches("line").count(), 1, "{text}");
}

// ---------------------------------------------------------------------------------------------
// Operation cases (tests/cases/<folder>/*.json): views, distribution, explain, training, lifecycle.

use keynet::api::{self, ApiError};

/// Removes every `message` / `message_ja` key, failing if one is not non-empty text.
fn strip_messages(value: &mut Value) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            for key in ["message", "message_ja"] {
                if let Some(m) = map.remove(key)
                    && m.as_str().is_none_or(str::is_empty)
                {
                    return Err(format!("empty {key} in output"));
                }
            }
            map.values_mut().try_for_each(strip_messages)
        }
        Value::Array(items) => items.iter_mut().try_for_each(strip_messages),
        _ => Ok(()),
    }
}

/// Runs one operation through `api::call`; `Err((error, at))` carries the index of the event
/// that failed (`apply_events`).
fn run_op(kind: &str, args: &Value) -> Result<Value, (ApiError, Option<usize>)> {
    api::call(kind, args).map_err(|e| {
        let at = e.to_json()["at"]
            .as_u64()
            .and_then(|i| usize::try_from(i).ok());
        (e, at)
    })
}

fn check_op(case: &Value) -> Result<(), String> {
    let kind = case["kind"].as_str().ok_or("no kind")?;
    let expect = &case["expect"];
    match (run_op(kind, &case["args"]), expect.get("error")) {
        (Ok(mut output), None) => {
            strip_messages(&mut output)?;
            if output != expect["output"] {
                return Err(format!(
                    "output differs\n  got:  {output}\n  want: {}",
                    expect["output"]
                ));
            }
        }
        (Ok(output), Some(_)) => return Err(format!("expected an error, got {output}")),
        (Err((e, at)), Some(want)) => {
            if e.kind() != want["kind"] {
                return Err(format!(
                    "error kind {} ({e}), want {}",
                    e.kind(),
                    want["kind"]
                ));
            }
            let got = e.to_json();
            if let Some(detail) = want.get("detail")
                && &got["detail"] != detail
            {
                return Err(format!("error detail {}, want {detail}", got["detail"]));
            }
            if let Some(want_at) = want.get("at")
                && at.map(|i| i as u64) != want_at.as_u64()
            {
                return Err(format!("failed at event {at:?}, want {want_at}"));
            }
            if let Some(findings) = want.get("findings") {
                let mut got_f = triples(e.findings());
                got_f.sort();
                let mut want_f =
                    expected_triples(&serde_json::json!({"expect": {"findings": findings}}));
                want_f.sort();
                if got_f != want_f {
                    return Err(format!(
                        "findings differ\n  got:  {got_f:?}\n  want: {want_f:?}"
                    ));
                }
            }
        }
        (Err((e, _)), None) => {
            return Err(format!(
                "unexpected error {}: {e} {}",
                e.kind(),
                e.to_json()
            ));
        }
    }
    Ok(())
}

#[test]
fn golden_operation_cases() {
    let cases: Vec<(String, Value)> = support::case_folders()
        .iter()
        .flat_map(|folder| {
            support::case_files(folder)
                .into_iter()
                .map(move |(name, case)| (format!("{folder}/{name}"), case))
        })
        .collect();
    assert!(cases.len() >= 40, "only {} operation cases", cases.len());
    for needed in ["views", "distribution", "explain", "training", "lifecycle"] {
        let prefix = format!("{needed}/");
        assert!(
            cases.iter().any(|(name, _)| name.starts_with(&prefix)),
            "no {needed} cases"
        );
    }
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, case)| check_op(case).err().map(|e| format!("{name}: {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} operation cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
