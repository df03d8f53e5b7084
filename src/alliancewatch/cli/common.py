"""What every command shares: the global options, the output option, and printing."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from alliancewatch.config import load_config
from alliancewatch.errors import UserInputError
from alliancewatch.report.output import FORMATS, render
from alliancewatch.services import Context, open_context


@dataclass(frozen=True)
class GlobalOptions:
    db: str | None
    mirror: str | None


FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Output format: table, json (the stable contract) or csv.")
]
FromOption = Annotated[int | None, typer.Option("--from", help="First year (inclusive).")]
ToOption = Annotated[int | None, typer.Option("--to", help="Last year (inclusive).")]
MergeOption = Annotated[
    bool,
    typer.Option(
        "--merge-predecessors", help="Count a state's predecessors as itself (RUS with the USSR, SUN)."
    ),
]


def context(typer_ctx: typer.Context, mirror: str | None = None) -> Context:
    """Open the store and tables named by the global options; closed when the command ends."""
    options: GlobalOptions = typer_ctx.obj
    config = load_config(db=options.db, mirror=mirror or options.mirror)
    ctx = open_context(config)
    typer_ctx.call_on_close(ctx.close)
    return ctx


def emit(
    data: Any,
    fmt: str,
    rows: Sequence[dict[str, Any]] | None = None,
    title: str = "",
    caption: dict[str, Any] | None = None,
) -> None:
    check_format(fmt)
    sys.stdout.write(render(data, fmt, rows, title, caption) + "\n")


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UserInputError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
