"""The places gazetteer: cities and regions that stand for their state ("clashes in Mosul")."""

from __future__ import annotations

import csv
import shutil
from importlib import resources
from pathlib import Path

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.extract import Gazetteer
from alliancewatch.extract.phrases import phrase_key

DATA = Path(str(resources.files("alliancewatch") / "data" / "gazetteer"))


@pytest.fixture(scope="module")
def gaz(codes: CountryCodes) -> Gazetteer:
    return Gazetteer.load(codes)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (DATA / "places.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def found(gaz: Gazetteer, text: str) -> list[tuple[str, str, list[tuple[str | None, str | None]]]]:
    return [(m.text, m.kind, [(a.country, a.sector) for a in m.actors]) for m in gaz.match(text)]


# --- places resolve to their state ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Clashes in Khanty-Mansiysk left two dead.", "Khanty-Mansiysk", "RUS"),
        ("Police patrolled Sindh on Sunday.", "Sindh", "PAK"),
        ("Aleppo was shelled again.", "Aleppo", "SYR"),
        ("Troops retook Mosul in 2017.", "Mosul", "IRQ"),
        ("Protesters in Mandalay marched.", "Mandalay", "MMR"),
        ("Rebels near Goma advanced.", "Goma", "COD"),
        ("Fighting in Khan Younis went on.", "Khan Younis", "PSE"),
        ("Militants attacked Timbuktu.", "Timbuktu", "MLI"),
        ("Shelling hit Bakhmut.", "Bakhmut", "UKR"),
    ],
)
def test_places_resolve_to_their_state(gaz: Gazetteer, text: str, place: str, country: str) -> None:
    assert found(gaz, text) == [(place, "place", [(country, None)])]


def test_a_place_is_the_state_as_a_whole(gaz: Gazetteer) -> None:
    [actor] = gaz.lookup("Aleppo")
    [state] = gaz.lookup("Syria")
    assert actor == state
    assert (actor.country, actor.sector, actor.code) == ("SYR", None, "SYR")


def test_tel_aviv_stays_the_seat_of_power_it_was(gaz: Gazetteer) -> None:
    # metonyms.csv already lists Tel Aviv; the place row may not compete with it
    assert found(gaz, "a bomb in Tel Aviv") == [("Tel Aviv", "metonym", [("ISR", "GOV")])]


def test_suffixed_forms_are_one_span(gaz: Gazetteer) -> None:
    assert found(gaz, "in Sindh province") == [("Sindh province", "place", [("PAK", None)])]
    assert found(gaz, "in the Kursk region") == [("Kursk region", "place", [("RUS", None)])]
    # "state" is also an institution word: "Borno state" must not read as Nigeria's government
    assert found(gaz, "in Borno state") == [("Borno state", "place", [("NGA", None)])]


def test_longer_place_names_beat_the_state_name_inside_them(gaz: Gazetteer) -> None:
    assert found(gaz, "in Benin City") == [("Benin City", "place", [("NGA", None)])]
    assert found(gaz, "in East London") == [("East London", "place", [("ZAF", None)])]
    assert found(gaz, "in Iraqi Kurdistan") == [("Iraqi Kurdistan", "place", [("IRQ", None)])]


# --- disputed and historic places: the de jure state ------------------------------------------------------
@pytest.mark.parametrize(
    ("place", "country"),
    [("Crimea", "UKR"), ("Sevastopol", "UKR"), ("Donetsk", "UKR"), ("Golan Heights", "SYR"),
     ("Abkhazia", "GEO"), ("South Ossetia", "GEO"), ("Transnistria", "MDA"), ("Nagorno-Karabakh", "AZE"),
     ("Laayoune", "ESH"), ("Somaliland", "SOM"), ("Northern Cyprus", "CYP")],
)  # fmt: skip
def test_disputed_places_go_to_the_de_jure_state(
    gaz: Gazetteer, rows: list[dict[str, str]], place: str, country: str
) -> None:
    assert [a.country for a in gaz.lookup(place)] == [country]
    [row] = [r for r in rows if r["phrase"] == place]
    assert "de jure" in row["note"]


# --- what must not resolve --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Punjab", "Hyderabad", "Kashmir", "Kurdistan", "Alexandria", "Valencia"])
def test_names_shared_by_two_states_give_no_state(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) == []
    assert gaz.lookup(f"{name} province") == []


def test_tripoli_gets_no_place_row(gaz: Gazetteer, rows: list[dict[str, str]]) -> None:
    # Tripoli is Libya's capital in states.csv (see its note); the places file adds no Lebanese reading
    assert "Tripoli" not in {r["phrase"] for r in rows}
    assert found(gaz, "in Tripoli") == [("Tripoli", "capital", [("LBY", "GOV")])]


@pytest.mark.parametrize(
    "text",
    ["the Central region", "the Northern Province", "Nice weather", "Reading the report", "a Mobile phone",
     "Split decision", "the Upper East", "mosul", "sindh province"],
)  # fmt: skip
def test_common_words_and_wrong_case_give_no_place(gaz: Gazetteer, text: str) -> None:
    assert gaz.match(text) == []


def test_capitals_and_other_actors_are_not_overridden(gaz: Gazetteer) -> None:
    assert found(gaz, "The Washington Post") == [("The Washington Post", "institution", [("USA", "JRN")])]
    assert found(gaz, "in Kabul") == [("Kabul", "capital", [("AFG", "GOV")])]
    assert found(gaz, "Kabul province") == [("Kabul province", "place", [("AFG", None)])]


# --- joins with institution words ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Sindh government said", ("Sindh government", "PAK", "GOV")),
        ("the government of Sindh province said", ("government of Sindh province", "PAK", "GOV")),
        ("Aleppo residents fled", ("Aleppo residents", "SYR", "CVL")),
        ("Donetsk separatists fired", ("Donetsk separatists", "UKR", "REB")),
    ],
)
def test_places_join_institution_words(gaz: Gazetteer, text: str, expected: tuple[str, str, str]) -> None:
    [m] = gaz.match(text)
    assert (m.text, m.actors[0].country, m.actors[0].sector) == expected


def test_forces_and_offices_of_a_region_are_not_the_states(gaz: Gazetteer) -> None:
    # a region's forces are often rebels or militias, and its president is not the state's
    assert found(gaz, "Tigray forces advanced") == [("Tigray", "place", [("ETH", None)])]
    assert found(gaz, "the army of Tigray") == [("Tigray", "place", [("ETH", None)])]
    assert found(gaz, "the Kurdistan Region president") == [("Kurdistan Region", "place", [("IRQ", None)])]


# --- loading ----------------------------------------------------------------------------------------------
def _folder(tmp_path: Path, places: str) -> Path:
    for path in DATA.glob("*.csv"):
        if path.name != "places.csv":
            shutil.copy(path, tmp_path / path.name)
    (tmp_path / "places.csv").write_text(places, encoding="utf-8")
    return tmp_path


def test_a_place_that_repeats_another_phrase_is_left_out(codes: CountryCodes, tmp_path: Path) -> None:
    text = "phrase,country,kind,note\nKabul,PAK,city,test\nKremlin,UKR,city,test\nMosul,IRQ,city,test\n"
    gaz = Gazetteer.load(codes, _folder(tmp_path, text))
    assert (gaz.counts["places"], gaz.counts["places_shadowed"]) == (1, 2)
    assert found(gaz, "Kabul") == [("Kabul", "capital", [("AFG", "GOV")])]
    assert [a.country for a in gaz.lookup("Mosul")] == ["IRQ"]


def test_places_file_is_optional(codes: CountryCodes, tmp_path: Path) -> None:
    for path in DATA.glob("*.csv"):
        if path.name != "places.csv":
            shutil.copy(path, tmp_path / path.name)
    gaz = Gazetteer.load(codes, tmp_path)
    assert gaz.counts["places"] == 0
    assert gaz.lookup("Mosul") == []


@pytest.mark.parametrize(
    ("line", "message"),
    [("Mosul,XYZ,city,", r"places\.csv:2: unknown country code 'XYZ'"),
     ("Mosul,IRQ,town,", r"places\.csv:2: kind 'town' is not one of \['city', 'region'\]")],
)  # fmt: skip
def test_bad_rows_name_file_and_line(codes: CountryCodes, tmp_path: Path, line: str, message: str) -> None:
    folder = _folder(tmp_path, f"phrase,country,kind,note\n{line}\n")
    with pytest.raises(MalformedFileError, match=message):
        Gazetteer.load(codes, folder)


# --- the data file ----------------------------------------------------------------------------------------
def test_every_country_is_known_and_every_kind_valid(codes: CountryCodes, rows: list[dict[str, str]]) -> None:
    assert len(rows) > 5000
    assert [r for r in rows if r["country"] not in codes.countries] == []
    assert {r["kind"] for r in rows} == {"city", "region"}


def test_no_phrase_is_repeated(rows: list[dict[str, str]]) -> None:
    keys = [phrase_key(r["phrase"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_no_phrase_names_another_state(codes: CountryCodes, rows: list[dict[str, str]]) -> None:
    # a historical state whose successor is the place's state is allowed: Bavaria (XBV) is in Germany
    wrong = []
    for r in rows:
        state = codes.from_name(r["phrase"])
        if state is not None and codes.current(state) != r["country"]:
            wrong.append((r["phrase"], r["country"], state))
    assert wrong == []


def test_no_phrase_repeats_a_state_name_capital_or_seat(rows: list[dict[str, str]]) -> None:
    taken: set[tuple[str, ...]] = set()
    columns = ("name", "official", "aliases", "adjectives", "demonyms", "capitals")
    with (DATA / "states.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            taken |= {phrase_key(p) for c in columns for p in row[c].split("|") if p.strip()}
    for file in ("capitals_dated.csv", "metonyms.csv", "epithets.csv", "nonactors.csv"):
        with (DATA / file).open(encoding="utf-8") as handle:
            taken |= {phrase_key(row["phrase"]) for row in csv.DictReader(handle)}
    assert [r["phrase"] for r in rows if phrase_key(r["phrase"]) in taken] == []


def test_places_are_written_in_latin_letters_with_a_capital(rows: list[dict[str, str]]) -> None:
    # a capitalised word is what keeps "nice weather" from being Nice; "al-Bab" has one after its article
    wrong = [r["phrase"] for r in rows if not r["phrase"].isascii() or r["phrase"] == r["phrase"].lower()]
    assert wrong == []
