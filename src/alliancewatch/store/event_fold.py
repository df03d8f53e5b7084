"""Folding a staged event file: one event per group of repeated rows, the raw rows kept beside it, and
ICEWS-style mirrored pairs flagged. Works on the temporary tables of :mod:`alliancewatch.store.event_ingest`.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date

import duckdb

from alliancewatch.store.event_ingest import CODE_TABLES, EVENTS, FILE, KEYS, RAW, STAGE, StageStats


@dataclass(frozen=True)
class FoldCounts:
    """What folding one file gave: events kept, raw rows read, events flagged as the B→A half of a
    mirrored pair, raw rows with an unknown code or type, and the first and last event day."""

    events: int
    raw_rows: int
    mirrored: int
    unmapped: int
    first_date: date | None
    last_date: date | None


def fold(
    con: duckdb.DuckDBPyConnection, name: str, stats: StageStats, materialize: bool, keys: str = STAGE
) -> FoldCounts:
    """Fold :data:`STAGE` into :data:`EVENTS` (one row per ``_key``: the row with the lowest ``_rid``,
    with ``raw_count``) and :data:`RAW` (every raw row's own id and the id of the event it was folded into).

    ``materialize`` (ICEWS, POLECAT): the results are tables, repeated ids are made unique with ``#2``,
    ``#3``… in file order, and mirrored pairs are flagged. Without (GDELT, whose ids the stage checked to be
    unique and which has no sentence numbers to pair on), they are views, read once when written.
    ``keys`` is the table holding ``_key`` and ``_rid`` (and event_id, geo_country, origin, year, month)
    for every raw row: the stage itself, or GDELT's narrow first pass.
    """
    # Each group keeps what its raw rows need to point at it (all rows of a group share their day).
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _aw_fold AS
            SELECT _key, min(_rid) AS rep, count(*)::INTEGER AS raw_count,
                   arg_min(event_id, _rid) AS event_id, arg_min(origin, _rid) AS origin,
                   arg_min(year, _rid) AS year, arg_min(month, _rid) AS month
            FROM {keys} GROUP BY _key"""
    )
    kind = "TABLE" if materialize else "VIEW"
    columns = "s.* EXCLUDE (_key)" if keys == STAGE else "s.*"
    con.execute(
        f"""CREATE OR REPLACE TEMP {kind} {EVENTS} AS
            SELECT {columns}, f.raw_count, NULL::VARCHAR AS mirror_of
            FROM {STAGE} s JOIN _aw_fold f ON s._rid = f.rep"""
    )
    (groups,) = _one(con, "SELECT count(*) FROM _aw_fold")
    mirrored = 0
    if materialize:
        (repeated,) = _one(con, f"SELECT count(*) - count(DISTINCT event_id) FROM {EVENTS}")
        if repeated:
            con.execute(
                f"""UPDATE {EVENTS} SET event_id = {EVENTS}.event_id || '#' || d.n
                    FROM (SELECT _rid, row_number() OVER (PARTITION BY event_id ORDER BY _rid) AS n
                          FROM {EVENTS}) d
                    WHERE {EVENTS}._rid = d._rid AND d.n > 1"""
            )
        mirrored = _flag_mirrors(con)
    # Made-unique ids live in the events table; otherwise the group's own record has the event's id.
    joined = (
        f"JOIN _aw_fold f ON s._key = f._key "
        f"JOIN (SELECT _rid, event_id, origin, year, month FROM {EVENTS}) e ON e._rid = f.rep"
        if materialize
        else "JOIN _aw_fold e ON s._key = e._key"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP {kind} {RAW} AS
            SELECT s.event_id AS raw_event_id, e.event_id, s.geo_country, e.origin, e.year, e.month
            FROM {keys} s {joined}"""
    )
    return FoldCounts(groups, stats.rows, mirrored, stats.unmapped, stats.first_date, stats.last_date)


def _flag_mirrors(con: duckdb.DuckDBPyConnection) -> int:
    """Set ``mirror_of`` on the B→A event of each A→B/B→A pair coded from one sentence of one story with
    the same day and event code. Pairs are matched one to one, in file order, within each sentence;
    the direction whose first event comes first is the original."""
    con.execute(
        f"""
        UPDATE {EVENTS} SET mirror_of = p.mirror_of
        FROM (
            WITH d AS (
                SELECT event_id, _rid, doc_id, sentence_index, date, coalesce(cameo_code, type) AS what,
                       sources::VARCHAR AS s, targets::VARCHAR AS t
                FROM {EVENTS}
                WHERE doc_id IS NOT NULL AND sentence_index IS NOT NULL
                  AND len(sources) > 0 AND len(targets) > 0 AND sources <> targets
            ), k AS (
                SELECT *, least(s, t) AS lo, greatest(s, t) AS hi, s < t AS forward,
                    row_number() OVER w AS n, min(_rid) OVER w AS first_rid
                FROM d
                WINDOW w AS (PARTITION BY doc_id, sentence_index, date, what, least(s, t), greatest(s, t),
                             s < t ORDER BY _rid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            )
            SELECT b.event_id, a.event_id AS mirror_of
            FROM k a JOIN k b USING (doc_id, sentence_index, date, what, lo, hi, n)
            WHERE a.forward <> b.forward AND a.first_rid < b.first_rid
        ) p
        WHERE {EVENTS}.event_id = p.event_id
        """
    )
    return _one(con, f"SELECT count(*) FROM {EVENTS} WHERE mirror_of IS NOT NULL")[0]


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[int, ...]:
    row = con.execute(sql).fetchone()
    assert row is not None
    return tuple(int(v or 0) for v in row)


def drop_temp(con: duckdb.DuckDBPyConnection) -> None:
    """Drop every temporary table this module made (after a file is written, or failed)."""
    for view in (RAW, EVENTS, STAGE):
        with suppress(duckdb.CatalogException):
            con.execute(f"DROP VIEW IF EXISTS {view}")
    for table in (RAW, EVENTS, "_aw_fold", STAGE, KEYS, FILE):
        with suppress(duckdb.CatalogException):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    for registered in CODE_TABLES:
        con.unregister(registered)
