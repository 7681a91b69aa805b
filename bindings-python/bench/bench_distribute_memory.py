"""Distribution of a JSON-lines file through Python: time and peak memory against the input's size.

    .venv/bin/python bindings-python/bench/bench_distribute_memory.py postings.jsonl

Write the input with ``keynet.write_sample_postings(Path("postings.jsonl"), 200_000)``. Use a
release build; docs/benchmarks.md, "Distribution in little memory".
"""

import resource
import sys
import time
from pathlib import Path

import keynet


def rss_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        return int(status.read().split("VmRSS:")[1].split()[0]) // 1024


data = Path(sys.argv[1]).read_bytes()
with_input = rss_mb()
recipients = keynet.standard_recipients(["A社", "B社"])
start = time.perf_counter()
result = keynet.distribute(data, recipients)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
ids = sum(len(d.get("posting_ids", [])) for d in result)
print(f"{len(data) / 2**20:.0f} MB of JSON lines, {len(recipients)} recipients, {ids:,} ids delivered")
print(f"distribute: {seconds:.1f} s; RSS with the input read {with_input} MB, peak {peak} MB "
      f"({peak / (len(data) / 2**20):.1f}x the input)")
