"""`alliancewatch code` and `alliancewatch eval` through the CLI entry point (one coder for the module)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliancewatch.cli import main
from alliancewatch.extract.pipeline import Coder
from alliancewatch.store import Store


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


@pytest.fixture(autouse=True)
def shared_coder(coder: Coder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("alliancewatch.cli.code.load_coder", lambda **_: coder)


def test_code_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", "Russia delivered S-300 missiles to Iran.", "--date", "2016-11-01"]) == 0
    out = capsys.readouterr().out
    assert "AID" in out and "Russia (RUS)" in out and "Iran (IRN)" in out


def test_code_text_json_is_the_event_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", "Russia and China vetoed the resolution.", "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert len(events) == 1
    event = events[0]
    assert event["type"] == "REJECT" and event["quad"] == 3
    assert [a["country"] for a in event["source"]] == ["RUS", "CHN"]
    assert set(event["source"][0]) >= {"name", "country", "sector"}
    assert event["evidence"]["triggers"] == ["vetoed"] and event["date"] is None


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


GOOD = [
    json.dumps({"id": "a", "text": "Russia condemned Israel.", "date": "2024-04-02"}).encode(),
    b"",
    json.dumps({"id": "b", "text": "Share your thoughts below."}).encode(),
]


def test_code_input_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_lines(tmp_path / "in.jsonl", GOOD)
    assert main(["code", "--input", str(path), "--date", "2025-01-01"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["events"][0]["type"] == "ACCUSE" and lines[0]["events"][0]["date"] == "2024-04-02"
    assert lines[1]["events"] == []


BAD = [
    GOOD[0],
    b"{not json",
    json.dumps({"id": "c", "date": "2024-01-01"}).encode(),
    b"\xff\xfe binary",
    json.dumps({"id": "d", "text": "Iran condemned Israel.", "date": "2024-13-40"}).encode(),
    json.dumps({"id": "e", "text": "Iran condemned Israel."}).encode(),
]


def test_malformed_lines_stop_the_run_with_the_line_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(tmp_path / "bad.jsonl", BAD)
    assert main(["code", "--input", str(path)]) == 2
    err = capsys.readouterr().err
    assert "line 2: not JSON" in err and "--skip-bad" in err


def test_skip_bad_goes_on_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_lines(tmp_path / "bad.jsonl", BAD)
    assert main(["code", "--input", str(path), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a", "e"]
    assert "skipped 4 bad line(s)" in captured.err
    for where in ("line 2: not JSON", "line 3: no 'text'", "line 4: not UTF-8", "line 5:"):
        assert where in captured.err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["code"], 2, "give one of"),
        (["code", "x", "--input", "y.jsonl"], 2, "give one of"),
        (["code", "Russia condemned Israel.", "--date", "June"], 2, "--date must be a date"),
        (["code", "   "], 2, "empty"),
        (["code", "Russia condemned Israel.", "--format", "xml"], 2, "--format"),
        (["code", "--input", "/nonexistent/in.jsonl"], 3, "does not exist"),
        (["eval", "/nonexistent/gold.jsonl"], 3, "does not exist"),
    ],
)
def test_bad_use_is_one_line(
    args: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == code
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_store_writes_text_events_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "aw.duckdb"
    path = write_lines(tmp_path / "in.jsonl", GOOD)
    for _ in range(2):
        assert main(["--db", str(db), "code", "--input", str(path), "--store"]) == 0
    capsys.readouterr()
    store = Store(db)
    try:
        rows = store.rows("SELECT doc_id, type, source_countries, target_countries FROM text_events")
    finally:
        store.close()
    assert rows == [("a", "ACCUSE", ["RUS"], ["ISR"])]


def test_a_record_coded_again_without_events_loses_its_old_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "aw.duckdb"
    first = write_lines(
        tmp_path / "one.jsonl", [json.dumps({"id": "a", "text": "Russia condemned Israel."}).encode()]
    )
    assert main(["--db", str(db), "code", "--input", str(first), "--store"]) == 0
    edited = write_lines(tmp_path / "two.jsonl", [json.dumps({"id": "a", "text": "It was mild."}).encode()])
    assert main(["--db", str(db), "code", "--input", str(edited), "--store"]) == 0
    capsys.readouterr()
    store = Store(db)
    try:
        assert store.rows("SELECT count(*) FROM text_events") == [(0,)]
    finally:
        store.close()


def test_eval_on_a_small_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "text": "Russia condemned Israel.", "date": "2024-04-02",
         "events": [{"type": "ACCUSE", "source": ["RUS"], "target": ["ISR"]}]},
        {"id": "2", "text": "Iran fired missiles at Israel.", "date": "2024-04-14",
         "events": [{"type": "ASSAULT", "source": ["IRN"], "target": ["ISR"]}]},
    ]  # fmt: skip
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["sentences"] == 2 and record["type"]["macro_f1"] == 1.0
    assert record["triple"]["f1"] == 1.0 and record["quad"]["tp"] == 2
    assert main(["eval", str(gold)]) == 0
    table = capsys.readouterr().out
    assert "triple (src, tgt, type)" in table and "type (macro)" in table
    assert main(["eval", str(gold), "--subset", "train"]) == 2
