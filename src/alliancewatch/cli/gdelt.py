"""`alliancewatch gdelt fetch`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from alliancewatch.cli.common import FormatOption, check_format, context, emit
from alliancewatch.errors import DataError, FetchError
from alliancewatch.services import fetch_gdelt, gdelt_fetch_rows
from alliancewatch.services.gdelt_fetch import GdeltFetchReport

gdelt_app = typer.Typer(help="GDELT events files: fetch them from GDELT (or a mirror) and load them.")


class ProgressBar:
    """A Rich bar on stderr counting bytes, with files done in its label; fed by :func:`fetch_gdelt`
    (``advanced`` comes from download threads: Rich's progress updates take a lock)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None
        self.files = 0
        self.done = 0

    def planned(self, files: int, total_bytes: int) -> None:
        self.files = files
        self.task = self.progress.add_task(self._label(), total=total_bytes or None)

    def advanced(self, nbytes: int) -> None:
        if self.task is not None:
            self.progress.advance(self.task, nbytes)

    def settled(self, name: str, status: str) -> None:
        self.done += 1
        if self.task is not None:
            self.progress.update(self.task, description=self._label())

    def _label(self) -> str:
        return f"{self.done}/{self.files} files"


def progress_bar(console: Console) -> Progress:
    """Bytes received (with speed and time left) and files settled; shown only on a terminal."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,
    )


@gdelt_app.command("fetch")
def fetch_command(
    ctx: typer.Context,
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD (UTC publication day).")],
    end: Annotated[
        str | None, typer.Option("--to", help="Last day, inclusive (default: the --from day).")
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option(
            "--mirror", help="Base URL or directory laid out like data.gdeltproject.org (default: that host)."
        ),
    ] = None,
    version: Annotated[int, typer.Option("--version", help="GDELT 2 (15-minute files, 2015-) or 1.")] = 2,
    workers: Annotated[int, typer.Option("--workers", help="Parallel downloads (1-32).")] = 4,
    retry: Annotated[
        bool, typer.Option("--retry-quarantined", help="Try again files an earlier run set aside.")
    ] = False,
    fmt: FormatOption = "table",
) -> int:
    """Download the GDELT events files of a window that are not loaded yet, verify each against GDELT's
    MD5 list, and load each as it arrives. Interrupted downloads resume; rejected files are moved to a
    quarantine folder and named. Exit status 3 when a file was set aside, 5 when one could not be
    fetched (run again to resume it), 0 otherwise.

    Example: alliancewatch gdelt fetch --from 2019-10-24 --to 2019-10-25 --workers 4
    """
    check_format(fmt)
    aw = context(ctx)
    err = Console(stderr=True)
    with progress_bar(err) as progress:
        report = fetch_gdelt(aw, start, end, mirror, version, workers, retry, progress=ProgressBar(progress))
    emit(report, fmt, rows=gdelt_fetch_rows(report), title="GDELT fetch", caption=_caption(report))
    for outcome in report.files:
        if outcome.status != "loaded":
            # The loader's messages already start with the file's name.
            reason = outcome.reason or ""
            named = reason if reason.startswith(outcome.name) else f"{outcome.name}: {reason}"
            sys.stderr.write(f"{outcome.status}: {named}\n")
    if report.quarantined:
        return DataError.exit_code
    return FetchError.exit_code if report.failed else 0


def _caption(report: GdeltFetchReport) -> dict[str, object]:
    return {
        "window": f"{report.start} – {report.end} (GDELT {report.version}.0, {report.mirror})",
        "listed": report.listed,
        "loaded now": f"{report.loaded} files, {report.rows} rows, {report.events} events after folding",
        "set aside": f"{len(report.quarantined)} files" if report.quarantined else "none",
        "not obtained": f"{len(report.failed)} files (run again to resume)" if report.failed else "none",
        "quarantine": report.quarantine_dir,
    }
