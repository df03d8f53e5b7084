"""The actor gazetteer: data files, case rules, longest match, joins with institutions and offices, dates."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError, MissingFileError
from alliancewatch.extract import Actor, Gazetteer
from alliancewatch.extract.gazetteer_data import SECTORS
from alliancewatch.extract.phrases import PhraseIndex, token_fits, tokenize

DATA = Path(str(resources.files("alliancewatch") / "data" / "gazetteer"))

# A hand-made cabinet, so the tests do not depend on the real people.csv (maintained separately).
PEOPLE = """name,aliases,country,role,sector,start,end,source
Ebrahim Raisi,Raisi,IRN,HOS,GOV,2021-08-03,2024-05-19,test
Masoud Pezeshkian,Pezeshkian,IRN,HOS,GOV,2024-07-28,,test
Vladimir Putin,Putin,RUS,HOS,GOV,2000-05-07,2008-05-07,test
Vladimir Putin,Putin,RUS,HOG,GOV,2008-05-08,2012-05-07,test
Vladimir Putin,Putin,RUS,HOS,GOV,2012-05-07,,test
Sergei Shoigu,Shoigu,RUS,DM,MIL,2012-11-06,2024-05-12,test
Theresa May,,GBR,HOG,GOV,2016-07-13,2019-07-24,test
"""
ROLES = """phrase,role,country
president,HOS,
prime minister,HOG,
defence minister,DM,
defense minister,DM,
"""


@pytest.fixture(scope="module")
def gaz(codes: CountryCodes) -> Gazetteer:
    return Gazetteer.load(codes)


@pytest.fixture(scope="module")
def staffed(codes: CountryCodes, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The shipped files plus the hand-made cabinet above."""
    folder = tmp_path_factory.mktemp("gazetteer")
    for path in DATA.glob("*.csv"):
        if path.name not in ("people.csv", "roles.csv"):
            shutil.copy(path, folder / path.name)
    (folder / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (folder / "roles.csv").write_text(ROLES, encoding="utf-8")
    return Gazetteer.load(codes, folder)


def triples(actors: list[Actor]) -> list[tuple[str | None, str | None]]:
    return [(a.country, a.sector) for a in actors]


# --- the issue's examples -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Tehran", "IRN", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("the White House", "USA", "GOV"),
        ("the Jewish state", "ISR", None),
        ("Iranian", "IRN", None),
        ("Hezbollah", "LBN", "REB"),
        ("IRGC", "IRN", "MIL"),
        ("Islamic Revolutionary Guard Corps", "IRN", "MIL"),
        ("the Pentagon", "USA", "MIL"),
        ("Foggy Bottom", "USA", "GOV"),
        ("the Houthis", "YEM", "REB"),
        ("Ansar Allah", "YEM", "REB"),
        ("Hamas", "PSE", "REB"),
        ("Wagner Group", "RUS", "MIL"),
        ("Popular Mobilization Forces", "IRQ", "MIL"),
        ("Palestinian Authority", "PSE", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("Kiev", "UKR", "GOV"),
        ("the Elysée", "FRA", "GOV"),
        ("Quai d'Orsay", "FRA", "GOV"),
        ("the hermit kingdom", "PRK", None),
        ("TASS", "RUS", "JRN"),
        ("Knesset", "ISR", "GOV"),
    ],
)
def test_issue_examples_resolve(gaz: Gazetteer, phrase: str, country: str, sector: str | None) -> None:
    assert triples(gaz.lookup(phrase)) == [(country, sector)]


def test_igo_code_is_igo_plus_id(gaz: Gazetteer) -> None:
    [nato] = gaz.lookup("NATO")
    assert (nato.country, nato.sector, nato.code) == ("IGO", "IGO", "IGONATO")
    assert gaz.lookup("Nato") == [nato]  # British house style
    assert gaz.lookup("OPEC+")[0].code == "IGOOPECPLUS"
    assert gaz.lookup("OPEC")[0].code == "IGOOPEC"


# --- case and common words ------------------------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["us", "Us", "May", "chad", "turkey", "china", "nato", "who", "guinea"])
def test_common_words_are_not_actors(gaz: Gazetteer, phrase: str) -> None:
    assert gaz.lookup(phrase) == []


@pytest.mark.parametrize(
    ("phrase", "country"),
    [("US", "USA"), ("U.S.", "USA"), ("Chad", "TCD"), ("CHAD", "TCD"), ("Turkey", "TUR"), ("WHO", "IGO")],
)
def test_capitalised_words_are_actors(gaz: Gazetteer, phrase: str, country: str) -> None:
    assert [a.country for a in gaz.lookup(phrase)] == [country]


def test_token_case_rules() -> None:
    assert token_fits("state", "State")
    assert token_fits("Kremlin", "KREMLIN") and not token_fits("Kremlin", "kremlin")
    assert token_fits("US", "US") and not token_fits("US", "Us")
    assert token_fits("NATO", "Nato") and not token_fits("NATO", "nato")
    assert token_fits("LeT", "LET") and not token_fits("LeT", "Let")


def test_tokens_fold_accents_and_keep_offsets() -> None:
    text = "the Élysée and OPEC+ met"
    tokens = tokenize(text)
    assert [t.key for t in tokens] == ["the", "elysee", "and", "opec+", "met"]
    assert text[tokens[1].start : tokens[1].end] == "Élysée"


def test_phrase_index_prefers_longest_and_stops_at_punctuation() -> None:
    index: PhraseIndex[str] = PhraseIndex()
    index.add("Korean", "short")
    index.add("North Korean", "long")
    text = "North Korean troops; North, Korean"
    tokens = tokenize(text)
    assert index.longest(text, tokens, 0) == (2, ["long"])
    assert index.longest(text, tokens, 3) is None  # "North, Korean": a comma breaks the phrase


# --- matching running text ------------------------------------------------------------------------------
def spans(
    gaz: Gazetteer, text: str, on: date | None = None
) -> list[tuple[str, list[tuple[str | None, ...]]]]:
    return [(m.text, [(a.country, a.sector) for a in m.actors]) for m in gaz.match(text, on)]


def test_longest_match_wins(gaz: Gazetteer) -> None:
    found = spans(gaz, "North Korean and South Korean envoys met the Islamic Revolutionary Guard Corps.")
    assert found == [
        ("North Korean", [("PRK", None)]),
        ("South Korean envoys", [("KOR", "GOV")]),
        ("Islamic Revolutionary Guard Corps", [("IRN", "MIL")]),
    ]


def test_offsets_point_into_the_text(gaz: Gazetteer) -> None:
    text = "Talks in Tehran."
    [m] = gaz.match(text)
    assert (m.start, m.end, text[m.start : m.end]) == (9, 15, "Tehran")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Iranian military", ("Iranian military", "IRN", "MIL")),
        ("Russia's Foreign Ministry said", ("Russia's Foreign Ministry", "RUS", "GOV")),
        ("Israel’s army", ("Israel’s army", "ISR", "MIL")),
        ("US forces", ("US forces", "USA", "MIL")),
        ("Iranian state media", ("Iranian state media", "IRN", "JRN")),
        ("Syrian rebels", ("Syrian rebels", "SYR", "REB")),
        ("the Ministry of Defence of Ukraine", ("Ministry of Defence of Ukraine", "UKR", "MIL")),
        ("the government of Iran", ("government of Iran", "IRN", "GOV")),
        ("the government, of Iran", ("Iran", "IRN", None)),
        ("Chinese firms", ("Chinese firms", "CHN", "BUS")),
        ("North Korea's KCNA", ("North Korea's KCNA", "PRK", "JRN")),
        (
            "Iran's Supreme National Security Council",
            ("Iran's Supreme National Security Council", "IRN", "GOV"),
        ),
        ("The Washington Post", ("The Washington Post", "USA", "JRN")),
        ("the Russian Security Council", ("Russian Security Council", "RUS", "GOV")),
        ("the Russian State Duma", ("Russian State Duma", "RUS", "GOV")),
        ("the US State Department", ("US State Department", "USA", "GOV")),
    ],
)
def test_institution_words_set_the_sector(gaz: Gazetteer, text: str, expected: tuple[str, str, str]) -> None:
    [m] = gaz.match(text)
    assert (m.text, m.actors[0].country, m.actors[0].sector) == expected


def test_blocking_phrases(gaz: Gazetteer) -> None:
    text = "Latin American leaders crossed the Persian Gulf in May and visited New Mexico."
    assert gaz.match(text) == []
    assert spans(gaz, "the National Security Council met") == []


def test_article_before_a_longer_name(gaz: Gazetteer) -> None:
    assert spans(gaz, "the Islamic Republic of Iran") == [("Islamic Republic of Iran", [("IRN", None)])]
    assert spans(gaz, "the Islamic Republic said") == [("the Islamic Republic", [("IRN", None)])]


def test_ambiguous_names_give_every_candidate(gaz: Gazetteer) -> None:
    assert {a.country for a in gaz.lookup("Congo")} == {"COD", "COG"}
    assert [a.country for a in gaz.lookup("DRC")] == ["COD"]


def test_dated_group_sectors(gaz: Gazetteer) -> None:
    assert triples(gaz.lookup("the Taliban", date(2010, 1, 1))) == [("AFG", "REB")]
    assert triples(gaz.lookup("the Taliban", date(2023, 1, 1))) == [("AFG", "GOV")]
    assert len(gaz.lookup("the Taliban")) == 2  # undated: both


# --- offices and people ---------------------------------------------------------------------------------
def test_office_holder_depends_on_the_date(staffed: Gazetteer) -> None:
    assert [a.name for a in staffed.lookup("the Iranian president", date(2023, 6, 1))] == ["Ebrahim Raisi"]
    assert [a.name for a in staffed.lookup("the Iranian president", date(2025, 6, 1))] == [
        "Masoud Pezeshkian"
    ]
    assert [a.name for a in staffed.lookup("Iran's president", date(2025, 6, 1))] == ["Masoud Pezeshkian"]
    assert [a.name for a in staffed.lookup("the President of Russia", date(2013, 1, 1))] == ["Vladimir Putin"]
    # Medvedev is not in the hand-made cabinet: the office falls back to the state's government
    assert [a.name for a in staffed.lookup("the President of Russia", date(2010, 1, 1))] == ["Russia"]
    # without a date, or with nobody known, an office is the state's government (or military)
    assert triples(staffed.lookup("the Iranian president")) == [("IRN", "GOV")]
    assert triples(staffed.lookup("the Iranian defence minister", date(2020, 1, 1))) == [("IRN", "MIL")]


def test_title_and_name_are_one_span(staffed: Gazetteer) -> None:
    text = "Russian President Vladimir Putin called Pezeshkian; President Putin spoke."
    found = spans(staffed, text, date(2025, 6, 15))
    assert found == [
        ("Russian President Vladimir Putin", [("RUS", "GOV")]),
        ("Pezeshkian", [("IRN", "GOV")]),
        ("President Putin", [("RUS", "GOV")]),
    ]
    assert staffed.match(text)[0].actors[0].name == "Vladimir Putin"


def test_people_counts_and_blocked_alias(staffed: Gazetteer) -> None:
    assert staffed.counts["people"] == 5
    assert staffed.counts["tenures"] == 7
    assert [a.name for a in staffed.lookup("Theresa May")] == ["Theresa May"]
    assert staffed.lookup("May") == []
    assert staffed.role_phrases()[:2] == ["president", "prime minister"]


# --- the data files -------------------------------------------------------------------------------------
def test_every_un_member_and_observer_is_listed(gaz: Gazetteer) -> None:
    members = [iso3 for iso3, status in gaz.states.items() if status == "member"]
    observers = sorted(iso3 for iso3, status in gaz.states.items() if status == "observer")
    assert len(members) == 193
    assert observers == ["PSE", "VAT"]
    assert {"TWN", "XKX"} <= set(gaz.states)


def test_every_country_code_in_the_data_is_known(codes: CountryCodes) -> None:
    unknown = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                code = row.get("iso3") or row.get("country") or ""
                if code and code not in codes.countries:
                    unknown.append(f"{path.name}:{line}:{code}")
    assert unknown == []


def test_every_state_has_a_name_that_resolves_to_it(gaz: Gazetteer) -> None:
    wrong = [iso3 for iso3, name in gaz.names.items() if iso3 not in {a.country for a in gaz.lookup(name)}]
    assert wrong == []


def test_phrase_lists_for_spacy(gaz: Gazetteer) -> None:
    phrases = gaz.phrases()
    assert len(phrases) == len(set(phrases)) == gaz.counts["phrases"]
    assert {"Kremlin", "North Korean", "Hezbollah", "NATO"} <= set(phrases)
    assert "foreign ministry" in gaz.sector_phrases()


def test_sector_codes_are_plover_and_cameo() -> None:
    assert {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "BUS", "JRN", "IGO"} <= SECTORS


# --- bad data files -------------------------------------------------------------------------------------
def _broken(tmp_path: Path, file: str, column: str, value: str) -> Path:
    for path in DATA.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    with (tmp_path / file).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0][column] = value
    with (tmp_path / file).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path


@pytest.mark.parametrize(
    ("file", "column", "value", "message"),
    [
        ("groups.csv", "country", "XYZ", "groups.csv:2: unknown country code 'XYZ'"),
        ("groups.csv", "sector", "ARMY", "unknown sector 'ARMY'"),
        ("groups.csv", "start", "2020-13-01", "bad date '2020-13-01'"),
        ("states.csv", "status", "friend", "status 'friend'"),
        ("igos.csv", "id", "un", "organisation id 'un'"),
    ],
)
def test_bad_values_name_file_and_line(
    codes: CountryCodes, tmp_path: Path, file: str, column: str, value: str, message: str
) -> None:
    folder = _broken(tmp_path, file, column, value)
    with pytest.raises(MalformedFileError, match=message.replace("(", r"\(")):
        Gazetteer.load(codes, folder)


def test_missing_file_and_column(codes: CountryCodes, tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match=r"states\.csv"):
        Gazetteer.load(codes, tmp_path)
    for path in DATA.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "people.csv").write_text("name,country,role\nX,IRN,HOS\n", encoding="utf-8")
    with pytest.raises(MalformedFileError, match=r"people\.csv: missing columns \['aliases'"):
        Gazetteer.load(codes, tmp_path)


# --- coverage added for the coder: NGOs, more IGOs and armed groups, dated capitals, short aliases -------
def _one(gaz: Gazetteer, text: str, on: date | None = None) -> list[tuple[str | None, str | None]]:
    found = gaz.match(text, on)
    assert len(found) == 1, found
    return [(a.country, a.sector) for a in found[0].actors]


@pytest.mark.parametrize(
    "name",
    ["Amnesty International", "Human Rights Watch", "the International Committee of the Red Cross",
     "Doctors Without Borders", "Médecins Sans Frontières", "Reporters Without Borders"],
)  # fmt: skip
def test_international_ngos_are_organisations_in_the_ngo_sector(gaz: Gazetteer, name: str) -> None:
    assert _one(gaz, f"{name} said on Monday") == [("IGO", "NGO")]


def test_ngo_codes_are_cameo_style(gaz: Gazetteer) -> None:
    (actor,) = gaz.lookup("Human Rights Watch")
    assert actor.code == "NGOHRW"
    assert gaz.counts["ngos"] >= 10


@pytest.mark.parametrize(
    "name",
    ["the European Community", "the ILO", "the World Food Programme", "the UN refugee agency",
     "UN peacekeepers", "the Organization of African Unity"],
)  # fmt: skip
def test_more_intergovernmental_organisations(gaz: Gazetteer, name: str) -> None:
    assert _one(gaz, f"{name} announced") == [("IGO", "IGO")]


@pytest.mark.parametrize(
    ("text", "on", "country", "sector"),
    [
        ("the Tamil Tigers ambushed", date(2006, 8, 1), "LKA", "REB"),
        ("FARC guerrillas kidnapped", date(2002, 2, 23), "COL", "REB"),
        ("UNITA fighters shelled", date(1999, 1, 15), "AGO", "REB"),
        ("UNITA won seats", date(2012, 9, 1), "AGO", "PTY"),
        ("the Shining Path attacked", date(1992, 7, 16), "PER", "REB"),
    ],
)
def test_armed_groups_with_dated_sectors(
    gaz: Gazetteer, text: str, on: date, country: str, sector: str
) -> None:
    assert _one(gaz, text, on)[0] == (country, sector)


def test_juba_belongs_to_sudan_before_south_sudan_existed(gaz: Gazetteer) -> None:
    assert _one(gaz, "shells fell on Juba", date(1992, 6, 7)) == [("SDN", "GOV")]
    assert _one(gaz, "talks opened in Juba", date(2018, 6, 25)) == [("SSD", "GOV")]


def test_initialisms_of_people_that_collide_with_other_bodies_are_not_aliases(gaz: Gazetteer) -> None:
    assert gaz.match("The AKK delegation met the FHC board.", date(2020, 5, 1)) == []
    assert gaz.lookup("Kramp-Karrenbauer", date(2020, 5, 1))  # the surname still names her


def test_single_sector_words_for_generic_actors(gaz: Gazetteer) -> None:
    assert gaz.sector_words["police"] == "COP"
    assert gaz.sector_words["students"] == "EDU"
    assert gaz.sector_words["workers"] == "LAB"
    assert gaz.sector_words["guerillas"] == "REB"
    assert "foreign ministry" not in gaz.sector_words  # only one-word phrases
