"""SQL over the alliance tables: ATOP dyad-years and the curated treaty registry.

Every function takes ``a`` and ``b`` as lists of ISO-3 codes so that a state can be merged with its
predecessors (RUS with SUN). A year counts for a treaty when the treaty was in force on any day of it,
the convention ATOP uses for dyad-years.
"""

from __future__ import annotations

from dataclasses import dataclass

from alliancewatch.store.db import Store

_OPEN = 9999  # stands in for "no end year" in comparisons


@dataclass(frozen=True)
class AtopYear:
    """ATOP obligations in one year, OR-ed over both directions of the directed dyad."""

    year: int
    defense: bool
    offense: bool
    neutrality: bool
    nonaggression: bool
    consultation: bool


@dataclass(frozen=True)
class TreatyYear:
    """A curated treaty that both sides had signed (and not left) in ``year``; ``in_force`` for both."""

    year: int
    treaty_id: str
    in_force: bool


@dataclass(frozen=True)
class TreatyRecord:
    id: str
    name: str
    type: str
    signed: str
    signed_at: str | None
    in_force: str | None
    expires: str | None
    terminated: str | None
    term: str | None
    summary: str
    uncertain: list[str]


@dataclass(frozen=True)
class ObligationRecord:
    treaty_id: str
    obligation: str
    present: bool
    article: str | None
    note: str | None


@dataclass(frozen=True)
class SourceRecord:
    treaty_id: str
    url: str
    title: str


def atop_coverage(store: Store) -> tuple[int, int] | None:
    """First and last year in the loaded ATOP table, or None when it is empty."""
    row = store.rows("SELECT min(year), max(year) FROM atop_dyads")
    if not row or row[0][0] is None:
        return None
    return int(row[0][0]), int(row[0][1])


def atop_by_year(store: Store, a: list[str], b: list[str], start: int, end: int) -> list[AtopYear]:
    """Years in [start, end] in which ATOP has a row for a->b or b->a, with the obligations OR-ed."""
    sql = """
        SELECT year, bool_or(defense), bool_or(offense), bool_or(neutrality), bool_or(nonaggression),
               bool_or(consultation)
        FROM atop_dyads
        WHERE year BETWEEN ? AND ?
          AND ((list_contains(?, a) AND list_contains(?, b)) OR (list_contains(?, a) AND list_contains(?, b)))
        GROUP BY year
        ORDER BY year
    """
    rows = store.rows(sql, [start, end, a, b, b, a])
    return [AtopYear(int(y), bool(d), bool(o), bool(n), bool(na), bool(c)) for y, d, o, n, na, c in rows]


def treaties_by_year(store: Store, a: list[str], b: list[str], start: int, end: int) -> list[TreatyYear]:
    """For each year in [start, end], the curated treaties joining a side of ``a`` to a side of ``b``.

    A treaty is listed from the year both had signed it until the year either left it or it ended;
    ``in_force`` is true in the years it bound both of them.
    """
    sql = f"""
        WITH years AS (SELECT unnest(range(?::INTEGER, ?::INTEGER + 1)) AS year),
        pairs AS (
            SELECT pa.treaty_id,
                   greatest(pa.signed_year, pb.signed_year) AS listed_from,
                   least(coalesce(pa.left_year, {_OPEN}), coalesce(pb.left_year, {_OPEN})) AS member_until,
                   CASE WHEN pa.in_force_year IS NULL OR pb.in_force_year IS NULL THEN NULL
                        ELSE greatest(pa.in_force_year, pb.in_force_year) END AS binding_from
            FROM treaty_parties pa
            JOIN treaty_parties pb ON pa.treaty_id = pb.treaty_id AND pa.country <> pb.country
            WHERE list_contains(?, pa.country) AND list_contains(?, pb.country)
        )
        SELECT y.year, p.treaty_id, bool_or(coalesce(p.binding_from <= y.year, false)) AS in_force
        FROM years y
        JOIN pairs p ON p.listed_from <= y.year AND p.member_until >= y.year
        JOIN treaties t ON t.id = p.treaty_id AND coalesce(t.end_year, {_OPEN}) >= y.year
        GROUP BY y.year, p.treaty_id
        ORDER BY y.year, p.treaty_id
    """
    rows = store.rows(sql, [start, end, a, b])
    return [TreatyYear(int(y), str(t), bool(f)) for y, t, f in rows]


def treaty_records(store: Store, ids: list[str]) -> list[TreatyRecord]:
    """The treaties with the given ids, oldest first."""
    sql = """
        SELECT id, name, type, signed, signed_at, in_force, expires, terminated, term, summary, uncertain
        FROM treaties WHERE list_contains(?, id) ORDER BY signed, id
    """
    return [
        TreatyRecord(tid, name, kind, signed, at, in_force, expires, ended, term, summary, list(unc or []))
        for tid, name, kind, signed, at, in_force, expires, ended, term, summary, unc in store.rows(
            sql, [ids]
        )
    ]


def obligation_records(store: Store, ids: list[str]) -> list[ObligationRecord]:
    sql = """
        SELECT treaty_id, obligation, present, article, note FROM treaty_obligations
        WHERE list_contains(?, treaty_id) ORDER BY treaty_id, obligation
    """
    return [ObligationRecord(*row) for row in store.rows(sql, [ids])]


def source_records(store: Store, ids: list[str]) -> list[SourceRecord]:
    sql = """
        SELECT treaty_id, url, title FROM treaty_sources WHERE list_contains(?, treaty_id)
        ORDER BY treaty_id, rowid
    """
    return [SourceRecord(*row) for row in store.rows(sql, [ids])]
