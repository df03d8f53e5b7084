"""The same event measures on DuckDB and on Spark (PySpark local) give identical answers.

One Spark session serves the whole test session (its start-up takes seconds). Outputs are compared
exactly after sorting, with means rounded to 1e-9 (Spark and DuckDB add floats in different orders).
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pyarrow as pa
import pytest

from alliancewatch.analyze import events as measures
from alliancewatch.analyze.engines import DuckDBEngine, Engine, EventLocation, EventScope, SparkEngine
from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.errors import NotLoadedError
from alliancewatch.services import open_context
from alliancewatch.services.events import load_event_files
from event_rows import random_events, write_store

pytestmark = pytest.mark.slow

IRN, RUS = ["IRN"], ["RUS"]
GDELT_SAMPLE = "gdelt2_20191024143000.export.CSV"
ICEWS_SAMPLE = "icews_events.2018.sample.tab"


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkEngine]:
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (17+) on the PATH")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        engine = SparkEngine.start("local[2]")
        yield engine
        engine.close()


@pytest.fixture(scope="module")
def duck() -> Iterator[DuckDBEngine]:
    with DuckDBEngine() as engine:
        yield engine


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> EventLocation:
    db = tmp_path_factory.mktemp("engines") / "aw.duckdb"
    write_store(random_events(600, seed=21), db)
    return EventLocation.beside(db)


@pytest.fixture(scope="module")
def real(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> EventLocation:
    """A store with the GDELT 2.0 and ICEWS samples of ../shared/data loaded by the real loader."""
    db = tmp_path_factory.mktemp("real") / "aw.duckdb"
    with open_context(load_config(db=db)) as ctx:
        for origin, name in (("gdelt", GDELT_SAMPLE), ("icews", ICEWS_SAMPLE)):
            report = load_event_files(ctx, origin, [mirror / "events" / name])
            assert report.failed == 0 and report.events > 1000
    return EventLocation.beside(db)


def canonical(table: pa.Table) -> list[tuple[Any, ...]]:
    """Rows as tuples, floats rounded to 1e-9, sorted (None first) so that row order does not matter."""
    rows = [
        tuple(round(v, 9) if isinstance(v, float) and not math.isnan(v) else v for v in row.values())
        for row in table.to_pylist()
    ]
    return sorted(rows, key=lambda row: tuple((v is not None, v) for v in row))


MEASURES: dict[str, Callable[[ir.Table], ir.Table]] = {
    "by_quad_month": lambda t: measures.by_quad(measures.dyad(measures.counted(t), IRN, RUS), "month"),
    "by_quad_day_both": lambda t: measures.by_quad(measures.dyad(t, IRN, RUS, both=True), "day"),
    "by_context_year": lambda t: measures.by_context(measures.dyad(measures.counted(t), IRN, RUS), "year"),
    "by_direction_month": lambda t: measures.by_direction(
        measures.dyad(measures.counted(t), IRN, RUS, both=True), IRN, RUS, "month"
    ),
    "top_dyads": lambda t: measures.top_dyads(measures.counted(t), 1000),
    "dyad_periods": lambda t: measures.dyad_periods(measures.counted(t), "month"),
    "origin_counts": measures.origin_counts,
}


def test_every_measure_is_identical_on_duckdb_and_spark(
    duck: DuckDBEngine, spark: SparkEngine, location: EventLocation
) -> None:
    def run_all(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
        events = engine.events(location)
        return {name: canonical(engine.run(build(events))) for name, build in MEASURES.items()}

    on_duck, on_spark = run_all(duck), run_all(spark)
    for name in MEASURES:
        assert on_duck[name], f"{name}: no rows, the comparison would prove nothing"
        assert on_spark[name] == on_duck[name], name
    assert len(on_duck["dyad_periods"]) > 100
    assert {row[0] for row in on_duck["origin_counts"]} == {"gdelt", "icews", "polecat", "text"}


def test_real_samples_loaded_by_the_loader_are_identical_on_both_engines(
    duck: DuckDBEngine, spark: SparkEngine, real: EventLocation
) -> None:
    on_duck = {name: canonical(duck.run(build(duck.events(real)))) for name, build in MEASURES.items()}
    on_spark = {name: canonical(spark.run(build(spark.events(real)))) for name, build in MEASURES.items()}
    assert on_spark == on_duck
    counts = {row[0]: row[1:] for row in on_duck["origin_counts"]}
    assert set(counts) == {"gdelt", "icews"}
    assert counts["icews"][2] > 0  # mirrored ICEWS rows are flagged by the loader


def test_iran_russia_on_the_real_samples(real: EventLocation, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(real.db), "dyad", "IRN", "RUS", "--freq", "month", "--both", "-f", "json"]
    assert main(args) == 0
    periods = json.loads(capsys.readouterr().out)["periods"]
    assert periods == [
        {"period": "2018-06", "quad": 1, "events": 3, "raw_rows": 3, "mean_intensity": 3.8},  # ICEWS
        {"period": "2019-10", "quad": 1, "events": 3, "raw_rows": 5, "mean_intensity": 5.8},  # GDELT
    ]
    assert main([*args[:-2], "--by", "direction", "-f", "json"]) == 0
    direction = json.loads(capsys.readouterr().out)["periods"]
    assert [(p["period"], p["a_to_b"], p["b_to_a"]) for p in direction] == [
        ("2018-06", 2, 1),
        ("2019-10", 3, 0),
    ]


def test_scoped_reads_prune_the_same_way(
    duck: DuckDBEngine, spark: SparkEngine, location: EventLocation
) -> None:
    scope = EventScope(origin="icews", start=date(2020, 3, 1), end=date(2022, 6, 30))
    found = {
        engine.name: measures.dyad_series(engine, location, IRN, RUS, "year", "quad", scope, both=True)
        for engine in (duck, spark)
    }
    for on_spark, on_duck in zip(found["spark"], found["duckdb"], strict=True):
        assert on_spark == replace(on_duck, mean_intensity=pytest.approx(on_duck.mean_intensity, abs=1e-9))
    assert {r.period for r in found["duckdb"]} <= {"2020", "2021", "2022"}
    assert found["duckdb"]


def test_benchmark_workload_runs_on_both(
    duck: DuckDBEngine, spark: SparkEngine, location: EventLocation
) -> None:
    on_duck = measures.dyad_month_aggregate(duck, location)
    on_spark = measures.dyad_month_aggregate(spark, location)
    assert on_duck.column_names == [
        "source",
        "target",
        "period",
        "quad",
        "events",
        "raw_rows",
        "mean_intensity",
    ]
    assert canonical(on_spark) == canonical(on_duck)


def test_cli_engine_spark_answers_like_duckdb(
    spark: SparkEngine, location: EventLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(location.db), "dyad", "IRN", "RUS", "--freq", "year", "--by", "context", "-f", "json"]
    outputs = {}
    for engine in ("duckdb", "spark"):
        assert main([*args, "--engine", engine]) == 0
        outputs[engine] = json.loads(capsys.readouterr().out)
    assert outputs["spark"]["engine"] == "spark"
    rounded = [
        [{k: round(v, 9) if isinstance(v, float) else v for k, v in row.items()} for row in out["periods"]]
        for out in (outputs["duckdb"], outputs["spark"])
    ]
    assert rounded[0] == rounded[1] and rounded[0]
    # The CLI joined the test's session instead of starting (and then stopping) its own.
    assert not spark.session.sparkContext._jsc.sc().isStopped()


def test_missing_origin_is_a_clear_error_on_spark(spark: SparkEngine, tmp_path: Path) -> None:
    with pytest.raises(NotLoadedError, match="no gdelt events"):
        spark.events(EventLocation.beside(tmp_path / "aw.duckdb"), EventScope(origin="gdelt"))


def test_a_scope_outside_the_data_is_empty_on_spark(spark: SparkEngine, location: EventLocation) -> None:
    for origin in ("text", None):
        scope = EventScope(origin=origin, start=date(2030, 1, 1))
        assert measures.dyad_series(spark, location, IRN, RUS, scope=scope) == []
