"""The Python examples run on the bundled sample and write what they say:
examples/python/distribution_report.py and examples/python/read_shift_jis_csv.py."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

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
