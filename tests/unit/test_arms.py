"""Arms shares, HHI and the service's options on hand-made numbers in a small store."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa
import pytest

from alliancewatch.analyze.arms import concentration
from alliancewatch.errors import NotLoadedError, UnknownCountryError, UserInputError
from alliancewatch.services import Context, arms, arms_deals, arms_record, deals_rows
from alliancewatch.services.arms import ArmsResult
from alliancewatch.store import FileRecord


def test_shares_and_hhi_by_hand() -> None:
    profile = concentration([("RUS", "Russia", 60.0), ("CHN", "China", 30.0), (None, "unknown", 10.0)])
    assert profile.total_tiv == 100.0
    assert [p.share for p in profile.partners] == pytest.approx([0.6, 0.3, 0.1])
    assert profile.hhi == pytest.approx(0.36 + 0.09 + 0.01)
    assert [p.label for p in profile.partners] == ["RUS", "CHN", "unknown"]


def test_hhi_bounds() -> None:
    assert concentration([("RUS", "Russia", 7.0)]).hhi == pytest.approx(1.0)
    four = concentration([(c, c, 5.0) for c in ("A", "B", "C", "D")])
    assert four.hhi == pytest.approx(0.25)


def test_zero_and_empty_totals_have_no_shares() -> None:
    zero = concentration([("PAK", "Pakistan", 0.0)])
    assert zero.total_tiv == 0.0 and zero.hhi is None and zero.partners[0].share is None
    empty = concentration([])
    assert empty.total_tiv == 0.0 and empty.partners == [] and empty.hhi is None


TIV = [  # supplier, recipient, supplier_name, recipient_name, year, tiv
    ("SUN", "IRN", "Soviet Union", "Iran", 1990, 100.0),
    ("RUS", "IRN", "Russia", "Iran", 1995, 300.0),
    ("RUS", "IRN", "Russia", "Iran", 2000, 100.0),
    ("CHN", "IRN", "China", "Iran", 2000, 200.0),
    (None, "IRN", "Unknown supplier(s)", "Iran", 2000, 50.0),
    (None, "IRN", "Unknown supplier(s)", "Iran", 2001, 50.0),
    ("IRN", None, "Iran", "Hezbollah (Lebanon)*", 2000, 10.0),
    ("RUS", "SYR", "Russia", "Syria", 2000, 400.0),
]
DEALS = [  # deal_id, supplier, recipient, order_year, delivery_years, tiv_delivered
    (1, "RUS", "IRN", 2015, [2016, 2017], 100.0),
    (2, "RUS", "IRN", 2022, [2023, 2024], 60.0),
    (3, "CHN", "IRN", 2010, None, 0.0),
]


@pytest.fixture
def ctx(empty_ctx: Context) -> Context:
    columns = ["supplier", "recipient", "supplier_name", "recipient_name", "year", "tiv"]
    tiv = pa.table(
        dict(zip(columns, map(list, zip(*TIV, strict=True)), strict=True)),
        schema=pa.schema(
            [(c, pa.string()) for c in columns[:4]] + [("year", pa.int32()), ("tiv", pa.float64())]
        ),
    )
    ids, suppliers, recipients, orders, years, delivered = map(list, zip(*DEALS, strict=True))
    deals = pa.table(
        {
            "deal_id": pa.array(ids, pa.int32()),
            "supplier": suppliers,
            "recipient": recipients,
            "supplier_name": suppliers,
            "recipient_name": recipients,
            "order_year": pa.array(orders, pa.int32()),
            "order_year_estimated": [False] * len(ids),
            "delivery_years": pa.array(years, pa.list_(pa.int32())),
            "tiv_delivered": delivered,
        }
    )
    now = datetime.now()
    for dataset, table, name in (("sipri_tiv", tiv, "sipri_tiv"), ("sipri_register", deals, "sipri_deals")):
        record = FileRecord(dataset, "test", f"{name}.csv", "0" * 64, table.num_rows, now)
        empty_ctx.store.replace_dataset(dataset, {name: table}, [record])
    return empty_ctx


def volumes(result: ArmsResult) -> dict[str, float]:
    record = arms_record(result)
    key = "suppliers" if "suppliers" in record else "recipients"
    return {row[key[:-1]]: row["tiv"] for row in record[key]}


def test_recipient_profile_defaults_to_whole_coverage(ctx: Context) -> None:
    result = arms(ctx, "IRN")
    assert (result.start, result.end) == (1990, 2001)
    assert volumes(result) == {"RUS": 400.0, "CHN": 200.0, "SUN": 100.0, "Unknown supplier(s)": 100.0}
    assert result.total_tiv == 800.0
    assert result.hhi == pytest.approx(0.5**2 + 0.25**2 + 2 * 0.125**2)
    assert result.note is None


def test_merge_counts_the_ussr_as_russia(ctx: Context) -> None:
    result = arms(ctx, "Iran", supplier=None, merge_predecessors=True)
    assert volumes(result) == {"RUS": 500.0, "CHN": 200.0, "Unknown supplier(s)": 100.0}
    assert result.hhi == pytest.approx(0.625**2 + 0.25**2 + 0.125**2)
    assert arms(ctx, "IRN", 1991, 2001).total_tiv == 700.0


def test_supplier_mode_lists_recipients_and_keeps_non_state_names(ctx: Context) -> None:
    russia = arms(ctx, None, supplier="RUS", merge_predecessors=True)
    assert volumes(russia) == {"IRN": 500.0, "SYR": 400.0}
    iran = arms_record(arms(ctx, supplier="IRN"))
    assert iran["recipients"] == [
        {"recipient": "Hezbollah (Lebanon)*", "code": None, "name": "Hezbollah (Lebanon)*", "tiv": 10.0,
         "share": 1.0}
    ]  # fmt: skip


def test_dyad_gives_the_suppliers_share_of_all_imports(ctx: Context) -> None:
    result = arms(ctx, "IRN", supplier="RUS")
    assert [(p.code, p.tiv, p.share) for p in result.partners] == [("RUS", 400.0, 0.5)]
    assert result.total_tiv == 800.0
    merged = arms(ctx, "IRN", supplier="SUN", merge_predecessors=True)
    assert [(p.code, p.tiv) for p in merged.partners] == [("RUS", 500.0)]


def test_years_beyond_the_table_are_flagged(ctx: Context) -> None:
    result = arms(ctx, "IRN", 1995, 2005)
    assert result.note is not None and "ends in 2001" in result.note and "--source register" in result.note
    assert result.total_tiv == 700.0


def test_register_source_spreads_deliveries_over_years(ctx: Context) -> None:
    result = arms(ctx, "IRN", 2017, 2023, source="register")
    assert volumes(result) == {"RUS": 80.0}  # half of deal 1 (2017) and half of deal 2 (2023)
    assert result.coverage == (2016, 2024)
    assert "spread evenly" in result.method


@pytest.mark.parametrize(
    ("start", "end", "ids"),
    [(2018, 2021, []), (2017, 2022, [1, 2]), (2010, 2010, [3]), (None, None, [3, 1, 2])],
)
def test_deals_overlap_from_order_to_last_delivery(
    ctx: Context, start: int | None, end: int | None, ids: list[int]
) -> None:
    found = arms_deals(ctx, "IRN", start, end)
    assert [d["deal_id"] for d in found.deals] == ids


def test_deal_rows_mark_estimates_and_compress_years(ctx: Context) -> None:
    rows = deals_rows(arms_deals(ctx, "IRN", 2015, 2017, supplier="RUS"))
    assert rows[0]["delivery_years"] == "2016-2017"
    assert rows[0]["ordered_in"] == "2015"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"recipient": "XYZ"}, UnknownCountryError),
        ({"recipient": None}, UserInputError),
        ({"recipient": "IRN", "source": "guess"}, UserInputError),
        ({"recipient": "IRN", "start": 2001, "end": 1990}, UserInputError),
    ],
)
def test_bad_input(ctx: Context, kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        arms(ctx, **kwargs)  # type: ignore[arg-type]


def test_not_loaded_says_what_to_fetch(empty_ctx: Context) -> None:
    with pytest.raises(NotLoadedError, match="sipri_tiv"):
        arms(empty_ctx, "IRN")


def test_notebook_frame_carries_the_scalars(ctx: Context) -> None:
    from alliancewatch.notebook import Observatory

    frame = Observatory(ctx).arms("IRN", 1990, 2001, merge_predecessors=True)
    assert list(frame.columns) == ["supplier", "code", "name", "tiv", "share"]
    assert frame["supplier"].tolist() == ["RUS", "CHN", "Unknown supplier(s)"]
    assert frame.attrs["total_tiv"] == 800.0 and frame.attrs["recipient"] == "IRN"
    assert frame.attrs["hhi"] == pytest.approx(0.46875)
    deals = Observatory(ctx).arms("IRN", 2017, 2022, deals=True)
    assert deals["deal_id"].tolist() == [1, 2] and deals.attrs["recipient"] == "IRN"
