//! Distribution (募集情報の提供先, docs/domain.md §7, §11): who receives which open postings, in which
//! view; the placement agencies' count table; why a recipient does or does not receive a
//! posting; and what is new since the last distribution.
//!
//! Recipients that share a scope (the 47 prefectures all receive everything) share one computed
//! list, so a distribution to hundreds of recipients costs a pass per distinct scope.

pub mod combine;
pub mod notice;
pub mod scopes;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::finding::{Code, Finding};
use crate::occupation::{OCCUPATIONS, Occupation};
use crate::places::Prefecture;
use crate::posting::Posting;
use crate::views::View;
pub use scopes::{Region, Rule, RuleSet, RuleSetError};

/// A receiver of postings: its kind (a rule of the rule set), and its prefecture or name where
/// the kind needs one.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, Deserialize)]
pub struct Recipient {
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub prefecture: Option<Prefecture>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
}

impl Recipient {
    pub fn new(kind: impl Into<String>) -> Recipient {
        Recipient {
            kind: kind.into(),
            prefecture: None,
            name: None,
        }
    }
    pub fn in_prefecture(kind: impl Into<String>, prefecture: Prefecture) -> Recipient {
        Recipient {
            kind: kind.into(),
            prefecture: Some(prefecture),
            name: None,
        }
    }
    pub fn named(kind: impl Into<String>, name: impl Into<String>) -> Recipient {
        Recipient {
            kind: kind.into(),
            prefecture: None,
            name: Some(name.into()),
        }
    }
}

/// A recipient that the rule set cannot serve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipientError {
    #[error("recipient {index}: no rule for kind {kind:?}")]
    UnknownKind { index: usize, kind: String },
    #[error("recipient {index}: kind {kind:?} needs a prefecture")]
    MissingPrefecture { index: usize, kind: String },
    #[error("recipient {index}: kind {kind:?} needs a name")]
    MissingName { index: usize, kind: String },
}

impl RecipientError {
    /// As a finding at `recipients.<index>`, for hosts.
    pub fn to_finding(&self) -> Finding {
        let (index, code, ja) = match self {
            RecipientError::UnknownKind { index, kind } => (
                index,
                Code::UnknownValue,
                format!("提供先の種類「{kind}」のルールがありません"),
            ),
            RecipientError::MissingPrefecture { index, .. } => (
                index,
                Code::Required,
                "この提供先には都道府県が必要です".to_owned(),
            ),
            RecipientError::MissingName { index, .. } => (
                index,
                Code::Required,
                "この提供先には名称が必要です".to_owned(),
            ),
        };
        Finding::error(format!("recipients.{index}"), code, self.to_string(), ja)
    }
}

/// One row of the agencies' count table.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountRow {
    pub occupation: Occupation,
    pub prefecture: Prefecture,
    pub postings: u32,
    pub openings: u32,
}

/// What one recipient receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Indexes into the postings given to [`distribute`], in input order.
    Postings(Arc<[usize]>),
    /// Counts per occupation × prefecture, non-zero rows only, in §3 order then by code.
    Counts(Arc<[CountRow]>),
}

/// One recipient's share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub recipient: Recipient,
    /// The recipient kind's Japanese name (its rule's `label_ja`).
    pub label_ja: String,
    pub view: View,
    pub content: Content,
}

/// The result of [`distribute`]: serialises to exactly the §11 JSON.
#[derive(Debug, Clone)]
pub struct Distribution<'a> {
    postings: &'a [Posting],
    pub deliveries: Vec<Delivery>,
}

impl<'a> Distribution<'a> {
    /// The posting ids of a delivery (empty for counts).
    pub fn posting_ids(&self, delivery: &Delivery) -> Vec<&'a str> {
        match &delivery.content {
            Content::Postings(indexes) => indexes
                .iter()
                .filter_map(|&i| self.postings.get(i))
                .map(Posting::id)
                .collect(),
            Content::Counts(_) => Vec::new(),
        }
    }

    pub fn to_json_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

struct DeliverySer<'a, 'b>(&'b Distribution<'a>, &'b Delivery);

impl Serialize for DeliverySer<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (distribution, delivery) = (self.0, self.1);
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("recipient", &delivery.recipient)?;
        map.serialize_entry("label_ja", &delivery.label_ja)?;
        map.serialize_entry("view", &delivery.view)?;
        match &delivery.content {
            Content::Postings(_) => {
                map.serialize_entry("posting_ids", &distribution.posting_ids(delivery))?
            }
            Content::Counts(rows) => map.serialize_entry("counts", &**rows)?,
        }
        map.end()
    }
}

impl Serialize for Distribution<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.deliveries.iter().map(|d| DeliverySer(self, d)))
    }
}

/// A recipient's rule and the key of its scope (recipients with equal keys receive the same).
fn resolve(
    rules: &RuleSet,
    index: usize,
    recipient: &Recipient,
) -> Result<(usize, Option<Prefecture>), RecipientError> {
    let rule_index =
        rules
            .rule_index(&recipient.kind)
            .ok_or_else(|| RecipientError::UnknownKind {
                index,
                kind: recipient.kind.clone(),
            })?;
    let rule = rules
        .rules
        .get(rule_index)
        .ok_or_else(|| RecipientError::UnknownKind {
            index,
            kind: recipient.kind.clone(),
        })?;
    if rule.tied_to_prefecture && recipient.prefecture.is_none() {
        return Err(RecipientError::MissingPrefecture {
            index,
            kind: recipient.kind.clone(),
        });
    }
    if rule.needs_name
        && recipient
            .name
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        return Err(RecipientError::MissingName {
            index,
            kind: recipient.kind.clone(),
        });
    }
    let region = match rule.region {
        Region::Nationwide => None,
        Region::OwnPrefecture => recipient.prefecture,
    };
    Ok((rule_index, region))
}

/// Indexes of the open postings a scope covers, in input order.
fn scope_postings(
    postings: &[Posting],
    occupations: u16,
    region: Option<Prefecture>,
) -> Vec<usize> {
    postings
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.is_open()
                && occupations & (1 << p.form.occupation.rank()) != 0
                && region.is_none_or(|r| p.form.workplace.prefecture == r)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The count table of a list of postings: non-zero rows, in §3 order then by prefecture code.
pub fn count_table<'p>(postings: impl IntoIterator<Item = &'p Posting>) -> Vec<CountRow> {
    let mut cells = [[(0u32, 0u32); 48]; 11];
    for p in postings {
        if let Some(row) = cells.get_mut(p.form.occupation.rank())
            && let Some(cell) = row.get_mut(usize::from(p.form.workplace.prefecture.number()))
        {
            cell.0 += 1;
            cell.1 += u32::from(p.form.openings);
        }
    }
    let mut rows = Vec::new();
    for (info, row) in OCCUPATIONS.iter().zip(cells.iter()) {
        for prefecture in Prefecture::all() {
            if let Some(&(postings, openings)) = row.get(usize::from(prefecture.number()))
                && postings > 0
            {
                rows.push(CountRow {
                    occupation: info.occupation,
                    prefecture,
                    postings,
                    openings,
                });
            }
        }
    }
    rows
}

/// Open postings of an occupation set, bucketed by workplace prefecture in one pass.
fn postings_by_prefecture(postings: &[Posting], occupations: u16) -> Vec<Arc<[usize]>> {
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); 48];
    for (i, p) in postings.iter().enumerate() {
        if p.is_open()
            && occupations & (1 << p.form.occupation.rank()) != 0
            && let Some(bucket) = buckets.get_mut(usize::from(p.form.workplace.prefecture.number()))
        {
            bucket.push(i);
        }
    }
    buckets.into_iter().map(Arc::from).collect()
}

/// For each recipient, its view and the open postings it receives (ids in input order), or its
/// count rows. Closed postings are never distributed.
///
/// Scopes are computed once per occupation set: one pass for every nationwide set, one pass
/// (bucketed by prefecture) for every own-prefecture set, whatever the number of recipients.
pub fn distribute<'a>(
    postings: &'a [Posting],
    recipients: &[Recipient],
    rules: &RuleSet,
) -> Result<Distribution<'a>, RecipientError> {
    let mut nationwide: HashMap<u16, Arc<[usize]>> = HashMap::new();
    let mut by_prefecture: HashMap<u16, Vec<Arc<[usize]>>> = HashMap::new();
    let mut counts: HashMap<(u16, Option<Prefecture>), Arc<[CountRow]>> = HashMap::new();
    let empty: Arc<[usize]> = Arc::from(Vec::new());
    let mut deliveries = Vec::with_capacity(recipients.len());
    for (index, recipient) in recipients.iter().enumerate() {
        let (rule_index, region) = resolve(rules, index, recipient)?;
        let rule = rules
            .rules
            .get(rule_index)
            .ok_or_else(|| RecipientError::UnknownKind {
                index,
                kind: recipient.kind.clone(),
            })?;
        let mask = rule.occupations.mask();
        let list = match region {
            None => nationwide
                .entry(mask)
                .or_insert_with(|| scope_postings(postings, mask, None).into())
                .clone(),
            Some(prefecture) => by_prefecture
                .entry(mask)
                .or_insert_with(|| postings_by_prefecture(postings, mask))
                .get(usize::from(prefecture.number()))
                .cloned()
                .unwrap_or_else(|| empty.clone()),
        };
        let content = match rule.view {
            View::Counts => Content::Counts(
                counts
                    .entry((mask, region))
                    .or_insert_with(|| {
                        count_table(list.iter().filter_map(|&i| postings.get(i))).into()
                    })
                    .clone(),
            ),
            _ => Content::Postings(list),
        };
        deliveries.push(Delivery {
            recipient: recipient.clone(),
            label_ja: rule.label_ja.clone(),
            view: rule.view,
            content,
        });
    }
    Ok(Distribution {
        postings,
        deliveries,
    })
}

/// What is new for each recipient since the previous distribution: the open postings of
/// `current` it receives that it did not receive from `previous` (by posting id); for a counts
/// recipient, the count table of those new postings — the agencies' "new posting" notice.
pub fn new_since<'a>(
    previous: &[Posting],
    current: &'a [Posting],
    recipients: &[Recipient],
    rules: &RuleSet,
) -> Result<Distribution<'a>, RecipientError> {
    let before = distribute(previous, recipients, rules)?;
    let mut deliveries = Vec::with_capacity(recipients.len());
    for (index, recipient) in recipients.iter().enumerate() {
        let (rule_index, region) = resolve(rules, index, recipient)?;
        let rule = rules
            .rules
            .get(rule_index)
            .ok_or_else(|| RecipientError::UnknownKind {
                index,
                kind: recipient.kind.clone(),
            })?;
        let seen: HashSet<&str> = match before.deliveries.get(index).map(|d| &d.content) {
            Some(Content::Postings(indexes)) => indexes
                .iter()
                .filter_map(|&i| previous.get(i))
                .map(Posting::id)
                .collect(),
            // For counts the previous postings are still known here, though never sent.
            _ => scope_postings(previous, rule.occupations.mask(), region)
                .iter()
                .filter_map(|&i| previous.get(i))
                .map(Posting::id)
                .collect(),
        };
        let fresh: Vec<usize> = scope_postings(current, rule.occupations.mask(), region)
            .into_iter()
            .filter(|&i| current.get(i).is_some_and(|p| !seen.contains(p.id())))
            .collect();
        let content = match rule.view {
            View::Counts => {
                Content::Counts(count_table(fresh.iter().filter_map(|&i| current.get(i))).into())
            }
            _ => Content::Postings(fresh.into()),
        };
        deliveries.push(Delivery {
            recipient: recipient.clone(),
            label_ja: rule.label_ja.clone(),
            view: rule.view,
            content,
        });
    }
    Ok(Distribution {
        postings: current,
        deliveries,
    })
}

/// Why a recipient does or does not receive a posting (§11), in English and Japanese.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    pub received: bool,
    pub view: Option<View>,
    /// The recipient kind's Japanese name.
    pub label_ja: String,
    /// The rule that decided, by recipient kind, occupations and region.
    pub rule: String,
    pub rule_ja: String,
    pub reason: String,
    pub reason_ja: String,
}

fn view_ja(view: View) -> &'static str {
    match view {
        View::Internal => "全項目（医療機関IDを含む）",
        View::Registered => "医療機関IDを除く全項目",
        View::Public => "公開用の表示（マスキング処理後）",
        View::Counts => "件数の一覧表",
    }
}

/// Explains one posting for one recipient. For a counts recipient, a posting in scope is
/// "received" as a count only (`view: counts`): no posting is ever sent to it.
pub fn explain(
    posting: &Posting,
    recipient: &Recipient,
    rules: &RuleSet,
) -> Result<Explanation, RecipientError> {
    let (rule_index, region) = resolve(rules, 0, recipient)?;
    let rule = rules
        .rules
        .get(rule_index)
        .ok_or_else(|| RecipientError::UnknownKind {
            index: 0,
            kind: recipient.kind.clone(),
        })?;
    let occupation = posting.form.occupation;
    let place = posting.form.workplace.prefecture;
    let not = |reason: String, reason_ja: String| Explanation {
        received: false,
        view: None,
        label_ja: rule.label_ja.clone(),
        rule: rule.description(),
        rule_ja: rule.description_ja(),
        reason,
        reason_ja,
    };
    if !posting.is_open() {
        return Ok(not(
            format!(
                "posting {} is closed: only open postings are distributed",
                posting.id()
            ),
            format!(
                "募集情報{}は終了しています（提供するのは公開中の募集情報のみです）",
                posting.id()
            ),
        ));
    }
    if !rule.occupations.contains(occupation) {
        return Ok(not(
            format!(
                "occupation {} is not {}",
                occupation.code(),
                rule.occupation_noun
            ),
            format!(
                "職種「{}」は提供対象の職種（{}）ではありません",
                occupation.name_ja(),
                rule.occupations_ja()
            ),
        ));
    }
    if let Some(own) = region
        && own != place
    {
        return Ok(not(
            format!(
                "the workplace is in {} {}, not in the recipient's prefecture {} {}",
                place.code(),
                place.romaji(),
                own.code(),
                own.romaji()
            ),
            format!(
                "勤務地は{}で、提供先の都道府県（{}）ではありません",
                place.name(),
                own.name()
            ),
        ));
    }
    let where_ = match region {
        Some(own) => format!("in its own prefecture {} {}", own.code(), own.romaji()),
        None => "nationwide".to_owned(),
    };
    let where_ja = match region {
        Some(own) => format!("自都道府県（{}）", own.name()),
        None => "全国".to_owned(),
    };
    let (reason, reason_ja) = match rule.view {
        View::Counts => (
            format!(
                "occupation {} is counted {where_}: only the count table per occupation × prefecture is sent, no posting",
                occupation.code()
            ),
            format!(
                "職種「{}」は{where_ja}の件数に数えられます（職種別・地域別の件数の一覧表のみを提供し、募集情報そのものは提供しません）",
                occupation.name_ja()
            ),
        ),
        view => (
            format!(
                "occupation {} is {} {where_}; sent in the {} view",
                occupation.code(),
                rule.occupation_noun,
                view.as_str()
            ),
            format!(
                "職種「{}」は{where_ja}の提供対象です（{}を提供します）",
                occupation.name_ja(),
                view_ja(view)
            ),
        ),
    };
    Ok(Explanation {
        received: true,
        view: Some(rule.view),
        label_ja: rule.label_ja.clone(),
        rule: rule.description(),
        rule_ja: rule.description_ja(),
        reason,
        reason_ja,
    })
}

/// Reads a list of recipients from JSON (§11 shape), with a finding per bad entry.
pub fn read_recipients(value: &Value) -> Result<Vec<Recipient>, Vec<Finding>> {
    let Some(items) = value.as_array() else {
        return Err(vec![Finding::error(
            "recipients",
            Code::Format,
            "recipients must be a list",
            "提供先は配列で入力してください",
        )]);
    };
    let mut findings = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match serde_json::from_value::<Recipient>(item.clone()) {
            Ok(r) => out.push(r),
            Err(e) => findings.push(Finding::error(
                format!("recipients.{i}"),
                Code::Format,
                format!("recipient {i} is not {{kind, prefecture?, name?}}: {e}"),
                format!("提供先{i}の形式が正しくありません"),
            )),
        }
    }
    if findings.is_empty() {
        Ok(out)
    } else {
        Err(findings)
    }
}

/// [`standard_recipients`] of names as people type them: each name trimmed; a blank name
/// (`agencies.<i>`, `required`) and a name given twice (`inconsistent`) are refused, since a
/// recipient without a name cannot be distributed to and two of one agency get everything twice.
pub fn standard_recipients_checked(agencies: &[&str]) -> Result<Vec<Recipient>, Vec<Finding>> {
    let names: Vec<&str> = agencies.iter().map(|a| a.trim()).collect();
    let mut findings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            findings.push(Finding::error(
                format!("agencies.{i}"),
                Code::Required,
                format!("agency {i} has no name"),
                format!("民間職業紹介事業者{}件目の名称が空です", i + 1),
            ));
        } else if names.get(..i).is_some_and(|before| before.contains(name)) {
            let shown = crate::finding::shown(name);
            findings.push(Finding::error(
                format!("agencies.{i}"),
                Code::Inconsistent,
                format!("agency {shown:?} is named twice"),
                format!("民間職業紹介事業者「{shown}」が2回指定されています"),
            ));
        }
    }
    if findings.is_empty() {
        Ok(standard_recipients(&names))
    } else {
        Err(findings)
    }
}

/// The standard list of recipients for a report: every kind of the standard rules, with the 47
/// prefectures for the kinds tied to one, and the given agencies (as given: see
/// [`standard_recipients_checked`]).
pub fn standard_recipients(agencies: &[&str]) -> Vec<Recipient> {
    let rules = RuleSet::standard();
    let mut out = Vec::new();
    for rule in &rules.rules {
        if rule.needs_name {
            out.extend(
                agencies
                    .iter()
                    .map(|a| Recipient::named(rule.kind.clone(), *a)),
            );
        } else if rule.tied_to_prefecture {
            out.extend(Prefecture::all().map(|p| Recipient::in_prefecture(rule.kind.clone(), p)));
        } else {
            out.push(Recipient::new(rule.kind.clone()));
        }
    }
    out
}
