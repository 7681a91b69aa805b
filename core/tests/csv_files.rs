//! Postings and count tables as CSV files: round trips in UTF-8 and Shift_JIS, and malformed
//! files giving row-numbered findings while reading goes on.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use keynet::Posting;
use keynet::csv::{self, ColumnMapping, Encoding, RowFinding};

fn sample_postings(n: usize) -> Vec<Posting> {
    keynet::sample::generate_postings(11, n)
        .iter()
        .map(|p| Posting::from_json_value(p).unwrap())
        .collect()
}

/// What reading gave: the postings, the bad rows with their findings, the file's own findings.
type ReadAll = (Vec<Posting>, Vec<(usize, Vec<RowFinding>)>, Vec<RowFinding>);

fn read_all(bytes: &[u8], encoding: Encoding) -> ReadAll {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    let file = csv::read_postings(
        bytes,
        encoding,
        &ColumnMapping::standard(),
        |row, r| match r {
            Ok(p) => ok.push(p),
            Err(f) => bad.push((row, f)),
        },
    );
    (ok, bad, file)
}

#[test]
fn postings_round_trip_in_both_encodings() {
    let postings = sample_postings(300);
    for encoding in [Encoding::Utf8, Encoding::ShiftJis] {
        let mut bytes = Vec::new();
        let substitutions =
            csv::write_postings(&mut bytes, encoding, &ColumnMapping::standard(), &postings)
                .unwrap();
        assert!(substitutions.is_empty(), "{encoding:?}: {substitutions:?}");
        let (back, bad, file) = read_all(&bytes, encoding);
        assert!(
            file.is_empty() && bad.is_empty(),
            "{encoding:?}: {file:?} {bad:?}"
        );
        assert_eq!(back.len(), postings.len());
        for (a, b) in postings.iter().zip(&back) {
            assert_eq!(a.to_json_value(), b.to_json_value());
        }
    }
}

/// Codes as Japanese labels (診療所, 神奈川県, 准看護師, 時給) or as codes, in either encoding: the
/// cells differ, the postings read back the same.
#[test]
fn labels_or_codes_read_back_alike() {
    let postings = sample_postings(200);
    let text_of = |labels: csv::Labels| {
        let mut bytes = Vec::new();
        let options = csv::WriteOptions {
            labels,
            view: keynet::View::Internal,
        };
        csv::write_postings_with(
            &mut bytes,
            Encoding::Utf8,
            &ColumnMapping::standard(),
            options,
            &postings,
        )
        .unwrap();
        let (back, bad, file) = read_all(&bytes, Encoding::Utf8);
        assert!(
            file.is_empty() && bad.is_empty(),
            "{labels:?}: {file:?} {bad:?}"
        );
        for (a, b) in postings.iter().zip(&back) {
            assert_eq!(a.to_json_value(), b.to_json_value(), "{labels:?}");
        }
        String::from_utf8(bytes).unwrap()
    };
    let (ja, codes) = (text_of(csv::Labels::Japanese), text_of(csv::Labels::Codes));
    for label in ["病院", "看護師", "時給", "、"] {
        assert!(
            ja.contains(label) && !codes.contains(&format!(",{label},")),
            "{label}"
        );
    }
    for code in [",hospital,", ",nurse,", ",hourly,"] {
        assert!(codes.contains(code) && !ja.contains(code), "{code}");
    }
    // The prefecture columns: names in one, two-digit codes in the other.
    let row = |text: &str| text.lines().nth(1).unwrap().to_owned();
    assert!(
        row(&ja).contains("都,")
            || row(&ja).contains("県,")
            || row(&ja).contains("府,")
            || row(&ja).contains("道,")
    );
    assert_eq!(
        csv::Labels::default_for(Encoding::ShiftJis),
        csv::Labels::Japanese
    );
    assert_eq!(csv::Labels::default_for(Encoding::Utf8), csv::Labels::Codes);
    assert_eq!(csv::Labels::from_name(" JA "), Some(csv::Labels::Japanese));
    assert_eq!(csv::Labels::from_name("en"), None);
}

/// The public view as CSV: no facility ID column, masked cells empty for a posting that asked for
/// masking and filled for one that did not; postings with inquiries are fine (no view but the
/// internal one shows them); the counts view writes nothing.
#[test]
fn a_public_view_csv_hides_what_masking_hides() {
    let postings = sample_postings(60);
    let write = |view| {
        let mut bytes = Vec::new();
        let options = csv::WriteOptions {
            labels: csv::Labels::Codes,
            view,
        };
        csv::write_postings_with(
            &mut bytes,
            Encoding::Utf8,
            &ColumnMapping::standard(),
            options,
            &postings,
        )
        .map(|_| String::from_utf8(bytes).unwrap())
    };
    let public = write(keynet::View::Public).unwrap();
    let internal = write(keynet::View::Internal).unwrap();
    let header = |text: &str| {
        text.trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(
        header(&internal).contains("医療機関ID"),
        "{}",
        header(&internal)
    );
    assert!(
        !header(&public).contains("医療機関ID"),
        "{}",
        header(&public)
    );
    assert!(!header(&write(keynet::View::Registered).unwrap()).contains("医療機関ID"));
    let masked = postings
        .iter()
        .filter(|p| p.form().masking_requested)
        .count();
    assert!(
        masked > 0 && masked < postings.len(),
        "the sample has both kinds"
    );
    // Records, not lines: a note may run over lines.
    let rows: Vec<String> = csv::records(public.as_bytes(), Encoding::Utf8)
        .skip(1)
        .map(|(_, fields)| fields.unwrap().join("\u{1f}"))
        .collect();
    assert_eq!(rows.len(), postings.len());
    for (posting, row) in postings.iter().zip(&rows) {
        let form = posting.form().form();
        assert!(!row.contains(&form.facility.id), "{row}");
        let phone_shown = row.contains(form.contact.phone.as_str());
        assert_eq!(phone_shown, !form.masking_requested, "{row}");
    }
    assert!(matches!(
        write(keynet::View::Counts),
        Err(csv::WriteError::CountsView)
    ));
}

#[test]
fn shift_jis_file_is_really_shift_jis() {
    let postings = sample_postings(5);
    let mut bytes = Vec::new();
    csv::write_postings(
        &mut bytes,
        Encoding::ShiftJis,
        &ColumnMapping::standard(),
        &postings,
    )
    .unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "Japanese text in Shift_JIS is not UTF-8"
    );
    let header = first_line_shift_jis(&bytes);
    assert!(header.starts_with("募集情報ID,登録日,状態,終了理由,終了日,マスキング希望,医療機関ID"));
}

fn first_line_shift_jis(bytes: &[u8]) -> String {
    let first_line: Vec<u8> = bytes.iter().copied().take_while(|&b| b != b'\r').collect();
    let mut rows = csv::records(&first_line[..], Encoding::ShiftJis);
    rows.next().unwrap().1.unwrap().join(",")
}

#[test]
fn unmappable_character_names_row_column_and_character() {
    let mut postings = sample_postings(3);
    let json = postings[1].to_json_value();
    let mut form = json["form"].clone();
    form["contact"]["name"] = "𠮷田 花子".into();
    let mut p = json.clone();
    p["form"] = form;
    postings[1] = Posting::from_json_value(&p).unwrap();
    let err = csv::write_postings(
        Vec::new(),
        Encoding::ShiftJis,
        &ColumnMapping::standard(),
        &postings,
    )
    .unwrap_err();
    match err {
        csv::WriteError::Unencodable {
            row,
            column,
            character,
            ..
        } => {
            assert_eq!((row, column.as_str(), character), (3, "担当者氏名", '𠮷'));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_rows_are_findings_with_row_numbers_and_reading_goes_on() {
    let postings = sample_postings(4);
    let mut bytes = Vec::new();
    csv::write_postings(
        &mut bytes,
        Encoding::Utf8,
        &ColumnMapping::standard(),
        &postings,
    )
    .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
    // Row 2: one column too few; row 3: a bad phone; rows 4 and 5 stay valid.
    let cut = lines[1].rfind(',').unwrap();
    lines[1].truncate(cut);
    lines[2] = lines[2]
        .replacen(",03-", ",03-0-", 1)
        .replacen(",06-", ",06-0-", 1)
        .replacen(",090-", ",090-0-", 1)
        .replacen(",011", ",0x11", 1)
        .replacen(",052", ",0x52", 1)
        .replacen(",092", ",0x92", 1)
        .replacen(",0422", ",0x422", 1)
        .replacen(",0120", ",0x120", 1)
        .replacen(",080", ",0x80", 1)
        .replacen(",0570", ",0x570", 1);
    let (ok, bad, file) = read_all(lines.join("\r\n").as_bytes(), Encoding::Utf8);
    assert!(file.is_empty());
    assert_eq!(ok.len(), 2, "rows 4 and 5 still read: {bad:?}");
    assert_eq!(bad.iter().map(|(row, _)| *row).collect::<Vec<_>>(), [2, 3]);
    assert!(bad[0].1[0].finding.message.contains("columns"));
    assert!(
        bad[1]
            .1
            .iter()
            .any(|f| f.finding.path.starts_with("form.contact")
                && f.column.is_some()
                && f.row == 3)
    );
}

#[test]
fn unbalanced_quote_and_invalid_bytes() {
    let header = "募集情報ID,登録日,状態";
    let mapping = ColumnMapping::from_json(
        r#"{"columns": [{"header": "募集情報ID", "path": "posting_id", "kind": "text"},
                        {"header": "登録日", "path": "registered_on", "kind": "text"},
                        {"header": "状態", "path": "status", "kind": "status"}],
            "constants": {"form.masking_requested": true}}"#,
    )
    .unwrap();
    // The form is missing from every row: each row is a finding; the quote swallows row 3 on.
    let text = format!(
        "{header}\r\nP-1,2020-06-01,公開中\r\nP-2,\"2020-06-02,公開中\r\nP-3,2020-06-03,公開中\r\n"
    );
    let mut rows = Vec::new();
    let file = csv::read_postings(text.as_bytes(), Encoding::Utf8, &mapping, |row, r| {
        rows.push((row, r.err().unwrap()))
    });
    assert!(file.is_empty());
    assert_eq!(rows[0].0, 2);
    assert!(
        rows[0]
            .1
            .iter()
            .any(|f| f.finding.path.starts_with("form."))
    );
    assert_eq!(rows[1].0, 3);
    assert!(
        rows[1].1[0].finding.message_ja.contains("引用符"),
        "{:?}",
        rows[1].1
    );
    // Invalid Shift_JIS bytes in row 2, column 1; row 3 still read.
    let mut bytes = encoding_rs::SHIFT_JIS
        .encode(&format!("{header}\r\n"))
        .0
        .into_owned();
    bytes.extend_from_slice(b"P-\x81,2020-06-01,open\r\nP-3,2020-06-03,open\r\n");
    let mut rows = Vec::new();
    csv::read_postings(&bytes[..], Encoding::ShiftJis, &mapping, |row, r| {
        rows.push((row, r.err().unwrap()))
    });
    assert_eq!(rows[0].0, 2);
    assert_eq!(rows[0].1[0].finding.path, "column 1");
    assert_eq!(rows[0].1[0].column.as_deref(), Some("募集情報ID"));
    assert_eq!(rows[1].0, 3);
    assert!(
        rows[1]
            .1
            .iter()
            .all(|f| f.finding.path.starts_with("form."))
    );
}

#[test]
fn unknown_and_missing_columns_are_file_findings() {
    let text = "募集情報ID,登録日,状態,好きな色\r\n";
    let (_, _, file) = read_all(text.as_bytes(), Encoding::Utf8);
    assert!(
        file.iter().any(|f| f.column.as_deref() == Some("好きな色")
            && f.finding.code == keynet::Code::UnknownValue)
    );
    assert!(
        file.iter()
            .any(|f| f.column.as_deref() == Some("医療機関ID")
                && f.finding.code == keynet::Code::Required)
    );
}

#[test]
fn count_table_csv() {
    let postings = sample_postings(100);
    let rows = keynet::distribution::count_table(postings.iter().filter(|p| p.is_open()));
    let mut bytes = Vec::new();
    csv::write_count_table(&mut bytes, Encoding::ShiftJis, &rows).unwrap();
    let read: Vec<Vec<String>> = csv::records(&bytes[..], Encoding::ShiftJis)
        .map(|(_, r)| r.unwrap())
        .collect();
    assert_eq!(read[0], csv::COUNT_TABLE_HEADERS);
    assert_eq!(read.len(), rows.len() + 1);
    let total: u32 = read[1..].iter().map(|r| r[4].parse::<u32>().unwrap()).sum();
    assert_eq!(
        total as usize,
        postings.iter().filter(|p| p.is_open()).count()
    );
    assert_eq!(read[1][1], rows[0].occupation.name_ja());
}
