"""The README stays true: every command and every setting is documented with an example."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from alliancewatch.cli import app
from alliancewatch.config import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _command_paths() -> list[str]:
    root = typer.main.get_command(app)
    paths: list[str] = []
    commands = getattr(root, "commands", {})
    for name, command in commands.items():
        sub = getattr(command, "commands", None)
        if sub:
            paths.extend(f"{name} {child}" for child in sub)
        else:
            paths.append(name)
    return paths


def test_readme_starts_with_the_two_commands() -> None:
    lines = [line.strip() for line in README.splitlines() if line.strip()]
    assert lines[1].startswith("make demo")
    assert lines[2].startswith("make test")


def test_every_command_has_an_example_in_the_readme() -> None:
    paths = _command_paths()
    assert "votes" in paths
    missing = [p for p in paths if not re.search(rf"alliancewatch (--[a-z]+ \S+ )*{p}\b", README)]
    assert not missing, f"commands without a README example: {missing}"


def test_every_setting_is_documented() -> None:
    missing = [s.env for s in SETTINGS if s.env not in README]
    assert not missing
