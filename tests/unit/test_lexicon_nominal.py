"""Lexicon rows for nominal events (noun triggers): a "by"/"from" phrase names the source ("the release of
prisoners by Israel", "a visit by Xi to Moscow"), nouns that coded nothing before ("downing", "severing",
"recall", "normalisation", "donation", "shutdown"), and light verbs whose own senses hid the noun ("ordered
the expulsion", "offered an apology", "brought charges")."""

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
    # "by" phrases on nouns whose rows named no source preposition
    (
        "The release of more than 1,000 Palestinian prisoners by Israel in exchange for a captured soldier "
        "began on Tuesday, officials said.",
        "2011-10-18",
        "RETREAT",
        "ISR",
        None,
    ),
    (
        "The recognition of Palestine by Spain, Ireland and Norway took effect on Tuesday, drawing an angry "
        "response from Israel.",
        "2024-05-28",
        "SUPPORT",
        "ESP",
        "PSE",
    ),
    (
        "The expulsion of 60 Russian diplomats by the United States was the largest such move since the "
        "Cold War, officials said on Monday.",
        "2018-03-26",
        "SANCTION",
        "USA",
        "RUS",
    ),
    (
        "A visit by Chinese President Xi Jinping to Moscow began on Monday, with talks expected to focus "
        "on the war in Ukraine.",
        "2023-03-20",
        "CONSULT",
        "CHN",
        "RUS",
    ),
    # nouns without rows before
    (
        "Turkey's downing of a Russian warplane near the Syrian border on Tuesday prompted a furious "
        "response from Putin.",
        "2015-11-24",
        "ASSAULT",
        "TUR",
        "RUS",
    ),
    (
        "Saudi Arabia's severing of ties with Qatar on Monday was followed by similar moves from Egypt "
        "and Bahrain.",
        "2017-06-05",
        "SANCTION",
        "SAU",
        "QAT",
    ),
    (
        "France's recall of its ambassador to Washington over the submarine pact was unprecedented, "
        "diplomats said on Saturday.",
        "2021-09-18",
        "SANCTION",
        "FRA",
        "USA",
    ),
    (
        "The U.S. export controls on advanced semiconductors to China were announced by the Commerce "
        "Department on Friday.",
        "2022-10-07",
        "SANCTION",
        "USA",
        "CHN",
    ),
    (
        "Israel's evacuation of troops from the Gaza Strip was completed on Monday, ending 38 years of "
        "occupation.",
        "2005-09-12",
        "RETREAT",
        "ISR",
        None,
    ),
    (
        "The Netherlands' donation of F-16 jets to Ukraine was confirmed by the Dutch defence minister "
        "on Thursday.",
        "2023-06-01",
        "AID",
        "NLD",
        "UKR",
    ),
    (
        "The restoration of diplomatic ties between Saudi Arabia and Iran was announced in Beijing on "
        "Friday after talks mediated by China.",
        "2023-03-10",
        "SUPPORT",
        "SAU",
        None,
    ),
    (
        "Iran's shutdown of the internet during fuel price protests entered its fourth day on Tuesday, "
        "monitors said.",
        "2019-11-19",
        "COERCE",
        "IRN",
        None,
    ),
    (
        "The armistice between North Korea and the United Nations Command was signed at Panmunjom on "
        "Monday after three years of war.",
        "1953-07-27",
        "RETREAT",
        "PRK",
        None,
    ),
    # light verbs whose own verb sense used to win
    (
        "The United States ordered the expulsion of 35 Russian diplomats on Thursday in retaliation for "
        "hacking during the election.",
        "2016-12-29",
        "SANCTION",
        "USA",
        "RUS",
    ),
    (
        "Myanmar's military ordered the detention of Aung San Suu Kyi and other leaders on Monday, a "
        "party spokesman said.",
        "2021-02-01",
        "COERCE",
        "MMR",
        None,
    ),
    (
        "Macron offered an apology to Rwanda on Thursday for France's role in the 1994 genocide, speaking "
        "in Kigali.",
        "2021-05-27",
        "CONCEDE",
        "FRA",
        "RWA",
    ),
    (
        "Britain brought charges against two Russian intelligence officers on Wednesday over the Salisbury "
        "nerve agent attack.",
        "2018-09-05",
        "ACCUSE",
        "GBR",
        "RUS",
    ),
    (
        "Hundreds of thousands of immigrants held rallies across the United States on Monday against "
        "proposed immigration laws.",
        "2006-04-10",
        "PROTEST",
        "USA",
        None,
    ),
]


@pytest.mark.parametrize(("text", "date", "kind", "source", "target"), CASES)
def test_nominal_event(
    coder: Coder, text: str, date: str, kind: str, source: str, target: str | None
) -> None:
    events = coder.code(text, dt.date.fromisoformat(date))
    found = _find(events, kind, source, target)
    assert found is not None, [(e.type, _countries(e.source), _countries(e.target)) for e in events]


def test_ordering_an_actor_to_act_stays_a_request(coder: Coder) -> None:
    text = "Malaysia ordered North Korea's ambassador to leave the country within 48 hours on Saturday."
    events = coder.code(text, dt.date(2017, 3, 6))
    assert _find(events, "REQUEST", "MYS", "PRK") is not None


def test_blocking_a_website_is_censorship(coder: Coder) -> None:
    text = "Russia's blocking of Facebook on Friday was condemned by the company as cutting off millions."
    events = coder.code(text, dt.date(2022, 3, 4))
    assert _find(events, "COERCE", "RUS", None) is not None
