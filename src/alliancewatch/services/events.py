"""Loading GDELT, ICEWS and POLECAT event files into the store (``alliancewatch load``).

:func:`load_event_files` is the one entry point: the ``load`` command and ``gdelt fetch`` both call it. Each
file is checked, mapped into the event model, folded and written as Parquet on its own, all or nothing; a
file that is malformed is copied aside, recorded and reported, and the next file goes on. Loading is
incremental: a file already loaded with the same sha256 is skipped, a file whose bytes changed replaces
its own events only.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

import duckdb

from alliancewatch.errors import DataError, MalformedFileError, MissingFileError, StoreError
from alliancewatch.model import SECTORS
from alliancewatch.plover import Plover
from alliancewatch.services.context import Context, check_choice
from alliancewatch.sources import gdelt, icews, polecat
from alliancewatch.sources.event_files import (
    CodeTables,
    code_tables,
    find_event_files,
    is_zip,
    quarantine_copy,
    scan_file,
    unpack,
)
from alliancewatch.store import event_fold
from alliancewatch.store import event_ingest as ingest
from alliancewatch.store.events import (
    QuarantineRecord,
    event_layout,
    loaded_file,
    quarantined,
    record_quarantine,
    scratch_dir,
    sweep_scratch,
    write_event_file,
)

ORIGINS = ("gdelt", "icews", "polecat")
STATUSES = ("loaded", "replaced", "unchanged", "quarantined")


@dataclass(frozen=True)
class EventFileReport:
    """What happened to one file.

    ``status``: loaded (new), replaced (its bytes changed since it was last loaded), unchanged (same
    sha256: nothing done) or quarantined (refused; ``error`` says why in one line, ``error_code`` is the
    AW code, ``quarantined_to`` is the copy). ``events`` are events after folding, ``raw_rows`` the rows
    read, ``mirrored`` events flagged as the B→A half of a mirrored pair, ``unmapped`` events whose code or
    type the PLOVER tables do not know. ``seconds`` is wall time.
    """

    origin: str
    name: str
    path: str
    status: str
    sha256: str | None
    events: int
    raw_rows: int
    mirrored: int
    unmapped: int
    seconds: float
    error: str | None = None
    error_code: str | None = None
    quarantined_to: str | None = None


@dataclass(frozen=True)
class LoadEventsReport:
    """Every file of one ``load`` call, in the order loaded, and the totals over the files that are in
    the store now (loaded, replaced or unchanged)."""

    origin: str
    files: list[EventFileReport]
    events: int
    raw_rows: int
    mirrored: int
    failed: int
    seconds: float

    @property
    def ok(self) -> bool:
        """True when no file was refused."""
        return self.failed == 0


def load_event_files(
    ctx: Context,
    origin: str,
    paths: Sequence[str | Path],
    on_file: Callable[[EventFileReport], None] | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> LoadEventsReport:
    """Load event files of one ``origin`` (gdelt, icews or polecat) into ``ctx``'s store.

    ``paths`` are files (plain or zipped), globs or directories (see
    :func:`alliancewatch.sources.event_files.find_event_files`); a name matching nothing raises
    :class:`UserInputError` before anything is loaded. Each file is loaded on its own and all or nothing:
    unchanged files (same name and sha256) are skipped, changed ones replace their own events, malformed
    ones (empty, truncated zip, wrong column count, not UTF-8, bad dates or ids) are copied to the
    store's quarantine folder, recorded in the ``quarantine`` table and reported with status
    ``quarantined`` — they never stop the other files. ``on_start`` is called with each file's path before
    it is read and ``on_file`` with its report after (for progress bars). Returns a
    :class:`LoadEventsReport`; check ``report.ok``.
    """
    check_choice(origin, "origin", ORIGINS)
    started = time.perf_counter()
    files = find_event_files(paths)
    tables = code_tables(ctx.codes, Plover.load())
    sweep_scratch(ctx.store)
    reports: list[EventFileReport] = []
    for path in files:
        if on_start is not None:
            on_start(path)
        report = _load_one(ctx, origin, path, tables)
        reports.append(report)
        if on_file is not None:
            on_file(report)
    kept = [r for r in reports if r.status != "quarantined"]
    return LoadEventsReport(
        origin=origin,
        files=reports,
        events=sum(r.events for r in kept),
        raw_rows=sum(r.raw_rows for r in kept),
        mirrored=sum(r.mirrored for r in kept),
        failed=len(reports) - len(kept),
        seconds=time.perf_counter() - started,
    )


def find_files(paths: Sequence[str | Path]) -> list[Path]:
    """The files that :func:`load_event_files` would read for ``paths`` (globs and directories expanded),
    so a caller can size a progress bar first."""
    return find_event_files(paths)


def load_rows(report: LoadEventsReport) -> list[dict[str, object]]:
    """One flat row per file, for a table or CSV."""
    return [
        {
            "file": f.name,
            "status": f.status,
            "events": f.events,
            "raw_rows": f.raw_rows,
            "mirrored": f.mirrored,
            "seconds": round(f.seconds, 2),
            "error": f.error,
        }
        for f in report.files
    ]


def _load_one(ctx: Context, origin: str, path: Path, tables: CodeTables) -> EventFileReport:
    started = time.perf_counter()
    store = ctx.store
    sha256: str | None = None
    try:
        with scratch_dir(store) as scratch:
            with _reading(path):
                zipped = is_zip(path)
                scan = scan_file(path, text=not zipped)
            sha256 = scan.sha256
            previous = loaded_file(store, origin, path.name)
            if previous is not None and previous.sha256 == sha256:
                return EventFileReport(
                    origin, path.name, str(path), "unchanged", sha256, previous.rows, previous.raw_rows,
                    previous.mirrored, previous.unmapped, time.perf_counter() - started,
                )  # fmt: skip
            with _reading(path):
                members = unpack(path, scratch) if zipped else [path]
                first_lines = (
                    [scan_file(m, f"{path.name}:{m.name[5:]}").first_line for m in members]
                    if zipped
                    else [scan.first_line]
                )
            counts = _READERS[origin](ctx, path.name, members, first_lines, tables)
            write_event_file(store, origin, path.name, sha256, counts, scratch)
    except DataError as exc:
        return _quarantine(ctx, origin, path, sha256, exc, time.perf_counter() - started)
    except duckdb.Error as exc:
        raise StoreError(f"{path.name}: the store failed while loading it: {exc}") from exc
    finally:
        event_fold.drop_temp(store.con)
    return EventFileReport(
        origin, path.name, str(path), "replaced" if previous is not None else "loaded", sha256,
        counts.events, counts.raw_rows, counts.mirrored, counts.unmapped, time.perf_counter() - started,
    )  # fmt: skip


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn a failure to read the user's file (permissions, vanished, I/O error) into a data error."""
    try:
        yield
    except OSError as exc:
        raise MissingFileError(f"{path.name}: cannot read it: {exc.strerror or exc}") from exc


def _quarantine(
    ctx: Context, origin: str, path: Path, sha256: str | None, exc: DataError, seconds: float
) -> EventFileReport:
    """Copy a refused file aside (once per version of it) and record why."""
    now = datetime.now()
    earlier = [
        q for q in quarantined(ctx.store, origin) if q.name == path.name and sha256 and q.sha256 == sha256
    ]
    copy = earlier[-1].copy if earlier else None
    if copy is None or not Path(copy).exists():
        try:
            folder = event_layout(ctx.store).quarantine
            copy = str(quarantine_copy(path, folder, now.strftime("%Y%m%dT%H%M%S")).resolve())
        except OSError:
            copy = None  # the refusal is still recorded and reported; only the copy is missing
    record_quarantine(
        ctx.store,
        QuarantineRecord(origin, path.name, str(path), copy, sha256, exc.code, exc.message, now),
    )
    return EventFileReport(
        origin, path.name, str(path), "quarantined", sha256, 0, 0, 0, 0, seconds,
        error=exc.message, error_code=exc.code, quarantined_to=copy,
    )  # fmt: skip


# --- one reader per origin: check the layout, stage, fold ------------------------------------------------


def _same(name: str, values: list[str], what: str) -> str:
    if len(set(values)) > 1:
        raise MalformedFileError(f"{name}: the zip's files do not share one {what}")
    return values[0]


def _read_gdelt(
    ctx: Context, name: str, members: list[Path], first_lines: list[str], tables: CodeTables
) -> event_fold.FoldCounts:
    layouts = [gdelt.gdelt_layout(name, line) for line in first_lines]
    _same(name, [str(len(layout.columns)) for layout in layouts], "column layout")
    stream = not fits_in_memory(sum(m.stat().st_size for m in members))
    con = ctx.store.con
    joins = {
        "_aw_cameo": tables.cameo,
        "_aw_countries": tables.countries,
        "_aw_fips": tables.fips,
        "_aw_sectors": gdelt.sector_table(),
    }
    stats = ingest.stage_gdelt(con, [str(m) for m in members], layouts[0].columns, name, joins, stream)
    return event_fold.fold(con, name, stats, materialize=False, keys=ingest.KEYS if stream else ingest.STAGE)


def fits_in_memory(size: int) -> bool:
    """Whether a GDELT file of ``size`` bytes is read in one pass with its mapped rows held in memory
    (about three times its size): yes up to an eighth of this machine's memory, else in two passes."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # no sysconf (Windows): assume a modest 8 GiB
        memory = 8 << 30
    return size <= memory // 8


def _read_icews(
    ctx: Context, name: str, members: list[Path], first_lines: list[str], tables: CodeTables
) -> event_fold.FoldCounts:
    for line in first_lines:
        icews.check_header(name, line)
    con = ctx.store.con
    ingest.read_raw(con, [str(m) for m in members], icews.ICEWS_COLUMNS, "Event ID", name)
    pairs = ingest.distinct_values(con, ["Source Country", "Source Sectors"])
    pairs += ingest.distinct_values(con, ["Target Country", "Target Sectors"])
    actors = icews.actor_table([p[0] for p in pairs], [p[1] for p in pairs], ctx.codes)
    places = icews.place_table([p[0] for p in ingest.distinct_values(con, ["Country"]) if p[0]], ctx.codes)
    stats = ingest.stage_icews(con, name, tables.cameo, actors, places)
    return event_fold.fold(con, name, stats, materialize=True)


def _read_polecat(
    ctx: Context, name: str, members: list[Path], first_lines: list[str], tables: CodeTables
) -> event_fold.FoldCounts:
    header = polecat.header_names(name, first_lines[0])
    _same(name, first_lines, "header")
    columns = [h.strip().strip('"') for h in first_lines[0].split("\t")]
    con = ctx.store.con
    ingest.read_raw(con, [str(m) for m in members], columns, header["Event ID"], name)
    seen = [header[c] for c in ("Actor Country", "Recipient Country", "Country")]
    values = [
        part
        for column in seen
        for (value,) in ingest.distinct_values(con, [column])
        if value
        for part in value.split(polecat.SEPARATOR)
    ]
    countries = polecat.country_table(values, ctx.codes)
    stats = ingest.stage_polecat(con, name, header, tables.types, tables.modes, countries, sorted(SECTORS))
    return event_fold.fold(con, name, stats, materialize=True)


_READERS: Mapping[str, Callable[[Context, str, list[Path], list[str], CodeTables], event_fold.FoldCounts]] = (
    MappingProxyType({"gdelt": _read_gdelt, "icews": _read_icews, "polecat": _read_polecat})
)
