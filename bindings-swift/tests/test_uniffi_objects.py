"""The objects of the Swift/Kotlin API (`ValidForm`, `PostingObject`, `RuleSet`), through UniFFI's
Python backend: read once, then views, registration, events and distribution on the held value.
Each method must answer exactly as the functions do on the same input — those are checked
against the golden table (test_uniffi_golden.py) — on every golden case it applies to.
Tests/KeyNetTests/ObjectTests.swift says the same in Swift for `swift test` on a Mac.
"""

import json
import threading

import pytest

import uniffi_helpers as h
from uniffi_helpers import kn

VIEWS = ("INTERNAL", "REGISTERED", "PUBLIC", "COUNTS")


def outcome(call):
    """("ok", answer) or ("error", case name, fields) of a call, comparable with ==."""
    try:
        return "ok", call()
    except kn.KeyNetError as e:
        return "error", type(e).__name__, error_fields(e)


def error_fields(e):
    """The data of a KeyNetError case: its findings as (path, code, severity), its problem or
    kind, and `at`; messages are checked to be text and left out."""
    out = {}
    for name in ("kind", "problem", "at"):
        if hasattr(e, name):
            out[name] = getattr(e, name)
    if hasattr(e, "findings"):
        out["findings"] = sorted(h.triple(h.finding_dict(f)) for f in e.findings)
    for name in ("message", "message_ja"):
        if hasattr(e, name):
            assert getattr(e, name).strip(), (type(e).__name__, name)
    return out


def json_outcome(call):
    result = outcome(call)
    return ("ok", json.loads(result[1])) if result[0] == "ok" else result


def case_text(case):
    return case["input_json"] if "input_json" in case else h.dumps(case["input"])


# --- ValidForm -------------------------------------------------------------------------------

@pytest.mark.parametrize("case_file", h.FORM_CASES, ids=h.case_id)
def test_a_valid_form_answers_as_the_functions_do(case_file):
    case = h.load_case(case_file)
    text = case_text(case)
    made = outcome(lambda: kn.ValidForm.from_json(text))
    expected = outcome(lambda: kn.form_from_json(text))
    if expected[0] == "error":
        assert made == expected
        return
    valid, form = made[1], expected[1]
    assert [h.finding_dict(f) for f in valid.findings()] == [h.finding_dict(f) for f in kn.validate_json(text)]
    assert valid.form() == form
    assert valid.masking_requested() == form.masking_requested
    assert valid.occupation() == form.occupation
    assert json.loads(valid.to_json()) == json.loads(kn.normalize_json(text))
    assert valid.to_json() == kn.form_to_json(form)
    assert outcome(valid.public_view) == outcome(lambda: kn.public_view(form))
    assert outcome(valid.registered_view) == outcome(lambda: kn.registered_view(form))
    assert json_outcome(valid.public_view_json) == json_outcome(lambda: kn.public_view_json(text))
    assert json_outcome(valid.registered_view_json) == json_outcome(lambda: kn.registered_view_json(text))
    for name in VIEWS:
        kind = kn.ViewKind[name]
        assert outcome(lambda: valid.view(kind)) == outcome(lambda: kn.view(form, kind)), name
        assert json_outcome(lambda: valid.view_json(kind)) == json_outcome(lambda: kn.view_json(text, kind)), name
    again = kn.ValidForm.from_form(form)
    assert again.to_json() == valid.to_json() and again.findings() == valid.findings()


def _draft(case_file):
    """The case's input as a FormDraft, or None where the input says what a draft cannot (openings
    "２", an unknown key: covered through JSON above)."""
    case = h.load_case(case_file)
    try:
        return h.form_draft(case["input"]) if "input" in case else None
    except h.NotTyped:
        return None


DRAFT_CASES = [p for p in h.FORM_CASES if _draft(p) is not None]


def test_most_form_cases_are_drafts():
    assert len(DRAFT_CASES) >= len(h.FORM_CASES) // 2


@pytest.mark.parametrize("case_file", DRAFT_CASES, ids=h.case_id)
def test_a_valid_form_from_a_draft_answers_as_normalize(case_file):
    draft = _draft(case_file)
    made = outcome(lambda: kn.ValidForm(draft))
    expected = outcome(lambda: kn.normalize(draft))
    if expected[0] == "error":
        assert made == expected
        return
    valid = made[1]
    assert valid.form() == expected[1]
    assert valid.findings() == kn.validate(draft).findings


def test_register_answers_as_the_function(posting_case):
    form = kn.form_from_json(h.dumps(posting_case["args"]["posting"]["form"]))
    valid = kn.ValidForm.from_form(form)
    for posting_id, on in [("P-1", "2020-06-01"), ("P-2", "令和2年6月2日"), ("  ", "2020-06-01"), ("P-3", "いつか")]:
        made = outcome(lambda: valid.register(posting_id, on).to_record())
        assert made == outcome(lambda: kn.register(form, posting_id, on)), (posting_id, on)
    posting = valid.register("P-1", "2020-06-01")
    assert posting.to_json() == kn.posting_to_json(kn.register(form, "P-1", "2020-06-01"))
    assert (posting.id(), posting.status()) == ("P-1", kn.PostingStatus.OPEN)
    assert posting.form().to_json() == valid.to_json()
    assert posting.public_view() == valid.public_view()
    assert posting.public_view_json() == valid.public_view_json()


@pytest.fixture
def posting_case():
    return h.load_case(h.CASES_DIR / "lifecycle" / "hire_train_report_close.json")


# --- PostingObject ---------------------------------------------------------------------------

def _cases(kind):
    return [p for p in h.OPERATION_CASES if h.load_case(p)["kind"] == kind]


@pytest.mark.parametrize("case_file", _cases("apply_events"), ids=h.case_id)
def test_apply_events_answers_as_the_functions_and_the_table(case_file):
    case = h.load_case(case_file)
    posting_json, events = h.dumps(case["args"]["posting"]), case["args"]["events"]
    expected = json_outcome(lambda: kn.call_json("apply_events", h.dumps(case["args"])))
    want = case["expect"]

    posting = kn.PostingObject.from_json(posting_json)
    before = posting.to_json()
    made = outcome(lambda: posting.apply_events_json(h.dumps(events)))
    if expected[0] == "ok":
        assert made == ("ok", None)
        assert json.loads(posting.to_json()) == expected[1]
        assert h.canon(h.strip_messages(json.loads(posting.to_json()))) == h.canon(want["output"])
    else:
        assert made == expected
        # The table's failing event, and all or nothing: the posting is as it was.
        assert made[2]["at"] == want["error"]["at"]
        assert posting.to_json() == before

    # The typed events, where an app can build them, answer the same.
    try:
        typed = [h.lifecycle_event(e) for e in events]
    except h.NotTyped:
        typed = None
    if typed is not None:
        posting = kn.PostingObject(kn.posting_from_json(posting_json))
        assert outcome(lambda: posting.apply_events(typed)) == made
        assert json.loads(posting.to_json()) == (json.loads(before) if made[0] == "error" else expected[1])

    # One by one: `apply` answers as `applyEventJson`, with no `at`, and changes nothing when
    # it refuses.
    posting = kn.PostingObject.from_json(posting_json)
    record_json = posting_json
    for event in events:
        step = json_outcome(lambda: kn.apply_event_json(record_json, h.dumps(event)))
        now = posting.to_json()
        assert outcome(lambda: posting.apply_json(h.dumps(event))) == (step if step[0] == "error" else ("ok", None))
        if step[0] == "error":
            assert step[2].get("at") is None
            assert posting.to_json() == now
            break
        assert json.loads(posting.to_json()) == step[1]
        record_json = posting.to_json()


def test_apply_typed_event_and_record(posting_case):
    record = kn.posting_from_json(h.dumps(posting_case["args"]["posting"]))
    posting = kn.PostingObject(record)
    assert posting.to_record() == record
    assert posting.to_json() == kn.posting_to_json(record)
    event = kn.LifecycleEvent.INQUIRY(seeker_id="S-1", on="2020-06-02")
    posting.apply(event)
    assert posting.to_record() == kn.apply_event(record, event)
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        posting.apply(kn.LifecycleEvent.INQUIRY(seeker_id="S-1", on="いつか"))
    assert [f.path for f in info.value.findings] == ["event.on"] and info.value.at is None
    E = kn.LifecycleEvent
    with pytest.raises(kn.KeyNetError.Lifecycle) as info:
        posting.apply_events([E.APPLICATION(seeker_id="S-2", on="2020-06-03"),
                              E.APPLICATION(seeker_id="S-2", on="2020-06-04")])
    assert info.value.problem == kn.LifecycleProblem.ALREADY_APPLIED(seeker_id="S-2") and info.value.at == 1
    assert posting.to_record() == kn.apply_event(record, event), "all or nothing"
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        posting.apply_events_json('{"type": "inquiry"}')
    assert [f.path for f in info.value.findings] == ["events"] and info.value.at is None


@pytest.mark.parametrize("case_file", _cases("disclose"), ids=h.case_id)
def test_disclose_answers_as_the_functions(case_file):
    args = h.load_case(case_file)["args"]
    posting_json, seeker = h.dumps(args["posting"]), args["seeker_id"]
    made = outcome(lambda: kn.PostingObject.from_json(posting_json))
    if made[0] == "error":
        assert made[1] == "InvalidForm"
        assert json_outcome(lambda: kn.disclose_json(posting_json, seeker))[0] == "error"
        return
    posting = made[1]
    assert json_outcome(lambda: posting.disclose_json(seeker)) == json_outcome(lambda: kn.disclose_json(posting_json, seeker))
    record = kn.posting_from_json(posting_json)
    assert outcome(lambda: posting.disclose(seeker)) == outcome(lambda: kn.disclose(record, seeker))
    assert posting.public_view() == kn.public_view(record.form)


# --- RuleSet ---------------------------------------------------------------------------------

def _rule_sets(rules):
    """The rule set of a case, made both ways: from typed rules (where they can be typed) and
    from JSON text."""
    sets = []
    try:
        sets.append(kn.RuleSet(h.rules(rules)))
    except h.NotTyped:
        pass
    except kn.KeyNetError:
        sets.append(None)
    if rules is not None:
        try:
            sets.append(kn.RuleSet.from_json(h.dumps(rules)))
        except kn.KeyNetError:
            sets.append(None)
    return sets


@pytest.mark.parametrize("case_file", _cases("distribute") + _cases("explain"), ids=h.case_id)
def test_a_rule_set_answers_as_the_functions(case_file):
    case = h.load_case(case_file)
    kind, a = case["kind"], case["args"]
    try:
        rules = h.rules(a.get("rules"))
        if kind == "distribute":
            records, recipients = h.postings(a["postings"]), [h.recipient(r) for r in a["recipients"]]
        else:
            records, recipients = [h.posting(a["posting"])], [h.recipient(a["recipient"])]
    except h.NotTyped:
        pytest.skip("arguments an app cannot hold as typed values (covered through JSON)")
    except kn.KeyNetError.InvalidForm:
        # A posting that does not read: no object is made of it, and the function refuses it.
        given = a["postings"] if kind == "distribute" else [a["posting"]]
        made = [outcome(lambda: kn.PostingObject.from_json(h.dumps(p)))[:2] for p in given]
        assert ("error", "InvalidForm") in made
        assert case["expect"]["error"]["kind"] == "invalid"
        return
    objects = [kn.PostingObject(r) for r in records]
    if kind == "distribute":
        expected = outcome(lambda: kn.distribute(records, recipients, rules))
        call = lambda rs: rs.distribute(objects, recipients)
    else:
        expected = outcome(lambda: kn.explain(records[0], recipients[0], rules))
        call = lambda rs: rs.explain(objects[0], recipients[0])
    sets = _rule_sets(a.get("rules"))
    assert sets
    for rule_set in sets:
        if rule_set is None:
            assert expected[:2] == ("error", "Rules")
            continue
        assert outcome(lambda: call(rule_set)) == expected


def test_the_standard_rule_set():
    rules = kn.RuleSet()
    assert rules.rules() == kn.standard_rules()
    assert json.loads(rules.to_json())["rules"] and kn.RuleSet.from_json(rules.to_json()).rules() == rules.rules()
    with pytest.raises(kn.KeyNetError.Rules):
        kn.RuleSet.from_json('{"rules": [{"kind": 3}]}')
    with pytest.raises(kn.KeyNetError.InvalidInput):
        kn.RuleSet.from_json("{")


def test_a_rule_set_distributes_many_postings_as_the_function(posting_case):
    form = kn.form_from_json(h.dumps(posting_case["args"]["posting"]["form"]))
    valid = kn.ValidForm.from_form(form)
    objects = [valid.register(f"P-{i}", "2020-06-01") for i in range(30)]
    objects[3].apply(kn.LifecycleEvent.CLOSE(reason=kn.ClosedReason.FILLED, on="2020-06-20"))
    recipients = kn.standard_recipients(["A社"])
    records = [p.to_record() for p in objects]
    rules = kn.RuleSet()
    assert rules.distribute(objects, recipients) == kn.distribute(records, recipients)
    # The same object twice, and from several threads at once: the postings are shared, read
    # under their lock.
    assert rules.distribute([objects[0], objects[0]], recipients) == kn.distribute(records[:1] * 2, recipients)
    answers, errors = [], []

    def distribute():
        try:
            answers.append(rules.distribute(objects, recipients))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=distribute) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(answers) == 4 and all(a == answers[0] for a in answers)


def test_objects_refuse_what_does_not_read():
    with pytest.raises(kn.KeyNetError.InvalidInput) as info:
        kn.ValidForm.from_json("[1, 2]")
    assert info.value.kind == kn.InputErrorKind.NOT_AN_OBJECT
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.PostingObject.from_json('{"posting_id": "P-1"}')
    assert info.value.findings and all(f.path.startswith("posting") for f in info.value.findings)
