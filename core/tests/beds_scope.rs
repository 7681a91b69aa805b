//! The bed view's scope, property-tested: a viewer tied to a prefecture (a Tokyo fire HQ) never
//! sees an institution of another prefecture — not in a page, a search, the totals or the export.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use keynet::accounts::{Account, IdKind};
use keynet::beds::{self, BedRow, SCREEN_ROWS};
use keynet::csv::Encoding;
use keynet::places::{self, MunicipalityKind, Prefecture};
use proptest::prelude::*;
use serde_json::json;

/// A valid row for a real municipality (picked by index) of the official list.
fn row(municipality_index: usize, serial: usize, secured: u32) -> BedRow {
    let list: Vec<&places::Municipality> = places::municipalities()
        .iter()
        .filter(|m| m.kind != MunicipalityKind::Prefecture && m.always_in_force())
        .collect();
    let m = list[municipality_index % list.len()];
    let code = m.prefecture.code();
    let value = json!({"prefecture": code, "local_government_code": m.code, "municipality": m.name,
        "secondary_area_number": format!("{code}01"), "secondary_area_name": "圏域",
        "institution_code": format!("{code}{serial:08}"), "institution_name": format!("病院{serial}"),
        "record_date": "2022/01/05", "reported_at": "2022/02/01 11:32", "secured_beds": secured});
    let (row, findings) = beds::read_row(&value);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:?}");
    row.unwrap()
}

fn rows_strategy() -> impl Strategy<Value = Vec<BedRow>> {
    prop::collection::vec((0usize..1_912, 0u32..50), 0..300).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (m, s))| row(m, i, s))
            .collect()
    })
}

fn viewer_kind() -> impl Strategy<Value = IdKind> {
    prop::sample::select(vec![
        IdKind::FireDepartmentHq,
        IdKind::Prefecture,
        IdKind::AggregatingBody,
        IdKind::HealthCenterRecruitment,
        IdKind::HealthCenterMunicipality,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200)))]

    #[test]
    fn a_viewer_sees_only_its_own_prefecture(rows in rows_strategy(), prefecture in 1u8..=47, kind in viewer_kind(),
                                             query in "[0-9病院]{0,3}") {
        let own = Prefecture::from_number(prefecture).unwrap();
        let account = Account { id: "X".into(), kind, prefecture: own };
        let view = account.bed_viewer().unwrap().view(&rows);
        let expected = rows.iter().filter(|r| r.prefecture == own).count();
        prop_assert_eq!(view.rows().len(), expected);
        prop_assert!(view.rows().iter().all(|r| r.prefecture == own));
        let searched = view.search(&query);
        prop_assert!(searched.rows().iter().all(|r| r.prefecture == own));
        let totals = view.totals();
        prop_assert_eq!(totals.all.records, expected);
        prop_assert!(totals.groups.iter().all(|g| g.prefecture == own));
        let sum: u64 = rows.iter().filter(|r| r.prefecture == own).map(|r| u64::from(r.secured_beds.unwrap_or(0))).sum();
        prop_assert_eq!(totals.all.secured_beds, sum);
        let mut csv = Vec::new();
        view.export_csv(&mut csv, Encoding::ShiftJis).unwrap();
        let mut exported = 0;
        beds::read_export(&csv[..], Encoding::ShiftJis, |_, r| {
            let (row, _) = r.unwrap();
            assert_eq!(row.prefecture, own);
            exported += 1;
        });
        prop_assert_eq!(exported, expected);
        for other in rows.iter().filter(|r| r.prefecture != own) {
            if let Some(code) = &other.institution_code {
                let other_code = code.as_bytes();
                prop_assert!(!csv.windows(other_code.len()).any(|w| w == other_code));
            }
        }
    }
}

#[test]
fn tokyo_fire_hq_never_sees_kanagawa() {
    // 千代田区 (Tokyo) and 横浜市 (Kanagawa) rows, many of each.
    let tokyo_index = places::municipalities()
        .iter()
        .filter(|m| m.kind != MunicipalityKind::Prefecture)
        .position(|m| m.name == "千代田区")
        .unwrap();
    let yokohama_index = places::municipalities()
        .iter()
        .filter(|m| m.kind != MunicipalityKind::Prefecture)
        .position(|m| m.name == "横浜市")
        .unwrap();
    let rows: Vec<BedRow> = (0..5_000)
        .map(|i| {
            row(
                if i % 2 == 0 {
                    tokyo_index
                } else {
                    yokohama_index
                },
                i,
                1,
            )
        })
        .collect();
    let fire = Account {
        id: "FD13".into(),
        kind: IdKind::FireDepartmentHq,
        prefecture: Prefecture::from_number(13).unwrap(),
    };
    let view = fire.bed_viewer().unwrap().view(&rows);
    assert_eq!(view.rows().len(), 2_500);
    assert!(view.rows().iter().all(|r| r.prefecture.number() == 13));
    // Screens of at most 2,000 rows, covering every row once.
    assert_eq!(view.pages(), 2);
    assert_eq!(view.page(0).len(), SCREEN_ROWS);
    assert_eq!(view.page(1).len(), 500);
    assert!(view.page(2).is_empty());
    assert_eq!(view.totals().groups[0].label, "東京都 (2500)");
    // A medical institution's ID has no bed view at all.
    let hospital = Account {
        id: "GM13".into(),
        kind: IdKind::MedicalInstitution,
        prefecture: Prefecture::from_number(13).unwrap(),
    };
    assert!(hospital.bed_viewer().is_err());
}
