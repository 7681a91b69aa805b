// The checks of bindings-swift/tests/mobile-suite.txt that the other test files do not hold: the
// golden table through the typed functions, each KeyNetError case with its data, threads, and
// the API tour. The Kotlin suite (bindings-swift/tests/kotlin/) runs the same list on the JVM.

import Foundation
import KeyNet
import XCTest

final class TypedGoldenCaseTests: XCTestCase {

    /// The form cases a `FormDraft` can say (no `"２"` openings, no unknown key), with their drafts.
    private func typedFormCases() throws -> [(URL, [String: Any], FormDraft)] {
        var out: [(URL, [String: Any], FormDraft)] = []
        for file in try Golden.formCases() {
            let golden = try Golden.load(file)
            guard let input = golden["input"], let draft = try? Typed.formDraft(input) else { continue }
            out.append((file, golden, draft))
        }
        return out
    }

    func testTypedDraftsCoverMostFormCases() throws {
        let inputs = try Golden.formCases().filter { (try Golden.load($0))["input"] != nil }
        XCTAssertGreaterThanOrEqual(try typedFormCases().count * 2, inputs.count)
    }

    func testEveryFormCaseThroughTypedDrafts() throws {
        for (file, golden, draft) in try typedFormCases() {
            let name = file.lastPathComponent
            let expect = golden["expect"] as? [String: Any] ?? [:]
            let validation = try validate(form: draft)
            let expected = (expect["findings"] as? [[String: Any]] ?? []).map { Golden.triple($0) }
            XCTAssertEqual(validation.findings.map { Golden.triple($0) }.sorted(), expected.sorted(), name)
            XCTAssertEqual(validation.registrable, !validation.findings.hasErrors, name)
            if validation.findings.hasErrors {
                XCTAssertNil(validation.form, name)
                XCTAssertThrowsError(try normalize(form: draft), name) { error in
                    guard case let KeyNetError.InvalidForm(findings, at) = error else {
                        return XCTFail("\(name): \(error)")
                    }
                    XCTAssertEqual(findings.map { Golden.triple($0) }.sorted(), expected.sorted(), name)
                    XCTAssertNil(at, name)
                }
                continue
            }
            let form = try normalize(form: draft)
            XCTAssertEqual(form, validation.form, name)
            let canonical = try Golden.parse(try formToJson(form: form))
            if let want = expect["canonical"], !(want is NSNull) {
                XCTAssertEqual(try Golden.canonical(canonical), try Golden.canonical(want), name)
            }
            XCTAssertEqual(try Golden.canonical(Typed.prune(Typed.plain(form))), try Golden.canonical(Typed.prune(canonical)), name)
            XCTAssertEqual(try normalize(form: try formDraft(form: form)), form, name)
        }
    }

    private func mobileCases() throws -> [(URL, [String: Any])] {
        try Golden.operationCases().map { ($0, try Golden.load($0)) }
            .filter { GoldenCaseTests.namedKinds.contains($0.1["kind"] as? String ?? "") }
    }

    func testEveryMobileOperationHasCases() throws {
        let kinds = Set(try mobileCases().map { $0.1["kind"] as? String ?? "" })
        XCTAssertEqual(kinds, GoldenCaseTests.namedKinds)
    }

    /// Converts the arguments (which may throw NotTyped, or a KeyNetError while reading a
    /// posting), then returns the typed call.
    private func typedCall(kind: String, args a: [String: Any]) throws -> () throws -> Any {
        func recipients() throws -> [Recipient] {
            try Typed.list(a["recipients"], "recipients") { try Typed.recipient($0) }
        }
        switch kind {
        case "view":
            let form = try formFromJson(json: try Golden.text(a["form"] ?? NSNull()))
            let kind = try Typed.enumValue(a["view"], AllCases.viewKind, "view")
            return { try view(form: form, kind: kind) }
        case "public_view":
            let form = try formFromJson(json: try Golden.text(a["form"] ?? NSNull()))
            return { try publicView(form: form) }
        case "registered_view":
            let form = try formFromJson(json: try Golden.text(a["form"] ?? NSNull()))
            return { try registeredView(form: form) }
        case "distribute":
            let (rs, rules, ps) = (try recipients(), try Typed.rules(a["rules"]), try Typed.postings(a["postings"]))
            return { try distribute(postings: ps, recipients: rs, rules: rules) }
        case "new_since":
            let (rs, rules) = (try recipients(), try Typed.rules(a["rules"]))
            let (previous, current) = (try Typed.postings(a["previous"]), try Typed.postings(a["current"]))
            return { try newSince(previous: previous, current: current, recipients: rs, rules: rules) }
        case "explain":
            let (p, r, rules) = (try Typed.posting(a["posting"]), try Typed.recipient(a["recipient"]), try Typed.rules(a["rules"]))
            return { try explain(posting: p, recipient: r, rules: rules) }
        case "count_table":
            let ps = try Typed.postings(a["postings"])
            return { try countTable(postings: ps) }
        case "assess_training":
            let plan = try Typed.trainingPlan(a["plan"])
            return { try assessTraining(plan: plan) }
        case "disclose":
            let p = try Typed.posting(a["posting"])
            guard let seeker = a["seeker_id"] as? String else { throw NotTyped(why: "seeker_id") }
            return { try disclose(posting: p, seekerId: seeker) }
        case "account_status":
            let ps = try Typed.postings(a["postings"])
            guard let id = a["facility_id"] as? String, let year = (a["year"] as? NSNumber).flatMap({ Int32(exactly: $0.int64Value) }),
                  let month = (a["month"] as? NSNumber).flatMap({ UInt8(exactly: $0.int64Value) })
            else { throw NotTyped(why: "account_status arguments") }
            return { try accountStatus(postings: ps, facilityId: id, year: year, month: month) }
        case "duplicate_open_postings":
            let ps = try Typed.postings(a["postings"])
            return { try duplicateOpenPostings(postings: ps) }
        default:
            throw NotTyped(why: "no typed function for \(kind)")
        }
    }

    func testEveryOperationCaseThroughTypedFunctions() throws {
        let golden = GoldenCaseTests()
        for (file, data) in try mobileCases() {
            let name = file.lastPathComponent
            let kind = data["kind"] as? String ?? ""
            let args = data["args"] as? [String: Any] ?? [:]
            let expect = data["expect"] as? [String: Any] ?? [:]
            // A view of a posting has no typed entry point (a FormDraft is a form): the named
            // JSON functions and callJson run those cases.
            if kind.hasSuffix("view"), (args["form"] as? [String: Any])?["posting_id"] != nil { continue }
            let want = expect["error"] as? [String: Any]
            var answer: GoldenCaseTests.Answer
            if kind == "apply_events" {
                var posting: Posting
                do {
                    posting = try Typed.posting(args["posting"])
                } catch {
                    XCTAssertEqual(want?["kind"] as? String, "invalid", "\(name): \(error)")
                    continue
                }
                answer = GoldenCaseTests.Answer(output: nil, error: nil, at: nil)
                var notTyped = false
                for (index, event) in (args["events"] as? [Any] ?? []).enumerated() {
                    guard let typed = try? Typed.lifecycleEvent(event) else {
                        // An event an app cannot even build: the case expects it refused.
                        XCTAssertEqual(want?["kind"] as? String, "invalid", name)
                        XCTAssertEqual(want?["at"] as? Int, index, name)
                        notTyped = true
                        break
                    }
                    do {
                        posting = try applyEvent(posting: posting, event: typed)
                    } catch let error as KeyNetError {
                        answer = GoldenCaseTests.Answer(output: nil, error: error, at: index)
                        break
                    }
                }
                if notTyped { continue }
                if answer.error == nil {
                    answer.output = try Golden.text(Typed.plain(posting))
                }
            } else {
                let call: () throws -> Any
                do {
                    call = try typedCall(kind: kind, args: args)
                } catch {
                    // The arguments themselves cannot be typed: the case must expect them refused.
                    XCTAssertEqual(want?["kind"] as? String, "invalid", "\(name): \(error)")
                    continue
                }
                do {
                    answer = GoldenCaseTests.Answer(output: try Golden.text(Typed.plain(try call())), error: nil, at: nil)
                } catch let error as KeyNetError {
                    answer = GoldenCaseTests.Answer(output: nil, error: error, at: nil)
                }
            }
            if let output = answer.output {
                XCTAssertNil(want, "\(name): expected an error, got \(output)")
                let got = Typed.prune(try Golden.stripMessages(try Golden.parse(output)))
                XCTAssertEqual(try Golden.canonical(got), try Golden.canonical(Typed.prune(expect["output"] ?? NSNull())), name)
            } else {
                try golden.check(answer, against: expect, name: name)
            }
        }
    }
}

final class ErrorCaseTests: XCTestCase {

    func testInvalidInputCarriesItsKind() throws {
        let deep = "{\"notes\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        let wide = "{\"duties\":{\"kinds\":[" + Array(repeating: "1", count: 10_001).joined(separator: ",") + "]}}"
        let large = "{\"notes\":\"" + String(repeating: "あ", count: 400_000) + "\"}"
        let cases: [(String, InputErrorKind)] = [
            ("{\"openings\": ", .syntax), ("[]", .notAnObject), ("\"a form\"", .notAnObject),
            (deep, .tooDeep), (wide, .tooManyItems), (large, .tooLarge),
        ]
        for (text, kind) in cases {
            XCTAssertThrowsError(try validateJson(json: text)) { error in
                guard case let KeyNetError.InvalidInput(got, message, messageJa) = error else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(got, kind)
                XCTAssertFalse(message.isEmpty || messageJa.isEmpty)
            }
        }
    }

    func testInvalidFormCarriesEveryFinding() throws {
        XCTAssertThrowsError(try normalize(form: FormDraft())) { error in
            guard case let KeyNetError.InvalidForm(findings, at) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertNil(at)
            let paths = Set(findings.filter { $0.severity == .error }.map { $0.path })
            for path in ["facility.id", "occupation", "openings", "contact.phone", "contact.email"] {
                XCTAssertTrue(paths.contains(path), path)
            }
            XCTAssertTrue(findings.contains { $0.messageJa.contains("電話番号") })
        }
        // An event that does not read, third in a sequence: its findings, and its index.
        let posting = try ValidForm(form: specDraft()).register(postingId: "P-1", registeredOn: "2020-06-01")
        XCTAssertThrowsError(try posting.applyEvents(events: [
            .inquiry(seekerId: "S-1", on: "2020-06-02"),
            .application(seekerId: "S-1", on: "2020-06-03"),
            .application(seekerId: "S-2", on: "6月31日"),
        ])) { error in
            guard case let KeyNetError.InvalidForm(findings, at) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(at, 2)
            XCTAssertTrue(findings.contains { $0.path.hasPrefix("event") })
        }
        XCTAssertEqual(try posting.toRecord().inquiries, [])
    }

    func testLifecycleErrorCarriesItsProblemAndEvent() throws {
        let posting = try ValidForm(form: specDraft()).register(postingId: "P-1", registeredOn: "2020-06-01")
        XCTAssertThrowsError(try posting.apply(event: .inquiry(seekerId: "S-1", on: "2020-05-31"))) { error in
            guard case let KeyNetError.Lifecycle(problem, message, at) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .beforeItsTime(earliest: "2020-06-01"))
            XCTAssertFalse(message.isEmpty)
            XCTAssertNil(at)
        }
        XCTAssertThrowsError(try posting.applyEvents(events: [
            .application(seekerId: "S-2", on: "2020-06-03"),
            .hire(seekerId: "S-3", on: "2020-06-04", route: nil),
        ])) { error in
            guard case let KeyNetError.Lifecycle(problem, _, at) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .notAnApplicant(seekerId: "S-3"))
            XCTAssertEqual(at, 1)
        }
        try posting.apply(event: .close(reason: .withdrawn, on: "2020-06-05"))
        XCTAssertThrowsError(try posting.apply(event: .inquiry(seekerId: "S-4", on: "2020-06-06"))) { error in
            guard case let KeyNetError.Lifecycle(problem, _, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .closed)
        }
    }

    func testDisclosureErrorCarriesItsProblem() throws {
        let posting = try ValidForm(form: specDraft()).register(postingId: "P-1", registeredOn: "2020-06-01")
        XCTAssertThrowsError(try posting.disclose(seekerId: "S-9")) { error in
            guard case let KeyNetError.Disclosure(problem, message) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(problem, .noInquiry)
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testRulesErrorCarriesItsMessage() throws {
        var rule = try XCTUnwrap(try standardRules().first)
        rule.kind = "city_desk"
        rule.region = .ownPrefecture
        rule.tiedToPrefecture = false
        var first = ""
        XCTAssertThrowsError(try RuleSet(rules: [rule])) { error in
            guard case let KeyNetError.Rules(message) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(message.contains("city_desk"))
            first = message
        }
        XCTAssertThrowsError(try distribute(postings: [], recipients: [], rules: [rule])) { error in
            guard case let KeyNetError.Rules(message) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(message, first)
        }
    }

    /// Eight threads validating every form case and distributing every distribution case at once
    /// answer what one thread answers.
    func testThreadsAnswerAsOneThread() throws {
        var work: [() -> String] = []
        for file in try Golden.formCases() {
            let golden = try Golden.load(file)
            let text = try (golden["input_json"] as? String) ?? Golden.text(golden["input"] ?? NSNull())
            work.append {
                do {
                    return try validateJson(json: text).map { Golden.triple($0) }.sorted().joined(separator: "\n")
                } catch {
                    return "\(error)"
                }
            }
        }
        for file in try Golden.operationCases() where file.deletingLastPathComponent().lastPathComponent == "distribution" {
            let golden = try Golden.load(file)
            let kind = golden["kind"] as? String ?? ""
            let args = try Golden.text(golden["args"] ?? NSNull())
            work.append {
                do {
                    return try callJson(operation: kind, argsJson: args)
                } catch {
                    return "\(error)"
                }
            }
        }
        let alone = work.map { $0() }
        var results = Array(repeating: [String](), count: 8)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            let mine = work.map { $0() }
            lock.lock()
            results[thread] = mine
            lock.unlock()
        }
        for (thread, answers) in results.enumerated() {
            XCTAssertEqual(answers, alone, "thread \(thread)")
        }
    }

    /// The API as an app uses it (bindings-swift/tests/kotlin/Main.kt does the same in Kotlin).
    func testApiTour() throws {
        let form = try normalize(form: specDraft())
        XCTAssertEqual(form.contact.phone, "03-3292-0000")
        let valid = try ValidForm(form: specDraft())
        XCTAssertEqual(try valid.form(), form)
        XCTAssertNil(try valid.publicView().contact.phone)
        let posting = try valid.register(postingId: "P-1", registeredOn: "2020-06-01")
        XCTAssertEqual(try posting.toRecord(), try register(form: form, postingId: "P-1", registeredOn: "2020-06-01"))
        try posting.apply(event: .inquiry(seekerId: "S-1", on: "2020-06-02"))
        XCTAssertEqual(try posting.disclose(seekerId: "S-1").contact.phone, "03-3292-0000")
        let again = try PostingObject.fromJson(json: try posting.toJson())
        XCTAssertEqual(try again.toRecord(), try posting.toRecord())
        let rules = try RuleSet()
        let recipients = try standardRecipients(agencies: ["A社"])
        XCTAssertEqual(try rules.distribute(postings: [posting, again], recipients: recipients),
                       try distribute(postings: [try posting.toRecord(), try again.toRecord()], recipients: recipients))
        let center = Recipient(kind: "prefectural_nurse_center", prefecture: "13", name: nil)
        XCTAssertEqual(try rules.explain(posting: posting, recipient: center),
                       try explain(posting: try posting.toRecord(), recipient: center))
        XCTAssertEqual(try RuleSet.fromJson(json: try rules.toJson()).rules(), try standardRules())
    }
}
