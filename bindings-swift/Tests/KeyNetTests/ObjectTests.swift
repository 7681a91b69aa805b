// The objects of the KeyNet Swift API — ValidForm, PostingObject, RuleSet — read once and then
// used as an app holds them; each answers as the functions do (the same behaviours as
// bindings-swift/tests/test_uniffi_objects.py checks through UniFFI's Python backend).

import Foundation
import KeyNet
import XCTest

final class ObjectTests: XCTestCase {

    func testAValidFormAnswersAsTheFunctions() throws {
        let valid = try ValidForm(form: specDraft())
        let form = try spec()
        XCTAssertEqual(try valid.form(), form)
        XCTAssertTrue(try valid.maskingRequested())
        XCTAssertEqual(try valid.occupation(), .nurse)
        XCTAssertFalse(try valid.findings().hasErrors)
        XCTAssertEqual(try valid.publicView(), try publicView(form: form))
        XCTAssertEqual(try valid.registeredView(), try registeredView(form: form))
        XCTAssertEqual(try valid.view(kind: .internal), try view(form: form, kind: .internal))
        XCTAssertEqual(try valid.publicViewJson(), try publicViewJson(formJson: try formToJson(form: form)))
        XCTAssertEqual(try valid.toJson(), try formToJson(form: form))
        XCTAssertThrowsError(try valid.view(kind: .counts)) { error in
            XCTAssertEqual((error as? KeyNetError)?.findings.map { $0.path }, ["view"])
        }
        XCTAssertEqual(try ValidForm.fromJson(json: try valid.toJson()).form(), form)
        XCTAssertEqual(try ValidForm.fromForm(form: form).toJson(), try valid.toJson())
        var draft = specDraft()
        draft.openings = 0
        XCTAssertThrowsError(try ValidForm(form: draft)) { error in
            XCTAssertEqual((error as? KeyNetError)?.findings.at("openings").first?.code, .range)
        }
    }

    func testAPostingObjectAppliesEventsAllOrNothing() throws {
        let valid = try ValidForm(form: specDraft())
        let posting = try valid.register(postingId: "P-1", registeredOn: "R2.6.1")
        let record = try register(form: try spec(), postingId: "P-1", registeredOn: "2020-06-01")
        XCTAssertEqual(try posting.toRecord(), record)
        XCTAssertEqual(try posting.id(), "P-1")
        XCTAssertEqual(try posting.status(), .open)
        XCTAssertEqual(try PostingObject(posting: record).toJson(), try postingToJson(posting: record))

        try posting.apply(event: .inquiry(seekerId: "S-1", on: "2020-06-02"))
        XCTAssertEqual(try posting.disclose(seekerId: "S-1").contact.phone, "03-3292-0000")
        let before = try posting.toRecord()
        XCTAssertThrowsError(try posting.applyEvents(events: [
            .application(seekerId: "S-2", on: "2020-06-03"),
            .application(seekerId: "S-2", on: "2020-06-04"),
        ])) { error in
            guard let error = error as? KeyNetError, case let .Lifecycle(problem, _, at) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .alreadyApplied(seekerId: "S-2"))
            XCTAssertEqual(at, 1)
            XCTAssertEqual(error.at, 1)
        }
        XCTAssertEqual(try posting.toRecord(), before)
        try posting.applyEvents(events: [
            .application(seekerId: "S-2", on: "2020-06-03"),
            .hire(seekerId: "S-2", on: "2020-06-10", route: .keyNet),
            .trainingCompleted(seekerId: "S-2", on: "2020-06-12", plan: fullPlan()),
            .completionReported(seekerId: "S-2", on: "2020-06-13"),
            .close(reason: .filled, on: "2020-06-30"),
        ])
        XCTAssertEqual(try posting.status(), .closed)
        XCTAssertThrowsError(try posting.applyJson(eventJson: "{\"type\": \"wave\"}")) { error in
            XCTAssertTrue((error as? KeyNetError)?.findings.contains { $0.path == "event.type" } ?? false)
            XCTAssertNil((error as? KeyNetError)?.at)
        }
    }

    func testARuleSetDistributesPostingObjects() throws {
        let records = try twoPostings()
        let postings = try records.map { try PostingObject(posting: $0) }
        let recipients = try standardRecipients(agencies: ["A社"])
        let rules = try RuleSet()
        XCTAssertEqual(try rules.distribute(postings: postings, recipients: recipients),
                       try distribute(postings: records, recipients: recipients))
        let nurseCenter = Recipient(kind: "prefectural_nurse_center", prefecture: "13")
        XCTAssertEqual(try rules.explain(posting: postings[0], recipient: nurseCenter),
                       try explain(posting: records[0], recipient: nurseCenter))
        XCTAssertEqual(try RuleSet.fromJson(json: try rules.toJson()).rules(), try standardRules())
    }
}
