"""keynet: the rules of Japan's emergency medical staffing recruitment (G-MIS → Key-Net).

One meaning per type: a ``dict`` is a document (walked in Rust), a ``str`` is JSON text (for the
CSV readers, the CSV's text) — never a file name —, ``bytes`` are content and a
``pathlib.Path`` is a file. Lists (postings, recipients, events) are a list/tuple/iterable of
documents, the JSON text of an array, JSON lines, or a table (a pandas or polars DataFrame, a
pyarrow Table). Answers are plain ``dict``/``list``/``str`` in the canonical JSON shapes of
docs/domain.md §2 and §11.

Exceptions:

- ``InputError`` (``ValueError``): the input is not a document at all (bad JSON, not an object,
  too large, too deep). ``.kind``: syntax, invalid_utf8, too_large, too_deep, too_many_items, not_an_object.
- ``OperationError`` (``ValueError``): keynet read the input but refused the operation.
  ``.kind`` (invalid, lifecycle, rules, disclosure, csv_write), ``.detail`` (a finer stable name
  or None), ``.findings`` (list of Finding; non-empty only for ``invalid``). Subclasses, one per
  kind: ``InvalidForm``, ``LifecycleError``, ``DisclosureError``, ``RulesError``,
  ``CsvWriteError`` (with ``.row``, ``.column``, ``.character`` of a character Shift_JIS lacks).
- ``InternalError`` (``Exception``): a bug (a Rust panic was caught); later calls work.
- ``TypeError`` / ``ValueError``: a dict holds what JSON cannot (a set, a date, NaN…).

Warnings: ``SubstitutionWarning`` (``UserWarning``) when writing Shift_JIS wrote a character as
another (〜 as ～); the written bytes (``CsvBytes``) list each in ``.substitutions``.
"""

from typing import IO, Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Protocol, Sequence, Tuple, TypedDict, Union
import datetime
import os

__version__: str

# <generated: vocabularies — do not edit; regenerate with KEYNET_WRITE_VOCAB=1 cargo test -p keynet --test vocabularies>
OccupationCode = Literal[
    "physician", "public_health_nurse", "midwife", "nurse", "assistant_nurse",
    "radiological_technologist", "clinical_laboratory_technologist", "clinical_engineer",
    "pharmacist", "paramedic", "clerical",
]
"""The 11 occupations (docs/domain.md §3), in its order."""

PrefectureCode = Literal[
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32",
    "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47",
]
"""JIS X 0401 prefecture codes, as the canonical form writes them (docs/domain.md §4)."""

FacilityType = Literal["hospital", "clinic", "public_health_center"]
"""施設類型: hospital, clinic or public health centre."""

DutyKind = Literal[
    "general_internal_medicine_outpatient", "returnee_contact_outpatient",
    "mild_case_accommodation", "public_health_center", "other",
]
"""業務内容: the kinds of duties a form offers (one or more)."""

SalaryBasis = Literal["hourly", "daily", "monthly"]
"""給与の形態: what the amount is paid for."""

PassiveSmoking = Literal[
    "premises_no_smoking", "indoor_no_smoking", "smoking_room", "none", "other",
]
"""受動喫煙防止の取組: the workplace's measure against passive smoking."""

FormFieldPath = Literal[
    "masking_requested", "facility", "facility.id", "facility.name", "facility.type",
    "facility.prefecture", "occupation", "openings", "workplace", "workplace.postal_code",
    "workplace.prefecture", "workplace.municipality", "workplace.street_address",
    "workplace.facility_name", "employment_period", "employment_period.start",
    "employment_period.end", "trial_period_weeks", "duties", "duties.kinds", "duties.other_detail",
    "duties.specifics", "salary", "salary.basis", "salary.amount_yen", "salary.trial_amount_yen",
    "working_hours", "working_hours.start", "working_hours.end", "working_hours.break_minutes",
    "working_hours.holidays", "working_hours.overtime", "insurance", "insurance.employment",
    "insurance.workers_accident", "insurance.health", "insurance.pension", "insurance.other",
    "passive_smoking", "passive_smoking_detail", "notes", "contact", "contact.name",
    "contact.address", "contact.phone", "contact.extension", "contact.application_phone",
    "contact.fax", "contact.email", "existing_listings", "existing_listings.hello_work",
    "existing_listings.women_doctors_bank", "existing_listings.nurse_center",
    "existing_listings.other",
]
"""The dotted path of every field of the form (docs/domain.md §2), in the form's order: where its
findings are."""

FindingCode = Literal[
    "required", "format", "range", "unknown_value", "inconsistent", "masking_leak", "labor_law",
    "health_law", "too_long",
]
"""The stable, machine-readable kind of a finding (docs/domain.md §2.6)."""

Severity = Literal["error", "warning"]
"""``error``: the form cannot be registered; ``warning``: registrable, but a person should look."""

View = Literal["internal", "registered", "public", "counts"]
"""The views of a posting (docs/domain.md §6, §11); ``counts`` shows no posting, only counts per
occupation and prefecture."""

FormView = Literal["internal", "registered", "public"]
"""The views that show a posting's form: every view but ``counts``."""

StandardRecipientKind = Literal[
    "prefecture", "prefecture_own_email", "mhlw", "labour_bureau", "women_doctors_bank",
    "central_nurse_center", "jart", "jace", "jamt", "prefectural_nurse_center", "private_agency",
    "public_site", "prefectural_medical_association",
]
"""The recipient kinds of the standard rule set (core/data/scopes.json, docs/domain.md §7); a
rule set from JSON may add its own."""

Region = Literal["nationwide", "own_prefecture"]
"""Where a recipient's postings come from: every prefecture, or only its own."""

ContactKind = Literal["inquiry", "application"]
"""A job seeker's contact with a posting: an inquiry or an application."""

PostingStatus = Literal["open", "closed"]
"""A posting's status (docs/domain.md §11)."""

ClosedReason = Literal["filled", "withdrawn", "unpublished", "deleted"]
"""Why a posting was closed: 充足, 取下げ, 非公開 or 削除 (docs/domain.md §9)."""

HireRoute = Literal["key_net", "hello_work", "prefecture_desk", "nurse_center", "other"]
"""How a hire was matched (docs/domain.md §9.2); only a ``key_net`` hire needs an application on
the posting first."""

AccountStatus = Literal["no_account", "active", "suspended"]
"""A facility's Key-Net account in a month (docs/domain.md §9.4)."""

TrainingModule = Literal[
    "infection_control_lecture", "infection_control_practical", "medical_safety_lecture", "other",
]
"""The modules of a training plan (docs/domain.md §8.2); all but ``other`` are required."""

TrainingDelivery = Literal["in_person", "video", "external"]
"""How a training session is given."""

MaterialAccess = Literal["free", "members_only", "paid"]
"""How a teaching material may be had."""

IdKind = Literal[
    "medical_institution", "health_center_recruitment", "aggregating_body", "fire_department_hq",
    "prefecture", "health_center_municipality",
]
"""The kinds of G-MIS ID (docs/domain.md §10.1)."""

PasswordPolicy = Literal["gmis", "kintone2020"]
"""``gmis``: at least 8 half-width characters with an upper-case letter, a lower-case letter and
a digit (symbols allowed); ``kintone2020``: at least 8 half-width characters with letters and
digits both present (docs/domain.md §10.2)."""

CsvEncoding = Literal["shift_jis", "utf8", "utf-8", "cp932", "sjis", "windows-31j"]
"""A CSV file's encoding: ``shift_jis`` is read and written as Windows-31J, which ``cp932``,
``sjis`` and ``windows-31j`` name too (decode its bytes with Python's ``cp932`` codec, not
``shift_jis``); ``utf8`` (or ``utf-8``) is written with a BOM."""

CsvLabels = Literal["ja", "codes"]
"""What a written CSV cell holding a code shows: ``ja``, its Japanese label (診療所, 神奈川県, 准看護師, 時給)
— the default for Shift_JIS —, or ``codes`` (clinic, 14) — the default for UTF-8. Readers take
both."""

CsvColumnKind = Literal["text", "bool", "list", "status", "closed_reason"]
"""How a CSV column's text becomes JSON: ``bool`` reads 有/無, はい/いいえ, ○/×, true/false, 1/0 and
writes 有/無; ``list`` is split on 、 ; ； | or line breaks; ``status`` is 公開中/終了;
``closed_reason`` is 充足・取下げ・非公開・削除."""

KintoneReadAs = Literal["text", "number", "date", "time", "choice", "choices", "flag", "flags"]
"""How the value of a mapped kintone field is read into the form (docs/kintone.md)."""

InputErrorKind = Literal[
    "too_large", "invalid_utf8", "syntax", "too_deep", "too_many_items", "not_json",
    "not_an_object", "wrong_encoding",
]
"""Why input could not be read as a document at all."""

LifecycleErrorDetail = Literal[
    "closed", "before_its_time", "not_an_applicant", "already_applied", "already_hired",
    "not_hired", "training_incomplete", "training_already_completed", "training_not_completed",
    "already_reported",
]
"""``LifecycleError.detail``: which lifecycle rule refused the event (docs/domain.md §9)."""

CsvWriteErrorDetail = Literal["unencodable", "not_tabular", "counts_view", "io"]
"""``CsvWriteError.detail``: why the file could not be written — ``unencodable`` (a character
without a Shift_JIS form), ``not_tabular`` (a posting with inquiries or hires) or ``io``."""

OperationErrorKind = Literal["invalid", "lifecycle", "rules", "disclosure", "csv_write"]
"""Why the façade refused an operation (``OperationError.kind``); input that is no document at
all raises ``InputError`` instead."""
# </generated>

CsvEncodingName = Union[
    CsvEncoding,
    Literal["Shift_JIS", "SHIFT_JIS", "shift-jis", "Shift-JIS", "SJIS", "CP932", "Windows-31J",
            "WINDOWS-31J", "UTF-8", "UTF8", "utf_8"],
]
"""Every spelling of :data:`CsvEncoding` people write: keynet compares names without case,
``-`` or ``_`` (``Shift_JIS`` = ``shift-jis`` = ``SJIS``'s encoding ``shift_jis``)."""

CsvReadEncoding = Union[CsvEncodingName, Literal["auto", "AUTO"]]

CsvLabelsName = Union[CsvLabels, Literal["code"]]
""":data:`CsvLabels`, or ``code`` as :func:`count_matrix` spells it."""
"""An encoding to read a CSV file in: one of :data:`CsvEncoding`, or ``auto`` to have it found
from the file's bytes (UTF-8 with a BOM or with Japanese in it, else Shift_JIS)."""

class Finding(TypedDict):
    """One thing validation found, at one dotted path of the canonical JSON."""

    path: str
    """Dotted JSON path of the field (``workplace.postal_code``); ``""`` for the whole form."""
    code: FindingCode
    severity: Severity
    """``error``: the form cannot be registered; ``warning``: registrable, but a person should look."""
    message: str
    """English message for people."""
    message_ja: str
    """Japanese message for people."""

class CodeInfo(TypedDict):
    """One entry of the catalogue of finding codes."""

    code: FindingCode
    description: str
    description_ja: str

class ErrorType(TypedDict):
    """One row of ``error_catalogue()``: an error a call can end in, and how its message is made."""

    kind: Literal["invalid_input", "lifecycle"]
    detail: str
    context: List[str]
    template: str
    template_ja: str

class InputErrorRecord(TypedDict):
    """A record of a batch that is not a form at all."""

    index: int
    kind: InputErrorKind
    message: str
    message_ja: str

class BatchSummary(TypedDict):
    """Counts over a batch."""

    records: int
    registrable: int
    """Forms without error findings."""
    rejected: int
    """Forms with at least one error finding."""
    not_a_form: int
    """Records that are not forms at all (see ``Batch.input_errors``)."""
    errors: int
    warnings: int

class CountRow(TypedDict):
    """One row of the agencies' count table (§11)."""

    occupation: str
    prefecture: str
    """Two-digit JIS X 0401 code."""
    postings: int
    openings: int

class Occupation(TypedDict):
    """One of the 11 occupations of docs/domain.md §3."""

    code: str
    name_ja: str
    name_en: str
    group: str
    national_body: Optional[str]
    national_body_en: Optional[str]

class PrefectureInfo(TypedDict):
    """One of the 47 prefectures."""

    code: str
    name: str
    """Official name with its suffix: 東京都."""
    short_name: str
    """Without 都/道/府/県: 東京."""
    romaji: str

class RowFinding(Finding):
    """A finding about one record of a CSV file: a Finding with where it is in the file."""

    row: int
    """1-based line of the record in the file (the header is row 1; a quoted field over several
    lines counts its lines)."""
    column: Optional[str]
    """The column header, or None when the finding is about the whole row or file."""

class PostingsCsv(TypedDict):
    """What ``read_postings_csv`` read."""

    postings: List[Dict[str, Any]]
    """Every row that is a valid posting (§11 JSON), in file order."""
    findings: List[RowFinding]
    """A finding per problem: of the file (unknown or missing columns), of a row (bytes, column
    count, yes/no values, every finding of its form)."""

Substitution = TypedDict("Substitution", {"row": int, "column": str, "from": str, "to": str})
"""A character written as another (``from`` 〜 → ``to`` ～) at a row (the header is row 1) and
column header of the written file."""

class ColumnSpec(TypedDict):
    """One column of the postings CSV."""

    header: str
    """The Japanese header (募集情報ID)."""
    path: str
    """Dotted path in the posting JSON (``form.contact.phone``)."""
    kind: CsvColumnKind

class ColumnMapping(TypedDict):
    """The columns of a postings CSV (``postings_csv_mapping()``; pass a changed one as ``mapping``)."""

    source: str
    columns: List[ColumnSpec]

class BedRow(TypedDict):
    """One institution's report in the regional bed view (地域病床見える化), as read."""

    prefecture: str
    """Two-digit JIS X 0401 code (a row is given with a name or a code)."""
    local_government_code: str
    """全国地方公共団体コード: six digits, check digit verified."""
    municipality: str
    secondary_area_number: str
    """二次医療圏番号: four digits starting with the prefecture code."""
    secondary_area_name: str
    institution_code: Optional[str]
    """医療機関コード: ten digits starting with the prefecture code; None where the master has none."""
    institution_name: str
    record_date: str
    """実績日, ISO (given as ``2022/01/05`` or any date keynet reads)."""
    reported_at: str
    """報告日時, ``2022-02-01T11:32`` (given as ``2022/02/01 11:32``)."""
    secured_beds: Optional[int]
    ready_beds: Optional[int]
    inpatients: Optional[int]

class BedRowRead(TypedDict):
    """``read_bed_row``: the row (None when it has an error) and every finding."""

    row: Optional[BedRow]
    findings: List[Finding]

class BedSums(TypedDict):
    """Record count and the sum of each count column (blank cells count as nothing)."""

    records: int
    secured_beds: int
    ready_beds: int
    inpatients: int

class BedGroupTotals(TypedDict):
    """Totals of one prefecture."""

    prefecture: str
    label: str
    """As the screen shows it: ``東京都 (12)``."""
    sums: BedSums

class BedTotals(TypedDict):
    """Totals of a bed view, and per prefecture."""

    all: BedSums
    groups: List[BedGroupTotals]

class BedView(TypedDict):
    """One screen of the bed view: always of the account's own prefecture."""

    prefecture: str
    pages: int
    """Screen pages of at most 2,000 rows (at least 1)."""
    page: int
    rows: List[BedRow]
    totals: BedTotals

class BedExportCsv(TypedDict):
    """What ``read_bed_export_csv`` read."""

    rows: List[BedRow]
    findings: List[RowFinding]

class Account(TypedDict):
    """A G-MIS account."""

    id: str
    kind: IdKind
    prefecture: str
    """A code (``13``) or a name (``東京都``, ``東京``)."""

class Permissions(TypedDict):
    """What an ID kind may do."""

    kind: IdKind
    label_ja: str
    registers: List[str]
    """Facility types of the forms it may register (empty: none)."""
    reads_postings: Optional[FormView]
    """The view in which it reads postings distributed to it (None: only its own postings)."""
    reads_bed_view: bool
    """Reads the regional bed view of its own prefecture."""

class Registration(TypedDict):
    """``may_register``: allowed, or the reason why not."""

    allowed: bool
    reason: Optional[str]
    reason_ja: Optional[str]

class Table(Protocol):
    """A table keynet reads row by row: a pandas or polars ``DataFrame`` or a pyarrow ``Table``.
    Columns are canonical dotted paths (``form.contact.phone``, as ``pandas.json_normalize``
    writes them), the postings CSV's Japanese headers (a frame read from such a file: read as
    the CSV reader reads the file), or one column of JSON text. Blanks (None, NaN, NaT) are
    missing values, numpy scalars numbers, timestamps ISO dates."""

    @property
    def shape(self) -> Tuple[int, int]: ...

Document = Union[Mapping[str, Any], str, bytes, "os.PathLike[str]", "Posting", "ValidForm"]
"""A document: a dict (values: dict, list, tuple, str, int, float, bool, None), its JSON text
(``str``), its JSON bytes (UTF-8), a ``pathlib.Path`` to a JSON file, or one of keynet's own
objects (a ``Posting``, a ``ValidForm``: their canonical JSON). A ``str`` is always content: one
that looks like a file name is a ``TypeError`` saying to pass a ``Path``."""
Form = Document
"""A recruitment form (docs/domain.md §2), as typed: it is validated and normalised by the core."""
Documents = Union[Sequence[Document], Iterable[Document], str, bytes, "os.PathLike[str]", Table]
"""A list of documents: a list/tuple/iterable of documents, the JSON text of an array or JSON
lines (``str`` or ``bytes``), a ``pathlib.Path`` to a file of either, or a :class:`Table`."""
CsvData = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", IO[bytes], Table]
"""A CSV file: its bytes, a ``pathlib.Path``, a file object opened in binary mode, its text
(``str``, never a file name) or its table (a DataFrame read from it)."""
Names = Union[List[str], Tuple[str, ...]]
"""A list of names (``["A社", "B社"]``); one ``str`` is a ``TypeError``, not a list of characters."""

class _RecipientRequired(TypedDict):
    kind: str
    """A recipient kind of the rules (:data:`StandardRecipientKind`, or one of ``rules``)."""

class Recipient(_RecipientRequired, total=False):
    """Who receives postings (docs/domain.md §7): a kind, its prefecture when the kind is tied to
    one, and a name (a private agency's)."""

    prefecture: str
    name: str

class _DeliveryRequired(TypedDict):
    recipient: Recipient
    label_ja: str
    """The recipient kind's Japanese name (全国の提供先一覧の名称)."""
    view: View

class Delivery(_DeliveryRequired, total=False):
    """What one recipient receives in ``distribute`` / ``new_since``: ``posting_ids`` (input
    order) for every view but ``counts``, ``counts`` (count rows) for ``counts``."""

    posting_ids: List[str]
    counts: List[CountRow]

class Explanation(TypedDict):
    """Why a recipient does or does not receive a posting (``explain``)."""

    received: bool
    view: Optional[View]
    label_ja: str
    rule: str
    rule_ja: str
    reason: str
    reason_ja: str

class InputError(ValueError):
    """The input is not a document at all (bad JSON, not an object, too large, too deep); `.kind` names the reason, `.message_ja` says it in Japanese."""

    kind: InputErrorKind
    """A stable name of the reason, for programs."""
    message_ja: str
    """The message in Japanese (``str(err)`` is English)."""

class OperationError(ValueError):
    """keynet read the input but refused the operation. `.kind` is the façade's error kind (invalid, lifecycle, rules, disclosure, csv_write), `.detail` a finer stable name or None, `.findings` every finding (list of dict; empty unless kind is invalid)."""

    kind: str
    """The façade's error kind: ``invalid``, ``lifecycle``, ``rules``, ``disclosure`` or ``csv_write``."""
    detail: Optional[str]
    """A finer stable name (a lifecycle error's reason), or None."""
    findings: List[Finding]
    """Every finding (errors and warnings); empty unless ``kind`` is ``invalid``."""
    message_ja: str
    """The message in Japanese (fields named by their Japanese labels)."""

class InvalidForm(OperationError):
    """The input has error findings: a form that cannot be registered, or a posting, recipient, plan or argument that cannot be used; `.findings` holds every finding (list of dict). `.kind` is 'invalid'."""

    at: int
    """Set by ``apply_events`` only: the index of the event that failed."""

class LifecycleError(OperationError):
    """A lifecycle event the posting's state does not allow; `.detail` names the reason (closed, not_an_applicant, already_applied, …). `.kind` is 'lifecycle'; `apply_events` adds `.at`, the index of the failing event."""

    at: int
    """Set by ``apply_events`` only: the index of the event that failed."""

class DisclosureError(OperationError):
    """Masked details were asked for by a seeker who neither inquired nor applied. `.kind` is 'disclosure'."""

class RulesError(OperationError):
    """A distribution rule set that cannot be used (bad JSON shape, unknown occupation, …). `.kind` is 'rules'."""

class CsvWriteError(OperationError):
    """A CSV file could not be written, and nothing is returned. `.kind` is 'csv_write'; `.detail` is 'unencodable' (a character without a Shift_JIS form: `.row`, `.column`, `.character`, `.codepoint` say where and which), 'not_tabular' (a posting with inquiries or hires: `.row`, `.posting_id`) or 'io'. Attributes that do not apply are None."""

    detail: CsvWriteErrorDetail
    row: Optional[int]
    """The line of the file (the header is row 1)."""
    column: Optional[str]
    """``unencodable``: the column header (担当者氏名)."""
    character: Optional[str]
    """``unencodable``: the character (𠮷)."""
    codepoint: Optional[int]
    """``unencodable``: its code point (0x20BB7)."""
    posting_id: Optional[str]
    """``not_tabular``: the posting that has inquiries or hires."""

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

    substitutions: List[Substitution]
    """Every character written as another, in file order."""

class InternalError(Exception):
    """A bug inside keynet (a Rust panic was caught); the interpreter is unharmed and later calls work."""

class Batch:
    """The findings of many forms (``validate_many``), one record each, in input order.

    Compact: the findings stay in Rust until asked for. ``len(batch)``; ``batch[i]`` is the list
    of findings of record ``i``, or None when that record is not a form at all (see
    ``input_errors``); iterating yields the same.
    """

    def __len__(self) -> int:
        """The number of records."""
    def __getitem__(self, index: int) -> Optional[List[Finding]]:
        """The findings of record ``index`` (negative counts from the end), or None when it is not a form."""
    @property
    def registrable(self) -> List[bool]:
        """One bool per record: True when the record is a form without error findings."""
    @property
    def input_errors(self) -> List[InputErrorRecord]:
        """The records that are not forms at all, with their index and reason."""
    def summary(self) -> BatchSummary:
        """Counts: records, registrable, rejected, not_a_form, errors, warnings."""
    def columns(self) -> Dict[str, list]:
        """Every finding as columns of equal length: record, path, code, severity, message, message_ja."""
    def to_pandas(self) -> Any:
        """The findings as a pandas DataFrame (see ``findings_frame``). Needs pandas."""
    def to_polars(self) -> Any:
        """The findings as a polars DataFrame (see ``findings_frame``). Needs polars."""

# --- objects holding core values -------------------------------------------------------------------

class ValidForm:
    """A form without error findings, held in Rust: ``ValidForm(form)`` validates once (dict,
    JSON ``str`` or ``bytes``; InvalidForm with ``.findings`` on errors, InputError when it is no
    form); its views and registration then read nothing again."""

    def __init__(self, form: Form) -> None: ...
    @property
    def findings(self) -> List[Finding]:
        """The warnings (a valid form has no error findings)."""
    @property
    def masking_requested(self) -> bool: ...
    @property
    def occupation(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]:
        """The canonical JSON (interchange format v1), as ``normalize`` gives it."""
    def to_json(self) -> str: ...
    def public_view(self) -> Dict[str, Any]: ...
    def registered_view(self) -> Dict[str, Any]: ...
    def view(self, view: str) -> Optional[Dict[str, Any]]:
        """``internal``, ``registered``, ``public``; ``counts`` shows no posting: None."""
    def register(self, posting_id: str, registered_on: Union[str, datetime.date]) -> "Posting": ...

class Posting:
    """A posting held in Rust: ``Posting(posting)`` reads a dict or JSON once;
    ``ValidForm.register`` makes one. Events change it in place."""

    def __init__(self, posting: Document) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> PostingStatus: ...
    @property
    def form(self) -> ValidForm: ...
    def apply(self, event: Document) -> None:
        """One event; LifecycleError (the posting unchanged) when its state does not allow it."""
    def apply_events(self, events: Documents) -> None:
        """Events in order, all or nothing: on a failure (``.at``: the failing event) the posting
        is unchanged."""
    def disclose(self, seeker_id: str) -> Dict[str, Any]: ...
    def public_view(self) -> Dict[str, Any]: ...
    def to_dict(self) -> Dict[str, Any]: ...

class RuleSet:
    """Distribution rules parsed once: ``RuleSet()`` is the standard set, ``RuleSet(rules)``
    extends or overrides it."""

    def __init__(self, rules: Optional[Document] = None) -> None: ...
    def distribute(
        self, postings: Union[Sequence[Posting], Documents], recipients: Documents
    ) -> Dict[str, Any]:
        """What each recipient receives; ``Posting`` objects are used as they are."""
    def explain(self, posting: Union[Posting, Document], recipient: Document) -> Dict[str, Any]: ...
    def to_dict(self) -> Dict[str, Any]: ...

# --- forms ----------------------------------------------------------------------------------------

def validate(form: Form) -> List[Finding]:
    """Every finding about the form, errors and warnings alike (never only the first).

    Raises:
        InputError: the input is not a form (bad JSON, not an object, too large, too deep).
        TypeError: a dict holds a value JSON cannot (a set, a date, …) or a non-str key.
        ValueError: a float is NaN or infinite.
        InternalError: a bug inside keynet.
    """

def normalize(form: Form) -> Dict[str, Any]:
    """The canonical JSON (interchange format v1) of a registrable form, as a dict.

    Raises:
        InvalidForm: the form has error findings; ``.findings`` holds every finding.
        InputError: the input is not a form.
        InternalError: a bug inside keynet.
    """

def validate_many(forms: Union[Iterable[Form], str, bytes, "os.PathLike[str]", Table], *, threads: Optional[int] = None) -> Batch:
    """Validates many forms at once: JSON lines (``str`` or ``bytes``, blank lines skipped), a
    ``pathlib.Path`` to a JSON-lines file, a table (a DataFrame or pyarrow Table of canonical
    dotted columns or of one column of JSON text) or an iterable of forms (dicts or JSON text).

    The GIL is released while the core works, and the records are spread over ``threads``
    threads (default: every core; small batches use one). A record that is not a form does not
    stop the batch: it is listed in ``Batch.input_errors``.

    Raises:
        TypeError: an item holds a value JSON cannot; the message names ``forms[i]``.
        ValueError: ``threads`` is 0.
    """

def error_catalogue() -> List[ErrorType]:
    """Every error a call can end in (input that is no form, a refused lifecycle event): kind,
    detail, the names of its context values and its English and Japanese templates."""

def catalogue() -> List[CodeInfo]:
    """Every finding code with its English and Japanese description, for translators and UIs."""

# --- views ----------------------------------------------------------------------------------------

def public_view(form: Form) -> Dict[str, Any]:
    """The public view (§6) of a form without errors: ``facility.id`` removed and, when masking
    is requested, the masked fields null. Raises InvalidForm (a leak is an error finding)."""

def registered_view(form: Form) -> Dict[str, Any]:
    """The registered view of a form without errors: every field but ``facility.id``. Raises InvalidForm."""

def view(form: Form, view: FormView) -> Dict[str, Any]:
    """One view of a form without errors by name. Raises InvalidForm (an unknown view is a finding at ``view``)."""

# --- distribution ---------------------------------------------------------------------------------

def distribute(postings: Documents, recipients: Documents, rules: Optional[Document] = None) -> List[Delivery]:
    """§11 distribution: for each recipient, its view and the posting ids it receives (input
    order), or its count rows. ``rules`` extends or overrides the standard rule set.

    Raises:
        InvalidForm: a posting or recipient cannot be used (findings at ``postings.<i>…``,
            ``recipients.<i>``).
        RulesError: ``rules`` cannot be used.
    """

def explain(posting: Document, recipient: Document, rules: Optional[Document] = None) -> Explanation:
    """§11 explanation for one posting and one recipient: received, view, rule, reason."""

def new_since(previous: Documents, current: Documents, recipients: Documents, rules: Optional[Document] = None) -> List[Delivery]:
    """What each recipient receives from ``current`` that it did not from ``previous`` (same shape as ``distribute``)."""

def count_table(postings: Documents) -> List[CountRow]:
    """The agencies' count table of the open postings, ordered by occupation (§3) then prefecture."""

def add_count_tables(tables: Union[Sequence[Sequence[CountRow]], str, bytes]) -> List[CountRow]:
    """Count tables of partitions added into one (rows of one occupation × prefecture summed),
    in the count table's order: ``add_count_tables([count_table(a), count_table(b)])`` equals
    ``count_table(a + b)``."""

def combine_distributions(parts: Union[Sequence[Sequence[Delivery]], str, bytes]) -> List[Delivery]:
    """Distributions (or ``new_since`` results) of consecutive partitions, to the same
    recipients, as one: ``combine_distributions([distribute(a, r), distribute(b, r)])``
    equals ``distribute(a + b, r)`` — posting ids concatenated in the partitions' order,
    counts added."""

def standard_recipients(agencies: Optional[Names] = None) -> List[Recipient]:
    """The standard recipients of a report: every kind of the standard rules (kinds tied to a
    prefecture once per prefecture) and one ``private_agency`` per name in ``agencies``.
    Names are trimmed; a blank name or one given twice raises InvalidForm (findings at
    ``agencies.<i>``)."""

# --- training -------------------------------------------------------------------------------------

def assess_training(plan: Document) -> Dict[str, Any]:
    """§11 assessment of a training plan: missing_required, total_minutes,
    meets_recommended_minutes, reportable, warnings. Raises InvalidForm for a malformed plan."""

def training_materials(occupation: Optional[str] = None) -> List[Dict[str, Any]]:
    """The seeds' teaching materials for an occupation code (or all). Raises InvalidForm for an unknown occupation."""

# --- lifecycle ------------------------------------------------------------------------------------

def register(form: Form, posting_id: str, registered_on: Union[str, datetime.date]) -> Dict[str, Any]:
    """Registers a form without errors as a new open posting (§11 posting JSON). Raises InvalidForm."""

def apply_event(posting: Document, event: Document) -> Dict[str, Any]:
    """Applies one lifecycle event (inquiry, application, hire, training_completed,
    completion_reported, close); returns the posting after it.

    Raises:
        LifecycleError: the posting's state does not allow the event (``.detail`` says why).
        InvalidForm: the posting or event cannot be read (findings at ``posting…``/``event…``).
    """

def apply_events(posting: Document, events: Documents) -> Dict[str, Any]:
    """Applies events one by one (``apply_event``); returns the posting after the last. A failure
    raises as ``apply_event`` does, with ``.at`` the index of the failing event."""

def disclose(posting: Document, seeker_id: str) -> Dict[str, Any]:
    """The full details (registered view) for a seeker who inquired about or applied to the
    posting. Raises DisclosureError for anyone else."""

def account_status(postings: Documents, facility_id: str, year: int, month: int) -> AccountStatus:
    """The facility's Key-Net account status in a calendar month (§9). Raises InvalidForm for a month outside 1–12."""

def account_status_on(postings: Documents, facility_id: str, on: Union[str, datetime.date]) -> AccountStatus:
    """The facility's Key-Net account status on one day (ISO date or wareki)."""

def agency_notice(
    previous: Documents,
    current: Documents,
    agencies: Union[Sequence[Recipient], str, bytes],
    key_net_url: str,
    contacts: Optional[Document] = None,
    rules: Optional[Document] = None,
) -> List[Dict[str, Any]]:
    """The agencies' new-posting notice: per agency, the count table of what is new since ``previous``, with the Key-Net URL and the contact desks."""

def training_example_programme() -> Dict[str, Any]:
    """The seeds' example training programme (self-study about 1 h, hands-on about 1 h)."""

def fire_hq_application(application: Document) -> Dict[str, Any]:
    """A fire HQ's G-MIS ID application (seed 003), read and checked: ``{application, findings}``."""

def fire_hq_list(prefecture: str, applications: Documents) -> Dict[str, Any]:
    """A prefecture's list of its fire HQs' applications, for the ministry."""

def duplicate_open_postings(postings: Documents) -> List[Dict[str, Any]]:
    """Facilities with two or more open postings for one occupation (§9 sync caveat): facility_id, occupation, posting_ids."""

# --- CSV files (Shift_JIS or UTF-8) ---------------------------------------------------------------

def read_postings_csv(data: CsvData, encoding: Optional[CsvReadEncoding] = None, mapping: Optional[Union[ColumnMapping, Document]] = None) -> PostingsCsv:
    """Reads a postings CSV (one posting per row, a header row of Japanese column names): every
    readable posting, and a finding per problem with its ``row`` (the header is row 1) and
    ``column`` (the header, or None for the whole row or file). Reading goes on past bad rows.

    ``data`` is the file's bytes, a ``pathlib.Path`` (any ``os.PathLike``), a binary file object,
    the CSV's text as ``str`` or its table (a DataFrame read from it; text and tables are read as
    UTF-8). A ``str`` is never a file name: pass ``Path("募集情報.csv")``.
    ``encoding`` is ``"shift_jis"`` (Windows-31J, as Excel in Japan writes it; also ``"cp932"``,
    ``"sjis"``), ``"utf8"`` (a BOM is skipped) or ``"auto"`` (UTF-8 when the file starts with a
    BOM or is UTF-8 with Japanese in it, else Shift_JIS). ``mapping`` replaces the column mapping
    (``postings_csv_mapping()`` gives the standard one, in the same shape).

    Raises:
        InputError: kind ``wrong_encoding`` — the file is UTF-8 and was to be read as Shift_JIS
            (the default); the message says to pass ``encoding="utf8"`` or ``"auto"``.
        InvalidForm: ``encoding`` or ``mapping`` cannot be used (a finding at that name).
        OSError: the file cannot be read.
    """

def write_postings_csv(postings: Documents, encoding: Optional[CsvEncodingName] = None, mapping: Optional[Union[ColumnMapping, Document]] = None, labels: Optional[CsvLabelsName] = None, view: Optional[FormView] = None) -> CsvBytes:
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

def write_count_table_csv(postings: Documents, encoding: Optional[CsvEncodingName] = None) -> CsvBytes:
    """Writes the agencies' count table of the open postings as a CSV file (職種コード, 職種,
    都道府県コード, 都道府県, 件数, 募集人数); returns its bytes (:class:`CsvBytes`).

    Raises:
        InvalidForm: a posting or ``encoding`` cannot be used.
    """

def postings_csv_mapping() -> ColumnMapping:
    """The standard column mapping of the postings CSV: ``{"source", "columns": [{header, path,
    kind}]}``. Change it and pass it as ``mapping`` to read or write other headers."""

# --- accounts and the regional bed view -----------------------------------------------------------

def check_password(password: str, policy: PasswordPolicy) -> List[Finding]:
    """Every finding about a password under a policy: ``"gmis"`` (at least 8 half-width
    characters with an upper-case letter, a lower-case letter and a digit) or
    ``"kintone2020"`` (at least 8 half-width letters and digits, both present). Findings are
    at path ``password``; no message repeats the password. Raises InvalidForm for an unknown
    policy."""

def account_permissions(kind: IdKind) -> Permissions:
    """What a G-MIS ID kind may do: the facility types it registers, the view in which it reads
    postings (None: only its own), whether it reads the bed view of its own prefecture.
    Raises InvalidForm for an unknown kind."""

def may_register(account: Union[Account, Document], form: Form) -> Registration:
    """Whether an account (``{id, kind, prefecture}``) may register a form:
    ``{"allowed": True, "reason": None}`` or ``allowed`` False with the reason. Raises
    InvalidForm when the account cannot be read or the form has errors."""

def read_bed_row(row: Document) -> BedRowRead:
    """One bed view report row read and checked: ``{"row": …, "findings": […]}`` — ``row`` is
    None when there is an error finding (codes, check digit, negative counts, …); warnings
    (ready beds above secured beds, a record date after the report) come with the row."""

def bed_view(rows: Documents, account: Union[Account, Document], search: Optional[str] = None, page: int = 0) -> BedView:
    """The regional bed view as the account's screen shows it: only the rows of the account's
    own prefecture, filtered by ``search`` (secondary medical area number or name, or
    institution name), one ``page`` of at most 2,000 rows (0-based), the number of ``pages``
    and the ``totals``.

    Raises:
        InvalidForm: the account's kind does not read the bed view (a finding at ``account``),
            or a row has errors (findings at ``rows.<i>.…``).
    """

def export_bed_view_csv(rows: Documents, account: Union[Account, Document], encoding: Optional[CsvEncodingName] = None) -> CsvBytes:
    """The bed view of an account exported as G-MIS does, "details only" CSV (Shift_JIS by
    default): only the rows of the account's own prefecture, every page; returns its bytes
    (:class:`CsvBytes`, with ``.substitutions`` as for ``write_postings_csv``).

    Raises:
        InvalidForm: the account's kind does not read the bed view, or a row has errors.
        CsvWriteError: a character without a Shift_JIS form.
    """

def read_bed_export_csv(data: CsvData, encoding: Optional[CsvReadEncoding] = None) -> BedExportCsv:
    """Reads a bed view export ("details only" CSV, the columns of ``export_bed_view_csv``): every
    readable row, and a finding per problem (warnings too) with its ``row`` and ``column``.

    ``data`` is the file's bytes, a ``pathlib.Path``, a binary file object, its text or its table;
    ``encoding`` as for
    ``read_postings_csv``.
    """

# --- the façade by name, reference data, samples --------------------------------------------------

def call(operation: str, args: Document) -> Any:
    """Any operation of the JSON façade (``keynet::api::call``) by name, with its arguments as
    one dict: ``call("explain", {"posting": p, "recipient": r})``. Errors as the named functions;
    an unknown operation is InvalidForm with a finding at ``operation``."""

def occupations() -> List[Occupation]:
    """The 11 occupations of docs/domain.md §3, in its order, with Japanese and English names."""

def prefectures() -> List[PrefectureInfo]:
    """The 47 prefectures in code order."""

def sample_forms(count: int, seed: int = 20200529) -> List[Dict[str, Any]]:
    """``count`` realistic forms from the core's seeded generator (about 40 % typed messily, about 15 % invalid)."""

def sample_postings(count: int, seed: int = 20200529) -> List[Dict[str, Any]]:
    """``count`` realistic postings (§11) from the core's seeded generator (about 80 % open)."""

class SamplePostings(Iterator[Dict[str, Any]]):
    """Sample postings one at a time (``iter_sample_postings``): an iterator of dicts."""

    def __iter__(self) -> "SamplePostings": ...
    def __next__(self) -> Dict[str, Any]: ...

def iter_sample_postings(count: Optional[int] = None, seed: int = 20200529) -> SamplePostings:
    """The sample postings of ``sample_postings(count, seed)``, one at a time: memory stays flat
    however many are taken. ``count=None`` never ends (take what you need with
    ``itertools.islice``)."""

def write_sample_postings(path: "os.PathLike[str]", count: int, seed: int = 20200529) -> None:
    """Writes ``count`` sample postings (those of ``sample_postings(count, seed)``) to the file at
    ``path`` (a ``pathlib.Path``) as JSON lines, straight from the core: no Python object is
    made, the GIL is released, every core validates, memory stays flat.

    Raises:
        TypeError: ``path`` is not a ``pathlib.Path`` (``os.PathLike``).
        OSError: the file cannot be written.
    """

# --- DataFrames (optional: pandas, polars, pyarrow) -----------------------------------------------

def findings_frame(
    findings: Union[Batch, List[Finding], List[Optional[List[Finding]]], PostingsCsv, BedExportCsv, List[RowFinding]],
    backend: Literal["pandas", "polars", "arrow"] = "pandas",
) -> Any:
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

def count_frame(rows: Iterable[CountRow], backend: Literal["pandas", "polars", "arrow"] = "pandas") -> Any:
    """The count table as a long DataFrame, with Japanese and English labels.

    ``rows`` are count rows: ``keynet.count_table(postings)``, or the ``counts`` of an agency's
    delivery in ``keynet.distribute``. Columns: occupation, occupation_ja, occupation_en,
    prefecture, prefecture_ja, prefecture_en, postings, openings. With pandas, ``occupation``
    and ``prefecture`` are ordered categoricals (the order of docs/domain.md §3; prefecture code).
    ``backend``: ``"pandas"``, ``"polars"`` or ``"arrow"`` (a pyarrow Table).
    """

def distribution_frame(result: Iterable[Delivery], backend: Literal["pandas", "polars", "arrow"] = "pandas") -> Any:
    """A distribution (``keynet.distribute`` or ``keynet.new_since``) as one row per recipient
    and posting: recipient_kind, recipient_prefecture, recipient_name, label_ja (the recipient's
    Japanese name), view, posting_id.

    A recipient that receives nothing, or counts only (``view == "counts"``: its rows are in its
    delivery's ``counts``, see :func:`count_frame`), has one row with ``posting_id`` missing, so
    ``frame.groupby("label_ja").posting_id.count()`` counts zeros too. ``backend``: ``"pandas"``,
    ``"polars"`` or ``"arrow"`` (a pyarrow Table).
    """

def count_matrix(
    rows: Iterable[CountRow],
    value: Literal["postings", "openings"] = "postings",
    labels: Literal["code", "codes", "ja", "en"] = "code",
    complete: bool = True,
    backend: Literal["pandas", "polars"] = "pandas",
) -> Any:
    """The count table as a matrix: one row per occupation, one column per prefecture.

    ``value`` is ``"postings"`` or ``"openings"``; ``labels`` names rows and columns by
    ``"code"`` (``nurse``, ``13``), ``"ja"`` (看護師, 東京都) or ``"en"`` (registered nurse, Tokyo).
    ``complete`` keeps all 11 occupations × 47 prefectures (zeros where nothing is counted);
    otherwise only those with a count. pandas: occupations are the index. polars: the first
    column, ``occupation``, holds the occupation labels.
    """

def _read_form_only(form: Form) -> None:
    """Benchmark hook, not API: the binding floor of ``validate(dict)`` — reads the dict into
the core's input exactly as ``validate`` does and validates nothing
(docs/benchmarks.md, "Python: dicts read in place")."""

def _trigger_panic_for_tests() -> None:
    """Test hook, not API: raises InternalError from a deliberate Rust panic."""

def _trigger_worker_panic_for_tests() -> None:
    """Test hook, not API: raises InternalError from a deliberate panic in a batch worker thread."""
