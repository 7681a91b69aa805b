"""validate_many: the same findings as validate, per record, from every input shape; the GIL
released while the core works; both threads giving the same answer; a worker's panic caught."""

import json
import sys
import threading

import pytest

import keynet

FINDING_KEYS = ("path", "code", "severity", "message", "message_ja")


@pytest.fixture(scope="module")
def forms():
    return keynet.sample_forms(600, seed=11)


def full(findings):
    return [tuple(f[k] for k in FINDING_KEYS) for f in findings]


def jsonl(items):
    return "\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n"


def test_each_record_has_the_findings_of_validate(forms):
    batch = keynet.validate_many(forms)
    assert len(batch) == len(forms)
    for i, form in enumerate(forms):
        assert full(batch[i]) == full(keynet.validate(form))
    assert any(batch[i] for i in range(len(batch)))  # the sample has findings


def test_every_input_shape_gives_the_same_batch(forms):
    expected = [full(f) for f in keynet.validate_many(forms)]
    text = jsonl(forms)
    shapes = {
        "tuple": tuple(forms),
        "generator": (f for f in forms),
        "json items": [json.dumps(f, ensure_ascii=False) for f in forms],
        "bytes items": [json.dumps(f).encode("utf-8") for f in forms],
        "jsonl str": text,
        "jsonl bytes": text.encode("utf-8"),
        "jsonl with blank lines and CRLF": ("\r\n" + text.replace("\n", "\r\n\r\n")).encode("utf-8"),
    }
    for label, shape in shapes.items():
        assert [full(f) for f in keynet.validate_many(shape)] == expected, label


def test_one_thread_and_two_agree(forms):
    data = jsonl(forms * 3).encode("utf-8")
    one = keynet.validate_many(data, threads=1)
    two = keynet.validate_many(data, threads=2)
    many = keynet.validate_many(data, threads=7)
    assert len(one) == len(two) == len(many) == 3 * len(forms)
    assert one.columns() == two.columns() == many.columns()
    assert one.registrable == two.registrable == many.registrable


def test_records_that_are_not_forms_do_not_stop_the_batch(forms):
    lines = [json.dumps(forms[0]), "{broken", "[1, 2]", json.dumps(forms[1]), '"text"']
    batch = keynet.validate_many("\n".join(lines))
    assert len(batch) == 5
    assert batch[1] is None and batch[2] is None and batch[4] is None
    assert full(batch[3]) == full(keynet.validate(forms[1]))
    errors = batch.input_errors
    assert [(e["index"], e["kind"]) for e in errors] == [(1, "syntax"), (2, "not_an_object"), (4, "not_an_object")]
    assert all(e["message"].strip() and e["message_ja"].strip() for e in errors)
    listed = keynet.validate_many([forms[0], "{broken", [1, 2], None])
    assert [(e["index"], e["kind"]) for e in listed.input_errors] == [(1, "syntax"), (2, "not_an_object"), (3, "not_an_object")]


def test_summary_registrable_and_columns_agree(forms):
    batch = keynet.validate_many(forms + ["{"])
    summary = batch.summary()
    registrable = batch.registrable
    assert summary["records"] == len(forms) + 1
    assert summary["registrable"] == sum(registrable)
    assert summary["not_a_form"] == 1 and registrable[-1] is False
    assert summary["rejected"] == summary["records"] - summary["registrable"] - 1
    assert 0 < summary["registrable"] < len(forms)
    columns = batch.columns()
    assert list(columns) == ["record", *FINDING_KEYS]
    assert len({len(c) for c in columns.values()}) == 1
    assert len(columns["record"]) == summary["errors"] + summary["warnings"]
    rows = list(zip(*columns.values()))
    for i in range(len(forms)):
        assert [r[1:] for r in rows if r[0] == i] == full(batch[i])
        assert registrable[i] == all(f["severity"] != "error" for f in batch[i])
    assert repr(batch).startswith("<keynet.Batch: 601 records")


def test_batch_is_a_sequence(forms):
    batch = keynet.validate_many(forms[:5])
    assert full(batch[-1]) == full(batch[4])
    with pytest.raises(IndexError):
        batch[5]
    with pytest.raises(IndexError):
        batch[-6]
    assert [full(f) for f in batch] == [full(batch[i]) for i in range(5)]
    assert len(keynet.validate_many([])) == 0 and len(keynet.validate_many(b"")) == 0


def test_bad_arguments():
    with pytest.raises(ValueError, match="threads"):
        keynet.validate_many([], threads=0)
    with pytest.raises(TypeError, match=r"forms\[1\]"):
        keynet.validate_many([{}, {"notes": {1, 2}}])
    with pytest.raises(TypeError):
        keynet.validate_many(42)


def test_the_gil_is_released_while_the_core_works(forms):
    # With a switch interval far longer than the test, this thread keeps the GIL until it blocks
    # or calls code that releases it: the helper, woken by `go`, can run — and set `ran` — only
    # while validate_many works without the GIL. No clock is read; the batch count only bounds
    # the wait for the helper to be scheduled.
    data = jsonl(forms * 2).encode("utf-8")
    keynet.validate_many(data, threads=1)  # a first call may import, which releases the GIL too
    go, ran = threading.Event(), threading.Event()

    def helper():
        go.wait()
        ran.set()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    thread = threading.Thread(target=helper)
    try:
        thread.start()  # returns once the helper waits for `go`, having given the GIL back
        go.set()
        batches = 0
        while not ran.is_set() and batches < 50:
            keynet.validate_many(data, threads=1)
            batches += 1
        assert ran.is_set(), f"no other thread ran during {batches} batches: the GIL was held"
    finally:
        go.set()
        thread.join()
        sys.setswitchinterval(interval)


def test_a_panic_in_a_worker_thread_becomes_internal_error():
    for _ in range(2):
        with pytest.raises(keynet.InternalError, match="worker panic drill"):
            keynet._trigger_worker_panic_for_tests()
        assert len(keynet.validate_many([{}] * 300)) == 300
