//! A posting (募集情報): a registered form with its id, registration date and status (docs/domain.md §11),
//! plus what the lifecycle records on it — inquiries, applications, hires (§9).

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;
use time::Date;

use crate::finding::{Code, Finding};
use crate::form::{self, ValidForm};
use crate::masking::FormView;
use crate::text;

/// `open`, or `closed` (filled, withdrawn, unpublished or deleted in Key-Net).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Closed,
}

/// Why a posting was closed (§9; the §11 status says only `closed`, so this is an optional
/// extension field, `closed_reason`).
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
    pub const ALL: [(ClosedReason, &'static str); 4] = [
        (ClosedReason::Filled, "filled"),
        (ClosedReason::Withdrawn, "withdrawn"),
        (ClosedReason::Unpublished, "unpublished"),
        (ClosedReason::Deleted, "deleted"),
    ];
}

/// An inquiry (問い合わせ) or an application (応募) by a job seeker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Inquiry,
    Application,
}

/// A job seeker's inquiry about, or application to, one posting. Only the lifecycle creates
/// one, so holding it is proof that the seeker asked — the condition for disclosure (§6).
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
    pub fn register(id: impl Into<String>, registered_on: Date, form: ValidForm) -> Posting {
        Posting {
            id: id.into(),
            registered_on,
            status: Status::Open,
            closed_reason: None,
            closed_on: None,
            form,
            inquiries: Vec::new(),
            hires: Vec::new(),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn registered_on(&self) -> Date {
        self.registered_on
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

impl Serialize for Posting {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Posting", 8)?;
        st.serialize_field("posting_id", &self.id)?;
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

/// The Japanese label of an option of a posting's fields, for messages listing the choices.
pub(crate) fn option_ja(code: &str) -> &'static str {
    match code {
        "open" => "公開中",
        "closed" => "終了",
        "filled" => "充足",
        "withdrawn" => "取下げ",
        "unpublished" => "非公開",
        "deleted" => "削除",
        "inquiry" => "問い合わせ",
        "application" => "応募",
        "key_net" => HireRoute::KeyNet.label_ja(),
        "hello_work" => HireRoute::HelloWork.label_ja(),
        "prefecture_desk" => HireRoute::PrefectureDesk.label_ja(),
        "nurse_center" => HireRoute::NurseCenter.label_ja(),
        "other" => HireRoute::Other.label_ja(),
        _ => "",
    }
}

struct PostingReader {
    findings: Vec<Finding>,
}

impl PostingReader {
    fn error(&mut self, path: &str, code: Code, en: String, ja: String) {
        self.findings.push(Finding::error(path, code, en, ja));
    }

    fn text<'a>(&mut self, v: Option<&'a Value>, path: &str, required: bool) -> Option<&'a str> {
        match v {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim()),
            None | Some(Value::Null) | Some(Value::String(_)) => {
                if required {
                    self.error(
                        path,
                        Code::Required,
                        format!("{path} is required"),
                        format!("{}を入力してください", label_ja(path)),
                    );
                }
                None
            }
            Some(_) => {
                self.error(
                    path,
                    Code::Format,
                    format!("{path} must be text"),
                    format!("{}は文字列で入力してください", label_ja(path)),
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
                self.error(
                    path,
                    Code::Format,
                    format!("{path} must be a date such as 2020-06-01 (got {s:?})"),
                    format!(
                        "{}は日付で入力してください（入力値：「{s}」）",
                        label_ja(path)
                    ),
                );
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        v: Option<&Value>,
        path: &str,
        options: &[(T, &str)],
        required: bool,
    ) -> Option<T> {
        let s = self.text(v, path, required)?;
        match options.iter().find(|(_, name)| *name == s) {
            Some((t, _)) => Some(*t),
            None => {
                let allowed: Vec<&str> = options.iter().map(|(_, n)| *n).collect();
                let allowed_ja: Vec<&str> = allowed.iter().map(|n| option_ja(n)).collect();
                self.error(
                    path,
                    Code::UnknownValue,
                    format!("{path} must be one of {} (got {s:?})", allowed.join(", ")),
                    format!(
                        "{}は{}のいずれかです（入力値：「{s}」）",
                        label_ja(path),
                        allowed_ja.join("・")
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
            r.error(
                key,
                Code::UnknownValue,
                format!("unknown field {key:?} of a posting"),
                format!("募集情報にない項目です：「{key}」"),
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
        &[(Status::Open, "open"), (Status::Closed, "closed")],
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
        Some(form_value) => match form::validate_value(form_value) {
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
                    (ContactKind::Inquiry, "inquiry"),
                    (ContactKind::Application, "application"),
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
                &HireRoute::ALL,
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
    match (id, registered_on, status, form) {
        (Some(id), Some(registered_on), Some(status), Some(form)) if r.findings.is_empty() => {
            Ok(Posting {
                id,
                registered_on,
                status,
                closed_reason,
                closed_on,
                form,
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
                        r.error(
                            &p,
                            Code::Format,
                            format!("{p} must be an object"),
                            format!("{}はオブジェクトで入力してください", label_ja(&p)),
                        );
                        None
                    }
                }
            })
            .collect(),
        Some(_) => {
            r.error(
                path,
                Code::Format,
                format!("{path} must be a list"),
                format!("{}は配列で入力してください", label_ja(path)),
            );
            Vec::new()
        }
    }
}
