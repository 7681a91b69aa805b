"""The Python surface of keynet: accepted types, exceptions, catalogue, the panic drill.

These tests hold for any rules of the core: they take their forms from the golden case table
(tests/cases) and compare the binding with itself (dict vs JSON text), never with a rule.
"""

import ast
import inspect
import collections
import datetime
import json
import os
from pathlib import Path

import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))
CASES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES_DIR.glob("*.json"))]
FINDING_KEYS = {"path", "code", "severity", "message", "message_ja"}
CODES = [
    "required", "format", "range", "unknown_value", "inconsistent",
    "masking_leak", "labor_law", "health_law", "too_long",
]


def _has_error(case):
    return any(f["severity"] == "error" for f in case["expect"]["findings"])


REGISTRABLE = [c for c in CASES if "input" in c and c["expect"]["error"] is None and not _has_error(c)]
INVALID = [c for c in CASES if "input" in c and _has_error(c)]


@pytest.fixture
def form():
    # A table without one is broken, not a reason to skip the tests that need it.
    assert REGISTRABLE, f"no registrable form in the case table {CASES_DIR}"
    return json.loads(json.dumps(REGISTRABLE[0]["input"]))


@pytest.fixture
def invalid_form():
    assert INVALID, f"no form with error findings in the case table {CASES_DIR}"
    return json.loads(json.dumps(INVALID[0]["input"]))


def keys(findings):
    return sorted((f["path"], f["code"], f["severity"], f["message"], f["message_ja"]) for f in findings)


def tuples(value):
    if isinstance(value, dict):
        return {k: tuples(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(tuples(v) for v in value)
    return value


# --- input types -------------------------------------------------------------------------------

def test_dict_str_and_bytes_are_read_alike(form):
    text = json.dumps(form, ensure_ascii=False)
    by_dict = keynet.validate(form)
    assert keys(keynet.validate(text)) == keys(by_dict)
    assert keys(keynet.validate(text.encode("utf-8"))) == keys(by_dict)
    canonical = keynet.normalize(form)
    assert keynet.normalize(text) == canonical
    assert keynet.normalize(text.encode("utf-8")) == canonical


def test_findings_are_plain_dicts_of_five_keys(invalid_form):
    findings = keynet.validate(invalid_form)
    assert findings and all(type(f) is dict and set(f) == FINDING_KEYS for f in findings)
    assert all(type(v) is str for f in findings for v in f.values())
    assert {f["severity"] for f in findings} <= {"error", "warning"}
    assert {f["code"] for f in findings} <= set(CODES)


def test_tuples_and_dict_subclasses_read_as_lists_and_dicts(form):
    expected = keys(keynet.validate(form))
    assert keys(keynet.validate(tuples(form))) == expected
    assert keys(keynet.validate(collections.OrderedDict(form))) == expected


def test_the_input_is_not_modified(form):
    before = json.dumps(form, sort_keys=True)
    keynet.validate(form)
    keynet.normalize(form)
    assert json.dumps(form, sort_keys=True) == before


@pytest.mark.parametrize(
    "value",
    [{1, 2}, datetime.date(2020, 6, 1), object(), b"bytes inside a form", 1 + 2j],
    ids=["set", "date", "object", "bytes", "complex"],
)
def test_values_json_cannot_hold_are_a_type_error(value):
    with pytest.raises(TypeError) as info:
        keynet.validate({"notes": {"inner": [value]}})
    message = str(info.value)
    assert "form.notes.inner[0]" in message
    assert type(value).__name__ in message


def test_non_str_keys_are_a_type_error():
    with pytest.raises(TypeError, match="keys must be str"):
        keynet.validate({"facility": {1: "x"}})
    with pytest.raises(TypeError):
        keynet.normalize({None: 1})


def test_type_errors_never_echo_the_value():
    secret = "山田 花子 03-3292-0000"

    class Person:
        def __repr__(self):
            return secret

    with pytest.raises(TypeError) as info:
        keynet.validate({"contact": {"name": Person()}})
    assert secret not in str(info.value)


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_floats_are_a_value_error(number):
    with pytest.raises(ValueError, match="not finite") as info:
        keynet.validate({"openings": number})
    assert not isinstance(info.value, keynet.InputError)


@pytest.mark.parametrize("number", [0, -1, 2**53 + 1, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 10**30, 1.5, -0.0, True, False])
def test_numbers_read_as_their_json_text(number):
    form = {"openings": number, "salary": {"amount_yen": number}}
    assert keys(keynet.validate(form)) == keys(keynet.validate(json.dumps(form)))


def test_overlong_integers_are_a_value_error():
    with pytest.raises(ValueError):
        keynet.validate({"openings": 10**400})


def test_deep_nesting_is_the_input_error_too_deep():
    value = []
    for _ in range(200):
        value = [value]
    with pytest.raises(keynet.InputError) as info:
        keynet.validate({"notes": value})
    assert info.value.kind == "too_deep"
    assert info.value.message_ja


def _outcome(form):
    try:
        return ("findings", keys(keynet.validate(form)))
    except keynet.InputError as err:
        return ("input_error", err.kind)


def _nested(levels):
    value = []
    for _ in range(levels - 2):  # the form object and the "notes" list are two levels
        value = [value]
    return {"notes": value}


def test_nesting_at_the_limit_reads_alike_as_dict_and_as_text():
    for levels in range(2, 200):  # across keynet::MAX_DEPTH
        form = _nested(levels)
        assert _outcome(form) == _outcome(json.dumps(form)), f"{levels} levels"


def test_one_set_of_limits_for_a_dict_and_its_text(form):
    """The caps of docs/choices.md "Limits": 1 MiB, 32 levels, 10,000 entries, at once."""
    big = dict(form, notes="あ" * 10_000_000)
    for value in (big, json.dumps(big, ensure_ascii=False)):
        with pytest.raises(keynet.InputError) as info:
            keynet.validate(value)
        assert info.value.kind == "too_large"
    assert _outcome(_nested(32))[0] == "findings"
    assert _outcome(_nested(33)) == ("input_error", "too_deep")
    assert _outcome(json.dumps(_nested(33))) == ("input_error", "too_deep")
    many = dict(form, notes=list(range(10_001)))
    for value in (many, json.dumps(many)):
        with pytest.raises(keynet.InputError) as info:
            keynet.validate(value)
        assert info.value.kind == "too_many_items"
    # The generic entry point holds the same caps.
    with pytest.raises(keynet.InputError):
        keynet.call("validate", {"form": big})


def test_a_cyclic_dict_is_too_deep_not_a_crash():
    cyclic = {}
    cyclic["self"] = cyclic
    with pytest.raises(keynet.InputError) as info:
        keynet.validate(cyclic)
    assert info.value.kind == "too_deep"


def test_other_top_level_types_are_a_type_error():
    with pytest.raises(TypeError):
        keynet.validate(bytearray(b"{}"))
    with pytest.raises(TypeError):
        keynet.validate(object())


# --- exceptions --------------------------------------------------------------------------------

def test_exception_hierarchy():
    assert issubclass(keynet.InvalidForm, ValueError)
    assert issubclass(keynet.InputError, ValueError)
    assert issubclass(keynet.InternalError, Exception)
    assert not issubclass(keynet.InternalError, ValueError)
    for exc in (keynet.InvalidForm, keynet.InputError, keynet.InternalError):
        assert exc.__module__ == "keynet"
        assert exc.__doc__


@pytest.mark.parametrize(
    "bad, kind",
    [("{", "syntax"), ('{"a": }', "syntax"), ("[]", "not_an_object"), ('"x"', "not_an_object"),
     ([], "not_an_object"), (5, "not_an_object"), (None, "not_an_object"), (b"[1]", "not_an_object")],
)
def test_input_error_carries_kind_and_japanese(bad, kind):
    for fn in (keynet.validate, keynet.normalize):
        with pytest.raises(keynet.InputError) as info:
            fn(bad)
        err = info.value
        assert err.kind == kind
        assert str(err) and err.message_ja
        assert err.message_ja != str(err)


def test_invalid_utf8_is_an_input_error():
    with pytest.raises(keynet.InputError) as info:
        keynet.validate(b'{"notes": "\xff"}')
    assert info.value.kind in {"invalid_utf8", "syntax"}


def test_invalid_form_carries_every_finding(invalid_form):
    findings = keynet.validate(invalid_form)
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.normalize(invalid_form)
    err = info.value
    assert keys(err.findings) == keys(findings)
    assert all(set(f) == FINDING_KEYS for f in err.findings)
    first_error = next(f for f in findings if f["severity"] == "error")
    assert first_error["path"] in str(err)


def test_normalize_of_a_registrable_form_is_canonical_and_stable(form):
    canonical = keynet.normalize(form)
    assert isinstance(canonical, dict)
    assert keynet.normalize(canonical) == canonical
    assert json.loads(json.dumps(canonical)) == canonical


# --- catalogue, module -------------------------------------------------------------------------

def test_catalogue_lists_every_code_in_both_languages():
    catalogue = keynet.catalogue()
    assert [entry["code"] for entry in catalogue] == CODES
    for entry in catalogue:
        assert set(entry) == {"code", "description", "description_ja"}
        assert entry["description"].strip() and entry["description_ja"].strip()


def _stub():
    package = Path(keynet.__file__).parent
    return ast.parse((package / "__init__.pyi").read_text(encoding="utf-8"))


def test_module_surface_and_stubs():
    assert isinstance(keynet.__version__, str) and keynet.__version__
    package = Path(keynet.__file__).parent
    assert (package / "py.typed").exists()
    stub = _stub()
    defined = {node.name for node in stub.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    defined |= {t.id for node in stub.body if isinstance(node, ast.AnnAssign) for t in [node.target]}
    public = {name for name in dir(keynet) if not name.startswith("_") and not inspect.ismodule(getattr(keynet, name))}
    assert public == set(keynet.__all__) - {"__version__"}, "__all__ and the module's public names differ"
    for name in keynet.__all__:
        assert name in defined, f"{name} is missing from __init__.pyi"
        assert hasattr(keynet, name)
    for node in stub.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            assert ast.get_docstring(node), f"{node.name} has no docstring in __init__.pyi"


def _stub_parameters(node):
    args = node.args
    names = [a.arg for a in args.posonlyargs + args.args if a.arg != "self"]
    defaults = len(args.defaults)
    with_default = set(names[len(names) - defaults:]) if defaults else set()
    kwonly = [a.arg for a in args.kwonlyargs]
    with_default |= {a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
    return names + kwonly, with_default, set(kwonly)


def _runtime_parameters(function):
    parameters = [p for p in inspect.signature(function).parameters.values() if p.name not in ("self", "slf")]
    return (
        [p.name for p in parameters],
        {p.name for p in parameters if p.default is not inspect.Parameter.empty},
        {p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY},
    )


def test_stub_signatures_match_the_runtime():
    checked = 0
    for node in _stub().body:
        if isinstance(node, ast.FunctionDef):
            assert _stub_parameters(node) == _runtime_parameters(getattr(keynet, node.name)), node.name
            checked += 1
        if isinstance(node, ast.ClassDef) and node.name == "Batch":
            for method in node.body:
                if isinstance(method, ast.FunctionDef) and not method.decorator_list and not method.name.startswith("__"):
                    runtime = getattr(keynet.Batch, method.name)
                    assert _stub_parameters(method) == _runtime_parameters(runtime), f"Batch.{method.name}"
                    checked += 1
                if isinstance(method, ast.FunctionDef) and method.decorator_list:
                    assert isinstance(inspect.getattr_static(keynet.Batch, method.name), type(keynet.Batch.registrable)) \
                        or hasattr(keynet.Batch, method.name), f"Batch.{method.name}"
    assert checked >= 30


def test_stub_docstrings_are_the_runtime_docstrings():
    """help(keynet.x) says exactly what the stub (and so the editor) says."""
    checked = 0
    for node in _stub().body:
        if isinstance(node, ast.FunctionDef) or (isinstance(node, ast.ClassDef) and node.name == "Batch"):
            runtime = getattr(keynet, node.name)
            assert inspect.cleandoc(runtime.__doc__ or "") == ast.get_docstring(node), node.name
            checked += 1
        if isinstance(node, ast.ClassDef) and node.name == "Batch":
            for method in node.body:
                # Slots (__len__, __getitem__) carry CPython's own wrapper docstrings.
                if isinstance(method, ast.FunctionDef) and not method.name.startswith("__"):
                    runtime = inspect.getattr_static(keynet.Batch, method.name)
                    assert inspect.cleandoc(runtime.__doc__ or "") == ast.get_docstring(method), f"Batch.{method.name}"
                    checked += 1
    assert checked >= 35


def test_stub_class_docstrings_are_the_runtime_docstrings():
    """Exceptions, warnings and classes: help() says what the stub says."""
    checked = 0
    for node in _stub().body:
        if isinstance(node, ast.ClassDef) and hasattr(keynet, node.name):
            runtime = getattr(keynet, node.name)
            assert inspect.cleandoc(runtime.__doc__ or "") == ast.get_docstring(node), node.name
            checked += 1
    assert checked >= 11


# --- panic drill -------------------------------------------------------------------------------

def test_a_panic_becomes_internal_error_and_the_next_call_works():
    for _ in range(3):
        with pytest.raises(keynet.InternalError, match="panic drill"):
            keynet._trigger_panic_for_tests()
        assert isinstance(keynet.validate({}), list)
        assert len(keynet.catalogue()) == len(CODES)


def test_a_panic_is_not_pyo3s_panic_exception():
    try:
        keynet._trigger_panic_for_tests()
    except BaseException as err:  # noqa: BLE001 - the point is what it is
        assert type(err) is keynet.InternalError
        assert type(err).__name__ != "PanicException"


def test_the_benchmark_floor_reads_a_dict_as_validate_does(form):
    # The binding floor of docs/benchmarks.md: the same reading and limits, no rules.
    assert keynet._read_form_only(form) is None
    form["notes"] = "あ" * 400_000
    with pytest.raises(keynet.InputError) as floor:
        keynet._read_form_only(form)
    with pytest.raises(keynet.InputError) as validate:
        keynet.validate(form)
    assert floor.value.kind == validate.value.kind == "too_large"
    with pytest.raises(TypeError, match=r"form\.facility"):
        keynet._read_form_only({"facility": {1, 2}})
