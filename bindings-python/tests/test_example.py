"""The Python examples run on the bundled sample and write what they say:
examples/python/distribution_report.py and examples/python/read_shift_jis_csv.py."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "examples" / "python" / "distribution_report.py"


def run(out, *prefix):
    return subprocess.run(
        [sys.executable, *prefix, str(SCRIPT), "--out", str(out)],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=300,
    ).stdout


def test_the_report_on_the_bundled_sample(tmp_path):
    stdout = run(tmp_path)
    assert "== Validation of sample.jsonl: 500 records" in stdout
    recipients = len(keynet.standard_recipients(["A社", "B社"]))
    assert f"== Distribution to {recipients} recipients" in stdout
    postings = (REPO / "examples/data/postings.jsonl").read_bytes()
    rows = keynet.count_table(postings)
    with open(tmp_path / "counts.csv", encoding="utf-8-sig", newline="") as f:
        written = list(csv.DictReader(f))
    assert [(r["occupation"], r["prefecture"], int(r["postings"]), int(r["openings"])) for r in written] == \
        [(r["occupation"], r["prefecture"], r["postings"], r["openings"]) for r in rows]
    assert written[0]["occupation_ja"] and written[0]["prefecture_ja"]
    with open(tmp_path / "distribution.csv", encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == recipients
    with open(tmp_path / "findings.csv", encoding="utf-8-sig", newline="") as f:
        findings = list(csv.DictReader(f))
    summary = keynet.validate_many((REPO / "examples/data/sample.jsonl").read_bytes()).summary()
    assert len(findings) == summary["errors"] + summary["warnings"]
    png = (tmp_path / "counts_heatmap.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert "heat map: " in stdout


def test_without_matplotlib_the_report_still_writes_its_tables(tmp_path):
    block = ["-c", "import runpy, sys; sys.modules['matplotlib'] = None; sys.argv = sys.argv[1:]; "
                   "runpy.run_path(sys.argv[0], run_name='__main__')"]
    stdout = run(tmp_path, *block)
    assert "no heat map: matplotlib is not installed" in stdout
    assert (tmp_path / "counts.csv").exists() and not (tmp_path / "counts_heatmap.png").exists()


# --- examples/python/read_shift_jis_csv.py ------------------------------------------------------

CSV_SCRIPT = REPO / "examples" / "python" / "read_shift_jis_csv.py"
NO_PANDAS = ["-c", "import runpy, sys; sys.modules['pandas'] = None; sys.argv = sys.argv[1:]; "
                   "runpy.run_path(sys.argv[0], run_name='__main__')"]


def run_csv_example(out, *args, prefix=()):
    return subprocess.run(
        [sys.executable, *prefix, str(CSV_SCRIPT), "--out", str(out), *args],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=300,
    ).stdout


def planted_rows(stdout):
    """The rows the example says it planted: {row: posting_id}."""
    rows = {}
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith("row ") and "(P-" in line:
            row, rest = line[4:].split(" (", 1)
            rows[int(row)] = rest.split(")", 1)[0]
    return rows


def test_the_shift_jis_csv_example(tmp_path):
    stdout = run_csv_example(tmp_path)
    planted = planted_rows(stdout)
    assert len(planted) == 3, stdout
    sample = (tmp_path / "postings_sjis.csv").read_bytes()
    read = keynet.read_postings_csv(sample)  # Shift_JIS is the default
    assert sorted({f["row"] for f in read["findings"]}) == sorted(planted)
    postings = [json.loads(line) for line in (REPO / "examples/data/postings.jsonl").read_text(encoding="utf-8").splitlines()]
    read_ids = [p["posting_id"] for p in read["postings"]]
    assert read_ids == [p["posting_id"] for p in postings if p["posting_id"] not in planted.values()]
    assert f"{len(postings) - 3} postings read; 3 findings in 3 rows" in stdout
    with open(tmp_path / "csv_findings.csv", encoding="utf-8-sig", newline="") as f:
        findings = list(csv.DictReader(f))
    assert sorted(int(f["row"]) for f in findings) == sorted(planted)
    assert "電話番号" in {f["column"] for f in findings}
    counts = list(csv.reader(io.StringIO((tmp_path / "counts_sjis.csv").read_bytes().decode("cp932"), newline="")))
    expected = keynet.count_table(read["postings"])
    assert [(r[0], r[2], int(r[4]), int(r[5])) for r in counts[1:]] == \
        [(r["occupation"], r["prefecture"], r["postings"], r["openings"]) for r in expected]
    assert "== Count table of the open postings read" in stdout and "医師" in stdout


def test_the_shift_jis_csv_example_without_pandas_and_with_a_utf8_file(tmp_path):
    own = tmp_path / "mine.csv"
    postings = keynet.sample_postings(20, seed=3)
    own.write_bytes(keynet.write_postings_csv(postings, "utf8"))
    stdout = run_csv_example(tmp_path, "--csv", str(own), "--encoding", "utf8", prefix=NO_PANDAS)
    assert "== Read mine.csv (utf8)" in stdout
    assert "20 postings read; 0 findings in 0 rows" in stdout
    assert not (tmp_path / "postings_sjis.csv").exists()
    assert (tmp_path / "counts_sjis.csv").read_bytes() == bytes(keynet.write_count_table_csv(postings))


# --- examples/python/analyst_round_trip.py --------------------------------------------------------


def test_the_analysts_round_trip(tmp_path):
    script = REPO / "examples" / "python" / "analyst_round_trip.py"
    stdout = subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], capture_output=True,
                            text=True, check=True, cwd=REPO, timeout=300).stdout
    postings = keynet.read_postings_csv(tmp_path / "募集情報_sample.csv")["postings"]
    assert len(postings) == len((REPO / "examples/data/postings.jsonl").read_text(encoding="utf-8").splitlines())
    assert "0 rows refused" in stdout
    distribution = keynet.distribute(postings, keynet.standard_recipients(["A社", "B社"]))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "distribution_sjis.csv").read_bytes().decode("cp932"))))
    assert list(rows[0]) == ["提供先の種類", "都道府県コード", "事業者名", "提供先", "提供範囲", "募集情報ID"]
    received = [(r["提供先"], r["募集情報ID"]) for r in rows if r["募集情報ID"]]
    assert received == [(d["label_ja"], i) for d in distribution for i in d.get("posting_ids", [])]
    public = list(csv.DictReader(io.StringIO((tmp_path / "public_postings_sjis.csv").read_bytes().decode("cp932"))))
    assert "医療機関ID" not in public[0] and "募集情報ID" in public[0]
    masked = [p for p in postings if p["form"]["masking_requested"]]
    assert masked, "the sample has masked postings"
    for posting in masked:
        row = next(r for r in public if r["募集情報ID"] == posting["posting_id"])
        assert row["医療機関名"] == "" and row["電話番号"] == "" and row["E-mail"] == ""
        assert row["募集職種"] and not row["募集職種"].isascii()  # Japanese labels, not codes
    assert (tmp_path / "counts_sjis.csv").read_bytes() == bytes(keynet.write_count_table_csv(postings))


# --- examples/python/dask_distribution.py ---------------------------------------------------------


def test_the_dask_example_gives_what_one_process_gives_byte_for_byte(tmp_path):
    pytest.importorskip("distributed")
    script = REPO / "examples" / "python" / "dask_distribution.py"
    run = subprocess.run([sys.executable, str(script), "--postings", "1500", "--partitions", "3",
                          "--out", str(tmp_path)], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "identical to one process: yes" in run.stdout
    files = sorted((tmp_path / "dataset").glob("part-*.jsonl"))
    assert len(files) == 3
    text = b"".join(f.read_bytes() for f in files)
    recipients = keynet.standard_recipients(["A社", "B社"])
    expected = json.dumps(keynet.distribute(text, recipients), ensure_ascii=False, indent=1) + "\n"
    assert (tmp_path / "distribution.json").read_text(encoding="utf-8") == expected
    expected = json.dumps(keynet.count_table(text), ensure_ascii=False, indent=1) + "\n"
    assert (tmp_path / "counts.json").read_text(encoding="utf-8") == expected
