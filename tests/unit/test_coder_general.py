"""The event coder on wordings that are not in any gold file: labour strikes, ethnic groups named by a
nationality, nationality adjectives on languages and goods, and office titles that name no country.
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import Event

DAY = date(2024, 5, 1)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def triples(
    events: list[Event],
) -> set[tuple[str, str | None, tuple[str | None, ...], tuple[str | None, ...]]]:
    """(type, mode, source countries, target countries) of the non-negated events."""
    return {
        (e.type, e.mode, tuple(a.country for a in e.source), tuple(a.country for a in e.target))
        for e in events
        if not e.negated
    }


def test_workers_went_on_strike(coder: Coder) -> None:
    events = coder.code("Thousands of port workers went on strike in Chile over pensions.", DAY)
    assert ("PROTEST", "strike", ("CHL",), ("CHL",)) in triples(events)
    assert all(e.type != "ASSAULT" for e in events)


def test_teachers_staged_a_strike(coder: Coder) -> None:
    events = coder.code("Teachers staged a strike in Kenya to demand higher pay.", DAY)
    assert ("PROTEST", "strike", ("KEN",), ("KEN",)) in triples(events)


def test_unions_called_a_strike(coder: Coder) -> None:
    events = coder.code("Unions called a strike in Nigeria after fuel prices doubled.", DAY)
    assert {(e.type, e.mode) for e in events} == {("PROTEST", "strike")}


def test_a_state_strike_stays_an_attack(coder: Coder) -> None:
    events = coder.code("Russia launched strikes on Kharkiv overnight.", DAY)
    assert {e.type for e in events} == {"ASSAULT"}


def test_ethnic_people_take_the_country_where_they_act(coder: Coder) -> None:
    events = coder.code("Ethnic Hungarians demonstrated in Romania against the new school law.", DAY)
    found = triples(events)
    assert found and all(t[2] == ("ROU",) for t in found)


def test_ethnic_armed_group_is_not_the_state_of_the_adjective(coder: Coder) -> None:
    events = coder.code("Ethnic Serbian rebels attacked police in Kosovo.", DAY)
    assert all("SRB" not in t[2] for t in triples(events))


def test_a_community_abroad_is_of_where_it_lives(coder: Coder) -> None:
    events = coder.code("The Kurdish community in Sweden protested against the extradition.", DAY)
    assert all(t[2] == ("SWE",) for t in triples(events))


def test_a_language_is_no_actor(coder: Coder) -> None:
    events = coder.code("Moldova banned the Russian language in its schools.", DAY)
    assert all("RUS" not in t[3] for t in triples(events))


def test_carpets_are_no_actor(coder: Coder) -> None:
    events = coder.code("Pakistan sold Persian carpets to Japan.", DAY)
    assert all("IRN" not in t[2] + t[3] for t in triples(events))


def test_a_title_takes_the_single_state_of_the_document(coder: Coder) -> None:
    text = "Portugal hosted a summit on fishing. The Socialist prime minister accused Morocco of piracy."
    events = coder.code(text, DAY)
    assert ("ACCUSE", "allege", ("PRT",), ("MAR",)) in triples(events)


def test_a_title_with_no_country_anywhere_gives_no_actor(coder: Coder) -> None:
    events = coder.code("The prime minister condemned the decision.", DAY)
    assert events == []


def test_a_conditional_use_of_force_is_a_threat_at_whoever_would_set_it_off(coder: Coder) -> None:
    events = coder.code("Beijing would use force if Taiwan declared independence.", DAY)
    assert ("THREATEN", "violence", ("CHN",), ("TWN",)) in triples(events)
    assert all(e.type != "ASSAULT" for e in events)


def test_a_prediction_by_analysts_is_no_threat(coder: Coder) -> None:
    events = coder.code("Russia would attack Ukraine if Kyiv joined NATO, analysts said.", DAY)
    assert all(e.type != "THREATEN" for e in events)
    assert all(e.modality in ("future", "hypothetical") for e in events if e.type == "ASSAULT")


def test_would_have_to_is_hypothetical(coder: Coder) -> None:
    events = coder.code("Beijing would have to use force against Taiwan.", DAY)
    assert events and all(e.modality != "asserted" for e in events)


def test_the_one_forced_or_urged_acts(coder: Coder) -> None:
    events = coder.code("Israel was forced to withdraw its troops from the town on Monday.", DAY)
    assert any(e.type == "RETREAT" and [a.country for a in e.source] == ["ISR"] for e in events)


def test_a_hyphenated_sit_in_is_a_protest_where_it_happens(coder: Coder) -> None:
    events = coder.code("Students staged a sit-in outside the ministry in Seoul.", DAY)
    assert {(e.type, tuple(a.country for a in e.source)) for e in events} == {("PROTEST", ("KOR",))}


def test_workers_walking_out_strike_and_a_delegation_walking_out_cuts_ties(coder: Coder) -> None:
    workers = coder.code("Doctors walked out of hospitals across France.", DAY)
    delegation = coder.code("Iran's delegation walked out of the talks in Vienna.", DAY)
    assert {(e.type, e.mode) for e in workers} == {("PROTEST", "strike")}
    assert {e.type for e in delegation} == {"SANCTION"}


def test_verbless_headlines_are_coded(coder: Coder) -> None:
    for text in ("Iran hostile to new sanctions.", "Russia ready to supply Iran.", "Hostile Iran."):
        assert isinstance(coder.code(text, DAY), list)


def test_a_background_clause_gives_no_event_beside_the_main_one(coder: Coder) -> None:
    text = "Norway recalled its ambassador from Riyadh after a Saudi court jailed a Norwegian blogger."
    events = coder.code(text, DAY)
    assert {e.type for e in events} == {"SANCTION"}


def test_a_background_event_alone_is_kept(coder: Coder) -> None:
    events = coder.code("After Russia vetoed the resolution, the session ended.", DAY)
    assert {e.type for e in events} == {"REJECT"}


def test_the_means_of_an_accused_act_is_part_of_the_accusation(coder: Coder) -> None:
    text = "Washington accused Beijing of militarising the sea by sending warships to the Spratlys."
    assert {e.type for e in coder.code(text, DAY)} == {"ACCUSE"}


def test_a_main_verb_parsed_as_a_participle_still_has_its_subject(coder: Coder) -> None:
    events = coder.code("Venezuela's opposition coalition called on Maduro to resign.", DAY)
    assert ("REQUEST", "yield", ("VEN",), ("VEN",)) in triples(events)


def test_a_demand_about_an_unknown_official_is_domestic(coder: Coder) -> None:
    text = "India's Bharatiya Janata Party demanded that Telecom Minister Andimuthu Raja be sacked."
    assert any(t[0] == "REQUEST" and t[2:] == (("IND",), ("IND",)) for t in triples(coder.code(text, DAY)))


def test_what_a_vetoed_resolution_says_is_no_event(coder: Coder) -> None:
    text = "Russia and China vetoed a Security Council resolution that threatened Syria with sanctions."
    assert {e.type for e in coder.code(text, DAY)} == {"REJECT"}


def test_what_a_passed_resolution_says_is_its_authors_act(coder: Coder) -> None:
    text = "The IAEA Board of Governors passed a resolution censuring Iran."
    assert ("ACCUSE", "disapprove", ("IGO",), ("IRN",)) in triples(coder.code(text, DAY))


def test_a_seized_thing_names_whom_the_seizure_hits(coder: Coder) -> None:
    events = coder.code("Iran seized a British-flagged tanker in the Strait of Hormuz.", DAY)
    assert ("COERCE", "confiscate", ("IRN",), ("GBR",)) in triples(events)


def test_an_unsaid_promise_is_negated_but_no_refusal(coder: Coder) -> None:
    text = "Russian officials have not suggested that Moscow would give Iran military support."
    events = coder.code(text, DAY)
    assert events and all(e.negated for e in events)
    assert all(e.type != "REJECT" for e in events)


def test_what_an_event_retaliates_for_is_background(coder: Coder) -> None:
    text = "The United States fired missiles at a base in Syria in retaliation for an attack that killed 80."
    assert {e.type for e in coder.code(text, DAY)} == {"ASSAULT"}
    assert all(e.source[0].country == "USA" for e in coder.code(text, DAY))


def test_a_states_workers_are_people_not_the_state(coder: Coder) -> None:
    events = coder.code("Germany's rail workers walked out on Monday.", DAY)
    assert {(e.type, e.mode) for e in events} == {("PROTEST", "strike")}


def test_a_relative_clause_on_a_name_is_background(coder: Coder) -> None:
    events = coder.code("Iran, which supplied drones to Russia, denied the report on Monday.", DAY)
    assert {e.type for e in events} == {"REJECT"}


def test_not_ruling_out_is_a_possibility_not_a_refusal(coder: Coder) -> None:
    events = coder.code("The United States did not rule out sending ATACMS missiles to Ukraine.", DAY)
    aid = [e for e in events if e.type == "AID"]
    assert aid and all(not e.negated and e.modality == "hypothetical" for e in aid)
    assert all(e.negated for e in events if e.type == "REJECT")


def test_no_longer_and_yet_to_negate(coder: Coder) -> None:
    assert all(e.negated for e in coder.code("Niger no longer recognises the French ambassador.", DAY))
    events = coder.code("Iran has yet to release the British sailors.", DAY)
    assert all(e.negated for e in events if e.type == "RETREAT")


def test_an_expected_act_has_its_raised_subject_and_is_no_intention(coder: Coder) -> None:
    events = coder.code("The European Union is expected to impose new sanctions on Russia next week.", DAY)
    assert [(e.type, e.modality) for e in events] == [("SANCTION", "future")]
    assert [a.country for a in events[0].source] == ["IGO"]
