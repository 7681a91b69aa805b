//! Replays every committed fuzz input on stable Rust: each file of `core/fuzz/corpus/<target>/`
//! and `core/fuzz/artifacts/<target>/` goes through the same body as the libFuzzer target
//! (`core/fuzz/src/targets.rs`, included here), so a crash found once stays fixed. See
//! docs/fuzzing.md for running the targets themselves (nightly, cargo-fuzz).
//!
//! Inputs in [`KNOWN`] are crashes whose fixes are being made elsewhere: they are replayed by
//! the ignored `known_crashes_are_fixed` (`cargo test -p keynet --test fuzz_replay -- --ignored
//! known_crashes_are_fixed`) and skipped by the default run; an entry is removed once its fix is
//! merged.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;
#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

/// `<target>/<file>` of crash inputs still waiting for their fix.
const KNOWN: &[&str] = &[];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// Every committed input of a target: (`<target>/<file>`, path).
fn inputs(target: &str) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for kind in ["corpus", "artifacts"] {
        let dir = fuzz_dir().join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                let name = format!("{target}/{}", path.file_name().unwrap().to_string_lossy());
                out.push((name, path));
            }
        }
    }
    out.sort();
    out
}

/// Runs each input on its target, collecting panics instead of stopping at the first.
fn replay(select: impl Fn(&str) -> bool) -> (usize, Vec<String>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for (target, body) in targets::TARGETS {
        for (name, path) in inputs(target) {
            if !select(&name) {
                continue;
            }
            let data = std::fs::read(&path).unwrap();
            count += 1;
            if let Err(e) = std::panic::catch_unwind(|| body(&data)) {
                let message = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                failures.push(format!("{name}: {message}"));
            }
        }
    }
    (count, failures)
}

#[test]
fn every_committed_fuzz_input_replays_clean() {
    let (count, failures) = replay(|name| !KNOWN.contains(&name));
    assert!(count > 0, "no corpus found under {}", fuzz_dir().display());
    assert!(
        failures.is_empty(),
        "{} of {count} inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_target_has_a_seed_corpus() {
    for (target, _) in targets::TARGETS {
        assert!(
            !inputs(target).is_empty(),
            "core/fuzz/corpus/{target}/ is empty"
        );
    }
}

#[test]
fn known_entries_exist() {
    for name in KNOWN {
        assert!(
            fuzz_dir().join("artifacts").join(name).is_file(),
            "known crash input {name} is not under core/fuzz/artifacts/"
        );
    }
}

/// The crash inputs whose fixes are being made elsewhere: run with `-- --ignored` after merging
/// them, then empty [`KNOWN`].
#[test]
#[ignore = "crash inputs whose fixes are being merged from other branches"]
fn known_crashes_are_fixed() {
    let (count, failures) = replay(|name| KNOWN.contains(&name));
    assert_eq!(count, KNOWN.len(), "not every known input was replayed");
    assert!(
        failures.is_empty(),
        "still failing:\n{}",
        failures.join("\n")
    );
}

/// Writes the seed corpora from the golden case table, the sample generator and the demo bed
/// rows: `cargo test -p keynet --test fuzz_replay -- --ignored write_seed_corpora`. Ignored, so
/// that a default run neither writes files nor reports a pass for a test that did nothing. The
/// files are committed; a target's first byte(s) choose its mode (see `core/fuzz/src/targets.rs`).
#[test]
#[ignore = "writes core/fuzz/corpus: run it by name with --ignored"]
fn write_seed_corpora() {
    use serde_json::Value;
    let corpus = fuzz_dir().join("corpus");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = corpus.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    };

    // form_json: every fifth form case, as its JSON text.
    let forms = support::case_files("");
    for (name, case) in forms.iter().step_by(5) {
        let bytes = match (case.get("input_json"), case.get("input")) {
            (Some(Value::String(s)), _) => s.clone().into_bytes(),
            (_, Some(v)) => serde_json::to_vec(v).unwrap(),
            _ => continue,
        };
        write("form_json", &format!("{name}.json"), &bytes);
    }
    for (i, form) in keynet::sample::generate(7, 4).iter().enumerate() {
        write(
            "form_json",
            &format!("sample_{i}.json"),
            &serde_json::to_vec(form).unwrap(),
        );
    }

    // postings_csv: flags byte (1 Shift_JIS, 2 fuzzed mapping, 4 header row from the mapping).
    let postings: Vec<keynet::Posting> = keynet::sample::generate_postings(5, 4)
        .iter()
        .filter_map(|p| keynet::Posting::from_json_value(p).ok())
        .collect();
    let standard = keynet::csv::ColumnMapping::standard();
    for (encoding, flag, tag) in [
        (keynet::csv::Encoding::Utf8, 0u8, "utf8"),
        (keynet::csv::Encoding::ShiftJis, 1u8, "sjis"),
    ] {
        let mut csv = Vec::new();
        keynet::csv::write_postings(&mut csv, encoding, &standard, postings.iter()).unwrap();
        let mut file = vec![flag];
        file.extend_from_slice(&csv);
        write("postings_csv", &format!("standard_{tag}.csv"), &file);
        // Fuzzed mapping starting from the standard one, no extra column, header row given.
        let body_start = csv.iter().position(|&b| b == b'\n').unwrap() + 1;
        let mut file = vec![flag | 2 | 4, 1, 0];
        file.extend_from_slice(&csv[body_start..]);
        write(
            "postings_csv",
            &format!("mapping_standard_{tag}.csv"),
            &file,
        );
        // Two extra columns: a duplicate header, a deep path.
        let mut file = vec![flag | 2 | 4, 1, 2, 1, 0, 0, 0, 2, 16, 0, 0];
        file.extend_from_slice(&csv[body_start..]);
        write("postings_csv", &format!("mapping_odd_{tag}.csv"), &file);
        let first_row_end =
            body_start + csv[body_start..].iter().position(|&b| b == b'\n').unwrap() + 1;
        let mut file = vec![flag];
        file.extend_from_slice(&csv[..first_row_end]);
        write("postings_csv", &format!("one_row_{tag}.csv"), &file);
    }
    write("postings_csv", "empty", &[0]);
    write(
        "postings_csv",
        "unclosed_quote.csv",
        b"\0id,\"a\r\n1,\"x\r\n2,y\r\n",
    );

    // bed_export_csv: flags byte (1 Shift_JIS, 2 the export's header row in front).
    let mut rows = Vec::new();
    for (name, case) in support::case_files("beds") {
        if let Some(row) = case["args"].get("row") {
            rows.push((name, row.clone()));
        }
    }
    let line = |row: &Value| -> String {
        let keys = [
            "prefecture",
            "prefecture_number",
            "local_government_code",
            "municipality",
            "secondary_area_number",
            "secondary_area_name",
            "institution_code",
            "institution_name",
            "record_date",
            "reported_at",
            "secured_beds",
            "ready_beds",
            "inpatients",
        ];
        keys.iter()
            .map(|k| match row.get(*k) {
                Some(Value::String(s)) => format!("\"{s}\""),
                Some(Value::Null) | None => String::new(),
                Some(v) => v.to_string(),
            })
            .collect::<Vec<_>>()
            .join(",")
            + "\r\n"
    };
    for (name, row) in &rows {
        let mut file = vec![2u8];
        file.extend(line(row).into_bytes());
        write("bed_export_csv", &format!("{name}.csv"), &file);
    }
    let all: String = rows.iter().map(|(_, r)| line(r)).collect();
    let mut file = vec![3u8];
    file.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(&all).0);
    write("bed_export_csv", "all_rows_sjis.csv", &file);
    let header = keynet::beds::EXPORT_HEADERS.join(",") + "\r\n";
    let mut file = vec![0u8];
    file.extend(header.into_bytes());
    file.extend(all.into_bytes());
    write("bed_export_csv", "all_rows_utf8_own_header.csv", &file);

    // kintone_record: record JSON, then NUL and the mapping JSON when the case has one.
    for (name, case) in support::case_files("kintone") {
        let Some(record) = case["args"].get("record") else {
            continue;
        };
        let mut file = serde_json::to_vec(record).unwrap();
        if let Some(mapping) = case["args"].get("mapping").filter(|m| !m.is_null()) {
            file.push(0);
            file.extend(serde_json::to_vec(mapping).unwrap());
        }
        write("kintone_record", &format!("{name}.json"), &file);
    }

    // api_call: the operation's index in OPERATIONS, then the args JSON.
    for folder in [
        "views",
        "distribution",
        "explain",
        "training",
        "lifecycle",
        "kintone",
        "beds",
        "accounts",
        "fire_hq",
    ] {
        for (name, case) in support::case_files(folder).iter().step_by(3) {
            let Some(kind) = case["kind"].as_str() else {
                continue;
            };
            let Some(index) = targets::OPERATIONS.iter().position(|o| *o == kind) else {
                continue;
            };
            let mut file = vec![u8::try_from(index).unwrap()];
            let args = serde_json::to_vec(&case["args"]).unwrap();
            if args.len() > 20_000 {
                continue;
            }
            file.extend(args);
            write("api_call", &format!("{folder}_{name}.json"), &file);
        }
    }

    // leak_oracle: mode 1 (a form, masking forced on) from the form cases that mask; mode 0
    // (the base form with pieces) from a few byte strings.
    let masked = forms.iter().filter(|(_, case)| {
        case.get("input")
            .is_some_and(|i| i["masking_requested"] == true)
    });
    for (name, case) in masked.step_by(8) {
        let input = &case["input"];
        let mut file = vec![1u8];
        file.extend(serde_json::to_vec(input).unwrap());
        write("leak_oracle", &format!("{name}.json"), &file);
    }
    for (i, bytes) in [
        &[0u8][..],
        &[0, 1, 0, 1, 1, 1, 3, 1, 4],
        &[
            0, 2, 9, b'A', b'B', b'C', b' ', 0xE7, 0x97, 0x85, 0xE9, 0x99, 2, 0, 2, 0, 0,
        ],
        &[0, 0, 0, 0, 0, 0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 3, 1, 8],
    ]
    .iter()
    .enumerate()
    {
        write("leak_oracle", &format!("pieces_{i}"), bytes);
    }
}
