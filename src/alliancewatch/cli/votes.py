"""`alliancewatch votes A B`."""

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
from alliancewatch.services import votes, votes_records


def votes_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (ISO-3, ISO-2, COW code or name).")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    by: Annotated[str, typer.Option("--by", help="Period: decade or year.")] = "decade",
    start: FromOption = None,
    end: ToOption = None,
    issue: Annotated[
        str | None, typer.Option("--issue", help="Only roll calls on one issue: me nu di hr co ec.")
    ] = None,
    merge: MergeOption = False,
    fmt: FormatOption = "table",
) -> None:
    """UN General Assembly voting agreement (exact, agree, S, kappa) and ideal-point distance.

    Example: alliancewatch votes IRN RUS --by decade --merge-predecessors
    """
    check_format(fmt)
    result = votes(context(ctx), a, b, by, start, end, issue, merge)
    records = votes_records(result)
    emit(records, fmt, title=f"UNGA agreement {result.a}–{result.b} by {by}")
