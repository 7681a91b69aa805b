"""DataFrames: findings of a batch and the count table, with pandas and polars; both optional and
imported lazily."""

import subprocess
import sys

import pytest

import keynet

import pandas as pd  # noqa: E402  (scripts/requirements-test.txt installs both)
import polars as pl  # noqa: E402


@pytest.fixture(scope="module")
def batch():
    return keynet.validate_many(keynet.sample_forms(400, seed=5) + ["{"])


@pytest.fixture(scope="module")
def rows():
    return keynet.count_table(keynet.sample_postings(300, seed=9))


def test_findings_frame_has_one_row_per_finding(batch):
    frame = batch.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["record", "path", "code", "severity", "message", "message_ja"]
    summary = batch.summary()
    assert len(frame) == summary["errors"] + summary["warnings"]
    assert (frame["severity"] == "error").sum() == summary["errors"]
    assert list(frame["code"].cat.categories) == [c["code"] for c in keynet.catalogue()]
    assert frame["record"].dtype == "int64"
    for record in (0, 1, 2, 3):
        expected = [(f["path"], f["code"]) for f in batch[record]]
        got = frame[frame["record"] == record]
        assert list(zip(got["path"], got["code"].astype(str))) == expected
    assert len(frame[frame["record"] == len(batch) - 1]) == 0  # not a form: no finding row
    assert keynet.findings_frame(batch).equals(frame)


def test_findings_frame_in_polars_matches_pandas(batch):
    frame = batch.to_polars()
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == ["record", "path", "code", "severity", "message", "message_ja"]
    pandas_frame = batch.to_pandas()
    assert frame["record"].to_list() == pandas_frame["record"].to_list()
    assert frame["code"].cast(pl.Utf8).to_list() == pandas_frame["code"].astype(str).to_list()
    assert frame["message_ja"].to_list() == pandas_frame["message_ja"].to_list()


def test_findings_frame_of_plain_findings_lists():
    forms = keynet.sample_forms(30, seed=2)
    lists = [keynet.validate(f) for f in forms]
    frame = keynet.findings_frame(lists)
    assert frame.equals(keynet.validate_many(forms).to_pandas())
    one = next(findings for findings in lists if findings)
    single = keynet.findings_frame(one)
    assert len(single) == len(one) and set(single["record"]) == {0}
    assert len(keynet.findings_frame([])) == 0


def test_count_frame_labels_every_row(rows):
    frame = keynet.count_frame(rows)
    assert list(frame.columns) == ["occupation", "occupation_ja", "occupation_en", "prefecture",
                                   "prefecture_ja", "prefecture_en", "postings", "openings"]
    assert len(frame) == len(rows)
    assert frame["postings"].sum() == sum(r["postings"] for r in rows)
    labels = {o["code"]: o["name_ja"] for o in keynet.occupations()}
    names = {p["code"]: p["name"] for p in keynet.prefectures()}
    for _, row in frame.iterrows():
        assert row["occupation_ja"] == labels[row["occupation"]]
        assert row["prefecture_ja"] == names[row["prefecture"]]
    assert list(frame["occupation"].cat.categories) == [o["code"] for o in keynet.occupations()]
    polars_frame = keynet.count_frame(rows, backend="polars")
    assert polars_frame["prefecture_ja"].to_list() == frame["prefecture_ja"].to_list()


def test_count_frame_takes_an_agency_delivery(rows):
    postings = keynet.sample_postings(300, seed=9)
    (delivery,) = keynet.distribute(postings, [{"kind": "private_agency", "name": "A社"}])
    assert keynet.count_frame(delivery["counts"]).equals(keynet.count_frame(rows))


def test_count_matrix_is_occupation_by_prefecture(rows):
    matrix = keynet.count_matrix(rows, labels="ja")
    assert matrix.shape == (11, 47)
    assert matrix.index[3] == "看護師" and matrix.columns[12] == "東京都"
    assert int(matrix.to_numpy().sum()) == sum(r["postings"] for r in rows)
    openings = keynet.count_matrix(rows, value="openings", labels="code")
    for r in rows:
        assert openings.loc[r["occupation"], r["prefecture"]] == r["openings"]
    english = keynet.count_matrix(rows, labels="en", complete=False)
    assert english.shape[0] <= 11 and english.shape[1] <= 47
    assert (english.sum(axis=1) > 0).all() and (english.sum(axis=0) > 0).all()
    assert "Tokyo" in keynet.count_matrix(rows, labels="en").columns
    polars_matrix = keynet.count_matrix(rows, labels="ja", backend="polars")
    assert polars_matrix.shape == (11, 48)
    assert polars_matrix["occupation"].to_list() == list(matrix.index)
    assert polars_matrix["東京都"].to_list() == matrix["東京都"].tolist()


def test_bad_frame_arguments(rows):
    with pytest.raises(ValueError, match="backend"):
        keynet.count_frame(rows, backend="excel")
    with pytest.raises(ValueError, match="value"):
        keynet.count_matrix(rows, value="salary")
    with pytest.raises(ValueError, match="labels"):
        keynet.count_matrix(rows, labels="fr")
    with pytest.raises(ValueError, match="count row"):
        keynet.count_frame([{"occupation": "astronaut", "prefecture": "13", "postings": 1, "openings": 1}])


def test_pandas_and_polars_are_imported_lazily():
    code = "import sys, keynet; keynet.validate_many([{}]); print('pandas' in sys.modules, 'polars' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_missing_backend_says_how_to_install_it():
    code = (
        "import sys; sys.modules['polars'] = None\n"
        "import keynet\n"
        "try:\n"
        "    keynet.validate_many([{}]).to_polars()\n"
        "except ImportError as err:\n"
        "    print(err)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install polars" in out.stdout
