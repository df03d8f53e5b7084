"""GDELT ingest at scale: our `load gdelt` against DuckDB's own read_csv of the same file, with peak memory,
and (where the dyad service exists) a dyad-month aggregate on DuckDB and on Spark local.

Files of each size are built from the real 15-minute sample by replicating it and perturbing each copy:
new GLOBALEVENTIDs, dates shifted by a day per copy (so copies spread over months and years), actor blocks
rotated per copy (so actor pairs are shuffled while re-emissions within an article stay re-emissions) and
a copy number appended to each source URL. Every measurement runs in a fresh child process, so its peak
resident memory (``ru_maxrss``) is its own.

Ours: ``load_event_files`` into a fresh store (sha256 + UTF-8 check, strict parse, code mapping, folding,
Parquet of events and raw rows, bookkeeping). Baseline: ``CREATE TABLE t AS SELECT * FROM read_csv(file,
delim='\\t', header=false)`` into a fresh DuckDB file, DuckDB's sniffer choosing the types.

    .venv/bin/python bench/gdelt_ingest.py                      # 1M, 5M and 25M rows
    .venv/bin/python bench/gdelt_ingest.py --sizes 100000       # a quick run
    .venv/bin/python bench/gdelt_ingest.py --sizes 1000000,5000000 --no-spark

Files go to bench/out/ (git-ignored) and are reused by later runs; ``--clean`` removes them afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "events" / "gdelt2_20191024143000.export.CSV"
OUT = ROOT / "bench" / "out"
ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip


def build_file(sample: Path, rows: int, target: Path) -> None:
    """Write ``rows`` GDELT 2.0 rows made from ``sample`` (see the module docstring) to ``target``."""
    from alliancewatch.sources.gdelt import GDELT2_COLUMNS

    con = duckdb.connect()
    columns = dict.fromkeys(GDELT2_COLUMNS, "VARCHAR")
    con.execute(
        "CREATE TABLE s AS SELECT *, row_number() OVER () - 1 AS i FROM read_csv(?, columns = ?, "
        "delim = '\t', header = false, quote = '', escape = '', auto_detect = false)",
        [str(sample), columns],
    )
    a1 = ", ".join(f"Actor1{f}" for f in ACTOR_FIELDS)
    a2 = ", ".join(f"Actor2{f}" for f in ACTOR_FIELDS)
    con.execute(
        f"""CREATE TABLE blocks AS SELECT row_number() OVER (ORDER BY {a1}) - 1 AS b, * FROM (
                SELECT DISTINCT {a1} FROM s WHERE Actor1Code IS NOT NULL
                UNION SELECT DISTINCT {a2} FROM s WHERE Actor2Code IS NOT NULL)"""
    )
    per_copy = con.execute("SELECT count(*) FROM s").fetchone()[0]  # type: ignore[index]
    blocks = con.execute("SELECT count(*) FROM blocks").fetchone()[0]  # type: ignore[index]
    copies = -(-rows // per_copy)

    def actor(n: int) -> str:
        # the row's own block index, rotated by a per-copy amount (a permutation of the blocks)
        return ", ".join(
            f"CASE WHEN s.Actor{n}Code IS NULL THEN NULL ELSE x{n}.Actor1{f} END AS Actor{n}{f}"
            for f in ACTOR_FIELDS
        )

    def same(n: int, alias: str) -> str:
        return " AND ".join(f"{alias}.Actor1{f} IS NOT DISTINCT FROM s.Actor{n}{f}" for f in ACTOR_FIELDS)

    keep = [c for c in GDELT2_COLUMNS if not c.startswith(("Actor1", "Actor2")) or "Geo" in c]
    rebuilt = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "DATEADDED", "SOURCEURL")
    rest = ", ".join(f"s.{c}" for c in keep if c not in rebuilt)
    order = ", ".join(GDELT2_COLUMNS)
    con.execute(
        f"""COPY (
            WITH c AS (SELECT range AS k FROM range(?)),
            r AS (
                SELECT s.*, c.k, strptime(s.SQLDATE, '%Y%m%d') + to_days((c.k % 1826)::INTEGER) AS d,
                    strptime(s.DATEADDED, '%Y%m%d%H%M%S') + to_days((c.k % 1826)::INTEGER) AS added,
                    b1.b AS b1, b2.b AS b2
                FROM s CROSS JOIN c
                LEFT JOIN blocks b1 ON {same(1, "b1")}
                LEFT JOIN blocks b2 ON {same(2, "b2")}
                ORDER BY c.k, s.i
                LIMIT ?
            ), m AS (
                SELECT (1000000000 + s.k * 10000 + s.i)::VARCHAR AS GLOBALEVENTID,
                    strftime(s.d, '%Y%m%d') AS SQLDATE, strftime(s.d, '%Y%m') AS MonthYear,
                    year(s.d)::VARCHAR AS Year,
                    printf('%.4f', year(s.d) + (dayofyear(s.d) - 1) / 365.0) AS FractionDate,
                    {actor(1)}, {actor(2)}, {rest},
                    strftime(s.added, '%Y%m%d%H%M%S') AS DATEADDED,
                    s.SOURCEURL || '?aw=' || s.k AS SOURCEURL
                FROM r s
                LEFT JOIN blocks x1 ON x1.b = (s.b1 + s.k * 7919) % {blocks}
                LEFT JOIN blocks x2 ON x2.b = (s.b2 + s.k * 104729) % {blocks}
            )
            SELECT {order} FROM m
        ) TO '{target}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')""",
        [copies, rows],
    )
    con.close()


# --- the measurements, each in its own child process -------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process so far, every thread (DuckDB's workers too), user plus system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child_baseline(path: Path, workdir: Path) -> dict[str, float]:
    db = workdir / "baseline.duckdb"
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    started, cpu = time.perf_counter(), cpu_seconds()
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, delim = '\t', header = false)", [str(path)])
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    rows = con.execute("SELECT count(*) FROM t").fetchone()[0]  # type: ignore[index]
    con.close()
    db.unlink()
    return {"seconds": seconds, "cpu": cpu, "rows": rows}


def child_ours(path: Path, workdir: Path) -> dict[str, float]:
    from alliancewatch.config import load_config
    from alliancewatch.services.context import open_context
    from alliancewatch.services.events import load_event_files

    store = workdir / "store"
    shutil.rmtree(store, ignore_errors=True)
    with open_context(load_config(db=store / "aw.duckdb")) as ctx:
        started, cpu = time.perf_counter(), cpu_seconds()
        report = load_event_files(ctx, "gdelt", [path])
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    if not report.ok:
        raise SystemExit(f"load failed: {report.files[0].error}")
    return {"seconds": seconds, "cpu": cpu, "events": report.events, "raw_rows": report.raw_rows}


def child_dyad(workdir: Path, engine: str) -> dict[str, float | str]:
    from alliancewatch.config import load_config
    from alliancewatch.services.context import open_context

    try:
        from alliancewatch.services.dyad import dyad
    except ImportError:
        return {"skipped": "no dyad service"}
    with open_context(load_config(db=workdir / "store" / "aw.duckdb")) as ctx:
        from alliancewatch.store.events import events_view

        events_view(ctx.store)
        a, b = ctx.store.rows(
            """SELECT source_countries[1], target_countries[1] FROM events
               WHERE len(source_countries) > 0 AND len(target_countries) > 0
                 AND source_countries[1] <> target_countries[1]
               GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"""
        )[0]
        session = None
        started = time.perf_counter()
        if engine == "spark":
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            from alliancewatch.analyze.engines import SparkEngine

            session = SparkEngine.start()  # started here, so the timed calls below join a warm session
        startup = time.perf_counter() - started
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            result = dyad(ctx, a, b, freq="month", engine=engine)
            timings.append(time.perf_counter() - started)
        if session is not None:
            session.session.stop()
    return {"dyad": f"{a}-{b}", "periods": len(result.periods), "first": timings[0], "warm": timings[1],
            "startup": startup}  # fmt: skip


def run_child(kind: str, *args: str) -> dict[str, float | str]:
    """Run one measurement in a fresh interpreter; add its peak resident memory in MiB."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def child_main(kind: str, args: list[str]) -> None:
    if kind == "baseline":
        result: dict[str, float | str] = dict(child_baseline(Path(args[0]), Path(args[1])))
    elif kind == "ours":
        result = dict(child_ours(Path(args[0]), Path(args[1])))
    else:
        result = child_dyad(Path(args[0]), args[1])
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child_main(sys.argv[2], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,5000000,25000000", help="comma-separated row counts")
    parser.add_argument("--sample", default=str(SAMPLE))
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark dyad timing")
    parser.add_argument("--clean", action="store_true", help="delete the generated files afterwards")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(
        "| rows | file MB | DuckDB read_csv s (cpu s) | ours s (cpu s) | ratio wall (cpu) | peak MiB DuckDB "
        "| peak MiB ours | events | raw rows | dyad-month DuckDB s | dyad-month Spark s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        path = out / f"gdelt_{size}.export.CSV"
        if not path.exists():
            build_file(Path(args.sample), size, path)
        workdir = out / f"work_{size}"
        workdir.mkdir(exist_ok=True)
        base = run_child("baseline", str(path), str(workdir))
        ours = run_child("ours", str(path), str(workdir))
        duck = run_child("dyad", str(workdir), "duckdb")
        spark = {"skipped": "--no-spark"} if args.no_spark else run_child("dyad", str(workdir), "spark")
        print(
            f"| {size:,} | {path.stat().st_size / 1e6:,.0f} | {base['seconds']:.2f} ({base['cpu']:.2f}) "
            f"| {ours['seconds']:.2f} ({ours['cpu']:.2f}) | {_ratio(ours, base, 'seconds')} "
            f"({_ratio(ours, base, 'cpu')}) | {base['peak_mib']:,.0f} "
            f"| {ours['peak_mib']:,.0f} | {int(ours['events']):,} | {int(ours['raw_rows']):,} "
            f"| {_dyad_cell(duck)} | {_dyad_cell(spark)} |",
            flush=True,
        )
        if args.clean:
            path.unlink()
            shutil.rmtree(workdir, ignore_errors=True)


def _ratio(ours: dict[str, float | str], base: dict[str, float | str], key: str) -> str:
    return f"{float(ours[key]) / float(base[key]):.2f}"


def _dyad_cell(result: dict[str, float | str]) -> str:
    if "skipped" in result:
        return str(result["skipped"])
    return f"{float(result['warm']):.2f} ({result['dyad']}, first {float(result['first']):.2f})"


if __name__ == "__main__":
    main()
