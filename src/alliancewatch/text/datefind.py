"""Date expressions in a parsed sentence, and the sentence's candidate event date.

Expressions come from spaCy's DATE and TIME entities and from our own patterns (weekdays, "yesterday",
"last week", "earlier this year", "N days ago", month names, ISO dates, "in 2013"), which catch what the
small model misses; overlaps keep the entity. Each is resolved with :func:`alliancewatch.text.dates.
resolve_date`, looking forward when its clause is in the future tense ("will meet on Tuesday").

A sentence's candidate date is the first resolved expression that belongs to the main clause (its nearest
verb ancestor is the sentence root: "Putin said on Tuesday that Russia built Bushehr in 2013" is dated
Tuesday), else the first resolved expression. With no expression, a sentence in the past or present tense
is dated to the publication day (news reports what just happened: the product's documented default); a
future-tense sentence gets no date (the event has not happened), nor does any sentence when the
publication date is unknown. The event coder can ask for the expression that governs a given trigger
with :func:`mention_for`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from alliancewatch.text.dates import resolve_date

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded, not when this module is
    from spacy.tokens import Span, Token

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_COUNTS = r"\d+|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Month and weekday names must be capitalised, so "may" and "march" as words never match.
_PATTERN = re.compile(
    rf"(?:(?i:last|next|this|this past|this coming)\s+)?(?:{_WEEKDAYS})\b"
    rf"|\b(?:{_MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:1[89]|20)\d\d)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})(?:,?\s+(?:1[89]|20)\d\d)?\b"
    r"|\b\d{4}-\d\d-\d\d\b"
    r"|(?i:\b(?:yesterday|today|tonight|tomorrow|last night)\b)"
    r"|(?i:\b(?:(?:earlier|later)\s+)?(?:this|last|next|the past|the previous)\s+"
    r"(?:week|weekend|month|year)\b)"
    rf"|(?i:\b(?:{_COUNTS})\s+(?:day|week|month|year)s?\s+ago\b)"
    r"|(?i:\b(?:in|since|by|during)\s+(?:1[89]|20)\d\d\b(?![-–]))"
)
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_PAST_AUX_TAGS = frozenset({"VBD"})
_FUTURE_GOVERNORS = frozenset({"going", "set", "due"})


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence: its text and character span ``[start, end)`` within the
    sentence, the resolved date and precision, and where it was found (``ner`` or ``pattern``)."""

    text: str
    start: int
    end: int
    date: date
    precision: str
    origin: str
    main_clause: bool


@dataclass(frozen=True)
class SentenceDate:
    """A sentence's candidate event date: ``basis`` is ``expression`` (``text`` says which),
    ``published`` (the default for past and present tense) or ``none`` (date and precision None)."""

    date: date | None
    precision: str | None
    text: str | None
    basis: str


def find_dates(sent: Span, published: date | None) -> list[DateMention]:
    """Every resolvable date expression in ``sent`` (a spaCy sentence span), in order of position."""
    spans: list[tuple[int, int, str]] = []
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans.append((ent.start_char, ent.end_char, "ner"))
    text = sent.text
    for match in _PATTERN.finditer(text):
        start, end = match.start() + sent.start_char, match.end() + sent.start_char
        if not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, "pattern"))
    mentions: list[DateMention] = []
    for start, end, origin in sorted(spans):
        found = _resolve_span(sent, start, end, origin, published)
        if found is not None:
            mentions.append(found)
    return mentions


def sentence_date(
    sent: Span, published: date | None, mentions: list[DateMention] | None = None
) -> SentenceDate:
    """The candidate event date of ``sent`` (see the module docstring for the rules)."""
    found = find_dates(sent, published) if mentions is None else mentions
    if found:
        best = next((m for m in found if m.main_clause), found[0])
        return SentenceDate(best.date, best.precision, best.text, "expression")
    if published is not None and sentence_tense(sent) != "future":
        return SentenceDate(published, "day", None, "published")
    return SentenceDate(None, None, None, "none")


def mention_for(mentions: list[DateMention], sent: Span, token: Token) -> DateMention | None:
    """The date expression whose clause is the clause of ``token`` (an event trigger), if any."""
    head = _clause_head(token, include_self=True)
    for mention in mentions:
        span = sent.char_span(sent.start_char + mention.start, sent.start_char + mention.end, "expand")
        if span is not None and _clause_head(span.root) == head:
            return mention
    return None


def sentence_tense(sent: Span) -> str:
    """``future`` (will/shall/'ll/going to on the main verb), ``past`` (past tense or a perfect) or
    ``present``."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        root = next((t for t in sent if t.pos_ in ("VERB", "AUX")), root)
    return _tense(root)


def _tense(verb: Token) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or _going_to(verb):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ in _PAST_AUX_TAGS for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    return "present"


def _going_to(verb: Token) -> bool:
    # "Russia is going to deliver", "Iran is set to receive": the xcomp's governor carries the future.
    if verb.lower_ in _FUTURE_GOVERNORS and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in _FUTURE_GOVERNORS and verb.head.i < verb.i


def _clause_head(token: Token, include_self: bool = False) -> Token:
    current = token if include_self else token.head
    if not include_self and token.head.i == token.i:
        return token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _resolve_span(
    sent: Span, start: int, end: int, origin: str, published: date | None
) -> DateMention | None:
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    text = sent.doc.text[start:end]
    head = _clause_head(span.root) if span is not None else sent.root
    future = _tense(head) == "future"
    cleaned = re.sub(r"['’]s$", "", text)
    resolved = resolve_date(cleaned, published, future)
    if resolved is None:
        return None
    return DateMention(
        text=text,
        start=start - sent.start_char,
        end=end - sent.start_char,
        date=resolved[0],
        precision=resolved[1],
        origin=origin,
        main_clause=head == sent.root,
    )
