// Each function of the KeyNet Swift API, as an app uses it; the same behaviours as
// bindings-swift/tests/test_uniffi_functions.py checks through UniFFI's Python backend.

import Foundation
import KeyNet
import XCTest

/// The docs/domain.md §2 example form, as an app would fill it from its screen (text as typed).
func specDraft() -> FormDraft {
    FormDraft(
        maskingRequested: true,
        facility: FacilityDraft(id: "GM13-004217", name: "千代田中央病院", facilityType: .hospital, prefecture: "東京都"),
        occupation: .nurse,
        openings: 2,
        workplace: WorkplaceDraft(postalCode: "〒１０１－００６２", prefecture: "13", municipality: "千代田区",
                                  streetAddress: "神田駿河台4-6", facilityName: "北館1階 発熱外来"),
        employmentPeriod: EmploymentPeriodDraft(start: "令和2年6月1日", end: "2020-09-30"),
        duties: DutiesDraft(kinds: [.returneeContactOutpatient, .other], otherDetail: "PCR検体採取", specifics: "内科"),
        salary: SalaryDraft(basis: .hourly, amountYen: 2500),
        workingHours: WorkingHoursDraft(start: "16:30", end: "翌9:00", breakMinutes: 120,
                                        holidays: "シフト制（週2日）", overtime: false),
        insurance: InsuranceDraft(employment: true, workersAccident: true, health: true, pension: true),
        passiveSmoking: .premisesNoSmoking,
        contact: ContactDraft(name: "山田 花子", phone: "０３－３２９２－００００", extension: "215", email: "jinji@example.jp"),
        existingListings: ExistingListingsDraft(helloWork: true, womenDoctorsBank: false, nurseCenter: true)
    )
}

func spec() throws -> RecruitmentForm {
    try normalize(form: specDraft())
}

func fullPlan() -> TrainingPlan {
    TrainingPlan(sessions: [
        TrainingSession(module: .infectionControlLecture, minutes: 40, delivery: .video),
        TrainingSession(module: .infectionControlPractical, minutes: 45, delivery: .inPerson),
        TrainingSession(module: .medicalSafetyLecture, minutes: 30, delivery: .external),
        TrainingSession(module: .other, minutes: 25, delivery: .video, title: "PCR検体採取"),
    ])
}

/// Two postings: the spec's nurse in Tokyo (P-1) and a physician in Osaka (P-2).
func twoPostings() throws -> [Posting] {
    var osaka = specDraft()
    osaka.occupation = .physician
    osaka.maskingRequested = false
    osaka.workplace = WorkplaceDraft(prefecture: "大阪", municipality: "大阪市北区")
    osaka.facility?.id = "GM27-1"
    return [
        try register(form: try spec(), postingId: "P-1", registeredOn: "2020-06-01"),
        try register(form: try normalize(form: osaka), postingId: "P-2", registeredOn: "2020-06-02"),
    ]
}

func postingsJson(_ postings: [Posting]) throws -> String {
    let items = try postings.map { try postingToJson(posting: $0) }
    return "[" + items.joined(separator: ",") + "]"
}

final class ValidationTests: XCTestCase {

    func testValidateNormalisesWhatPeopleType() throws {
        let validation = try validate(form: specDraft())
        XCTAssertTrue(validation.registrable)
        XCTAssertFalse(validation.findings.hasErrors)
        let form = try XCTUnwrap(validation.form)
        XCTAssertEqual(form, try spec())
        XCTAssertEqual(form.facility.prefecture, "13")
        XCTAssertEqual(form.facility.facilityType, .hospital)
        XCTAssertEqual(form.workplace.postalCode, "101-0062")
        XCTAssertEqual(form.employmentPeriod.start, "2020-06-01")
        XCTAssertEqual(form.workingHours.end, "09:00")
        XCTAssertEqual(form.contact.phone, "03-3292-0000")
        XCTAssertNil(form.trialPeriodWeeks)
    }

    func testFindingsPerField() throws {
        var draft = specDraft()
        draft.openings = 0
        draft.workplace?.postalCode = "101"
        draft.contact = ContactDraft(name: "山田 花子", phone: "12345", email: "jinji@example.jp")
        draft.passiveSmoking = .noMeasures
        let validation = try validate(form: draft)
        XCTAssertFalse(validation.registrable)
        XCTAssertNil(validation.form)
        XCTAssertEqual(validation.findings.at("openings").first?.code, .range)
        XCTAssertEqual(validation.findings.at("contact.phone").first?.code, .format)
        XCTAssertEqual(validation.findings.at("workplace.postal_code").first?.severity, .error)
        let smoking = try XCTUnwrap(validation.findings.at("passive_smoking").first)
        XCTAssertEqual(smoking.code, .healthLaw)
        XCTAssertFalse(smoking.isError)
        for group in validation.findings.byPath() {
            XCTAssertNotNil(formField(path: group.path), group.path)
            for finding in group.findings {
                XCTAssertFalse(finding.message.isEmpty || finding.messageJa.isEmpty)
                XCTAssertFalse(finding.fieldLabelJa.isEmpty)
            }
        }
        XCTAssertEqual(formField(path: "contact.phone")?.labelJa, "電話番号")
    }

    func testAnEmptyDraftIsEveryRequiredFinding() throws {
        let validation = try validate(form: FormDraft())
        XCTAssertFalse(validation.registrable)
        XCTAssertTrue(validation.findings.allSatisfy { $0.code == .required })
        let paths = Set(validation.findings.map { $0.path })
        for path in ["facility.id", "occupation", "openings", "contact.phone", "contact.email"] {
            XCTAssertTrue(paths.contains(path), path)
        }
    }

    func testNormalizeThrowsEveryFinding() throws {
        var draft = specDraft()
        draft.openings = 1000
        draft.notes = "千代田中央病院の北館です"
        XCTAssertThrowsError(try normalize(form: draft)) { error in
            guard let error = error as? KeyNetError, case let .InvalidForm(findings, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(findings.at("openings").first?.code, .range)
            XCTAssertEqual(findings.at("notes").first?.code, .maskingLeak)
            XCTAssertEqual(error.findings, findings)
        }
    }

    func testDraftAndJsonRoundTrips() throws {
        let form = try spec()
        XCTAssertEqual(try normalize(form: try formDraft(form: form)), form)
        XCTAssertEqual(try formFromJson(json: try formToJson(form: form)), form)
        XCTAssertEqual(try Golden.canonical(try Golden.parse(try normalizeJson(json: try formToJson(form: form)))),
                       try Golden.canonical(try Golden.parse(try formToJson(form: form))))
    }

    func testInputErrorsAreTyped() throws {
        let cases: [(String, InputErrorKind)] = [("{", .syntax), ("[]", .notAnObject), ("\"x\"", .notAnObject)]
        for (text, kind) in cases {
            do {
                _ = try validateJson(json: text)
                XCTFail("\(text) was read as a form")
            } catch let KeyNetError.InvalidInput(got, message, messageJa) {
                XCTAssertEqual(got, kind)
                XCTAssertFalse(message.isEmpty || messageJa.isEmpty)
            }
        }
    }

    func testAPanicBecomesInternalAndTheNextCallWorks() throws {
        for _ in 0..<3 {
            XCTAssertThrowsError(try triggerPanicForTests()) { error in
                guard case let KeyNetError.Internal(message) = error else {
                    return XCTFail("\(error)")
                }
                XCTAssertTrue(message.contains("panic drill"))
            }
            XCTAssertEqual(try spec().openings, 2)
        }
    }
}

final class ViewTests: XCTestCase {

    func testPublicViewHidesWhatMaskingHides() throws {
        let form = try spec()
        let view = try publicView(form: form)
        XCTAssertNil(view.facility.id)
        XCTAssertNil(view.facility.name)
        XCTAssertNil(view.workplace.postalCode)
        XCTAssertNil(view.workplace.streetAddress)
        XCTAssertEqual(view.workplace.municipality, "千代田区")
        XCTAssertNil(view.contact.name)
        XCTAssertNil(view.contact.phone)
        XCTAssertNil(view.contact.email)
        XCTAssertEqual(view.salary.amountYen, 2500)
        let text = try publicViewJson(formJson: try formToJson(form: form))
        for secret in ["GM13", "千代田中央病院", "3292", "jinji", "山田", "神田駿河台"] {
            XCTAssertFalse(text.contains(secret), secret)
        }
    }

    func testRegisteredAndInternalViews() throws {
        let form = try spec()
        let registered = try registeredView(form: form)
        XCTAssertNil(registered.facility.id)
        XCTAssertEqual(registered.facility.name, "千代田中央病院")
        XCTAssertEqual(registered.contact.phone, "03-3292-0000")
        XCTAssertEqual(try view(form: form, kind: .internal).facility.id, "GM13-004217")
        XCTAssertEqual(try view(form: form, kind: .public), try publicView(form: form))
        XCTAssertThrowsError(try view(form: form, kind: .counts)) { error in
            XCTAssertEqual((error as? KeyNetError)?.findings.map { $0.path }, ["view"])
        }
        let json = try registeredViewJson(formJson: try formToJson(form: form))
        XCTAssertTrue(json.contains("千代田中央病院"))
        XCTAssertTrue(try viewJson(formJson: try formToJson(form: form), view: .internal).contains("GM13-004217"))
    }
}

final class LifecycleTests: XCTestCase {

    func testRegister() throws {
        let form = try spec()
        let posting = try register(form: form, postingId: "P-1", registeredOn: "R2.6.1")
        XCTAssertEqual(posting.postingId, "P-1")
        XCTAssertEqual(posting.registeredOn, "2020-06-01")
        XCTAssertEqual(posting.status, .open)
        XCTAssertEqual(posting.form, form)
        XCTAssertEqual(try postingFromJson(json: try postingToJson(posting: posting)), posting)
        XCTAssertThrowsError(try register(form: form, postingId: " ", registeredOn: "2020-06-01")) { error in
            XCTAssertEqual((error as? KeyNetError)?.findings.map { $0.path }, ["posting_id"])
        }
        let json = try registerJson(formJson: try formToJson(form: form), postingId: "P-1", registeredOn: "2020-06-01")
        XCTAssertEqual(try postingFromJson(json: json), posting)
    }

    func testDisclosureNeedsAnInquiry() throws {
        let posting = try register(form: try spec(), postingId: "P-1", registeredOn: "2020-06-01")
        XCTAssertThrowsError(try disclose(posting: posting, seekerId: "S-1")) { error in
            guard case let KeyNetError.Disclosure(problem, message) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .noInquiry)
            XCTAssertFalse(message.isEmpty)
        }
        let asked = try applyEvent(posting: posting, event: .inquiry(seekerId: "S-1", on: "2020-06-02"))
        XCTAssertEqual(asked.inquiries.first?.kind, .inquiry)
        XCTAssertEqual(try disclose(posting: asked, seekerId: "S-1").contact.phone, "03-3292-0000")
        XCTAssertTrue(try discloseJson(postingJson: try postingToJson(posting: asked), seekerId: "S-1").contains("jinji@example.jp"))
    }

    func testTheWholeLifecycle() throws {
        var posting = try register(form: try spec(), postingId: "P-1", registeredOn: "2020-06-01")
        let events: [LifecycleEvent] = [
            .application(seekerId: "S-2", on: "2020-06-03"),
            .hire(seekerId: "S-2", on: "2020-06-10", route: .keyNet),
            .trainingCompleted(seekerId: "S-2", on: "2020-06-12", plan: fullPlan()),
            .completionReported(seekerId: "S-2", on: "2020-06-13"),
            .close(reason: .filled, on: "2020-06-30"),
        ]
        for event in events {
            posting = try applyEvent(posting: posting, event: event)
        }
        XCTAssertEqual(posting.status, .closed)
        XCTAssertEqual(posting.closedReason, .filled)
        XCTAssertEqual(posting.closedOn, "2020-06-30")
        XCTAssertEqual(posting.hires.first?.completionReportedOn, "2020-06-13")
        XCTAssertThrowsError(try applyEvent(posting: posting, event: .inquiry(seekerId: "S-3", on: "2020-07-01"))) { error in
            guard case let KeyNetError.Lifecycle(problem, _, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .closed)
        }
    }

    func testLifecycleErrorsCarryTheirData() throws {
        let posting = try register(form: try spec(), postingId: "P-1", registeredOn: "2020-06-01")
        let applied = try applyEvent(posting: posting, event: .application(seekerId: "S-2", on: "2020-06-03"))
        XCTAssertThrowsError(try applyEvent(posting: applied, event: .application(seekerId: "S-2", on: "2020-06-04"))) { error in
            guard case let KeyNetError.Lifecycle(problem, _, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .alreadyApplied(seekerId: "S-2"))
        }
        XCTAssertThrowsError(try applyEvent(posting: posting, event: .inquiry(seekerId: "S-1", on: "2020-05-01"))) { error in
            guard case let KeyNetError.Lifecycle(problem, _, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .beforeItsTime(earliest: "2020-06-01"))
        }
        XCTAssertThrowsError(try applyEventJson(postingJson: try postingToJson(posting: posting), eventJson: "{\"type\": \"wave\"}")) { error in
            XCTAssertTrue((error as? KeyNetError)?.findings.contains { $0.path == "event.type" } ?? false)
        }
    }

    func testAccountStatusAndDuplicates() throws {
        let form = try spec()
        let first = try register(form: form, postingId: "P-1", registeredOn: "2020-06-01")
        let second = try register(form: form, postingId: "P-2", registeredOn: "2020-07-01")
        XCTAssertEqual(try accountStatus(postings: [first, second], facilityId: "GM13-004217", year: 2020, month: 5), .noAccount)
        XCTAssertEqual(try accountStatus(postings: [first, second], facilityId: "GM13-004217", year: 2020, month: 7), .active)
        let closed = try applyEvent(posting: first, event: .close(reason: .filled, on: "2020-06-20"))
        XCTAssertEqual(try accountStatus(postings: [closed], facilityId: "GM13-004217", year: 2020, month: 7), .suspended)
        XCTAssertEqual(try accountStatusJson(postingsJson: try postingsJson([closed]), facilityId: "GM13-004217", year: 2020, month: 7),
                       "\"suspended\"")
        let duplicates = try duplicateOpenPostings(postings: [first, second])
        XCTAssertEqual(duplicates.first?.postingIds, ["P-1", "P-2"])
        XCTAssertEqual(duplicates.first?.occupation, .nurse)
        XCTAssertEqual(try duplicateOpenPostings(postings: [first]), [])
        XCTAssertTrue(try duplicateOpenPostingsJson(postingsJson: try postingsJson([first, second])).contains("P-2"))
    }
}

final class DistributionTests: XCTestCase {

    func testDistribute() throws {
        let postings = try twoPostings()
        let recipients = [
            Recipient(kind: "central_nurse_center"),
            Recipient(kind: "prefectural_nurse_center", prefecture: "27"),
            Recipient(kind: "women_doctors_bank"),
            Recipient(kind: "private_agency", name: "A社"),
            Recipient(kind: "public_site"),
        ]
        let deliveries = try distribute(postings: postings, recipients: recipients)
        XCTAssertEqual(deliveries.map { $0.recipient }, recipients)
        XCTAssertEqual(deliveries[0].content, .postings(postingIds: ["P-1"]))
        XCTAssertEqual(deliveries[1].content, .postings(postingIds: []))
        XCTAssertEqual(deliveries[2].content, .postings(postingIds: ["P-2"]))
        XCTAssertEqual(deliveries[3].view, .counts)
        guard case let .counts(rows) = deliveries[3].content else {
            return XCTFail("agencies get counts only")
        }
        XCTAssertEqual(rows.map { $0.occupation }, [.physician, .nurse])
        XCTAssertEqual(rows.map { $0.openings }, [2, 2])
        XCTAssertEqual(deliveries[4].view, .public)
        let json = try distributeJson(postingsJson: try postingsJson(postings),
                                      recipientsJson: "[{\"kind\": \"central_nurse_center\"}]", rulesJson: nil)
        XCTAssertTrue(json.contains("\"posting_ids\":[\"P-1\"]"))
    }

    func testUnknownRecipientsAreFindings() throws {
        let postings = try twoPostings()
        XCTAssertThrowsError(try distribute(postings: postings, recipients: [Recipient(kind: "mhlw"), Recipient(kind: "fan_club")])) { error in
            let findings = (error as? KeyNetError)?.findings ?? []
            XCTAssertEqual(findings.map { $0.path }, ["recipients.1"])
            XCTAssertEqual(findings.first?.code, .unknownValue)
        }
    }

    func testRulesAreData() throws {
        let postings = try twoPostings()
        var desk = DistributionRule(kind: "tokyo_desk", labelJa: "東京都の相談窓口", view: .registered,
                                    occupations: [.nurse], occupationsLabel: "nurses", occupationNoun: "a nurse",
                                    region: .ownPrefecture, tiedToPrefecture: true, needsName: false, source: "test")
        let deliveries = try distribute(postings: postings, recipients: [Recipient(kind: "tokyo_desk", prefecture: "13")], rules: [desk])
        XCTAssertEqual(deliveries.first?.content, .postings(postingIds: ["P-1"]))
        desk.tiedToPrefecture = false
        XCTAssertThrowsError(try distribute(postings: postings, recipients: [Recipient(kind: "mhlw")], rules: [desk])) { error in
            guard case let KeyNetError.Rules(message) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(message.contains("tokyo_desk"))
        }
        let standard = try standardRules()
        XCTAssertNil(standard.first { $0.kind == "mhlw" }?.occupations)
        let everyone = try standardRecipients(agencies: ["A社", "B社"])
        XCTAssertEqual(everyone.filter { $0.kind == "prefecture" }.count, 47)
        XCTAssertEqual(try distribute(postings: postings, recipients: everyone).count, everyone.count)
    }

    func testExplainNewSinceCountTable() throws {
        let postings = try twoPostings()
        let yes = try explain(posting: postings[0], recipient: Recipient(kind: "prefectural_nurse_center", prefecture: "13"))
        XCTAssertTrue(yes.received)
        XCTAssertEqual(yes.view, .registered)
        let no = try explain(posting: postings[0], recipient: Recipient(kind: "jart"))
        XCTAssertFalse(no.received)
        XCTAssertNil(no.view)
        XCTAssertFalse(no.rule.isEmpty || no.reason.isEmpty)
        XCTAssertTrue(try explainJson(postingJson: try postingToJson(posting: postings[0]), recipientJson: "{\"kind\": \"jart\"}", rulesJson: nil)
            .contains("\"received\":false"))
        let new = try newSince(previous: [postings[0]], current: postings, recipients: [Recipient(kind: "mhlw")])
        XCTAssertEqual(new.first?.content, .postings(postingIds: ["P-2"]))
        let all = try postingsJson(postings)
        XCTAssertTrue(try newSinceJson(previousJson: all, currentJson: all, recipientsJson: "[{\"kind\": \"mhlw\"}]", rulesJson: nil)
            .contains("\"posting_ids\":[]"))
        let rows = try countTable(postings: postings)
        XCTAssertEqual(rows.map { $0.postings }.reduce(0, +), 2)
        XCTAssertEqual(rows.map { $0.openings }.reduce(0, +), 4)
        XCTAssertTrue(try countTableJson(postingsJson: all).contains("\"prefecture\":\"27\""))
    }
}

final class TrainingAndReferenceTests: XCTestCase {

    func testAssessTraining() throws {
        let assessment = try assessTraining(plan: fullPlan())
        XCTAssertEqual(assessment.missingRequired, [])
        XCTAssertEqual(assessment.totalMinutes, 140)
        XCTAssertTrue(assessment.meetsRecommendedMinutes)
        XCTAssertTrue(assessment.reportable)
        let short = try assessTraining(plan: TrainingPlan(sessions: [fullPlan().sessions[0]]))
        XCTAssertEqual(short.missingRequired, [.infectionControlPractical, .medicalSafetyLecture])
        XCTAssertFalse(short.reportable)
        XCTAssertThrowsError(try assessTraining(plan: TrainingPlan(sessions: [TrainingSession(module: .other, minutes: 10, delivery: .video)])))
        XCTAssertTrue(try assessTrainingJson(planJson: "{\"sessions\": []}").contains("\"reportable\":false"))
        let nurse = try trainingMaterials(occupation: .nurse)
        XCTAssertFalse(nurse.isEmpty)
        XCTAssertLessThanOrEqual(nurse.count, try trainingMaterials().count)
    }

    func testOccupationsWithLabels() throws {
        let table = occupations()
        XCTAssertEqual(table.count, 11)
        XCTAssertEqual(table.first?.nameJa, "医師")
        let nurse = occupationInfo(occupation: .nurse)
        XCTAssertEqual(nurse.nameJa, "看護師")
        XCTAssertEqual(nurse.nameEn, "registered nurse")
        XCTAssertEqual(nurse.group, .nursing)
        XCTAssertNil(occupationInfo(occupation: .clerical).nationalBodyJa)
    }

    func testLabelsFieldsPrefecturesCatalogue() throws {
        XCTAssertEqual(facilityTypeLabelJa(facilityType: .publicHealthCenter), "保健所")
        XCTAssertEqual(dutyKindLabelJa(kind: .mildCaseAccommodation), "軽症者宿泊療養施設業務")
        XCTAssertEqual(salaryBasisLabelJa(basis: .monthly), "月給")
        XCTAssertEqual(passiveSmokingLabelJa(measure: .noMeasures), "対策なし")
        XCTAssertEqual(formFields().first?.path, "masking_requested")
        XCTAssertNil(formField(path: "postings.0"))
        let tokyo = prefectures()[12]
        XCTAssertEqual(tokyo.code, "13")
        XCTAssertEqual(tokyo.name, "東京都")
        XCTAssertEqual(prefectures().count, 47)
        XCTAssertEqual(catalogue().map { $0.name },
                       ["required", "format", "range", "unknown_value", "inconsistent", "masking_leak",
                        "labor_law", "health_law", "too_long"])
        XCTAssertEqual(findingCodeName(code: .maskingLeak), "masking_leak")
    }

    func testCallJson() throws {
        let form = try formToJson(form: try spec())
        let viaCall = try callJson(operation: "public_view", argsJson: "{\"form\": \(form)}")
        XCTAssertEqual(try Golden.canonical(try Golden.parse(viaCall)),
                       try Golden.canonical(try Golden.parse(try publicViewJson(formJson: form))))
        XCTAssertThrowsError(try callJson(operation: "fly", argsJson: "{}")) { error in
            XCTAssertEqual((error as? KeyNetError)?.findings.map { $0.path }, ["operation"])
        }
    }
}
