"""Distribution report on the bundled sample, in Python: copy it and point it at your own files.

    .venv/bin/python examples/python/distribution_report.py            # bundled sample
    .venv/bin/python examples/python/distribution_report.py --forms my_forms.jsonl \
        --postings my_postings.jsonl --agency "A社" --out report/

1. validates every form of a JSON-lines file (both cores, one call) and summarises the findings;
2. distributes the postings to the standard recipients (every prefecture, MHLW, labour bureaus,
   the national bodies, the 47 nurse centres, the public site, the agencies you name) and says
   what each kind of recipient receives;
3. writes the agencies' count table (occupation × prefecture) as CSV, and as a heat map (PNG)
   when matplotlib is installed (an optional dependency: pip install matplotlib).

Output (``--out``, default ``examples/out/python/``): ``findings.csv``, ``distribution.csv``,
``counts.csv``, ``counts_matrix.csv``, ``counts_heatmap.png``. CSV files are UTF-8 with a BOM,
which Excel in Japan opens as it should. Needs pandas (pip install pandas).
"""

import argparse
import sys
from pathlib import Path

import keynet

REPO = Path(__file__).resolve().parents[2]

# Families matplotlib may find that draw Japanese; the first one installed is used.
JAPANESE_FONTS = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "IPAPGothic",
    "TakaoGothic",
    "VL Gothic",
    "Hiragino Sans",
    "Yu Gothic",
    "Meiryo",
    "MS Gothic",
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=Path, default=REPO / "examples/data/sample.jsonl",
                        help="forms to validate, one JSON object a line")
    parser.add_argument("--postings", type=Path, default=REPO / "examples/data/postings.jsonl",
                        help="postings (§11) to distribute, one JSON object a line")
    parser.add_argument("--agency", action="append", default=None,
                        help="a private placement agency to include (repeatable; default: A社 and B社)")
    parser.add_argument("--out", type=Path, default=REPO / "examples/out/python", help="output folder")
    return parser.parse_args(argv)


def validation_summary(forms_path, out):
    batch = keynet.validate_many(forms_path.read_bytes())
    summary = batch.summary()
    print(f"== Validation of {forms_path.name}: {summary['records']} records")
    print(f"   registrable {summary['registrable']}, with errors {summary['rejected']}, "
          f"not a form {summary['not_a_form']}; {summary['errors']} errors, {summary['warnings']} warnings")
    findings = batch.to_pandas()
    if len(findings):
        by_code = (
            findings.groupby(["severity", "code"], observed=True)
            .agg(findings=("record", "size"), forms=("record", "nunique"))
            .sort_values("findings", ascending=False)
        )
        print(by_code.to_string())
        top_paths = findings[findings["severity"] == "error"]["path"].value_counts().head(5)
        print("   most frequent error paths:", ", ".join(f"{p} ({n})" for p, n in top_paths.items()))
    for error in batch.input_errors:
        print(f"   record {error['index']} is not a form: {error['message']}")
    findings.to_csv(out / "findings.csv", index=False, encoding="utf-8-sig")
    return batch


def distribution_summary(postings_bytes, agencies, out):
    import pandas as pd

    recipients = keynet.standard_recipients(agencies)
    result = keynet.distribute(postings_bytes, recipients)
    rows = []
    for delivery in result:
        recipient = delivery["recipient"]
        rows.append({
            "kind": recipient["kind"],
            "prefecture": recipient.get("prefecture", ""),
            "name": recipient.get("name", ""),
            "view": delivery["view"],
            "postings": len(delivery.get("posting_ids", [])),
            "count_rows": len(delivery.get("counts", [])),
        })
    table = pd.DataFrame(rows)
    table.to_csv(out / "distribution.csv", index=False, encoding="utf-8-sig")
    per_kind = (
        table.groupby(["kind", "view"], sort=False)
        .agg(recipients=("kind", "size"), postings_total=("postings", "sum"),
             postings_max=("postings", "max"), count_rows=("count_rows", "max"))
    )
    print(f"\n== Distribution to {len(recipients)} recipients (postings received; agencies get counts only)")
    print(per_kind.to_string())
    nurse_centers = table[table["kind"] == "prefectural_nurse_center"]
    busiest = nurse_centers.loc[nurse_centers["postings"].idxmax()]
    names = {p["code"]: p["name"] for p in keynet.prefectures()}
    print(f"   the busiest prefectural nurse centre, {names[busiest['prefecture']]}, receives "
          f"{int(busiest['postings'])} postings (nursing occupations in its prefecture)")
    return result


def japanese_font():
    from matplotlib import font_manager

    def first_installed():
        installed = {f.name for f in font_manager.fontManager.ttflist}
        return next((name for name in JAPANESE_FONTS if name in installed), None)

    found = first_installed()
    if found is None:
        # A font installed after matplotlib cached its font list is not in that list: look for
        # the files themselves once (Noto Sans CJK, IPAex, Takao, VL Gothic).
        for path in font_manager.findSystemFonts():
            name = Path(path).name.lower().replace("-", "").replace("_", "")
            if any(key in name for key in ("notosanscjk", "notosansjp", "ipaex", "ipag", "takao", "vlgothic")):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = first_installed()
    return found


def heat_map(rows, path):
    """Postings by occupation × prefecture as a PNG; returns a note on the labels used."""
    try:
        import matplotlib
    except ImportError:
        return "no heat map: matplotlib is not installed (pip install matplotlib)"
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    import numpy as np

    font = japanese_font()
    if font:
        matplotlib.rcParams["font.family"] = font
        labels, note = "ja", f"Japanese labels (font {font})"
        title = "募集情報の件数（職種 × 都道府県、公開中のみ）"
    else:
        labels = "en"
        note = ("English/romaji labels: no Japanese font is installed "
                "(e.g. apt-get install fonts-noto-cjk, or fonts-ipaexfont)")
        title = "Open postings by occupation × prefecture"
    matrix = keynet.count_matrix(rows, value="postings", labels=labels)
    fig, ax = plt.subplots(figsize=(18, 5.5), dpi=110)
    image = ax.imshow(matrix.to_numpy(), cmap="YlOrRd", aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=90, fontsize=8)
    ax.set_yticks(range(matrix.shape[0]), matrix.index, fontsize=9)
    peak = matrix.to_numpy().max() or 1
    for (i, j), value in np.ndenumerate(matrix.to_numpy()):
        if value:
            ax.text(j, i, str(value), ha="center", va="center", fontsize=6,
                    color="white" if value > peak * 0.6 else "black")
    ax.set_title(title)
    bar = fig.colorbar(image, ax=ax, fraction=0.015, pad=0.01, label="件数" if labels == "ja" else "postings")
    bar.locator = matplotlib.ticker.MaxNLocator(integer=True)
    bar.update_ticks()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return note


def count_table(postings_bytes, out):
    rows = keynet.count_table(postings_bytes)
    frame = keynet.count_frame(rows)
    frame.to_csv(out / "counts.csv", index=False, encoding="utf-8-sig")
    matrix = keynet.count_matrix(rows, labels="ja")
    matrix.to_csv(out / "counts_matrix.csv", encoding="utf-8-sig")
    by_occupation = frame.groupby("occupation_ja", sort=False, observed=True)[["postings", "openings"]].sum()
    print(f"\n== Count table: {len(rows)} rows, {int(frame['postings'].sum())} open postings, "
          f"{int(frame['openings'].sum())} openings")
    print(by_occupation.to_string())
    note = heat_map(rows, out / "counts_heatmap.png")
    print(f"   heat map: {note}")
    return rows


def main(argv=None):
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    agencies = args.agency or ["A社", "B社"]
    validation_summary(args.forms, args.out)
    postings_bytes = args.postings.read_bytes()
    distribution_summary(postings_bytes, agencies, args.out)
    count_table(postings_bytes, args.out)
    print(f"\nwritten to {args.out}: " + ", ".join(sorted(p.name for p in args.out.iterdir())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
