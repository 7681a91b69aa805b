"""An analyst's round trip: a colleague's Shift_JIS CSV in, through pandas, to the distribution,
and Japanese Shift_JIS files and the public view out.

    python examples/python/analyst_round_trip.py                      # the bundled sample
    python examples/python/analyst_round_trip.py --csv 募集情報.csv    # your G-MIS export

Without ``--csv`` it first writes the bundled ``examples/data/postings.jsonl`` as the Shift_JIS CSV
G-MIS exports (Japanese headers and labels: 診療所, 神奈川県, 准看護師, 時給). Then, as you would:

1. ``pandas.read_csv(..., encoding="cp932", dtype=str)`` — every cell as typed (``dtype=str``
   keeps the leading 0 of 0312345678);
2. ``keynet.read_postings_csv(frame)`` — the rows that are postings, a finding per row that is not;
3. ``keynet.distribute(frame, recipients)`` and ``keynet.distribution_frame`` — who receives what;
4. out, in Shift_JIS with Japanese headers: ``distribution_sjis.csv`` (one row per recipient and
   posting), ``counts_sjis.csv`` (the agencies' count table) and ``public_postings_sjis.csv`` (the
   public view: no facility ID column, the masked cells empty); and ``public_postings.xlsx`` when
   ``openpyxl`` is installed (pandas' ``to_excel``: keynet has no Excel writer of its own).
"""

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

import keynet

REPO = Path(__file__).resolve().parents[2]

# The distribution frame's columns as the Japanese CSV names them.
DISTRIBUTION_HEADERS_JA = {
    "recipient_kind": "提供先の種類",
    "recipient_prefecture": "都道府県コード",
    "recipient_name": "事業者名",
    "label_ja": "提供先",
    "view": "提供範囲",
    "posting_id": "募集情報ID",
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, help="a G-MIS postings CSV (Shift_JIS); default: write the sample")
    parser.add_argument("--agency", action="append", default=None, help="a placement agency (repeatable)")
    parser.add_argument("--out", type=Path, default=REPO / "examples/out/analyst", help="output folder")
    return parser.parse_args(argv)


def write_sample(out):
    path = out / "募集情報_sample.csv"
    data = keynet.write_postings_csv(REPO / "examples/data/postings.jsonl", encoding="shift_jis")
    path.write_bytes(data)
    return path


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    args.out.mkdir(parents=True, exist_ok=True)
    source = args.csv or write_sample(args.out)

    frame = pd.read_csv(source, encoding="cp932", dtype=str, keep_default_na=False)
    print(f"== {source.name}: {len(frame)} rows, {len(frame.columns)} columns ({', '.join(frame.columns[:4])}, …)")
    read = keynet.read_postings_csv(frame)
    errors = [f for f in read["findings"] if f["severity"] == "error"]
    print(f"   {len(read['postings'])} postings read, {len(errors)} rows refused")
    if errors:
        print(keynet.findings_frame(read)[["row", "column", "message_ja"]].head(10).to_string(index=False))
    postings = read["postings"]

    recipients = keynet.standard_recipients(args.agency or ["A社", "B社"])
    distribution = keynet.distribute(postings, recipients)
    table = keynet.distribution_frame(distribution)
    received = table.dropna(subset=["posting_id"]).groupby("label_ja", observed=True).posting_id.count()
    print(f"== Distribution to {len(recipients)} recipients: {len(table)} rows")
    print(received.sort_values(ascending=False).head(6).to_string())

    japanese = table.rename(columns=DISTRIBUTION_HEADERS_JA)
    # Excel in Japan opens Shift_JIS (cp932) CSV without asking; Windows line ends.
    (args.out / "distribution_sjis.csv").write_bytes(
        japanese.to_csv(index=False, lineterminator="\r\n").encode("cp932"))
    counts = keynet.write_count_table_csv(postings)  # Shift_JIS, Japanese headers and labels
    (args.out / "counts_sjis.csv").write_bytes(counts)
    public = keynet.write_postings_csv(postings, encoding="shift_jis", view="public")
    (args.out / "public_postings_sjis.csv").write_bytes(public)
    header = pd.read_csv(io.BytesIO(public), encoding="cp932", dtype=str, nrows=0).columns
    print(f"== Wrote distribution_sjis.csv, counts_sjis.csv, public_postings_sjis.csv "
          f"({len(header)} columns, 医療機関ID {'present' if '医療機関ID' in header else 'absent'})")
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("   (pip install openpyxl to also write public_postings.xlsx with pandas' to_excel)")
    else:
        views = pd.json_normalize([keynet.public_view(p) for p in postings])
        views.to_excel(args.out / "public_postings.xlsx", index=False)
        print("   wrote public_postings.xlsx")


if __name__ == "__main__":
    main()
