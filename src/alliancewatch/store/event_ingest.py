"""SQL that turns one event file into event rows: read (DuckDB's strict CSV reader) and map codes by joining
small code tables. Folding and mirrored pairs are :mod:`alliancewatch.store.event_fold`.

Every step works on temporary tables of the store's connection, so nothing here touches stored data:
``stage_gdelt`` / ``stage_icews`` / ``stage_polecat`` read a file into :data:`STAGE`, one row per raw row,
with the event columns of :data:`alliancewatch.store.events_schema.EVENT_SCHEMA` (but ``raw_count`` and
``mirror_of``) plus ``_key`` (rows with equal keys are one event) and ``_rid`` (unique per row, ascending
in file order; the lowest of a group is the event that stands for it).

Which column means what is documented with each source (``alliancewatch.sources.gdelt`` …); this module
only says it in SQL. Column names from a file's header are quoted by :func:`ident`, values are bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from alliancewatch.errors import MalformedFileError

STAGE = "_aw_stage"
KEYS = "_aw_keys"
CODE_TABLES = ("_aw_cameo", "_aw_countries", "_aw_fips", "_aw_sectors")
#: The GDELT columns the event model uses (the rest are read, checked and dropped).
GDELT_USED = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode", "GoldsteinScale",
    "ActionGeo_CountryCode", "SOURCEURL",
)  # fmt: skip
EVENTS = "_aw_events"
RAW = "_aw_raw"
FILE = "_aw_file"
_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
# Options shared by every read: tab-separated, no quoting (GDELT/ICEWS/POLECAT never quote, and a stray
# quote in a headline must not swallow lines), every row must have every column (strict_mode).
_CSV = "delim = '\t', quote = '', escape = '', strict_mode = true, auto_detect = false, all_varchar = true"


def ident(name: str) -> str:
    """A column name as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class StageStats:
    """What one pass over the stage found: raw rows, raw rows whose event code or type is unknown to the
    PLOVER tables (kept, with a null type), and the first and last event day."""

    rows: int
    unmapped: int
    first_date: date | None
    last_date: date | None


def _read(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object], name: str) -> None:
    try:
        con.execute(sql, list(params))
    except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
        raise MalformedFileError(f"{name}: {_csv_message(str(exc))}") from None


def _csv_message(text: str) -> str:
    """DuckDB's several-line CSV error as one line: where it is and what is wrong."""
    line = _LINE.search(text)
    count = _COUNT.search(text)
    where = f"line {line.group(1)}: " if line else ""
    if count:
        return f"{where}expected {count.group(1)} tab-separated columns, found {count.group(2)}"
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "unreadable CSV")
    return where + first.removeprefix("Invalid Input Error: ").removeprefix("Conversion Error: ")


def _actor(prefix: str, name: str, country: str, sector: str) -> str:
    # One actor as a one-element list, or an empty list when the file names no actor.
    return (
        f"CASE WHEN {prefix} IS NULL THEN []::STRUCT(name VARCHAR, country VARCHAR, sector VARCHAR)[] "
        f"ELSE [struct_pack(name := {name}, country := {country}, sector := {sector})] END"
    )


def _countries(country: str) -> str:
    return f"CASE WHEN {country} IS NULL THEN []::VARCHAR[] ELSE [{country}] END"


_COMMON = """
    'day' AS date_precision, year(date)::SMALLINT AS year, month(date)::TINYINT AS month,
    FALSE AS negated, 'asserted' AS modality, NULL::DOUBLE AS confidence,
    NULL::VARCHAR AS sentence, NULL::VARCHAR[] AS triggers, NULL::INTEGER AS span_start,
    NULL::INTEGER AS span_end
"""


def stage_gdelt(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[str],
    columns: Sequence[str],
    name: str,
    tables: dict[str, pa.Table],
    stream: bool,
) -> StageStats:
    """Read GDELT files (one layout, ``columns`` in order) into :data:`STAGE`.

    ``tables`` are the join tables ``_aw_cameo``, ``_aw_countries``, ``_aw_fips`` (see
    :class:`alliancewatch.sources.event_files.CodeTables`) and ``_aw_sectors`` (CAMEO actor type ``code``
    → PLOVER ``sector``). Rows fold on (day, actor codes, event code, URL), or on every column but the id
    when the layout has no URL.

    Without ``stream`` the file is read once and every mapped row is kept in memory (fastest). With it,
    for files too big for that, it is read twice: a first pass keeps only ids, keys, dates and places
    in :data:`KEYS` (and checks them), and :data:`STAGE` is a view read once more when the events are
    written, so memory stays small however large the file.
    """
    has_url = "SOURCEURL" in columns
    # Two 64-bit hashes of the key fields (in two orders) stand for the key: grouping on them is several
    # times faster than on the strings, and a false fold needs both to collide (odds ~1e-25 per pair).
    fields = (
        ["SQLDATE", "Actor1Code", "Actor2Code", "EventCode", "SOURCEURL"]
        if has_url
        else [ident(c) for c in columns if c != "GLOBALEVENTID"]
    )
    key = f"row(hash({', '.join(fields)}), hash({', '.join(reversed(fields))}, 'aw'))"
    _code_tables(con, tables)
    # A view cannot take parameters, so the file names and columns are written into it as literals.
    paths = ", ".join(_literal(f) for f in files)
    types = ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in columns)
    reader = f"read_csv([{paths}], columns = {{{types}}}, header = false, {_CSV})"
    # The code tables are looked up as MAPs rather than joined: joins on the CSV stream made DuckDB hold
    # several times more memory, maps keep the read a plain stream (and are faster).
    maps = """maps AS (SELECT
        (SELECT map(list(code), list(struct_pack(type := type, mode := mode, contexts := contexts,
            quad := quad, cameo_root := cameo_root))) FROM _aw_cameo) AS cameo_map,
        (SELECT map(list(code), list(iso3)) FROM _aw_countries) AS country_map,
        (SELECT map(list(code), list(sector)) FROM _aw_sectors) AS sector_map,
        (SELECT map(list(code), list(iso3)) FROM _aw_fips) AS fips_map)"""
    used = [c for c in GDELT_USED if c in columns]
    mapped = f"""
        WITH {maps}, m AS (
            SELECT r.*, cameo_map[EventCode] AS k, fips_map[ActionGeo_CountryCode] AS geo_country,
                CASE WHEN Actor1Type1Code = 'IGO' OR starts_with(Actor1Code, 'IGO') THEN 'IGO'
                     ELSE country_map[Actor1CountryCode] END AS a1_country,
                CASE WHEN Actor2Type1Code = 'IGO' OR starts_with(Actor2Code, 'IGO') THEN 'IGO'
                     ELSE country_map[Actor2CountryCode] END AS a2_country,
                sector_map[Actor1Type1Code] AS a1_sector, sector_map[Actor2Type1Code] AS a2_sector
            FROM (SELECT {", ".join(used)}, try_strptime(SQLDATE, '%Y%m%d')::DATE AS date /*key*/
                  FROM {reader}) r, maps
        )
        SELECT 'gdelt:' || GLOBALEVENTID AS event_id, 'gdelt' AS origin, date, {_COMMON},
            k.type AS type, k.mode AS mode, k.contexts AS contexts, k.quad AS quad, EventCode AS cameo_code,
            k.cameo_root AS cameo_root, TRY_CAST(GoldsteinScale AS DOUBLE) AS intensity,
            {_actor("Actor1Code", "Actor1Name", "a1_country", "a1_sector")} AS sources,
            {_actor("Actor2Code", "Actor2Name", "a2_country", "a2_sector")} AS targets,
            {_countries("a1_country")} AS source_countries, {_countries("a2_country")} AS target_countries,
            {"SOURCEURL" if has_url else "NULL::VARCHAR"} AS doc_id, NULL::INTEGER AS sentence_index,
            geo_country, {_literal(name)} AS source_file, TRY_CAST(GLOBALEVENTID AS BIGINT) AS _rid
            /*key*/
        FROM m
    """
    if not stream:
        table = mapped.replace("/*key*/", f", {key} AS _key", 1).replace("/*key*/", ", _key")
        _read(con, f"CREATE OR REPLACE TEMP TABLE {STAGE} AS {table}", [], name)
        return _check_stage(con, name, "GLOBALEVENTID", "SQLDATE", unique_ids=True)
    first_pass = f"""
        CREATE OR REPLACE TEMP TABLE {KEYS} AS
        WITH {maps}
        SELECT 'gdelt:' || GLOBALEVENTID AS event_id, 'gdelt' AS origin, date, year(date)::SMALLINT AS year,
            month(date)::TINYINT AS month, fips_map[ActionGeo_CountryCode] AS geo_country,
            cameo_map[EventCode].type AS type, _key, TRY_CAST(GLOBALEVENTID AS BIGINT) AS _rid
        FROM (SELECT GLOBALEVENTID, EventCode, ActionGeo_CountryCode, {key} AS _key,
                     try_strptime(SQLDATE, '%Y%m%d')::DATE AS date FROM {reader}) r, maps
    """
    _read(con, first_pass, [], name)
    stats = _check_stage(con, name, "GLOBALEVENTID", "SQLDATE", unique_ids=True, table=KEYS)
    con.execute(f"CREATE OR REPLACE TEMP VIEW {STAGE} AS {mapped.replace('/*key*/', '')}")
    return stats


def _code_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    # Registered, not copied: they stay registered until drop_temp, because the view of the second pass
    # reads them after this function returns.
    for table_name, table in tables.items():
        con.register(table_name, table)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_raw(
    con: duckdb.DuckDBPyConnection, files: Sequence[str], header: Sequence[str], id_column: str, name: str
) -> None:
    """Read tab-separated files with a header line (ICEWS, POLECAT) into :data:`FILE`, every column as
    text, with ``_rid`` = the row's position and ``_key`` = every column but ``id_column`` (rows equal in
    all of them are exact duplicates)."""
    sql = f"""
        CREATE OR REPLACE TEMP TABLE {FILE} AS
        SELECT *, row(*COLUMNS(* EXCLUDE ({ident(id_column)}))) AS _key, row_number() OVER () AS _rid
        FROM read_csv(?, columns = ?, header = true, {_CSV})
    """
    _read(con, sql, [list(files), dict.fromkeys(header, "VARCHAR")], name)


def distinct_values(con: duckdb.DuckDBPyConnection, columns: Sequence[str]) -> list[tuple[str | None, ...]]:
    """The distinct combinations of ``columns`` in :data:`FILE` (for building join tables in Python)."""
    listed = ", ".join(ident(c) for c in columns)
    return [tuple(row) for row in con.execute(f"SELECT DISTINCT {listed} FROM {FILE}").fetchall()]


def stage_icews(
    con: duckdb.DuckDBPyConnection, name: str, cameo: pa.Table, actors: pa.Table, places: pa.Table
) -> StageStats:
    """Map :data:`FILE` (an ICEWS file) into :data:`STAGE`. ``actors`` maps (country_name, sector_list)
    to (iso3, sector); ``places`` maps country_name to iso3. ``NA`` is ICEWS's missing value."""

    def na(column: str) -> str:
        return f"nullif({ident(column)}, 'NA')"

    sql = f"""
        CREATE OR REPLACE TEMP TABLE {STAGE} AS
        WITH m AS (
            SELECT f.*, try_strptime("Event Date", '%Y-%m-%d')::DATE AS date,
                sa.iso3 AS s_country, sa.sector AS s_sector, ta.iso3 AS t_country, ta.sector AS t_sector,
                p.iso3 AS geo_country, k.type, k.mode, k.contexts, k.quad, k.cameo_root
            FROM {FILE} f
            LEFT JOIN _aw_cameo k ON k.code = f."CAMEO Code"
            LEFT JOIN _aw_actors sa
                ON sa.country_name IS NOT DISTINCT FROM f."Source Country"
                AND sa.sector_list IS NOT DISTINCT FROM f."Source Sectors"
            LEFT JOIN _aw_actors ta
                ON ta.country_name IS NOT DISTINCT FROM f."Target Country"
                AND ta.sector_list IS NOT DISTINCT FROM f."Target Sectors"
            LEFT JOIN _aw_places p ON p.country_name = f."Country"
        )
        SELECT 'icews:' || "Event ID" AS event_id, 'icews' AS origin, date, {_COMMON},
            type, mode, contexts, quad, "CAMEO Code" AS cameo_code, cameo_root,
            TRY_CAST("Intensity" AS DOUBLE) AS intensity,
            {_actor(na("Source Name"), na("Source Name"), "s_country", "s_sector")} AS sources,
            {_actor(na("Target Name"), na("Target Name"), "t_country", "t_sector")} AS targets,
            {_countries("s_country")} AS source_countries, {_countries("t_country")} AS target_countries,
            "Story ID" AS doc_id, TRY_CAST("Sentence Number" AS INTEGER) AS sentence_index,
            geo_country, ? AS source_file,
            _key, _rid
        FROM m
    """
    with _registered(con, {"_aw_cameo": cameo, "_aw_actors": actors, "_aw_places": places}):
        _read(con, sql, [name], name)
    return _check_stage(con, name, "Event ID", "Event Date", unique_ids=False)


def stage_polecat(
    con: duckdb.DuckDBPyConnection,
    name: str,
    header: dict[str, str],
    types: pa.Table,
    modes: pa.Table,
    countries: pa.Table,
    sectors: Sequence[str],
) -> StageStats:
    """Map :data:`FILE` (a POLECAT file; ``header`` maps the loader's column names to the file's) into
    :data:`STAGE`. ``types``/``modes`` give quad and CAMEO root; ``countries`` maps each value seen
    (``value``) to ISO-3; ``sectors`` are the valid PLOVER sector codes. Several actors are
    ``;``-separated and matched by position."""

    def col(column: str) -> str:
        return ident(header[column])

    def items(column: str) -> str:
        # "A; B" -> ['A', 'B'], POLECAT's missing markers as nulls
        return (
            f"list_transform(string_split(coalesce({col(column)}, ''), ';'), "
            "lambda x: CASE WHEN trim(x) IN ('', 'None', 'none', 'NA') THEN NULL ELSE trim(x) END)"
        )

    def actors(who: str) -> str:
        names, land, sector = (items(c) for c in (f"{who} Name", f"{who} Country", f"Primary {who} Sector"))
        return f"""list_filter(list_transform(range(1, len({names}) + 1), lambda i: struct_pack(
            name := {names}[i], country := cmap[{land}[i]],
            sector := CASE WHEN list_contains(valid_sectors, upper({sector}[i])) THEN upper({sector}[i]) END
        )), lambda a: a.name IS NOT NULL)"""

    def countries_of(role: str) -> str:
        # each country once, in the order the actors come (list_distinct would lose the order)
        found = f"list_filter(list_transform({role}, lambda a: a.country), lambda c: c IS NOT NULL)"
        return f"list_filter({found}, lambda c, i: list_position({found}, c) = i)"

    story = col("Story ID") if "Story ID" in header else "NULL::VARCHAR"
    sql = f"""
        CREATE OR REPLACE TEMP TABLE {STAGE} AS
        WITH cm AS (
            SELECT (SELECT map(list(value), list(iso3)) FROM _aw_countries) AS cmap,
                   ?::VARCHAR[] AS valid_sectors
        ), m AS (
            SELECT f.*, try_strptime(left({col("Event Date")}, 10), '%Y-%m-%d')::DATE AS date,
                upper(trim({col("Event Type")})) AS p_type,
                nullif(nullif(lower(trim({col("Event Mode")})), 'none'), '') AS p_mode,
                {actors("Actor")} AS sources, {actors("Recipient")} AS targets,
                cmap[trim({col("Country")})] AS geo_country
            FROM {FILE} f, cm
        )
        SELECT 'polecat:' || {col("Event ID")} AS event_id, 'polecat' AS origin, date, {_COMMON},
            t.type, p_mode AS mode,
            list_filter(list_transform(string_split(lower(coalesce({col("Contexts")}, '')), ';'),
                lambda x: nullif(nullif(trim(x), 'none'), '')), lambda x: x IS NOT NULL) AS contexts,
            t.quad, NULL::VARCHAR AS cameo_code, coalesce(md.cameo_root, t.cameo_root) AS cameo_root,
            TRY_CAST({col("Intensity")} AS DOUBLE) AS intensity, sources, targets,
            {countries_of("sources")} AS source_countries, {countries_of("targets")} AS target_countries,
            {story} AS doc_id, NULL::INTEGER AS sentence_index, geo_country, ? AS source_file, _key, _rid
        FROM m f
        LEFT JOIN _aw_types t ON t.type = f.p_type
        LEFT JOIN _aw_modes md ON md.type = f.p_type AND md.mode = f.p_mode
    """
    tables = {"_aw_types": types, "_aw_modes": modes, "_aw_countries": countries}
    with _registered(con, tables):
        _read(con, sql, [list(sectors), name], name)
    return _check_stage(con, name, header["Event ID"], header["Event Date"], unique_ids=False)


def _check_stage(
    con: duckdb.DuckDBPyConnection,
    name: str,
    id_column: str,
    date_column: str,
    unique_ids: bool,
    table: str = STAGE,
) -> StageStats:
    distinct = "count(DISTINCT _rid)" if unique_ids else "count(*)"
    row = con.execute(
        f"""SELECT count(*), {distinct}, count(*) FILTER (WHERE _rid IS NULL),
                   count(*) FILTER (WHERE date IS NULL),
                   min(event_id) FILTER (WHERE date IS NULL OR _rid IS NULL),
                   count(*) FILTER (WHERE type IS NULL), min(date), max(date)
            FROM {table}"""
    ).fetchone()
    assert row is not None
    total, distinct_ids, bad_ids, bad_dates, example, unmapped, first, last = row
    if total == 0:
        raise MalformedFileError(f"{name}: the file holds no events")
    if bad_ids:
        raise MalformedFileError(f"{name}: {bad_ids} rows have a {id_column} that is not a number")
    if bad_dates:
        raise MalformedFileError(
            f"{name}: {bad_dates} rows have no valid {date_column} (the first: {example})"
        )
    if distinct_ids != total:
        raise MalformedFileError(f"{name}: {total - distinct_ids} rows repeat another row's {id_column}")
    return StageStats(int(total), int(unmapped), first, last)


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> Iterator[None]:
    """Arrow tables registered on the connection for the length of a ``with`` block."""
    for view, table in tables.items():
        con.register(view, table)
    try:
        yield
    finally:
        for view in tables:
            con.unregister(view)
