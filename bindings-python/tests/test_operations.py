"""Views, distribution, training and the lifecycle through the Python binding.

Forms and postings come from the golden case table and the core's sample generator; the
assertions check what the binding promises (shapes, input types, exceptions and their facts) and
that operations agree with each other (explain with distribute, call with the named functions).
"""

import copy
import datetime
import json
import os
from pathlib import Path

import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))
FINDING_KEYS = {"path", "code", "severity", "message", "message_ja"}


def case(name):
    return json.loads((CASES_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture
def masked_form():
    form = case("domain_example.json")["input"]
    assert form["masking_requested"] is True
    return copy.deepcopy(form)


@pytest.fixture
def open_posting():
    return copy.deepcopy(case("lifecycle/hire_train_report_close.json")["args"]["posting"])


@pytest.fixture(scope="module")
def postings():
    return keynet.sample_postings(300, seed=7)


def jsonl(items):
    return "\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n"


# --- views ---------------------------------------------------------------------------------------

def test_public_view_of_a_masked_form_hides_the_masked_fields(masked_form):
    public = keynet.public_view(masked_form)
    assert "id" not in public["facility"]
    assert public["facility"]["name"] is None
    assert public["workplace"]["municipality"] == "千代田区"
    for field in ("postal_code", "street_address", "facility_name"):
        assert public["workplace"][field] is None
    assert all(v is None for v in public["contact"].values())
    text = json.dumps(public, ensure_ascii=False)
    for secret in ("千代田中央病院", "03-3292-0000", "jinji@example.jp", "GM13-004217", "山田"):
        assert secret not in text


def test_registered_view_keeps_everything_but_the_facility_id(masked_form):
    registered = keynet.registered_view(masked_form)
    internal = keynet.view(masked_form, "internal")
    assert internal["facility"]["id"] == "GM13-004217"
    assert "id" not in registered["facility"]
    del internal["facility"]["id"]
    assert registered == internal
    assert keynet.view(masked_form, "registered") == registered
    assert keynet.view(masked_form, "public") == keynet.public_view(masked_form)


def test_views_read_dict_str_and_bytes_alike(masked_form):
    text = json.dumps(masked_form, ensure_ascii=False)
    for function in (keynet.public_view, keynet.registered_view):
        assert function(text) == function(masked_form) == function(text.encode("utf-8"))


@pytest.mark.parametrize("name", ["counts", "everything"])
def test_a_view_that_shows_no_form_is_a_finding_at_view(masked_form, name):
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.view(masked_form, name)
    assert [f["path"] for f in info.value.findings] == ["view"]


def test_a_view_of_a_form_with_errors_raises_invalid_form_with_its_findings(masked_form):
    masked_form["notes"] = "お問い合わせは千代田中央病院まで"
    findings = keynet.validate(masked_form)
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.public_view(masked_form)
    err = info.value
    assert (err.kind, err.detail) == ("invalid", None)
    assert sorted(map(str, err.findings)) == sorted(map(str, findings))
    assert any(f["code"] == "masking_leak" for f in err.findings)
    assert "千代田中央病院" not in str(err)


# --- distribution --------------------------------------------------------------------------------

def test_distribute_to_the_standard_recipients(postings):
    recipients = keynet.standard_recipients(["A社", "B社"])
    result = keynet.distribute(postings, recipients)
    assert [d["recipient"] for d in result] == recipients
    open_ids = [p["posting_id"] for p in postings if p["status"] == "open"]
    public = next(d for d in result if d["recipient"] == {"kind": "public_site"})
    assert public["view"] == "public"
    assert public["posting_ids"] == open_ids  # every open posting, in input order
    agency = next(d for d in result if d["recipient"].get("name") == "A社")
    assert agency["view"] == "counts" and "posting_ids" not in agency
    assert agency["counts"] == keynet.count_table(postings)


def test_list_arguments_accept_lists_tuples_iterables_json_and_json_lines(postings):
    recipients = [{"kind": "central_nurse_center"}, {"kind": "private_agency", "name": "A社"}]
    expected = keynet.distribute(postings, recipients)
    assert expected[0]["posting_ids"]
    text = jsonl(postings)
    for form in (
        tuple(postings),
        iter(postings),
        [json.dumps(p, ensure_ascii=False) for p in postings],
        json.dumps(postings, ensure_ascii=False),
        json.dumps(postings).encode("utf-8"),
        text,
        text.encode("utf-8"),
        "\n\n" + text.replace("\n", "\r\n\n"),
    ):
        assert keynet.distribute(form, json.dumps(recipients)) == expected


def test_a_bad_json_line_is_an_input_error_naming_its_line(postings):
    text = jsonl(postings[:3]) + "{not json\n"
    with pytest.raises(keynet.InputError) as info:
        keynet.count_table(text)
    assert info.value.kind == "syntax"
    assert "postings line 4" in str(info.value)


def test_a_value_json_cannot_hold_is_a_type_error_naming_the_item(postings):
    bad = [postings[0], {**postings[1], "registered_on": datetime.date(2020, 6, 1)}]
    with pytest.raises(TypeError, match=r"postings\[1\]\.registered_on"):
        keynet.count_table(bad)
    with pytest.raises(TypeError, match="must be a list"):
        keynet.count_table(42)


def test_an_invalid_posting_is_a_finding_at_its_index(postings):
    broken = copy.deepcopy(postings[:3])
    broken[2]["form"]["openings"] = 0
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.distribute(broken, [{"kind": "mhlw"}])
    assert [(f["path"], f["code"]) for f in info.value.findings] == [("postings.2.form.openings", "range")]
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.count_table({"posting_id": "P-1"})
    assert info.value.findings[0]["path"] == "postings"


def test_explain_agrees_with_distribute(postings):
    recipients = [
        {"kind": "central_nurse_center"},
        {"kind": "prefectural_nurse_center", "prefecture": "13"},
        {"kind": "women_doctors_bank"},
        {"kind": "public_site"},
    ]
    result = keynet.distribute(postings[:60], recipients)
    for delivery in result:
        received = set(delivery["posting_ids"])
        for posting in postings[:60]:
            explanation = keynet.explain(posting, delivery["recipient"])
            assert explanation["received"] == (posting["posting_id"] in received)
            assert explanation["view"] == (delivery["view"] if explanation["received"] else None)
            assert explanation["rule"].startswith(delivery["recipient"]["kind"] + ":")
            assert explanation["reason"].strip()


def test_rules_extend_the_standard_set(open_posting):
    desk = {"kind": "tokyo_desk", "prefecture": "13"}
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.explain(open_posting, desk)
    assert info.value.findings[0]["code"] == "unknown_value"
    rules = {"rules": [{"kind": "tokyo_desk", "label_ja": "東京窓口", "view": "registered",
                        "occupations": ["nurse"], "occupations_label": "nurses",
                        "occupation_noun": "a nurse", "region": "own_prefecture",
                        "tied_to_prefecture": True}]}
    explanation = keynet.explain(open_posting, desk, rules)
    assert explanation["received"] is True and explanation["view"] == "registered"
    assert keynet.explain(open_posting, desk, json.dumps(rules)) == explanation


def test_unusable_rules_raise_rules_error(open_posting):
    with pytest.raises(keynet.RulesError) as info:
        keynet.explain(open_posting, {"kind": "mhlw"}, {"rules": [{"kind": "x"}]})
    err = info.value
    assert isinstance(err, keynet.OperationError) and isinstance(err, ValueError)
    assert err.kind == "rules" and err.findings == []


def test_new_since_nothing_is_the_distribution(postings):
    recipients = keynet.standard_recipients(["A社"])
    assert keynet.new_since([], postings, recipients) == keynet.distribute(postings, recipients)
    assert all(
        not d.get("posting_ids") and not d.get("counts")
        for d in keynet.new_since(postings, postings, recipients)
    )


def test_count_table_counts_open_postings_only(postings):
    rows = keynet.count_table(postings)
    open_postings = [p for p in postings if p["status"] == "open"]
    assert 0 < len(open_postings) < len(postings)
    assert sum(r["postings"] for r in rows) == len(open_postings)
    assert sum(r["openings"] for r in rows) == sum(p["form"]["openings"] for p in open_postings)
    assert all(set(r) == {"occupation", "prefecture", "postings", "openings"} for r in rows)


def test_standard_recipients_cover_every_prefecture_and_the_agencies():
    plain = keynet.standard_recipients()
    with_agencies = keynet.standard_recipients(["A社", "B社"])
    assert len(with_agencies) == len(plain) + 2
    assert {"kind": "private_agency", "name": "B社"} in with_agencies
    nurse_centers = [r for r in plain if r["kind"] == "prefectural_nurse_center"]
    assert [r["prefecture"] for r in nurse_centers] == [p["code"] for p in keynet.prefectures()]


# --- training ------------------------------------------------------------------------------------

def test_assess_training_spec_example():
    plan = case("training/spec_example.json")["args"]["plan"]
    assessment = keynet.assess_training(plan)
    assert assessment["reportable"] is True
    assert assessment["total_minutes"] == 140
    assert keynet.assess_training(json.dumps(plan)) == assessment


def test_a_malformed_plan_is_invalid_with_findings_at_sessions():
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.assess_training({"sessions": [{"module": "yoga", "minutes": 30, "delivery": "video"}]})
    assert info.value.findings[0]["path"] == "sessions.0.module"


def test_training_materials_for_an_occupation_are_a_subset_of_all():
    everything = keynet.training_materials()
    for_nurses = keynet.training_materials("nurse")
    assert for_nurses and len(for_nurses) <= len(everything)
    ids = {m["id"] for m in everything}
    assert {m["id"] for m in for_nurses} <= ids
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.training_materials("astronaut")
    assert info.value.findings[0]["path"] == "occupation"


# --- lifecycle -----------------------------------------------------------------------------------

def test_register_makes_an_open_posting(masked_form):
    posting = keynet.register(masked_form, "P-9", "2020-06-01")
    assert (posting["posting_id"], posting["registered_on"], posting["status"]) == ("P-9", "2020-06-01", "open")
    assert posting["form"] == keynet.normalize(masked_form)
    assert keynet.register(masked_form, "P-9", datetime.date(2020, 6, 1)) == posting
    assert keynet.register(masked_form, "P-9", "令和2年6月1日") == posting


def test_register_refuses_what_it_cannot_use(masked_form):
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.register(masked_form, "  ", "2020-06-01")
    assert info.value.findings[0]["path"] == "posting_id"
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.register(masked_form, "P-1", "someday")
    assert info.value.findings[0]["path"] == "registered_on"
    with pytest.raises(TypeError, match="registered_on"):
        keynet.register(masked_form, "P-1", 20200601)
    with pytest.raises(keynet.InvalidForm):
        keynet.register({**masked_form, "openings": 0}, "P-1", "2020-06-01")


def test_disclosure_follows_an_inquiry(open_posting):
    with pytest.raises(keynet.DisclosureError) as info:
        keynet.disclose(open_posting, "S-1")
    assert (info.value.kind, info.value.findings) == ("disclosure", [])
    asked = keynet.apply_event(open_posting, {"type": "inquiry", "on": "2020-06-02", "seeker_id": "S-1"})
    details = keynet.disclose(asked, "S-1")
    assert details["facility"]["name"] == "千代田中央病院"
    assert "id" not in details["facility"]
    with pytest.raises(keynet.DisclosureError):
        keynet.disclose(asked, "S-2")


def test_apply_events_runs_them_in_order_and_names_the_failing_one(open_posting):
    events = case("lifecycle/hire_train_report_close.json")["args"]["events"]
    step_by_step = open_posting
    for event in events:
        step_by_step = keynet.apply_event(step_by_step, event)
    assert keynet.apply_events(open_posting, events) == step_by_step
    assert step_by_step["status"] == "closed"
    with pytest.raises(keynet.LifecycleError) as info:
        keynet.apply_events(open_posting, events + [{"type": "inquiry", "on": "2020-07-01", "seeker_id": "S-2"}])
    err = info.value
    assert (err.kind, err.detail, err.at) == ("lifecycle", "closed", len(events))
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.apply_events(open_posting, [events[0], {"type": "promote"}])
    assert info.value.at == 1
    assert info.value.findings[0]["path"].startswith("event.")


def test_account_status_over_the_months(masked_form):
    posting = keynet.register(masked_form, "A-1", "2020-06-01")
    closed = keynet.apply_event(posting, {"type": "close", "on": "2020-07-10", "reason": "filled"})
    facility = masked_form["facility"]["id"]
    assert keynet.account_status([posting], facility, 2020, 5) == "no_account"
    assert keynet.account_status([posting], facility, 2020, 6) == "active"
    assert keynet.account_status([closed], facility, 2020, 8) == "suspended"
    for month in (0, 13, 300, -1):
        with pytest.raises(keynet.InvalidForm) as info:
            keynet.account_status([posting], facility, 2020, month)
        assert info.value.findings[0]["path"] == "month"


def test_duplicate_open_postings_after_a_second_registration(masked_form):
    first = keynet.register(masked_form, "P-1", "2020-06-01")
    second = keynet.register(masked_form, "P-2", "2020-06-20")
    assert keynet.duplicate_open_postings([first]) == []
    (duplicate,) = keynet.duplicate_open_postings([first, second])
    assert duplicate["message"].strip() and duplicate["message_ja"].strip()
    assert {k: duplicate[k] for k in ("facility_id", "occupation", "posting_ids")} == \
        {"facility_id": "GM13-004217", "occupation": "nurse", "posting_ids": ["P-1", "P-2"]}
    closed = keynet.apply_event(first, {"type": "close", "on": "2020-06-21", "reason": "withdrawn"})
    assert keynet.duplicate_open_postings([closed, second]) == []


# --- call, reference data, samples ---------------------------------------------------------------

def test_call_agrees_with_the_named_functions(masked_form, open_posting):
    assert keynet.call("validate", {"form": masked_form}) == keynet.validate(masked_form)
    assert keynet.call("normalize", {"form": masked_form}) == keynet.normalize(masked_form)
    assert keynet.call("public_view", json.dumps({"form": masked_form})) == keynet.public_view(masked_form)
    assert keynet.call("register", {"form": masked_form, "posting_id": "P-1", "registered_on": "2020-06-01"}) == \
        keynet.register(masked_form, "P-1", "2020-06-01")
    assert keynet.call("training_materials", {"occupation": "physician"}) == keynet.training_materials("physician")
    assert keynet.call("explain", {"posting": open_posting, "recipient": {"kind": "mhlw"}}) == \
        keynet.explain(open_posting, {"kind": "mhlw"})


def test_call_refuses_unknown_operations_and_missing_arguments():
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.call("launch", {})
    assert info.value.findings[0]["path"] == "operation"
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.call("explain", {"posting": {}})
    assert {f["path"] for f in info.value.findings} <= {"posting", "recipient"}
    assert {f["code"] for f in info.value.findings} == {"required"}
    with pytest.raises(keynet.InputError) as info:
        keynet.call("validate", "{")
    assert info.value.kind == "syntax"


def test_occupations_and_prefectures_carry_their_labels():
    occupations = keynet.occupations()
    assert len(occupations) == 11
    nurse = next(o for o in occupations if o["code"] == "nurse")
    assert (nurse["name_ja"], nurse["name_en"]) == ("看護師", "registered nurse")
    prefectures = keynet.prefectures()
    assert [p["code"] for p in prefectures] == [f"{n:02d}" for n in range(1, 48)]
    assert prefectures[12] == {"code": "13", "name": "東京都", "short_name": "東京", "romaji": "Tokyo"}


def test_samples_are_seeded():
    assert keynet.sample_forms(20, seed=1) == keynet.sample_forms(20, seed=1)
    assert keynet.sample_forms(20, seed=1) != keynet.sample_forms(20, seed=2)
    postings = keynet.sample_postings(50, seed=3)
    assert len(postings) == 50 and len({p["posting_id"] for p in postings}) == 50
    assert keynet.count_table(postings)  # the generator's postings are valid


# --- exceptions ----------------------------------------------------------------------------------

def test_operation_error_hierarchy():
    for cls in (keynet.InvalidForm, keynet.LifecycleError, keynet.DisclosureError, keynet.RulesError):
        assert issubclass(cls, keynet.OperationError)
        assert cls.__module__ == "keynet" and cls.__doc__
    assert issubclass(keynet.OperationError, ValueError)
    assert not issubclass(keynet.InputError, keynet.OperationError)
    assert not issubclass(keynet.InternalError, (ValueError, keynet.OperationError))


def test_errors_carry_findings_as_data(open_posting):
    with pytest.raises(keynet.OperationError) as info:
        keynet.apply_event(open_posting, {"type": "hire", "on": "2020-06-03", "seeker_id": "S-1"})
    err = info.value
    assert type(err) is keynet.LifecycleError
    assert (err.kind, err.detail, err.findings) == ("lifecycle", "not_an_applicant", [])
    with pytest.raises(keynet.OperationError) as info:
        keynet.apply_event(open_posting, {"type": "hire"})
    err = info.value
    assert type(err) is keynet.InvalidForm and err.kind == "invalid"
    assert err.findings and all(set(f) == FINDING_KEYS for f in err.findings)
