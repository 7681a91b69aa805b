"""Shared by the UniFFI tests: the generated Python module, the golden case table, and the
conversions between UniFFI records and plain JSON data that the comparisons need.

The Python backend of UniFFI is generated from the same library that Swift and Kotlin load, so
these tests exercise the FFI surface they share: records, enums, the error enum, panics caught
at the boundary. scripts/test-all.sh generates it into bindings-swift/generated/
(KEYNET_UNIFFI_DIR overrides).
"""

import enum
import importlib.util
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GENERATED = Path(os.environ.get("KEYNET_UNIFFI_DIR", REPO / "bindings-swift" / "generated"))
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))
FORM_CASES = sorted(CASES_DIR.glob("*.json"))
OPERATION_CASES = sorted(CASES_DIR.glob("*/*.json"))
CODES = [
    "required", "format", "range", "unknown_value", "inconsistent",
    "masking_leak", "labor_law", "health_law", "too_long",
]


class _Module:
    """The two generated Python modules as one, as Swift compiles KeyNet.swift and KeyNetCore.swift
    into the one module KeyNet: the core's records and enums (`keynet_core`, derived in the
    `keynet` crate behind its `uniffi` feature) and the entry points (`keynet`)."""

    def __init__(self, *modules):
        self._modules = modules

    def __getattr__(self, name):
        for module in self._modules:
            if hasattr(module, name):
                return getattr(module, name)
        raise AttributeError(name)


def _load():
    path = GENERATED / "python" / "keynet.py"
    if not path.exists():
        raise SystemExit(f"{path} is missing: run scripts/test-all.sh (it generates the UniFFI bindings)")
    if "keynet_uniffi" in sys.modules:
        return sys.modules["keynet_uniffi"]
    # `keynet.py` imports `keynet_core` by name (bindings-swift/uniffi.toml, external_packages).
    sys.path.insert(0, str(GENERATED / "python"))
    import keynet_core
    # Loaded under another name: `keynet` is also the PyO3 package installed in the venv.
    spec = importlib.util.spec_from_file_location("keynet_uniffi", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["keynet_uniffi"] = module
    spec.loader.exec_module(module)
    return _Module(module, keynet_core)


kn = _load()


def load_case(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def case_id(path):
    path = Path(path)
    return path.stem if path.parent == CASES_DIR else f"{path.parent.name}/{path.stem}"


def dumps(value):
    return json.dumps(value, ensure_ascii=False)


def canon(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1)


def strip_messages(value):
    """Drops every `message` / `message_ja` key, after checking it is non-empty text."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ("message", "message_ja"):
                assert isinstance(v, str) and v.strip(), f"empty {k} in output"
                continue
            out[k] = strip_messages(v)
        return out
    if isinstance(value, list):
        return [strip_messages(v) for v in value]
    return value


def finding_dict(finding):
    code = kn.finding_code_name(finding.code)
    assert code == finding.code.name.lower()
    return {
        "path": finding.path,
        "code": code,
        "severity": finding.severity.name.lower(),
        "message": finding.message,
        "message_ja": finding.message_ja,
    }


def triple(f):
    return (f["path"], f["code"], f["severity"])


def variant_name(value):
    """The snake_case name of a UniFFI enum value, flat (`Occupation.NURSE`) or with data
    (`LifecycleProblem.ALREADY_APPLIED(...)`)."""
    if isinstance(value, enum.Enum):
        return value.name.lower()
    return type(value).__name__.rsplit(".", 1)[-1].lower()


# --- UniFFI records ⇄ plain JSON data ---------------------------------------------------------

# Record field names that differ from their JSON key.
JSON_KEY = {"facility_type": "type"}
PY_KEY = {v: k for k, v in JSON_KEY.items()}
# Enum values that differ from their JSON string (Swift's `.none` would be Optional's).
ENUM_JSON = {("PassiveSmoking", "NO_MEASURES"): "none"}
# Fields of the core's records that its JSON does not write: a workplace's local government
# code, and the posting an inquiry is about (the posting that holds it).
NOT_IN_JSON = {("Workplace", "municipality_code"), ("Inquiry", "posting_id")}


def plain(value):
    """A UniFFI value as JSON data, the way the core writes it except that absent and null are not
    told apart (see `prune`). Enum values become their snake_case names."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return ENUM_JSON.get((type(value).__name__, value.name), value.name.lower())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    cls = type(value).__qualname__
    fields = {JSON_KEY.get(k, k): plain(v) for k, v in vars(value).items() if (cls, k) not in NOT_IN_JSON}
    if cls.startswith("DeliveryContent."):
        return fields  # flattened into its Delivery
    if cls.startswith("Delivery") and "content" in fields:
        content = fields.pop("content")
        fields.update(content)
    if cls.startswith("LifecycleEvent."):
        return {"type": variant_name(value), **fields}
    return fields


def prune(value):
    """Drops null values and empty lists from objects (the JSON omits some, keeps others)."""
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


class NotTyped(Exception):
    """JSON data that the typed API cannot express (wrong type, unknown key or value)."""


def _enum(cls, text):
    if not isinstance(text, str):
        raise NotTyped(f"{cls.__name__}: {text!r}")
    name = "NO_MEASURES" if (cls is kn.PassiveSmoking and text == "none") else text.upper()
    try:
        return cls[name]
    except KeyError:
        raise NotTyped(f"{cls.__name__}: {text!r}") from None


def _check(value, kinds, what):
    if value is not None and (not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)):
        raise NotTyped(f"{what}: {value!r}")
    if isinstance(value, int) and not isinstance(value, bool) and not -2**63 <= value < 2**63:
        raise NotTyped(f"{what}: {value!r} is beyond a draft's 64-bit integer")  # covered through JSON
    return value


TEXT, INT, BOOL = (str,), (int,), (bool,)


def _record(cls, data, schema, what):
    """Builds `cls` from a JSON object whose keys all appear in `schema` ({json_key: converter})."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise NotTyped(f"{what} is not an object")
    unknown = set(data) - set(schema)
    if unknown:
        raise NotTyped(f"{what}: unknown keys {sorted(unknown)}")
    kwargs = {}
    for key, conv in schema.items():
        if key in data and data[key] is not None:
            value = data[key]
            if isinstance(conv, tuple):
                kwargs[PY_KEY.get(key, key)] = _check(value, conv, f"{what}.{key}")
            else:
                kwargs[PY_KEY.get(key, key)] = conv(value)
    return cls(**kwargs)


def _list(conv):
    def build(value):
        if not isinstance(value, list):
            raise NotTyped(f"not a list: {value!r}")
        return [conv(v) for v in value]
    return build


def form_draft(data):
    """A `FormDraft` from form JSON, or NotTyped when the JSON says what a draft cannot."""
    t = lambda cls, schema, name: (lambda v: _record(cls, v, schema, name))
    e = lambda cls: (lambda v: _enum(cls, v))
    return _record(kn.FormDraft, data, {
        "masking_requested": BOOL,
        "facility": t(kn.FacilityDraft, {"id": TEXT, "name": TEXT, "type": e(kn.FacilityType), "prefecture": TEXT}, "facility"),
        "occupation": e(kn.Occupation),
        "openings": INT,
        "workplace": t(kn.WorkplaceDraft, dict.fromkeys(
            ["postal_code", "prefecture", "municipality", "street_address", "facility_name"], TEXT), "workplace"),
        "employment_period": t(kn.EmploymentPeriodDraft, {"start": TEXT, "end": TEXT}, "employment_period"),
        "trial_period_weeks": INT,
        "duties": t(kn.DutiesDraft, {"kinds": _list(e(kn.DutyKind)), "other_detail": TEXT, "specifics": TEXT}, "duties"),
        "salary": t(kn.SalaryDraft, {"basis": e(kn.SalaryBasis), "amount_yen": INT, "trial_amount_yen": INT}, "salary"),
        "working_hours": t(kn.WorkingHoursDraft, {"start": TEXT, "end": TEXT, "break_minutes": INT,
                                                  "holidays": TEXT, "overtime": BOOL}, "working_hours"),
        "insurance": t(kn.InsuranceDraft, {"employment": BOOL, "workers_accident": BOOL, "health": BOOL,
                                           "pension": BOOL, "other": TEXT}, "insurance"),
        "passive_smoking": e(kn.PassiveSmoking),
        "passive_smoking_detail": TEXT,
        "notes": TEXT,
        "contact": t(kn.ContactDraft, dict.fromkeys(
            ["name", "address", "phone", "extension", "application_phone", "fax", "email"], TEXT), "contact"),
        "existing_listings": t(kn.ExistingListingsDraft, {"hello_work": BOOL, "women_doctors_bank": BOOL,
                                                          "nurse_center": BOOL, "other": TEXT}, "existing_listings"),
    }, "form")


def recipient(data):
    return _record(kn.Recipient, data, {"kind": TEXT, "prefecture": TEXT, "name": TEXT}, "recipient")


def training_plan(data):
    session = lambda v: _record(kn.TrainingSession, v, {
        "module": lambda m: _enum(kn.TrainingModule, m), "minutes": INT,
        "delivery": lambda d: _enum(kn.TrainingDelivery, d), "title": TEXT}, "session")
    plan = _record(kn.TrainingPlan, data, {"sessions": _list(session)}, "plan")
    if plan is None or not hasattr(plan, "sessions"):
        raise NotTyped("plan")
    return plan


def lifecycle_event(data):
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise NotTyped("event")
    kind = data["type"]
    fields = {k: v for k, v in data.items() if k != "type"}
    variants = {
        "inquiry": (kn.LifecycleEvent.INQUIRY, {"seeker_id": TEXT, "on": TEXT}),
        "application": (kn.LifecycleEvent.APPLICATION, {"seeker_id": TEXT, "on": TEXT}),
        "hire": (kn.LifecycleEvent.HIRE, {"seeker_id": TEXT, "on": TEXT,
                                          "route": lambda r: _enum(kn.HireRoute, r)}),
        "completion_reported": (kn.LifecycleEvent.COMPLETION_REPORTED, {"seeker_id": TEXT, "on": TEXT}),
        "training_completed": (kn.LifecycleEvent.TRAINING_COMPLETED,
                               {"seeker_id": TEXT, "on": TEXT, "plan": training_plan}),
        "close": (kn.LifecycleEvent.CLOSE, {"reason": lambda r: _enum(kn.ClosedReason, r), "on": TEXT}),
    }
    if kind not in variants:
        raise NotTyped(f"event type {kind!r}")
    cls, schema = variants[kind]
    optional = {"route"}
    if set(schema) - optional - set(k for k, v in fields.items() if v is not None):
        raise NotTyped(f"event {kind}: missing fields")
    return _record(cls, fields, schema, f"event {kind}")


def distribution_rule(data):
    occupations = lambda v: None if v == "all" else _list(lambda o: _enum(kn.Occupation, o))(v)
    schema = {"kind": TEXT, "label_ja": TEXT, "view": lambda v: _enum(kn.ViewKind, v), "occupations": occupations,
              "occupations_label": TEXT, "occupation_noun": TEXT, "region": lambda r: _enum(kn.Region, r),
              "tied_to_prefecture": BOOL, "needs_name": BOOL, "source": TEXT}
    if not isinstance(data, dict):
        raise NotTyped("rule")
    rule = _record(kn.DistributionRule, data, schema, "rule")
    if data.get("occupations") == "all":
        rule.occupations = None
    return rule


def rules(data):
    if data is None:
        return []
    if isinstance(data, dict) and "rules" in data:
        return [distribution_rule(r) for r in data["rules"]]
    return [distribution_rule(data)]


def posting(data):
    """A typed `Posting` through `posting_from_json` (the form is validated by the core)."""
    return kn.posting_from_json(dumps(data))


def postings(data):
    if not isinstance(data, list):
        raise NotTyped("postings")
    return [posting(p) for p in data]
