//! Japanese input as people type it (docs/domain.md §5): NFKC, dashes, phone numbers, postal codes,
//! wareki dates and times. Pure functions: each returns the canonical value or a typed reason.

use std::borrow::Cow;
use std::fmt;

use time::{Date, Month};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

// Phone numbers live in their own module; these names stay readable from here.
pub use crate::phone::{PhoneError, PhoneNumber, expected_phone_length, parse_phone};

/// NFKC, without allocating when the text already is (ASCII and most Japanese text).
pub fn nfkc(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_nfkc_stable_common) {
        return Cow::Borrowed(s);
    }
    match is_nfkc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfkc().collect()),
    }
}

/// Characters that are their own NFKC form and never combine with a neighbour: ASCII, hiragana,
/// full-width katakana, the CJK unified ideographs, 々 and 〒 — most of what Japanese forms hold,
/// checked here without the normalisation tables. (The voiced marks U+3099–U+309C and U+30FF,
/// which do change, are outside these ranges.)
fn is_nfkc_stable_common(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FC}' | '\u{4E00}'..='\u{9FFF}' | '々' | '〒')
}

/// NFC only: for free text, where NFKC would rewrite what the writer chose (`①`, `（`).
pub fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    match unicode_normalization::is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// Dash-like characters people type between digits (phone numbers, postal codes, addresses).
/// The katakana prolonged sound mark `ー` is among them because IMEs produce it in `03ー…`.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' // ‐ hyphen
            | '\u{2011}' // non-breaking hyphen
            | '\u{2012}' // figure dash
            | '\u{2013}' // – en dash
            | '\u{2014}' // — em dash
            | '\u{2015}' // ― horizontal bar
            | '\u{2043}' // hyphen bullet
            | '\u{2212}' // − minus sign
            | '\u{30FC}' // ー prolonged sound mark
            | '\u{FF0D}' // － full-width hyphen-minus
            | '\u{FF70}' // ｰ half-width prolonged sound mark
            | '\u{FE63}' // small hyphen-minus
            | '\u{02D7}' // modifier minus
    )
}

/// Replaces a dash-like character by `-` only where it stands between two digits, so the
/// `ー` of `センター` survives while `4ー6` becomes `4-6`.
pub fn fold_dashes_between_digits(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_dash(c) && c != '-') {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != '-' && is_dash(c) {
            let before = i
                .checked_sub(1)
                .and_then(|j| chars.get(j))
                .is_some_and(char::is_ascii_digit);
            let after = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if before && after {
                out.push('-');
                continue;
            }
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Trims white space (including the ideographic space U+3000); `None` when nothing is left.
pub fn trimmed(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// A single-line text field: NFKC, dashes between digits folded, runs of white space collapsed
/// to one ASCII space, trimmed. `None` when empty.
pub fn clean_line(s: &str) -> Option<String> {
    let n = nfkc(s);
    let folded = fold_dashes_between_digits(&n);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// A free-text field: NFC (the writer's full-width brackets and circled numbers stay), line
/// endings unified to `\n`, trimmed. `None` when empty.
pub fn clean_free_text(s: &str) -> Option<String> {
    let n = nfc(s);
    let unified = if n.contains('\r') {
        Cow::Owned(n.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        n
    };
    trimmed(&unified).map(str::to_owned)
}

/// The comparison key of the leak scan (docs/domain.md §6): NFKC, case-folded, all white space removed,
/// every dash-like character as `-`.
pub fn leak_key(s: &str) -> String {
    nfkc(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_dash(c) { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every ASCII digit of the text after NFKC, in order (`０３（３２９２）００００` → `0332920000`).
pub fn digit_string(s: &str) -> String {
    nfkc(s).chars().filter(char::is_ascii_digit).collect()
}

/// The numbers of a text as people write them, each as its digits: digits joined by dashes,
/// spaces or brackets form one number (`０３（３２９２）００００`, `〒101-0062`, `+81 3 3292 0000`);
/// anything else ends it, so a date `2020/01/15` is three numbers, not `20200115`. With
/// `dots_join`, `.` joins too (`0120.123.456`, as a phone may be written — and `2020.01.15`).
pub fn numbers_as_typed(s: &str, dots_join: bool) -> Vec<String> {
    let joins = |c: char| {
        is_dash(c) || c.is_whitespace() || matches!(c, '(' | ')') || (dots_join && c == '.')
    };
    let mut numbers = Vec::new();
    let mut current = String::new();
    for c in nfkc(s).chars() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if !joins(c) && !current.is_empty() {
            numbers.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        numbers.push(current);
    }
    numbers
}

// ---------------------------------------------------------------------------------------------
// Numbers as the paper form prints them

/// The unit a number box of the paper form prints beside it (docs/domain.md §12). Each field
/// accepts its own unit only: `2名` is openings, not minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A bare number.
    None,
    /// 名 / 人 (people).
    People,
    /// 円, a leading ¥/￥, and 万 (ten thousand): `2,500円`, `￥2,500`, `25万円`.
    Yen,
    /// 分, 時間 and 時間+分 (`60分`, `1時間`, `1時間30分`, `1.5時間`), read as minutes.
    Minutes,
    /// 週 / 週間.
    Weeks,
}

impl Unit {
    /// The units as written after the number, for messages: `名・人`.
    pub const fn written(self) -> (&'static str, &'static str) {
        match self {
            Unit::None => ("", ""),
            Unit::People => ("名 or 人", "名・人"),
            Unit::Yen => ("円 or a leading ¥", "円・¥"),
            Unit::Minutes => ("分, 時間 or 時間+分", "分・時間"),
            Unit::Weeks => ("週 or 週間", "週・週間"),
        }
    }
}

/// Why a number box could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number (`応相談`, `若干名`), or a unit this box does not print.
    NotANumber,
    /// A number, but with a fraction that is not zero (`2.5` openings).
    Fraction,
}

/// A number read from a box: its value, saturated to the `i64` range (20 digits are far out of
/// every range the form has, and are reported as such, not as "not a number").
pub type Quantity = i64;

/// Reads a whole number as a clerk writes it in a box that prints `unit`: full-width digits,
/// thousands separators (`2,500`), a zero fraction (`2500.0`), a sign, and the box's unit.
pub fn parse_quantity(raw: &str, unit: Unit) -> Result<Quantity, NumberError> {
    let n = nfkc(raw);
    let s: String = n
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    match unit {
        Unit::None => decimal(&s, 1),
        Unit::People => {
            let body = s.strip_suffix(['名', '人']).unwrap_or(&s);
            decimal(body, 1)
        }
        Unit::Weeks => {
            let body = s
                .strip_suffix("週間")
                .or_else(|| s.strip_suffix('週'))
                .unwrap_or(&s);
            decimal(body, 1)
        }
        Unit::Yen => {
            // NFKC turned ￥ into ¥; a backslash is ¥ in Shift_JIS fonts.
            let body = s.strip_prefix(['¥', '\\']).unwrap_or(&s);
            let body = body.strip_suffix('円').unwrap_or(body);
            match body.strip_suffix('万') {
                Some(man) => decimal(man, 10_000),
                None => decimal(body, 1),
            }
        }
        Unit::Minutes => {
            let s = s
                .strip_suffix("分間")
                .map_or(s.clone(), |m| format!("{m}分"));
            if let Some(hours) = s.strip_suffix("時間半") {
                return decimal(hours, 60).map(|m| m.saturating_add(30));
            }
            if let Some(minutes) = s.strip_suffix('分') {
                match minutes.split_once("時間") {
                    Some((hours, minutes)) => {
                        let hours = decimal(hours, 60)?;
                        let minutes = decimal(minutes, 1)?;
                        if minutes.is_negative() || hours.is_negative() {
                            return Err(NumberError::NotANumber);
                        }
                        Ok(hours.saturating_add(minutes))
                    }
                    None => decimal(minutes, 1),
                }
            } else if let Some(hours) = s.strip_suffix("時間") {
                decimal(hours, 60)
            } else {
                decimal(&s, 1)
            }
        }
    }
}

/// A decimal number times `scale` (`1.5` × 60 = 90): thousands separators allowed in the integer
/// part, a fraction allowed when the scaled value is whole.
fn decimal(s: &str, scale: i64) -> Result<Quantity, NumberError> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int_part, fraction) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    let digits_only = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    // `2,500` and `1,000,000`: groups of three after the first.
    let mut groups = int_part.split(',');
    let first = groups.next().unwrap_or("");
    let grouped = groups.clone().all(|g| g.len() == 3 && digits_only(g));
    if first.is_empty() || !digits_only(first) || !grouped || !digits_only(fraction) {
        return Err(NumberError::NotANumber);
    }
    if body.ends_with('.') {
        return Err(NumberError::NotANumber);
    }
    // Saturating: 20 digits become i64::MAX, which every range refuses as out of range.
    let mut whole: i64 = 0;
    for b in int_part.bytes().filter(u8::is_ascii_digit) {
        whole = whole.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    let mut value = whole.saturating_mul(scale);
    // The fraction times the scale must be whole: 1.5時間 is 90 minutes, 2.5 openings is not.
    let mut numerator: i64 = 0;
    let mut denominator: i64 = 1;
    for b in fraction.bytes().take(12) {
        numerator = numerator * 10 + i64::from(b - b'0');
        denominator *= 10;
    }
    if fraction.bytes().skip(12).any(|b| b != b'0') {
        return Err(NumberError::Fraction);
    }
    let scaled = numerator.saturating_mul(scale);
    if scaled % denominator != 0 {
        return Err(NumberError::Fraction);
    }
    value = value.saturating_add(scaled / denominator);
    Ok(if negative { -value } else { value })
}

// ---------------------------------------------------------------------------------------------
// Postal codes

/// A 7-digit postal code, displayed `NNN-NNNN`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PostalCode(String);

impl PostalCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The seven digits.
    pub fn digits(&self) -> String {
        self.0.replace('-', "")
    }
}

impl fmt::Debug for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PostalCode(<hidden>)")
    }
}

/// Reads `1010062`, `101-0062`, `〒101−0062`, `１０１－００６２`, and the two parts split by a space
/// (`101 0062`, `〒101　0062`; docs/domain.md §12).
pub fn parse_postal_code(raw: &str) -> Option<PostalCode> {
    let n = nfkc(raw);
    let s = n.trim().trim_start_matches('〒').trim_start();
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            // A run of spaces between the parts is one separator.
            if !folded.ends_with(' ') {
                folded.push(' ');
            }
        } else {
            folded.push(c);
        }
    }
    let folded: String = folded
        .chars()
        .map(|c| if is_dash(c) || c == ' ' { '-' } else { c })
        .collect();
    let bytes = folded.as_bytes();
    let digits_ok = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    let (head, tail) = match bytes.len() {
        7 => bytes.split_at(3),
        8 if bytes.get(3) == Some(&b'-') => {
            let (h, t) = bytes.split_at(3);
            (h, t.get(1..).unwrap_or(&[]))
        }
        _ => return None,
    };
    if !(digits_ok(head) && digits_ok(tail) && tail.len() == 4) {
        return None;
    }
    let head = std::str::from_utf8(head).ok()?;
    let tail = std::str::from_utf8(tail).ok()?;
    Some(PostalCode(format!("{head}-{tail}")))
}

// ---------------------------------------------------------------------------------------------
// Dates and wareki

/// The Japanese eras the library reads (docs/domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Heisei,
    Reiwa,
}

impl Era {
    pub const fn name(self) -> &'static str {
        match self {
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }
    const fn first_year(self) -> i32 {
        match self {
            Era::Heisei => 1989,
            Era::Reiwa => 2019,
        }
    }
    /// First and last day of the era (`None`: still running).
    fn bounds(self) -> (Date, Option<Date>) {
        match self {
            Era::Heisei => (
                Date::from_calendar_date(1989, Month::January, 8).unwrap_or(Date::MIN),
                Date::from_calendar_date(2019, Month::April, 30).ok(),
            ),
            Era::Reiwa => (
                Date::from_calendar_date(2019, Month::May, 1).unwrap_or(Date::MIN),
                None,
            ),
        }
    }
}

/// Why a date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date shape the library reads.
    Format,
    /// The month/day do not exist (`2月30日`).
    NoSuchDay,
    /// A wareki date outside its era (`令和1年4月30日`, `平成31年5月1日`).
    OutsideEra(Era),
    /// The weekday in brackets is not the date's (`2020/6/1(火)`: 1 June 2020 was a Monday).
    WrongWeekday {
        /// The weekday as written: `火`.
        written: &'static str,
        /// The date's own weekday: `月`.
        actual: &'static str,
    },
}

/// The weekdays as Japanese dates write them in brackets, Monday first.
const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// The Japanese weekday of a date: `月` … `日`.
pub fn weekday_ja(date: Date) -> &'static str {
    let index = usize::from(date.weekday().number_days_from_monday());
    WEEKDAYS_JA.get(index).copied().unwrap_or("")
}

/// Kanji numerals in a date (`令和二年六月一日`, `二〇二〇年十二月三十一日`) as ASCII digits.
/// Positional numerals (〇一二…九) are read digit by digit; 十 joins tens and units (`三十一`,
/// `十二`, `二十`). `None` when a 十 stands where it cannot (`十十`).
fn kanji_numerals_to_digits(s: &str) -> Option<Cow<'_, str>> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| DIGITS.iter().position(|&d| d == c);
    if !s.chars().any(|c| c == '十' || digit(c).is_some()) {
        return Some(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != '十' && digit(c).is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        // One run of numerals.
        let start = i;
        while chars
            .get(i)
            .is_some_and(|&c| c == '十' || digit(c).is_some())
        {
            i += 1;
        }
        let run = chars.get(start..i)?;
        match run.iter().position(|&c| c == '十') {
            None => out.extend(
                run.iter()
                    .filter_map(|&c| digit(c))
                    .filter_map(|d| "0123456789".chars().nth(d)),
            ),
            Some(at) => {
                let (tens, units) = (run.get(..at)?, run.get(at + 1..)?);
                if tens.len() > 1 || units.len() > 1 || units.contains(&'十') {
                    return None;
                }
                let tens = match tens.first() {
                    None => 1,
                    Some(&c) => digit(c).filter(|&d| d > 0)?,
                };
                let units = units.first().map_or(Some(0), |&c| digit(c))?;
                out.push_str(&(tens * 10 + units).to_string());
            }
        }
    }
    Some(Cow::Owned(out))
}

fn split_numbers(s: &str, seps: &[char]) -> Option<Vec<u32>> {
    let parts: Vec<&str> = s.split(|c| seps.contains(&c)).collect();
    if parts.len() != 3 {
        return None;
    }
    parts
        .iter()
        .map(|p| {
            if !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        })
        .collect()
}

/// `2020/6/1(月)` → (`2020/6/1`, `月`): a trailing weekday in brackets, as Japanese dates carry
/// it; the weekday is checked against the date by the caller.
fn strip_weekday(s: &str) -> (&str, Option<&'static str>) {
    let Some(body) = s.strip_suffix(')') else {
        return (s, None);
    };
    let Some((date, weekday)) = body.rsplit_once('(') else {
        return (s, None);
    };
    let weekday = weekday
        .strip_suffix("曜日")
        .or_else(|| weekday.strip_suffix('曜'))
        .unwrap_or(weekday);
    match WEEKDAYS_JA.iter().find(|w| **w == weekday) {
        Some(w) => (date, Some(w)),
        None => (s, None),
    }
}

/// Reads `2020-06-01`, `2020/6/1`, `2020年6月1日`, `20200601`, `令和2年5月29日`,
/// `令和二年六月一日`, `令和元年…`, `R2.5.29`, `R02/05/29`, `H31.4.30`, full-width digits, and a
/// weekday in brackets that must agree with the date (`2020/6/1(月)`).
pub fn parse_date(raw: &str) -> Result<Date, DateError> {
    // Canonical `YYYY-MM-DD`, as a normalised form holds it: read without the general path's
    // copies. Anything else, or no such day, takes the general path (its answer and error).
    match canonical_date(raw.trim()) {
        Some(date) => Ok(date),
        None => parse_date_as_typed(raw),
    }
}

/// [`parse_date`]'s general path: every way a date is typed.
fn parse_date_as_typed(raw: &str) -> Result<Date, DateError> {
    let n = nfkc(raw);
    let s: String = without_midnight(&n)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // The paper's 「～」 after a start date, or から/より: the date itself.
    let s = s
        .strip_suffix(['~', '〜', '～'])
        .or_else(|| s.strip_suffix("から"))
        .or_else(|| s.strip_suffix("より"))
        .unwrap_or(&s);
    let (s, weekday) = strip_weekday(s);
    let date = parse_date_body(s)?;
    match weekday {
        Some(written) if written != weekday_ja(date) => Err(DateError::WrongWeekday {
            written,
            actual: weekday_ja(date),
        }),
        _ => Ok(date),
    }
}

/// `YYYY-MM-DD` with a year of 1000–9999 and a day that exists, else `None`.
fn canonical_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok().filter(|y| *y >= 1000)?;
    let month = Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    let day = u8::try_from(digits(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// A date as a spreadsheet writes a date cell holding a time of day of midnight
/// (`2020/6/20 0:00`, `2020-06-20 00:00:00`): the date alone. Any other time is kept, and refused
/// as no date.
fn without_midnight(s: &str) -> &str {
    let trimmed = s.trim();
    match trimmed.rsplit_once(char::is_whitespace) {
        Some((date, "0:00" | "00:00" | "0:00:00" | "00:00:00")) => date.trim_end(),
        _ => trimmed,
    }
}

/// `20200601`: eight digits, as spreadsheets and some systems write a date.
fn compact_date(s: &str) -> Option<[u32; 3]> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let field = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse().ok());
    Some([field(0..4)?, field(4..6)?, field(6..8)?])
}

fn parse_date_body(s: &str) -> Result<Date, DateError> {
    let (era, rest) = if let Some(r) = s.strip_prefix("令和") {
        (Some(Era::Reiwa), r)
    } else if let Some(r) = s.strip_prefix("平成") {
        (Some(Era::Heisei), r)
    } else if let Some(r) = s.strip_prefix(['R', 'r']) {
        (Some(Era::Reiwa), r)
    } else if let Some(r) = s.strip_prefix(['H', 'h']) {
        (Some(Era::Heisei), r)
    } else {
        (None, s)
    };
    let rest = rest.replacen("元", "1", 1);
    let rest = kanji_numerals_to_digits(&rest)
        .ok_or(DateError::Format)?
        .into_owned();
    let kanji = rest.ends_with('日') && rest.contains('年') && rest.contains('月');
    let numbers = if kanji {
        let body = rest.strip_suffix('日').unwrap_or(&rest);
        split_numbers(body, &['年', '月'])
    } else if rest.contains(['年', '月', '日']) {
        None
    } else if era.is_none()
        && let Some(ymd) = compact_date(&rest)
    {
        Some(ymd.to_vec())
    } else {
        let seps: &[char] = if era.is_some() {
            &['.', '/', '-']
        } else {
            &['-', '/', '.']
        };
        // One kind of separator per date: `2020/06-01` is a typo, not a date.
        let kinds = seps.iter().filter(|c| rest.contains(**c)).count();
        if kinds == 1 {
            split_numbers(&rest, seps)
        } else {
            None
        }
    };
    let [y, m, d]: [u32; 3] = numbers
        .and_then(|v| v.try_into().ok())
        .ok_or(DateError::Format)?;
    let year = match era {
        Some(e) => {
            if y == 0 || y > 99 {
                return Err(DateError::OutsideEra(e));
            }
            e.first_year() + y as i32 - 1
        }
        None => {
            if !(1000..=9999).contains(&y) {
                return Err(DateError::Format);
            }
            y as i32
        }
    };
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or(DateError::NoSuchDay)?;
    let day = u8::try_from(d).map_err(|_| DateError::NoSuchDay)?;
    let date = Date::from_calendar_date(year, month, day).map_err(|_| DateError::NoSuchDay)?;
    if let Some(e) = era {
        let (first, last) = e.bounds();
        if date < first || last.is_some_and(|l| date > l) {
            return Err(DateError::OutsideEra(e));
        }
    }
    Ok(date)
}

/// ISO `YYYY-MM-DD`.
pub fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Formats a date in wareki for display: `令和2年5月29日`, `令和元年5月1日`. Dates before
/// 平成 are given in the Gregorian calendar (`1988年1月1日`).
pub fn to_wareki(date: Date) -> String {
    let era = [Era::Reiwa, Era::Heisei]
        .into_iter()
        .find(|e| date >= e.bounds().0);
    let (m, d) = (u8::from(date.month()), date.day());
    match era {
        Some(e) => {
            let y = date.year() - e.first_year() + 1;
            if y == 1 {
                format!("{}元年{m}月{d}日", e.name())
            } else {
                format!("{}{y}年{m}月{d}日", e.name())
            }
        }
        None => format!("{}年{m}月{d}日", date.year()),
    }
}

// ---------------------------------------------------------------------------------------------
// Times of day

/// A time of day with minute precision; `24:00` is allowed as an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    minutes: u16,
}

impl ClockTime {
    /// `hours:minutes`; hours 0–23, or 24 with minutes 0.
    pub fn new(hours: u16, minutes: u16) -> Option<ClockTime> {
        let ok = (hours < 24 && minutes < 60) || (hours == 24 && minutes == 0);
        ok.then_some(ClockTime {
            minutes: hours * 60 + minutes,
        })
    }
    /// Minutes since midnight (0–1440).
    pub const fn minutes(self) -> u16 {
        self.minutes
    }
    pub fn is_midnight_end(self) -> bool {
        self.minutes == 24 * 60
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// A time as typed, with the `翌` (next day) mark it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedTime {
    pub time: ClockTime,
    pub next_day: bool,
}

/// Reads `9:00`, `09:00`, `９：００`, `9時`, `9時30分`, `9時半`, `午後4時30分`, `翌9:00`, `24:00`.
/// `24:00` and `翌` are for end times; the caller decides whether they are allowed.
pub fn parse_time(raw: &str) -> Option<TypedTime> {
    let n = nfkc(raw);
    let s: String = n.chars().filter(|c| !c.is_whitespace()).collect();
    let (next_day, s) = match s.strip_prefix("翌日").or_else(|| s.strip_prefix('翌')) {
        Some(r) => (true, r),
        None => (false, s.as_str()),
    };
    let (half_day, s) = if let Some(r) = s.strip_prefix("午前") {
        (Some(0), r)
    } else if let Some(r) = s.strip_prefix("午後") {
        (Some(12), r)
    } else {
        (None, s)
    };
    let number = |p: &str| -> Option<u16> {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    // `9:00:00`, as a spreadsheet writes a time cell: zero seconds say nothing more.
    let s = match s.strip_suffix(":00") {
        Some(hm) if hm.matches(':').count() == 1 => hm,
        _ => s,
    };
    let (h, m) = if let Some((h, m)) = s.split_once(':') {
        if m.len() != 2 {
            return None;
        }
        (number(h)?, number(m)?)
    } else if let Some((h, rest)) = s.split_once('時') {
        let m = match rest {
            "" => 0,
            "半" => 30,
            r => number(r.strip_suffix('分')?)?,
        };
        (number(h)?, m)
    } else {
        return None;
    };
    let h = match half_day {
        Some(offset) if h < 12 => h + offset,
        Some(_) => return None, // 午前12時 / 午後12時 are read both ways in practice: refuse.
        None => h,
    };
    Some(TypedTime {
        time: ClockTime::new(h, m)?,
        next_day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The canonical fast path reads exactly what the general path reads (digits and dashes
        /// in every position, days that do not exist, years out of range).
        #[test]
        fn canonical_dates_read_as_the_general_path_reads_them(
            s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9-]{10}|(1[0-9]{3}|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
        ) {
            let general = parse_date_as_typed(&s).ok();
            if let Some(date) = canonical_date(&s) {
                proptest::prop_assert_eq!(Some(date), general);
            }
            proptest::prop_assert_eq!(parse_date(&s).ok(), general);
        }
    }

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap()
    }

    #[test]
    fn dashes_fold_between_digits_only() {
        assert_eq!(fold_dashes_between_digits("4ー6"), "4-6");
        assert_eq!(fold_dashes_between_digits("センター"), "センター");
        assert_eq!(fold_dashes_between_digits("03－5253－7529"), "03-5253-7529");
        assert_eq!(
            clean_line("  ナースセンター　2ー1 "),
            Some("ナースセンター 2-1".to_owned())
        );
    }

    #[test]
    fn postal_codes() {
        let p = |s: &str| parse_postal_code(s).map(|p| p.as_str().to_owned());
        assert_eq!(p("1010062").as_deref(), Some("101-0062"));
        assert_eq!(p("〒１０１－００６２").as_deref(), Some("101-0062"));
        assert_eq!(p("〒 101ー0062").as_deref(), Some("101-0062"));
        assert_eq!(p("101 0062").as_deref(), Some("101-0062"));
        assert_eq!(p("〒101 0062").as_deref(), Some("101-0062"));
        assert_eq!(p("〒１０１　００６２").as_deref(), Some("101-0062"));
        assert_eq!(p("101  0062").as_deref(), Some("101-0062"));
        assert_eq!(p("101 - 0062"), None);
        assert_eq!(p("10 10062"), None);
        assert_eq!(p("101 006 2"), None);
        assert_eq!(p("101-006"), None);
        assert_eq!(p("10-10062"), None);
        assert_eq!(p("101-00621"), None);
    }

    #[test]
    fn dates_western_and_wareki() {
        assert_eq!(parse_date("2020-06-01"), Ok(d(2020, 6, 1)));
        assert_eq!(parse_date("2020/6/1"), Ok(d(2020, 6, 1)));
        assert_eq!(parse_date("2020年6月1日"), Ok(d(2020, 6, 1)));
        assert_eq!(parse_date("令和2年5月29日"), Ok(d(2020, 5, 29)));
        assert_eq!(parse_date("令和元年5月1日"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_date("R2.5.29"), Ok(d(2020, 5, 29)));
        assert_eq!(parse_date("R02/05/29"), Ok(d(2020, 5, 29)));
        assert_eq!(parse_date("令和２年５月２９日"), Ok(d(2020, 5, 29)));
        assert_eq!(parse_date("令和2年5月29日（金）"), Ok(d(2020, 5, 29)));
        assert_eq!(parse_date("2022/2/3(木曜日)"), Ok(d(2022, 2, 3)));
        assert_eq!(parse_date("H31.4.30"), Ok(d(2019, 4, 30)));
        assert_eq!(parse_date("平成元年1月8日"), Ok(d(1989, 1, 8)));
        assert_eq!(
            parse_date("令和1年4月30日"),
            Err(DateError::OutsideEra(Era::Reiwa))
        );
        assert_eq!(
            parse_date("平成31年5月1日"),
            Err(DateError::OutsideEra(Era::Heisei))
        );
        assert_eq!(
            parse_date("平成元年1月7日"),
            Err(DateError::OutsideEra(Era::Heisei))
        );
        assert_eq!(parse_date("2020-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2020/06-01"), Err(DateError::Format));
        assert_eq!(parse_date("昭和60年1月1日"), Err(DateError::Format));
        assert_eq!(parse_date("next tuesday"), Err(DateError::Format));
    }

    #[test]
    fn wareki_formatting() {
        assert_eq!(to_wareki(d(2020, 5, 29)), "令和2年5月29日");
        assert_eq!(to_wareki(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(to_wareki(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(to_wareki(d(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(to_wareki(d(1989, 1, 7)), "1989年1月7日");
    }

    #[test]
    fn times() {
        let t = |s: &str| parse_time(s).map(|t| (t.time.to_string(), t.next_day));
        assert_eq!(t("9:00"), Some(("09:00".into(), false)));
        assert_eq!(t("09:00"), Some(("09:00".into(), false)));
        assert_eq!(t("９：００"), Some(("09:00".into(), false)));
        assert_eq!(t("9時"), Some(("09:00".into(), false)));
        assert_eq!(t("9時30分"), Some(("09:30".into(), false)));
        assert_eq!(t("9時半"), Some(("09:30".into(), false)));
        assert_eq!(t("午後4時30分"), Some(("16:30".into(), false)));
        assert_eq!(t("翌9:00"), Some(("09:00".into(), true)));
        assert_eq!(t("24:00"), Some(("24:00".into(), false)));
        assert_eq!(t("24:30"), None);
        assert_eq!(t("9:0"), None);
        assert_eq!(t("25:00"), None);
        assert_eq!(t("9"), None);
        assert_eq!(t("午後12時"), None);
    }

    #[test]
    fn the_fast_path_agrees_with_the_tables() {
        use unicode_normalization::UnicodeNormalization;
        let ranges = [
            0x20u32..=0x7E,
            0x3041..=0x3096,
            0x30A1..=0x30FC,
            0x4E00..=0x9FFF,
        ];
        for c in ranges
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .chain(['々', '〒'])
        {
            assert!(is_nfkc_stable_common(c));
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s, "U+{:04X}", c as u32);
        }
        // A voiced mark after a kana composes: the fast path must not take it.
        assert_eq!(nfkc("か\u{3099}"), "が");
        assert_eq!(nfkc("ｶﾞ"), "ガ");
    }

    #[test]
    fn leak_keys_ignore_width_case_and_space() {
        assert_eq!(leak_key("千代田 中央病院"), leak_key("千代田中央病院"));
        assert_eq!(leak_key("ＪＩＮＪＩ＠example.jp"), "jinji@example.jp");
        assert_eq!(digit_string("０３（３２９２）００００"), "0332920000");
        assert_eq!(
            numbers_as_typed("TEL ０３（３２９２）００００ / 2020/01/15", false),
            ["0332920000", "2020", "01", "15"]
        );
        assert_eq!(
            numbers_as_typed("〒101-0062、+81 3 3292 0000", false),
            ["1010062", "81332920000"]
        );
        assert_eq!(
            numbers_as_typed("0120.123.456 R2.5.29", false),
            ["0120", "123", "456", "2", "5", "29"]
        );
        assert_eq!(
            numbers_as_typed("0120.123.456 R2.5.29", true),
            ["0120123456", "2529"]
        );
    }
}
