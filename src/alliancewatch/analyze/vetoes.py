"""Vetoes in the UN Security Council: how often a permanent member vetoed, with whom, and on what.

A member is a list of ISO-3 codes counted as one (the Russian Federation alone, or with the USSR when
predecessors are merged). For that member and a year range:

- ``vetoes``: vetoed proposals (each row of the Library's list once);
- ``alone``: those no other permanent member vetoed too;
- ``joint``: for each other member, the proposals both vetoed;
- ``by_topic`` / ``by_region``: the proposals by the list's crisis topic and region;
- ``drafts``: every proposal behind those numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from alliancewatch.store import Store
from alliancewatch.store import unsc as sql

#: The five permanent seats as they are held today.
PERMANENT_MEMBERS = ("CHN", "FRA", "GBR", "RUS", "USA")

#: Earlier holders of a seat: the USSR's passed to the Russian Federation in December 1991, and China's
#: was held by the Republic of China (TWN) until 25 October 1971.
SEAT_PREDECESSORS: Mapping[str, tuple[str, ...]] = MappingProxyType({"RUS": ("SUN",), "CHN": ("TWN",)})

#: Every code that has ever cast a veto or could have.
SEAT_HOLDERS = tuple(sorted({*PERMANENT_MEMBERS, *(p for ps in SEAT_PREDECESSORS.values() for p in ps)}))


@dataclass(frozen=True)
class Veto:
    """One vetoed proposal; ``cast_by`` is the member's code that vetoed it (RUS or SUN when merged)."""

    date: date
    draft: str
    meeting_record: str | None
    agenda_item: str | None
    crisis_topic: str | None
    region: str | None
    cast_by: str
    co_vetoers: list[str]


@dataclass(frozen=True)
class VetoSummary:
    """Vetoes of one member in a year range; counts are numbers of vetoed proposals."""

    member: str
    counted_as: list[str]
    vetoes: int
    alone: int
    joint: dict[str, int]
    by_topic: dict[str, int]
    by_region: dict[str, int]
    drafts: list[Veto]


def seat_codes(member: str, merge_predecessors: bool) -> list[str]:
    """The codes counted as ``member``: itself, then the seat's earlier holders when merging."""
    return [member, *SEAT_PREDECESSORS.get(member, ())] if merge_predecessors else [member]


def veto_summary(
    store: Store, member: str, codes: list[str], start: int | None = None, end: int | None = None
) -> VetoSummary:
    """Counts and the list of vetoes cast by any of ``codes`` between ``start`` and ``end`` (years,
    inclusive; None for open). ``member`` names the result; a null topic or region counts as "unknown"."""
    total, alone = sql.veto_totals(store, codes, start, end)
    joint = dict(sql.joint_counts(store, codes, start, end))
    by_topic = {v or "unknown": n for v, n in sql.counts_by(store, codes, start, end, "crisis_topic")}
    by_region = {v or "unknown": n for v, n in sql.counts_by(store, codes, start, end, "region")}
    drafts = [
        Veto(day, draft, record, agenda, topic, region, cast_by, others)
        for _, day, draft, record, agenda, topic, region, cast_by, others in sql.veto_list(
            store, codes, start, end
        )
    ]
    return VetoSummary(member, codes, total, alone, joint, by_topic, by_region, drafts)


def veto_coverage(store: Store) -> tuple[date | None, date | None]:
    """First and last veto date in the store."""
    return sql.coverage(store)
