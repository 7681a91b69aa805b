"""keynet vs a pydantic v2 model enforcing the same rules, side by side in one run (not a test).

    .venv-bench/bin/python bindings-python/bench/bench_validate.py [--forms 20000] [--repeat 3]

Both validate the same forms from keynet's seeded generator (about 40 % typed messily, about
15 % invalid). Before timing, the run checks that the two agree: the same forms registrable, and
for those the same normalised values and the same warnings — so the race is between equals.

Measured (best of --repeat runs, forms per second):
- per dict: ``keynet.validate(form)`` vs ``Form.model_validate(form)`` in a Python loop;
- batch of dicts: ``keynet.validate_many(list)`` vs the same pydantic loop;
- JSON-lines batch: ``keynet.validate_many(bytes)`` (both cores; also one thread) vs
  ``Form.model_validate_json(line)`` per line (pydantic's own JSON parser), and, for fairness,
  the pydantic loop spread over both cores with multiprocessing.
"""

import argparse
import json
import multiprocessing
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pydantic  # noqa: E402
from pydantic import ValidationError  # noqa: E402

import keynet  # noqa: E402
from pydantic_model import Form  # noqa: E402


def best(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def pydantic_dicts(forms):
    ok = 0
    for form in forms:
        try:
            Form.model_validate(form)
            ok += 1
        except ValidationError:
            pass
    return ok


def pydantic_lines(lines):
    ok = 0
    for line in lines:
        try:
            Form.model_validate_json(line)
            ok += 1
        except ValidationError:
            pass
    return ok


def keynet_dicts(forms):
    ok = 0
    for form in forms:
        findings = keynet.validate(form)
        ok += not any(f["severity"] == "error" for f in findings)
    return ok


def keynet_floor(forms):
    for form in forms:
        keynet._read_form_only(form)
    return 0


def agreement(forms):
    """How many forms keynet and the pydantic model judge alike (registrable or not)."""
    same = 0
    for form in forms:
        registrable = not any(f["severity"] == "error" for f in keynet.validate(form))
        try:
            model = Form.model_validate(form)
            ok = True
        except ValidationError:
            ok = False
        if ok == registrable:
            same += 1
        if ok and registrable:
            warnings = sorted((f["path"], f["code"]) for f in keynet.validate(form) if f["severity"] == "warning")
            assert warnings == sorted(model.warnings), "warnings differ"
            canonical = keynet.normalize(form)
            assert model.contact.phone[1] == canonical["contact"]["phone"], "phone normalisation differs"
            assert model.workplace.municipality == canonical["workplace"]["municipality"], "municipality differs"
            assert model.employment_period.start.isoformat() == canonical["employment_period"]["start"], "date differs"
    return same


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    forms = keynet.sample_forms(args.forms, seed=args.seed)
    lines = [json.dumps(f, ensure_ascii=False).encode("utf-8") for f in forms]
    data = b"\n".join(lines) + b"\n"
    print(f"python {platform.python_version()}, pydantic {pydantic.VERSION}, keynet {keynet.__version__}, "
          f"{os.cpu_count()} cores; {len(forms)} forms, {len(data) / 1e6:.1f} MB as JSON lines")

    checked = min(len(forms), 3000)
    same = agreement(forms[:checked])
    print(f"agreement on registrability: {same}/{checked} forms "
          f"(normalised phone, municipality, date and warnings compared on the registrable ones)")
    assert same == checked, "the pydantic model does not enforce the same rules: fix it before timing"

    batch = keynet.validate_many(data)
    assert batch.summary()["registrable"] == keynet_dicts(forms) == pydantic_dicts(forms) == pydantic_lines(lines)

    rows = []

    def race(name, ours, theirs):
        a, b = best(ours, args.repeat), best(theirs, args.repeat)
        rows.append((name, len(forms) / a, len(forms) / b, b / a))

    race("per dict: validate(dict) vs model_validate(dict)",
         lambda: keynet_dicts(forms), lambda: pydantic_dicts(forms))
    # The binding floor: every field of the dict read into Rust as validate reads it, no rules.
    race("binding floor: _read_form_only(dict) vs model_validate(dict)",
         lambda: keynet_floor(forms), lambda: pydantic_dicts(forms))
    race("batch of dicts: validate_many(list) vs model_validate loop",
         lambda: keynet.validate_many(forms), lambda: pydantic_dicts(forms))
    race("JSON lines: validate_many(bytes) vs model_validate_json loop",
         lambda: keynet.validate_many(data), lambda: pydantic_lines(lines))
    race("JSON lines, one thread: validate_many(bytes, threads=1) vs the same loop",
         lambda: keynet.validate_many(data, threads=1), lambda: pydantic_lines(lines))
    cores = os.cpu_count() or 1
    chunks = [lines[i::cores] for i in range(cores)]
    with multiprocessing.Pool(cores) as pool:
        pool.map(pydantic_lines, chunks)  # warm the workers
        race(f"JSON lines: validate_many(bytes) vs model_validate_json on {cores} processes",
             lambda: keynet.validate_many(data), lambda: sum(pool.map(pydantic_lines, chunks)))

    width = max(len(r[0]) for r in rows)
    print(f"\n{'benchmark':<{width}}  {'keynet forms/s':>15}  {'pydantic forms/s':>17}  {'ratio':>7}")
    for name, ours, theirs, ratio in rows:
        print(f"{name:<{width}}  {ours:>15,.0f}  {theirs:>17,.0f}  {ratio:>6.1f}x")
    per_dict, floor = rows[0][1], rows[1][1]
    print(f"\nvalidate(dict) takes {floor / per_dict:.1f}x the binding floor's time "
          f"({1e6 / per_dict:.1f} µs vs {1e6 / floor:.1f} µs a form)")


if __name__ == "__main__":
    main()
