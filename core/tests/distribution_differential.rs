//! Differential test of distribution (docs/domain.md §7, §11) against a deliberately naive second
//! implementation written from the spec text alone.
//!
//! The naive side knows nothing of `RuleSet`, scope keys, caches or bit masks: for each recipient
//! it loops over the postings with a hard-coded `match` on the recipient kind (which occupations,
//! nationwide or its own prefecture, which view), skips closed postings, and builds the agencies'
//! count table in a `BTreeMap` keyed by (occupation rank in the order of §3, prefecture code).
//! Its output is the §11 JSON built by hand; the core's `distribute` serialised with
//! `serde_json::to_value` must equal it exactly (values, and key order in the JSON text).
//!
//! Postings come from the seeded `SampleGenerator` (only forms that validate; a share of them with
//! the facility in another prefecture than the workplace, so the region must be the workplace's),
//! wrapped with `Posting::register` and a random share closed through the lifecycle. Recipients are
//! random lists of every standard kind (random prefectures, named agencies, duplicates allowed).
//! Every seed is fixed and printed on failure: `seed N` reproduces a case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use keynet::Prefecture;
use keynet::distribution::{self, Recipient, RecipientError, Region, RuleSet};
use keynet::lifecycle::Event;
use keynet::posting::{ClosedReason, Posting};
use keynet::sample::{Rng, SampleGenerator, SampleOptions};
use serde_json::{Map, Value, json};
use support::ymd;
use time::Duration;

// ---------------------------------------------------------------------------------------------
// The naive model, from docs/domain.md §3, §7 and §11 only

/// §3, in the order of the table: the order of count rows.
const OCCUPATION_ORDER: [&str; 11] = [
    "physician",
    "public_health_nurse",
    "midwife",
    "nurse",
    "assistant_nurse",
    "radiological_technologist",
    "clinical_laboratory_technologist",
    "clinical_engineer",
    "pharmacist",
    "paramedic",
    "clerical",
];

/// "The four nursing occupations (保健師・助産師・看護師・准看護師)".
const NURSING: [&str; 4] = ["public_health_nurse", "midwife", "nurse", "assistant_nurse"];

/// The §11 kinds; those marked `true` carry a prefecture, `private_agency` a name.
const STANDARD_KINDS: [(&str, bool); 13] = [
    ("prefecture", true),
    ("prefecture_own_email", true),
    ("mhlw", false),
    ("labour_bureau", true),
    ("women_doctors_bank", false),
    ("central_nurse_center", false),
    ("jart", false),
    ("jace", false),
    ("jamt", false),
    ("prefectural_nurse_center", true),
    ("private_agency", false),
    ("public_site", false),
    ("prefectural_medical_association", true),
];

/// The custom kind of the "scopes are data" test: a Tokyo matching desk (nurses only, own
/// prefecture, registered view), added to the rule set as JSON.
const DESK_KIND: &str = "tokyo_matching_desk";
const DESK_RULE: &str = r#"{"kind": "tokyo_matching_desk", "label_ja": "東京都 医療人材マッチング窓口",
  "view": "registered", "occupations": ["nurse"], "occupations_label": "nurses",
  "occupation_noun": "nurse", "region": "own_prefecture", "tied_to_prefecture": true,
  "source": "integrator's own desk (test)"}"#;

/// The one setting of §7: the region of the prefectural medical associations.
#[derive(Debug, Clone, Copy)]
struct Settings {
    medical_association_nationwide: bool,
}

const STANDARD: Settings = Settings {
    medical_association_nationwide: false,
};

/// A recipient kind's scope, as §7's table reads.
struct Scope {
    /// `None`: all occupations.
    occupations: Option<&'static [&'static str]>,
    own_prefecture: bool,
    view: &'static str,
}

fn naive_scope(kind: &str, settings: Settings) -> Scope {
    let scope = |occupations, own_prefecture, view| Scope {
        occupations,
        own_prefecture,
        view,
    };
    match kind {
        // (ア) prefectures, MHLW, labour bureaus: all, nationwide, every field.
        "prefecture" | "mhlw" | "labour_bureau" => scope(None, false, "internal"),
        // Seed 001 2(2): each prefecture is also e-mailed its own prefecture's postings.
        "prefecture_own_email" => scope(None, true, "internal"),
        // (イ) national bodies: their occupations, nationwide, all fields but the facility ID.
        "women_doctors_bank" => scope(Some(&["physician"]), false, "registered"),
        "central_nurse_center" => scope(Some(&NURSING), false, "registered"),
        "jart" => scope(Some(&["radiological_technologist"]), false, "registered"),
        "jace" => scope(Some(&["clinical_engineer"]), false, "registered"),
        "jamt" => scope(
            Some(&["clinical_laboratory_technologist"]),
            false,
            "registered",
        ),
        // (ウ) prefectural nurse centres: nursing, own prefecture only.
        "prefectural_nurse_center" => scope(Some(&NURSING), true, "registered"),
        // (エ) agencies: all, nationwide, a count table only.
        "private_agency" => scope(None, false, "counts"),
        "public_site" => scope(None, false, "public"),
        "prefectural_medical_association" => scope(
            Some(&["physician"]),
            !settings.medical_association_nationwide,
            "public",
        ),
        DESK_KIND => scope(Some(&["nurse"]), true, "registered"),
        other => panic!("the naive model has no kind {other:?}"),
    }
}

/// The recipients' Japanese names, as the seeds write them (docs/domain.md §12).
fn naive_label(kind: &str) -> &'static str {
    match kind {
        "prefecture" => "都道府県（都道府県調整本部を含む）",
        "prefecture_own_email" => "都道府県（当該都道府県内の募集情報の電子メール送付）",
        "mhlw" => "厚生労働本省（関係課室）",
        "labour_bureau" => "都道府県労働局（ハローワーク）",
        "women_doctors_bank" => "日本医師会 女性医師バンク",
        "central_nurse_center" => "日本看護協会 中央ナースセンター",
        "jart" => "日本診療放射線技師会",
        "jace" => "日本臨床工学技士会",
        "jamt" => "日本臨床衛生検査技師会",
        "prefectural_nurse_center" => "都道府県ナースセンター",
        "private_agency" => "民間職業紹介事業者",
        "public_site" => "医療のお仕事 Key-Net（公開サイト）",
        "prefectural_medical_association" => "都道府県医師会（日本医師会より）",
        DESK_KIND => "東京都 医療人材マッチング窓口",
        other => panic!("the naive model has no kind {other:?}"),
    }
}

fn occupation_code(p: &Posting) -> &'static str {
    p.form().form().occupation.code()
}

fn workplace_code(p: &Posting) -> String {
    p.form().form().workplace.prefecture.code()
}

/// Whether a recipient (its §11 JSON) receives a posting, and in which view.
fn naive_receives(p: &Posting, recipient: &Value, settings: Settings) -> (bool, &'static str) {
    let scope = naive_scope(recipient["kind"].as_str().unwrap(), settings);
    if !p.is_open() {
        return (false, scope.view);
    }
    let occupation = occupation_code(p);
    if let Some(list) = scope.occupations
        && !list.contains(&occupation)
    {
        return (false, scope.view);
    }
    if scope.own_prefecture && recipient["prefecture"].as_str() != Some(workplace_code(p).as_str())
    {
        return (false, scope.view);
    }
    (true, scope.view)
}

/// The count rows of some postings: non-zero only, §3 order then prefecture code.
fn naive_counts<'p>(postings: impl IntoIterator<Item = &'p Posting>) -> Value {
    let mut table: BTreeMap<(usize, String), (u64, u64)> = BTreeMap::new();
    for p in postings {
        let rank = OCCUPATION_ORDER
            .iter()
            .position(|o| *o == occupation_code(p))
            .unwrap();
        let cell = table.entry((rank, workplace_code(p))).or_insert((0, 0));
        cell.0 += 1;
        cell.1 += u64::from(p.form().form().openings);
    }
    Value::Array(
        table
            .into_iter()
            .map(|((rank, prefecture), (postings, openings))| {
                json!({"occupation": OCCUPATION_ORDER[rank], "prefecture": prefecture,
                       "postings": postings, "openings": openings})
            })
            .collect(),
    )
}

/// One recipient's share in the §11 shape.
fn naive_delivery<'p>(
    recipient: &Value,
    view: &str,
    received: impl IntoIterator<Item = &'p Posting>,
) -> Value {
    let label = naive_label(recipient["kind"].as_str().unwrap_or_default());
    if view == "counts" {
        json!({"recipient": recipient, "label_ja": label, "view": view, "counts": naive_counts(received)})
    } else {
        let ids: Vec<&str> = received.into_iter().map(Posting::id).collect();
        json!({"recipient": recipient, "label_ja": label, "view": view, "posting_ids": ids})
    }
}

/// The naive distribution: a plain loop per recipient over the postings.
fn naive_distribute(postings: &[Posting], recipients: &[Value], settings: Settings) -> Value {
    let mut out = Vec::new();
    for recipient in recipients {
        let view = naive_scope(recipient["kind"].as_str().unwrap(), settings).view;
        let mut received = Vec::new();
        for p in postings {
            if naive_receives(p, recipient, settings).0 {
                received.push(p);
            }
        }
        out.push(naive_delivery(recipient, view, received));
    }
    Value::Array(out)
}

/// What is new: "ids now received minus ids received before" (for counts, the count table of the
/// new postings).
fn naive_new_since(
    previous: &[Posting],
    current: &[Posting],
    recipients: &[Value],
    settings: Settings,
) -> Value {
    let mut out = Vec::new();
    for recipient in recipients {
        let view = naive_scope(recipient["kind"].as_str().unwrap(), settings).view;
        let before: HashSet<&str> = previous
            .iter()
            .filter(|p| naive_receives(p, recipient, settings).0)
            .map(Posting::id)
            .collect();
        let fresh: Vec<&Posting> = current
            .iter()
            .filter(|p| naive_receives(p, recipient, settings).0 && !before.contains(p.id()))
            .collect();
        out.push(naive_delivery(recipient, view, fresh));
    }
    Value::Array(out)
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// `n` open postings from the generator's seed `seed`: only forms that validate; one in eight
/// with the facility's prefecture changed (the region is the workplace's, §4).
fn generate_open_postings(seed: u64, n: usize) -> Vec<Posting> {
    let mut generator = SampleGenerator::new(SampleOptions {
        seed,
        ..SampleOptions::default()
    });
    let mut rng = Rng::new(seed ^ 0x005E_ED0F_D157);
    let mut out = Vec::with_capacity(n);
    let mut attempts = 0;
    while out.len() < n {
        attempts += 1;
        assert!(
            attempts < n * 4,
            "seed {seed}: the generator yields too few valid forms"
        );
        let mut form = generator.next_form();
        if rng.chance(0.125) {
            let other = Prefecture::from_number(u8::try_from(rng.range(1, 47)).unwrap()).unwrap();
            form["facility"]["prefecture"] = Value::from(other.code());
        }
        let Ok(valid) = keynet::validate(&form) else {
            continue;
        };
        let registered_on = ymd(2020, 5, 29) + Duration::days(rng.below(220) as i64);
        out.push(
            Posting::register(format!("P-{seed}-{:06}", out.len()), registered_on, valid).unwrap(),
        );
    }
    out
}

/// The open postings of a seed, generated once per test binary (tests share seeds; a test that
/// asks for a seed being generated waits for it).
fn open_postings(seed: u64, n: usize) -> &'static [Posting] {
    type Slot = &'static OnceLock<Vec<Posting>>;
    static CACHE: OnceLock<Mutex<HashMap<(u64, usize), Slot>>> = OnceLock::new();
    let slot: Slot = *CACHE
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap()
        .entry((seed, n))
        .or_insert_with(|| Box::leak(Box::new(OnceLock::new())));
    slot.get_or_init(|| generate_open_postings(seed, n))
}

/// Closes a random share (`share`) of the postings through the lifecycle.
fn close_some(postings: &mut [Posting], rng: &mut Rng, share: f64) {
    for p in postings.iter_mut() {
        if rng.chance(share) {
            let (reason, _, _) = ClosedReason::ALL[rng.below(4)];
            let on = p.registered_on() + Duration::days(rng.below(90) as i64);
            p.apply(Event::Close { reason, on }).unwrap();
            assert!(!p.is_open());
        }
    }
}

const AGENCIES: [&str; 7] = [
    "A社",
    "株式会社メディカルキャリア",
    "ナースパワー人材センター",
    "(株)医療人材サポート",
    "Medical Staffing KK",
    "B社",
    "A社",
];

/// A random recipient of a kind, in the §11 JSON shape (key order kind, prefecture, name).
fn recipient_json(kind: &str, tied: bool, rng: &mut Rng) -> Value {
    let mut r = Map::new();
    r.insert("kind".into(), Value::from(kind));
    if tied {
        // Tokyo and Osaka more often, so own-prefecture scopes repeat.
        let number = match rng.below(4) {
            0 => 13,
            1 => 27,
            _ => rng.range(1, 47),
        };
        r.insert("prefecture".into(), Value::from(format!("{number:02}")));
    }
    if kind == "private_agency" {
        r.insert("name".into(), Value::from(*rng.pick(&AGENCIES).unwrap()));
    }
    Value::Object(r)
}

/// A random list of recipients: every standard kind at least once, then `extra` random ones
/// (duplicates allowed), shuffled.
fn random_recipients(rng: &mut Rng, extra: usize) -> Vec<Value> {
    let mut list: Vec<Value> = STANDARD_KINDS
        .iter()
        .map(|(k, tied)| recipient_json(k, *tied, rng))
        .collect();
    for _ in 0..extra {
        let (kind, tied) = STANDARD_KINDS[rng.below(STANDARD_KINDS.len())];
        list.push(recipient_json(kind, tied, rng));
    }
    if let Some(dup) = list.get(rng.below(list.len())).cloned() {
        list.push(dup);
    }
    for i in (1..list.len()).rev() {
        list.swap(i, rng.below(i + 1));
    }
    list
}

fn read(recipients: &[Value]) -> Vec<Recipient> {
    distribution::read_recipients(&Value::Array(recipients.to_vec())).unwrap()
}

/// Equal as JSON values and as JSON text (so key order matches the §11 shape too); on failure,
/// names the seed and the first recipient that differs instead of printing megabytes.
fn assert_same(what: &str, seed: u64, core: &Value, naive: &Value) {
    let (c, n) = (core.as_array().unwrap(), naive.as_array().unwrap());
    assert_eq!(
        c.len(),
        n.len(),
        "{what}, seed {seed}: number of deliveries"
    );
    for (i, (cd, nd)) in c.iter().zip(n).enumerate() {
        let (core_text, naive_text) = (
            serde_json::to_string(cd).unwrap(),
            serde_json::to_string(nd).unwrap(),
        );
        if cd != nd || core_text != naive_text {
            let short = |v: &Value| {
                let s = v.to_string();
                if s.len() > 1500 {
                    format!("{}…", s.chars().take(1500).collect::<String>())
                } else {
                    s
                }
            };
            panic!(
                "{what}, seed {seed}: delivery {i} differs\n core:  {}\n naive: {}",
                short(cd),
                short(nd)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties

/// Postings per case.
const N: usize = 2100;

/// Seeds of the main property (8 × 2,100 = 16,800 postings); the other tests reuse some of them
/// (each seed's postings are generated once), with their own closures and recipients.
const SEEDS: [u64; 8] = [1, 2, 3, 5, 8, 13, 21, 20_200_529];

#[test]
fn distribute_equals_the_naive_table() {
    let rules = RuleSet::standard();
    // Generating is most of the time: one thread per seed, so the cores share it.
    std::thread::scope(|scope| {
        for seed in SEEDS {
            scope.spawn(move || open_postings(seed, N).len());
        }
    });
    let mut total = 0;
    for seed in SEEDS {
        let mut rng = Rng::new(seed);
        let mut postings = open_postings(seed, N).to_vec();
        let share = [0.0, 0.1, 0.3, 0.6][rng.below(4)];
        close_some(&mut postings, &mut rng, share);
        let extra = rng.range(20, 90) as usize;
        let recipients = random_recipients(&mut rng, extra);
        let core = serde_json::to_value(
            distribution::distribute(&postings, &read(&recipients), &rules).unwrap(),
        )
        .unwrap();
        let naive = naive_distribute(&postings, &recipients, STANDARD);
        assert_same("distribute", seed, &core, &naive);
        total += postings.len();
        if seed % 2 == 0 {
            continue;
        }
        // On half the seeds, the same through the standard report list (47 prefectures for each
        // tied kind: 196 recipients).
        let standard: Vec<Value> = distribution::standard_recipients(&["A社", "B社"])
            .iter()
            .map(|r| serde_json::to_value(r).unwrap())
            .collect();
        let core = serde_json::to_value(
            distribution::distribute(&postings, &read(&standard), &rules).unwrap(),
        )
        .unwrap();
        assert_same(
            "standard recipients",
            seed,
            &core,
            &naive_distribute(&postings, &standard, STANDARD),
        );
    }
    assert!(total >= 16_000, "{total} postings");
}

#[test]
fn edge_cases_equal_the_naive_table() {
    let rules = RuleSet::standard();
    let seed = 34;
    let mut rng = Rng::new(seed);
    let recipients = random_recipients(&mut rng, 30);
    let base = open_postings(seed, 300).to_vec();
    let mut all_closed = base.clone();
    close_some(&mut all_closed, &mut rng, 1.0);
    let cases: [(&str, Vec<Posting>, Vec<Value>); 4] = [
        ("no postings", Vec::new(), recipients.clone()),
        ("no recipients", base.clone(), Vec::new()),
        ("all closed", all_closed, recipients.clone()),
        ("one posting", base[..1].to_vec(), recipients.clone()),
    ];
    for (what, postings, recipients) in cases {
        let core = serde_json::to_value(
            distribution::distribute(&postings, &read(&recipients), &rules).unwrap(),
        )
        .unwrap();
        assert_same(
            what,
            seed,
            &core,
            &naive_distribute(&postings, &recipients, STANDARD),
        );
    }
    // A kind tied to a place without its prefecture, an agency without a name, an unknown kind.
    let bad = [
        (
            json!({"kind": "prefectural_nurse_center"}),
            "MissingPrefecture",
        ),
        (json!({"kind": "private_agency"}), "MissingName"),
        (
            json!({"kind": DESK_KIND, "prefecture": "13"}),
            "UnknownKind",
        ),
    ];
    for (recipient, expected) in bad {
        let list = vec![json!({"kind": "mhlw"}), recipient.clone()];
        let err = distribution::distribute(&base, &read(&list), &rules).unwrap_err();
        let ok = matches!(
            (&err, expected),
            (
                RecipientError::MissingPrefecture { index: 1, .. },
                "MissingPrefecture"
            ) | (RecipientError::MissingName { index: 1, .. }, "MissingName")
                | (RecipientError::UnknownKind { index: 1, .. }, "UnknownKind")
        );
        assert!(ok, "{recipient}: {err:?}, expected {expected}");
    }
}

#[test]
fn explain_agrees_with_membership() {
    let rules = RuleSet::standard();
    let mut pairs = 0;
    for seed in [101, 102] {
        let mut rng = Rng::new(seed);
        let mut postings = open_postings(seed, 250).to_vec();
        close_some(&mut postings, &mut rng, 0.25);
        let recipients = random_recipients(&mut rng, 28);
        let parsed = read(&recipients);
        let core =
            serde_json::to_value(distribution::distribute(&postings, &parsed, &rules).unwrap())
                .unwrap();
        let naive = naive_distribute(&postings, &recipients, STANDARD);
        assert_same("distribute (explain sample)", seed, &core, &naive);
        for ((json_r, r), delivery) in recipients.iter().zip(&parsed).zip(core.as_array().unwrap())
        {
            let ids: HashSet<&str> = delivery
                .get("posting_ids")
                .map(|ids| {
                    ids.as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            for p in &postings {
                let e = distribution::explain(p, r, &rules).unwrap();
                let (naive_received, naive_view) = naive_receives(p, json_r, STANDARD);
                let member = if naive_view == "counts" {
                    naive_received
                } else {
                    ids.contains(p.id())
                };
                let ctx = format!(
                    "seed {seed}, posting {} ({} in {}), recipient {json_r}: {e:?}",
                    p.id(),
                    occupation_code(p),
                    workplace_code(p)
                );
                assert_eq!(e.received, member, "{ctx}");
                assert_eq!(e.received, naive_received, "{ctx}");
                let view = e.view.map(|v| v.as_str());
                assert_eq!(view, e.received.then_some(naive_view), "{ctx}");
                // The answer names the rule (by recipient kind) and a reason.
                assert!(
                    e.rule
                        .starts_with(&format!("{}:", json_r["kind"].as_str().unwrap())),
                    "{ctx}"
                );
                assert!(!e.reason.trim().is_empty(), "{ctx}");
                if !p.is_open() {
                    assert!(e.reason.contains("closed"), "{ctx}");
                }
                pairs += 1;
            }
        }
    }
    assert!(pairs >= 10_000, "{pairs} pairs");
}

#[test]
fn new_since_equals_ids_now_minus_ids_before() {
    let rules = RuleSet::standard();
    for seed in [SEEDS[0], SEEDS[1]] {
        let mut rng = Rng::new(seed + 200);
        let pool = open_postings(seed, N);
        // The previous distribution saw a random ~60% of the pool, with its own closures; the
        // current one sees the whole pool (new postings included), with others closed — and a few
        // postings of the previous run that are no longer listed at all.
        let mut previous: Vec<Posting> = pool.iter().filter(|_| rng.chance(0.6)).cloned().collect();
        close_some(&mut previous, &mut rng, 0.2);
        let gone = open_postings(seed + 1000, 150);
        previous.extend(gone.iter().cloned());
        let mut current = pool.to_vec();
        close_some(&mut current, &mut rng, 0.2);
        let recipients = random_recipients(&mut rng, 40);
        let parsed = read(&recipients);
        let core = serde_json::to_value(
            distribution::new_since(&previous, &current, &parsed, &rules).unwrap(),
        )
        .unwrap();
        assert_same(
            "new_since",
            seed,
            &core,
            &naive_new_since(&previous, &current, &recipients, STANDARD),
        );
        // Nothing is new against itself; against nothing, everything is.
        let core = serde_json::to_value(
            distribution::new_since(&current, &current, &parsed, &rules).unwrap(),
        )
        .unwrap();
        assert_same(
            "new_since itself",
            seed,
            &core,
            &naive_new_since(&current, &current, &recipients, STANDARD),
        );
        let core =
            serde_json::to_value(distribution::new_since(&[], &current, &parsed, &rules).unwrap())
                .unwrap();
        assert_same(
            "new_since nothing",
            seed,
            &core,
            &naive_distribute(&current, &recipients, STANDARD),
        );
    }
}

#[test]
fn medical_association_region_setting_changes_exactly_that_recipient() {
    let standard = RuleSet::standard();
    let nationwide = RuleSet::standard()
        .with_region("prefectural_medical_association", Region::Nationwide)
        .unwrap();
    let settings = Settings {
        medical_association_nationwide: true,
    };
    for seed in [SEEDS[2], SEEDS[3]] {
        let mut rng = Rng::new(seed + 300);
        let mut postings = open_postings(seed, N).to_vec();
        close_some(&mut postings, &mut rng, 0.2);
        let mut recipients = random_recipients(&mut rng, 40);
        for p in ["13", "27", "01", "47"] {
            recipients.push(json!({"kind": "prefectural_medical_association", "prefecture": p}));
        }
        let parsed = read(&recipients);
        let before =
            serde_json::to_value(distribution::distribute(&postings, &parsed, &standard).unwrap())
                .unwrap();
        let after = serde_json::to_value(
            distribution::distribute(&postings, &parsed, &nationwide).unwrap(),
        )
        .unwrap();
        assert_same(
            "nationwide medical associations",
            seed,
            &after,
            &naive_distribute(&postings, &recipients, settings),
        );
        let mut changed = 0;
        for ((r, b), a) in recipients
            .iter()
            .zip(before.as_array().unwrap())
            .zip(after.as_array().unwrap())
        {
            if r["kind"] == "prefectural_medical_association" {
                assert_ne!(
                    b, a,
                    "seed {seed}: {r} should now receive physicians of every prefecture"
                );
                changed += 1;
            } else {
                assert_eq!(b, a, "seed {seed}: {r} must not change");
            }
        }
        assert!(changed >= 4);
        // explain follows the setting.
        let elsewhere = postings
            .iter()
            .find(|p| p.is_open() && occupation_code(p) == "physician" && workplace_code(p) != "13")
            .unwrap();
        let association = Recipient::in_prefecture(
            "prefectural_medical_association",
            Prefecture::parse("13").unwrap(),
        );
        assert!(
            !distribution::explain(elsewhere, &association, &standard)
                .unwrap()
                .received
        );
        assert!(
            distribution::explain(elsewhere, &association, &nationwide)
                .unwrap()
                .received
        );
    }
}

#[test]
fn a_custom_recipient_kind_is_served_from_data() {
    let mut rules = RuleSet::standard();
    rules.extend_from_json(DESK_RULE).unwrap();
    for seed in [SEEDS[4], SEEDS[5]] {
        let mut rng = Rng::new(seed + 400);
        let mut postings = open_postings(seed, N).to_vec();
        close_some(&mut postings, &mut rng, 0.2);
        let mut recipients = random_recipients(&mut rng, 30);
        recipients.push(json!({"kind": DESK_KIND, "prefecture": "13"}));
        recipients.insert(3, json!({"kind": DESK_KIND, "prefecture": "27"}));
        recipients.push(json!({"kind": DESK_KIND, "prefecture": "13"}));
        let parsed = read(&recipients);
        let core =
            serde_json::to_value(distribution::distribute(&postings, &parsed, &rules).unwrap())
                .unwrap();
        assert_same(
            "custom kind",
            seed,
            &core,
            &naive_distribute(&postings, &recipients, STANDARD),
        );
        let desk = core
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["recipient"]["kind"] == DESK_KIND && d["recipient"]["prefecture"] == "13")
            .unwrap();
        assert_eq!(desk["view"], "registered");
        assert!(
            !desk["posting_ids"].as_array().unwrap().is_empty(),
            "seed {seed}: no open Tokyo nurse posting to test with"
        );
        // The standard recipients are unchanged by the added rule.
        let standard_only: Vec<Value> = recipients
            .iter()
            .filter(|r| r["kind"] != DESK_KIND)
            .cloned()
            .collect();
        let with = serde_json::to_value(
            distribution::distribute(&postings, &read(&standard_only), &rules).unwrap(),
        )
        .unwrap();
        let without = serde_json::to_value(
            distribution::distribute(&postings, &read(&standard_only), &RuleSet::standard())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(with, without, "seed {seed}");
        // explain names the new rule.
        let tokyo_desk = Recipient::in_prefecture(DESK_KIND, Prefecture::parse("13").unwrap());
        for p in postings.iter().take(300) {
            let e = distribution::explain(p, &tokyo_desk, &rules).unwrap();
            let naive =
                naive_receives(p, &json!({"kind": DESK_KIND, "prefecture": "13"}), STANDARD).0;
            assert_eq!(e.received, naive, "seed {seed}, {}: {e:?}", p.id());
            assert!(e.rule.starts_with("tokyo_matching_desk:"), "{e:?}");
        }
    }
}
