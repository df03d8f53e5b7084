"""Trigger senses narrowed so that sport, markets, culture and idioms code no PLOVER event, while the
political sense of the same word still does: "Brazil beat Germany on penalties" is no assault, "police beat
protesters" is; "the yen hit a record low" is none, "Russian missiles hit Kyiv" is. Sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import Event


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def code(coder: Coder, text: str, day: date = date(2023, 6, 1)) -> list[Event]:
    return coder.code(text, day)


def types(events: list[Event]) -> set[str]:
    return {e.type for e in events if not e.negated}


def names(events: list[Event]) -> set[str]:
    return {a.name for e in events for a in (*e.source, *e.target)}


# -- sport and elections: teams and rivals that are beaten, titles defended, gold struck ----------------


@pytest.mark.parametrize(
    "text",
    [
        "Brazil beat Germany on penalties at the Maracana on Saturday to win Olympic football gold for the "
        "first time, with Neymar converting the decisive kick.",
        "Spain beat England 2-1 in Berlin on Sunday to win a record fourth European Championship, with Mikel "
        "Oyarzabal scoring the winner four minutes from time.",
        "North Korea beat Japan 4-1 in the Asian Games women's football quarter-final in Wenzhou on "
        "Saturday, "
        "in a tense match.",
        "France's Emmanuel Macron beat Marine Le Pen on Sunday to win a second term, with 58.5 "
        "percent of the "
        "vote, the interior ministry said.",
        "Ukraine's Kalush Orchestra won the Eurovision Song Contest in Turin on Saturday, beating "
        "Britain's Sam "
        "Ryder in a vote by viewers.",
    ],
)
def test_a_team_or_rival_that_is_beaten_is_no_assault(coder: Coder, text: str) -> None:
    assert "ASSAULT" not in types(code(coder, text))


@pytest.mark.parametrize(
    "text",
    [
        "Belarusian riot police beat protesters with batons in Minsk on Monday night, and dozens were taken "
        "to hospital, witnesses said.",
        "Hong Kong police beat him with batons in Admiralty on Wednesday, a lawmaker said, as "
        "officers cleared "
        "protesters from roads near the legislature.",
        "Iranian security forces beat women who had removed their headscarves in Tehran on Wednesday, rights "
        "groups said.",
    ],
)
def test_people_who_are_beaten_are_still_assaulted(coder: Coder, text: str) -> None:
    assert any(e.type == "ASSAULT" and e.mode == "beat" for e in code(coder, text))


def test_a_title_or_a_total_defended_is_no_support(coder: Coder) -> None:
    for text in (
        "Spain's Carlos Alcaraz defended his Wimbledon title on Sunday, routing Serbia's Novak Djokovic in "
        "straight sets in London.",
        "India's Rohit Sharma defended his team's selection on Sunday and the Indians defended their lead in "
        "the final overs.",
    ):
        assert "SUPPORT" not in types(code(coder, text)), text


def test_a_decision_or_an_actor_defended_is_still_support(coder: Coder) -> None:
    for text in (
        "Turkey's foreign minister defended Ankara's purchase of Russian S-400 missiles on Monday, "
        "saying the "
        "deal was done.",
        "China defended its decision not to condemn Russia's invasion of Ukraine on Wednesday, "
        "saying Beijing "
        "would keep an objective position.",
    ):
        assert "SUPPORT" in types(code(coder, text)), text


def test_the_tennis_player_medvedev_is_not_the_politician(coder: Coder) -> None:
    text = (
        "Italy's Jannik Sinner came from two sets down to beat Russia's Daniil Medvedev in Melbourne "
        "on Sunday "
        "and win the Australian Open."
    )
    events = code(coder, text)
    assert "Dmitry Medvedev" not in names(events)
    assert not events


def test_a_rival_denied_a_title_is_no_rejection(coder: Coder) -> None:
    text = (
        "Russia's Daniil Medvedev defeated Serbia's Novak Djokovic in straight sets in New York on Sunday to "
        "win the U.S. Open and deny the world number one a calendar Grand Slam."
    )
    assert "REJECT" not in types(code(coder, text))


def test_entry_and_accusations_denied_are_still_rejections(coder: Coder) -> None:
    entry = code(
        coder,
        "Israel denied entry to two U.S. congresswomen on Thursday, barring Ilhan Omar and Rashida "
        "Tlaib from "
        "a planned visit to the West Bank.",
    )
    assert any(e.type == "REJECT" and [a.country for a in e.target] == ["USA"] for e in entry)
    involvement = code(coder, "Malaysian Prime Minister Najib Razak denied wrongdoing in the 1MDB scandal.")
    assert "REJECT" in types(involvement)


@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid beat Borussia Dortmund 2-0 at Wembley on Saturday to win a record 15th European Cup, "
        "with Vinicius Junior scoring late.",
        "Paris St Germain sold Brazilian striker Neymar to Saudi Arabia's Al Hilal on Tuesday, ending his "
        "six-year spell at the French club.",
    ],
)
def test_a_club_named_after_a_capital_is_no_government(coder: Coder, text: str) -> None:
    events = code(coder, text)
    assert not any(a.sector == "GOV" for e in events for a in e.source)


def test_a_blocked_shot_is_no_obstruction_but_blocked_traffic_is(coder: Coder) -> None:
    shot = (
        "The Serbian goalkeeper blocked the shot in the last minute, and Serbia held Montenegro to "
        "a 1-1 draw."
    )
    assert "PROTEST" not in types(code(coder, shot))
    traffic = (
        "Lebanese protesters blocked traffic across Beirut on Monday for a fifth day, demanding the "
        "resignation of the government."
    )
    assert any(e.type == "PROTEST" and e.mode == "obstruct" for e in code(coder, traffic))


def test_standing_silent_is_no_support_but_standing_with_a_state_is(coder: Coder) -> None:
    silent = (
        "England routed Iran 6-2 in Doha on Monday, while Iranian players stood silent during their national "
        "anthem in a gesture read as support for protesters at home."
    )
    assert "SUPPORT" not in types(code(coder, silent))
    ally = "Poland stood with Ukraine on Tuesday, President Andrzej Duda said in Warsaw."
    assert any(e.type == "SUPPORT" and [a.country for a in e.target] == ["UKR"] for e in code(coder, ally))


# -- markets and business ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Japan's yen hit a one-year low against the dollar on Wednesday, and Tokyo stocks hit their highest "
        "level since 1990.",
        "Turkey's lira hit an all-time low of 18.4 to the dollar on Monday before rebounding.",
        "Evergrande missed another bond payment, and Chinese property shares hit new lows in Hong Kong on "
        "Friday as fears of contagion spread.",
    ],
)
def test_a_price_that_hits_a_level_is_no_assault(coder: Coder, text: str) -> None:
    assert "ASSAULT" not in types(code(coder, text))


def test_missiles_that_hit_a_city_still_assault(coder: Coder) -> None:
    text = (
        "Russian missiles hit Kyiv on Monday morning, killing at least eight people in the Ukrainian capital."
    )
    assert "ASSAULT" in types(code(coder, text))


def test_a_producer_cutting_its_output_is_no_sanction(coder: Coder) -> None:
    text = (
        "OPEC and its allies agreed to cut oil output by 2 million barrels per day in Vienna on "
        "Wednesday, the "
        "biggest reduction since the start of the pandemic."
    )
    assert "SANCTION" not in types(code(coder, text))


@pytest.mark.parametrize(
    "text",
    [
        "Russia cut gas supplies to Germany on Friday, halting flows through the Nord Stream pipeline "
        "indefinitely.",
        "The European Union moved to cut several Russian banks from the SWIFT payment system on Saturday, "
        "officials said.",
    ],
)
def test_supplies_or_banks_cut_from_a_state_are_still_sanctions(coder: Coder, text: str) -> None:
    assert "SANCTION" in types(code(coder, text))


def test_a_shipment_of_crude_is_trade_not_aid(coder: Coder) -> None:
    crude = code(
        coder, "Russia shipped a record volume of oil to India in July, tanker tracking data showed."
    )
    assert "AID" not in types(crude) and "COOPERATE" in types(crude)
    jets = code(
        coder, "Poland shipped MiG-29 fighter jets to Ukraine on Friday, the first NATO country to do so."
    )
    assert "AID" in types(jets)


def test_diesel_handed_out_is_fuel_aid(coder: Coder) -> None:
    text = (
        "Hezbollah began handing out Iranian diesel free of charge to Lebanese state hospitals and water "
        "stations on Friday."
    )
    events = code(coder, text)
    assert "AID" in types(events) and "RETREAT" not in types(events)


def test_released_water_or_data_is_no_release_of_captives(coder: Coder) -> None:
    for text in (
        "Japan released the first batch of treated radioactive water from the Fukushima plant on Thursday, "
        "state broadcaster NHK said.",
        "China's statistics bureau released data on Wednesday showing that the economy grew 5.2 percent.",
    ):
        assert "RETREAT" not in types(code(coder, text)), text
    freed = code(coder, "Iran released five Americans on Monday in a prisoner swap, and they flew to Doha.")
    assert "RETREAT" in types(freed)


def test_momentum_and_gains_are_not_seized_or_surrendered(coder: Coder) -> None:
    text = (
        "Russia's rouble surrendered its early gains on Friday, while Moscow stocks seized the momentum in "
        "afternoon trading."
    )
    assert not types(code(coder, text)) & {"RETREAT", "COERCE"}
    tanker = "Iran seized a Greek tanker in the Gulf of Oman on Wednesday, the navy said."
    assert "COERCE" in types(code(coder, tanker))
    coup = "Gabonese officers seized power and placed President Ali Bongo Ondimba under house arrest."
    assert "COERCE" in types(code(coder, coup))


# -- culture and idioms --------------------------------------------------------------------------------


def test_a_verbal_attack_in_a_memoir_or_interview_is_an_accusation(coder: Coder) -> None:
    text = (
        "Hungarian Prime Minister Viktor Orban attacked the European Union in a radio interview on Friday, "
        "saying its sanctions had hurt Europe more than Russia."
    )
    found = types(code(coder, text))
    assert "ACCUSE" in found and "ASSAULT" not in found


@pytest.mark.parametrize(
    "text",
    [
        "The Chinese film The Wandering Earth 2 bombed at the North American box office this weekend, while "
        "it smashed records in China.",
        "France's Paris Saint-Germain occupied top spot in the league on Sunday after a 3-1 win over Lyon.",
        "Britain's fans invaded the pitch in Cardiff on Saturday after Wales beat England, and stewards "
        "struggled to clear the ground.",
    ],
)
def test_idioms_of_war_in_sport_and_film_are_no_assault(coder: Coder, text: str) -> None:
    assert "ASSAULT" not in types(code(coder, text))


@pytest.mark.parametrize(
    "text",
    [
        "The United States bombed three Iranian nuclear sites, including Fordow, on Sunday.",
        "Iraqi troops invaded Kuwait on Thursday, seizing the emirate's oil fields within hours.",
        "Protesters stormed the U.S. embassy compound in Baghdad on Tuesday, setting fire to a "
        "reception area.",
    ],
)
def test_bombing_invading_and_storming_places_still_assault(coder: Coder, text: str) -> None:
    assert "ASSAULT" in types(code(coder, text))
