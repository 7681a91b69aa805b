//! Writes seeded sample forms as JSON lines: `cargo run -p keynet --example generate_sample -- [COUNT] [SEED] > file.jsonl`.
//! The bundled `examples/data/sample.jsonl` is 500 forms from seed 20200529.

use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(500);
    let seed: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(20_200_529);
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for form in keynet::sample::generate(seed, count) {
        serde_json::to_writer(&mut out, &form)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
