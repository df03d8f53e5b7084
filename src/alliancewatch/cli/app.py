"""The Typer application and its global options; commands are added by the modules in this package."""

from __future__ import annotations

from typing import Annotated

import typer

from alliancewatch.cli.common import GlobalOptions

app = typer.Typer(
    name="alliancewatch",
    help="An open, local-first observatory of geopolitical alignments.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="DuckDB store file (env ALLIANCEWATCH_DB; default ./alliancewatch.duckdb)."
        ),
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option("--mirror", help="Data mirror directory or URL (env ALLIANCEWATCH_MIRROR)."),
    ] = None,
) -> None:
    ctx.obj = GlobalOptions(db=db, mirror=mirror)
