"""ATOP 5.1 (Alliance Treaty Obligations and Provisions), directed dyad-year file.

One row per ordered pair of states (ccode1, ccode2) and year in which ccode1 has at least one alliance
commitment towards ccode2; each obligation column is 0/1. Pairs with no row in a year had no alliance.
Directed means the obligations may differ by direction (ATOP codes asymmetric promises). The COW codes
are kept beside the ISO-3 codes; a code with no ISO-3 equivalent (pre-unification German and Italian
states, Austria-Hungary ...) leaves ``a`` or ``b`` NULL rather than dropping the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.registry import DatasetSpec, FileSpec, Registry
from alliancewatch.sources.tabular import iso_from_cow_by_year, read_csv

ATOP_VERSION = "5.1"
#: The years ATOP 5.1 covers; after ATOP_LAST_YEAR only the curated treaty registry says anything.
ATOP_FIRST_YEAR = 1815
ATOP_LAST_YEAR = 2018

ATOP_CITATION = (
    "Brett Ashley Leeds, Jeffrey M. Ritter, Sara McLaughlin Mitchell and Andrew G. Long (2002), "
    "'Alliance Treaty Obligations and Provisions, 1815-1944', International Interactions 28: 237-260; "
    "ATOP version 5.1, http://www.atopdata.org."
)
ATOP_TERMS = "free for research use with citation of Leeds et al. (2002) (atopdata.org terms of use)"

#: File column -> store column, in the order of the five obligations.
OBLIGATION_COLUMNS = {
    "atop_defense": "defense",
    "atop_offense": "offense",
    "atop_neutral": "neutrality",
    "atop_nonagg": "nonaggression",
    "atop_consul": "consultation",
}


def load_atop(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """Directed dyad-years: ``a``/``b`` = ISO-3 of ccode1/ccode2 in that year, obligations as booleans."""
    path = files["atop_dyads"]
    raw = read_csv(
        path,
        {
            "ccode1": pa.int32(),
            "ccode2": pa.int32(),
            "year": pa.int32(),
            **dict.fromkeys(OBLIGATION_COLUMNS, pa.int8()),
        },
    )
    for column in ("ccode1", "ccode2", "year", *OBLIGATION_COLUMNS):
        if raw[column].null_count:
            raise MalformedFileError(f"{path.name}: {raw[column].null_count} empty values in {column}")
    for column in OBLIGATION_COLUMNS:
        bad = set(pc.unique(raw[column]).to_pylist()) - {0, 1}
        if bad:
            raise MalformedFileError(f"{path.name}: {column} holds values other than 0/1: {sorted(bad)}")
    years = pc.min_max(raw["year"]).as_py()
    if years["min"] < ATOP_FIRST_YEAR or years["max"] > ATOP_LAST_YEAR:
        raise MalformedFileError(
            f"{path.name}: years {years['min']}-{years['max']} fall outside ATOP {ATOP_VERSION}'s "
            f"{ATOP_FIRST_YEAR}-{ATOP_LAST_YEAR}"
        )
    if pc.any(pc.equal(raw["ccode1"], raw["ccode2"])).as_py():
        raise MalformedFileError(f"{path.name}: a state is paired with itself")
    table = pa.table(
        {
            "a": iso_from_cow_by_year(codes, raw["ccode1"], raw["year"]),
            "b": iso_from_cow_by_year(codes, raw["ccode2"], raw["year"]),
            "ccode1": raw["ccode1"],
            "ccode2": raw["ccode2"],
            "year": raw["year"],
            **{name: pc.equal(raw[column], 1) for column, name in OBLIGATION_COLUMNS.items()},
        }
    )
    return {"atop_dyads": table}


def register(registry: Registry) -> None:
    registry.add_dataset(
        DatasetSpec(
            name="atop",
            title="ATOP alliance obligations, directed dyad-year, 1815-2018",
            version=ATOP_VERSION,
            homepage="http://www.atopdata.org",
            licence=ATOP_TERMS,
            citation=ATOP_CITATION,
            files=(
                FileSpec(
                    "atop_dyads",
                    "atop5_1_directed_dyad_year.csv",
                    "structured/atop5_1_directed_dyad_year.csv",
                    "681567e23d41c85f7d466308a55241238c15be1225b91852e360cfee4ab27719",
                    None,
                ),
            ),
            tables=("atop_dyads",),
            loader=load_atop,
        )
    )
