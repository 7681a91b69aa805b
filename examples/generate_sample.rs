//! Writes seeded sample data as JSON lines.
//!
//! `cargo run -p keynet --example generate_sample -- forms [COUNT] [SEED] > file.jsonl`
//! `cargo run -p keynet --example generate_sample -- postings [COUNT] [SEED] > file.jsonl`
//!
//! Bundled: `examples/data/sample.jsonl` (500 forms, seed 20200529) and
//! `examples/data/postings.jsonl` (300 postings, seed 20200529).

use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "forms".to_owned());
    let count: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(500);
    let seed: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(20_200_529);
    let items = match what.as_str() {
        "forms" => keynet::sample::generate(seed, count),
        "postings" => keynet::sample::generate_postings(seed, count),
        other => return Err(format!("unknown kind {other:?}: forms or postings").into()),
    };
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for item in items {
        serde_json::to_writer(&mut out, &item)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
