"""The SIPRI trade-register parser on a small hand-written export: split deals, '?' flags, latin-1."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.sources.sipri import load_register, party_code, read_register

HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
    "SIPRI TIV of delivered weapons"
)
PREAMBLE = [
    "Transfers of major conventional arms (hand-written test export)",
    "A '?' in a column indicates uncertain data.",
    "",
    "Source: written for this test.",
]
# Line numbers in the file: preamble 1-4, header 5, deals from 6. Deal 3 is split after its comment (with
# a CR before the break, as in the real export); deal 4 is split in the middle of its comment.
DEALS = [
    "Iran,Russia,2015,,4,,S-300PMU2,SAM system,4,,2016,New,replaces a cancelled order,55,220,220",
    "Iran,Soviet Union,1989,?,24,?,MiG-29,FGA aircraft,20,?,1990; 1991,New,,12.5,300,250",
    "Azerbaijan,Türkiye,2020,,,,Bayraktar TB2,UAV,6,,2020; 2021,New,Größe unbekannt; für Test\r",
    ",1.5,,9",
    "Hezbollah (Lebanon)*,Iran,2006,?,50,?,Ababil,UAV,8,?,2006,New,split inside",
    "the comment,0.5,25,4",
    "unknown recipient(s),unknown supplier(s),2023,?,2,?,Mi-8MT,helicopter,0,,,Second hand,,2.1,4.2,0",
]


def write(tmp_path: Path, lines: list[str], name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    return path


@pytest.fixture
def snippet(tmp_path: Path) -> Path:
    return write(tmp_path, [*PREAMBLE, HEADER, *DEALS])


def deals_of(path: Path, codes: CountryCodes) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = load_register({"sipri_deals": path}, codes)["sipri_deals"].to_pylist()
    return rows


def test_split_deals_are_reassembled(snippet: Path) -> None:
    records, starts = read_register(snippet)
    assert len(records) == 5
    assert starts == [6, 7, 8, 10, 12]
    assert all(len(r) == 16 for r in records)
    assert records[2][12] == "Größe unbekannt; für Test"
    assert records[2][13:] == ["1.5", "", "9"]
    assert records[3][12] == "split inside the comment"


def test_types_flags_and_nulls(snippet: Path, codes: CountryCodes) -> None:
    deals = deals_of(snippet, codes)
    assert [d["deal_id"] for d in deals] == [1, 2, 3, 4, 5]
    s300, mig, tb2, ababil, unknown = deals
    assert s300["recipient"] == "IRN" and s300["supplier"] == "RUS"
    assert s300["order_year_estimated"] is False
    assert (s300["tiv_unit"], s300["tiv_order"], s300["tiv_delivered"]) == (55.0, 220.0, 220.0)
    assert s300["delivery_years"] == [2016]
    assert s300["comments"] == "replaces a cancelled order"
    # '?' after a value marks it as an estimate; the value itself stays a number
    assert mig["supplier"] == "SUN"
    assert mig["order_year"] == 1989 and mig["order_year_estimated"] is True
    assert mig["number_ordered"] == 24 and mig["number_ordered_estimated"] is True
    assert mig["number_delivered"] == 20 and mig["number_delivered_estimated"] is True
    assert mig["delivery_years"] == [1990, 1991]
    assert mig["comments"] is None
    # latin-1 text decoded; empty numbers are nulls, not zeros
    assert tb2["supplier"] == "TUR" and tb2["supplier_name"] == "Türkiye"
    assert tb2["number_ordered"] is None and tb2["number_ordered_estimated"] is False
    assert tb2["tiv_order"] is None and tb2["tiv_delivered"] == 9.0
    assert tb2["comments"] == "Größe unbekannt; für Test"
    assert tb2["source_line"] == 8
    # non-state and unknown parties keep their row and SIPRI's name, with no code
    assert ababil["recipient"] is None and ababil["recipient_name"] == "Hezbollah (Lebanon)*"
    assert ababil["supplier"] == "IRN"
    assert unknown["recipient"] is None and unknown["supplier"] is None
    assert unknown["supplier_name"] == "unknown supplier(s)"
    assert unknown["delivery_years"] is None and unknown["number_delivered"] == 0
    assert unknown["status"] == "Second hand"


def test_crlf_file_reads_the_same(tmp_path: Path, codes: CountryCodes) -> None:
    crlf = tmp_path / "crlf.csv"
    crlf.write_bytes(("\r\n".join([*PREAMBLE, HEADER, *DEALS]) + "\r\n").encode("latin-1"))
    plain = write(tmp_path, [*PREAMBLE, HEADER, *DEALS])
    assert deals_of(crlf, codes) == deals_of(plain, codes)


def test_a_utf8_copy_reads_the_same(tmp_path: Path, codes: CountryCodes) -> None:
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text("\n".join([*PREAMBLE, HEADER, *DEALS]) + "\n", encoding="utf-8")
    latin1 = write(tmp_path, [*PREAMBLE, HEADER, *DEALS])
    assert utf8.read_bytes() != latin1.read_bytes()
    assert deals_of(utf8, codes) == deals_of(latin1, codes)


def test_truncated_file_names_the_line(tmp_path: Path) -> None:
    cut = [*PREAMBLE, HEADER, *DEALS[:-1], DEALS[-1].rsplit(",", 3)[0]]
    with pytest.raises(MalformedFileError, match=r"line 12: .*truncated"):
        read_register(write(tmp_path, cut))


def test_incomplete_deal_followed_by_a_new_one(tmp_path: Path) -> None:
    broken = [*PREAMBLE, HEADER, DEALS[0].rsplit(",", 3)[0], DEALS[1]]
    with pytest.raises(MalformedFileError, match=r"line 7: .*starting on line 6"):
        read_register(write(tmp_path, broken))


@pytest.mark.parametrize(
    ("lines", "needle"),
    [
        (["supplier,recipient,year,value", "Russia,Iran,2016,220"], "no 'Recipient,Supplier"),
        ([*PREAMBLE, "Recipient,Supplier,Year,Value", "Iran,Russia,2016,220"], "line 5: unexpected columns"),
        ([*PREAMBLE, HEADER], "no deals"),
    ],
)
def test_wrong_format_is_rejected(tmp_path: Path, lines: list[str], needle: str) -> None:
    with pytest.raises(MalformedFileError, match=needle):
        read_register(write(tmp_path, lines))


@pytest.mark.parametrize(
    ("deal", "needle"),
    [
        (
            "Iran,Russia,2015,,4,,S-300,SAM system,4,,2016,New,,55,22O,220",
            "line 6: sipri tiv for total order",
        ),
        ("Iran,Russia,2015,x,4,,S-300,SAM system,4,,2016,New,,55,220,220", "line 6: uncertainty flag"),
        ("Iran,Russia,2015,,4,,S-300,SAM system,4,,2016/17,New,,55,220,220", "line 6: year.s. of delivery"),
        (",Russia,2015,,4,,S-300,SAM system,4,,2016,New,,55,220,220", "line 6: no recipient"),
    ],
)
def test_bad_values_name_the_line(tmp_path: Path, codes: CountryCodes, deal: str, needle: str) -> None:
    path = write(tmp_path, [*PREAMBLE, HEADER, deal])
    with pytest.raises(MalformedFileError, match=needle):
        load_register({"sipri_deals": path}, codes)


def test_party_codes(codes: CountryCodes) -> None:
    # the name wins over 360info's COW code (365 is Russia's; the USSR row must stay SUN)
    assert party_code(codes, "Soviet Union", 365) == "SUN"
    assert party_code(codes, "Russia", 365) == "RUS"
    # starred names are non-state (*) or organisations (**), whatever COW code they carry
    assert party_code(codes, "Hezbollah (Lebanon)*", 660) is None
    assert party_code(codes, "NATO**") is None
    assert party_code(codes, "unknown supplier(s)") is None
    # a state whose spelling the name tables do not know falls back to its COW code
    assert party_code(codes, "Republic of Nowhere-Lebanon", 660) == "LBN"
    assert party_code(codes, "Republic of Nowhere") is None
