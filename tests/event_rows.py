"""Hand-made events for the event-analytics tests, laid out like the store keeps them.

Rows are drawn from a seeded generator so that every awkward case appears: several sources or targets,
repeated codes in one list, empty actor lists, IGOs, missing contexts and intensities, folded raw rows,
negated and future events, ICEWS mirror rows, and every origin (text-coded rows go to a DuckDB table).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from alliancewatch.store import Store
from alliancewatch.store.events import write_text_events
from alliancewatch.store.events_schema import EVENT_SCHEMA

COUNTRIES = ("IRN", "RUS", "ISR", "USA", "SYR", "CHN", "IGO")
CONTEXTS = (None, [], ["military"], ["economic", "military"], ["cbrn"], ["diplomatic", "diplomatic"])
MODALITIES = (None, "asserted", "reported", "reported", "future", "hypothetical", "historical")
QUAD_TYPES = {1: "CONSULT", 2: "AID", 3: "ACCUSE", 4: "SANCTION"}


def event(**given: Any) -> dict[str, Any]:
    """One event row with every column of EVENT_SCHEMA (neutral defaults for what is not given)."""
    row: dict[str, Any] = dict.fromkeys(EVENT_SCHEMA.names)
    row.update(origin="gdelt", date=date(2020, 1, 15), quad=1, intensity=1.0, raw_count=1)
    row.update(source_countries=["IRN"], target_countries=["RUS"], contexts=[], negated=False)
    row.update(given)
    row["year"], row["month"] = row["date"].year, row["date"].month
    row["type"] = row["type"] or QUAD_TYPES[row["quad"]]
    row["doc_id"] = row["doc_id"] or f"doc-{row['event_id']}"
    row["sources"] = [{"name": c, "country": c, "sector": None} for c in row["source_countries"]]
    row["targets"] = [{"name": c, "country": c, "sector": None} for c in row["target_countries"]]
    return row


def _actors(rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.05:
        return []
    if roll < 0.15:
        return rng.sample(COUNTRIES, 2)
    if roll < 0.20:
        code = rng.choice(COUNTRIES)
        return [code, code]
    return [rng.choice(COUNTRIES)]


def random_events(n: int = 400, seed: int = 4) -> pa.Table:
    """``n`` events over 2019-2023; about a third are Iran→Russia or Russia→Iran."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        origin = rng.choice(("gdelt", "gdelt", "icews", "polecat", "text"))
        if rng.random() < 0.35:
            sources, targets = (["IRN"], ["RUS"]) if rng.random() < 0.6 else (["RUS"], ["IRN"])
        else:
            sources, targets = _actors(rng), _actors(rng)
        quad = rng.randint(1, 4)
        rows.append(
            event(
                event_id=f"{origin}:{i}",
                origin=origin,
                date=date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365)),
                quad=quad,
                intensity=None if rng.random() < 0.05 else round(rng.uniform(-10, 10), 1),
                raw_count=None if rng.random() < 0.05 else rng.randint(1, 5),
                source_countries=sources,
                target_countries=targets,
                contexts=rng.choice(CONTEXTS),
                negated=rng.random() < 0.05,
                modality=rng.choice(MODALITIES),
                mirror_of=f"icews:{i - 1}" if origin == "icews" and rng.random() < 0.2 else None,
            )
        )
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def write_store(events: pa.Table, db: Path) -> Path:
    """Machine-coded rows as hive-partitioned Parquet beside ``db``, text rows in the store's text_events.

    Returns the Parquet root (``<db stem>.events``). The loader's raw-row parts are not written, so the
    text events go in first (writing them rebuilds the store's views, which would look for raw parts).
    """
    text = events.filter(pc.equal(events["origin"], "text"))
    with Store(db) as store:
        write_text_events(store, text)
    root = db.parent / f"{db.stem}.events"
    machine = events.filter(pc.not_equal(events["origin"], "text"))
    ds.write_dataset(
        machine,
        root,
        format="parquet",
        partitioning=ds.partitioning(
            pa.schema([("origin", pa.string()), ("year", pa.int16()), ("month", pa.int8())]), flavor="hive"
        ),
        existing_data_behavior="overwrite_or_ignore",
    )
    return root
