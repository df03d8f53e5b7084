"""POLECAT weekly event files (PLOVER-coded; Harvard Dataverse): layout, actor mapping and citation.

A POLECAT file is tab-separated with a header of 40 columns (:data:`POLECAT_COLUMNS`). Columns are found by
name, so the releases that call the score ``Event Intensity`` instead of ``Intensity`` and the ones that
add ``Story ID``, ``Headline``, ``Event Text`` or ``Feed`` read the same. POLECAT is coded in PLOVER
already, so ``Event Type``/``Event Mode``/``Contexts`` are kept (upper-case type, lower-case mode and
contexts; contexts are ``;``-separated), the quad follows the type, and ``cameo_root`` is the root PLOVER
types and modes go back to (:meth:`alliancewatch.plover.Plover.cameo_root`), so POLECAT, GDELT and ICEWS
share one scale. ``Intensity`` → ``intensity``; ``Actor Name``/``Actor Country``/``Primary Actor Sector``
(several actors separated by ``;``, matched by position) → the sources, the ``Recipient`` columns → the
targets; ``Country`` → ``geo_country``; ``Event ID`` → ``event_id`` ``polecat:<id>``; ``Story ID`` (where
present) → ``doc_id``. POLECAT writes ``None`` for a missing value.

No real POLECAT file was available while this loader was written: the column list comes from published
readers of the weekly files, and the tests use a hand-made file in that layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

import pyarrow as pa

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError

POLECAT_CITATION = (
    "Andrew Halterman, Philip A. Schrodt, Andreas Beger, Benjamin E. Bagozzi and Grace I. Scarborough "
    "(2023), 'PLOVER and POLECAT: A New Political Event Ontology and Dataset'; POLECAT weekly data, "
    "Harvard Dataverse, doi:10.7910/DVN/AJGVIT"
)
POLECAT_LICENCE = "as published on Harvard Dataverse (doi:10.7910/DVN/AJGVIT); cite the dataset and paper"

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)  # fmt: skip
#: Other names some releases give a column.
ALIASES = MappingProxyType({"Event Intensity": "Intensity"})
#: The columns the loader reads; the rest of the 40 are accepted and ignored.
USED = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Contexts",
    "Actor Name", "Actor Country", "Primary Actor Sector",
    "Recipient Name", "Recipient Country", "Primary Recipient Sector", "Country",
)  # fmt: skip
OPTIONAL = ("Story ID",)
MISSING = ("", "None", "none", "NA")
SEPARATOR = ";"


def header_names(name: str, first_line: str) -> dict[str, str]:
    """Map each column the loader uses (and ``Story ID`` if present) to its name in this file's header.

    A header lacking a used column raises :class:`MalformedFileError` naming the missing columns."""
    header = [h.strip().strip('"') for h in first_line.split("\t")]
    found = {ALIASES.get(h, h): h for h in header}
    missing = [c for c in USED if c not in found]
    if missing:
        raise MalformedFileError(
            f"{name}: not a POLECAT events file (header lacks {missing}; "
            f"expected the {len(POLECAT_COLUMNS)} POLECAT columns)"
        )
    return {c: found[c] for c in (*USED, *OPTIONAL) if c in found}


def country_table(values: Iterable[str | None], codes: CountryCodes) -> pa.Table:
    """Join table from the country values seen in a file (ISO-3 codes, CAMEO codes or names; ``IGO``
    kept) to ISO-3."""
    distinct = sorted({v.strip() for v in values if v is not None and v.strip() not in MISSING})
    resolved = [
        "IGO" if v.upper() == "IGO" else (codes.from_cameo(v) if len(v) == 3 else None) or codes.from_name(v)
        for v in distinct
    ]
    return pa.table({"value": pa.array(distinct, pa.string()), "iso3": pa.array(resolved, pa.string())})
