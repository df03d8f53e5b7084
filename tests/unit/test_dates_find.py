"""Date expressions found in parsed sentences, each sentence's candidate date, and sentence splitting."""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.text import segment
from alliancewatch.text.datefind import find_dates, mention_for, sentence_date, sentence_tense
from alliancewatch.text.segment import Segmenter

PUBLISHED = date(2025, 6, 20)  # a Friday


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter.load()


def _sent(seg: Segmenter, text: str):  # type: ignore[no-untyped-def]
    return next(iter(seg.nlp(text).sents))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Putin condemned Israeli actions against Iran in a June 2025 phone call.",
            (date(2025, 6, 1), "month"),
        ),
        ("Israel struck Tehran on June 15, 2025.", (date(2025, 6, 15), "day")),
        ("The ministers met last week in Moscow.", (date(2025, 6, 1), "month")),
        ("Iran's foreign minister flew to Moscow on Tuesday.", (date(2025, 6, 17), "day")),
        ("Russia and Iran signed the deal earlier this year.", (date(2025, 1, 1), "year")),
        ("Yesterday, Russia condemned the strikes.", (date(2025, 6, 19), "day")),
        ("Russia built the Bushehr plant, which became operational in 2013.", (date(2013, 1, 1), "year")),
        ("The talks collapsed in June.", (date(2025, 6, 1), "month")),
        ("Moscow recalled its ambassador last month.", (date(2025, 5, 1), "month")),
    ],
)
def test_sentence_dates(seg: Segmenter, text: str, expected: tuple[date, str]) -> None:
    when = sentence_date(_sent(seg, text), PUBLISHED)
    assert (when.date, when.precision) == expected
    assert when.basis == "expression"


def test_the_main_clause_date_wins(seg: Segmenter) -> None:
    sent = _sent(seg, "Putin said on Tuesday that Russia had built Bushehr in 2013.")
    mentions = find_dates(sent, PUBLISHED)
    assert [(m.text, m.main_clause) for m in mentions] == [("Tuesday", True), ("2013", False)]
    assert sentence_date(sent, PUBLISHED, mentions).date == date(2025, 6, 17)
    built = next(t for t in sent if t.text == "built")
    found = mention_for(mentions, sent, built)
    assert found is not None and (found.date, found.precision) == (date(2013, 1, 1), "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit in June.", date(2025, 6, 1)),
        ("Tuesday.", date(2025, 6, 17)),
        ("June 2025.", date(2025, 6, 1)),
    ],
)
def test_sentences_without_a_verb(seg: Segmenter, text: str, expected: date) -> None:
    # the date's clause head is searched up to a root that is no verb: this once looped forever
    assert sentence_date(_sent(seg, text), PUBLISHED).date == expected


def test_offsets_point_into_the_sentence(seg: Segmenter) -> None:
    sent = _sent(seg, "Officials met on 2025-06-15 and again yesterday.")
    for mention in find_dates(sent, PUBLISHED):
        assert sent.text[mention.start : mention.end] == mention.text
    assert {m.date for m in find_dates(sent, PUBLISHED)} == {date(2025, 6, 15), date(2025, 6, 19)}


def test_no_expression_defaults_to_the_publication_day(seg: Segmenter) -> None:
    when = sentence_date(_sent(seg, "Russia condemned the strikes."), PUBLISHED)
    assert (when.date, when.precision, when.text, when.basis) == (PUBLISHED, "day", None, "published")


def test_future_sentences_have_no_default_and_look_forward(seg: Segmenter) -> None:
    assert sentence_date(_sent(seg, "Russia will deliver more jets."), PUBLISHED).basis == "none"
    when = sentence_date(_sent(seg, "The two presidents will meet on Tuesday."), PUBLISHED)
    assert (when.date, when.precision) == (date(2025, 6, 24), "day")


def test_unknown_publication_date(seg: Segmenter) -> None:
    assert sentence_date(_sent(seg, "Russia condemned the strikes last week."), None).basis == "none"
    when = sentence_date(_sent(seg, "Russia condemned the strikes on June 15, 2025."), None)
    assert (when.date, when.precision) == (date(2025, 6, 15), "day")


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("Russia will deliver jets.", "future"),
        ("Iran is going to receive jets.", "future"),
        ("Russia delivered jets.", "past"),
        ("Russia has delivered jets.", "past"),
        ("Russia delivers jets.", "present"),
    ],
)
def test_tense(seg: Segmenter, text: str, tense: str) -> None:
    assert sentence_tense(_sent(seg, text)) == tense


def test_split_offsets_and_paragraphs(seg: Segmenter) -> None:
    text = "Russia condemned the strikes. Iran thanked Moscow.\n\nA heading without a stop\n\nChina agreed."
    split = seg.split("d1", text, PUBLISHED)
    assert [s.sentence.index for s in split] == list(range(len(split)))
    for dated in split:
        s = dated.sentence
        assert text[s.start : s.end] == s.text and s.doc_id == "d1"
    # no sentence runs across a paragraph break
    assert all("\n\n" not in d.sentence.text for d in split)
    assert split[-1].sentence.text == "China agreed."


def test_long_paragraphs_are_cut_at_whitespace(seg: Segmenter, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "MAX_PIECE_CHARS", 40)
    text = "Russia condemned the strikes on Iran. Iran thanked Moscow for its support."
    pieces = list(seg.pieces(text))
    assert len(pieces) > 1 and all(len(p) <= 40 for _, p in pieces)
    assert "".join(p for _, p in pieces) == text
    for dated in seg.split("d2", text, PUBLISHED):
        assert text[dated.sentence.start : dated.sentence.end] == dated.sentence.text
