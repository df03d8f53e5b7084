"""Fetching GDELT events files for a window of days: only what is missing, in parallel, verified, and
loaded as they arrive (each file all or nothing, recorded in ``gdelt_files`` as soon as it is settled),
so an interrupted run keeps everything it finished and the next run resumes the rest."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import httpx

from alliancewatch.errors import UserInputError
from alliancewatch.services.context import Context
from alliancewatch.services.events import EventFileReport, LoadEventsReport, load_event_files
from alliancewatch.sources.gdelt_download import (
    CACHED,
    DOWNLOADED,
    FAILED,
    QUARANTINED,
    STOPPED,
    Downloaded,
    download_file,
    set_aside,
)
from alliancewatch.sources.gdelt_fetch import (
    V1_FIRST_DAY,
    V2_FIRST_DAY,
    Mirror,
    RemoteFile,
    list_files,
    open_mirror,
)
from alliancewatch.store.events import QuarantineRecord, record_quarantine
from alliancewatch.store.gdelt_files import GdeltFileRecord, known_files, record_file

LOADED = "loaded"
MAX_WORKERS = 32
LOAD_BATCH = 16  # verified files handed to the loader in one call, at most

# The loader the product uses is services.events.load_event_files; tests may pass another.
EventLoader = Callable[[Context, str, list[Path]], LoadEventsReport]


class FetchProgress(Protocol):
    """What a face (the CLI's progress bar) is told while a fetch runs. ``advanced`` is called from
    download threads; the others from the calling thread."""

    def planned(self, files: int, total_bytes: int) -> None: ...

    def advanced(self, nbytes: int) -> None: ...

    def settled(self, name: str, status: str) -> None: ...


@dataclass(frozen=True)
class FetchedFile:
    """One file this run dealt with. ``status``: loaded, quarantined, failed or stopped. ``bytes`` were
    transferred in this run (0 for a file taken from the cache); ``resumed_from`` is the byte offset a
    Range request resumed at (0 if none); ``rows`` raw rows read and ``events`` events after folding
    (loaded files only); ``reason``/``error_code`` say why a file was set aside or failed; ``path`` is the
    cached zip, or where a rejected one was moved."""

    name: str
    url: str
    status: str
    bytes: int
    resumed_from: int
    rows: int | None
    events: int | None
    reason: str | None
    error_code: str | None
    path: str | None


@dataclass(frozen=True)
class GdeltFetchReport:
    """The outcome of one fetch over the days ``start``..``end`` (inclusive, UTC).

    ``listed``: events files GDELT lists in the window; ``already_loaded``: of those, loaded by an earlier
    run and not touched; ``held_back``: quarantined by an earlier run and not retried; ``downloaded``
    and ``bytes``: files and bytes transferred now; ``loaded``/``rows``/``events``: files loaded now, the
    raw rows they held and the events those folded into; ``quarantined``/``failed``: names of the files
    set aside or not obtained in this run.
    """

    version: int
    mirror: str
    start: date
    end: date
    listed: int
    already_loaded: int
    held_back: int
    downloaded: int
    bytes: int
    loaded: int
    rows: int
    events: int
    quarantined: list[str]
    failed: list[str]
    malformed_list_lines: int
    cache_dir: str
    quarantine_dir: str
    seconds: float
    files: list[FetchedFile]


def parse_day(value: str | date, option: str) -> date:
    """A day from ``YYYY-MM-DD`` (or ``YYYYMMDD``); UserInputError naming ``option`` otherwise."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserInputError(f"{option} must be a day like 2019-10-24, not {value!r}") from None


def fetch_gdelt(
    ctx: Context,
    start: str | date,
    end: str | date | None = None,
    mirror: str | None = None,
    version: int = 2,
    workers: int = 4,
    retry_quarantined: bool = False,
    progress: FetchProgress | None = None,
    loader: EventLoader | None = None,
) -> GdeltFetchReport:
    """Download and load GDELT ``version`` (1 or 2) events files published from ``start`` to ``end``.

    ``mirror`` is a base URL or directory laid out like data.gdeltproject.org (default: that host).
    Files already loaded are skipped, so are files an earlier run quarantined while GDELT still lists
    the same MD5 (unless ``retry_quarantined``). ``workers`` downloads run at once; each verified file
    is loaded as soon as it arrives, by ``loader`` (default: the events loader). A file that fails its
    MD5, is not a sound zip or that the loader rejects is moved to the quarantine folder and named in
    the report; the others go on. Raises FetchError when GDELT's list cannot be read.
    """
    first = parse_day(start, "--from")
    last = parse_day(end, "--to") if end is not None else first
    _check_request(first, last, version, workers)
    source = open_mirror(mirror)
    cache = ctx.config.cache_dir / "gdelt" / f"v{version}"
    quarantine = ctx.config.cache_dir / "gdelt" / "quarantine"
    load = loader if loader is not None else load_event_files
    began = datetime.now()
    timeout = httpx.Timeout(60.0, connect=15.0)
    limits = httpx.Limits(max_connections=workers + 1, max_keepalive_connections=workers + 1)
    with httpx.Client(timeout=timeout, limits=limits, follow_redirects=True) as client:
        listing = list_files(client, source, version, first, last, cache)
        known = known_files(ctx.store, [f.url for f in listing.files])
        todo, already_loaded, held_back = _plan(listing.files, known, retry_quarantined)
        if progress is not None:
            progress.planned(len(todo), sum(f.size or 0 for f in todo))
        outcomes = _download_and_load(ctx, client, source, todo, cache, quarantine, load, progress, workers)
    outcomes.sort(key=lambda o: o.name)
    return GdeltFetchReport(
        version=version,
        mirror=source.base,
        start=first,
        end=last,
        listed=len(listing.files),
        already_loaded=already_loaded,
        held_back=held_back,
        downloaded=sum(1 for o in outcomes if o.bytes > 0),
        bytes=sum(o.bytes for o in outcomes),
        loaded=sum(1 for o in outcomes if o.status == LOADED),
        rows=sum(o.rows or 0 for o in outcomes),
        events=sum(o.events or 0 for o in outcomes),
        quarantined=[o.name for o in outcomes if o.status == QUARANTINED],
        failed=[o.name for o in outcomes if o.status in (FAILED, STOPPED)],
        malformed_list_lines=listing.malformed,
        cache_dir=str(cache),
        quarantine_dir=str(quarantine),
        seconds=round((datetime.now() - began).total_seconds(), 3),
        files=outcomes,
    )


def _download_and_load(
    ctx: Context,
    client: httpx.Client,
    source: Mirror,
    todo: list[RemoteFile],
    cache: Path,
    quarantine: Path,
    load: EventLoader,
    progress: FetchProgress | None,
    workers: int,
) -> list[FetchedFile]:
    """Download ``todo`` on a thread pool and load verified files in this thread as they arrive (the
    store has one writer), so loading overlaps downloading. Files that finished downloading while the
    previous batch was loading are loaded together, up to ``LOAD_BATCH`` at a time: the loader's fixed
    cost per call (its code tables) is then paid once per batch rather than once per file."""
    outcomes: list[FetchedFile] = []
    stop = threading.Event()
    on_bytes = progress.advanced if progress is not None else None
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gdelt-fetch")
    try:
        pending = {
            pool.submit(download_file, client, source, f, cache, quarantine, on_bytes, stop) for f in todo
        }
        ready: list[Downloaded] = []
        while pending or ready:
            done, pending = wait(pending, timeout=0 if ready else None, return_when=FIRST_COMPLETED)
            ready.extend(sorted((f.result() for f in done), key=lambda d: d.remote.name))
            batch, ready = ready[:LOAD_BATCH], ready[LOAD_BATCH:]
            for outcome in _settle(ctx, batch, load, quarantine):
                outcomes.append(outcome)
                if progress is not None:
                    progress.settled(outcome.name, outcome.status)
    except BaseException:
        stop.set()  # running transfers stop at their next chunk and keep their .part for a resume
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return outcomes


def _check_request(first: date, last: date, version: int, workers: int) -> None:
    if version not in (1, 2):
        raise UserInputError(f"--version must be 1 or 2, not {version}")
    if first > last:
        raise UserInputError(f"--from {first} is after --to {last}")
    if not 1 <= workers <= MAX_WORKERS:
        raise UserInputError(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}")
    begins = V2_FIRST_DAY if version == 2 else V1_FIRST_DAY
    if last < begins:
        hint = "; use --version 1 for earlier days" if version == 2 else ""
        raise UserInputError(f"GDELT {version}.0 events begin on {begins}{hint}")


def _plan(
    files: list[RemoteFile], known: dict[str, GdeltFileRecord], retry_quarantined: bool
) -> tuple[list[RemoteFile], int, int]:
    """(files to obtain, how many are already loaded, how many stay quarantined).

    A record only counts while GDELT lists the same MD5: a republished file is fetched again.
    """
    todo: list[RemoteFile] = []
    already_loaded = held_back = 0
    for remote in files:
        record = known.get(remote.url)
        same = record is not None and record.md5 == remote.md5
        if same and record is not None and record.loaded:
            already_loaded += 1
        elif same and record is not None and record.status == QUARANTINED and not retry_quarantined:
            held_back += 1
        else:
            todo.append(remote)
    return todo, already_loaded, held_back


def _settle(ctx: Context, batch: list[Downloaded], load: EventLoader, quarantine: Path) -> list[FetchedFile]:
    """Load the verified files of ``batch`` in one call, then record every file's outcome."""
    verified = [got.path for got in batch if got.status in (CACHED, DOWNLOADED) and got.path is not None]
    results = {r.name: r for r in load(ctx, "gdelt", verified).files} if verified else {}
    return [_outcome(ctx, got, results.get(got.remote.name), quarantine) for got in batch]


def _outcome(ctx: Context, got: Downloaded, result: EventFileReport | None, quarantine: Path) -> FetchedFile:
    """Record what became of one file (``result`` is the loader's report on it, if it was loaded).

    Every file set aside, before loading (MD5, zip) or by the loader (columns, encoding, empty), ends in
    ``quarantine`` and in the store's ``quarantine`` table; the loader commits a file whole or not at
    all, so nothing of a refused file is left in the store.
    """
    remote = got.remote
    status, reason, path, code = got.status, got.reason, got.path, got.code
    rows = events = None
    if result is not None and path is not None:
        if result.status == QUARANTINED:
            status, reason, code = QUARANTINED, result.error, result.error_code
            path = set_aside(path, quarantine, remote.name)
        else:
            status, rows, events = LOADED, result.raw_rows, result.events
    elif status in (CACHED, DOWNLOADED):
        status, reason = FAILED, "the events loader did not report on this file"
    elif status == QUARANTINED:
        record_quarantine(
            ctx.store,
            QuarantineRecord(
                "gdelt", remote.name, remote.url, str(path), None, code or "", reason or "", datetime.now()
            ),
        )
    if status != STOPPED:
        record_file(
            ctx.store,
            GdeltFileRecord(
                url=remote.url,
                md5=remote.md5,
                size=remote.size,
                status=status,
                fetched_at=datetime.now(),
                loaded=status == LOADED,
                reason=reason,
                rows=rows,
            ),
        )
    return FetchedFile(
        name=remote.name,
        url=remote.url,
        status=status,
        bytes=got.received,
        resumed_from=got.resumed_from,
        rows=rows,
        events=events,
        reason=reason,
        error_code=code,
        path=str(path) if path is not None else None,
    )


def gdelt_fetch_rows(report: GdeltFetchReport) -> list[dict[str, Any]]:
    """One row per outcome (loaded, quarantined, failed, already loaded, still quarantined) with its
    files, bytes transferred, raw rows and events, for a table."""
    counts: dict[str, list[int]] = {}
    for outcome in report.files:
        entry = counts.setdefault(outcome.status, [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += outcome.bytes
        entry[2] += outcome.rows or 0
        entry[3] += outcome.events or 0
    rows = [
        {"status": status, "files": n, "bytes": b, "rows": r, "events": e}
        for status, (n, b, r, e) in sorted(counts.items())
    ]
    for status, files in (("already loaded", report.already_loaded), ("still quarantined", report.held_back)):
        if files:
            rows.append({"status": status, "files": files, "bytes": 0, "rows": 0, "events": 0})
    return rows
