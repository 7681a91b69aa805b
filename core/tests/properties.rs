//! Property tests of the core's invariants (docs/domain.md §2, §5, §6).
//!
//! 1. normalisation is idempotent (text, phones, postal codes, dates, times);
//! 2. phone numbers built from the §5 shape table parse in every human rendering, and one digit
//!    too few or too many fails;
//! 3. no JSON value or byte string makes validation panic;
//! 4. the canonical JSON of a valid form re-validates to the same findings and is a fixed point;
//! 5. masked values planted in public text, in disguise, are reported as `masking_leak`.
//!
//! Case counts are small enough for a debug run of a few seconds; `PROPTEST_CASES=N` runs every
//! property with N cases instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};

use keynet::form::fields::FIELDS;
use keynet::masking::PUBLIC_TEXT_FIELDS;
use keynet::text::{self, PhoneError};
use keynet::{
    Code, DutyKind, FacilityType, Finding, InputError, OCCUPATIONS, PassiveSmoking, Prefecture,
    SalaryBasis, Severity, Validation,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value, json};
use support::{
    assert_accepted_share, config, domain_example, fullwidth, fullwidth_str, halfwidth_katakana,
    municipalities_in_force, ymd,
};
use time::Date;

// ---------------------------------------------------------------------------------------------
// Configuration and shared helpers

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn digits_of(ds: &[u8]) -> String {
    ds.iter().map(|d| char::from(b'0' + d % 10)).collect()
}

/// Runs `f`, turning a panic into a test failure that names the input.
fn no_panic<T>(what: impl Fn() -> String, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        TestCaseError::fail(format!("panic ({msg}) on {}", what()))
    })
}

type Triple = (String, Code, Severity);

fn triples(findings: &[Finding]) -> Vec<Triple> {
    findings
        .iter()
        .map(|f| (f.path.clone(), f.code, f.severity))
        .collect()
}

fn top_level_keys() -> Vec<String> {
    domain_example()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// Sets (or removes, with `None`) the value at a dotted path; does nothing when a parent is
/// missing or not an object.
fn set_path(root: &mut Value, path: &str, new: Option<Value>) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap();
    let mut cur = root;
    for p in parts {
        let Some(next) = cur.get_mut(p) else { return };
        cur = next;
    }
    if let Value::Object(map) = cur {
        match new {
            Some(v) => {
                map.insert(last.to_owned(), v);
            }
            None => {
                map.remove(last);
            }
        }
    }
}

/// Invariants every validation result keeps: messages in both languages; registrable exactly
/// when there is no error; the canonical JSON exactly when registrable.
fn check_validation(v: &Validation, input: &dyn Fn() -> String) -> Result<(), TestCaseError> {
    for f in v.findings() {
        let (msg, msg_ja) = (f.message.trim().is_empty(), f.message_ja.trim().is_empty());
        prop_assert!(
            !msg && !msg_ja,
            "finding {:?} has an empty message, input {}",
            f,
            input()
        );
    }
    let no_errors = v.findings().iter().all(|f| !f.is_error());
    let registrable = v.is_registrable();
    prop_assert_eq!(
        registrable,
        no_errors,
        "registrable ≠ no errors; findings {:?}; input {}",
        v.findings(),
        input()
    );
    let canonical = v.canonical_json().is_some();
    prop_assert_eq!(
        canonical,
        registrable,
        "canonical JSON iff registrable; input {}",
        input()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Generators: Japanese text

const DASHES: &[char] = &[
    '‐', '-', '–', '—', '―', '−', 'ー', '－', 'ｰ', '\u{2011}', '\u{2012}', '\u{2043}', '\u{FE63}',
    '\u{02D7}',
];
const JAPANESE_MISC: &[char] = &[
    '〒', '（', '）', '\u{3000}', ' ', '\t', '\n', '\r', '\u{00A0}', '\u{2028}', '\u{0085}', '＋',
    '：', '．', '＠', '、', '。', '「', '」', '①', '㈱', '㍻', '㌔', 'ｶ', 'ﾞ', 'ﾟ', '年', '月', '日',
    '時', '分', '半', '翌', '令', '和', '元', '午', '前', '後', '(', ')', '+', ':', '.', '/', '¥',
    '～', '〜', '´', '‾', 'ﬁ', 'Å', 'é',
];

fn japanese_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range('０', '９'),
        2 => prop::char::range('Ａ', 'Ｚ'),
        2 => prop::char::range('ａ', 'ｚ'),
        3 => prop::sample::select(DASHES),
        3 => prop::sample::select(JAPANESE_MISC),
        3 => prop::char::range('\u{FF61}', '\u{FF9F}'), // half-width katakana and marks
        2 => prop::char::range('\u{3041}', '\u{3096}'), // hiragana
        2 => prop::char::range('\u{30A1}', '\u{30FA}'), // katakana
        3 => prop::char::range('\u{4E00}', '\u{9FFF}'), // kanji
        1 => prop::char::range('\u{F900}', '\u{FAFF}'), // compatibility ideographs
        1 => prop::char::range('\u{3099}', '\u{309C}'), // (semi-)voiced sound marks
        1 => prop::char::range('\u{0300}', '\u{036F}'), // combining diacritics
        1 => prop::char::range('\u{1100}', '\u{11FF}'), // Hangul jamo (compose under NFKC)
        3 => prop::char::range('0', '9'),
        2 => prop::char::range('a', 'z'),
        2 => any::<char>(),
    ]
}

fn text_input() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::collection::vec(japanese_char(), 0..40).prop_map(String::from_iter),
        1 => any::<String>(),
    ]
}

// ---------------------------------------------------------------------------------------------
// Generators: phone numbers (docs/domain.md §5 shape table)

/// Prefix → number of digits, longest prefix first; any other `0[1-9]` number has 10.
const SHAPES: &[(&str, usize)] = &[
    ("0120", 10),
    ("0800", 11),
    ("0570", 10),
    ("060", 11),
    ("070", 11),
    ("080", 11),
    ("090", 11),
    ("050", 11),
    ("020", 11),
];

fn phone_digits() -> impl Strategy<Value = String> {
    let shaped = (0..SHAPES.len()).prop_flat_map(|i| {
        let (prefix, len) = SHAPES[i];
        prop::collection::vec(0u8..10, len - prefix.len())
            .prop_map(move |rest| format!("{prefix}{}", digits_of(&rest)))
    });
    let other = (1u8..10, prop::collection::vec(0u8..10, 8))
        .prop_map(|(area, rest)| format!("0{area}{}", digits_of(&rest)))
        .prop_filter("another shape of the table", |d| {
            !SHAPES.iter().any(|(p, _)| d.starts_with(p))
        });
    prop_oneof![3 => shaped, 2 => other]
}

const PHONE_SEPS: &[&str] = &[
    "-",
    "‐",
    "–",
    "—",
    "―",
    "−",
    "ー",
    "－",
    "ｰ",
    " ",
    "\u{3000}",
    "",
    ".",
    "．",
    " - ",
    "\u{3000}－\u{3000}",
];

/// How a person typed a phone number.
#[derive(Debug, Clone)]
struct PhoneStyle {
    /// `+81` form: (full-width `＋８１`, how the trunk 0 is shown).
    international: Option<(bool, u8)>,
    cuts: Vec<usize>,
    seps: Vec<&'static str>,
    /// Parentheses around the middle group (full-width or not).
    paren_middle: Option<bool>,
    widths: Vec<bool>,
    pad: (&'static str, &'static str),
}

fn phone_style() -> impl Strategy<Value = PhoneStyle> {
    let pads = prop::sample::select(vec!["", " ", "\u{3000}", "  "]);
    (
        prop::option::weighted(0.3, (any::<bool>(), 0u8..5)),
        prop::collection::vec(0usize..64, 0..4),
        prop::collection::vec(prop::sample::select(PHONE_SEPS), 4),
        prop::option::weighted(0.3, any::<bool>()),
        prop::collection::vec(prop::bool::weighted(0.3), 12),
        (pads.clone(), pads),
    )
        .prop_map(
            |(international, cuts, seps, paren_middle, widths, pad)| PhoneStyle {
                international,
                cuts,
                seps,
                paren_middle,
                widths,
                pad,
            },
        )
}

/// Renders domestic digits (`0332920000`) as typed in the style.
fn render_phone(domestic: &str, st: &PhoneStyle) -> String {
    let body = if st.international.is_some() {
        &domestic[1..]
    } else {
        domestic
    };
    let n = body.len();
    let mut cuts: Vec<usize> = st.cuts.iter().map(|c| 1 + c % (n - 1)).collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.push(n);
    let mut at = 0;
    let mut k = 0;
    let mut groups: Vec<String> = Vec::new();
    for cut in cuts {
        let group: String = body[at..cut]
            .chars()
            .map(|c| {
                k += 1;
                if st.widths[k % st.widths.len()] {
                    fullwidth(c)
                } else {
                    c
                }
            })
            .collect();
        groups.push(group);
        at = cut;
    }
    if let (Some(fw), true) = (st.paren_middle, groups.len() >= 3) {
        let (open, close) = if fw { ("（", "）") } else { ("(", ")") };
        groups[1] = format!("{open}{}{close}", groups[1]);
    }
    let mut out = String::from(st.pad.0);
    if let Some((fw, trunk)) = st.international {
        out.push_str(if fw { "＋８１" } else { "+81" });
        out.push_str(match trunk {
            0 => " ",
            1 => "",
            2 => " (0) ",
            3 => "-(0)-",
            _ => "（０）",
        });
    }
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            out.push_str(st.seps[(i - 1) % st.seps.len()]);
        }
        out.push_str(g);
    }
    out.push_str(st.pad.1);
    out
}

fn rendered_phone() -> impl Strategy<Value = (String, String)> {
    (phone_digits(), phone_style()).prop_map(|(d, st)| {
        let s = render_phone(&d, &st);
        (d, s)
    })
}

/// Strings made of what phone numbers are made of, valid or not.
fn phoneish() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        8 => prop::char::range('0', '9'),
        3 => prop::char::range('０', '９'),
        2 => prop::sample::select(DASHES),
        2 => prop::sample::select(vec![' ', '\u{3000}', '(', ')', '（', '）', '+', '＋', '.', '8', '1']),
    ];
    prop::collection::vec(c, 6..18).prop_map(String::from_iter)
}

// ---------------------------------------------------------------------------------------------
// Generators: postal codes, dates, times

#[derive(Debug, Clone)]
struct PostalStyle {
    mark: &'static str,
    dash: &'static str,
    widths: Vec<bool>,
}

fn postal_style() -> impl Strategy<Value = PostalStyle> {
    (
        prop::sample::select(vec!["", "〒", "〒 ", "〒\u{3000}", " 〒"]),
        prop::sample::select(vec!["", "-", "－", "ー", "−", "‐", "–", "—", "―", "ｰ"]),
        prop::collection::vec(any::<bool>(), 7),
    )
        .prop_map(|(mark, dash, widths)| PostalStyle { mark, dash, widths })
}

fn render_postal(digits: &str, st: &PostalStyle) -> String {
    let wide: Vec<char> = digits
        .chars()
        .zip(&st.widths)
        .map(|(c, fw)| if *fw { fullwidth(c) } else { c })
        .collect();
    let head: String = wide[..3].iter().collect();
    let tail: String = wide[3..].iter().collect();
    format!("{}{head}{}{tail}", st.mark, st.dash)
}

fn postal_digits() -> impl Strategy<Value = String> {
    prop::collection::vec(0u8..10, 7).prop_map(|d| digits_of(&d))
}

fn postalish() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        8 => prop::char::range('0', '9'),
        3 => prop::char::range('０', '９'),
        2 => prop::sample::select(DASHES),
        1 => prop::sample::select(vec!['〒', ' ', '\u{3000}']),
    ];
    prop_oneof![
        prop::collection::vec(c, 5..11).prop_map(String::from_iter),
        (postal_digits(), postal_style()).prop_map(|(d, st)| render_postal(&d, &st)),
    ]
}

fn date_between(a: Date, b: Date) -> impl Strategy<Value = Date> {
    (a.to_julian_day()..=b.to_julian_day()).prop_map(|j| Date::from_julian_day(j).unwrap())
}

/// A date as a person types it (ISO, slashes, kanji, wareki kanji / letters, weekday suffix,
/// full-width). Only for dates from 1989-01-08 on.
fn render_date(d: Date, style: u8, weekday: u8, fw: bool, lower: bool) -> String {
    let (y, m, day) = (d.year(), u8::from(d.month()), d.day());
    let (era, letter, ey) = if d >= ymd(2019, 5, 1) {
        ("令和", 'R', d.year() - 2018)
    } else {
        ("平成", 'H', d.year() - 1988)
    };
    let letter = if lower {
        letter.to_ascii_lowercase()
    } else {
        letter
    };
    let s = match style % 8 {
        0 => format!("{y:04}-{m:02}-{day:02}"),
        1 => format!("{y}/{m}/{day}"),
        2 => format!("{y}年{m}月{day}日"),
        3 if ey == 1 => format!("{era}元年{m}月{day}日"),
        3 => format!("{era}{ey}年{m}月{day}日"),
        4 => format!("{letter}{ey}.{m}.{day}"),
        5 => format!("{letter}{ey:02}/{m:02}/{day:02}"),
        6 => format!("{letter}{ey}-{m}-{day}"),
        _ => format!("{era} {ey} 年 {m} 月 {day} 日"),
    };
    let wd = ["月", "火", "水", "木", "金", "土", "日"]
        [usize::from(d.weekday().number_days_from_monday())];
    let s = match weekday % 4 {
        2 => format!("{s}({wd})"),
        3 => format!("{s}（{wd}曜日）"),
        _ => s,
    };
    if fw { fullwidth_str(&s) } else { s }
}

/// A time of day (minutes 0–1440) as typed; `next_day` adds 翌 / 翌日.
fn render_time(minutes: u16, style: u8, fw: bool, next_day: u8) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let kanji = |h: u16| match m {
        0 => format!("{h}時"),
        30 => format!("{h}時半"),
        _ => format!("{h}時{m}分"),
    };
    let s = match style % 6 {
        0 => format!("{h}:{m:02}"),
        1 => format!("{h:02}:{m:02}"),
        2 => kanji(h),
        3 => format!("{h}時{m}分"),
        4 if h < 12 => format!("午前{}", kanji(h)),
        4 if h < 24 => format!("午後{}", kanji(h - 12)),
        5 if h < 12 => format!("午前{h}:{m:02}"),
        5 if h < 24 => format!("午後{}:{m:02}", h - 12),
        _ => format!("{h:02}:{m:02}"),
    };
    let s = match next_day {
        1 => format!("翌{s}"),
        2 => format!("翌日{s}"),
        _ => s,
    };
    if fw { fullwidth_str(&s) } else { s }
}

// ---------------------------------------------------------------------------------------------
// Generators: arbitrary JSON

fn form_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = FIELDS.iter().flat_map(|f| f.path.split('.')).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(form_keys()).prop_map(str::to_owned),
        1 => text_input(),
        1 => "[a-z_.]{0,12}",
    ]
}

const DOMAIN_STRINGS: &[&str] = &[
    "",
    " ",
    "\u{3000}",
    "nurse",
    "看護師",
    "physician",
    "13",
    "１３",
    "東京",
    "Tokyo",
    "48",
    "0",
    "hospital",
    "保健所",
    "public_health_center",
    "other",
    "その他",
    "premises_no_smoking",
    "hourly",
    "月給",
    "令和2年5月29日",
    "令和元年4月30日",
    "R2.5.29",
    "H31.4.30",
    "2020-02-30",
    "2020/06-01",
    "9:00",
    "9時半",
    "翌9:00",
    "24:00",
    "翌24:00",
    "午後12時",
    "25:00",
    "03-3292-0000",
    "+81 3 3292 0000",
    "０３（３２９２）００００",
    "090-1234-567",
    "〒101-0062",
    "101-006",
    "jinji@example.jp",
    "ＪＩＮＪＩ＠ＥＸＡＭＰＬＥ．ＪＰ",
    "not an e-mail",
    "@",
    "内線215",
    "２",
    "2,500",
    "1e3",
    "-1",
    "999",
    "1000",
    "千代田区",
    "札幌市中央区",
    "北区",
    "千代田区神田駿河台4-6",
    "GM13-004217",
    "1234567890",
    "千代田中央病院",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from), // not finite → null
        2 => prop::sample::select(vec![0.0, -0.0, 0.5, 1.5, -1.0, 2.0, 999.0, 1000.0, 1e15, 1e15 - 1.0, -1e15, 1e16, 1e300, -1e300, 5e-324, 9_007_199_254_740_993.0]).prop_map(Value::from),
        2 => prop::sample::select(vec![0, -1, 1, 2, 52, 520, 521, 999, 1000, 1439, 1440, 65_535, 65_536, 99_999_999, 100_000_000, 4_294_967_296, i64::MIN, i64::MAX]).prop_map(Value::from),
        1 => Just(Value::from(u64::MAX)),
        4 => prop::sample::select(DOMAIN_STRINGS).prop_map(Value::from),
        3 => text_input().prop_map(Value::from),
    ]
}

/// Arbitrary JSON, nesting at most 5 levels.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((json_key(), inner), 0..10)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// A replacement for one field: any JSON, or text shaped like what the form's fields hold.
fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => json_value(),
        1 => phoneish().prop_map(Value::from),
        1 => postalish().prop_map(Value::from),
        1 => "[a-zA-Z0-9._+ー＠@\\-]{0,12}[@＠][a-zA-Zａ-ｚ0-9.\\-ー]{0,16}".prop_map(Value::from),
        1 => (date_between(ymd(1989, 1, 8), ymd(2099, 12, 31)), 0u8..8, 0u8..4, any::<bool>(), any::<bool>(), text_input())
            .prop_map(|(d, style, wd, fw, lower, junk)| Value::from(format!("{}{junk}", render_date(d, style, wd, fw, lower)))),
        1 => (0u16..=1440, 0u8..6, any::<bool>(), 0u8..3, prop::option::of(text_input()))
            .prop_map(|(t, style, fw, next, junk)| Value::from(format!("{}{}", render_time(t, style, fw, next), junk.unwrap_or_default()))),
        1 => (0..municipalities_in_force().len(), text_input()).prop_map(|(i, junk)| Value::from(format!("{}{junk}", municipalities_in_force()[i].name))),
    ]
}

/// Byte strings: random, JSON with edits, and deep or unbalanced nesting.
fn json_bytes() -> impl Strategy<Value = Vec<u8>> {
    let edited = (
        json_value(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 0..4),
    )
        .prop_map(|(v, edits)| {
            let mut bytes = serde_json::to_vec(&v).unwrap();
            for (at, byte, kind) in edits {
                let i = at.index(bytes.len() + 1);
                match kind {
                    0 => bytes.insert(i, byte),
                    1 if i < bytes.len() => bytes[i] = byte,
                    _ => bytes.truncate(i),
                }
            }
            bytes
        });
    let nested = (
        0usize..80,
        0usize..80,
        prop::sample::select(vec!["[", "{\"a\":", "{\"facility\":", "[\"[{\","]),
    )
        .prop_map(|(open, close, unit)| {
            let mut s = unit.repeat(open);
            s.push_str("{}");
            s.push_str(&"]".repeat(close / 2));
            s.push_str(&"}".repeat(close - close / 2));
            s.into_bytes()
        });
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..300),
        4 => edited,
        1 => nested,
        1 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Property 1: normalisation is idempotent

/// Phone-like text, phones as people type them, and any text.
fn phone_input() -> impl Strategy<Value = String> {
    prop_oneof![
        phoneish(),
        rendered_phone().prop_map(|(_, s)| s),
        text_input()
    ]
}

/// Postal-code-like text, postal codes as people type them, and any text.
fn postal_input() -> impl Strategy<Value = String> {
    prop_oneof![postalish(), text_input()]
}

/// Each idempotence property below checks only the inputs its function accepts: these floors,
/// over the same strategies, keep them from passing on inputs that are all refused.
#[test]
fn idempotence_properties_see_enough_accepted_inputs() {
    assert_accepted_share("clean_line", &text_input(), 1000, 90, |s| {
        text::clean_line(s).is_some()
    });
    assert_accepted_share("clean_free_text", &text_input(), 1000, 90, |s| {
        text::clean_free_text(s).is_some()
    });
    assert_accepted_share("parse_phone", &phone_input(), 1000, 25, |s| {
        text::parse_phone(s).is_ok()
    });
    assert_accepted_share("parse_postal_code", &postal_input(), 1000, 18, |s| {
        text::parse_postal_code(s).is_some()
    });
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn clean_line_is_idempotent(s in text_input()) {
        if let Some(once) = text::clean_line(&s) {
            let twice = text::clean_line(&once);
            prop_assert_eq!(twice.as_deref(), Some(once.as_str()), "input {:?}", s);
        }
    }

    #[test]
    fn clean_free_text_is_idempotent(s in text_input()) {
        if let Some(once) = text::clean_free_text(&s) {
            let twice = text::clean_free_text(&once);
            prop_assert_eq!(twice.as_deref(), Some(once.as_str()), "input {:?}", s);
        }
    }

    #[test]
    fn parse_phone_is_idempotent(s in phone_input()) {
        if let Ok(p) = text::parse_phone(&s) {
            let again = text::parse_phone(p.as_str());
            let again = again.map(|q| (q.as_str().to_owned(), q.digits().to_owned()));
            let once = (p.as_str().to_owned(), p.digits().to_owned());
            prop_assert_eq!(again, Ok(once), "input {:?}", s);
        }
    }

    #[test]
    fn parse_postal_code_is_idempotent(s in postal_input()) {
        if let Some(p) = text::parse_postal_code(&s) {
            let again = text::parse_postal_code(p.as_str()).map(|q| (q.as_str().to_owned(), q.digits()));
            let once = (p.as_str().to_owned(), p.digits());
            prop_assert_eq!(again, Some(once), "input {:?}", s);
        }
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn dates_read_back_from_iso_and_wareki(d in date_between(ymd(1989, 1, 8), ymd(2099, 12, 31))) {
        let iso = text::iso_date(d);
        let from_iso = text::parse_date(&iso);
        prop_assert_eq!(from_iso, Ok(d), "{}", iso);
        let wareki = text::to_wareki(d);
        let from_wareki = text::parse_date(&wareki);
        prop_assert_eq!(from_wareki, Ok(d), "{}", wareki);
    }

    #[test]
    fn dates_read_back_as_people_type_them(
        d in date_between(ymd(1989, 1, 8), ymd(2099, 12, 31)),
        style in 0u8..8, weekday in 0u8..4, fw in any::<bool>(), lower in any::<bool>(),
    ) {
        let typed = render_date(d, style, weekday, fw, lower);
        let read = text::parse_date(&typed);
        prop_assert_eq!(read, Ok(d), "{:?}", typed);
    }

    #[test]
    fn canonical_times_read_back(t in prop_oneof![20 => 0u16..1440, 1 => Just(1440u16)]) {
        let canonical = format!("{:02}:{:02}", t / 60, t % 60);
        let read = text::parse_time(&canonical);
        prop_assert!(read.is_some(), "{} not read", canonical);
        let read = read.unwrap();
        prop_assert!(!read.next_day);
        prop_assert_eq!(read.time.minutes(), t);
        prop_assert_eq!(read.time.to_string(), canonical);
    }

    #[test]
    fn times_read_as_people_type_them(
        t in 0u16..=1440, style in 0u8..6, fw in any::<bool>(), next in 0u8..3,
    ) {
        let typed = render_time(t, style, fw, next);
        let read = text::parse_time(&typed).map(|r| (r.time.minutes(), r.next_day));
        prop_assert_eq!(read, Some((t, next != 0)), "{:?}", typed);
    }
}

// ---------------------------------------------------------------------------------------------
// Property 2: phones from the shape table

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn generated_phones_parse((digits, typed) in rendered_phone()) {
        let parsed = text::parse_phone(&typed).map(|p| (p.digits().to_owned(), p.as_str().to_owned()));
        prop_assert!(parsed.is_ok(), "{:?} ({}) → {:?}", typed, digits, parsed);
        let (got, display) = parsed.unwrap();
        prop_assert_eq!(&got, &digits, "{:?}", typed);
        let display_digits: String = display.chars().filter(|&c| c != '-').collect();
        prop_assert_eq!(&display_digits, &digits, "display {:?} of {:?}", display, typed);
        let starts_ok = display.starts_with('0') && !display.ends_with('-') && !display.contains("--");
        prop_assert!(starts_ok, "display {:?} of {:?}", display, typed);
    }

    #[test]
    fn phones_one_digit_off_fail(
        digits in phone_digits(), style in phone_style(), at in any::<prop::sample::Index>(),
        extra in 0u8..10, longer in any::<bool>(),
    ) {
        // Edit after the first four digits, so the prefix (and the length it needs) stays.
        let mut wrong = digits.clone();
        if longer {
            wrong.insert(4 + at.index(wrong.len() - 3), char::from(b'0' + extra));
        } else {
            wrong.remove(4 + at.index(wrong.len() - 4));
        }
        // 060 has 10 digits too (personal numbers, as libphonenumber's metadata has it).
        prop_assume!(!(wrong.starts_with("060") && wrong.len() == 10));
        let typed = render_phone(&wrong, &style);
        let parsed = text::parse_phone(&typed).map(|p| p.digits().to_owned());
        let expected = Err(PhoneError::Length { expected: digits.len(), found: wrong.len() });
        prop_assert_eq!(parsed, expected, "{:?}", typed);
    }
}

// ---------------------------------------------------------------------------------------------
// Property 3: no JSON makes validation panic

/// `arbitrary_bytes_never_panic` checks a validation's invariants only on bytes that are a JSON
/// object: this floor keeps that check from running on next to nothing.
#[test]
fn arbitrary_bytes_are_often_a_form() {
    assert_accepted_share("validate_json", &json_bytes(), 1000, 7, |b| {
        keynet::validate_json(b).is_ok()
    });
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn arbitrary_json_values_never_panic(v in json_value()) {
        let show = || v.to_string();
        let result = no_panic(show, || keynet::validate_value(&v))?;
        match result {
            Ok(validation) => {
                check_validation(&validation, &show)?;
                // The byte path reads the same.
                let bytes = serde_json::to_vec(&v).unwrap();
                let via_bytes = no_panic(show, || keynet::validate_json(&bytes))?;
                prop_assert!(via_bytes.is_ok(), "validate_json refused {}: {:?}", show(), via_bytes.err());
                let (a, b) = (triples(validation.findings()), triples(via_bytes.unwrap().findings()));
                prop_assert_eq!(a, b, "value and byte paths differ on {}", show());
            }
            Err(e) => {
                let is_object = v.is_object();
                prop_assert!(!is_object, "an object was refused ({:?}): {}", e, show());
                prop_assert!(matches!(e, InputError::NotAnObject { .. }), "{:?}", e);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in json_bytes()) {
        let show = || format!("{:?}", String::from_utf8_lossy(&bytes));
        let result = no_panic(show, || keynet::validate_json(&bytes))?;
        if let Ok(validation) = result {
            check_validation(&validation, &show)?;
        }
    }

    #[test]
    fn mutated_example_never_panics(
        edits in prop::collection::vec(
            (prop::sample::select(FIELDS.iter().map(|f| f.path).collect::<Vec<_>>()), prop::option::weighted(0.9, field_value())),
            1..=3,
        ),
    ) {
        let mut form = domain_example().clone();
        for (path, value) in &edits {
            set_path(&mut form, path, value.clone());
        }
        let show = || form.to_string();
        let result = no_panic(show, || keynet::validate_value(&form))?;
        prop_assert!(result.is_ok(), "an object was refused: {}", show());
        let validation = result.unwrap();
        check_validation(&validation, &show)?;
        let top = top_level_keys();
        for f in validation.findings() {
            let head = f.path.split('.').next().unwrap_or("");
            let ok = f.path.is_empty() || top.iter().any(|k| k.as_str() == head);
            prop_assert!(ok, "finding path {:?} outside the form; input {}", f.path, show());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Property 4: the canonical JSON re-validates to the same findings

fn render_prefecture(p: Prefecture, style: u8) -> Value {
    match style % 7 {
        0 => json!(p.code()),
        1 => json!(p.number()),
        2 => json!(p.name()),
        3 => json!(p.short_name()),
        4 => json!(p.romaji()),
        5 => json!(fullwidth_str(&p.code())),
        _ => json!(p.romaji().to_uppercase()),
    }
}

/// Public text without digits, Latin letters or any of the form's masked values.
const PHRASES: &[&str] = &[
    "発熱外来の応援をお願いします",
    "夜勤あり",
    "土日祝休み",
    "シフト制",
    "交通費支給",
    "制服貸与",
    "未経験可",
    "ブランク可",
    "（要相談）",
    "詳細は面接時にお伝えします",
    "看護業務全般",
    "検体採取",
    "電話対応",
    "労災保険のほか団体保険",
    "ナースバンク",
    "敷地外に喫煙所",
    "内科",
    "週休二日",
];

fn public_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PHRASES), 1..4),
        prop::sample::select(vec!["", "\n", "\r\n", "\u{3000}", "、", " "]),
        prop::collection::vec(prop::char::range('\u{3041}', '\u{3093}'), 0..8),
    )
        .prop_map(|(parts, sep, kana)| {
            format!(
                "{}{sep}{}",
                parts.join(sep),
                kana.into_iter().collect::<String>()
            )
        })
}

fn email() -> impl Strategy<Value = String> {
    (
        "[a-z][a-z0-9]{2,9}",
        "[a-z]{3,8}",
        prop::sample::select(vec!["jp", "co.jp", "or.jp", "ac.jp", "com"]),
    )
        .prop_map(|(local, host, tld)| format!("{local}@{host}.{tld}"))
}

/// What a valid form was generated from, to compare the canonical JSON with.
#[derive(Debug, Clone)]
struct Expected {
    occupation: &'static str,
    openings: u16,
    prefecture: String,
    municipality: String,
    start: String,
    end: String,
    start_time: String,
    end_time: String,
    phone: String,
}

#[derive(Debug, Clone)]
struct Dates {
    start: Date,
    end: Date,
    start_typed: String,
    end_typed: String,
    trial_weeks: Option<u16>,
    trial_amount: Option<u32>,
}

fn dates() -> impl Strategy<Value = Dates> {
    (
        date_between(ymd(2015, 1, 1), ymd(2035, 12, 31)),
        0i64..500,
        (0u8..8, 0u8..4, any::<bool>(), any::<bool>()),
        (0u8..8, 0u8..4, any::<bool>(), any::<bool>()),
        prop::option::of(any::<prop::sample::Index>()),
        prop::option::of(1u32..100_000),
    )
        .prop_map(|(start, len, s, e, trial, trial_amount)| {
            let end = start + time::Duration::days(len);
            let days = len + 1;
            let trial_weeks = trial
                .filter(|_| days >= 7)
                .map(|i| 1 + u16::try_from(i.index(usize::try_from(days / 7).unwrap())).unwrap());
            Dates {
                start,
                end,
                start_typed: render_date(start, s.0, s.1, s.2, s.3),
                end_typed: render_date(end, e.0, e.1, e.2, e.3),
                trial_weeks,
                trial_amount: trial_amount.filter(|_| trial_weeks.is_some()),
            }
        })
}

#[derive(Debug, Clone)]
struct Hours {
    start: u16,
    end: u16,
    start_typed: String,
    end_typed: String,
    break_minutes: u16,
}

fn hours() -> impl Strategy<Value = Hours> {
    (
        0u16..1440,
        prop_oneof![20 => 0u16..1440, 1 => Just(1440u16)],
        (0u8..6, any::<bool>()),
        (0u8..6, any::<bool>(), 0u8..3),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(start, end, s, e, brk)| {
            let shift = if end > start {
                end - start
            } else {
                1440 - start + end
            };
            // 翌 only where the end falls on the next day (and never 翌24:00).
            let next = if end <= start && end != 1440 { e.2 } else { 0 };
            Hours {
                start,
                end,
                start_typed: render_time(start, s.0, s.1, 0),
                end_typed: render_time(end, e.0, e.1, next),
                break_minutes: u16::try_from(brk.index(usize::from(shift))).unwrap(),
            }
        })
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A number as a form tool may send it: JSON number, digits, full-width digits, with commas.
fn render_integer(n: u32, style: u8) -> Value {
    let with_commas = {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    match style % 4 {
        0 => json!(n),
        1 => json!(n.to_string()),
        2 => json!(fullwidth_str(&n.to_string())),
        _ => json!(with_commas),
    }
}

prop_compose! {
    fn choices()(
        occupation in (0usize..OCCUPATIONS.len(), any::<bool>()),
        openings in (1u16..=999, 0u8..4),
        facility_type in (0usize..FacilityType::ALL.len(), any::<bool>()),
        kinds in (prop::collection::vec(any::<bool>(), 5), any::<bool>(), prop::option::of(0usize..5)),
        basis in (0usize..SalaryBasis::ALL.len(), any::<bool>()),
        amount in (1u32..=99_999_999, 0u8..4),
        smoking in (0usize..PassiveSmoking::ALL.len(), any::<bool>()),
        bools in prop::collection::vec(any::<bool>(), 8),
    ) -> Value {
        let (o, ja) = occupation;
        let info = &OCCUPATIONS[o];
        let (t, t_ja) = facility_type;
        let (kind_flags, kinds_ja, repeat) = kinds;
        let mut kind_values: Vec<Value> = DutyKind::ALL
            .iter()
            .zip(&kind_flags)
            .filter(|(_, on)| **on)
            .map(|((_, code, label), _)| json!(if kinds_ja { *label } else { *code }))
            .collect();
        if kind_values.is_empty() {
            kind_values.push(json!(DutyKind::ALL[0].1));
        }
        if let Some(r) = repeat {
            let again = kind_values[r % kind_values.len()].clone();
            kind_values.push(again);
        }
        let (b, b_ja) = basis;
        let (s, s_ja) = smoking;
        json!({
            "occupation": if ja { info.name_ja } else { info.code },
            "openings": render_integer(u32::from(openings.0), openings.1),
            "facility.type": if t_ja { FacilityType::ALL[t].2 } else { FacilityType::ALL[t].1 },
            "duties.kinds": kind_values,
            "other_chosen": kind_flags[4],
            "salary.basis": if b_ja { SalaryBasis::ALL[b].2 } else { SalaryBasis::ALL[b].1 },
            "salary.amount_yen": render_integer(amount.0, amount.1),
            "passive_smoking": if s_ja { PassiveSmoking::ALL[s].2 } else { PassiveSmoking::ALL[s].1 },
            "smoking_other": PassiveSmoking::ALL[s].0 == PassiveSmoking::Other,
            "bools": bools,
            "occupation_code": info.code,
            "openings_n": openings.0,
            "public_health_center": FacilityType::ALL[t].0 == FacilityType::PublicHealthCenter,
        })
    }
}

prop_compose! {
    fn valid_form()(
        masking in prop::option::weighted(0.9, any::<bool>()),
        c in choices(),
        place in (0..municipalities_in_force().len(), 0u8..7, prop::bool::weighted(0.2), prop::option::weighted(0.2, (1u8..=47, 0u8..7))),
        postal in (prop::option::of(postal_digits()), postal_style()),
        dates in dates(),
        hours in hours(),
        phones in ((phone_digits(), phone_style()), prop::option::of(rendered_phone()), prop::option::of(rendered_phone())),
        contact in (email(), 0u8..3, prop::option::of(prop::sample::select(vec!["215", "内線215", "２１５", "内線 ３０"])), prop::option::weighted(0.2, Just(215u32))),
        texts in prop::collection::vec(prop::option::of(public_text()), 7),
        facility_id in prop::option::of((1u32..=47, 0u32..1_000_000)),
    ) -> (Value, Expected) {
        let mut form = domain_example().clone();
        let bools: Vec<bool> = serde_json::from_value(c["bools"].clone()).unwrap();
        set_path(&mut form, "masking_requested", masking.map(Value::Bool));
        if let Some((p, n)) = facility_id {
            set_path(&mut form, "facility.id", Some(json!(format!("GM{p:02}-{n:06}"))));
        }
        for key in ["occupation", "openings", "facility.type", "duties.kinds", "salary.basis", "salary.amount_yen", "passive_smoking"] {
            set_path(&mut form, key, Some(c[key].clone()));
        }

        // ③ the workplace: a real municipality of the prefecture, named in some way.
        let (i, pref_style, with_prefix, facility_pref) = place;
        let m = municipalities_in_force()[i];
        set_path(&mut form, "workplace.prefecture", Some(render_prefecture(m.prefecture, pref_style)));
        let municipality = if with_prefix { format!("{}{}", m.prefecture.name(), m.name) } else { m.name.clone() };
        set_path(&mut form, "workplace.municipality", Some(json!(municipality)));
        let facility_pref = facility_pref.map_or(m.prefecture, |(n, _)| Prefecture::from_number(n).unwrap());
        let facility_style = facility_pref_style(&place);
        set_path(&mut form, "facility.prefecture", Some(render_prefecture(facility_pref, facility_style)));
        let (postal, postal_st) = postal;
        let postal = match (postal, c["public_health_center"].as_bool().unwrap()) {
            (None, true) => Some("1010062".to_owned()),
            (p, _) => p,
        };
        set_path(&mut form, "workplace.postal_code", Some(postal.map_or(Value::Null, |d| json!(render_postal(&d, &postal_st)))));

        // ④ ⑤ dates, trial period
        set_path(&mut form, "employment_period.start", Some(json!(dates.start_typed)));
        set_path(&mut form, "employment_period.end", Some(json!(dates.end_typed)));
        set_path(&mut form, "trial_period_weeks", Some(dates.trial_weeks.map_or(Value::Null, |w| json!(w))));
        set_path(&mut form, "salary.trial_amount_yen", Some(dates.trial_amount.map_or(Value::Null, |a| json!(a))));

        // ⑥ ⑧ ⑨ ⑩ ⑪ ⑬ public text, each where it is allowed
        let other_chosen = c["other_chosen"].as_bool().unwrap();
        let smoking_other = c["smoking_other"].as_bool().unwrap();
        let text = |k: usize| texts[k].clone().map_or(Value::Null, Value::from);
        let required_text = |k: usize| json!(texts[k].clone().unwrap_or_else(|| PHRASES[k].to_owned()));
        set_path(&mut form, "duties.other_detail", Some(if other_chosen { required_text(0) } else { Value::Null }));
        set_path(&mut form, "duties.specifics", Some(text(1)));
        set_path(&mut form, "working_hours.holidays", Some(text(2)));
        set_path(&mut form, "insurance.other", Some(text(3)));
        set_path(&mut form, "existing_listings.other", Some(text(4)));
        set_path(&mut form, "passive_smoking_detail", Some(if smoking_other { required_text(5) } else { Value::Null }));
        set_path(&mut form, "notes", Some(text(6)));

        set_path(&mut form, "working_hours.start", Some(json!(hours.start_typed)));
        set_path(&mut form, "working_hours.end", Some(json!(hours.end_typed)));
        set_path(&mut form, "working_hours.break_minutes", Some(render_integer(u32::from(hours.break_minutes), bools[0].into())));
        set_path(&mut form, "working_hours.overtime", Some(json!(bools[1])));
        for (k, key) in ["insurance.employment", "insurance.workers_accident", "insurance.health", "insurance.pension", "existing_listings.hello_work", "existing_listings.nurse_center"].iter().enumerate() {
            set_path(&mut form, key, Some(json!(bools[k + 2])));
        }

        // ⑫ contact
        let ((phone, phone_st), application_phone, fax) = phones;
        set_path(&mut form, "contact.phone", Some(json!(render_phone(&phone, &phone_st))));
        set_path(&mut form, "contact.application_phone", Some(application_phone.map_or(Value::Null, |(_, s)| json!(s))));
        set_path(&mut form, "contact.fax", Some(fax.map_or(Value::Null, |(_, s)| json!(s))));
        let (mail, mail_style, extension, numeric_extension) = contact;
        let mail = match mail_style {
            0 => mail,
            1 => fullwidth_str(&mail),
            _ => {
                let (local, domain) = mail.split_once('@').unwrap();
                format!("{local}@{}", domain.to_uppercase())
            }
        };
        set_path(&mut form, "contact.email", Some(json!(mail)));
        let extension = match (numeric_extension, extension) {
            (Some(n), _) => json!(n),
            (None, e) => e.map_or(Value::Null, Value::from),
        };
        set_path(&mut form, "contact.extension", Some(extension));

        let expected = Expected {
            occupation: OCCUPATIONS.iter().find(|o| o.code == c["occupation_code"]).unwrap().code,
            openings: u16::try_from(c["openings_n"].as_u64().unwrap()).unwrap(),
            prefecture: m.prefecture.code(),
            municipality: m.name.clone(),
            start: iso(dates.start),
            end: iso(dates.end),
            start_time: hhmm(hours.start),
            end_time: hhmm(hours.end),
            phone,
        };
        (form, expected)
    }
}

fn facility_pref_style(place: &(usize, u8, bool, Option<(u8, u8)>)) -> u8 {
    place.3.map_or(place.1.wrapping_add(3), |(_, s)| s)
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn canonical_json_is_a_fixed_point((form, expected) in valid_form()) {
        let show = || form.to_string();
        let first = no_panic(show, || keynet::validate_value(&form))?.unwrap();
        check_validation(&first, &show)?;
        let registrable = first.is_registrable();
        prop_assert!(registrable, "a valid form was refused: {:?}\ninput {}", triples(first.findings()), show());
        let canonical = first.canonical_json().unwrap();

        // The canonical JSON says what was typed.
        let c = &canonical;
        prop_assert_eq!(c["occupation"].as_str(), Some(expected.occupation));
        prop_assert_eq!(c["openings"].as_u64(), Some(u64::from(expected.openings)));
        prop_assert_eq!(c["workplace"]["prefecture"].as_str(), Some(expected.prefecture.as_str()), "input {}", show());
        prop_assert_eq!(c["workplace"]["municipality"].as_str(), Some(expected.municipality.as_str()), "input {}", show());
        prop_assert_eq!(c["employment_period"]["start"].as_str(), Some(expected.start.as_str()));
        prop_assert_eq!(c["employment_period"]["end"].as_str(), Some(expected.end.as_str()));
        prop_assert_eq!(c["working_hours"]["start"].as_str(), Some(expected.start_time.as_str()));
        prop_assert_eq!(c["working_hours"]["end"].as_str(), Some(expected.end_time.as_str()));
        let phone: String = c["contact"]["phone"].as_str().unwrap_or("").chars().filter(|&ch| ch != '-').collect();
        prop_assert_eq!(phone, expected.phone);

        // … and reads back to the same findings and the same JSON.
        let show_canonical = || canonical.to_string();
        let second = no_panic(show_canonical, || keynet::validate_value(&canonical))?.unwrap();
        let (a, b) = (triples(first.findings()), triples(second.findings()));
        prop_assert_eq!(a, b, "findings differ; input {}\ncanonical {}", show(), show_canonical());
        let again = second.canonical_json();
        prop_assert_eq!(again.as_ref(), Some(&canonical), "not a fixed point; input {}", show());
    }
}

// ---------------------------------------------------------------------------------------------
// Property 5: masked values in public text are leaks

/// How a text value is disguised: per character width / case / half-width kana, white space
/// inserted between characters.
#[derive(Debug, Clone)]
struct Disguise {
    wide: Vec<bool>,
    spaces: Vec<Option<&'static str>>,
    dash: &'static str,
    upper: bool,
}

fn disguise() -> impl Strategy<Value = Disguise> {
    (
        prop::collection::vec(any::<bool>(), 16),
        prop::collection::vec(
            prop::option::weighted(
                0.25,
                prop::sample::select(vec![" ", "\u{3000}", "\t", "\n", "  ", "\r\n"]),
            ),
            16,
        ),
        prop::sample::select(vec!["-", "－", "ー", "‐", "−", "―", "ｰ"]),
        any::<bool>(),
    )
        .prop_map(|(wide, spaces, dash, upper)| Disguise {
            wide,
            spaces,
            dash,
            upper,
        })
}

fn apply_disguise(value: &str, d: &Disguise) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i > 0
            && let Some(s) = d.spaces[i % d.spaces.len()]
        {
            out.push_str(s);
        }
        let wide = d.wide[i % d.wide.len()];
        let c = if d.upper {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        };
        match c {
            '-' => out.push_str(d.dash),
            ' ' => {}
            c if c.is_ascii() && wide => out.push(fullwidth(c)),
            c if !c.is_ascii() && wide => out.push_str(&halfwidth_katakana(c)),
            c => out.push(c),
        }
    }
    out
}

fn facility_name() -> impl Strategy<Value = String> {
    (
        prop::option::weighted(0.4, "[A-Z]{2,4}"),
        prop::sample::select(vec![
            "千代田",
            "港南",
            "さくら",
            "ひかり",
            "グリーン",
            "ガーデン",
            "みなと",
            "ポプラ",
            "聖ヨハネ",
            "東",
        ]),
        prop::sample::select(vec!["", "中央", "総合", "記念", "メディカル"]),
        prop::sample::select(vec![
            "病院",
            "クリニック",
            "医院",
            "診療所",
            "保健所",
            "ホスピタル",
        ]),
    )
        .prop_map(|(latin, place, middle, kind)| {
            format!("{}{place}{middle}{kind}", latin.unwrap_or_default())
        })
}

fn street_address() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["神田駿河台", "丸の内", "霞が関", "北十条西", "中央"]),
        1u8..30,
        1u8..30,
        prop::option::of(1u8..30),
    )
        .prop_map(|(town, a, b, c)| match c {
            Some(c) => format!("{town}{a}-{b}-{c}"),
            None => format!("{town}{a}-{b}"),
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Planted {
    FacilityName,
    Email,
    Phone,
    ApplicationPhone,
    Fax,
    Postal,
    StreetAddress,
    WorkplaceFacilityName,
    ContactName,
    ContactAddress,
    FacilityId,
}

const PLANTED: &[Planted] = &[
    Planted::FacilityName,
    Planted::Email,
    Planted::Phone,
    Planted::ApplicationPhone,
    Planted::Fax,
    Planted::Postal,
    Planted::StreetAddress,
    Planted::WorkplaceFacilityName,
    Planted::ContactName,
    Planted::ContactAddress,
    Planted::FacilityId,
];

#[derive(Debug, Clone)]
struct Secrets {
    facility_id: String,
    facility_name: String,
    email: String,
    phone: String,
    application_phone: String,
    fax: String,
    postal: String,
    street: String,
    workplace_facility_name: String,
    contact_name: String,
    contact_address: String,
}

prop_compose! {
    fn secrets()(
        id in (1u32..=47, 0u32..1_000_000),
        facility_name in facility_name(),
        email in email(),
        phones in (phone_digits(), phone_digits(), phone_digits()),
        postal in postal_digits(),
        street in street_address(),
        workplace_facility_name in prop::sample::select(vec!["北館1階 発熱外来", "南棟 PCR検査室", "第二会議室", "別館ワクチン接種会場"]),
        contact_name in prop::sample::select(vec!["山田 花子", "佐藤 一郎", "鈴木 ナオミ", "Tanaka Ken", "髙橋 ジョージ"]),
        contact_address in (prop::sample::select(vec!["東京都千代田区", "大阪市北区", "札幌市中央区"]), street_address()),
    ) -> Secrets {
        Secrets {
            facility_id: format!("GM{:02}-{:06}", id.0, id.1),
            facility_name,
            email,
            phone: phones.0,
            application_phone: phones.1,
            fax: phones.2,
            postal,
            street,
            workplace_facility_name: workplace_facility_name.to_owned(),
            contact_name: contact_name.to_owned(),
            contact_address: format!("{}{}", contact_address.0, contact_address.1),
        }
    }
}

fn form_with_secrets(s: &Secrets) -> Value {
    let mut form = domain_example().clone();
    let (head, tail) = s.postal.split_at(3);
    let postal = format!("{head}-{tail}");
    for (path, value) in [
        ("facility.id", s.facility_id.as_str()),
        ("facility.name", &s.facility_name),
        ("contact.email", &s.email),
        ("contact.phone", &s.phone),
        ("contact.application_phone", &s.application_phone),
        ("contact.fax", &s.fax),
        ("workplace.postal_code", &postal),
        ("workplace.street_address", &s.street),
        ("workplace.facility_name", &s.workplace_facility_name),
        ("contact.name", &s.contact_name),
        ("contact.address", &s.contact_address),
    ] {
        set_path(&mut form, path, Some(json!(value)));
    }
    form
}

fn masking_leak_paths(v: &Validation) -> Vec<String> {
    v.findings()
        .iter()
        .filter(|f| f.code == Code::MaskingLeak)
        .inspect(|f| assert_eq!(f.severity, Severity::Error, "a masking leak is an error"))
        .map(|f| f.path.clone())
        .collect()
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn disguised_masked_values_are_leaks(
        s in secrets(),
        planted in prop::sample::select(PLANTED),
        target in prop::sample::select(PUBLIC_TEXT_FIELDS.to_vec()),
        d in disguise(),
        phone_st in phone_style(),
        postal_st in (postal_style(), any::<bool>()),
        around in (prop::sample::select(PHRASES), prop::sample::select(vec!["", " ", "：", "\n"]), prop::sample::select(PHRASES)),
    ) {
        let disguised = match planted {
            Planted::FacilityName => apply_disguise(&s.facility_name, &d),
            Planted::Email => {
                // Full-width capitals, maybe with spaces around the @.
                let upper = fullwidth_str(&s.email.to_uppercase());
                if d.upper { upper.replace('＠', " ＠ ") } else { upper }
            }
            Planted::Phone => render_phone(&s.phone, &phone_st),
            Planted::ApplicationPhone => render_phone(&s.application_phone, &phone_st),
            Planted::Fax => render_phone(&s.fax, &phone_st),
            Planted::Postal if postal_st.1 => {
                let (head, tail) = s.postal.split_at(3);
                format!("{head} {tail}")
            }
            Planted::Postal => render_postal(&s.postal, &postal_st.0),
            Planted::StreetAddress => apply_disguise(&s.street, &d),
            Planted::WorkplaceFacilityName => apply_disguise(&s.workplace_facility_name, &d),
            Planted::ContactName => apply_disguise(&s.contact_name, &d),
            Planted::ContactAddress => apply_disguise(&s.contact_address, &d),
            Planted::FacilityId => apply_disguise(&s.facility_id, &Disguise { upper: false, ..d.clone() })
                .to_lowercase(),
        };
        let (before, sep, after) = around;
        let public = format!("{before}{sep}{disguised}{sep}{after}");
        let mut form = form_with_secrets(&s);
        set_path(&mut form, target, Some(json!(public)));
        if target == "passive_smoking_detail" {
            set_path(&mut form, "passive_smoking", Some(json!("other")));
        }

        // Masked: a leak at the field, and nowhere else.
        set_path(&mut form, "masking_requested", Some(json!(true)));
        let show = || form.to_string();
        let masked = no_panic(show, || keynet::validate_value(&form))?.unwrap();
        check_validation(&masked, &show)?;
        let leaks = masking_leak_paths(&masked);
        let expected = vec![target.to_owned()];
        prop_assert_eq!(&leaks, &expected, "{:?} planted as {:?}; input {}", planted, public, show());

        // No finding quotes a hidden value.
        let (head, tail) = s.postal.split_at(3);
        let postal_display = format!("{head}-{tail}");
        let hidden = [
            s.facility_id.as_str(), &s.facility_name, &s.email, &s.phone, &s.application_phone, &s.fax,
            &s.postal, &postal_display, &s.street, &s.workplace_facility_name, &s.contact_name, &s.contact_address,
        ];
        for f in masked.findings() {
            for h in hidden {
                let quoted = f.message.contains(h) || f.message_ja.contains(h);
                prop_assert!(!quoted, "finding {:?} quotes a hidden value {:?}", f, h);
            }
        }

        // Not masked: no leak, except the facility ID, which is never public.
        let unmasked_value = if d.upper { Some(json!(false)) } else { None };
        set_path(&mut form, "masking_requested", unmasked_value);
        let show = || form.to_string();
        let unmasked = no_panic(show, || keynet::validate_value(&form))?.unwrap();
        check_validation(&unmasked, &show)?;
        let leaks = masking_leak_paths(&unmasked);
        let expected: Vec<String> = if planted == Planted::FacilityId { vec![target.to_owned()] } else { vec![] };
        prop_assert_eq!(&leaks, &expected, "{:?} planted as {:?}, masking off; input {}", planted, public, show());
    }
}
