"""Hand-made GDELT, ICEWS and POLECAT files for the loader tests, in each source's real layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alliancewatch.sources.gdelt import GDELT1_BACKFILE_COLUMNS, GDELT1_COLUMNS, GDELT2_COLUMNS
from alliancewatch.sources.icews import ICEWS_COLUMNS
from alliancewatch.sources.polecat import POLECAT_COLUMNS

URL = "https://news.example.org/2019/10/24/iran-russia-talks"
LAYOUTS = {61: GDELT2_COLUMNS, 58: GDELT1_COLUMNS, 57: GDELT1_BACKFILE_COLUMNS}


def gdelt_row(event_id: int, **given: Any) -> dict[str, str]:
    """One GDELT event: Iran's government visits Russia (CAMEO 042) on 2019-10-24, reported at URL,
    happening in Russia (FIPS RS); keyword arguments override any column."""
    row = dict.fromkeys(GDELT2_COLUMNS, "")
    row.update(
        GLOBALEVENTID=str(event_id), SQLDATE="20191024", MonthYear="201910", Year="2019",
        FractionDate="2019.8055", Actor1Code="IRNGOV", Actor1Name="IRAN", Actor1CountryCode="IRN",
        Actor1Type1Code="GOV", Actor2Code="RUS", Actor2Name="RUSSIA", Actor2CountryCode="RUS",
        IsRootEvent="1", EventCode="042", EventBaseCode="042", EventRootCode="04", QuadClass="1",
        GoldsteinScale="1.9", NumMentions="2", NumSources="1", NumArticles="2", AvgTone="1.5",
        ActionGeo_Type="1", ActionGeo_FullName="Russia", ActionGeo_CountryCode="RS",
        DATEADDED="20191024143000", SOURCEURL=URL,
    )  # fmt: skip
    row.update({k: str(v) for k, v in given.items()})
    return row


def gdelt_text(rows: list[dict[str, str]], columns: int = 61) -> str:
    """Rows as a GDELT file of 61, 58 or 57 columns (tab-separated, no header)."""
    names = LAYOUTS[columns]
    return "".join("\t".join(row.get(name, "") for name in names) + "\n" for row in rows)


def write_gdelt(path: Path, rows: list[dict[str, str]], columns: int = 61) -> Path:
    path.write_text(gdelt_text(rows, columns), encoding="utf-8")
    return path


def reemission_rows() -> list[dict[str, str]]:
    """Five rows: three re-emissions of one visit (ids 101-103; 102 placed elsewhere), one other event
    from the same article (an accusation), and one row without a source actor."""
    return [
        gdelt_row(103),
        gdelt_row(101),
        gdelt_row(102, ActionGeo_CountryCode="IR", ActionGeo_FullName="Tehran, Iran"),
        gdelt_row(104, EventCode="112", EventBaseCode="112", EventRootCode="11", GoldsteinScale="-2.0"),
        gdelt_row(105, Actor1Code="", Actor1Name="", Actor1CountryCode="", Actor1Type1Code=""),
    ]


def icews_row(event_id: int, **given: Any) -> dict[str, str]:
    """One ICEWS event: Iran's foreign ministry consults Russia's (CAMEO 040), story 900, sentence 1."""
    row = {
        "Event ID": str(event_id), "Event Date": "2018-06-01",
        "Source Name": "Foreign Affairs (Iran)", "Source Sectors": "Executive,Foreign Ministry,Government",
        "Source Country": "Iran", "Event Text": "Consult", "CAMEO Code": "040", "Intensity": "1",
        "Target Name": "Foreign Affairs (Russia)", "Target Sectors": "Executive,Foreign Ministry,Government",
        "Target Country": "Russian Federation", "Story ID": "900", "Sentence Number": "1",
        "Publisher": "Example Wire", "City": "Moscow", "District": "NA", "Province": "Moskva",
        "Country": "Russian Federation", "Latitude": "55.75", "Longitude": "37.62",
    }  # fmt: skip
    row.update({k: str(v) for k, v in given.items()})
    return row


def mirrored(row: dict[str, str], event_id: int) -> dict[str, str]:
    """The B→A copy ICEWS writes of an A→B row."""
    swapped = dict(row)
    for field in ("Name", "Sectors", "Country"):
        swapped[f"Source {field}"], swapped[f"Target {field}"] = (
            row[f"Target {field}"],
            row[f"Source {field}"],
        )
    swapped["Event ID"] = str(event_id)
    return swapped


def write_icews(path: Path, rows: list[dict[str, str]]) -> Path:
    lines = ["\t".join(ICEWS_COLUMNS)] + ["\t".join(r[c] for c in ICEWS_COLUMNS) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def polecat_row(event_id: str, **given: Any) -> dict[str, str]:
    """One POLECAT event: Russia and China (two actors) agree with Iran, military context."""
    row = dict.fromkeys(POLECAT_COLUMNS, "None")
    row.update(
        {
            "Event ID": event_id, "Event Date": "2023-03-15", "Event Type": "AGREE", "Event Mode": "None",
            "Intensity": "4.5", "Quad Code": "VERBAL COOPERATION", "Contexts": "military; diplomatic",
            "Actor Name": "Russia; China", "Actor Country": "RUS; CHN", "Actor COW": "365; 710",
            "Primary Actor Sector": "GOV; GOV", "Actor Sectors": "GOV; GOV",
            "Recipient Name": "Iran", "Recipient Country": "IRN", "Recipient COW": "630",
            "Primary Recipient Sector": "GOV", "Recipient Sectors": "GOV", "Placename": "Beijing",
            "City": "Beijing", "Country": "CHN", "Latitude": "39.9", "Longitude": "116.4",
            "Source": "Example Wire", "Publication Date": "2023-03-15", "Language": "en",
            "Version": "1.2",
        }
    )  # fmt: skip
    row.update({k: str(v) for k, v in given.items()})
    return row


def write_polecat(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    names = header or list(POLECAT_COLUMNS)
    aliases = {"Event Intensity": "Intensity"}
    lines = ["\t".join(names)]
    lines += ["\t".join(r.get(aliases.get(c, c), "None") for c in names) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
