"""`alliancewatch ingest PATH|URL…`."""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import Annotated

import typer

from alliancewatch.cli.common import FormatOption, check_format, context, emit
from alliancewatch.errors import DataError, FetchError, UserInputError
from alliancewatch.services import ingest, ingest_records, ingest_rows
from alliancewatch.sources.articles import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, ReadOptions

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}


def ingest_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (HTML, text, JSONL, RSS/Atom), directories or http(s) URLs.", show_default=False
        ),
    ],
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Skip malformed JSONL lines (counted) instead of stopping.")
    ] = False,
    max_bytes: Annotated[
        str, typer.Option("--max-bytes", help="Largest input (or JSONL line) read, e.g. 20MB, 500k.")
    ] = f"{DEFAULT_MAX_BYTES // 1_000_000}MB",
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) for documents that carry none."),
    ] = None,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="Fetch each feed entry's page instead of its summary.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for a URL before giving up.")
    ] = DEFAULT_TIMEOUT,
    fmt: FormatOption = "table",
) -> None:
    """Read articles, keep their English prose, drop duplicates, store them with dated sentences.

    Re-ingesting a document changes nothing (it is reported as unchanged). Errors such as an unreachable
    URL are listed, one line each on stderr, and make the exit status non-zero.

    Example: alliancewatch ingest ../shared/seeds/000_8bace14ff467b8ae.txt --published 2025-06-20
    """
    check_format(fmt)
    if timeout <= 0:
        raise UserInputError(f"--timeout must be positive, not {timeout:g}")
    options = ReadOptions(
        max_bytes=_size(max_bytes), skip_bad=skip_bad, timeout=timeout, follow_links=follow_links
    )
    report = ingest(context(ctx), inputs, options, _date(published))
    caption = dict(report.summary())
    emit(ingest_records(report), fmt, rows=ingest_rows(report), title="ingest", caption=caption)
    errors = [i for i in report.items if i.status == "error"]
    for item in errors:
        code = FetchError.code if item.reason == "unreachable" else DataError.code
        sys.stderr.write(f"error[{code}]: {item.source}: {item.message}\n")
    if errors:
        unreachable = any(i.reason == "unreachable" for i in errors)
        raise typer.Exit(FetchError.exit_code if unreachable else DataError.exit_code)


def _size(text: str) -> int:
    match = _SIZE.match(text)
    if not match or float(match.group(1)) <= 0:
        raise UserInputError(f"--max-bytes must be a size such as 20MB or 500000, not {text!r}")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserInputError(f"--published must be a date as YYYY-MM-DD, not {text!r}") from None
