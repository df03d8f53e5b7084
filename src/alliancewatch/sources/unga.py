"""UN General Assembly roll-call votes (Voeten, via the R package unvotes) and BSV ideal points."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.registry import DatasetSpec, FileSpec, Registry
from alliancewatch.sources.tabular import map_values, read_csv, unmapped

UNVOTES_CITATION = (
    "Erik Voeten, Anton Strezhnev and Michael Bailey, 'United Nations General Assembly Voting Data', "
    "Harvard Dataverse, hdl:1902.1/12379; packaged by David Robinson and Mine Cetinkaya-Rundel, "
    "R package unvotes."
)
BSV_CITATION = (
    "Michael A. Bailey, Anton Strezhnev and Erik Voeten (2017), 'Estimating Dynamic State Preferences "
    "from United Nations Voting Data', Journal of Conflict Resolution 61(2): 430-456; data release "
    "July 2025."
)


def load_votes(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """Roll calls, votes (country as ISO-3, USSR before the seat hand-over) and issue tags."""
    rollcalls = read_csv(
        files["unga_rollcalls"],
        {
            "rcid": pa.int32(),
            "session": pa.int32(),
            "importantvote": pa.int8(),
            "date": pa.date32(),
            "unres": pa.string(),
            "amend": pa.int8(),
            "para": pa.int8(),
            "short": pa.string(),
            "descr": pa.string(),
        },
    )
    rollcalls = pa.table(
        {
            "rcid": rollcalls["rcid"],
            "session": rollcalls["session"],
            "important": pc.equal(rollcalls["importantvote"], 1),
            "date": rollcalls["date"],
            "unres": rollcalls["unres"],
            "amend": pc.equal(rollcalls["amend"], 1),
            "para": pc.equal(rollcalls["para"], 1),
            "short": rollcalls["short"],
            "descr": rollcalls["descr"],
        }
    )
    raw = read_csv(
        files["unga_votes"],
        {"rcid": pa.int32(), "country": pa.string(), "country_code": pa.string(), "vote": pa.string()},
    )
    bad_votes = set(pc.unique(raw["vote"]).to_pylist()) - {"yes", "abstain", "no"}
    if bad_votes:
        raise MalformedFileError(f"{files['unga_votes'].name}: unexpected vote values {sorted(bad_votes)}")
    key = pc.binary_join_element_wise(pc.fill_null(raw["country_code"], ""), raw["country"], "|")

    def resolve(value: Hashable) -> str | None:
        code, _, name = str(value).partition("|")
        return (codes.from_iso2(code) if code else None) or codes.from_name(name)

    country = map_values(key, resolve)
    known = pc.is_valid(country)
    unknown = [v for v in unmapped(key, country) if not codes.is_unresolvable(v.partition("|")[2])]
    if unknown:
        raise MalformedFileError(f"{files['unga_votes'].name}: unknown countries {unknown[:5]}")
    votes = pa.table({"rcid": raw["rcid"], "country": country, "vote": raw["vote"]}).filter(known)
    # The file keeps one code per seat ("RU" from 1946, "YU" to 2019): give each roll call's vote to the
    # state holding the seat that year (the USSR until 1991, Serbia from 2006).
    dated = votes.join(rollcalls.select(["rcid", "date"]), "rcid", join_type="left outer")
    seat_year = pc.binary_join_element_wise(
        dated["country"], pc.fill_null(pc.cast(pc.year(dated["date"]), pa.string()), ""), "|"
    )

    def holder(value: Hashable) -> str | None:
        code, _, year = str(value).partition("|")
        return codes.in_year(code, int(year)) if year else code

    votes = pa.table({"rcid": dated["rcid"], "country": map_values(seat_year, holder), "vote": dated["vote"]})
    issues = read_csv(
        files["unga_issues"], {"rcid": pa.int32(), "short_name": pa.string(), "issue": pa.string()}
    )
    issues = pa.table({"rcid": issues["rcid"], "issue": issues["short_name"], "issue_name": issues["issue"]})
    return {"unga_rollcalls": rollcalls, "unga_votes": votes, "unga_issues": issues}


def load_idealpoints(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """BSV ideal points by country-year; the country from the COW code, else the ISO-3 in the file."""
    raw = read_csv(
        files["unga_idealpoints"],
        {
            "ccode": pa.int32(),
            "iso3c": pa.string(),
            "countryname": pa.string(),
            "year": pa.int32(),
            "idealpointfp": pa.float64(),
            "idealpointall": pa.float64(),
            "idealpointlegacy": pa.float64(),
            "nvotesfp": pa.float64(),
            "nvotesall": pa.float64(),
        },
    )
    key = pc.binary_join_element_wise(
        pc.cast(raw["ccode"], pa.string()), pc.fill_null(raw["iso3c"], ""), raw["countryname"], "|"
    )

    def resolve(value: Hashable) -> str | None:
        ccode, iso3, name = str(value).split("|", 2)
        return (
            codes.from_name(name) or (iso3 if iso3 in codes.countries else None) or codes.from_cow(int(ccode))
        )

    country = map_values(key, resolve)
    unknown = [v for v in unmapped(key, country) if not codes.is_unresolvable(v.split("|", 2)[2])]
    if unknown:
        raise MalformedFileError(f"{files['unga_idealpoints'].name}: unknown countries {unknown[:5]}")
    table = raw.drop_columns(["iso3c", "countryname"]).append_column("country", country)
    return {"unga_idealpoints": table.filter(pc.is_valid(country))}


def register(registry: Registry) -> None:
    registry.add_dataset(
        DatasetSpec(
            name="unga_votes",
            title="UN General Assembly roll-call votes, 1946-2019",
            version="unvotes 0.3.0 (sessions 1-74)",
            homepage="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
            licence="CC0 1.0 (Voeten data); MIT (unvotes packaging)",
            citation=UNVOTES_CITATION,
            files=(
                FileSpec(
                    "unga_votes",
                    "unga_votes_1946_2019.csv",
                    "structured/unga_votes_1946_2019.csv",
                    "cbbfd42f844064ea491d45b18167db05646da6de5ed73ffa3de122c70f17cd25",
                    None,
                ),
                FileSpec(
                    "unga_rollcalls",
                    "unga_roll_calls_1946_2019.csv",
                    "structured/unga_roll_calls_1946_2019.csv",
                    "eda9d6b49041800bc4d0f01f528dbe02e2a17dca853d6fde87dd1f1bcf6b96f6",
                    None,
                ),
                FileSpec(
                    "unga_issues",
                    "unga_roll_call_issues.csv",
                    "structured/unga_roll_call_issues.csv",
                    "1fb5375c63db4a1b5c52070ca39f23507ef5404461ea8fabcedcb51935f6efa9",
                    None,
                ),
            ),
            tables=("unga_rollcalls", "unga_votes", "unga_issues"),
            loader=load_votes,
        )
    )
    registry.add_dataset(
        DatasetSpec(
            name="unga_idealpoints",
            title="UNGA ideal points (Bailey, Strezhnev & Voeten), by country-year, 1946-2024",
            version="July 2025",
            homepage="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
            licence="CC0 1.0 (Harvard Dataverse)",
            citation=BSV_CITATION,
            files=(
                FileSpec(
                    "unga_idealpoints",
                    "unga_idealpoints_bsv_july2025.csv",
                    "structured/unga_idealpoints_bsv_july2025.csv",
                    "43048918a3c89bd53da39830757c1932659177432fe9e82310554976659d0b32",
                    None,
                ),
            ),
            tables=("unga_idealpoints",),
            loader=load_idealpoints,
        )
    )
