//! Places and codes (DOMAIN §4): prefectures (JIS X 0401), local government codes with their
//! check digit, municipalities, secondary medical area numbers. The tables are data files in
//! `core/data/` (sources in `core/data/SOURCES.md`), embedded at build time.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text;

const PREFECTURES_TSV: &str = include_str!("../data/prefectures.tsv");
const MUNICIPALITIES_TSV: &str = include_str!("../data/municipalities.tsv");

/// One of the 47 prefectures, by its JIS X 0401 code (1–47). Serialised as the two-digit string.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Prefecture(u8);

/// One row of the prefecture table.
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
                table.iter().position(|p| fold_romaji(&p.romaji) == folded)
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
        let s = String::deserialize(deserializer)?;
        Prefecture::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown prefecture {s:?}")))
    }
}

// ---------------------------------------------------------------------------------------------
// Local government codes

/// The check digit of a five-digit local government code (DOMAIN §4): weights 6,5,4,3,2; the
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
}

struct MunicipalityIndex {
    all: Vec<Municipality>,
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
    Some(Municipality {
        code,
        prefecture,
        name,
        kind,
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
        MunicipalityIndex {
            all,
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
}

/// Finds the municipality of `prefecture` named `name` (already cleaned). Accepts the official
/// name (`札幌市`, `札幌市中央区`), ヶ/ケ variants, a leading prefecture name (`東京都千代田区`),
/// a leading 郡 (`西多摩郡瑞穂町`), and a ward without its city where that is unique.
pub fn find_municipality(
    prefecture: Prefecture,
    name: &str,
) -> Result<&'static Municipality, MunicipalityError> {
    let index = municipality_index();
    let key = match_key(name).into_owned();
    let lookup = |k: &str| {
        index
            .by_key
            .get(k)?
            .iter()
            .filter_map(|&i| index.all.get(i))
            .find(|m| m.prefecture == prefecture)
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
    // The longest municipality of the prefecture the text starts with.
    let longest = index
        .all
        .iter()
        .filter(|m| m.prefecture == prefecture && m.kind != MunicipalityKind::Prefecture)
        .filter(|m| key.starts_with(match_key(&m.name).as_ref()))
        .max_by_key(|m| m.name.len());
    match longest {
        Some(municipality) => Err(MunicipalityError::ContainsMore { municipality }),
        None => Err(MunicipalityError::Unknown),
    }
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

    #[test]
    fn municipalities_of_a_prefecture() {
        let p = |n| Prefecture::from_number(n).unwrap();
        assert_eq!(
            find_municipality(p(13), "千代田区").map(|m| m.code.as_str()),
            Ok("131016")
        );
        assert_eq!(
            find_municipality(p(13), "東京都千代田区").map(|m| m.code.as_str()),
            Ok("131016")
        );
        assert!(find_municipality(p(1), "札幌市").is_ok());
        assert_eq!(
            find_municipality(p(1), "札幌市中央区").map(|m| m.kind),
            Ok(MunicipalityKind::Ward)
        );
        assert_eq!(
            find_municipality(p(13), "西多摩郡瑞穂町").map(|m| m.name.as_str()),
            Ok("瑞穂町")
        );
        assert!(find_municipality(p(7), "郡山市").is_ok());
        assert!(matches!(
            find_municipality(p(14), "千代田区"),
            Err(MunicipalityError::InOtherPrefecture(_))
        ));
        assert!(matches!(
            find_municipality(p(13), "千代田区神田駿河台4-6"),
            Err(MunicipalityError::ContainsMore { .. })
        ));
        assert_eq!(
            find_municipality(p(13), "どこでも市"),
            Err(MunicipalityError::Unknown)
        );
        assert_eq!(
            find_municipality(p(12), "鎌ヶ谷市").map(|m| m.name.as_str()),
            Ok("鎌ケ谷市")
        );
    }
}
