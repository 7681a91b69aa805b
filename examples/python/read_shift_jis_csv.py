"""Read a Shift_JIS postings CSV into findings and a count table: copy it for your own files.

    .venv/bin/python examples/python/read_shift_jis_csv.py                 # a planted sample file
    .venv/bin/python examples/python/read_shift_jis_csv.py --csv 募集情報.csv [--encoding utf8]

Without ``--csv`` it first writes a sample: the bundled ``examples/data/postings.jsonl`` as a
Shift_JIS CSV (Windows-31J, as G-MIS and Excel in Japan write it), with three bad rows planted —
bytes that are not Shift_JIS, a missing column, a phone number that is not one. Then it reads the
file the way you would read yours: every readable posting, and a finding per problem with its
row (the header is row 1) and column; the bad rows do not stop the others. Last, the agencies'
count table (occupation × prefecture) of the open postings read, printed and written back as a
Shift_JIS CSV.

Output (``--out``, default ``examples/out/python/``): ``postings_sjis.csv`` (the sample, without
``--csv``), ``csv_findings.csv`` and ``counts_sjis.csv``. With pandas installed (optional: pip
install pandas) the findings and the count table are DataFrames; without it, plain rows.
"""

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import keynet

REPO = Path(__file__).resolve().parents[2]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=None, help="a postings CSV to read (default: write a sample first)")
    parser.add_argument("--encoding", default="shift_jis", help="shift_jis (default; also cp932, sjis) or utf8")
    parser.add_argument("--postings", type=Path, default=REPO / "examples/data/postings.jsonl",
                        help="postings (§11, one JSON object a line) for the sample file")
    parser.add_argument("--out", type=Path, default=REPO / "examples/out/python", help="output folder")
    return parser.parse_args(argv)


def write_sample(postings_path, out):
    """The postings as a Shift_JIS CSV with three bad rows planted; says where they are."""
    postings = [json.loads(line) for line in postings_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = keynet.write_postings_csv(postings)  # bytes; a character Shift_JIS lacks would raise CsvWriteError
    records = data.split(b"\r\n")  # one record each (a line break inside a quoted field is a bare \n)

    def row_of(i):  # the file's line where record i starts: quoted line breaks count
        return 1 + sum(1 + r.count(b"\n") for r in records[:i])

    planted = []
    records[2] = records[2].replace(b",", b",\x81", 1)  # a lone Shift_JIS lead byte in column 2
    planted.append((row_of(2), postings[1]["posting_id"], "bytes that are not Shift_JIS"))
    records[4] = records[4].rsplit(b",", 1)[0]  # the last column cut off
    planted.append((row_of(4), postings[3]["posting_id"], "a missing column"))
    i = next(i for i in range(6, len(postings))
             if postings[i - 1]["form"]["contact"]["phone"]
             and records[i].count(postings[i - 1]["form"]["contact"]["phone"].encode()) == 1)
    records[i] = records[i].replace(postings[i - 1]["form"]["contact"]["phone"].encode(), b"03-12", 1)
    planted.append((row_of(i), postings[i - 1]["posting_id"], "the phone number 03-12"))

    path = out / "postings_sjis.csv"
    path.write_bytes(b"\r\n".join(records))
    print(f"== Wrote {path.name}: {len(postings)} postings in Shift_JIS, bad rows planted:")
    for row, posting_id, what in planted:
        print(f"   row {row} ({posting_id}): {what}")
    return path


def show_findings(read, out):
    findings = read["findings"]
    rows = sorted({f["row"] for f in findings})
    print(f"   {len(read['postings'])} postings read; {len(findings)} findings in {len(rows)} rows: "
          + ", ".join(map(str, rows)))
    try:
        import pandas  # noqa: F401  (optional)
    except ImportError:
        for f in findings:
            print(f"   row {f['row']:>4} {f['column'] or '-'} [{f['severity']}] {f['message_ja']}")
        with open(out / "csv_findings.csv", "w", encoding="utf-8-sig", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=["row", "column", "path", "code", "severity", "message", "message_ja"])
            writer.writeheader()
            writer.writerows(findings)
        return
    frame = keynet.findings_frame(read)  # one row per finding: row, column, path, code, severity, …
    print(frame[["row", "column", "code", "severity", "message_ja"]].to_string(index=False))
    frame.to_csv(out / "csv_findings.csv", index=False, encoding="utf-8-sig")


def show_counts(postings, out):
    rows = keynet.count_table(postings)  # the open postings, occupation × prefecture
    print(f"== Count table of the open postings read: {sum(r['postings'] for r in rows)} postings, "
          f"{sum(r['openings'] for r in rows)} openings")
    try:
        import pandas  # noqa: F401  (optional)
    except ImportError:
        for r in rows[:10]:
            print(f"   {r['occupation']:<24} {r['prefecture']} {r['postings']:>3} {r['openings']:>4}")
        print(f"   … {len(rows)} rows")
    else:
        matrix = keynet.count_matrix(rows, labels="ja", complete=False)
        print(matrix.iloc[:, :8].to_string())
        print(f"   ({matrix.shape[0]} occupations × {matrix.shape[1]} prefectures; 8 columns shown)")
    data = keynet.write_count_table_csv(postings)  # Shift_JIS, Japanese headers
    (out / "counts_sjis.csv").write_bytes(data)
    header = next(csv.reader(io.StringIO(data.decode("cp932"))))  # Windows-31J: Python's cp932 codec
    print(f"   wrote counts_sjis.csv ({len(data)} bytes, Shift_JIS): {','.join(header)}")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.csv if args.csv is not None else write_sample(args.postings, args.out)
    read = keynet.read_postings_csv(path, encoding=args.encoding)  # a path, bytes or a binary file
    print(f"== Read {path.name} ({args.encoding})")
    show_findings(read, args.out)
    show_counts(read["postings"], args.out)


if __name__ == "__main__":
    main()
