"""The golden case table (tests/cases/*.json) run through the UniFFI bindings.

The Python backend of UniFFI is generated from the same cdylib that Swift and Kotlin load, so this
tests the FFI surface they share: records, enums, the error enum, panics caught at the boundary.
scripts/test-all.sh generates it into bindings-swift/generated/ (KEYNET_UNIFFI_DIR overrides).
"""

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GENERATED = Path(os.environ.get("KEYNET_UNIFFI_DIR", REPO / "bindings-swift" / "generated"))
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))
CASE_FILES = sorted(CASES_DIR.glob("*.json"))
CODES = [
    "required", "format", "range", "unknown_value", "inconsistent",
    "masking_leak", "labor_law", "health_law", "too_long",
]


def _load():
    path = GENERATED / "python" / "keynet.py"
    if not path.exists():
        pytest.exit(f"{path} is missing: run scripts/test-all.sh (it generates the UniFFI bindings)", returncode=1)
    # Loaded under another name: `keynet` is also the PyO3 package installed in the venv.
    spec = importlib.util.spec_from_file_location("keynet_uniffi", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


kn = _load()


def as_dict(finding):
    code = kn.finding_code_name(finding.code)
    assert code == finding.code.name.lower()
    return {
        "path": finding.path,
        "code": code,
        "severity": finding.severity.name.lower(),
        "message": finding.message,
        "message_ja": finding.message_ja,
    }


def key(f):
    return (f["path"], f["code"], f["severity"])


def full_key(f):
    return (f["path"], f["code"], f["severity"], f["message"], f["message_ja"])


def canon(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1)


def test_case_table_is_there():
    assert CASE_FILES, f"no golden cases in {CASES_DIR}"


@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden(case_file):
    case = json.loads(case_file.read_text(encoding="utf-8"))
    expect = case["expect"]
    text = case["input_json"] if "input_json" in case else json.dumps(case["input"], ensure_ascii=False)

    if expect.get("error") is not None:
        for fn in (kn.validate_json, kn.normalize_json):
            with pytest.raises(kn.KeyNetError.InvalidInput) as info:
                fn(text)
            err = info.value
            assert err.kind == expect["error"], f"{fn.__name__}: {err.message}"
            assert err.message.strip() and err.message_ja.strip()
        return

    findings = [as_dict(f) for f in kn.validate_json(text)]
    for f in findings:
        assert f["message"].strip() and f["message_ja"].strip(), f
    assert sorted(map(key, findings)) == sorted(map(key, expect["findings"])), (
        "findings differ\n  got:      " + repr(sorted(map(key, findings)))
        + "\n  expected: " + repr(sorted(map(key, expect["findings"])))
    )

    if any(f["severity"] == "error" for f in findings):
        with pytest.raises(kn.KeyNetError.InvalidForm) as info:
            kn.normalize_json(text)
        carried = [as_dict(f) for f in info.value.findings]
        assert sorted(map(full_key, carried)) == sorted(map(full_key, findings))
        assert expect.get("canonical") is None, "a form with errors cannot have a canonical form"
        return

    canonical_text = kn.normalize_json(text)
    canonical = json.loads(canonical_text)
    assert isinstance(canonical, dict)
    if expect.get("canonical") is not None:
        assert canon(canonical) == canon(expect["canonical"])
    again = [as_dict(f) for f in kn.validate_json(canonical_text)]
    assert not [f for f in again if f["severity"] == "error"], f"canonical output has errors: {again}"
    assert canon(json.loads(kn.normalize_json(canonical_text))) == canon(canonical), "normalize is not idempotent"


def test_input_errors():
    for text, kind in [("{", "syntax"), ("[]", "not_an_object"), ('"x"', "not_an_object")]:
        with pytest.raises(kn.KeyNetError.InvalidInput) as info:
            kn.validate_json(text)
        assert info.value.kind == kind
        assert isinstance(info.value, kn.KeyNetError)


def test_catalogue():
    catalogue = kn.catalogue()
    assert [entry.name for entry in catalogue] == CODES
    assert [kn.finding_code_name(entry.code) for entry in catalogue] == CODES
    assert all(entry.description.strip() and entry.description_ja.strip() for entry in catalogue)


def test_a_panic_becomes_internal_and_the_next_call_works():
    for _ in range(3):
        with pytest.raises(kn.KeyNetError.Internal) as info:
            kn.trigger_panic_for_tests()
        assert "panic drill" in info.value.message
        assert isinstance(kn.validate_json("{}"), list)
        assert len(kn.catalogue()) == len(CODES)


# --- the Swift and Kotlin sources generated from the same library ---------------------------

SWIFT = GENERATED / "swift"
KOTLIN = GENERATED / "kotlin" / "keynet" / "keynet.kt"


@pytest.mark.parametrize("name", ["KeyNet.swift", "KeyNetFFI.h", "KeyNetFFI.modulemap"])
def test_swift_sources_are_generated(name):
    path = SWIFT / name
    assert path.exists() and path.stat().st_size > 0, path


def test_swift_api_names():
    swift = (SWIFT / "KeyNet.swift").read_text(encoding="utf-8")
    for needle in ["public func validateJson(", "public func normalizeJson(", "public struct Finding",
                   "public enum FindingCode", "public enum Severity", "enum KeyNetError"]:
        assert needle in swift, needle


def test_swift_c_header_parses():
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler")
    # Clang's nullability keywords are unknown to gcc.
    subprocess.run([cc, "-fsyntax-only", "-D_Nonnull=", "-D_Nullable=", "-x", "c", str(SWIFT / "KeyNetFFI.h")], check=True)


def test_kotlin_source_is_generated():
    assert KOTLIN.exists() and KOTLIN.stat().st_size > 0
    kotlin = KOTLIN.read_text(encoding="utf-8")
    assert "package keynet" in kotlin
    assert "fun `validateJson`(" in kotlin or "fun validateJson(" in kotlin
    # A field named `message` clashes with Throwable.message (uniffi.toml renames it for Kotlin).
    assert "val `message`" not in kotlin
