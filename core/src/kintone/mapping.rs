//! The field-code mapping of a kintone app: which field code fills which canonical path and how
//! its value is read ([`ReadAs`]), the shipped default (`core/data/kintone_mapping.json`), an
//! integrator's overrides, and every check that keeps a mapping from reading a record wrongly.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::finding::{Code, Finding};
use crate::form::fields;

/// The default mapping, as shipped (`core/data/kintone_mapping.json`).
pub const STANDARD_MAPPING_JSON: &str = include_str!("../../data/kintone_mapping.json");

/// How the value of a kintone field is read into the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadAs {
    /// Text as typed (the form normalises it): names, addresses, phone numbers, prefectures.
    Text,
    /// A number (kintone sends NUMBER values as text; `"2,500"` and full-width digits are read).
    Number,
    /// A date: kintone's `YYYY-MM-DD`, or wareki typed into a text field.
    Date,
    /// A time: kintone's `HH:MM`, or `9時30分`, `翌9:00` typed into a text field.
    Time,
    /// One option label → one canonical value (`看護師` → `nurse`).
    Choice,
    /// Several option labels → a list of canonical values (`業務内容`).
    Choices,
    /// A yes/no field: option labels → `true`/`false` (a checkbox without options: ticked or not).
    Flag,
    /// A checkbox whose every option sets one boolean of the form (`加入保険` → `insurance.*`).
    Flags,
}

impl ReadAs {
    pub const ALL: [ReadAs; 8] = [
        ReadAs::Text,
        ReadAs::Number,
        ReadAs::Date,
        ReadAs::Time,
        ReadAs::Choice,
        ReadAs::Choices,
        ReadAs::Flag,
        ReadAs::Flags,
    ];

    /// The kintone field types this reading accepts.
    pub const fn field_types(self) -> &'static [&'static str] {
        match self {
            ReadAs::Text => &[
                "SINGLE_LINE_TEXT",
                "MULTI_LINE_TEXT",
                "LINK",
                "DROP_DOWN",
                "RADIO_BUTTON",
            ],
            ReadAs::Number => &["NUMBER", "SINGLE_LINE_TEXT", "CALC", "DROP_DOWN"],
            ReadAs::Date => &["DATE", "SINGLE_LINE_TEXT"],
            ReadAs::Time => &["TIME", "SINGLE_LINE_TEXT", "DROP_DOWN"],
            ReadAs::Choice => &["DROP_DOWN", "RADIO_BUTTON", "SINGLE_LINE_TEXT"],
            ReadAs::Choices | ReadAs::Flags => &["CHECK_BOX", "MULTI_SELECT"],
            ReadAs::Flag => &["RADIO_BUTTON", "DROP_DOWN", "CHECK_BOX"],
        }
    }

    /// The field type written by [`to_record`](super::to_record) when the mapping names none.
    pub const fn default_type(self) -> &'static str {
        match self {
            ReadAs::Text => "SINGLE_LINE_TEXT",
            ReadAs::Number => "NUMBER",
            ReadAs::Date => "DATE",
            ReadAs::Time => "TIME",
            ReadAs::Choice => "DROP_DOWN",
            ReadAs::Choices | ReadAs::Flags => "CHECK_BOX",
            ReadAs::Flag => "RADIO_BUTTON",
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            ReadAs::Text => "text",
            ReadAs::Number => "number",
            ReadAs::Date => "date",
            ReadAs::Time => "time",
            ReadAs::Choice => "choice",
            ReadAs::Choices => "choices",
            ReadAs::Flag => "flag",
            ReadAs::Flags => "flags",
        }
    }
}

/// One field of the kintone app: where its value goes in the form and how it is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldMapping {
    /// The canonical path it fills (for `flags`: the object its options fill, `insurance`).
    pub path: String,
    pub read: ReadAs,
    /// The kintone field type, for writing a record ([`to_record`](super::to_record)); reading
    /// accepts every type of [`ReadAs::field_types`].
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub field_type: Option<String>,
    /// Option label → canonical value (`choice`, `choices`: text; `flag`: true/false; `flags`:
    /// the boolean path the option sets).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub options: Map<String, Value>,
    /// Object paths whose findings are shown on this field (`employment_period` on the end
    /// date): findings there have no field of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

impl FieldMapping {
    /// The canonical paths whose values this field writes.
    pub(super) fn writes(&self) -> Vec<&str> {
        match self.read {
            ReadAs::Flags => self.options.values().filter_map(Value::as_str).collect(),
            _ => vec![self.path.as_str()],
        }
    }

    /// True when findings at `path` are shown on this field.
    fn shows(&self, path: &str) -> bool {
        self.path == path
            || self.also.iter().any(|a| a == path)
            || (self.read == ReadAs::Flags && self.writes().contains(&path))
    }

    /// The option matching what the app sent: the label itself, the label after NFKC and
    /// trimming, or a canonical value given directly.
    pub(super) fn option(&self, label: &str) -> Option<&Value> {
        if let Some(v) = self.options.get(label) {
            return Some(v);
        }
        let n = crate::text::nfkc(label.trim());
        self.options
            .iter()
            .find(|(k, v)| crate::text::nfkc(k.trim()) == n || v.as_str() == Some(n.as_ref()))
            .map(|(_, v)| v)
    }

    /// The app's label for a canonical value (the first one, when several map to it).
    pub(super) fn label_of(&self, value: &Value) -> Option<&str> {
        self.options
            .iter()
            .find(|(_, v)| *v == value)
            .map(|(k, _)| k.as_str())
    }
}

/// The field-code mapping of a kintone app, in the app's field order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mapping {
    pub(super) fields: Vec<(String, FieldMapping)>,
    /// Values every record gets, by form path (a facility ID fixed for the app, or the masking
    /// wish of an app without that field).
    pub(super) constants: Vec<(String, Value)>,
}

/// The masking wish must be read from a field or stated as a constant: masking fails closed.
pub(super) const MASKING_PATH: &str = "masking_requested";

fn mapping_error(path: impl Into<String>, code: Code, en: String, ja: String) -> Finding {
    Finding::error(path, code, en, ja)
}

/// The canonical values of a field with a closed vocabulary (what a choice option must map to);
/// `None` for a field of free text.
fn canonical_values(path: &str) -> Option<Vec<String>> {
    use crate::form::{DutyKind, FacilityType, PassiveSmoking, SalaryBasis};
    let values: Vec<&str> = match path {
        "occupation" => crate::occupation::OCCUPATIONS
            .iter()
            .map(|o| o.code)
            .collect(),
        "facility.type" => FacilityType::ALL.iter().map(|(_, c, _)| *c).collect(),
        "duties.kinds" => DutyKind::ALL.iter().map(|(_, c, _)| *c).collect(),
        "salary.basis" => SalaryBasis::ALL.iter().map(|(_, c, _)| *c).collect(),
        "passive_smoking" => PassiveSmoking::ALL.iter().map(|(_, c, _)| *c).collect(),
        "facility.prefecture" | "workplace.prefecture" => {
            return Some(
                crate::places::Prefecture::all()
                    .map(|p| p.code().to_string())
                    .collect(),
            );
        }
        _ => return None,
    };
    Some(values.into_iter().map(str::to_owned).collect())
}

/// True when some field of the catalogue lies under `path` (an object of the form).
fn is_object_path(path: &str) -> bool {
    fields::FIELDS.iter().any(|f| {
        f.path
            .strip_prefix(path)
            .is_some_and(|r| r.starts_with('.'))
    })
}

impl Mapping {
    /// The default mapping (`core/data/kintone_mapping.json`), read once.
    pub fn standard() -> &'static Mapping {
        static STANDARD: OnceLock<Mapping> = OnceLock::new();
        STANDARD.get_or_init(|| {
            let value: Value = crate::embedded::json("kintone_mapping.json", STANDARD_MAPPING_JSON);
            // Checked to pass the mapping's own checks by a test; a panic caught at the host
            // boundary rather than a mapping that reads no field.
            #[allow(clippy::expect_used)]
            Mapping::default()
                .with_overrides(&value)
                .expect("core/data/kintone_mapping.json is a valid mapping (checked by a test)")
        })
    }

    /// The entries, field code first.
    pub fn fields(&self) -> &[(String, FieldMapping)] {
        &self.fields
    }

    /// The entry of a field code.
    pub fn field(&self, code: &str) -> Option<&FieldMapping> {
        self.fields.iter().find(|(c, _)| c == code).map(|(_, f)| f)
    }

    /// The field code on which findings at `path` are shown.
    pub fn code_for(&self, path: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(_, f)| f.shows(path))
            .map(|(c, _)| c.as_str())
    }

    /// This mapping changed by `overrides`: `{"fields": {"<code>": {entry} | null}, "replace":
    /// bool}`. An entry replaces the entry of the same code and every entry that writes one of
    /// its paths (so renaming `募集職種` to `職種` is one entry); `null` removes a code;
    /// `"replace": true` starts from nothing. Every problem is a finding at `mapping.…`.
    pub fn with_overrides(&self, overrides: &Value) -> Result<Mapping, Vec<Finding>> {
        let Some(obj) = overrides.as_object() else {
            return Err(vec![mapping_error(
                "mapping",
                Code::Format,
                "the kintone mapping must be an object {\"fields\": {…}}".to_owned(),
                "kintoneのマッピングは {\"fields\": {…}} の形のオブジェクトで指定してください"
                    .to_owned(),
            )]);
        };
        let mut findings = Vec::new();
        let mut out = self.clone();
        for key in obj.keys() {
            if !["fields", "replace", "description", "constants"].contains(&key.as_str()) {
                let key = crate::finding::shown(key);
                findings.push(mapping_error(
                    format!("mapping.{key}"),
                    Code::UnknownValue,
                    format!("the kintone mapping has no setting {key:?} (fields, replace, description, constants)"),
                    format!("kintoneのマッピングに「{key}」という設定はありません（fields・replace・description・constants）"),
                ));
            }
        }
        match obj.get("constants") {
            None | Some(Value::Null) => {}
            Some(Value::Object(constants)) => {
                for (path, value) in constants {
                    let known = fields::FIELDS.iter().any(|f| f.path == path);
                    if !known || is_object_path(path) {
                        let shown = crate::finding::shown(path);
                        findings.push(mapping_error(
                            "mapping.constants",
                            Code::UnknownValue,
                            format!("constant {shown:?} is not a field of the form"),
                            format!("定数「{shown}」は登録票の項目ではありません"),
                        ));
                    } else if path == MASKING_PATH && !value.is_boolean() {
                        findings.push(mapping_error(
                            "mapping.constants",
                            Code::Format,
                            "the masking constant must be true or false".to_owned(),
                            "マスキング希望の有無の定数は true または false で指定してください"
                                .to_owned(),
                        ));
                    } else {
                        out.constants.retain(|(p, _)| p != path);
                        out.constants.push((path.clone(), value.clone()));
                    }
                }
            }
            Some(_) => findings.push(mapping_error(
                "mapping.constants",
                Code::Format,
                "constants must be an object of form path → value".to_owned(),
                "constants は登録票の項目をキーとするオブジェクトで指定してください".to_owned(),
            )),
        }
        match obj.get("replace") {
            None | Some(Value::Bool(false)) => {}
            Some(Value::Bool(true)) => out.fields.clear(),
            Some(_) => findings.push(mapping_error(
                "mapping.replace",
                Code::Format,
                "replace must be true or false".to_owned(),
                "replace は true または false で指定してください".to_owned(),
            )),
        }
        let entries = match obj.get("fields") {
            None => None,
            Some(Value::Object(entries)) => Some(entries),
            Some(_) => {
                findings.push(mapping_error(
                    "mapping.fields",
                    Code::Format,
                    "fields must be an object of field code → entry".to_owned(),
                    "fields はフィールドコードをキーとするオブジェクトで指定してください"
                        .to_owned(),
                ));
                None
            }
        };
        // The codes these overrides add: an entry retires the earlier mapping's entries for its
        // paths, but two codes of the same overrides for one path are refused (check, below).
        let mut added: BTreeSet<String> = BTreeSet::new();
        for (code, entry) in entries.into_iter().flatten() {
            let at = format!("mapping.fields.{code}");
            if entry.is_null() {
                out.fields.retain(|(c, _)| c != code);
                continue;
            }
            match serde_json::from_value::<FieldMapping>(entry.clone()) {
                Ok(new) => {
                    let writes: Vec<String> = new.writes().into_iter().map(str::to_owned).collect();
                    out.fields.retain(|(c, old)| {
                        c != code
                            && (added.contains(c)
                                || !old.writes().iter().any(|w| writes.iter().any(|n| n == w)))
                    });
                    out.fields.push((code.clone(), new));
                    added.insert(code.clone());
                }
                Err(e) => findings.push(mapping_error(
                    at,
                    Code::Format,
                    format!("kintone mapping entry {code:?} is not {{path, read, type?, options?, also?}}: {e}"),
                    format!("kintoneのマッピング「{code}」の形式が正しくありません（path・read・type・options・also）"),
                )),
            }
        }
        findings.extend(out.check());
        if !out.fields.iter().any(|(_, f)| f.path == MASKING_PATH)
            && !out.constants.iter().any(|(p, _)| p == MASKING_PATH)
        {
            findings.push(mapping_error(
                "mapping",
                Code::Required,
                "the mapping reads no masking wish: map a field to masking_requested or state it in constants".to_owned(),
                "マスキング希望の有無を読むフィールドがありません。フィールドを対応付けるか、constants で指定してください".to_owned(),
            ));
        }
        if findings.is_empty() {
            Ok(out)
        } else {
            Err(findings)
        }
    }

    /// Reads a mapping: the standard one changed by `overrides` (`None` or null: the standard).
    pub fn standard_with(overrides: Option<&Value>) -> Result<Mapping, Vec<Finding>> {
        match overrides.filter(|v| !v.is_null()) {
            None => Ok(Mapping::standard().clone()),
            Some(v) => Mapping::standard().with_overrides(v),
        }
    }

    /// Every problem of the mapping as a whole.
    fn check(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut written: BTreeSet<&str> = BTreeSet::new();
        for (code, f) in &self.fields {
            let at = |key: &str| format!("mapping.fields.{code}.{key}");
            if code.trim().is_empty() {
                findings.push(mapping_error(
                    "mapping.fields",
                    Code::Required,
                    "a kintone field code is empty".to_owned(),
                    "kintoneのフィールドコードが空です".to_owned(),
                ));
            }
            let known = fields::field_info(&f.path).is_some();
            let object = is_object_path(&f.path);
            let fits = match f.read {
                ReadAs::Flags => object,
                _ => !object,
            };
            if !known || !fits {
                let want = if f.read == ReadAs::Flags {
                    "an object of the form (insurance, existing_listings)"
                } else {
                    "a field of the form (occupation, workplace.postal_code …)"
                };
                findings.push(mapping_error(
                    at("path"),
                    Code::UnknownValue,
                    format!("{code:?}: path {:?} must be {want}", f.path),
                    format!(
                        "「{code}」の path「{}」は登録票の項目ではありません",
                        f.path
                    ),
                ));
            }
            if let Some(t) = &f.field_type
                && !f.read.field_types().contains(&t.as_str())
            {
                findings.push(mapping_error(
                    at("type"),
                    Code::Inconsistent,
                    format!(
                        "{code:?}: a {} field cannot be of type {t} (one of {})",
                        f.read.as_str(),
                        f.read.field_types().join(", ")
                    ),
                    format!(
                        "「{code}」：{} の読み取りに {t} 型は使えません（{}）",
                        f.read.as_str(),
                        f.read.field_types().join("、")
                    ),
                ));
            }
            findings.extend(self.check_options(code, f));
            for a in &f.also {
                if fields::field_info(a).is_none() {
                    findings.push(mapping_error(
                        at("also"),
                        Code::UnknownValue,
                        format!("{code:?}: also names {a:?}, which is not a path of the form"),
                        format!("「{code}」の also「{a}」は登録票の項目ではありません"),
                    ));
                }
            }
            for w in f.writes() {
                if !written.insert(w) {
                    findings.push(mapping_error(
                        at("path"),
                        Code::Inconsistent,
                        format!("{code:?}: {w} is filled by another field code too"),
                        format!("「{code}」：{w} は別のフィールドコードにも割り当てられています"),
                    ));
                }
            }
        }
        findings
    }

    fn check_options(&self, code: &str, f: &FieldMapping) -> Vec<Finding> {
        let mut findings = self.check_option_kinds(code, f);
        if findings.is_empty()
            && matches!(f.read, ReadAs::Choice | ReadAs::Choices)
            && let Some(values) = canonical_values(&f.path)
        {
            // An option must stand for a canonical value of its field (docs/kintone.md, "Your
            // app's codes"): `nurze` would read every record as an unknown occupation.
            for (label, value) in &f.options {
                let value = value.as_str().unwrap_or_default();
                if !values.iter().any(|v| v == value) {
                    let at = format!("mapping.fields.{code}.options.{label}");
                    // Quoted input is capped at 40 characters (docs/choices.md, "Messages a
                    // Japanese reader can act on, that never quote personal data").
                    let (code, label, value) = (
                        crate::finding::shown(code),
                        crate::finding::shown(label),
                        crate::finding::shown(value),
                    );
                    let known = values.join(", ");
                    findings.push(mapping_error(
                        at,
                        Code::UnknownValue,
                        format!("{code:?}: option {label:?} maps to {value:?}, which is not a value of {} ({known})", f.path),
                        format!("「{code}」：選択肢「{label}」の値「{value}」は{}の値にありません（{known}）", fields::label_ja(&f.path)),
                    ));
                }
            }
        }
        findings
    }

    fn check_option_kinds(&self, code: &str, f: &FieldMapping) -> Vec<Finding> {
        let at = format!("mapping.fields.{code}.options");
        let bad = |en: String, ja: String| mapping_error(at.clone(), Code::Format, en, ja);
        let mut findings = Vec::new();
        match f.read {
            ReadAs::Text | ReadAs::Number | ReadAs::Date | ReadAs::Time => {
                if !f.options.is_empty() {
                    findings.push(bad(
                        format!("{code:?}: options are only for choice, choices, flag and flags"),
                        format!(
                            "「{code}」：options は choice・choices・flag・flags でのみ使えます"
                        ),
                    ));
                }
            }
            ReadAs::Choice | ReadAs::Choices => {
                if f.options.values().any(|v| !v.is_string()) {
                    findings.push(bad(
                        format!("{code:?}: every option must map to a canonical value (text)"),
                        format!("「{code}」：選択肢の値は文字列（正規の値）で指定してください"),
                    ));
                }
            }
            ReadAs::Flag => {
                if f.options.values().any(|v| !v.is_boolean()) {
                    findings.push(bad(
                        format!("{code:?}: every option of a flag must map to true or false"),
                        format!(
                            "「{code}」：flag の選択肢の値は true または false で指定してください"
                        ),
                    ));
                }
            }
            ReadAs::Flags => {
                let prefix = format!("{}.", f.path);
                let ok = !f.options.is_empty()
                    && f.options.values().all(|v| {
                        v.as_str().is_some_and(|p| {
                            p.starts_with(&prefix) && fields::field_info(p).is_some()
                        })
                    });
                if !ok {
                    findings.push(bad(
                        format!(
                            "{code:?}: every option of flags must name a field under {}",
                            f.path
                        ),
                        format!(
                            "「{code}」：flags の選択肢には {} の下の項目を指定してください",
                            f.path
                        ),
                    ));
                }
            }
        }
        findings
    }

    /// The mapping as JSON, in the shape [`Mapping::with_overrides`] reads.
    pub fn to_json_value(&self) -> Value {
        let fields: Map<String, Value> = self
            .fields
            .iter()
            .map(|(c, f)| (c.clone(), serde_json::to_value(f).unwrap_or(Value::Null)))
            .collect();
        if self.constants.is_empty() {
            return json!({ "fields": fields });
        }
        let constants: Map<String, Value> = self.constants.iter().cloned().collect();
        json!({ "fields": fields, "constants": constants })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_mapping_is_read_and_checks_clean() {
        let m = Mapping::standard();
        assert_eq!(m.fields().len(), 40);
        assert!(m.check().is_empty(), "{:?}", m.check());
        assert_eq!(m.code_for("occupation"), Some("募集職種"));
        assert_eq!(m.code_for("insurance.health"), Some("加入保険"));
        assert_eq!(m.code_for("employment_period"), Some("雇用期間終了"));
        assert_eq!(m.code_for("facility"), None);
        // Every field of the catalogue that is not an object has a field code.
        for f in fields::FIELDS {
            if !is_object_path(f.path) {
                assert!(m.code_for(f.path).is_some(), "{} has no field code", f.path);
            }
        }
    }

    #[test]
    fn overrides_rename_remove_and_replace() {
        let m = Mapping::standard()
            .with_overrides(&json!({"fields": {
                "職種": {"path": "occupation", "read": "choice", "options": {"ナース": "nurse"}},
                "FAX番号": null}}))
            .unwrap();
        assert_eq!(m.code_for("occupation"), Some("職種"));
        assert!(m.field("募集職種").is_none());
        assert!(m.field("FAX番号").is_none());
        assert_eq!(m.fields().len(), 39);
        let only = Mapping::standard()
            .with_overrides(
                &json!({"replace": true, "fields": {"人数": {"path": "openings", "read": "number"}},
                                    "constants": {"masking_requested": false}}),
            )
            .unwrap();
        assert_eq!(only.fields().len(), 1);
        // Without a masking field or constant the mapping is refused: masking fails closed.
        let blind = Mapping::standard()
            .with_overrides(&json!({"replace": true, "fields": {"人数": {"path": "openings", "read": "number"}}}))
            .unwrap_err();
        assert_eq!(blind.len(), 1);
        assert_eq!(
            (blind[0].path.as_str(), blind[0].code),
            ("mapping", Code::Required)
        );
        let bad = Mapping::standard()
            .with_overrides(&json!({"fields": {
                "x": {"path": "nowhere", "read": "text"},
                "y": {"path": "insurance", "read": "flags", "options": {"a": "notes"}},
                "z": {"path": "openings", "read": "numeric"},
                "w": {"path": "insurance.other", "read": "text", "type": "CHECK_BOX"}},
                "extra": 1}))
            .unwrap_err();
        let paths: Vec<&str> = bad.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "mapping.extra",
                "mapping.fields.z",
                "mapping.fields.x.path",
                "mapping.fields.y.options",
                "mapping.fields.w.type"
            ]
        );
    }

    #[test]
    fn an_option_must_stand_for_a_canonical_value() {
        let overrides = json!({"fields": {"職種": {"path": "occupation", "read": "choice",
            "options": {"ナース": "nurze", "看護師": "nurse"}}}});
        let findings = Mapping::standard().with_overrides(&overrides).unwrap_err();
        let got: Vec<(&str, Code)> = findings.iter().map(|f| (f.path.as_str(), f.code)).collect();
        assert_eq!(
            got,
            vec![("mapping.fields.職種.options.ナース", Code::UnknownValue)]
        );
        assert!(
            findings[0].message.contains("\"nurze\""),
            "{}",
            findings[0].message
        );
        // A label is no canonical value either; a prefecture is its code.
        for (path, value) in [("salary.basis", "時給"), ("facility.prefecture", "東京都")] {
            let overrides =
                json!({"fields": {"x": {"path": path, "read": "choice", "options": {"a": value}}}});
            assert!(
                Mapping::standard().with_overrides(&overrides).is_err(),
                "{path} {value}"
            );
        }
        let fine = json!({"fields": {"x": {"path": "facility.prefecture", "read": "choice", "options": {"都": "13"}},
            "y": {"path": "duties.kinds", "read": "choices", "options": {"内科": "general_internal_medicine_outpatient"}}}});
        let fine = Mapping::standard().with_overrides(&fine);
        assert!(fine.is_ok(), "{fine:?}");
    }

    #[test]
    fn a_long_code_label_or_value_is_quoted_capped() {
        let long = "あ".repeat(60);
        let overrides = json!({"fields": {long.clone(): {"path": "occupation", "read": "choice",
            "options": {long.clone(): long.clone()}}}});
        let findings = Mapping::standard().with_overrides(&overrides).unwrap_err();
        for f in &findings {
            assert!(!f.message.contains(&"あ".repeat(41)), "{}", f.message);
            assert!(!f.message_ja.contains(&"あ".repeat(41)), "{}", f.message_ja);
        }
        assert!(
            findings
                .iter()
                .any(|f| f.path == format!("mapping.fields.{long}.options.{long}"))
        );
    }

    #[test]
    fn two_codes_of_the_same_overrides_for_one_path_are_refused() {
        let overrides = json!({"fields": {
            "職種": {"path": "occupation", "read": "choice", "options": {"ナース": "nurse"}},
            "職種2": {"path": "occupation", "read": "choice"}}});
        let findings = Mapping::standard().with_overrides(&overrides).unwrap_err();
        let got: Vec<(&str, Code)> = findings.iter().map(|f| (f.path.as_str(), f.code)).collect();
        assert_eq!(got, vec![("mapping.fields.職種2.path", Code::Inconsistent)]);
        // One code renaming the standard one is still fine.
        let renamed = json!({"fields": {"職種": {"path": "occupation", "read": "choice"}}});
        let m = Mapping::standard().with_overrides(&renamed).unwrap();
        assert_eq!(m.code_for("occupation"), Some("職種"));
        let replaced = json!({"replace": true, "fields": {
            "a": {"path": "masking_requested", "read": "flag"},
            "b": {"path": "masking_requested", "read": "flag"}}});
        assert!(Mapping::default().with_overrides(&replaced).is_err());
    }
}
