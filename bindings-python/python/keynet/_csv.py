"""Writing CSV files: the bytes of the file, with the substitutions the core reports.

Conversion only: the core writes the file and decides every substitution; this module returns
its bytes as :class:`CsvBytes` (``bytes`` with ``.substitutions``) and raises a
:class:`SubstitutionWarning` when a character was written as another.
"""

import warnings

from . import _keynet

_SHOWN = 3


class SubstitutionWarning(UserWarning):
    """Writing Shift_JIS wrote a character as another (〜 WAVE DASH as ～, − as －, ¥ as \\, …).

    The file is complete; ``.substitutions`` of the returned bytes lists each change with its row
    and column. To refuse any substitution instead, make the warning an error:
    ``warnings.simplefilter("error", keynet.SubstitutionWarning)``.
    """


class CsvBytes(bytes):
    """The bytes of a CSV file written by keynet (``bytes`` in every way), with
    ``.substitutions``: every character written as another, ``[{row, column, from, to}]`` (the
    header is row 1), empty when the text is written as given.

    Shift_JIS files are Windows-31J: decode them with Python's ``cp932`` codec (its
    ``shift_jis`` codec fails on 髙 and ① and reads ～ as 〜); UTF-8 files start with a BOM (``utf-8-sig``).
    """

    substitutions: list

    def __new__(cls, data=b"", substitutions=()):
        self = super().__new__(cls, data)
        self.substitutions = list(substitutions)
        return self

    def __reduce__(self):
        return (type(self), (bytes(self), self.substitutions))


def _describe(s):
    return f"row {s['row']}, column {s['column']!r}: {s['from']!r} (U+{ord(s['from']):04X}) as {s['to']!r} (U+{ord(s['to']):04X})"


def _written(result, function):
    data, substitutions = result
    out = CsvBytes(data, substitutions)
    if substitutions:
        shown = "; ".join(_describe(s) for s in substitutions[:_SHOWN])
        more = f"; and {len(substitutions) - _SHOWN} more" if len(substitutions) > _SHOWN else ""
        warnings.warn(
            f"keynet.{function}: {len(substitutions)} character(s) written as another "
            f"(see .substitutions of the result): {shown}{more}",
            SubstitutionWarning,
            stacklevel=3,
        )
    return out


def write_postings_csv(postings, encoding=None, mapping=None, labels=None, view=None):
    """Writes postings as a CSV file, one posting per row under the Japanese headers of the
    column mapping (the standard one, or ``mapping``); returns its bytes (:class:`CsvBytes`).

    Nothing is lost silently: a character without a Shift_JIS (Windows-31J) form raises
    :class:`CsvWriteError` naming row, column and character; the documented substitutions
    (〜 WAVE DASH → ～, ‖ → ∥, ¢ → ￠, £ → ￡, ¬ → ￢, — → ―) and the encoder's own (− → －,
    ¥ → \\) are listed in ``.substitutions`` of the result and raise a
    :class:`SubstitutionWarning`. ``encoding`` is ``"shift_jis"`` (the default, None) or ``"utf8"`` (with a BOM).
    ``labels`` is what a cell holding a code shows: ``"ja"``, its Japanese label (診療所, 神奈川県,
    准看護師, 時給, 敷地内禁煙), or ``"codes"`` (clinic, 14, assistant_nurse); None: ``"ja"`` for
    Shift_JIS, ``"codes"`` for UTF-8. ``read_postings_csv`` reads both. ``view`` is
    ``"internal"`` (None: every field), ``"registered"`` (no facility ID column) or ``"public"``
    (no facility ID column, and the cells masking hides left empty: what may be published).

    Raises:
        CsvWriteError: a character without a Shift_JIS form (``.detail`` 'unencodable'), a
            posting with inquiries or hires in the internal view, which the file cannot hold
            ('not_tabular'), or the counts view, which shows no posting ('counts_view').
        InvalidForm: a posting, ``encoding``, ``mapping``, ``labels`` or ``view`` cannot be used.
    """
    return _written(_keynet._write_postings_csv(postings, encoding, mapping, labels, view), "write_postings_csv")


def write_count_table_csv(postings, encoding=None):
    """Writes the agencies' count table of the open postings as a CSV file (職種コード, 職種,
    都道府県コード, 都道府県, 件数, 募集人数); returns its bytes (:class:`CsvBytes`).

    Raises:
        InvalidForm: a posting or ``encoding`` cannot be used.
    """
    return _written(_keynet._write_count_table_csv(postings, encoding), "write_count_table_csv")


def export_bed_view_csv(rows, account, encoding=None):
    """The bed view of an account exported as G-MIS does, "details only" CSV (Shift_JIS by
    default): only the rows of the account's own prefecture, every page; returns its bytes
    (:class:`CsvBytes`, with ``.substitutions`` as for ``write_postings_csv``).

    Raises:
        InvalidForm: the account's kind does not read the bed view, or a row has errors.
        CsvWriteError: a character without a Shift_JIS form.
    """
    return _written(_keynet._export_bed_view_csv(rows, account, encoding), "export_bed_view_csv")
