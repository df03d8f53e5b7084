"""Every country name and code in the shared data files resolves, or is a listed, explained non-state.

The files are read here with DuckDB or csv (never through the product's loaders) so that a gap in the code
tables shows up as a failure naming the values, whatever the loaders do with them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb
import pytest

from alliancewatch.codes import CountryCodes

SIPRI_REGISTER_PREAMBLE = 11
#: GDELT 2.0 export columns (0-based): actor country codes are CAMEO, geo country codes are FIPS 10-4.
GDELT_ACTOR_COUNTRY = (7, 17)
GDELT_GEO_COUNTRY = (37, 45, 53)
MISSING = {"", "NA"}


@pytest.fixture(scope="module")
def con() -> Iterable[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def distinct(con: duckdb.DuckDBPyConnection, path: Path, columns: list[str], **options: object) -> set[str]:
    """Distinct non-missing values of ``columns`` in a delimited file, as strings."""
    opts = ", ".join(f"{key} = {value!r}" for key, value in options.items())
    source = f"read_csv(?, all_varchar = true{', ' + opts if opts else ''})"
    union = " UNION ".join(f'SELECT DISTINCT "{col}" AS v FROM {source}' for col in columns)
    params = [str(path)] * len(columns)
    values = {row[0] for row in con.execute(union, params).fetchall() if row[0] is not None}
    return values - MISSING


def unresolved(
    values: Iterable[str], resolve: Callable[[str], str | None], codes: CountryCodes, scheme: str
) -> list[str]:
    return sorted(v for v in values if resolve(v) is None and codes.is_unresolvable(v, scheme) is None)


def test_un_votes(mirror: Path, codes: CountryCodes, con: duckdb.DuckDBPyConnection) -> None:
    path = mirror / "structured" / "unga_votes_1946_2019.csv"
    assert unresolved(distinct(con, path, ["country"]), codes.from_name, codes, "name") == []
    iso2 = distinct(con, path, ["country_code"])
    assert unresolved(iso2, codes.from_iso2, codes, "name") == []
    assert codes.from_iso2("YD") == "YMD" and codes.from_iso2("DD") == "DDR"


def test_idealpoints(mirror: Path, codes: CountryCodes, con: duckdb.DuckDBPyConnection) -> None:
    path = mirror / "structured" / "unga_idealpoints_bsv_july2025.csv"
    assert unresolved(distinct(con, path, ["countryname"]), codes.from_name, codes, "name") == []
    assert unresolved(distinct(con, path, ["ccode"]), lambda v: codes.from_cow(int(v)), codes, "name") == []
    # BSV's own ISO-3 column uses YAR (North Yemen) and the ISO 3166-3 codes of historical states
    iso3 = distinct(con, path, ["iso3c"])
    assert unresolved(iso3, lambda v: codes.from_iso3(v) or codes.from_name(v), codes, "name") == []


def test_cow_states(mirror: Path, codes: CountryCodes, con: duckdb.DuckDBPyConnection) -> None:
    path = mirror / "structured" / "cow_states_2016.csv"
    rows = con.execute("SELECT DISTINCT stateabb, ccode, statenme FROM read_csv(?)", [str(path)]).fetchall()
    assert len(rows) > 200
    for abb, ccode, name in rows:
        # the three names of one COW state agree (365 and 345 mean today's state without a year)
        assert codes.from_cow(ccode) is not None, ccode
        assert codes.from_cow_abb(abb) == codes.from_cow(ccode), abb
        assert codes.from_name(name) in {
            codes.from_cow(ccode),
            *codes.predecessors(codes.from_cow(ccode) or ""),
        }, name


def test_atop_and_cow_trade_codes(mirror: Path, codes: CountryCodes, con: duckdb.DuckDBPyConnection) -> None:
    atop = distinct(con, mirror / "structured" / "atop5_1_directed_dyad_year.csv", ["ccode1", "ccode2"])
    trade = distinct(con, mirror / "structured" / "cow_trade_v4_0_dyad_year.csv", ["ccode1", "ccode2"])
    assert len(atop) > 150 and len(trade) > 150
    assert sorted(v for v in atop | trade if codes.from_cow(int(v)) is None) == []


def test_sipri_tiv(mirror: Path, codes: CountryCodes, con: duckdb.DuckDBPyConnection) -> None:
    path = mirror / "structured" / "sipri_tiv_dyad_year_1950_2021.csv"
    names = distinct(con, path, ["supplier", "recipient"])
    assert unresolved(names, codes.from_name, codes, "name") == []
    gnc = codes.is_unresolvable("Libya GNC")  # a rival government, not the state
    assert gnc is not None and gnc.country == "LBY"
    cown = distinct(con, path, ["supplier_cown", "recipient_cown"])
    assert sorted(v for v in cown if codes.from_cow(int(v)) is None) == []


def test_sipri_register(mirror: Path, codes: CountryCodes) -> None:
    path = mirror / "structured" / "sipri_trade_register_2025-03-13_latin1.csv"
    names: set[str] = set()
    with path.open(encoding="latin-1", newline="") as fh:
        for _ in range(SIPRI_REGISTER_PREAMBLE):
            next(fh)
        reader = csv.reader(fh)
        header = next(reader)
        assert header[:2] == ["Recipient", "Supplier"]
        for row in reader:
            if len(row) > 4:  # the second halves of the four deals split over two lines hold no parties
                names.update(row[:2])
    names -= MISSING
    assert {"Soviet Union", "Libya HoR*", "Hezbollah (Lebanon)*", "NATO**"} <= names
    assert unresolved(names, codes.from_name, codes, "name") == []
    assert codes.from_name("Soviet Union") == "SUN"


def test_unsc_vetoes(mirror: Path, codes: CountryCodes, con: duckdb.DuckDBPyConnection) -> None:
    path = mirror / "structured" / "unsc_vetoes_1946_sept2022.csv"
    members = distinct(con, path, ["member_veto1", "member_veto2", "member_veto3"])
    header = con.execute("SELECT * FROM read_csv(?) LIMIT 0", [str(path)]).description
    columns = {col[0] for col in header} & {"China", "France", "Russia", "USSR", "USA", "UK"}
    assert len(columns) == 6
    found = {value: codes.from_name(value) for value in members | columns}
    assert found == {
        "China": "CHN",
        "France": "FRA",
        "Russia": "RUS",
        "USSR": "SUN",
        "USA": "USA",
        "UK": "GBR",
    }


def test_gdelt_actor_and_geo_codes(mirror: Path, codes: CountryCodes) -> None:
    path = mirror / "events" / "gdelt2_20191024143000.export.CSV"
    actor: set[str] = set()
    geo: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            fields = line.rstrip("\n").split("\t")
            assert len(fields) == 61
            actor.update(fields[i] for i in GDELT_ACTOR_COUNTRY)
            geo.update(fields[i] for i in GDELT_GEO_COUNTRY)
    actor -= MISSING
    geo -= MISSING
    assert unresolved(actor, codes.from_cameo, codes, "cameo") == []
    assert unresolved(geo, codes.from_fips, codes, "fips") == []
    assert {codes.from_fips(c) for c in ("RS", "IR", "IS", "UP")} <= {"RUS", "IRN", "ISR", "UKR"}


def test_icews_countries(mirror: Path, codes: CountryCodes, con: duckdb.DuckDBPyConnection) -> None:
    path = mirror / "events" / "icews_events.2018.sample.tab"
    names = distinct(con, path, ["Source Country", "Target Country"], delim="\t", header=True)
    assert len(names) > 100
    assert unresolved(names, codes.from_name, codes, "name") == []
