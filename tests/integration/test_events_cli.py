"""`alliancewatch load` and `alliancewatch events` end to end through the CLI, on the real samples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from alliancewatch.cli import main

GDELT = "events/gdelt2_20191024143000.export.CSV"
ICEWS = "events/icews_events.2018.sample.tab"


@pytest.fixture(scope="module")
def db(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("events_cli") / "aw.duckdb")
    assert main(["--db", path, "load", "gdelt", str(mirror / GDELT)]) == 0
    assert main(["--db", path, "load", "icews", str(mirror / ICEWS), "-f", "json"]) == 0
    return path


def test_load_prints_a_summary_and_reloading_is_a_no_op(
    db: str, mirror: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "load", "gdelt", str(mirror / GDELT), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["origin"] == "gdelt" and report["failed"] == 0
    assert [(f["status"], f["events"], f["raw_rows"]) for f in report["files"]] == [("unchanged", 1648, 2111)]
    assert main(["--db", db, "load", "icews", str(mirror / ICEWS)]) == 0
    out = capsys.readouterr().out
    assert "icews_events.2018.sample.tab" in out and "unchanged" in out and "mirrored: 501" in out


def test_count_gives_folded_events_and_raw_rows(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "events", "--origin", "gdelt", "--count", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "origin": "gdelt",
        "events": 1648,
        "raw_rows": 2111,
        "mirrored": 0,
    }
    assert main(["--db", db, "events", "--origin", "icews", "--count", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["mirrored"] == 501


def test_dyad_is_directed_unless_both(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "events", "--dyad", "USA", "GBR", "--limit", "0", "-f", "json"]) == 0
    one_way = json.loads(capsys.readouterr().out)
    assert one_way and all("USA" in [a["country"] for a in e["source"]] for e in one_way)
    assert all("GBR" in [a["country"] for a in e["target"]] for e in one_way)
    assert main(["--db", db, "events", "--dyad", "USA", "GBR", "--both", "--limit", "0", "-f", "json"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert len(both) > len(one_way)
    assert {e["event_id"] for e in one_way} < {e["event_id"] for e in both}


def test_events_in_the_design_shape_as_jsonl(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", db, "events", "--origin", "icews", "--type", "consult", "--from", "2018-06-02"]
    assert main([*argv, "--limit", "5", "-f", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 5
    first = lines[0]
    design = {"type", "mode", "contexts", "quad", "cameo_root", "intensity", "source", "target", "date",
              "date_precision", "negated", "modality", "evidence", "confidence", "origin"}  # fmt: skip
    assert design <= set(first)
    assert first["type"] == "CONSULT" and first["date"] == "2018-06-02" and first["origin"] == "icews"
    assert set(first["source"][0]) == {"name", "country", "sector"}
    assert first["evidence"]["doc_id"] and first["evidence"]["sentence_index"] is not None


def test_unfolded_lists_every_raw_row(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    url_fight = ["--db", db, "events", "--origin", "gdelt", "--type", "ASSAULT", "--limit", "0", "-f", "csv"]
    assert main(url_fight) == 0
    folded = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert main([*url_fight, "--unfolded"]) == 0
    unfolded = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sum(int(r["raw"]) for r in folded) == len(unfolded) > len(folded)


def test_table_output_says_how_many_are_shown(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "events", "--origin", "gdelt", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "events: 3 of 1648" in out and "gdelt" in out


def test_a_bad_file_exits_non_zero_and_names_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.export.CSV"
    bad.write_text("1\t2\t3\n", encoding="utf-8")
    assert main(["--db", db, "load", "gdelt", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "error[AW203]: broken.export.CSV: line 1 has 3 tab-separated columns" in err
    assert "copy kept in" in err


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["events", "--type", "HUG"], 2, "--type must be one of"),
        (["events", "--both"], 2, "--both needs --dyad"),
        (["events", "--origin", "acled"], 2, "--origin must be one of"),
        (["events", "--from", "2019-13"], 2, "is not a date"),
        (["events", "--dyad", "IRN", "XYZ"], 2, "closest valid codes"),
        (["events", "--format", "xml"], 2, "--format must be one of"),
        (["load", "gdelt", "/nonexistent/file.CSV"], 2, "no such file"),
        (["events", "--origin", "polecat"], 3, "no polecat events"),
    ],
)
def test_bad_options_are_one_line_errors(
    db: str, argv: list[str], code: int, needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, *argv]) == code
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1
