"""`alliancewatch events`: list or count the events in the store."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from alliancewatch.cli.common import MergeOption, context, emit
from alliancewatch.cli.dyad import DateFromOption, DateToOption, OriginOption
from alliancewatch.errors import UserInputError
from alliancewatch.report.output import FORMATS, to_plain
from alliancewatch.services.event_list import (
    DEFAULT_LIMIT,
    event_count,
    event_filter,
    event_rows,
    list_events,
)

EVENT_FORMATS = (*FORMATS, "jsonl")


def events_command(
    ctx: typer.Context,
    dyad: Annotated[
        tuple[str, str] | None,
        typer.Option("--dyad", help="Only events from A to B (two countries, or IGO).", metavar="A B"),
    ] = None,
    both: Annotated[bool, typer.Option("--both", help="With --dyad: B to A as well.")] = False,
    start: DateFromOption = None,
    end: DateToOption = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only one PLOVER type (e.g. CONSULT).")] = None,
    origin: OriginOption = None,
    count: Annotated[
        bool, typer.Option("--count", help="Print how many events (folded) and raw rows match.")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", help=f"At most N events (default {DEFAULT_LIMIT}; 0: all).")
    ] = DEFAULT_LIMIT,
    unfolded: Annotated[
        bool, typer.Option("--unfolded", help="One row per raw row: undo the folding of re-emissions.")
    ] = False,
    merge: MergeOption = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json (the stable contract), jsonl or csv.")
    ] = "table",
) -> None:
    """Events from every origin (text-coded, GDELT, ICEWS, POLECAT) in the PLOVER shape, by date.

    Example: alliancewatch events --dyad IRN RUS --both --from 2019 --origin gdelt --format json
    """
    if fmt not in EVENT_FORMATS:
        raise UserInputError(f"--format must be one of {', '.join(EVENT_FORMATS)}, not {fmt!r}")
    aw = context(ctx)
    query = event_filter(aw, dyad, start, end, type_, origin, both, unfolded, merge)
    if count:
        result = event_count(aw, query)
        record = to_plain(result)
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            emit(record, fmt, rows=[record], title="events")
        return
    listing = list_events(aw, query, limit)
    if fmt == "jsonl":
        for event in listing.events:
            sys.stdout.write(json.dumps(to_plain(event), ensure_ascii=False) + "\n")
        return
    shown = len(listing.events)
    caption = {"events": f"{shown} of {listing.total}" if shown < listing.total else shown}
    emit(listing.events, fmt, rows=event_rows(listing), title="events", caption=caption)
