"""The actor gazetteer: from words in a text (and the date they speak of) to candidate actors.

:meth:`Gazetteer.load` reads the data files shipped in ``alliancewatch/data/gazetteer/`` (see
:mod:`alliancewatch.extract.gazetteer_data`) into one object; nothing is global, so two gazetteers built from
different folders can live side by side.

:meth:`Gazetteer.match` finds the leftmost-longest phrases in a text ("North Korean" beats "Korean",
"Islamic Revolutionary Guard Corps" is one actor) and then joins a country reference to what follows or
precedes it:

- an institution word sets the sector: "Iranian military", "Russia's Foreign Ministry" (MIL, GOV);
- an office word finds who held it on the date: "the Iranian president" is Raisi in 2023 and Pezeshkian
  in 2025 when ``people.csv`` and ``roles.csv`` list them; with no date, or no holder known, it is the
  state's government (the role's sector);
- a named body, group or person of the same country is absorbed: "Russian President Vladimir Putin" is
  one span and one person; "the Russian State Duma" is the Duma;
- "the Ministry of Defence of Ukraine", "President of Iran" work the other way round.

A place (a city or region of ``places.csv``: "Mosul", "Sindh province") stands for its state as a whole
and joins institution words like a capital ("the Sindh government", "the government of Sindh" are
Pakistan's government), with two exceptions: an office word after a place is not the state's office
("Kurdistan president" is not Iraq's), and neither are armed forces ("Tigray forces", "Donetsk forces"
are as often rebels or regional militias as the state's military).

A phrase that several actors share ("Congo") gives them all; blocking phrases ("Latin American", "Persian
Gulf", "May") give none, and stop their shorter parts from matching.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.extract.gazetteer_data import (
    Entry,
    GazetteerTables,
    Holder,
    RoleSense,
    make_actor,
    read_tables,
)
from alliancewatch.extract.phrases import PhraseIndex, Token, joinable, tokenize
from alliancewatch.model import Actor

__all__ = ["Actor", "Gazetteer", "Mention"]

T_ = TypeVar("T_")

#: Kinds of mention that name a state and can be joined to an institution or office word.
_REFERENCES = frozenset({"name", "adjective", "capital", "epithet", "place"})
#: Kinds that are joined to a following "of": "the Ministry of Defence of Ukraine", "the government of Sindh".
_OF_KINDS = frozenset({"name", "place"})
#: Sectors that a word after a place does not give: a region's forces are not the state's military.
_NOT_AFTER_PLACE = frozenset({"MIL"})
#: The sector an office gives when nobody is known to hold it; anything else is GOV.
_ROLE_SECTORS = MappingProxyType({"DM": "MIL", "MIL": "MIL"})


@dataclass(frozen=True)
class Mention:
    """A span of a text that names actors: character offsets (``end`` exclusive), the candidate actors,
    the text of the span, and how it was found (``name``, ``capital``, ``group``, ``sector``, ``role``…)."""

    start: int
    end: int
    actors: tuple[Actor, ...]
    text: str
    kind: str


@dataclass
class _Span:
    first: int  # token indices, last exclusive
    last: int
    actors: tuple[Actor, ...]
    kind: str


def _covers(entry: Entry, on: date) -> bool:
    return (entry.start is None or entry.start <= on) and (entry.end is None or on <= entry.end)


def _distance(entry: Entry, on: date) -> int:
    if entry.start is not None and on < entry.start:
        return (entry.start - on).days
    if entry.end is not None and on > entry.end:
        return (on - entry.end).days
    return 0


def _resolve(entries: Sequence[Entry], on: date | None) -> tuple[Actor, ...]:
    """The actors a phrase stands for on a date: those valid then, else the nearest in time.

    A blocking entry wins over everything: the phrase is then not an actor at all.
    """
    if any(e.actor is None for e in entries):
        return ()
    live = list(entries)
    if on is not None:
        live = [e for e in live if _covers(e, on)] or sorted(live, key=lambda e: _distance(e, on))[:1]
    return tuple(dict.fromkeys(e.actor for e in live if e.actor is not None))


class Gazetteer:
    """Phrase indexes over the gazetteer's data, and the look-ups built on them."""

    def __init__(self, tables: GazetteerTables) -> None:
        self._index: PhraseIndex[Entry] = PhraseIndex()
        self._sectors: PhraseIndex[str] = PhraseIndex()
        self._roles: PhraseIndex[RoleSense] = PhraseIndex()
        try:
            for phrase, entry in tables.entries:
                self._index.add(phrase, entry)
            for phrase, sector in tables.sector_words:
                self._sectors.add(phrase, sector)
            for phrase, sense in tables.roles:
                self._roles.add(phrase, sense)
        except ValueError as exc:
            raise MalformedFileError(f"gazetteer: {exc}") from None
        self._holders: dict[tuple[str, str], list[Holder]] = {}
        for holder in tables.holders:
            key = (str(holder.actor.country), holder.role)
            self._holders.setdefault(key, []).append(holder)
        self.states: dict[str, str] = dict(tables.states)
        #: One-word institution and people words ("police", "students") to their sector, for generic actors.
        self.sector_words: dict[str, str] = {}
        for phrase, sector in tables.sector_words:
            if " " not in phrase:
                self.sector_words.setdefault(phrase.lower(), sector)
        self.names: dict[str, str] = dict(tables.names)
        self.counts: dict[str, int] = {**tables.counts, "phrases": len(self._index.phrases())}

    @classmethod
    def load(cls, codes: CountryCodes, folder: Traversable | Path | None = None) -> Gazetteer:
        """Build the gazetteer from the data files in ``folder`` (default: the package's own).

        Raises :class:`MissingFileError` or :class:`MalformedFileError` when a file is absent or wrong.
        """
        # Loading allocates some 100,000 small objects that all live as long as the gazetteer; the
        # collector's passes over them free nothing and took longer than the loading itself (places.csv
        # alone doubled the time), so collection waits until the tables are built.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return cls(read_tables(codes, folder))
        finally:
            if collecting:
                gc.enable()

    # --- phrase lists, for spaCy's PhraseMatcher or for inspection ----------------------------------
    def phrases(self) -> list[str]:
        """Every phrase that names an actor or blocks one, as written in the data files."""
        return self._index.phrases()

    def sector_phrases(self) -> list[str]:
        """The institution words ("military", "foreign ministry") that set a sector after a country."""
        return self._sectors.phrases()

    def role_phrases(self) -> list[str]:
        """The office words ("president", "defence minister") read from ``roles.csv``."""
        return self._roles.phrases()

    # --- look-ups -------------------------------------------------------------------------------------
    def lookup(self, phrase: str, on: date | None = None) -> list[Actor]:
        """The candidate actors for a whole phrase ("Tehran", "the Iranian president") on a date.

        Case matters as in running text ("US" is a state, "us" is not). Returns [] when the phrase, less
        a leading "the", is not exactly one known actor phrase.
        """
        tokens = tokenize(phrase)
        if tokens and tokens[0].key == "the" and len(tokens) > 1:
            tokens = tokens[1:]
        if not tokens:
            return []
        found = self.match(phrase, on)
        if len(found) == 1 and found[0].start <= tokens[0].start and found[0].end >= tokens[-1].end:
            return list(found[0].actors)
        return []

    def holders(self, country: str, role: str, on: date) -> list[Actor]:
        """Who held ``role`` (HOS, HOG, FM, DM, …) in ``country`` on ``on``, from ``people.csv``."""
        return [
            h.actor
            for h in self._holders.get((country, role), [])
            if h.start <= on and (h.end is None or on <= h.end)
        ]

    def match(self, text: str, on: date | None = None) -> list[Mention]:
        """Every actor mention in ``text``, left to right, without overlaps.

        ``on`` is the date the text speaks of; it picks office holders and dated group sectors (the
        Taliban are rebels before 15 August 2021 and the government after). Blocked phrases are not
        returned.
        """
        tokens = tokenize(text)
        spans = self._base_spans(text, tokens, on)
        out: list[Mention] = []
        floor = 0
        i = 0
        while i < len(spans):
            span, i = self._compose(text, tokens, spans, i, floor, on)
            floor = span.last
            if span.actors:
                start, end = tokens[span.first].start, tokens[span.last - 1].end
                out.append(Mention(start, end, span.actors, text[start:end], span.kind))
        return _igo_officials(text, out)

    # --- the steps of match ---------------------------------------------------------------------------
    def _base_spans(self, text: str, tokens: Sequence[Token], on: date | None) -> list[_Span]:
        """Leftmost-longest phrases; a "the" is skipped when a longer phrase starts just after it."""
        spans: list[_Span] = []
        i = 0
        while i < len(tokens):
            hit = self._index.longest(text, tokens, i)
            if tokens[i].key == "the" and i + 1 < len(tokens):
                after = self._index.longest(text, tokens, i + 1)
                if after and (hit is None or after[0] > hit[0]):
                    hit = None
            if hit is None:
                i += 1
                continue
            end, entries = hit
            kinds = [e.kind for e in entries]
            kind = next((k for k in kinds if k in _REFERENCES), kinds[0])
            spans.append(_Span(i, end, _resolve(entries, on), kind))
            i = end
        return spans

    def _compose(
        self, text: str, tokens: Sequence[Token], spans: list[_Span], i: int, floor: int, on: date | None
    ) -> tuple[_Span, int]:
        """Join span ``i`` with the words around it; returns the joined span and the next span index."""
        span = spans[i]
        i += 1
        countries = {a.country for a in span.actors}
        if span.kind == "person":
            if _another_name_follows(text, tokens, span):
                return _Span(span.first, span.last, (), span.kind), i
            return self._with_title(text, tokens, span, floor), i
        if span.kind not in _REFERENCES or not span.actors or None in countries:
            return span, i
        place = span.kind == "place"
        if span.kind in _OF_KINDS:
            span = self._of_country(text, tokens, span, floor, on)
        k = span.last
        if span.kind == "name" and _possessive(text, tokens, k):
            k += 1
        if k >= len(tokens) or not joinable(text, tokens[k - 1], tokens[k]):
            return span, i
        role = None if place else self._roles.longest(text, tokens, k)
        sector = self._sectors.longest(text, tokens, k)
        if place and sector is not None and sector[1][0] in _NOT_AFTER_PLACE:
            sector = None
        word_end = max(role[0] if role else 0, sector[0] if sector else 0)
        following = spans[i] if i < len(spans) and spans[i].first == k else None
        if (
            following
            and following.actors
            and {a.country for a in following.actors} <= countries
            and following.last >= word_end
        ):
            return _Span(span.first, following.last, following.actors, following.kind), i + 1
        if role and role[0] == word_end:
            actors = self._office(span.actors, role[1], on)
            joined = _Span(span.first, role[0], actors, "role")
        elif sector:
            actors = tuple(make_actor(a.name, a.country, sector[1][0]) for a in span.actors)
            joined = _Span(span.first, sector[0], actors, "sector")
        else:
            return span, i
        while i < len(spans) and spans[i].first < joined.last:  # words the join swallowed
            i += 1
        following = spans[i] if i < len(spans) else None
        if (
            following
            and following.first == joined.last
            and following.actors
            and joinable(text, tokens[joined.last - 1], tokens[following.first])
            and {a.country for a in following.actors} <= countries
        ):
            return _Span(joined.first, following.last, following.actors, following.kind), i + 1
        return joined, i

    def _office(
        self, states: Sequence[Actor], senses: Sequence[RoleSense], on: date | None
    ) -> tuple[Actor, ...]:
        """Who holds the office on ``on``; without a date or a holder, the state in the office's sector."""
        out: list[Actor] = []
        for state in states:
            country = str(state.country)
            scoped = [s for s in senses if s.country == country] or [s for s in senses if s.country is None]
            found = [a for s in scoped for a in self.holders(country, s.role, on)] if on else []
            role = scoped[0].role if scoped else ""
            out.extend(found or [make_actor(state.name, country, _ROLE_SECTORS.get(role, "GOV"))])
        return tuple(dict.fromkeys(out))

    def _of_country(
        self, text: str, tokens: Sequence[Token], span: _Span, floor: int, on: date | None
    ) -> _Span:
        """An office or body, then "of": "the Ministry of Defence of Ukraine", "President of Iran"; after
        a place only a body that is not the military ("the government of Sindh")."""
        j = span.first - 1
        if j > floor and tokens[j].key == "the":
            j -= 1
        if j <= floor or tokens[j].key != "of" or not _adjacent(text, tokens, j - 1, span.first):
            return span
        place = span.kind == "place"
        role = None if place else self._ending_at(self._roles, text, tokens, j, floor)
        if role is not None:
            return _Span(role[0], span.last, self._office(span.actors, role[1], on), "role")
        sector = self._ending_at(self._sectors, text, tokens, j, floor)
        if place and sector is not None and sector[1][0] in _NOT_AFTER_PLACE:
            sector = None
        if sector is not None:
            actors = tuple(make_actor(a.name, a.country, sector[1][0]) for a in span.actors)
            return _Span(sector[0], span.last, actors, "sector")
        return span

    def _with_title(self, text: str, tokens: Sequence[Token], span: _Span, floor: int) -> _Span:
        """An office word right before a person's name joins the span: "President Putin"."""
        found = self._ending_at(self._roles, text, tokens, span.first, floor)
        if found is None or not joinable(text, tokens[span.first - 1], tokens[span.first]):
            return span
        return _Span(found[0], span.last, span.actors, span.kind)

    @staticmethod
    def _ending_at(
        index: PhraseIndex[T_], text: str, tokens: Sequence[Token], end: int, floor: int
    ) -> tuple[int, list[T_]] | None:
        """The longest phrase of ``index`` ending before token ``end``, starting no earlier than ``floor``."""
        for first in range(max(floor, end - index.longest_phrase), end):
            found = index.exact(text, tokens, first, end)
            if found:
                return first, found
        return None


def _another_name_follows(text: str, tokens: Sequence[Token], span: _Span) -> bool:
    """Whether a one-word name is the first name of someone else: "Chadli" in "Chadli Klibi" is not
    Chadli Bendjedid (a capitalised word right after a lone name continues it)."""
    k = span.last
    if span.last - span.first != 1 or k >= len(tokens) or not joinable(text, tokens[k - 1], tokens[k]):
        return False
    word = text[tokens[k].start : tokens[k].end]
    return word[:1].isupper() and word.isalpha() and len(word) > 1


def _adjacent(text: str, tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether tokens ``first`` to ``last`` (inclusive) follow each other with no punctuation between."""
    return all(joinable(text, tokens[t], tokens[t + 1]) for t in range(first, last))


def _possessive(text: str, tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` is the "s" of "Iran's"."""
    if k >= len(tokens) or tokens[k].key != "s":
        return False
    gap = text[tokens[k - 1].end : tokens[k].start]
    return gap in ("'", "\u2019")


#: Words of an office in an organisation ("U.N. Secretary-General", "IAEA chief", "EU foreign policy chief").
_IGO_TITLES = frozenset(
    [
        "secretary-general",
        "secretary",
        "general",
        "deputy",
        "chief",
        "head",
        "director",
        "director-general",
        "envoy",
        "special",
        "representative",
        "president",
        "commissioner",
        "high",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "chair",
        "prosecutor",
        "chief-prosecutor",
        "coordinator",
        "mediator",
        "negotiator",
        "foreign",
        "policy",
        "humanitarian",
        "rights",
        "emergency",
        "relief",
        "aid",
        "nuclear",
        "top",
        "senior",
        "'s",
    ]
)


def _igo_officials(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person named right after an organisation and an office in it acts for the organisation: "U.N.
    Secretary-General Antonio Guterres" is the UN, though Guterres was once Portugal's prime minister."""
    out: list[Mention] = []
    for mention in mentions:
        before = out[-1] if out else None
        if before is not None and before.kind == "igo" and mention.kind == "person":
            between = text[before.end : mention.start].replace("-", " - ").lower().split()
            words = [w.strip(".,") for w in between if w.strip(".,") not in ("", "-")]
            titled = words or before.text.lower().split()[-1] in _IGO_TITLES  # "UN chief Guterres"
            if titled and all(w in _IGO_TITLES or w.replace(" ", "-") in _IGO_TITLES for w in words):
                whole = text[before.start : mention.end]
                out[-1] = Mention(before.start, mention.end, before.actors, whole, "person")
                continue
        out.append(mention)
    return out
