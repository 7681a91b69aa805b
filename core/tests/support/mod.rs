//! What several integration tests share: the golden case files and the docs/domain.md §2
//! example, proptest's configuration, dates, full-width and half-width text, the municipalities
//! in force, and the floor that keeps a conditional property from passing by checking nothing.
//! A test file includes it with `mod support;` and uses what it needs.
#![allow(
    dead_code, // each test file uses a part
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::PathBuf;
use std::sync::OnceLock;

use keynet::places::{self, Municipality, MunicipalityKind};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use time::{Date, Month};

// ---------------------------------------------------------------------------------------------
// The golden case table (tests/cases/README.md)

/// `tests/cases/` of the repository.
pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

/// The cases of `tests/cases/<folder>/` (`""`: the form cases at the top), as (file stem, case),
/// sorted by name. A folder that cannot be read fails the test.
pub fn case_files(folder: &str) -> Vec<(String, Value)> {
    let dir = cases_dir().join(folder);
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let case =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_stem().unwrap().to_string_lossy().into_owned(), case)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The folders of operation cases under `tests/cases/` (views, distribution, …), sorted.
pub fn case_folders() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The docs/domain.md §2 example form: the `input` of `tests/cases/domain_example.json`.
pub fn domain_example() -> &'static Value {
    static EXAMPLE: OnceLock<Value> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let path = cases_dir().join("domain_example.json");
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let input = case["input"].clone();
        assert!(input.is_object(), "domain_example.json has no input form");
        input
    })
}

// ---------------------------------------------------------------------------------------------
// Property tests

/// `cases` cases, or `PROPTEST_CASES` when set; no regression files are written.
pub fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Asserts that at least `min_percent` % of `n` values of `strategy`, drawn from proptest's
/// fixed-seed runner, are `accepted`. A property that checks only the inputs a function accepts
/// (`if let Ok(x) = parse(..)`) passes on any input that is refused: this floor, over the same
/// strategy, shows its inputs are accepted often enough for it to check something.
pub fn assert_accepted_share<S: Strategy>(
    what: &str,
    strategy: &S,
    n: u32,
    min_percent: u32,
    mut accepted: impl FnMut(&S::Value) -> bool,
) {
    let mut runner = TestRunner::deterministic();
    let mut hits = 0u32;
    for _ in 0..n {
        let value = strategy.new_tree(&mut runner).unwrap().current();
        if accepted(&value) {
            hits += 1;
        }
    }
    assert!(
        u64::from(hits) * 100 >= u64::from(n) * u64::from(min_percent),
        "{what}: only {hits} of {n} generated inputs are accepted, at least {min_percent} % needed"
    );
}

// ---------------------------------------------------------------------------------------------
// Dates and text

pub fn ymd(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

/// The full-width form of a printable ASCII character (space → U+3000); others unchanged.
pub fn fullwidth(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap(),
        ' ' => '\u{3000}',
        _ => c,
    }
}

pub fn fullwidth_str(s: &str) -> String {
    s.chars().map(fullwidth).collect()
}

/// Full-width katakana → half-width (voiced and semi-voiced as two characters).
pub fn halfwidth_katakana(c: char) -> String {
    const FULL: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー";
    const HALF: &str = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ";
    let plain = |c: char| {
        FULL.chars()
            .position(|f| f == c)
            .and_then(|i| HALF.chars().nth(i))
    };
    if let Some(h) = plain(c) {
        return h.to_string();
    }
    let code = u32::from(c);
    if "ガギグゲゴザジズゼゾダヂヅデドバビブベボ".contains(c)
        && let Some(h) = char::from_u32(code - 1).and_then(plain)
    {
        return format!("{h}ﾞ");
    }
    if "パピプペポ".contains(c)
        && let Some(h) = char::from_u32(code - 2).and_then(plain)
    {
        return format!("{h}ﾟ");
    }
    c.to_string()
}

// ---------------------------------------------------------------------------------------------
// Places

/// The municipalities in force on every day since 2020-05-29, without the prefectures' own
/// entries: the ones a generator can pick for a workplace on any date.
pub fn municipalities_in_force() -> &'static [&'static Municipality] {
    static POOL: OnceLock<Vec<&'static Municipality>> = OnceLock::new();
    POOL.get_or_init(|| {
        places::municipalities()
            .iter()
            .filter(|m| m.kind != MunicipalityKind::Prefecture && m.always_in_force())
            .collect()
    })
}
