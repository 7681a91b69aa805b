//! Streams a large Shift_JIS postings CSV through keynet and reports peak memory, to show that
//! reading is constant-memory: `cargo run --release -p keynet --example csv_stream -- 1000000`.
//! Writes the file to a temporary folder, reads it back row by row, prints the peak resident
//! set size (VmHWM) after 10,000 rows and at the end.

use std::io::{BufReader, BufWriter};

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("keynet-csv-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("postings.csv");
    let postings: Vec<keynet::Posting> = keynet::sample::generate_postings(5, 1_000)
        .iter()
        .filter_map(|p| keynet::Posting::from_json_value(p).ok())
        .collect();
    let mapping = keynet::csv::ColumnMapping::standard();
    let started = std::time::Instant::now();
    {
        let out = BufWriter::new(std::fs::File::create(&path)?);
        let repeated = postings.iter().cycle().take(rows);
        keynet::csv::write_postings(out, keynet::csv::Encoding::ShiftJis, &mapping, repeated)?;
    }
    let size = std::fs::metadata(&path)?.len();
    println!(
        "wrote {rows} rows, {:.1} MB Shift_JIS, in {:.1?}; peak RSS {} MiB",
        size as f64 / 1e6,
        started.elapsed(),
        peak_rss_kib() / 1024
    );
    let started = std::time::Instant::now();
    let (mut ok, mut bad, mut at_10k) = (0usize, 0usize, 0u64);
    let input = BufReader::new(std::fs::File::open(&path)?);
    let file_findings =
        keynet::csv::read_postings(input, keynet::csv::Encoding::ShiftJis, &mapping, |_, r| {
            if r.is_ok() {
                ok += 1
            } else {
                bad += 1
            }
            if ok + bad == 10_000 {
                at_10k = peak_rss_kib();
            }
        });
    println!(
        "read {} rows ({ok} postings, {bad} with findings, {} file findings) in {:.1?}; peak RSS after 10,000 rows {} MiB, at the end {} MiB",
        ok + bad,
        file_findings.len(),
        started.elapsed(),
        at_10k / 1024,
        peak_rss_kib() / 1024
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
