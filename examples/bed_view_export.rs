//! The regional bed view for one prefecture's viewer, exported as G-MIS does it: "details only"
//! CSV in Shift_JIS. `cargo run -p keynet --example bed_view_export -- [PREFECTURE] [OUT.csv]`
//! (defaults: 13 and examples/out/bed_view_13.csv). The rows are generated for the demo: real
//! local government codes, made-up institutions.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let prefecture = args.next().unwrap_or_else(|| "13".into());
    let prefecture = keynet::Prefecture::parse(&prefecture).ok_or("unknown prefecture")?;
    let out = args
        .next()
        .unwrap_or_else(|| format!("examples/out/bed_view_{}.csv", prefecture.code()));

    // Demo rows across the country: three institutions per municipality of every tenth entry.
    let mut rows = Vec::new();
    let municipalities = keynet::places::municipalities()
        .iter()
        .filter(|m| m.kind != keynet::places::MunicipalityKind::Prefecture)
        .step_by(10);
    for (i, m) in (0u32..).zip(municipalities) {
        for j in 0..3u32 {
            let code = m.prefecture.code();
            let row = serde_json::json!({"prefecture": code, "local_government_code": m.code, "municipality": m.name,
                "secondary_area_number": format!("{code}{:02}", 1 + i % 9), "secondary_area_name": format!("第{}医療圏", 1 + i % 9),
                "institution_code": format!("{code}1{:07}", i * 3 + j), "institution_name": format!("{}病院{}", m.name, j + 1),
                "record_date": "2022/01/05", "reported_at": "2022/02/01 11:32",
                "secured_beds": 2 + (i + j) % 7, "ready_beds": 2 + (i + j) % 7 - (i + j) % 2, "inpatients": (i + 2 * j) % 6});
            let (row, findings) = keynet::beds::read_row(&row);
            for f in findings {
                eprintln!("{} {}: {}", m.name, f.path, f.message);
            }
            rows.extend(row);
        }
    }

    // A fire department HQ of the prefecture: it sees its own prefecture only.
    let fire = keynet::accounts::Account {
        id: format!("FD{}-001", prefecture.code()),
        kind: keynet::accounts::IdKind::FireDepartmentHq,
        prefecture,
    };
    let view = fire.bed_viewer()?.view(&rows);
    let totals = view.totals();
    println!(
        "{} of {} rows visible to {}'s fire HQ; {} screen page(s) of at most {}",
        view.rows().len(),
        rows.len(),
        prefecture.name(),
        view.pages(),
        keynet::beds::SCREEN_ROWS
    );
    for g in &totals.groups {
        println!(
            "  {}  確保病床 {}  即応病床 {}  入院中 {}",
            g.label, g.sums.secured_beds, g.sums.ready_beds, g.sums.inpatients
        );
    }
    if let Some(parent) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(parent)?;
    }
    let file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let substitutions = view.export_csv(file, keynet::csv::Encoding::ShiftJis)?;
    println!(
        "written {out} (Shift_JIS, details only); {} character substitution(s)",
        substitutions.len()
    );
    Ok(())
}
