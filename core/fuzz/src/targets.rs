//! The bodies of the fuzz targets, one function per target, shared by the libFuzzer binaries
//! (`core/fuzz/fuzz_targets/*.rs`, nightly) and the stable replay test
//! (`core/tests/fuzz_replay.rs`), which includes this file with `#[path]`.
//!
//! Each function takes the raw fuzz input, is deterministic, and panics (an `assert!`) only when
//! an entry point breaks one of its promises: never a panic on any input, canonical JSON that
//! re-validates to itself, rows numbered in order, findings that carry both messages, and no
//! masked value in a public view.
//!
//! Generators are bounded where a known problem is being fixed elsewhere; each bound is named
//! `KNOWN_…` below and documented in docs/fuzzing.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]

use keynet::csv::{Column, ColumnKind, ColumnMapping, Encoding};
use keynet::masking::{FormView, MASKED_FIELDS, MIN_DIGITS, MIN_TEXT_CHARS, PUBLIC_TEXT_FIELDS};
use keynet::text::{digit_string, leak_key, numbers_as_typed};
use keynet::{Finding, Severity};
use serde_json::Value;

/// Dotted mapping paths are generated with up to this many segments: the mapping check refuses
/// any path that is no field of a posting (docs/choices.md "CSV files"), however deep.
pub const KNOWN_MAX_PATH_SEGMENTS: usize = 60_000;

// ---------------------------------------------------------------------------------------------
// Reading choices from the fuzz input

/// The fuzz input read front to back; past its end every byte reads as 0, so every input means
/// something.
#[derive(Debug)]
pub struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes(data)
    }

    pub fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::from(self.byte()) % n
        }
    }

    pub fn pick<'s, T>(&mut self, items: &'s [T]) -> &'s T {
        &items[self.below(items.len())]
    }

    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }

    /// A string: one length byte, then that many bytes (UTF-8, lossily).
    pub fn text(&mut self) -> String {
        let n = usize::from(self.byte()).min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8_lossy(head).into_owned()
    }

    pub fn rest(self) -> &'a [u8] {
        self.0
    }
}

/// Both messages are present on every finding.
fn check_finding(f: &Finding) {
    assert!(!f.message.is_empty(), "finding without message: {f:?}");
    assert!(
        !f.message_ja.is_empty(),
        "finding without Japanese message: {f:?}"
    );
}

fn triples(findings: &[Finding]) -> Vec<(String, String, Severity)> {
    let mut t: Vec<_> = findings
        .iter()
        .map(|f| (f.path.clone(), f.code.to_string(), f.severity))
        .collect();
    t.sort();
    t
}

// ---------------------------------------------------------------------------------------------
// form_json

/// Validates any bytes as a form; a registrable form's canonical JSON re-validates to the same
/// findings and to itself.
pub fn form_json(data: &[u8]) {
    let Ok(validation) = keynet::validate_json(data) else {
        return;
    };
    validation.findings().iter().for_each(check_finding);
    let findings = triples(validation.findings());
    let Some(canonical) = validation.form().map(keynet::Form::to_json_string) else {
        assert!(
            validation.findings().iter().any(Finding::is_error),
            "not registrable without an error"
        );
        return;
    };
    let again = keynet::validate_json(canonical.as_bytes()).expect("canonical JSON reads");
    assert_eq!(
        triples(again.findings()),
        findings,
        "canonical re-validates to other findings: {canonical}"
    );
    let twice = again
        .form()
        .map(keynet::Form::to_json_string)
        .expect("canonical JSON is registrable");
    assert_eq!(
        twice, canonical,
        "canonical JSON does not normalise to itself"
    );
    // The value form of the façade agrees with the text form.
    let value: Value = serde_json::from_str(&canonical).expect("canonical is JSON");
    let by_value = keynet::validate_value(&value).expect("canonical value reads");
    assert_eq!(by_value.canonical_json(), Some(value));
}

// ---------------------------------------------------------------------------------------------
// postings_csv

const ODD_PATHS: [&str; 14] = [
    "",
    ".",
    "..",
    "form.",
    ".form",
    "form..name",
    "status.x",
    "form.occupation.x",
    "form.facility",
    "form",
    "id",
    "inquiries",
    "hires.0",
    "form.masking_requested",
];

/// Renders the header row of a mapping in the file's encoding.
fn header_line(headers: &[String], encoding: Encoding) -> Vec<u8> {
    let line = headers
        .iter()
        .map(|h| format!("\"{}\"", h.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",")
        + "\r\n";
    match encoding {
        Encoding::Utf8 => line.into_bytes(),
        Encoding::ShiftJis => encoding_rs::SHIFT_JIS.encode(&line).0.into_owned(),
    }
}

/// The standard mapping, read once (reading it per input would dominate the run time).
fn standard_mapping() -> &'static ColumnMapping {
    static STANDARD: std::sync::OnceLock<ColumnMapping> = std::sync::OnceLock::new();
    STANDARD.get_or_init(ColumnMapping::standard)
}

/// A column mapping chosen by the input: standard or odd headers (duplicates, empty, padded),
/// standard, odd, free or deep dotted paths, any kind.
pub fn fuzzed_mapping(b: &mut Bytes<'_>) -> ColumnMapping {
    let standard = standard_mapping();
    let flags = b.byte();
    let mut columns: Vec<Column> = if flags & 1 == 0 {
        Vec::new()
    } else {
        standard.columns.clone()
    };
    let kinds = [
        ColumnKind::Text,
        ColumnKind::Bool,
        ColumnKind::List,
        ColumnKind::Status,
        ColumnKind::ClosedReason,
    ];
    for _ in 0..b.below(9) {
        let header = match b.below(5) {
            0 if !standard.columns.is_empty() => b.pick(&standard.columns).header.clone(),
            1 if !columns.is_empty() => b.pick(&columns).header.clone(),
            2 => format!(" {} ", b.text()),
            3 => String::new(),
            _ => b.text(),
        };
        let path = match b.below(6) {
            0 if !standard.columns.is_empty() => b.pick(&standard.columns).path.clone(),
            1 => b.pick_str(&ODD_PATHS).to_owned(),
            2 => {
                let segments = 1 + usize::from(b.u16()) % KNOWN_MAX_PATH_SEGMENTS;
                let mut p = "form".to_owned();
                for _ in 1..segments {
                    p.push_str(".a");
                }
                p
            }
            3 if !standard.columns.is_empty() => {
                format!("{}.{}", b.pick(&standard.columns).path, b.text())
            }
            _ => b.text(),
        };
        let kind = *b.pick(&kinds);
        columns.push(Column { header, path, kind });
    }
    if flags & 2 != 0 && !columns.is_empty() {
        // Reversed order: the file's columns need not follow the mapping's.
        columns.reverse();
    }
    // A fixed masking wish, sometimes, so that rows are read when no column gives it.
    let mut constants = serde_json::Map::new();
    if flags & 4 != 0 {
        constants.insert("form.masking_requested".to_owned(), (flags & 8 != 0).into());
    }
    ColumnMapping {
        source: String::new(),
        columns,
        constants,
    }
}

/// Reads postings from the input, UTF-8 or Shift_JIS, with the standard or a fuzzed mapping,
/// optionally with the mapping's header row in front. Rows come in increasing order, every
/// finding carries its messages, and a posting read survives its own JSON.
pub fn postings_csv(data: &[u8]) {
    let mut b = Bytes::new(data);
    let flags = b.byte();
    let encoding = if flags & 1 == 0 {
        Encoding::Utf8
    } else {
        Encoding::ShiftJis
    };
    let mapping = if flags & 2 == 0 {
        standard_mapping().clone()
    } else {
        fuzzed_mapping(&mut b)
    };
    let mut file = Vec::new();
    if flags & 4 != 0 {
        let headers: Vec<String> = mapping.columns.iter().map(|c| c.header.clone()).collect();
        file.extend(header_line(&headers, encoding));
    }
    file.extend_from_slice(b.rest());
    let mut last_row = 1;
    let file_findings = keynet::csv::read_postings(&file[..], encoding, &mapping, |row, result| {
        assert!(row > last_row, "row {row} after row {last_row}");
        last_row = row;
        match result {
            Ok(posting) => {
                let json = posting.to_json_value();
                let back = keynet::Posting::from_json_value(&json)
                    .unwrap_or_else(|e| panic!("a posting read does not re-read: {e:?}\n{json}"));
                assert_eq!(
                    back.to_json_value(),
                    json,
                    "a posting changes on re-reading"
                );
            }
            Err(findings) => {
                assert!(!findings.is_empty(), "row {row} refused without a finding");
                for f in &findings {
                    check_finding(&f.finding);
                }
            }
        }
    });
    for f in &file_findings {
        check_finding(&f.finding);
    }
}

// ---------------------------------------------------------------------------------------------
// bed_export_csv

/// Reads a bed-view export, UTF-8 or Shift_JIS, optionally with the export's header row in
/// front: rows in increasing order, messages on every finding, a row read has no error finding
/// and a refused row has one.
pub fn bed_export_csv(data: &[u8]) {
    let mut b = Bytes::new(data);
    let flags = b.byte();
    let encoding = if flags & 1 == 0 {
        Encoding::Utf8
    } else {
        Encoding::ShiftJis
    };
    let mut file = Vec::new();
    if flags & 2 != 0 {
        let headers: Vec<String> = keynet::beds::EXPORT_HEADERS
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        file.extend(header_line(&headers, encoding));
    }
    file.extend_from_slice(b.rest());
    let mut last_row = 0;
    let mut rows = Vec::new();
    keynet::beds::read_export(&file[..], encoding, |row, result| {
        assert!(row > last_row, "row {row} after row {last_row}");
        last_row = row;
        match result {
            Ok((bed_row, warnings)) => {
                for w in &warnings {
                    check_finding(&w.finding);
                    assert!(!w.finding.is_error(), "a row read with an error: {w:?}");
                }
                rows.push(bed_row);
            }
            Err(findings) => {
                assert!(!findings.is_empty(), "row {row} refused without a finding");
                for f in &findings {
                    check_finding(&f.finding);
                }
            }
        }
    });
    // The rows read can be viewed, searched and exported again.
    for row in rows.iter().take(4) {
        let viewer = keynet::beds::BedViewer::of_prefecture(row.prefecture);
        let view = viewer.view(&rows);
        let _ = view.totals();
        let _ = view.search(&row.institution_name);
        let mut out = Vec::new();
        let _ = view.export_csv(&mut out, encoding);
    }
}

// ---------------------------------------------------------------------------------------------
// kintone_record

/// A kintone record and, after the first NUL byte, a mapping (overrides of the standard one, or
/// with `"replace": true` a whole mapping). A registrable record read through the standard
/// mapping writes back to a record that reads to the same canonical form.
pub fn kintone_record(data: &[u8]) {
    let (record, mapping) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let Ok(record) = serde_json::from_slice::<Value>(record) else {
        return;
    };
    let overrides = match mapping {
        None => None,
        Some(m) => match serde_json::from_slice::<Value>(m) {
            Ok(v) => Some(v),
            Err(_) => return,
        },
    };
    let mapping = match keynet::kintone::Mapping::standard_with(overrides.as_ref()) {
        Ok(m) => m,
        Err(findings) => {
            assert!(!findings.is_empty());
            findings.iter().for_each(check_finding);
            return;
        }
    };
    let _ = mapping.to_json_value();
    let Ok(read) = keynet::kintone::from_record(&record, &mapping) else {
        return;
    };
    read.findings().iter().for_each(check_finding);
    let _ = read.to_json_value();
    let errors = keynet::kintone::to_errors(
        read.findings(),
        &mapping,
        keynet::kintone::Lang::Ja,
        Some(&record),
    );
    let _ = errors.to_json_value();
    if let Some(canonical) = read.canonical() {
        let written = keynet::kintone::to_record(canonical, &mapping);
        if overrides.is_none() {
            let again = keynet::kintone::from_record(&written, &mapping)
                .expect("a written record is an object");
            assert_eq!(
                again.canonical(),
                Some(canonical),
                "the written record reads differently: {written}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// api_call

/// Every operation of `keynet::api::call`.
pub const OPERATIONS: [&str; 37] = [
    "validate",
    "normalize",
    "public_view",
    "registered_view",
    "view",
    "distribute",
    "explain",
    "new_since",
    "count_table",
    "agency_notice",
    "assess_training",
    "training_materials",
    "training_example_programme",
    "register",
    "apply_event",
    "disclose",
    "account_status",
    "account_status_on",
    "duplicate_open_postings",
    "check_password",
    "account_permissions",
    "may_register",
    "read_bed_row",
    "fire_hq_application",
    "fire_hq_list",
    "bed_view",
    "csv_columns",
    "kintone_mapping",
    "from_kintone_record",
    "to_kintone_record",
    "to_kintone_errors",
    "read_postings_csv",
    "nonexistent",
    "",
    "validate ",
    // Added after the corpus was written: at the end, so committed inputs keep their meaning.
    "add_count_tables",
    "combine_distributions",
];

/// The first byte picks the operation, the rest is its arguments as JSON: any result is JSON,
/// and an error has its messages.
pub fn api_call(data: &[u8]) {
    let mut b = Bytes::new(data);
    let operation = b.pick_str(&OPERATIONS);
    let Ok(args) = keynet::api::parse_json(b.rest(), keynet::MAX_INPUT_BYTES) else {
        return;
    };
    match keynet::api::call(operation, &args) {
        Ok(value) => {
            let _ = serde_json::to_string(&value).expect("a result serialises");
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            assert!(!e.message_ja().is_empty());
            e.findings().iter().for_each(check_finding);
            let _ = e.to_json();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// leak_oracle

/// The domain example, masking requested: every masked field set, no error.
const BASE_FORM: &str = r#"{"masking_requested": true, "facility": {"id": "GM13-004217", "name": "千代田中央病院", "type": "hospital", "prefecture": "13"}, "occupation": "nurse", "openings": 2, "workplace": {"postal_code": "101-0062", "prefecture": "13", "municipality": "千代田区", "street_address": "神田駿河台4-6", "facility_name": "北館1階 発熱外来"}, "employment_period": {"start": "2020-06-01", "end": "2020-09-30"}, "duties": {"kinds": ["returnee_contact_outpatient", "other"], "other_detail": "PCR検体採取", "specifics": "内科"}, "salary": {"basis": "hourly", "amount_yen": 2500}, "working_hours": {"start": "16:30", "end": "09:00", "break_minutes": 120, "holidays": "シフト制（週2日）", "overtime": false}, "insurance": {"employment": true, "workers_accident": true, "health": true, "pension": true}, "passive_smoking": "premises_no_smoking", "contact": {"name": "山田 花子", "phone": "03-3292-0000", "extension": "215", "email": "jinji@example.jp", "application_phone": "03-3292-0001", "fax": "03-3292-0002", "address": "東京都千代田区神田駿河台4-6"}, "existing_listings": {"hello_work": true, "women_doctors_bank": false, "nurse_center": true}}"#;

/// Values a masked field may take.
const MASKED_POOL: [&str; 16] = [
    "千代田中央病院",
    "山田 花子",
    "ヤマダ ハナコ",
    "jinji@example.jp",
    "JINJI@EXAMPLE.JP",
    "03-3292-0000",
    "０３（３２９２）００００",
    "+81 3 3292 0000",
    "101-0062",
    "〒１０１－００６２",
    "神田駿河台4-6",
    "北館1階 発熱外来",
    "ＡＢＣ病院",
    "ｶﾝﾀﾞ病院",
    "123456",
    "ｲﾁﾊﾞﾝ館",
];

/// Phrases of public free text.
const FILLER: [&str; 8] = [
    "発熱外来の勤務です",
    "内科",
    "シフト制",
    " ",
    "（",
    "）",
    "ー",
    "\u{3000}",
];

/// Disguises: how a masked value is typed again in free text.
fn disguise(value: &str, how: u8) -> String {
    match how % 8 {
        0 => value.to_owned(),
        // full width
        1 => value
            .chars()
            .map(|c| match c {
                ' ' => '\u{3000}',
                '!'..='~' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap_or(c),
                c => c,
            })
            .collect(),
        2 => value.to_uppercase(),
        // spaces between characters
        3 => value.chars().flat_map(|c| [c, ' ']).collect(),
        4 => value.replace('-', "－"),
        5 => value.replace('-', "ー"),
        6 => value.replace(' ', ""),
        _ => format!("（{value}）"),
    }
}

fn set_path(form: &mut Value, path: &str, value: Value) {
    let mut at = form;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            if let Some(obj) = at.as_object_mut() {
                obj.insert(part.to_owned(), value);
            }
            return;
        }
        at = &mut at[part];
    }
}

/// Builds a masked form from the input: either the input itself read as a form object (masking
/// requested forced on), or the domain example with masked fields and public free texts chosen
/// from pools, fuzz strings and disguised masked values.
pub fn leak_form(data: &[u8]) -> Option<Value> {
    let mut b = Bytes::new(data);
    let mode = b.byte();
    if mode & 1 == 1 {
        let mut form = serde_json::from_slice::<Value>(b.rest()).ok()?;
        form.as_object_mut()?
            .insert("masking_requested".into(), Value::Bool(true));
        return Some(form);
    }
    static BASE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    let mut form = BASE
        .get_or_init(|| serde_json::from_str(BASE_FORM).expect("the base form is JSON"))
        .clone();
    let mut chosen: Vec<String> = Vec::new();
    for path in MASKED_FIELDS {
        let value = match b.below(4) {
            0 => continue,
            1 => (*b.pick(&MASKED_POOL)).to_owned(),
            2 => b.text(),
            _ => {
                let v = b.pick_str(&MASKED_POOL);
                disguise(v, b.byte())
            }
        };
        if value.is_empty() {
            continue;
        }
        chosen.push(value.clone());
        set_path(&mut form, path, Value::from(value));
    }
    for path in PUBLIC_TEXT_FIELDS {
        let mut text = String::new();
        for _ in 0..b.below(4) {
            match b.below(4) {
                0 => text.push_str(b.pick_str(&FILLER)),
                1 => text.push_str(&b.text()),
                2 if !chosen.is_empty() => {
                    let i = b.below(chosen.len());
                    let how = b.byte();
                    text.push_str(&disguise(&chosen[i], how));
                }
                _ => text.push_str(&{
                    let v = b.pick_str(&MASKED_POOL);
                    disguise(v, b.byte())
                }),
            }
        }
        if !text.is_empty() {
            set_path(&mut form, path, Value::from(text));
        }
    }
    Some(form)
}

fn strings(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((path.to_owned(), s.clone())),
        Value::Array(items) => items.iter().for_each(|v| strings(v, path, out)),
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                strings(v, &p, out);
            }
        }
        _ => {}
    }
}

fn get<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, p| v.get(p))
}

/// A clean form with masking requested has a public view in which the masked fields are null,
/// the facility ID is absent, and no masked value occurs in public free text: not by its
/// normalised text (NFKC, case-folded, no white space, one dash), and, for phone numbers and the
/// postal code, not by its digits in a number as typed.
pub fn leak_oracle(data: &[u8]) {
    let Some(form) = leak_form(data) else {
        return;
    };
    let Ok(validation) = keynet::validate_value(&form) else {
        return;
    };
    let Ok(valid) = validation.into_valid() else {
        return;
    };
    let canonical = valid.form().to_json_value();
    if canonical.get("masking_requested") != Some(&Value::Bool(true)) {
        return;
    }
    let public = FormView::public(&valid).to_json_value();
    for path in MASKED_FIELDS {
        let shown = get(&public, path);
        assert!(
            shown.is_none() || shown == Some(&Value::Null),
            "{path} is shown in the public view: {public}"
        );
    }
    assert!(
        get(&public, "facility.id").is_none(),
        "facility.id in the public view: {public}"
    );
    let mut leaves = Vec::new();
    strings(&public, "", &mut leaves);
    let free: Vec<(&str, String, Vec<String>)> = leaves
        .iter()
        .filter(|(p, _)| PUBLIC_TEXT_FIELDS.contains(&p.as_str()))
        .map(|(p, v)| (p.as_str(), leak_key(v), numbers_as_typed(v, false)))
        .collect();
    for path in MASKED_FIELDS {
        let Some(value) = get(&canonical, path).and_then(Value::as_str) else {
            continue;
        };
        let key = leak_key(value);
        // The extension is a number: searched for by its digits only, from MIN_DIGITS on (`215`
        // is not searched for, by design). Brackets tell nothing: a value of brackets alone
        // (`[[[[`) is no needle for the library either (its keys drop them).
        let telling = key
            .chars()
            .filter(|c| !keynet::leak_key::is_bracket(*c))
            .count();
        if path != "contact.extension" && telling >= MIN_TEXT_CHARS {
            for (leaf, leaf_key, _) in &free {
                assert!(
                    !leaf_key.contains(&key),
                    "masked {path} {value:?} occurs in public {leaf}: {public}"
                );
            }
        }
        let digits = match path {
            "contact.phone" | "contact.application_phone" | "contact.fax" => {
                let d = digit_string(value);
                d.strip_prefix('0').map(str::to_owned).unwrap_or(d)
            }
            "workplace.postal_code" | "contact.extension" => digit_string(value),
            _ => continue,
        };
        if digits.len() >= MIN_DIGITS {
            for (leaf, _, numbers) in &free {
                assert!(
                    !numbers.iter().any(|n| n.contains(&digits)),
                    "masked {path} digits {digits} occur in public {leaf}: {public}"
                );
            }
        }
    }
}

/// The body of a target.
pub type Target = fn(&[u8]);

/// Every target by name, for the replay test.
pub const TARGETS: [(&str, Target); 6] = [
    ("form_json", form_json),
    ("postings_csv", postings_csv),
    ("bed_export_csv", bed_export_csv),
    ("kintone_record", kintone_record),
    ("api_call", api_call),
    ("leak_oracle", leak_oracle),
];
