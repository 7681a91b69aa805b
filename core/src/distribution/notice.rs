//! The placement agencies' new-posting notice (seed 001 1(3); docs/domain.md §7, §12): when new
//! postings are registered, each agency gets the count table of what is new, the Key-Net URL, and
//! the contacts of the desks where job seekers can go — the prefecture's desk (窓口), Hello Work
//! and the nurse centre — for every prefecture the new postings are in. What the notice holds is
//! data (`core/data/agency_notice.json`, with its source); the contacts themselves are the
//! caller's (the seeds list none).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Content, CountRow, Recipient, RecipientError, RuleSet, new_since};
use crate::places::Prefecture;
use crate::posting::Posting;

/// A kind of desk the notice names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskKind {
    pub kind: String,
    pub label_ja: String,
    pub label_en: String,
    /// The prefecture's desk exists only where the prefecture set one up.
    pub optional: bool,
    pub note: String,
}

/// The notice's fixed content, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeData {
    pub source: String,
    pub key_net: KeyNetName,
    pub desks: Vec<DeskKind>,
    pub conditions_ja: String,
    pub conditions_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyNetName {
    pub name_ja: String,
    pub name_en: String,
}

/// The embedded notice data.
pub fn notice_data() -> &'static NoticeData {
    static DATA: OnceLock<NoticeData> = OnceLock::new();
    DATA.get_or_init(|| {
        crate::embedded::json(
            "agency_notice.json",
            include_str!("../../data/agency_notice.json"),
        )
    })
}

/// One desk's contact, as the caller knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskContact {
    /// A desk kind of the notice data (`prefecture_desk`, `hello_work`, `nurse_center`).
    pub kind: String,
    pub prefecture: Prefecture,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The desks of one kind in one prefecture: the contacts given (empty when none was given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeDesks {
    pub prefecture: Prefecture,
    pub kind: String,
    pub label_ja: String,
    pub contacts: Vec<DeskContact>,
}

/// The notice to one agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyNotice {
    pub recipient: Recipient,
    pub label_ja: String,
    pub key_net_name_ja: String,
    pub key_net_url: String,
    /// The count table of the new postings (no posting at all).
    pub counts: Vec<CountRow>,
    /// For each prefecture of the new postings (by code), each desk kind in the data's order.
    pub desks: Vec<NoticeDesks>,
    pub conditions_ja: String,
    pub source: String,
}

/// Why a notice cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    #[error(transparent)]
    Recipient(#[from] RecipientError),
    #[error("recipient {index}: kind {kind:?} does not get the counts view, so no agency notice")]
    NotCounts { index: usize, kind: String },
    #[error("contact {index}: unknown desk kind {kind:?}")]
    UnknownDesk { index: usize, kind: String },
}

/// The new-posting notice to each agency: what is new since `previous` (as [`new_since`]), with
/// the Key-Net URL and the desks of the prefectures concerned. Agencies with nothing new get a
/// notice with empty counts and desks (the caller decides not to send it).
pub fn agency_notices(
    previous: &[Posting],
    current: &[Posting],
    agencies: &[Recipient],
    rules: &RuleSet,
    key_net_url: &str,
    contacts: &[DeskContact],
) -> Result<Vec<AgencyNotice>, NoticeError> {
    let data = notice_data();
    for (index, c) in contacts.iter().enumerate() {
        if !data.desks.iter().any(|d| d.kind == c.kind) {
            return Err(NoticeError::UnknownDesk {
                index,
                kind: c.kind.clone(),
            });
        }
    }
    let fresh = new_since(previous, current, agencies, rules)?;
    let mut out = Vec::with_capacity(agencies.len());
    for (index, delivery) in fresh.deliveries.into_iter().enumerate() {
        let Content::Counts(rows) = delivery.content else {
            return Err(NoticeError::NotCounts {
                index,
                kind: delivery.recipient.kind,
            });
        };
        let mut prefectures: Vec<Prefecture> = rows.iter().map(|r| r.prefecture).collect();
        prefectures.sort_by_key(|p| p.number());
        prefectures.dedup();
        let desks = prefectures
            .iter()
            .flat_map(|&p| {
                data.desks.iter().map(move |d| NoticeDesks {
                    prefecture: p,
                    kind: d.kind.clone(),
                    label_ja: d.label_ja.clone(),
                    contacts: contacts
                        .iter()
                        .filter(|c| c.prefecture == p && c.kind == d.kind)
                        .cloned()
                        .collect(),
                })
            })
            .collect();
        out.push(AgencyNotice {
            recipient: delivery.recipient,
            label_ja: delivery.label_ja,
            key_net_name_ja: data.key_net.name_ja.clone(),
            key_net_url: key_net_url.to_owned(),
            counts: rows.to_vec(),
            desks,
            conditions_ja: data.conditions_ja.clone(),
            source: data.source.clone(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_data_parses_with_its_three_desks() {
        let d = notice_data();
        assert!(d.source.contains("受付窓口"));
        let kinds: Vec<&str> = d.desks.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(kinds, ["prefecture_desk", "hello_work", "nurse_center"]);
        assert!(!d.conditions_ja.is_empty());
    }
}
