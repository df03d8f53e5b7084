"""The gazetteer over the article the project started from (read from ../shared/seeds, never copied)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.extract import Gazetteer

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_8bace14ff467b8ae.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not beside the project")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gaz(codes: CountryCodes) -> Gazetteer:
    return Gazetteer.load(codes)


def test_seed_names_the_alliance_and_its_neighbours(gaz: Gazetteer, seed_text: str) -> None:
    mentions = gaz.match(seed_text, on=date(2025, 6, 20))
    countries = Counter(a.country for m in mentions for a in m.actors)
    assert {"IRN", "RUS", "ISR", "CHN", "USA", "UKR", "SYR", "LBN", "PSE"} <= set(countries)
    assert countries["IRN"] >= 40 and countries["RUS"] >= 40  # the article is about these two
    codes = {a.code for m in mentions for a in m.actors}
    assert "IGOUNSC" in codes
    for m in mentions:  # every span is the text it claims to be
        assert seed_text[m.start : m.end] == m.text


def test_seed_metonyms_epithets_and_sectors(gaz: Gazetteer, seed_text: str) -> None:
    found = {(m.text, a.country, a.sector) for m in gaz.match(seed_text) for a in m.actors}
    assert ("Tehran", "IRN", "GOV") in found
    assert ("Moscow", "RUS", "GOV") in found
    assert ("the Jewish state", "ISR", None) in found
    assert ("Russian Federation", "RUS", None) in found
    assert ("Israel’s military", "ISR", "MIL") in found
    assert ("Iran's Defense Ministry", "IRN", "MIL") in found


def test_seed_leaders_when_people_are_listed(gaz: Gazetteer, seed_text: str) -> None:
    if not gaz.counts.get("people"):
        pytest.skip("people.csv is not in the package yet")
    mentions = gaz.match(seed_text, on=date(2025, 6, 20))
    names = {a.name for m in mentions for a in m.actors}
    assert {"Vladimir Putin", "Masoud Pezeshkian"} <= names
