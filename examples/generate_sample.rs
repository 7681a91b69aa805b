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
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    match what.as_str() {
        "forms" => {
            for item in keynet::sample::generate(seed, count) {
                serde_json::to_writer(&mut out, &item)?;
                out.write_all(b"\n")?;
            }
        }
        // Streamed: one posting in memory at a time, however many are asked for.
        "postings" => keynet::sample::write_postings_jsonl(&mut out, seed, count)?,
        other => return Err(format!("unknown kind {other:?}: forms or postings").into()),
    }
    out.flush()?;
    Ok(())
}
