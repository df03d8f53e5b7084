"""Load time of every structured dataset from the mirror, against DuckDB's own read_csv of the same files.

Our side: `fetch_datasets` into a fresh store (sha256 check, parsing, code mapping, one transaction per
dataset). Baseline: a fresh DuckDB file and `CREATE TABLE AS SELECT * FROM read_csv(...)` of each file that
the registry lists, with DuckDB's own sniffer (SIPRI's register gets encoding and skip, which DuckDB cannot
guess). Runs alternate, best of N is kept for each. Prints one row per dataset and the total ratio.

    .venv/bin/python bench/load_structured.py --mirror ../shared/data [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import duckdb

from alliancewatch.config import load_config
from alliancewatch.registry import DatasetSpec, default_registry
from alliancewatch.services import fetch_datasets, open_context


def ours(spec: DatasetSpec, mirror: str, workdir: Path) -> float:
    db = workdir / f"ours-{spec.name}-{time.monotonic_ns()}.duckdb"
    with open_context(load_config(db=db, mirror=mirror)) as ctx:
        started = time.perf_counter()
        fetch_datasets(ctx, [spec.name])
        return time.perf_counter() - started


def baseline(spec: DatasetSpec, mirror: str, workdir: Path) -> float:
    db = workdir / f"duck-{spec.name}-{time.monotonic_ns()}.duckdb"
    con = duckdb.connect(str(db))
    started = time.perf_counter()
    for i, f in enumerate(spec.files):
        path = str(Path(mirror) / f.mirror_path)
        if "latin1" in f.name:
            source = (
                "read_csv(?, encoding = 'latin-1', skip = 11, delim = ',', quote = '\"', header = true, "
                "null_padding = true, strict_mode = false, all_varchar = true)"
            )
        else:
            source = "read_csv(?)"
        con.execute(f"CREATE TABLE t{i} AS SELECT * FROM {source}", [path])
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default="../shared/data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    specs = [s for s in default_registry().datasets() if s.kind == "structured" and s.files]
    total_ours = total_base = 0.0
    print(f"{'dataset':<18} {'ours s':>8} {'duckdb s':>9} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for spec in specs:
            a = min(ours(spec, args.mirror, workdir) for _ in range(args.repeat))
            b = min(baseline(spec, args.mirror, workdir) for _ in range(args.repeat))
            total_ours += a
            total_base += b
            print(f"{spec.name:<18} {a:8.3f} {b:9.3f} {a / b:6.2f}")
    print(f"{'ALL':<18} {total_ours:8.3f} {total_base:9.3f} {total_ours / total_base:6.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
