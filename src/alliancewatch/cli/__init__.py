"""The command line: a thin face over :mod:`alliancewatch.services`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from alliancewatch.cli.app import app
from alliancewatch.cli.datasets import datasets_app
from alliancewatch.cli.votes import votes_command
from alliancewatch.errors import AllianceWatchError

app.add_typer(datasets_app, name="datasets")
app.command("votes")(votes_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every product error becomes one line on stderr and a non-zero exit code."""
    try:
        result = app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except AllianceWatchError as exc:
        sys.stderr.write(f"error[{exc.code}]: {exc.message}\n")
        return exc.exit_code
    except click.exceptions.Abort:
        sys.stderr.write("aborted\n")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    return int(result) if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())
