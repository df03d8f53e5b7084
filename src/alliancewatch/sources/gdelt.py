"""GDELT event files: their column layouts, how each column maps into the event model, and the citation.

GDELT publishes tab-separated files without a header, in three layouts told apart by their number of
columns (read from the first line):

- 2.0 events export (``YYYYMMDDHHMMSS.export.CSV[.zip]``, every 15 minutes since 2015-02-18): 61 columns,
  each geography block with an ADM2 code, ``DATEADDED`` as ``YYYYMMDDHHMMSS``;
- 1.0 daily files from 2013-04-01 (``YYYYMMDD.export.CSV.zip``): 58 columns, no ADM2 codes, ``DATEADDED``
  as ``YYYYMMDD``, and ``SOURCEURL`` last;
- 1.0 backfiles before April 2013 (``YYYY.zip``, ``YYYYMM.zip``): the same 57 columns without ``SOURCEURL``.

Mapping into the event model (the SQL is in :mod:`alliancewatch.store.event_ingest`):
``GLOBALEVENTID`` → ``event_id`` ``gdelt:<id>``; ``SQLDATE`` → ``date`` (day precision); ``EventCode`` →
``cameo_code`` and, through the CAMEO → PLOVER crosswalk, ``type``/``mode``/``contexts``/``quad``/
``cameo_root``; ``GoldsteinScale`` → ``intensity``; ``Actor1*``/``Actor2*`` → one source and one target
actor ``{name: ActorName, country: ISO-3 from ActorCountryCode (CAMEO codes) or IGO for an
intergovernmental organisation, sector: ActorType1Code translated by CAMEO_SECTORS}``;
``ActionGeo_CountryCode`` (FIPS 10-4) → ``geo_country``; ``SOURCEURL`` → ``doc_id``.

Re-emissions: GDELT writes the same event once per mention it parses, so one article often yields several
rows with the same day, actors, event code and URL. Those rows are folded into one event (the lowest
GLOBALEVENTID) whose ``raw_count`` says how many rows it stands for; the raw rows are kept beside it. In
the 57-column backfiles, which have no URL, only rows identical in every column but the id are folded.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import pyarrow as pa

from alliancewatch.errors import MalformedFileError
from alliancewatch.sources.event_files import count_columns

GDELT_CITATION = (
    "Kalev Leetaru and Philip A. Schrodt (2013), 'GDELT: Global Data on Events, Location and Tone, "
    "1979-2012', International Studies Association annual meeting; The GDELT Project, "
    "https://www.gdeltproject.org/"
)
GDELT_LICENCE = "free and open for any use, with citation of the GDELT Project (gdeltproject.org terms)"

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
    "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_EVENT_FIELDS = (
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
)  # fmt: skip


def _columns(adm2: bool, url: bool) -> tuple[str, ...]:
    geo_fields = ("Type", "FullName", "CountryCode", "ADM1Code", *(("ADM2Code",) if adm2 else ()))
    geo_fields = (*geo_fields, "Lat", "Long", "FeatureID")
    return (
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        *(f"Actor1{f}" for f in _ACTOR_FIELDS),
        *(f"Actor2{f}" for f in _ACTOR_FIELDS),
        *_EVENT_FIELDS,
        *(f"{block}_{f}" for block in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in geo_fields),
        "DATEADDED",
        *(("SOURCEURL",) if url else ()),
    )  # fmt: skip


GDELT2_COLUMNS = _columns(adm2=True, url=True)
GDELT1_COLUMNS = _columns(adm2=False, url=True)
GDELT1_BACKFILE_COLUMNS = _columns(adm2=False, url=False)

#: The key GDELT re-emissions share (when the layout has a URL).
REEMISSION_KEY = ("SQLDATE", "Actor1Code", "Actor2Code", "EventCode", "SOURCEURL")

#: CAMEO actor type codes (ActorType1Code) → PLOVER sectors. CAMEO's MED is the media (PLOVER JRN) and
#: HLH health (PLOVER MED); insurgents and separatists are rebels; codes that name no sector of their
#: own (ELI elites, RAD radical, MOD moderate, UIS unidentified state actor, DEV development) give none.
CAMEO_SECTORS = MappingProxyType(
    {
        "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "OPP": "OPP",
        "PTY": "PTY", "REB": "REB", "INS": "REB", "SEP": "REB", "SPY": "SPY", "UAF": "UAF",
        "IMG": "UAF", "CVL": "CVL", "SET": "CVL", "BUS": "BUS", "MNC": "BUS", "EDU": "EDU",
        "HLH": "MED", "MED": "JRN", "LAB": "LAB", "AGR": "AGR", "REF": "REF", "CRM": "CRM",
        "IGO": "IGO", "NGO": "NGO", "NGM": "NGO", "HRI": "NGO", "ENV": "NGO", "REL": "REL",
        "PKO": "MIL",
    }
)  # fmt: skip


@dataclass(frozen=True)
class GdeltLayout:
    """One of the three GDELT file layouts: its version (1 or 2) and column names."""

    version: int
    columns: tuple[str, ...]

    @property
    def has_url(self) -> bool:
        return "SOURCEURL" in self.columns


LAYOUTS = MappingProxyType(
    {
        61: GdeltLayout(2, GDELT2_COLUMNS),
        58: GdeltLayout(1, GDELT1_COLUMNS),
        57: GdeltLayout(1, GDELT1_BACKFILE_COLUMNS),
    }
)


def gdelt_layout(name: str, first_line: str) -> GdeltLayout:
    """The layout of a GDELT file from its first line; any other column count is a
    :class:`MalformedFileError` naming the file."""
    found = count_columns(first_line)
    layout = LAYOUTS.get(found)
    if layout is None:
        hint = (
            " (this one starts with a header: is it an ICEWS or POLECAT file?)"
            if "Event ID" in first_line
            else ""
        )
        raise MalformedFileError(
            f"{name}: line 1 has {found} tab-separated columns; a GDELT events file has 61 (2.0), "
            f"58 (1.0 daily) or 57 (1.0 before April 2013){hint}"
        )
    return layout


def sector_table() -> pa.Table:
    """:data:`CAMEO_SECTORS` as a join table (``code``, ``sector``)."""
    return pa.table({"code": list(CAMEO_SECTORS), "sector": list(CAMEO_SECTORS.values())})
