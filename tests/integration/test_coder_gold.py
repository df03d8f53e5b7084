"""The event coder against the gold files: the PLOVER dev records (../shared/data) and our own hand-coded
sentences (tests/data/coder_gold.jsonl). Floors sit a little under the measured scores, so a change that
makes the coder clearly worse fails here; the figures themselves are in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliancewatch.extract.evaluate import read_gold, split_half
from alliancewatch.extract.pipeline import Coder
from alliancewatch.services.code import evaluate_gold

OWN_GOLD = Path(__file__).resolve().parents[1] / "data" / "coder_gold.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def test_own_gold_file_is_well_formed() -> None:
    sentences = read_gold(OWN_GOLD)
    assert len(sentences) >= 40
    assert sum(len(s.events) for s in sentences) >= 40
    assert all(s.date is not None for s in sentences)
    assert any(not s.events for s in sentences)  # boilerplate and negated sentences expect nothing


def test_dev_records_both_halves(coder: Coder, mirror: Path) -> None:
    path = mirror / "gold" / "plover_gsr_dev.jsonl"
    halves = {subset: evaluate_gold(coder, path, subset) for subset in ("dev", "holdout")}
    total = len(read_gold(path))
    assert sum(r.sentences for r in halves.values()) == total == len(split_half(read_gold(path), "all"))
    for report in halves.values():
        assert report.type_macro_f1 >= 0.6
        assert report.triple.f1 >= 0.45
        assert report.quad.f1 >= 0.7
    assert halves["dev"].type_macro_f1 >= 0.75


def test_own_gold(coder: Coder) -> None:
    report = evaluate_gold(coder, OWN_GOLD)
    assert report.type_macro_f1 >= 0.85
    assert report.triple.f1 >= 0.8
    assert report.triple.precision >= 0.8


@pytest.mark.parametrize(
    ("name", "macro", "triple"), [("coder_gold_wire.jsonl", 0.7, 0.55), ("coder_gold_wire2.jsonl", 0.7, 0.6)]
)
def test_wire_gold_files(coder: Coder, name: str, macro: float, triple: float) -> None:
    path = OWN_GOLD.parent / name
    sentences = read_gold(path)
    assert len({s.id for s in sentences}) == len(sentences)
    report = evaluate_gold(coder, path)
    assert report.type_macro_f1 >= macro
    assert report.triple.f1 >= triple
