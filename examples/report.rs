//! The main job on bundled data: validate every form of a JSON-lines file and summarise.
//!
//! `cargo run --release -p keynet --example report -- examples/data/sample.jsonl`

use std::collections::BTreeMap;
use std::io::BufRead;

use keynet::{Code, Severity};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/sample.jsonl".to_owned());
    let file = std::fs::File::open(&path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let (mut valid, mut with_warnings, mut invalid, mut unreadable) =
        (0usize, 0usize, 0usize, 0usize);
    let mut by_code: BTreeMap<(Severity, Code), usize> = BTreeMap::new();
    let mut by_field: BTreeMap<(String, Code), usize> = BTreeMap::new();
    let mut by_prefecture: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_occupation: BTreeMap<usize, usize> = BTreeMap::new();
    let mut total = 0usize;
    for (number, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        total += 1;
        let validation = match keynet::validate_json(line.as_bytes()) {
            Ok(v) => v,
            Err(e) => {
                unreadable += 1;
                eprintln!("line {}: {e} / {}", number + 1, e.message_ja());
                continue;
            }
        };
        for f in validation.findings() {
            *by_code.entry((f.severity, f.code)).or_default() += 1;
            *by_field.entry((f.path.clone(), f.code)).or_default() += 1;
        }
        match validation.form() {
            Some(form) => {
                if validation.findings().is_empty() {
                    valid += 1
                } else {
                    with_warnings += 1
                }
                *by_prefecture
                    .entry(format!("{} {}", form.region(), form.region().name()))
                    .or_default() += 1;
                *by_occupation.entry(form.occupation.rank()).or_default() += 1;
            }
            None => invalid += 1,
        }
    }

    println!("keynet report — {path}");
    println!("  forms read            {total:>6}");
    println!("  registrable, clean    {valid:>6}");
    println!("  registrable, warnings {with_warnings:>6}");
    println!("  not registrable       {invalid:>6}");
    if unreadable > 0 {
        println!("  not a form (input)    {unreadable:>6}");
    }
    println!("\nfindings by code:");
    let mut codes: Vec<_> = by_code.into_iter().collect();
    codes.sort_by_key(|c| std::cmp::Reverse(c.1));
    for ((severity, code), n) in codes {
        println!(
            "  {n:>6}  {severity:<7} {code:<14} {}",
            code.description_ja()
        );
    }
    println!("\nmost frequent (field, code):");
    let mut fields: Vec<_> = by_field.into_iter().collect();
    fields.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for ((path, code), n) in fields.into_iter().take(10) {
        println!(
            "  {n:>6}  {path:<28} {code:<14} {}",
            keynet::form::fields::label_ja(&path)
        );
    }
    println!("\nregistrable postings by occupation:");
    for (rank, n) in by_occupation {
        if let Some(info) = keynet::OCCUPATIONS.get(rank) {
            println!("  {n:>6}  {:<34} {}", info.code, info.name_ja);
        }
    }
    let mut prefectures: Vec<_> = by_prefecture.into_iter().collect();
    prefectures.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!(
        "\nprefectures with the most registrable postings (of {}):",
        prefectures.len()
    );
    for (name, n) in prefectures.into_iter().take(5) {
        println!("  {n:>6}  {name}");
    }
    Ok(())
}
