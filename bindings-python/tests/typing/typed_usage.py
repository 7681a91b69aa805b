"""How an analyst's typed script uses keynet: checked with ``mypy --strict`` by
``bindings-python/tests/test_typing.py`` (never run). Every line must type-check."""

from pathlib import Path
from typing import List

import keynet


def report(folder: Path) -> List[str]:
    recipients: List[keynet.Recipient] = keynet.standard_recipients(["A社", "B社"])
    read: keynet.PostingsCsv = keynet.read_postings_csv(folder / "募集情報.csv", encoding="auto")
    postings = read["postings"]
    deliveries: List[keynet.Delivery] = keynet.distribute(postings, recipients)
    lines: List[str] = []
    for delivery in deliveries:
        ids = delivery.get("posting_ids", [])
        counts = delivery.get("counts", [])
        lines.append(f"{delivery['label_ja']} {delivery['view']} {len(ids)} {sum(r['postings'] for r in counts)}")
    why: keynet.Explanation = keynet.explain(postings[0], recipients[0])
    lines.append(why["reason_ja"])
    rows: List[keynet.CountRow] = keynet.add_count_tables([keynet.count_table(postings[:10]), keynet.count_table(postings[10:])])
    lines.extend(f"{r['occupation']} {r['prefecture']} {r['openings']}" for r in rows)
    whole = keynet.combine_distributions([keynet.distribute(postings[:10], recipients), deliveries])
    lines.append(str(len(whole)))
    findings: List[keynet.Finding] = keynet.validate(folder / "form.json")
    lines.extend(f["message_ja"] for f in findings)
    batch = keynet.validate_many(folder / "forms.jsonl")
    lines.append(str(batch.summary()["registrable"]))
    data: bytes = keynet.write_postings_csv(postings, encoding="cp932", labels="ja", view="public")
    lines.append(str(len(data)))
    for encoding in ("shift_jis", "sjis", "windows-31j", "utf8", "utf-8", "auto", "Shift_JIS", "SJIS", "CP932", "UTF-8"):
        keynet.read_postings_csv(data, encoding=encoding)
    keynet.write_count_table_csv(postings, encoding="Shift_JIS")
    return lines
