"""The trigger lexicon: words that signal PLOVER events, and the rules that shape them.

The lexicon is data this project writes (``alliancewatch/data/lexicon/``), versioned and tested:

- ``triggers.csv``: one row per trigger sense. ``pos`` (verb, noun, adj); ``trigger`` (a lemma; a verb may
  add its particle or preposition, "call on", "pull out"; a noun may put a required modifier before it,
  "phone call", "hunger strike"); ``object`` (what the object must be about: classes from ``terms.csv``
  joined by ``|``, or ``@actor`` (the object is an actor), ``@any`` (there is an object), ``@clause`` (there
  is a "to"/"that" clause), ``@none`` (there is no object), ``@demand`` (a "that" clause with must/should:
  "said Libya must hand over")); ``type``, ``mode``, ``cameo`` (the CAMEO code, whose root and Goldstein
  score the event takes), ``contexts``; ``subject`` (the role of the subject, or of a noun's
  possessive/adjective: ``source`` or ``target``); ``object_role`` (the role of a verb's object, or of a
  noun's "of" phrase: ``target``, ``theme``, ``source`` or ``none``); ``source_preps``/``target_preps``
  (prepositions whose objects take that role); ``frame`` (how the trigger treats a clause under it:
  ``plain``, ``promise``, ``decide``, ``refuse``, ``request``, ``threaten``, ``accuse``, ``prepare``,
  ``forbid``); ``symmetric`` (``y``: "with"/"between" partners are co-sources, as PLOVER codes meetings);
  ``negated_type`` (the type of the event when the trigger is negated: "did not accept" is a REJECT);
  ``state_type`` (the type when the source is a state or government: a state that "protests" makes a
  complaint); ``requires`` (``actor_target``: the row applies only when a target phrase names an actor
  itself; ``person_subject``: only when the subject is a person, "the minister arrived", not "the missiles
  arrived"; ``labour``: only for a work stoppage, "went on strike", "staged a strike" with no "on"/"against"
  target); ``confidence`` (a prior in 0..1).
- ``terms.csv``: argument words with the class trigger rows test and the context they add.
- ``rules.yaml``: the words that are not events but change them (reporting, future, hypothetical,
  transparent and negating verbs; auxiliaries; light verbs such as "hold" in "held talks") and the tables
  that derive REJECT, REQUEST, THREATEN and AGREE events from the action under them.

Every row is checked against the PLOVER taxonomy when loaded: the type exists, the mode is a current mode
of the type, the contexts are current contexts, the CAMEO code exists and maps to the same type. A bad
row raises :class:`MalformedFileError` naming the file and line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from alliancewatch.errors import MalformedFileError, MissingFileError, UserInputError
from alliancewatch.extract.lexicon_rules import Rules, check_context, check_type, parse_rules
from alliancewatch.plover import Plover

__all__ = ["FRAMES", "Lexicon", "Rules", "TermIndex", "Trigger"]

FRAMES = ("plain", "promise", "decide", "refuse", "request", "threaten", "accuse", "prepare", "forbid")
POS = ("verb", "noun", "adj")
ROLES = ("source", "target", "theme", "none")
REQUIREMENTS = ("", "actor_target", "person_subject", "labour")
SPECIAL_OBJECTS = ("@actor", "@any", "@clause", "@none", "@demand")
_COLUMNS = ("pos", "trigger", "object", "type", "mode", "cameo", "contexts", "subject", "object_role")
_WORD = re.compile(r"[a-z][a-z'\-]*")


@dataclass(frozen=True)
class Trigger:
    """One sense of a trigger word (one row of ``triggers.csv``); ``words`` are the particles of a verb
    (after it) or the modifiers of a noun (before it); ``where`` is ``file:line``."""

    pos: str
    lemma: str
    words: tuple[str, ...]
    objects: frozenset[str]
    type: str
    mode: str | None
    cameo: str | None
    contexts: tuple[str, ...]
    subject: str
    object_role: str
    source_preps: frozenset[str]
    target_preps: frozenset[str]
    frame: str
    symmetric: bool
    negated_type: str | None
    state_type: str | None
    requires: str | None
    confidence: float
    where: str

    @property
    def specificity(self) -> int:
        """Rows that ask more of the sentence are tried first."""
        return 2 * len(self.words) + (1 if self.objects else 0) + (1 if self.requires else 0)


@dataclass
class TermIndex:
    """Argument words → (class, context) pairs; multi-word terms and one-word regular expressions."""

    words: dict[tuple[str, ...], list[tuple[str | None, str | None]]] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern[str], str | None, str | None]] = field(default_factory=list)
    longest: int = 1

    def lookup(self, words: Sequence[str]) -> tuple[set[str], list[str]]:
        """The classes and contexts (in order of first appearance) named by a run of lower-case words
        (lemmas or surface forms; give both by listing each word's alternatives joined by a space)."""
        classes: set[str] = set()
        contexts: list[str] = []
        alternatives = [w.split(" ") for w in words]
        for i in range(len(alternatives)):
            for size in range(min(self.longest, len(alternatives) - i), 0, -1):
                for key in _keys(alternatives[i : i + size]):
                    for cls, ctx in self.words.get(key, ()):
                        _note(classes, contexts, cls, ctx)
            for form in alternatives[i]:
                for pattern, cls, ctx in self.patterns:
                    if pattern.search(form):
                        _note(classes, contexts, cls, ctx)
        return classes, contexts


def _keys(window: list[list[str]]) -> Iterable[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [()]
    for forms in window:
        keys = [(*k, f) for k in keys for f in dict.fromkeys(forms)]
    return keys


def _note(classes: set[str], contexts: list[str], cls: str | None, ctx: str | None) -> None:
    if cls:
        classes.add(cls)
    if ctx and ctx not in contexts:
        contexts.append(ctx)


class Lexicon:
    """Trigger rows indexed by lemma, the term index and the rules. Build it with :meth:`load`."""

    def __init__(self, triggers: Sequence[Trigger], terms: TermIndex, rules: Rules, digest: str) -> None:
        self.triggers = tuple(triggers)
        self.terms = terms
        self.rules = rules
        self.digest = digest
        self._by: dict[tuple[str, str], list[Trigger]] = {}
        for row in triggers:
            self._by.setdefault((row.pos, row.lemma), []).append(row)
        for rows in self._by.values():
            rows.sort(key=lambda r: -r.specificity)

    @property
    def version(self) -> str:
        """``<rules version>+<first 8 hex digits of the data files' sha256>``: changes with any edit."""
        return f"{self.rules.version}+{self.digest[:8]}"

    def senses(self, pos: str, lemma: str) -> list[Trigger]:
        """The rows for a lemma as ``pos`` (verb, noun, adj), most specific first; [] if none."""
        return self._by.get((pos, lemma), [])

    def lemmas(self, pos: str) -> set[str]:
        """Every lemma with at least one row as ``pos``."""
        return {lemma for p, lemma in self._by if p == pos}

    @classmethod
    def load(cls, plover: Plover, folder: Traversable | Path | None = None) -> Lexicon:
        """Read and check ``triggers.csv``, ``terms.csv`` and ``rules.yaml`` from ``folder`` (default: the
        package's ``data/lexicon``) against ``plover``. Raises :class:`MissingFileError` or
        :class:`MalformedFileError`."""
        where = folder if folder is not None else resources.files("alliancewatch") / "data" / "lexicon"
        texts = {name: _read(where, name) for name in ("triggers.csv", "terms.csv", "rules.yaml")}
        digest = hashlib.sha256("\0".join(texts[n] for n in sorted(texts)).encode("utf-8")).hexdigest()
        terms = _parse_terms(texts["terms.csv"], plover)
        rules = parse_rules(texts["rules.yaml"], plover)
        classes = {c for entries in terms.words.values() for c, _ in entries if c}
        classes |= {c for _, c, _ in terms.patterns if c}
        triggers = _parse_triggers(texts["triggers.csv"], plover, classes)
        return cls(triggers, terms, rules, digest)


def _read(folder: Traversable | Path, name: str) -> str:
    path = folder / name
    if not path.is_file():
        raise MissingFileError(f"lexicon file {name} is missing from {folder}")
    return path.read_text(encoding="utf-8")


def _rows(text: str, name: str, required: Sequence[str]) -> Iterable[tuple[str, dict[str, str]]]:
    """(``file:line``, row) for each data row; lines starting with ``#`` are comments."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in lines)))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise MalformedFileError(f"{name}: missing columns {missing}")
    for row in reader:
        where = f"{name}:{lines[reader.line_num - 1][0]}"
        if None in row:
            raise MalformedFileError(f"{where}: more fields than columns")
        yield where, {k: (v or "").strip() for k, v in row.items()}


def _bar(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _parse_terms(text: str, plover: Plover) -> TermIndex:
    index = TermIndex()
    for where, row in _rows(text, "terms.csv", ("term", "class", "context")):
        term, cls, ctx = row["term"], row["class"] or None, row["context"] or None
        if not term or not (cls or ctx):
            raise MalformedFileError(f"{where}: a term needs a class or a context")
        context = check_context(plover, ctx, where) if ctx else None
        if term.startswith("re:"):
            try:
                index.patterns.append((re.compile(term[3:]), cls, context))
            except re.error as exc:
                raise MalformedFileError(f"{where}: bad pattern: {exc}") from None
            continue
        key = tuple(w for w in re.split(r"[\s\-]+", term.lower()) if w)
        index.words.setdefault(key, []).append((cls, context))
        index.longest = max(index.longest, len(key))
    return index


def _parse_triggers(text: str, plover: Plover, classes: set[str]) -> list[Trigger]:
    out: list[Trigger] = []
    seen: set[tuple[str, str, frozenset[str], str | None]] = set()
    for where, row in _rows(text, "triggers.csv", _COLUMNS):
        trigger = _trigger_row(where, row, plover, classes)
        key = (trigger.pos, " ".join((trigger.lemma, *trigger.words)), trigger.objects, trigger.requires)
        if key in seen:
            raise MalformedFileError(f"{where}: the same trigger, object and requirement are listed twice")
        seen.add(key)
        out.append(trigger)
    return out


def _choice(value: str, options: Sequence[str], what: str, where: str) -> str:
    if value not in options:
        raise MalformedFileError(f"{where}: {what} {value!r} is not one of {', '.join(options)}")
    return value


def _trigger_row(where: str, row: dict[str, str], plover: Plover, classes: set[str]) -> Trigger:
    pos = _choice(row["pos"], POS, "pos", where)
    words = row["trigger"].lower().split()
    if not words or not all(_WORD.fullmatch(w) for w in words):
        raise MalformedFileError(f"{where}: trigger {row['trigger']!r} is not lower-case words")
    lemma, extra = (words[-1], tuple(words[:-1])) if pos == "noun" else (words[0], tuple(words[1:]))
    objects = frozenset(_bar(row["object"]))
    for obj in objects:
        if (obj.startswith("@") and obj not in SPECIAL_OBJECTS) or (
            not obj.startswith("@") and obj not in classes
        ):
            raise MalformedFileError(
                f"{where}: object {obj!r} is not a class of terms.csv nor one of {SPECIAL_OBJECTS}"
            )
    type_ = check_type(plover, row["type"], where)
    mode = row["mode"] or None
    if mode is not None and mode not in plover.modes(type_):
        raise MalformedFileError(f"{where}: {mode!r} is not a current mode of {type_}: {plover.modes(type_)}")
    cameo = row["cameo"] or None
    if cameo is not None:
        try:
            mapped = plover.type_for_cameo(cameo)
        except UserInputError as exc:
            raise MalformedFileError(f"{where}: {exc.message}") from None
        if mapped.type != type_:
            raise MalformedFileError(f"{where}: CAMEO {cameo} is {mapped.type} in the crosswalk, not {type_}")
    default_role = "theme" if pos == "noun" else "target"
    confidence = _confidence(row.get("confidence", ""), where)
    return Trigger(
        pos=pos,
        lemma=lemma,
        words=extra,
        objects=objects,
        type=type_,
        mode=mode,
        cameo=cameo,
        contexts=tuple(dict.fromkeys(check_context(plover, c, where) for c in _bar(row["contexts"]))),
        subject=_choice(row["subject"] or "source", ("source", "target"), "subject", where),
        object_role=_choice(row["object_role"] or default_role, ROLES, "object_role", where),
        source_preps=frozenset(_bar(row.get("source_preps", ""))),
        target_preps=frozenset(_bar(row.get("target_preps", ""))),
        frame=_choice(row.get("frame") or "plain", FRAMES, "frame", where),
        symmetric=_choice(row.get("symmetric", ""), ("", "y"), "symmetric", where) == "y",
        negated_type=check_type(plover, row["negated_type"], where) if row.get("negated_type") else None,
        state_type=check_type(plover, row["state_type"], where) if row.get("state_type") else None,
        requires=_choice(row.get("requires", ""), REQUIREMENTS, "requires", where) or None,
        confidence=confidence,
        where=where,
    )


def _confidence(value: str, where: str) -> float:
    try:
        number = float(value) if value else 0.85
    except ValueError:
        raise MalformedFileError(f"{where}: confidence {value!r} is not a number") from None
    if not 0.0 < number <= 1.0:
        raise MalformedFileError(f"{where}: confidence {number} is outside (0, 1]")
    return number
