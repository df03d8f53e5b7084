"""`alliancewatch datasets list|fetch`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console

from alliancewatch.cli.common import FormatOption, check_format, context, emit
from alliancewatch.errors import UserInputError
from alliancewatch.registry import DatasetSpec
from alliancewatch.services import fetch_datasets, list_datasets

datasets_app = typer.Typer(help="The public datasets the product knows: list, fetch and load them.")


@datasets_app.command("list")
def list_command(ctx: typer.Context, fmt: FormatOption = "table") -> None:
    """List registered datasets with version, licence and whether they are loaded.

    Example: alliancewatch datasets list --format json
    """
    check_format(fmt)
    infos = list_datasets(context(ctx))
    rows = [
        {k: v for k, v in asdict(i).items() if k in ("name", "version", "licence", "loaded", "rows")}
        for i in infos
    ]
    emit(infos, fmt, rows=rows if fmt == "table" else None, title="datasets")


@datasets_app.command("fetch")
def fetch_command(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(help="Dataset names (see `datasets list`).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Fetch every registered dataset.")] = False,
    mirror: Annotated[
        str | None, typer.Option("--mirror", help="Directory or URL laid out like ../shared/data.")
    ] = None,
    fmt: FormatOption = "table",
) -> None:
    """Get datasets (from a mirror or the official location), verify their sha256 and load them.

    Example: alliancewatch datasets fetch --all --mirror ../shared/data
    """
    check_format(fmt)
    if not names and not all_:
        raise UserInputError("name one or more datasets, or pass --all")
    if names and all_:
        raise UserInputError("pass dataset names or --all, not both")
    aw = context(ctx, mirror)
    err = Console(stderr=True)

    def started(spec: DatasetSpec) -> None:
        err.print(f"[dim]loading {spec.name} …[/dim]")

    reports = fetch_datasets(aw, names or [], mirror, on_start=started if fmt == "table" else None)
    rows = [
        {"dataset": r.dataset, "rows": sum(r.rows.values()), "seconds": round(r.seconds, 2)} for r in reports
    ]
    emit(reports, fmt, rows=rows, title="loaded")
