//! Messages a Japanese reader can act on (docs/domain.md §12): fields named by their Japanese
//! labels, choices listed in the reader's language, what was typed quoted — and masked values
//! quoted only by their shape.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use keynet::Posting;
use serde_json::{Value, json};

/// The form cases of the golden table that have an input form.
fn cases() -> Vec<(String, Value)> {
    let out: Vec<(String, Value)> = support::case_files("")
        .into_iter()
        .filter_map(|(name, case)| Some((name, case.get("input")?.clone())))
        .collect();
    assert!(out.len() > 150);
    out
}

fn base() -> Value {
    support::domain_example().clone()
}

/// Whether `word` stands in `text` as a word of its own (not inside `name@example.jp`).
fn shows_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.');
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

fn findings_of(form: &Value) -> Vec<keynet::Finding> {
    keynet::validate_value(form).unwrap().into_findings()
}

#[test]
fn japanese_messages_never_show_a_json_key() {
    let keys: Vec<&str> = keynet::form::fields::FIELDS
        .iter()
        .flat_map(|f| f.path.split('.'))
        .filter(|k| k.len() > 3)
        .collect();
    let mut checked = 0;
    for (name, input) in cases() {
        for f in findings_of(&input) {
            checked += 1;
            for key in &keys {
                // Unknown keys are quoted as typed: the message is about that key.
                if f.code == keynet::Code::UnknownValue
                    && f.path.ends_with(key)
                    && !keynet::form::fields::FIELDS
                        .iter()
                        .any(|i| i.path == f.path)
                {
                    continue;
                }
                assert!(
                    !shows_word(&f.message_ja, key),
                    "{name}: {:?} shows the key {key:?}",
                    f.message_ja
                );
            }
        }
    }
    assert!(checked > 100, "only {checked} findings");
}

#[test]
fn a_choice_error_lists_the_labels_in_each_language() {
    let mut form = base();
    form["facility"]["type"] = json!("薬局");
    let f = findings_of(&form)
        .into_iter()
        .find(|f| f.path == "facility.type")
        .unwrap();
    assert!(
        f.message_ja.contains("病院")
            && f.message_ja.contains("診療所")
            && f.message_ja.contains("保健所"),
        "{}",
        f.message_ja
    );
    assert!(
        f.message_ja.contains("施設類型") && f.message_ja.contains("薬局"),
        "{}",
        f.message_ja
    );
    assert!(
        f.message.contains("hospital") && f.message.contains("public_health_center"),
        "{}",
        f.message
    );
    form["occupation"] = json!("介護福祉士");
    let f = findings_of(&form)
        .into_iter()
        .find(|f| f.path == "occupation")
        .unwrap();
    assert!(
        f.message_ja.contains("看護師") && f.message_ja.contains("事務職"),
        "{}",
        f.message_ja
    );
}

#[test]
fn number_errors_quote_the_input_and_say_range_or_format() {
    let mut form = base();
    form["openings"] = json!("若干名");
    form["salary"]["amount_yen"] = json!("-1円");
    let findings = findings_of(&form);
    let openings = findings.iter().find(|f| f.path == "openings").unwrap();
    assert_eq!(openings.code, keynet::Code::Format);
    assert!(
        openings.message_ja.contains("「若干名」") && openings.message_ja.contains("募集人数"),
        "{}",
        openings.message_ja
    );
    let amount = findings
        .iter()
        .find(|f| f.path == "salary.amount_yen")
        .unwrap();
    assert_eq!(amount.code, keynet::Code::Range);
    assert!(
        amount.message_ja.contains("「-1円」") && amount.message.contains("\"-1円\""),
        "{}",
        amount.message
    );
}

#[test]
fn masked_values_are_quoted_by_their_shape_only() {
    let mut form = base();
    form["contact"]["phone"] = json!("03-3292-OOOO");
    form["workplace"]["postal_code"] = json!("101-006");
    let findings = findings_of(&form);
    let phone = findings.iter().find(|f| f.path == "contact.phone").unwrap();
    assert!(
        phone.message_ja.contains("「##-####-****」"),
        "{}",
        phone.message_ja
    );
    assert!(!phone.message_ja.contains("3292") && !phone.message.contains("3292"));
    let postal = findings
        .iter()
        .find(|f| f.path == "workplace.postal_code")
        .unwrap();
    assert!(
        postal.message_ja.contains("「###-###」"),
        "{}",
        postal.message_ja
    );
}

#[test]
fn date_errors_name_the_field_and_the_weekdays() {
    let mut form = base();
    form["employment_period"]["start"] = json!("2020/6/1(火)");
    let f = findings_of(&form)
        .into_iter()
        .find(|f| f.path == "employment_period.start")
        .unwrap();
    assert!(
        f.message_ja.contains("火")
            && f.message_ja.contains("月曜日")
            && f.message_ja.contains("雇用期間"),
        "{}",
        f.message_ja
    );
}

#[test]
fn posting_messages_use_japanese_labels() {
    let posting = json!({"posting_id": "P-1", "registered_on": "6月頃", "status": "published", "form": base()});
    let err = Posting::from_json_value(&posting).unwrap_err();
    let status = err.findings.iter().find(|f| f.path == "status").unwrap();
    assert!(
        status.message_ja.contains("掲載状況")
            && status.message_ja.contains("公開中")
            && !status.message_ja.contains("status"),
        "{}",
        status.message_ja
    );
    let date = err
        .findings
        .iter()
        .find(|f| f.path == "registered_on")
        .unwrap();
    assert!(
        date.message_ja.contains("登録日")
            && date.message_ja.contains("6月頃")
            && !date.message_ja.contains("registered_on"),
        "{}",
        date.message_ja
    );
    // The Japanese labels are read too, as a G-MIS export writes them.
    let posting = json!({"posting_id": "P-1", "registered_on": "2020-06-01", "status": "公開中", "form": base()});
    assert!(Posting::from_json_value(&posting).is_ok());
}

#[test]
fn a_registration_date_before_registration_opened_is_a_warning() {
    let early = json!({"posting_id": "P-1", "registered_on": "2020-05-28", "status": "open", "form": base()});
    let posting = Posting::from_json_value(&early).unwrap();
    let warnings = posting.warnings();
    assert!(warnings.iter().any(|f| f.path == "registered_on"
        && f.code == keynet::Code::Range
        && f.severity == keynet::Severity::Warning));
    let opening_day = json!({"posting_id": "P-1", "registered_on": "2020-05-29", "status": "open", "form": base()});
    assert!(
        Posting::from_json_value(&opening_day)
            .unwrap()
            .warnings()
            .iter()
            .all(|f| f.path != "registered_on")
    );
}

#[test]
fn a_posting_is_checked_against_the_municipalities_of_its_registration_date() {
    let mut form = base();
    form["facility"]["prefecture"] = json!("22");
    form["workplace"] = json!({"prefecture": "22", "municipality": "浜松市中区", "postal_code": "430-0929", "street_address": "中央1-12-1"});
    // Employment starts in 2024, but the posting was registered in 2023: the 2023 list applies.
    form["employment_period"] = json!({"start": "2024-01-04", "end": "2024-03-31"});
    assert!(!keynet::validate_value(&form).unwrap().is_registrable());
    let posting =
        json!({"posting_id": "P-1", "registered_on": "2023-12-20", "status": "open", "form": form});
    assert!(Posting::from_json_value(&posting).is_ok());
}
