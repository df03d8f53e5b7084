"""The optional sentence classifier: its head, its second-opinion policy, loading, and the coder with it.

The head and the policy are tested on a hand-made word-count embedder; the tests that need the real
model (the ``[ml]`` extra) are skipped with the reason when torch or sentence-transformers is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from alliancewatch.errors import DataError, MalformedFileError
from alliancewatch.extract.classifier import (
    Embedder,
    Example,
    Policy,
    ReviewSentence,
    SoftmaxHead,
    TypeClassifier,
    default_examples,
    read_examples,
    second_opinion,
    sentence_embedder,
    type_targets,
)
from alliancewatch.model import PLOVER_TYPES, Actor, Event, Evidence
from alliancewatch.plover import Plover

WORDS = ("bombed", "shelled", "met", "talks", "condemned", "denounced", "marched", "strike")
DAY = dt.date(2024, 5, 6)
IRAN = Actor("Iran", "IRN", None)
IRAQ = Actor("Iraq", "IRQ", None)


def word_embedder(texts: Sequence[str]) -> np.ndarray:
    """A stand-in for the sentence model: unit-length counts of a few telling words."""
    rows = np.array([[t.lower().split().count(w) for w in WORDS] for t in texts], dtype=float)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


TOY = [
    Example("The army bombed the town", ("ASSAULT",)),
    Example("Rebels shelled the airport", ("ASSAULT",)),
    Example("The ministers met for talks", ("CONSULT",)),
    Example("Envoys held talks in Geneva", ("CONSULT",)),
    Example("The government condemned the attack", ("ACCUSE",)),
    Example("Tehran denounced the raid", ("ACCUSE",)),
    Example("Students marched in the capital", ("PROTEST",)),
    Example("Workers went on strike", ("PROTEST",)),
]


@pytest.fixture(scope="module")
def plover() -> Plover:
    return Plover.load()


def forced(kind: str, strength: float = 10.0) -> TypeClassifier:
    """A classifier whose head always prefers ``kind`` (its bias decides; the words do not)."""
    bias = np.zeros(len(PLOVER_TYPES))
    bias[PLOVER_TYPES.index(kind)] = strength
    return TypeClassifier(word_embedder, SoftmaxHead(np.zeros((len(WORDS), len(PLOVER_TYPES))), bias, 1.0))


def probs_for(kind: str, p: float) -> dict[str, float]:
    rest = (1.0 - p) / (len(PLOVER_TYPES) - 1)
    return {t: (p if t == kind else rest) for t in PLOVER_TYPES}


def rule_event(kind: str, confidence: float, plover: Plover, index: int = 0, negated: bool = False) -> Event:
    text = "Iran and Iraq did something."
    return Event(
        type=kind,
        quad=plover.quad(kind),
        cameo_root=plover.cameo_root(kind),
        intensity=plover.intensity_default(kind),
        source=(IRAN,),
        target=(IRAQ,),
        negated=negated,
        evidence=Evidence("d", index, text, ("did",), (14, 17)),
        confidence=confidence,
        event_id=f"text:d:{index}:{kind}",
    )


SENTENCE = ReviewSentence(0, "Iran and Iraq did something.", (IRAN, IRAQ))


# --- the head ------------------------------------------------------------------------------------------


def test_head_trains_deterministically() -> None:
    x, y = word_embedder([e.text for e in TOY]), type_targets(TOY)
    first, second = SoftmaxHead.fit(x, y), SoftmaxHead.fit(x, y)
    assert np.array_equal(first.weights, second.weights) and np.array_equal(first.bias, second.bias)
    assert first.weights.shape == (len(WORDS), len(PLOVER_TYPES))


def test_head_learns_the_toy_types() -> None:
    classifier = TypeClassifier.train(word_embedder, TOY)
    probs = classifier.probabilities(["Jets bombed the port", "They met again", "Crowds marched"])
    assert [max(p, key=p.__getitem__) for p in probs] == ["ASSAULT", "CONSULT", "PROTEST"]
    assert all(abs(sum(p.values()) - 1.0) < 1e-9 and set(p) == set(PLOVER_TYPES) for p in probs)
    assert classifier.probabilities([]) == []


def test_targets_spread_over_a_sentences_types() -> None:
    targets = type_targets([Example("x", ("ACCUSE", "ASSAULT", "ACCUSE"))])
    assert targets[0, PLOVER_TYPES.index("ACCUSE")] == pytest.approx(0.5)
    assert targets[0, PLOVER_TYPES.index("ASSAULT")] == pytest.approx(0.5)
    assert targets.sum() == pytest.approx(1.0)


def test_training_on_nothing_is_a_data_error() -> None:
    with pytest.raises(DataError, match="at least one"):
        TypeClassifier.train(word_embedder, [])


# --- the examples file ---------------------------------------------------------------------------------


def test_packaged_examples_cover_every_type() -> None:
    examples = read_examples()
    assert len(examples) >= 100
    assert {t for e in examples for t in e.types} == set(PLOVER_TYPES)
    assert len({e.text for e in examples}) == len(examples)


def test_examples_are_our_own_not_the_dev_gold() -> None:
    lines = [json.loads(line) for line in default_examples().read_text(encoding="utf-8").splitlines()]
    assert not [line for line in lines if "PLOVER" in line["from"]]


def test_packaged_examples_match_the_gold_files() -> None:
    script = Path(__file__).resolve().parents[2] / "bench" / "build_classifier_examples.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{done.stdout}{done.stderr} (bench/build_classifier_examples.py)"


@pytest.mark.parametrize(
    "line",
    ['{"text": "x"}', '{"text": "x", "types": []}', '{"text": "x", "types": ["HUG"]}', "not json"],
)
def test_malformed_examples_name_the_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_text('{"text": "Rebels shelled the airport", "types": ["ASSAULT"]}\n' + line + "\n")
    with pytest.raises(MalformedFileError, match=r"examples\.jsonl:2"):
        read_examples(path)


# --- the policy ----------------------------------------------------------------------------------------


def test_confident_rule_events_are_left_alone(plover: Plover) -> None:
    events = [rule_event("ACCUSE", 0.9, plover), rule_event("ASSAULT", 0.95, plover)]
    out = second_opinion(events, probs_for("CONSULT", 0.99), SENTENCE, plover, "d", DAY)
    assert out == events
    single = [rule_event("ACCUSE", 0.3, plover)]
    assert second_opinion(single, probs_for("ASSAULT", 0.99), SENTENCE, plover, "d", DAY) == single


def test_disagreeing_types_keep_the_one_the_classifier_prefers(plover: Plover) -> None:
    unsure = rule_event("REQUEST", 0.6, plover)
    preferred = rule_event("REJECT", 0.7, plover)
    sure = rule_event("THREATEN", 0.9, plover)
    negated = rule_event("AGREE", 0.5, plover, negated=True)
    probs = probs_for("REJECT", 0.8)
    out = second_opinion([unsure, preferred, sure, negated], probs, SENTENCE, plover, "d", DAY)
    assert out == [preferred, sure, negated]
    # a classifier that is not sure of any rule type changes nothing
    flat = dict.fromkeys(PLOVER_TYPES, 1 / len(PLOVER_TYPES))
    assert second_opinion([unsure, preferred], flat, SENTENCE, plover, "d", DAY) == [unsure, preferred]


def test_a_sentence_without_rule_events_gets_the_classifiers_type(plover: Plover) -> None:
    sentence = ReviewSentence(3, "Iran shelled Iraq.", (IRAN, IRAN, IRAQ))
    (event,) = second_opinion([], probs_for("ASSAULT", 0.9), sentence, plover, "doc", DAY)
    assert (event.type, event.quad, event.cameo_root) == ("ASSAULT", 4, plover.cameo_root("ASSAULT"))
    assert event.source == (IRAN,) and event.target == (IRAQ,)
    assert event.confidence == pytest.approx(0.45) and event.date == DAY and event.date_precision == "day"
    assert event.evidence is not None and event.evidence.triggers == ()
    assert (event.evidence.sentence_index, event.evidence.span) == (3, (0, len(sentence.text)))
    assert event.event_id == "text:doc:3:0"
    plover.check_event(event)


def test_no_event_is_added_without_actors_or_certainty(plover: Plover) -> None:
    bare = ReviewSentence(0, "It rained.", ())
    assert second_opinion([], probs_for("ASSAULT", 0.99), bare, plover, "d", None) == []
    assert second_opinion([], probs_for("ASSAULT", 0.6), SENTENCE, plover, "d", None) == []
    never = Policy(fill_min=1.1)
    assert second_opinion([], probs_for("ASSAULT", 1.0), SENTENCE, plover, "d", None, never) == []


def test_review_keeps_sentence_order(plover: Plover) -> None:
    first = rule_event("ACCUSE", 0.9, plover, index=0)
    third = rule_event("REJECT", 0.9, plover, index=2)
    sentences = [
        ReviewSentence(0, "Iran condemned Iraq.", (IRAN, IRAQ)),
        ReviewSentence(1, "Iran bombed Iraq.", (IRAN, IRAQ)),
        ReviewSentence(2, "Iran refused.", (IRAN,)),
    ]
    out = forced("ASSAULT").review([first, third], sentences, plover, "d", DAY)
    assert [(e.type, e.evidence.sentence_index if e.evidence else None) for e in out] == [
        ("ACCUSE", 0),
        ("ASSAULT", 1),
        ("REJECT", 2),
    ]


# --- loading -------------------------------------------------------------------------------------------


def test_a_missing_extra_is_one_line_saying_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now fails
    with pytest.raises(DataError) as caught:
        sentence_embedder()
    message = caught.value.message
    assert "pip install 'alliancewatch[ml]'" in message and "\n" not in message


@pytest.fixture(scope="module")
def model() -> Embedder:
    pytest.importorskip("torch", reason="the sentence classifier needs the [ml] extra (torch)")
    pytest.importorskip("sentence_transformers", reason="the [ml] extra is not installed")
    return sentence_embedder()


def test_loading_the_model_asks_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("torch", reason="the sentence classifier needs the [ml] extra (torch)")
    pytest.importorskip("sentence_transformers", reason="the [ml] extra is not installed")
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(name, raising=False)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embed = sentence_embedder()
    assert embed(["Iran shelled Iraq."]).shape == (1, 384)
    assert [os.environ[n] for n in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")] == ["1", "1"]


def test_the_model_gives_unit_vectors(model: Embedder) -> None:
    vectors = model(["Iran shelled Iraq.", "The ministers met."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert model([]).shape == (0, 384)


# Written for this test; none of them is in the examples file.
CLEAR = {
    "Artillery shells fired by the army killed eleven villagers near the border on Saturday.": "ASSAULT",
    "The prime minister met the visiting Chinese premier in the capital for three hours of talks.": "CONSULT",
    "Thousands of students marched through the capital on Sunday demanding the minister's resignation.": (
        "PROTEST"
    ),
    "The foreign ministry condemned the killing of the journalist and accused the security services of "
    "a cover-up.": "ACCUSE",
    "Japan sent two planeloads of tents, blankets and medicine to the earthquake survivors.": "AID",
    "Washington imposed new trade sanctions on the country's oil exports.": "SANCTION",
    "The opposition called on the president to hold early elections.": "REQUEST",
    "The general warned that his forces would retaliate if the shelling continued.": "THREATEN",
    "Security forces detained the editor of the newspaper and closed its offices.": "COERCE",
    "The president refused to meet the envoy.": "REJECT",
    "The government deployed thousands of troops along the frontier.": "MOBILIZE",
}


def test_the_trained_classifier_types_clear_new_sentences(model: Embedder) -> None:
    examples = read_examples()
    assert not set(CLEAR) & {e.text for e in examples}
    classifier = TypeClassifier.train(model, examples)
    probs = classifier.probabilities(list(CLEAR))
    assert {s: max(p, key=p.__getitem__) for s, p in zip(CLEAR, probs, strict=True)} == CLEAR
