#!/usr/bin/env python3
"""Generates Japan's national phone formatting table, and the oracle fixture that tests it, from
libphonenumber's metadata as the Python port `phonenumbers` carries it.

    python3 -m venv /tmp/pn && /tmp/pn/bin/pip install phonenumbers==9.0.43
    /tmp/pn/bin/python scripts/gen_jp_phone_formats.py

Writes
  core/data/jp_phone_formats.tsv      one row per literal leading-digit prefix of each national
                                      `numberFormat` of region JP (read by core/src/phone.rs);
  core/tests/data/jp_phone_oracle.tsv valid Japanese numbers sampled across every leading-digit
                                      prefix of every format, with libphonenumber's NATIONAL
                                      format (read by core/tests/phone_oracle.rs).

libphonenumber picks, for a national significant number (NSN), the first `numberFormat` in
metadata order whose *last* leading-digits pattern matches at the start of the NSN and whose
`pattern` matches the whole NSN. The leading-digits patterns are alternations of digits and
digit classes without repetition, so each expands into a finite set of literal prefixes; the
`pattern`s are runs of `(\\d{n})` / `(\\d{n,m})` groups, so each becomes a list of group lengths.
Both facts are written out as they are; the Rust side repeats the same choice.

The sample is deterministic (fixed seed): re-running the script gives the same files.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
    import re._constants as sre_constants  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat

ROOT = Path(__file__).resolve().parent.parent
FORMATS_OUT = ROOT / "core" / "data" / "jp_phone_formats.tsv"
ORACLE_OUT = ROOT / "core" / "tests" / "data" / "jp_phone_oracle.tsv"
DIGITS = "0123456789"


def expand(pattern: str) -> list[str]:
    """Every literal digit string the (repetition-free) leading-digits pattern matches."""

    def seq(items) -> list[str]:
        out = [""]
        for op, av in items:
            if op == sre_constants.LITERAL:
                alts = [chr(av)]
            elif op == sre_constants.IN:
                alts = []
                for iop, iav in av:
                    if iop == sre_constants.LITERAL:
                        alts.append(chr(iav))
                    elif iop == sre_constants.RANGE:
                        alts.extend(chr(c) for c in range(iav[0], iav[1] + 1))
                    elif iop == sre_constants.CATEGORY and iav == sre_constants.CATEGORY_DIGIT:
                        alts.extend(DIGITS)
                    else:
                        raise ValueError(f"unexpected class item {iop} in {pattern!r}")
            elif op == sre_constants.BRANCH:
                alts = [s for branch in av[1] for s in seq(branch)]
            elif op == sre_constants.SUBPATTERN:
                alts = seq(av[-1])
            else:
                raise ValueError(f"unexpected {op} in leading-digits pattern {pattern!r}")
            out = [p + a for p in out for a in alts]
        return out

    prefixes = sorted(set(seq(sre_parse.parse(pattern))))
    for p in prefixes:
        assert p.isdigit(), (pattern, p)
    return prefixes


GROUP = re.compile(r"\(\\d(?:\{(\d+)(?:,(\d+))?\})?\)")


def group_lengths(pattern: str) -> list[tuple[int, int]]:
    """`(\\d{4})(\\d{2})(\\d{3,4})` -> [(4, 4), (2, 2), (3, 4)]."""
    groups = []
    at = 0
    for m in GROUP.finditer(pattern):
        if m.start() != at:
            raise ValueError(f"unexpected number pattern {pattern!r}")
        lo = int(m.group(1) or 1)
        hi = int(m.group(2) or lo)
        groups.append((lo, hi))
        at = m.end()
    if at != len(pattern) or not groups:
        raise ValueError(f"unexpected number pattern {pattern!r}")
    return groups


def format_spec(fmt) -> str:
    n = len(group_lengths(fmt.pattern))
    expected = "-".join(f"\\{i}" for i in range(1, n + 1))
    # Every JP national format joins its groups with '-' (or is one group).
    if fmt.format != expected:
        raise ValueError(f"unexpected format {fmt.format!r} for {fmt.pattern!r}")
    rule = fmt.national_prefix_formatting_rule
    if rule not in (None, "0\\1", "0$FG"):
        raise ValueError(f"unexpected national prefix rule {rule!r}")
    return "0" if rule else "-"


def main() -> int:
    meta = PhoneMetadata.metadata_for_region("JP")
    if meta is None or meta.national_prefix != "0":
        raise SystemExit("no JP metadata")
    formats = list(meta.number_format)
    version = phonenumbers.__version__

    rows = []
    per_format: list[tuple[int, list[str], list[tuple[int, int]], str]] = []
    for order, fmt in enumerate(formats):
        ldp = fmt.leading_digits_pattern[-1] if fmt.leading_digits_pattern else ""
        prefixes = expand(ldp) if ldp else [""]
        lengths = group_lengths(fmt.pattern)
        prefix_rule = format_spec(fmt)
        per_format.append((order, prefixes, lengths, prefix_rule))
        spec = ",".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in lengths)
        for p in prefixes:
            rows.append(f"{order}\t{p}\t{spec}\t{prefix_rule}")

    header = [
        f"# Japan's national phone number formats: libphonenumber metadata for region JP, as the",
        f"# Python package phonenumbers {version} carries it. Generated by",
        f"# scripts/gen_jp_phone_formats.py; do not edit by hand (see core/data/SOURCES.md).",
        "# Columns: format order (libphonenumber tries formats in this order), a literal prefix of",
        "# the national significant number (the number without its domestic 0, except numbers",
        "# dialled with 00, whose NSN keeps both zeros), the group lengths (n or lo-hi; the groups",
        "# must cover the whole NSN), and `0` when the domestic 0 is written before the first group",
        "# (`-` when it is not).",
        "# order\tprefix\tgroups\tnational_prefix",
    ]
    FORMATS_OUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")

    # The oracle: for every literal prefix of every format (a sample of them for the long lists),
    # random completions of each length the format allows, kept when libphonenumber calls the
    # number valid, parses it back to the same digits, and formats it with this very format.
    rng = random.Random(20200529)
    seen: set[str] = set()
    oracle: list[tuple[str, str]] = []
    counts: list[str] = []
    for order, prefixes, lengths, prefix_rule in per_format:
        lo = sum(a for a, _ in lengths)
        hi = sum(b for _, b in lengths)
        # Up to 4 numbers per prefix, and at least 300 per format where the format has few
        # prefixes (`[25-9]` stands for millions of numbers).
        target = max(300, 4 * len(prefixes))
        found_format = 0
        for round_ in range(400):
            if found_format >= target:
                break
            for p in prefixes:
                if found_format >= target or (round_ >= 4 and len(prefixes) * 4 >= target):
                    break
                for attempt in range(30):
                    n = rng.randint(max(lo, len(p)), hi)
                    nsn = p + "".join(rng.choice(DIGITS) for _ in range(n - len(p)))
                    domestic = nsn if prefix_rule == "-" else "0" + nsn
                    if domestic in seen:
                        continue
                    try:
                        num = phonenumbers.parse(domestic, "JP")
                    except phonenumbers.NumberParseException:
                        continue
                    if not phonenumbers.is_valid_number(num):
                        continue
                    back = phonenumbers.national_significant_number(num)
                    if (back if prefix_rule == "-" else "0" + back) != domestic:
                        continue
                    national = phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL)
                    if national.replace("-", "") != domestic:
                        continue
                    seen.add(domestic)
                    oracle.append((domestic, national))
                    found_format += 1
                    break
        counts.append(f"{order}:{found_format}")
    print("oracle numbers per format:", " ".join(counts))
    oracle.sort()
    ORACLE_OUT.parent.mkdir(parents=True, exist_ok=True)
    ORACLE_OUT.write_text(
        "\n".join(
            [
                f"# Valid Japanese numbers and libphonenumber's NATIONAL format (phonenumbers {version}).",
                "# Generated by scripts/gen_jp_phone_formats.py (fixed seed); do not edit by hand.",
                "# digits\tnational",
            ]
            + [f"{d}\t{n}" for d, n in oracle]
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} prefix rows for {len(formats)} formats; {len(oracle)} oracle numbers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
