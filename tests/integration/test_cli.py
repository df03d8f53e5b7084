"""The command line end to end: JSON contract, one-line errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliancewatch.cli import main


@pytest.fixture(scope="module")
def db(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "aw.duckdb")
    assert (
        main(["--db", path, "datasets", "fetch", "unga_votes", "unga_idealpoints", "--mirror", str(mirror)])
        == 0
    )
    return path


def test_votes_json_contract(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--db",
                db,
                "votes",
                "IRN",
                "RUS",
                "--by",
                "year",
                "--from",
                "2018",
                "--to",
                "2024",
                "-f",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["period"] for r in rows] == list(range(2018, 2025))
    assert set(rows[0]) == {"period", "n", "exact", "agree", "s_score", "kappa", "idealpoint_distance"}


def test_votes_by_decade_has_no_distance(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "votes", "Iran (Islamic Republic of)", "Russian Federation", "-f", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header == "period,n,exact,agree,s_score,kappa"


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["votes", "XYZ", "RUS"], 2, "closest valid codes"),
        (["votes", "IRN", "RUS", "--by", "century"], 2, "--by must be one of"),
        (["votes", "IRN", "RUS", "--from", "2010", "--to", "2000"], 2, "is after"),
        (["votes", "IRN", "RUS", "--issue", "xx"], 2, "--issue must be one of"),
        (["votes", "IRN", "RUS", "-f", "xml"], 2, "--format must be one of"),
        (["votes", "IRN"], 2, "Missing argument"),
        (["datasets", "fetch"], 2, "--all"),
        (["datasets", "fetch", "nosuch"], 2, "known datasets"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, needle: str
) -> None:
    assert main(["--db", db, *argv]) == code
    err = capsys.readouterr().err
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_query_before_load_says_what_to_fetch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "new.duckdb"), "votes", "IRN", "RUS"]) == 3
    assert "datasets fetch unga_votes" in capsys.readouterr().err


def test_datasets_list_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "datasets", "list", "-f", "json"]) == 0
    listed = {d["name"]: d for d in json.loads(capsys.readouterr().out)}
    assert listed["unga_votes"]["loaded"] is True
    assert listed["unga_votes"]["citation"]
    assert listed["unga_votes"]["licence"]
