// The golden case table through the Swift API, as every language of keynet runs it:
// form cases (tests/cases/*.json) through validateJson / normalizeJson / formFromJson, and the
// operation cases (tests/cases/<folder>/*.json) through callJson and the named JSON functions.
// Lifecycle cases (`apply_events`) apply their events one by one; `at` is the failing index.

import Foundation
import KeyNet
import XCTest

final class GoldenCaseTests: XCTestCase {

    // MARK: form cases

    func testEveryFormCaseThroughJson() throws {
        let files = try Golden.formCases()
        XCTAssertGreaterThanOrEqual(files.count, 20, "form cases in \(Golden.casesDirectory.path)")
        for file in files {
            try checkFormCase(file)
        }
    }

    private func checkFormCase(_ file: URL) throws {
        let name = file.lastPathComponent
        let golden = try Golden.load(file)
        let expect = golden["expect"] as? [String: Any] ?? [:]
        let text: String
        if let raw = golden["input_json"] as? String {
            text = raw
        } else {
            text = try Golden.text(golden["input"] ?? NSNull())
        }

        if let inputError = expect["error"] as? String {
            do {
                _ = try validateJson(json: text)
                XCTFail("\(name): expected the input error \(inputError)")
            } catch let KeyNetError.InvalidInput(kind, message, messageJa) {
                XCTAssertEqual(Golden.name(kind), inputError, name)
                XCTAssertFalse(message.isEmpty || messageJa.isEmpty, name)
            }
            XCTAssertThrowsError(try normalizeJson(json: text), name) { error in
                guard case KeyNetError.InvalidInput = error else {
                    return XCTFail("\(name): \(error)")
                }
            }
            return
        }

        let findings = try validateJson(json: text)
        for finding in findings {
            XCTAssertFalse(finding.message.isEmpty || finding.messageJa.isEmpty, name)
        }
        let expected = (expect["findings"] as? [[String: Any]] ?? []).map { Golden.triple($0) }
        XCTAssertEqual(findings.map { Golden.triple($0) }.sorted(), expected.sorted(), name)

        if findings.hasErrors {
            XCTAssertTrue(expect["canonical"] == nil || expect["canonical"] is NSNull, name)
            do {
                _ = try normalizeJson(json: text)
                XCTFail("\(name): a form with errors was normalised")
            } catch let KeyNetError.InvalidForm(carried, _) {
                XCTAssertEqual(carried.map { Golden.triple($0) }.sorted(), findings.map { Golden.triple($0) }.sorted(), name)
            }
            return
        }

        let canonicalText = try normalizeJson(json: text)
        let canonical = try Golden.parse(canonicalText)
        if let want = expect["canonical"], !(want is NSNull) {
            XCTAssertEqual(try Golden.canonical(canonical), try Golden.canonical(want), name)
        }
        XCTAssertFalse(try validateJson(json: canonicalText).hasErrors, "\(name): the canonical form has errors")
        XCTAssertEqual(try Golden.canonical(try Golden.parse(try normalizeJson(json: canonicalText))),
                       try Golden.canonical(canonical), "\(name): normalize is not idempotent")
        // The typed form reads and writes the same canonical JSON.
        let form = try formFromJson(json: text)
        XCTAssertEqual(try Golden.canonical(try Golden.parse(try formToJson(form: form))),
                       try Golden.canonical(canonical), name)
        XCTAssertEqual(try normalize(form: try formDraft(form: form)), form, name)
    }

    // MARK: operation cases

    func testEveryOperationCaseThroughCallJson() throws {
        let files = try Golden.operationCases()
        XCTAssertGreaterThanOrEqual(files.count, 40)
        for file in files {
            let golden = try Golden.load(file)
            let kind = golden["kind"] as? String ?? ""
            let args = golden["args"] as? [String: Any] ?? [:]
            let answer = try runCallJson(kind: kind, args: args)
            try check(answer, against: golden["expect"] as? [String: Any] ?? [:], name: file.lastPathComponent)
        }
    }

    func testEveryOperationCaseThroughNamedJsonFunctions() throws {
        var checked = 0
        for file in try Golden.operationCases() {
            let golden = try Golden.load(file)
            let kind = golden["kind"] as? String ?? ""
            if !Self.namedKinds.contains(kind) {
                continue  // kintone, accounts, beds…: reached from Swift through callJson only
            }
            let args = golden["args"] as? [String: Any] ?? [:]
            let answer = try runNamedJson(kind: kind, args: args)
            try check(answer, against: golden["expect"] as? [String: Any] ?? [:], name: file.lastPathComponent)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 40)
    }

    /// The operations with a named JSON function; the others are reached through callJson.
    static let namedKinds: Set<String> = [
        "view", "public_view", "registered_view", "distribute", "explain", "new_since", "count_table",
        "assess_training", "disclose", "account_status", "duplicate_open_postings", "apply_events",
    ]

    struct Answer {
        var output: String?
        var error: KeyNetError?
        var at: Int?
    }

    func runCallJson(kind: String, args: [String: Any]) throws -> Answer {
        if kind == "apply_events" {
            var posting: Any = args["posting"] ?? NSNull()
            let events = args["events"] as? [Any] ?? []
            for (index, event) in events.enumerated() {
                do {
                    let argsJson = try Golden.text(["posting": posting, "event": event])
                    posting = try Golden.parse(try callJson(operation: "apply_event", argsJson: argsJson))
                } catch let error as KeyNetError {
                    return Answer(output: nil, error: error, at: index)
                }
            }
            return Answer(output: try Golden.text(posting), error: nil, at: nil)
        }
        do {
            return Answer(output: try callJson(operation: kind, argsJson: try Golden.text(args)), error: nil, at: nil)
        } catch let error as KeyNetError {
            return Answer(output: nil, error: error, at: nil)
        }
    }

    private func runNamedJson(kind: String, args: [String: Any]) throws -> Answer {
        func arg(_ key: String) throws -> String {
            try Golden.text(args[key] ?? NSNull())
        }
        var rules: String? = nil
        if let value = args["rules"], !(value is NSNull) {
            rules = try Golden.text(value)
        }
        if kind == "apply_events" {
            var posting = try arg("posting")
            let events = args["events"] as? [Any] ?? []
            for (index, event) in events.enumerated() {
                do {
                    posting = try applyEventJson(postingJson: posting, eventJson: try Golden.text(event))
                } catch let error as KeyNetError {
                    return Answer(output: nil, error: error, at: index)
                }
            }
            return Answer(output: posting, error: nil, at: nil)
        }
        do {
            let output: String
            switch kind {
            case "view":
                let view: ViewKind
                switch args["view"] as? String {
                case "internal": view = .internal
                case "registered": view = .registered
                case "public": view = .public
                default: view = .counts
                }
                output = try viewJson(formJson: try arg("form"), view: view)
            case "public_view":
                output = try publicViewJson(formJson: try arg("form"))
            case "registered_view":
                output = try registeredViewJson(formJson: try arg("form"))
            case "distribute":
                output = try distributeJson(postingsJson: try arg("postings"), recipientsJson: try arg("recipients"), rulesJson: rules)
            case "explain":
                output = try explainJson(postingJson: try arg("posting"), recipientJson: try arg("recipient"), rulesJson: rules)
            case "new_since":
                output = try newSinceJson(previousJson: try arg("previous"), currentJson: try arg("current"),
                                          recipientsJson: try arg("recipients"), rulesJson: rules)
            case "count_table":
                output = try countTableJson(postingsJson: try arg("postings"))
            case "assess_training":
                output = try assessTrainingJson(planJson: try arg("plan"))
            case "disclose":
                output = try discloseJson(postingJson: try arg("posting"), seekerId: args["seeker_id"] as? String ?? "")
            case "account_status":
                let year = (args["year"] as? NSNumber)?.int32Value ?? 0
                let month = (args["month"] as? NSNumber)?.uint8Value ?? 0
                output = try accountStatusJson(postingsJson: try arg("postings"), facilityId: args["facility_id"] as? String ?? "",
                                               year: year, month: month)
            case "duplicate_open_postings":
                output = try duplicateOpenPostingsJson(postingsJson: try arg("postings"))
            default:
                XCTFail("no named JSON function for \(kind)")
                return Answer(output: nil, error: nil, at: nil)
            }
            return Answer(output: output, error: nil, at: nil)
        } catch let error as KeyNetError {
            return Answer(output: nil, error: error, at: nil)
        }
    }

    func check(_ answer: Answer, against expect: [String: Any], name: String) throws {
        if let error = answer.error {
            guard let want = expect["error"] as? [String: Any] else {
                return XCTFail("\(name): unexpected error \(error)")
            }
            let got = Golden.describe(error)
            XCTAssertEqual(got.kind, want["kind"] as? String, "\(name): \(error)")
            if let detail = want["detail"] as? String {
                XCTAssertEqual(got.detail, detail, name)
            }
            if let at = want["at"] as? Int {
                XCTAssertEqual(answer.at, at, name)
            }
            if let findings = want["findings"] as? [[String: Any]] {
                XCTAssertEqual(got.findings.map { Golden.triple($0) }.sorted(), findings.map { Golden.triple($0) }.sorted(), name)
            }
            for finding in got.findings {
                XCTAssertFalse(finding.message.isEmpty || finding.messageJa.isEmpty, name)
            }
            return
        }
        guard let output = answer.output else {
            return XCTFail("\(name): no answer")
        }
        XCTAssertNil(expect["error"], "\(name): expected an error, got \(output)")
        let stripped = try Golden.stripMessages(try Golden.parse(output))
        XCTAssertEqual(try Golden.canonical(stripped), try Golden.canonical(expect["output"] ?? NSNull()), name)
    }
}
