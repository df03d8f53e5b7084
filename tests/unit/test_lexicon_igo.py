"""Intergovernmental organisations acting on members: admission, exclusion, sanctions, lending."""

import datetime

import pytest

from alliancewatch.extract.pipeline import Coder


@pytest.fixture(scope="module")
def coder():
    return Coder.load()


def _codes(actors):
    return {a.code or a.name for a in actors}


def _find(coder, text, date, etype):
    events = [e for e in coder.code(text, date) if e.type == etype]
    assert events, f"no {etype} in {text!r}"
    return events[0]


def test_body_admits_members(coder):
    ev = _find(
        coder,
        "The Shanghai Cooperation Organisation admitted India and Pakistan as full members "
        "at a summit in Astana on Friday.",
        datetime.date(2017, 6, 9),
        "SUPPORT",
    )
    assert "IGOSCO" in _codes(ev.source)
    assert {"IND", "PAK"} <= _codes(ev.target)


def test_admitted_to_body_passive(coder):
    text = "Iran was admitted to the SCO as its ninth member."
    ev = _find(coder, text, datetime.date(2023, 7, 4), "SUPPORT")
    assert "IGOSCO" in _codes(ev.source)
    assert "IRN" in _codes(ev.target)


def test_admitted_that_is_no_support(coder):
    events = coder.code("The minister admitted that mistakes had been made.", datetime.date(2020, 1, 1))
    assert not [e for e in events if e.type == "SUPPORT"]


def test_excluded_from_body(coder):
    text = "Russia was excluded from the G8 after it annexed Crimea."
    ev = _find(coder, text, datetime.date(2014, 3, 24), "SANCTION")
    assert "IGOG8" in _codes(ev.source)
    assert "RUS" in _codes(ev.target)


def test_military_chief_barred_from_summit(coder):
    ev = _find(
        coder,
        "ASEAN excluded Myanmar's military chief from its upcoming regional summit in an unusual rebuke.",
        datetime.date(2021, 10, 16),
        "SANCTION",
    )
    assert "IGOASEAN" in _codes(ev.source)
    assert "MMRMIL" in _codes(ev.target)


def test_adopted_sanctions_package(coder):
    ev = _find(
        coder,
        "European Union governments formally adopted a sixth package of sanctions against Russia on Friday.",
        datetime.date(2022, 6, 3),
        "SANCTION",
    )
    assert "IGOEU" in _codes(ev.source)
    assert "RUS" in _codes(ev.target)


def test_halted_lending(coder):
    ev = _find(
        coder,
        "The World Bank halted new lending to Uganda over a law criminalising homosexuality.",
        datetime.date(2023, 8, 8),
        "SANCTION",
    )
    assert "IGOWB" in _codes(ev.source)
    assert "UGA" in _codes(ev.target)
