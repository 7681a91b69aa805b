//! The comparison keys of the leak scan (docs/domain.md §6.4): what a masked value and a public
//! text are reduced to before one is searched for in the other, so that a value typed in disguise
//! is still found. Where the line is drawn, with examples: docs/choices.md — "Masking leaks: where
//! the line is drawn".
//!
//! Every key starts from [`clean`]: invisible and format characters dropped, NFKC, digits of every
//! script as ASCII. Then:
//!
//! - [`text_key`] — names and addresses: kanji numerals as digits, address notations
//!   (`4丁目6番地`, `4の6`) as `4-6`, case, white space, brackets and quotes gone, separators between
//!   digits as `-`, variant kanji (`髙` → `高`) and confusable letters (Unicode's UTS #39 skeleton)
//!   folded.
//! - [`email_key`] — the text key after the spellings people use to dodge address harvesters
//!   (`(at)`, ` at `, `%40`, `★`, `アットマーク`, `[dot]`, `ドット`) are read back as `@` and `.`.
//! - [`code_key`] — identifiers: letters and digits only, skeleton-folded.
//! - [`numbers`] — phone and postal digits as typed, number by number.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::text::is_dash;

const KANJI_VARIANTS_TSV: &str = include_str!("../data/kanji_variants.tsv");

/// Characters that show nothing, or only modify a neighbour: format characters (Cf: zero-width
/// space and joiners, BOM, word joiner, soft hyphen, bidi controls), non-spacing and enclosing
/// marks (Mn, Me: combining accents, variation selectors) and the other default-ignorable code
/// points (Hangul fillers; DerivedCoreProperties.txt, Default_Ignorable_Code_Point).
pub fn is_invisible(c: char) -> bool {
    // Fast paths for the text of a Japanese form (docs/benchmarks.md, "Sample postings,
    // streamed"): below U+0300 only the soft hyphen is Cf (marks start at U+0300); kana and the
    // CJK ideographs are letters, but for the two combining voicing marks.
    match u32::from(c) {
        0..=0x2FF => return c == '\u{AD}',
        0x3041..=0x3098 | 0x309B..=0x30FF | 0x4E00..=0x9FFF => return false,
        _ => {}
    }
    matches!(
        c.general_category(),
        GeneralCategory::Format | GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
    ) || matches!(
        c,
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2065}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// The kana voicing marks (゛ ゜ as combining characters): kept through NFKC so that `か` + `゛`
/// composes to `が`, dropped afterwards when they stand alone.
fn is_kana_voicing(c: char) -> bool {
    matches!(c, '\u{3099}' | '\u{309A}')
}

/// The value of a decimal digit of any script (Unicode Nd: Arabic-Indic `٣`, Devanagari `३`,
/// full-width, mathematical). Unicode encodes every Nd digit in runs of ten, `0` first, so the
/// value is the number of Nd characters just before it, modulo 10.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    // Kana and CJK ideographs are no Nd digits (kanji numerals are read elsewhere).
    if matches!(u32::from(c), 0x3041..=0x30FF | 0x4E00..=0x9FFF)
        || c.general_category() != GeneralCategory::DecimalNumber
    {
        return None;
    }
    // Unicode's runs of Nd are at most 50 long (the mathematical digits).
    let before = (1..=60u32)
        .take_while(|k| {
            u32::from(c)
                .checked_sub(*k)
                .and_then(char::from_u32)
                .is_some_and(|p| p.general_category() == GeneralCategory::DecimalNumber)
        })
        .count();
    u32::try_from(before % 10).ok()
}

/// Step one of every key: invisible characters dropped (also inside a composed character: NFKD
/// first), NFKC, stray marks dropped, every decimal digit as ASCII.
pub fn clean(s: &str) -> String {
    // Text of plain characters comes out of the NFKD → NFKC round trip unchanged (see
    // `is_plain`): most of what a Japanese form holds, taken without the normalisation tables.
    if s.chars().all(is_plain) {
        return s.to_owned();
    }
    round_trip(s)
}

/// A text after [`clean`], as characters: where every key of it starts, so that a text searched
/// in several ways (names, e-mail addresses, IDs, numbers) is cleaned once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned(Vec<char>);

impl Cleaned {
    /// [`clean`]s `s`.
    pub fn new(s: &str) -> Self {
        if s.chars().all(is_plain) {
            return Self(s.chars().collect());
        }
        Self(round_trip(s).chars().collect())
    }

    /// Its [`text_keys`].
    pub fn text_keys(&self) -> Keys {
        keys_of(&self.0, key_of_clean)
    }

    /// Its [`email_keys`].
    pub fn email_keys(&self) -> Keys {
        keys_of(&self.0, email_key_of_clean)
    }

    /// Its [`code_keys`].
    pub fn code_keys(&self) -> Keys {
        keys_of(&self.0, code_key_of_clean)
    }

    /// Its [`numbers`].
    pub fn numbers(&self) -> Numbers {
        numbers_of_clean(&self.0)
    }
}

/// Characters every key step takes as they are (docs/benchmarks.md, "Issue 14", item 1):
/// ASCII, the CJK punctuation Japanese text uses, kana and the CJK unified ideographs. Each is its
/// own NFKC form, is no invisible character, mark or digit of another script, and composes with no
/// plain neighbour (kana compose only with the voicing marks U+3099/U+309A, which are not plain).
/// Other letters may not be: `Š` decomposes to `S` and a caron, which the round trip drops — a
/// fast path for them would key `Š` and `S` apart. Checked character by character by a test.
fn is_plain(c: char) -> bool {
    matches!(
        u32::from(c),
        0..=0x7F
            | 0x3001..=0x3006
            | 0x3008..=0x3020
            | 0x3041..=0x3096
            | 0x309D..=0x309E
            | 0x30A0..=0x30FE
            | 0x4E00..=0x9FFF
    )
}

/// [`clean`] the long way, for any text: NFKD, invisible characters dropped, NFKC.
fn round_trip(s: &str) -> String {
    s.chars()
        .nfkd()
        .filter(|&c| is_kana_voicing(c) || !is_invisible(c))
        .nfkc()
        .filter(|&c| !is_invisible(c))
        .map(|c| {
            digit_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect()
}

/// A kanji numeral's digit (`〇` and `零` are 0; `壱弐参` as in legal writing).
fn kanji_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壱' => 1,
        '二' | '弐' => 2,
        '三' | '参' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn kanji_unit(c: char) -> Option<u32> {
    match c {
        '十' | '拾' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// Kanji numerals as ASCII digits, digit by digit (`〇三` → `03`, `二〇二〇` → `2020`). With
/// `by_value`, a run holding 十, 百 or 千 right before an address word (丁目, 番, 号, の) is read
/// by value (`四十二番` → `42番`, `十丁目` → `10丁目`, `百五` → `105`); elsewhere 十, 百 and 千 stay as
/// they are (`九十九里` → `9十9里`), so that the key of a part of a text is a part of the text's key.
pub fn kanji_numerals_as_digits(chars: &[char], by_value: bool) -> Cow<'_, [char]> {
    // Most text holds none: borrowed as it is.
    if !chars
        .iter()
        .any(|&c| kanji_digit(c).is_some() || kanji_unit(c).is_some())
    {
        return Cow::Borrowed(chars);
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if kanji_digit(c).is_none() && kanji_unit(c).is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while chars
            .get(i)
            .is_some_and(|&c| kanji_digit(c).is_some() || kanji_unit(c).is_some())
        {
            i += 1;
        }
        let run = chars.get(start..i).unwrap_or_default();
        let before_address_word = ["丁目", "番", "号", "の"]
            .iter()
            .any(|w| starts_with_at(chars, i, w));
        if by_value && before_address_word && run.iter().any(|&c| kanji_unit(c).is_some()) {
            // By value: each unit multiplies the digit before it (1 when none).
            let (mut total, mut pending) = (0u32, None::<u32>);
            for &c in run {
                if let Some(d) = kanji_digit(c) {
                    pending = Some(pending.unwrap_or(0) * 10 + d);
                } else if let Some(u) = kanji_unit(c) {
                    total += pending.take().unwrap_or(1) * u;
                }
            }
            total += pending.unwrap_or(0);
            out.extend(total.to_string().chars());
        } else {
            out.extend(run.iter().map(|&c| {
                kanji_digit(c)
                    .and_then(|d| char::from_digit(d, 10))
                    .unwrap_or(c)
            }));
        }
    }
    Cow::Owned(out)
}

/// The first code point that may be a variant kanji (CJK Extension A).
const KANJI_VARIANTS_FROM: u32 = 0x3400;

/// Variant kanji (itaiji) and the one character each is folded to, generated from Unicode's
/// Unihan variant data (core/data/SOURCES.md — kanji_variants.tsv).
fn kanji_variant(c: char) -> char {
    // The table holds no character below CJK Extension A (a test checks).
    if u32::from(c) < KANJI_VARIANTS_FROM {
        return c;
    }
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        KANJI_VARIANTS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.chars().next()?, b.chars().next()?))
            })
            .collect()
    });
    table.get(&c).copied().unwrap_or(c)
}

/// Brackets and quotes of every kind (`（）【】「」［］〔〕〈〉《》｛｝` …): Unicode's open, close,
/// initial and final punctuation.
pub fn is_bracket(c: char) -> bool {
    // Fast paths: in ASCII only `( ) [ ] { }`; kana and the CJK ideographs are none.
    match u32::from(c) {
        0..=0x7F => return matches!(c, '(' | ')' | '[' | ']' | '{' | '}'),
        0x3041..=0x30FF | 0x4E00..=0x9FFF => return false,
        _ => {}
    }
    matches!(
        c.general_category(),
        GeneralCategory::OpenPunctuation
            | GeneralCategory::ClosePunctuation
            | GeneralCategory::InitialPunctuation
            | GeneralCategory::FinalPunctuation
    )
}

/// Separators people put between groups of digits besides dashes (after NFKC): `・ ･ / , . 、`.
pub fn is_digit_separator(c: char) -> bool {
    matches!(
        c,
        '・' | '･' | '/' | ',' | '.' | '、' | '。' | '\u{2027}' | '\u{00B7}'
    )
}

/// Words of a Japanese address that stand between its numbers (`4丁目6番地7号`, `4番地の6`,
/// `4の6`): read as `-`. Longest first.
const ADDRESS_WORDS: [&str; 7] = ["丁目", "番地の", "番地", "番の", "番", "号", "の"];

fn starts_with_at(chars: &[char], i: usize, pattern: &str) -> bool {
    (i..)
        .zip(pattern.chars())
        .all(|(j, p)| chars.get(j) == Some(&p))
}

/// The key of a name or an address (module docs). Case, white space and brackets are gone, every
/// dash is `-`; kanji numerals are digits and the words between an address's numbers are `-`
/// (`神田駿河台四丁目六番` → `神田駿河台4-6`); variant kanji and confusable letters are folded.
pub fn text_key(s: &str) -> String {
    text_keys(s).0
}

/// How cased letters of other scripts (Greek, Cyrillic …) meet the skeleton. No one rule fits
/// both ways a value is disguised: a Greek `υ` looks like `u` but its capital `Υ` like `Y`, so a
/// masked `υ` typed as `Υ` in public text is found only by comparing capitals, while a Latin `v`
/// typed as a Greek `ν` (capital `Ν`) only as typed. The scan compares both ways where a value
/// has such letters (docs/choices.md, "Masking leaks: where the line is drawn").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fold {
    /// Lower case first, except capitals of other scripts, skeleton-folded as they are (a
    /// Cyrillic `М` is `M`, a Greek `υ` is `u`).
    AsTyped,
    /// Every cased letter of another script skeleton-folded as its capital (`υ` and `Υ` are `y`).
    ByCapital,
}

/// Whether cleaned text has cased letters of scripts other than Latin (full-width Latin is
/// Latin by then): only then do the two [`Fold`]s give different keys.
fn has_other_script_letters(chars: &[char]) -> bool {
    chars
        .iter()
        .any(|c| !c.is_ascii() && (c.is_lowercase() || c.is_uppercase()))
}

/// A key [`Fold::AsTyped`], and [`Fold::ByCapital`] where that differs (`None`: the same).
pub type Keys = (String, Option<String>);

fn keys_of(chars: &[char], key: impl Fn(&[char], Fold) -> String) -> Keys {
    let as_typed = key(chars, Fold::AsTyped);
    let by_capital = has_other_script_letters(chars).then(|| key(chars, Fold::ByCapital));
    (as_typed, by_capital)
}

/// [`text_key`] both ways ([`Fold`]).
pub fn text_keys(s: &str) -> Keys {
    Cleaned::new(s).text_keys()
}

fn key_of_clean(chars: &[char], fold: Fold) -> String {
    // White space and brackets go first, so that `九 十九里` reads as `九十九里` does.
    let hidden = |c: &char| c.is_whitespace() || is_bracket(*c);
    let visible: Cow<'_, [char]> = if chars.iter().any(hidden) {
        Cow::Owned(chars.iter().copied().filter(|c| !hidden(c)).collect())
    } else {
        Cow::Borrowed(chars)
    };
    // Dashes as `-`; variant kanji folded.
    let mut plain = kanji_numerals_as_digits(&visible, true).into_owned();
    for c in &mut plain {
        *c = if is_dash(*c) { '-' } else { kanji_variant(*c) };
    }
    // Between digits: separators and address words as `-`; a `-` after a digit and before no
    // digit dropped (`4丁目6番地で` → `4-6で`, as `4-6` is written).
    let mut out: Vec<char> = Vec::with_capacity(plain.len());
    let mut i = 0;
    while let Some(&c) = plain.get(i) {
        let after_digit = out.last().is_some_and(char::is_ascii_digit);
        if after_digit {
            if is_digit_separator(c) && plain.get(i + 1).is_some_and(char::is_ascii_digit) {
                out.push('-');
                i += 1;
                continue;
            }
            if let Some(word) = ADDRESS_WORDS.iter().find(|w| starts_with_at(&plain, i, w)) {
                let len = word.chars().count();
                // `の` only between numbers (`4の6`); the other words also end an address.
                if *word != "の" || plain.get(i + len).is_some_and(char::is_ascii_digit) {
                    out.push('-');
                    i += len;
                    continue;
                }
            }
        }
        if c == '-' && out.last() == Some(&'-') {
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    let mut folded: Vec<char> = Vec::with_capacity(out.len());
    for (j, &c) in out.iter().enumerate() {
        if c == '-'
            && j > 0
            && out.get(j - 1).is_some_and(char::is_ascii_digit)
            && !out.get(j + 1).is_some_and(char::is_ascii_digit)
        {
            continue;
        }
        folded.push(c);
    }
    skeleton(&folded, fold)
}

/// UTS #39 skeleton, case-insensitive. Letters are lower-cased first (`I` is `i`, not the `l` it
/// is confusable with), except capitals of other scripts, which are skeleton-folded first: a
/// Cyrillic `М` is a Latin `M`, while its small `м` looks like no Latin letter.
fn skeleton(chars: &[char], fold: Fold) -> String {
    if chars.iter().all(|&c| is_plain(c)) {
        return plain_skeleton(chars);
    }
    unicode_skeleton(chars, fold)
}

/// [`skeleton`] of plain characters ([`is_plain`]), character by character from a table: each
/// one's skeleton starts with a character of combining class 0, so nothing reorders across
/// neighbours and the skeleton of the text is the skeletons of its characters, one after the
/// other (both checked by tests). Plain characters are ASCII or uncased, so [`Fold`] changes
/// nothing.
fn plain_skeleton(chars: &[char]) -> String {
    let table = plain_skeleton_table();
    let mut out = String::with_capacity(chars.len() * 3);
    for &c in chars {
        let exception = plain_index(c)
            .and_then(|i| table.index.get(i))
            .and_then(|&e| usize::from(e).checked_sub(1))
            .and_then(|e| table.skeletons.get(e));
        match exception {
            Some(skeleton) => out.push_str(skeleton),
            None => out.push(c),
        }
    }
    out
}

/// The ranges of [`is_plain`] characters' table, one after the other: (first, last).
const PLAIN_TABLE_RANGES: [(u32, u32); 3] = [(0, 0x7F), (0x3000, 0x30FF), (0x4E00, 0x9FFF)];

/// A plain character's place in [`PlainSkeletons::index`].
fn plain_index(c: char) -> Option<usize> {
    let code = u32::from(c);
    let mut offset = 0;
    for (first, last) in PLAIN_TABLE_RANGES {
        if (first..=last).contains(&code) {
            return usize::try_from(offset + code - first).ok();
        }
        offset += last - first + 1;
    }
    None
}

/// The skeletons of plain characters that are not themselves.
struct PlainSkeletons {
    /// For each character of [`PLAIN_TABLE_RANGES`]: 0 when its skeleton is itself, else
    /// 1 + its place in `skeletons`.
    index: Vec<u16>,
    skeletons: Vec<String>,
}

fn plain_skeleton_table() -> &'static PlainSkeletons {
    static TABLE: OnceLock<PlainSkeletons> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = PlainSkeletons {
            index: Vec::new(),
            skeletons: Vec::new(),
        };
        for code in PLAIN_TABLE_RANGES.into_iter().flat_map(|(a, b)| a..=b) {
            let skeleton = char::from_u32(code)
                .filter(|&c| is_plain(c))
                .map(|c| (c, unicode_skeleton(&[c], Fold::AsTyped)))
                .filter(|(c, key)| key.chars().ne(std::iter::once(*c)));
            let entry = match skeleton {
                Some((_, key)) => {
                    table.skeletons.push(key);
                    u16::try_from(table.skeletons.len()).unwrap_or(0)
                }
                None => 0,
            };
            table.index.push(entry);
        }
        table
    })
}

/// [`skeleton`] of any text, by Unicode's tables.
fn unicode_skeleton(chars: &[char], fold: Fold) -> String {
    let mut pre = String::with_capacity(chars.len());
    for &c in chars {
        if fold == Fold::ByCapital && !c.is_ascii() && c.is_lowercase() {
            let capital: String = c.to_uppercase().collect();
            pre.extend(unicode_security::skeleton(&capital).flat_map(char::to_lowercase));
        } else if !c.is_ascii() && c.is_uppercase() {
            let mut buf = [0u8; 4];
            pre.extend(
                unicode_security::skeleton(c.encode_utf8(&mut buf)).flat_map(char::to_lowercase),
            );
        } else {
            pre.extend(c.to_lowercase());
        }
    }
    unicode_security::skeleton(&pre)
        .flat_map(char::to_lowercase)
        .collect()
}

/// What people write instead of `@` (bracketed, between spaces, or as they are).
const AT_WORDS: [&str; 8] = [
    "at",
    "a",
    "@",
    "アットマーク",
    "あっとまーく",
    "@マーク",
    "アット",
    "あっと",
];
/// What people write instead of `.`.
const DOT_WORDS: [&str; 5] = ["dot", "ドット", "どっと", ".", "てん"];
/// Written as they are, with nothing around them, instead of `@`.
const AT_BARE: [&str; 9] = [
    "アットマーク",
    "あっとまーく",
    "@マーク",
    "アット",
    "あっと",
    "%40",
    "&#64;",
    "★",
    "☆",
];
/// Written as they are instead of `.`.
const DOT_BARE: [&str; 5] = ["ドット", "どっと", "%2e", "&#46;", "。"];

/// The key an e-mail address is searched for in: the text key after the obfuscations of `@` and
/// `.` are read back (module docs).
pub fn email_key(s: &str) -> String {
    email_keys(s).0
}

/// [`email_key`] both ways ([`Fold`]).
pub fn email_keys(s: &str) -> Keys {
    Cleaned::new(s).email_keys()
}

fn email_key_of_clean(original: &[char], fold: Fold) -> String {
    // Matched in lower case, copied as typed (a Cyrillic capital stays one for the skeleton).
    let chars: Vec<char> = original
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    'scan: while let Some(&c) = chars.get(i) {
        // `(at)`, `[dot]`, `【アット】`: a bracketed word.
        if is_bracket(c) {
            for (words, to) in [(&AT_WORDS[..], '@'), (&DOT_WORDS[..], '.')] {
                for w in words {
                    let mut j = i + 1;
                    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                        j += 1;
                    }
                    if !starts_with_at(&chars, j, w) {
                        continue;
                    }
                    j += w.chars().count();
                    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                        j += 1;
                    }
                    if chars.get(j).is_some_and(|&c| is_bracket(c)) {
                        out.push(to);
                        i = j + 1;
                        continue 'scan;
                    }
                }
            }
        }
        // ` at `, ` dot `: a word between spaces.
        if c.is_whitespace() {
            for (w, to) in [("at", '@'), ("dot", '.')] {
                let end = i + 1 + w.len();
                if starts_with_at(&chars, i + 1, w)
                    && chars.get(end).is_some_and(|c| c.is_whitespace())
                {
                    out.push(to);
                    i = end + 1;
                    continue 'scan;
                }
            }
        }
        for (words, to) in [(&AT_BARE[..], '@'), (&DOT_BARE[..], '.')] {
            if let Some(w) = words.iter().find(|w| starts_with_at(&chars, i, w)) {
                out.push(to);
                i += w.chars().count();
                continue 'scan;
            }
        }
        out.push(original.get(i).copied().unwrap_or(c));
        i += 1;
    }
    key_of_clean(&out, fold)
}

/// The key of an identifier (the facility ID): letters and digits only, every dash-like
/// character (`ー` included) dropped, skeleton-folded (`GМ13` with a Cyrillic `М` is `GM13`).
pub fn code_key(s: &str) -> String {
    code_keys(s).0
}

/// [`code_key`] both ways ([`Fold`]).
pub fn code_keys(s: &str) -> Keys {
    Cleaned::new(s).code_keys()
}

fn code_key_of_clean(chars: &[char], fold: Fold) -> String {
    let chars = kanji_numerals_as_digits(chars, false);
    let kept: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| is_alphanumeric(*c) && !is_dash(*c))
        .collect();
    skeleton(&kept, fold)
        .chars()
        .filter(|c| is_alphanumeric(*c))
        .collect()
}

/// [`char::is_alphanumeric`], with a fast path for kana and the CJK ideographs (letters, but for
/// `゠` and `・`; a test checks every one).
fn is_alphanumeric(c: char) -> bool {
    match u32::from(c) {
        0x3041..=0x3096 | 0x309D..=0x309E | 0x30A1..=0x30FA | 0x30FC..=0x30FE | 0x4E00..=0x9FFF => {
            true
        }
        _ => c.is_alphanumeric(),
    }
}

/// The numbers of a text as typed ([`numbers`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Numbers {
    /// Digits joined by dashes, white space or brackets (`０３（３２９２）００００`, `〒101-0062`,
    /// `+81 3 3292 0000`); anything else ends a number, so a date `2020/01/15` is three.
    pub joined: Vec<String>,
    /// The same numbers in chains: numbers separated by `・ ･ / , . 、` alone are one chain
    /// (`101・0062`, `03/3292/0000`, `2020/01/15`).
    pub chains: Vec<Vec<String>>,
}

impl Numbers {
    /// Whether `digits` occurs in a joined number (docs/choices.md: inside a longer number too).
    pub fn contain(&self, digits: &str) -> bool {
        self.joined.iter().any(|n| n.contains(digits))
    }

    /// Whether `digits` occurs in a chain read as one number (phone-length needles only: a
    /// chained date is at most eight digits).
    pub fn contain_chained(&self, digits: &str) -> bool {
        self.chains.iter().any(|c| c.concat().contains(digits))
    }

    /// Whether two neighbours of a chain end in `head` and start with `tail` (a postal code typed
    /// `101・0062` or `〒101/0062`; a date never splits 3 + 4 there).
    pub fn contain_pair(&self, head: &str, tail: &str) -> bool {
        self.chains.iter().any(|c| {
            c.windows(2)
                .any(|w| matches!(w, [a, b] if a.ends_with(head) && b.starts_with(tail)))
        })
    }
}

/// The numbers of a text ([`Numbers`]), after [`clean`] and with kanji numerals as digits
/// (`〒一〇一－〇〇六二`).
pub fn numbers(s: &str) -> Numbers {
    Cleaned::new(s).numbers()
}

fn numbers_of_clean(chars: &[char]) -> Numbers {
    let chars = kanji_numerals_as_digits(chars, false);
    let mut out = Numbers::default();
    let mut chain: Vec<String> = Vec::new();
    let mut current = String::new();
    // Whether a chain separator has been seen since the current number ended.
    let mut separated = false;
    for &c in chars.iter() {
        if c.is_ascii_digit() {
            if separated && !current.is_empty() {
                chain.push(std::mem::take(&mut current));
            }
            separated = false;
            current.push(c);
        } else if is_dash(c) || c.is_whitespace() || is_bracket(c) {
            // Joins the number, unless a chain separator came first.
        } else if is_digit_separator(c) && !current.is_empty() {
            separated = true;
        } else {
            if !current.is_empty() {
                chain.push(std::mem::take(&mut current));
            }
            if !chain.is_empty() {
                out.joined.extend(chain.iter().cloned());
                out.chains.push(std::mem::take(&mut chain));
            }
            separated = false;
        }
    }
    if !current.is_empty() {
        chain.push(current);
    }
    if !chain.is_empty() {
        out.joined.extend(chain.iter().cloned());
        out.chains.push(chain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `is_invisible` and `digit_value` without their fast paths.
    fn invisible_by_category(c: char) -> bool {
        matches!(
            c.general_category(),
            GeneralCategory::Format
                | GeneralCategory::NonspacingMark
                | GeneralCategory::EnclosingMark
        ) || matches!(
            c,
            '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2065}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}'
        )
    }

    #[test]
    fn fast_paths_agree_with_unicode_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_invisible(c), invisible_by_category(c), "{c:?}");
            let nd = c.general_category() == GeneralCategory::DecimalNumber;
            assert_eq!(digit_value(c).is_some(), nd || c.is_ascii_digit(), "{c:?}");
            let bracket = matches!(
                c.general_category(),
                GeneralCategory::OpenPunctuation
                    | GeneralCategory::ClosePunctuation
                    | GeneralCategory::InitialPunctuation
                    | GeneralCategory::FinalPunctuation
            );
            assert_eq!(is_bracket(c), bracket, "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// What `is_plain` promises, character by character: its own NFKC form (quick check too), no
    /// invisible character or digit of another script, unchanged by the round trip, a starter;
    /// and a skeleton that starts with a starter, so skeletons concatenate.
    #[test]
    fn plain_characters_are_what_the_fast_paths_assume() {
        use unicode_normalization::char::canonical_combining_class;
        let plain: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
            .collect();
        assert!(plain.len() > 21_000, "{}", plain.len());
        assert!(plain_skeleton_table().skeletons.len() < usize::from(u16::MAX));
        for c in plain {
            let one = c.to_string();
            assert_eq!(
                unicode_normalization::is_nfkc_quick(one.chars()),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(round_trip(&one), one, "{c:?}");
            assert!(
                !is_invisible(c) && canonical_combining_class(c) == 0,
                "{c:?}"
            );
            assert!(c.is_ascii() || digit_value(c).is_none(), "{c:?}");
            assert!(!c.is_lowercase() || c.is_ascii(), "{c:?} has a case");
            assert!(!c.is_uppercase() || c.is_ascii(), "{c:?} has a case");
            let key = unicode_skeleton(&[c], Fold::AsTyped);
            assert_eq!(key, unicode_skeleton(&[c], Fold::ByCapital), "{c:?}");
            assert!(
                key.chars()
                    .next()
                    .is_none_or(|k| canonical_combining_class(k) == 0),
                "{c:?} → {key:?}"
            );
        }
    }

    #[test]
    fn no_variant_kanji_below_the_fast_path() {
        for line in KANJI_VARIANTS_TSV.lines().filter(|l| !l.starts_with('#')) {
            let c = line.chars().next().map_or(0, u32::from);
            assert!(c >= KANJI_VARIANTS_FROM, "{line}");
        }
    }

    proptest! {
        #[test]
        fn clean_is_the_nfkc_round_trip(s in "[a-zA-Z0-9 \\-@.あ-んア-ンヷ-ヺｱ-ﾝ一-龥０-９٠-٩\u{200B}\u{FEFF}\u{AD}\u{301}\u{3099}\u{309B}\u{FE0F}（）〒−ーŠéÅǅΥυΆДй߿\u{F900}-\u{F90F}㈱①]{0,24}") {
            prop_assert_eq!(clean(&s), round_trip(&s));
        }

        #[test]
        fn clean_is_the_nfkc_round_trip_for_any_text(s in "\\PC{0,16}") {
            prop_assert_eq!(clean(&s), round_trip(&s));
        }

        #[test]
        fn plain_text_skeletons_concatenate(s in "[\\x00-\\x7F\u{3001}-\u{3006}\u{3008}-\u{3020}\u{3041}-\u{3096}\u{309D}\u{309E}\u{30A0}-\u{30FE}\u{4E00}-\u{9FFF}]{0,24}") {
            let chars: Vec<char> = s.chars().collect();
            prop_assert!(chars.iter().all(|&c| is_plain(c)));
            prop_assert_eq!(clean(&s), round_trip(&s));
            for fold in [Fold::AsTyped, Fold::ByCapital] {
                prop_assert_eq!(skeleton(&chars, fold), unicode_skeleton(&chars, fold));
            }
        }

        #[test]
        fn plain_text_skeletons_concatenate_with_common_ones(s in "[a-zA-Z0-9 lIrnmー一口ロエ工カ力タ夕ト卜ハ八ニ二がぱヴゞ・〜「」、。（）]{0,24}") {
            let chars: Vec<char> = s.chars().collect();
            for fold in [Fold::AsTyped, Fold::ByCapital] {
                prop_assert_eq!(skeleton(&chars, fold), unicode_skeleton(&chars, fold));
            }
        }
    }

    #[test]
    fn invisible_characters_are_dropped() {
        for s in [
            "千代\u{200B}田中央病院",
            "千\u{200D}代田\u{FEFF}中央\u{2060}病院",
            "千代田\u{00AD}中央\u{202E}病院\u{202C}",
            "千代田\u{FE0F}中央\u{E0100}病院",
            "千代田\u{0301}中央病院",
        ] {
            assert_eq!(text_key(s), text_key("千代田中央病院"), "{s:?}");
        }
        assert_eq!(clean("か\u{3099}"), "が");
        assert_eq!(clean("ｶﾞ"), "ガ");
    }

    #[test]
    fn digits_of_every_script() {
        assert_eq!(clean("٠٣-٣٢٩٢"), "03-3292");
        assert_eq!(clean("०३"), "03");
        assert_eq!(clean("𝟎𝟑"), "03");
        assert_eq!(clean("０３"), "03");
        assert_eq!(digit_value('𝟗'), Some(9));
        assert_eq!(digit_value('a'), None);
    }

    #[test]
    fn kanji_numerals() {
        let k = |s: &str| {
            kanji_numerals_as_digits(&s.chars().collect::<Vec<_>>(), true)
                .iter()
                .collect::<String>()
        };
        assert_eq!(k("〇三ー三二九二"), "03ー3292");
        assert_eq!(k("四十二番"), "42番");
        assert_eq!(k("十番"), "10番");
        assert_eq!(k("百五の六"), "105の6");
        assert_eq!(k("二〇二〇年"), "2020年");
        assert_eq!(k("九十九里町"), "9十9里町");
        // A part of a text has a part of the text's key (white space goes first).
        assert!(
            text_key("千葉県九十九里町神田駿河台1-1")
                .contains(&text_key("九 十九里町神田駿河台1-1"))
        );
        assert_eq!(text_key("九 十九里町"), text_key("九十九里町"));
    }

    #[test]
    fn address_notations_meet() {
        let street = text_key("神田駿河台4-6");
        for s in [
            "神田駿河台4丁目6番地",
            "神田駿河台四丁目六番",
            "神田駿河台4の6",
            "神田駿河台4番地の6",
            "神田駿河台４・６",
            "神田駿河台【4】-6",
        ] {
            assert!(text_key(s).contains(&street), "{s}");
        }
        assert!(!text_key("神田駿河台四丁目").contains(&street));
    }

    #[test]
    fn variants_and_confusables() {
        assert_eq!(text_key("髙橋"), text_key("高橋"));
        assert_eq!(text_key("山﨑"), text_key("山崎"));
        assert_eq!(text_key("渡邊"), text_key("渡辺"));
        assert_eq!(text_key("jinjі@exаmple.jp"), text_key("jinji@example.jp"));
        assert_eq!(code_key("GМ13-004217"), code_key("GM13004217"));
    }

    #[test]
    fn email_obfuscations() {
        let e = text_key("jinji@example.jp");
        for s in [
            "jinji(at)example(dot)jp",
            "jinji at example dot jp",
            "jinji [at] example [dot] jp",
            "jinji%40example.jp",
            "jinji★example.jp",
            "jinji☆example．jp",
            "jinji＠マークexample.jp",
            "jinjiアットマークexampleドットjp",
        ] {
            assert!(email_key(s).contains(&e), "{s}");
        }
    }

    #[test]
    fn numbers_and_chains() {
        let n = numbers("〒101・0062 2020/01/15 〇三（三二九二）〇〇〇〇");
        assert!(n.contain_pair("101", "0062"));
        assert!(n.contain("0332920000"));
        assert!(!n.contain("1010062"));
        assert!(!n.contain_pair("2020", "0115"));
        let n = numbers("2010/10/06 2開設");
        assert!(!n.contain("1010062") && !n.contain_pair("101", "0062"));
        assert!(numbers("03・3292・0000").contain_chained("332920000"));
    }
}
