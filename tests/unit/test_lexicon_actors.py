"""Actor recognition rows added to the gazetteer: historical state names, parties and armed groups,
dated group sectors, Hong Kong's chief executives, and institution words after a state's name."""

from __future__ import annotations

import datetime

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.extract.gazetteer import Gazetteer
from alliancewatch.extract.pipeline import Coder


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(CountryCodes.load())


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def _actors(gaz: Gazetteer, text: str, on: str, span: str) -> set[tuple[str | None, str | None]]:
    found = [m for m in gaz.match(text, datetime.date.fromisoformat(on)) if span in m.text]
    assert found, f"{span!r} not found in {text!r}"
    return {(a.country, a.sector) for m in found for a in m.actors}


CASES = [
    # former and historical state names
    (
        "1996-11-15",
        "Zairean troops fled Goma as Rwandan-backed rebels advanced.",
        "Zairean troops",
        "COD",
        "MIL",
    ),
    ("1984-08-04", "Upper Volta was renamed Burkina Faso under Thomas Sankara.", "Upper Volta", "BFA", None),
    (
        "1985-06-12",
        "Kampuchean rebels attacked Vietnamese positions on the Thai border.",
        "Kampuchean",
        "KHM",
        "REB",
    ),
    (
        "1989-11-10",
        "East German border guards opened the crossings to West Berlin.",
        "East German",
        "DDR",
        "MIL",
    ),
    ("1990-10-03", "West Germany and East Germany were reunified at midnight.", "East Germany", "DDR", None),
    ("1990-10-03", "West Germany and East Germany were reunified at midnight.", "West Germany", "DEU", None),
    (
        "1993-01-01",
        "Czechoslovakia split peacefully into two states at midnight.",
        "Czechoslovakia",
        "CSK",
        None,
    ),
    ("1990-05-22", "North Yemen and South Yemen merged into one republic.", "North Yemen", "XYA", None),
    ("1990-05-22", "North Yemen and South Yemen merged into one republic.", "South Yemen", "YMD", None),
    (
        "1986-01-20",
        "Aden said its forces had retaken the airport after fighting within the ruling party.",
        "Aden",
        "YMD",
        "GOV",
    ),
    ("2015-03-26", "Hadi fled Aden as Houthi fighters advanced on the southern port.", "Aden", "YEM", "GOV"),
    ("1985-03-01", "Prague expelled two American diplomats accused of spying.", "Prague", "CSK", "GOV"),
    ("2021-04-17", "Prague expelled 18 Russian diplomats over the Vrbetice blasts.", "Prague", "CZE", "GOV"),
    ("2023-10-13", "The Israeli military told 1.1 million Gazans to move south.", "Gazans", "PSE", None),
    # institution words after a state's name
    (
        "2014-03-01",
        "The Russian upper house approved the use of the armed forces in Ukraine.",
        "Russian upper house",
        "RUS",
        "GOV",
    ),
    ("2008-05-28", "Nepal's assembly voted to abolish the monarchy.", "Nepal's assembly", "NPL", "GOV"),
    ("2020-11-04", "Ethiopia's federal army launched an offensive in Tigray.", "federal army", "ETH", "MIL"),
    (
        "2019-05-13",
        "The Chinese commerce ministry vowed to retaliate against the tariffs.",
        "Chinese commerce ministry",
        "CHN",
        "GOV",
    ),
    ("2023-07-28", "Niger's junta suspended French broadcasts.", "Niger's junta", "NER", "GOV"),
    (
        "2021-04-19",
        "Babis said Russian agents were behind the Vrbetice blasts.",
        "Russian agents",
        "RUS",
        "SPY",
    ),
    ("2020-01-08", "Iranian missiles hit US bases in Iraq.", "Iranian missiles", "IRN", "MIL"),
    ("2020-01-08", "Iranian missiles hit US bases in Iraq.", "US bases", "USA", "MIL"),
    (
        "1986-10-15",
        "Afghan mujahideen shot down Soviet helicopters near Jalalabad.",
        "Afghan mujahideen",
        "AFG",
        "REB",
    ),
    (
        "1986-10-15",
        "Afghan mujahideen shot down Soviet helicopters near Jalalabad.",
        "Soviet helicopters",
        "RUS",
        "MIL",
    ),
    (
        "2019-08-07",
        "Islamabad expelled the Indian high commissioner.",
        "Indian high commissioner",
        "IND",
        "GOV",
    ),
    (
        "2025-06-22",
        "Iran's atomic energy organisation said work would continue.",
        "atomic energy organisation",
        "IRN",
        "GOV",
    ),
    (
        "2020-11-27",
        "An Iranian nuclear scientist was killed near Tehran.",
        "Iranian nuclear scientist",
        "IRN",
        "EDU",
    ),
    # offices
    (
        "2016-04-03",
        "Pakistani army chief Raheel Sharif visited Quetta.",
        "Pakistani army chief",
        "PAK",
        "MIL",
    ),
    ("2019-06-16", "Carrie Lam apologised after two million people marched.", "Carrie Lam", "HKG", "GOV"),
    (
        "2011-01-14",
        "Tunisian President Zine el-Abidine Ben Ali fled to Saudi Arabia.",
        "Zine el-Abidine Ben Ali",
        "TUN",
        "GOV",
    ),
    (
        "2011-02-11",
        "The Supreme Council of the Armed Forces took power in Cairo.",
        "Supreme Council",
        "EGY",
        "MIL",
    ),
    # armed groups, with their dated sectors
    ("1987-03-05", "The Contras attacked a farming cooperative in the north.", "Contras", "NIC", "REB"),
    ("1984-11-04", "The Sandinistas won 61 of 96 seats in the assembly.", "Sandinistas", "NIC", "GOV"),
    (
        "2021-11-07",
        "The Sandinistas swept the vote after opponents were jailed.",
        "Sandinistas",
        "NIC",
        "PTY",
    ),
    ("1989-11-11", "FMLN guerrillas launched an offensive on the capital.", "FMLN", "SLV", "REB"),
    ("1992-10-04", "Renamo leader Afonso Dhlakama signed a peace accord in Rome.", "Renamo", "MOZ", "REB"),
    ("1994-07-04", "The Rwandan Patriotic Front captured Kigali.", "Rwandan Patriotic Front", "RWA", "REB"),
    (
        "2003-03-01",
        "The Rwandan Patriotic Front backed Kagame for president.",
        "Rwandan Patriotic Front",
        "RWA",
        "PTY",
    ),
    ("1994-04-12", "Interahamwe militias killed thousands in churches.", "Interahamwe", "RWA", "REB"),
    ("1998-01-01", "Khmer Rouge guerrillas attacked government troops.", "Khmer Rouge", "KHM", "REB"),
    ("1977-12-31", "The Khmer Rouge broke off relations with Hanoi.", "Khmer Rouge", "KHM", "GOV"),
    ("1999-08-01", "The Taliban launched an offensive against Ahmad Shah Massoud.", "Taliban", "AFG", "GOV"),
    ("2006-05-01", "The Taliban attacked police posts in Helmand.", "Taliban", "AFG", "REB"),
    ("2001-11-13", "Northern Alliance fighters entered Kabul.", "Northern Alliance", "AFG", "REB"),
    ("2004-04-04", "Muqtada al-Sadr's Mahdi Army rose up in Najaf.", "Mahdi Army", "IRQ", "REB"),
    ("2002-10-12", "Jemaah Islamiyah bombers struck Bali nightclubs.", "Jemaah Islamiyah", "IDN", "REB"),
    ("2013-03-24", "Seleka rebels captured Bangui.", "Seleka", "CAF", "REB"),
    (
        "2012-04-06",
        "The MNLA declared independence after seizing the north with Ansar Dine.",
        "Ansar Dine",
        "MLI",
        "REB",
    ),
    (
        "2006-06-05",
        "The Islamic Courts Union seized Mogadishu from the warlords.",
        "Islamic Courts Union",
        "SOM",
        "REB",
    ),
    # parties
    (
        "2017-09-25",
        "The Kurdistan Democratic Party held an independence referendum.",
        "Kurdistan Democratic Party",
        "IRQ",
        "PTY",
    ),
    ("2008-04-01", "Zimbabwe's opposition MDC said Tsvangirai had won.", "MDC", "ZWE", "OPP"),
    (
        "2023-05-09",
        "Pakistan Tehreek-e-Insaf called for nationwide protests.",
        "Tehreek-e-Insaf",
        "PAK",
        "PTY",
    ),
    ("2024-06-04", "The BJP lost its majority in the Lok Sabha.", "BJP", "IND", "PTY"),
    ("2023-05-28", "The AKP kept its majority as Erdogan won the run-off.", "AKP", "TUR", "PTY"),
    ("2016-01-16", "The Democratic Progressive Party defeated the Kuomintang.", "Kuomintang", "TWN", "PTY"),
    ("2023-05-14", "Move Forward won the most seats in Thailand's election.", "Move Forward", "THA", "PTY"),
    ("2022-04-03", "Fidesz won a fourth term in a row.", "Fidesz", "HUN", "PTY"),
    ("2023-10-15", "Law and Justice lost its majority after eight years.", "Law and Justice", "POL", "PTY"),
    ("2017-09-24", "The AfD entered the Bundestag as Merkel's CDU lost ground.", "AfD", "DEU", "PTY"),
    ("2017-09-24", "The AfD entered the Bundestag as Merkel's CDU lost ground.", "CDU", "DEU", "PTY"),
    ("2024-07-07", "Marine Le Pen's National Rally came third.", "National Rally", "FRA", "PTY"),
    ("2022-09-25", "Brothers of Italy won the most votes.", "Brothers of Italy", "ITA", "PTY"),
    ("2015-01-26", "Syriza won the Greek election.", "Syriza", "GRC", "PTY"),
]


@pytest.mark.parametrize(("on", "text", "span", "country", "sector"), CASES)
def test_actor_resolves(
    gaz: Gazetteer, on: str, text: str, span: str, country: str, sector: str | None
) -> None:
    assert (country, sector) in _actors(gaz, text, on, span)


def test_al_sadr_is_not_western_sahara(gaz: Gazetteer) -> None:
    found = gaz.match(
        "Muqtada al-Sadr called on his followers to end the sit-in.", datetime.date(2022, 8, 30)
    )
    assert all(a.country != "ESH" for m in found for a in m.actors)


def test_parties_left_out_where_the_acronym_is_ambiguous(gaz: Gazetteer) -> None:
    on = datetime.date(2023, 5, 9)
    assert gaz.lookup("PTI", on) == []  # the Press Trust of India
    assert gaz.lookup("Vox", on) == []  # the US news site


def _coded(coder: Coder, text: str, on: str) -> list[tuple[str, set, set]]:
    out = []
    for e in coder.code(text, datetime.date.fromisoformat(on)):
        out.append(
            (e.type, {(a.country, a.sector) for a in e.source}, {(a.country, a.sector) for a in e.target})
        )
    return out


def test_coder_historical_state_as_source(coder: Coder) -> None:
    events = _coded(coder, "East German border guards shot a man trying to cross the Wall.", "1989-02-05")
    assert any(t == "ASSAULT" and ("DDR", "MIL") in s for t, s, _ in events), events


def test_coder_weapon_words_give_the_military(coder: Coder) -> None:
    events = _coded(coder, "Iranian missiles hit US bases in Iraq.", "2020-01-08")
    assert any(t == "ASSAULT" and ("IRN", "MIL") in s and ("USA", "MIL") in g for t, s, g in events), events


def test_coder_dated_rebels(coder: Coder) -> None:
    events = _coded(
        coder, "Kampuchean rebels attacked Vietnamese positions on the Thai border.", "1985-06-12"
    )
    assert any(t == "ASSAULT" and ("KHM", "REB") in s for t, s, _ in events), events
