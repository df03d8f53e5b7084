"""SIPRI Arms Transfers Database: annual TIV by supplier-recipient-year, and the trade register of deals.

Country names become ISO-3 codes through :class:`CountryCodes`. Non-state actors (SIPRI marks them with a
trailing ``*``), international organisations (``**``) and unknown parties keep their row, with a null code
and SIPRI's own name in ``supplier_name`` / ``recipient_name``: their transfers are part of the totals.
"""

from __future__ import annotations

import csv
from collections.abc import Hashable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.registry import DatasetSpec, FileSpec, Registry
from alliancewatch.sources.tabular import map_values, read_csv

HOMEPAGE = "https://www.sipri.org/databases/armstransfers"
REGISTER_CITATION = (
    "Stockholm International Peace Research Institute (SIPRI), SIPRI Arms Transfers Database, trade "
    "register of transfers of major conventional arms, all countries, data generated 13 March 2025, "
    "https://www.sipri.org/databases/armstransfers."
)
TIV_CITATION = (
    "Stockholm International Peace Research Institute (SIPRI), SIPRI Arms Transfers Database, TIV tables "
    "1950-2021; tidied into supplier-recipient-year form by 360info (github.com/360-info/report-arms-trade)."
)

#: The register's header, column by column; the unnamed columns hold the '?' (uncertain) flag of the
#: column before them.
REGISTER_HEADER = (
    "recipient",
    "supplier",
    "year of order",
    "",
    "number ordered",
    "",
    "weapon designation",
    "weapon description",
    "number delivered",
    "",
    "year(s) of delivery",
    "status",
    "comments",
    "sipri tiv per unit",
    "sipri tiv for total order",
    "sipri tiv of delivered weapons",
)
_FIELDS = len(REGISTER_HEADER)
#: How far into the file the header may be looked for (the 2025 export has 11 preamble lines).
_HEADER_SEARCH_LINES = 40
#: Field rules: (regular expression a non-empty value must match in full, what it says to the user).
_INT = (r"\d+", "a whole number")
_DECIMAL = (r"\d+(?:\.\d+)?", "a number")
_YEARS = (r"\d{4}(?:; ?\d{4})*", "a '; '-separated list of years")
_FLAG = (r"\?", "'?' or empty")


def party_code(codes: CountryCodes, name: str, cow: int | None = None) -> str | None:
    """ISO-3 of a SIPRI party name, or None for non-state actors, organisations and unknown parties.

    The name decides; the COW code is only a fallback for states whose name is not in the tables yet.
    It is never used for starred names: 360info gives rebel groups their host state's COW code
    (Hezbollah has Lebanon's 660), and for "Soviet Union" the name (SUN) must win over COW 365 (RUS).
    """
    text = name.strip()
    if not text or text.endswith("*") or text.lower().startswith("unknown"):
        return None
    code = codes.from_name(text)
    if code is not None or codes.is_unresolvable(text):
        return code
    return codes.from_cow(cow) if cow is not None else None


# --- the TIV table ---------------------------------------------------------------------------------------
def load_tiv(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """One row per supplier-recipient-year: ``tiv`` in millions of SIPRI trend-indicator values."""
    path = files["sipri_tiv"]
    raw = read_csv(
        path,
        {
            "supplier": pa.string(),
            "recipient": pa.string(),
            "year": pa.int32(),
            "value": pa.float64(),
            "supplier_cown": pa.string(),
            "recipient_cown": pa.string(),
        },
    )
    for column in ("supplier", "recipient", "year", "value"):
        missing = pc.is_null(raw[column])
        if pc.any(missing).as_py():
            row = pc.index(missing, True).as_py() + 2  # 1-based, after the header
            raise MalformedFileError(f"{path.name}: line {row}: empty {column}")
    if pc.any(pc.less(raw["value"], 0)).as_py():
        raise MalformedFileError(f"{path.name}: negative TIV values")

    def resolve(value: Hashable) -> str | None:
        name, _, cow = str(value).rpartition("|")
        return party_code(codes, name, int(cow) if cow.isdigit() else None)

    def codes_for(side: str) -> pa.Array:
        key = pc.binary_join_element_wise(raw[side], pc.fill_null(raw[f"{side}_cown"], ""), "|")
        return map_values(key, resolve)

    table = pa.table(
        {
            "supplier": codes_for("supplier"),
            "recipient": codes_for("recipient"),
            "supplier_name": raw["supplier"],
            "recipient_name": raw["recipient"],
            "year": raw["year"],
            "tiv": raw["value"],
        }
    )
    return {"sipri_tiv": table}


# --- the trade register ----------------------------------------------------------------------------------
def read_register(path: Path) -> tuple[list[list[str]], list[int]]:
    """The register's deals as lists of 16 text fields, each with the line its record starts on.

    The export is not quoted, so a line break inside a comment splits a deal over two physical lines: a
    line that leaves its record short of 16 fields is joined (with a space) to the next ones until the
    record is complete. A record that cannot be completed raises :class:`MalformedFileError` with its line.
    """
    raw = path.read_bytes()
    try:
        # SIPRI exports latin-1, where an accented letter is one byte and almost never valid UTF-8; a copy
        # re-saved as UTF-8 decodes here, and anything else falls through to latin-1, which cannot fail.
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = text.split("\n")
    header_at = _find_header(path, lines)
    records: list[list[str]] = []
    starts: list[int] = []
    pending: list[str] | None = None
    pending_line = 0
    for number, physical in enumerate(lines[header_at + 1 :], start=header_at + 2):
        line = physical.rstrip("\r")
        if not line.strip():
            continue
        fields = next(csv.reader([line]))
        if pending is not None:
            fields = [*pending[:-1], f"{pending[-1].rstrip()} {fields[0].lstrip()}", *fields[1:]]
        else:
            pending_line = number
        if len(fields) > _FIELDS:
            where = f"the record starting on line {pending_line}" if pending is not None else "it"
            raise MalformedFileError(
                f"{path.name}: line {number}: {len(fields)} fields where {where} should have {_FIELDS} "
                "(a deal cut short, or not a SIPRI trade register)"
            )
        if len(fields) < _FIELDS:
            pending = fields
            continue
        pending = None
        records.append([f.strip() for f in fields])
        starts.append(pending_line)
    if pending is not None:
        raise MalformedFileError(
            f"{path.name}: line {pending_line}: the last deal has {len(pending)} of {_FIELDS} fields "
            "(file truncated?)"
        )
    if not records:
        raise MalformedFileError(f"{path.name}: no deals after the header")
    return records, starts


def _find_header(path: Path, lines: list[str]) -> int:
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        if line.lower().startswith("recipient,supplier,"):
            names = tuple(f.strip().lower() for f in next(csv.reader([line.rstrip("\r")])))
            if names != REGISTER_HEADER:
                raise MalformedFileError(
                    f"{path.name}: line {index + 1}: unexpected columns {list(names)}; expected the "
                    "SIPRI trade-register export"
                )
            return index
    raise MalformedFileError(
        f"{path.name}: no 'Recipient,Supplier,...' header in the first {_HEADER_SEARCH_LINES} lines; "
        "not a SIPRI trade-register export"
    )


def load_register(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """Deals of the trade register, numbered in file order (``deal_id``); TIV in millions.

    '?' flags become ``*_estimated`` booleans, empty fields nulls, and the delivery years a list of
    integers.
    """
    path = files["sipri_deals"]
    records, starts = read_register(path)
    columns = [pa.array(values, pa.string()) for values in zip(*records, strict=True)]
    lines = pa.array(starts, pa.int32())
    blank = pa.scalar(None, pa.string())
    text = [pc.if_else(pc.equal(c, ""), blank, c) for c in columns]

    def number(index: int, rule: tuple[str, str], kind: pa.DataType) -> pa.Array:
        _check(path, text[index], rule, REGISTER_HEADER[index], lines)
        return pc.cast(text[index], kind)

    def flag(index: int) -> pa.Array:
        _check(path, text[index], _FLAG, f"uncertainty flag after {REGISTER_HEADER[index - 1]!r}", lines)
        return pc.is_valid(text[index])

    for index, name in ((0, "recipient"), (1, "supplier"), (2, "year of order")):
        missing = pc.is_null(text[index])
        if pc.any(missing).as_py():
            raise MalformedFileError(f"{path.name}: line {lines[pc.index(missing, True).as_py()]}: no {name}")
    _check(path, text[10], _YEARS, "year(s) of delivery", lines)
    delivery = pc.cast(pc.split_pattern_regex(text[10], r";\s*"), pa.list_(pa.int32()))

    def party(index: int) -> pa.Array:
        return map_values(columns[index], lambda name: party_code(codes, str(name)))

    table = pa.table(
        {
            "deal_id": pa.array(range(1, len(records) + 1), pa.int32()),
            "recipient": party(0),
            "supplier": party(1),
            "recipient_name": columns[0],
            "supplier_name": columns[1],
            "order_year": number(2, _INT, pa.int32()),
            "order_year_estimated": flag(3),
            "number_ordered": number(4, _INT, pa.int32()),
            "number_ordered_estimated": flag(5),
            "weapon": text[6],
            "description": text[7],
            "number_delivered": number(8, _INT, pa.int32()),
            "number_delivered_estimated": flag(9),
            "delivery_years": delivery,
            "status": text[11],
            "comments": text[12],
            "tiv_unit": number(13, _DECIMAL, pa.float64()),
            "tiv_order": number(14, _DECIMAL, pa.float64()),
            "tiv_delivered": number(15, _DECIMAL, pa.float64()),
            "source_line": lines,
        }
    )
    return {"sipri_deals": table}


def _check(path: Path, column: pa.Array, rule: tuple[str, str], name: str, lines: pa.Array) -> None:
    """Raise with the first offending line when a non-null value does not match the rule."""
    pattern, expected = rule
    ok = pc.match_substring_regex(column, f"^(?:{pattern})$")
    bad = pc.invert(pc.fill_null(ok, True))
    if pc.any(bad).as_py():
        at = pc.index(bad, True).as_py()
        raise MalformedFileError(
            f"{path.name}: line {lines[at]}: {name} {column[at].as_py()!r} is not {expected}"
        )


def register(registry: Registry) -> None:
    registry.add_dataset(
        DatasetSpec(
            name="sipri_tiv",
            title="SIPRI arms transfers: TIV by supplier, recipient and year, 1950-2021",
            version="SIPRI TIV tables 1950-2021 (360info tidy version)",
            homepage=HOMEPAGE,
            licence="CC BY 4.0 (360info's tidy table); the underlying data (c) SIPRI, used with attribution",
            citation=TIV_CITATION,
            files=(
                FileSpec(
                    "sipri_tiv",
                    "sipri_tiv_dyad_year_1950_2021.csv",
                    "structured/sipri_tiv_dyad_year_1950_2021.csv",
                    "07bb55395106ab6bda65d6379bef8ffbfbc036a8ce8e607f0759baf5496f1958",
                    None,
                ),
            ),
            tables=("sipri_tiv",),
            loader=load_tiv,
        )
    )
    registry.add_dataset(
        DatasetSpec(
            name="sipri_register",
            title="SIPRI arms transfers trade register: one row per deal, orders 1950-2024",
            version="export of 13 March 2025",
            homepage=HOMEPAGE,
            licence="(c) SIPRI; free to reuse with attribution to the SIPRI Arms Transfers Database",
            citation=REGISTER_CITATION,
            files=(
                FileSpec(
                    "sipri_deals",
                    "sipri_trade_register_2025-03-13_latin1.csv",
                    "structured/sipri_trade_register_2025-03-13_latin1.csv",
                    "915257da0889e15d59936dbdf756529c34ee33c3a0c2ae73183d9cd8fd4b9c92",
                    None,
                ),
            ),
            tables=("sipri_deals",),
            loader=load_register,
        )
    )
