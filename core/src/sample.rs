//! A deterministic, seeded generator of realistic recruitment forms, for examples, tests and
//! benchmarks: all 47 prefectures and 11 occupations, real municipalities, Japanese names and
//! addresses, phones typed in the many ways people type them, and a share of messy (valid but
//! hand-typed) and invalid forms. Same seed, same forms, on every machine.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::form::Form;
use crate::occupation::Occupation;
use crate::places::{self, MunicipalityKind, Prefecture};

/// SplitMix64: tiny, fast, and the same on every platform (no dependency needed for this).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // The remainder is below `n`, so it fits in a usize.
        usize::try_from(self.next_u64() % n as u64).unwrap_or(n - 1)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        // The same draw as `below(hi - lo + 1)`; the remainder is at most `hi - lo`.
        let span = u64::from(hi - lo) + 1;
        lo + u32::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 1.0 < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// What the generator produces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleOptions {
    pub seed: u64,
    /// Share of forms with at least one error (0.0–1.0).
    pub invalid_share: f64,
    /// Share of valid forms typed messily (full-width, wareki, Japanese labels, odd phones).
    pub messy_share: f64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            seed: 20_200_529,
            invalid_share: 0.15,
            messy_share: 0.4,
        }
    }
}

const SURNAMES: [&str; 24] = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "髙橋",
    "山﨑",
    "森",
    "池田",
];
const GIVEN_NAMES: [&str; 16] = [
    "花子",
    "太郎",
    "陽子",
    "健一",
    "美咲",
    "翔太",
    "恵子",
    "大輔",
    "由美",
    "誠",
    "さくら",
    "直樹",
    "真由美",
    "拓也",
    "愛",
    "和也",
];
const HOSPITAL_SUFFIXES: [&str; 6] = [
    "中央病院",
    "市民病院",
    "総合病院",
    "医療センター",
    "記念病院",
    "赤十字病院",
];
const CLINIC_SUFFIXES: [&str; 5] = [
    "内科クリニック",
    "医院",
    "診療所",
    "ファミリークリニック",
    "内科・呼吸器科",
];
const BUILDINGS: [&str; 6] = [
    "北館1階 発熱外来",
    "本館2階",
    "東棟 検査室",
    "別館 PCRセンター",
    "南館3階 病棟",
    "外来棟",
];
const TOWN_PARTS: [&str; 10] = [
    "本町",
    "中央",
    "栄町",
    "緑町",
    "旭町",
    "昭和町",
    "駅前",
    "幸町",
    "新町",
    "城南",
];
const HOLIDAYS: [&str; 5] = [
    "シフト制（週2日）",
    "土日祝",
    "4週8休",
    "日曜・祝日",
    "応相談",
];
const SPECIFICS: [&str; 6] = [
    "内科",
    "呼吸器内科",
    "感染症科",
    "救急外来",
    "検体採取",
    "電話相談",
];
const NOTES: [&str; 5] = [
    "未経験可。感染管理研修あり。",
    "ブランクのある方も歓迎します。",
    "①週3日から可\n②夜勤できる方優遇",
    "面接はオンラインで行います。",
    "経験年数不問。",
];
const OCCUPATIONS: [&str; 11] = [
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

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' | '@' | '.' | '(' | ')' | ':' | '/' => {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
            }
            '-' => '－',
            c => c,
        })
        .collect()
}

/// Sets the value at a JSON pointer of the generated form (which has every object it names).
fn set(form: &mut Value, pointer: &str, value: Value) {
    if let Some(slot) = form.pointer_mut(pointer) {
        *slot = value;
    }
}

/// The generator: an endless, deterministic stream of forms.
#[derive(Debug, Clone)]
pub struct SampleGenerator {
    rng: Rng,
    options: SampleOptions,
    counter: u64,
    cities_by_prefecture: Vec<Vec<&'static str>>,
}

impl SampleGenerator {
    pub fn new(options: SampleOptions) -> SampleGenerator {
        let mut cities_by_prefecture = vec![Vec::new(); 48];
        for m in places::municipalities() {
            if m.kind != MunicipalityKind::Prefecture
                && m.kind != MunicipalityKind::DesignatedCity
                && m.always_in_force()
                && let Some(list) = cities_by_prefecture.get_mut(usize::from(m.prefecture.number()))
            {
                list.push(m.name.as_str());
            }
        }
        SampleGenerator {
            rng: Rng::new(options.seed),
            options,
            counter: 0,
            cities_by_prefecture,
        }
    }

    fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        self.rng.pick(items).copied().unwrap_or("")
    }

    fn phone(&mut self, messy: bool) -> (String, String) {
        // (digits, as typed)
        let area: &str = self.pick_str(&[
            "03", "06", "011", "052", "092", "0422", "0120", "090", "080", "0570",
        ]);
        let total = crate::text::expected_phone_length(&format!("{area}1")).unwrap_or(10);
        let mut digits = area.to_owned();
        // Subscriber numbers do not start with 0 (06-0… would read as the 060 prefix).
        digits.push(self.rng.pick(b"123456789").map_or('1', |&b| char::from(b)));
        while digits.len() < total {
            digits.push(self.rng.pick(b"0123456789").map_or('0', |&b| char::from(b)));
        }
        let lengths: [usize; 3] = match (area.len(), total) {
            (2, _) => [2, 4, 4],
            (3, 11) => [3, 4, 4],
            (3, _) => [3, 3, 4],
            (_, 11) => [4, 3, 4],
            _ if area == "0120" || area == "0570" => [4, 3, 3],
            _ => [4, 2, 4],
        };
        let mut at = 0;
        let [a, b, c] = lengths.map(|len| {
            let group = digits.get(at..at + len).unwrap_or("").to_owned();
            at += len;
            group
        });
        let typed = if !messy {
            format!("{a}-{b}-{c}")
        } else {
            match self.rng.below(6) {
                0 => fullwidth(&format!("{a}-{b}-{c}")),
                1 => format!("{a}({b}){c}"),
                2 => format!("+81 {} {b} {c}", a.get(1..).unwrap_or("")),
                3 => digits.clone(),
                4 => format!("{a}ー{b}ー{c}"),
                _ => fullwidth(&format!("{a}({b}){c}")),
            }
        };
        (digits, typed)
    }

    fn date(&mut self, y: i32, m: u32, d: u32, messy: bool) -> String {
        if !messy {
            return format!("{y:04}-{m:02}-{d:02}");
        }
        let reiwa = y - 2018;
        match self.rng.below(5) {
            0 => format!(
                "令和{}年{m}月{d}日",
                if reiwa == 1 {
                    "元".to_owned()
                } else {
                    reiwa.to_string()
                }
            ),
            1 => format!("R{reiwa}.{m}.{d}"),
            2 => format!("R{reiwa:02}/{m:02}/{d:02}"),
            3 => fullwidth(&format!("{y}/{m}/{d}")),
            _ => format!("{y}年{m}月{d}日"),
        }
    }

    /// One form as JSON.
    pub fn next_form(&mut self) -> Value {
        self.counter += 1;
        let messy = self.rng.chance(self.options.messy_share);
        let Some(prefecture) = u8::try_from(self.rng.range(1, 47))
            .ok()
            .and_then(Prefecture::from_number)
        else {
            return Value::Null;
        };
        let cities = self
            .cities_by_prefecture
            .get(usize::from(prefecture.number()))
            .cloned()
            .unwrap_or_default();
        let city = self.rng.pick(&cities).copied().unwrap_or("千代田区");
        let occupation = self.pick_str(&OCCUPATIONS);
        let kind = match self.rng.below(10) {
            0..=5 => "hospital",
            6..=8 => "clinic",
            _ => "public_health_center",
        };
        let city_stem = city.trim_end_matches(['市', '区', '町', '村']);
        let surname = self.pick_str(&SURNAMES);
        let facility_name = match kind {
            "hospital" => format!("{city_stem}{}", self.pick_str(&HOSPITAL_SUFFIXES)),
            "clinic" => format!("{surname}{}", self.pick_str(&CLINIC_SUFFIXES)),
            _ => format!("{city_stem}保健所"),
        };
        let duty = match (kind, occupation) {
            ("public_health_center", _) => vec!["public_health_center"],
            (_, "clerical") => vec!["other"],
            _ => match self.rng.below(4) {
                0 => vec!["general_internal_medicine_outpatient"],
                1 => vec!["returnee_contact_outpatient"],
                2 => vec!["mild_case_accommodation"],
                _ => vec![
                    "general_internal_medicine_outpatient",
                    "returnee_contact_outpatient",
                ],
            },
        };
        let other_detail = duty.contains(&"other").then_some("受付・電話対応");
        let (_, phone) = self.phone(messy);
        let month = self.rng.range(6, 12);
        let start = self.date(2020, month, 1, messy);
        let (end_month, end_day) = *self
            .rng
            .pick(&[(1, 31), (2, 28), (3, 31)])
            .unwrap_or(&(3, 31));
        let end = self.date(2021, end_month, end_day, messy);
        let (start_time, end_time, brk) = match self.rng.below(3) {
            0 => ("9:00", "17:30", 60),
            1 => ("16:30", "翌9:00", 120),
            _ => ("8:30", "17:15", 45),
        };
        let basis = self.pick_str(&["hourly", "daily", "monthly"]);
        let amount = match basis {
            "hourly" => self.rng.range(18, 60) * 100,
            "daily" => self.rng.range(15, 60) * 1000,
            _ => self.rng.range(25, 90) * 10_000,
        };
        let masking = self.rng.chance(0.3);
        let postal = format!(
            "{:03}-{:04}",
            self.rng.range(1, 999),
            self.rng.range(0, 9999)
        );
        let street = format!(
            "{}{}-{}-{}",
            self.pick_str(&TOWN_PARTS),
            self.rng.range(1, 5),
            self.rng.range(1, 30),
            self.rng.range(1, 20)
        );
        let contact = format!(
            "{} {}",
            self.pick_str(&SURNAMES),
            self.pick_str(&GIVEN_NAMES)
        );
        let prefecture_text = if messy {
            match self.rng.below(3) {
                0 => prefecture.name().to_owned(),
                1 => prefecture.romaji().to_owned(),
                _ => prefecture.code(),
            }
        } else {
            prefecture.code()
        };
        let occupation_text = if messy && self.rng.chance(0.3) {
            Occupation::parse(occupation)
                .map_or(occupation, Occupation::name_ja)
                .to_owned()
        } else {
            occupation.to_owned()
        };
        let email = format!(
            "recruit{}@hp{}.example.jp",
            self.counter,
            self.rng.range(1, 9999)
        );
        let mut form = json!({
            "masking_requested": masking,
            "facility": {"id": format!("GM{}-{:06}", prefecture.code(), self.rng.range(1, 999_999)),
                         "name": facility_name, "type": kind, "prefecture": prefecture_text},
            "occupation": occupation_text,
            "openings": self.rng.range(1, 5),
            "workplace": {"postal_code": if messy { format!("〒{}", fullwidth(&postal)) } else { postal },
                          "prefecture": prefecture_text, "municipality": city,
                          "street_address": street, "facility_name": self.pick_str(&BUILDINGS)},
            "employment_period": {"start": start, "end": end},
            "trial_period_weeks": null,
            "duties": {"kinds": duty, "other_detail": other_detail, "specifics": self.pick_str(&SPECIFICS)},
            "salary": {"basis": basis, "amount_yen": amount, "trial_amount_yen": null},
            "working_hours": {"start": if messy { fullwidth(start_time) } else { start_time.to_owned() },
                              "end": end_time, "break_minutes": brk,
                              "holidays": self.pick_str(&HOLIDAYS), "overtime": self.rng.chance(0.3)},
            "insurance": {"employment": true, "workers_accident": true, "health": true, "pension": true, "other": null},
            "passive_smoking": if self.rng.chance(0.9) { "premises_no_smoking" } else { "indoor_no_smoking" },
            "passive_smoking_detail": null,
            "notes": if self.rng.chance(0.5) { Value::from(self.pick_str(&NOTES)) } else { Value::Null },
            "contact": {"name": contact, "address": null, "phone": phone, "extension": if self.rng.chance(0.5) { Value::from(self.rng.range(100, 999).to_string()) } else { Value::Null },
                        "application_phone": null, "fax": null,
                        "email": if messy && self.rng.chance(0.3) { fullwidth(&email) } else { email }},
            "existing_listings": {"hello_work": self.rng.chance(0.5), "women_doctors_bank": occupation == "physician" && self.rng.chance(0.5),
                                  "nurse_center": self.rng.chance(0.3), "other": null},
        });
        if self.rng.chance(self.options.invalid_share) {
            self.break_form(&mut form);
        }
        form
    }

    /// Plants one realistic mistake.
    fn break_form(&mut self, form: &mut Value) {
        match self.rng.below(10) {
            0 => set(form, "/contact/phone", Value::from("03-1234-567")),
            1 => set(form, "/workplace/postal_code", Value::from("123-45")),
            2 => set(form, "/employment_period/start", Value::from("2021-12-31")),
            3 => set(form, "/openings", Value::from(0)),
            4 => {
                if let Some(f) = form.as_object_mut() {
                    f.remove("occupation");
                }
            }
            5 => set(form, "/contact/email", Value::from("recruit.example.jp")),
            6 => {
                set(form, "/masking_requested", Value::from(true));
                let name = form
                    .pointer("/facility/name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                set(form, "/notes", Value::from(format!("{name}での勤務です")));
            }
            7 => set(form, "/duties/kinds", json!(["icu"])),
            8 => set(
                form,
                "/employment_period/start",
                Value::from("令和1年4月30日"),
            ),
            _ => {
                if let Some(f) = form.as_object_mut() {
                    f.insert("remark".into(), Value::from("typo'd key"));
                }
            }
        }
    }
}

impl Iterator for SampleGenerator {
    type Item = Value;
    fn next(&mut self) -> Option<Value> {
        Some(self.next_form())
    }
}

/// `count` forms from `seed`, with the default shares of messy and invalid forms.
pub fn generate(seed: u64, count: usize) -> Vec<Value> {
    SampleGenerator::new(SampleOptions {
        seed,
        ..SampleOptions::default()
    })
    .take(count)
    .collect()
}

/// `count` postings (§11 JSON) from `seed`: valid forms in canonical form, registered between
/// 2020-05-29 and 2020-12-14; about 80 % open, the rest closed (filled, withdrawn, unpublished);
/// about 3 % re-registered by the same facility for the same occupation while the old posting
/// stays open (the G-MIS → Key-Net sync caveat). [`PostingGenerator`] gives the same postings
/// one at a time.
pub fn generate_postings(seed: u64, count: usize) -> Vec<Value> {
    PostingGenerator::new(seed).take(count).collect()
}

/// The postings of [`generate_postings`], one at a time: memory stays flat however many are
/// taken (docs/benchmarks.md, "Sample postings, streamed").
#[derive(Debug)]
pub struct PostingGenerator {
    forms: SampleGenerator,
    rng: Rng,
    opening_day: time::Date,
    made: usize,
    last_form: Option<Arc<Form>>,
    /// Forms validated ahead, in order (validation is the costly part: done for a chunk at a
    /// time on every core, see [`crate::batch::par_map`]).
    ready: std::collections::VecDeque<Arc<Form>>,
    threads: usize,
}

/// Forms validated at a time: enough to share among the cores, little to hold.
const FORMS_AHEAD: usize = 1024;

impl PostingGenerator {
    pub fn new(seed: u64) -> PostingGenerator {
        PostingGenerator {
            forms: SampleGenerator::new(SampleOptions {
                seed,
                invalid_share: 0.0,
                messy_share: 0.4,
            }),
            rng: Rng::new(seed ^ 0x005E_ED0F_9057),
            opening_day: time::Date::from_calendar_date(2020, time::Month::May, 29)
                .unwrap_or(time::Date::MIN),
            made: 0,
            last_form: None,
            ready: std::collections::VecDeque::new(),
            threads: crate::batch::thread_count(None).unwrap_or(1),
        }
    }

    /// The next valid form, normalised (a messy one is; none is invalid): the generator's forms
    /// in order, those that do not validate skipped.
    fn next_valid_form(&mut self) -> Arc<Form> {
        loop {
            if let Some(form) = self.ready.pop_front() {
                return form;
            }
            let raw: Vec<Value> = (&mut self.forms).take(FORMS_AHEAD).collect();
            let valid = |form: &Value| {
                crate::validate_value(form)
                    .ok()
                    .and_then(|v| v.into_valid().ok())
                    .map(|v| Arc::new(v.into_form()))
            };
            let validated = crate::batch::par_map(&raw, self.threads, valid)
                .unwrap_or_else(|_| raw.iter().map(valid).collect());
            self.ready.extend(validated.into_iter().flatten());
        }
    }

    /// The next posting, its form held once (a duplicate shares its predecessor's).
    fn next_posting(&mut self) -> SamplePosting {
        let rng = &mut self.rng;
        let registered_on = self.opening_day + time::Duration::days(rng.below(200) as i64);
        self.made += 1;
        let duplicate = rng.chance(0.03) && self.last_form.is_some();
        let form = match self.last_form.take().filter(|_| duplicate) {
            Some(previous_form) => previous_form,
            None => self.next_valid_form(),
        };
        let rng = &mut self.rng;
        let closed = (!duplicate && rng.chance(0.2)).then(|| {
            let reason = rng
                .pick(&["filled", "filled", "withdrawn", "unpublished"])
                .copied()
                .unwrap_or("filled");
            let closed_on = registered_on + time::Duration::days(rng.range(1, 60) as i64);
            (reason, closed_on)
        });
        self.last_form = Some(Arc::clone(&form));
        SamplePosting {
            number: self.made,
            registered_on,
            closed,
            form,
        }
    }
}

/// A generated posting as the sample writes it: `posting_id`, `registered_on`, `status`, `form`
/// (canonical), then for a closed one `closed_reason` and `closed_on` — serialised straight from
/// the form, with no JSON value built (docs/benchmarks.md, "Sample postings, streamed").
struct SamplePosting {
    number: usize,
    registered_on: time::Date,
    closed: Option<(&'static str, time::Date)>,
    form: Arc<Form>,
}

impl serde::Serialize for SamplePosting {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(if self.closed.is_some() { 6 } else { 4 }))?;
        map.serialize_entry("posting_id", &format!("P-{:06}", self.number))?;
        map.serialize_entry("registered_on", &crate::text::iso_date(self.registered_on))?;
        map.serialize_entry(
            "status",
            if self.closed.is_some() {
                "closed"
            } else {
                "open"
            },
        )?;
        map.serialize_entry("form", &*self.form)?;
        if let Some((reason, closed_on)) = self.closed {
            map.serialize_entry("closed_reason", reason)?;
            map.serialize_entry("closed_on", &crate::text::iso_date(closed_on))?;
        }
        map.end()
    }
}

impl Iterator for PostingGenerator {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        serde_json::to_value(self.next_posting()).ok()
    }
}

/// Writes `count` sample postings from `seed` as JSON lines, streamed: one posting in memory at a
/// time.
pub fn write_postings_jsonl(
    mut out: impl std::io::Write,
    seed: u64,
    count: usize,
) -> std::io::Result<()> {
    let mut postings = PostingGenerator::new(seed);
    for _ in 0..count {
        serde_json::to_writer(&mut out, &postings.next_posting())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_with_open_closed_and_duplicates() {
        let postings = generate_postings(3, 400);
        let read: Vec<crate::Posting> = postings
            .iter()
            .map(|p| crate::Posting::from_json_value(p).unwrap())
            .collect();
        let open = read.iter().filter(|p| p.is_open()).count();
        assert!((250..380).contains(&open), "open {open}");
        assert!(!crate::lifecycle::duplicate_open_postings(&read).is_empty());
        assert_eq!(generate_postings(3, 50), postings[..50].to_vec());
    }

    #[test]
    fn the_stream_writes_the_bundled_postings() {
        // examples/data/postings.jsonl was written before the generator streamed: the stream,
        // validating a chunk at a time on every core, must give the same bytes.
        let mut out = Vec::new();
        write_postings_jsonl(&mut out, 20_200_529, 300).unwrap();
        let bundled = include_str!("../../examples/data/postings.jsonl");
        assert_eq!(String::from_utf8(out).unwrap(), bundled);
    }

    #[test]
    fn same_seed_same_forms_other_seed_other_forms() {
        assert_eq!(generate(7, 50), generate(7, 50));
        assert_ne!(generate(7, 50), generate(8, 50));
    }

    #[test]
    fn covers_every_prefecture_and_occupation_with_a_share_of_invalid_forms() {
        let forms = generate(1, 3000);
        let mut prefectures = std::collections::HashSet::new();
        let mut occupations = std::collections::HashSet::new();
        let mut invalid = 0;
        for form in &forms {
            let v = crate::validate_value(form).unwrap();
            match v.form() {
                Some(f) => {
                    prefectures.insert(f.workplace.prefecture);
                    occupations.insert(f.occupation);
                }
                None => invalid += 1,
            }
        }
        assert_eq!(prefectures.len(), 47);
        assert_eq!(occupations.len(), 11);
        let share = invalid as f64 / forms.len() as f64;
        assert!((0.08..0.25).contains(&share), "invalid share {share}");
    }
}
