//! Partial results that combine exactly (docs/choices.md, "Partitions: results that combine"):
//! postings split into partitions (files, Dask or Spark partitions) give, partition by
//! partition, count tables that add up and distributions that concatenate, in the partitions'
//! order, to what the whole input gives in one call.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::CountRow;
use crate::finding::{Code, Finding};
use crate::views::View;

/// The sum of count tables, row by row (occupation × prefecture), in the count table's order
/// (§3 occupation order, then prefecture code). A count beyond `u32` is refused, not wrapped.
pub fn add_count_tables<'t>(
    tables: impl IntoIterator<Item = &'t [CountRow]>,
) -> Result<Vec<CountRow>, Finding> {
    let mut cells: BTreeMap<(usize, u8), CountRow> = BTreeMap::new();
    for row in tables.into_iter().flatten() {
        let key = (row.occupation.rank(), row.prefecture.number());
        match cells.get_mut(&key) {
            None => {
                cells.insert(key, *row);
            }
            Some(cell) => {
                let (Some(postings), Some(openings)) = (
                    cell.postings.checked_add(row.postings),
                    cell.openings.checked_add(row.openings),
                ) else {
                    return Err(Finding::error(
                        "tables",
                        Code::Range,
                        "the counts add up to more than 4,294,967,295",
                        "件数の合計が 4,294,967,295 を超えます",
                    ));
                };
                cell.postings = postings;
                cell.openings = openings;
            }
        }
    }
    Ok(cells.into_values().filter(|r| r.postings > 0).collect())
}

/// One recipient's part of a distribution's JSON (`distribute`, `new_since`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartDelivery {
    recipient: Value,
    label_ja: String,
    view: View,
    posting_ids: Option<Vec<String>>,
    counts: Option<Vec<CountRow>>,
}

/// Distributions of consecutive partitions of one postings list, to the same recipients in the
/// same order, as one: each recipient's posting ids concatenated in the partitions' order, its
/// counts added. `parts` is a list of distribution results (their JSON); findings at
/// `parts.<i>.<j>` for a part that does not read or does not match the first.
pub fn combine_distributions(parts: &Value) -> Result<Value, Vec<Finding>> {
    let Some(parts) = parts.as_array() else {
        return Err(vec![not_a_list("parts")]);
    };
    let mut read: Vec<Vec<PartDelivery>> = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let Some(deliveries) = part.as_array() else {
            return Err(vec![not_a_list(&format!("parts.{i}"))]);
        };
        let mut out = Vec::with_capacity(deliveries.len());
        for (j, d) in deliveries.iter().enumerate() {
            let delivery = PartDelivery::deserialize(d)
                .ok()
                .filter(|d| d.posting_ids.is_some() != d.counts.is_some())
                .ok_or_else(|| {
                    vec![Finding::error(
                        format!("parts.{i}.{j}"),
                        Code::Format,
                        "a delivery is {recipient, label_ja, view, posting_ids or counts}",
                        "提供結果の形式が正しくありません（recipient・label_ja・view・posting_ids または counts）",
                    )]
                })?;
            out.push(delivery);
        }
        read.push(out);
    }
    let Some((first, rest)) = read.split_first() else {
        return Ok(Value::Array(Vec::new()));
    };
    let mut findings = Vec::new();
    for (i, part) in rest.iter().enumerate() {
        if part.len() != first.len() {
            findings.push(Finding::error(
                format!("parts.{}", i + 1),
                Code::Inconsistent,
                format!(
                    "part {} has {} recipients, the first part {}: distribute every partition to the same recipients",
                    i + 1,
                    part.len(),
                    first.len()
                ),
                format!(
                    "部分 {} の提供先は {} 件で、最初の部分（{} 件）と異なります。すべての部分を同じ提供先に提供してください",
                    i + 1,
                    part.len(),
                    first.len()
                ),
            ));
            continue;
        }
        for (j, (a, b)) in first.iter().zip(part).enumerate() {
            if a.recipient != b.recipient
                || a.view != b.view
                || a.counts.is_some() != b.counts.is_some()
            {
                findings.push(Finding::error(
                    format!("parts.{}.{j}", i + 1),
                    Code::Inconsistent,
                    format!("recipient {j} of part {} is not the first part's", i + 1),
                    format!("部分 {} の提供先 {j} が最初の部分と異なります", i + 1),
                ));
            }
        }
    }
    if !findings.is_empty() {
        return Err(findings);
    }
    let mut combined = Vec::with_capacity(first.len());
    for (j, head) in first.iter().enumerate() {
        let mut entry = Map::new();
        entry.insert("recipient".into(), head.recipient.clone());
        entry.insert("label_ja".into(), Value::String(head.label_ja.clone()));
        entry.insert("view".into(), Value::String(head.view.as_str().into()));
        let column = read.iter().filter_map(|part| part.get(j));
        if head.counts.is_some() {
            let tables: Vec<&[CountRow]> = column.filter_map(|d| d.counts.as_deref()).collect();
            let rows = add_count_tables(tables).map_err(|f| vec![f])?;
            entry.insert(
                "counts".into(),
                serde_json::to_value(rows).unwrap_or_default(),
            );
        } else {
            let ids: Vec<Value> = column
                .filter_map(|d| d.posting_ids.as_ref())
                .flatten()
                .map(|id| Value::String(id.clone()))
                .collect();
            entry.insert("posting_ids".into(), Value::Array(ids));
        }
        combined.push(Value::Object(entry));
    }
    Ok(Value::Array(combined))
}

fn not_a_list(path: &str) -> Finding {
    Finding::error(
        path,
        Code::Format,
        "must be a list",
        "一覧（配列）で指定してください",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::occupation::Occupation;
    use crate::places::Prefecture;

    fn row(occupation: Occupation, prefecture: u8, postings: u32, openings: u32) -> CountRow {
        CountRow {
            occupation,
            prefecture: Prefecture::from_number(prefecture).unwrap(),
            postings,
            openings,
        }
    }

    #[test]
    fn count_tables_add_in_table_order() {
        let a = [
            row(Occupation::Nurse, 13, 1, 2),
            row(Occupation::Nurse, 14, 1, 1),
        ];
        let b = [
            row(Occupation::Physician, 1, 2, 2),
            row(Occupation::Nurse, 13, 3, 3),
        ];
        let sum = add_count_tables([&a[..], &b[..]]).unwrap();
        assert_eq!(
            sum,
            vec![
                row(Occupation::Physician, 1, 2, 2),
                row(Occupation::Nurse, 13, 4, 5),
                row(Occupation::Nurse, 14, 1, 1),
            ]
        );
    }

    #[test]
    fn counts_beyond_u32_are_refused() {
        let a = [row(Occupation::Nurse, 13, u32::MAX, 1)];
        let b = [row(Occupation::Nurse, 13, 1, 1)];
        let refused = add_count_tables([&a[..], &b[..]]).unwrap_err();
        assert_eq!(refused.code, Code::Range);
    }
}
