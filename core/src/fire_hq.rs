//! The fire department HQ's G-MIS ID application (seed 003, 別添1「消防ユーザ登録情報」; docs/domain.md
//! §10, §12): one record per HQ — prefecture, HQ name, department, contact name, e-mail, phone,
//! reason — checked with findings like the form's; and the prefecture's list of them for the
//! ministry (the prefecture collects its HQs' applications and sends one list).
//!
//! Only HQs are given IDs for now (「当面、付与対象は、消防本部のみ」): a fire station (消防署),
//! branch (分署) or post (出張所) is refused.

use serde::Serialize;
use serde_json::Value;

use crate::finding::{Code, Finding};
use crate::places::Prefecture;
use crate::text;

/// One HQ's application, read and normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FireHqApplication {
    /// 都道府県.
    pub prefecture: Prefecture,
    /// 消防本部名.
    pub hq_name: String,
    /// 担当部署名.
    pub department: String,
    /// 担当者氏名.
    pub contact_name: String,
    /// メールアドレス (the domain in lower case, as the form writes it).
    pub email: String,
    /// 電話番号 (canonical display form, `03-3212-2111`).
    pub phone: String,
    /// 申請理由.
    pub reason: String,
}

/// The fields of an application: JSON key, Japanese label (the seed's column), English label.
pub const FIELDS: [(&str, &str, &str); 7] = [
    ("prefecture", "都道府県", "prefecture"),
    ("hq_name", "消防本部名", "HQ name"),
    ("department", "担当部署名", "department"),
    ("contact_name", "担当者氏名", "contact name"),
    ("email", "メールアドレス", "e-mail"),
    ("phone", "電話番号", "phone"),
    ("reason", "申請理由", "reason"),
];

/// Longest text accepted in a field (characters, after normalisation); a choice of this library.
pub const MAX_CHARS: usize = 200;

fn labels(key: &str) -> (&'static str, &'static str) {
    FIELDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(("項目", "field"), |(_, ja, en)| (*ja, *en))
}

/// Names that are a fire station or smaller unit, not an HQ.
const NOT_HQ_ENDINGS: [&str; 4] = ["消防署", "分署", "出張所", "分遣所"];

/// Reads one application from JSON (keys of [`FIELDS`]): the application when it has no error,
/// and every finding (errors and warnings) with paths relative to it.
pub fn read_application(value: &Value) -> (Option<FireHqApplication>, Vec<Finding>) {
    let mut f = Vec::new();
    let Some(obj) = value.as_object() else {
        f.push(Finding::error(
            "",
            Code::Format,
            "an application must be a JSON object",
            "申請内容はJSONオブジェクトで入力してください",
        ));
        return (None, f);
    };
    for key in obj.keys() {
        if !FIELDS.iter().any(|(k, _, _)| k == key) {
            let shown = crate::finding::shown(key);
            f.push(Finding::error(
                key.as_str(),
                Code::UnknownValue,
                format!("unknown field {shown:?} of a fire HQ ID application"),
                format!("消防ユーザ登録情報にない項目です：「{shown}」"),
            ));
        }
    }
    let line = |key: &str, f: &mut Vec<Finding>| -> Option<String> {
        let (ja, en) = labels(key);
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => text::clean_line(s),
            Some(_) => {
                f.push(Finding::error(
                    key,
                    Code::Format,
                    format!("{en} must be text"),
                    format!("{ja}は文字列で入力してください"),
                ));
                return None;
            }
        }
        .or_else(|| {
            f.push(Finding::error(
                key,
                Code::Required,
                format!("{en} is required"),
                format!("{ja}を入力してください"),
            ));
            None
        })
        .and_then(|s| {
            let n = s.chars().count();
            if n > MAX_CHARS {
                f.push(Finding::error(
                    key,
                    Code::TooLong,
                    format!("{en} is {n} characters long; at most {MAX_CHARS}"),
                    format!("{ja}は{MAX_CHARS}文字以内で入力してください（{n}文字）"),
                ));
                None
            } else {
                Some(s)
            }
        })
    };
    let prefecture = line("prefecture", &mut f).and_then(|p| match Prefecture::parse(&p) {
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
    let hq_name = line("hq_name", &mut f);
    if let Some(name) = &hq_name {
        if let Some(end) = NOT_HQ_ENDINGS.iter().find(|e| name.ends_with(*e)) {
            f.push(Finding::error(
                "hq_name",
                Code::Inconsistent,
                format!("IDs are issued to fire department HQs only, not to a {end} (seed 003)"),
                format!("IDの付与対象は消防本部のみです（{end}は対象外です）"),
            ));
        } else if !name.contains("消防") {
            f.push(Finding::warning(
                "hq_name",
                Code::Inconsistent,
                "the name does not say 消防: confirm that this is a fire department HQ",
                "消防本部名に「消防」が含まれていません。消防本部であることを確認してください",
            ));
        }
    }
    let department = line("department", &mut f);
    let contact_name = line("contact_name", &mut f);
    let email = line("email", &mut f).and_then(|e| match crate::form::email_address(&e) {
        Some(e) => Some(e),
        None => {
            f.push(Finding::error(
                "email",
                Code::Format,
                "e-mail address is not valid (name@example.jp)",
                "メールアドレスの形式が正しくありません（例：name@example.jp）",
            ));
            None
        }
    });
    let phone = line("phone", &mut f).and_then(|p| match text::parse_phone(&p) {
        Ok(n) => Some(n.as_str().to_owned()),
        Err(_) => {
            f.push(Finding::error(
                "phone",
                Code::Format,
                "phone number is not valid (03-1234-5678)",
                "電話番号の形式が正しくありません（例：03-1234-5678）",
            ));
            None
        }
    });
    let reason = line("reason", &mut f);
    let errors = f.iter().any(Finding::is_error);
    let application = match (
        prefecture,
        hq_name,
        department,
        contact_name,
        email,
        phone,
        reason,
    ) {
        (
            Some(prefecture),
            Some(hq_name),
            Some(department),
            Some(contact_name),
            Some(email),
            Some(phone),
            Some(reason),
        ) if !errors => Some(FireHqApplication {
            prefecture,
            hq_name,
            department,
            contact_name,
            email,
            phone,
            reason,
        }),
        _ => None,
    };
    (application, f)
}

/// One row of the list for the ministry: the seed's sheet numbers its rows (`#`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListRow {
    pub number: usize,
    #[serde(flatten)]
    pub application: FireHqApplication,
}

/// A prefecture's list of its HQs' applications, for the ministry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinistryList {
    pub prefecture: Prefecture,
    /// The sheet's column headers, in its order (`#`, 都道府県, 消防本部名, …).
    pub headers_ja: Vec<&'static str>,
    pub rows: Vec<ListRow>,
    /// Warnings of the rows (paths `applications.<i>.…`).
    pub warnings: Vec<Finding>,
}

/// Collects applications (JSON) into one list for the ministry: every application must be
/// valid, of `prefecture`, and name an HQ not already listed. Every finding at
/// `applications.<i>.…`; the list when no finding is an error.
pub fn collect(
    prefecture: Prefecture,
    applications: &[Value],
) -> Result<MinistryList, Vec<Finding>> {
    let mut findings = Vec::new();
    let mut rows: Vec<ListRow> = Vec::with_capacity(applications.len());
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, value) in applications.iter().enumerate() {
        let at = |mut f: Finding| {
            f.path = if f.path.is_empty() {
                format!("applications.{i}")
            } else {
                format!("applications.{i}.{}", f.path)
            };
            f
        };
        let (application, fs) = read_application(value);
        findings.extend(fs.into_iter().map(at));
        let Some(application) = application else {
            continue;
        };
        if application.prefecture != prefecture {
            findings.push(at(Finding::error(
                "prefecture",
                Code::Inconsistent,
                format!(
                    "an HQ of prefecture {} cannot be in the list of prefecture {}",
                    application.prefecture.code(),
                    prefecture.code()
                ),
                format!(
                    "{}の消防本部は{}のリストに含められません",
                    application.prefecture.name(),
                    prefecture.name()
                ),
            )));
            continue;
        }
        let key = text::leak_key(&application.hq_name);
        if let Some(first) = seen.get(&key) {
            findings.push(at(Finding::error(
                "hq_name",
                Code::Inconsistent,
                format!("the same HQ is already listed as application {first}"),
                format!(
                    "同じ消防本部が既に{}件目に記載されています",
                    first.saturating_add(1)
                ),
            )));
            continue;
        }
        seen.insert(key, i);
        rows.push(ListRow {
            number: rows.len().saturating_add(1),
            application,
        });
    }
    if findings.iter().any(Finding::is_error) {
        return Err(findings);
    }
    let mut headers_ja = vec!["#"];
    headers_ja.extend(FIELDS.iter().map(|(_, ja, _)| *ja));
    Ok(MinistryList {
        prefecture,
        headers_ja,
        rows,
        warnings: findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokyo() -> Value {
        serde_json::json!({"prefecture": "東京都", "hq_name": "東京消防庁", "department": "救急部救急管理課",
            "contact_name": "消防 太郎", "email": "Kyukyu@Example.JP", "phone": "03-3212-2111",
            "reason": "救急搬送時の受入れ医療機関の確認のため"})
    }

    #[test]
    fn a_good_application_is_normalised() {
        let (a, f) = read_application(&tokyo());
        assert!(f.is_empty(), "{f:?}");
        let a = a.unwrap();
        assert_eq!(a.email, "Kyukyu@example.jp");
        assert_eq!(a.phone, "03-3212-2111");
        assert_eq!(a.prefecture.code(), "13");
    }

    #[test]
    fn every_field_is_checked_and_named_in_japanese() {
        let (a, f) = read_application(
            &serde_json::json!({"prefecture": "東京", "hq_name": "丸の内消防署",
            "department": "", "email": "not-an-address", "phone": "12345", "reason": 5, "fax": "x"}),
        );
        assert!(a.is_none());
        let paths: Vec<&str> = f.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "fax",
                "hq_name",
                "department",
                "contact_name",
                "email",
                "phone",
                "reason"
            ]
        );
        for finding in &f {
            for key in [
                "hq_name",
                "department",
                "contact_name",
                "email",
                "phone",
                "reason",
            ] {
                assert!(!finding.message_ja.contains(key), "{}", finding.message_ja);
            }
        }
    }

    #[test]
    fn the_list_refuses_other_prefectures_and_repeats() {
        let mut kanagawa = tokyo();
        kanagawa["prefecture"] = "神奈川県".into();
        kanagawa["hq_name"] = "横浜市消防局".into();
        let list = collect(
            Prefecture::parse("13").unwrap(),
            &[tokyo(), kanagawa.clone(), tokyo()],
        )
        .unwrap_err();
        let paths: Vec<&str> = list.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["applications.1.prefecture", "applications.2.hq_name"]
        );
        let ok = collect(Prefecture::parse("14").unwrap(), &[kanagawa]).unwrap();
        assert_eq!(ok.rows.len(), 1);
        assert_eq!(ok.rows[0].number, 1);
        assert_eq!(ok.headers_ja.len(), 8);
    }
}
