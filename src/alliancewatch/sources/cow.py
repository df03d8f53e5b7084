"""Correlates of War: dyadic trade v4.0 (Barbieri & Keshk) and the state system membership list (2016).

Trade rows are non-directed dyad-years with ``ccode1 < ccode2``: ``flow1`` is what ccode1 imported from
ccode2 and ``flow2`` what ccode2 imported from ccode1, in millions of current US dollars. COW marks a
missing flow as -9; the mirror copy leaves it blank. Both become NULL here. The COW codes are kept beside
the ISO-3 codes, which are year-aware (365 is SUN from 1922 to 1991, RUS otherwise; 260, the German
Federal Republic, is DEU). A code the code tables cannot place leaves ``a`` or ``b`` NULL rather than
dropping the row. Codes are looked up once per distinct (ccode, year) and broadcast back in Arrow.
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

#: COW's code for a missing value.
COW_MISSING = -9.0

TRADE_CITATION = (
    "Katherine Barbieri and Omar M. G. Keshk (2016), Correlates of War Project Trade Data Set Codebook, "
    "Version 4.0, https://correlatesofwar.org; Katherine Barbieri, Omar M. G. Keshk and Brian Pollins "
    "(2009), 'Trading Data: Evaluating our Assumptions and Coding Rules', Conflict Management and Peace "
    "Science 26(5): 471-491."
)
STATES_CITATION = (
    "Correlates of War Project (2017), 'State System Membership List, v2016', https://correlatesofwar.org."
)
COW_TERMS = "Correlates of War Project data: free to use with citation"

_FLOWS = ("flow1", "flow2", "smoothflow1", "smoothflow2")


def _missing_to_null(column: pa.ChunkedArray, name: str, file: str) -> pa.ChunkedArray:
    if pc.any(pc.and_(pc.less(column, 0.0), pc.not_equal(column, COW_MISSING))).as_py():
        raise MalformedFileError(f"{file}: negative {name} other than the missing code -9")
    return pc.if_else(pc.equal(column, COW_MISSING), pa.scalar(None, pa.float64()), column)


def load_trade(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """Dyad-years: ``a``/``b`` = ISO-3 of ccode1/ccode2; flows in million current USD, NULL if missing."""
    path = files["cow_trade"]
    raw = read_csv(
        path,
        {
            "ccode1": pa.int32(),
            "ccode2": pa.int32(),
            "year": pa.int32(),
            **dict.fromkeys(_FLOWS, pa.float64()),
        },
        null_values=("", "NA"),
    )
    for key in ("ccode1", "ccode2", "year"):
        if raw[key].null_count:
            raise MalformedFileError(f"{path.name}: {raw[key].null_count} rows without {key}")
    if pc.any(pc.greater_equal(raw["ccode1"], raw["ccode2"])).as_py():
        # The direction of flow1/flow2 is defined by ccode1 < ccode2; anything else would be ambiguous.
        raise MalformedFileError(f"{path.name}: rows with ccode1 >= ccode2")
    table = pa.table(
        {
            "a": iso_from_cow_by_year(codes, raw["ccode1"], raw["year"]),
            "b": iso_from_cow_by_year(codes, raw["ccode2"], raw["year"]),
            "ccode1": raw["ccode1"],
            "ccode2": raw["ccode2"],
            "year": raw["year"],
            **{name: _missing_to_null(raw[name], name, path.name) for name in _FLOWS},
        }
    )
    return {"cow_trade": table}


def load_states(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """One row per membership spell; ``country`` is the ISO-3 of the state at the spell's last year."""
    path = files["cow_states"]
    ints = ("ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday")
    raw = read_csv(
        path,
        {"stateabb": pa.string(), "statenme": pa.string(), **dict.fromkeys(ints, pa.int32())},
    )
    if raw["ccode"].null_count or raw["endyear"].null_count:
        raise MalformedFileError(f"{path.name}: rows without ccode or endyear")
    country = iso_from_cow_by_year(codes, raw["ccode"], raw["endyear"])
    columns = {name: raw[name] for name in ("ccode", "stateabb", "statenme")}
    columns["country"] = country
    columns.update({name: raw[name] for name in ints[1:]})
    return {"cow_states": pa.table(columns)}


def register(registry: Registry) -> None:
    registry.add_dataset(
        DatasetSpec(
            name="cow_trade",
            title="Correlates of War dyadic trade, 1870-2014 (million current USD)",
            version="4.0",
            homepage="https://correlatesofwar.org/data-sets/bilateral-trade/",
            licence=COW_TERMS,
            citation=TRADE_CITATION,
            files=(
                FileSpec(
                    "cow_trade",
                    "cow_trade_v4_0_dyad_year.csv",
                    "structured/cow_trade_v4_0_dyad_year.csv",
                    "c64c45e61f7eda915b032654b254ec004ca901c6fb9cbfc3dbdce0ac9f013ad9",
                    None,
                ),
            ),
            tables=("cow_trade",),
            loader=load_trade,
        )
    )
    registry.add_dataset(
        DatasetSpec(
            name="cow_states",
            title="Correlates of War state system membership (COW code look-up)",
            version="2016",
            homepage="https://correlatesofwar.org/data-sets/state-system-membership/",
            licence=COW_TERMS,
            citation=STATES_CITATION,
            files=(
                FileSpec(
                    "cow_states",
                    "cow_states_2016.csv",
                    "structured/cow_states_2016.csv",
                    "76733bacf602007038b72e2ebec24d37a34ba6dc36793eb7c894af82e952f735",
                    None,
                ),
            ),
            tables=("cow_states",),
            loader=load_states,
        )
    )
