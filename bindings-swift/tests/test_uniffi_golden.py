"""The golden case table (tests/cases/) through the UniFFI layer, three ways: the JSON-text entry
points (`validate_json`, `public_view_json`, …), the generic `call_json`, and the typed entry
points (records in, records out). All three must give what the table expects.
"""

import json

import pytest

import uniffi_helpers as h
from uniffi_helpers import kn


def test_case_table_is_there():
    assert len(h.FORM_CASES) >= 20, f"only {len(h.FORM_CASES)} form cases in {h.CASES_DIR}"
    assert len(h.OPERATION_CASES) >= 40, f"only {len(h.OPERATION_CASES)} operation cases"
    folders = {p.parent.name for p in h.OPERATION_CASES}
    assert {"views", "distribution", "explain", "training", "lifecycle"} <= folders


# --- form cases ------------------------------------------------------------------------------

@pytest.mark.parametrize("case_file", h.FORM_CASES, ids=h.case_id)
def test_form_case_through_json(case_file):
    case = h.load_case(case_file)
    expect = case["expect"]
    text = case["input_json"] if "input_json" in case else h.dumps(case["input"])

    if expect.get("error") is not None:
        for fn in (kn.validate_json, kn.normalize_json, kn.public_view_json, kn.form_from_json):
            with pytest.raises(kn.KeyNetError.InvalidInput) as info:
                fn(text)
            err = info.value
            assert h.variant_name(err.kind) == expect["error"], f"{fn.__name__}: {err.message}"
            assert err.message.strip() and err.message_ja.strip()
        return

    findings = [h.finding_dict(f) for f in kn.validate_json(text)]
    for f in findings:
        assert f["message"].strip() and f["message_ja"].strip(), f
    assert sorted(map(h.triple, findings)) == sorted(map(h.triple, expect["findings"])), (
        "findings differ\n  got:      " + repr(sorted(map(h.triple, findings)))
        + "\n  expected: " + repr(sorted(map(h.triple, expect["findings"]))))

    if any(f["severity"] == "error" for f in findings):
        for fn in (kn.normalize_json, kn.form_from_json):
            with pytest.raises(kn.KeyNetError.InvalidForm) as info:
                fn(text)
            carried = [h.finding_dict(f) for f in info.value.findings]
            assert sorted(carried, key=h.triple) == sorted(findings, key=h.triple)
        assert expect.get("canonical") is None, "a form with errors cannot have a canonical form"
        return

    canonical_text = kn.normalize_json(text)
    canonical = json.loads(canonical_text)
    assert isinstance(canonical, dict)
    if expect.get("canonical") is not None:
        assert h.canon(canonical) == h.canon(expect["canonical"])
    again = [h.finding_dict(f) for f in kn.validate_json(canonical_text)]
    assert not [f for f in again if f["severity"] == "error"], f"canonical output has errors: {again}"
    assert h.canon(json.loads(kn.normalize_json(canonical_text))) == h.canon(canonical), "normalize is not idempotent"
    # The typed form: read from the JSON, written back exactly.
    form = kn.form_from_json(text)
    assert h.canon(json.loads(kn.form_to_json(form))) == h.canon(canonical)


def _typeable(path):
    case = h.load_case(path)
    if "input" not in case:
        return False
    try:
        h.form_draft(case["input"])
        return True
    except h.NotTyped:
        return False  # e.g. openings "２", an unknown key: such input is covered through JSON


INPUT_FORM_CASES = [p for p in h.FORM_CASES if "input" in h.load_case(p)]
TYPED_FORM_CASES = [p for p in INPUT_FORM_CASES if _typeable(p)]


def test_typed_drafts_cover_most_form_cases():
    assert len(TYPED_FORM_CASES) >= len(INPUT_FORM_CASES) // 2, \
        f"only {len(TYPED_FORM_CASES)} of {len(INPUT_FORM_CASES)} form cases typed"


@pytest.mark.parametrize("case_file", TYPED_FORM_CASES, ids=h.case_id)
def test_form_case_through_typed_draft(case_file):
    """Where a `FormDraft` can say what the input says, `validate(draft)` finds the same."""
    case = h.load_case(case_file)
    expect = case["expect"]
    draft = h.form_draft(case["input"])
    validation = kn.validate(draft)
    findings = [h.finding_dict(f) for f in validation.findings]
    assert sorted(map(h.triple, findings)) == sorted(map(h.triple, expect["findings"]))
    has_errors = any(f["severity"] == "error" for f in findings)
    assert validation.registrable == (not has_errors)
    if has_errors:
        assert validation.form is None
        with pytest.raises(kn.KeyNetError.InvalidForm) as info:
            kn.normalize(draft)
        assert sorted(map(h.triple, map(h.finding_dict, info.value.findings))) == sorted(map(h.triple, findings))
        return
    form = kn.normalize(draft)
    assert form == validation.form
    canonical = json.loads(kn.form_to_json(form))
    if expect.get("canonical") is not None:
        assert h.canon(canonical) == h.canon(expect["canonical"])
    assert h.prune(h.plain(form)) == h.prune(canonical)
    assert kn.normalize(kn.form_draft(form)) == form


# --- operation cases -------------------------------------------------------------------------

def error_of(exc):
    """(kind, detail, findings) of a KeyNetError, in the golden table's words."""
    E = kn.KeyNetError
    if isinstance(exc, E.InvalidInput):
        return "invalid_input", h.variant_name(exc.kind), []
    if isinstance(exc, E.InvalidForm):
        return "invalid", None, [h.finding_dict(f) for f in exc.findings]
    if isinstance(exc, E.Lifecycle):
        return "lifecycle", h.variant_name(exc.problem), []
    if isinstance(exc, E.Disclosure):
        return "disclosure", None, []
    if isinstance(exc, E.Rules):
        return "rules", None, []
    if isinstance(exc, E.Internal):
        return "internal", None, []
    raise AssertionError(f"not a KeyNetError case: {exc!r}")


def check_answer(expect, output, error, at, *, exact_findings=True):
    if error is None:
        assert "error" not in expect, f"expected an error, got {output!r}"
        assert h.canon(h.strip_messages(output)) == h.canon(expect["output"])
        return
    want = expect.get("error")
    kind, detail, findings = error_of(error)
    assert want is not None, f"unexpected error {kind}: {error}"
    assert kind == want["kind"], f"error kind {kind} ({error}), want {want['kind']}"
    assert str(error).strip()
    for f in findings:
        assert f["message"].strip() and f["message_ja"].strip(), f
    if "detail" in want:
        assert detail == want["detail"]
    if "at" in want:
        assert at == want["at"], f"failed at event {at}, want {want['at']}"
    if "findings" in want and exact_findings:
        assert sorted(map(h.triple, findings)) == sorted(map(h.triple, want["findings"]))


def run_call_json(kind, args):
    if kind == "apply_events":
        posting = args["posting"]
        for i, event in enumerate(args["events"]):
            try:
                posting = json.loads(kn.call_json("apply_event", h.dumps({"posting": posting, "event": event})))
            except kn.KeyNetError as e:
                return None, e, i
        return posting, None, None
    try:
        return json.loads(kn.call_json(kind, h.dumps(args))), None, None
    except kn.KeyNetError as e:
        return None, e, None


def _named_json(kind, a):
    d = h.dumps
    rules = d(a["rules"]) if a.get("rules") is not None else None
    calls = {
        "view": lambda: kn.view_json(d(a["form"]), h._enum(kn.ViewKind, a["view"])),
        "public_view": lambda: kn.public_view_json(d(a["form"])),
        "registered_view": lambda: kn.registered_view_json(d(a["form"])),
        "distribute": lambda: kn.distribute_json(d(a["postings"]), d(a["recipients"]), rules),
        "explain": lambda: kn.explain_json(d(a["posting"]), d(a["recipient"]), rules),
        "new_since": lambda: kn.new_since_json(d(a["previous"]), d(a["current"]), d(a["recipients"]), rules),
        "count_table": lambda: kn.count_table_json(d(a["postings"])),
        "assess_training": lambda: kn.assess_training_json(d(a["plan"])),
        "disclose": lambda: kn.disclose_json(d(a["posting"]), a["seeker_id"]),
        "account_status": lambda: kn.account_status_json(d(a["postings"]), a["facility_id"], a["year"], a["month"]),
        "duplicate_open_postings": lambda: kn.duplicate_open_postings_json(d(a["postings"])),
    }
    return calls.get(kind)


def run_named_json(kind, args):
    if kind == "apply_events":
        posting = h.dumps(args["posting"])
        for i, event in enumerate(args["events"]):
            try:
                posting = kn.apply_event_json(posting, h.dumps(event))
            except kn.KeyNetError as e:
                return None, e, i
        return json.loads(posting), None, None
    call = _named_json(kind, args)
    if call is None:
        return NotImplemented
    try:
        return json.loads(call()), None, None
    except kn.KeyNetError as e:
        return None, e, None


def _typed_call(kind, a):
    """The typed call for an operation case, its arguments converted first. Raises NotTyped (or
    the KeyNetError of reading a posting/form) when the arguments cannot be typed."""
    form = lambda: kn.form_from_json(h.dumps(a["form"]))

    def recipients():
        if not isinstance(a["recipients"], list):
            raise h.NotTyped("recipients")
        return [h.recipient(r) for r in a["recipients"]]

    if kind == "view":
        f, v = form(), h._enum(kn.ViewKind, a["view"])
        return lambda: kn.view(f, v)
    if kind == "public_view":
        f = form()
        return lambda: kn.public_view(f)
    if kind == "registered_view":
        f = form()
        return lambda: kn.registered_view(f)
    if kind in ("distribute", "new_since"):
        rs = recipients()
        rules = h.rules(a.get("rules"))
        if kind == "distribute":
            ps = h.postings(a["postings"])
            return lambda: kn.distribute(ps, rs, rules)
        prev, cur = h.postings(a["previous"]), h.postings(a["current"])
        return lambda: kn.new_since(prev, cur, rs, rules)
    if kind == "explain":
        p, r, rules = h.posting(a["posting"]), h.recipient(a["recipient"]), h.rules(a.get("rules"))
        return lambda: kn.explain(p, r, rules)
    if kind == "count_table":
        ps = h.postings(a["postings"])
        return lambda: kn.count_table(ps)
    if kind == "assess_training":
        plan = h.training_plan(a["plan"])
        return lambda: kn.assess_training(plan)
    if kind == "disclose":
        p = h.posting(a["posting"])
        return lambda: kn.disclose(p, a["seeker_id"])
    if kind == "account_status":
        ps = h.postings(a["postings"])
        return lambda: kn.account_status(ps, a["facility_id"], a["year"], a["month"])
    if kind == "duplicate_open_postings":
        ps = h.postings(a["postings"])
        return lambda: kn.duplicate_open_postings(ps)
    return None


def run_typed(kind, args):
    """(output as JSON data, error, at, converted): `converted` is False when the arguments could
    not be typed and the error (if any) came from reading them."""
    if kind == "apply_events":
        try:
            posting = h.posting(args["posting"])
        except kn.KeyNetError as e:
            return None, e, None, False
        for i, event in enumerate(args["events"]):
            try:
                typed_event = h.lifecycle_event(event)
            except h.NotTyped as why:
                return None, why, i, False
            try:
                posting = kn.apply_event(posting, typed_event)
            except kn.KeyNetError as e:
                return None, e, i, True
        return h.plain(posting), None, None, True
    try:
        call = _typed_call(kind, args)
    except (h.NotTyped, kn.KeyNetError) as e:
        return None, e, None, False
    if call is None:
        return NotImplemented
    try:
        return h.plain(call()), None, None, True
    except kn.KeyNetError as e:
        return None, e, None, True


@pytest.mark.parametrize("case_file", h.OPERATION_CASES, ids=h.case_id)
def test_operation_case_through_call_json(case_file):
    case = h.load_case(case_file)
    output, error, at = run_call_json(case["kind"], case["args"])
    check_answer(case["expect"], output, error, at)


# The operations with a named JSON and a typed entry point in the Swift API. Every other
# operation of the table (kintone records, G-MIS accounts, bed views, …) is reached from Swift
# through call_json, which runs every case above.
SWIFT_API_KINDS = {
    "view", "public_view", "registered_view", "distribute", "explain", "new_since", "count_table",
    "assess_training", "disclose", "account_status", "duplicate_open_postings", "apply_events",
}
SWIFT_API_CASES = [p for p in h.OPERATION_CASES if h.load_case(p)["kind"] in SWIFT_API_KINDS]


def is_posting_view(case):
    """A view of a posting: no typed entry point takes one (a FormDraft is a form); the named
    JSON functions and call_json run these cases."""
    form = case["args"].get("form")
    return case["kind"].endswith("view") and isinstance(form, dict) and "posting_id" in form


SWIFT_TYPED_CASES = [p for p in SWIFT_API_CASES if not is_posting_view(h.load_case(p))]


@pytest.mark.parametrize("case_file", SWIFT_API_CASES, ids=h.case_id)
def test_operation_case_through_named_json_function(case_file):
    case = h.load_case(case_file)
    answer = run_named_json(case["kind"], case["args"])
    assert answer is not NotImplemented, f"no named JSON entry point for {case['kind']}"
    check_answer(case["expect"], *answer)


@pytest.mark.parametrize("case_file", SWIFT_TYPED_CASES, ids=h.case_id)
def test_operation_case_through_typed_function(case_file):
    case = h.load_case(case_file)
    expect = case["expect"]
    answer = run_typed(case["kind"], case["args"])
    assert answer is not NotImplemented, f"no typed entry point for {case['kind']}"
    output, error, at, converted = answer
    if not converted:
        # The arguments themselves cannot be typed: the case must expect them refused.
        assert "error" in expect, f"arguments not typed ({error}) but the case expects an output"
        assert expect["error"]["kind"] == "invalid", error
        if "at" in expect["error"]:
            assert at == expect["error"]["at"]
        if isinstance(error, kn.KeyNetError):
            assert error_of(error)[0] == "invalid"
        return
    if error is None:
        assert "error" not in expect, f"expected an error, got {output!r}"
        got, want = h.prune(h.strip_messages(output)), h.prune(expect["output"])
        assert h.canon(got) == h.canon(want)
        return
    check_answer(expect, output, error, at)


def test_every_swift_api_operation_has_cases():
    kinds = {h.load_case(p)["kind"] for p in SWIFT_API_CASES}
    assert kinds == SWIFT_API_KINDS, SWIFT_API_KINDS - kinds
    assert len(SWIFT_API_CASES) >= 40


def test_operations_reached_through_call_json_only():
    """Listed, so that an operation added to the façade is seen: it works from Swift through
    call_json (test_operation_case_through_call_json) even before it gets typed records."""
    others = {h.load_case(p)["kind"] for p in h.OPERATION_CASES} - SWIFT_API_KINDS
    for kind in sorted(others):
        assert kind and kind.replace("_", "").isalpha(), kind
