"""The Swift and Kotlin sources, where neither compiler runs: what UniFFI generated from the
library, and the hand-written package (Package.swift, Sources/, Tests/). Every Swift file must
parse clean with tree-sitter's Swift grammar, and the hand-written Swift must call the generated
API by its real names, labels and cases.
"""

import re
import shutil
import subprocess

import pytest

import swift_check as sc
import uniffi_helpers as h

PACKAGE = h.REPO / "bindings-swift"
SWIFT = h.GENERATED / "swift"
# Two namespaces, one API: the core's records and enums (`keynet_core`, derived in the `keynet`
# crate) and the entry points (`keynet`). Swift compiles both files into the module KeyNet, with
# one C module (KeyNetFFI) for both headers; Kotlin has a package for each.
GENERATED_FILES = ["KeyNet.swift", "KeyNetCore.swift"]
HEADERS = ["KeyNetFFI.h", "KeyNetCoreFFI.h"]
KOTLIN = [h.GENERATED / "kotlin" / "keynet" / "keynet.kt", h.GENERATED / "kotlin" / "keynet" / "core" / "keynet_core.kt"]
GENERATED_SWIFT = sorted(SWIFT.glob("*.swift"))
HAND_WRITTEN_SWIFT = sorted(
    [PACKAGE / "Package.swift"]
    + [p for p in (PACKAGE / "Sources").rglob("*.swift") if p.name not in GENERATED_FILES]
    + list((PACKAGE / "Tests").rglob("*.swift")))
ALL_SWIFT = GENERATED_SWIFT + HAND_WRITTEN_SWIFT


def rel(path):
    return str(path.relative_to(h.REPO)) if h.REPO in path.parents else str(path)


# --- generated ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", GENERATED_FILES + HEADERS + ["KeyNetFFI.modulemap"])
def test_swift_sources_are_generated(name):
    path = SWIFT / name
    assert path.exists() and path.stat().st_size > 0, path


def test_one_c_module_for_both_headers():
    modulemap = (SWIFT / "KeyNetFFI.modulemap").read_text(encoding="utf-8")
    assert modulemap.startswith("module KeyNetFFI {")
    for header in HEADERS:
        assert f'header "{header}"' in modulemap, header
    for name in GENERATED_FILES:
        assert "import KeyNetFFI" in (SWIFT / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("name", GENERATED_FILES + HEADERS + ["KeyNetFFI.modulemap"])
def test_swift_from_the_static_library_is_the_same(name):
    """The XCFramework script generates from the static library: the same Swift as here."""
    from_staticlib = h.GENERATED / "swift-from-staticlib" / name
    assert from_staticlib.exists(), f"{from_staticlib} is missing: scripts/test-all.sh generates it"
    assert from_staticlib.read_bytes() == (SWIFT / name).read_bytes()


def test_swift_api_names():
    swift = "\n".join((SWIFT / name).read_text(encoding="utf-8") for name in GENERATED_FILES)
    for fn in ["validate", "normalize", "formDraft", "publicView", "registeredView", "view", "register",
               "applyEvent", "disclose", "accountStatus", "duplicateOpenPostings", "distribute", "explain",
               "newSince", "countTable", "assessTraining", "trainingMaterials", "standardRecipients",
               "standardRules", "formFromJson", "formToJson", "postingFromJson", "postingToJson",
               "validateJson", "normalizeJson", "publicViewJson", "registeredViewJson", "viewJson",
               "distributeJson", "explainJson", "newSinceJson", "countTableJson", "assessTrainingJson",
               "registerJson", "applyEventJson", "discloseJson", "accountStatusJson",
               "duplicateOpenPostingsJson", "callJson", "occupations", "occupationInfo", "formFields",
               "formField", "prefectures", "catalogue", "findingCodeName"]:
        assert f"public func {fn}(" in swift, fn
    for record in ["FormDraft", "RecruitmentForm", "Facility", "Workplace", "Contact", "Finding", "Validation",
                   "ViewedForm", "Posting", "Inquiry", "Hire", "Recipient", "Delivery", "CountRow", "Explanation",
                   "DistributionRule", "TrainingPlan", "TrainingSession", "Assessment", "Material",
                   "OccupationInfo", "FormField", "PrefectureInfo", "DuplicateOpenPostings"]:
        assert f"public struct {record}: Equatable, Hashable" in swift, record
    for enum in ["Occupation", "FindingCode", "Severity", "ViewKind", "FacilityType", "DutyKind", "SalaryBasis",
                 "PassiveSmoking", "PostingStatus", "ClosedReason", "LifecycleEvent", "LifecycleProblem",
                 "AccountStatus", "DeliveryContent", "TrainingModule", "TrainingDelivery", "InputErrorKind"]:
        assert f"public enum {enum}: Equatable, Hashable" in swift, enum
    # The objects that hold core values, their constructors and methods.
    objects = {
        "ValidForm": ["init(form: FormDraft)", "static func fromForm(form: RecruitmentForm)",
                      "static func fromJson(json: String)", "func findings()", "func maskingRequested()",
                      "func occupation()", "func form()", "func toJson()", "func publicView()",
                      "func registeredView()", "func view(kind: ViewKind)", "func publicViewJson()",
                      "func registeredViewJson()", "func viewJson(kind: ViewKind)",
                      "func register(postingId: String, registeredOn: String)"],
        "PostingObject": ["init(posting: Posting)", "static func fromJson(json: String)", "func id()",
                          "func status()", "func form()", "func apply(event: LifecycleEvent)",
                          "func applyEvents(events: [LifecycleEvent])", "func applyJson(eventJson: String)",
                          "func applyEventsJson(eventsJson: String)", "func disclose(seekerId: String)",
                          "func discloseJson(seekerId: String)", "func publicView()", "func publicViewJson()",
                          "func toRecord()", "func toJson()"],
        "RuleSet": ["init(rules: [DistributionRule] = [])", "static func fromJson(json: String)", "func rules()",
                    "func toJson()", "func distribute(postings: [PostingObject], recipients: [Recipient])",
                    "func explain(posting: PostingObject, recipient: Recipient)"],
    }
    for name, members in objects.items():
        start = swift.index(f"open class {name}: {name}Protocol")
        body = swift[start:swift.index(f"public struct FfiConverterType{name}", start)]
        for member in members:
            assert member in body, (name, member)
    assert "enum KeyNetError: Swift.Error" in swift
    for case in ["case InvalidInput(kind: InputErrorKind, message: String, messageJa: String",
                 "case InvalidForm(findings: [Finding]", "case Lifecycle(problem: LifecycleProblem, message: String",
                 "case Disclosure(problem: DisclosureProblem, message: String", "case Rules(message: String",
                 "case Internal(message: String"]:
        assert case in swift, case
    # The core's custom types are text (or a list) for Swift, under names of their own.
    for alias in ["IsoDate = String", "ClockTime = String", "PostalCode = String", "PhoneNumber = String",
                  "Prefecture = String", "Occupations = [Occupation]?"]:
        assert f"public typealias {alias}" in swift, alias
    # A case named `none` would be taken for Optional.none; a type named `Date` would hide
    # Foundation's, one named `Form` or `View` SwiftUI's.
    assert "case none" not in swift
    for hidden in ["Date", "Form", "View"]:
        assert f"public typealias {hidden} " not in swift and f"public struct {hidden}:" not in swift \
            and f"public enum {hidden}:" not in swift, hidden


def test_swift_c_header_parses():
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.fail("no C compiler (cc or gcc) to check the generated header")
    # Clang's nullability keywords are unknown to gcc.
    for header in HEADERS:
        subprocess.run([cc, "-fsyntax-only", "-D_Nonnull=", "-D_Nullable=", "-x", "c", str(SWIFT / header)],
                       check=True)
    # One C module includes both: their shared declarations are guarded.
    both = "".join(f'#include "{SWIFT / header}"\n' for header in HEADERS)
    subprocess.run([cc, "-fsyntax-only", "-D_Nonnull=", "-D_Nullable=", "-x", "c", "-"], input=both.encode(),
                   check=True)


def test_kotlin_source_is_generated():
    for path in KOTLIN:
        assert path.exists() and path.stat().st_size > 0, path
    entry_points, core = (path.read_text(encoding="utf-8") for path in KOTLIN)
    assert "package keynet\n" in entry_points and "package keynet.core\n" in core
    assert "import keynet.core." in entry_points
    kotlin = entry_points + core
    for fn in ["validateJson", "callJson", "validate", "distribute", "applyEvent"]:
        assert f"fun `{fn}`(" in kotlin or f"fun {fn}(" in kotlin, fn
    for cls in ["data class FormDraft", "data class RecruitmentForm", "sealed class LifecycleEvent",
                "sealed class KeyNetException", "enum class Occupation",
                "open class ValidForm: Disposable, AutoCloseable", "open class PostingObject: Disposable, AutoCloseable",
                "open class RuleSet: Disposable, AutoCloseable"]:
        assert cls in kotlin, cls
    # A field named `message` clashes with Throwable.message (uniffi.toml renames it for Kotlin).
    assert "val `message`" not in kotlin


# --- every Swift file parses --------------------------------------------------------------

def test_there_is_swift_to_parse():
    assert len(GENERATED_SWIFT) >= 1
    names = {p.name for p in HAND_WRITTEN_SWIFT}
    assert {"Package.swift", "KeyNet+Findings.swift", "GoldenCaseTests.swift", "FunctionTests.swift",
            "ObjectTests.swift"} <= names


@pytest.mark.parametrize("path", ALL_SWIFT, ids=rel)
def test_swift_file_parses_clean(path):
    source = path.read_bytes()
    blanked, gaps = sc.blank_gaps(source)
    if path in HAND_WRITTEN_SWIFT:
        assert gaps == 0, "hand-written Swift needs no grammar allowance"
    errors = sc.syntax_errors(blanked)
    assert not errors, f"{rel(path)}: {len(errors)} syntax error(s):\n" + "\n".join(errors[:20])


def test_the_parser_finds_errors():
    assert sc.syntax_errors(b"func f() { let x = (1, \n")
    assert sc.syntax_errors(b"struct S { var a: Int\n")
    assert not sc.syntax_errors(b"struct S { var a: Int }\nlet s = S(a: 1)\n")


def test_the_grammar_allowance_is_still_needed():
    """Drop GRAMMAR_GAPS when a new tree-sitter-swift parses the attribute itself."""
    snippet = b"#if swift(>=5.8)\n@_documentation(visibility: private)\n#endif\npublic struct S {}\n"
    assert sc.syntax_errors(snippet), "tree-sitter-swift parses the attribute now: remove the allowance"
    assert not sc.syntax_errors(sc.blank_gaps(snippet)[0])


# --- the hand-written Swift calls the generated API as it is --------------------------------

def _apis():
    generated = sc.Api()
    for path in GENERATED_SWIFT:
        generated.merge(sc.declarations(path.read_bytes()))
    own = sc.Api()
    for path in HAND_WRITTEN_SWIFT:
        own.merge(sc.declarations(path.read_bytes()))
    return generated, own


def test_the_generated_api_is_read():
    generated, _ = _apis()
    assert len(generated.functions) >= 50
    assert str(generated.functions["distribute"][0]) == "distribute(postings:recipients:rules:)"
    assert generated.functions["distribute"][0].labels[-1] == ("rules", True)
    assert ("seekerId", False) in generated.cases["inquiry"][-1].labels or \
        any(("seekerId", False) in s.labels for s in generated.cases["inquiry"])
    assert "FormDraft" in generated.inits and "RecruitmentForm" in generated.types


def api_problems(source: bytes, where_: str, generated, own) -> list:
    """Calls and member accesses in `source` that the generated API (or the hand-written
    declarations, or Swift/Foundation/XCTest) does not have."""
    problems = []
    for use in sc.uses(source):
        where = f"{where_}:{use.line}"
        if use.kind == "function":
            sigs = generated.functions.get(use.name, []) + own.functions.get(use.name, [])
            if not sigs:
                if use.name not in sc.KNOWN_FUNCTIONS and use.name not in own.members:
                    problems.append(f"{where}: no function {use.name}")
                continue
            if not any(s.accepts(use.labels) for s in sigs):
                problems.append(f"{where}: {use.name}({', '.join(l or '_' for l in use.labels)}) fits none of "
                                + ", ".join(map(str, sigs)))
        elif use.kind == "init":
            if use.name in sc.KNOWN_TYPES:
                continue  # a system type (UniFFI extends Data with an init of its own)
            if use.name in generated.inits:
                if not any(s.accepts(use.labels) for s in generated.inits[use.name]):
                    problems.append(f"{where}: {use.name}({', '.join(l or '_' for l in use.labels)}) fits none of "
                                    + ", ".join(map(str, generated.inits[use.name])))
            elif use.name not in generated.types | own.types:
                problems.append(f"{where}: no type {use.name}")
        elif use.kind == "case":
            if use.target and use.target not in generated.types:
                continue  # a static function of a hand-written or system type
            # An enum case, or a static function of a generated class (`ValidForm.fromJson(json:)`).
            sigs = generated.cases.get(use.name, []) or generated.methods.get(use.name, [])
            if sigs and not any(s.accepts(use.labels) for s in sigs):
                problems.append(f"{where}: .{use.name}({', '.join(l or '_' for l in use.labels)}) fits none of "
                                + ", ".join(map(str, sigs)))
        elif use.kind == "method":
            # `posting.apply(event: e)`: the labels of a method that the generated types (or the
            # hand-written ones) declare; other names are Swift's or Foundation's.
            sigs = generated.methods.get(use.name, []) + own.methods.get(use.name, [])
            if sigs and not any(s.accepts(use.labels) for s in sigs):
                problems.append(f"{where}: .{use.name}({', '.join(l or '_' for l in use.labels)}) fits none of "
                                + ", ".join(map(str, sigs)))
        elif use.kind == "member":
            if use.name not in generated.members | own.members | sc.KNOWN_MEMBERS:
                problems.append(f"{where}: no member {use.name}")
    return problems


@pytest.mark.parametrize("path", HAND_WRITTEN_SWIFT, ids=rel)
def test_hand_written_swift_calls_the_generated_api(path):
    generated, own = _apis()
    problems = api_problems(path.read_bytes(), rel(path), generated, own)
    assert not problems, "\n".join(problems)


def test_the_api_check_catches_mistakes():
    generated, own = _apis()
    wrong = {
        b'let d = FormDraft(occupation: .nurse, facility: nil)': "FormDraft(occupation, facility)",
        b'let v = try validateJSON(json: "{}")': "no function validateJSON",
        b'let v = try validate(draft: d)': "validate(draft)",
        b'let e = LifecycleEvent.inquiry(seeker: "S", on: "2020-06-01")': ".inquiry(seeker, on)",
        b'let e: LifecycleEvent = .close(on: "2020-06-01")': ".close(on)",
        b'let x = finding.messageJA': "no member messageJA",
        b'let r = Recipient(kind: "mhlw", name: "x", prefecture: "13")': "Recipient(kind, name, prefecture)",
        b'try posting.apply(.inquiry(seekerId: "S", on: "2020-06-01"))': ".apply(_)",
        b'let p = try valid.register(id: "P-1", registeredOn: "2020-06-01")': ".register(id, registeredOn)",
        b'let v = try ValidForm(draft: d)': "ValidForm(draft)",
        b'let v = try ValidForm.fromJson(text)': ".fromJson(_)",
    }
    for source, expected in wrong.items():
        problems = api_problems(source, "snippet", generated, own)
        assert any(expected in p for p in problems), (source, problems)
    right = (b'let d = FormDraft(facility: nil, occupation: .nurse)\nlet e: LifecycleEvent = .close(reason: .filled, on: "x")\n'
             b'let v = try ValidForm.fromJson(json: "{}")\nlet p = try v.register(postingId: "P", registeredOn: "x")\n'
             b'try p.applyEvents(events: [e])\n')
    assert api_problems(right, "snippet", generated, own) == []


def readme_swift_blocks():
    readme = (h.REPO / "README.md").read_text(encoding="utf-8")
    blocks, inside, current = [], False, []
    for line in readme.split("\n"):
        if line.strip() == "```swift":
            inside, current = True, []
        elif inside and line.strip() == "```":
            blocks.append("\n".join(current) + "\n")
            inside = False
        elif inside:
            current.append(line)
    return blocks


def test_the_readme_swift_example_parses_and_calls_the_real_api():
    blocks = readme_swift_blocks()
    assert blocks, "no ```swift example in README.md"
    generated, own = _apis()
    for block in blocks:
        source = block.encode("utf-8")
        assert not sc.syntax_errors(source), sc.syntax_errors(source)
        problems = api_problems(source, "README.md", generated, own)
        assert not problems, "\n".join(problems)
    assert any("validate(form:" in b and "byPath()" in b for b in blocks)


# --- the mobile suites: one list of checks for Kotlin and Swift -----------------------------

MOBILE_SUITE = h.REPO / "bindings-swift" / "tests" / "mobile-suite.txt"


def mobile_suite_names():
    lines = MOBILE_SUITE.read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].split()[0] for line in lines if line.split("#")[0].strip()]


def test_swift_tests_implement_the_mobile_suite():
    """scripts/test-kotlin.sh runs exactly the listed checks on the JVM; the XCTest sources must
    have a test method of each name, so the two suites cannot drift apart."""
    names = mobile_suite_names()
    assert len(names) >= 15 and len(set(names)) == len(names)
    swift = "\n".join(p.read_text(encoding="utf-8") for p in (PACKAGE / "Tests").rglob("*.swift"))
    for name in names:
        assert f"func {name}() throws" in swift, f"no XCTest method {name} in bindings-swift/Tests/"


def generated_enum_cases(swift: str, enum: str) -> list[str]:
    body = swift[swift.index(f"public enum {enum}: Equatable, Hashable"):]
    body = body[:body.index("\n}\n")]
    return [re.sub(r"[(].*", "", line.strip()[len("case "):]).strip("`") for line in body.splitlines()
            if line.startswith("    case ")]


def test_swift_all_cases_lists_are_complete():
    """UniFFI's Swift enums are not CaseIterable: Tests/KeyNetTests/Typed.swift lists each
    enum's cases by hand, to read the table's words. Every case, in the generated order."""
    swift = "\n".join((SWIFT / name).read_text(encoding="utf-8") for name in GENERATED_FILES)
    typed = (PACKAGE / "Tests" / "KeyNetTests" / "Typed.swift").read_text(encoding="utf-8")
    lists = re.findall(r"static let \w+: \[(\w+)\] = \[(.*?)\]\n", typed, re.S)
    assert len(lists) >= 10
    for enum, items in lists:
        listed = [item.strip().lstrip(".").strip("`") for item in items.split(",") if item.strip()]
        assert listed == generated_enum_cases(swift, enum), enum
