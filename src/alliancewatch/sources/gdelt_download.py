"""Downloading one GDELT file: streamed to a ``.part`` file, resumed with HTTP Range after an interruption,
checked against the MD5 (and size) from GDELT's list and opened as a zip before it gets its final name.

A file that fails a check is moved to a quarantine folder, never loaded; a file that could not be
fetched keeps its ``.part`` so the next attempt (in this run or the next) resumes where it stopped.
These functions are safe to run from several threads at once on different files.
"""

from __future__ import annotations

import hashlib
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from alliancewatch.errors import ChecksumMismatchError, FetchError, MalformedFileError
from alliancewatch.sources.gdelt_fetch import Mirror, RemoteFile

_CHUNK = 1 << 16

CACHED = "cached"  # already in the cache and verified: nothing transferred
DOWNLOADED = "downloaded"  # transferred and verified
QUARANTINED = "quarantined"  # transferred but failed a check; moved aside
FAILED = "failed"  # could not be transferred; its .part (if any) is kept for a resume
STOPPED = "stopped"  # the run was interrupted; its .part is kept for a resume


@dataclass(frozen=True)
class Downloaded:
    """What became of one file: ``path`` is the verified zip, or where a rejected one was moved.

    ``received`` counts the bytes transferred in this run; ``resumed_from`` is the byte offset of the
    first Range request (0 when the transfer started from the beginning); ``code`` is the error code of
    a quarantined file (AW202 checksum, AW203 damaged zip).
    """

    remote: RemoteFile
    status: str
    path: Path | None
    reason: str | None
    received: int
    resumed_from: int
    code: str | None = None


class _StoppedError(Exception):
    """The run was interrupted mid-transfer (the .part stays for a resume)."""


def download_file(
    client: httpx.Client,
    mirror: Mirror,
    remote: RemoteFile,
    folder: Path,
    quarantine: Path,
    on_bytes: Callable[[int], None] | None = None,
    stop: threading.Event | None = None,
    attempts: int = 3,
    backoff: float = 0.5,
) -> Downloaded:
    """Get ``remote`` into ``folder`` verified, or say why not. Never raises for a per-file problem.

    Network errors are retried ``attempts`` times (resuming each time, waiting ``backoff`` seconds,
    doubling); an MD5 mismatch after a resume is retried once from byte 0, since the earlier bytes may
    belong to a version of the file that has since been replaced.
    """
    final = folder / remote.name
    if final.is_file():
        if md5_file(final) == remote.md5:
            return Downloaded(remote, CACHED, final, None, 0, 0)
        final.unlink()  # the list now names another version of this file
    folder.mkdir(parents=True, exist_ok=True)
    part = final.with_name(final.name + ".part")
    received, resumed_from, restarted, last_error = 0, 0, False, ""
    for attempt in range(attempts):
        if stop is not None and stop.is_set():
            return Downloaded(remote, STOPPED, None, "interrupted", received, resumed_from)
        try:
            got, offset = _transfer(client, mirror, remote, part, on_bytes, stop)
        except _StoppedError:
            return Downloaded(remote, STOPPED, None, "interrupted", received, resumed_from)
        except FetchError as exc:
            return Downloaded(remote, FAILED, None, exc.message, received, resumed_from)
        except (httpx.TransportError, OSError) as exc:
            last_error = _one_line(exc)
            if attempt + 1 < attempts:
                time.sleep(backoff * 2**attempt)
            continue
        received += got
        resumed_from = resumed_from or offset
        problem = verify(part, remote)
        if problem is None:
            part.replace(final)
            return Downloaded(remote, DOWNLOADED, final, None, received, resumed_from)
        if offset > 0 and not restarted:
            part.unlink()
            restarted = True
            continue
        code, message = problem
        aside = set_aside(part, quarantine, remote.name)
        return Downloaded(remote, QUARANTINED, aside, message, received, resumed_from, code)
    where = mirror.locate(remote.path)
    return Downloaded(remote, FAILED, None, f"{where}: {last_error or 'gave up'}", received, resumed_from)


def _transfer(
    client: httpx.Client,
    mirror: Mirror,
    remote: RemoteFile,
    part: Path,
    on_bytes: Callable[[int], None] | None,
    stop: threading.Event | None,
) -> tuple[int, int]:
    """Bring ``part`` up to the whole file; returns (bytes received now, offset the transfer resumed at)."""
    if mirror.is_local:
        return _copy_local(Path(mirror.locate(remote.path)), part, on_bytes, stop), 0
    offset = part.stat().st_size if part.is_file() else 0
    if remote.size is not None and offset > remote.size:
        part.unlink()
        offset = 0
    if offset and offset == remote.size:
        return 0, offset  # a previous run got every byte but stopped before verifying
    url = mirror.locate(remote.path)
    # Identity encoding keeps the bytes on the wire equal to the file's bytes, which Range counts in.
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    with client.stream("GET", url, headers=headers) as response:
        status = response.status_code
        if status == httpx.codes.REQUESTED_RANGE_NOT_SATISFIABLE:
            return 0, offset  # nothing after our bytes: verification decides whether they are right
        if status == httpx.codes.PARTIAL_CONTENT and _range_start(response) == offset:
            mode = "ab"
        elif status == httpx.codes.OK:
            mode, offset = "wb", 0  # the server ignored the range: start over
        else:
            raise FetchError(f"{url}: HTTP {status}")
        if offset and on_bytes is not None:
            on_bytes(offset)
        received = 0
        with part.open(mode) as fh:
            # Without a chunk size, bytes are handed over as they arrive: a dropped connection loses none.
            for chunk in response.iter_bytes():
                if stop is not None and stop.is_set():
                    raise _StoppedError
                fh.write(chunk)
                received += len(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
    return received, offset


def _copy_local(
    source: Path, part: Path, on_bytes: Callable[[int], None] | None, stop: threading.Event | None
) -> int:
    if not source.is_file():
        raise FetchError(f"not in the mirror: {source}")
    copied = 0
    with source.open("rb") as src, part.open("wb") as dst:
        while chunk := src.read(_CHUNK):
            if stop is not None and stop.is_set():
                raise _StoppedError
            dst.write(chunk)
            copied += len(chunk)
            if on_bytes is not None:
                on_bytes(len(chunk))
    return copied


def _range_start(response: httpx.Response) -> int | None:
    """The first byte offset of a 206 answer (``Content-Range: bytes START-END/TOTAL``)."""
    value = response.headers.get("content-range", "")
    unit, _, spec = value.partition(" ")
    start = spec.partition("-")[0]
    return int(start) if unit == "bytes" and start.isdigit() else None


def verify(path: Path, remote: RemoteFile) -> tuple[str, str] | None:
    """Why ``path`` is not the file GDELT listed, as (error code, message): a checksum mismatch (MD5,
    with the sizes) or a zip that is not sound; None when it is the listed file."""
    actual = md5_file(path)
    if actual != remote.md5:
        size = path.stat().st_size
        listed = f", {remote.size} bytes listed" if remote.size is not None and remote.size != size else ""
        message = f"MD5 mismatch: got {actual} ({size} bytes{listed}), GDELT's list says {remote.md5}"
        return ChecksumMismatchError.code, message
    problem = check_zip(path)
    return (MalformedFileError.code, problem) if problem is not None else None


def check_zip(path: Path) -> str | None:
    """None for a readable zip whose members all pass their CRC; otherwise what is wrong with it."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not archive.namelist():
                return "the zip archive is empty"
            # testzip decompresses every member: this catches a damaged archive that GDELT itself
            # listed with a matching MD5, before any of its rows can reach the store.
            bad = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        return f"truncated or damaged zip ({_one_line(exc)})"
    return f"damaged zip: member {bad} fails its CRC check" if bad is not None else None


def set_aside(path: Path, quarantine: Path, name: str) -> Path:
    """Move a rejected file into ``quarantine`` under ``name`` (replacing an older copy); its new path."""
    quarantine.mkdir(parents=True, exist_ok=True)
    target = quarantine / name
    path.replace(target)
    return target


def md5_file(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
