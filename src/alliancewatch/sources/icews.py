"""ICEWS coded event files (Boschee et al., Harvard Dataverse): layout, actor mapping and citation.

An ICEWS file is tab-separated with a header of 20 columns (:data:`ICEWS_COLUMNS`). Mapping into the event
model (SQL in :mod:`alliancewatch.store.event_ingest`): ``Event ID`` → ``event_id`` ``icews:<id>`` (made
unique within a file with ``#2``, ``#3``… where ICEWS repeats an id for different events); ``Event Date``
→ ``date``; ``CAMEO Code`` → ``cameo_code`` and the PLOVER reading; ``Intensity`` (ICEWS's own
Goldstein-style score) → ``intensity``; ``Source Name``/``Source Sectors``/``Source Country`` → one source
actor ``{name, country, sector}`` (the country by name, ``IGO`` for intergovernmental organisations, the
sector by :func:`icews_sector`), the same for the target; ``Story ID`` → ``doc_id``; ``Sentence Number`` →
``sentence_index``; ``Country`` (where it happened, by name) → ``geo_country``. ICEWS writes ``NA`` for a
missing value; it never means Namibia here.

Mirrored pairs: ICEWS often codes one sentence twice, A→B and B→A, with the same event code. The second of
such a pair keeps its row and gets ``mirror_of`` = the first's event id, so a count can leave it out
(``mirror_of IS NULL``) or keep it. Rows identical in every column but the id are folded like GDELT's.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError

ICEWS_CITATION = (
    "Elizabeth Boschee, Jennifer Lautenschlager, Sean O'Brien, Steve Shellman, James Starz and "
    "Michael Ward (2015), 'ICEWS Coded Event Data', Harvard Dataverse, doi:10.7910/DVN/28075"
)
ICEWS_LICENCE = "as published on Harvard Dataverse (doi:10.7910/DVN/28075); cite the dataset"

ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
MISSING = "NA"

# ICEWS sectors come as comma-separated lists from a tree of about 700 names ("Government,Police",
# "Parties,Opposition Major Party (Out Of Government)"). The first rule that matches any item wins, so
# the police, courts and parliament beat the "Government" they sit under, and a party in government is
# government. Rules give (sector, items that must match exactly, fragments that may occur in an item).
_SECTOR_RULES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("IGO", frozenset(), ("international government organization", " igos")),
    ("NGO", frozenset(), ("nongovernmental", " ngos")),
    ("MIL", frozenset({"army", "navy", "air force", "marines"}), ("military",)),
    ("COP", frozenset(), ("police",)),
    ("SPY", frozenset(), ("intelligence",)),
    ("JUD", frozenset(), ("judicial", "court")),
    ("LEG", frozenset({"lower house", "upper house", "unicameral"}), ("legislative", "parliament")),
    ("REB", frozenset(), ("rebel", "insurgent", "separatist")),
    ("GOV", frozenset({"government", "executive", "executive office", "cabinet"}), (" ministry",)),
    ("OPP", frozenset(), ("opposition", "dissident", "protestors")),
    ("PTY", frozenset({"parties"}), ("major party", "minor party")),
    ("JRN", frozenset({"media", "news", "state media", "print news"}), ("broadcast",)),
    ("MED", frozenset(), ("medical", "health")),
    ("EDU", frozenset(), ("education",)),
    ("BUS", frozenset(), ("business", "corporation")),
    ("LAB", frozenset(), ("labor",)),
    ("AGR", frozenset(), ("agricultur",)),
    ("REF", frozenset(), ("refugee", "displaced")),
    ("CRM", frozenset(), ("criminal",)),
    ("UAF", frozenset({"unidentified forces"}), ()),
    (
        "REL",
        frozenset({"muslim", "christian", "catholic", "jews", "hindu", "buddhist", "sunni", "shia"}),
        ("religious", "orthodox", "protestant"),
    ),
    ("CVL", frozenset(), ("general population", "civilian")),
)


def icews_sector(sectors: str | None) -> str | None:
    """The PLOVER sector of an ICEWS sector list (``"Police,Government"`` → ``COP``); None when no rule
    matches or the list is missing."""
    if sectors is None or sectors.strip() in ("", MISSING):
        return None
    items = [item.strip().lower() for item in sectors.split(",") if item.strip()]
    for sector, exact, fragments in _SECTOR_RULES:
        for item in items:
            if item in exact or any(fragment in item for fragment in fragments):
                return sector
    return None


def is_igo(sectors: str | None) -> bool:
    """True when an ICEWS sector list marks an intergovernmental organisation."""
    return icews_sector(sectors) == "IGO"


def check_header(name: str, first_line: str) -> None:
    """Refuse a file whose header is not the 20 ICEWS columns, naming what differs."""
    header = tuple(h.strip().strip('"') for h in first_line.split("\t"))
    if header != ICEWS_COLUMNS:
        missing = [c for c in ICEWS_COLUMNS if c not in header]
        detail = f"missing {missing}" if missing else f"{len(header)} columns in another order"
        raise MalformedFileError(
            f"{name}: not an ICEWS events file (header has {detail}; expected the 20 ICEWS columns)"
        )


def actor_table(names: Iterable[str | None], sectors: Iterable[str | None], codes: CountryCodes) -> pa.Table:
    """The join table for ICEWS actors: one row per distinct (country name, sector list) pair seen in a
    file, with the ISO-3 country (``IGO`` for intergovernmental organisations) and the PLOVER sector."""
    pairs = sorted(set(zip(names, sectors, strict=True)), key=lambda p: (p[0] or "", p[1] or ""))
    countries: list[str | None] = []
    found: list[str | None] = []
    for country, sector_list in pairs:
        sector = icews_sector(sector_list)
        found.append(sector)
        if country is None or country == MISSING:
            countries.append("IGO" if sector == "IGO" else None)
        else:
            countries.append(codes.from_name(country))
    return pa.table(
        {
            "country_name": pa.array([p[0] for p in pairs], pa.string()),
            "sector_list": pa.array([p[1] for p in pairs], pa.string()),
            "iso3": pa.array(countries, pa.string()),
            "sector": pa.array(found, pa.string()),
        }
    )


def place_table(names: Iterable[str | None], codes: CountryCodes) -> pa.Table:
    """Join table from the ``Country`` (where) names of a file to ISO-3."""
    distinct = sorted({n for n in names if n and n != MISSING})
    return pa.table(
        {
            "country_name": pa.array(distinct, pa.string()),
            "iso3": pa.array([codes.from_name(n) for n in distinct], pa.string()),
        }
    )
