"""Scoring rules of `alliancewatch eval`, on hand-made gold sentences and events (no spaCy)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from alliancewatch.errors import MalformedFileError, MissingFileError, UserInputError
from alliancewatch.extract.evaluate import (
    GoldEvent,
    GoldSentence,
    gold_triples,
    predicted_triples,
    read_gold,
    score,
    split_half,
)
from alliancewatch.model import PLOVER_QUADS, Actor, Event


def event(type_: str, sources: list[str | None], targets: list[str | None], negated: bool = False) -> Event:
    return Event(
        type=type_,
        quad=PLOVER_QUADS[type_],
        cameo_root="01",
        intensity=0.0,
        source=tuple(Actor(f"s{i}", c, None) for i, c in enumerate(sources)),
        target=tuple(Actor(f"t{i}", c, None) for i, c in enumerate(targets)),
        negated=negated,
    )


def sentence(id_: str, *events: GoldEvent) -> GoldSentence:
    return GoldSentence(id_, f"text {id_}", None, events)


def predictor(outputs: list[list[Event]]):  # type: ignore[no-untyped-def]
    def predict(sentences: Iterable[GoldSentence]) -> Iterable[list[Event]]:
        return outputs[: len(list(sentences))]

    return predict


def test_perfect_match() -> None:
    gold = [sentence("a", GoldEvent("AID", ("RUS",), ("IRN",)))]
    report = score(gold, predictor([[event("AID", ["RUS"], ["IRN"])]]))
    assert report.type_macro_f1 == 1.0 and report.triple.f1 == 1.0 and report.quad.f1 == 1.0


def test_type_matches_but_triple_does_not() -> None:
    gold = [sentence("a", GoldEvent("AID", ("RUS",), ("IRN",)))]
    report = score(gold, predictor([[event("AID", ["RUS"], ["SYR"])]]))
    assert report.per_type["AID"].f1 == 1.0
    assert (report.triple.tp, report.triple.fp, report.triple.fn) == (0, 1, 1)


def test_extra_events_cost_precision_and_count_in_macro() -> None:
    gold = [sentence("a", GoldEvent("ACCUSE", ("RUS",), ("ISR",)))]
    report = score(gold, predictor([[event("ACCUSE", ["RUS"], ["ISR"]), event("ASSAULT", ["ISR"], ["IRN"])]]))
    assert report.per_type["ACCUSE"].f1 == 1.0
    assert report.per_type["ASSAULT"].f1 == 0.0
    assert report.type_macro_f1 == pytest.approx(0.5)
    assert report.type_micro.precision == 0.5 and report.type_micro.recall == 1.0


def test_negated_predictions_are_left_out() -> None:
    gold = [sentence("a", GoldEvent("REJECT", ("RUS",), ("IRN",)))]
    report = score(
        gold, predictor([[event("REJECT", ["RUS"], ["IRN"]), event("AID", ["RUS"], ["IRN"], True)]])
    )
    assert report.predicted_events == 1 and report.type_micro.precision == 1.0


def test_several_sources_expand_to_pairs() -> None:
    assert predicted_triples(event("REJECT", ["RUS", "CHN"], [])) == {
        ("RUS", "-", "REJECT"),
        ("CHN", "-", "REJECT"),
    }
    assert gold_triples(GoldEvent("AID", ("USA",), ("ISR", "UKR"))) == {
        ("USA", "ISR", "AID"),
        ("USA", "UKR", "AID"),
    }
    assert predicted_triples(event("ASSAULT", [None], ["USA"])) == {("IMG", "USA", "ASSAULT")}
    gold = [sentence("a", GoldEvent("REJECT", ("RUS", "CHN"), ()))]
    report = score(gold, predictor([[event("REJECT", ["RUS"], [])]]))
    assert (report.triple.tp, report.triple.fp, report.triple.fn) == (1, 0, 1)


def test_multiset_matching_per_sentence() -> None:
    gold = [sentence("a", GoldEvent("ASSAULT", ("ISR",), ("IRN",)), GoldEvent("ASSAULT", ("IRN",), ("ISR",)))]
    report = score(gold, predictor([[event("ASSAULT", ["ISR"], ["IRN"])]]))
    assert (report.per_type["ASSAULT"].tp, report.per_type["ASSAULT"].fn) == (1, 1)


def test_read_gold_pools_repeated_sentences_and_maps_old_codes(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [
        {
            "id": "1",
            "text": "Same text.",
            "date": "2000-01-01",
            "events": [{"type": "REJECT", "source": ["CIV"], "target": ["SEN"]}],
        },
        {
            "id": "2",
            "text": "Same text.",
            "events": [{"type": "REJECT", "source": ["CIV"], "target": ["IGO"]}],
        },
        {"id": "3", "text": "Other.", "events": [{"type": "CONSULT", "source": ["RUS"], "target": ["JAP"]}]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    gold = read_gold(path)
    assert [g.id for g in gold] == ["1", "3"]
    assert len(gold[0].events) == 2 and gold[1].events[0].targets == ("JPN",)


def test_read_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        read_gold(tmp_path / "none.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "x", "events": [{"type": "HUG", "source": []}]}\n', encoding="utf-8")
    with pytest.raises(MalformedFileError, match=r"bad\.jsonl:1: unknown PLOVER type"):
        read_gold(bad)
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(MalformedFileError, match=r"bad\.jsonl:1"):
        read_gold(bad)


def test_split_halves_are_disjoint_fixed_and_cover_all() -> None:
    gold = [sentence(str(i)) for i in range(11)]
    dev, holdout = split_half(gold, "dev"), split_half(gold, "holdout")
    assert {s.id for s in dev} | {s.id for s in holdout} == {s.id for s in gold}
    assert not {s.id for s in dev} & {s.id for s in holdout}
    assert len(dev) == 5 and split_half(gold, "dev") == dev
    assert split_half(gold, "dev", seed=1) != dev
    with pytest.raises(UserInputError, match="--subset"):
        split_half(gold, "train")
