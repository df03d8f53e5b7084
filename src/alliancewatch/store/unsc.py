"""SQL over the UN Security Council veto tables.

Every query takes ``members``, a list of ISO-3 codes counted as one member (RUS with SUN when predecessors
are merged), and an inclusive year range where None means open. A veto counts once however many of the
listed codes cast it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from alliancewatch.store.db import Store

# The vetoes cast by any of the listed codes in the year range; bound as (members, start, start, end, end).
_MINE = """
    mine AS (
        SELECT DISTINCT v.veto_id
        FROM unsc_vetoes v JOIN unsc_veto_members m ON m.veto_id = v.veto_id
        WHERE list_contains(?, m.member)
          AND (?::INTEGER IS NULL OR v.year >= ?::INTEGER)
          AND (?::INTEGER IS NULL OR v.year <= ?::INTEGER)
    )
"""

#: Columns a veto can be grouped by (identifiers cannot be bound as parameters).
GROUP_COLUMNS = ("crisis_topic", "region")


def _params(members: list[str], start: int | None, end: int | None) -> list[Any]:
    return [members, start, start, end, end]


def veto_totals(store: Store, members: list[str], start: int | None, end: int | None) -> tuple[int, int]:
    """(vetoes cast, vetoes cast with no other permanent member)."""
    sql = f"""
        WITH {_MINE}
        SELECT count(*),
               count(*) FILTER (WHERE NOT EXISTS (
                   SELECT 1 FROM unsc_veto_members o
                   WHERE o.veto_id = mine.veto_id AND NOT list_contains(?, o.member)))
        FROM mine
    """
    rows = store.rows(sql, [*_params(members, start, end), members])
    total, alone = rows[0]
    return int(total), int(alone)


def joint_counts(
    store: Store, members: list[str], start: int | None, end: int | None
) -> list[tuple[str, int]]:
    """(other member, vetoes cast together with it), most frequent first."""
    sql = f"""
        WITH {_MINE}
        SELECT o.member, count(DISTINCT o.veto_id) AS n
        FROM mine JOIN unsc_veto_members o ON o.veto_id = mine.veto_id
        WHERE NOT list_contains(?, o.member)
        GROUP BY o.member
        ORDER BY n DESC, o.member
    """
    return [(str(m), int(n)) for m, n in store.rows(sql, [*_params(members, start, end), members])]


def counts_by(
    store: Store, members: list[str], start: int | None, end: int | None, column: str
) -> list[tuple[str | None, int]]:
    """(value of ``column``, vetoes), most frequent first; ``column`` is one of :data:`GROUP_COLUMNS`."""
    if column not in GROUP_COLUMNS:
        raise ValueError(f"cannot group vetoes by {column!r}")
    sql = f"""
        WITH {_MINE}
        SELECT v.{column} AS value, count(*) AS n
        FROM mine JOIN unsc_vetoes v ON v.veto_id = mine.veto_id
        GROUP BY value
        ORDER BY n DESC, value NULLS LAST
    """
    return [(None if v is None else str(v), int(n)) for v, n in store.rows(sql, _params(members, start, end))]


def veto_list(
    store: Store, members: list[str], start: int | None, end: int | None
) -> list[tuple[int, date, str, str | None, str | None, str | None, str | None, str, list[str]]]:
    """Each veto, in date order: (veto_id, date, draft, meeting_record, agenda_item, crisis_topic, region,
    the listed code that cast it, the other members that cast it too)."""
    sql = f"""
        WITH {_MINE}
        SELECT v.veto_id, v.date, v.draft, v.meeting_record, v.agenda_item, v.crisis_topic, v.region,
               min(m.member) FILTER (WHERE list_contains(?, m.member)) AS cast_by,
               coalesce(list(m.member ORDER BY m.member) FILTER (WHERE NOT list_contains(?, m.member)),
                        []) AS others
        FROM mine
        JOIN unsc_vetoes v ON v.veto_id = mine.veto_id
        JOIN unsc_veto_members m ON m.veto_id = mine.veto_id
        GROUP BY ALL
        ORDER BY v.date, v.veto_id
    """
    rows = store.rows(sql, [*_params(members, start, end), members, members])
    return [
        (int(i), d, str(dr), mr, ai, ct, rg, str(cb), list(o)) for i, d, dr, mr, ai, ct, rg, cb, o in rows
    ]


def coverage(store: Store) -> tuple[date | None, date | None]:
    """First and last veto date in the store."""
    first, last = store.rows("SELECT min(date), max(date) FROM unsc_vetoes")[0]
    return first, last
