//! The kintone adapter: a kintone REST record (`{"<field code>": {"type": "…", "value": …}}`)
//! read into the canonical form through a **field-code mapping**, and findings mapped back to
//! kintone's own error shape (`{"record.<code>.value": {"messages": ["…"]}}`).
//!
//! The mapping is data — `core/data/kintone_mapping.json`, Japanese field codes such as
//! `募集職種` and the app's option labels such as `看護師`, `時給`, `敷地内禁煙` with the
//! canonical value each stands for — and an integrator overrides it from JSON
//! ([`Mapping::with_overrides`]) for an app whose codes differ. Reading never stops at the first
//! problem and never panics: a field of the wrong kintone type, a value of the wrong shape or an
//! option the mapping does not know is a [`Finding`] at the canonical path of that field, which
//! [`to_errors`] puts back on the field code. Field codes the mapping does not name (the app's
//! own fields, `$id`, `レコード番号`, `作成者` …) are ignored.
//!
//! ```
//! use serde_json::json;
//! let record = json!({"募集職種": {"type": "DROP_DOWN", "value": "看護婦"},
//!                     "募集人数": {"type": "NUMBER", "value": "２"}});
//! let mapping = keynet::kintone::Mapping::standard();
//! let read = keynet::kintone::from_record(&record, mapping).map_err(|f| f.len())?;
//! assert!(!read.is_registrable());
//! let errors = keynet::kintone::to_errors(read.findings(), mapping, keynet::kintone::Lang::Ja, Some(&record));
//! assert!(errors.errors.contains_key("record.募集職種.value"));
//! # Ok::<(), usize>(())
//! ```

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::finding::{Code, Finding, is_registrable};
use crate::form::{self, fields};

/// The default mapping, as shipped (`core/data/kintone_mapping.json`).
pub const STANDARD_MAPPING_JSON: &str = include_str!("../data/kintone_mapping.json");

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

    /// The field type written by [`to_record`] when the mapping names none.
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

    const fn as_str(self) -> &'static str {
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
    /// The kintone field type, for writing a record ([`to_record`]); reading accepts every type
    /// of [`ReadAs::field_types`].
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
    fn writes(&self) -> Vec<&str> {
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
    fn option(&self, label: &str) -> Option<&Value> {
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
    fn label_of(&self, value: &Value) -> Option<&str> {
        self.options
            .iter()
            .find(|(_, v)| *v == value)
            .map(|(k, _)| k.as_str())
    }
}

/// The field-code mapping of a kintone app, in the app's field order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mapping {
    fields: Vec<(String, FieldMapping)>,
    /// Values every record gets, by form path (a facility ID fixed for the app, or the masking
    /// wish of an app without that field).
    constants: Vec<(String, Value)>,
}

/// The masking wish must be read from a field or stated as a constant: masking fails closed.
const MASKING_PATH: &str = "masking_requested";

fn mapping_error(path: impl Into<String>, code: Code, en: String, ja: String) -> Finding {
    Finding::error(path, code, en, ja)
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
            serde_json::from_str::<Value>(STANDARD_MAPPING_JSON)
                .ok()
                .and_then(|v| Mapping::default().with_overrides(&v).ok())
                .unwrap_or_default()
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
                        c != code && !old.writes().iter().any(|w| writes.iter().any(|n| n == w))
                    });
                    out.fields.push((code.clone(), new));
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

/// A kintone record read into the form: every finding (the adapter's and the form's), and the
/// canonical form when there is no error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordForm {
    registrable: bool,
    findings: Vec<Finding>,
    canonical: Option<Value>,
}

impl RecordForm {
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    pub fn canonical(&self) -> Option<&Value> {
        self.canonical.as_ref()
    }
    pub fn is_registrable(&self) -> bool {
        self.registrable
    }
    /// `{"registrable", "findings", "canonical"}`.
    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The fields of a record: the record itself, or the `record` of a REST response.
fn record_fields(record: &Value) -> Option<&Map<String, Value>> {
    let obj = record.as_object()?;
    match obj.get("record") {
        Some(Value::Object(inner))
            if !inner.contains_key("value") && !inner.contains_key("type") =>
        {
            Some(inner)
        }
        _ => Some(obj),
    }
}

fn not_a_record() -> Vec<Finding> {
    vec![Finding::error(
        "record",
        Code::Format,
        "a kintone record must be an object of field code → {type, value}",
        "kintoneのレコードはフィールドコードをキーとするオブジェクトで指定してください",
    )]
}

/// Sets `value` at a dotted path, creating the objects on the way.
fn set_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut map = root;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return;
        }
        let entry = map
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        map = match entry {
            Value::Object(m) => m,
            _ => return,
        };
    }
}

fn get_path<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |v, part| v.get(part))
}

struct Reader<'m> {
    form: Map<String, Value>,
    findings: Vec<Finding>,
    /// Paths of fields that could not be read: the form's own findings there are artefacts.
    unreadable: BTreeSet<&'m str>,
}

fn shape_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<'m> Reader<'m> {
    fn fail(&mut self, f: &'m FieldMapping, finding: Finding) {
        self.findings.push(finding);
        self.unreadable.insert(f.path.as_str());
        self.unreadable.extend(f.writes());
    }

    fn wrong_value(&mut self, code: &str, f: &'m FieldMapping, got: &Value) {
        let (en, ja) = match f.read {
            ReadAs::Choices | ReadAs::Flags => ("a list of option labels", "選択肢の配列"),
            ReadAs::Number => ("a number or its text", "数値"),
            ReadAs::Flag => ("an option label", "選択肢"),
            _ => ("text", "文字列"),
        };
        self.fail(
            f,
            Finding::error(
                f.path.clone(),
                Code::Format,
                format!(
                    "kintone field {code:?} ({}): the value must be {en}, not {}",
                    fields::label_en(&f.path),
                    shape_of(got)
                ),
                format!(
                    "フィールド「{code}」（{}）の値は{ja}で指定してください",
                    fields::label_ja(&f.path)
                ),
            ),
        );
    }

    fn unknown_options(&mut self, code: &str, f: &'m FieldMapping, labels: &[&str]) {
        let shown: Vec<String> = labels
            .iter()
            .map(|l| l.chars().take(40).collect())
            .collect();
        let known: Vec<&str> = f.options.keys().map(String::as_str).collect();
        self.fail(
            f,
            Finding::error(
                f.path.clone(),
                Code::UnknownValue,
                format!(
                    "kintone field {code:?} ({}): {} not an option the mapping knows ({})",
                    fields::label_en(&f.path),
                    shown
                        .iter()
                        .map(|s| format!("{s:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                        + if shown.len() == 1 { " is" } else { " are" },
                    known.join(", ")
                ),
                format!(
                    "{}は{}の選択肢にありません（フィールド「{code}」。選択肢：{}）",
                    shown.iter().map(|s| format!("「{s}」")).collect::<String>(),
                    fields::label_ja(&f.path),
                    known.join("、")
                ),
            ),
        );
    }

    fn read(&mut self, code: &str, f: &'m FieldMapping, field: &Value) {
        let Some(obj) = field.as_object() else {
            return self.fail(
                f,
                Finding::error(
                    f.path.clone(),
                    Code::Format,
                    format!("kintone field {code:?} must be an object {{\"type\", \"value\"}}, not {}", shape_of(field)),
                    format!("フィールド「{code}」は {{\"type\": …, \"value\": …}} の形で指定してください"),
                ),
            );
        };
        if let Some(t) = obj.get("type") {
            let t_str = t.as_str().unwrap_or("");
            if !f.read.field_types().contains(&t_str) {
                let shown: String = t_str.chars().take(40).collect();
                return self.fail(
                    f,
                    Finding::error(
                        f.path.clone(),
                        Code::Format,
                        format!(
                            "kintone field {code:?} is of type {shown:?}; {} is read from {}",
                            fields::label_en(&f.path),
                            f.read.field_types().join(", ")
                        ),
                        format!(
                            "フィールド「{code}」の型「{shown}」からは{}を読み取れません（使える型：{}）",
                            fields::label_ja(&f.path),
                            f.read.field_types().join("、")
                        ),
                    ),
                );
            }
        }
        let value = obj.get("value").unwrap_or(&Value::Null);
        match (f.read, value) {
            (_, Value::Null) => {}
            (ReadAs::Text | ReadAs::Date | ReadAs::Time, Value::String(s)) => {
                set_path(&mut self.form, &f.path, Value::String(s.clone()));
            }
            (ReadAs::Number, Value::String(_) | Value::Number(_)) => {
                set_path(&mut self.form, &f.path, value.clone());
            }
            (ReadAs::Choice, Value::String(s)) => {
                if s.trim().is_empty() {
                } else if f.options.is_empty() {
                    set_path(&mut self.form, &f.path, value.clone());
                } else if let Some(v) = f.option(s) {
                    set_path(&mut self.form, &f.path, v.clone());
                } else {
                    self.unknown_options(code, f, &[s]);
                }
            }
            (ReadAs::Choices | ReadAs::Flags | ReadAs::Flag, Value::Array(items)) => {
                let labels: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                let Some(labels) = labels else {
                    return self.wrong_value(code, f, value);
                };
                self.read_list(code, f, &labels);
            }
            (ReadAs::Flag, Value::Bool(b)) => set_path(&mut self.form, &f.path, Value::Bool(*b)),
            (ReadAs::Flag, Value::String(s)) => {
                if s.trim().is_empty() {
                } else if let Some(v) = f.option(s).filter(|v| v.is_boolean()) {
                    set_path(&mut self.form, &f.path, v.clone());
                } else {
                    self.unknown_options(code, f, &[s]);
                }
            }
            _ => self.wrong_value(code, f, value),
        }
    }

    fn read_list(&mut self, code: &str, f: &'m FieldMapping, labels: &[&str]) {
        // Without options, a list of choices passes through and a checkbox flag is "ticked".
        if f.options.is_empty() && f.read != ReadAs::Flags {
            let value = if f.read == ReadAs::Flag {
                Value::Bool(!labels.is_empty())
            } else {
                Value::Array(
                    labels
                        .iter()
                        .map(|l| Value::String((*l).to_owned()))
                        .collect(),
                )
            };
            return set_path(&mut self.form, &f.path, value);
        }
        let mapped: Vec<&Value> = labels.iter().filter_map(|l| f.option(l)).collect();
        if mapped.len() != labels.len() {
            let unknown: Vec<&str> = labels
                .iter()
                .copied()
                .filter(|l| f.option(l).is_none())
                .collect();
            return self.unknown_options(code, f, &unknown);
        }
        match f.read {
            ReadAs::Flag => {
                let on = mapped.iter().any(|v| v.as_bool() == Some(true));
                set_path(&mut self.form, &f.path, Value::Bool(on));
            }
            ReadAs::Flags => {
                let chosen: Vec<&str> = mapped.iter().filter_map(|v| v.as_str()).collect();
                for p in f.writes() {
                    set_path(&mut self.form, p, Value::Bool(chosen.contains(&p)));
                }
            }
            _ => {
                let list = mapped.into_iter().cloned().collect();
                set_path(&mut self.form, &f.path, Value::Array(list));
            }
        }
    }
}

/// Reads a kintone record (or a REST response `{"record": {…}}`) into a form object, before
/// validation: the adapter's own findings (wrong field type, wrong value shape, unknown option).
/// `Err` only when the record is not an object.
pub fn read_record(
    record: &Value,
    mapping: &Mapping,
) -> Result<(Value, Vec<Finding>), Vec<Finding>> {
    let (form, findings, _) = read(record, mapping)?;
    Ok((form, findings))
}

type Read<'m> = (Value, Vec<Finding>, BTreeSet<&'m str>);

fn read<'m>(record: &Value, mapping: &'m Mapping) -> Result<Read<'m>, Vec<Finding>> {
    let fields_of_record = record_fields(record).ok_or_else(not_a_record)?;
    let mut reader = Reader {
        form: Map::new(),
        findings: Vec::new(),
        unreadable: BTreeSet::new(),
    };
    for (path, value) in &mapping.constants {
        set_path(&mut reader.form, path, value.clone());
    }
    for (code, f) in &mapping.fields {
        if let Some(field) = fields_of_record.get(code) {
            reader.read(code, f, field);
        }
    }
    if reader.form.get(MASKING_PATH).is_none_or(Value::is_null)
        && !reader.unreadable.contains(MASKING_PATH)
    {
        // A record whose masking wish cannot be read is not a posting: "no masking" is not
        // assumed (docs/choices.md "kintone").
        let code = mapping.code_for(MASKING_PATH).unwrap_or("マスキング希望");
        let code = crate::finding::shown(code);
        reader.findings.push(Finding::error(
            MASKING_PATH,
            Code::Required,
            format!("the record gives no masking wish (field {code:?} is absent or empty)"),
            format!("マスキング希望の有無が読み取れません（フィールド「{code}」がないか空欄です）"),
        ));
        reader.unreadable.insert(MASKING_PATH);
    }
    Ok((
        Value::Object(reader.form),
        reader.findings,
        reader.unreadable,
    ))
}

/// Reads and validates a kintone record: every finding at canonical paths (the adapter's first on
/// a field; the form's own `required` on a field the adapter could not read is left out), and the
/// canonical form when there is no error. `Err` only when the record is not an object.
pub fn from_record(record: &Value, mapping: &Mapping) -> Result<RecordForm, Vec<Finding>> {
    let (form, mut findings, unreadable) = read(record, mapping)?;
    let validation = form::validate_value(&form).map_err(|e| {
        vec![Finding::error(
            "record",
            Code::Format,
            e.to_string(),
            e.message_ja(),
        )]
    })?;
    let canonical = validation.canonical_json();
    findings.extend(
        validation
            .into_findings()
            .into_iter()
            .filter(|f| !unreadable.contains(f.path.as_str())),
    );
    fields::sort_findings(&mut findings);
    let registrable = is_registrable(&findings);
    Ok(RecordForm {
        registrable,
        canonical: canonical.filter(|_| registrable),
        findings,
    })
}

/// Writes a canonical form as a kintone record (`{"<code>": {"type", "value"}}`) through the
/// mapping: option values become the app's labels, numbers become text as kintone sends them,
/// absent values `""` (or `[]`). Fields the mapping does not name are not written.
pub fn to_record(canonical: &Value, mapping: &Mapping) -> Value {
    let mut out = Map::new();
    for (code, f) in &mapping.fields {
        let v = get_path(canonical, &f.path).unwrap_or(&Value::Null);
        let value = match f.read {
            ReadAs::Text | ReadAs::Date | ReadAs::Time => match v {
                Value::String(s) => Value::String(s.clone()),
                Value::Number(n) => Value::String(n.to_string()),
                _ => Value::String(String::new()),
            },
            ReadAs::Number => match v {
                Value::Number(n) => Value::String(n.to_string()),
                Value::String(s) => Value::String(s.clone()),
                _ => Value::String(String::new()),
            },
            ReadAs::Choice => match v {
                Value::Null => Value::String(String::new()),
                other => Value::String(
                    f.label_of(other)
                        .map(str::to_owned)
                        .or_else(|| other.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                ),
            },
            ReadAs::Choices => Value::Array(
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(|item| {
                        Value::String(
                            f.label_of(item)
                                .or_else(|| item.as_str())
                                .unwrap_or_default()
                                .to_owned(),
                        )
                    })
                    .collect(),
            ),
            ReadAs::Flag => {
                let b = Value::Bool(v.as_bool().unwrap_or(false));
                let label = f.label_of(&b).map(str::to_owned);
                match f.field_type.as_deref() {
                    Some("CHECK_BOX") => Value::Array(
                        label
                            .filter(|_| b == Value::Bool(true))
                            .map(Value::String)
                            .into_iter()
                            .collect(),
                    ),
                    _ => Value::String(label.unwrap_or_default()),
                }
            }
            ReadAs::Flags => Value::Array(
                f.options
                    .iter()
                    .filter(|(_, p)| {
                        p.as_str()
                            .and_then(|p| get_path(canonical, p))
                            .and_then(Value::as_bool)
                            == Some(true)
                    })
                    .map(|(label, _)| Value::String(label.clone()))
                    .collect(),
            ),
        };
        let field_type = f
            .field_type
            .clone()
            .unwrap_or_else(|| f.read.default_type().to_owned());
        out.insert(code.clone(), json!({"type": field_type, "value": value}));
    }
    Value::Object(out)
}

/// The language of the messages put on a kintone record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// `ja` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "ja-jp" => Some(Lang::Ja),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Findings in kintone's error shape. `errors` and `warnings` are keyed `record.<code>.value`
/// with `{"messages": […]}` (the `errors` object of a kintone REST error response); findings
/// without a field of the app go to `record_errors` / `record_warnings` (for `event.error`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct KintoneErrors {
    pub errors: Map<String, Value>,
    pub record_errors: Vec<String>,
    pub warnings: Map<String, Value>,
    pub record_warnings: Vec<String>,
}

impl KintoneErrors {
    /// True when nothing blocks saving the record.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.record_errors.is_empty()
    }
    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// Puts findings back on a kintone record: each on its field code through the mapping, in the
/// language asked. With `record`, a code the record does not have (the app lacks that field)
/// is a record-level message instead, as is every path the mapping does not show anywhere.
pub fn to_errors(
    findings: &[Finding],
    mapping: &Mapping,
    lang: Lang,
    record: Option<&Value>,
) -> KintoneErrors {
    let present = record.and_then(record_fields);
    let mut out = KintoneErrors::default();
    // (severity, field code or "" for the record, message) already written: one lookup per
    // finding, so n findings cost O(n), not a scan of the messages so far.
    let mut seen: std::collections::HashSet<(bool, String, String)> =
        std::collections::HashSet::new();
    for f in findings {
        let message = match lang {
            Lang::Ja => f.message_ja.as_str(),
            Lang::En => f.message.as_str(),
        };
        let code = mapping
            .code_for(&f.path)
            .filter(|c| present.is_none_or(|p| p.contains_key(*c)));
        let (fields_map, record_level) = if f.is_error() {
            (&mut out.errors, &mut out.record_errors)
        } else {
            (&mut out.warnings, &mut out.record_warnings)
        };
        if !seen.insert((
            f.is_error(),
            code.unwrap_or("").to_owned(),
            message.to_owned(),
        )) {
            continue;
        }
        match code {
            Some(code) => {
                let entry = fields_map
                    .entry(format!("record.{code}.value"))
                    .or_insert_with(|| json!({"messages": []}));
                if let Some(Value::Array(messages)) = entry.get_mut("messages") {
                    messages.push(Value::String(message.to_owned()));
                }
            }
            None => record_level.push(message.to_owned()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(t: &str, v: Value) -> Value {
        json!({"type": t, "value": v})
    }

    fn record() -> Value {
        json!({
            "$id": {"type": "__ID__", "value": "7"},
            "レコード番号": {"type": "RECORD_NUMBER", "value": "7"},
            "マスキング希望": field("RADIO_BUTTON", json!("希望する")),
            "医療機関ID": field("SINGLE_LINE_TEXT", json!("GM13-004217")),
            "医療機関名": field("SINGLE_LINE_TEXT", json!("千代田中央病院")),
            "施設類型": field("RADIO_BUTTON", json!("病院")),
            "医療機関都道府県": field("DROP_DOWN", json!("東京都")),
            "募集職種": field("DROP_DOWN", json!("看護師")),
            "募集人数": field("NUMBER", json!("2")),
            "郵便番号": field("SINGLE_LINE_TEXT", json!("〒101-0062")),
            "勤務地都道府県": field("DROP_DOWN", json!("東京都")),
            "市区町村": field("SINGLE_LINE_TEXT", json!("千代田区")),
            "町名番地": field("SINGLE_LINE_TEXT", json!("神田駿河台4-6")),
            "具体的な施設名": field("SINGLE_LINE_TEXT", json!("北館1階 発熱外来")),
            "雇用期間開始": field("DATE", json!("2020-06-01")),
            "雇用期間終了": field("DATE", json!("2020-09-30")),
            "試用期間_週": field("NUMBER", json!("")),
            "業務内容": field("CHECK_BOX", json!(["帰国者・接触者外来業務", "その他"])),
            "業務内容_その他": field("SINGLE_LINE_TEXT", json!("PCR検体採取")),
            "具体的な内容": field("SINGLE_LINE_TEXT", json!("内科")),
            "給与形態": field("RADIO_BUTTON", json!("時給")),
            "総支給額": field("NUMBER", json!("2500")),
            "勤務開始時刻": field("TIME", json!("16:30")),
            "勤務終了時刻": field("TIME", json!("09:00")),
            "休憩時間": field("NUMBER", json!("120")),
            "休日": field("SINGLE_LINE_TEXT", json!("シフト制（週2日）")),
            "時間外労働": field("RADIO_BUTTON", json!("なし")),
            "加入保険": field("CHECK_BOX", json!(["雇用保険", "労災保険", "健康保険", "厚生年金"])),
            "受動喫煙防止の取組": field("RADIO_BUTTON", json!("敷地内禁煙")),
            "担当者氏名": field("SINGLE_LINE_TEXT", json!("山田 花子")),
            "電話番号": field("SINGLE_LINE_TEXT", json!("03-3292-0000")),
            "内線番号": field("SINGLE_LINE_TEXT", json!("215")),
            "メールアドレス": field("LINK", json!("jinji@example.jp")),
            "求人登録済みの機関": field("CHECK_BOX", json!(["ハローワーク", "ナースセンター"])),
        })
    }

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
    fn a_full_record_reads_to_the_domain_example() {
        let read = from_record(&record(), Mapping::standard()).unwrap();
        assert!(read.is_registrable(), "{:?}", read.findings());
        let c = read.canonical().unwrap();
        assert_eq!(c["occupation"], "nurse");
        assert_eq!(c["openings"], 2);
        assert_eq!(c["workplace"]["postal_code"], "101-0062");
        assert_eq!(c["facility"]["prefecture"], "13");
        assert_eq!(c["masking_requested"], true);
        assert_eq!(c["insurance"]["pension"], true);
        assert_eq!(c["existing_listings"]["women_doctors_bank"], false);
        assert_eq!(
            c["duties"]["kinds"],
            json!(["returnee_contact_outpatient", "other"])
        );
    }

    #[test]
    fn the_rest_response_wrapper_is_read_too() {
        let wrapped = json!({"record": record()});
        assert_eq!(
            from_record(&wrapped, Mapping::standard()).unwrap(),
            from_record(&record(), Mapping::standard()).unwrap()
        );
    }

    #[test]
    fn wrong_types_and_unknown_options_are_findings_on_the_field() {
        let mut r = record();
        r["募集職種"] = field("CHECK_BOX", json!(["看護師"]));
        r["給与形態"] = field("RADIO_BUTTON", json!("年俸"));
        r["加入保険"] = field("CHECK_BOX", json!(["雇用保険", "介護保険"]));
        r["募集人数"] = field("NUMBER", json!(["2"]));
        r["担当者氏名"] = json!("山田");
        let read = from_record(&r, Mapping::standard()).unwrap();
        let got: Vec<(&str, Code)> = read
            .findings()
            .iter()
            .map(|f| (f.path.as_str(), f.code))
            .collect();
        assert_eq!(
            got,
            vec![
                ("occupation", Code::Format),
                ("openings", Code::Format),
                ("salary.basis", Code::UnknownValue),
                ("insurance", Code::UnknownValue),
                ("contact.name", Code::Format),
            ]
        );
        let errors = to_errors(read.findings(), Mapping::standard(), Lang::Ja, Some(&r));
        let keys: Vec<&String> = errors.errors.keys().collect();
        assert_eq!(
            keys,
            vec![
                "record.募集職種.value",
                "record.募集人数.value",
                "record.給与形態.value",
                "record.加入保険.value",
                "record.担当者氏名.value"
            ]
        );
        assert!(errors.record_errors.is_empty());
    }

    #[test]
    fn findings_without_a_field_go_to_the_record() {
        let mut r = record();
        if let Some(o) = r.as_object_mut() {
            o.remove("医療機関ID");
        }
        let read = from_record(&r, Mapping::standard()).unwrap();
        assert_eq!(read.findings().len(), 1);
        let ja = to_errors(read.findings(), Mapping::standard(), Lang::Ja, Some(&r));
        assert!(ja.errors.is_empty());
        assert_eq!(
            ja.record_errors,
            vec!["医療機関IDを入力してください".to_owned()]
        );
        // Without the record, the finding goes on the field code of the mapping.
        let en = to_errors(read.findings(), Mapping::standard(), Lang::En, None);
        assert_eq!(
            en.errors["record.医療機関ID.value"],
            json!({"messages": ["facility ID is required"]})
        );
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
    fn a_canonical_form_round_trips_through_a_record() {
        let first = from_record(&record(), Mapping::standard()).unwrap();
        let canonical = first.canonical().unwrap();
        let written = to_record(canonical, Mapping::standard());
        assert_eq!(
            written["募集職種"],
            json!({"type": "DROP_DOWN", "value": "看護師"})
        );
        assert_eq!(
            written["加入保険"]["value"],
            json!(["雇用保険", "労災保険", "健康保険", "厚生年金"])
        );
        let again = from_record(&written, Mapping::standard()).unwrap();
        assert_eq!(again.canonical(), Some(canonical));
    }

    #[test]
    fn garbage_never_panics() {
        for junk in [
            json!(null),
            json!([1, 2]),
            json!("text"),
            json!({"募集職種": null}),
            json!({"募集職種": {"type": 5, "value": {"a": 1}}}),
            json!({"加入保険": {"value": [1, null]}}),
            json!({"record": {"record": 1}}),
            json!({"業務内容": {"type": "CHECK_BOX", "value": "その他"}}),
        ] {
            let _ = from_record(&junk, Mapping::standard());
        }
    }
}
