"""The golden case table (tests/cases/*.json) run through the Python binding.

Every case is run from a dict and from its JSON text (str and bytes); all three must agree.
KEYNET_CASES=<dir> runs another table (used to try the harness itself).
"""

import json
import os
from pathlib import Path

import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))
CASE_FILES = sorted(CASES_DIR.glob("*.json"))
FINDING_KEYS = {"path", "code", "severity", "message", "message_ja"}


def key(finding):
    return (finding["path"], finding["code"], finding["severity"])


def full_key(finding):
    return (finding["path"], finding["code"], finding["severity"], finding["message"], finding["message_ja"])


def canon(value):
    """JSON text with sorted keys: type-strict deep equality (1 != 1.0 != True)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1)


def run_form(form, expect):
    """Runs one form through validate/normalize, checks it against `expect`, returns the outcome."""
    if expect.get("error") is not None:
        for fn in (keynet.validate, keynet.normalize):
            with pytest.raises(keynet.InputError) as info:
                fn(form)
            err = info.value
            assert err.kind == expect["error"], f"{fn.__name__}: kind {err.kind!r}: {err}"
            assert str(err).strip() and err.message_ja.strip()
        return ("input_error", err.kind)

    findings = keynet.validate(form)
    assert isinstance(findings, list)
    for f in findings:
        assert set(f) == FINDING_KEYS, f
        assert f["message"].strip(), f"empty message: {f}"
        assert f["message_ja"].strip(), f"empty message_ja: {f}"
    assert sorted(map(key, findings)) == sorted(map(key, expect["findings"])), (
        "findings differ\n  got:      " + repr(sorted(map(key, findings)))
        + "\n  expected: " + repr(sorted(map(key, expect["findings"])))
    )

    if any(f["severity"] == "error" for f in findings):
        with pytest.raises(keynet.InvalidForm) as info:
            keynet.normalize(form)
        assert isinstance(info.value, ValueError)
        assert sorted(map(full_key, info.value.findings)) == sorted(map(full_key, findings))
        assert expect.get("canonical") is None, "a form with errors cannot have a canonical form"
        return ("invalid", sorted(map(full_key, findings)))

    canonical = keynet.normalize(form)
    assert isinstance(canonical, dict)
    if expect.get("canonical") is not None:
        assert canon(canonical) == canon(expect["canonical"])
    again = keynet.validate(canonical)
    assert not [f for f in again if f["severity"] == "error"], f"canonical output has errors: {again}"
    assert canon(keynet.normalize(canonical)) == canon(canonical), "normalize is not idempotent"
    return ("ok", sorted(map(full_key, findings)), canon(canonical))


def test_case_table_is_there():
    assert CASE_FILES, f"no golden cases in {CASES_DIR}"


@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden(case_file):
    case = json.loads(case_file.read_text(encoding="utf-8"))
    expect = case["expect"]
    if "input_json" in case:
        text = case["input_json"]
        forms = {"str": text, "bytes": text.encode("utf-8")}
    else:
        text = json.dumps(case["input"], ensure_ascii=False)
        forms = {"dict": case["input"], "str": text, "bytes": text.encode("utf-8")}
    outcomes = {label: run_form(form, expect) for label, form in forms.items()}
    first = next(iter(outcomes.values()))
    for label, outcome in outcomes.items():
        assert outcome == first, f"{label} input gives another result than {next(iter(outcomes))}"
