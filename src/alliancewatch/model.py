"""The plain data types that cross layers: documents, sentences, actors, evidence and PLOVER events.

Every type is a frozen dataclass that checks itself on construction and raises
:class:`~alliancewatch.errors.InvalidEventError` (one line, naming the field) when a value is out of range, so
a malformed event never reaches the store. Sequences given as lists are stored as tuples.

What the model checks is structure: the 16 PLOVER types and their quads, ranges, date precision, the
spelling of codes. Whether a mode or context belongs to a type, and whether a CAMEO root matches it, is
taxonomy, checked by :meth:`alliancewatch.plover.Plover.check_event`.

Dates. ``Event.date`` is the first day of the period it is known to: an event "in 2013" is
``date(2013, 1, 1)`` with ``date_precision="year"``, never a made-up day. :meth:`Event.to_dict` writes the
full ``YYYY-MM-DD`` and the precision; :meth:`Event.from_dict` also reads ``YYYY`` and ``YYYY-MM``.

Sectors follow PLOVER (2021). Beware one clash with CAMEO: PLOVER's ``MED`` is health, CAMEO's ``MED`` is
the media (PLOVER ``JRN``); loaders of CAMEO-coded data translate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from alliancewatch.errors import InvalidEventError

#: The 16 PLOVER event types with their quad (1 verbal cooperation, 2 material cooperation, 3 verbal
#: conflict, 4 material conflict). SANCTION counts as material conflict.
PLOVER_QUADS: Mapping[str, int] = MappingProxyType(
    {
        "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
        "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
        "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
    }
)  # fmt: skip
PLOVER_TYPES: tuple[str, ...] = tuple(PLOVER_QUADS)
QUAD_LABELS: Mapping[int, str] = MappingProxyType(
    {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
)
#: Actor sectors: PLOVER's primary sector codes, plus IGO and NGO for organisations.
SECTORS = frozenset(
    {
        "GOV", "JUD", "LEG", "MIL", "COP", "OPP", "PTY", "REB", "PRM", "SPY", "UAF",
        "CVL", "BUS", "EDU", "MED", "LAB", "AGR", "JRN", "REF", "REL", "SOC", "CRM",
        "IGO", "NGO",
    }
)  # fmt: skip
PRECISIONS = ("day", "month", "year")
MODALITIES = ("asserted", "reported", "hypothetical", "future", "historical")
ORIGINS = ("text", "gdelt", "icews", "polecat")
CAMEO_ROOTS: tuple[str, ...] = tuple(f"{n:02d}" for n in range(1, 21))

_COUNTRY = re.compile(r"[A-Z]{3}")
_TOKEN = re.compile(r"[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*|sideAB")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _fail(what: str, message: str) -> InvalidEventError:
    return InvalidEventError(f"{what}: {message}")


def _text(what: str, value: object, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise _fail(what, f"expected {'a' if empty else 'a non-empty'} string, got {value!r}")
    return value


def _count(what: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _fail(what, f"expected an integer >= {minimum}, got {value!r}")
    return value


def _number(what: str, value: object, low: float, high: float) -> float:
    # NaN fails the range test too, as it compares false with everything
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _fail(what, f"expected a number in [{low:g}, {high:g}], got {value!r}")
    return float(value)


def _choice(what: str, value: object, options: Iterable[str]) -> str:
    allowed = tuple(options)
    if value not in allowed:
        raise _fail(what, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _set(obj: object, name: str, value: object) -> None:
    # frozen dataclasses: normalising a field inside __post_init__ has to go through object.__setattr__
    object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class Actor:
    """Who acts: a display name, an ISO-3 country (``IGO`` for organisations, None for transnational
    groups), a PLOVER sector (None for a state as a whole) and an optional code (``IGO`` + organisation id
    such as ``IGOUNSC``, else country + sector as CAMEO writes them, ``IRNMIL``)."""

    name: str
    country: str | None
    sector: str | None
    code: str | None = None

    def __post_init__(self) -> None:
        _text("actor name", self.name)
        if self.country is not None and not _COUNTRY.fullmatch(str(self.country)):
            raise _fail("actor country", f"expected an ISO-3 code or IGO, got {self.country!r}")
        if self.sector is not None:
            _choice("actor sector", self.sector, sorted(SECTORS))
        if self.code is not None:
            _text("actor code", self.code)

    def to_dict(self) -> dict[str, Any]:
        """``{name, country, sector}``, plus ``code`` when the actor has one."""
        out: dict[str, Any] = {"name": self.name, "country": self.country, "sector": self.sector}
        if self.code is not None:
            out["code"] = self.code
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        """The inverse of :meth:`to_dict`; unknown keys are an error."""
        _only_keys("actor", data, {"name", "country", "sector", "code"})
        return cls(data.get("name", ""), data.get("country"), data.get("sector"), data.get("code"))


@dataclass(frozen=True)
class Evidence:
    """The words an event was coded from: document, sentence (index and text), the trigger words and the
    character span ``[start, end)`` of the triggers within ``sentence``."""

    doc_id: str
    sentence_index: int
    sentence: str
    triggers: tuple[str, ...]
    span: tuple[int, int]

    def __post_init__(self) -> None:
        _text("evidence doc_id", self.doc_id)
        _count("evidence sentence_index", self.sentence_index)
        _text("evidence sentence", self.sentence, empty=True)
        if isinstance(self.triggers, str):
            raise _fail("evidence triggers", "expected a list of words, got a string")
        _set(self, "triggers", tuple(_text("evidence trigger", t) for t in self.triggers))
        span = tuple(self.span)
        if len(span) != 2:
            raise _fail("evidence span", f"expected [start, end], got {self.span!r}")
        start = _count("evidence span start", span[0])
        end = _count("evidence span end", span[1])
        if start > end or end > len(self.sentence):
            raise _fail(
                "evidence span", f"[{start}, {end}) is not inside a {len(self.sentence)}-char sentence"
            )
        _set(self, "span", (start, end))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: span as a two-item list."""
        return {
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "triggers": list(self.triggers),
            "span": list(self.span),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        """The inverse of :meth:`to_dict`; unknown keys are an error."""
        _only_keys("evidence", data, {"doc_id", "sentence_index", "sentence", "triggers", "span"})
        return cls(
            data.get("doc_id", ""),
            data.get("sentence_index", -1),
            data.get("sentence", ""),
            tuple(data.get("triggers", ())),
            _pair(data.get("span")),
        )


@dataclass(frozen=True, kw_only=True)
class Event:
    """One PLOVER event: who did what to whom, when, how sure, and from which words.

    ``intensity`` is a Goldstein-compatible score in [-10, 10] (cooperation positive); ``confidence`` is
    in [0, 1]; ``raw_count`` is how many raw rows a de-duplicated event folds (None for text events).
    ``date`` is the first day of its period (see the module docstring); a date without a precision is
    known to the day; an unknown date is None, with ``date_precision`` None too.
    """

    type: str
    quad: int
    cameo_root: str
    intensity: float
    source: tuple[Actor, ...]
    target: tuple[Actor, ...] = ()
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    date: dt.date | None = None
    date_precision: str | None = None
    negated: bool = False
    modality: str = "asserted"
    evidence: Evidence | None = None
    confidence: float = 1.0
    origin: str = "text"
    event_id: str | None = None
    raw_count: int | None = None

    def __post_init__(self) -> None:
        _choice("event type", self.type, PLOVER_TYPES)
        if self.quad != PLOVER_QUADS[self.type]:
            raise _fail("event quad", f"{self.type} is quad {PLOVER_QUADS[self.type]}, not {self.quad!r}")
        _choice("event cameo_root", self.cameo_root, CAMEO_ROOTS)
        _set(self, "intensity", _number("event intensity", self.intensity, -10.0, 10.0))
        _set(self, "confidence", _number("event confidence", self.confidence, 0.0, 1.0))
        for role in ("source", "target"):
            actors = tuple(getattr(self, role))
            if not all(isinstance(a, Actor) for a in actors):
                raise _fail(f"event {role}", "expected Actor objects")
            _set(self, role, actors)
        if self.mode is not None and not _TOKEN.fullmatch(str(self.mode)):
            raise _fail("event mode", f"expected a lower-case PLOVER mode name, got {self.mode!r}")
        contexts = tuple(self.contexts)
        for context in contexts:
            if not isinstance(context, str) or not _TOKEN.fullmatch(context):
                raise _fail("event context", f"expected a lower-case PLOVER context name, got {context!r}")
        if len(set(contexts)) != len(contexts):
            raise _fail("event contexts", f"repeated context in {list(contexts)}")
        _set(self, "contexts", contexts)
        self._check_date()
        if not isinstance(self.negated, bool):
            raise _fail("event negated", f"expected true or false, got {self.negated!r}")
        _choice("event modality", self.modality, MODALITIES)
        _choice("event origin", self.origin, ORIGINS)
        if self.evidence is not None and not isinstance(self.evidence, Evidence):
            raise _fail("event evidence", "expected an Evidence object")
        if self.event_id is not None:
            _text("event event_id", self.event_id)
        if self.raw_count is not None:
            _count("event raw_count", self.raw_count, 1)

    def _check_date(self) -> None:
        if self.date is None:
            if self.date_precision is not None:
                raise _fail("event date_precision", "must be null when the date is unknown")
            return
        if not isinstance(self.date, dt.date):
            raise _fail("event date", f"expected a date, got {self.date!r}")
        if self.date_precision is None:
            _set(self, "date_precision", "day")
        precision = _choice("event date_precision", self.date_precision, PRECISIONS)
        if (precision != "day" and self.date.day != 1) or (precision == "year" and self.date.month != 1):
            raise _fail("event date", f"a {precision}-precision date must be the period's first day")

    @property
    def quad_label(self) -> str:
        """The quad in words ("verbal cooperation" ...)."""
        return QUAD_LABELS[self.quad]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape: source/target as lists of ``{name, country, sector}``, the date as
        ``YYYY-MM-DD`` (or null), evidence as an object (or null)."""
        return {
            "event_id": self.event_id,
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "quad": self.quad,
            "cameo_root": self.cameo_root,
            "intensity": self.intensity,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date.isoformat() if self.date is not None else None,
            "date_precision": self.date_precision,
            "negated": self.negated,
            "modality": self.modality,
            "evidence": self.evidence.to_dict() if self.evidence is not None else None,
            "confidence": self.confidence,
            "origin": self.origin,
            "raw_count": self.raw_count,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        """Build an event from its JSON shape (the inverse of :meth:`to_dict`).

        Missing optional keys take their defaults; unknown keys are an error; a date may be ``YYYY``,
        ``YYYY-MM`` or ``YYYY-MM-DD`` and, without ``date_precision``, its form gives the precision.
        """
        _only_keys("event", data, _EVENT_KEYS)
        for key in ("type", "quad", "cameo_root", "intensity", "source"):
            if key not in data:
                raise _fail("event", f"missing required key {key!r}")
        when, precision = parse_date(data.get("date"), data.get("date_precision"))
        evidence = data.get("evidence")
        return cls(
            type=data["type"],
            quad=data["quad"],
            cameo_root=data["cameo_root"],
            intensity=data["intensity"],
            source=tuple(Actor.from_dict(_mapping("event source", a)) for a in _items(data["source"])),
            target=tuple(Actor.from_dict(_mapping("event target", a)) for a in _items(data.get("target"))),
            mode=data.get("mode"),
            contexts=tuple(_items(data.get("contexts"))),
            date=when,
            date_precision=precision,
            negated=data.get("negated", False),
            modality=data.get("modality", "asserted"),
            evidence=Evidence.from_dict(_mapping("event evidence", evidence)) if evidence else None,
            confidence=data.get("confidence", 1.0),
            origin=data.get("origin", "text"),
            event_id=data.get("event_id"),
            raw_count=data.get("raw_count"),
        )


_EVENT_KEYS = frozenset(Event.__dataclass_fields__)


@dataclass(frozen=True)
class Document:
    """One ingested text with its provenance: ``sha256`` is the hex digest of the bytes as fetched,
    ``published`` the publication date (a datetime is accepted too), ``language`` an ISO 639 code."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    sha256: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        _text("document doc_id", self.doc_id)
        _text("document text", self.text, empty=True)
        if self.published is not None and not isinstance(self.published, dt.date):
            raise _fail("document published", f"expected a date, got {self.published!r}")
        if self.sha256 is not None and not _SHA256.fullmatch(str(self.sha256)):
            raise _fail("document sha256", "expected 64 lower-case hex digits")
        if self.language is not None and not _LANGUAGE.fullmatch(str(self.language)):
            raise _fail("document language", f"expected an ISO 639 code such as 'en', got {self.language!r}")

    @staticmethod
    def digest(content: bytes | str) -> str:
        """The sha256 hex digest of raw bytes (text is encoded as UTF-8 first)."""
        raw = content.encode("utf-8") if isinstance(content, str) else content
        return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: its position and its character offsets ``[start, end)`` in the
    document's text, so that ``document.text[start:end] == text``."""

    doc_id: str
    index: int
    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _text("sentence doc_id", self.doc_id)
        _count("sentence index", self.index)
        _text("sentence text", self.text, empty=True)
        start = _count("sentence start", self.start)
        end = _count("sentence end", self.end)
        if end - start != len(self.text):
            raise _fail("sentence offsets", f"[{start}, {end}) does not span its {len(self.text)} chars")


def parse_date(value: object, precision: object = None) -> tuple[dt.date | None, str | None]:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or None) into the first day of the period and its
    precision; an explicit ``precision`` wins over the one the form implies."""
    if value is None:
        return None, None if precision is None else str(precision)
    text = _text("event date", value)
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        parts = [int(p) for p in text.split("-")]
        when = dt.date(*(parts + [1] * (3 - len(parts))))
    except ValueError:
        raise _fail("event date", f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}") from None
    implied = PRECISIONS[3 - len(parts)]
    return when, str(precision) if precision is not None else implied


def _only_keys(what: str, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    if not isinstance(data, Mapping):
        raise _fail(what, f"expected an object, got {type(data).__name__}")
    extra = sorted(set(data) - set(allowed))
    if extra:
        raise _fail(what, f"unknown keys {extra}")


def _mapping(what: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(what, f"expected an object, got {type(value).__name__}")
    return value


def _items(value: object) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    raise _fail("event", f"expected a list, got {type(value).__name__}")


def _pair(value: object) -> tuple[int, int]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return (value[0], value[1])
    raise _fail("evidence span", f"expected [start, end], got {value!r}")
