"""Event measures on hand-made events, run on DuckDB over Parquet files and a text_events table."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa
import pytest

import alliancewatch
from alliancewatch.analyze import events as measures
from alliancewatch.analyze.engines import DuckDBEngine, EventLocation, EventScope
from alliancewatch.analyze.events import ContextPeriod, DirectionPeriod, DyadTotal, QuadPeriod
from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.errors import NotLoadedError, UserInputError
from alliancewatch.services.dyad import parse_date
from alliancewatch.store import Store
from alliancewatch.store.events import event_layout
from alliancewatch.store.events_schema import EVENT_SCHEMA
from event_rows import event, random_events, write_store

D = date


def hand_events() -> pa.Table:
    """Ten events whose measures can be worked out by hand (see the expectations below)."""
    rows = [
        event(event_id="g1", date=D(2020, 1, 5), quad=1, intensity=2.0, raw_count=3),
        event(event_id="t1", origin="text", date=D(2020, 1, 20), quad=1, intensity=4.0, raw_count=None),
        event(event_id="g2", date=D(2020, 1, 25), quad=4, intensity=-8.0, contexts=["military"]),
        event(
            event_id="p1",
            origin="polecat",
            date=D(2020, 2, 1),
            intensity=None,
            source_countries=["IRN", "SYR"],
            contexts=["economic", "military"],
        ),
        event(
            event_id="i1",
            origin="icews",
            date=D(2020, 2, 10),
            quad=2,
            intensity=6.0,
            source_countries=["RUS"],
            target_countries=["IRN"],
        ),
        event(event_id="g3", date=D(2020, 1, 7), negated=True),
        event(event_id="t2", origin="text", date=D(2020, 1, 8), modality="future"),
        event(
            event_id="i2",
            origin="icews",
            date=D(2020, 2, 10),
            source_countries=["RUS"],
            target_countries=["IRN"],
            mirror_of="i0",
        ),
        event(event_id="g4", date=D(2020, 1, 9), target_countries=["ISR"], quad=3, intensity=-5.0),
        event(
            event_id="g5",
            date=D(2020, 3, 3),
            quad=3,
            intensity=-2.0,
            source_countries=["IRN", "IRN"],
            contexts=["diplomatic", "diplomatic"],
        ),
    ]
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> EventLocation:
    db = tmp_path_factory.mktemp("hand") / "aw.duckdb"
    write_store(hand_events(), db)
    return EventLocation.beside(db)


@pytest.fixture(scope="module")
def engine() -> Iterator[DuckDBEngine]:
    with DuckDBEngine() as duck:
        yield duck


def test_by_quad_counts_directed_events_that_happened(engine: DuckDBEngine, hand: EventLocation) -> None:
    rows = measures.dyad_series(engine, hand, ["IRN"], ["RUS"], "month", "quad")
    assert rows == [
        QuadPeriod("2020-01", 1, 2, 4, 3.0),  # g1 (3 raw rows) + t1 (no raw count: 1); g3, t2 left out
        QuadPeriod("2020-01", 4, 1, 1, -8.0),
        QuadPeriod("2020-02", 1, 1, 1, None),  # p1: two sources, one of them Iran; no intensity
        QuadPeriod("2020-03", 3, 1, 1, -2.0),  # g5: Iran listed twice still counts once
    ]


def test_both_directions_and_everything(engine: DuckDBEngine, hand: EventLocation) -> None:
    both = measures.dyad_series(engine, hand, ["IRN"], ["RUS"], "year", "quad", both=True)
    assert both == [
        QuadPeriod("2020", 1, 3, 5, 3.0),
        QuadPeriod("2020", 2, 1, 1, 6.0),
        QuadPeriod("2020", 3, 1, 1, -2.0),
        QuadPeriod("2020", 4, 1, 1, -8.0),
    ]
    everything = measures.dyad_series(
        engine, hand, ["IRN"], ["RUS"], "year", "quad", both=True, everything=True
    )
    # g3 (negated), t2 (future) and i2 (mirror) come back, all quad 1 with intensity 1.0.
    assert everything[0] == QuadPeriod("2020", 1, 6, 8, pytest.approx((2.0 + 4.0 + 3 * 1.0) / 5))


def test_by_context_counts_each_tag_once(engine: DuckDBEngine, hand: EventLocation) -> None:
    rows = measures.dyad_series(engine, hand, ["IRN"], ["RUS"], "month", "context")
    assert rows == [
        ContextPeriod("2020-01", "military", 1, 1, -8.0),
        ContextPeriod("2020-01", "none", 2, 4, 3.0),
        ContextPeriod("2020-02", "economic", 1, 1, None),
        ContextPeriod("2020-02", "military", 1, 1, None),
        ContextPeriod("2020-03", "diplomatic", 1, 1, -2.0),
    ]


def test_by_direction_says_who_initiates(engine: DuckDBEngine, hand: EventLocation) -> None:
    rows = measures.dyad_series(engine, hand, ["IRN"], ["RUS"], "year", "direction")
    assert rows == [
        DirectionPeriod("2020", 5, 1, 0.833333, (2.0 + 4.0 - 8.0 - 2.0) / 4, 6.0)
    ]  # 5/6 shown to 1e-6


def test_scope_origin_and_dates(engine: DuckDBEngine, hand: EventLocation) -> None:
    text = measures.dyad_series(engine, hand, ["IRN"], ["RUS"], "day", "quad", EventScope(origin="text"))
    assert text == [QuadPeriod("2020-01-20", 1, 1, 1, 4.0)]
    later = EventScope(start=D(2020, 2, 1), end=D(2020, 2, 29))
    assert measures.dyad_series(engine, hand, ["IRN"], ["RUS"], "month", "quad", later) == [
        QuadPeriod("2020-02", 1, 1, 1, None)
    ]
    empty = EventScope(origin="gdelt", start=D(2021, 1, 1))
    assert measures.dyad_series(engine, hand, ["IRN"], ["RUS"], "month", "quad", empty) == []


def test_predecessor_codes_count_as_one(engine: DuckDBEngine, hand: EventLocation) -> None:
    rows = measures.dyad_series(engine, hand, ["IRN"], ["RUS", "ISR"], "year", "quad")
    assert [(r.quad, r.events) for r in rows] == [(1, 3), (3, 2), (4, 1)]


def test_top_dyads_and_origin_counts(engine: DuckDBEngine, hand: EventLocation) -> None:
    top = measures.busiest_dyads(engine, hand, 3)
    assert top == [
        DyadTotal("IRN", "RUS", 5, 7, -1.0),
        DyadTotal("IRN", "ISR", 1, 1, -5.0),
        DyadTotal("RUS", "IRN", 1, 1, 6.0),  # ties broken by source, then target
    ]
    conflict = measures.busiest_dyads(engine, hand, 5, quad=4)
    assert conflict == [DyadTotal("IRN", "RUS", 1, 1, -8.0)]
    counts = {c.origin: c for c in measures.counts_by_origin(engine, hand)}
    assert (counts["icews"].events, counts["icews"].mirrored) == (2, 1)
    assert (counts["gdelt"].events, counts["gdelt"].raw_rows, counts["gdelt"].negated) == (5, 7, 1)
    assert (counts["text"].first, counts["text"].last) == (D(2020, 1, 8), D(2020, 1, 20))


def test_location_beside_a_db_is_the_store_layout(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        assert EventLocation.beside(store.path).parquet_root == str(event_layout(store).root.absolute())


def test_spark_master_setting() -> None:
    config = load_config(db="x.duckdb", environ={"ALLIANCEWATCH_SPARK_MASTER": "spark://head:7077"})
    assert config.spark_master == "spark://head:7077"
    assert load_config(db="x.duckdb", environ={}, spark_master="local[4]").spark_master == "local[4]"
    assert load_config(db="x.duckdb", environ={}).spark_master is None  # the engine then uses local[*]


def test_nothing_loaded_is_a_clear_error(engine: DuckDBEngine, tmp_path: Path) -> None:
    with pytest.raises(NotLoadedError, match="no polecat events loaded"):
        engine.events(EventLocation.beside(tmp_path / "none.duckdb"), EventScope(origin="polecat"))


def _reference_by_quad(table: pa.Table, a: str, b: str) -> list[QuadPeriod]:
    """The same measure in plain Python over the raw rows (the test's independent oracle)."""
    groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in table.to_pylist():
        happened = not row["negated"] and row["modality"] not in ("hypothetical", "future")
        dyad = a in row["source_countries"] and b in row["target_countries"]
        if happened and row["mirror_of"] is None and dyad:
            groups[(row["date"].strftime("%Y-%m"), row["quad"])].append(row)
    out = []
    for (period, quad), rows in sorted(groups.items()):
        scores = [r["intensity"] for r in rows if r["intensity"] is not None]
        raw = sum(r["raw_count"] or 1 for r in rows)
        out.append(QuadPeriod(period, quad, len(rows), raw, sum(scores) / len(scores) if scores else None))
    return out


def test_random_events_match_a_plain_python_reference(engine: DuckDBEngine, tmp_path: Path) -> None:
    table = random_events(400, seed=11)
    write_store(table, tmp_path / "aw.duckdb")
    found = measures.dyad_series(engine, EventLocation.beside(tmp_path / "aw.duckdb"), ["IRN"], ["RUS"])
    expected = _reference_by_quad(table, "IRN", "RUS")
    assert len(found) == len(expected) > 20
    for got, want in zip(found, expected, strict=True):
        assert (got.period, got.quad, got.events, got.raw_rows) == (
            want.period,
            want.quad,
            want.events,
            want.raw_rows,
        )
        if want.mean_intensity is None:
            assert got.mean_intensity is None
        else:
            assert got.mean_intensity == pytest.approx(want.mean_intensity, rel=0, abs=1e-6)  # shown to 1e-6


def test_compiled_sql_has_no_lambda_that_duckdb_2_rejects() -> None:
    events = ibis.table(
        {"event_id": "string", "origin": "string", "date": "date", "quad": "int16", "raw_count": "int64"}
        | {"intensity": "float64", "negated": "boolean", "modality": "string", "mirror_of": "string"}
        | {
            "contexts": "array<string>",
            "source_countries": "array<string>",
            "target_countries": "array<string>",
        },
        name="events",
    )
    chosen = measures.dyad(measures.counted(events), ["IRN"], ["RUS", "SUN"], both=True)
    for expr in (
        measures.by_quad(chosen, "month"),
        measures.by_context(chosen, "year"),
        measures.by_direction(chosen, ["IRN"], ["RUS"], "day"),
        measures.top_dyads(events, 5, ["IRN"]),
        measures.dyad_periods(events),
        measures.origin_counts(events),
    ):
        assert "->" not in ibis.to_sql(expr, dialect="duckdb")


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("2022", False, D(2022, 1, 1)),
        ("2022", True, D(2022, 12, 31)),
        ("2024-02", True, D(2024, 2, 29)),
        ("2023-12", True, D(2023, 12, 31)),
        ("2023-03-15", True, D(2023, 3, 15)),
    ],
)
def test_parse_date(text: str, last: bool, expected: date) -> None:
    assert parse_date(text, "--from", last) == expected


@pytest.mark.parametrize("text", ["22", "2022-13", "2022-02-30", "1700", "last week"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(UserInputError):
        parse_date(text, "--from")


def test_cli_json_contract(hand: EventLocation, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(hand.db)
    code = main(["--db", db, "dyad", "Iran", "RUS", "--freq", "year", "--origin", "gdelt", "-f", "json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["a"], out["b"], out["origin"], out["engine"]) == ("IRN", "RUS", "gdelt", "duckdb")
    assert out["periods"] == [
        {"period": "2020", "quad": 1, "events": 1, "raw_rows": 3, "mean_intensity": 2.0},
        {"period": "2020", "quad": 3, "events": 1, "raw_rows": 1, "mean_intensity": -2.0},
        {"period": "2020", "quad": 4, "events": 1, "raw_rows": 1, "mean_intensity": -8.0},
    ]
    assert main(["--db", db, "dyads", "--top", "1", "--country", "Israel", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "source,target,events,raw_rows,mean_intensity",
        "IRN,ISR,1,1,-5.0",
    ]


def test_notebook_dyad_and_dyads(hand: EventLocation) -> None:
    with alliancewatch.open(hand.db) as obs:
        frame = obs.dyad("IRN", "RUS", freq="year", by="direction", start="2020-02")
        top = obs.dyads(top=2, origin="icews")
    assert frame.to_dict("records") == [
        {
            "period": "2020",
            "a_to_b": 2,
            "b_to_a": 1,
            "a_share": 0.666667,
            "mean_intensity_a_to_b": -2.0,
            "mean_intensity_b_to_a": 6.0,
        }
    ]
    assert (frame.attrs["from"], frame.attrs["to"], frame.attrs["by"]) == ("2020-02-01", None, "direction")
    assert top[["source", "target", "events"]].values.tolist() == [["RUS", "IRN", 1]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dyad", "IRN", "RUS", "--freq", "week"], "--freq must be one of day, month, year"),
        (["dyad", "IRN", "IRN"], "two different countries"),
        (["dyad", "IRN", "RUS", "--engine", "polars"], "--engine must be one of duckdb, spark"),
        (["dyad", "IRN", "RUS", "--origin", "acled"], "--origin must be one of"),
        (["dyad", "IRN", "RUS", "--from", "2021", "--to", "2020"], "is after --to"),
        (["dyads", "--top", "0"], "--top must be at least 1"),
    ],
)
def test_cli_bad_input_is_one_line(
    hand: EventLocation, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["--db", str(hand.db), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
