"""`alliancewatch trade A B`."""

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
from alliancewatch.services import trade, trade_records, trade_rows


def trade_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (ISO-3, ISO-2, COW code or name).")],
    b: Annotated[str, typer.Argument(help="Second country.")],
    start: FromOption = None,
    end: ToOption = None,
    merge: MergeOption = False,
    fmt: FormatOption = "table",
) -> None:
    """Bilateral trade by year (Correlates of War v4.0, 1870-2014), million current USD, both ways.

    a_to_b = B's imports from A; b_to_a = A's imports from B; total = both (empty when either is
    missing); the _smoothed columns use COW's smoothed flows.

    Example: alliancewatch trade IRN RUS --from 1992 --to 2014
    """
    check_format(fmt)
    result = trade(context(ctx), a, b, start, end, merge)
    record = trade_records(result)
    caption = {k: v for k, v in record.items() if k != "years"}
    emit(record, fmt, rows=trade_rows(result), title=f"Trade {result.a}–{result.b}", caption=caption)
