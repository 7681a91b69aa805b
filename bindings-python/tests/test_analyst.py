"""The analyst's keynet (docs/choices.md "One meaning per type", "DataFrames in", "Partitions:
results that combine"): one meaning per type, DataFrames and Arrow tables in, frames out, and
partial results that combine to the whole's."""

import datetime
import io
import json
import pathlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import keynet

RECIPIENTS = keynet.standard_recipients(["A社", "B社"])


@pytest.fixture(scope="module")
def postings():
    return keynet.sample_postings(80, seed=16)


@pytest.fixture(scope="module")
def whole(postings):
    return keynet.distribute(postings, RECIPIENTS)


def as_jsonl(items):
    return "\n".join(json.dumps(x, ensure_ascii=False) for x in items) + "\n"


# --- one meaning per type -------------------------------------------------------------------


def test_a_path_is_a_file_everywhere(postings, whole, tmp_path):
    lines = tmp_path / "postings.jsonl"
    lines.write_text(as_jsonl(postings), encoding="utf-8")
    array = tmp_path / "recipients.json"
    array.write_text(json.dumps(RECIPIENTS, ensure_ascii=False), encoding="utf-8")
    assert keynet.distribute(lines, array) == whole
    assert keynet.count_table(lines) == keynet.count_table(postings)
    form = tmp_path / "form.json"
    form.write_text(json.dumps(postings[1]["form"], ensure_ascii=False), encoding="utf-8")
    assert keynet.validate(form) == keynet.validate(postings[1]["form"])
    assert keynet.normalize(form) == keynet.normalize(postings[1]["form"])
    forms = tmp_path / "forms.jsonl"
    forms.write_text(as_jsonl(p["form"] for p in postings), encoding="utf-8")
    assert keynet.validate_many(forms).summary()["records"] == len(postings)
    with pytest.raises(FileNotFoundError):
        keynet.distribute(tmp_path / "missing.jsonl", RECIPIENTS)


@pytest.mark.parametrize(
    "call",
    [
        lambda name: keynet.validate(name),
        lambda name: keynet.normalize(name),
        lambda name: keynet.public_view(name),
        lambda name: keynet.distribute(name, RECIPIENTS),
        lambda name: keynet.count_table(name),
        lambda name: keynet.validate_many(name),
        lambda name: keynet.read_postings_csv(name),
        lambda name: keynet.read_bed_export_csv(name),
    ],
)
def test_a_str_that_looks_like_a_file_name_says_to_pass_a_path(call):
    for name in ["postings.jsonl", "data/募集情報.csv", "C:\\data\\forms.json"]:
        with pytest.raises(TypeError, match=r"pass pathlib\.Path\(") as info:
            call(name)
        assert f"pathlib.Path({json.dumps(name, ensure_ascii=False)})" in str(info.value)


def test_a_str_that_is_not_json_and_no_file_name_is_still_an_input_error():
    with pytest.raises(keynet.InputError):
        keynet.validate("not json at all")


def test_a_str_where_names_are_expected_is_a_type_error():
    with pytest.raises(TypeError, match=r'not one str: pass \["A社"\]'):
        keynet.standard_recipients("A社")
    with pytest.raises(TypeError, match=r"agencies\[1\] is a name"):
        keynet.standard_recipients(["A社", 3])
    assert keynet.standard_recipients(("A社",)) == keynet.standard_recipients(["A社"])


# --- DataFrames and Arrow tables in -----------------------------------------------------------


def test_a_frame_of_dotted_columns_reads_as_the_documents(postings, whole):
    frame = pd.json_normalize(postings)
    assert keynet.distribute(frame, RECIPIENTS) == whole
    assert keynet.count_table(frame) == keynet.count_table(postings)
    assert keynet.duplicate_open_postings(frame) == keynet.duplicate_open_postings(postings)
    assert bytes(keynet.write_postings_csv(frame, "utf8")) == bytes(keynet.write_postings_csv(postings, "utf8"))
    forms = pd.json_normalize([p["form"] for p in postings])
    assert keynet.validate_many(forms).summary() == keynet.validate_many([p["form"] for p in postings]).summary()


def test_blanks_numpy_scalars_and_timestamps_read_as_json_would(postings):
    frame = pd.json_normalize(postings[:6])
    frame["registered_on"] = pd.to_datetime(frame["registered_on"])  # Timestamps
    frame["form.openings"] = frame["form.openings"].astype("int32")  # numpy scalars
    frame["closed_on"] = pd.to_datetime(frame["closed_on"])  # NaT where open
    frame["form.notes"] = np.nan  # NaN: a blank
    expected = [dict(p, form={k: v for k, v in p["form"].items() if k != "notes"}) for p in postings[:6]]
    assert keynet.count_table(frame) == keynet.count_table(expected)
    assert keynet.distribute(frame, RECIPIENTS) == keynet.distribute(expected, RECIPIENTS)
    read = keynet.read_postings_csv(keynet.write_postings_csv(frame, "utf8"), "utf8")
    assert [p["registered_on"] for p in read["postings"]] == [p["registered_on"] for p in postings[:6]]
    assert all("notes" not in p["form"] or p["form"]["notes"] in (None, "") for p in read["postings"])


def test_a_frame_read_from_the_shift_jis_file_reads_as_the_file(postings, whole):
    data = bytes(keynet.write_postings_csv(postings, "shift_jis"))
    frame = pd.read_csv(io.BytesIO(data), encoding="cp932", dtype=str, keep_default_na=False)
    assert "募集職種" in frame.columns
    assert keynet.distribute(frame, RECIPIENTS) == whole
    assert keynet.read_postings_csv(frame) == keynet.read_postings_csv(data)
    typed = pd.read_csv(io.BytesIO(data), encoding="cp932")  # NaN for blanks, numbers typed
    assert keynet.count_table(typed) == keynet.count_table(postings)


def test_a_bad_row_of_a_japanese_frame_is_an_error_at_its_index(postings):
    data = bytes(keynet.write_postings_csv(postings[:5], "shift_jis"))
    frame = pd.read_csv(io.BytesIO(data), encoding="cp932", dtype=str, keep_default_na=False)
    frame.loc[3, "募集人数"] = "たくさん"
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.count_table(frame)
    assert [(f["path"], f["code"]) for f in info.value.findings] == [("postings.3.form.openings", "format")]
    read = keynet.read_postings_csv(frame)  # the report: every other row, and the finding
    assert len(read["postings"]) == 4 and read["findings"][0]["row"] == 5
    with pytest.raises(TypeError, match="read_postings_csv"):
        keynet.validate_many(frame)


def test_arrow_tables_of_json_text_or_of_columns(postings, whole):
    text = pa.table({"posting": [json.dumps(p, ensure_ascii=False) for p in postings]})
    assert keynet.distribute(text, RECIPIENTS) == whole
    columns = pa.Table.from_pandas(pd.json_normalize(postings), preserve_index=False)
    assert keynet.count_table(columns) == keynet.count_table(postings)
    forms = pa.table({"form": [json.dumps(p["form"], ensure_ascii=False) for p in postings]})
    assert keynet.validate_many(forms).summary()["records"] == len(postings)


def test_a_column_inside_a_value_is_a_type_error():
    frame = pd.DataFrame({"form": ["x"], "form.occupation": ["nurse"]})
    with pytest.raises(TypeError, match="column"):
        keynet.count_table(frame)


# --- frames out ---------------------------------------------------------------------------------


def test_distribution_frame_has_a_row_per_recipient_and_posting(whole):
    frame = keynet.distribution_frame(whole)
    assert list(frame.columns) == [
        "recipient_kind", "recipient_prefecture", "recipient_name", "label_ja", "view", "posting_id",
    ]
    delivered = sum(len(d.get("posting_ids") or []) for d in whole)
    empty = sum(1 for d in whole if not d.get("posting_ids"))
    assert len(frame) == delivered + empty
    assert frame["posting_id"].notna().sum() == delivered
    agency = frame[frame["recipient_name"] == "A社"]
    assert agency["view"].tolist() == ["counts"] and agency["posting_id"].isna().all()
    assert agency["label_ja"].tolist() == ["民間職業紹介事業者"]
    table = keynet.distribution_frame(whole, backend="arrow")
    assert table.num_rows == len(frame) and table.column("posting_id").null_count == empty
    with pytest.raises(ValueError, match="not a distribution"):
        keynet.distribution_frame([{"posting_ids": []}])


def test_arrow_out_for_findings_and_counts(postings):
    batch = keynet.validate_many([p["form"] for p in postings] + [{"occupation": "pilot"}])
    table = keynet.findings_frame(batch, backend="arrow")
    assert table.num_rows == len(keynet.findings_frame(batch))
    counts = keynet.count_frame(keynet.count_table(postings), backend="arrow")
    assert counts.column("postings").to_pylist() == [r["postings"] for r in keynet.count_table(postings)]


def test_views_take_a_posting_and_keep_its_id(postings):
    for posting in postings[:10]:
        shown = keynet.public_view(posting)
        assert shown["posting_id"] == posting["posting_id"]
        assert shown["form"] == keynet.public_view(posting["form"])
        assert "id" not in shown["form"]["facility"]
        assert keynet.registered_view(posting)["form"] == keynet.registered_view(posting["form"])


# --- partitions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cuts", [[], [0], [40], [13, 13, 61], [80]])
def test_partitions_combine_to_the_whole(postings, whole, cuts):
    bounds = [0, *cuts, len(postings)]
    parts = [postings[a:b] for a, b in zip(bounds, bounds[1:])]
    combined = keynet.combine_distributions([keynet.distribute(p, RECIPIENTS) for p in parts])
    assert json.dumps(combined, ensure_ascii=False) == json.dumps(whole, ensure_ascii=False)
    added = keynet.add_count_tables([keynet.count_table(p) for p in parts])
    assert added == keynet.count_table(postings)


def test_parts_for_other_recipients_do_not_combine(postings):
    a = keynet.distribute(postings[:10], RECIPIENTS)
    b = keynet.distribute(postings[10:], RECIPIENTS[1:])
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.combine_distributions([a, b])
    assert info.value.findings[0]["code"] == "inconsistent"
    assert info.value.findings[0]["message_ja"]


def test_dates_in_frames_are_dates_not_datetimes():
    assert keynet._frames._cell(pd.Timestamp("2020-06-01")) == "2020-06-01"
    assert keynet._frames._cell(np.datetime64("2020-06-01")) == "2020-06-01"
    assert keynet._frames._cell(datetime.date(2020, 6, 1)) == "2020-06-01"
    assert keynet._frames._cell(pd.Timestamp("2020-06-01 09:30")) == "2020-06-01T09:30:00"
    assert keynet._frames._cell(np.int64(3)) == 3 and type(keynet._frames._cell(np.int64(3))) is int
    assert keynet._frames._cell(3.0) == 3 and keynet._frames._cell(2.5) == 2.5


def test_any_os_pathlike_is_a_file(tmp_path):
    class Where:  # an os.PathLike of the caller's own
        def __fspath__(self):
            return str(tmp_path / "postings.json")

    (tmp_path / "postings.json").write_text("[]", encoding="utf-8")
    assert keynet.count_table(Where()) == []


def test_every_encoding_spelling_of_the_stub_is_accepted():
    import ast

    stub = pathlib.Path(keynet.__file__).with_name("__init__.pyi").read_text(encoding="utf-8")
    spellings = set()
    for node in ast.parse(stub).body:
        if isinstance(node, ast.Assign) and node.targets[0].id in ("CsvEncoding", "CsvEncodingName", "CsvReadEncoding"):
            spellings |= {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    assert {"Shift_JIS", "UTF-8", "cp932", "auto"} <= spellings
    for name in spellings:
        keynet.read_postings_csv(b"", encoding=name)
        if name.lower() != "auto":
            keynet.write_count_table_csv([], encoding=name)


# --- sample postings, streamed ------------------------------------------------------------------


def test_sample_postings_stream_as_the_list_gives_them(tmp_path):
    import itertools

    assert list(keynet.iter_sample_postings(60, seed=4)) == keynet.sample_postings(60, seed=4)
    endless = keynet.iter_sample_postings(seed=4)
    assert list(itertools.islice(endless, 5)) == keynet.sample_postings(5, seed=4)
    path = tmp_path / "postings.jsonl"
    keynet.write_sample_postings(path, 1500, seed=9)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == keynet.sample_postings(1500, seed=9)
    with pytest.raises(TypeError, match="pathlib.Path"):
        keynet.write_sample_postings(str(path), 3)
    with pytest.raises(OSError):
        keynet.write_sample_postings(tmp_path / "no" / "such" / "folder.jsonl", 3)


# --- what an analyst tried (issue 16's second reading) --------------------------------------------


def test_findings_frame_of_something_else_says_what_it_got():
    distribution = keynet.distribute(keynet.sample_postings(5), keynet.standard_recipients(["A社"]))
    with pytest.raises(ValueError, match="not findings.*distribution_frame"):
        keynet.findings_frame(distribution)


def test_dates_inside_struct_columns_read_as_dates(postings, whole, tmp_path):
    import pyarrow.json as paj

    lines = tmp_path / "postings.jsonl"
    lines.write_text(as_jsonl(postings), encoding="utf-8")
    table = paj.read_json(lines)  # dates become timestamp[s] inside the form struct
    assert keynet.distribute(table, RECIPIENTS) == whole


def test_lazy_and_dask_frames_say_what_to_do(postings):
    import dask.dataframe
    import polars as pl

    with pytest.raises(TypeError, match=r"LazyFrame: pass frame\.collect\(\)"):
        keynet.count_table(pl.DataFrame(pd.json_normalize(postings[:3])).lazy())
    with pytest.raises(TypeError, match="dask DataFrame.*map_partitions"):
        keynet.count_table(dask.dataframe.from_pandas(pd.json_normalize(postings[:4]), npartitions=2))


def test_a_pandas_index_kept_by_pyarrow_is_no_field(postings):
    flat = pd.json_normalize(postings).set_index("posting_id", drop=False)
    assert keynet.count_table(pa.Table.from_pandas(flat)) == keynet.count_table(postings)


def test_recipients_read_back_from_a_spreadsheet_keep_their_prefecture(postings, whole, tmp_path):
    path = tmp_path / "recipients.csv"
    pd.DataFrame(RECIPIENTS).to_csv(path, index=False, encoding="cp932")
    frame = pd.read_csv(path, encoding="cp932")  # prefecture 1.0, 13.0, NaN
    assert keynet.distribute(postings, frame) == whole
    assert keynet.distribute(postings, [{"kind": "prefecture", "prefecture": 13}]) == \
        keynet.distribute(postings, [{"kind": "prefecture", "prefecture": "13"}])


def test_agency_names_are_trimmed_and_blank_or_twice_refused():
    assert keynet.standard_recipients([" A社 "]) == keynet.standard_recipients(["A社"])
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.standard_recipients(["A社", " ", "A社"])
    assert [(f["path"], f["code"]) for f in info.value.findings] == \
        [("agencies.1", "required"), ("agencies.2", "inconsistent")]


def test_keynet_objects_are_read_where_documents_are(postings, whole):
    objects = [keynet.Posting(p) for p in postings]
    assert keynet.distribute(objects, RECIPIENTS) == whole
    assert keynet.explain(objects[1], RECIPIENTS[0]) == keynet.explain(postings[1], RECIPIENTS[0])
    assert bytes(keynet.write_postings_csv(objects, "utf8")) == bytes(keynet.write_postings_csv(postings, "utf8"))


def test_labels_are_spelt_code_or_codes_in_both_places(postings):
    rows = keynet.count_table(postings)
    assert keynet.count_matrix(rows, labels="codes").equals(keynet.count_matrix(rows, labels="code"))
    assert bytes(keynet.write_postings_csv(postings, "utf8", labels="code")) == \
        bytes(keynet.write_postings_csv(postings, "utf8", labels="codes"))


def test_one_error_says_what_to_do_in_both_languages():
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.read_postings_csv(b"", encoding="euc-jp")
    assert 'encoding must be' in str(info.value) and "euc-jp" in str(info.value)
    assert "euc-jp" in info.value.message_ja and "encoding（" not in info.value.message_ja
    bad = [dict(p, form=dict(p["form"], openings=0)) for p in keynet.sample_postings(3, seed=2)]
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.count_table(bad)
    assert "1件目の募集人数" in info.value.message_ja and "postings.0" not in info.value.message_ja
