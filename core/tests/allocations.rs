//! How many times validation allocates (docs/benchmarks.md, "Issue 14"): counted with
//! `allocation-counter`, for a form already in canonical form (the case the issue names) and for
//! one typed messily. The bounds are today's counts: a change that allocates more fails here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use allocation_counter::measure;

/// A registrable sample form, messy as typed and in canonical JSON.
fn forms() -> Vec<(Vec<u8>, Vec<u8>)> {
    keynet::sample::generate(3, 200)
        .iter()
        .filter_map(|raw| {
            let canonical = keynet::validate_value(raw).ok()?.canonical_json()?;
            Some((
                serde_json::to_vec(raw).unwrap(),
                serde_json::to_vec(&canonical).unwrap(),
            ))
        })
        .take(50)
        .collect()
}

fn allocations(text: &[u8]) -> u64 {
    measure(|| {
        let validation = keynet::validate_json(text).unwrap();
        assert!(validation.is_registrable());
        std::hint::black_box(validation);
    })
    .count_total
}

#[test]
fn validation_allocates_within_todays_counts() {
    // Warm the tables built once (municipalities, skeletons, phone formats) outside the count.
    let forms = forms();
    assert_eq!(forms.len(), 50);
    let _ = keynet::validate_json(&forms[0].1);
    let canonical: Vec<u64> = forms.iter().map(|(_, c)| allocations(c)).collect();
    let messy: Vec<u64> = forms.iter().map(|(m, _)| allocations(m)).collect();
    let max = |v: &[u64]| v.iter().copied().max().unwrap_or(0);
    let mean = |v: &[u64]| v.iter().sum::<u64>() / v.len() as u64;
    println!(
        "allocations per validation, 50 forms: canonical mean {} max {}; as typed mean {} max {}",
        mean(&canonical),
        max(&canonical),
        mean(&messy),
        max(&messy)
    );
    assert!(max(&canonical) <= CANONICAL_MAX, "{canonical:?}");
    assert!(max(&messy) <= TYPED_MAX, "{messy:?}");
}

/// Today's worst counts over the 50 forms (329 and 347), with room for the allocator's
/// growth steps: far from the "handful" the issue asks of a canonical form (docs/benchmarks.md).
const CANONICAL_MAX: u64 = 380;
const TYPED_MAX: u64 = 380;
