"""Obligations by year on a hand-made store: ATOP rows (either direction) OR-ed with curated treaties."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.config import load_config
from alliancewatch.errors import NotLoadedError, UserInputError
from alliancewatch.services import Context, open_context, treaties, treaties_records, treaties_rows
from alliancewatch.services.treaties import TreatiesOverTime, TreatiesResult
from alliancewatch.sources.treaties import parse_registry, registry_tables
from alliancewatch.store import FileRecord

REGISTRY = """
treaties:
  - id: fra-deu-defence
    name: Made-up defence treaty
    type: bilateral
    signed: 2019-05-01
    in_force: 2020-01-15
    terminated: 2022-06-30
    parties: [FRA, DEU]
    obligations:
      defense: {value: true, article: Art. 1}
      offense: {value: false}
      neutrality: {value: false}
      nonaggression: {value: false}
      consultation: {value: false}
    summary: Test.
    sources: [{url: "https://example.org/a", title: A}]
  - id: tri-consult
    name: Made-up consultation pact
    type: multilateral
    signed: 2020-02-01
    in_force: 2021-03-01
    parties:
      - FRA
      - {country: DEU, left: 2023-05-01}
      - {country: ITA, signed: 2021-06-01, in_force: 2021-06-01}
    obligations:
      defense: {value: false}
      offense: {value: false}
      neutrality: {value: false}
      nonaggression: {value: false}
      consultation: {value: true, article: Art. 2}
    summary: Test.
    sources: [{url: "https://example.org/b", title: B}]
  - id: fra-ita-unratified
    name: Made-up treaty never ratified
    type: bilateral
    signed: 2022-01-01
    parties: [FRA, ITA]
    obligations:
      defense: {value: false}
      offense: {value: false}
      neutrality: {value: false}
      nonaggression: {value: true, note: Would bar force.}
      consultation: {value: false}
    summary: Test.
    sources: [{url: "https://example.org/c", title: C}]
  - id: sun-syr-old
    name: Made-up Soviet treaty continued by Russia
    type: bilateral
    signed: 1980-10-08
    in_force: 1980
    parties:
      - {country: SUN, left: 1991-12-25}
      - SYR
      - {country: RUS, continues: SUN, in_force: 1991-12-25}
    obligations:
      defense: {value: false}
      offense: {value: false}
      neutrality: {value: false}
      nonaggression: {value: false}
      consultation: {value: true, article: Art. 6}
    summary: Test.
    sources: [{url: "https://example.org/d", title: D}]
"""

#: Directed ATOP rows: (a, b, year, defense, offense, neutrality, nonaggression, consultation).
ATOP_ROWS = [
    ("FRA", "DEU", 2017, True, False, False, False, False),
    ("DEU", "FRA", 2018, False, False, False, False, True),
    ("SUN", "SYR", 1985, False, False, False, True, False),
]


def atop_table() -> pa.Table:
    names = ["a", "b", "year", "defense", "offense", "neutrality", "nonaggression", "consultation"]
    columns = {name: [row[i] for row in ATOP_ROWS] for i, name in enumerate(names)}
    columns["year"] = pa.array(columns["year"], pa.int32())
    ccode = pa.array([0] * len(ATOP_ROWS), pa.int32())  # not used by the queries
    return pa.table({**columns, "ccode1": ccode, "ccode2": ccode})


@pytest.fixture
def ctx(tmp_path: Path, codes: CountryCodes) -> Iterator[Context]:
    context = open_context(load_config(db=tmp_path / "hand.duckdb"))
    shipped = context.registry.dataset("treaties").files[0].sha256
    now = datetime.now()
    context.store.replace_dataset(
        "atop", {"atop_dyads": atop_table()}, [FileRecord("atop", "test", "atop.csv", "x", 3, now)]
    )
    tables = registry_tables(parse_registry(REGISTRY, codes))
    context.store.replace_dataset(
        "treaties", tables, [FileRecord("treaties", "test", "treaties.yaml", shipped, 4, now)]
    )
    yield context
    context.close()


def flags(result: TreatiesOverTime) -> dict[int, set[str]]:
    return {y.year: {k for k, v in y.obligations.items() if v} for y in result.years}


def test_atop_either_direction_or_curated_treaties_by_year(ctx: Context) -> None:
    result = treaties(ctx, "FRA", "DEU", start=2016, end=2024)
    assert isinstance(result, TreatiesOverTime)
    assert flags(result) == {
        2016: set(),
        2017: {"defense"},  # ATOP FRA->DEU
        2018: {"consultation"},  # ATOP DEU->FRA only: the reverse direction counts too
        2019: set(),  # the defence treaty is signed but not yet in force
        2020: {"defense"},
        2021: {"defense", "consultation"},  # the multilateral pact binds both from March
        2022: {"defense", "consultation"},  # terminated in June: in force part of the year
        2023: {"consultation"},  # DEU left in May
        2024: set(),
    }
    by_year = {y.year: y for y in result.years}
    assert by_year[2017].treaties == ["atop-5.1"]
    assert sorted(by_year[2021].treaties) == ["fra-deu-defence", "tri-consult"]
    sources = {(s.obligation, s.treaty, s.article) for s in by_year[2021].sources}
    assert sources == {("defense", "fra-deu-defence", "Art. 1"), ("consultation", "tri-consult", "Art. 2")}
    assert by_year[2017].sources[0].references[0].startswith("Brett Ashley Leeds")
    # The pair is unordered.
    assert flags(result) == flags(treaties(ctx, "DEU", "FRA", start=2016, end=2024))  # type: ignore[arg-type]


def test_statuses_and_a_treaty_never_in_force(ctx: Context) -> None:
    early = treaties(ctx, "FRA", "DEU", year=2019)
    assert isinstance(early, TreatiesResult)
    assert [(t.id, t.status) for t in early.treaties] == [("fra-deu-defence", "signed, not in force")]
    assert not any(early.obligations.values()) and early.binding == []

    result = treaties(ctx, "FRA", "ITA", year=2022)
    assert isinstance(result, TreatiesResult)
    statuses = {t.id: t.status for t in result.treaties}
    assert statuses == {"tri-consult": "in force", "fra-ita-unratified": "signed, not in force"}
    assert result.obligations["consultation"] is True
    assert result.obligations["nonaggression"] is False  # only in the unratified treaty
    assert result.binding == ["tri-consult"]
    # ITA signed the pact in 2021: nothing joins FRA and ITA in 2020.
    before = treaties(ctx, "FRA", "ITA", year=2020)
    assert isinstance(before, TreatiesResult) and before.treaties == []


def test_notes_after_atop_coverage(ctx: Context) -> None:
    result = treaties(ctx, "FRA", "DEU", year=2024)
    assert isinstance(result, TreatiesResult)
    assert not any(result.obligations.values())
    assert len(result.notes) == 1
    assert "ATOP 5.1 ends in 2018" in result.notes[0] and "so all are false" in result.notes[0]
    within = treaties(ctx, "FRA", "DEU", year=2017)
    assert isinstance(within, TreatiesResult) and within.notes == []


def test_predecessors_are_merged_on_request(ctx: Context) -> None:
    alone = treaties(ctx, "RUS", "SYR", year=1985)
    assert isinstance(alone, TreatiesResult)
    assert not any(alone.obligations.values())
    assert any("--merge-predecessors" in note for note in alone.notes)
    merged = treaties(ctx, "RUS", "SYR", year=1985, merge_predecessors=True)
    assert isinstance(merged, TreatiesResult)
    assert {k for k, v in merged.obligations.items() if v} == {"nonaggression", "consultation"}
    # Russia carries the Soviet treaty on after 1991 without merging.
    later = treaties(ctx, "RUS", "SYR", start=1990, end=1993)
    assert isinstance(later, TreatiesOverTime)
    assert flags(later) == {
        1990: set(),
        1991: {"consultation"},
        1992: {"consultation"},
        1993: {"consultation"},
    }


def test_json_and_rows_shapes(ctx: Context) -> None:
    single = treaties_records(treaties(ctx, "FRA", "DEU", year=2021))
    assert set(single) == {"a", "b", "year", "obligations", "binding", "treaties", "sources", "notes"}
    assert set(single["obligations"]) == {"defense", "offense", "neutrality", "nonaggression", "consultation"}
    entry = single["treaties"][0]
    assert {"id", "name", "signed", "in_force", "obligations", "articles", "references"} <= set(entry)
    over = treaties(ctx, "FRA", "DEU", start=2020, end=2021)
    record = treaties_records(over)
    assert set(record) == {"a", "b", "from", "to", "years", "treaties", "notes"}
    assert record["years"][1]["consultation"] is True and record["years"][1]["year"] == 2021
    rows = treaties_rows(over)
    assert rows[0] == {
        "year": 2020,
        "defense": True,
        "offense": False,
        "neutrality": False,
        "nonaggression": False,
        "consultation": False,
        "treaties": "fra-deu-defence",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 2020, "start": 2019}, "not both"),
        ({}, "give --year"),
        ({"start": 2021, "end": 2020}, "is after"),
        ({"year": 1700}, "outside 1800-2100"),
    ],
)
def test_bad_options(ctx: Context, kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        treaties(ctx, "FRA", "DEU", **kwargs)  # type: ignore[arg-type]


def test_same_state_twice_is_refused(ctx: Context) -> None:
    with pytest.raises(UserInputError, match="same state"):
        treaties(ctx, "FRA", "France", year=2020)
    with pytest.raises(UserInputError, match="same state"):
        treaties(ctx, "RUS", "SUN", year=1980, merge_predecessors=True)


def test_stale_registry_is_flagged(ctx: Context, codes: CountryCodes) -> None:
    now = datetime.now()
    tables = registry_tables(parse_registry(REGISTRY, codes))
    ctx.store.replace_dataset(
        "treaties", tables, [FileRecord("treaties", "old", "treaties.yaml", "0" * 64, 4, now)]
    )
    result = treaties(ctx, "FRA", "DEU", year=2017)
    assert isinstance(result, TreatiesResult)
    assert any("older than the one shipped" in note for note in result.notes)


def test_nothing_loaded(empty_ctx: Context) -> None:
    with pytest.raises(NotLoadedError, match="treaties"):
        treaties(empty_ctx, "IRN", "RUS", year=2025)
