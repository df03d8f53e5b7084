"""`alliancewatch treaties A B --year Y` (or `--from Y --to Y`)."""

from __future__ import annotations

from typing import Annotated

import typer

from alliancewatch.cli.common import (
    FormatOption,
    FromOption,
    MergeOption,
    ToOption,
    check_format,
    context,
    emit,
)
from alliancewatch.services import treaties, treaties_records, treaties_rows
from alliancewatch.services.treaties import TreatiesResult


def treaties_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (ISO-3, ISO-2, COW code or name).")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    year: Annotated[int | None, typer.Option("--year", help="One year.")] = None,
    start: FromOption = None,
    end: ToOption = None,
    merge: MergeOption = False,
    fmt: FormatOption = "table",
) -> None:
    """Alliance obligations (defence, offence, neutrality, non-aggression, consultation) between two states.

    ATOP 5.1 (either direction, up to 2018) OR-ed with the curated treaty registry; every obligation
    lists its sources. With --from/--to, one row per year.

    Example: alliancewatch treaties IRN RUS --year 2025
    Example: alliancewatch treaties IRN RUS --from 1992 --to 2026
    """
    check_format(fmt)
    result = treaties(context(ctx), a, b, year, start, end, merge)
    record = treaties_records(result)
    if isinstance(result, TreatiesResult):
        held = [name for name, value in result.obligations.items() if value]
        caption = {
            "pair": f"{result.a}–{result.b}",
            "year": result.year,
            "obligations": ", ".join(held) if held else "none",
        }
        title = f"Treaties binding {result.a} and {result.b} in {result.year}"
    else:
        caption = {"pair": f"{result.a}–{result.b}", "years": f"{result.start}-{result.end}"}
        title = f"Treaty obligations {result.a}–{result.b} by year"
    for index, note in enumerate(result.notes, start=1):
        caption[f"note {index}"] = note
    emit(record, fmt, rows=treaties_rows(result), title=title, caption=caption)
