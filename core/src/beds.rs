//! The regional bed view (地域病床見える化, docs/domain.md §10): per institution its secured and ready beds
//! and inpatients; totals grouped by prefecture; and the rule that a viewer sees **only its own
//! prefecture** — enforced by type: a [`BedView`] is made only by a [`BedViewer`], which is tied to
//! one prefecture, and holds nothing else.

use std::io::{Read, Write};

use serde::Serialize;
use serde_json::Value;
use time::{Date, PrimitiveDateTime, Time};

use crate::csv::{self, Encoding, RowFinding, Substitution, WriteError};
use crate::finding::{Code, Finding};
use crate::places::{self, Prefecture};
use crate::text;

/// The screen shows at most this many rows; beyond, export.
pub const SCREEN_ROWS: usize = 2_000;

/// One institution's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BedRow {
    pub prefecture: Prefecture,
    /// 全国地方公共団体コード, six digits with check digit.
    pub local_government_code: String,
    pub municipality: String,
    /// 二次医療圏番号: four digits starting with the prefecture code.
    pub secondary_area_number: String,
    pub secondary_area_name: String,
    /// 医療機関コード: ten digits starting with the prefecture code; `None` when blank (the
    /// G-MIS master shows some institutions without one).
    pub institution_code: Option<String>,
    pub institution_name: String,
    /// 実績日.
    #[serde(serialize_with = "iso_date")]
    pub record_date: Date,
    /// 報告日時 (may be later than the record date).
    #[serde(serialize_with = "iso_date_time")]
    pub reported_at: PrimitiveDateTime,
    /// 確保病床.
    pub secured_beds: Option<u32>,
    /// 即応病床 (may be blank).
    pub ready_beds: Option<u32>,
    /// 入院中.
    pub inpatients: Option<u32>,
}

fn iso_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&text::iso_date(*d))
}

fn iso_date_time<S: serde::Serializer>(d: &PrimitiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!(
        "{}T{:02}:{:02}",
        text::iso_date(d.date()),
        d.hour(),
        d.minute()
    ))
}

/// `2022/01/05` as the screen and the export print it.
pub fn screen_date(d: Date) -> String {
    format!("{:04}/{:02}/{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `2022/02/01 11:32`.
pub fn screen_date_time(d: PrimitiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        screen_date(d.date()),
        d.hour(),
        d.minute()
    )
}

fn parse_date_time(s: &str) -> Option<PrimitiveDateTime> {
    let n = text::nfkc(s);
    let (date, time) = n.trim().split_once(['T', ' '])?;
    let date = text::parse_date(date).ok()?;
    let (h, m) = time.trim().split_once(':')?;
    let m = m.get(..2).unwrap_or(m);
    let t = Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()?;
    Some(PrimitiveDateTime::new(date, t))
}

/// The Japanese label of a row's field (the export's column header), for messages.
fn label_ja(key: &str) -> &'static str {
    const KEYS: [(&str, &str); 13] = [
        ("prefecture", "都道府県"),
        ("prefecture_number", "都道府県番号"),
        ("local_government_code", "全国地方公共団体コード"),
        ("municipality", "市区町村"),
        ("secondary_area_number", "二次医療圏番号"),
        ("secondary_area_name", "二次医療圏名"),
        ("institution_code", "医療機関コード"),
        ("institution_name", "医療機関名"),
        ("record_date", "実績日"),
        ("reported_at", "報告日時"),
        ("secured_beds", "確保病床"),
        ("ready_beds", "即応病床"),
        ("inpatients", "入院中"),
    ];
    KEYS.iter()
        .find(|(k, _)| *k == key)
        .map_or("項目", |(_, ja)| *ja)
}

/// Reads one row from JSON: `{prefecture, prefecture_number?, local_government_code, municipality,
/// secondary_area_number, secondary_area_name, institution_code, institution_name, record_date,
/// reported_at, secured_beds, ready_beds, inpatients}`. Every finding, errors and warnings; the
/// row when there is no error.
pub fn read_row(value: &Value) -> (Option<BedRow>, Vec<Finding>) {
    let mut f = Vec::new();
    let text_of = |key: &str, f: &mut Vec<Finding>| -> Option<String> {
        match value.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                Some(text::nfkc(s.trim()).into_owned())
            }
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => {
                f.push(Finding::error(
                    key,
                    Code::Required,
                    format!("{key} is required"),
                    format!("{}を入力してください", label_ja(key)),
                ));
                None
            }
        }
    };
    let prefecture = text_of("prefecture", &mut f).and_then(|p| match Prefecture::parse(&p) {
        Some(p) => Some(p),
        None => {
            f.push(Finding::error(
                "prefecture",
                Code::UnknownValue,
                format!("unknown prefecture {p:?}"),
                format!("都道府県が正しくありません（入力値：「{p}」）"),
            ));
            None
        }
    });
    let digits_of = |key: &str, len: usize, f: &mut Vec<Finding>| -> Option<String> {
        let s = text_of(key, f)?;
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            Some(s)
        } else {
            let s = crate::finding::shown(&s);
            f.push(Finding::error(
                key,
                Code::Format,
                format!("{key} must be {len} digits (got {s:?})"),
                format!(
                    "{}は{len}桁の数字で入力してください（入力値：「{s}」）",
                    label_ja(key)
                ),
            ));
            None
        }
    };
    let lg = digits_of("local_government_code", 6, &mut f);
    let municipality = text_of("municipality", &mut f);
    let area_number = digits_of("secondary_area_number", 4, &mut f);
    let area_name = text_of("secondary_area_name", &mut f);
    // Blank is allowed: the master shows institutions without a code.
    let institution_code = match value.get("institution_code") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(_) => digits_of("institution_code", 10, &mut f),
    };
    // 都道府県番号: optional in JSON, read from the export; must agree with the prefecture.
    if let Some(v) = value
        .get("prefecture_number")
        .filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
    {
        let given = match v {
            Value::Number(n) => n.to_string(),
            Value::String(s) => text::nfkc(s.trim()).into_owned(),
            other => other.to_string(),
        };
        match (
            given.parse::<u8>().ok().and_then(Prefecture::from_number),
            prefecture,
        ) {
            (Some(n), Some(p)) if n != p => f.push(Finding::error(
                "prefecture_number",
                Code::Inconsistent,
                format!(
                    "prefecture number {given} is not that of {} ({})",
                    p.romaji(),
                    p.code()
                ),
                format!(
                    "都道府県番号{given}は{}の番号（{}）と一致しません",
                    p.name(),
                    p.code()
                ),
            )),
            (None, _) => f.push(Finding::error(
                "prefecture_number",
                Code::Format,
                format!("prefecture number must be 1–47 (got {given:?})"),
                format!("都道府県番号は1～47で入力してください（入力値：「{given}」）"),
            )),
            _ => {}
        }
    }
    let institution_name = text_of("institution_name", &mut f);
    let record_date = text_of("record_date", &mut f).and_then(|s| match text::parse_date(&s) {
        Ok(d) => Some(d),
        Err(_) => {
            let s = crate::finding::shown(&s);
            f.push(Finding::error(
                "record_date",
                Code::Format,
                format!("record_date must be a date such as 2022/01/05 (got {s:?})"),
                format!("実績日は日付で入力してください（入力値：「{s}」）"),
            ));
            None
        }
    });
    let reported_at = text_of("reported_at", &mut f).and_then(|s| match parse_date_time(&s) {
        Some(d) => Some(d),
        None => {
            let s = crate::finding::shown(&s);
            f.push(Finding::error(
                "reported_at",
                Code::Format,
                format!("reported_at must be a date and time such as 2022/02/01 11:32 (got {s:?})"),
                format!("報告日時は日時で入力してください（入力値：「{s}」）"),
            ));
            None
        }
    });
    let mut count = |key: &str| -> Option<u32> {
        match value.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(v) => {
                let n = match v {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => text::nfkc(s.trim()).replace(',', "").parse::<i64>().ok(),
                    _ => None,
                };
                match n {
                    Some(n) if n >= 0 => u32::try_from(n).ok(),
                    Some(n) => {
                        f.push(Finding::error(
                            key,
                            Code::Range,
                            format!("{key} cannot be negative (got {n})"),
                            format!("{}は0以上で入力してください（入力値：{n}）", label_ja(key)),
                        ));
                        None
                    }
                    None => {
                        f.push(Finding::error(
                            key,
                            Code::Format,
                            format!("{key} must be a whole number"),
                            format!("{}は整数で入力してください", label_ja(key)),
                        ));
                        None
                    }
                }
            }
        }
    };
    let (secured, ready, inpatients) = (
        count("secured_beds"),
        count("ready_beds"),
        count("inpatients"),
    );

    if let (Some(p), Some(code)) = (prefecture, &lg) {
        if !places::is_valid_local_government_code(code) {
            f.push(Finding::error(
                "local_government_code",
                Code::Format,
                format!("local government code {code} has a wrong check digit"),
                format!("全国地方公共団体コード{code}の検査数字が正しくありません"),
            ));
        } else if code.get(..2) != Some(p.code().as_str()) {
            f.push(Finding::error(
                "local_government_code",
                Code::Inconsistent,
                format!(
                    "local government code {code} is not in prefecture {}",
                    p.code()
                ),
                format!(
                    "全国地方公共団体コード{code}は{}のコードではありません",
                    p.name()
                ),
            ));
        } else if let (Some(m), Some(name)) = (places::municipality_by_code(code), &municipality)
            && &m.name != name
            && !m.name.ends_with(name.as_str())
        {
            f.push(Finding::warning(
                "municipality",
                Code::Inconsistent,
                format!("code {code} is {} in the official list", m.name),
                format!("コード{code}は公式の一覧では「{}」です", m.name),
            ));
        }
    }
    if let (Some(p), Some(n)) = (prefecture, &area_number)
        && (!places::is_valid_secondary_medical_area(n) || n.get(..2) != Some(p.code().as_str()))
    {
        f.push(Finding::error(
            "secondary_area_number",
            Code::Inconsistent,
            format!(
                "secondary medical area {n} must start with the prefecture code {}",
                p.code()
            ),
            format!("二次医療圏番号{n}は都道府県番号{}で始まる4桁です", p.code()),
        ));
    }
    if let (Some(p), Some(c)) = (prefecture, &institution_code)
        && c.get(..2) != Some(p.code().as_str())
    {
        f.push(Finding::error(
            "institution_code",
            Code::Inconsistent,
            format!(
                "institution code {c} must start with the prefecture code {}",
                p.code()
            ),
            format!("医療機関コード{c}は都道府県番号{}で始まります", p.code()),
        ));
    }
    if let (Some(s), Some(r)) = (secured, ready)
        && r > s
    {
        f.push(Finding::warning(
            "ready_beds",
            Code::Inconsistent,
            format!("{r} ready beds but only {s} secured"),
            format!("即応病床（{r}）が確保病床（{s}）を上回っています"),
        ));
    }
    if let (Some(d), Some(at)) = (record_date, reported_at)
        && d > at.date()
    {
        f.push(Finding::warning(
            "record_date",
            Code::Inconsistent,
            "the record date is after the report time",
            "実績日が報告日時より後になっています",
        ));
    }
    let errors = f.iter().any(Finding::is_error);
    let row = match (
        prefecture,
        lg,
        municipality,
        area_number,
        area_name,
        institution_name,
        record_date,
        reported_at,
    ) {
        (
            Some(prefecture),
            Some(local_government_code),
            Some(municipality),
            Some(secondary_area_number),
            Some(secondary_area_name),
            Some(institution_name),
            Some(record_date),
            Some(reported_at),
        ) if !errors => Some(BedRow {
            prefecture,
            local_government_code,
            municipality,
            secondary_area_number,
            secondary_area_name,
            institution_code,
            institution_name,
            record_date,
            reported_at,
            secured_beds: secured,
            ready_beds: ready,
            inpatients,
        }),
        _ => None,
    };
    (row, f)
}

// ---------------------------------------------------------------------------------------------
// Viewers and views

/// Someone allowed to look at the bed view: always of one prefecture (a fire department HQ, a
/// health centre, a prefecture). Made from an account ([`crate::accounts::Account::bed_viewer`])
/// or directly for a prefecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BedViewer {
    prefecture: Prefecture,
}

impl BedViewer {
    pub fn of_prefecture(prefecture: Prefecture) -> BedViewer {
        BedViewer { prefecture }
    }

    pub fn prefecture(&self) -> Prefecture {
        self.prefecture
    }

    /// What this viewer may see of `rows`: its own prefecture's institutions, nothing else.
    pub fn view<'a>(&self, rows: &'a [BedRow]) -> BedView<'a> {
        BedView {
            prefecture: self.prefecture,
            rows: rows
                .iter()
                .filter(|r| r.prefecture == self.prefecture)
                .collect(),
        }
    }
}

/// The rows one viewer may see. There is no other way to make one than [`BedViewer::view`].
#[derive(Debug, Clone)]
pub struct BedView<'a> {
    prefecture: Prefecture,
    rows: Vec<&'a BedRow>,
}

/// Record count and the sum of each count column (blank cells count as nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Sums {
    pub records: usize,
    pub secured_beds: u64,
    pub ready_beds: u64,
    pub inpatients: u64,
}

/// Totals of a view, grouped by prefecture as the screen shows them (`東京都 (12)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub all: Sums,
    pub groups: Vec<GroupTotals>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupTotals {
    pub prefecture: Prefecture,
    /// `東京都 (12)`.
    pub label: String,
    pub sums: Sums,
}

fn add(sums: &mut Sums, r: &BedRow) {
    sums.records += 1;
    sums.secured_beds += u64::from(r.secured_beds.unwrap_or(0));
    sums.ready_beds += u64::from(r.ready_beds.unwrap_or(0));
    sums.inpatients += u64::from(r.inpatients.unwrap_or(0));
}

/// The details-only export's columns (seed 003), with 入院中 after 即応病床.
pub const EXPORT_HEADERS: [&str; 13] = [
    "都道府県",
    "都道府県番号",
    "全国地方公共団体コード",
    "市区町村",
    "二次医療圏番号",
    "二次医療圏名",
    "医療機関コード",
    "医療機関名",
    "実績日",
    "報告日時",
    "確保病床",
    "即応病床",
    "入院中",
];

impl<'a> BedView<'a> {
    pub fn prefecture(&self) -> Prefecture {
        self.prefecture
    }

    pub fn rows(&self) -> &[&'a BedRow] {
        &self.rows
    }

    /// Number of screen pages of at most [`SCREEN_ROWS`] rows.
    pub fn pages(&self) -> usize {
        self.rows.len().div_ceil(SCREEN_ROWS).max(1)
    }

    /// One screen page (0-based); empty past the end.
    pub fn page(&self, index: usize) -> &[&'a BedRow] {
        let start = index.saturating_mul(SCREEN_ROWS).min(self.rows.len());
        let end = start.saturating_add(SCREEN_ROWS).min(self.rows.len());
        self.rows.get(start..end).unwrap_or(&[])
    }

    /// Rows whose secondary medical area (number or name) or institution name contains `query`
    /// (NFKC, case-insensitive) — still within this viewer's prefecture.
    pub fn search(&self, query: &str) -> BedView<'a> {
        let q = text::leak_key(query);
        let rows = self
            .rows
            .iter()
            .copied()
            .filter(|r| {
                [
                    &r.secondary_area_number,
                    &r.secondary_area_name,
                    &r.institution_name,
                ]
                .iter()
                .any(|field| text::leak_key(field).contains(&q))
            })
            .collect();
        BedView {
            prefecture: self.prefecture,
            rows,
        }
    }

    pub fn totals(&self) -> Totals {
        let mut all = Sums::default();
        let mut groups: Vec<GroupTotals> = Vec::new();
        for r in &self.rows {
            add(&mut all, r);
            match groups.iter_mut().find(|g| g.prefecture == r.prefecture) {
                Some(g) => add(&mut g.sums, r),
                None => {
                    let mut sums = Sums::default();
                    add(&mut sums, r);
                    groups.push(GroupTotals {
                        prefecture: r.prefecture,
                        label: String::new(),
                        sums,
                    });
                }
            }
        }
        for g in &mut groups {
            g.label = format!("{} ({})", g.prefecture.name(), g.sums.records);
        }
        Totals { all, groups }
    }

    /// The full export, "details only" (詳細のみ), as CSV — Shift_JIS as G-MIS writes it.
    pub fn export_csv<W: Write>(
        &self,
        out: W,
        encoding: Encoding,
    ) -> Result<Vec<Substitution>, WriteError> {
        let mut w = csv::Writer::new(out, encoding, &EXPORT_HEADERS)?;
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        for r in &self.rows {
            w.write_row(&[
                r.prefecture.name().to_owned(),
                r.prefecture.code(),
                r.local_government_code.clone(),
                r.municipality.clone(),
                r.secondary_area_number.clone(),
                r.secondary_area_name.clone(),
                r.institution_code.clone().unwrap_or_default(),
                r.institution_name.clone(),
                screen_date(r.record_date),
                screen_date_time(r.reported_at),
                count(r.secured_beds),
                count(r.ready_beds),
                count(r.inpatients),
            ])?;
        }
        w.finish()
    }
}

/// Reads bed rows from a details-only export (the headers of [`EXPORT_HEADERS`]; 入院中 may be
/// missing), streaming: `each` gets every row or its findings (warnings come with the row), each
/// finding with its row and column header.
pub fn read_export<R: Read>(
    input: R,
    encoding: Encoding,
    mut each: impl FnMut(usize, Result<(BedRow, Vec<RowFinding>), Vec<RowFinding>>),
) {
    const KEYS: [&str; 13] = [
        "prefecture",
        "prefecture_number",
        "local_government_code",
        "municipality",
        "secondary_area_number",
        "secondary_area_name",
        "institution_code",
        "institution_name",
        "record_date",
        "reported_at",
        "secured_beds",
        "ready_beds",
        "inpatients",
    ];
    let mut header: Vec<String> = Vec::new();
    // The formatted screen prints the prefecture (`東京都 (12)`) on a group's first row only:
    // a blank prefecture cell takes the one above.
    let mut carried: Option<String> = None;
    for (row, record) in csv::records(input, encoding) {
        let fields = match record {
            Ok(f) => f,
            Err(findings) => {
                each(row, Err(csv::name_columns(findings, &header)));
                continue;
            }
        };
        if header.is_empty() {
            header = fields;
            continue;
        }
        let mut obj = serde_json::Map::new();
        for (name, value) in header.iter().zip(fields.iter()) {
            if let Some(i) = EXPORT_HEADERS.iter().position(|h| *h == name.trim())
                && let Some(key) = KEYS.get(i)
            {
                // The screen's group label `東京都 (12)` is not a prefecture name.
                let v = if *key == "prefecture" {
                    let name = value.split(" (").next().unwrap_or(value).trim();
                    if name.is_empty() {
                        carried.clone().unwrap_or_default()
                    } else {
                        carried = Some(name.to_owned());
                        name.to_owned()
                    }
                } else {
                    value.trim().to_owned()
                };
                obj.insert((*key).to_owned(), Value::from(v));
            }
        }
        let (parsed, findings) = read_row(&Value::Object(obj));
        let column_of = |path: &str| {
            KEYS.iter()
                .position(|k| *k == path)
                .and_then(|i| EXPORT_HEADERS.get(i))
                .map(|h| (*h).to_owned())
        };
        match parsed {
            Some(r) => each(
                row,
                Ok((
                    r,
                    findings
                        .into_iter()
                        .map(|f| RowFinding {
                            row,
                            column: column_of(&f.path),
                            finding: f,
                        })
                        .collect(),
                )),
            ),
            None => each(
                row,
                Err(findings
                    .into_iter()
                    .map(|f| RowFinding {
                        row,
                        column: column_of(&f.path),
                        finding: f,
                    })
                    .collect()),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn seed_row() -> Value {
        serde_json::json!({"prefecture": "東京都", "local_government_code": "131016", "municipality": "千代田区",
            "secondary_area_number": "1301", "secondary_area_name": "区中央部", "institution_code": "1310170018",
            "institution_name": "東京都 病院1", "record_date": "2022/01/05", "reported_at": "2022/02/01 11:32",
            "secured_beds": 2, "ready_beds": null, "inpatients": null})
    }

    #[test]
    fn the_seed_row_reads_clean() {
        let (row, findings) = read_row(&seed_row());
        assert!(findings.is_empty(), "{findings:?}");
        let row = row.unwrap();
        assert_eq!(screen_date(row.record_date), "2022/01/05");
        assert_eq!(screen_date_time(row.reported_at), "2022/02/01 11:32");
        assert_eq!((row.secured_beds, row.ready_beds), (Some(2), None));
    }

    #[test]
    fn codes_counts_and_warnings() {
        let mut v = seed_row();
        v["local_government_code"] = "131017".into();
        v["secondary_area_number"] = "1401".into();
        v["institution_code"] = "1410170018".into();
        v["secured_beds"] = (-1).into();
        let (row, f) = read_row(&v);
        assert!(row.is_none());
        let paths: Vec<&str> = f.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "secured_beds",
                "local_government_code",
                "secondary_area_number",
                "institution_code"
            ]
        );
        let mut v = seed_row();
        v["ready_beds"] = 5.into();
        let (row, f) = read_row(&v);
        assert!(row.is_some());
        assert_eq!(
            (f[0].path.as_str(), f[0].severity),
            ("ready_beds", crate::Severity::Warning)
        );
    }
}
