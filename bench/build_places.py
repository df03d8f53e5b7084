"""Regenerate the places gazetteer (``src/alliancewatch/data/gazetteer/places.csv``).

A place is a city or a region that stands for the state it lies in ("clashes in Mosul", "the governor of
Sindh province"). The rows come from two sources, both facts, and the file is ours:

- ISO 3166-2 subdivisions from ``pycountry.subdivisions``: first-level units (and the provinces of the
  Philippines and Indonesia, and the governorates of Iraqi Kurdistan, which ISO files one level down),
  named as English-language news names them. ISO's names are in local forms ("Ḩalab", "Moskovskaya
  oblast'"); ``bench/places/subdivisions.csv`` gives the English names where they differ, or drops a unit.
  A name also gets its usual suffixed forms ("Sindh province", "Kursk region", "Borno state");
- ``bench/places/cities.csv``: major cities of every state and towns the conflict press reports from,
  written by hand; rows with no country list names that are known to be ambiguous.

Names are dropped, and the reason counted, when they:

- name another state, or repeat a phrase the gazetteer already has (a capital, a seat of power, a group,
  a person, a blocked phrase): places never compete with a more specific actor;
- are shared by places of two states (Punjab, Hyderabad, Tripoli): no state is given rather than a wrong one;
- are made of generic words only ("Central", "Upper East", "Far North"): no form is kept;
- are one ordinary English word (the adjective, verb and adverb lists of spaCy's lemmatiser, and the
  reviewed noun list below: "Rivers", "Delta") or have three letters or fewer ("Gao"): only the suffixed
  forms are kept ("Rivers state", "Gao region");
- have letters outside the Latin script.

    .venv/bin/python bench/build_places.py [--check] [--dropped FILE]

``--check`` writes nothing and exits 1 when the packaged file differs from what would be written;
``--dropped`` writes every dropped name with its reason, for review.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pycountry
import spacy

from alliancewatch.codes import CountryCodes
from alliancewatch.extract.gazetteer_data import default_folder, read_tables
from alliancewatch.extract.phrases import phrase_key as key
from alliancewatch.text.segment import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "bench" / "places"
OUT = ROOT / "src" / "alliancewatch" / "data" / "gazetteer" / "places.csv"


def _words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``, for the word lists below."""
    return frozenset(text.split())


#: Unit types below the level that news names (municipalities, districts, parishes, islands…), and units
#: that hold an ISO 3166-1 code of their own (overseas territories, special administrative regions).
DROP_TYPES = frozenset({
    "Administrative atoll", "Administrative precinct", "Area", "Arctic region", "Autonomous municipality",
    "Autonomous province", "Autonomous sector", "Borough", "Canton", "Chain (of islands)",
    "City corporation", "City municipality", "City with county rights", "Commune", "Council area",
    "Decentralized regional entity", "Dependency", "District", "District municipality",
    "Districts under republic administration", "Division", "Free municipal consortium",
    "Geographical entity", "Group of islands (20 inhabited islands)", "Island", "Island council",
    "Islands, groups of islands", "Local council", "London borough", "Metropolitan city",
    "Metropolitan department", "Metropolitan district", "Municipality", "Outlying area",
    "Overseas collectivity", "Overseas collectivity with special status", "Overseas territory",
    "Overseas unique territorial collectivity", "Overseas departmental collectivity", "Parish", "Quarter",
    "Rayon", "Rural municipality", "Special administrative region", "Special island authority",
    "Special municipality", "State city", "Town", "Town council", "Two-tier county", "Unitary authority",
    "Urban municipality", "Ward",
})  # fmt: skip
#: Second-level units kept because the first level is a grouping the news does not use.
SECOND_LEVEL = frozenset({("PH", "Province"), ("ID", "Province"), ("ID", "Special region"),
                          ("ID", "Capital district"), ("IQ", "Governorate")})  # fmt: skip
#: States whose subdivision names are local grammatical forms that English news does not use (Czech "kraj"
#: adjectives, Swedish "län"…) or tiny units; their cities are in cities.csv instead.
SKIP_COUNTRIES = _words(
    "CV CZ DK DO EE FI FM GQ GW HR HU IS KI KN LA LT MH MN MV NO PW SB SE SK ST TL TO TT TV VU"
)
#: The words news puts after a unit's name, by ISO type.
SUFFIXES = MappingProxyType({
    "Province": ("province",), "State": ("state",), "Land": ("state",), "Region": ("region",),
    "Governorate": ("governorate", "province"), "Administrative region": ("region",),
    "Administrative territory": ("region", "krai"), "Autonomous district": ("region",),
    "Autonomous region": ("region",), "Regional state": ("region", "state"), "Oblast": ("region",),
    "Prefecture": ("prefecture",), "Department": ("department",), "County": ("county",),
    "Voivodship": ("province",), "Emirate": ("emirate",),
})  # fmt: skip
#: Countries whose regions the news also calls "oblast".
OBLAST = frozenset({"RU", "UA", "BY", "KZ"})
#: Words that alone name no particular place: compass points, positions, landforms, unit words.
GENERIC = _words(
    """
north south east west northern southern eastern western central centre center middle upper lower far
northeast northwest southeast southwest northeastern northwestern southeastern southwestern inner outer
high greater great new old capital coast coastal lakes lake islands island isles river sea seas bay
gulf highlands lowlands plateaux valley mountain mountains hills plains savanes
cascades collines littoral maritime interior frontier border federal national metropolitan autonomous
special region province state territory district city municipality zone area est nord sud ouest norte sur
sul leste oeste centro centrale distrito oriental occidental equatorial grande alto alta baja bajo krai kray
republic oblast okrug governorate prefecture county department emirate atlantique estuaire
"""
)
FUNCTION_WORDS = _words("of the and de del la las los el da do dos das y et i e al")
#: Nouns that are ordinary English words, reviewed by hand from the place names that spaCy's noun list
#: holds (that list also holds "paris" and "aleppo", so it cannot decide alone).
COMMON_NOUNS = _words(
    """
antique aurora bar bay bong chin colon commerce cross delta falcon ghat gulf hail jersey lagoon lakes meta
mono perm plateau pool rivers saga savannah sahel union unity victoria valley volta
"""
)
#: Words that end a name of a unit ("Perm Krai", "Hail region"): such a name is read like a suffixed form.
UNIT_WORDS = _words(
    """
province region state governorate oblast krai kray okrug prefecture department county emirate republic
territory
"""
)
#: Curated names that pass the word checks although they are made of generic or common words.
WORD_CHECK_EXCEPTIONS = frozenset({
    "Northern Territory", "North-West Frontier Province", "El Alto", "Shanghai", "Liege", "Ternate",
})  # fmt: skip
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ð": "d", "æ": "ae", "Æ": "Ae", "œ": "oe", "þ": "th", "ß": "ss", "ə": "a",
                          "Ə": "A"})  # fmt: skip
_MARKS = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]|'(?!s\b)")
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'\-]*")
_ARTICLE = re.compile(r"^(?:Al|Ar|As|An|Ad|Ash|Az|At|Adh|Aḑ) (?=\w)")


@dataclass
class Candidate:
    """One phrase that may become a row, with where it came from."""

    phrase: str
    country: str  # ISO-3, "" for a name listed as ambiguous
    kind: str  # city or region
    note: str
    source: str  # an ISO 3166-2 code or "cities.csv"
    base: str  # the bare name this phrase was made from
    suffixed: bool = False


@dataclass
class Outcome:
    """Rows to write and every dropped phrase with its reason."""

    rows: dict[str, Candidate] = field(default_factory=dict)
    dropped: list[tuple[Candidate, str]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)  # ISO codes (and "cities.csv") with a phrase kept


def english_form(raw: str, unit_type: str) -> str:
    """ISO's name with brackets, inverted parts, accents and transliteration marks removed."""
    name = _BRACKETS.sub("", raw).split(",")[0].strip()
    name = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).translate(_LETTERS)
    name = _MARKS.sub("", name.replace("\u2019", "'"))
    for word in (" Province", " Region", " State", " Governorate"):
        if unit_type.startswith(word.strip()) and name.endswith(word):
            name = name.removesuffix(word)
    return " ".join(name.split())


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a source file, values stripped."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def subdivision_candidates(overrides: dict[str, dict[str, str]], reasons: Counter[str]) -> list[Candidate]:
    """The named forms of every kept ISO 3166-2 unit; ``reasons`` counts units left out and why."""
    out: list[Candidate] = []
    for sub in pycountry.subdivisions:
        cc, unit_type = sub.country_code, sub.type
        override = overrides.get(sub.code)
        if override is None and cc in SKIP_COUNTRIES:
            reasons["state skipped (local-form names)"] += 1
            continue
        if override is None and unit_type in DROP_TYPES:
            reasons["unit type below news level"] += 1
            continue
        if override is None and sub.parent_code is not None and (cc, unit_type) not in SECOND_LEVEL:
            reasons["second-level unit"] += 1
            continue
        iso3 = (override or {}).get("country") or pycountry.countries.get(alpha_2=cc).alpha_3
        if override is not None:
            names = [n.strip() for n in override["names"].split("|") if n.strip()]
            if not names:
                reasons["dropped by hand: " + (override["note"] or "no reason")] += 1
                continue
        else:
            names = [english_form(sub.name, unit_type)]
            bare = _ARTICLE.sub("", names[0])
            if bare != names[0]:
                names.append(bare)
        note = f"ISO 3166-2 {sub.code} ({unit_type.lower()})"
        if override is not None and override["note"]:
            note += "; " + override["note"]
        suffixes = SUFFIXES.get(unit_type, ())
        if cc in OBLAST and unit_type in ("Administrative region", "Region", "Oblast"):
            suffixes += ("oblast",)
        for name in dict.fromkeys(names):
            out.append(Candidate(name, iso3, "region", note, sub.code, name))
            if not any(w in GENERIC for w in key(name)[-1:]):
                for word in suffixes:
                    phrase = f"{name} {word}"
                    out.append(Candidate(phrase, iso3, "region", note, sub.code, name, suffixed=True))
    return out


def city_candidates(rows: Iterable[dict[str, str]]) -> list[Candidate]:
    """The hand-written cities, towns and regions; rows without a country are known-ambiguous names."""
    return [
        Candidate(r["phrase"], r["country"], r["kind"] or "city", r["note"], "cities.csv", r["phrase"])
        for r in rows
    ]


class Rules:
    """The drop rules, with what they need: the gazetteer's phrases, state names and English words."""

    def __init__(self, codes: CountryCodes, words: frozenset[str]) -> None:
        self.codes = codes
        self.words = words | COMMON_NOUNS
        tables = read_tables(codes, default_folder())
        phrases = [p for p, e in tables.entries if e.kind != "place"]
        phrases += [p for p, _ in tables.sector_words] + [p for p, _ in tables.roles]
        self.existing = {key(p) for p in phrases}

    def word_reason(self, name: str) -> str | None:
        """Why a bare name is no place name by itself: generic, common word, too short, not Latin."""
        if name in WORD_CHECK_EXCEPTIONS:
            return None
        if not _LATIN.fullmatch(name):
            return "not in Latin letters"
        words = key(name)
        content = [w for w in words if w not in FUNCTION_WORDS]
        if not content or all(w in GENERIC for w in content):
            return "generic words only"
        if sum(len(w) for w in words) <= 3:
            return "three letters or fewer"
        # Several capitalised words are a name ("Pearl Harbor", "Free State"); one word may be a word.
        if len(words) == 1 and words[0] in self.words:
            return "ordinary English word"
        return None

    def state_reason(self, name: str, iso3: str) -> str | None:
        """Why a name must not be a place of ``iso3``: it names another state."""
        found = self.codes.from_name(name)
        if found is not None and self.codes.current(found) != self.codes.current(iso3):
            return f"name of a state ({found})"
        return None


def apply_rules(candidates: list[Candidate], rules: Rules) -> Outcome:
    """Apply the drop rules; bare names decide for the suffixed forms made from them."""
    out = Outcome()
    by_key: dict[tuple[str, ...], str] = {}
    countries: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for c in candidates:
        countries[key(c.base)].add(c.country)
    for c in candidates:
        base_key = key(c.base)
        reason = None
        if "" in countries[base_key] or len(countries[base_key]) > 1:
            listed = sorted(x for x in countries[base_key] if x)
            reason = "shared by places of several states" + (f" ({'/'.join(listed)})" if listed else "")
        reason = reason or rules.state_reason(c.base, c.country)
        if reason is None and key(c.phrase) in rules.existing:
            reason = "already a gazetteer phrase"
        if reason is None and c.phrase not in WORD_CHECK_EXCEPTIONS:
            word = rules.word_reason(c.base)
            suffixed = c.suffixed or key(c.phrase)[-1] in UNIT_WORDS
            if word == "generic words only" or (word is not None and not suffixed):
                reason = word
        if reason is not None:
            out.dropped.append((c, reason))
            continue
        out.sources.add(c.source)
        first = by_key.setdefault(key(c.phrase), c.phrase)
        earlier = out.rows.get(first)
        if earlier is None:
            out.rows[c.phrase] = c
        elif earlier.kind == "region" and c.kind == "city":  # a city and the province named after it
            note = "; ".join(n for n in (c.note, earlier.note) if n)
            out.rows[first] = Candidate(first, c.country, "city", note, c.source, c.base)
    return out


def english_words() -> frozenset[str]:
    """Adjectives, verbs and adverbs of spaCy's English lemmatiser tables (no proper nouns among them)."""
    nlp = spacy.load(DEFAULT_MODEL)
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for pos in ("adj", "verb", "adv") for w in table[pos])


def render(outcome: Outcome) -> str:
    """The CSV text of the kept rows, by country, kind (regions first) and phrase."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["phrase", "country", "kind", "note"])
    order = sorted(outcome.rows.values(), key=lambda r: (r.country, r.kind != "region", r.phrase.lower()))
    writer.writerows([r.phrase, r.country, r.kind, r.note] for r in order)
    return buffer.getvalue()


def _hand_reason(note: str) -> str:
    """A short category for a unit dropped in subdivisions.csv, from its note."""
    if "states.csv" in note or "capital" in note:
        return "by hand: the capital or seat of government is listed already"
    if "ISO 3166-1" in note or "listed as a state" in note:
        return "by hand: a state or territory of its own"
    return "by hand: ambiguous, a name or an ordinary word"


def report(outcome: Outcome, units: Counter[str]) -> None:
    """Counts for the maintainer: ISO units kept and left out by reason, hand-listed names, rows."""
    rows = list(outcome.rows.values())
    kept_units = outcome.sources - {"cities.csv"}
    unit_drops: dict[str, str] = {}
    for c, reason in outcome.dropped:
        if c.source != "cities.csv" and c.source not in kept_units and not c.suffixed:
            unit_drops.setdefault(c.source, reason.split(" (")[0])
    hand = Counter(_hand_reason(r.removeprefix("dropped by hand: ")) if r.startswith("dropped") else r
                   for r in units.elements())  # fmt: skip
    print(f"ISO 3166-2 units kept: {len(kept_units)}")
    for reason, count in (hand + Counter(unit_drops.values())).most_common():
        print(f"  units left out, {reason}: {count}")
    print(f"hand-listed names (cities.csv) kept: {sum(r.source == 'cities.csv' for r in rows)}")
    listed = Counter(r.split(" (")[0] for c, r in outcome.dropped if c.source == "cities.csv")
    for reason, count in listed.most_common():
        print(f"  hand-listed names dropped, {reason}: {count}")
    cities = sum(r.kind == "city" for r in rows)
    states = len({r.country for r in rows})
    print(f"rows: {len(rows)} ({cities} city, {len(rows) - cities} region) in {states} states")
    for reason, count in Counter(r.split(" (")[0] for _, r in outcome.dropped).most_common():
        print(f"  phrases dropped in all, {reason}: {count}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if places.csv is stale")
    parser.add_argument("--dropped", type=Path, help="write the dropped names and reasons here")
    args = parser.parse_args()
    codes = CountryCodes.load()
    overrides = {r["code"]: r for r in read_csv(SOURCES / "subdivisions.csv")}
    unknown = sorted(set(overrides) - {s.code for s in pycountry.subdivisions})
    if unknown:
        raise SystemExit(f"subdivisions.csv: codes that ISO 3166-2 does not have: {unknown}")
    units: Counter[str] = Counter()
    candidates = subdivision_candidates(overrides, units)
    candidates += city_candidates(read_csv(SOURCES / "cities.csv"))
    outcome = apply_rules(candidates, Rules(codes, english_words()))
    text = render(outcome)
    if args.dropped:
        lines = sorted(f"{c.phrase}\t{c.country}\t{c.source}\t{r}" for c, r in outcome.dropped)
        args.dropped.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.check:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != text
        print("places.csv is stale: run bench/build_places.py" if stale else "places.csv is up to date")
        return 1 if stale else 0
    OUT.write_text(text, encoding="utf-8")
    report(outcome, units)
    return 0


if __name__ == "__main__":
    sys.exit(main())
