//! Partitions combine exactly (docs/choices.md, "Partitions: results that combine"): for any
//! split of a postings list into consecutive partitions, the partitions' distributions combined
//! equal the whole's distribution, and their count tables added equal the whole's count table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use keynet::api;
use keynet::distribution::standard_recipients;
use proptest::prelude::*;
use serde_json::{Value, json};

fn split(postings: &[Value], cuts: &[usize]) -> Vec<Value> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (postings.len() + 1)).collect();
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain([postings.len()]) {
        parts.push(Value::Array(postings[start..cut].to_vec()));
        start = cut;
    }
    parts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn partitions_combine_to_the_whole(
        seed in 0u64..1_000,
        count in 0usize..60,
        cuts in prop::collection::vec(0usize..1_000, 0..5),
    ) {
        let postings = keynet::sample::generate_postings(seed, count);
        let recipients = serde_json::to_value(standard_recipients(&["A社", "B社"])).unwrap();
        let whole = Value::Array(postings.clone());
        let parts = split(&postings, &cuts);

        let expected = api::distribute(&whole, &recipients, None).unwrap();
        let distributed: Vec<Value> = parts
            .iter()
            .map(|p| api::distribute(p, &recipients, None).unwrap())
            .collect();
        let combined = api::combine_distributions(&Value::Array(distributed)).unwrap();
        prop_assert_eq!(combined.to_string(), expected.to_string());

        let expected = api::count_table(&whole).unwrap();
        let tables: Vec<Value> = parts.iter().map(|p| api::count_table(p).unwrap()).collect();
        let added = api::add_count_tables(&Value::Array(tables)).unwrap();
        prop_assert_eq!(added, expected);
    }
}

#[test]
fn no_parts_combine_to_nothing() {
    assert_eq!(api::combine_distributions(&json!([])).unwrap(), json!([]));
    assert_eq!(api::add_count_tables(&json!([])).unwrap(), json!([]));
}
