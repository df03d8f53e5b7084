"""Lexicon rows for PLOVER's material types (COOPERATE, AID, RETREAT, SANCTION, MOBILIZE, COERCE, ASSAULT,
PROTEST): wordings that coded nothing, or the wrong type, before these rows."""

from __future__ import annotations

import datetime as dt

import pytest

from alliancewatch.extract.pipeline import Coder
from coder_events import countries as _countries
from coder_events import find_event as _find


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


CASES = [
    # COOPERATE
    (
        "Former Peruvian president Alberto Fujimori was extradited from Chile to Peru on Saturday to face "
        "human rights and corruption charges, officials in Santiago said.",
        "2007-09-22",
        "COOPERATE",
        "CHL",
        "PER",
    ),
    (
        "Thailand handed Russian arms dealer Viktor Bout over to the United States on Tuesday after a "
        "two-year legal battle, flying him out of Bangkok on a U.S. government plane.",
        "2010-11-17",
        "COOPERATE",
        "THA",
        "USA",
    ),
    (
        "Kenya handed over a Somali piracy suspect to the Seychelles on Monday under an agreement on the "
        "transfer of detainees, officials in Mombasa said.",
        "2016-05-10",
        "COOPERATE",
        "KEN",
        "SYC",
    ),
    (
        "Norway's sharing of intelligence with Washington on Russian submarine movements has increased, "
        "officials in Oslo said on Tuesday.",
        "2023-04-11",
        "COOPERATE",
        "NOR",
        "USA",
    ),
    # AID
    (
        "The U.S. airlift of food and water to Haiti was stepped up on Friday as the aircraft carrier Carl "
        "Vinson arrived off Port-au-Prince.",
        "2010-01-16",
        "AID",
        "USA",
        "HTI",
    ),
    (
        "Russia began pumping natural gas to China through the Power of Siberia pipeline on Monday, "
        "Presidents Vladimir Putin and Xi Jinping said by video link.",
        "2019-12-03",
        "AID",
        "RUS",
        "CHN",
    ),
    # RETREAT
    (
        "Azerbaijan handed 10 Armenian prisoners of war over to Armenia on Sunday in a deal mediated by the "
        "European Union.",
        "2021-12-20",
        "RETREAT",
        "AZE",
        "ARM",
    ),
    (
        "Soviet troops completed their withdrawal from Afghanistan on Wednesday when the last armoured "
        "column crossed the Friendship Bridge into Uzbekistan, ending a nine-year war.",
        "1989-02-16",
        "RETREAT",
        "RUS",
        "AFG",
    ),
    (
        "Russia and Ukraine carried out a prisoner exchange on Saturday after months of talks mediated "
        "by Turkey.",
        "2019-09-08",
        "RETREAT",
        "RUS",
        None,
    ),
    # SANCTION
    (
        "Fiji was suspended from the Commonwealth on Tuesday after its military ruler failed to set a date "
        "for elections.",
        "2009-09-02",
        "SANCTION",
        "IGO",
        "FJI",
    ),
    # MOBILIZE
    (
        "China held live-fire military drills around Taiwan on Thursday, a day after U.S. House Speaker "
        "Nancy Pelosi left Taipei.",
        "2022-08-05",
        "MOBILIZE",
        "CHN",
        "TWN",
    ),
    (
        "The United States sent an aircraft carrier strike group and bombers to the Middle East on Sunday "
        "to send a message to Iran.",
        "2019-05-06",
        "MOBILIZE",
        "USA",
        None,
    ),
    (
        "The U.S. Navy ordered an aircraft carrier strike group to sail toward the Korean peninsula on "
        "Saturday, officials said.",
        "2017-04-09",
        "MOBILIZE",
        "USA",
        None,
    ),
    (
        "North Korea doubled its artillery forces on the border on Saturday, South Korean officials in Seoul "
        "said.",
        "2015-08-23",
        "MOBILIZE",
        "PRK",
        None,
    ),
    # COERCE
    (
        "Hong Kong riot police fired tear gas at pro-democracy protesters on Sunday.",
        "2014-09-29",
        "COERCE",
        None,
        None,
    ),
    (
        "Police dispersed opposition supporters with water cannon in Nairobi on Monday, witnesses said.",
        "2016-05-17",
        "COERCE",
        "KEN",
        None,
    ),
    (
        "Iranian authorities expelled the BBC's correspondent in Tehran on Sunday, accusing foreign media of "
        "stirring unrest.",
        "2009-06-22",
        "COERCE",
        "IRN",
        None,
    ),
    # PROTEST
    (
        "Thousands of Chinese demonstrated outside the Japanese embassy in Beijing on Saturday over Tokyo's "
        "purchase of disputed islands.",
        "2012-09-16",
        "PROTEST",
        "CHN",
        "JPN",
    ),
    (
        "Hundreds of thousands of Serbs marched on the federal parliament in Belgrade on Thursday, forcing "
        "Slobodan Milosevic from power.",
        "2000-10-06",
        "PROTEST",
        "SRB",
        "SRB",
    ),
    (
        "Thousands of Muslims protested in Karachi on Tuesday against cartoons of the Prophet Mohammad.",
        "2006-02-15",
        "PROTEST",
        "PAK",
        None,
    ),
    (
        "Truckers opposed to vaccine mandates blocked roads in Ottawa on Saturday, and police said they "
        "would tow their vehicles.",
        "2022-02-05",
        "PROTEST",
        "CAN",
        "CAN",
    ),
    (
        "Protesters blocked roads with burning tyres across Beirut on Friday for a second day of "
        "demonstrations against a proposed tax on WhatsApp calls.",
        "2019-10-19",
        "PROTEST",
        "LBN",
        None,
    ),
    (
        "Protesters blockaded highways in La Paz on Monday, demanding the resignation of President Gonzalo "
        "Sanchez de Lozada.",
        "2003-10-14",
        "PROTEST",
        "BOL",
        None,
    ),
    (
        "A march by students in London turned violent on Wednesday when some of them smashed windows at "
        "the Conservative Party's headquarters.",
        "2010-11-11",
        "PROTEST",
        "GBR",
        None,
    ),
]


@pytest.mark.parametrize(("text", "date", "kind", "source", "target"), CASES)
def test_material_wordings_are_coded(
    coder: Coder, text: str, date: str, kind: str, source: str | None, target: str | None
) -> None:
    events = coder.code(text, dt.date.fromisoformat(date))
    found = [
        (e.type, sorted(_countries(e.source), key=str), sorted(_countries(e.target), key=str)) for e in events
    ]
    assert _find(events, kind, source, target) is not None, found


WRONG = [
    # exercises held alone are no cooperation; warships sent to a region are no arms given
    ("China held live-fire military drills around Taiwan on Thursday.", "2022-08-04", "COOPERATE"),
    (
        "Iran's navy staged war games in the Strait of Hormuz on Monday, state media in Tehran said.",
        "2019-07-01",
        "COOPERATE",
    ),
    (
        "The United States sent an aircraft carrier strike group and bombers to the Middle East on Sunday.",
        "2019-05-06",
        "AID",
    ),
    # a foreign reporter thrown out is a deportation, not a diplomatic expulsion
    ("Iranian authorities expelled the BBC's correspondent in Tehran on Sunday.", "2009-06-22", "SANCTION"),
    # roads blocked by crowds are no censorship, whatever else the sentence names
    (
        "Protesters blocked roads with burning tyres across Beirut on Friday for a second day of "
        "demonstrations against a proposed tax on WhatsApp calls.",
        "2019-10-19",
        "COERCE",
    ),
    # a crowd that disperses by itself is no repression
    ("The crowd dispersed peacefully in Nairobi on Monday after the speeches.", "2016-05-17", "COERCE"),
]


@pytest.mark.parametrize(("text", "date", "kind"), WRONG)
def test_material_wordings_do_not_take_the_wrong_type(coder: Coder, text: str, date: str, kind: str) -> None:
    events = coder.code(text, dt.date.fromisoformat(date))
    assert all(e.type != kind for e in events), [
        (e.type, e.evidence.triggers if e.evidence else None) for e in events
    ]


def test_joint_drills_with_a_partner_stay_cooperation(coder: Coder) -> None:
    events = coder.code(
        "China held joint drills with Russia in the Sea of Japan on Monday.", dt.date(2021, 10, 18)
    )
    assert _find(events, "COOPERATE", "CHN", "RUS") is not None


def test_howitzers_sent_to_a_state_stay_aid(coder: Coder) -> None:
    events = coder.code(
        "Washington sent 72 howitzers to Ukraine on Thursday, the Pentagon said.", dt.date(2022, 4, 22)
    )
    assert _find(events, "AID", "USA", "UKR") is not None
