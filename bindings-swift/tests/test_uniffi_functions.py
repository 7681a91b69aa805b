"""Each function of the Swift/Kotlin API, through UniFFI's Python backend: what a mobile app does
with it, and the typed errors it can switch on. Tests/KeyNetTests/FunctionTests.swift says the
same in Swift for `swift test` on a Mac.
"""

import json

import pytest

import uniffi_helpers as h
from uniffi_helpers import kn


def spec_draft(**changes):
    """The docs/domain.md §2 example form, as an app would fill a FormDraft."""
    draft = kn.FormDraft(
        masking_requested=True,
        facility=kn.FacilityDraft(id="GM13-004217", name="千代田中央病院",
                                  facility_type=kn.FacilityType.HOSPITAL, prefecture="東京都"),
        occupation=kn.Occupation.NURSE,
        openings=2,
        workplace=kn.WorkplaceDraft(postal_code="〒１０１－００６２", prefecture="13", municipality="千代田区",
                                    street_address="神田駿河台4-6", facility_name="北館1階 発熱外来"),
        employment_period=kn.EmploymentPeriodDraft(start="令和2年6月1日", end="2020-09-30"),
        duties=kn.DutiesDraft(kinds=[kn.DutyKind.RETURNEE_CONTACT_OUTPATIENT, kn.DutyKind.OTHER],
                              other_detail="PCR検体採取", specifics="内科"),
        salary=kn.SalaryDraft(basis=kn.SalaryBasis.HOURLY, amount_yen=2500),
        working_hours=kn.WorkingHoursDraft(start="16:30", end="翌9:00", break_minutes=120,
                                           holidays="シフト制（週2日）", overtime=False),
        insurance=kn.InsuranceDraft(employment=True, workers_accident=True, health=True, pension=True),
        passive_smoking=kn.PassiveSmoking.PREMISES_NO_SMOKING,
        contact=kn.ContactDraft(name="山田 花子", phone="０３－３２９２－００００", extension="215",
                                email="jinji@example.jp"),
        existing_listings=kn.ExistingListingsDraft(hello_work=True, women_doctors_bank=False, nurse_center=True),
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


@pytest.fixture(scope="module")
def form():
    return kn.normalize(spec_draft())


@pytest.fixture(scope="module")
def posting(form):
    return kn.register(form, "P-1", "2020-06-01")


# --- validation ------------------------------------------------------------------------------

def test_validate_normalises_what_people_type(form):
    validation = kn.validate(spec_draft())
    assert validation.registrable and validation.form == form
    assert [f for f in validation.findings if f.severity == kn.Severity.ERROR] == []
    assert form.facility.prefecture == "13"
    assert form.facility.facility_type == kn.FacilityType.HOSPITAL
    assert form.workplace.postal_code == "101-0062"
    assert form.employment_period.start == "2020-06-01"
    assert form.working_hours.end == "09:00"
    assert form.contact.phone == "03-3292-0000"
    assert form.trial_period_weeks is None
    assert form.passive_smoking == kn.PassiveSmoking.PREMISES_NO_SMOKING


def test_validate_gives_every_finding_per_field():
    draft = spec_draft(
        openings=0,
        contact=kn.ContactDraft(name="山田 花子", phone="12345", email="jinji@example.jp"),
        passive_smoking=kn.PassiveSmoking.NO_MEASURES,
    )
    draft.workplace.postal_code = "101"
    validation = kn.validate(draft)
    assert not validation.registrable and validation.form is None
    by_path = {f.path: f for f in validation.findings}
    assert by_path["openings"].code == kn.FindingCode.RANGE
    assert by_path["contact.phone"].code == kn.FindingCode.FORMAT
    assert by_path["workplace.postal_code"].severity == kn.Severity.ERROR
    assert by_path["passive_smoking"].code == kn.FindingCode.HEALTH_LAW
    assert by_path["passive_smoking"].severity == kn.Severity.WARNING
    for f in validation.findings:
        assert f.message.strip() and f.message_ja.strip()
        field = kn.form_field(f.path)
        assert field is not None and field.label_ja, f.path
    assert kn.form_field("contact.phone").label_ja == "電話番号"


def test_an_empty_draft_is_every_required_finding():
    validation = kn.validate(kn.FormDraft())
    # Absent parts are reported field by field, so each can be marked in the form screen; the
    # unticked smoking box is no error, only the Health Promotion Act warning.
    assert {f.code for f in validation.findings if f.severity == kn.Severity.ERROR} == {kn.FindingCode.REQUIRED}
    assert [f.path for f in validation.findings if f.severity == kn.Severity.WARNING] == ["passive_smoking"]
    paths = [f.path for f in validation.findings]
    assert {"facility.id", "facility.type", "occupation", "openings", "workplace.municipality",
            "employment_period.start", "duties.kinds", "salary.amount_yen", "contact.phone",
            "contact.email"} <= set(paths), paths
    assert not validation.registrable and validation.form is None


def test_normalize_refuses_with_every_finding():
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.normalize(spec_draft(openings=1000, notes="千代田中央病院の北館です"))
    codes = {(f.path, h.variant_name(f.code)) for f in info.value.findings}
    assert ("openings", "range") in codes and ("notes", "masking_leak") in codes
    assert isinstance(info.value, kn.KeyNetError)


def test_a_draft_of_the_form_reads_back_to_it(form):
    draft = kn.form_draft(form)
    assert draft.facility.prefecture == "13" and draft.openings == 2
    assert kn.normalize(draft) == form
    assert json.loads(kn.form_to_json(form)) == json.loads(kn.normalize_json(kn.form_to_json(form)))
    assert kn.form_from_json(kn.form_to_json(form)) == form


# --- views -----------------------------------------------------------------------------------

def test_public_view_hides_what_masking_hides(form):
    public = kn.public_view(form)
    assert public.facility.id is None and public.facility.name is None
    assert public.workplace.municipality == "千代田区" and public.workplace.street_address is None
    assert public.workplace.postal_code is None
    assert all(getattr(public.contact, k) is None for k in vars(public.contact))
    assert public.occupation == kn.Occupation.NURSE and public.salary.amount_yen == 2500
    text = json.dumps(h.plain(public), ensure_ascii=False)
    for secret in ["GM13", "千代田中央病院", "3292", "jinji", "山田", "神田駿河台"]:
        assert secret not in text


def test_registered_and_internal_views(form):
    registered = kn.registered_view(form)
    assert registered.facility.id is None and registered.facility.name == "千代田中央病院"
    assert registered.contact.phone == "03-3292-0000"
    internal = kn.view(form, kn.ViewKind.INTERNAL)
    assert internal.facility.id == "GM13-004217"
    assert kn.view(form, kn.ViewKind.PUBLIC) == kn.public_view(form)
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.view(form, kn.ViewKind.COUNTS)
    assert [f.path for f in info.value.findings] == ["view"]


def test_view_json_entry_points(form):
    text = kn.form_to_json(form)
    assert "id" not in json.loads(kn.public_view_json(text))["facility"]
    assert json.loads(kn.registered_view_json(text))["facility"]["name"] == "千代田中央病院"
    assert json.loads(kn.view_json(text, kn.ViewKind.INTERNAL))["facility"]["id"] == "GM13-004217"
    assert h.prune(json.loads(kn.public_view_json(text))) == h.prune(h.plain(kn.public_view(form)))


# --- postings and the lifecycle --------------------------------------------------------------

def test_register(posting, form):
    assert posting.posting_id == "P-1" and posting.registered_on == "2020-06-01"
    assert posting.status == kn.PostingStatus.OPEN and posting.closed_reason is None
    assert posting.form == form and posting.inquiries == [] and posting.hires == []
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.register(form, "  ", "2020-06-01")
    assert [f.path for f in info.value.findings] == ["posting_id"]
    assert kn.posting_from_json(kn.posting_to_json(posting)) == posting
    assert json.loads(kn.register_json(kn.form_to_json(form), "P-1", "R2.6.1")) == json.loads(kn.posting_to_json(posting))


def test_disclosure_needs_an_inquiry(posting):
    with pytest.raises(kn.KeyNetError.Disclosure) as info:
        kn.disclose(posting, "S-1")
    assert info.value.problem == kn.DisclosureProblem.NO_INQUIRY and info.value.message
    asked = kn.apply_event(posting, kn.LifecycleEvent.INQUIRY(seeker_id="S-1", on="2020-06-02"))
    assert [(i.seeker_id, i.kind) for i in asked.inquiries] == [("S-1", kn.ContactKind.INQUIRY)]
    details = kn.disclose(asked, "S-1")
    assert details.contact.phone == "03-3292-0000" and details.facility.id is None
    assert json.loads(kn.disclose_json(kn.posting_to_json(asked), "S-1"))["contact"]["email"] == "jinji@example.jp"


def test_the_whole_lifecycle(posting):
    plan = kn.TrainingPlan(sessions=[
        kn.TrainingSession(module=kn.TrainingModule.INFECTION_CONTROL_LECTURE, minutes=40,
                           delivery=kn.TrainingDelivery.VIDEO),
        kn.TrainingSession(module=kn.TrainingModule.INFECTION_CONTROL_PRACTICAL, minutes=45,
                           delivery=kn.TrainingDelivery.IN_PERSON),
        kn.TrainingSession(module=kn.TrainingModule.MEDICAL_SAFETY_LECTURE, minutes=30,
                           delivery=kn.TrainingDelivery.EXTERNAL),
    ])
    E = kn.LifecycleEvent
    p = posting
    for event in [E.APPLICATION(seeker_id="S-2", on="2020-06-03"), E.HIRE(seeker_id="S-2", on="2020-06-10"),
                  E.TRAINING_COMPLETED(seeker_id="S-2", on="2020-06-12", plan=plan),
                  E.COMPLETION_REPORTED(seeker_id="S-2", on="2020-06-13"),
                  E.CLOSE(reason=kn.ClosedReason.FILLED, on="2020-06-30")]:
        p = kn.apply_event(p, event)
    assert p.status == kn.PostingStatus.CLOSED and p.closed_reason == kn.ClosedReason.FILLED
    assert p.closed_on == "2020-06-30"
    assert p.hires[0].seeker_id == "S-2" and p.hires[0].completion_reported_on == "2020-06-13"
    with pytest.raises(kn.KeyNetError.Lifecycle) as info:
        kn.apply_event(p, E.INQUIRY(seeker_id="S-3", on="2020-07-01"))
    assert info.value.problem == kn.LifecycleProblem.CLOSED()


def test_lifecycle_errors_carry_their_data(posting):
    E = kn.LifecycleEvent
    applied = kn.apply_event(posting, E.APPLICATION(seeker_id="S-2", on="2020-06-03"))
    with pytest.raises(kn.KeyNetError.Lifecycle) as info:
        kn.apply_event(applied, E.APPLICATION(seeker_id="S-2", on="2020-06-04"))
    assert info.value.problem == kn.LifecycleProblem.ALREADY_APPLIED(seeker_id="S-2")
    with pytest.raises(kn.KeyNetError.Lifecycle) as info:
        kn.apply_event(posting, E.HIRE(seeker_id="S-9", on="2020-06-04"))
    assert info.value.problem == kn.LifecycleProblem.NOT_AN_APPLICANT(seeker_id="S-9")
    with pytest.raises(kn.KeyNetError.Lifecycle) as info:
        kn.apply_event(posting, E.INQUIRY(seeker_id="S-1", on="2020-05-01"))
    assert info.value.problem == kn.LifecycleProblem.BEFORE_ITS_TIME(earliest="2020-06-01")
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.apply_event(posting, E.INQUIRY(seeker_id="S-1", on="いつか"))
    assert [f.path for f in info.value.findings] == ["event.on"]
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.apply_event_json(kn.posting_to_json(posting), '{"type": "wave"}')
    assert "event.type" in {f.path for f in info.value.findings}


def test_a_failing_event_of_a_sequence_is_named(posting):
    """`at`: the index of the event that failed when a sequence was applied, nil for one event."""
    E = kn.LifecycleEvent
    args = lambda events: json.dumps({"posting": json.loads(kn.posting_to_json(posting)), "events": events})
    apply = {"type": "application", "seeker_id": "S-2", "on": "2020-06-03"}
    with pytest.raises(kn.KeyNetError.Lifecycle) as info:
        kn.call_json("apply_events", args([apply, apply]))
    assert info.value.problem == kn.LifecycleProblem.ALREADY_APPLIED(seeker_id="S-2") and info.value.at == 1
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.call_json("apply_events", args([apply, {"type": "wave"}]))
    assert "event.type" in {f.path for f in info.value.findings} and info.value.at == 1
    with pytest.raises(kn.KeyNetError.Lifecycle) as info:
        kn.apply_event(kn.apply_event(posting, E.APPLICATION(seeker_id="S-2", on="2020-06-03")),
                       E.APPLICATION(seeker_id="S-2", on="2020-06-04"))
    assert info.value.at is None


def test_account_status_and_duplicates(posting, form):
    second = kn.register(form, "P-2", "2020-07-01")
    assert kn.account_status([posting, second], "GM13-004217", 2020, 5) == kn.AccountStatus.NO_ACCOUNT
    assert kn.account_status([posting, second], "GM13-004217", 2020, 7) == kn.AccountStatus.ACTIVE
    closed = kn.apply_event(posting, kn.LifecycleEvent.CLOSE(reason=kn.ClosedReason.FILLED, on="2020-06-20"))
    assert kn.account_status([closed], "GM13-004217", 2020, 7) == kn.AccountStatus.SUSPENDED
    assert json.loads(kn.account_status_json("[" + kn.posting_to_json(closed) + "]", "GM13-004217", 2020, 7)) == "suspended"
    with pytest.raises(kn.KeyNetError.InvalidForm):
        kn.account_status([posting], "GM13-004217", 2020, 13)
    duplicates = kn.duplicate_open_postings([posting, second])
    assert len(duplicates) == 1 and duplicates[0].posting_ids == ["P-1", "P-2"]
    assert duplicates[0].occupation == kn.Occupation.NURSE and duplicates[0].message_ja
    assert kn.duplicate_open_postings([posting]) == []
    text = "[" + ",".join(kn.posting_to_json(p) for p in [posting, second]) + "]"
    assert json.loads(kn.duplicate_open_postings_json(text))[0]["posting_ids"] == ["P-1", "P-2"]


# --- distribution ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def postings(form):
    osaka = spec_draft(occupation=kn.Occupation.PHYSICIAN, masking_requested=False)
    osaka.workplace = kn.WorkplaceDraft(prefecture="大阪", municipality="大阪市北区")
    osaka.facility.id = "GM27-1"
    return [kn.register(form, "P-1", "2020-06-01"), kn.register(kn.normalize(osaka), "P-2", "2020-06-02")]


def test_distribute(postings):
    recipients = [kn.Recipient(kind="central_nurse_center"),
                  kn.Recipient(kind="prefectural_nurse_center", prefecture="27"),
                  kn.Recipient(kind="women_doctors_bank"),
                  kn.Recipient(kind="private_agency", name="A社"),
                  kn.Recipient(kind="public_site")]
    deliveries = kn.distribute(postings, recipients)
    assert [d.recipient for d in deliveries] == recipients
    content = [d.content for d in deliveries]
    assert content[0] == kn.DeliveryContent.POSTINGS(posting_ids=["P-1"])
    assert content[1] == kn.DeliveryContent.POSTINGS(posting_ids=[])
    assert content[2] == kn.DeliveryContent.POSTINGS(posting_ids=["P-2"])
    assert deliveries[3].view == kn.ViewKind.COUNTS and content[3].is_COUNTS()
    rows = content[3].counts
    assert [(r.occupation, r.prefecture, r.postings, r.openings) for r in rows] == [
        (kn.Occupation.PHYSICIAN, "27", 1, 2), (kn.Occupation.NURSE, "13", 1, 2)]
    assert deliveries[4].view == kn.ViewKind.PUBLIC
    as_json = json.loads(kn.distribute_json(
        "[" + ",".join(kn.posting_to_json(p) for p in postings) + "]",
        json.dumps([h.prune(h.plain(r)) for r in recipients], ensure_ascii=False)))
    assert h.prune(as_json) == h.prune(h.plain(deliveries))


def test_distribute_refuses_unknown_recipients_with_findings(postings):
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.distribute(postings, [kn.Recipient(kind="mhlw"), kn.Recipient(kind="fan_club")])
    assert [(f.path, f.code) for f in info.value.findings] == [("recipients.1", kn.FindingCode.UNKNOWN_VALUE)]
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.distribute(postings, [kn.Recipient(kind="prefectural_nurse_center")])
    assert [(f.path, f.code) for f in info.value.findings] == [("recipients.0", kn.FindingCode.REQUIRED)]


def test_rules_are_data(postings):
    desk = kn.DistributionRule(kind="tokyo_desk", label_ja="東京都の相談窓口", view=kn.ViewKind.REGISTERED,
                               occupations=[kn.Occupation.NURSE], occupations_label="nurses",
                               occupation_noun="a nurse", region=kn.Region.OWN_PREFECTURE,
                               tied_to_prefecture=True, needs_name=False, source="test")
    deliveries = kn.distribute(postings, [kn.Recipient(kind="tokyo_desk", prefecture="13")], [desk])
    assert deliveries[0].content == kn.DeliveryContent.POSTINGS(posting_ids=["P-1"])
    desk.tied_to_prefecture = False  # own prefecture, but no prefecture to own: unusable
    with pytest.raises(kn.KeyNetError.Rules) as info:
        kn.distribute(postings, [kn.Recipient(kind="mhlw")], [desk])
    assert "tokyo_desk" in info.value.message
    standard = kn.standard_rules()
    assert {r.kind for r in standard} >= {"prefecture", "central_nurse_center", "private_agency", "public_site"}
    assert next(r for r in standard if r.kind == "mhlw").occupations is None
    recipients = kn.standard_recipients(["A社", "B社"])
    assert sum(r.kind == "prefecture" for r in recipients) == 47
    assert [r.name for r in recipients if r.kind == "private_agency"] == ["A社", "B社"]
    assert len(kn.distribute(postings, recipients)) == len(recipients)


def test_explain(postings):
    yes = kn.explain(postings[0], kn.Recipient(kind="prefectural_nurse_center", prefecture="13"))
    assert yes.received and yes.view == kn.ViewKind.REGISTERED and yes.rule and yes.reason
    no = kn.explain(postings[0], kn.Recipient(kind="jart"))
    assert not no.received and no.view is None and "radiological" in no.rule
    text = kn.explain_json(kn.posting_to_json(postings[0]), '{"kind": "jart"}', None)
    assert json.loads(text) == h.plain(no)


def test_new_since_and_count_table(postings):
    new = kn.new_since(postings[:1], postings, [kn.Recipient(kind="mhlw")])
    assert new[0].content == kn.DeliveryContent.POSTINGS(posting_ids=["P-2"])
    rows = kn.count_table(postings)
    assert sum(r.postings for r in rows) == 2 and sum(r.openings for r in rows) == 4
    text = "[" + ",".join(kn.posting_to_json(p) for p in postings) + "]"
    assert json.loads(kn.count_table_json(text)) == h.plain(rows)
    assert json.loads(kn.new_since_json(text, text, '[{"kind": "mhlw"}]', None))[0]["posting_ids"] == []


# --- training --------------------------------------------------------------------------------

def test_assess_training():
    M, D = kn.TrainingModule, kn.TrainingDelivery
    plan = kn.TrainingPlan(sessions=[
        kn.TrainingSession(module=M.INFECTION_CONTROL_LECTURE, minutes=40, delivery=D.VIDEO),
        kn.TrainingSession(module=M.INFECTION_CONTROL_PRACTICAL, minutes=45, delivery=D.IN_PERSON),
        kn.TrainingSession(module=M.MEDICAL_SAFETY_LECTURE, minutes=30, delivery=D.EXTERNAL),
        kn.TrainingSession(module=M.OTHER, minutes=25, delivery=D.VIDEO, title="PCR検体採取"),
    ])
    a = kn.assess_training(plan)
    assert (a.missing_required, a.total_minutes, a.meets_recommended_minutes, a.reportable) == ([], 140, True, True)
    short = kn.assess_training(kn.TrainingPlan(sessions=plan.sessions[:1]))
    assert short.missing_required == [M.INFECTION_CONTROL_PRACTICAL, M.MEDICAL_SAFETY_LECTURE]
    assert not short.reportable and not short.meets_recommended_minutes
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.assess_training(kn.TrainingPlan(sessions=[kn.TrainingSession(module=M.OTHER, minutes=10, delivery=D.VIDEO)]))
    assert info.value.findings and info.value.findings[0].path.startswith("sessions.0")
    assert json.loads(kn.assess_training_json('{"sessions": []}'))["reportable"] is False


def test_training_materials():
    every = kn.training_materials()
    nurse = kn.training_materials(kn.Occupation.NURSE)
    radiology = kn.training_materials(kn.Occupation.RADIOLOGICAL_TECHNOLOGIST)
    assert nurse and len(nurse) <= len(every) and len(radiology) > 0
    assert all("all" in m.audience or "nurse" in m.audience for m in nurse)
    assert {m.access for m in every} <= set(kn.MaterialAccess)


# --- reference data --------------------------------------------------------------------------

def test_occupations_with_labels():
    table = kn.occupations()
    assert [o.code for o in table][:4] == ["physician", "public_health_nurse", "midwife", "nurse"]
    assert len(table) == 11 and len({o.occupation for o in table}) == 11
    nurse = kn.occupation_info(kn.Occupation.NURSE)
    assert (nurse.name_ja, nurse.name_en, nurse.group) == ("看護師", "registered nurse", kn.LicenceGroup.NURSING)
    assert nurse.national_body_ja and nurse.national_body_en
    assert kn.occupation_info(kn.Occupation.CLERICAL).national_body_ja is None


def test_labels_fields_prefectures_catalogue():
    assert kn.facility_type_label_ja(kn.FacilityType.PUBLIC_HEALTH_CENTER) == "保健所"
    assert kn.duty_kind_label_ja(kn.DutyKind.MILD_CASE_ACCOMMODATION) == "軽症者宿泊療養施設業務"
    assert kn.salary_basis_label_ja(kn.SalaryBasis.MONTHLY) == "月給"
    assert kn.passive_smoking_label_ja(kn.PassiveSmoking.NO_MEASURES) == "対策なし"
    fields = kn.form_fields()
    assert fields[0].path == "masking_requested" and any(f.path == "notes" and f.max_chars == 4000 for f in fields)
    assert kn.form_field("postings.0") is None
    prefs = kn.prefectures()
    assert len(prefs) == 47 and (prefs[12].code, prefs[12].name, prefs[12].short_name) == ("13", "東京都", "東京")
    catalogue = kn.catalogue()
    assert [entry.name for entry in catalogue] == h.CODES
    assert [kn.finding_code_name(entry.code) for entry in catalogue] == h.CODES
    assert all(entry.description.strip() and entry.description_ja.strip() for entry in catalogue)


# --- the core's values as text ------------------------------------------------------------------

def test_dates_times_codes_and_prefectures_are_text_read_as_the_core_reads_them(form, posting):
    """IsoDate, ClockTime, PostalCode, PhoneNumber and Prefecture are text for hosts, written as
    the canonical JSON writes them and read back by the reader JSON input goes through."""
    assert (form.employment_period.start, form.working_hours.start) == ("2020-06-01", "16:30")
    assert (form.workplace.postal_code, form.contact.phone, form.facility.prefecture) == \
        ("101-0062", "03-3292-0000", "13")
    edited = kn.posting_from_json(kn.posting_to_json(posting))
    edited.registered_on = "R2.6.2"
    edited.form.workplace.postal_code = "〒１０１－００６２"
    edited.form.facility.prefecture = "Tokyo"
    written = json.loads(kn.posting_to_json(edited))
    assert written["registered_on"] == "2020-06-02"
    assert written["form"]["workplace"]["postal_code"] == "101-0062"
    assert written["form"]["facility"]["prefecture"] == "13"
    # Fields of the core's records that the JSON does not write.
    assert form.workplace.municipality_code == "131016"
    recipient = kn.Recipient(kind="prefectural_nurse_center", prefecture="東京")
    assert kn.explain(posting, recipient).received


def test_a_value_uniffi_cannot_read_is_refused_before_the_call(form):
    """A record holding what no reader of the core reads fails as UniFFI's own error, naming the
    argument (docs/choices.md — "Swift and Kotlin: the core's own types"); the next call works."""
    import keynet_uniffi
    broken = kn.form_from_json(kn.form_to_json(form))
    broken.workplace.postal_code = "abc"
    with pytest.raises(keynet_uniffi.InternalError) as info:
        kn.public_view(broken)
    assert "'form'" in str(info.value) and "postal code" in str(info.value) and "abc" not in str(info.value)
    with pytest.raises(keynet_uniffi.InternalError) as info:
        kn.explain(kn.register(form, "P-1", "2020-06-01"), kn.Recipient(kind="prefecture", prefecture="99"))
    assert "'recipient'" in str(info.value) and "prefecture" in str(info.value)
    assert kn.public_view(form).workplace.municipality == "千代田区"


# --- JSON in general, errors, panics ---------------------------------------------------------

def test_call_json_reaches_every_operation(form):
    text = kn.form_to_json(form)
    assert json.loads(kn.call_json("public_view", json.dumps({"form": json.loads(text)}))) == \
        json.loads(kn.public_view_json(text))
    assert json.loads(kn.call_json("training_materials", '{"occupation": "nurse"}'))
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.call_json("fly", "{}")
    assert [(f.path, f.code) for f in info.value.findings] == [("operation", kn.FindingCode.UNKNOWN_VALUE)]
    with pytest.raises(kn.KeyNetError.InvalidForm) as info:
        kn.call_json("public_view", "{}")
    assert [(f.path, f.code) for f in info.value.findings] == [("form", kn.FindingCode.REQUIRED)]


def test_input_errors_are_typed():
    for text, kind in [("{", kn.InputErrorKind.SYNTAX), ("[]", kn.InputErrorKind.NOT_AN_OBJECT),
                       ('"x"', kn.InputErrorKind.NOT_AN_OBJECT), ("[" * 200 + "]" * 200, kn.InputErrorKind.TOO_DEEP)]:
        for fn in (kn.validate_json, kn.normalize_json, kn.public_view_json):
            with pytest.raises(kn.KeyNetError.InvalidInput) as info:
                fn(text)
            assert info.value.kind == kind, (fn.__name__, text[:10])
            assert info.value.message and info.value.message_ja
    with pytest.raises(kn.KeyNetError.InvalidInput) as info:
        kn.validate_json("{" + " " * (1 << 20) + "}")
    assert info.value.kind == kn.InputErrorKind.TOO_LARGE
    with pytest.raises(kn.KeyNetError.InvalidInput) as info:
        kn.distribute_json("[", "[]", None)
    assert info.value.kind == kn.InputErrorKind.SYNTAX


def test_a_panic_becomes_internal_and_the_next_call_works():
    for _ in range(3):
        with pytest.raises(kn.KeyNetError.Internal) as info:
            kn.trigger_panic_for_tests()
        assert "panic drill" in info.value.message
        assert isinstance(kn.validate_json("{}"), list)
        assert len(kn.catalogue()) == len(h.CODES)
        assert kn.normalize(spec_draft()).openings == 2
