"""Reading and checking the gazetteer's data files (``alliancewatch/data/gazetteer/``).

Every file is a CSV with a header; list fields separate their items with ``|``. Extra columns are allowed
(notes, sources); the columns each file needs are checked, and so is every value: country codes must be
known to :class:`~alliancewatch.codes.CountryCodes`, sectors must be PLOVER/CAMEO sector codes, dates must be
``YYYY-MM-DD``. A bad value raises :class:`MalformedFileError` naming the file and line.

``people.csv`` and ``roles.csv`` (leaders with tenures, and the words for their offices) are optional: the
gazetteer works without them, and so do its tests. So is ``places.csv``: cities and regions that stand for
the state they lie in (see ``PLACES_README.md``); a place whose phrase another file already has is left out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError, MissingFileError
from alliancewatch.extract.phrases import phrase_key
from alliancewatch.model import SECTORS, Actor

#: The pseudo-country of intergovernmental organisations.
IGO = "IGO"
STATUSES = frozenset({"member", "observer", "other"})
#: The kinds of row in ``places.csv``; both become mentions of kind ``place``.
PLACE_KINDS = frozenset({"city", "region"})
_ROLE = re.compile(r"[A-Z]{2,4}")
#: States coded as their continuing state (one COW code each: 365, 345), as PLOVER's gold codes them.
_CONTINUING = {"SUN": "RUS", "YUG": "SRB"}


def make_actor(name: str, country: str | None, sector: str | None) -> Actor:
    """An actor with its CAMEO-style code (``IRNMIL``, ``RUS``)."""
    return Actor(name, country, sector, ((country or "") + (sector or "")) or None)


@dataclass(frozen=True)
class Entry:
    """What one surface phrase may mean: an actor (None for a blocking phrase) valid between two dates."""

    #: name, adjective, demonym, capital, metonym, epithet, place, institution, group, igo, person, blocked
    kind: str
    actor: Actor | None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Holder:
    """One person in one office for one period (``end`` None: still in office)."""

    actor: Actor
    role: str
    start: date
    end: date | None


@dataclass(frozen=True)
class RoleSense:
    """A word for an office ("president") and the role code it means, for one country or for all."""

    role: str
    country: str | None = None


@dataclass
class GazetteerTables:
    """Everything the data files hold, checked, ready to be indexed."""

    entries: list[tuple[str, Entry]] = field(default_factory=list)
    sector_words: list[tuple[str, str]] = field(default_factory=list)
    roles: list[tuple[str, RoleSense]] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    states: dict[str, str] = field(default_factory=dict)  # iso3 -> status
    names: dict[str, str] = field(default_factory=dict)  # iso3 -> display name
    counts: dict[str, int] = field(default_factory=dict)


def default_folder() -> Traversable:
    """The gazetteer files shipped with the package."""
    return resources.files("alliancewatch") / "data" / "gazetteer"


def _rows(
    folder: Traversable | Path, name: str, required: tuple[str, ...], optional: bool = False
) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (``file:line`` label, row) for each row, after checking the header has ``required``."""
    path = folder / name
    if not path.is_file():
        if optional:
            return
        raise MissingFileError(f"gazetteer file {name} is missing from {folder}")
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise MalformedFileError(f"{name}: missing columns {missing}")
    for row in reader:
        if None in row:
            raise MalformedFileError(f"{name}:{reader.line_num}: more fields than columns")
        yield f"{name}:{reader.line_num}", {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _country(value: str, codes: CountryCodes, where: str, allow_empty: bool = False) -> str | None:
    if not value and allow_empty:
        return None
    if value not in codes.countries:
        raise MalformedFileError(f"{where}: unknown country code {value!r}")
    return value


def _sector(value: str, where: str, allow_empty: bool = True) -> str | None:
    if not value and allow_empty:
        return None
    if value not in SECTORS:
        raise MalformedFileError(f"{where}: unknown sector {value!r}; valid: {', '.join(sorted(SECTORS))}")
    return value


def _date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MalformedFileError(f"{where}: bad date {value!r} (want YYYY-MM-DD)") from None


def _period(row: dict[str, str], where: str) -> tuple[date | None, date | None]:
    start, end = _date(row.get("start", ""), where), _date(row.get("end", ""), where)
    if start and end and start > end:
        raise MalformedFileError(f"{where}: start {start} is after end {end}")
    return start, end


def _required(row: dict[str, str], column: str, where: str) -> str:
    if not row[column]:
        raise MalformedFileError(f"{where}: empty {column}")
    return row[column]


def read_tables(codes: CountryCodes, folder: Traversable | Path | None = None) -> GazetteerTables:
    """Read and check every gazetteer file in ``folder`` (default: the package's own)."""
    folder = folder if folder is not None else default_folder()
    out = GazetteerTables()
    _read_states(folder, codes, out)
    _read_seats(folder, codes, out)
    _read_organisations(folder, codes, out)
    _read_people(folder, codes, out)
    for where, row in _rows(folder, "sector_words.csv", ("phrase", "sector")):
        sector = _sector(_required(row, "sector", where), where, allow_empty=False)
        out.sector_words.append((_required(row, "phrase", where), str(sector)))
    for where, row in _rows(folder, "nonactors.csv", ("phrase",)):
        out.entries.append((_required(row, "phrase", where), Entry("blocked", None)))
    out.counts["sector_words"] = len(out.sector_words)
    _read_places(folder, codes, out)
    return out


def _read_places(folder: Traversable | Path, codes: CountryCodes, out: GazetteerTables) -> None:
    """Cities and regions from ``places.csv``, each standing for its state as a whole.

    Read last: a place whose phrase (as the phrase index keys it) names anything else is left out, so a
    place never competes with a state, capital, group, person or blocked phrase of the same words.
    """
    taken = {phrase_key(phrase) for phrase, _ in out.entries}
    entries: dict[str, Entry] = {}  # one per state: thousands of rows share some 170 actors
    kept = shadowed = 0
    for where, row in _rows(folder, "places.csv", ("phrase", "country", "kind"), optional=True):
        phrase = _required(row, "phrase", where)
        iso3 = str(_country(row["country"], codes, where))
        if row["kind"] not in PLACE_KINDS:
            raise MalformedFileError(f"{where}: kind {row['kind']!r} is not one of {sorted(PLACE_KINDS)}")
        if phrase_key(phrase) in taken:
            shadowed += 1
            continue
        if iso3 not in entries:
            entries[iso3] = Entry("place", make_actor(out.names.get(iso3) or codes.name(iso3), iso3, None))
        out.entries.append((phrase, entries[iso3]))
        kept += 1
    out.counts["places"] = kept
    out.counts["places_shadowed"] = shadowed


def _read_states(folder: Traversable | Path, codes: CountryCodes, out: GazetteerTables) -> None:
    columns = ("iso3", "status", "name", "official", "aliases", "adjectives", "demonyms", "capitals")
    for where, row in _rows(folder, "states.csv", columns):
        iso3 = str(_country(row["iso3"], codes, where))
        if iso3 in out.states:
            raise MalformedFileError(f"{where}: {iso3} listed twice")
        if row["status"] not in STATUSES:
            raise MalformedFileError(f"{where}: status {row['status']!r} is not one of {sorted(STATUSES)}")
        out.states[iso3] = row["status"]
        name = out.names[iso3] = _required(row, "name", where)
        whole = make_actor(name, iso3, None)
        for phrase in [name, *_split(row["official"]), *_split(row["aliases"])]:
            out.entries.append((phrase, Entry("name", whole)))
        for kind, column in (("adjective", "adjectives"), ("demonym", "demonyms")):
            out.entries.extend((p, Entry(kind, whole)) for p in _split(row[column]))
        capitals = _split(row["capitals"])
        out.entries.extend((p, Entry("capital", make_actor(name, iso3, "GOV"))) for p in capitals)
        out.counts["aliases"] = (
            out.counts.get("aliases", 0) + len(_split(row["official"])) + len(_split(row["aliases"]))
        )
        out.counts["adjectives"] = out.counts.get("adjectives", 0) + len(_split(row["adjectives"]))
        out.counts["capitals"] = out.counts.get("capitals", 0) + len(capitals)
    out.counts["states"] = len(out.states)


def _read_seats(folder: Traversable | Path, codes: CountryCodes, out: GazetteerTables) -> None:
    for kind, file in (("metonym", "metonyms.csv"), ("epithet", "epithets.csv")):
        count = 0
        for where, row in _rows(folder, file, ("phrase", "country", "sector")):
            iso3 = str(_country(row["country"], codes, where))
            actor = make_actor(out.names.get(iso3) or codes.name(iso3), iso3, _sector(row["sector"], where))
            out.entries.append((_required(row, "phrase", where), Entry(kind, actor)))
            count += 1
        out.counts[file.removesuffix(".csv")] = count
    # Capitals that changed state or status (Juba was Sudan's before 9 July 2011): one row per period.
    count = 0
    columns = ("phrase", "country", "sector", "start", "end")
    for where, row in _rows(folder, "capitals_dated.csv", columns, optional=True):
        iso3 = str(_country(row["country"], codes, where))
        actor = make_actor(out.names.get(iso3) or codes.name(iso3), iso3, _sector(row["sector"], where))
        start, end = _period(row, where)
        out.entries.append((_required(row, "phrase", where), Entry("capital", actor, start, end)))
        count += 1
    out.counts["capitals_dated"] = count


def _read_organisations(folder: Traversable | Path, codes: CountryCodes, out: GazetteerTables) -> None:
    ids: set[str] = set()
    for where, row in _rows(folder, "igos.csv", ("id", "name", "aliases")):
        org = _required(row, "id", where)
        if org in ids or not org.isalnum() or org != org.upper():
            raise MalformedFileError(f"{where}: organisation id {org!r} is repeated or not upper-case A-Z0-9")
        ids.add(org)
        actor = Actor(_required(row, "name", where), IGO, IGO, IGO + org)
        for phrase in dict.fromkeys([row["name"], *_split(row["aliases"])]):
            out.entries.append((phrase, Entry("igo", actor)))
    out.counts["igos"] = len(ids)
    # International NGOs belong to no state: like IGOs they take the code IGO as their "country" (the
    # PLOVER gold records code them so), with the sector NGO and a CAMEO-style code NGO + id.
    ngos: set[str] = set()
    for where, row in _rows(folder, "ngos.csv", ("id", "name", "aliases"), optional=True):
        org = _required(row, "id", where)
        if org in ngos or not org.isalnum() or org != org.upper():
            raise MalformedFileError(f"{where}: organisation id {org!r} is repeated or not upper-case A-Z0-9")
        ngos.add(org)
        actor = Actor(_required(row, "name", where), IGO, "NGO", "NGO" + org)
        for phrase in dict.fromkeys([row["name"], *_split(row["aliases"])]):
            out.entries.append((phrase, Entry("ngo", actor)))
    out.counts["ngos"] = len(ngos)
    for kind, file in (("institution", "institutions.csv"), ("group", "groups.csv")):
        seen: set[str] = set()
        for where, row in _rows(folder, file, ("id", "name", "aliases", "country", "sector")):
            if row["id"] in seen:
                raise MalformedFileError(f"{where}: id {row['id']!r} is repeated")
            seen.add(_required(row, "id", where))
            country = _country(row["country"], codes, where, allow_empty=kind == "group")
            actor = make_actor(_required(row, "name", where), country, _sector(row["sector"], where))
            start, end = _period(row, where)
            for phrase in dict.fromkeys([row["name"], *_split(row["aliases"])]):
                out.entries.append((phrase, Entry(kind, actor, start, end)))
        out.counts[file.removesuffix(".csv")] = len(seen)


def _read_people(folder: Traversable | Path, codes: CountryCodes, out: GazetteerTables) -> None:
    columns = ("name", "aliases", "country", "role", "sector", "start", "end")
    people: set[str] = set()
    for where, row in _rows(folder, "people.csv", columns, optional=True):
        country = str(_country(row["country"], codes, where))
        # leaders of the Soviet Union and Yugoslavia act for their continuing states, as states.csv codes them
        country = _CONTINUING.get(country, country)
        sector = _sector(_required(row, "sector", where), where, allow_empty=False)
        role = _role(row["role"], where)
        start, end = _period(row, where)
        if start is None:
            raise MalformedFileError(f"{where}: a tenure needs a start date")
        actor = make_actor(_required(row, "name", where), country, sector)
        out.holders.append(Holder(actor, role, start, end))
        people.add(actor.name)
        for phrase in dict.fromkeys([actor.name, *_split(row["aliases"])]):
            out.entries.append((phrase, Entry("person", actor, start, end)))
    for where, row in _rows(folder, "roles.csv", ("phrase", "role"), optional=True):
        scope = _country(row.get("country", ""), codes, where, allow_empty=True)
        out.roles.append((_required(row, "phrase", where), RoleSense(_role(row["role"], where), scope)))
    out.counts["people"] = len(people)
    out.counts["tenures"] = len(out.holders)


def _role(value: str, where: str) -> str:
    if not _ROLE.fullmatch(value):
        raise MalformedFileError(f"{where}: role {value!r} is not a code such as HOS, HOG, FM, DM")
    return value
