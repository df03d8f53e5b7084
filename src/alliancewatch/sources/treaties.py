"""The curated treaty registry: ``alliancewatch/data/treaties.yaml``, validated strictly and loaded as tables.

ATOP stops in 2018, and several treaties that analysts cite for Iran, Russia, China, North Korea, Syria and
Belarus were signed later. The registry records each treaty with its parties (ISO-3, with their own dates
where they differ), its dates, its term, the five ATOP-style obligations (each true/false with the
article that creates it or a note saying why not), a summary and its sources.

The file ships inside the package, so it is registered as dataset ``treaties`` of kind ``curated`` whose
one file is read from the package (``FileSpec.package``) rather than a mirror; its sha256 is taken when
the registry is built, so the provenance table says exactly which version of the file was loaded.

Dates may be given to the day (``2025-01-17``), the month (``"2002-03"``) or the year (``2002``) when
nothing more precise is known; anything uncertain is said in the treaty's ``uncertain`` list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.registry import DatasetSpec, FileSpec, Registry
from alliancewatch.sources.fetch import packaged_file, sha256_file

#: The five ATOP obligation types, in ATOP's order.
OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
TREATY_TYPES = ("bilateral", "multilateral")
REGISTRY_RESOURCE = "data/treaties.yaml"

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_REQUIRED = {"id", "name", "type", "parties", "signed", "obligations", "summary", "sources"}
_TREATY_KEYS = _REQUIRED | {"signed_at", "in_force", "expires", "terminated", "term", "uncertain"}
_PARTY_KEYS = {"country", "continues", "signed", "ratified", "in_force", "left", "note"}
_OBLIGATION_KEYS = {"value", "article", "note"}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; ``text`` is its ISO form (``2002``, ``2002-03``)."""

    year: int
    month: int | None
    day: int | None

    @property
    def text(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    @property
    def earliest(self) -> tuple[int, int, int]:
        """The first day the date can mean, as a sortable tuple."""
        return (self.year, self.month or 1, self.day or 1)

    def not_after(self, other: PartialDate) -> bool:
        """True unless this date is certainly later than ``other`` (compared at their common precision)."""
        mine = (self.year, self.month, self.day)
        theirs = (other.year, other.month, other.day)
        for x, y in zip(mine, theirs, strict=True):
            if x is None or y is None:
                return True
            if x != y:
                return x < y
        return True


@dataclass(frozen=True)
class Obligation:
    present: bool
    article: str | None
    note: str | None


@dataclass(frozen=True)
class TreatyParty:
    """One party; dates left empty default to the treaty's. ``continues`` names the state whose
    membership this one carries on (RUS continuing the USSR's treaties after 25 December 1991)."""

    country: str
    continues: str | None
    signed: PartialDate | None
    ratified: PartialDate | None
    in_force: PartialDate | None
    left: PartialDate | None
    note: str | None


@dataclass(frozen=True)
class Source:
    url: str
    title: str


@dataclass(frozen=True)
class Treaty:
    id: str
    name: str
    type: str
    parties: tuple[TreatyParty, ...]
    signed: PartialDate
    signed_at: str | None
    in_force: PartialDate | None
    expires: PartialDate | None
    terminated: PartialDate | None
    term: str | None
    obligations: dict[str, Obligation]
    summary: str
    sources: tuple[Source, ...]
    uncertain: tuple[str, ...]

    @property
    def ends(self) -> PartialDate | None:
        """When the treaty stopped (or will stop) binding: its termination, else its fixed expiry."""
        return self.terminated or self.expires


class _ProblemError(Exception):
    """A validation failure inside one treaty; turned into a MalformedFileError naming file and treaty."""


def parse_registry(text: str, codes: CountryCodes, origin: str = "treaties.yaml") -> list[Treaty]:
    """Parse and validate the registry text; raises MalformedFileError naming the file and the treaty."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MalformedFileError(f"{origin}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(document, dict) or set(document) != {"treaties"}:
        raise MalformedFileError(f"{origin}: the file must be a mapping with one key, 'treaties'")
    entries = document["treaties"]
    if not isinstance(entries, list) or not entries:
        raise MalformedFileError(f"{origin}: 'treaties' must be a non-empty list")
    treaties: list[Treaty] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        label = f"treaty #{index}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label = f"treaty {entry['id']!r}"
        try:
            treaty = _treaty(entry, codes)
        except _ProblemError as exc:
            raise MalformedFileError(f"{origin}: {label}: {exc}") from None
        if treaty.id in seen:
            raise MalformedFileError(f"{origin}: {label}: id is used twice")
        seen.add(treaty.id)
        treaties.append(treaty)
    return treaties


def read_registry(path: Path, codes: CountryCodes) -> list[Treaty]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MalformedFileError(f"{path.name}: cannot be read: {exc}") from exc
    return parse_registry(text, codes, path.name)


def _treaty(entry: object, codes: CountryCodes) -> Treaty:
    if not isinstance(entry, dict):
        raise _ProblemError("each entry must be a mapping")
    _keys(entry, _TREATY_KEYS, _REQUIRED, "")
    treaty_id = _text(entry, "id")
    if not _ID.match(treaty_id):
        raise _ProblemError("id must be lower-case letters, digits and hyphens")
    kind = _text(entry, "type")
    if kind not in TREATY_TYPES:
        raise _ProblemError(f"type must be one of {', '.join(TREATY_TYPES)}, not {kind!r}")
    signed = _date(entry, "signed")
    assert signed is not None  # required key
    treaty = Treaty(
        id=treaty_id,
        name=_text(entry, "name"),
        type=kind,
        parties=_parties(entry["parties"], codes),
        signed=signed,
        signed_at=_optional_text(entry, "signed_at"),
        in_force=_date(entry, "in_force"),
        expires=_date(entry, "expires"),
        terminated=_date(entry, "terminated"),
        term=_optional_text(entry, "term"),
        obligations=_obligations(entry["obligations"]),
        summary=_text(entry, "summary"),
        sources=_sources(entry["sources"]),
        uncertain=_text_list(entry, "uncertain"),
    )
    _check_dates(treaty)
    _check_parties(treaty)
    return treaty


def _keys(mapping: dict[Any, Any], allowed: set[str], required: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise _ProblemError(f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}{where}")
    missing = sorted(required - set(mapping))
    if missing:
        raise _ProblemError(f"missing key{'s' if len(missing) > 1 else ''} {', '.join(missing)}{where}")


def _text(mapping: dict[str, Any], key: str, where: str = "") -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _ProblemError(f"{where}{key} must be a non-empty string")
    return value.strip()


def _optional_text(mapping: dict[str, Any], key: str, where: str = "") -> str | None:
    return None if mapping.get(key) is None else _text(mapping, key, where)


def _text_list(mapping: dict[str, Any], key: str) -> tuple[str, ...]:
    value = mapping.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _ProblemError(f"{key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _date(mapping: dict[str, Any], key: str, where: str = "") -> PartialDate | None:
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, datetime | bool):
        raise _ProblemError(f"{where}{key} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not {value!r}")
    if isinstance(value, date):
        found = PartialDate(value.year, value.month, value.day)
    elif isinstance(value, int):
        found = PartialDate(value, None, None)
    elif isinstance(value, str) and (match := _PARTIAL.match(value.strip())):
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None  # the pattern requires it
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            raise _ProblemError(f"{where}{key} is not a real date: {value!r}") from None
        found = PartialDate(year, month, day)
    else:
        raise _ProblemError(f"{where}{key} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not {value!r}")
    if not 1800 <= found.year <= 2100:
        raise _ProblemError(f"{where}{key} year {found.year} is outside 1800-2100")
    return found


def _parties(value: object, codes: CountryCodes) -> tuple[TreatyParty, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise _ProblemError("parties must be a list of at least two parties")
    parties = []
    for item in value:
        entry = {"country": item} if isinstance(item, str) else item
        if not isinstance(entry, dict):
            raise _ProblemError("each party must be an ISO-3 code or a mapping with 'country'")
        where = f" in party {entry.get('country')!r}"
        _keys(entry, _PARTY_KEYS, {"country"}, where)
        country = _text(entry, "country", "party ")
        if country not in codes.countries:
            raise _ProblemError(f"unknown ISO-3 code {country!r} in parties")
        continues = _optional_text(entry, "continues", f"party {country}: ")
        prefix = f"party {country}: "
        parties.append(
            TreatyParty(
                country=country,
                continues=continues,
                signed=_date(entry, "signed", prefix),
                ratified=_date(entry, "ratified", prefix),
                in_force=_date(entry, "in_force", prefix),
                left=_date(entry, "left", prefix),
                note=_optional_text(entry, "note", prefix),
            )
        )
    return tuple(parties)


def _obligations(value: object) -> dict[str, Obligation]:
    if not isinstance(value, dict):
        raise _ProblemError(f"obligations must be a mapping of {', '.join(OBLIGATIONS)}")
    _keys(value, set(OBLIGATIONS), set(OBLIGATIONS), " in obligations")
    out = {}
    for name in OBLIGATIONS:
        entry = value[name]
        if not isinstance(entry, dict):
            raise _ProblemError(
                f"obligations.{name} must be a mapping with value (true/false), article, note"
            )
        _keys(entry, _OBLIGATION_KEYS, {"value"}, f" in obligations.{name}")
        present = entry["value"]
        if not isinstance(present, bool):
            raise _ProblemError(f"obligations.{name}.value must be true or false, not {present!r}")
        article = _optional_text(entry, "article", f"obligations.{name}.")
        note = _optional_text(entry, "note", f"obligations.{name}.")
        if present and article is None and note is None:
            raise _ProblemError(f"obligations.{name} is true but names no article and gives no note")
        out[name] = Obligation(present, article, note)
    return out


def _sources(value: object) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        raise _ProblemError("sources must be a non-empty list of {url, title}")
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise _ProblemError("each source must be a mapping with url and title")
        _keys(item, {"url", "title"}, {"url", "title"}, " in sources")
        url = _text(item, "url", "source ")
        if not url.startswith(("http://", "https://")):
            raise _ProblemError(f"source url must start with http:// or https://, not {url!r}")
        out.append(Source(url, _text(item, "title", "source ")))
    return tuple(out)


def _check_dates(t: Treaty) -> None:
    ordered = [("signed", t.signed), ("in_force", t.in_force), ("terminated", t.terminated)]
    known = [(name, d) for name, d in ordered if d is not None]
    for (first, a), (second, b) in pairwise(known):
        if not a.not_after(b):
            raise _ProblemError(f"{first} {a.text} is after {second} {b.text}")
    if t.expires is not None and not t.signed.not_after(t.expires):
        raise _ProblemError(f"signed {t.signed.text} is after expires {t.expires.text}")


def _check_parties(t: Treaty) -> None:
    countries = [p.country for p in t.parties]
    for p in t.parties:
        where = f"party {p.country}"
        if p.continues is not None and (p.continues == p.country or p.continues not in countries):
            raise _ProblemError(f"{where}: continues must name another party of this treaty")
        if p.in_force is not None and t.in_force is None:
            raise _ProblemError(f"{where}: has in_force but the treaty has none")
        if p.signed is not None and not t.signed.not_after(p.signed):
            raise _ProblemError(f"{where}: signed {p.signed.text} is before the treaty was signed")
        if p.in_force is not None and t.in_force is not None and not t.in_force.not_after(p.in_force):
            raise _ProblemError(f"{where}: in force {p.in_force.text} before the treaty itself")
        start = p.in_force or p.signed or t.signed
        if p.left is not None and not start.not_after(p.left):
            raise _ProblemError(f"{where}: left {p.left.text} before it joined {start.text}")
    for country in set(countries):
        spells = sorted(
            (((p.in_force or p.signed or t.signed), p.left) for p in t.parties if p.country == country),
            key=lambda spell: spell[0].earliest,
        )
        for (_, left), (start, _) in pairwise(spells):
            if left is None or not left.not_after(start):
                raise _ProblemError(f"party {country} is listed twice with overlapping membership")
    sides = {p.country for p in t.parties if p.continues is None}
    if t.type == "bilateral" and len(sides) != 2:
        raise _ProblemError(
            f"a bilateral treaty needs exactly two parties (not counting successors), has {len(sides)}"
        )
    if t.type == "multilateral" and len(set(countries)) < 3:
        raise _ProblemError("a multilateral treaty needs at least three parties")


def registry_tables(treaties: list[Treaty]) -> dict[str, pa.Table]:
    """The store tables ``treaties``, ``treaty_parties``, ``treaty_obligations`` and ``treaty_sources``.

    A party's dates are stored as effective values: where the file leaves them empty they are the treaty's.
    """

    def text(d: PartialDate | None) -> str | None:
        return None if d is None else d.text

    def year(d: PartialDate | None) -> int | None:
        return None if d is None else d.year

    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _SCHEMAS}
    for t in treaties:
        rows["treaties"].append((
            t.id, t.name, t.type, t.signed.text, t.signed.year, t.signed_at, text(t.in_force),
            year(t.in_force), text(t.expires), text(t.terminated), year(t.ends), t.term, t.summary,
            list(t.uncertain),
        ))  # fmt: skip
        for p in t.parties:
            in_force = p.in_force or t.in_force
            # A successor joins when it takes over, not when its predecessor signed.
            signed = p.signed or (p.in_force if p.continues else None) or t.signed
            rows["treaty_parties"].append((
                t.id, p.country, p.continues, signed.text, signed.year, text(p.ratified), text(in_force),
                year(in_force), text(p.left), year(p.left), p.note,
            ))  # fmt: skip
        for name, o in t.obligations.items():
            rows["treaty_obligations"].append((t.id, name, o.present, o.article, o.note))
        for source in t.sources:
            rows["treaty_sources"].append((t.id, source.url, source.title))
    return {
        name: pa.Table.from_pylist(
            [dict(zip(schema.names, row, strict=True)) for row in rows[name]], schema=schema
        )
        for name, schema in _SCHEMAS.items()
    }


_S, _I = pa.string(), pa.int32()
_SCHEMAS = {
    "treaties": pa.schema([
        ("id", _S), ("name", _S), ("type", _S), ("signed", _S), ("signed_year", _I), ("signed_at", _S),
        ("in_force", _S), ("in_force_year", _I), ("expires", _S), ("terminated", _S), ("end_year", _I),
        ("term", _S), ("summary", _S), ("uncertain", pa.list_(_S)),
    ]),
    "treaty_parties": pa.schema([
        ("treaty_id", _S), ("country", _S), ("continues", _S), ("signed", _S), ("signed_year", _I),
        ("ratified", _S), ("in_force", _S), ("in_force_year", _I), ("left_on", _S), ("left_year", _I),
        ("note", _S),
    ]),
    "treaty_obligations": pa.schema([
        ("treaty_id", _S), ("obligation", _S), ("present", pa.bool_()), ("article", _S), ("note", _S),
    ]),
    "treaty_sources": pa.schema([("treaty_id", _S), ("url", _S), ("title", _S)]),
}  # fmt: skip


def load_treaties(files: Mapping[str, Path], codes: CountryCodes) -> dict[str, pa.Table]:
    """The registry loader: validate the YAML and return its four tables."""
    return registry_tables(read_registry(files["treaties"], codes))


def register(registry: Registry) -> None:
    registry.add_dataset(
        DatasetSpec(
            name="treaties",
            title="Curated treaty registry (alliance-relevant treaties, incl. after ATOP's 2018 end)",
            version="curated (ships with alliancewatch)",
            homepage="shipped with the package: alliancewatch/data/treaties.yaml",
            licence="MIT, like the project (its own coding and summaries); treaty texts are the parties'",
            citation="alliancewatch curated treaty registry; each treaty lists its own sources.",
            files=(
                FileSpec(
                    "treaties",
                    "treaties.yaml",
                    "",
                    sha256_file(packaged_file(REGISTRY_RESOURCE)),
                    None,
                    package=REGISTRY_RESOURCE,
                ),
            ),
            tables=("treaties", "treaty_parties", "treaty_obligations", "treaty_sources"),
            loader=load_treaties,
            kind="curated",
        )
    )
