//! The main job on bundled data: validate the sample forms, then distribute the sample postings
//! to the standard recipients and write the distribution report.
//!
//! `cargo run --release -p keynet --example report`
//! (options: `--forms FILE.jsonl --postings FILE.jsonl --out DIR`; defaults: the bundled
//! `examples/data/` files and `examples/out/`)
//!
//! Writes to the output folder:
//! - `distribution.json` — per recipient its view and posting ids, or its count rows (§11);
//! - `public_postings.json` — the public view (§6) of every open posting, as the Key-Net site shows them;
//! - `agency_counts.csv` — the placement agencies' count table (UTF-8 with BOM, opens in Excel);
//! - `explanations.json` — why each kind of recipient does or does not get the first posting.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use keynet::distribution::{self, Content, RuleSet};
use keynet::{Code, FormView, Posting, Severity};

struct Options {
    forms: PathBuf,
    postings: PathBuf,
    out: PathBuf,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        forms: "examples/data/sample.jsonl".into(),
        postings: "examples/data/postings.jsonl".into(),
        out: "examples/out".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--forms" => o.forms = value.into(),
            "--postings" => o.postings = value.into(),
            "--out" => o.out = value.into(),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(o)
}

fn lines(path: &Path) -> Result<Vec<(usize, String)>, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: line {}: {e}", path.display(), i + 1))?;
        if !line.trim().is_empty() {
            out.push((i + 1, line));
        }
    }
    Ok(out)
}

fn validation_summary(path: &Path) -> Result<(), String> {
    let (mut clean, mut with_warnings, mut invalid, mut unreadable) =
        (0usize, 0usize, 0usize, 0usize);
    let mut by_code: BTreeMap<(Severity, Code), usize> = BTreeMap::new();
    let mut by_field: BTreeMap<(String, Code), usize> = BTreeMap::new();
    let forms = lines(path)?;
    for (number, line) in &forms {
        let validation = match keynet::validate_json(line.as_bytes()) {
            Ok(v) => v,
            Err(e) => {
                unreadable += 1;
                eprintln!("line {number}: {e} / {}", e.message_ja());
                continue;
            }
        };
        for f in validation.findings() {
            *by_code.entry((f.severity, f.code)).or_default() += 1;
            *by_field.entry((f.path.clone(), f.code)).or_default() += 1;
        }
        match (
            validation.is_registrable(),
            validation.findings().is_empty(),
        ) {
            (true, true) => clean += 1,
            (true, false) => with_warnings += 1,
            (false, _) => invalid += 1,
        }
    }
    println!("1. Registration forms — {}", path.display());
    println!("  forms read            {:>6}", forms.len());
    println!("  registrable, clean    {clean:>6}");
    println!("  registrable, warnings {with_warnings:>6}");
    println!("  not registrable       {invalid:>6}");
    if unreadable > 0 {
        println!("  not a form (input)    {unreadable:>6}");
    }
    let mut codes: Vec<_> = by_code.into_iter().collect();
    codes.sort_by_key(|c| std::cmp::Reverse(c.1));
    println!("  findings by code:");
    for ((severity, code), n) in codes {
        println!(
            "    {n:>6}  {severity:<7} {code:<14} {}",
            code.description_ja()
        );
    }
    let mut fields: Vec<_> = by_field.into_iter().collect();
    fields.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("  most frequent (field, code):");
    for ((path, code), n) in fields.into_iter().take(8) {
        println!(
            "    {n:>6}  {path:<28} {code:<14} {}",
            keynet::form::fields::label_ja(&path)
        );
    }
    Ok(())
}

fn read_postings(path: &Path) -> Result<Vec<Posting>, String> {
    let mut postings = Vec::new();
    for (number, line) in lines(path)? {
        match Posting::from_json(line.as_bytes()) {
            Ok(p) => postings.push(p),
            Err(e) => {
                let first = e
                    .findings
                    .first()
                    .map(|f| format!("{} {}: {}", f.path, f.code, f.message))
                    .unwrap_or_default();
                eprintln!("{} line {number}: skipped, {e}: {first}", path.display());
            }
        }
    }
    Ok(postings)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn main() -> Result<(), String> {
    let o = options()?;
    std::fs::create_dir_all(&o.out)
        .map_err(|e| format!("cannot create {}: {e}", o.out.display()))?;
    println!("keynet report\n");
    validation_summary(&o.forms)?;

    let postings = read_postings(&o.postings)?;
    let open = postings.iter().filter(|p| p.is_open()).count();
    let mut closed: BTreeMap<String, usize> = BTreeMap::new();
    for p in postings.iter().filter(|p| !p.is_open()) {
        *closed
            .entry(
                p.closed_reason()
                    .map_or("closed".into(), |r| format!("{r:?}").to_lowercase()),
            )
            .or_default() += 1;
    }
    println!("\n2. Postings — {}", o.postings.display());
    println!(
        "  postings read {:>6}, open {open}, closed {:?}",
        postings.len(),
        closed
    );
    let duplicates = keynet::lifecycle::duplicate_open_postings(&postings);
    for d in &duplicates {
        println!(
            "  ! {} {}: {} — {}",
            d.facility_id,
            d.occupation,
            d.posting_ids.join(", "),
            d.message_ja
        );
    }

    let rules = RuleSet::standard();
    let recipients = distribution::standard_recipients(&["A社（サンプル）", "B社（サンプル）"]);
    let result = keynet::distribute(&postings, &recipients, &rules).map_err(|e| e.to_string())?;
    println!(
        "\n3. Distribution to {} recipients (standard scopes of §7)",
        recipients.len()
    );
    let mut by_kind: BTreeMap<String, (String, usize, usize, usize)> = BTreeMap::new();
    for d in &result.deliveries {
        let n = match &d.content {
            Content::Postings(ids) => ids.len(),
            Content::Counts(rows) => rows.len(),
        };
        let e = by_kind.entry(d.recipient.kind.clone()).or_insert((
            d.view.as_str().to_owned(),
            0,
            usize::MAX,
            0,
        ));
        e.1 += 1;
        e.2 = e.2.min(n);
        e.3 = e.3.max(n);
    }
    println!(
        "  {:<32} {:<10} {:>10} {:>14}",
        "recipient kind", "view", "recipients", "receive"
    );
    for (kind, (view, count, min, max)) in &by_kind {
        let label = rules.rule(kind).map_or("", |r| r.label_ja.as_str());
        let receive = if min == max {
            format!("{min}")
        } else {
            format!("{min}–{max}")
        };
        let unit = if view == "counts" { "rows" } else { "postings" };
        println!("  {kind:<32} {view:<10} {count:>10} {receive:>8} {unit:<8} {label}");
    }
    write(
        &o.out.join("distribution.json"),
        serde_json::to_string_pretty(&result)
            .unwrap_or_default()
            .as_bytes(),
    )?;

    let public: Vec<serde_json::Value> = postings
        .iter()
        .filter(|p| p.is_open())
        .map(|p| serde_json::json!({"posting_id": p.id(), "registered_on": keynet::text::iso_date(p.registered_on()),
                                    "form": FormView::public(p.form()).to_json_value()}))
        .collect();
    let masked = postings
        .iter()
        .filter(|p| p.is_open() && p.form().masking_requested)
        .count();
    write(
        &o.out.join("public_postings.json"),
        serde_json::to_string_pretty(&public)
            .unwrap_or_default()
            .as_bytes(),
    )?;
    println!(
        "\n4. Public postings (Key-Net site): {} open, {masked} of them masked",
        public.len()
    );

    let rows = distribution::count_table(postings.iter().filter(|p| p.is_open()));
    let mut csv = Vec::new();
    csv.extend_from_slice(
        "\u{feff}occupation,職種,prefecture,都道府県,postings,openings\r\n".as_bytes(),
    );
    for r in &rows {
        let line = format!(
            "{},{},{},{},{},{}\r\n",
            r.occupation.code(),
            r.occupation.name_ja(),
            r.prefecture.code(),
            r.prefecture.name(),
            r.postings,
            r.openings
        );
        csv.extend_from_slice(line.as_bytes());
    }
    write(&o.out.join("agency_counts.csv"), &csv)?;
    println!(
        "\n5. Agencies' count table: {} rows (occupation × prefecture, non-zero)",
        rows.len()
    );
    let mut by_occupation: BTreeMap<usize, (u32, u32)> = BTreeMap::new();
    for r in &rows {
        let e = by_occupation.entry(r.occupation.rank()).or_default();
        e.0 += r.postings;
        e.1 += r.openings;
    }
    for (rank, (n, openings)) in by_occupation {
        if let Some(info) = keynet::OCCUPATIONS.get(rank) {
            println!(
                "  {:<34} {:<8} {n:>4} postings {openings:>5} openings",
                info.code, info.name_ja
            );
        }
    }

    if let Some(first) = postings.first() {
        let mut explanations = Vec::new();
        for rule in &rules.rules {
            let Some(recipient) = recipients.iter().find(|r| r.kind == rule.kind) else {
                continue;
            };
            if let Ok(e) = keynet::explain(first, recipient, &rules) {
                explanations.push(serde_json::json!({"recipient": recipient, "explanation": e}));
            }
        }
        write(
            &o.out.join("explanations.json"),
            serde_json::to_string_pretty(&explanations)
                .unwrap_or_default()
                .as_bytes(),
        )?;
    }
    println!(
        "\nwritten: {}",
        [
            "distribution.json",
            "public_postings.json",
            "agency_counts.csv",
            "explanations.json"
        ]
        .map(|f| o.out.join(f).display().to_string())
        .join(", ")
    );
    std::io::stdout().flush().map_err(|e| e.to_string())
}
