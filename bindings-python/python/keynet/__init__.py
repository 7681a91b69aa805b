"""keynet: the rules of Japan's emergency medical staffing recruitment (G-MIS → Key-Net).

Validate recruitment forms (募集情報登録票), mask them, distribute postings to their recipients,
judge training plans, run the posting lifecycle, read and write Shift_JIS CSV files, show the
regional bed view and check G-MIS accounts::

    import keynet
    findings = keynet.validate(form)        # form: dict, JSON str or JSON bytes
    canonical = keynet.normalize(form)      # raises keynet.InvalidForm(.findings) on errors
    batch = keynet.validate_many(open("forms.jsonl", "rb").read())   # both cores, GIL released
    frame = batch.to_pandas()               # one row per finding, with the record index
    read = keynet.read_postings_csv("postings.csv")   # Shift_JIS: {"postings", "findings"}

All rules live in the Rust core; this package only converts between Python and the core.
"""

from ._keynet import (
    Batch,
    CsvWriteError,
    DisclosureError,
    InputError,
    InternalError,
    InvalidForm,
    LifecycleError,
    OperationError,
    RulesError,
    __version__,
    account_permissions,
    account_status,
    apply_event,
    apply_events,
    assess_training,
    bed_view,
    call,
    catalogue,
    check_password,
    count_table,
    disclose,
    distribute,
    duplicate_open_postings,
    explain,
    may_register,
    new_since,
    normalize,
    occupations,
    postings_csv_mapping,
    prefectures,
    public_view,
    read_bed_export_csv,
    read_bed_row,
    read_postings_csv,
    register,
    registered_view,
    sample_forms,
    sample_postings,
    standard_recipients,
    training_materials,
    validate,
    validate_many,
    view,
)
from ._keynet import _trigger_panic_for_tests, _trigger_worker_panic_for_tests  # noqa: F401  (test hooks, not API)
from ._csv import CsvBytes, SubstitutionWarning, export_bed_view_csv, write_count_table_csv, write_postings_csv
from ._frames import count_frame, count_matrix, findings_frame

__all__ = [
    "Batch",
    "CsvBytes",
    "CsvWriteError",
    "DisclosureError",
    "InputError",
    "InternalError",
    "InvalidForm",
    "LifecycleError",
    "OperationError",
    "RulesError",
    "SubstitutionWarning",
    "__version__",
    "account_permissions",
    "account_status",
    "apply_event",
    "apply_events",
    "assess_training",
    "bed_view",
    "call",
    "catalogue",
    "check_password",
    "count_frame",
    "count_matrix",
    "count_table",
    "disclose",
    "distribute",
    "duplicate_open_postings",
    "explain",
    "export_bed_view_csv",
    "findings_frame",
    "may_register",
    "new_since",
    "normalize",
    "occupations",
    "postings_csv_mapping",
    "prefectures",
    "public_view",
    "read_bed_export_csv",
    "read_bed_row",
    "read_postings_csv",
    "register",
    "registered_view",
    "sample_forms",
    "sample_postings",
    "standard_recipients",
    "training_materials",
    "validate",
    "validate_many",
    "view",
    "write_count_table_csv",
    "write_postings_csv",
]
