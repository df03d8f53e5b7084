"""What every event-file loader shares: finding the files, checking their bytes, unpacking zips, setting bad
files aside, and the code tables that turn CAMEO, country and FIPS codes into the product's codes.

A user names files, globs (``data/*.zip``) or directories; :func:`find_event_files` turns them into a
sorted list of files. Each file is then checked by :func:`scan_file` in one streaming pass (sha256, size,
line count, UTF-8 validity, first line) before anything reads it as a table, so a truncated, mis-encoded or
empty file is refused with the file's name and the line at fault. Zips are unpacked into a scratch folder
(:func:`unpack`) with their CRCs checked. A refused file is copied aside (:func:`quarantine_copy`), never
moved or deleted: it is the user's.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import re
import shutil
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError, UserInputError
from alliancewatch.model import CAMEO_ROOTS, PLOVER_QUADS
from alliancewatch.plover import Plover

#: Suffixes read when a directory is named (case does not matter); anything else in it is skipped.
EVENT_SUFFIXES = (".csv", ".tab", ".tsv", ".txt", ".zip")
_CHUNK = 1 << 22
_GLOB = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class FileScan:
    """One pass over a file's bytes: its sha256 (hex), size in bytes, number of lines, and first line
    (decoded, without the line break)."""

    sha256: str
    size: int
    lines: int
    first_line: str


def find_event_files(patterns: Sequence[str | Path]) -> list[Path]:
    """Expand files, globs and directories (searched recursively for :data:`EVENT_SUFFIXES`, hidden files
    skipped) into a sorted, de-duplicated list. A name that matches nothing is a :class:`UserInputError`."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        text = str(pattern)
        if _GLOB.search(text) and not Path(text).exists():
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True))
            if not matches:
                raise UserInputError(f"no files match {text!r}")
        else:
            matches = [Path(text)]
        for path in matches:
            if path.is_dir():
                found.update(dict.fromkeys(_files_in(path)))
            elif path.is_file():
                found[path] = None
            else:
                raise UserInputError(f"no such file or directory: {text}")
    return list(found)


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in EVENT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def is_zip(path: Path) -> bool:
    """True for a zip archive (by its name, or by its first bytes)."""
    return path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)


def scan_file(path: Path, name: str | None = None, text: bool = True) -> FileScan:
    """Hash and check ``path`` in one streaming pass.

    With ``text`` (the default), raises :class:`MalformedFileError` (naming ``name``, default the file
    name) for an empty file or one whose bytes are not UTF-8, with the line and byte offset of the first
    bad byte. Without, only hashes and measures it (for zips, whose members are checked once unpacked).
    """
    if not text:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        return FileScan(digest.hexdigest(), path.stat().st_size, 0, "")
    label = name or path.name
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    size = lines = 0
    head = last = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                offset = size + exc.start
                line = lines + chunk.count(b"\n", 0, exc.start) + 1
                raise MalformedFileError(
                    f"{label}: not UTF-8 text (byte 0x{chunk[exc.start]:02x} at line {line}, offset {offset})"
                ) from None
            if len(head) < 1 << 16 and b"\n" not in head:
                head += chunk[: 1 << 16]
            size += len(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise MalformedFileError(f"{label}: not UTF-8 text (the file ends inside a character)") from None
    if size and last != b"\n":
        lines += 1  # a last line without a line break still counts
    first = head.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", errors="replace")
    if not first.strip() or size == 0:
        raise MalformedFileError(f"{label}: empty file")
    return FileScan(digest.hexdigest(), size, lines, first)


def unpack(path: Path, workdir: Path) -> list[Path]:
    """The plain files to read for ``path``: itself, or the members of a zip extracted into ``workdir``.

    A zip that is truncated or damaged, or holds no file, raises :class:`MalformedFileError`.
    """
    if not is_zip(path):
        return [path]
    if not zipfile.is_zipfile(path):
        raise MalformedFileError(f"{path.name}: not a readable zip archive (truncated or damaged)")
    out: list[Path] = []
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if not members:
                raise MalformedFileError(f"{path.name}: the zip archive holds no file")
            for index, member in enumerate(members):
                target = workdir / f"{index:04d}-{_UNSAFE.sub('_', Path(member.filename).name)}"
                with archive.open(member) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
                out.append(target)
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise MalformedFileError(f"{path.name}: damaged zip archive ({exc})") from None
    return out


def count_columns(line: str, delimiter: str = "\t") -> int:
    """How many fields a line holds."""
    return line.count(delimiter) + 1


def check_columns(name: str, found: int, expected: Iterable[int], what: str) -> None:
    """Refuse a file whose first line does not have one of the ``expected`` numbers of fields."""
    allowed = sorted(set(expected))
    if found not in allowed:
        listed = " or ".join(str(n) for n in allowed)
        raise MalformedFileError(
            f"{name}: line 1 has {found} tab-separated columns; a {what} file has {listed}"
        )


def quarantine_copy(path: Path, folder: Path, stamp: str) -> Path:
    """Copy a refused file into ``folder`` as ``<stamp>-<name>`` and return the copy's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stamp}-{path.name}"
    shutil.copy2(path, target)
    return target


def safe_stem(name: str) -> str:
    """A file-system-safe stem for the Parquet parts of a loaded file (``a b.csv`` → ``a_b.csv``)."""
    return _UNSAFE.sub("_", name).strip("._") or "file"


# --- code tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeTables:
    """Small Arrow tables that loaders join against (all codes as strings):

    - ``cameo``: code, type, mode, contexts (list), quad, cameo_root, goldstein — every 2- to 4-digit code
      under a root 01..20 (a sub-code the crosswalk does not list takes its parent's reading);
    - ``countries``: code (CAMEO actor country code, ISO-3 or former ISO-3), iso3;
    - ``fips``: code (FIPS 10-4), iso3;
    - ``types``: type, quad, cameo_root (PLOVER types for files coded in PLOVER already);
    - ``modes``: type, mode, cameo_root.
    """

    cameo: pa.Table
    countries: pa.Table
    fips: pa.Table
    types: pa.Table
    modes: pa.Table


def code_tables(codes: CountryCodes, plover: Plover) -> CodeTables:
    """Build the join tables from the country tables and the CAMEO → PLOVER crosswalk (milliseconds)."""
    rows = [plover.type_for_cameo(code) for code in _all_cameo_codes()]
    cameo = pa.table(
        {
            "code": [m.code for m in rows],
            "type": [m.type for m in rows],
            "mode": [m.mode for m in rows],
            "contexts": pa.array([list(m.contexts) for m in rows], pa.list_(pa.string())),
            "quad": pa.array([m.quad for m in rows], pa.int8()),
            "cameo_root": [m.root for m in rows],
            "goldstein": pa.array([m.goldstein for m in rows], pa.float64()),
        }
    )
    country_codes: set[str] = set()
    fips_codes: set[str] = set()
    for country in codes.countries.values():
        country_codes.update((country.iso3, *country.former, *([country.cameo] if country.cameo else [])))
        fips_codes.update(c for c in (country.fips, *country.fips_other) if c)
    countries = _code_map(sorted(country_codes), codes.from_cameo)
    fips = _code_map(sorted(fips_codes), codes.from_fips)
    types = pa.table(
        {
            "type": list(PLOVER_QUADS),
            "quad": pa.array(list(PLOVER_QUADS.values()), pa.int8()),
            "cameo_root": [plover.cameo_root(t) for t in PLOVER_QUADS],
        }
    )
    pairs = [(t, m) for t in PLOVER_QUADS for m in plover.modes(t, legacy=True)]
    modes = pa.table(
        {
            "type": [t for t, _ in pairs],
            "mode": [m for _, m in pairs],
            "cameo_root": [plover.cameo_root(t, plover.normalize_mode(t, m)) for t, m in pairs],
        }
    )
    return CodeTables(cameo, countries, fips, types, modes)


def _all_cameo_codes() -> list[str]:
    # CAMEO codes are the 20 roots, then one or two more digits: 20 + 200 + 2000 strings in all.
    two = list(CAMEO_ROOTS)
    three = [f"{r}{d}" for r in two for d in range(10)]
    four = [f"{c}{d}" for c in three for d in range(10)]
    return two + three + four


def _code_map(values: list[str], resolve: Callable[[str], str | None]) -> pa.Table:
    pairs = [(v, resolve(v)) for v in values]
    kept = [(v, iso3) for v, iso3 in pairs if iso3]
    return pa.table({"code": [v for v, _ in kept], "iso3": [i for _, i in kept]})
