// The golden case table (tests/cases/ of the repository) for the XCTest suites: file access,
// JSON in and out, and the table's names for KeyNetError's cases.

import Foundation
import KeyNet

enum GoldenError: Error {
    case notAnObject(String)
    case emptyMessage(String)
}

enum Golden {
    /// tests/cases, found from this file: Tests/KeyNetTests/ → Tests/ → bindings-swift/ → repo.
    static let casesDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("tests")
        .appendingPathComponent("cases")

    /// The JSON files of a folder, by name.
    static func jsonFiles(in directory: URL) throws -> [URL] {
        try FileManager.default
            .contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The form cases: tests/cases/*.json.
    static func formCases() throws -> [URL] {
        try jsonFiles(in: casesDirectory)
    }

    /// The operation cases: tests/cases/<folder>/*.json.
    static func operationCases() throws -> [URL] {
        let folders = try FileManager.default
            .contentsOfDirectory(at: casesDirectory, includingPropertiesForKeys: [.isDirectoryKey])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var files: [URL] = []
        for folder in folders {
            files.append(contentsOf: try jsonFiles(in: folder))
        }
        return files
    }

    static func load(_ url: URL) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let dictionary = object as? [String: Any] else {
            throw GoldenError.notAnObject(url.lastPathComponent)
        }
        return dictionary
    }

    /// JSON text of any JSON value (fragments too).
    static func text(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    static func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// A comparable text of a JSON value: keys sorted.
    static func canonical(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    /// Drops every `message` / `message_ja` key, after checking it is non-empty text.
    static func stripMessages(_ value: Any) throws -> Any {
        if let object = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, item) in object {
                if key == "message" || key == "message_ja" {
                    guard let text = item as? String, !text.isEmpty else {
                        throw GoldenError.emptyMessage(key)
                    }
                    continue
                }
                out[key] = try stripMessages(item)
            }
            return out
        }
        if let array = value as? [Any] {
            return try array.map { try stripMessages($0) }
        }
        return value
    }

    /// "path code severity" of a finding, for comparing lists.
    static func triple(_ finding: Finding) -> String {
        let severity = finding.severity == .error ? "error" : "warning"
        return "\(finding.path) \(findingCodeName(code: finding.code)) \(severity)"
    }

    static func triple(_ finding: [String: Any]) -> String {
        let path = finding["path"] as? String ?? "?"
        let code = finding["code"] as? String ?? "?"
        let severity = finding["severity"] as? String ?? "?"
        return "\(path) \(code) \(severity)"
    }

    static func name(_ kind: InputErrorKind) -> String {
        switch kind {
        case .tooLarge: return "too_large"
        case .invalidUtf8: return "invalid_utf8"
        case .syntax: return "syntax"
        case .tooDeep: return "too_deep"
        case .tooManyItems: return "too_many_items"
        case .notAnObject: return "not_an_object"
        case .wrongEncoding: return "wrong_encoding"
        case .other: return "other"
        }
    }

    static func name(_ problem: LifecycleProblem) -> String {
        switch problem {
        case .closed: return "closed"
        case .beforeItsTime: return "before_its_time"
        case .notAnApplicant: return "not_an_applicant"
        case .alreadyApplied: return "already_applied"
        case .alreadyHired: return "already_hired"
        case .notHired: return "not_hired"
        case .trainingIncomplete: return "training_incomplete"
        case .trainingAlreadyCompleted: return "training_already_completed"
        case .trainingNotCompleted: return "training_not_completed"
        case .alreadyReported: return "already_reported"
        case let .other(kind): return kind
        }
    }

    /// The table's words for an error: its kind, detail and findings.
    static func describe(_ error: KeyNetError) -> (kind: String, detail: String?, findings: [Finding]) {
        switch error {
        case let .InvalidInput(kind, _, _):
            return ("invalid_input", name(kind), [])
        case let .InvalidForm(findings, _):
            return ("invalid", nil, findings)
        case let .Lifecycle(problem, _, _):
            return ("lifecycle", name(problem), [])
        case .Disclosure:
            return ("disclosure", nil, [])
        case .Rules:
            return ("rules", nil, [])
        case .Internal:
            return ("internal", nil, [])
        }
    }
}
