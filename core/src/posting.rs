//! A posting (募集情報): a registered form with its id, registration date and status (docs/domain.md §11),
//! plus what the lifecycle records on it — inquiries, applications, hires (§9).

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;
use time::Date;

use crate::finding::{Code, Finding};
use crate::form::{self, ValidForm};
use crate::text;
use crate::views::{FormView, View};

/// `open`, or `closed` (filled, withdrawn, unpublished or deleted in Key-Net).
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Enum),
    uniffi(name = "PostingStatus")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Closed,
}

impl Status {
    pub const ALL: [Status; 2] = [Status::Open, Status::Closed];

    /// The name in JSON: `open`, `closed`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
        }
    }
}

/// Why a posting was closed (§9; the §11 status says only `closed`, so this is an optional
/// extension field, `closed_reason`).
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosedReason {
    /// 充足: the openings were filled.
    Filled,
    /// 取下げ: the facility withdrew it.
    Withdrawn,
    /// 非公開: made non-public in Key-Net (e.g. replaced by a newer G-MIS record).
    Unpublished,
    /// 削除: deleted in Key-Net.
    Deleted,
}

impl ClosedReason {
    pub const ALL: [(ClosedReason, &'static str, &'static str); 4] = [
        (ClosedReason::Filled, "filled", "充足"),
        (ClosedReason::Withdrawn, "withdrawn", "取下げ"),
        (ClosedReason::Unpublished, "unpublished", "非公開"),
        (ClosedReason::Deleted, "deleted", "削除"),
    ];
}

/// An inquiry (問い合わせ) or an application (応募) by a job seeker.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Inquiry,
    Application,
}

impl ContactKind {
    pub const ALL: [ContactKind; 2] = [ContactKind::Inquiry, ContactKind::Application];
}

/// A job seeker's inquiry about, or application to, one posting. Only the lifecycle creates
/// one, so holding it is proof that the seeker asked — the condition for disclosure (§6).
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inquiry {
    pub(crate) posting_id: String,
    pub(crate) seeker_id: String,
    pub(crate) kind: ContactKind,
    pub(crate) on: Date,
}

impl Inquiry {
    pub fn posting_id(&self) -> &str {
        &self.posting_id
    }
    pub fn seeker_id(&self) -> &str {
        &self.seeker_id
    }
    pub fn kind(&self) -> ContactKind {
        self.kind
    }
    pub fn on(&self) -> Date {
        self.on
    }
}

/// How a hire was matched (seed 001, 1(4)): through a Key-Net application, or through the
/// prefecture's coordination HQ desk, Hello Work, a nurse centre or another route. Only a
/// `key_net` hire needs an earlier application on the posting; training applies to every hire.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum HireRoute {
    /// An application through Key-Net (the default when a hire names no route).
    #[default]
    KeyNet,
    /// ハローワーク.
    HelloWork,
    /// The prefecture's desk (都道府県調整本部の受付窓口).
    PrefectureDesk,
    /// ナースセンター.
    NurseCenter,
    /// Any other route.
    Other,
}

impl HireRoute {
    pub const ALL: [(HireRoute, &'static str); 5] = [
        (HireRoute::KeyNet, "key_net"),
        (HireRoute::HelloWork, "hello_work"),
        (HireRoute::PrefectureDesk, "prefecture_desk"),
        (HireRoute::NurseCenter, "nurse_center"),
        (HireRoute::Other, "other"),
    ];

    /// The Japanese name of the route.
    pub const fn label_ja(self) -> &'static str {
        match self {
            HireRoute::KeyNet => "医療のお仕事 Key-Net",
            HireRoute::HelloWork => "ハローワーク",
            HireRoute::PrefectureDesk => "都道府県の受付窓口",
            HireRoute::NurseCenter => "ナースセンター",
            HireRoute::Other => "その他",
        }
    }
}

/// A hire through the plan and the training that conditions it (§8, §9).
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hire {
    pub seeker_id: String,
    /// How the hire was matched; `key_net` unless stated.
    pub route: HireRoute,
    pub hired_on: Date,
    pub training_completed_on: Option<Date>,
    pub completion_reported_on: Option<Date>,
}

/// A registered posting. Made by reading its JSON (the form is validated) or by
/// [`Posting::register`]; changed only through [`crate::lifecycle`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub(crate) id: String,
    pub(crate) registered_on: Date,
    pub(crate) status: Status,
    pub(crate) closed_reason: Option<ClosedReason>,
    pub(crate) closed_on: Option<Date>,
    pub(crate) form: ValidForm,
    pub(crate) inquiries: Vec<Inquiry>,
    pub(crate) hires: Vec<Hire>,
    /// Who applied (first application's date) and who was hired (index into `hires`), kept
    /// beside the lists so each event is checked in O(1), not by a scan (n events: O(n)).
    pub(crate) seekers: SeekerIndex,
}

/// The seekers of a posting by id: derived from `inquiries` and `hires`, never serialised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SeekerIndex {
    pub(crate) applied_on: std::collections::HashMap<String, Date>,
    pub(crate) hire_at: std::collections::HashMap<String, usize>,
}

impl SeekerIndex {
    fn of(inquiries: &[Inquiry], hires: &[Hire]) -> SeekerIndex {
        let mut index = SeekerIndex::default();
        for i in inquiries {
            index.record(i);
        }
        for (at, h) in hires.iter().enumerate() {
            index.hire_at.entry(h.seeker_id.clone()).or_insert(at);
        }
        index
    }

    pub(crate) fn record(&mut self, inquiry: &Inquiry) {
        if inquiry.kind == ContactKind::Application {
            self.applied_on
                .entry(inquiry.seeker_id.clone())
                .or_insert(inquiry.on);
        }
    }
}

/// A posting that could not be read, with every finding (paths relative to the posting:
/// `posting_id`, `form.contact.phone`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the posting has {} error(s)", findings.iter().filter(|f| f.is_error()).count())]
pub struct InvalidPosting {
    pub findings: Vec<Finding>,
}

impl Posting {
    /// Registers a valid form as a new, open posting.
    /// Registers a valid form as an open posting. The id is published on the Key-Net site, so it
    /// is checked like public text ([`check_posting_id`]).
    pub fn register(
        id: impl Into<String>,
        registered_on: Date,
        form: ValidForm,
    ) -> Result<Posting, InvalidPosting> {
        let id = id.into();
        let findings = check_posting_id(&id, form.form());
        if !findings.is_empty() {
            return Err(InvalidPosting { findings });
        }
        Ok(Posting {
            id,
            registered_on,
            status: Status::Open,
            closed_reason: None,
            closed_on: None,
            form,
            inquiries: Vec::new(),
            hires: Vec::new(),
            seekers: SeekerIndex::default(),
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn registered_on(&self) -> Date {
        self.registered_on
    }
    /// What a person should look at in a registrable posting: a registration date before the
    /// day registration opened (2020-05-29), then the form's own warnings (at `form.<path>`).
    pub fn warnings(&self) -> Vec<Finding> {
        let mut warnings = Vec::new();
        if self.registered_on < REGISTRATION_OPENED {
            warnings.push(Finding::warning(
                "registered_on",
                Code::Range,
                format!(
                    "registration date {} is before registration opened on 2020-05-29",
                    text::iso_date(self.registered_on)
                ),
                format!(
                    "登録日（{}）が募集情報の登録開始日（令和2年5月29日）より前です",
                    text::to_wareki(self.registered_on)
                ),
            ));
        }
        warnings.extend(self.form.warnings().iter().cloned().map(|mut f| {
            f.path = format!("form.{}", f.path);
            f
        }));
        warnings
    }
    pub fn status(&self) -> Status {
        self.status
    }
    pub fn is_open(&self) -> bool {
        self.status == Status::Open
    }
    pub fn closed_reason(&self) -> Option<ClosedReason> {
        self.closed_reason
    }
    pub fn closed_on(&self) -> Option<Date> {
        self.closed_on
    }
    pub fn form(&self) -> &ValidForm {
        &self.form
    }
    pub fn inquiries(&self) -> &[Inquiry] {
        &self.inquiries
    }
    pub fn hires(&self) -> &[Hire] {
        &self.hires
    }

    /// The first inquiry or application of a seeker, if any.
    pub fn inquiry_by(&self, seeker_id: &str) -> Option<&Inquiry> {
        self.inquiries.iter().find(|i| i.seeker_id == seeker_id)
    }

    /// Discloses the full details (all but the facility ID) to the seeker of an inquiry about
    /// *this* posting (§6). Without an [`Inquiry`] there is nothing to call this with.
    pub fn disclose(&self, inquiry: &Inquiry) -> Result<FormView<'_>, DisclosureError> {
        if inquiry.posting_id != self.id {
            return Err(DisclosureError::OtherPosting);
        }
        Ok(FormView::registered(&self.form))
    }

    /// Discloses to a seeker by id: an error unless the seeker inquired or applied.
    pub fn disclose_to(&self, seeker_id: &str) -> Result<FormView<'_>, DisclosureError> {
        let inquiry = self
            .inquiry_by(seeker_id)
            .ok_or(DisclosureError::NoInquiry)?;
        self.disclose(inquiry)
    }

    /// Reads a posting from its JSON (docs/domain.md §11, plus the optional lifecycle fields).
    pub fn from_json_value(value: &Value) -> Result<Posting, InvalidPosting> {
        read_posting(value)
    }

    pub fn from_json(input: &[u8]) -> Result<Posting, InvalidPosting> {
        let value: Value = serde_json::from_slice(input).map_err(|e| InvalidPosting {
            findings: vec![Finding::error(
                "",
                Code::Format,
                format!("not valid JSON: {e}"),
                "JSONの形式が正しくありません",
            )],
        })?;
        read_posting(&value)
    }

    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl DisclosureError {
    /// The same message in Japanese.
    pub fn message_ja(&self) -> &'static str {
        match self {
            DisclosureError::NoInquiry => {
                "マスキングされた情報は、問い合わせまたは応募をした求職者にのみ開示されます"
            }
            DisclosureError::OtherPosting => "この問い合わせは別の募集情報に対するものです",
        }
    }
}

/// Why details were not disclosed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DisclosureError {
    #[error(
        "masked details are disclosed only to a job seeker who inquired about or applied to the posting"
    )]
    NoInquiry,
    #[error("the inquiry is about another posting")]
    OtherPosting,
}

fn date_text(d: Date) -> String {
    text::iso_date(d)
}

/// A posting's parts as its JSON writes them (docs/domain.md §11): [`Posting`]'s own writer, shared
/// with the UniFFI record of a posting so both write the same JSON.
pub(crate) struct PostingJson<'a, F: Serialize = &'a form::Form> {
    pub(crate) id: &'a str,
    pub(crate) registered_on: Date,
    pub(crate) status: Status,
    pub(crate) closed_reason: Option<ClosedReason>,
    pub(crate) closed_on: Option<Date>,
    pub(crate) form: F,
    pub(crate) inquiries: &'a [Inquiry],
    pub(crate) hires: &'a [Hire],
}

impl Serialize for Posting {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PostingJson {
            id: &self.id,
            registered_on: self.registered_on,
            status: self.status,
            closed_reason: self.closed_reason,
            closed_on: self.closed_on,
            form: self.form.form(),
            inquiries: &self.inquiries,
            hires: &self.hires,
        }
        .serialize(s)
    }
}

/// A posting as one view shows it (docs/choices.md, "Views of a posting"): its id, dates and
/// status, and its form as [`FormView`] shows it. Who inquired and who was hired are personal
/// data of job seekers: only the internal view has them.
#[derive(Debug, Clone, Copy)]
pub struct PostingView<'a> {
    posting: &'a Posting,
    form: FormView<'a>,
    with_people: bool,
}

impl<'a> PostingView<'a> {
    /// The view a recipient gets. `View::Counts` shows no posting: `None`.
    pub fn of(posting: &'a Posting, view: View) -> Option<PostingView<'a>> {
        Some(PostingView {
            posting,
            form: FormView::of(&posting.form, view)?,
            with_people: view == View::Internal,
        })
    }

    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for PostingView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.posting;
        PostingJson {
            id: &p.id,
            registered_on: p.registered_on,
            status: p.status,
            closed_reason: p.closed_reason,
            closed_on: p.closed_on,
            form: self.form,
            inquiries: if self.with_people { &p.inquiries } else { &[] },
            hires: if self.with_people { &p.hires } else { &[] },
        }
        .serialize(s)
    }
}

impl<F: Serialize> Serialize for PostingJson<'_, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Posting", 8)?;
        st.serialize_field("posting_id", self.id)?;
        st.serialize_field("registered_on", &date_text(self.registered_on))?;
        st.serialize_field("status", &self.status)?;
        if let Some(reason) = self.closed_reason {
            st.serialize_field("closed_reason", &reason)?;
        }
        if let Some(on) = self.closed_on {
            st.serialize_field("closed_on", &date_text(on))?;
        }
        st.serialize_field("form", &self.form)?;
        if !self.inquiries.is_empty() {
            let list: Vec<Value> = self
                .inquiries
                .iter()
                .map(|i| serde_json::json!({"seeker_id": i.seeker_id, "kind": i.kind, "on": date_text(i.on)}))
                .collect();
            st.serialize_field("inquiries", &list)?;
        }
        if !self.hires.is_empty() {
            let list: Vec<Value> = self
                .hires
                .iter()
                .map(|h| {
                    serde_json::json!({"seeker_id": h.seeker_id, "route": h.route, "hired_on": date_text(h.hired_on),
                        "training_completed_on": h.training_completed_on.map(date_text),
                        "completion_reported_on": h.completion_reported_on.map(date_text)})
                })
                .collect();
            st.serialize_field("hires", &list)?;
        }
        st.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// The Japanese label of a field of a posting (by its dotted path: `hires.0.hired_on` → `採用日`
/// of the first hire), for messages: a message in Japanese never names a JSON key.
pub(crate) fn label_ja(path: &str) -> String {
    let mut parts = path.split('.');
    let head = parts.next().unwrap_or("");
    let index = parts
        .next()
        .and_then(|i| i.parse::<usize>().ok())
        .map(|i| i.saturating_add(1));
    let leaf = path.rsplit('.').next().unwrap_or(path);
    let name = match leaf {
        "posting_id" => "募集情報ID",
        "registered_on" => "登録日",
        "status" => "掲載状況",
        "closed_reason" => "終了理由",
        "closed_on" => "終了日",
        "form" => "登録票",
        "inquiries" => "問い合わせ・応募",
        "hires" => "採用者",
        "seeker_id" => "求職者ID",
        "kind" => "問い合わせ・応募の別",
        "on" => "日付",
        "route" => "採用経路",
        "hired_on" => "採用日",
        "training_completed_on" => "研修修了日",
        "completion_reported_on" => "研修修了の報告日",
        _ => "項目",
    };
    let owner = match head {
        "inquiries" => "問い合わせ・応募",
        "hires" => "採用者",
        _ => "",
    };
    match index {
        Some(n) if !owner.is_empty() && leaf != head => format!("{owner}{n}件目の{name}"),
        Some(n) if !owner.is_empty() => format!("{owner}{n}件目"),
        _ => name.to_owned(),
    }
}

struct PostingReader {
    findings: Vec<Finding>,
}

/// The English names of a posting's own fields (the Japanese come from [`label_ja`]).
const POSTING_LABELS_EN: [(&str, &str); 15] = [
    ("posting_id", "posting ID"),
    ("registered_on", "registration date"),
    ("status", "status"),
    ("closed_reason", "closing reason"),
    ("closed_on", "closing date"),
    ("form", "form"),
    ("inquiries", "inquiries"),
    ("hires", "hires"),
    ("seeker_id", "job seeker ID"),
    ("kind", "kind"),
    ("on", "date"),
    ("route", "route"),
    ("hired_on", "hiring date"),
    ("training_completed_on", "training completion date"),
    ("completion_reported_on", "completion report date"),
];

/// Labels of a posting path (`hires.0.hired_on` → 採用者1件目の採用日): (Japanese, English).
fn posting_label(path: &str) -> (String, String) {
    let last = path.rsplit('.').next().unwrap_or(path);
    let en = POSTING_LABELS_EN
        .iter()
        .find(|(key, _)| *key == last)
        .map_or_else(|| path.to_owned(), |(_, en)| (*en).to_owned());
    (label_ja(path), en)
}

/// The longest posting id accepted (Key-Net's own ids are short: `P-000123`).
pub const MAX_POSTING_ID_CHARS: usize = 64;

/// What is wrong with a posting id. It is public — the Key-Net site lists it — so it may not
/// carry the facility ID, nor a masked value of a form that asked for masking; and it is one
/// short line (docs/choices.md "Postings").
pub fn check_posting_id(id: &str, form: &form::Form) -> Vec<Finding> {
    const PATH: &str = "posting_id";
    let len = id.chars().count();
    if id.trim().is_empty() {
        return vec![Finding::error(
            PATH,
            Code::Required,
            "posting ID is required",
            "募集情報IDを入力してください",
        )];
    }
    let mut findings = Vec::new();
    if len > MAX_POSTING_ID_CHARS {
        findings.push(Finding::error(
            PATH,
            Code::TooLong,
            format!(
                "posting ID is {len} characters long; at most {MAX_POSTING_ID_CHARS} are allowed"
            ),
            format!(
                "募集情報IDは{MAX_POSTING_ID_CHARS}文字以内で入力してください（現在{len}文字）"
            ),
        ));
    }
    if id.chars().any(char::is_control) {
        findings.push(Finding::error(
            PATH,
            Code::Format,
            "posting ID must be one line without control characters",
            "募集情報IDに改行や制御文字は使えません",
        ));
    }
    findings.extend(form::scan_published_text(form, PATH, id));
    findings
}

/// Registration opened on 2020-05-29 (the notice of 2020-05-29); an earlier date is a typo or
/// a test record.
pub const REGISTRATION_OPENED: Date = time::macros::date!(2020 - 05 - 29);

impl PostingReader {
    fn error(&mut self, path: &str, code: Code, en: String, ja: String) {
        self.findings.push(Finding::error(path, code, en, ja));
    }

    fn text<'a>(&mut self, v: Option<&'a Value>, path: &str, required: bool) -> Option<&'a str> {
        match v {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim()),
            None | Some(Value::Null) | Some(Value::String(_)) => {
                if required {
                    let (ja, en) = posting_label(path);
                    self.error(
                        path,
                        Code::Required,
                        format!("{en} is required"),
                        format!("{ja}を入力してください"),
                    );
                }
                None
            }
            Some(_) => {
                let (ja, en) = posting_label(path);
                self.error(
                    path,
                    Code::Format,
                    format!("{en} must be text"),
                    format!("{ja}は文字列で入力してください"),
                );
                None
            }
        }
    }

    fn date(&mut self, v: Option<&Value>, path: &str, required: bool) -> Option<Date> {
        let s = self.text(v, path, required)?;
        match text::parse_date(s) {
            Ok(d) => Some(d),
            Err(_) => {
                let (ja, en) = posting_label(path);
                let shown: String = s.chars().take(40).collect();
                self.error(
                    path,
                    Code::Format,
                    format!("{en} must be a date such as 2020-06-01 (got {shown:?})"),
                    format!("{ja}は「2020-06-01」「令和2年6月1日」のような日付で入力してください（入力値：「{shown}」）"),
                );
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        v: Option<&Value>,
        path: &str,
        options: &[(T, &str, &str)],
        required: bool,
    ) -> Option<T> {
        let s = self.text(v, path, required)?;
        match options.iter().find(|(_, code, ja)| *code == s || *ja == s) {
            Some((t, _, _)) => Some(*t),
            None => {
                let codes: Vec<&str> = options.iter().map(|(_, code, _)| *code).collect();
                let labels: Vec<&str> = options.iter().map(|(_, _, ja)| *ja).collect();
                let (ja, en) = posting_label(path);
                let shown: String = s.chars().take(40).collect();
                self.error(
                    path,
                    Code::UnknownValue,
                    format!("{en} must be one of {} (got {shown:?})", codes.join(", ")),
                    format!(
                        "{ja}は「{}」のいずれかを選んでください（入力値：「{shown}」）",
                        labels.join("」「")
                    ),
                );
                None
            }
        }
    }
}

const POSTING_KEYS: [&str; 8] = [
    "posting_id",
    "registered_on",
    "status",
    "closed_reason",
    "closed_on",
    "form",
    "inquiries",
    "hires",
];

fn read_posting(value: &Value) -> Result<Posting, InvalidPosting> {
    let mut r = PostingReader {
        findings: Vec::new(),
    };
    if let Err(e) = crate::limits::check_value(value, crate::MAX_INPUT_BYTES) {
        return Err(InvalidPosting {
            findings: vec![Finding::error(
                "",
                Code::Format,
                e.to_string(),
                e.message_ja(),
            )],
        });
    }
    let Some(obj) = value.as_object() else {
        return Err(InvalidPosting {
            findings: vec![Finding::error(
                "",
                Code::Format,
                "a posting must be a JSON object",
                "募集情報はJSONオブジェクトで入力してください",
            )],
        });
    };
    for key in obj.keys() {
        if !POSTING_KEYS.contains(&key.as_str()) {
            let shown = crate::finding::shown(key);
            r.error(
                key,
                Code::UnknownValue,
                format!("unknown field {shown:?} of a posting"),
                format!("募集情報にない項目です：「{shown}」"),
            );
        }
    }
    let id = r
        .text(obj.get("posting_id"), "posting_id", true)
        .map(str::to_owned);
    let registered_on = r.date(obj.get("registered_on"), "registered_on", true);
    let status = r.choice(
        obj.get("status"),
        "status",
        &[
            (Status::Open, "open", "公開中"),
            (Status::Closed, "closed", "終了"),
        ],
        true,
    );
    let closed_reason = r.choice(
        obj.get("closed_reason"),
        "closed_reason",
        &ClosedReason::ALL,
        false,
    );
    let closed_on = r.date(obj.get("closed_on"), "closed_on", false);
    if status == Some(Status::Open) && (closed_reason.is_some() || closed_on.is_some()) {
        r.error(
            "closed_reason",
            Code::Inconsistent,
            "an open posting has no closing reason or date".into(),
            "公開中の募集情報に終了理由・終了日は入力できません".into(),
        );
    }
    if let (Some(reg), Some(closed)) = (registered_on, closed_on)
        && closed < reg
    {
        r.error(
            "closed_on",
            Code::Inconsistent,
            "closed before it was registered".into(),
            "登録日より前に終了しています".into(),
        );
    }
    let form = match obj.get("form") {
        None | Some(Value::Null) => {
            r.error(
                "form",
                Code::Required,
                "form is required".into(),
                "登録票を入力してください".into(),
            );
            None
        }
        // The municipality list of the registration date applies (docs/domain.md §12).
        Some(form_value) => match match registered_on {
            Some(day) => form::validate_value_as_of(form_value, day),
            None => form::validate_value(form_value),
        } {
            Err(e) => {
                r.error("form", Code::Format, e.to_string(), e.message_ja());
                None
            }
            Ok(validation) => {
                let findings = validation.findings().to_vec();
                match validation.into_valid() {
                    Ok(valid) => Some(valid),
                    Err(_) => {
                        for mut f in findings.into_iter().filter(Finding::is_error) {
                            f.path = if f.path.is_empty() {
                                "form".into()
                            } else {
                                format!("form.{}", f.path)
                            };
                            r.findings.push(f);
                        }
                        None
                    }
                }
            }
        },
    };
    let id_for_inquiries = id.clone().unwrap_or_default();
    let inquiries = read_list(
        &mut r,
        obj.get("inquiries"),
        "inquiries",
        |r, item, path| {
            let seeker = r
                .text(item.get("seeker_id"), &format!("{path}.seeker_id"), true)?
                .to_owned();
            let kind = r.choice(
                item.get("kind"),
                &format!("{path}.kind"),
                &[
                    (ContactKind::Inquiry, "inquiry", "問い合わせ"),
                    (ContactKind::Application, "application", "応募"),
                ],
                true,
            )?;
            let on = r.date(item.get("on"), &format!("{path}.on"), true)?;
            Some(Inquiry {
                posting_id: id_for_inquiries.clone(),
                seeker_id: seeker,
                kind,
                on,
            })
        },
    );
    let hires = read_list(&mut r, obj.get("hires"), "hires", |r, item, path| {
        let seeker_id = r
            .text(item.get("seeker_id"), &format!("{path}.seeker_id"), true)?
            .to_owned();
        let route = r
            .choice(
                item.get("route"),
                &format!("{path}.route"),
                &HireRoute::ALL.map(|(route, code)| (route, code, route.label_ja())),
                false,
            )
            .unwrap_or_default();
        let hired_on = r.date(item.get("hired_on"), &format!("{path}.hired_on"), true)?;
        let training_completed_on = r.date(
            item.get("training_completed_on"),
            &format!("{path}.training_completed_on"),
            false,
        );
        let completion_reported_on = r.date(
            item.get("completion_reported_on"),
            &format!("{path}.completion_reported_on"),
            false,
        );
        Some(Hire {
            seeker_id,
            route,
            hired_on,
            training_completed_on,
            completion_reported_on,
        })
    });
    if let (Some(id), Some(form)) = (&id, &form) {
        r.findings.extend(check_posting_id(id, form.form()));
    }
    match (id, registered_on, status, form) {
        (Some(id), Some(registered_on), Some(status), Some(form)) if r.findings.is_empty() => {
            Ok(Posting {
                id,
                registered_on,
                status,
                closed_reason,
                closed_on,
                form,
                seekers: SeekerIndex::of(&inquiries, &hires),
                inquiries,
                hires,
            })
        }
        _ => Err(InvalidPosting {
            findings: r.findings,
        }),
    }
}

fn read_list<T>(
    r: &mut PostingReader,
    v: Option<&Value>,
    path: &str,
    mut item: impl FnMut(&mut PostingReader, &serde_json::Map<String, Value>, &str) -> Option<T>,
) -> Vec<T> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let p = format!("{path}.{i}");
                match v.as_object() {
                    Some(obj) => item(r, obj, &p),
                    None => {
                        let (ja, _) = posting_label(path);
                        r.error(
                            &p,
                            Code::Format,
                            format!("{p} must be an object"),
                            format!("{ja}（{}件目）はオブジェクトで入力してください", i + 1),
                        );
                        None
                    }
                }
            })
            .collect(),
        Some(_) => {
            let (ja, _) = posting_label(path);
            r.error(
                path,
                Code::Format,
                format!("{path} must be a list"),
                format!("{ja}は配列で入力してください"),
            );
            Vec::new()
        }
    }
}
