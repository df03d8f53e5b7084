"""`alliancewatch vetoes [--member M]`."""

from __future__ import annotations

from typing import Annotated

import typer

from alliancewatch.cli.common import (
    FormatOption,
    FromOption,
    ToOption,
    check_format,
    context,
    emit,
)
from alliancewatch.services import veto_draft_rows, vetoes, vetoes_records, vetoes_rows


def vetoes_command(
    ctx: typer.Context,
    member: Annotated[
        str | None,
        typer.Option(
            "--member",
            "-m",
            help="One permanent member (CHN FRA GBR RUS USA, or SUN, TWN); all seat holders if left out.",
        ),
    ] = None,
    start: FromOption = None,
    end: ToOption = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge-predecessors",
            help="Count a seat's earlier holders as the member: RUS with the USSR (SUN), CHN with the "
            "Republic of China (TWN, before 25 October 1971).",
        ),
    ] = False,
    drafts: Annotated[
        bool,
        typer.Option("--drafts", help="Table/CSV: list each vetoed draft instead of the counts."),
    ] = False,
    fmt: FormatOption = "table",
) -> None:
    """UN Security Council vetoes: how many, cast together with whom, on which topics and regions.

    JSON is one object with --member, else a list of one object per seat holder; each carries the
    vetoed drafts (date, symbol, agenda item, topic, co-vetoers) behind its numbers.

    Example: alliancewatch vetoes --member RUS --from 1992 --drafts
    """
    check_format(fmt)
    result = vetoes(context(ctx), member, start, end, merge)
    rows = veto_draft_rows(result) if drafts else vetoes_rows(result)
    caption = {"from": start, "to": end, "data_end": result.data_end, "note": result.note}
    who = result.member or "each permanent member"
    emit(vetoes_records(result), fmt, rows=rows, title=f"UNSC vetoes of {who}", caption=caption)
