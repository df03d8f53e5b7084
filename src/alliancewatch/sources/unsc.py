"""Vetoed UN Security Council drafts, 1946 - 8 July 2022 (Dag Hammarskjöld Library list, compiled by the
World Politics Data Lab).

One row of the file is one vetoed proposal. ``draft`` is not a key: in 1946-47 several proposals were
vetoed at one meeting without a draft symbol of their own (three admission applications at S/PV.57, three
votes on the Spanish question at S/PV.49), and the file then gives the meeting record as ``draft``. Each
row is a separate veto in the Library's count, so each keeps its own ``veto_id`` (its 1-based row number
in the file) and none is dropped.

Members come from ``member_veto1..3``. The per-member 0/1 columns are incomplete (26 rows list a member
there as 0, e.g. the USA in 1975-76), so they are only added to the listed members, never trusted alone.
Codes: China CHN (the Republic of China, TWN, before the PRC took the seat on 25 October 1971), France
FRA, Russia RUS, USSR SUN, USA USA, UK GBR.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pyarrow as pa
import pyarrow.compute as pc

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.registry import DatasetSpec, FileSpec, Registry
from alliancewatch.sources.tabular import map_values, read_csv, unmapped

#: General Assembly resolution 2758 gave China's seat to the People's Republic on this day.
PRC_SEAT_DATE = date(1971, 10, 25)

#: How the file names the permanent members, and their codes (China is re-dated below).
MEMBER_CODES: Mapping[str, str] = MappingProxyType(
    {"China": "CHN", "France": "FRA", "Russia": "RUS", "USSR": "SUN", "USA": "USA", "UK": "GBR"}
)

VETOES_CITATION = (
    "Carlos L. Yordán (2022), 'List of UN Security Council Vetoes, 1946-2022', World Politics Data Lab, "
    "https://github.com/world-politics-datalab/vetoes-un-security-council (file "
    "unsc_vetoes_1946_sept2022.csv), compiled from the UN Dag Hammarskjöld Library's veto list, "
    "https://research.un.org/en/docs/sc/quick/veto."
)

_MEMBER_COLUMNS = ("member_veto1", "member_veto2", "member_veto3")


def load_vetoes(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """One row per vetoed proposal (``unsc_vetoes``) and one per (veto, member) (``unsc_veto_members``).

    Dates are parsed from m/d/yyyy; a row whose date does not parse or disagrees with its ``year`` column
    makes the file malformed.
    """
    path = files["unsc_vetoes"]
    types: dict[str, pa.DataType] = {
        "year": pa.int32(),
        "date": pa.string(),
        "draft": pa.string(),
        "meeting_record": pa.string(),
        "agenda_item": pa.string(),
        "crisis_topic": pa.string(),
        "region": pa.string(),
        **dict.fromkeys(_MEMBER_COLUMNS, pa.string()),
        **dict.fromkeys(MEMBER_CODES, pa.int8()),
    }
    raw = read_csv(path, types)
    veto_id = pa.array(range(1, raw.num_rows + 1), pa.int32())
    day = _parse_dates(raw["date"], raw["year"], path.name)
    draft = pc.utf8_trim_whitespace(raw["draft"])
    if pc.any(pc.is_null(draft)).as_py():
        raise MalformedFileError(f"{path.name}: a row has no draft symbol")
    vetoes = pa.table(
        {
            "veto_id": veto_id,
            "draft": draft,
            "year": raw["year"],
            "date": day,
            "meeting_record": raw["meeting_record"],
            "agenda_item": raw["agenda_item"],
            "crisis_topic": raw["crisis_topic"],
            "region": raw["region"],
        }
    )
    members = _members(raw, veto_id, day, path.name)
    return {"unsc_vetoes": vetoes, "unsc_veto_members": members}


def _parse_dates(text: pa.ChunkedArray, year: pa.ChunkedArray, file: str) -> pa.Array:
    parsed = pc.strptime(text, format="%m/%d/%Y", unit="s", error_is_null=True)
    day = pc.cast(parsed, pa.date32()).combine_chunks()
    bad = pc.is_null(day)
    if not pc.any(bad).as_py():
        # strptime rolls 2/30 over to 3/2, so month, day and year are compared with the text as well.
        parts = pc.split_pattern(text, "/")
        as_written = pc.and_(
            pc.and_(
                pc.equal(pc.cast(pc.list_element(parts, 0), pa.int64()), pc.month(day)),
                pc.equal(pc.cast(pc.list_element(parts, 1), pa.int64()), pc.day(day)),
            ),
            pc.equal(pc.year(day), year),
        )
        bad = pc.invert(pc.fill_null(as_written, False))
    if pc.any(bad).as_py():
        examples = pc.filter(text, bad).to_pylist()[:3]
        raise MalformedFileError(f"{file}: dates not m/d/yyyy or not in their year: {examples}")
    return day


def _members(raw: pa.Table, veto_id: pa.Array, day: pa.Array, file: str) -> pa.Table:
    """Distinct (veto_id, member) from the listed members plus any member flagged 1 in its own column."""
    parts = [
        pa.table({"veto_id": veto_id, "label": pc.utf8_trim_whitespace(raw[column])})
        for column in _MEMBER_COLUMNS
    ]
    for label in MEMBER_CODES:
        flagged = pc.fill_null(pc.equal(raw[label], 1), False)
        parts.append(
            pa.table({"veto_id": veto_id, "label": pa.array([label] * raw.num_rows, pa.string())}).filter(
                flagged
            )
        )
    pairs = pa.concat_tables(parts)
    pairs = pairs.filter(pc.is_valid(pairs["label"])).group_by(["veto_id", "label"]).aggregate([])

    def to_code(value: Hashable) -> str | None:
        return MEMBER_CODES.get(str(value))

    member = map_values(pairs["label"], to_code)
    unknown = unmapped(pairs["label"], member)
    if unknown:
        raise MalformedFileError(f"{file}: unknown vetoing members {unknown}")
    dated = pa.table({"veto_id": pairs["veto_id"], "member": member}).join(
        pa.table({"veto_id": veto_id, "date": day}), "veto_id", join_type="left outer"
    )
    before_prc = pc.less(dated["date"], pa.scalar(PRC_SEAT_DATE, pa.date32()))
    is_roc = pc.and_(pc.equal(dated["member"], "CHN"), before_prc)
    out = pa.table(
        {"veto_id": dated["veto_id"], "member": pc.if_else(is_roc, pa.scalar("TWN"), dated["member"])}
    )
    counts = pc.value_counts(out["veto_id"]).field("counts")
    if pc.any(pc.is_null(pc.index_in(veto_id, out["veto_id"]))).as_py() or pc.max(counts).as_py() > 5:
        raise MalformedFileError(f"{file}: a veto with no member, or more members than seats")
    return out.sort_by([("veto_id", "ascending"), ("member", "ascending")])


def register(registry: Registry) -> None:
    registry.add_dataset(
        DatasetSpec(
            name="unsc_vetoes",
            title="UN Security Council vetoes, 1946 - 8 July 2022",
            version="September 2022 (last veto 8 July 2022)",
            homepage="https://github.com/world-politics-datalab/vetoes-un-security-council",
            licence="MIT (World Politics Data Lab compilation); UN Dag Hammarskjöld Library source list",
            citation=VETOES_CITATION,
            files=(
                FileSpec(
                    "unsc_vetoes",
                    "unsc_vetoes_1946_sept2022.csv",
                    "structured/unsc_vetoes_1946_sept2022.csv",
                    "d6b65d698d8f4e5a6eddcd922e7659b40e22d262940f1440b51360929d87ab74",
                    None,
                ),
            ),
            tables=("unsc_vetoes", "unsc_veto_members"),
            loader=load_vetoes,
        )
    )
