"""Which stored events count for a pair: directed, both ways, and reciprocal events with no target."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from alliancewatch.config import load_config
from alliancewatch.services import event_filter, list_events, open_context
from alliancewatch.store import Store
from alliancewatch.store.events import write_text_events
from alliancewatch.store.events_schema import EVENT_SCHEMA
from event_rows import event

ROWS = [
    event(event_id="text:a:0:0", origin="text", source_countries=["RUS"], target_countries=["IRN"]),
    event(event_id="text:a:1:0", origin="text", source_countries=["IRN"], target_countries=["RUS"]),
    # "Russia and Iran signed a treaty": both parties are sources, there is no target.
    event(event_id="text:a:2:0", origin="text", source_countries=["RUS", "IRN"], target_countries=[]),
    # "Russia and China vetoed a draft on Iran": a joint act against a third party, not a RUS-CHN event.
    event(event_id="text:a:3:0", origin="text", source_countries=["RUS", "CHN"], target_countries=["IRN"]),
    event(event_id="text:a:4:0", origin="text", source_countries=["RUS"], target_countries=[]),
]


def _ids(tmp_path: Path, a: str, b: str, both: bool) -> set[str]:
    db = tmp_path / "aw.duckdb"
    with Store(db) as store:
        write_text_events(store, pa.Table.from_pylist(ROWS, schema=EVENT_SCHEMA))
    with open_context(load_config(db=db)) as ctx:
        found = list_events(ctx, event_filter(ctx, dyad=(a, b), both=both, origin="text"), limit=0)
    return {e["event_id"] for e in found.events}


def test_directed_dyad_takes_one_direction_only(tmp_path: Path) -> None:
    assert _ids(tmp_path, "RUS", "IRN", both=False) == {"text:a:0:0", "text:a:3:0"}


def test_both_ways_adds_the_reverse_and_reciprocal_events(tmp_path: Path) -> None:
    assert _ids(tmp_path, "RUS", "IRN", both=True) == {"text:a:0:0", "text:a:1:0", "text:a:2:0", "text:a:3:0"}


def test_joint_action_against_a_third_party_is_not_an_event_between_the_actors(tmp_path: Path) -> None:
    assert _ids(tmp_path, "RUS", "CHN", both=True) == set()


def test_the_event_analytics_count_reciprocal_events_for_the_pair_too() -> None:
    import ibis

    from alliancewatch.analyze.events import dyad

    table = pa.Table.from_pylist(ROWS, schema=EVENT_SCHEMA)
    con = ibis.duckdb.connect()
    events = con.create_table("events", table)
    both = con.to_pyarrow(dyad(events, ["RUS"], ["IRN"], both=True).select("event_id"))
    one_way = con.to_pyarrow(dyad(events, ["RUS"], ["IRN"]).select("event_id"))
    assert set(both["event_id"].to_pylist()) == {"text:a:0:0", "text:a:1:0", "text:a:2:0", "text:a:3:0"}
    assert set(one_way["event_id"].to_pylist()) == {"text:a:0:0", "text:a:3:0"}
