"""The event coder on actors the gazetteer alone does not settle: NGOs and IGOs as sources, armed groups,
generic people and forces ("police", "thousands of students") placed by where they act, the civilians a
domestic repression falls on, titles with a country before people.csv's years, and the demands of a
protest. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def parties(
    events: list[Event],
) -> set[tuple[str, tuple[tuple[str | None, str | None], ...], tuple[str | None, ...]]]:
    """(type, (country, sector) of the sources, countries of the targets) of the non-negated events."""
    return {
        (e.type, tuple((a.country, a.sector) for a in e.source), tuple(a.country for a in e.target))
        for e in events
        if not e.negated
    }


def test_an_ngo_accuses_a_state(coder: Coder) -> None:
    events = coder.code("Human Rights Watch accused Myanmar of burning villages.", date(2017, 9, 19))
    assert ("ACCUSE", (("IGO", "NGO"),), ("MMR",)) in parties(events)


def test_the_european_community_gives_aid(coder: Coder) -> None:
    events = coder.code("The European Community gave Sudan 20 million dollars of aid.", date(1985, 3, 4))
    assert parties(events) == {("AID", (("IGO", "IGO"),), ("SDN",))}


def test_aid_to_generic_people_goes_to_where_they_are(coder: Coder) -> None:
    events = coder.code(
        "The Red Cross sent blankets and food aid to earthquake survivors in Nepal.", date(2015, 4, 28)
    )
    assert parties(events) == {("AID", (("IGO", "NGO"),), ("NPL",))}


def test_police_placed_by_the_capital_arrest_civilians(coder: Coder) -> None:
    events = coder.code("Police arrested dozens of protesters in Caracas on Sunday.", date(2017, 5, 7))
    (event,) = [e for e in events if e.type == "COERCE"]
    assert [(a.country, a.sector) for a in event.source] == [("VEN", "COP")]
    assert [(a.country, a.sector) for a in event.target] == [("VEN", "CVL")]


def test_domestic_repression_falls_on_the_sources_own_people(coder: Coder) -> None:
    events = coder.code("Zimbabwean police detained striking teachers.", date(2012, 10, 2))
    (event,) = [e for e in events if e.type == "COERCE"]
    assert [(a.country, a.sector) for a in event.target] == [("ZWE", "EDU")]


def test_quantities_of_generic_people_protest_where_they_march(coder: Coder) -> None:
    events = coder.code("Thousands of workers marched through Buenos Aires.", date(2019, 4, 30))
    assert parties(events) == {("PROTEST", (("ARG", "LAB"),), ("ARG",))}


def test_the_demand_of_a_protest_is_not_a_second_event(coder: Coder) -> None:
    events = coder.code("Students rallied in Dhaka to demand safer roads.", date(2018, 8, 2))
    assert {e.type for e in events if not e.negated} == {"PROTEST"}


def test_an_armed_group_attacks_its_own_state(coder: Coder) -> None:
    events = coder.code("Tamil Tiger rebels attacked a Sri Lankan army camp.", date(2008, 9, 9))
    assert ("ASSAULT", (("LKA", "REB"),), ("LKA",)) in parties(events)


def test_a_title_with_a_country_is_its_government_before_the_people_file(coder: Coder) -> None:
    events = coder.code("The Indian prime minister condemned Pakistan.", date(1965, 9, 1))
    assert parties(events) == {("ACCUSE", (("IND", "GOV"),), ("PAK",))}


def test_coordinated_nationalities_share_their_head(coder: Coder) -> None:
    events = coder.code("U.S. and British forces struck Houthi targets in Yemen.", date(2024, 1, 12))
    strike = next(e for e in events if e.type == "ASSAULT")
    assert {(a.country, a.sector) for a in strike.source} == {("USA", "MIL"), ("GBR", "MIL")}


def test_the_pope_speaks_for_the_holy_see(coder: Coder) -> None:
    text = "Pope John Paul II urged Britain and Argentina to stop the fighting over the Falklands."
    events = coder.code(text, date(1982, 5, 2))
    assert any(e.type == "REQUEST" and [a.country for a in e.source] == ["VAT"] for e in events)


def test_an_organisation_official_acts_for_the_organisation(coder: Coder) -> None:
    text = "U.N. Secretary-General Antonio Guterres arrived in Kyiv on Thursday."
    events = coder.code(text, date(2022, 4, 28))
    assert [(e.type, [a.country for a in e.source]) for e in events] == [("CONSULT", ["IGO"])]


def test_a_month_is_no_march(coder: Coder) -> None:
    events = coder.code("Kenyan opposition supporters said the pact was broken in March.", date(2024, 5, 1))
    assert all(e.type != "PROTEST" for e in events)
