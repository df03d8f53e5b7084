"""`alliancewatch demo` end to end: builds every layer from the real data and reports the pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliancewatch.cli import main

ARTICLE = """Title: Russia and Iran sign a partnership treaty
Date: 2025-01-17
Outlet: The Test Ledger

Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday.
The treaty does not oblige either country to defend the other.
"""


@pytest.mark.slow
def test_demo_builds_every_layer_and_reports_the_pair(
    mirror: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "text").mkdir(parents=True)
    (corpus / "text" / "treaty.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "expected.jsonl").write_text('{"not": "an article"}\n', encoding="utf-8")
    db = str(tmp_path / "demo.duckdb")
    argv = ["--db", db, "demo", "IRN", "RUS", "--mirror", str(mirror), "--corpus", str(corpus), "-f", "json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    findings = " ".join(out["summary"]["findings"])
    assert "Russia was Iran's largest supplier" in findings
    assert "mutual defence: no" in findings
    assert "RUS vetoed 31 drafts since 1992, jointly with CHN 14" in findings
    # The article was ingested and coded: its treaty signing is evidence for the pair.
    sentences = [e["evidence"]["sentence"] for e in out["text_events"]]
    assert any("signed a comprehensive strategic partnership treaty" in s for s in sentences)
    # A second build adds nothing: every step is idempotent.
    assert main([*argv[:-2], "-f", "table"]) == 0
    assert "documents {'ingested': 0, 'unchanged': 1" in capsys.readouterr().err.replace("\n", " ")
