"""Shift_JIS and UTF-8 CSV files through the Python binding (issue 7).

Postings come from the bundled examples/data/postings.jsonl; the assertions check what the
binding promises: round trips, the typed error of a character Shift_JIS lacks, reported
substitutions (a SubstitutionWarning and ``.substitutions``), row-numbered findings while the
other rows still read, the accepted kinds of ``data``, and the findings as a DataFrame.
"""

import copy
import csv
import io
import json
import pickle
import warnings
from pathlib import Path

import pandas as pd  # scripts/requirements-test.txt installs both: the frame tests never skip
import polars as pl
import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
POSTINGS_FILE = REPO / "examples" / "data" / "postings.jsonl"
ROW_FINDING_KEYS = {"row", "column", "path", "code", "severity", "message", "message_ja"}


@pytest.fixture(scope="module")
def all_postings():
    return [json.loads(line) for line in POSTINGS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def postings(all_postings):
    return copy.deepcopy(all_postings[:6])


def header_of(path):
    """The Japanese header of a posting path, from the standard mapping."""
    return next(c["header"] for c in keynet.postings_csv_mapping()["columns"] if c["path"] == path)


def write_quietly(postings, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", keynet.SubstitutionWarning)
        return keynet.write_postings_csv(postings, **kwargs)


# --- round trips ---------------------------------------------------------------------------------

def test_shift_jis_postings_round_trip(all_postings):
    data = write_quietly(all_postings)
    assert isinstance(data, bytes) and isinstance(data, keynet.CsvBytes)
    assert data.substitutions == []
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # Japanese text in Shift_JIS is not UTF-8
    text = data.decode("cp932")
    lines = text.split("\r\n")
    assert lines[0].startswith("募集情報ID,登録日,状態,")
    assert lines[-1] == "" and len(lines) == len(all_postings) + 2
    read = keynet.read_postings_csv(data)
    assert read["findings"] == []
    assert read["postings"] == all_postings
    # …and what Python's own csv module reads is the same file.
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(all_postings) + 1
    assert rows[1][0] == all_postings[0]["posting_id"]


def test_utf8_round_trip_starts_with_a_bom(all_postings):
    data = write_quietly(all_postings, encoding="utf8")
    assert data.startswith("\ufeff募集情報ID".encode("utf-8"))
    read = keynet.read_postings_csv(data, encoding="utf8")
    assert read == {"postings": all_postings, "findings": []}
    assert keynet.read_postings_csv(data, "utf-8")["postings"] == all_postings


def test_encoding_names(postings):
    data = write_quietly(postings)
    for name in ("shift_jis", "Shift_JIS", "sjis", "cp932", "windows-31j"):
        assert write_quietly(postings, encoding=name) == data
        assert keynet.read_postings_csv(data, name)["postings"] == postings
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.read_postings_csv(data, "latin-1")
    assert [f["path"] for f in info.value.findings] == ["encoding"]
    with pytest.raises(keynet.InvalidForm):
        keynet.write_postings_csv(postings, "euc-jp")


def test_data_may_be_bytes_a_path_or_a_binary_file(postings, tmp_path):
    data = write_quietly(postings)
    path = tmp_path / "募集情報.csv"
    path.write_bytes(data)
    expected = keynet.read_postings_csv(data)
    assert expected["postings"] == postings
    assert keynet.read_postings_csv(path) == expected
    with pytest.raises(TypeError, match=r"pass pathlib\.Path"):
        keynet.read_postings_csv(str(path))  # a str is content, never a file name
    assert keynet.read_postings_csv(bytearray(data)) == expected
    assert keynet.read_postings_csv(memoryview(data)) == expected
    with open(path, "rb") as f:
        assert keynet.read_postings_csv(f) == expected
    assert keynet.read_postings_csv(io.BytesIO(data)) == expected
    with pytest.raises(FileNotFoundError):
        keynet.read_postings_csv(tmp_path / "missing.csv")


def test_csv_text_is_read_as_text_and_a_text_file_object_is_a_type_error(postings, tmp_path):
    data = write_quietly(postings, encoding="utf8")
    text = data.decode("utf-8-sig")
    assert keynet.read_postings_csv(text)["postings"] == postings
    assert keynet.read_postings_csv(text, "auto")["postings"] == postings
    with pytest.raises(TypeError, match="has no encoding"):
        keynet.read_postings_csv(text, "shift_jis")
    path = tmp_path / "p.csv"
    path.write_bytes(data)
    with open(path, encoding="utf-8") as f, pytest.raises(TypeError, match="binary mode"):
        keynet.read_postings_csv(f, "utf8")
    with pytest.raises(TypeError, match="bytes, a pathlib.Path"):
        keynet.read_postings_csv(12345)


def test_a_changed_mapping_reads_and_writes_other_headers(postings):
    mapping = keynet.postings_csv_mapping()
    assert mapping["columns"][0] == {"header": "募集情報ID", "path": "posting_id", "kind": "text"}
    mapping["columns"][0]["header"] = "ID"
    data = write_quietly(postings, mapping=mapping)
    assert data.decode("cp932").startswith("ID,登録日,")
    assert keynet.read_postings_csv(data, mapping=mapping) == {"postings": postings, "findings": []}
    assert keynet.read_postings_csv(data, mapping=json.dumps(mapping, ensure_ascii=False))["postings"] == postings
    # The standard mapping does not know the column: findings about the file (row 1).
    read = keynet.read_postings_csv(data)
    file_findings = [(f["row"], f["column"], f["code"]) for f in read["findings"] if f["row"] == 1]
    assert (1, "ID", "unknown_value") in file_findings
    assert (1, "募集情報ID", "required") in file_findings
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.read_postings_csv(data, mapping={"columns": "not a list"})
    assert [f["path"] for f in info.value.findings] == ["mapping"]


# --- writing never loses a character silently -------------------------------------------------------

def test_a_character_without_a_shift_jis_form_raises_naming_row_column_and_character(postings):
    postings[1]["form"]["contact"]["name"] = "𠮷田 花子"
    with pytest.raises(keynet.CsvWriteError) as info:
        keynet.write_postings_csv(postings)
    err = info.value
    assert isinstance(err, keynet.OperationError) and isinstance(err, ValueError)
    assert (err.kind, err.detail, err.findings) == ("csv_write", "unencodable", [])
    column = header_of("form.contact.name")
    assert column == "担当者氏名"
    assert (err.row, err.column, err.character, err.codepoint, err.posting_id) == (3, column, "𠮷", 0x20BB7, None)
    message = str(err)
    for part in ("row 3", column, "𠮷", "U+20BB7"):
        assert part in message
    # UTF-8 holds it.
    data = write_quietly(postings, encoding="utf8")
    assert keynet.read_postings_csv(data, "utf8")["postings"][1]["form"]["contact"]["name"] == "𠮷田 花子"


def test_an_emoji_is_an_error_too(postings):
    postings[4]["form"]["notes"] = "お待ちしています😀"
    with pytest.raises(keynet.CsvWriteError) as info:
        keynet.write_postings_csv(postings)
    assert (info.value.row, info.value.character, info.value.column) == (6, "😀", header_of("form.notes"))


def test_wave_dash_is_written_as_fullwidth_tilde_and_reported(postings):
    postings[1]["form"]["notes"] = "土日は9時〜17時"
    column = header_of("form.notes")
    with pytest.warns(keynet.SubstitutionWarning) as caught:
        data = keynet.write_postings_csv(postings)
    assert data.substitutions == [{"row": 3, "column": column, "from": "〜", "to": "～"}]
    message = str(caught[0].message)
    assert "row 3" in message and column in message and "U+301C" in message and "U+FF5E" in message
    assert caught[0].filename == __file__  # the warning points at the caller
    read = keynet.read_postings_csv(data)
    assert read["findings"] == []
    assert read["postings"][1]["form"]["notes"] == "土日は9時～17時"
    assert read["postings"][0] == postings[0]
    # UTF-8 needs no substitution: no warning.
    assert write_quietly(postings, encoding="utf8").substitutions == []


def test_the_encoders_quiet_changes_are_reported_too(postings):
    postings[0]["form"]["notes"] = "−5℃ ¥100"
    with pytest.warns(keynet.SubstitutionWarning):
        data = keynet.write_postings_csv(postings)
    assert [(s["row"], s["from"], s["to"]) for s in data.substitutions] == [(2, "−", "－"), (2, "¥", "\\")]
    assert keynet.read_postings_csv(data)["postings"][0]["form"]["notes"] == "－5℃ \\100"


def test_substitutions_can_be_refused_with_the_warnings_filter(postings):
    postings[0]["form"]["notes"] = "9時〜17時"
    with warnings.catch_warnings():
        warnings.simplefilter("error", keynet.SubstitutionWarning)
        with pytest.raises(keynet.SubstitutionWarning, match="U\\+301C"):
            keynet.write_postings_csv(postings)


def test_csv_bytes_keep_their_substitutions_through_pickle(postings):
    postings[0]["form"]["notes"] = "9時〜17時"
    with pytest.warns(keynet.SubstitutionWarning):
        data = keynet.write_postings_csv(postings)
    again = pickle.loads(pickle.dumps(data))
    assert again == data and type(again) is keynet.CsvBytes
    assert again.substitutions == data.substitutions
    assert type(data[:10]) is bytes


def test_windows_31j_characters_survive(postings):
    # 髙 and 﨑 are IBM extensions of Windows-31J (Python's strict shift_jis codec lacks them).
    postings[0]["form"]["facility"]["name"] = "髙橋クリニック"
    postings[0]["form"]["contact"]["name"] = "山﨑 花子"
    data = write_quietly(postings)
    assert data.substitutions == []
    # Python's cp932 codec reads them (it writes 髙 as NEC-selected 0xEEE0, encoding_rs as IBM 0xFBFC).
    text = data.decode("cp932")
    assert "髙橋クリニック" in text and "山﨑 花子" in text
    with pytest.raises(UnicodeEncodeError):
        "髙".encode("shift_jis")
    back = keynet.read_postings_csv(data)["postings"][0]["form"]
    assert (back["facility"]["name"], back["contact"]["name"]) == ("髙橋クリニック", "山﨑 花子")


def test_a_posting_with_inquiries_is_not_tabular(postings):
    open_posting = next(p for p in postings if p["status"] == "open")
    asked = keynet.apply_event(open_posting, {"type": "inquiry", "on": open_posting["registered_on"], "seeker_id": "S-1"})
    with pytest.raises(keynet.CsvWriteError) as info:
        keynet.write_postings_csv([postings[0], asked])
    err = info.value
    assert (err.detail, err.row, err.posting_id, err.character) == ("not_tabular", 3, asked["posting_id"], None)


# --- reading goes on past bad rows ---------------------------------------------------------------------

def test_a_malformed_csv_gives_row_numbered_findings_and_the_other_rows_still_read(all_postings):
    # Six postings whose lines hold no quote, so the planted quote is the only one.
    data = write_quietly(all_postings)
    lines = data.split(b"\r\n")
    chosen = [i for i in range(len(all_postings)) if b'"' not in lines[i + 1]][:6]
    postings = [all_postings[i] for i in chosen]
    rows = [lines[0]] + [lines[i + 1] for i in chosen]
    rows[2] = rows[2].rsplit(b",", 1)[0]                  # row 3: one column too few
    rows[4] = rows[4].replace(b",", b",\x81", 1)          # row 5: a lone Shift_JIS lead byte in column 2
    rows[6] = rows[6].replace(b",", b',"', 1)             # row 7: a quote that never closes…
    rows.append("P-LAST,2020-06-01,公開中".encode("cp932"))  # row 8: …swallows this line
    bad = b"\r\n".join(rows) + b"\r\n"

    read = keynet.read_postings_csv(bad)
    assert read["postings"] == [postings[0], postings[2], postings[4]]  # rows 2, 4, 6
    findings = read["findings"]
    assert all(set(f) == ROW_FINDING_KEYS for f in findings)
    assert all(f["message"].strip() and f["message_ja"].strip() for f in findings)
    assert sorted({f["row"] for f in findings}) == [3, 5, 7]
    by_row = {row: [f for f in findings if f["row"] == row] for row in (3, 5, 7)}
    assert [(f["code"], f["column"]) for f in by_row[3]] == [("format", None)]
    assert "columns" in by_row[3][0]["message"]
    assert [(f["path"], f["column"]) for f in by_row[5]] == [("column 2", header_of("registered_on"))]
    assert "Shift_JIS" in by_row[5][0]["message_ja"]
    assert len(by_row[7]) == 1 and "引用符" in by_row[7][0]["message_ja"]


def test_a_row_whose_form_has_errors_names_the_column(postings):
    data = write_quietly(postings, encoding="utf8").decode("utf-8-sig")
    lines = data.split("\r\n")
    phone = postings[1]["form"]["contact"]["phone"]
    assert phone and lines[2].count(phone) == 1
    lines[2] = lines[2].replace(phone, "03-12", 1)
    read = keynet.read_postings_csv("\r\n".join(lines).encode("utf-8"), "utf8")
    assert len(read["postings"]) == len(postings) - 1
    assert postings[1] not in read["postings"]
    assert read["findings"] and all(f["row"] == 3 for f in read["findings"])
    finding = next(f for f in read["findings"] if f["path"] == "form.contact.phone")
    assert finding["column"] == header_of("form.contact.phone")
    assert finding["severity"] == "error"


def test_bad_yes_no_values_are_findings(postings):
    text = write_quietly(postings, encoding="utf8").decode("utf-8-sig")
    header, *rows = text.split("\r\n")
    column = header_of("form.masking_requested")
    assert column == "マスキング希望"
    index = header.split(",").index(column)
    assert '"' not in rows[0].split(",", index + 1)[index]
    fields = rows[0].split(",", index + 1)
    fields[index] = "たぶん"
    rows[0] = ",".join(fields)
    read = keynet.read_postings_csv("\r\n".join([header, *rows]).encode("utf-8"), "utf8")
    assert [(f["row"], f["column"], f["code"]) for f in read["findings"]] == [(2, column, "format")]
    assert "たぶん" in read["findings"][0]["message_ja"]
    assert read["postings"] == postings[1:]


def test_an_empty_file_is_a_finding():
    read = keynet.read_postings_csv(b"")
    assert read["postings"] == []
    assert [(f["row"], f["code"]) for f in read["findings"]] == [(1, "required")]


# --- findings and count tables as DataFrames --------------------------------------------------------------

def test_findings_of_a_csv_read_as_a_dataframe(all_postings):
    data = write_quietly(all_postings[:4])
    lines = data.split(b"\r\n")
    lines[2] = lines[2].rsplit(b",", 1)[0]
    read = keynet.read_postings_csv(b"\r\n".join(lines))
    frame = keynet.findings_frame(read)
    assert list(frame.columns) == ["row", "column", "path", "code", "severity", "message", "message_ja"]
    assert len(frame) == len(read["findings"]) == 1
    assert frame["row"].tolist() == [3] and str(frame["row"].dtype) == "int64"
    assert frame["column"].isna().all()
    assert isinstance(frame["code"].dtype, pd.CategoricalDtype)
    assert keynet.findings_frame(read["findings"]).equals(frame)
    empty = keynet.findings_frame(keynet.read_postings_csv(data))
    assert len(empty) == 0 and list(empty.columns) == list(frame.columns)


def test_findings_of_a_csv_read_as_a_polars_frame(all_postings):
    # A header with one known column and one unknown (好きな色); a row of data is never a header.
    read = keynet.read_postings_csv("\ufeff募集情報ID,好きな色\r\n".encode("utf-8"), "utf8")
    frame = keynet.findings_frame(read, backend="polars")
    assert frame.columns == ["row", "column", "path", "code", "severity", "message", "message_ja"]
    assert frame.schema["row"] == pl.Int64
    assert "好きな色" in frame["column"].to_list()
    assert set(frame["row"].to_list()) == {1}


def test_count_table_csv(all_postings):
    data = keynet.write_count_table_csv(all_postings)
    assert data.substitutions == []
    rows = list(csv.reader(io.StringIO(data.decode("cp932"), newline="")))
    assert rows[0] == ["職種コード", "職種", "都道府県コード", "都道府県", "件数", "募集人数"]
    expected = keynet.count_table(all_postings)
    assert [(r[0], r[2], int(r[4]), int(r[5])) for r in rows[1:]] == [
        (r["occupation"], r["prefecture"], r["postings"], r["openings"]) for r in expected
    ]
    names = {o["code"]: o["name_ja"] for o in keynet.occupations()}
    prefectures = {p["code"]: p["name"] for p in keynet.prefectures()}
    assert all(r[1] == names[r[0]] and r[3] == prefectures[r[2]] for r in rows[1:])
    utf8 = keynet.write_count_table_csv(all_postings, "utf8")
    assert utf8.decode("utf-8-sig") == data.decode("cp932")


# --- a file read in the wrong encoding -----------------------------------------------------------

def test_a_utf8_file_read_as_shift_jis_is_refused_with_the_encoding_to_ask_for(postings):
    """A colleague's UTF-8 file read with the default (Shift_JIS) would give 0 postings and a
    finding per cell: it is an InputError that names the file's encoding and how to ask for it."""
    data = write_quietly(postings, encoding="utf8")
    for as_utf8 in (bytes(data), bytes(data)[3:]):  # with and without its BOM
        for encoding in (None, "shift_jis", "cp932"):
            with pytest.raises(keynet.InputError) as info:
                keynet.read_postings_csv(as_utf8, encoding=encoding)
            assert info.value.kind == "wrong_encoding"
            assert 'encoding="utf8"' in str(info.value) and '"auto"' in str(info.value)
            assert 'encoding="utf8"' in info.value.message_ja
        assert keynet.read_postings_csv(as_utf8, encoding="utf8")["postings"] == postings


def test_auto_reads_either_encoding(postings):
    for encoding in ("utf8", "shift_jis"):
        data = write_quietly(postings, encoding=encoding)
        read = keynet.read_postings_csv(data, encoding="auto")
        assert read["findings"] == [] and read["postings"] == postings, encoding
        assert keynet.read_postings_csv(data, encoding="AUTO")["postings"] == postings
    # ASCII alone reads alike in both: nothing to refuse.
    assert keynet.read_postings_csv(b"", encoding="auto")["postings"] == []


def test_a_bed_export_in_utf8_read_as_shift_jis_is_refused_too():
    text = "医療機関名,病床数\r\n千代田中央病院,10\r\n".encode("utf-8")
    with pytest.raises(keynet.InputError) as info:
        keynet.read_bed_export_csv(text)
    assert info.value.kind == "wrong_encoding"


# --- Japanese out ------------------------------------------------------------------------------

def test_codes_are_written_as_japanese_labels_for_shift_jis_and_as_codes_for_utf8(postings):
    """A colleague typed 診療所 / 神奈川県 / 准看護師 / 時給: a Shift_JIS file written back shows
    them so; UTF-8 (for programs) shows codes. Either reads back to the same postings."""
    occupation = header_of("form.occupation")
    for encoding, labels, decode in [("shift_jis", None, "cp932"), ("utf8", "ja", "utf-8-sig"),
                                     ("utf8", None, "utf-8-sig"), ("shift_jis", "codes", "cp932")]:
        data = write_quietly(postings, encoding=encoding, labels=labels)
        rows = list(csv.DictReader(io.StringIO(data.decode(decode))))
        japanese = labels == "ja" or (labels is None and encoding == "shift_jis")
        for row, posting in zip(rows, postings):
            code = posting["form"]["occupation"]
            name_ja = next(o["name_ja"] for o in keynet.occupations() if o["code"] == code)
            assert row[occupation] == (name_ja if japanese else code)
            assert row[header_of("form.salary.basis")] in (("時給", "日給", "月給") if japanese else ("hourly", "daily", "monthly"))
            prefecture = row[header_of("form.workplace.prefecture")]
            assert prefecture.endswith(("都", "道", "府", "県")) if japanese else prefecture.isdigit()
        assert keynet.read_postings_csv(data, encoding)["postings"] == postings, (encoding, labels)
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.write_postings_csv(postings, labels="en")
    assert [f["path"] for f in info.value.findings] == ["labels"]


def test_a_public_view_csv_leaves_masked_cells_empty_and_has_no_facility_id(all_postings):
    """What may be handed to anyone: the public view, as CSV."""
    data = write_quietly(all_postings, encoding="utf8", view="public")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert header_of("form.facility.id") not in rows[0]
    phone = header_of("form.contact.phone")
    assert len(rows) == len(all_postings)
    for row, posting in zip(rows, all_postings):
        masked = posting["form"]["masking_requested"]
        assert (row[phone] == "") == masked, row[phone]
        assert posting["form"]["facility"]["id"] not in ",".join(row.values())
    registered = write_quietly(all_postings, encoding="utf8", view="registered")
    assert header_of("form.facility.id") not in registered.decode("utf-8-sig").splitlines()[0]
    with pytest.raises(keynet.CsvWriteError) as info:
        keynet.write_postings_csv(all_postings, view="counts")
    assert info.value.detail == "counts_view" and "write_count_table_csv" in info.value.message_ja
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.write_postings_csv(all_postings, view="everyone")
    assert [f["path"] for f in info.value.findings] == ["view"]
