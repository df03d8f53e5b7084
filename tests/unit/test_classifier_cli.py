"""The coder with a sentence classifier (``code``, ``code_many``, ``code_stored``) and the CLI's
``--classifier/--no-classifier`` options. The classifier here is a stand-in whose head always prefers
ASSAULT, so the tests need neither the model nor the ``[ml]`` extra."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import numpy as np
import pytest

from alliancewatch.cli import main
from alliancewatch.extract.classifier import SoftmaxHead, TypeClassifier
from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import PLOVER_TYPES

TEXT = "Russia condemned Israel. The weather in Iran was fine. It rained all day."
DAY = dt.date(2024, 4, 2)


def always_assault(texts: Any) -> np.ndarray:
    return np.ones((len(texts), 2)) / np.sqrt(2)


@pytest.fixture(scope="module")
def rules() -> Coder:
    return Coder.load()


@pytest.fixture(scope="module")
def coder(rules: Coder) -> Coder:
    bias = np.zeros(len(PLOVER_TYPES))
    bias[PLOVER_TYPES.index("ASSAULT")] = 10.0
    head = SoftmaxHead(np.zeros((2, len(PLOVER_TYPES))), bias, 1.0)
    return Coder(
        rules.nlp, rules.gazetteer, rules.lexicon, rules.plover, TypeClassifier(always_assault, head)
    )


def summary(events: list[Any]) -> list[tuple[str, int, str, bool]]:
    return [
        (e.type, e.evidence.sentence_index, e.source[0].country, bool(e.evidence.triggers)) for e in events
    ]


def test_without_a_classifier_only_rule_events(rules: Coder) -> None:
    assert summary(rules.code(TEXT, DAY)) == [("ACCUSE", 0, "RUS", True)]


def test_the_classifier_adds_to_a_sentence_with_an_actor(coder: Coder) -> None:
    # the rule event stays; the sentence naming Iran gets one; the sentence without an actor none
    want = [("ACCUSE", 0, "RUS", True), ("ASSAULT", 1, "IRN", False)]
    assert summary(coder.code(TEXT, DAY)) == want
    ((doc_id, events),) = list(coder.code_many([("a", TEXT, DAY)]))
    assert doc_id == "a" and summary(events) == want
    stored = coder.code_stored(
        "a", DAY, [(4, "Russia condemned Israel."), (7, "The weather in Iran was fine.")]
    )
    assert summary(stored) == [("ACCUSE", 4, "RUS", True), ("ASSAULT", 7, "IRN", False)]
    assert "sentence classifier" in coder.version


def test_cli_passes_the_option_to_the_loader(
    rules: Coder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[bool] = []

    def load(classifier: bool = False) -> Coder:
        asked.append(classifier)
        return rules

    monkeypatch.setattr("alliancewatch.cli.code.load_coder", load)
    assert main(["code", "Russia condemned Israel.", "--format", "json"]) == 0
    assert main(["code", "Russia condemned Israel.", "--format", "json", "--classifier"]) == 0
    assert main(["code", "Russia condemned Israel.", "--format", "json", "--no-classifier"]) == 0
    capsys.readouterr()
    assert asked == [False, True, False]


def test_cli_without_the_extra_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # as if [ml] were not installed
    assert main(["code", "Russia condemned Israel.", "--classifier"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error[AW200]") and "pip install 'alliancewatch[ml]'" in err
    assert len(err.strip().splitlines()) == 1
