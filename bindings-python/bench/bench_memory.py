"""Memory over many validate calls (not a test): RSS after 100k calls vs after --calls calls.

    .venv-bench/bin/python bindings-python/bench/bench_memory.py [--calls 10000000]

Cycles over 1,000 generated forms (dicts; a fifth with errors, some messy), calling
``keynet.validate`` and dropping the answer, and prints the resident set size (VmRSS of
/proc/self/status) at checkpoints. A leak of even one byte per call would show as ~10 MB over
10M calls; the target is RSS(10M) within 2 % of RSS(100k).
"""

import argparse
import time

import keynet


def rss_kib():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=10_000_000)
    args = parser.parse_args()
    forms = keynet.sample_forms(1000, seed=3)
    checkpoints = sorted({100_000, *range(1_000_000, args.calls + 1, 1_000_000), args.calls})
    started = time.perf_counter()
    done = 0
    baseline = None
    print(f"{'calls':>12}  {'RSS KiB':>9}  {'vs 100k':>8}  {'seconds':>8}")
    for checkpoint in checkpoints:
        while done < checkpoint:
            keynet.validate(forms[done % 1000])
            done += 1
        rss = rss_kib()
        baseline = baseline or rss
        print(f"{done:>12,}  {rss:>9,}  {100 * (rss - baseline) / baseline:>+7.2f}%  {time.perf_counter() - started:>8.1f}",
              flush=True)


if __name__ == "__main__":
    main()
