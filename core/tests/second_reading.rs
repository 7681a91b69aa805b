//! The decisions of the second reading (docs/domain.md §12): hires through other routes, the
//! suspension month rule, duplicates by workplace, training deliveries, the example programme
//! and material lengths, the prefectures' own e-mail, the agencies' notice, fire HQ ID
//! applications, and the bed export's carried-down prefecture.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use keynet::lifecycle::{self, AccountStatus, Event};
use keynet::posting::HireRoute;
use keynet::{Posting, sample};
use serde_json::{Value, json};
use support::ymd;
use time::Month;

fn postings(seed: u64, n: usize) -> Vec<Posting> {
    sample::generate_postings(seed, n)
        .iter()
        .map(|v| Posting::from_json_value(v).unwrap())
        .collect()
}

/// The quadratic reference: same facility ID, occupation, municipality and (normalised) name.
fn duplicates_reference(ps: &[Posting]) -> Vec<Vec<String>> {
    let key = |p: &Posting| {
        let f = p.form();
        (
            f.facility.id.clone(),
            f.occupation,
            f.workplace.municipality_code.clone(),
            keynet::text::leak_key(
                f.workplace
                    .facility_name
                    .as_deref()
                    .unwrap_or(&f.facility.name),
            ),
        )
    };
    let mut groups: Vec<(_, Vec<String>)> = Vec::new();
    for p in ps.iter().filter(|p| p.is_open()) {
        let k = key(p);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, ids)) => ids.push(p.id().to_owned()),
            None => groups.push((k, vec![p.id().to_owned()])),
        }
    }
    groups
        .into_iter()
        .map(|(_, ids)| ids)
        .filter(|ids| ids.len() > 1)
        .collect()
}

#[test]
fn duplicates_agree_with_the_quadratic_reference() {
    for seed in [1, 7, 42] {
        let ps = postings(seed, 600);
        let fast: Vec<Vec<String>> = lifecycle::duplicate_open_postings(&ps)
            .into_iter()
            .map(|d| d.posting_ids)
            .collect();
        let slow = duplicates_reference(&ps);
        assert!(!slow.is_empty(), "the sample has re-registered postings");
        assert_eq!(fast, slow, "seed {seed}");
    }
}

#[test]
fn duplicates_scale_n_log_n() {
    // 10,000 open postings all of one facility and occupation but each at its own workplace:
    // the old quadratic scan compared 50 million pairs; a sort takes a moment.
    let base = postings(3, 1).remove(0).to_json_value();
    let many: Vec<Posting> = (0..10_000)
        .map(|i| {
            let mut v = base.clone();
            v["posting_id"] = json!(format!("P-{i}"));
            v["status"] = json!("open");
            v.as_object_mut().unwrap().remove("closed_reason");
            v.as_object_mut().unwrap().remove("closed_on");
            v["form"]["workplace"]["facility_name"] = json!(format!("分室{i}"));
            Posting::from_json_value(&v).unwrap()
        })
        .collect();
    let start = std::time::Instant::now();
    let d = lifecycle::duplicate_open_postings(&many);
    assert!(d.is_empty());
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

fn one_posting(registered: &str, status: &str, closed_on: Option<&str>) -> Value {
    let mut p = sample::generate_postings(11, 1).remove(0);
    p["registered_on"] = json!(registered);
    p["status"] = json!(status);
    p["form"]["facility"]["id"] = json!("GM13-777777");
    let obj = p.as_object_mut().unwrap();
    obj.remove("closed_reason");
    obj.remove("closed_on");
    if let Some(c) = closed_on {
        p["closed_reason"] = json!("filled");
        p["closed_on"] = json!(c);
    }
    p
}

#[test]
fn suspension_takes_effect_when_the_month_of_the_filling_ends() {
    let filled_same_month =
        Posting::from_json_value(&one_posting("2020-06-01", "closed", Some("2020-06-20"))).unwrap();
    let ps = [filled_same_month];
    let id = "GM13-777777";
    assert_eq!(
        lifecycle::account_status(&ps, id, 2020, Month::June),
        AccountStatus::Suspended
    );
    assert_eq!(
        lifecycle::account_status_on(&ps, id, ymd(2020, 6, 30)),
        AccountStatus::Active
    );
    assert_eq!(
        lifecycle::account_status_on(&ps, id, ymd(2020, 7, 1)),
        AccountStatus::Suspended
    );
    assert_eq!(
        lifecycle::account_status_on(&ps, id, ymd(2020, 5, 31)),
        AccountStatus::NoAccount
    );
    // The month's status is the day status of the first day of the next month, as long as
    // nothing is registered on that day.
    for seed in [5, 6] {
        let ps = postings(seed, 300);
        let ids: Vec<String> = ps.iter().map(|p| p.form().facility.id.clone()).collect();
        for id in ids.iter().take(60) {
            for m in 6..=11u8 {
                let next = ymd(2020, m + 1, 1);
                if ps
                    .iter()
                    .any(|p| &p.form().facility.id == id && p.registered_on() == next)
                {
                    continue;
                }
                assert_eq!(
                    lifecycle::account_status(&ps, id, 2020, Month::try_from(m).unwrap()),
                    lifecycle::account_status_on(&ps, id, next),
                    "{id} 2020-{m}"
                );
            }
        }
    }
}

#[test]
fn a_hire_without_route_is_a_key_net_hire() {
    let e = lifecycle::read_event(&json!({"type": "hire", "seeker_id": "S-1", "on": "2020-06-10"}))
        .unwrap();
    assert_eq!(
        e,
        Event::Hire {
            seeker_id: "S-1".into(),
            on: ymd(2020, 6, 10),
            route: HireRoute::KeyNet
        }
    );
    let e = lifecycle::read_event(
        &json!({"type": "hire", "seeker_id": "S-1", "on": "2020-06-10", "route": "hello_work"}),
    )
    .unwrap();
    assert!(matches!(
        e,
        Event::Hire {
            route: HireRoute::HelloWork,
            ..
        }
    ));
    let bad = lifecycle::read_event(&json!({"type": "hire", "on": "x", "route": 3})).unwrap_err();
    for f in &bad.findings {
        assert!(
            !f.message_ja.contains("seeker_id") && !f.message_ja.contains("route"),
            "{}",
            f.message_ja
        );
    }
    assert_eq!(bad.findings.len(), 3);
}

#[test]
fn posting_messages_in_japanese_name_fields_by_label() {
    let mut v = one_posting("2020-06-01", "open", None);
    v["status"] = json!("gone");
    v["registered_on"] = json!("someday");
    v["hires"] = json!([{"seeker_id": "", "hired_on": "2020-06-02", "route": "x"}]);
    let e = Posting::from_json_value(&v).unwrap_err();
    assert!(e.findings.len() >= 3);
    for f in &e.findings {
        for key in ["status", "registered_on", "seeker_id", "route", "hires"] {
            assert!(!f.message_ja.contains(key), "{}", f.message_ja);
        }
    }
}

#[test]
fn bed_export_carries_the_prefecture_down_and_checks_its_number() {
    use keynet::beds;
    use keynet::csv::Encoding;
    let text = "都道府県,都道府県番号,全国地方公共団体コード,市区町村,二次医療圏番号,二次医療圏名,医療機関コード,医療機関名,実績日,報告日時,確保病床,即応病床\r\n\
東京都 (3),13,131016,千代田区,1301,区中央部,1310170018,東京都 病院1,2022/01/05,2022/02/01 11:32,2,\r\n\
,13,131016,千代田区,1301,区中央部,,東京都 病院9,2022/01/05,2022/02/01 11:32,2,\r\n\
,14,131024,中央区,1301,区中央部,1310270751,東京都 病院16,2021/11/11,2022/02/01 11:32,1,\r\n";
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    beds::read_export(text.as_bytes(), Encoding::Utf8, |_, r| match r {
        Ok((row, _)) => rows.push(row),
        Err(f) => findings.extend(f),
    });
    assert_eq!(rows.len(), 2, "{findings:?}");
    assert!(rows.iter().all(|r| r.prefecture.code() == "13"));
    assert_eq!(rows[1].institution_code, None);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].row, 4);
    assert_eq!(findings[0].finding.path, "prefecture_number");
    assert_eq!(findings[0].column.as_deref(), Some("都道府県番号"));
    assert!(!findings[0].finding.message_ja.contains("prefecture_number"));
}
