"""Mistakes the stub must catch (``mypy --strict`` must report an error on each line marked
``# error``, and on no other line): checked by ``bindings-python/tests/test_typing.py``."""

import keynet

keynet.standard_recipients("A社")  # error
keynet.read_postings_csv(b"", encoding="latin-1")  # error
keynet.distribute(42, [])  # error
keynet.findings_frame([], backend="spark")  # error
delivery = keynet.distribute([], [])[0]
delivery["posting_id"]  # error
explanation = keynet.explain({}, {})
explanation["reason_en"]  # error
keynet.write_postings_csv([], view="counts")  # error
