"""Country codes: ISO 3166-1 alpha-3 is the product's code; everything else converts to it.

The tables are data files shipped in ``alliancewatch/data/codes/`` and loaded into a :class:`CountryCodes`
object that is passed to whoever needs it (no module-level tables). Sources:

- ``countries.csv``: one row per state, current or historical, with its ISO-2, COW numeric and letter codes,
  FIPS 10-4, CAMEO code, validity years and, for historical states, the successor (USSR ``SUN`` → ``RUS``).
- ``aliases.csv``: other names and spellings found in the UN, SIPRI, COW and ATOP files and in the press.
- ``unresolvable.csv``: names that deliberately map to no state, each with the reason.

ISO names from ``pycountry`` are added as aliases, so a plain official name always resolves.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from alliancewatch.errors import UnknownCountryError

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_name(text: str) -> str:
    """Fold case, accents, punctuation and '&' so spellings of one name compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    folded = folded.replace("&", " and ").replace("st.", "saint ")
    folded = _NON_ALNUM.sub(" ", folded).strip()
    return folded.removeprefix("the ")


@dataclass(frozen=True)
class Country:
    """One state as the product knows it."""

    iso3: str
    name: str
    iso2: str | None
    cow: int | None
    cow_abb: str | None
    fips: str | None
    cameo: str | None
    start: int | None
    end: int | None
    successor: str | None

    @property
    def historical(self) -> bool:
        return self.end is not None and self.successor is not None


@dataclass(frozen=True)
class Unresolvable:
    value: str
    reason: str


def _opt_int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _opt_str(value: str) -> str | None:
    return value.strip() or None


class CountryCodes:
    """Look-ups from every code system the product reads to ISO-3."""

    def __init__(
        self,
        countries: Iterable[Country],
        aliases: dict[str, str],
        unresolvable: Iterable[Unresolvable] = (),
    ) -> None:
        self.countries: dict[str, Country] = {c.iso3: c for c in countries}
        self.unresolvable: dict[str, Unresolvable] = {normalize_name(u.value): u for u in unresolvable}
        self._by_iso2 = {c.iso2: c.iso3 for c in self.countries.values() if c.iso2}
        self._by_cow: dict[int, str] = {}
        self._by_cow_abb: dict[str, str] = {}
        self._by_fips: dict[str, str] = {}
        self._by_cameo: dict[str, str] = {}
        for c in self.countries.values():
            if c.cow is not None:
                self._by_cow.setdefault(c.cow, c.iso3)
            if c.cow_abb:
                self._by_cow_abb.setdefault(c.cow_abb, c.iso3)
            if c.fips:
                self._by_fips.setdefault(c.fips, c.iso3)
            if c.cameo:
                self._by_cameo.setdefault(c.cameo, c.iso3)
        self._by_name: dict[str, str] = {}
        for c in self.countries.values():
            self._by_name[normalize_name(c.name)] = c.iso3
        for alias, iso3 in aliases.items():
            if iso3 not in self.countries:
                raise ValueError(f"alias {alias!r} points to unknown code {iso3!r}")
            self._by_name[normalize_name(alias)] = iso3

    @classmethod
    def load(cls) -> CountryCodes:
        """Load the tables shipped with the package."""
        folder = resources.files("alliancewatch") / "data" / "codes"
        with (folder / "countries.csv").open(encoding="utf-8") as fh:
            countries = [
                Country(
                    iso3=row["iso3"],
                    name=row["name"],
                    iso2=_opt_str(row["iso2"]),
                    cow=_opt_int(row["cow"]),
                    cow_abb=_opt_str(row["cow_abb"]),
                    fips=_opt_str(row["fips"]),
                    cameo=_opt_str(row["cameo"]),
                    start=_opt_int(row["start"]),
                    end=_opt_int(row["end"]),
                    successor=_opt_str(row["successor"]),
                )
                for row in csv.DictReader(fh)
            ]
        aliases: dict[str, str] = {}
        _add_pycountry_names(aliases, {c.iso3 for c in countries})
        with (folder / "aliases.csv").open(encoding="utf-8") as fh:
            aliases.update({row["alias"]: row["iso3"] for row in csv.DictReader(fh)})
        with (folder / "unresolvable.csv").open(encoding="utf-8") as fh:
            unresolvable = [Unresolvable(row["value"], row["reason"]) for row in csv.DictReader(fh)]
        return cls(countries, aliases, unresolvable)

    # --- single look-ups; None when the code is unknown -------------------------------------------
    def from_iso2(self, code: str) -> str | None:
        return self._by_iso2.get(code.strip().upper())

    def from_cow(self, ccode: int) -> str | None:
        return self._by_cow.get(int(ccode))

    def from_cow_abb(self, abb: str) -> str | None:
        return self._by_cow_abb.get(abb.strip().upper())

    def from_fips(self, code: str) -> str | None:
        return self._by_fips.get(code.strip().upper())

    def from_cameo(self, code: str) -> str | None:
        code = code.strip().upper()
        return self._by_cameo.get(code) or (code if code in self.countries else None)

    def from_name(self, name: str) -> str | None:
        return self._by_name.get(normalize_name(name))

    def is_unresolvable(self, value: str) -> Unresolvable | None:
        return self.unresolvable.get(normalize_name(value))

    def successor(self, iso3: str) -> str | None:
        country = self.countries.get(iso3)
        return country.successor if country else None

    def predecessors(self, iso3: str) -> list[str]:
        """States whose successor (directly or transitively) is ``iso3``."""
        found = [c.iso3 for c in self.countries.values() if c.successor == iso3]
        return found + [p for f in found for p in self.predecessors(f)]

    def name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country else iso3

    # --- user input --------------------------------------------------------------------------------
    def resolve(self, text: str) -> str:
        """Turn what a user typed (ISO-3, ISO-2, COW number, name) into an ISO-3 code.

        Raises :class:`UnknownCountryError` with the closest valid codes when nothing matches.
        """
        raw = text.strip()
        if not raw:
            raise UnknownCountryError(text, [])
        upper = raw.upper()
        if upper in self.countries:
            return upper
        if raw.isdigit():
            found = self.from_cow(int(raw))
            if found:
                return found
        if len(raw) == 2 and (found := self.from_iso2(raw)):
            return found
        if found := self.from_name(raw):
            return found
        unresolvable = self.is_unresolvable(raw)
        raise UnknownCountryError(text, self.suggest(raw), unresolvable.reason if unresolvable else "")

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """The codes whose code or name is closest to ``text``."""
        key = normalize_name(text)
        codes = difflib.get_close_matches(text.upper(), list(self.countries), n=limit, cutoff=0.3)
        names = difflib.get_close_matches(key, list(self._by_name), n=limit, cutoff=0.6)
        out: list[str] = []
        for code in [*codes, *(self._by_name[n] for n in names)]:
            if code not in out:
                out.append(code)
        return out[:limit]


def _add_pycountry_names(aliases: dict[str, str], known: set[str]) -> None:
    import pycountry

    for country in pycountry.countries:
        if country.alpha_3 not in known:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                aliases[value] = country.alpha_3
