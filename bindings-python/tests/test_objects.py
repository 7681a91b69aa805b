"""Host objects that hold core values (ValidForm, Posting, RuleSet): read once, then views,
registration, events and distribution without re-reading. Each must answer exactly as the
module-level functions do on the same input (those are checked against the golden table)."""

import copy
import datetime
import json
import os
from pathlib import Path

import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))


def case(name):
    return json.loads((CASES_DIR / name).read_text(encoding="utf-8"))


def form_cases():
    return sorted(p for p in CASES_DIR.glob("*.json"))


@pytest.fixture
def masked_form():
    return copy.deepcopy(case("domain_example.json")["input"])


@pytest.mark.parametrize("path", form_cases(), ids=lambda p: p.stem)
def test_a_valid_form_answers_as_the_functions_do(path):
    c = json.loads(path.read_text(encoding="utf-8"))
    form = c["input"] if "input" in c else c["input_json"]
    try:
        findings = keynet.validate(form)
    except keynet.InputError:
        with pytest.raises(keynet.InputError):
            keynet.ValidForm(form)
        return
    if any(f["severity"] == "error" for f in findings):
        with pytest.raises(keynet.InvalidForm) as info:
            keynet.ValidForm(form)
        assert info.value.findings == findings
        return
    valid = keynet.ValidForm(form)
    assert valid.findings == findings
    assert valid.to_dict() == keynet.normalize(form)
    assert json.loads(valid.to_json()) == keynet.normalize(form)
    assert valid.public_view() == keynet.public_view(form)
    assert valid.registered_view() == keynet.registered_view(form)
    for name in ("internal", "registered", "public"):
        assert valid.view(name) == keynet.view(form, name)
    assert valid.view("counts") is None


def test_a_valid_form_reads_text_and_bytes_alike(masked_form):
    text = json.dumps(masked_form, ensure_ascii=False)
    for given in (masked_form, text, text.encode("utf-8")):
        valid = keynet.ValidForm(given)
        assert valid.masking_requested is True
        assert valid.occupation == "nurse"
        assert valid.public_view()["contact"]["email"] is None
    with pytest.raises(ValueError, match="view must be"):
        keynet.ValidForm(masked_form).view("everything")
    with pytest.raises(keynet.InputError):
        keynet.ValidForm("[1, 2]")


def test_register_apply_and_disclose_on_objects(masked_form):
    steps = case("lifecycle/hire_train_report_close.json")["args"]
    valid = keynet.ValidForm(masked_form)
    posting = valid.register("P-1", datetime.date(2020, 6, 1))
    assert (posting.id, posting.status) == ("P-1", "open")
    as_dict = keynet.register(masked_form, "P-1", "2020-06-01")
    assert posting.to_dict() == as_dict
    assert keynet.Posting(as_dict).to_dict() == as_dict
    assert posting.form.to_dict() == valid.to_dict()
    assert posting.public_view() == valid.public_view()

    events = steps["events"]
    expected = keynet.apply_events(as_dict, events)
    posting.apply_events(events)
    assert posting.to_dict() == expected
    assert posting.status == "closed"

    # All or nothing: a refused event leaves the posting as it was, and names the event.
    fresh = keynet.Posting(as_dict)
    before = fresh.to_dict()
    with pytest.raises(keynet.LifecycleError) as info:
        fresh.apply_events(events + [{"type": "inquiry", "on": "2020-07-01", "seeker_id": "S-2"}])
    assert info.value.at == len(events)
    assert fresh.to_dict() == before

    one = keynet.Posting(as_dict)
    one.apply(events[0])
    assert one.to_dict() == keynet.apply_event(as_dict, events[0])
    with pytest.raises(keynet.InvalidForm):
        one.apply({"type": "promote"})
    seeker = events[0]["seeker_id"]
    assert one.disclose(seeker) == keynet.disclose(one.to_dict(), seeker)
    with pytest.raises(keynet.DisclosureError):
        one.disclose("S-nobody")


def test_a_rule_set_distributes_objects_as_the_function_distributes_dicts():
    postings = keynet.sample_postings(120, seed=11)
    recipients = keynet.standard_recipients(["A社"])
    rules = keynet.RuleSet()
    objects = [keynet.Posting(p) for p in postings]
    expected = keynet.distribute(postings, recipients)
    assert rules.distribute(objects, recipients) == expected
    assert rules.distribute(postings, recipients) == expected
    assert rules.distribute(json.dumps(postings, ensure_ascii=False), recipients) == expected
    for recipient in recipients[:5]:
        assert rules.explain(objects[0], recipient) == keynet.explain(postings[0], recipient)
    assert len(rules.to_dict()["rules"]) >= 10
    with pytest.raises(keynet.OperationError):
        keynet.RuleSet({"rules": [{"kind": 3}]})


def test_errors_carry_their_catalogue_context():
    catalogue = keynet.error_catalogue()
    rows = {(t["kind"], t["detail"]): t for t in catalogue}
    assert ("invalid_input", "too_deep") in rows and ("lifecycle", "closed") in rows
    with pytest.raises(keynet.InputError) as info:
        keynet.validate("[" * 100 + "]" * 100)
    err = info.value
    row = rows[("invalid_input", err.kind)]
    assert set(err.context) == set(row["context"])
    rendered = row["template"]
    for name, value in err.context.items():
        rendered = rendered.replace("{" + name + "}", str(value))
    assert rendered in str(err)
    posting = keynet.register(case("domain_example.json")["input"], "P-1", "2020-06-01")
    event = {"type": "application", "on": "2020-06-02", "seeker_id": "S-7"}
    with pytest.raises(keynet.LifecycleError) as info:
        keynet.apply_events(posting, [event, event])
    assert info.value.context == {"seeker_id": "S-7"}
    row = rows[("lifecycle", info.value.detail)]
    assert row["template_ja"].replace("{seeker_id}", "S-7") == "求職者「S-7」は既に応募しています"
