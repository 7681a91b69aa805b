//! The phone display against the oracle: libphonenumber's NATIONAL format of a few thousand valid
//! Japanese numbers, sampled across every leading-digit prefix of every JP number format
//! (core/tests/data/jp_phone_oracle.tsv, written by scripts/gen_jp_phone_formats.py with the
//! Python package `phonenumbers`). Every number must be accepted and displayed exactly as
//! libphonenumber writes it, hyphens included — read from bare digits and from its own display.

#![allow(clippy::unwrap_used)]

use keynet::text::parse_phone;

const ORACLE: &str = include_str!("data/jp_phone_oracle.tsv");

#[test]
fn every_valid_number_is_accepted_and_displayed_as_libphonenumber_does() {
    let mut total = 0usize;
    let mut agree = 0usize;
    let mut failures = Vec::new();
    // (agree, total) from bare digits, for numbers dialled 0[1-9] and those dialled 00.
    let mut by_kind = [(0usize, 0usize); 2];
    for line in ORACLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (digits, national) = line.split_once('\t').unwrap();
        total += 1;
        let from_digits = parse_phone(digits).map(|p| p.as_str().to_owned());
        let from_display = parse_phone(national).map(|p| p.as_str().to_owned());
        let ok = from_digits.as_deref() == Ok(national) && from_display.as_deref() == Ok(national);
        let kind = by_kind
            .get_mut(usize::from(digits.starts_with("00")))
            .unwrap();
        kind.1 += 1;
        kind.0 += usize::from(from_digits.as_deref() == Ok(national));
        if ok {
            agree += 1;
        } else if failures.len() < 40 {
            failures.push(format!(
                "{digits}: libphonenumber {national}, keynet {from_digits:?} / {from_display:?}"
            ));
        }
    }
    eprintln!(
        "agreement with libphonenumber: {agree}/{total} (from bare digits: 0[1-9] numbers {}/{}, 00 numbers {}/{})",
        by_kind[0].0, by_kind[0].1, by_kind[1].0, by_kind[1].1
    );
    assert!(total > 3000, "the oracle file is too small: {total}");
    assert!(
        failures.is_empty(),
        "{agree}/{total} agree; first differences:\n{}",
        failures.join("\n")
    );
}
