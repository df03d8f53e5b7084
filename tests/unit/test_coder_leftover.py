"""The leftover target: an event with no target after every parse rule takes the one other state its
sentence names, unless that state only reports, describes, hosts or shares the event. Sentences written
for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import Event

DAY = date(2024, 5, 1)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def targets(events: list[Event], type_: str) -> set[tuple[str | None, ...]]:
    return {tuple(a.country for a in e.target) for e in events if e.type == type_}


def test_border_with_a_state_names_the_target(coder: Coder) -> None:
    events = coder.code("Armenia has massed troops and artillery along its border with Azerbaijan.", DAY)
    assert targets(events, "MOBILIZE") == {("AZE",)}


def test_a_place_where_the_deal_was_made_is_no_target(coder: Coder) -> None:
    events = coder.code("Serbia reached a deal in Vienna on Tuesday to cut its coal exports.", DAY)
    assert targets(events, "AGREE") == {()}


def test_the_reporter_is_no_target(coder: Coder) -> None:
    text = "Kenya has agreed to send 1,000 police officers abroad, a Brazilian official said on Friday."
    assert targets(coder.code(text, DAY), "AGREE") == {()}


def test_a_mutual_agreement_takes_no_leftover_target(coder: Coder) -> None:
    text = "Peru and Chile signed a fisheries accord on Monday under Japanese sponsorship."
    events = coder.code(text, DAY)
    assert events and all(not e.target for e in events if e.type in ("AGREE", "COOPERATE", "SUPPORT"))


def test_two_other_states_are_ambiguous(coder: Coder) -> None:
    text = "Ghana agreed on Monday to a plan that Nigeria and Togo had put forward at the summit."
    assert all(not e.target for e in coder.code(text, DAY) if e.type == "AGREE")


def test_a_backer_named_by_an_adjective_is_no_target(coder: Coder) -> None:
    text = "Hezbollah declared a ceasefire on Sunday after a week of fighting with the Syrian-backed Amal."
    events = coder.code(text, DAY)
    assert events and all("SYR" not in {a.country for a in e.target} for e in events)


def test_a_city_standing_for_an_organisation_is_still_a_place(coder: Coder) -> None:
    text = "Japan pledged 500 million dollars in aid at a donors' conference in Brussels."
    assert all(not e.target for e in coder.code(text, DAY))


def test_aid_flown_into_a_city_goes_to_its_state(coder: Coder) -> None:
    events = coder.code("Mexican army aircraft flew tonnes of food into Acapulco on Friday.", DAY)
    assert targets(events, "AID") == {("MEX",)}


def test_a_state_in_another_coordinated_clause_is_no_target(coder: Coder) -> None:
    text = "Russia carried out air strikes on Monday, and Iran withdrew many of its advisers."
    assert targets(coder.code(text, DAY), "ASSAULT") == {()}


def test_offering_no_guarantee_is_negated(coder: Coder) -> None:
    events = coder.code("Moscow has offered Iran no security guarantee.", DAY)
    assert events and all(e.negated for e in events if e.type == "AGREE")
