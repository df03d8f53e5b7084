"""`alliancewatch dyad A B` (a pair's event series) and `alliancewatch dyads` (the busiest pairs)."""

from __future__ import annotations

from typing import Annotated

import typer

from alliancewatch.cli.common import FormatOption, MergeOption, check_format, context, emit
from alliancewatch.services.dyad import (
    dyad,
    dyad_records,
    dyad_rows,
    top_dyads,
    top_dyads_records,
    top_dyads_rows,
)

OriginOption = Annotated[
    str | None,
    typer.Option("--origin", help="Only events from gdelt, icews, polecat or text (default: all)."),
]
DateFromOption = Annotated[
    str | None, typer.Option("--from", help="First day: YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")
]
DateToOption = Annotated[
    str | None, typer.Option("--to", help="Last day: YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")
]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine", help="duckdb (embedded) or spark (local, or ALLIANCEWATCH_SPARK_MASTER's cluster)."
    ),
]
EverythingOption = Annotated[
    bool,
    typer.Option(
        "--all-events", help="Also count negated, hypothetical/future events and ICEWS mirror rows."
    ),
]


def dyad_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="Source country (ISO-3, ISO-2, COW code or name).")],
    b: Annotated[str, typer.Argument(help="Target country.")],
    freq: Annotated[str, typer.Option("--freq", help="Period: day, month or year.")] = "month",
    by: Annotated[
        str, typer.Option("--by", help="Break down by quad, context, or direction (who initiates).")
    ] = "quad",
    origin: OriginOption = None,
    start: DateFromOption = None,
    end: DateToOption = None,
    both: Annotated[bool, typer.Option("--both", help="Count B→A events too (default: A→B only).")] = False,
    engine: EngineOption = "duckdb",
    everything: EverythingOption = False,
    merge: MergeOption = False,
    fmt: FormatOption = "table",
) -> None:
    """Events between two countries per period: events, raw rows and mean intensity by quad or context.

    Example: alliancewatch dyad IRN RUS --freq month --origin gdelt --from 2019-10 --to 2019-10
    """
    check_format(fmt)
    result = dyad(context(ctx), a, b, freq, by, origin, start, end, both, engine, everything, merge)
    arrow = "↔" if both or by == "direction" else "→"
    title = f"Events {result.a}{arrow}{result.b} by {freq} and {by} ({origin or 'all origins'}, {engine})"
    emit(dyad_records(result), fmt, rows=dyad_rows(result), title=title)


def dyads_command(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", help="How many pairs to list.")] = 20,
    origin: OriginOption = None,
    start: DateFromOption = None,
    end: DateToOption = None,
    quad: Annotated[int | None, typer.Option("--quad", help="Only quad 1, 2, 3 or 4.")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Only pairs with this country on either side.")
    ] = None,
    engine: EngineOption = "duckdb",
    everything: EverythingOption = False,
    fmt: FormatOption = "table",
) -> None:
    """The directed country pairs with most events: events, raw rows and mean intensity.

    Example: alliancewatch dyads --top 10 --origin gdelt --quad 4
    """
    check_format(fmt)
    result = top_dyads(context(ctx), top, origin, start, end, quad, country, engine, everything)
    title = f"Top {top} dyads ({origin or 'all origins'}, {engine})"
    emit(top_dyads_records(result), fmt, rows=top_dyads_rows(result), title=title)
