"""The command line: a thin face over :mod:`alliancewatch.services`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from alliancewatch.cli.app import app
from alliancewatch.cli.arms import arms_command
from alliancewatch.cli.code import code_command, eval_command
from alliancewatch.cli.datasets import datasets_app
from alliancewatch.cli.demo import demo_command
from alliancewatch.cli.dyad import dyad_command, dyads_command
from alliancewatch.cli.events import events_command
from alliancewatch.cli.gdelt import gdelt_app
from alliancewatch.cli.ingest import ingest_command
from alliancewatch.cli.load import load_command
from alliancewatch.cli.trade import trade_command
from alliancewatch.cli.treaties import treaties_command
from alliancewatch.cli.vetoes import vetoes_command
from alliancewatch.cli.votes import votes_command
from alliancewatch.errors import AllianceWatchError, UserInputError

app.add_typer(datasets_app, name="datasets")
app.add_typer(gdelt_app, name="gdelt")
app.command("votes")(votes_command)
app.command("vetoes")(vetoes_command)
app.command("trade")(trade_command)
app.command("arms")(arms_command)
app.command("treaties")(treaties_command)
app.command("demo")(demo_command)
app.command("dyad")(dyad_command)
app.command("dyads")(dyads_command)
app.command("ingest")(ingest_command)
app.command("load")(load_command)
app.command("events")(events_command)
app.command("code")(code_command)
app.command("eval")(eval_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every product error becomes one line on stderr and a non-zero exit code."""
    try:
        result = app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except AllianceWatchError as exc:
        sys.stderr.write(f"error[{exc.code}]: {exc.message}\n")
        return exc.exit_code
    except typer.Abort:
        sys.stderr.write("aborted\n")
        return 130
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.TyperException as exc:
        # Usage errors from argument parsing: one line, exit 2, and a pointer to --help.
        format_message = getattr(exc, "format_message", None)
        message = format_message() if callable(format_message) else exc.message
        sys.stderr.write(f"error[{UserInputError.code}]: {message} (see --help)\n")
        return int(exc.exit_code)
    return int(result) if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())
