"""DataFrames of keynet's answers, for pandas or polars: conversion only, no rule.

pandas and polars are optional dependencies, imported only when a function here needs one.
Labels (Japanese and English names of occupations and prefectures) and the order of codes come
from the core (``keynet.occupations()``, ``keynet.prefectures()``, ``keynet.catalogue()``).
"""

import csv
import datetime
import importlib
import io
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
_BACKENDS = ("pandas", "polars", "arrow")
_MODULES = {"pandas": "pandas", "polars": "polars", "arrow": "pyarrow"}
_VIEWS = ("internal", "registered", "public", "counts")
_LABELS = ("code", "ja", "en")
_SEVERITIES = ("error", "warning")


def _library(backend, function):
    if backend not in _BACKENDS:
        raise ValueError(f"keynet.{function}: backend must be 'pandas', 'polars' or 'arrow', not {backend!r}")
    module = _MODULES[backend]
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"keynet.{function}(backend={backend!r}) needs {module}, an optional dependency: "
            f"pip install {module}"
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
            try:
                values = [finding[name] for name in FINDING_COLUMNS[1:]]
            except (KeyError, TypeError) as err:
                raise ValueError(
                    "keynet.findings_frame: not findings (path, code, severity, message, message_ja): "
                    f"{str(finding)[:80]} — a distribution goes to distribution_frame, count rows to count_frame"
                ) from err
            columns["record"].append(record)
            for name, value in zip(FINDING_COLUMNS[1:], values):
                columns[name].append(value)
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

    ``backend``: ``"pandas"``, ``"polars"`` or ``"arrow"`` (a pyarrow Table).
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
    if backend == "arrow":
        types = {first: lib.int64(), "column": lib.string()}
        return lib.table({name: lib.array(columns[name], type=types.get(name, lib.string())) for name in names})
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
    ``backend``: ``"pandas"``, ``"polars"`` or ``"arrow"`` (a pyarrow Table).
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
    if backend == "arrow":
        types = {"postings": lib.int64(), "openings": lib.int64()}
        return lib.table({name: lib.array(columns[name], type=types.get(name, lib.string())) for name in COUNT_COLUMNS})
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
    labels = "code" if labels == "codes" else labels  # as write_postings_csv spells it
    if labels not in _LABELS:
        raise ValueError(f"keynet.count_matrix: labels must be 'code', 'ja' or 'en', not {labels!r}")
    if backend == "arrow":
        raise ValueError("keynet.count_matrix: backend must be 'pandas' or 'polars' (a matrix has row labels)")
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


# --- tables in ------------------------------------------------------------------------------------
# A pandas or polars DataFrame or a pyarrow Table passed where keynet reads forms or postings
# (docs/choices.md, "DataFrames in"). The binding asks `_table_input` how to read it; every rule
# (which headers are the CSV's, how a cell reads) stays in the core.


def _table_rows(table):
    """The rows of a pandas/polars DataFrame or a pyarrow Table/RecordBatch as dicts."""
    module = type(table).__module__.split(".")[0]
    if module == "pandas":
        return table.to_dict("records")
    if module == "polars":
        return table.to_dicts()
    return table.to_pylist()


def _column_names(table):
    if type(table).__module__.split(".")[0] == "pyarrow":
        return list(table.schema.names)
    return list(table.columns)


def _missing(value):
    """None, NaN, NaT and pandas.NA: a blank the paper form allows."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    kind = type(value).__name__
    if kind in ("NaTType", "NAType"):
        return True
    try:
        return bool(value != value)  # numpy.nan, numpy.datetime64("NaT")
    except (TypeError, ValueError):
        return False


def _blank(value):
    """A cell left empty (lists are never blank: their missing items are dropped)."""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist") and getattr(value, "ndim", 0):
        return False
    return _missing(value)


def _cell(value):
    """A cell as JSON reads it: numpy scalars as numbers, timestamps as ISO dates (with the time
    only when there is one), arrays as lists."""
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        if getattr(value, "dtype", None) is not None and value.dtype.kind == "M":
            value = value.astype("datetime64[us]").item()
        else:
            value = value.item()
    if isinstance(value, datetime.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # an integer column with a blank in it is float in pandas
    if hasattr(value, "tolist") and getattr(value, "ndim", 0):
        return [_cell(v) for v in value.tolist() if not _missing(v)]
    if isinstance(value, (list, tuple)):
        return [_cell(v) for v in value if not _missing(v)]
    if isinstance(value, dict):  # a struct column (pyarrow, polars): its fields read alike
        return {k: _cell(v) for k, v in value.items() if not _blank(v)}
    return value


def _nested(row, name, index):
    """A row of dotted column names (``form.contact.phone``) as the nested document."""
    out = {}
    for column, value in row.items():
        if not isinstance(column, str):
            raise TypeError(f"keynet: {name}: column names must be str, found {column!r}")
        if _blank(value):
            continue
        keys = column.split(".")
        node = out
        for key in keys[:-1]:
            child = node.setdefault(key, {})
            if not isinstance(child, dict):
                raise TypeError(f"keynet: {name}: column {column!r} is inside column {key!r}, which holds a value")
            node = child
        if isinstance(node.get(keys[-1]), dict):
            raise TypeError(f"keynet: {name}: column {column!r} holds a value and has columns inside it")
        node[keys[-1]] = _cell(value)
    return out


@lru_cache(maxsize=None)
def _csv_headers():
    return frozenset(column["header"] for column in _keynet.postings_csv_mapping()["columns"])


def _table_csv(table):
    """The table as the UTF-8 CSV it was read from: headers as they are, blanks empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = _column_names(table)
    writer.writerow(columns)
    for row in _table_rows(table):
        cells = []
        for column in columns:
            value = row.get(column)
            if _blank(value):
                cells.append("")
                continue
            value = _cell(value)
            if isinstance(value, list):
                value = "、".join(str(v) for v in value)
            elif isinstance(value, bool):
                value = "有" if value else "無"
            cells.append(str(value))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def _table_input(table, name):
    """How the binding reads a table (not API): ``("documents", [...])`` — one document per row,
    from canonical dotted column names, or the JSON text of a table's only column — or
    ``("csv", bytes)`` for the postings CSV's Japanese headers, read by the core's CSV reader."""
    kind = type(table).__name__
    if kind == "LazyFrame":
        raise TypeError(f"keynet: {name} is a polars LazyFrame: pass frame.collect()")
    if type(table).__module__.split(".")[0] == "dask":
        raise TypeError(
            f"keynet: {name} is a dask DataFrame: keynet reads one partition at a time — "
            "ddf.map_partitions(...) (examples/python/dask_distribution.py), or .compute() for one frame"
        )
    columns = _column_names(table)
    # pyarrow keeps a pandas index as a column of its own: not a field of any document.
    index = [c for c in columns if isinstance(c, str) and c.startswith("__index_level_")]
    if index:
        table = table.drop_columns(index) if hasattr(table, "drop_columns") else table.drop(index)
        columns = _column_names(table)
    if any(isinstance(c, str) and c in _csv_headers() for c in columns):
        return ("csv", _table_csv(table))
    rows = _table_rows(table)
    if len(columns) == 1 and rows and all(isinstance(r[columns[0]], (str, bytes)) for r in rows):
        only = columns[0]
        if all(str(r[only]).lstrip()[:1] in ("{", "") for r in rows if isinstance(r[only], str)):
            return ("documents", [r[only] for r in rows])
    return ("documents", [_nested(row, name, i) for i, row in enumerate(rows)])


# --- distributions out ----------------------------------------------------------------------------

DISTRIBUTION_COLUMNS = (
    "recipient_kind",
    "recipient_prefecture",
    "recipient_name",
    "label_ja",
    "view",
    "posting_id",
)


def _distribution_columns(result):
    columns = {name: [] for name in DISTRIBUTION_COLUMNS}
    for delivery in result:
        try:
            recipient = delivery["recipient"]
            label, view = delivery["label_ja"], delivery["view"]
            ids = delivery.get("posting_ids")
        except (KeyError, TypeError) as err:
            raise ValueError(
                "keynet.distribution_frame: not a distribution (a list of {recipient, label_ja, view, "
                f"posting_ids or counts}}): {str(delivery)[:80]}"
            ) from err
        for posting_id in ids if ids else [None]:
            columns["recipient_kind"].append(recipient["kind"])
            columns["recipient_prefecture"].append(recipient.get("prefecture"))
            columns["recipient_name"].append(recipient.get("name"))
            columns["label_ja"].append(label)
            columns["view"].append(view)
            columns["posting_id"].append(posting_id)
    return columns


def distribution_frame(result, backend="pandas"):
    """A distribution (``keynet.distribute`` or ``keynet.new_since``) as one row per recipient
    and posting: recipient_kind, recipient_prefecture, recipient_name, label_ja (the recipient's
    Japanese name), view, posting_id.

    A recipient that receives nothing, or counts only (``view == "counts"``: its rows are in its
    delivery's ``counts``, see :func:`count_frame`), has one row with ``posting_id`` missing, so
    ``frame.groupby("label_ja").posting_id.count()`` counts zeros too. ``backend``: ``"pandas"``,
    ``"polars"`` or ``"arrow"`` (a pyarrow Table).
    """
    lib = _library(backend, "distribution_frame")
    columns = _distribution_columns(result)
    if backend == "pandas":
        frame = lib.DataFrame(columns, columns=list(DISTRIBUTION_COLUMNS))
        for name in DISTRIBUTION_COLUMNS:
            frame[name] = frame[name].astype("string")
        frame["view"] = lib.Categorical(frame["view"], categories=list(_VIEWS))
        return frame
    if backend == "arrow":
        return lib.table({name: lib.array(columns[name], type=lib.string()) for name in DISTRIBUTION_COLUMNS})
    return lib.DataFrame(columns, schema={name: lib.Utf8 for name in DISTRIBUTION_COLUMNS})
