"""The golden case table (tests/cases/*.json) run through the Python binding.

Every case is run from a dict and from its JSON text (str and bytes); all three must agree.
KEYNET_CASES=<dir> runs another table (used to try the harness itself).
"""

import json
import os
from pathlib import Path

import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))
CASE_FILES = sorted(CASES_DIR.glob("*.json"))
FINDING_KEYS = {"path", "code", "severity", "message", "message_ja"}


def key(finding):
    return (finding["path"], finding["code"], finding["severity"])


def full_key(finding):
    return (finding["path"], finding["code"], finding["severity"], finding["message"], finding["message_ja"])


def canon(value):
    """JSON text with sorted keys: type-strict deep equality (1 != 1.0 != True)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1)


def run_form(form, expect):
    """Runs one form through validate/normalize, checks it against `expect`, returns the outcome."""
    if expect.get("error") is not None:
        for fn in (keynet.validate, keynet.normalize):
            with pytest.raises(keynet.InputError) as info:
                fn(form)
            err = info.value
            assert err.kind == expect["error"], f"{fn.__name__}: kind {err.kind!r}: {err}"
            assert str(err).strip() and err.message_ja.strip()
        return ("input_error", err.kind)

    findings = keynet.validate(form)
    assert isinstance(findings, list)
    for f in findings:
        assert set(f) == FINDING_KEYS, f
        assert f["message"].strip(), f"empty message: {f}"
        assert f["message_ja"].strip(), f"empty message_ja: {f}"
    assert sorted(map(key, findings)) == sorted(map(key, expect["findings"])), (
        "findings differ\n  got:      " + repr(sorted(map(key, findings)))
        + "\n  expected: " + repr(sorted(map(key, expect["findings"])))
    )

    if any(f["severity"] == "error" for f in findings):
        with pytest.raises(keynet.InvalidForm) as info:
            keynet.normalize(form)
        assert isinstance(info.value, ValueError)
        assert sorted(map(full_key, info.value.findings)) == sorted(map(full_key, findings))
        assert expect.get("canonical") is None, "a form with errors cannot have a canonical form"
        return ("invalid", sorted(map(full_key, findings)))

    canonical = keynet.normalize(form)
    assert isinstance(canonical, dict)
    if expect.get("canonical") is not None:
        assert canon(canonical) == canon(expect["canonical"])
    again = keynet.validate(canonical)
    assert not [f for f in again if f["severity"] == "error"], f"canonical output has errors: {again}"
    assert canon(keynet.normalize(canonical)) == canon(canonical), "normalize is not idempotent"
    return ("ok", sorted(map(full_key, findings)), canon(canonical))


def test_case_table_is_there():
    assert CASE_FILES, f"no golden cases in {CASES_DIR}"


@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden(case_file):
    case = json.loads(case_file.read_text(encoding="utf-8"))
    expect = case["expect"]
    if "input_json" in case:
        text = case["input_json"]
        forms = {"str": text, "bytes": text.encode("utf-8")}
    else:
        text = json.dumps(case["input"], ensure_ascii=False)
        forms = {"dict": case["input"], "str": text, "bytes": text.encode("utf-8")}
    outcomes = {label: run_form(form, expect) for label, form in forms.items()}
    first = next(iter(outcomes.values()))
    for label, outcome in outcomes.items():
        assert outcome == first, f"{label} input gives another result than {next(iter(outcomes))}"


# --- operation cases: tests/cases/<folder>/*.json ------------------------------------------------

OP_FILES = sorted(p for d in sorted(CASES_DIR.iterdir()) if d.is_dir() for p in sorted(d.glob("*.json")))

# Each kind of the table through the binding's named function; `call` for any other.
NAMED = {
    "account_status_on": lambda a: keynet.account_status_on(a["postings"], a["facility_id"], a["on"]),
    "agency_notice": lambda a: keynet.agency_notice(a["previous"], a["current"], a["agencies"], a["key_net_url"],
                                                    a.get("contacts"), a.get("rules")),
    "training_example_programme": lambda a: keynet.training_example_programme(),
    "fire_hq_application": lambda a: keynet.fire_hq_application(a["application"]),
    "fire_hq_list": lambda a: keynet.fire_hq_list(a["prefecture"], a["applications"]),
    "public_view": lambda a: keynet.public_view(a["form"]),
    "registered_view": lambda a: keynet.registered_view(a["form"]),
    "view": lambda a: keynet.view(a["form"], a["view"]),
    "distribute": lambda a: keynet.distribute(a["postings"], a["recipients"], a.get("rules")),
    "explain": lambda a: keynet.explain(a["posting"], a["recipient"], a.get("rules")),
    "new_since": lambda a: keynet.new_since(a["previous"], a["current"], a["recipients"], a.get("rules")),
    "count_table": lambda a: keynet.count_table(a["postings"]),
    "add_count_tables": lambda a: keynet.add_count_tables(a["tables"]),
    "combine_distributions": lambda a: keynet.combine_distributions(a["parts"]),
    "assess_training": lambda a: keynet.assess_training(a["plan"]),
    "disclose": lambda a: keynet.disclose(a["posting"], a["seeker_id"]),
    "account_status": lambda a: keynet.account_status(a["postings"], a["facility_id"], a["year"], a["month"]),
    "duplicate_open_postings": lambda a: keynet.duplicate_open_postings(a["postings"]),
    "check_password": lambda a: keynet.check_password(a["password"], a["policy"]),
    "account_permissions": lambda a: keynet.account_permissions(a["kind"]),
    "may_register": lambda a: keynet.may_register(a["account"], a["form"]),
    "read_bed_row": lambda a: keynet.read_bed_row(a["row"]),
    "bed_view": lambda a: keynet.bed_view(a["rows"], a["account"], a.get("search"), a.get("page", 0)),
}


def strip_messages(value):
    """Drops every message / message_ja key after checking it is non-empty text."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ("message", "message_ja"):
                assert isinstance(v, str) and v.strip(), f"empty {k} in output"
            else:
                out[k] = strip_messages(v)
        return out
    if isinstance(value, list):
        return [strip_messages(v) for v in value]
    return value


def run_op(kind, args):
    """("output", value) or ("error", exception, at)."""
    if kind == "apply_events":
        try:
            return ("output", keynet.apply_events(args["posting"], args["events"]))
        except (keynet.OperationError, keynet.InputError) as err:
            return ("error", err, getattr(err, "at", None))
    function = NAMED.get(kind) or (lambda a: keynet.call(kind, a))
    try:
        return ("output", function(args))
    except (keynet.OperationError, keynet.InputError) as err:
        return ("error", err, None)


def error_facts(err):
    """The façade's {kind, detail, findings} of an exception."""
    if isinstance(err, keynet.InputError):
        return {"kind": "invalid_input", "detail": err.kind, "findings": []}
    return {"kind": err.kind, "detail": err.detail, "findings": err.findings}


def check_op(case, outcome):
    expect = case["expect"]
    if "error" not in expect:
        assert outcome[0] == "output", f"unexpected error: {outcome[1]!r} {error_facts(outcome[1])}"
        assert canon(strip_messages(outcome[1])) == canon(expect["output"])
        return
    assert outcome[0] == "error", f"expected an error, got {outcome[1]!r}"
    err, at = outcome[1], outcome[2]
    want = expect["error"]
    facts = error_facts(err)
    assert str(err).strip()
    assert facts["kind"] == want["kind"], f"{facts['kind']} ({err}), want {want['kind']}"
    if "detail" in want:
        assert facts["detail"] == want["detail"]
    if "at" in want:
        assert at == want["at"]
    if "findings" in want:
        for f in facts["findings"]:
            assert set(f) == FINDING_KEYS and f["message"].strip() and f["message_ja"].strip()
        assert sorted(map(key, facts["findings"])) == sorted(map(key, want["findings"]))


def test_operation_table_is_there():
    folders = {p.parent.name for p in OP_FILES}
    assert {"views", "distribution", "explain", "training", "lifecycle", "beds", "accounts"} <= folders
    assert len(OP_FILES) >= 40


def test_bed_and_account_cases_run_through_their_named_functions():
    """Every case of tests/cases/beds and tests/cases/accounts has a named function (not only `call`)."""
    kinds = {
        json.loads(p.read_text(encoding="utf-8"))["kind"]
        for p in OP_FILES
        if p.parent.name in ("beds", "accounts")
    }
    assert kinds and kinds <= set(NAMED), kinds - set(NAMED)


@pytest.mark.parametrize("case_file", OP_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in OP_FILES])
def test_golden_operation(case_file):
    case = json.loads(case_file.read_text(encoding="utf-8"))
    kind, args = case["kind"], case["args"]
    outcome = run_op(kind, args)
    check_op(case, outcome)

    # The same operation through `call` with the arguments as a dict, as JSON text and as JSON
    # bytes: all must agree.
    text = json.dumps(args, ensure_ascii=False)
    others = []
    for form in (args, text, text.encode("utf-8")):
        try:
            others.append(("output", keynet.call(kind, form)))
        except (keynet.OperationError, keynet.InputError) as err:
            others.append(("error", err, getattr(err, "at", None)))
    for other in others:
        check_op(case, other)
        assert other[0] == outcome[0]
        if other[0] == "output":
            assert canon(other[1]) == canon(outcome[1])
        else:
            assert type(other[1]) is type(outcome[1])
            assert error_facts(other[1]) == error_facts(outcome[1])
