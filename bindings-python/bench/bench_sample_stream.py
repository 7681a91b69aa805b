"""Sample postings streamed to a JSON-lines file: postings per second and peak memory.

    .venv/bin/python bindings-python/bench/bench_sample_stream.py 200000 [/tmp/stream.jsonl]

Use a release build (``maturin build --release``); docs/benchmarks.md, "Sample postings, streamed".
"""

import pathlib
import resource
import sys
import time

import keynet

count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
target = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/stream.jsonl")
start = time.perf_counter()
keynet.write_sample_postings(target, count)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"write_sample_postings({count}): {seconds:.1f} s, {count / seconds:,.0f} postings/s, peak RSS {peak} MB")
