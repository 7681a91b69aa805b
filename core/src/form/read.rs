//! From JSON to the parts of a form: one field at a time, normalising as people type, and
//! recording a finding for every field that cannot be read — never stopping at the first.

use std::borrow::Cow;

use time::Date;

use super::fields::{self, label_en, label_ja};
use super::raw::Raw;
use super::{DutyKind, FacilityType, PassiveSmoking, SalaryBasis};
use crate::finding::{Code, Finding};
use crate::occupation::Occupation;
use crate::places::Prefecture;
use crate::text::{self, DateError, NumberError, PhoneError, PhoneNumber, PostalCode, TypedTime};

/// A field as read: absent (or null, or empty text), unreadable (a finding says why), or a value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Invalid,
    Value(T),
}

impl<T> Slot<T> {
    pub(crate) fn value(&self) -> Option<&T> {
        match self {
            Slot::Value(v) => Some(v),
            _ => None,
        }
    }
    pub(crate) fn into_value(self) -> Option<T> {
        match self {
            Slot::Value(v) => Some(v),
            _ => None,
        }
    }
    pub(crate) fn is_absent(&self) -> bool {
        matches!(self, Slot::Absent)
    }
}

/// Everything read from a form, before the rules that relate fields to each other.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    /// The date whose official municipality list applies (a posting's registration date); the
    /// employment start when `None`.
    pub as_of: Option<Date>,
    pub masking_requested: bool,
    pub facility_id: Slot<String>,
    pub facility_name: Slot<String>,
    pub facility_type: Slot<FacilityType>,
    pub facility_prefecture: Slot<Prefecture>,
    pub occupation: Slot<Occupation>,
    pub openings: Slot<u16>,
    pub postal_code: Slot<PostalCode>,
    pub workplace_prefecture: Slot<Prefecture>,
    pub municipality: Slot<String>,
    pub street_address: Slot<String>,
    pub workplace_facility_name: Slot<String>,
    pub start_date: Slot<Date>,
    pub end_date: Slot<Date>,
    pub trial_period_weeks: Slot<u16>,
    pub duty_kinds: Slot<Vec<DutyKind>>,
    pub other_detail: Slot<String>,
    pub specifics: Slot<String>,
    pub salary_basis: Slot<SalaryBasis>,
    pub amount_yen: Slot<u32>,
    pub trial_amount_yen: Slot<u32>,
    pub start_time: Slot<TypedTime>,
    pub end_time: Slot<TypedTime>,
    pub break_minutes: Slot<u16>,
    pub holidays: Slot<String>,
    pub overtime: bool,
    pub insurance_employment: bool,
    pub insurance_workers_accident: bool,
    pub insurance_health: bool,
    pub insurance_pension: bool,
    pub insurance_other: Slot<String>,
    pub passive_smoking: Slot<PassiveSmoking>,
    pub passive_smoking_detail: Slot<String>,
    pub notes: Slot<String>,
    pub contact_name: Slot<String>,
    pub contact_address: Slot<String>,
    pub phone: Slot<PhoneNumber>,
    pub extension: Slot<String>,
    pub application_phone: Slot<PhoneNumber>,
    pub fax: Slot<PhoneNumber>,
    pub email: Slot<String>,
    pub listed_hello_work: bool,
    pub listed_women_doctors_bank: bool,
    pub listed_nurse_center: bool,
    pub listed_other: Slot<String>,
}

impl Parts {
    /// The text of a text field as read so far, by its catalogue path (`None`: absent, invalid,
    /// or not a text field).
    pub fn text_at(&self, path: &str) -> Option<&str> {
        match path {
            "facility.id" => text(&self.facility_id),
            "facility.name" => text(&self.facility_name),
            "workplace.postal_code" => self.postal_code.value().map(PostalCode::as_str),
            "workplace.municipality" => text(&self.municipality),
            "workplace.street_address" => text(&self.street_address),
            "workplace.facility_name" => text(&self.workplace_facility_name),
            "duties.other_detail" => text(&self.other_detail),
            "duties.specifics" => text(&self.specifics),
            "working_hours.holidays" => text(&self.holidays),
            "insurance.other" => text(&self.insurance_other),
            "passive_smoking_detail" => text(&self.passive_smoking_detail),
            "notes" => text(&self.notes),
            "contact.name" => text(&self.contact_name),
            "contact.address" => text(&self.contact_address),
            "contact.phone" => self.phone.value().map(PhoneNumber::as_str),
            "contact.extension" => text(&self.extension),
            "contact.application_phone" => self.application_phone.value().map(PhoneNumber::as_str),
            "contact.fax" => self.fax.value().map(PhoneNumber::as_str),
            "contact.email" => text(&self.email),
            "existing_listings.other" => text(&self.listed_other),
            _ => None,
        }
    }
}

fn text(slot: &Slot<String>) -> Option<&str> {
    slot.value().map(String::as_str)
}

/// Quotes what was typed for a message, shortened; personal fields are never quoted.
fn quote(path: &str, raw: &str) -> (String, String) {
    // What masking may hide, and the never-public facility ID, is never echoed in a message:
    // its shape is, digits and letters as `#` and `*`, so the clerk still sees what is wrong
    // (`##-####-###a` is not shown: `##-####-###*`; a stray `内線` or bracket is).
    let masked = super::fields::sensitivity(path) != super::fields::Sensitivity::Public;
    let redacted: String;
    let raw = if masked {
        redacted = raw
            .chars()
            .map(|c| {
                if c.is_numeric() {
                    '#'
                } else if c.is_alphabetic() && !is_label_char(c) {
                    '*'
                } else {
                    c
                }
            })
            .collect();
        redacted.as_str()
    } else {
        raw
    };
    let mut shown: String = raw.chars().take(40).collect();
    if raw.chars().count() > 40 {
        shown.push('…');
    }
    (
        format!(" (got {shown:?})"),
        format!("（入力値：「{shown}」）"),
    )
}

/// Kanji of the labels people write in a phone or postal box (内線, 電話, 代表, 〒 …): kept when
/// a masked value's shape is quoted, since they carry no personal data.
fn is_label_char(c: char) -> bool {
    "内線電話番号代表直通携帯〒".contains(c)
}

/// Required-field and type findings, worded once.
pub(crate) fn required(path: &str) -> Finding {
    Finding::error(
        path,
        Code::Required,
        format!("{} is required", label_en(path)),
        format!("{}を入力してください", label_ja(path)),
    )
}

fn wrong_type(path: &str, expected_en: &str, expected_ja: &str, got: &Raw<'_>) -> Finding {
    let kind = match got {
        Raw::Bool(_) => "a boolean",
        Raw::Int(_) | Raw::UInt(_) | Raw::Float(_) => "a number",
        Raw::Str(_) => "text",
        Raw::Array(_) => "a list",
        Raw::Object(_) => "an object",
        Raw::Null => "null",
    };
    Finding::error(
        path,
        Code::Format,
        format!("{} must be {expected_en}, not {kind}", label_en(path)),
        format!("{}は{expected_ja}で入力してください", label_ja(path)),
    )
}

/// The pairs of a JSON object.
pub(crate) type Pairs<'a> = [(Cow<'a, str>, Raw<'a>)];

fn get<'a>(pairs: &'a Pairs<'a>, key: &str) -> Option<&'a Raw<'a>> {
    Raw::get(pairs, key)
}

pub(crate) struct Reader {
    pub findings: Vec<Finding>,
}

impl Reader {
    fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }

    /// The object at `path`, reporting keys the form does not know. Absent → an empty object,
    /// so its required fields are reported one by one (useful to a per-field UI).
    fn object<'a>(&mut self, value: Option<&'a Raw<'a>>, path: &str) -> Option<&'a Pairs<'a>> {
        match value {
            None | Some(Raw::Null) => Some(&[]),
            Some(Raw::Object(map)) => {
                self.unknown_keys(map, path);
                Some(map)
            }
            Some(other) => {
                self.push(wrong_type(path, "an object", "オブジェクト", other));
                None
            }
        }
    }

    fn unknown_keys(&mut self, map: &Pairs<'_>, path: &str) {
        for (key, _) in map {
            if !known(path, key) {
                let full = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                let shown: String = key.chars().take(40).collect();
                self.push(Finding::error(
                    full,
                    Code::UnknownValue,
                    format!("unknown field {shown:?}: the form has no such field (mistyped?)"),
                    format!("登録票にない項目です：「{shown}」（項目名の誤りではありませんか）"),
                ));
            }
        }
    }

    /// A string, trimmed; `Absent` when missing, null or empty.
    fn raw_text<'a>(&mut self, value: Option<&'a Raw<'a>>, path: &str) -> Slot<&'a str> {
        match value {
            None | Some(Raw::Null) => Slot::Absent,
            Some(Raw::Str(s)) => match text::trimmed(s.as_ref()) {
                Some(t) => Slot::Value(t),
                None => Slot::Absent,
            },
            Some(other) => {
                self.push(wrong_type(path, "text", "文字列", other));
                Slot::Invalid
            }
        }
    }

    fn check_length(&mut self, path: &str, s: &str) {
        if let Some(max) = fields::max_chars(path) {
            let len = s.chars().count();
            if len > max {
                self.push(Finding::error(
                    path,
                    Code::TooLong,
                    format!(
                        "{} is {len} characters long; at most {max} are allowed",
                        label_en(path)
                    ),
                    format!(
                        "{}は{max}文字以内で入力してください（現在{len}文字）",
                        label_ja(path)
                    ),
                ));
            }
        }
    }

    /// A single-line text field (NFKC, spaces collapsed).
    fn line(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<String> {
        match self.raw_text(value, path) {
            Slot::Value(s) => match text::clean_line(s) {
                Some(clean) => {
                    self.check_length(path, &clean);
                    Slot::Value(clean)
                }
                None => Slot::Absent,
            },
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    /// A free-text field (NFC, line breaks kept).
    fn free_text(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<String> {
        match self.raw_text(value, path) {
            Slot::Value(s) => match text::clean_free_text(s) {
                Some(clean) => {
                    self.check_length(path, &clean);
                    Slot::Value(clean)
                }
                None => Slot::Absent,
            },
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    fn require<T>(&mut self, slot: Slot<T>, path: &str) -> Slot<T> {
        if slot.is_absent() {
            self.push(required(path));
        }
        slot
    }

    /// A checkbox: absent or null is false; the paper's own words 有/無 (あり/なし, and
    /// 希望する/希望しない for masking) are read too — not English words, which are not guessed.
    fn boolean(&mut self, value: Option<&Raw<'_>>, path: &str) -> bool {
        match value {
            None | Some(Raw::Null) => false,
            Some(Raw::Bool(b)) => *b,
            Some(Raw::Str(s)) if yes_no(s).is_some() => yes_no(s).unwrap_or(false),
            Some(other) => {
                self.push(wrong_type(
                    path,
                    "true or false (or 有/無)",
                    "「有」「無」（true / false）",
                    other,
                ));
                false
            }
        }
    }

    /// A whole number in `min..=max`: a JSON number, or text as the paper form prints it —
    /// full-width, `2,500`, `2500.0`, with the box's unit (`2名`, `￥2,500`, `1時間30分`).
    /// Text that is no number is a `format` error quoting it; a number outside the range (`-1`,
    /// `0` openings, 20 digits) is a `range` error quoting it.
    fn number<T: TryFrom<i64>>(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<T> {
        // Every number field's unit and range is a row of the catalogue (`every_example_reads`
        // reads each); a path without one is no number field.
        let Some((unit, min, max)) = super::fields::number_kind(path) else {
            self.push(Finding::error(
                path,
                Code::Format,
                format!("{} is not a number field", label_en(path)),
                format!("{}は数値の項目ではありません", label_ja(path)),
            ));
            return Slot::Invalid;
        };
        let read = match value {
            None | Some(Raw::Null) => return Slot::Absent,
            Some(Raw::Int(i)) => Ok(*i),
            Some(Raw::UInt(_)) => Ok(i64::MAX),
            Some(Raw::Float(f)) => {
                if !f.is_finite() {
                    Err(NumberError::NotANumber)
                } else if f.fract() != 0.0 {
                    Err(NumberError::Fraction)
                } else if f.abs() < 9.0e15 {
                    // A whole number below 2^53 in magnitude: the cast is exact.
                    #[allow(clippy::cast_possible_truncation)]
                    Ok(*f as i64)
                } else {
                    // Far out of every range of the form: its exact value does not matter.
                    Ok(if *f < 0.0 { i64::MIN } else { i64::MAX })
                }
            }
            Some(Raw::Str(s)) => {
                let Some(t) = text::trimmed(s) else {
                    return Slot::Absent;
                };
                text::parse_quantity(t, unit)
            }
            Some(other) => {
                self.push(wrong_type(path, "a whole number", "整数", other));
                return Slot::Invalid;
            }
        };
        // The input as typed, quoted in a message: made only when there is one to write.
        let quoted = || {
            let typed = match value {
                Some(Raw::Str(s)) => text::trimmed(s).unwrap_or_default().to_owned(),
                Some(n) => n.number_text(),
                None => String::new(),
            };
            quote(path, &typed)
        };
        match read {
            Ok(i) if (min..=max).contains(&i) => T::try_from(i).map_or(Slot::Invalid, Slot::Value),
            Ok(_) => {
                let (en, ja) = quoted();
                self.push(Finding::error(
                    path,
                    Code::Range,
                    format!("{} must be between {min} and {max}{en}", label_en(path)),
                    format!(
                        "{}は{min}～{max}の範囲で入力してください{ja}",
                        label_ja(path)
                    ),
                ));
                Slot::Invalid
            }
            Err(NumberError::Fraction) => {
                let (en, ja) = quoted();
                self.push(Finding::error(
                    path,
                    Code::Format,
                    format!("{} must be a whole number{en}", label_en(path)),
                    format!("{}は整数で入力してください{ja}", label_ja(path)),
                ));
                Slot::Invalid
            }
            Err(NumberError::NotANumber) => {
                let (en, ja) = quoted();
                let (units_en, units_ja) = unit.written();
                let (unit_en, unit_ja) = if units_en.is_empty() {
                    (String::new(), String::new())
                } else {
                    (
                        format!(", optionally with {units_en}"),
                        format!("（単位「{units_ja}」は付けても構いません）"),
                    )
                };
                self.push(Finding::error(
                    path,
                    Code::Format,
                    format!("{} must be a number{unit_en}{en}", label_en(path)),
                    format!("{}は数値で入力してください{unit_ja}{ja}", label_ja(path)),
                ));
                Slot::Invalid
            }
        }
    }

    /// One value of a closed list, by its code or its Japanese label.
    fn choice<T: Copy>(
        &mut self,
        value: Option<&Raw<'_>>,
        path: &str,
        options: &[(T, &str, &str)],
    ) -> Slot<T> {
        match self.raw_text(value, path) {
            Slot::Value(s) => {
                // 「敷地内 禁煙」 spaced as the paper prints it is 敷地内禁煙.
                let n: String = text::nfkc(s)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let n = CHOICE_SYNONYMS
                    .iter()
                    .find(|(p, typed, _)| *p == path && *typed == n)
                    .map_or(n.as_str(), |(_, _, code)| *code);
                match options.iter().find(|(_, code, ja)| *code == n || *ja == n) {
                    Some((v, _, _)) => Slot::Value(*v),
                    None => {
                        let codes: Vec<&str> = options.iter().map(|(_, code, _)| *code).collect();
                        let labels: Vec<&str> = options.iter().map(|(_, _, ja)| *ja).collect();
                        let (en, ja) = quote(path, s);
                        self.push(Finding::error(
                            path,
                            Code::UnknownValue,
                            format!("{} must be one of {}{en}", label_en(path), codes.join(", ")),
                            format!(
                                "{}は「{}」のいずれかを選んでください{ja}",
                                label_ja(path),
                                labels.join("」「")
                            ),
                        ));
                        Slot::Invalid
                    }
                }
            }
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    fn prefecture(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<Prefecture> {
        if let Some(n @ (Raw::Int(_) | Raw::UInt(_) | Raw::Float(_))) = value {
            let number = if let Raw::Int(i) = n {
                u8::try_from(*i).ok()
            } else {
                None
            };
            return match number.and_then(Prefecture::from_number) {
                Some(p) => Slot::Value(p),
                None => self.unknown_prefecture(path, &n.number_text()),
            };
        }
        match self.raw_text(value, path) {
            Slot::Value(s) => match Prefecture::parse(s) {
                Some(p) => Slot::Value(p),
                None => self.unknown_prefecture(path, s),
            },
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    fn unknown_prefecture(&mut self, path: &str, raw: &str) -> Slot<Prefecture> {
        let (en, ja) = quote(path, raw);
        self.push(Finding::error(
            path,
            Code::UnknownValue,
            format!(
                "{} must be a prefecture: code 01–47, name or romaji{en}",
                label_en(path)
            ),
            format!(
                "{}は都道府県コード（01～47）または都道府県名で入力してください{ja}",
                label_ja(path)
            ),
        ));
        Slot::Invalid
    }

    fn date(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<Date> {
        match self.raw_text(value, path) {
            Slot::Value(s) => match text::parse_date(s) {
                Ok(d) => Slot::Value(d),
                Err(e) => {
                    let (en, ja) = quote(path, s);
                    let f = match e {
                        DateError::Format => {
                            // The end box may also say there is no end.
                            let (hint_en, hint_ja) = if path == "employment_period.end" {
                                (
                                    "; leave it empty or write 期間の定めなし for no fixed term",
                                    "。期間の定めがない場合は空欄か「期間の定めなし」としてください",
                                )
                            } else {
                                ("", "")
                            };
                            Finding::error(
                                path,
                                Code::Format,
                                format!(
                                    "{} must be a date such as 2020-06-01 or 令和2年6月1日{hint_en}{en}",
                                    label_en(path)
                                ),
                                format!(
                                    "{}は「2020-06-01」「令和2年6月1日」のような日付で入力してください{hint_ja}{ja}",
                                    label_ja(path)
                                ),
                            )
                        }
                        DateError::NoSuchDay => Finding::error(
                            path,
                            Code::Format,
                            format!("{}: there is no such day{en}", label_en(path)),
                            format!("{}：存在しない日付です{ja}", label_ja(path)),
                        ),
                        DateError::WrongWeekday { written, actual } => Finding::error(
                            path,
                            Code::Inconsistent,
                            format!(
                                "{}: the weekday ({written}) does not match the date, which is a {actual}曜日{en}",
                                label_en(path)
                            ),
                            format!(
                                "{}：曜日（{written}）が日付と合いません（この日は{actual}曜日です）{ja}",
                                label_ja(path)
                            ),
                        ),
                        DateError::OutsideEra(era) => Finding::error(
                            path,
                            Code::Range,
                            format!(
                                "{}: the date is outside the {} era{en}",
                                label_en(path),
                                era.name()
                            ),
                            format!("{}：{}の期間外の日付です{ja}", label_ja(path), era.name()),
                        ),
                    };
                    self.push(f);
                    Slot::Invalid
                }
            },
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    fn time(&mut self, value: Option<&Raw<'_>>, path: &str, is_end: bool) -> Slot<TypedTime> {
        match self.raw_text(value, path) {
            Slot::Value(s) => match text::parse_time(s) {
                Some(t) if !is_end && (t.next_day || t.time.is_midnight_end()) => {
                    let (en, ja) = quote(path, s);
                    self.push(Finding::error(
                        path,
                        Code::Range,
                        format!(
                            "{}: 24:00 and 翌 (next day) are for the end time only{en}",
                            label_en(path)
                        ),
                        format!(
                            "{}：24:00や「翌」は終了時刻にのみ使えます{ja}",
                            label_ja(path)
                        ),
                    ));
                    Slot::Invalid
                }
                Some(t) if t.next_day && t.time.is_midnight_end() => {
                    let (en, ja) = quote(path, s);
                    self.push(Finding::error(
                        path,
                        Code::Format,
                        format!("{}: write 翌0:00 or 24:00, not 翌24:00{en}", label_en(path)),
                        format!(
                            "{}：「翌24:00」ではなく「24:00」と入力してください{ja}",
                            label_ja(path)
                        ),
                    ));
                    Slot::Invalid
                }
                Some(t) => Slot::Value(t),
                None => {
                    let (en, ja) = quote(path, s);
                    self.push(Finding::error(
                        path,
                        Code::Format,
                        format!(
                            "{} must be a time such as 9:00, 16:30 or 9時30分{en}",
                            label_en(path)
                        ),
                        format!(
                            "{}は「9:00」「9時30分」のような時刻で入力してください{ja}",
                            label_ja(path)
                        ),
                    ));
                    Slot::Invalid
                }
            },
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    fn phone(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<PhoneNumber> {
        match self.phone_box(value, path, false) {
            Slot::Value((phone, _)) => Slot::Value(phone),
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    /// A phone number; with `with_extension`, the box 電話番号（内線番号）, whose extension
    /// (`03-3292-0000（内線215）`) is returned beside it. Errors quote what was typed.
    fn phone_box(
        &mut self,
        value: Option<&Raw<'_>>,
        path: &str,
        with_extension: bool,
    ) -> Slot<(PhoneNumber, Option<String>)> {
        match self.raw_text(value, path) {
            Slot::Value(s) => match if with_extension {
                crate::phone::parse_phone_box(s)
            } else {
                text::parse_phone(s).map(|p| (p, None))
            } {
                Ok(p) => Slot::Value(p),
                Err(e) => {
                    let (quote_en, quote_ja) = quote(path, s);
                    let (en, ja) = match e {
                        PhoneError::Characters => (
                            "may contain only digits, hyphens, spaces, parentheses and a leading +81".to_owned(),
                            "は数字・ハイフン・括弧・先頭の+81のみで入力してください".to_owned(),
                        ),
                        PhoneError::Prefix => (
                            "must be a Japanese number starting with 0 (or +81)".to_owned(),
                            "は0（または+81）から始まる国内の電話番号で入力してください".to_owned(),
                        ),
                        PhoneError::Length { expected, found } => (
                            format!("must have {expected} digits for its prefix (found {found})"),
                            format!("は{expected}桁で入力してください（{found}桁です）"),
                        ),
                        PhoneError::Extension => (
                            "has an extension marker (内線, ext.) without the extension's digits".to_owned(),
                            "の内線番号は数字で入力してください".to_owned(),
                        ),
                    };
                    self.push(Finding::error(
                        path,
                        Code::Format,
                        format!("{} {en}{quote_en}", label_en(path)),
                        format!("{}{ja}{quote_ja}", label_ja(path)),
                    ));
                    Slot::Invalid
                }
            },
            Slot::Absent => Slot::Absent,
            Slot::Invalid => Slot::Invalid,
        }
    }

    fn postal_code(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<PostalCode> {
        // A spreadsheet turns 1010062 into a number; 7 digits are still the code (a leading 0
        // it dropped leaves 6, which the rule refuses).
        let typed: String = match value {
            Some(Raw::Int(n)) => n.to_string(),
            _ => match self.raw_text(value, path) {
                Slot::Value(s) => s.to_owned(),
                Slot::Absent => return Slot::Absent,
                Slot::Invalid => return Slot::Invalid,
            },
        };
        match text::parse_postal_code(&typed) {
            Some(p) => Slot::Value(p),
            None => {
                let (en, ja) = quote(path, &typed);
                self.push(Finding::error(
                    path,
                    Code::Format,
                    format!("postal code must have 7 digits (NNN-NNNN){en}"),
                    format!("郵便番号は7桁で入力してください{ja}"),
                ));
                Slot::Invalid
            }
        }
    }

    fn email(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<String> {
        match self.line(value, path) {
            Slot::Value(s) => {
                let Some(email) = email_address(&s) else {
                    self.push(Finding::error(
                        path,
                        Code::Format,
                        "e-mail address is not valid (name@example.jp)",
                        "E-mailの形式が正しくありません（例：name@example.jp）",
                    ));
                    return Slot::Invalid;
                };
                Slot::Value(email)
            }
            other => other,
        }
    }

    fn extension(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<String> {
        let slot = match value {
            // An extension typed as a number is still an extension.
            Some(Raw::Int(n)) if *n >= 0 => Slot::Value(n.to_string()),
            _ => self.line(value, path),
        };
        match slot {
            // With or without its label: `内線：215`, `ext. 215`.
            Slot::Value(s) => match crate::phone::parse_extension(&s) {
                Some(digits) => Slot::Value(digits),
                None => {
                    let (en, ja) = quote(path, &s);
                    self.push(Finding::error(
                        path,
                        Code::Format,
                        format!("extension must be digits only{en}"),
                        format!("内線番号は数字のみで入力してください{ja}"),
                    ));
                    Slot::Invalid
                }
            },
            other => other,
        }
    }

    fn duty_kinds(&mut self, value: Option<&Raw<'_>>, path: &str) -> Slot<Vec<DutyKind>> {
        match value {
            None | Some(Raw::Null) => Slot::Absent,
            Some(Raw::Array(items)) => {
                let mut kinds = Vec::with_capacity(items.len());
                let mut invalid = false;
                for item in items {
                    match self.choice(Some(item), path, &DutyKind::ALL) {
                        Slot::Value(k) => kinds.push(k),
                        Slot::Absent => {}
                        Slot::Invalid => invalid = true,
                    }
                }
                // A set: canonical order, no repeats (a repeat adds nothing).
                kinds.sort();
                kinds.dedup();
                match (invalid, kinds.is_empty()) {
                    (true, _) => Slot::Invalid,
                    (false, true) => Slot::Absent,
                    (false, false) => Slot::Value(kinds),
                }
            }
            Some(other) => {
                self.push(wrong_type(
                    path,
                    "a list of duty kinds",
                    "選択肢の一覧",
                    other,
                ));
                Slot::Invalid
            }
        }
    }
}

/// The paper form's yes/no words (□有 □無), as a checkbox reads them.
fn yes_no(s: &str) -> Option<bool> {
    let n = text::nfkc(s);
    match n.trim() {
        "有" | "あり" | "有り" | "希望する" => Some(true),
        "無" | "なし" | "無し" | "希望しない" => Some(false),
        _ => None,
    }
}

/// Words a box of a number may hold for "none": no trial period, no break.
fn says_none(value: Option<&Raw<'_>>) -> bool {
    matches!(value, Some(Raw::Str(s)) if yes_no(s) == Some(false))
}

/// Other words clerks use for the choices of the form (the labels of DOMAIN-like paper forms and
/// of job sites), read as the choice's code (docs/choices.md "Reading input").
const CHOICE_SYNONYMS: [(&str, &str, &str); 11] = [
    ("facility.type", "クリニック", "clinic"),
    ("facility.type", "医院", "clinic"),
    ("salary.basis", "時間給", "hourly"),
    ("salary.basis", "時給制", "hourly"),
    ("salary.basis", "日当", "daily"),
    ("salary.basis", "日給制", "daily"),
    ("salary.basis", "月給制", "monthly"),
    ("passive_smoking", "敷地内全面禁煙", "premises_no_smoking"),
    ("passive_smoking", "屋内全面禁煙", "indoor_no_smoking"),
    ("passive_smoking", "喫煙室あり", "smoking_room"),
    ("passive_smoking", "喫煙室設置", "smoking_room"),
];

/// Words a clerk writes for an employment period with no end (期間の定めなし).
const OPEN_ENDED: [&str; 9] = [
    "期間の定めなし",
    "期間の定め無し",
    "期間の定めのない雇用",
    "定めなし",
    "定め無し",
    "なし",
    "無し",
    "無期",
    "無期限",
];

fn says_open_ended(value: &Raw<'_>) -> bool {
    match value {
        Raw::Str(s) => {
            let n = text::nfkc(s);
            let t: String = n.chars().filter(|c| !c.is_whitespace()).collect();
            OPEN_ENDED.contains(&t.as_str())
        }
        _ => false,
    }
}

/// Whether `key` is a field of the object at `object_path` (the lists built once from the field
/// catalogue).
fn known(object_path: &str, key: &str) -> bool {
    static KNOWN: std::sync::OnceLock<Vec<(&'static str, Vec<&'static str>)>> =
        std::sync::OnceLock::new();
    let lists = KNOWN.get_or_init(|| {
        let mut lists: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for f in fields::FIELDS {
            let (parent, key) = f.path.rsplit_once('.').unwrap_or(("", f.path));
            match lists.iter_mut().find(|(p, _)| *p == parent) {
                Some((_, keys)) => keys.push(key),
                None => lists.push((parent, vec![key])),
            }
        }
        lists
    });
    lists
        .iter()
        .find(|(parent, _)| super::raw::same_key(parent, object_path))
        .is_some_and(|(_, keys)| keys.iter().any(|k| super::raw::same_key(k, key)))
}

/// Reads every field of a form object. Cross-field rules come after, in `rules`.
pub(crate) fn read_form(form: &Pairs<'_>, as_of: Option<Date>) -> (Parts, Vec<Finding>) {
    let mut r = Reader {
        findings: Vec::new(),
    };
    let mut p = Parts {
        as_of,
        ..Parts::default()
    };
    r.unknown_keys(form, "");
    p.masking_requested = r.boolean(get(form, "masking_requested"), "masking_requested");

    if let Some(f) = r.object(get(form, "facility"), "facility") {
        let id = r.line(get(f, "id"), "facility.id");
        p.facility_id = r.require(id, "facility.id");
        let name = r.line(get(f, "name"), "facility.name");
        p.facility_name = r.require(name, "facility.name");
        let kind = r.choice(get(f, "type"), "facility.type", &FacilityType::ALL);
        p.facility_type = r.require(kind, "facility.type");
        let pref = r.prefecture(get(f, "prefecture"), "facility.prefecture");
        p.facility_prefecture = r.require(pref, "facility.prefecture");
    } else {
        (
            p.facility_id,
            p.facility_name,
            p.facility_type,
            p.facility_prefecture,
        ) = (Slot::Invalid, Slot::Invalid, Slot::Invalid, Slot::Invalid);
    }

    let occupation = match r.raw_text(get(form, "occupation"), "occupation") {
        Slot::Value(s) => match Occupation::parse(&text::nfkc(s)) {
            Some(o) => Slot::Value(o),
            None => {
                let codes: Vec<&str> = Occupation::all().map(Occupation::code).collect();
                let labels: Vec<&str> = Occupation::all().map(Occupation::name_ja).collect();
                let (en, ja) = quote("occupation", s);
                r.push(Finding::error(
                    "occupation",
                    Code::UnknownValue,
                    format!("occupation must be one of the 11: {}{en}", codes.join(", ")),
                    format!(
                        "募集職種は対象の11職種（{}）から1つ選んでください{ja}",
                        labels.join("・")
                    ),
                ));
                Slot::Invalid
            }
        },
        Slot::Absent => Slot::Absent,
        Slot::Invalid => Slot::Invalid,
    };
    if let Some(Raw::Array(_)) = get(form, "occupation") {
        // One form is one occupation (seed 000 ①): a list is refused with that reason.
        if let Some(last) = r.findings.last_mut()
            && last.path == "occupation"
        {
            last.message =
                "one form is for exactly one occupation: submit one form per occupation".into();
            last.message_ja =
                "募集職種は1つだけ選んでください（職種ごとに登録票を分けてください）".into();
        }
    }
    p.occupation = r.require(occupation, "occupation");
    let openings = r.number(get(form, "openings"), "openings");
    p.openings = r.require(openings, "openings");

    if let Some(w) = r.object(get(form, "workplace"), "workplace") {
        p.postal_code = r.postal_code(get(w, "postal_code"), "workplace.postal_code");
        let pref = r.prefecture(get(w, "prefecture"), "workplace.prefecture");
        p.workplace_prefecture = r.require(pref, "workplace.prefecture");
        let municipality = r.line(get(w, "municipality"), "workplace.municipality");
        p.municipality = r.require(municipality, "workplace.municipality");
        p.street_address = r.line(get(w, "street_address"), "workplace.street_address");
        p.workplace_facility_name = r.line(get(w, "facility_name"), "workplace.facility_name");
    } else {
        p.workplace_prefecture = Slot::Invalid;
        p.municipality = Slot::Invalid;
        p.postal_code = Slot::Invalid;
        p.street_address = Slot::Invalid;
        p.workplace_facility_name = Slot::Invalid;
    }

    if let Some(e) = r.object(get(form, "employment_period"), "employment_period") {
        let start = r.date(get(e, "start"), "employment_period.start");
        p.start_date = r.require(start, "employment_period.start");
        // The paper form lets the end stay empty, or say 期間の定めなし: an open-ended period.
        if !get(e, "end").is_some_and(says_open_ended) {
            p.end_date = r.date(get(e, "end"), "employment_period.end");
        }
    } else {
        (p.start_date, p.end_date) = (Slot::Invalid, Slot::Invalid);
    }

    // 試用期間 □有（　週間） □無: 無 is no trial period.
    let trial = get(form, "trial_period_weeks").filter(|v| !says_none(Some(v)));
    p.trial_period_weeks = r.number(trial, "trial_period_weeks");

    if let Some(d) = r.object(get(form, "duties"), "duties") {
        let kinds = r.duty_kinds(get(d, "kinds"), "duties.kinds");
        p.duty_kinds = r.require(kinds, "duties.kinds");
        p.other_detail = r.free_text(get(d, "other_detail"), "duties.other_detail");
        p.specifics = r.free_text(get(d, "specifics"), "duties.specifics");
    } else {
        (p.duty_kinds, p.other_detail, p.specifics) = (Slot::Invalid, Slot::Invalid, Slot::Invalid);
    }

    if let Some(s) = r.object(get(form, "salary"), "salary") {
        let basis = r.choice(get(s, "basis"), "salary.basis", &SalaryBasis::ALL);
        p.salary_basis = r.require(basis, "salary.basis");
        let amount = r.number(get(s, "amount_yen"), "salary.amount_yen");
        p.amount_yen = r.require(amount, "salary.amount_yen");
        p.trial_amount_yen = r.number(get(s, "trial_amount_yen"), "salary.trial_amount_yen");
    } else {
        (p.salary_basis, p.amount_yen, p.trial_amount_yen) =
            (Slot::Invalid, Slot::Invalid, Slot::Invalid);
    }

    if let Some(h) = r.object(get(form, "working_hours"), "working_hours") {
        let start = r.time(get(h, "start"), "working_hours.start", false);
        p.start_time = r.require(start, "working_hours.start");
        let end = r.time(get(h, "end"), "working_hours.end", true);
        p.end_time = r.require(end, "working_hours.end");
        // 休憩なし: no break, 0 minutes (the labour-law rule then judges it).
        let brk = if says_none(get(h, "break_minutes")) {
            Slot::Value(0)
        } else {
            r.number(get(h, "break_minutes"), "working_hours.break_minutes")
        };
        // Not stated is allowed (the paper form's box may stay empty); the labour-law rule
        // then asks for the break the shift needs.
        p.break_minutes = brk;
        p.holidays = r.free_text(get(h, "holidays"), "working_hours.holidays");
        p.overtime = r.boolean(get(h, "overtime"), "working_hours.overtime");
    } else {
        (p.start_time, p.end_time, p.break_minutes) = (Slot::Invalid, Slot::Invalid, Slot::Invalid);
    }

    if let Some(i) = r.object(get(form, "insurance"), "insurance") {
        p.insurance_employment = r.boolean(get(i, "employment"), "insurance.employment");
        p.insurance_workers_accident =
            r.boolean(get(i, "workers_accident"), "insurance.workers_accident");
        p.insurance_health = r.boolean(get(i, "health"), "insurance.health");
        p.insurance_pension = r.boolean(get(i, "pension"), "insurance.pension");
        p.insurance_other = r.line(get(i, "other"), "insurance.other");
    }

    let smoking = r.choice(
        get(form, "passive_smoking"),
        "passive_smoking",
        &PassiveSmoking::ALL,
    );
    // One checkbox on paper (□敷地内禁煙): empty is "not ticked", not an error.
    p.passive_smoking = smoking;
    p.passive_smoking_detail = r.free_text(
        get(form, "passive_smoking_detail"),
        "passive_smoking_detail",
    );
    p.notes = r.free_text(get(form, "notes"), "notes");

    if let Some(c) = r.object(get(form, "contact"), "contact") {
        let name = r.line(get(c, "name"), "contact.name");
        p.contact_name = r.require(name, "contact.name");
        p.contact_address = r.line(get(c, "address"), "contact.address");
        let phone_box = r.phone_box(get(c, "phone"), "contact.phone", true);
        let (phone, boxed_extension) = match phone_box {
            Slot::Value((phone, extension)) => (Slot::Value(phone), extension),
            Slot::Absent => (Slot::Absent, None),
            Slot::Invalid => (Slot::Invalid, None),
        };
        p.phone = r.require(phone, "contact.phone");
        p.extension = r.extension(get(c, "extension"), "contact.extension");
        // The extension written in the phone box moves to its own field; two different ones
        // cannot both be right.
        if let Some(boxed) = boxed_extension {
            match &p.extension {
                Slot::Absent => p.extension = Slot::Value(boxed),
                Slot::Value(given) if *given != boxed => {
                    r.push(Finding::error(
                        "contact.extension",
                        Code::Inconsistent,
                        "the phone number box carries a different extension than the extension field",
                        "電話番号の欄に書かれた内線番号と内線番号の欄が異なります",
                    ));
                    p.extension = Slot::Invalid;
                }
                _ => {}
            }
        }
        p.application_phone = r.phone(get(c, "application_phone"), "contact.application_phone");
        p.fax = r.phone(get(c, "fax"), "contact.fax");
        let email = r.email(get(c, "email"), "contact.email");
        p.email = r.require(email, "contact.email");
    } else {
        (p.contact_name, p.phone, p.email) = (Slot::Invalid, Slot::Invalid, Slot::Invalid);
    }

    if let Some(l) = r.object(get(form, "existing_listings"), "existing_listings") {
        p.listed_hello_work = r.boolean(get(l, "hello_work"), "existing_listings.hello_work");
        p.listed_women_doctors_bank = r.boolean(
            get(l, "women_doctors_bank"),
            "existing_listings.women_doctors_bank",
        );
        p.listed_nurse_center = r.boolean(get(l, "nurse_center"), "existing_listings.nurse_center");
        p.listed_other = r.line(get(l, "other"), "existing_listings.other");
    }

    (p, r.findings)
}

/// An e-mail address as the form accepts it, from a cleaned line (NFKC already folded what
/// Japanese IMEs leave 全角): the domain is case-insensitive, so it is written in lower case; the
/// local part is kept. `None` when it is no valid address. Shared with other readers of e-mail
/// (the fire HQ ID application).
pub(crate) fn email_address(s: &str) -> Option<String> {
    let email = match s.rsplit_once('@') {
        Some((local, domain)) => format!("{local}@{}", domain.to_ascii_lowercase()),
        None => s.to_owned(),
    };
    (!email.contains(' ') && is_html5_email(&email)).then_some(email)
}

/// The HTML5 "valid e-mail address" check of the `validator` crate, without its regexes on the
/// common path: a local part of `a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-` (at most 64 characters) and a
/// domain of dot-separated labels (letters, digits and inner hyphens, at most 63 characters each,
/// 255 in all). Only a domain that is no such name — an IP literal `[…]` or an internationalised
/// name — goes to `validator`, whose answer this always equals (`html5_email_agrees_with_validator`).
pub(crate) fn is_html5_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b));
    if !local_ok {
        // validator counts the local part in characters: a non-ASCII one fails its pattern
        // anyway, so the answer is the same.
        return false;
    }
    let label_ok = |label: &str| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= 63
            && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    };
    if domain.len() <= 255 && domain.split('.').all(label_ok) {
        return true;
    }
    use validator::ValidateEmail;
    email.validate_email()
}

#[cfg(test)]
mod tests {
    use super::is_html5_email;
    use proptest::prelude::*;
    use validator::ValidateEmail;

    /// Addresses built from the pieces where the two checks could part: every local character
    /// class, dots and hyphens at label ends, empty and over-long labels, IP literals,
    /// internationalised names, a second `@`, spaces.
    fn address() -> impl Strategy<Value = String> {
        let pieces =
            |clean: Vec<&'static str>, messy: Vec<&'static str>, len: std::ops::Range<usize>| {
                let all: Vec<&'static str> = clean.iter().chain(messy.iter()).copied().collect();
                prop_oneof![
                    3 => prop::collection::vec(prop::sample::select(clean), len.clone()),
                    1 => prop::collection::vec(prop::sample::select(all), len),
                ]
                .prop_map(|v| v.concat())
            };
        let local = pieces(
            vec!["a", "Z", "0", ".", "!", "#", "'", "+", "~", "-", "_"],
            vec![" ", "(", "\"", "あ", "@"],
            0..70,
        );
        let label = pieces(
            vec!["a", "B", "7", "-"],
            vec!["例", "ü", "_", "xn--"],
            0..66,
        );
        let domain = prop_oneof![
            prop::collection::vec(label, 1..5).prop_map(|v| v.join(".")),
            Just("[127.0.0.1]".to_owned()),
            Just("[::1]".to_owned()),
            Just("[300.1.1.1]".to_owned()),
            Just("例え.テスト".to_owned()),
        ];
        (local, domain).prop_map(|(l, d)| format!("{l}@{d}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn html5_email_agrees_with_validator(email in address()) {
            prop_assert_eq!(is_html5_email(&email), email.as_str().validate_email(), "{}", email);
        }
    }

    /// The generator reaches both answers often enough for the agreement to mean something.
    #[test]
    fn the_generator_makes_valid_and_invalid_addresses() {
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = address();
        let valid = (0..2000)
            .filter(|_| is_html5_email(&strategy.new_tree(&mut runner).unwrap().current()))
            .count();
        assert!((100..1900).contains(&valid), "{valid} of 2000 valid");
    }

    #[test]
    fn html5_email_examples() {
        for good in [
            "jinji@example.jp",
            "a.b+c@x-y.example.co.jp",
            "x@[127.0.0.1]",
            "u@例え.jp",
        ] {
            assert!(is_html5_email(good), "{good}");
        }
        for bad in [
            "jinji",
            "@example.jp",
            "a@-x.jp",
            "a@x-.jp",
            "a@x..jp",
            "a b@x.jp",
            "あ@x.jp",
        ] {
            assert!(!is_html5_email(bad), "{bad}");
        }
    }
}
