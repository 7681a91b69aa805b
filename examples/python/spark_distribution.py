"""Distribution and count table of a partitioned JSON-lines dataset on PySpark (``mapInArrow``),
checked against one process.

    python examples/python/spark_distribution.py --dataset DIR    # a folder of part-*.jsonl
    python examples/python/spark_distribution.py                  # writes a 20,000-posting sample

Each file is one Spark partition (``spark.sql.files.maxPartitionBytes`` and ``openCostInBytes``
are raised so no file is split or packed with another). ``mapInArrow`` hands each partition's
lines to keynet as Arrow batches of JSON-lines text; each batch gives its distribution and count
table, tagged with its file and batch number. The driver sorts the parts by (file, batch) —
the input order — and combines them with ``keynet.combine_distributions`` and
``keynet.add_count_tables`` (docs/choices.md, "Partitions: results that combine"), then compares
with one process. Needs ``pyspark`` (and Java 17) and ``pyarrow``; not run by the test command
(docs/benchmarks.md has the figures of a run).
"""

import argparse
import json
import os
import sys
from pathlib import Path

import keynet

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dask_distribution import compare_and_write, dataset_files  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, help="a folder of part-*.jsonl files (default: write a sample one)")
    parser.add_argument("--postings", type=int, default=20_000, help="postings of the sample dataset")
    parser.add_argument("--partitions", type=int, default=8, help="files of the sample dataset")
    parser.add_argument("--cores", type=int, default=2, help="local[N] Spark cores")
    parser.add_argument("--out", type=Path, default=REPO / "examples/out/spark", help="output folder")
    return parser.parse_args(argv)


def on_spark(files, recipients, cores):
    import pyarrow as pa
    from pyspark.sql import SparkSession
    from pyspark.sql.functions import input_file_name

    # The workers run this interpreter (its keynet and pyarrow), not whatever `python3` is.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    largest = max(f.stat().st_size for f in files) + 1
    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("keynet-distribution")
        .config("spark.sql.files.maxPartitionBytes", str(largest))
        .config("spark.sql.files.openCostInBytes", str(largest))
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        lines = spark.read.text([str(f) for f in files]).withColumn("file", input_file_name())

        def per_batch(batches):
            import keynet

            for number, batch in enumerate(batches):
                values = batch.column("value").to_pylist()
                text = "\n".join(values) + "\n"
                yield pa.RecordBatch.from_pydict({
                    "file": [batch.column("file")[0].as_py() if batch.num_rows else ""],
                    "batch": [number],
                    "distribution": [json.dumps(keynet.distribute(text, recipients), ensure_ascii=False)],
                    "counts": [json.dumps(keynet.count_table(text), ensure_ascii=False)],
                })

        schema = "file string, batch long, distribution string, counts string"
        rows = lines.mapInArrow(per_batch, schema).collect()
    finally:
        spark.stop()
    rows.sort(key=lambda r: (r["file"], r["batch"]))
    distribution = keynet.combine_distributions([json.loads(r["distribution"]) for r in rows])
    counts = keynet.add_count_tables([json.loads(r["counts"]) for r in rows])
    return distribution, counts


def main(argv=None):
    args = parse_args(argv)
    files = dataset_files(args)
    if not files:
        print(f"no *.jsonl files in {args.dataset}", file=sys.stderr)
        return 2
    recipients = keynet.standard_recipients(["A社", "B社"])
    return compare_and_write("Spark", files, recipients, args.out, f"local[{args.cores}]",
                             lambda f, r: on_spark(f, r, args.cores))


if __name__ == "__main__":
    sys.exit(main())
