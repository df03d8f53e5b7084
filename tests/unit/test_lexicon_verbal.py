"""Trigger-lexicon rows for verbal events (SUPPORT, CONCEDE, ACCUSE, REJECT, THREATEN, AGREE) in idioms
and nominal wordings: "threw its weight behind", "held X responsible", "pointed the finger at", "vowed
revenge", "made concessions", "filed a case against". Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import Event

DAY = date(2020, 6, 1)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def pairs(events: list[Event]) -> set[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]:
    """(type, source countries, target countries) of the non-negated events."""
    return {
        (e.type, tuple(a.country for a in e.source), tuple(a.country for a in e.target))
        for e in events
        if not e.negated
    }


def types(events: list[Event]) -> set[str]:
    return {e.type for e in events if not e.negated}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "France threw its weight behind Germany's bid for a permanent Security Council seat.",
            ("SUPPORT", ("FRA",), ("DEU",)),
        ),
        (
            "NATO allies rallied behind Turkey after Syria shot down a Turkish jet.",
            ("SUPPORT", ("IGO",), ("TUR",)),
        ),
        ("France stood behind Greece in its maritime dispute with Turkey.", ("SUPPORT", ("FRA",), ("GRC",))),
        (
            "Brazil expressed backing for Argentina in the dispute over the islands.",
            ("SUPPORT", ("BRA",), ("ARG",)),
        ),
        (
            "Washington signalled its support for Taiwan during the missile tests.",
            ("SUPPORT", ("USA",), ("TWN",)),
        ),
        (
            "France lent its support to Germany's bid for a Security Council seat.",
            ("SUPPORT", ("FRA",), ("DEU",)),
        ),
        (
            "The European Union gave its blessing to Moldova's bid for membership.",
            ("SUPPORT", ("IGO",), ("MDA",)),
        ),
    ],
)
def test_support_idioms(
    coder: Coder, text: str, expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    assert expected in pairs(coder.code(text, DAY))


def test_green_light_is_approval_not_aid(coder: Coder) -> None:
    events = coder.code(
        "Germany gave the green light on Wednesday for Leopard tanks to be sent to Ukraine.", DAY
    )
    assert "SUPPORT" in types(events)
    assert "AID" not in types(events)


def test_rally_behind_a_barricade_stays_a_protest(coder: Coder) -> None:
    events = coder.code("Thousands of protesters rallied behind the barricades in Kyiv on Sunday.", DAY)
    assert "PROTEST" in types(events)
    assert "SUPPORT" not in types(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran held the United States responsible for the killing of its general.",
            ("ACCUSE", ("IRN",), ("USA",)),
        ),
        ("Washington pointed the finger at Pyongyang for the hack on Sony.", ("ACCUSE", ("USA",), ("PRK",))),
        ("Venezuela railed against the United States over the aid convoys.", ("ACCUSE", ("VEN",), ("USA",))),
        (
            "India took China to task over the deadly clash in the Galwan valley.",
            ("ACCUSE", ("IND",), ("CHN",)),
        ),
        (
            "U.S. officials voiced outrage at Saudi Arabia over the journalist's killing.",
            ("ACCUSE", ("USA",), ("SAU",)),
        ),
        ("South Africa filed a case against Israel at the world court.", ("ACCUSE", ("ZAF",), ("ISR",))),
        ("Moscow blasted Washington for threatening sanctions over Crimea.", ("ACCUSE", ("RUS",), ("USA",))),
    ],
)
def test_accuse_idioms(
    coder: Coder, text: str, expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    assert expected in pairs(coder.code(text, DAY))


def test_blasting_positions_is_no_accusation(coder: Coder) -> None:
    events = coder.code("Israeli jets blasted Hamas positions in Gaza on Monday.", DAY)
    assert "ACCUSE" not in types(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing pushed back against U.S. demands for changes to its laws.", ("REJECT", ("CHN",), ("USA",))),
        ("The Kremlin dismissed British accusations over the poisoning.", ("REJECT", ("RUS",), ("GBR",))),
    ],
)
def test_reject_idioms(
    coder: Coder, text: str, expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    assert expected in pairs(coder.code(text, DAY))


def test_blocking_an_aid_package_is_a_rejection(coder: Coder) -> None:
    events = coder.code("Hungary blocked an aid package for Ukraine at the summit in Brussels.", DAY)
    assert "REJECT" in types(events)
    assert "PROTEST" not in types(events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran vowed harsh revenge against the United States for the killing.",
            ("THREATEN", ("IRN",), ("USA",)),
        ),
        ("Russia threatened reprisals against Ukraine if NATO expanded.", ("THREATEN", ("RUS",), ("UKR",))),
    ],
)
def test_threats_of_retaliation(
    coder: Coder, text: str, expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    events = coder.code(text, DAY)
    assert expected in pairs(events)
    assert "AGREE" not in types(events)


def test_concessions_and_olive_branch(coder: Coder) -> None:
    events = coder.code("The Thai prime minister made concessions to the protesters on Monday.", DAY)
    assert "CONCEDE" in types(events)
    events = coder.code("India held out an olive branch to Pakistan on Friday.", DAY)
    assert ("AGREE", ("IND",), ("PAK",)) in pairs(events)


def test_pledge_noun_is_an_intention(coder: Coder) -> None:
    events = coder.code("Saudi Arabia's pledge of $3 billion to Lebanon surprised diplomats.", DAY)
    assert "AGREE" in types(events)
