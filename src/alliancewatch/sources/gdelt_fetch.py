"""GDELT's own file lists: which events export files exist, for which days, with which MD5.

GDELT 2.0 publishes one events file every 15 minutes and lists every file it has ever published in
``gdeltv2/masterfilelist.txt`` (lines ``SIZE MD5 URL``; the same list also names the ``mentions`` and
``gkg`` files, which are not events and are skipped). GDELT 1.0 publishes daily events files from
2013-04-01 (``YYYYMMDD.export.CSV.zip``), monthly ones for 2006-2013 (``YYYYMM.zip``) and yearly ones for
1979-2005 (``YYYY.zip``), with their MD5s in ``events/md5sums`` (``MD5  NAME``, as ``md5sum`` writes)
and their sizes in ``events/filesizes`` (``SIZE NAME``).

A mirror is a base URL or a local directory laid out like http://data.gdeltproject.org, so the same
relative paths (``gdeltv2/…``, ``events/…``) work on the real host, on a copy and in tests. Downloading
and verifying the files themselves is :mod:`alliancewatch.sources.gdelt_download`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx

from alliancewatch.errors import FetchError, UserInputError

GDELT_HOST = "http://data.gdeltproject.org"
V2_LIST = "gdeltv2/masterfilelist.txt"
V1_MD5S = "events/md5sums"
V1_SIZES = "events/filesizes"
V2_FIRST_DAY = date(2015, 2, 18)  # the first 15-minute batch of GDELT 2.0
V1_FIRST_DAY = date(1979, 1, 1)

_V2_NAME = re.compile(r"^(\d{14})\.export\.CSV\.zip$")
_V1_NAME = re.compile(r"^(\d{4}|\d{6})\.zip$|^(\d{8})\.export\.CSV\.zip$")
_MD5 = re.compile(r"^[0-9a-fA-F]{32}$")
# Enough bytes of the cached master list's tail to recognise it on the server again (one full line).
_TAIL_BYTES = 512


@dataclass(frozen=True)
class RemoteFile:
    """One events file GDELT lists: where it is, what it must hash to, and the days it covers.

    ``url`` is the canonical address on data.gdeltproject.org (the key the store records, whatever
    mirror served the bytes); ``path`` is relative to a mirror's root. ``first_day``/``last_day`` are
    inclusive UTC days: the publication day of a 2.0 batch, or the year/month/day a 1.0 file covers.
    ``size`` is in bytes, ``None`` where the list does not say.
    """

    name: str
    path: str
    url: str
    md5: str
    size: int | None
    first_day: date
    last_day: date
    version: int


@dataclass(frozen=True)
class Listing:
    """The events files of one GDELT version that fall in a window, and how many list lines were unusable."""

    files: list[RemoteFile]
    malformed: int


@dataclass(frozen=True)
class Mirror:
    """A base URL or a local directory laid out like data.gdeltproject.org."""

    base: str

    @property
    def is_local(self) -> bool:
        return not self.base.startswith(("http://", "https://"))

    def locate(self, relative: str) -> str:
        """The URL, or local path, of ``relative`` (e.g. ``gdeltv2/masterfilelist.txt``) on this mirror."""
        if self.is_local:
            return str(Path(self.base) / relative)
        return f"{self.base.rstrip('/')}/{relative}"


def open_mirror(base: str | None) -> Mirror:
    """The mirror to use: ``base`` if given (URL or existing directory), else GDELT's own host."""
    mirror = Mirror(base if base else GDELT_HOST)
    if mirror.is_local and not Path(mirror.base).is_dir():
        raise UserInputError(f"--mirror {mirror.base!r} is neither an http(s) URL nor an existing directory")
    return mirror


def parse_master_list(lines: Iterable[str], first: date, last: date) -> Listing:
    """GDELT 2.0 events files published from ``first`` to ``last`` (inclusive, UTC days).

    ``lines`` are master-list lines ``SIZE MD5 URL``; mentions and GKG lines are ignored, and lines that
    do not have a size, a 32-hex MD5 and an events file name are counted in ``malformed``.
    """
    low, high = first.strftime("%Y%m%d"), last.strftime("%Y%m%d")
    # Keyed by name: a file listed twice must not be downloaded twice at once into the same .part;
    # the later line wins, as a re-listed file is the newer one.
    files: dict[str, RemoteFile] = {}
    malformed = 0
    for line in lines:
        # A cheap substring test first: the list has three lines per batch and two are not events.
        if ".export." not in line:
            continue
        parts = line.split()
        name = parts[-1].rsplit("/", 1)[-1] if parts else ""
        match = _V2_NAME.match(name)
        if len(parts) != 3 or not parts[0].isdigit() or not _MD5.match(parts[1]) or match is None:
            malformed += 1
            continue
        stamp = match.group(1)
        if not low <= stamp[:8] <= high:
            continue
        try:
            day = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
        except ValueError:
            malformed += 1
            continue
        files[name] = RemoteFile(
            name=name,
            path=f"gdeltv2/{name}",
            url=f"{GDELT_HOST}/gdeltv2/{name}",
            md5=parts[1].lower(),
            size=int(parts[0]),
            first_day=day,
            last_day=day,
            version=2,
        )
    return Listing(sorted(files.values(), key=lambda f: f.name), malformed)


def parse_v1_lists(md5_lines: Iterable[str], size_lines: Iterable[str], first: date, last: date) -> Listing:
    """GDELT 1.0 events files (yearly, monthly or daily) that overlap ``first``..``last`` (inclusive).

    ``md5_lines`` come from ``events/md5sums`` and decide which files exist; ``size_lines`` from
    ``events/filesizes`` only add sizes (it may be empty). Other files in those lists (GKG, the reduced
    master file) are ignored.
    """
    sizes: dict[str, int] = {}
    for line in size_lines:
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit():
            sizes[parts[1]] = int(parts[0])
    files: dict[str, RemoteFile] = {}
    malformed = 0
    for line in md5_lines:
        parts = line.split()
        if len(parts) != 2 or not _MD5.match(parts[0]):
            malformed += bool(line.strip())
            continue
        name = parts[1].lstrip("*")  # md5sum marks binary-mode entries with '*'
        period = _v1_period(name)
        if period is None:
            continue
        first_day, last_day = period
        if last_day < first or first_day > last:
            continue
        files[name] = RemoteFile(
            name=name,
            path=f"events/{name}",
            url=f"{GDELT_HOST}/events/{name}",
            md5=parts[0].lower(),
            size=sizes.get(name),
            first_day=first_day,
            last_day=last_day,
            version=1,
        )
    return Listing(sorted(files.values(), key=lambda f: (f.first_day, f.name)), malformed)


def _v1_period(name: str) -> tuple[date, date] | None:
    """The inclusive days a 1.0 events file covers, from its name; None for anything else."""
    match = _V1_NAME.match(name)
    if match is None:
        return None
    digits = match.group(1) or match.group(2)
    try:
        if len(digits) == 4:
            year = int(digits)
            return date(year, 1, 1), date(year, 12, 31)
        if len(digits) == 6:
            start = date(int(digits[:4]), int(digits[4:]), 1)
            following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, following - timedelta(days=1)
        day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return day, day


def list_files(
    client: httpx.Client, mirror: Mirror, version: int, first: date, last: date, cache: Path
) -> Listing:
    """Read the mirror's list for ``version`` (1 or 2) and keep the events files in the window.

    The 2.0 master list (hundreds of MB by now) is kept in ``cache`` and brought up to date with a Range
    request for its new tail; the 1.0 lists are small and read whole. Raises FetchError when the mirror
    cannot be read.
    """
    if version == 2:
        path = mirror_master_list(client, mirror, cache / "masterfilelist.txt")
        with path.open(encoding="utf-8", errors="replace") as fh:
            return parse_master_list(fh, first, last)
    md5s = read_text(client, mirror, V1_MD5S)
    try:
        sizes = read_text(client, mirror, V1_SIZES)
    except FetchError:
        sizes = ""  # sizes only feed the progress bar and an early size check; the MD5s are what matter
    return parse_v1_lists(md5s.splitlines(), sizes.splitlines(), first, last)


def read_text(client: httpx.Client, mirror: Mirror, relative: str) -> str:
    """A small text file from the mirror (undecodable bytes replaced); FetchError if it cannot be had."""
    where = mirror.locate(relative)
    if mirror.is_local:
        try:
            return Path(where).read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            raise FetchError(f"cannot read {where}: {exc.strerror or exc}") from exc
    try:
        response = client.get(where)
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot reach the GDELT mirror at {where}: {_reason(exc)}") from exc
    if response.status_code != httpx.codes.OK:
        raise FetchError(f"{where}: HTTP {response.status_code}")
    return response.content.decode("utf-8", errors="replace")


def mirror_master_list(client: httpx.Client, mirror: Mirror, cached: Path) -> Path:
    """A local copy of the 2.0 master list that is current with the mirror; returns its path.

    The list only ever grows at the end, so a cached copy is extended with ``Range: bytes=N-`` from a
    little before its end; the overlap must match the cached tail, otherwise (the list was rewritten or
    the server ignores ranges) the whole list is fetched again.
    """
    if mirror.is_local:
        local = Path(mirror.locate(V2_LIST))
        if not local.is_file():
            raise FetchError(f"the mirror has no GDELT 2.0 master list (looked for {local})")
        return local
    url = mirror.locate(V2_LIST)
    cached.parent.mkdir(parents=True, exist_ok=True)
    try:
        if cached.is_file() and cached.stat().st_size > 0 and _extend(client, url, cached):
            return cached
        _fetch_whole(client, url, cached)
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot reach the GDELT mirror at {url}: {_reason(exc)}") from exc
    return cached


def _extend(client: httpx.Client, url: str, cached: Path) -> bool:
    """Append the server's new tail to ``cached``; False when the copy cannot be trusted to extend."""
    size = cached.stat().st_size
    overlap = min(size, _TAIL_BYTES)
    with cached.open("rb") as fh:
        fh.seek(size - overlap)
        tail = fh.read()
    with client.stream("GET", url, headers={"Range": f"bytes={size - overlap}-"}) as response:
        # Anything but 206 (a server ignoring ranges answers 200 with the whole list) is left unread.
        if response.status_code != httpx.codes.PARTIAL_CONTENT:
            return False
        body = response.read()
    if not body.startswith(tail):
        return False
    with cached.open("ab") as fh:
        fh.write(body[overlap:])
    return True


def _fetch_whole(client: httpx.Client, url: str, cached: Path) -> None:
    partial = cached.with_name(cached.name + ".part")
    with client.stream("GET", url) as response:
        if response.status_code != httpx.codes.OK:
            raise FetchError(f"{url}: HTTP {response.status_code}")
        with partial.open("wb") as fh:
            for chunk in response.iter_bytes(1 << 20):
                fh.write(chunk)
    partial.replace(cached)


def _reason(exc: BaseException) -> str:
    """A one-line reason for a network error (httpx messages can be empty or multi-line)."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
