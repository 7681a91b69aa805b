// The golden table's JSON data as the typed values an app holds (FormDraft, Recipient,
// TrainingPlan, LifecycleEvent, DistributionRule, Posting), and typed answers back as JSON data
// to compare with the table — the Swift twin of bindings-swift/tests/kotlin/Typed.kt.

import Foundation
import KeyNet

/// JSON data that the typed API cannot express (wrong type, unknown key or value).
struct NotTyped: Error {
    let why: String
}

/// Every case of the enums a case's arguments name (UniFFI's Swift enums are not CaseIterable);
/// bindings-swift/tests/test_swift_sources.py checks each list against the generated Swift.
enum AllCases {
    static let facilityType: [FacilityType] = [.hospital, .clinic, .publicHealthCenter]
    static let occupation: [Occupation] = [
        .physician, .publicHealthNurse, .midwife, .nurse, .assistantNurse, .radiologicalTechnologist,
        .clinicalLaboratoryTechnologist, .clinicalEngineer, .pharmacist, .paramedic, .clerical,
    ]
    static let dutyKind: [DutyKind] = [
        .generalInternalMedicineOutpatient, .returneeContactOutpatient, .mildCaseAccommodation, .publicHealthCenter,
        .other,
    ]
    static let salaryBasis: [SalaryBasis] = [.hourly, .daily, .monthly]
    static let passiveSmoking: [PassiveSmoking] = [.premisesNoSmoking, .indoorNoSmoking, .smokingRoom, .noMeasures, .other]
    static let trainingModule: [TrainingModule] = [
        .infectionControlLecture, .infectionControlPractical, .medicalSafetyLecture, .other,
    ]
    static let trainingDelivery: [TrainingDelivery] = [.inPerson, .video, .external]
    static let hireRoute: [HireRoute] = [.keyNet, .helloWork, .prefectureDesk, .nurseCenter, .other]
    static let closedReason: [ClosedReason] = [.filled, .withdrawn, .unpublished, .deleted]
    static let viewKind: [ViewKind] = [.internal, .registered, .public, .counts]
    static let region: [Region] = [.nationwide, .ownPrefecture]
}

enum Typed {
    /// `returneeContactOutpatient` → `returnee_contact_outpatient`.
    static func snake(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The JSON word of an enum value without data (`.noMeasures` is `none`).
    static func word<E>(_ value: E) -> String {
        if let smoking = value as? PassiveSmoking, smoking == .noMeasures {
            return "none"
        }
        return snake(String(describing: value))
    }

    static func enumValue<E>(_ data: Any?, _ cases: [E], _ what: String) throws -> E {
        guard let text = data as? String, let value = cases.first(where: { word($0) == text }) else {
            throw NotTyped(why: "\(what): \(String(describing: data))")
        }
        return value
    }

    // MARK: reading JSON objects

    /// One JSON object read as a record: only the keys given.
    struct Fields {
        let map: [String: Any]
        let what: String

        init(_ data: Any?, _ what: String, _ keys: Set<String>) throws {
            guard let map = data as? [String: Any] else {
                throw NotTyped(why: "\(what) is not an object")
            }
            let unknown = Set(map.keys).subtracting(keys)
            guard unknown.isEmpty else {
                throw NotTyped(why: "\(what): unknown keys \(unknown.sorted())")
            }
            self.map = map
            self.what = what
        }

        /// The value at `key`; nil when absent or null.
        func raw(_ key: String) -> Any? {
            guard let value = map[key], !(value is NSNull) else {
                return nil
            }
            return value
        }

        func text(_ key: String) throws -> String? {
            guard let value = raw(key) else { return nil }
            guard let text = value as? String else { throw NotTyped(why: "\(what).\(key) is not text") }
            return text
        }

        func int(_ key: String) throws -> Int64? {
            guard let value = raw(key) else { return nil }
            guard let number = value as? NSNumber, Typed.isInteger(number), number == NSNumber(value: number.int64Value)
            else { throw NotTyped(why: "\(what).\(key): \(value) is not a 64-bit integer") }
            return number.int64Value
        }

        func bool(_ key: String) throws -> Bool? {
            guard let value = raw(key) else { return nil }
            guard let number = value as? NSNumber, Typed.isBool(number) else {
                throw NotTyped(why: "\(what).\(key): \(value) is not a boolean")
            }
            return number.boolValue
        }

        func required<T>(_ key: String, _ read: (String) throws -> T?) throws -> T {
            guard let value = try read(key) else { throw NotTyped(why: "\(what): no \(key)") }
            return value
        }
    }

    static func isBool(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    static func isInteger(_ number: NSNumber) -> Bool {
        !["c", "d", "f"].contains(String(cString: number.objCType))
    }

    static func list<T>(_ data: Any?, _ what: String, _ item: (Any) throws -> T) throws -> [T] {
        guard let items = data as? [Any] else { throw NotTyped(why: "\(what) is not a list") }
        return try items.map(item)
    }

    // MARK: JSON data → typed values

    /// A `FormDraft` from form JSON, or NotTyped when the JSON says what a draft cannot.
    static func formDraft(_ data: Any?) throws -> FormDraft {
        let f = try Fields(data, "form", [
            "masking_requested", "facility", "occupation", "openings", "workplace", "employment_period",
            "trial_period_weeks", "duties", "salary", "working_hours", "insurance", "passive_smoking",
            "passive_smoking_detail", "notes", "contact", "existing_listings",
        ])
        var draft = FormDraft()
        draft.maskingRequested = try f.bool("masking_requested")
        if let raw = f.raw("facility") {
            let g = try Fields(raw, "facility", ["id", "name", "type", "prefecture"])
            draft.facility = FacilityDraft(
                id: try g.text("id"), name: try g.text("name"),
                facilityType: try g.raw("type").map { try enumValue($0, AllCases.facilityType, "facility.type") },
                prefecture: try g.text("prefecture"))
        }
        draft.occupation = try f.raw("occupation").map { try enumValue($0, AllCases.occupation, "occupation") }
        draft.openings = try f.int("openings")
        if let raw = f.raw("workplace") {
            let g = try Fields(raw, "workplace", ["postal_code", "prefecture", "municipality", "street_address", "facility_name"])
            draft.workplace = WorkplaceDraft(
                postalCode: try g.text("postal_code"), prefecture: try g.text("prefecture"),
                municipality: try g.text("municipality"), streetAddress: try g.text("street_address"),
                facilityName: try g.text("facility_name"))
        }
        if let raw = f.raw("employment_period") {
            let g = try Fields(raw, "employment_period", ["start", "end"])
            draft.employmentPeriod = EmploymentPeriodDraft(start: try g.text("start"), end: try g.text("end"))
        }
        draft.trialPeriodWeeks = try f.int("trial_period_weeks")
        if let raw = f.raw("duties") {
            let g = try Fields(raw, "duties", ["kinds", "other_detail", "specifics"])
            let kinds = try g.raw("kinds").map { try list($0, "duties.kinds") { try enumValue($0, AllCases.dutyKind, "duty") } }
            draft.duties = DutiesDraft(kinds: kinds ?? [], otherDetail: try g.text("other_detail"), specifics: try g.text("specifics"))
        }
        if let raw = f.raw("salary") {
            let g = try Fields(raw, "salary", ["basis", "amount_yen", "trial_amount_yen"])
            draft.salary = SalaryDraft(
                basis: try g.raw("basis").map { try enumValue($0, AllCases.salaryBasis, "salary.basis") },
                amountYen: try g.int("amount_yen"), trialAmountYen: try g.int("trial_amount_yen"))
        }
        if let raw = f.raw("working_hours") {
            let g = try Fields(raw, "working_hours", ["start", "end", "break_minutes", "holidays", "overtime"])
            draft.workingHours = WorkingHoursDraft(
                start: try g.text("start"), end: try g.text("end"), breakMinutes: try g.int("break_minutes"),
                holidays: try g.text("holidays"), overtime: try g.bool("overtime"))
        }
        if let raw = f.raw("insurance") {
            let g = try Fields(raw, "insurance", ["employment", "workers_accident", "health", "pension", "other"])
            draft.insurance = InsuranceDraft(
                employment: try g.bool("employment"), workersAccident: try g.bool("workers_accident"),
                health: try g.bool("health"), pension: try g.bool("pension"), other: try g.text("other"))
        }
        draft.passiveSmoking = try f.raw("passive_smoking").map { try enumValue($0, AllCases.passiveSmoking, "passive_smoking") }
        draft.passiveSmokingDetail = try f.text("passive_smoking_detail")
        draft.notes = try f.text("notes")
        if let raw = f.raw("contact") {
            let g = try Fields(raw, "contact", ["name", "address", "phone", "extension", "application_phone", "fax", "email"])
            draft.contact = ContactDraft(
                name: try g.text("name"), address: try g.text("address"), phone: try g.text("phone"),
                extension: try g.text("extension"), applicationPhone: try g.text("application_phone"),
                fax: try g.text("fax"), email: try g.text("email"))
        }
        if let raw = f.raw("existing_listings") {
            let g = try Fields(raw, "existing_listings", ["hello_work", "women_doctors_bank", "nurse_center", "other"])
            draft.existingListings = ExistingListingsDraft(
                helloWork: try g.bool("hello_work"), womenDoctorsBank: try g.bool("women_doctors_bank"),
                nurseCenter: try g.bool("nurse_center"), other: try g.text("other"))
        }
        return draft
    }

    static func recipient(_ data: Any?) throws -> Recipient {
        let f = try Fields(data, "recipient", ["kind", "prefecture", "name"])
        return Recipient(kind: try f.required("kind", f.text), prefecture: try f.text("prefecture"), name: try f.text("name"))
    }

    static func trainingPlan(_ data: Any?) throws -> TrainingPlan {
        let f = try Fields(data, "plan", ["sessions"])
        let sessions = try list(try f.required("sessions", { f.raw($0) }), "plan.sessions") { item -> TrainingSession in
            let g = try Fields(item, "session", ["module", "minutes", "delivery", "title"])
            let minutes = try g.required("minutes", g.int)
            guard let minutes32 = UInt32(exactly: minutes) else { throw NotTyped(why: "session.minutes: \(minutes)") }
            return TrainingSession(
                module: try enumValue(g.raw("module"), AllCases.trainingModule, "session.module"), minutes: minutes32,
                delivery: try g.raw("delivery").map { try enumValue($0, AllCases.trainingDelivery, "session.delivery") },
                title: try g.text("title"))
        }
        return TrainingPlan(sessions: sessions)
    }

    /// An event as an app builds it: every field its type needs, text as typed.
    static func lifecycleEvent(_ data: Any?) throws -> LifecycleEvent {
        guard let type = (data as? [String: Any])?["type"] as? String else { throw NotTyped(why: "event without a type") }
        let keys: Set<String>
        switch type {
        case "hire": keys = ["type", "seeker_id", "on", "route"]
        case "training_completed": keys = ["type", "seeker_id", "on", "plan"]
        case "close": keys = ["type", "reason", "on"]
        default: keys = ["type", "seeker_id", "on"]
        }
        let f = try Fields(data, "event \(type)", keys)
        let on = try f.required("on", f.text)
        switch type {
        case "inquiry":
            return .inquiry(seekerId: try f.required("seeker_id", f.text), on: on)
        case "application":
            return .application(seekerId: try f.required("seeker_id", f.text), on: on)
        case "hire":
            return .hire(seekerId: try f.required("seeker_id", f.text), on: on,
                         route: try f.raw("route").map { try enumValue($0, AllCases.hireRoute, "event.route") })
        case "completion_reported":
            return .completionReported(seekerId: try f.required("seeker_id", f.text), on: on)
        case "training_completed":
            return .trainingCompleted(seekerId: try f.required("seeker_id", f.text), on: on,
                                      plan: try trainingPlan(f.raw("plan")))
        case "close":
            return .close(reason: try enumValue(f.raw("reason"), AllCases.closedReason, "event.reason"), on: on)
        default:
            throw NotTyped(why: "event type \(type)")
        }
    }

    static func distributionRule(_ data: Any?) throws -> DistributionRule {
        let f = try Fields(data, "rule", [
            "kind", "label_ja", "view", "occupations", "occupations_label", "occupation_noun", "region",
            "tied_to_prefecture", "needs_name", "source",
        ])
        guard let occupations = f.raw("occupations") else { throw NotTyped(why: "rule: no occupations") }
        let typedOccupations: [Occupation]? = (occupations as? String) == "all"
            ? nil : try list(occupations, "rule.occupations") { try enumValue($0, AllCases.occupation, "occupation") }
        return DistributionRule(
            kind: try f.required("kind", f.text), labelJa: try f.required("label_ja", f.text),
            view: try enumValue(f.raw("view"), AllCases.viewKind, "rule.view"), occupations: typedOccupations,
            occupationsLabel: try f.required("occupations_label", f.text),
            occupationNoun: try f.required("occupation_noun", f.text),
            region: try enumValue(f.raw("region"), AllCases.region, "rule.region"),
            tiedToPrefecture: try f.bool("tied_to_prefecture") ?? false, needsName: try f.bool("needs_name") ?? false,
            source: try f.text("source") ?? "")
    }

    /// Absent → the standard rules (an empty list); `{"rules": […]}` → each; one rule → a list of it.
    static func rules(_ data: Any?) throws -> [DistributionRule] {
        guard let data = data, !(data is NSNull) else { return [] }
        if let object = data as? [String: Any], let rules = object["rules"] {
            return try list(rules, "rules") { try distributionRule($0) }
        }
        return [try distributionRule(data)]
    }

    /// A typed `Posting` through `postingFromJson`: the core reads its form as a posting's.
    static func posting(_ data: Any?) throws -> Posting {
        try postingFromJson(json: try Golden.text(data ?? NSNull()))
    }

    static func postings(_ data: Any?) throws -> [Posting] {
        try list(data, "postings") { try posting($0) }
    }

    // MARK: typed values → JSON data

    /// Record fields whose JSON key is not their snake_case name.
    static let jsonKey = ["facilityType": "type"]
    /// Fields the core's JSON does not write: a workplace's local government code, and the
    /// posting an inquiry is about (the posting that holds it).
    static let notInJson: Set<String> = ["Workplace.municipalityCode", "Inquiry.postingId"]

    /// A UniFFI value as JSON data, the way the core writes it, except that absent and null are
    /// not told apart (see `prune`). Records are read through `Mirror`.
    static func plain(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { plain($0.value) } ?? NSNull()
        case .collection:
            return mirror.children.map { plain($0.value) }
        case .struct:
            var out: [String: Any] = [:]
            let typeName = String(describing: type(of: value))
            for child in mirror.children {
                guard let label = child.label, !notInJson.contains("\(typeName).\(label)") else { continue }
                out[jsonKey[label] ?? snake(label)] = plain(child.value)
            }
            // A delivery's content is flattened into it.
            if value is Delivery, let content = out.removeValue(forKey: "content") as? [String: Any] {
                out.merge(content) { first, _ in first }
            }
            return out
        case .enum:
            guard let payload = mirror.children.first else { return word(value) }
            // A case with data: its fields; an event also carries its type.
            var out = plain(payload.value) as? [String: Any] ?? [:]
            if value is LifecycleEvent, let label = payload.label {
                out["type"] = snake(label)
            }
            return out
        case .tuple:
            var out: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label { out[snake(label)] = plain(child.value) }
            }
            return out
        default:
            switch value {
            case let v as Bool: return v
            case let v as String: return v
            case let v as Int64: return NSNumber(value: v)
            case let v as Int32: return NSNumber(value: v)
            case let v as UInt32: return NSNumber(value: v)
            case let v as UInt16: return NSNumber(value: v)
            case let v as UInt8: return NSNumber(value: v)
            case let v as Double: return NSNumber(value: v)
            default: return String(describing: value)
            }
        }
    }

    /// Drops null values and empty lists from objects (the JSON omits some, keeps others).
    static func prune(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, item) in object {
                if item is NSNull { continue }
                if let items = item as? [Any], items.isEmpty { continue }
                out[key] = prune(item)
            }
            return out
        }
        if let items = value as? [Any] {
            return items.map { prune($0) }
        }
        return value
    }
}
