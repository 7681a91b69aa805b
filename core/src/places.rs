//! Places and codes (docs/domain.md §4): prefectures (JIS X 0401), local government codes with their
//! check digit, municipalities, secondary medical area numbers. The tables are data files in
//! `core/data/` (sources in `core/data/SOURCES.md`), embedded at build time.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use time::Date;

use crate::text;

const PREFECTURES_TSV: &str = include_str!("../data/prefectures.tsv");
const MUNICIPALITIES_TSV: &str = include_str!("../data/municipalities.tsv");

/// One of the 47 prefectures, by its JIS X 0401 code (1–47). Serialised as the two-digit string.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Prefecture(u8);

/// One row of the prefecture table.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefectureInfo {
    pub code: String,
    /// Official name with its suffix: `東京都`.
    pub name: String,
    /// Without 都/道/府/県 (`東京`); 北海道 has none to drop.
    pub short_name: String,
    pub romaji: String,
}

fn prefecture_table() -> &'static [PrefectureInfo] {
    static TABLE: OnceLock<Vec<PrefectureInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        PREFECTURES_TSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cols = line.split('\t');
                Some(PrefectureInfo {
                    code: cols.next()?.to_owned(),
                    name: cols.next()?.to_owned(),
                    short_name: cols.next()?.to_owned(),
                    romaji: cols.next()?.to_owned(),
                })
            })
            .collect()
    })
}

/// Each prefecture's romaji as [`fold_romaji`] folds it, in code order: folded once.
fn romaji_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        prefecture_table()
            .iter()
            .map(|p| fold_romaji(&p.romaji))
            .collect()
    })
}

fn fold_romaji(s: &str) -> String {
    let lower: String = s
        .trim()
        .chars()
        .map(|c| match c {
            'ō' | 'Ō' | 'ô' | 'Ô' => 'o',
            'ū' | 'Ū' | 'û' | 'Û' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let lower = lower.strip_suffix(" prefecture").unwrap_or(&lower);
    let lower = ["-to", "-fu", "-ken", " to", " fu", " ken"]
        .iter()
        .fold(lower.to_owned(), |acc, suffix| {
            acc.strip_suffix(suffix).map(str::to_owned).unwrap_or(acc)
        });
    // Long vowels as some people type them: Tookyoo, Oosaka, Hokkaidou.
    lower
        .replace("oo", "o")
        .replace("ou", "o")
        .replace("uu", "u")
}

impl Prefecture {
    /// Every prefecture in code order.
    pub fn all() -> impl Iterator<Item = Prefecture> {
        (1..=47).map(Prefecture)
    }

    /// From the JIS code as a number (1–47).
    pub fn from_number(n: u8) -> Option<Prefecture> {
        (1..=47).contains(&n).then_some(Prefecture(n))
    }

    /// From the code (`13`, `1`), the Japanese name with or without its suffix (`東京都`,
    /// `東京`, `京都`), or the romaji (`Tokyo`, `tokyo-to`, `Ōsaka`). Full-width input is fine.
    pub fn parse(raw: &str) -> Option<Prefecture> {
        let n = text::nfkc(raw);
        let s = n.trim();
        if !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok().and_then(Prefecture::from_number);
        }
        let table = prefecture_table();
        let position = table
            .iter()
            .position(|p| p.name == s || p.short_name == s)
            .or_else(|| {
                let folded = fold_romaji(s);
                romaji_keys().iter().position(|key| *key == folded)
            })?;
        Prefecture::from_number(u8::try_from(position + 1).ok()?)
    }

    /// The JIS code as a number.
    pub const fn number(self) -> u8 {
        self.0
    }

    /// The two-digit code: `13`.
    pub fn code(self) -> String {
        format!("{:02}", self.0)
    }

    fn info(self) -> Option<&'static PrefectureInfo> {
        prefecture_table().get(usize::from(self.0).checked_sub(1)?)
    }

    /// `東京都`.
    pub fn name(self) -> &'static str {
        self.info().map_or("", |p| p.name.as_str())
    }

    /// `東京`.
    pub fn short_name(self) -> &'static str {
        self.info().map_or("", |p| p.short_name.as_str())
    }

    /// `Tokyo`.
    pub fn romaji(self) -> &'static str {
        self.info().map_or("", |p| p.romaji.as_str())
    }
}

impl fmt::Debug for Prefecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Prefecture({:02} {})", self.0, self.name())
    }
}

impl fmt::Display for Prefecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl Serialize for Prefecture {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The table's code: no allocation (views are written a million times a second).
        match self.info() {
            Some(info) => serializer.serialize_str(&info.code),
            None => serializer.serialize_str(&self.code()),
        }
    }
}

impl<'de> Deserialize<'de> for Prefecture {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// A code, a name, or the code as a number (`13`, as a spreadsheet stores `13`).
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Typed {
            Text(String),
            Number(u64),
        }
        match Typed::deserialize(deserializer)? {
            Typed::Text(s) => Prefecture::parse(&s)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown prefecture {s:?}"))),
            Typed::Number(n) => u8::try_from(n)
                .ok()
                .and_then(Prefecture::from_number)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown prefecture number {n}"))),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Local government codes

/// The check digit of a five-digit local government code (docs/domain.md §4): weights 6,5,4,3,2; the
/// last digit of 11 − (S mod 11), or of 11 − S when S < 11.
pub fn check_digit(five_digits: &str) -> Option<u8> {
    if five_digits.len() != 5 || !five_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let s: u32 = five_digits
        .bytes()
        .zip([6u32, 5, 4, 3, 2])
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let r = if s < 11 { 11 - s } else { 11 - s % 11 };
    u8::try_from(r % 10).ok()
}

/// True when a six-digit local government code's check digit is right and its first two digits
/// name a prefecture.
pub fn is_valid_local_government_code(code: &str) -> bool {
    let (Some(five), Some(last)) = (code.get(..5), code.get(5..)) else {
        return false;
    };
    let prefecture_ok = code
        .get(..2)
        .and_then(|p| p.parse().ok())
        .and_then(Prefecture::from_number)
        .is_some();
    code.len() == 6 && prefecture_ok && check_digit(five).is_some_and(|d| last == d.to_string())
}

/// True when a secondary medical area number (二次医療圏) is 4 digits starting with a prefecture
/// code (`1301`).
pub fn is_valid_secondary_medical_area(number: &str) -> bool {
    number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && number
            .get(..2)
            .and_then(|p| p.parse().ok())
            .and_then(Prefecture::from_number)
            .is_some()
}

/// What kind of local government an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MunicipalityKind {
    Prefecture,
    DesignatedCity,
    Ward,
    SpecialWard,
    City,
    Town,
    Village,
}

/// One official local government (municipality, special ward or ward of a designated city).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Six-digit code with check digit: `131016`.
    pub code: String,
    pub prefecture: Prefecture,
    /// Official name: `千代田区`, `札幌市中央区`.
    pub name: String,
    pub kind: MunicipalityKind,
    /// First day in force, when it came into being after the list's start (2020-05-29).
    pub valid_from: Option<Date>,
    /// Last day in force, when it has been abolished since.
    pub valid_until: Option<Date>,
}

impl Municipality {
    /// Whether the entry was in force on `day` (`None`: any day since 2020-05-29).
    pub fn in_force_on(&self, day: Option<Date>) -> bool {
        day.is_none_or(|d| {
            self.valid_from.is_none_or(|from| d >= from)
                && self.valid_until.is_none_or(|until| d <= until)
        })
    }

    /// Whether the entry has been in force on every day since 2020-05-29 (no change since).
    pub fn always_in_force(&self) -> bool {
        self.valid_from.is_none() && self.valid_until.is_none()
    }

    /// Whether the entry is in force today (not abolished).
    pub fn is_current(&self) -> bool {
        self.valid_until.is_none()
    }
}

struct MunicipalityIndex {
    all: Vec<Municipality>,
    /// The longest name in characters: the most characters a prefix lookup tries.
    longest_name_chars: usize,
    /// match key → indexes into `all` (one name may exist in several prefectures).
    by_key: HashMap<String, Vec<usize>>,
    /// match key → prefectures that have it (for "belongs to another prefecture").
    prefectures_by_key: HashMap<String, Vec<Prefecture>>,
}

/// The key names are matched on: ヶ/ヵ written as ケ, as official names vary between them.
fn match_key(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains(['ヶ', 'ヵ', 'ｹ']) {
        return std::borrow::Cow::Borrowed(name);
    }
    name.chars()
        .map(|c| {
            if matches!(c, 'ヶ' | 'ヵ' | 'ｹ') {
                'ケ'
            } else {
                c
            }
        })
        .collect()
}

fn parse_kind(s: &str) -> Option<MunicipalityKind> {
    Some(match s {
        "prefecture" => MunicipalityKind::Prefecture,
        "designated_city" => MunicipalityKind::DesignatedCity,
        "ward" => MunicipalityKind::Ward,
        "special_ward" => MunicipalityKind::SpecialWard,
        "city" => MunicipalityKind::City,
        "town" => MunicipalityKind::Town,
        "village" => MunicipalityKind::Village,
        _ => return None,
    })
}

fn parse_municipality_line(line: &str) -> Option<Municipality> {
    let mut cols = line.split('\t');
    let code = cols.next()?.to_owned();
    let prefecture = cols
        .next()?
        .parse()
        .ok()
        .and_then(Prefecture::from_number)?;
    let name = cols.next()?.to_owned();
    let kind = parse_kind(cols.next()?)?;
    let mut day = || -> Option<Option<Date>> {
        match cols.next() {
            None | Some("") => Some(None),
            Some(d) => text::parse_date(d).ok().map(Some),
        }
    };
    let valid_from = day()?;
    let valid_until = day()?;
    Some(Municipality {
        code,
        prefecture,
        name,
        kind,
        valid_from,
        valid_until,
    })
}

fn municipality_index() -> &'static MunicipalityIndex {
    static INDEX: OnceLock<MunicipalityIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        // Every line is checked to parse by a test (`every_municipality_line_parses`).
        let all: Vec<Municipality> = MUNICIPALITIES_TSV
            .lines()
            .skip(1)
            .filter_map(parse_municipality_line)
            .collect();
        let mut by_key = HashMap::new();
        let mut prefectures_by_key: HashMap<String, Vec<Prefecture>> = HashMap::new();
        for (i, m) in all.iter().enumerate() {
            if m.kind == MunicipalityKind::Prefecture {
                continue;
            }
            let key = match_key(&m.name).into_owned();
            by_key.entry(key.clone()).or_insert_with(Vec::new).push(i);
            let list = prefectures_by_key.entry(key).or_default();
            if !list.contains(&m.prefecture) {
                list.push(m.prefecture);
            }
        }
        let longest_name_chars = by_key.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        MunicipalityIndex {
            all,
            longest_name_chars,
            by_key,
            prefectures_by_key,
        }
    })
}

/// Every embedded local government entry, in code order.
pub fn municipalities() -> &'static [Municipality] {
    &municipality_index().all
}

/// The entry with this six-digit code.
pub fn municipality_by_code(code: &str) -> Option<&'static Municipality> {
    municipalities()
        .binary_search_by(|m| m.code.as_str().cmp(code))
        .ok()
        .and_then(|i| municipalities().get(i))
}

/// Why a municipality name was not accepted for a prefecture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MunicipalityError {
    /// No municipality of that name anywhere.
    Unknown,
    /// The name exists, but in other prefectures.
    InOtherPrefecture(Vec<Prefecture>),
    /// The text starts with a municipality of the prefecture and goes on (a street address in
    /// the municipality field, as G-MIS's combined 住所 field invites).
    ContainsMore { municipality: &'static Municipality },
    /// A ward name shared by several designated cities of the prefecture (`北区`).
    Ambiguous,
    /// The name was official, but not on the form's date (`浜松市中区` after 2023-12-31).
    NotInForce {
        municipality: &'static Municipality,
        /// The entries of the same city in force on that date (`浜松市中央区` …), for the message.
        successors: Vec<&'static Municipality>,
    },
}

/// Finds the municipality of `prefecture` named `name` (already cleaned) in the official list
/// as it stood on `day` (`None`: today's list, and names abolished since 2020-05-29 too).
/// Accepts the official name (`札幌市`, `札幌市中央区`), ヶ/ケ variants, a leading prefecture
/// name (`東京都千代田区`), a leading 郡 (`西多摩郡瑞穂町`), and a ward without its city where
/// that is unique.
pub fn find_municipality(
    prefecture: Prefecture,
    name: &str,
    day: Option<Date>,
) -> Result<&'static Municipality, MunicipalityError> {
    match find_municipality_any_day(prefecture, name, day) {
        Ok(m) if !m.in_force_on(day) => {
            let city = m.name.split_once('市').map(|(city, _)| city);
            let successors = municipalities()
                .iter()
                .filter(|s| s.prefecture == prefecture && s.in_force_on(day) && s.code != m.code)
                .filter(|s| s.kind == m.kind)
                .filter(|s| {
                    city.is_some_and(|c| s.name.split_once('市').is_some_and(|(sc, _)| sc == c))
                })
                .collect();
            Err(MunicipalityError::NotInForce {
                municipality: m,
                successors,
            })
        }
        other => other,
    }
}

fn find_municipality_any_day(
    prefecture: Prefecture,
    name: &str,
    day: Option<Date>,
) -> Result<&'static Municipality, MunicipalityError> {
    let index = municipality_index();
    let key = match_key(name).into_owned();
    // Of the entries with this name (浜松市天竜区 twice, before and after 2024), the one in
    // force on the day, else today's, else the latest abolished.
    let lookup = |k: &str| {
        let mut found: Option<&'static Municipality> = None;
        for m in index
            .by_key
            .get(k)?
            .iter()
            .filter_map(|&i| index.all.get(i))
            .filter(|m| m.prefecture == prefecture)
        {
            let better = match found {
                None => true,
                Some(f) => {
                    (m.in_force_on(day), m.is_current()) > (f.in_force_on(day), f.is_current())
                }
            };
            if better {
                found = Some(m);
            }
        }
        found
    };
    if let Some(m) = lookup(&key) {
        return Ok(m);
    }
    let without_prefecture = key
        .strip_prefix(prefecture.name())
        .or_else(|| key.strip_prefix(prefecture.short_name()))
        .filter(|rest| !rest.is_empty());
    let key = match without_prefecture {
        Some(rest) => {
            if let Some(m) = lookup(rest) {
                return Ok(m);
            }
            rest.to_owned()
        }
        None => key,
    };
    // 西多摩郡瑞穂町 → 瑞穂町 (but not 郡山市 or 郡上市, where 郡 begins the name).
    if let Some((county, rest)) = key.split_once('郡')
        && !county.is_empty()
        && let Some(m) = lookup(rest)
            .filter(|m| matches!(m.kind, MunicipalityKind::Town | MunicipalityKind::Village))
    {
        return Ok(m);
    }
    if key.ends_with('区') {
        let wards: Vec<&Municipality> = index
            .all
            .iter()
            .filter(|m| m.prefecture == prefecture && m.kind == MunicipalityKind::Ward)
            .filter(|m| m.in_force_on(day))
            .filter(|m| {
                m.name
                    .split_once('市')
                    .is_some_and(|(_, ward)| match_key(ward) == key)
            })
            .collect();
        match wards.as_slice() {
            [one] => return Ok(one),
            [] => {}
            _ => return Err(MunicipalityError::Ambiguous),
        }
    }
    if let Some(prefectures) = index.prefectures_by_key.get(&key) {
        return Err(MunicipalityError::InOtherPrefecture(prefectures.clone()));
    }
    match split_municipality(prefecture, name, day) {
        Some((municipality, _)) => Err(MunicipalityError::ContainsMore { municipality }),
        None => Err(MunicipalityError::Unknown),
    }
}

/// Splits an address typed in one box (G-MIS's 「住所(市区町村・番地等)」) at the municipality:
/// the longest municipality of `prefecture` in force on `day` that the text starts with (after
/// a leading prefecture name, and a county 郡 before a town or village), and the rest, trimmed —
/// `None` when no municipality starts it, nothing follows, or a designated city is followed by a
/// ward that is not one of its wards on that day (`浜松市中区…` in 2024, `横浜市港区…`): the
/// ward is then an error, never part of the street. `千代田区神田駿河台4-6` → (千代田区,
/// `神田駿河台4-6`).
pub fn split_municipality(
    prefecture: Prefecture,
    address: &str,
    day: Option<Date>,
) -> Option<(&'static Municipality, &str)> {
    let (municipality, _, street) = split_at_municipality(address, Some(prefecture), day)?;
    let street = street.trim();
    if street.is_empty() {
        return None;
    }
    if municipality.kind == MunicipalityKind::DesignatedCity && starts_with_ward(street) {
        return None;
    }
    Some((municipality, street))
}

/// The part of a one-box address that names its municipality, as typed, searching every
/// prefecture and every day since 2020-05-29 (`新宿区西新宿2-8-1` → `新宿区`, `浜松市中区中央1` →
/// `浜松市中区`): what a message about the municipality may quote without the street.
pub fn municipality_part(address: &str) -> Option<&str> {
    split_at_municipality(address, None, None).map(|(_, typed, _)| typed)
}

/// A ward name at the start of the text: a few characters ending in 区, before any digit.
fn starts_with_ward(text: &str) -> bool {
    text.chars()
        .take(6)
        .take_while(|c| !c.is_ascii_digit())
        .any(|c| c == '区')
}

/// (municipality, the typed text naming it, the rest) of the longest match.
fn split_at_municipality(
    address: &str,
    prefecture: Option<Prefecture>,
    day: Option<Date>,
) -> Option<(&'static Municipality, &str, &str)> {
    let address = address.trim();
    // 広島市… begins with the short name 広島 too: the text as typed is tried before the short
    // name is dropped, after the full name (広島県広島市…).
    let prefixes: Vec<&str> = match prefecture {
        Some(p) => vec![p.name(), "", p.short_name()],
        None => std::iter::once("")
            .chain(Prefecture::all().map(Prefecture::name))
            .collect(),
    };
    prefixes.into_iter().find_map(|prefix| {
        let base = address.strip_prefix(prefix)?.trim_start();
        // 西多摩郡瑞穂町… : after a county only a town or village can follow.
        let county = base
            .char_indices()
            .take(6)
            .find(|(i, c)| *c == '郡' && *i > 0)
            .and_then(|(i, c)| base.get(i + c.len_utf8()..));
        [Some(base), county].into_iter().flatten().find_map(|rest| {
            let after_county = !std::ptr::eq(rest, base);
            let key = match_key(rest);
            // Every name the text can start with, looked up by its key: a few hash lookups
            // instead of a pass over the whole list.
            let index = municipality_index();
            let m = key
                .char_indices()
                .skip(1)
                .map(|(i, _)| i)
                .chain(std::iter::once(key.len()))
                .take(index.longest_name_chars)
                .filter_map(|end| key.get(..end).and_then(|head| index.by_key.get(head)))
                .flatten()
                .filter_map(|&i| index.all.get(i))
                .filter(|m| prefecture.is_none_or(|p| m.prefecture == p))
                .filter(|m| m.kind != MunicipalityKind::Prefecture && m.in_force_on(day))
                .filter(|m| {
                    !after_county
                        || matches!(m.kind, MunicipalityKind::Town | MunicipalityKind::Village)
                })
                .max_by_key(|m| (m.name.len(), m.is_current()))?;
            // match_key replaces characters one for one, so the name's length in characters
            // is the length of its match in the typed text.
            let chars = m.name.chars().count();
            let at = rest
                .char_indices()
                .nth(chars)
                .map_or(rest.len(), |(i, _)| i);
            Some((m, rest.get(..at)?, rest.get(at..)?))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefectures_by_code_name_and_romaji() {
        let tokyo = Prefecture::from_number(13).unwrap();
        for s in [
            "13",
            "東京都",
            "東京",
            "Tokyo",
            "tokyo-to",
            "TOKYO",
            "１３",
            "Tōkyō",
        ] {
            assert_eq!(Prefecture::parse(s), Some(tokyo), "{s}");
        }
        assert_eq!(Prefecture::parse("京都").map(Prefecture::number), Some(26));
        assert_eq!(Prefecture::parse("大阪").map(Prefecture::number), Some(27));
        assert_eq!(Prefecture::parse("北海道").map(Prefecture::number), Some(1));
        assert_eq!(
            Prefecture::parse("Hokkaido").map(Prefecture::number),
            Some(1)
        );
        assert_eq!(Prefecture::parse("1").map(Prefecture::number), Some(1));
        assert_eq!(Prefecture::parse("48"), None);
        assert_eq!(Prefecture::parse("00"), None);
        assert_eq!(Prefecture::parse("東京府"), None);
        assert_eq!(Prefecture::all().count(), 47);
        assert_eq!(tokyo.code(), "13");
        assert_eq!(tokyo.name(), "東京都");
    }

    #[test]
    fn every_prefecture_row_is_complete() {
        let table = prefecture_table();
        assert_eq!(table.len(), 47);
        for (i, p) in table.iter().enumerate() {
            assert_eq!(p.code, format!("{:02}", i + 1));
            assert!(p.name.ends_with(['都', '道', '府', '県']));
            assert_eq!(
                Prefecture::parse(&p.romaji).map(|x| usize::from(x.number())),
                Some(i + 1)
            );
            assert_eq!(
                Prefecture::parse(&p.short_name).map(|x| usize::from(x.number())),
                Some(i + 1)
            );
        }
    }

    #[test]
    fn check_digit_example_of_the_spec() {
        assert_eq!(check_digit("13101"), Some(6));
        assert!(is_valid_local_government_code("131016"));
        assert!(!is_valid_local_government_code("131017"));
        assert!(!is_valid_local_government_code("13101"));
        assert!(is_valid_secondary_medical_area("1301"));
        assert!(!is_valid_secondary_medical_area("4801"));
    }

    #[test]
    fn every_municipality_line_parses_and_has_a_valid_check_digit() {
        let lines: Vec<&str> = MUNICIPALITIES_TSV
            .lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .collect();
        assert!(lines.len() > 1_800, "only {} entries", lines.len());
        for line in &lines {
            let m = parse_municipality_line(line);
            assert!(m.is_some(), "unparseable line {line:?}");
            let m = m.unwrap();
            assert!(
                is_valid_local_government_code(&m.code),
                "bad check digit: {line}"
            );
            assert_eq!(m.code.get(..2), Some(m.prefecture.code().as_str()));
        }
        assert_eq!(municipalities().len(), lines.len());
        let mut sorted = municipalities().to_vec();
        sorted.sort_by(|a, b| a.code.cmp(&b.code));
        assert_eq!(sorted, municipalities());
    }

    fn day(y: i32, m: u8, d: u8) -> Option<Date> {
        Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).ok()
    }

    #[test]
    fn an_abolished_ward_is_accepted_before_its_end_and_refused_after() {
        let shizuoka = Prefecture::from_number(22).unwrap();
        let on_last_day = find_municipality(shizuoka, "浜松市中区", day(2023, 12, 31));
        assert_eq!(on_last_day.map(|m| m.code.as_str()), Ok("221317"));
        match find_municipality(shizuoka, "浜松市中区", day(2024, 1, 1)) {
            Err(MunicipalityError::NotInForce {
                municipality,
                successors,
            }) => {
                assert_eq!(municipality.code, "221317");
                let names: Vec<&str> = successors.iter().map(|m| m.name.as_str()).collect();
                assert_eq!(names, ["浜松市中央区", "浜松市浜名区", "浜松市天竜区"]);
            }
            other => panic!("expected NotInForce, got {other:?}"),
        }
        // The new ward did not exist before 2024; 天竜区 did, under another code.
        assert!(matches!(
            find_municipality(shizuoka, "浜松市中央区", day(2023, 6, 1)),
            Err(MunicipalityError::NotInForce { .. })
        ));
        let tenryu = |d| find_municipality(shizuoka, "浜松市天竜区", d).map(|m| m.code.as_str());
        assert_eq!(tenryu(day(2023, 6, 1)), Ok("221376"));
        assert_eq!(tenryu(day(2024, 6, 1)), Ok("221406"));
        assert_eq!(tenryu(None), Ok("221406"));
    }

    #[test]
    fn every_change_since_2020_has_its_dates_in_order() {
        let changed: Vec<&Municipality> = municipalities()
            .iter()
            .filter(|m| m.valid_from.is_some() || m.valid_until.is_some())
            .collect();
        assert_eq!(
            changed.len(),
            10,
            "the Hamamatsu reorganisation of 2024-01-01"
        );
        let start = day(2020, 5, 29).unwrap();
        for m in changed {
            assert!(m.valid_from.is_none_or(|f| f > start), "{}", m.name);
            assert!(m.valid_until.is_none_or(|u| u >= start), "{}", m.name);
        }
    }

    #[test]
    fn an_address_in_one_box_splits_at_the_municipality() {
        let p = |n| Prefecture::from_number(n).unwrap();
        let split =
            |n, s| split_municipality(p(n), s, None).map(|(m, rest)| (m.name.as_str(), rest));
        assert_eq!(
            split(13, "千代田区神田駿河台4-6"),
            Some(("千代田区", "神田駿河台4-6"))
        );
        assert_eq!(
            split(13, "東京都千代田区 神田駿河台4-6"),
            Some(("千代田区", "神田駿河台4-6"))
        );
        assert_eq!(
            split(1, "札幌市中央区北1条西2丁目"),
            Some(("札幌市中央区", "北1条西2丁目"))
        );
        assert_eq!(
            split(12, "鎌ヶ谷市新鎌ケ谷1-1"),
            Some(("鎌ケ谷市", "新鎌ケ谷1-1"))
        );
        assert_eq!(split(13, "千代田区"), None);
        assert_eq!(split(13, "どこか1-2"), None);
    }

    #[test]
    fn municipalities_of_a_prefecture() {
        let p = |n| Prefecture::from_number(n).unwrap();
        assert_eq!(
            find_municipality(p(13), "千代田区", None).map(|m| m.code.as_str()),
            Ok("131016")
        );
        assert_eq!(
            find_municipality(p(13), "東京都千代田区", None).map(|m| m.code.as_str()),
            Ok("131016")
        );
        assert!(find_municipality(p(1), "札幌市", None).is_ok());
        assert_eq!(
            find_municipality(p(1), "札幌市中央区", None).map(|m| m.kind),
            Ok(MunicipalityKind::Ward)
        );
        assert_eq!(
            find_municipality(p(13), "西多摩郡瑞穂町", None).map(|m| m.name.as_str()),
            Ok("瑞穂町")
        );
        assert!(find_municipality(p(7), "郡山市", None).is_ok());
        assert!(matches!(
            find_municipality(p(14), "千代田区", None),
            Err(MunicipalityError::InOtherPrefecture(_))
        ));
        assert!(matches!(
            find_municipality(p(13), "千代田区神田駿河台4-6", None),
            Err(MunicipalityError::ContainsMore { .. })
        ));
        assert_eq!(
            find_municipality(p(13), "どこでも市", None),
            Err(MunicipalityError::Unknown)
        );
        assert_eq!(
            find_municipality(p(12), "鎌ヶ谷市", None).map(|m| m.name.as_str()),
            Ok("鎌ケ谷市")
        );
    }
}
