//! Properties of reading what clerks type (docs/domain.md §12): numbers with their units read
//! back as themselves, and an address typed in one box splits at the municipality so that
//! joining the parts gives the input back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use keynet::places;
use keynet::text::{Unit, parse_quantity};
use proptest::prelude::*;

/// Full-width digits, as an IME writes them.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap(),
            ',' => '，',
            c => c,
        })
        .collect()
}

/// `2500` → `2,500`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn written(n: u64, unit: Unit, style: u8) -> String {
    let body = match style % 3 {
        0 => n.to_string(),
        1 => grouped(n),
        _ => format!("{n}.0"),
    };
    let body = if style % 2 == 1 {
        full_width(&body)
    } else {
        body
    };
    match (unit, style % 4) {
        (Unit::None, _) => body,
        (Unit::People, 0 | 1) => format!("{body}名"),
        (Unit::People, _) => format!("{body}人"),
        (Unit::Yen, 0) => format!("{body}円"),
        (Unit::Yen, 1) => format!("￥{body}"),
        (Unit::Yen, 2) => format!("¥{body}"),
        (Unit::Yen, _) => body,
        (Unit::Minutes, 0 | 1) => format!("{body}分"),
        (Unit::Minutes, _) => body,
        (Unit::Weeks, 0 | 1) => format!("{body}週間"),
        (Unit::Weeks, _) => format!("{body}週"),
    }
}

proptest! {
    #[test]
    fn any_integer_with_any_accepted_unit_reads_back(
        n in 0u64..100_000_000,
        unit in prop::sample::select(vec![Unit::None, Unit::People, Unit::Yen, Unit::Minutes, Unit::Weeks]),
        style in 0u8..12,
        spaced in any::<bool>(),
    ) {
        let mut text = written(n, unit, style);
        if spaced {
            text = format!(" {text} ");
        }
        prop_assert_eq!(parse_quantity(&text, unit), Ok(n as i64), "{:?} as {:?}", text, unit);
    }

    #[test]
    fn hours_and_minutes_read_as_minutes(hours in 0u64..24, minutes in 0u64..60) {
        let text = format!("{hours}時間{minutes}分");
        prop_assert_eq!(parse_quantity(&text, Unit::Minutes), Ok((hours * 60 + minutes) as i64));
        prop_assert_eq!(parse_quantity(&format!("{hours}時間"), Unit::Minutes), Ok((hours * 60) as i64));
    }

    #[test]
    fn yen_in_man_units(man in 1u64..10_000) {
        prop_assert_eq!(parse_quantity(&format!("{man}万円"), Unit::Yen), Ok((man * 10_000) as i64));
    }

    #[test]
    fn splitting_an_address_then_joining_gives_it_back(
        index in 0usize..1_800,
        street in "[1-9][0-9]{0,2}(-[1-9][0-9]{0,2}){0,2}",
        town in prop::sample::select(vec!["本町", "中央", "駅前", "新町", "東", ""]),
        with_prefecture in any::<bool>(),
    ) {
        let pool = support::municipalities_in_force();
        let m = pool[index % pool.len()];
        let rest = format!("{town}{street}");
        let typed = if with_prefecture {
            format!("{}{}{rest}", m.prefecture.name(), m.name)
        } else {
            format!("{}{rest}", m.name)
        };
        let (found, street_part) = places::split_municipality(m.prefecture, &typed, None)
            .unwrap_or_else(|| panic!("{typed:?} does not split"));
        // The longest official name wins: 札幌市中央区 over 札幌市; joined, the input is back.
        let joined = format!("{}{street_part}", found.name);
        let expected = typed.strip_prefix(m.prefecture.name()).filter(|_| with_prefecture).unwrap_or(&typed);
        prop_assert_eq!(joined, expected);
        prop_assert!(found.name.len() >= m.name.len(), "{} shorter than {}", found.name, m.name);
    }
}

#[test]
fn text_that_is_no_number_is_refused() {
    use keynet::text::NumberError;
    for (text, unit) in [
        ("応相談", Unit::Yen),
        ("若干名", Unit::People),
        ("2円", Unit::People),
        ("一か月", Unit::Weeks),
        ("2,50", Unit::None),
        ("1.", Unit::None),
        ("", Unit::None),
    ] {
        assert_eq!(
            parse_quantity(text, unit),
            Err(NumberError::NotANumber),
            "{text:?}"
        );
    }
    assert_eq!(
        parse_quantity("2.5", Unit::People),
        Err(NumberError::Fraction)
    );
    assert_eq!(parse_quantity("1.5時間", Unit::Minutes), Ok(90));
    assert_eq!(parse_quantity("-1", Unit::People), Ok(-1));
    assert_eq!(
        parse_quantity("12345678901234567890", Unit::None),
        Ok(i64::MAX)
    );
}
