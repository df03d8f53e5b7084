"""`alliancewatch load gdelt|icews|polecat PATH…`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from alliancewatch.cli.common import FormatOption, check_format, context, emit
from alliancewatch.errors import DataError
from alliancewatch.services.events import EventFileReport, find_files, load_event_files, load_rows


def load_command(
    ctx: typer.Context,
    origin: Annotated[str, typer.Argument(help="Which event data: gdelt, icews or polecat.")],
    paths: Annotated[
        list[str], typer.Argument(help="Files (plain or .zip), globs such as 'data/*.zip', or directories.")
    ],
    fmt: FormatOption = "table",
) -> None:
    """Load GDELT, ICEWS or POLECAT event files: mapped to PLOVER events, re-emissions folded, stored as
    Parquet by month. Files already loaded are skipped; malformed ones are set aside and named.

    Example: alliancewatch load gdelt ../shared/data/events/gdelt2_20191024143000.export.CSV
    """
    check_format(fmt)
    aw = context(ctx)
    files = find_files(paths)
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task(f"loading {origin}", total=len(files))

        def started(path: Path) -> None:
            progress.update(task, description=f"loading {path.name}")

        def finished(report: EventFileReport) -> None:
            progress.advance(task)

        report = load_event_files(aw, origin, files, on_file=finished, on_start=started)
    for failed in (f for f in report.files if f.status == "quarantined"):
        sys.stderr.write(
            f"error[{failed.error_code}]: {failed.error} (copy kept in {failed.quarantined_to})\n"
        )
    caption = {
        "files": len(report.files),
        "events": report.events,
        "raw rows": report.raw_rows,
        "mirrored": report.mirrored,
        "failed": report.failed,
        "seconds": round(report.seconds, 2),
    }
    emit(report, fmt, rows=load_rows(report), title=f"load {origin}", caption=caption)
    if not report.ok:
        raise typer.Exit(DataError.exit_code)
