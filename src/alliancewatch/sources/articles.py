"""Articles to ingest: files, directories, JSONL, RSS/Atom feeds and http(s) URLs, read into plain records.

Each input (a path, a directory's file, a URL) is one :class:`InputBatch` of :class:`RawArticle` records
and :class:`InputProblem` entries (what was skipped or failed, and why, in one line). Nothing here cleans or
judges the text; :mod:`alliancewatch.text` does. What kind an input is comes from its extension, else its
HTTP Content-Type, else its first bytes.

Limits: an input over ``max_bytes`` is skipped with a message naming the limit (a JSONL file is read line
by line, and the limit applies to each line). A JSONL file is checked whole before any of it is used: a
malformed line stops the batch with a :class:`~alliancewatch.errors.UserInputError` that gives the line
numbers, unless ``skip_bad`` turns each bad line into a counted problem.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from alliancewatch.errors import UserInputError
from alliancewatch.sources.decoding import UndecodableError, charset_of, decode

DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_TIMEOUT = 10.0
_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".xml": "feed", ".rss": "feed",
    ".atom": "feed",
}  # fmt: skip
_JSONL_FIELDS = ("id", "text", "html", "url", "published", "date", "outlet", "title")
_SHOWN_BAD_LINES = 5


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the size limit in bytes, whether bad JSONL lines are skipped, the network
    timeout in seconds, and whether feed entries are fetched from their links."""

    max_bytes: int = DEFAULT_MAX_BYTES
    skip_bad: bool = False
    timeout: float = DEFAULT_TIMEOUT
    follow_links: bool = False


@dataclass(frozen=True)
class RawArticle:
    """One article as read: ``source`` names where (``path``, ``path:LINE``, ``URL``, ``feed#N``),
    ``markup`` is ``html`` or ``text``, ``sha256`` is the digest of the raw bytes, and the metadata the
    input itself gave (the cleaner may add more). ``note`` records an encoding repair."""

    source: str
    body: str
    markup: str
    sha256: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    external_id: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class InputProblem:
    """Something that could not be read: ``status`` is ``skipped`` (counted, expected in bulk input:
    binary, empty, too large, unsupported, a bad JSONL line under ``skip_bad``) or ``error`` (the input
    was asked for and failed: unreachable URL, unreadable file), with a one-line ``message``."""

    source: str
    status: str
    reason: str
    message: str


@dataclass(frozen=True)
class InputBatch:
    """The records of one input, stored together (one transaction per batch)."""

    source: str
    items: Iterable[RawArticle | InputProblem] = field(default_factory=list)


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse, before anything is read, an empty input list or a local path that does not exist."""
    if not inputs:
        raise UserInputError("nothing to ingest: give one or more files, directories or http(s) URLs")
    missing = [i for i in inputs if not _is_url(i) and not Path(i).exists()]
    if missing:
        raise UserInputError(f"no such file or directory: {', '.join(missing)}")


def read_inputs(inputs: Sequence[str], options: ReadOptions) -> Iterator[InputBatch]:
    """One :class:`InputBatch` per file or URL, in the order given (directories walked in name order)."""
    check_inputs(inputs)
    headers = {"User-Agent": "alliancewatch (+https://github.com/alliancewatch)"}
    with httpx.Client(timeout=options.timeout, follow_redirects=True, headers=headers) as client:
        reader = _Reader(options, client)
        for item in inputs:
            if _is_url(item):
                yield reader.url(item)
            elif Path(item).is_dir():
                yield from (reader.file(p, explicit=False) for p in _walk(Path(item)))
            else:
                yield reader.file(Path(item), explicit=True)


def parse_published(value: object) -> date | None:
    """A publication date from ISO (``2025-06-15``, ``2025-06-15T10:00:00Z``) or RFC 2822 text;
    raises ValueError on anything else."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {value!r}")
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"cannot read {value!r} as a date (use YYYY-MM-DD)") from None


class _Reader:
    def __init__(self, options: ReadOptions, client: httpx.Client) -> None:
        self.options = options
        self.client = client

    # --- files ----------------------------------------------------------------------------------
    def file(self, path: Path, explicit: bool) -> InputBatch:
        source = str(path)
        kind = _EXTENSIONS.get(path.suffix.lower())
        if kind is None and not explicit:
            return _problem(source, "skipped", "unsupported", f"not an article file ({path.suffix or 'no'} "
                            "extension)")  # fmt: skip
        try:
            if kind == "jsonl":
                return InputBatch(source, self._jsonl(path))
            size = path.stat().st_size
            if size > self.options.max_bytes:
                return self._too_large(source, size)
            data = path.read_bytes()
        except OSError as exc:
            return _problem(source, "error", "unreadable", f"cannot read: {exc.strerror or exc}")
        return InputBatch(source, self._document(source, data, kind or _sniff(data), None, None))

    def _too_large(self, source: str, size: int) -> InputBatch:
        return _problem(source, "skipped", "too-large", _too_large_message(size, self.options.max_bytes))

    # --- URLs -----------------------------------------------------------------------------------
    def url(self, url: str) -> InputBatch:
        fetched = self._fetch(url)
        if isinstance(fetched, InputProblem):
            return InputBatch(url, [fetched])
        data, content_type, final_url = fetched
        kind = _kind_of_content_type(content_type) or _EXTENSIONS.get(Path(httpx.URL(final_url).path).suffix)
        kind = kind or _sniff(data)
        if kind == "jsonl":
            return InputBatch(url, self._jsonl_lines(url, iter(data.splitlines(keepends=True))))
        return InputBatch(url, self._document(url, data, kind, charset_of(content_type), final_url))

    def _fetch(self, url: str) -> tuple[bytes, str | None, str] | InputProblem:
        limit = self.options.max_bytes
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code != httpx.codes.OK:
                    return InputProblem(url, "error", "unreachable", f"HTTP {response.status_code}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > limit:
                    return InputProblem(url, "skipped", "too-large", _too_large_message(declared, limit))
                chunks: list[bytes] = []
                received = 0
                for chunk in response.iter_bytes():
                    received += len(chunk)
                    if received > limit:
                        message = f"over the {_mb(limit)} limit (raise it with --max-bytes)"
                        return InputProblem(url, "skipped", "too-large", message)
                    chunks.append(chunk)
                return b"".join(chunks), response.headers.get("content-type"), str(response.url)
        except httpx.TimeoutException:
            return InputProblem(url, "error", "unreachable", f"timed out after {self.options.timeout:g} s")
        except httpx.HTTPError as exc:
            return InputProblem(url, "error", "unreachable", f"unreachable ({type(exc).__name__}: {exc})")

    # --- one document ---------------------------------------------------------------------------
    def _document(
        self, source: str, data: bytes, kind: str, charset: str | None, url: str | None
    ) -> list[RawArticle | InputProblem]:
        if not data.strip():
            return [InputProblem(source, "skipped", "empty", "empty input")]
        try:
            decoded = decode(data, charset)
        except UndecodableError as exc:
            return [InputProblem(source, "skipped", exc.reason, str(exc))]
        if kind == "feed":
            return list(self._feed(source, data))
        digest = hashlib.sha256(data).hexdigest()
        markup = "html" if kind == "html" else "text"
        return [RawArticle(source, decoded.text, markup, digest, url=url, note=decoded.note)]

    # --- feeds ----------------------------------------------------------------------------------
    def _feed(self, source: str, data: bytes) -> Iterator[RawArticle | InputProblem]:
        import feedparser

        parsed = feedparser.parse(data)  # bytes, never a string: a string would be fetched as a URL
        if not parsed.entries:
            reason = parsed.get("bozo_exception") if parsed.get("bozo") else "no entries"
            yield InputProblem(source, "skipped", "malformed", f"not a readable RSS/Atom feed ({reason})")
            return
        outlet = parsed.feed.get("title") or None
        for number, entry in enumerate(parsed.entries, start=1):
            yield self._entry(f"{source}#{number}", entry, outlet)

    def _entry(self, source: str, entry: Any, outlet: str | None) -> RawArticle | InputProblem:
        link = str(entry.get("link") or "") or None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        contents = entry.get("content") or []
        body = str((contents[0].get("value") if contents else entry.get("summary")) or "")
        article = RawArticle(
            source=source,
            body=body,
            markup="html",
            sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
            url=link,
            title=str(entry.get("title") or "") or None,
            published=date(*stamp[:3]) if stamp else None,
            outlet=outlet,
            external_id=str(entry.get("id") or "") or None,
        )
        if self.options.follow_links and link and _is_url(link):
            items = list(self.url(link).items)
            page = items[0] if items else InputProblem(source, "skipped", "empty", "linked page is empty")
            if isinstance(page, InputProblem):
                return replace(page, source=source)
            # the page's own text and bytes, with the feed's metadata where the page gave none
            return replace(article, body=page.body, sha256=page.sha256, url=page.url or link, note=page.note)
        if not body.strip():
            return InputProblem(source, "skipped", "empty", "feed entry has no text (try --follow-links)")
        return article

    # --- JSONL ----------------------------------------------------------------------------------
    def _jsonl(self, path: Path) -> list[RawArticle | InputProblem]:
        with path.open("rb") as fh:
            return self._jsonl_lines(str(path), _limited_lines(fh, self.options.max_bytes))

    def _jsonl_lines(self, source: str, lines: Iterator[bytes | None]) -> list[RawArticle | InputProblem]:
        # The whole file is checked before anything is returned: a bad line stops it all unless skip_bad.
        items: list[RawArticle | InputProblem] = []
        bad: list[tuple[int, str]] = []
        for number, raw in enumerate(lines, start=1):
            where = f"{source}:{number}"
            if raw is None:
                items.append(
                    InputProblem(
                        where, "skipped", "too-large", _too_large_message(None, self.options.max_bytes)
                    )
                )
                continue
            if not raw.strip():
                continue
            try:
                items.append(_jsonl_record(where, raw))
            except ValueError as exc:
                bad.append((number, str(exc)))
                items.append(InputProblem(where, "skipped", "malformed", f"line {number}: {exc}"))
        if bad and not self.options.skip_bad:
            shown = "; ".join(f"line {n}: {m}" for n, m in bad[:_SHOWN_BAD_LINES])
            more = f" (and {len(bad) - _SHOWN_BAD_LINES} more)" if len(bad) > _SHOWN_BAD_LINES else ""
            raise UserInputError(
                f"{source}: {len(bad)} malformed JSONL line(s): {shown}{more}; nothing from this file was "
                "stored (use --skip-bad to skip bad lines)"
            )
        return items


def _jsonl_record(where: str, raw: bytes) -> RawArticle | InputProblem:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    for key in _JSONL_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
            raise ValueError(f"field {key!r} must be a string, got {type(value).__name__}")
    if "text" not in obj and "html" not in obj:
        raise ValueError("needs a 'text' or an 'html' field")
    published = parse_published(obj.get("published") or obj.get("date"))
    markup, body = ("html", obj["html"]) if obj.get("html") else ("text", obj.get("text") or "")
    if not body.strip():
        return InputProblem(where, "skipped", "empty", "empty text")
    return RawArticle(
        source=where,
        body=body,
        markup=markup,
        sha256=hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest(),
        url=obj.get("url") or None,
        title=obj.get("title") or None,
        published=published,
        outlet=obj.get("outlet") or None,
        external_id=str(obj["id"]) if obj.get("id") is not None else None,
    )


def _limited_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of ``fh``; None in place of a line longer than ``limit`` bytes (never held whole)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _walk(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    return "jsonl" if head.startswith(b"{") else "text"


def _kind_of_content_type(content_type: str | None) -> str | None:
    kinds: dict[str, str] = {
        "text/html": "html", "application/xhtml+xml": "html", "application/rss+xml": "feed",
        "application/atom+xml": "feed", "text/plain": "text", "application/x-ndjson": "jsonl",
        "application/jsonl": "jsonl",
    }  # fmt: skip
    mime = (content_type or "").split(";")[0].strip().lower()
    return kinds.get(mime)


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _too_large_message(size: int | None, limit: int) -> str:
    what = f"{_mb(size)}, " if size is not None else ""
    return f"too large ({what}over the {_mb(limit)} limit; raise it with --max-bytes)"


def _problem(source: str, status: str, reason: str, message: str) -> InputBatch:
    return InputBatch(source, [InputProblem(source, status, reason, message)])
