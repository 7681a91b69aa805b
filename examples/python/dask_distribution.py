"""Distribution and count table of a partitioned JSON-lines dataset on Dask, checked byte for byte
against one process.

    python examples/python/dask_distribution.py                   # 20,000 sample postings, 8 files
    python examples/python/dask_distribution.py --dataset DIR     # your own part-*.jsonl files

A dataset too large for one call is a folder of JSON-lines files (one posting a line), read in
file-name order. Each Dask partition (one file) is distributed on its own worker —
``keynet.distribute(text, recipients)`` and ``keynet.count_table(text)`` — and the partial results
are combined in partition order with ``keynet.combine_distributions`` and
``keynet.add_count_tables``: posting ids concatenate, counts add (docs/choices.md, "Partitions:
results that combine"). The script then computes the same in one process and exits 1 unless the
two JSON texts are identical. It writes ``distribution.json`` and ``counts.json`` into ``--out``.

Needs ``dask`` and ``distributed`` (pip install "dask[distributed]"): a ``LocalCluster`` of
``--workers`` processes, one thread each (keynet's own calls use one core per call).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import keynet

REPO = Path(__file__).resolve().parents[2]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, help="a folder of part-*.jsonl files (default: write a sample one)")
    parser.add_argument("--postings", type=int, default=20_000, help="postings of the sample dataset")
    parser.add_argument("--partitions", type=int, default=8, help="files of the sample dataset")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    parser.add_argument("--agency", action="append", default=None, help="a placement agency (repeatable)")
    parser.add_argument("--out", type=Path, default=REPO / "examples/out/dask", help="output folder")
    return parser.parse_args(argv)


def write_sample_dataset(folder, postings, partitions):
    """``postings`` sample postings as ``partitions`` JSON-lines files, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.jsonl"):
        old.unlink()
    items = keynet.sample_postings(postings)
    size = -(-len(items) // partitions)
    for i in range(partitions):
        chunk = items[i * size:(i + 1) * size]
        text = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in chunk)
        (folder / f"part-{i:05d}.jsonl").write_text(text, encoding="utf-8")


def partial_results(lines, recipients):
    """One partition's distribution and count table (runs on a worker)."""
    import keynet  # imported in the worker process

    text = "".join(lines)
    return [(keynet.distribute(text, recipients), keynet.count_table(text))]


def on_dask(files, recipients, workers):
    import dask.bag
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        # One partition per file, in file-name order; lines keep their order inside it.
        bag = dask.bag.read_text([str(f) for f in files], encoding="utf-8")
        parts = bag.map_partitions(partial_results, recipients).compute()
    distributions = [d for d, _ in parts]
    tables = [c for _, c in parts]
    return keynet.combine_distributions(distributions), keynet.add_count_tables(tables)


def in_one_process(files, recipients):
    text = b"".join(f.read_bytes() for f in files)
    return keynet.distribute(text, recipients), keynet.count_table(text)


def as_text(value):
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def compare_and_write(engine, files, recipients, out, workers, run):
    """Runs ``run(files, recipients)`` on the engine and in one process, writes the engine's
    result into ``out`` and says whether the two are identical (the exit status)."""
    start = time.perf_counter()
    distribution, counts = run(files, recipients)
    engine_seconds = time.perf_counter() - start
    start = time.perf_counter()
    expected_distribution, expected_counts = in_one_process(files, recipients)
    one_seconds = time.perf_counter() - start

    out.mkdir(parents=True, exist_ok=True)
    (out / "distribution.json").write_text(as_text(distribution), encoding="utf-8")
    (out / "counts.json").write_text(as_text(counts), encoding="utf-8")
    postings = sum(1 for f in files for line in f.read_bytes().splitlines() if line.strip())
    same = as_text(distribution) == as_text(expected_distribution) and as_text(counts) == as_text(expected_counts)
    print(f"{postings} postings in {len(files)} partitions, {len(recipients)} recipients, {workers}")
    print(f"{engine}: {engine_seconds:.1f} s (start-up included); one process: {one_seconds:.1f} s")
    print("distribution and count table identical to one process: " + ("yes" if same else "NO"))
    return 0 if same else 1


def dataset_files(args):
    """The dataset's files in order (a sample one written first when none is given)."""
    dataset = args.dataset or args.out / "dataset"
    if args.dataset is None:
        write_sample_dataset(dataset, args.postings, args.partitions)
    return sorted(dataset.glob("*.jsonl"))


def main(argv=None):
    args = parse_args(argv)
    files = dataset_files(args)
    if not files:
        print(f"no *.jsonl files in {args.dataset}", file=sys.stderr)
        return 2
    recipients = keynet.standard_recipients(args.agency or ["A社", "B社"])
    return compare_and_write("Dask", files, recipients, args.out, f"{args.workers} Dask workers",
                             lambda f, r: on_dask(f, r, args.workers))


if __name__ == "__main__":
    sys.exit(main())
