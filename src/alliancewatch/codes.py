"""Country codes: ISO 3166-1 alpha-3 is the product's code; everything else converts to it.

The tables are data files shipped in ``alliancewatch/data/codes/`` and loaded into a :class:`CountryCodes`
object that is passed to whoever needs it (no module-level tables):

- ``countries.csv``: one row per state or territory, current or historical: its ISO-2, COW numeric and
  letter codes, FIPS 10-4 (GDELT geo fields), CAMEO code where it differs from ISO-3, ISO-3 codes the same
  state used before (``former``: ROM for Romania, ZAR for Zaire), the years a historical state existed
  and its successor. Cells holding several codes separate them with ``|`` (Germany is COW 255 and 260).
- ``cow_periods.csv``: COW codes that stand for different states in different years (see below).
- ``aliases.csv``: other names and spellings found in the UN, SIPRI, COW and ICEWS files and in the press.
- ``unresolvable.csv``: values that deliberately map to no state (armed groups, organisations, regions,
  unrecognised entities), each with its code system (name, fips or cameo), the reason and, where there is
  one, the state it operates in.

ISO names from ``pycountry`` are added as aliases, so an official ISO name always resolves.

Historical states. A state that no longer exists keeps a code of its own and names its successor:

- the ISO 3166-3 code where ISO has one: ``SUN`` Soviet Union → ``RUS``, ``YUG`` Yugoslavia → ``SRB``,
  ``CSK`` Czechoslovakia → ``CZE``, ``DDR`` East Germany → ``DEU``, ``YMD`` South Yemen → ``YEM``,
  ``VDR`` North Vietnam → ``VNM``. ISO's 2003–2006 "Serbia and Montenegro" (SCG) is folded into ``YUG``,
  as COW does (345 throughout); "SCG" is accepted as a name for it.
- otherwise a code from ISO's user-assigned range ``XAA``–``XZZ``, which ISO will never give a country:
  ``XYA`` North Yemen → ``YEM``, ``XRV`` South Vietnam → ``VNM``, ``XZN`` Zanzibar → ``TZA``, ``XKR`` Korea
  before 1910, ``XAH`` Austria-Hungary, the German states before 1871 (``XHA`` Hanover, ``XBV`` Bavaria,
  ``XBD`` Baden, ``XSX`` Saxony, ``XWU`` Württemberg, ``XHK`` Hesse-Kassel, ``XHD`` Hesse-Darmstadt,
  ``XMS`` Mecklenburg-Schwerin → ``DEU``) and the Italian states before 1861 (``XPS`` Papal States,
  ``XTS`` Two Sicilies, ``XMO`` Modena, ``XPM`` Parma, ``XTC`` Tuscany → ``ITA``). Kosovo, a current state
  without an ISO entry, is ``XKX`` (ISO-2 ``XK``), the user-assigned code the EU and the IMF use.
  Korea before 1910 and Austria-Hungary have no single successor, so nothing is merged into them.

A renamed state keeps its code (Zaire is ``COD``, Burma ``MMR``, Persia ``IRN``, Rhodesia ``ZWE`` since
COW 552 runs from 1965); West Germany is ``DEU``, as in ISO.

COW codes over time. COW numbers a state by continuity, so one number can cover a historical and a current
state: 365 is the Soviet Union in 1922–1991 and Russia otherwise, 345 is Yugoslavia in 1918–2005 and
Serbia otherwise, 816 is North Vietnam until 1975 and Vietnam after. ``from_cow(ccode, year)`` applies those
periods; ``from_cow(ccode)`` without a year gives the state the number stands for today (365 → ``RUS``).
A number that only ever meant a historical state gives that state in every case (265 → ``DDR``).
``successor``, ``current``, ``predecessors`` and ``with_predecessors`` serve ``--merge-predecessors``.
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
_SAINT = re.compile(r"\bst\b\.?")
_MOJIBAKE = ("Ã", "Â", "â€", "â\x80")
_TRAILING_NOTE = re.compile(r"\s*\([^)]*\)\s*\**\s*$")
#: ISO-2 codes outside the table that still mean one state: UK is exceptionally reserved for GBR.
_ISO2_RESERVED = {"UK": "GBR"}
SCHEMES = ("name", "fips", "cameo")


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1 or CP1252 once ("CÃ´te" → "Côte")."""
    if not any(mark in text for mark in _MOJIBAKE):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def normalize_name(text: str) -> str:
    """Fold case, accents, punctuation, '&', 'St.' and a leading 'the' so spellings compare equal."""
    decomposed = unicodedata.normalize("NFKD", _repair_mojibake(text))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    folded = _SAINT.sub(" saint ", folded.replace("&", " and "))
    folded = _NON_ALNUM.sub(" ", folded).strip()
    return folded.removeprefix("the ")


@dataclass(frozen=True)
class Country:
    """One state (or ISO territory) as the product knows it; years are calendar years."""

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
    #: further COW numbers/letters, FIPS codes and former ISO-3 codes that also mean this state
    cow_other: tuple[int, ...] = ()
    cow_abb_other: tuple[str, ...] = ()
    fips_other: tuple[str, ...] = ()
    former: tuple[str, ...] = ()

    @property
    def historical(self) -> bool:
        """True for a state that no longer exists (it has an end year)."""
        return self.end is not None


@dataclass(frozen=True)
class Unresolvable:
    """A value that deliberately maps to no state, with why and, for a group, the state it operates in."""

    value: str
    reason: str
    scheme: str = "name"
    country: str | None = None


@dataclass(frozen=True)
class CowPeriod:
    """Years (inclusive) in which COW number ``ccode`` stands for ``iso3`` instead of its usual state."""

    ccode: int
    first_year: int
    last_year: int
    iso3: str


def _opt_int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _opt_str(value: str) -> str | None:
    return value.strip() or None


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _country_from_row(row: dict[str, str]) -> Country:
    cows = [int(c) for c in _split(row["cow"])]
    abbs = _split(row["cow_abb"])
    fips = _split(row["fips"])
    return Country(
        iso3=row["iso3"],
        name=row["name"],
        iso2=_opt_str(row["iso2"]),
        cow=cows[0] if cows else None,
        cow_abb=abbs[0] if abbs else None,
        fips=fips[0] if fips else None,
        cameo=_opt_str(row["cameo"]),
        start=_opt_int(row["start"]),
        end=_opt_int(row["end"]),
        successor=_opt_str(row["successor"]),
        cow_other=tuple(cows[1:]),
        cow_abb_other=tuple(abbs[1:]),
        fips_other=tuple(fips[1:]),
        former=tuple(_split(row.get("former") or "")),
    )


def _base_name(value: str) -> str:
    """``"Hezbollah (Lebanon)*"`` → ``"Hezbollah"``: SIPRI's group names without the host state and marks."""
    return _TRAILING_NOTE.sub("", value).rstrip("*").strip()


class CountryCodes:
    """Look-ups from every code system the product reads to ISO-3 (see the module docstring)."""

    def __init__(
        self,
        countries: Iterable[Country],
        aliases: dict[str, str],
        unresolvable: Iterable[Unresolvable] = (),
        cow_periods: Iterable[CowPeriod] = (),
    ) -> None:
        self.countries: dict[str, Country] = {c.iso3: c for c in countries}
        self._by_iso2: dict[str, str] = dict(_ISO2_RESERVED)
        self._by_cow: dict[int, str] = {}
        self._by_cow_abb: dict[str, int] = {}
        self._by_fips: dict[str, str] = {}
        self._by_cameo: dict[str, str] = {}
        self._by_former: dict[str, str] = {}
        # Current states first, so a COW number shared with a historical state means today's state.
        for c in sorted(self.countries.values(), key=lambda c: c.historical):
            if c.iso2:
                self._by_iso2.setdefault(c.iso2, c.iso3)
            for ccode, abb in zip((c.cow, *c.cow_other), (c.cow_abb, *c.cow_abb_other), strict=True):
                if ccode is not None:
                    self._by_cow.setdefault(ccode, c.iso3)
                    if abb:
                        self._by_cow_abb.setdefault(abb, ccode)
            for fips in (c.fips, *c.fips_other):
                if fips:
                    self._by_fips.setdefault(fips, c.iso3)
            if c.cameo:
                self._by_cameo.setdefault(c.cameo, c.iso3)
            for old in c.former:
                self._by_former.setdefault(old, c.iso3)
        self._cow_periods: dict[int, list[CowPeriod]] = {}
        for period in cow_periods:
            self._check_code(period.iso3, f"COW period of {period.ccode}")
            self._cow_periods.setdefault(period.ccode, []).append(period)
        self._by_name: dict[str, str] = {normalize_name(c.name): c.iso3 for c in self.countries.values()}
        for alias, iso3 in aliases.items():
            self._check_code(iso3, f"alias {alias!r}")
            self._by_name[normalize_name(alias)] = iso3
        for c in self.countries.values():
            if c.successor:
                self._check_code(c.successor, f"successor of {c.iso3}")
        self._unresolvable: dict[tuple[str, str], Unresolvable] = {}
        for entry in unresolvable:
            key = normalize_name(entry.value) if entry.scheme == "name" else entry.value.strip().upper()
            self._unresolvable[(entry.scheme, key)] = entry
        for entry in list(self._unresolvable.values()):
            base = normalize_name(_base_name(entry.value))
            # "Hezbollah" finds "Hezbollah (Lebanon)*", unless the short form is a state's name (PRC).
            if entry.scheme == "name" and base not in self._by_name:
                self._unresolvable.setdefault(("name", base), entry)
        self.unresolvable: dict[str, Unresolvable] = {
            key: entry for (scheme, key), entry in self._unresolvable.items() if scheme == "name"
        }

    def _check_code(self, iso3: str, what: str) -> None:
        if iso3 not in self.countries:
            raise ValueError(f"{what} points to unknown code {iso3!r}")

    @classmethod
    def load(cls) -> CountryCodes:
        """Load the tables shipped with the package (a few milliseconds)."""
        folder = resources.files("alliancewatch") / "data" / "codes"
        with (folder / "countries.csv").open(encoding="utf-8") as fh:
            countries = [_country_from_row(row) for row in csv.DictReader(fh)]
        aliases: dict[str, str] = {}
        _add_pycountry_names(aliases, {c.iso3 for c in countries})
        with (folder / "aliases.csv").open(encoding="utf-8") as fh:
            aliases.update({row["alias"]: row["iso3"] for row in csv.DictReader(fh)})
        with (folder / "unresolvable.csv").open(encoding="utf-8") as fh:
            unresolvable = [
                Unresolvable(row["value"], row["reason"], row["scheme"] or "name", _opt_str(row["country"]))
                for row in csv.DictReader(fh)
            ]
        with (folder / "cow_periods.csv").open(encoding="utf-8") as fh:
            periods = [
                CowPeriod(int(row["ccode"]), int(row["first_year"]), int(row["last_year"]), row["iso3"])
                for row in csv.DictReader(fh)
            ]
        return cls(countries, aliases, unresolvable, periods)

    # --- single look-ups; None when the code is unknown -------------------------------------------
    def from_iso3(self, code: str) -> str | None:
        """A current or historical ISO-3 code as is; a former ISO-3 code (ROM, ZAR, BUR) as today's."""
        code = code.strip().upper()
        return code if code in self.countries else self._by_former.get(code)

    def from_iso2(self, code: str) -> str | None:
        """ISO 3166-1 alpha-2 (and ISO 3166-3's SU, YU, CS, DD, YD, VD; XK for Kosovo; UK)."""
        return self._by_iso2.get(code.strip().upper())

    def from_cow(self, ccode: int, year: int | None = None) -> str | None:
        """COW state number → ISO-3; with ``year``, the state it meant that year (365 in 1980 → SUN)."""
        ccode = int(ccode)
        if year is not None:
            for period in self._cow_periods.get(ccode, ()):
                if period.first_year <= year <= period.last_year:
                    return period.iso3
        return self._by_cow.get(ccode)

    def from_cow_abb(self, abb: str, year: int | None = None) -> str | None:
        """COW letter code (GMY, UKG, ROK) → ISO-3, year-aware like :meth:`from_cow`."""
        ccode = self._by_cow_abb.get(abb.strip().upper())
        return None if ccode is None else self.from_cow(ccode, year)

    def from_fips(self, code: str) -> str | None:
        """FIPS 10-4 country code (GDELT geo fields: RS Russia, IR Iran, IS Israel, UP Ukraine) → ISO-3."""
        return self._by_fips.get(code.strip().upper())

    def from_cameo(self, code: str) -> str | None:
        """CAMEO/GDELT actor country code → ISO-3; region codes (AFR, EUR, WST) give None."""
        code = code.strip().upper()
        return self._by_cameo.get(code) or self.from_iso3(code)

    def from_name(self, name: str) -> str | None:
        """A country name in any spelling the tables know (case, accents, '&', 'St.' folded)."""
        return self._by_name.get(normalize_name(name))

    def is_unresolvable(self, value: str, scheme: str = "name") -> Unresolvable | None:
        """The entry saying why ``value`` (a name, or a ``fips``/``cameo`` code) maps to no state."""
        key = normalize_name(value) if scheme == "name" else value.strip().upper()
        found = self._unresolvable.get((scheme, key))
        if found is None and scheme == "name":
            found = self._unresolvable.get(("name", normalize_name(_base_name(value))))
        return found

    # --- history ------------------------------------------------------------------------------------
    def successor(self, iso3: str) -> str | None:
        """The state that took over from historical state ``iso3`` (SUN → RUS), else None."""
        country = self.countries.get(iso3)
        return country.successor if country else None

    def current(self, iso3: str) -> str:
        """Follow successors to a state that exists today (XHA → DEU, YUG → SRB); ``iso3`` when none."""
        seen = {iso3}
        while (nxt := self.successor(iso3)) and nxt not in seen:
            seen.add(nxt)
            iso3 = nxt
        return iso3

    def predecessors(self, iso3: str) -> list[str]:
        """States whose successor (directly or transitively) is ``iso3``."""
        found = [c.iso3 for c in self.countries.values() if c.successor == iso3]
        return found + [p for f in found for p in self.predecessors(f)]

    def with_predecessors(self, iso3: str) -> list[str]:
        """``iso3`` followed by its predecessors: the codes to count as one with --merge-predecessors."""
        return [iso3, *self.predecessors(iso3)]

    def in_year(self, iso3: str, year: int) -> str:
        """The code COW continuity gives state ``iso3`` in ``year`` (RUS in 1980 → SUN, SUN in 2000 → RUS)."""
        country = self.countries.get(iso3)
        if country is None or country.cow is None:
            return iso3
        return self.from_cow(country.cow, year) or iso3

    def name(self, iso3: str) -> str:
        """Display name of ``iso3`` (the code itself when unknown)."""
        country = self.countries.get(iso3)
        return country.name if country else iso3

    # --- user input --------------------------------------------------------------------------------
    def resolve(self, text: str) -> str:
        """Turn what a user typed (ISO-3, ISO-2, COW number or letters, a name) into an ISO-3 code.

        ISO wins over COW letters where they clash (AUS is Australia; COW's AUS, Austria, is 305).
        Raises :class:`UnknownCountryError` with the closest valid codes when nothing matches, and says
        why when the value is a known non-state (an armed group, an organisation, a region).
        """
        raw = text.strip()
        if not raw:
            raise UnknownCountryError(text, [])
        found: str | None = None
        if raw.isdigit():
            found = self.from_cow(int(raw))
        elif len(raw) == 2:
            found = self.from_iso2(raw)
        elif len(raw) == 3 and raw.isalpha():
            found = self.from_iso3(raw)
        found = found or self.from_name(raw)
        if found is None and len(raw) == 3 and raw.isalpha():
            found = self.from_cow_abb(raw)
        if found:
            return found
        entry = self.is_unresolvable(raw) or self.is_unresolvable(raw, "cameo")
        if entry is None:
            raise UnknownCountryError(text, self.suggest(raw))
        suggestions = [entry.country] if entry.country else self.suggest(raw)
        raise UnknownCountryError(text, suggestions, f"not a state: {entry.reason}")

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """The codes whose code or name is closest to ``text``, states that exist today first."""
        key = normalize_name(text)
        codes = difflib.get_close_matches(text.strip().upper(), list(self.countries), n=limit * 2, cutoff=0.6)
        names = difflib.get_close_matches(key, list(self._by_name), n=limit, cutoff=0.6)
        out: list[str] = []
        for code in [*codes, *(self._by_name[n] for n in names)]:
            if code not in out:
                out.append(code)
        out.sort(key=lambda code: self.countries[code].historical)
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
