"""`alliancewatch arms RECIPIENT`."""

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
from alliancewatch.services import (
    arms,
    arms_deals,
    arms_record,
    deals_record,
    deals_rows,
    partner_rows,
)


def arms_command(
    ctx: typer.Context,
    recipient: Annotated[
        str | None,
        typer.Argument(help="Recipient country (ISO-3, ISO-2, COW code or name); optional with --supplier."),
    ] = None,
    start: FromOption = None,
    end: ToOption = None,
    supplier: Annotated[
        str | None,
        typer.Option(
            "--supplier",
            help="Supplier country: alone, list its recipients; with RECIPIENT, its share of the "
            "recipient's imports (or, with --deals, only its deals).",
        ),
    ] = None,
    deals: Annotated[
        bool,
        typer.Option("--deals", help="List the trade-register deals active in the years instead."),
    ] = False,
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="tiv: SIPRI's annual TIV table (1950-2021); register: yearly TIV estimated from the "
            "trade register (to 2024), each deal's delivered TIV spread evenly over its delivery years.",
        ),
    ] = "tiv",
    merge: MergeOption = False,
    fmt: FormatOption = "table",
) -> None:
    """Arms imports by supplier: SIPRI TIV (millions), each supplier's share, and the HHI.

    share = supplier TIV / total TIV. hhi = sum of squared shares, on a 0..1 scale: 1 for a single
    supplier, 1/n for n equal ones. Non-state and unknown suppliers are listed by SIPRI's name, with a
    null code. Years default to the whole coverage of the source; the TIV table ends in 2021.

    Example: alliancewatch arms IRN --from 2000 --to 2021 --merge-predecessors
    """
    check_format(fmt)
    if deals:
        found = arms_deals(context(ctx), recipient, start, end, supplier, merge)
        who = " ← ".join(c for c in (found.recipient, found.supplier) if c)
        emit(deals_record(found), fmt, rows=deals_rows(found), title=f"SIPRI deals {who}")
        return
    result = arms(context(ctx), recipient, start, end, supplier, source, merge)
    record = arms_record(result)
    caption = {k: v for k, v in record.items() if not isinstance(v, list)}
    title = (
        f"Arms suppliers of {result.recipient}" if result.recipient else f"Recipients of {result.supplier}"
    )
    emit(record, fmt, rows=partner_rows(result), title=title, caption=caption)
