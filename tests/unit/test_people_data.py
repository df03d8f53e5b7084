"""The leaders data (people.csv, roles.csv): well-formed, dated, without overlaps, and complete where claimed.

These tests read the shipped files with the csv module, so they hold whatever the gazetteer loader does; one
last test runs the issue's example through Gazetteer.load. The rules they check are the ones PEOPLE_README.md
states.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import UnknownCountryError
from alliancewatch.extract import Gazetteer

DATA = Path(str(resources.files("alliancewatch") / "data" / "gazetteer"))
PEOPLE_COLUMNS = ["name", "aliases", "country", "role", "sector", "start", "end"]
ROLE_COLUMNS = ["phrase", "role", "country"]
ROLES = {"HOS", "HOG", "FM", "DM", "SL", "VP", "NSA", "MIL"}
SECTORS = {"GOV", "MIL"}
#: The day the data was last checked; an open tenure means "in office on this day".
AS_OF = date(2026, 11, 25)

#: Countries whose HOS, HOG, FM and DM are complete from 2000 on (PEOPLE_README.md, "Coverage").
_COMPLETED = """
IRN RUS USA CHN ISR SYR UKR SAU TUR PRK GBR FRA DEU IND PAK IRQ LBN YEM ARE QAT EGY
JOR BLR AZE ARM JPN KOR ITA POL HUN BRA CUB AFG OMN PSE KAZ GEO
"""
COMPLETED = tuple(_COMPLETED.split())
#: Countries with only some offices complete so far (PEOPLE_README.md, "Coverage"): country -> those offices.
PARTIAL = {"VEN": ("HOS", "FM"), "KWT": ("HOS", "HOG", "FM"), "LBY": ("HOS", "HOG", "FM")}
CHECK_DAYS = (date(2000, 6, 1), date(2010, 6, 1), date(2023, 6, 1), date(2025, 6, 1))

#: (country, role) -> days on which nobody holds the office, on purpose; None means every day.
#: Each is explained under "Documented gaps" in PEOPLE_README.md.
GAPS: dict[tuple[str, str], frozenset[date] | None] = {
    ("IRN", "HOS"): None,  # the Supreme Leader (SL) is head of state; the president is HOG
    ("USA", "HOG"): None,  # the president heads the government; no prime minister
    # no prime minister after the caretaker government of 2024-12 to 2025-03
    ("SYR", "HOG"): frozenset({date(2025, 6, 1)}),
    ("TUR", "HOG"): frozenset({date(2023, 6, 1), date(2025, 6, 1)}),  # post abolished on 2018-07-09
    ("PAK", "DM"): frozenset({date(2000, 6, 1)}),  # no defence minister named under military rule, 1999-2002
    ("LBN", "HOS"): frozenset({date(2023, 6, 1)}),  # vacant 2022-10-31 to 2025-01-09
    ("JOR", "DM"): None,  # the prime minister holds the defence portfolio
    ("BRA", "HOG"): None,  # the president heads the government
    ("AFG", "HOG"): frozenset({date(2010, 6, 1)}),  # 2001-2021 the president headed the government
    ("PSE", "HOG"): frozenset({date(2000, 6, 1)}),  # the post was created in 2003
    ("PSE", "FM"): frozenset({date(2000, 6, 1)}),  # created in 2003; the PLO's political department before
    ("PSE", "DM"): None,  # no defence ministry
}

#: (country, role) whose holder today is not yet known to the data (PEOPLE_README.md, "Documented gaps").
UNKNOWN_TODAY = {
    ("HUN", "FM"),  # Magyar government (from 2026-05), ministers not yet entered
    ("HUN", "DM"),
}

#: Pairs of tenures in one (country, role) that may overlap, as (country, role, earlier name, later name).
#: Each is explained under "Overlaps" in PEOPLE_README.md.
OVERLAPS: frozenset[tuple[str, str, str, str]] = frozenset(
    {
        # 2011: the National Transitional Council and Gaddafi's government both claimed Libya
        ("LBY", "HOS", "Muammar Gaddafi", "Mustafa Abdul Jalil"),
        ("LBY", "HOG", "Baghdadi Mahmudi", "Mahmoud Jibril"),
    }
)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    return _read("people.csv")[1]


def _day(value: str) -> date:
    assert _DAY.fullmatch(value), value
    return date.fromisoformat(value)


def _span(row: dict[str, str]) -> tuple[date, date]:
    """A tenure as inclusive days; an open one runs to AS_OF."""
    return _day(row["start"]), _day(row["end"]) if row["end"] else AS_OF


def _holders(people: list[dict[str, str]], country: str, role: str, day: date) -> list[str]:
    out = []
    for row in people:
        if row["country"] == country and row["role"] == role:
            start, end = _span(row)
            if start <= day <= end:
                out.append(row["name"])
    return out


def test_people_columns_and_values(people: list[dict[str, str]]) -> None:
    assert _read("people.csv")[0] == PEOPLE_COLUMNS
    assert len(people) > 100
    for row in people:
        assert None not in row and all(row[c] is not None for c in PEOPLE_COLUMNS), row
        assert row["name"].strip() == row["name"] and row["name"], row
        assert row["role"] in ROLES, row
        assert row["sector"] in SECTORS, row
        assert row["start"], row
        aliases = [a for a in row["aliases"].split("|") if a]
        assert len(aliases) == len(set(aliases)), row
        assert all(a == a.strip() for a in aliases), row
        assert row["name"] not in aliases, row


def test_people_sectors_follow_roles(people: list[dict[str, str]]) -> None:
    # uniformed chiefs are MIL; every civilian office, defence ministers included, is GOV
    for row in people:
        assert row["sector"] == ("MIL" if row["role"] == "MIL" else "GOV"), row


def test_country_codes_resolve(people: list[dict[str, str]]) -> None:
    codes = CountryCodes.load()
    _, roles = _read("roles.csv")
    used = {row["country"] for row in people} | {row["country"] for row in roles if row["country"]}
    for code in sorted(used):
        try:
            assert codes.resolve(code) == code
        except UnknownCountryError:  # pragma: no cover - the message names the code
            pytest.fail(f"{code} does not resolve")


def test_dates_parse_and_are_ordered(people: list[dict[str, str]]) -> None:
    for row in people:
        start, end = _span(row)
        assert start <= end, row
        assert end <= AS_OF, row
        assert start <= AS_OF, row


def test_one_row_per_tenure(people: list[dict[str, str]]) -> None:
    keys = [(r["name"], r["country"], r["role"], r["start"]) for r in people]
    assert len(keys) == len(set(keys))


def test_same_person_same_aliases(people: list[dict[str, str]]) -> None:
    # one person, one set of names, so a later row cannot silently drop an alias
    seen: dict[tuple[str, str], str] = {}
    for row in people:
        key = (row["name"], row["country"])
        assert seen.setdefault(key, row["aliases"]) == row["aliases"], row


def test_tenures_do_not_overlap(people: list[dict[str, str]]) -> None:
    by_office: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in people:
        by_office[(row["country"], row["role"])].append(row)
    clashes = []
    for (country, role), rows in by_office.items():
        rows.sort(key=lambda r: r["start"])
        # every pair, not just neighbours: a long tenure may swallow several later ones
        for before, after in itertools.combinations(rows, 2):
            # a handover day may end one tenure and start the next
            overlapping = _day(after["start"]) < _span(before)[1]
            if overlapping and (country, role, before["name"], after["name"]) not in OVERLAPS:
                clashes.append((country, role, before["name"], after["name"]))
    assert clashes == []


def test_overlap_exceptions_are_real(people: list[dict[str, str]]) -> None:
    # an exception that no longer matches two rows is stale and must go
    names = {(r["country"], r["role"], r["name"]) for r in people}
    for country, role, first, second in OVERLAPS:
        assert (country, role, first) in names and (country, role, second) in names


@pytest.mark.parametrize("country", COMPLETED)
@pytest.mark.parametrize("role", ["HOS", "HOG", "FM", "DM"])
def test_completed_countries_are_covered(people: list[dict[str, str]], country: str, role: str) -> None:
    gap = GAPS.get((country, role), frozenset())
    for day in CHECK_DAYS:
        holders = _holders(people, country, role, day)
        if gap is None or day in gap:
            assert holders == [], (country, role, day, "documented as a gap but held")
        else:
            assert len(holders) == 1, (country, role, day, holders)


@pytest.mark.parametrize("country", sorted(PARTIAL))
def test_partial_countries_are_covered_where_claimed(people: list[dict[str, str]], country: str) -> None:
    for role in PARTIAL[country]:
        gap = GAPS.get((country, role), frozenset())
        assert gap is not None
        for day in CHECK_DAYS:
            if day not in gap:
                assert len(_holders(people, country, role, day)) == 1, (country, role, day)


@pytest.mark.parametrize("country", COMPLETED)
def test_someone_is_in_office_today(people: list[dict[str, str]], country: str) -> None:
    open_roles = {r["role"] for r in people if r["country"] == country and not r["end"]}
    # an office vacant on the last check day (abolished or left empty) is not expected to be filled today
    vacant = {
        role for (c, role), gap in GAPS.items() if c == country and (gap is None or CHECK_DAYS[-1] in gap)
    }
    unknown = {role for (c, role) in UNKNOWN_TODAY if c == country}
    expected = {"HOS", "HOG", "FM", "DM"} - vacant - unknown
    assert expected <= open_roles


def test_the_iranian_president_example(people: list[dict[str, str]]) -> None:
    # Iran's president heads the government (roles.csv: president,HOG,IRN); the Supreme Leader is SL
    assert _holders(people, "IRN", "HOG", date(2023, 6, 1)) == ["Ebrahim Raisi"]
    assert _holders(people, "IRN", "HOG", date(2025, 6, 1)) == ["Masoud Pezeshkian"]
    assert _holders(people, "IRN", "SL", date(2025, 6, 1)) == ["Ali Khamenei"]
    assert _holders(people, "IRN", "HOG", date(2024, 6, 1)) == ["Mohammad Mokhber"]
    # Ali Khamenei was killed on 2026-02-28; an interim council led until his son was chosen on 2026-03-09
    assert _holders(people, "IRN", "SL", date(2026, 3, 5)) == []
    assert _holders(people, "IRN", "SL", date(2026, 6, 1)) == ["Mojtaba Khamenei"]


def test_named_handovers(people: list[dict[str, str]]) -> None:
    assert _holders(people, "RUS", "HOS", date(2010, 6, 1)) == ["Dmitry Medvedev"]
    assert _holders(people, "RUS", "HOG", date(2010, 6, 1)) == ["Vladimir Putin"]
    assert _holders(people, "RUS", "DM", date(2024, 6, 1)) == ["Andrei Belousov"]
    assert _holders(people, "USA", "HOS", date(2025, 6, 1)) == ["Donald Trump"]
    assert _holders(people, "CHN", "FM", date(2023, 6, 1)) == ["Qin Gang"]
    assert _holders(people, "ISR", "HOG", date(2022, 9, 1)) == ["Yair Lapid"]


def test_roles_file() -> None:
    columns, rows = _read("roles.csv")
    assert columns == ROLE_COLUMNS
    senses = {(r["phrase"], r["country"]): r["role"] for r in rows}
    assert len(senses) == len(rows), "a phrase is listed twice for one country"
    for row in rows:
        assert row["phrase"] == row["phrase"].lower().strip(), row
        assert row["role"] in ROLES, row
    assert senses[("president", "")] == "HOS"
    assert senses[("president", "IRN")] == "HOG"
    assert senses[("secretary of state", "USA")] == "FM"
    assert senses[("secretary of war", "USA")] == "DM"
    assert senses[("supreme leader", "IRN")] == "SL"
    assert senses[("crown prince", "SAU")] == "HOG"


def test_every_role_used_has_a_phrase(people: list[dict[str, str]]) -> None:
    _, rows = _read("roles.csv")
    assert {r["role"] for r in people} <= {r["role"] for r in rows}


def test_the_loader_reads_the_files_and_dates_the_office() -> None:
    # the same example through the gazetteer, so the files stay loadable by the code that uses them
    gaz = Gazetteer.load(CountryCodes.load())
    for day, name in ((date(2023, 6, 1), "Ebrahim Raisi"), (date(2025, 6, 1), "Masoud Pezeshkian")):
        mentions = gaz.match("the Iranian president met Putin", day)
        assert [[a.name for a in m.actors] for m in mentions] == [[name], ["Vladimir Putin"]]
