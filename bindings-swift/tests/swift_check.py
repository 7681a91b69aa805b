"""Reading Swift with tree-sitter's Swift grammar (PyPI `tree-sitter-swift`), where no Swift
compiler runs: syntax errors, and the hand-written Swift's calls checked against the API that
UniFFI generated (function names, argument labels and their order, record initialisers, enum
cases, member names).
"""

from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter_swift
from tree_sitter import Language, Parser

PARSER = Parser(Language(tree_sitter_swift.language()))

# tree-sitter-swift 0.7.4 does not parse this attribute, which the Swift compiler accepts and
# UniFFI emits (under `#if swift(>=5.8)`) before each of its internal helpers. Exactly this
# text is blanked, keeping every position; test_swift_sources checks the grammar still needs it.
GRAMMAR_GAPS = [b"@_documentation(visibility: private)"]


def blank_gaps(source: bytes) -> tuple[bytes, int]:
    count = 0
    for gap in GRAMMAR_GAPS:
        count += source.count(gap)
        source = source.replace(gap, b" " * len(gap))
    return source, count


def parse(source: bytes):
    return PARSER.parse(source)


def syntax_errors(source: bytes) -> list[str]:
    """Every ERROR or MISSING node, as `line:column: text`."""
    tree = parse(source)
    out = []
    lines = source.decode("utf-8", "replace").split("\n")

    def walk(node):
        if node.type == "ERROR" or node.is_missing:
            row, col = node.start_point
            what = "missing " + node.type if node.is_missing else "error"
            out.append(f"{row + 1}:{col + 1}: {what}: {lines[row].strip()[:100]}")
            return
        if node.has_error:
            for child in node.children:
                walk(child)

    walk(tree.root_node)
    return out


def text(node) -> str:
    return node.text.decode("utf-8").strip("`")


@dataclass
class Signature:
    name: str
    labels: list  # [(label or None, has_default)]

    def accepts(self, call_labels) -> bool:
        i = 0
        for label, has_default in self.labels:
            if i < len(call_labels) and call_labels[i] == label:
                i += 1
            elif not has_default:
                return False
        return i == len(call_labels)

    def __str__(self):
        return f"{self.name}(" + "".join(f"{l or '_'}:" for l, _ in self.labels) + ")"


@dataclass
class Api:
    functions: dict = field(default_factory=dict)   # name -> [Signature]
    inits: dict = field(default_factory=dict)       # type name -> [Signature]
    cases: dict = field(default_factory=dict)       # case name -> [Signature] (labels of its values)
    methods: dict = field(default_factory=dict)     # method name -> [Signature] (of any type)
    types: set = field(default_factory=set)
    members: set = field(default_factory=set)       # property, case and method names

    def merge(self, other):
        for mine, theirs in [(self.functions, other.functions), (self.inits, other.inits), (self.cases, other.cases),
                             (self.methods, other.methods)]:
            for k, v in theirs.items():
                mine.setdefault(k, []).extend(v)
        self.types |= other.types
        self.members |= other.members


def _params(decl):
    """[(external label or None, has_default)] of a function or init declaration."""
    out = []
    for i, child in enumerate(decl.children):
        name = decl.field_name_for_child(i)
        if child.type == "parameter":
            ext = child.child_by_field_name("external_name")
            label = text(ext) if ext is not None else text(child.named_children[0])
            out.append([None if label == "_" else label, False])
        elif name == "default_value" and out:
            out[-1][1] = True
    return [tuple(p) for p in out]


def declarations(source: bytes) -> Api:
    """What a Swift file declares: functions, initialisers, enum cases, types, members."""
    api = Api()
    tree = parse(blank_gaps(source)[0])

    def visit(node, owner):
        t = node.type
        if t == "function_declaration":
            name = text(node.child_by_field_name("name"))
            sig = Signature(name, _params(node))
            if owner is None:
                api.functions.setdefault(name, []).append(sig)
            else:
                api.methods.setdefault(name, []).append(sig)
            api.members.add(name)
        elif t == "init_declaration" and owner is not None:
            api.inits.setdefault(owner, []).append(Signature(owner, _params(node)))
        elif t in ("class_declaration", "protocol_declaration"):
            name_node = node.child_by_field_name("name")
            if name_node is not None:
                name = text(name_node)
                api.types.add(name)
                for child in node.children:
                    visit(child, name)
                return
        elif t == "enum_entry":
            for i, child in enumerate(node.children):
                if node.field_name_for_child(i) == "name":
                    case = text(child)
                    api.members.add(case)
                    data = node.child_by_field_name("data_contents")
                    labels = []
                    if data is not None:
                        for j, part in enumerate(data.children):
                            if data.field_name_for_child(j) is None and part.type == "simple_identifier":
                                labels.append((text(part), False))
                    api.cases.setdefault(case, []).append(Signature(case, labels))
        elif t == "property_declaration":
            for pattern in node.children:
                if pattern.type == "pattern":
                    bound = pattern.child_by_field_name("bound_identifier")
                    if bound is not None:
                        api.members.add(text(bound))
        elif t == "tuple_type_item":
            first = node.named_children[0] if node.named_children else None
            if first is not None and first.type == "simple_identifier":
                api.members.add(text(first))
        elif t == "typealias_declaration":
            name_node = node.child_by_field_name("name")
            if name_node is not None:
                api.types.add(text(name_node))
        for child in node.children:
            visit(child, owner)

    visit(tree.root_node, None)
    return api


@dataclass
class Call:
    line: int
    kind: str   # "function", "init", "case", "method", "member"
    name: str
    labels: list
    target: str = ""  # `LifecycleEvent` of `LifecycleEvent.inquiry(…)`; "" for `.inquiry(…)`


def uses(source: bytes) -> list:
    """The calls and member accesses of a Swift file."""
    out = []
    tree = parse(source)

    def labels_of(call):
        suffix = next((c for c in call.children if c.type == "call_suffix"), None)
        args = next((c for c in suffix.children if c.type == "value_arguments"), None) if suffix else None
        if args is None or (args.children and args.children[0].type == "["):
            return None  # a trailing closure only, or a subscript
        labels = []
        for arg in args.children:
            if arg.type == "value_argument":
                name = arg.child_by_field_name("name")
                labels.append(text(name) if name is not None else None)
        return labels

    def visit(node):
        line = node.start_point[0] + 1
        if node.type == "call_expression":
            callee = node.children[0]
            labels = labels_of(node)
            if labels is not None:
                if callee.type == "simple_identifier":
                    name = text(callee)
                    out.append(Call(line, "init" if name[:1].isupper() and name not in KNOWN_FUNCTIONS else "function", name, labels))
                elif callee.type == "prefix_expression" and callee.child_count == 2:
                    out.append(Call(line, "case", text(callee.children[1]), labels))
                elif callee.type == "navigation_expression":
                    suffix = callee.child_by_field_name("suffix")
                    target = callee.child_by_field_name("target")
                    if suffix is not None and target is not None and target.type == "simple_identifier":
                        member = suffix.child_by_field_name("suffix")
                        if member is not None and text(target)[:1].isupper():
                            out.append(Call(line, "case", text(member), labels, text(target)))
                        elif member is not None:
                            out.append(Call(line, "method", text(member), labels, text(target)))
        if node.type == "navigation_suffix":
            member = node.child_by_field_name("suffix")
            if member is not None and member.type == "simple_identifier":
                out.append(Call(line, "member", text(member), []))
        for child in node.children:
            visit(child)

    visit(tree.root_node)
    return out


# Names from Swift, Foundation and XCTest that the hand-written sources use.
KNOWN_FUNCTIONS = {
    "XCTAssertEqual", "XCTAssertTrue", "XCTAssertFalse", "XCTAssertNil", "XCTAssertNotNil", "XCTFail",
    "XCTAssertThrowsError", "XCTAssertGreaterThanOrEqual", "XCTAssertLessThanOrEqual", "XCTUnwrap",
    "print", "zip", "max", "min", "type",
    # closures called by their parameter's name in the test sources
    "$0", "read",
}
KNOWN_TYPES = {
    "URL", "Data", "String", "Set", "Array", "Dictionary", "Int", "Int32", "UInt8", "NSNumber", "NSNull",
    "JSONSerialization", "FileManager", "Package", "Answer", "UInt32", "Mirror", "NSLock",
}
KNOWN_MEMBERS = {
    # Foundation / Swift standard library
    "deletingLastPathComponent", "appendingPathComponent", "default", "contentsOfDirectory", "filter",
    "pathExtension", "sorted", "lastPathComponent", "resourceValues", "isDirectory", "isDirectoryKey",
    "jsonObject", "data", "fragmentsAllowed", "sortedKeys", "map", "isEmpty", "count", "first", "append",
    "contains", "int32Value", "uint8Value", "joined", "enumerated", "allSatisfy", "reduce", "path",
    "contentsOf", "self", "utf8", "init",
    "flatMap", "int64Value", "boolValue", "objCType", "hasPrefix", "hasSuffix", "isUppercase", "lowercased", "subtracting",
    "displayStyle", "children", "label", "concurrentPerform", "lock", "unlock", "merge", "removeValue", "Answer",
    # PackageDescription
    "iOS", "macOS", "v15", "v12", "library", "binaryTarget", "target", "testTarget",
}
