"""DataFrames of keynet's answers, for pandas or polars: conversion only, no rule.

pandas and polars are optional dependencies, imported only when a function here needs one.
Labels (Japanese and English names of occupations and prefectures) and the order of codes come
from the core (``keynet.occupations()``, ``keynet.prefectures()``, ``keynet.catalogue()``).
"""

import importlib
from functools import lru_cache

from . import _keynet

FINDING_COLUMNS = ("record", "path", "code", "severity", "message", "message_ja")
ROW_FINDING_COLUMNS = ("row", "column", "path", "code", "severity", "message", "message_ja")
COUNT_COLUMNS = (
    "occupation",
    "occupation_ja",
    "occupation_en",
    "prefecture",
    "prefecture_ja",
    "prefecture_en",
    "postings",
    "openings",
)
_BACKENDS = ("pandas", "polars")
_LABELS = ("code", "ja", "en")
_SEVERITIES = ("error", "warning")


def _library(backend, function):
    if backend not in _BACKENDS:
        raise ValueError(f"keynet.{function}: backend must be 'pandas' or 'polars', not {backend!r}")
    try:
        return importlib.import_module(backend)
    except ImportError as err:
        raise ImportError(
            f"keynet.{function}(backend={backend!r}) needs {backend}, an optional dependency: "
            f"pip install {backend}"
        ) from err


@lru_cache(maxsize=None)
def _occupations():
    return tuple(_keynet.occupations())


@lru_cache(maxsize=None)
def _prefectures():
    return tuple(_keynet.prefectures())


@lru_cache(maxsize=None)
def _codes():
    return tuple(entry["code"] for entry in _keynet.catalogue())


def _row_findings(findings):
    """The findings of a CSV read (its result, or its ``findings``), or None for other findings."""
    if isinstance(findings, dict):
        if "findings" not in findings:
            raise TypeError("keynet.findings_frame: a dict must be the result of a CSV read (with 'findings')")
        return list(findings["findings"])
    if isinstance(findings, (list, tuple)) and findings and all(
        isinstance(f, dict) and "row" in f for f in findings
    ):
        return list(findings)
    return None


def _row_finding_columns(findings):
    columns = {name: [] for name in ROW_FINDING_COLUMNS}
    for finding in findings:
        for name in ROW_FINDING_COLUMNS:
            columns[name].append(finding.get(name) if name == "column" else finding[name])
    return columns


def _finding_columns(findings):
    """Columns of a Batch, of one form's findings (record 0) or of a list of findings lists."""
    if isinstance(findings, _keynet.Batch):
        return findings.columns()
    items = list(findings)
    if items and all(isinstance(item, dict) for item in items):
        items = [items]
    columns = {name: [] for name in FINDING_COLUMNS}
    for record, record_findings in enumerate(items):
        if record_findings is None:  # a record that is not a form: no finding
            continue
        if isinstance(record_findings, dict):
            raise TypeError("keynet.findings_frame: a list mixes findings and lists of findings")
        for finding in record_findings:
            columns["record"].append(record)
            for name in FINDING_COLUMNS[1:]:
                columns[name].append(finding[name])
    return columns


def findings_frame(findings, backend="pandas"):
    """One row per finding: record, path, code, severity, message, message_ja.

    ``findings`` is a :class:`keynet.Batch`, the findings of one form (``validate(form)``, all
    record 0), or a list with the findings of each record. ``code`` and ``severity`` are
    categorical (in catalogue order; error before warning).

    The result of a CSV read (``read_postings_csv``, ``read_bed_export_csv``) or its
    ``findings`` give one row per finding with ``row`` (the line in the file; the header is
    row 1) and ``column`` (the column header, missing for the whole row or file) instead of
    ``record``: row, column, path, code, severity, message, message_ja.
    """
    lib = _library(backend, "findings_frame")
    row_findings = _row_findings(findings)
    if row_findings is not None:
        columns, names, first = _row_finding_columns(row_findings), ROW_FINDING_COLUMNS, "row"
    else:
        columns, names, first = _finding_columns(findings), FINDING_COLUMNS, "record"
    if backend == "pandas":
        frame = lib.DataFrame(columns, columns=list(names))
        frame[first] = frame[first].astype("int64")
        if first == "row":
            frame["column"] = frame["column"].astype("string")
        frame["code"] = lib.Categorical(frame["code"], categories=list(_codes()))
        frame["severity"] = lib.Categorical(frame["severity"], categories=list(_SEVERITIES), ordered=True)
        return frame
    schema = {first: lib.Int64}
    if first == "row":
        schema["column"] = lib.Utf8
    schema.update(
        {
            "path": lib.Utf8,
            "code": lib.Enum(list(_codes())),
            "severity": lib.Enum(list(_SEVERITIES)),
            "message": lib.Utf8,
            "message_ja": lib.Utf8,
        }
    )
    return lib.DataFrame(columns, schema=schema)


def _label_maps():
    occupations = {o["code"]: o for o in _occupations()}
    prefectures = {p["code"]: p for p in _prefectures()}
    return occupations, prefectures


def _count_columns(rows, function):
    occupations, prefectures = _label_maps()
    columns = {name: [] for name in COUNT_COLUMNS}
    for row in rows:
        try:
            occupation = occupations[row["occupation"]]
            prefecture = prefectures[row["prefecture"]]
        except (KeyError, TypeError) as err:
            raise ValueError(
                f"keynet.{function}: not a count row (occupation, prefecture, postings, openings): {row!r}"
            ) from err
        columns["occupation"].append(occupation["code"])
        columns["occupation_ja"].append(occupation["name_ja"])
        columns["occupation_en"].append(occupation["name_en"])
        columns["prefecture"].append(prefecture["code"])
        columns["prefecture_ja"].append(prefecture["name"])
        columns["prefecture_en"].append(prefecture["romaji"])
        columns["postings"].append(row["postings"])
        columns["openings"].append(row["openings"])
    return columns


def count_frame(rows, backend="pandas"):
    """The count table as a long DataFrame, with Japanese and English labels.

    ``rows`` are count rows: ``keynet.count_table(postings)``, or the ``counts`` of an agency's
    delivery in ``keynet.distribute``. Columns: occupation, occupation_ja, occupation_en,
    prefecture, prefecture_ja, prefecture_en, postings, openings. With pandas, ``occupation``
    and ``prefecture`` are ordered categoricals (the order of docs/domain.md §3; prefecture code).
    """
    lib = _library(backend, "count_frame")
    columns = _count_columns(rows, "count_frame")
    if backend == "pandas":
        frame = lib.DataFrame(columns, columns=list(COUNT_COLUMNS))
        frame["occupation"] = lib.Categorical(
            frame["occupation"], categories=[o["code"] for o in _occupations()], ordered=True
        )
        frame["prefecture"] = lib.Categorical(
            frame["prefecture"], categories=[p["code"] for p in _prefectures()], ordered=True
        )
        frame["postings"] = frame["postings"].astype("int64")
        frame["openings"] = frame["openings"].astype("int64")
        return frame
    return lib.DataFrame(
        columns,
        schema={
            "occupation": lib.Enum([o["code"] for o in _occupations()]),
            "occupation_ja": lib.Utf8,
            "occupation_en": lib.Utf8,
            "prefecture": lib.Enum([p["code"] for p in _prefectures()]),
            "prefecture_ja": lib.Utf8,
            "prefecture_en": lib.Utf8,
            "postings": lib.Int64,
            "openings": lib.Int64,
        },
    )


def count_matrix(rows, value="postings", labels="code", complete=True, backend="pandas"):
    """The count table as a matrix: one row per occupation, one column per prefecture.

    ``value`` is ``"postings"`` or ``"openings"``; ``labels`` names rows and columns by
    ``"code"`` (``nurse``, ``13``), ``"ja"`` (看護師, 東京都) or ``"en"`` (registered nurse, Tokyo).
    ``complete`` keeps all 11 occupations × 47 prefectures (zeros where nothing is counted);
    otherwise only those with a count. pandas: occupations are the index. polars: the first
    column, ``occupation``, holds the occupation labels.
    """
    if value not in ("postings", "openings"):
        raise ValueError(f"keynet.count_matrix: value must be 'postings' or 'openings', not {value!r}")
    if labels not in _LABELS:
        raise ValueError(f"keynet.count_matrix: labels must be 'code', 'ja' or 'en', not {labels!r}")
    lib = _library(backend, "count_matrix")
    columns = _count_columns(rows, "count_matrix")
    cells = {}
    for occupation, prefecture, count in zip(columns["occupation"], columns["prefecture"], columns[value]):
        cells[(occupation, prefecture)] = cells.get((occupation, prefecture), 0) + count
    occupation_rows = [o for o in _occupations() if complete or any(k[0] == o["code"] for k in cells)]
    prefecture_cols = [p for p in _prefectures() if complete or any(k[1] == p["code"] for k in cells)]
    occupation_key = {"code": "code", "ja": "name_ja", "en": "name_en"}[labels]
    prefecture_key = {"code": "code", "ja": "name", "en": "romaji"}[labels]
    row_labels = [o[occupation_key] for o in occupation_rows]
    data = {
        p[prefecture_key]: [cells.get((o["code"], p["code"]), 0) for o in occupation_rows]
        for p in prefecture_cols
    }
    if backend == "pandas":
        frame = lib.DataFrame(data, index=lib.Index(row_labels, name="occupation"), dtype="int64")
        frame.columns.name = "prefecture"
        return frame
    return lib.DataFrame(
        {"occupation": row_labels, **data},
        schema={"occupation": lib.Utf8, **{name: lib.Int64 for name in data}},
    )
