"""A line-level boilerplate filter for plain text captured from web pages.

trafilatura removes page furniture from HTML, but a plain-text capture has lost the markup that tells an
article from its page: section headings, a table of contents, related headlines, an author card, social
links and a comments prompt all arrive as lines like any other. This filter keeps *prose* and drops the
rest, one line (paragraph) at a time — hard-wrapped paragraphs are joined first — and records why each
line went:

- ``heading``: a line that is not a sentence (no final punctuation and under 25 words, or a short question
  or exclamation in title case); the first one, at the top, is the ``title``;
- ``repeated``: a line seen before in the same text (related headlines are listed twice);
- ``toc``: a "Table of Contents" marker and the list under it;
- ``author-card``: an "Author:" marker and the ``Label : value`` lines of the card after it;
- ``social``: "Socials", "Follow us" and lines that only name a network ("facebook:");
- ``links``: lines made mostly of URLs;
- ``separator``: lines of ``***``, ``---`` and the like;
- ``engagement``: a paragraph whose every sentence speaks to the reader ("share your thoughts in the
  comments", "subscribe", questions with "you").

Inside kept paragraphs, engagement sentences and a trailing headline glued to the last sentence ("... on our
site. Iran Wants To Negotiate | The Daily Caller") are cut out and listed in ``trimmed``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

#: A line with fewer words than this is never prose, even with a full stop.
MIN_PROSE_WORDS = 3
#: A line with at least this many words is prose even without final punctuation (a cut-off paragraph).
LONG_LINE_WORDS = 25
#: Hard-wrapped text: lines at least this wide, all but the last within WRAP_SLACK of the widest.
MIN_WRAP_WIDTH = 50
WRAP_SLACK = 15

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SEPARATOR = re.compile(r"^[\s*#=_~•·-]{3,}$")
_INLINE_SEPARATOR = re.compile(r"\s*(?:\*\s*){3,}\s*")
_EMPHASIS = re.compile(r"\*\*|__|^#{1,6}\s+")
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_BULLET = re.compile(r"^[•·▪◦‣*+-]\s*")
_KEY_VALUE = re.compile(r"^[A-Za-z][\w .'-]{0,24}?\s*:\s*\S")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(\s+)(?=[\"“‘(\[]?[A-Z0-9])")

_TOC_MARKER = re.compile(r"^(?:table of contents|contents|in this article|on this page|jump to)\s*:?$", re.I)
_AUTHOR_MARKER = re.compile(
    r"^(?:detail(?:ed)? author|about the author|author(?: (?:bio|card|details|info))?|written by\b.*)\s*:?$",
    re.I,
)
_PERSONAL_LABEL = re.compile(
    r"^(?:name|user ?name|e-?mail|birth ?date|date of birth|born|address|phone|mobile|company|job|"
    r"occupation|bio|website|location)\s*:",
    re.I,
)
_NETWORKS = (
    r"facebook|twitter|x|tiktok|instagram|linkedin|youtube|pinterest|reddit|telegram|whatsapp|threads|"
    r"mastodon|bluesky|snapchat|vk|rss"
)
_SOCIAL = re.compile(
    rf"^(?:socials?|social media|follow us(?: on)?\b.*|share(?: this)?(?: article| post| story| page)?|"
    rf"(?:{_NETWORKS})\s*:?(?:\s*\S+)?)\s*:?$",
    re.I,
)
_ENGAGEMENT = re.compile(
    r"\bcomments? (?:below|section)\b|\bin the comments\b|\bleave an? (?:comment|reply)\b"
    r"|\b(?:share|tell us|let us know)\b[^.?!]*\byou(?:rs?)?\b"
    r"|\bshare (?:this|the) (?:article|post|story|page)\b|\bdon'?t forget to share\b"
    r"|\bsubscribe (?:now|today|here|for free)\b|\bsubscribe to (?:our|the) (?:newsletter|channel|feed)\b"
    r"|\bnewsletter\b|\bsign up (?:for|to) (?:our|the) (?:newsletter|updates|alerts)\b"
    r"|\bfollow us\b|\blike us on\b|\bin your inbox\b"
    r"|\b(?:explore|read|check out|see|discover)\b[^.?!]*\b(?:more|other|related)\b[^.?!]*"
    r"\b(?:articles|stories|posts)\b"
    r"|\bon our (?:site|website|blog|page)\b|\bclick here\b|\ball rights reserved\b|©",
    re.I,
)
_TO_READER = re.compile(r"\byou(?:rs?|rself)?\b", re.I)


@dataclass(frozen=True)
class LineVerdict:
    """One non-blank line of the input (``number`` counts from 1), whether it was kept, and why."""

    number: int
    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class FilteredText:
    """The prose of a text, paragraphs joined by blank lines; its title if the text opened with one; the
    verdict on every non-blank input line; and the sentences cut from inside kept paragraphs."""

    text: str
    title: str | None
    lines: tuple[LineVerdict, ...]
    trimmed: tuple[str, ...]

    @property
    def kept(self) -> int:
        return sum(1 for v in self.lines if v.kept)

    @property
    def dropped(self) -> int:
        return sum(1 for v in self.lines if not v.kept)

    def reasons(self) -> dict[str, int]:
        """How many lines were dropped for each reason."""
        return dict(Counter(v.reason for v in self.lines if not v.kept))


def strip_boilerplate(text: str) -> FilteredText:
    """Keep the prose paragraphs of ``text`` (see the module docstring for what goes and why)."""
    raw = [(n, _tidy(line)) for n, line in enumerate(text.splitlines(), start=1)]
    lines = _unwrap(raw)
    seen_count = Counter(line.casefold() for _, line in lines)
    seen: set[str] = set()
    verdicts: list[LineVerdict] = []
    kept: list[str] = []
    trimmed: list[str] = []
    title: str | None = None
    block: str | None = None  # "toc" or "author-card" while inside such a block
    for number, line in lines:
        key = line.casefold()
        repeat = key in seen
        seen.add(key)
        reason = _marker(line)
        if reason is not None:
            block = reason if reason in ("toc", "author-card") else block
        elif block is not None and not _is_prose(line):
            reason = block
        elif block == "author-card" and _BULLET.match(line):
            reason = block  # a bio line ("• Bio : ...") is a sentence but still part of the card
        elif _is_link_list(line):
            reason = "links"
        elif not _is_prose(line):
            if title is None and not verdicts and not repeat and seen_count[key] == 1:
                title, reason = line, "title"
            else:
                reason = "repeated" if seen_count[key] > 1 else "heading"
        elif repeat:
            reason = "repeated"
        else:
            block = None
            body, cut = _trim(line)
            trimmed.extend(cut)
            # a headline glued to this paragraph counts as seen when it comes again on its own line
            seen.update(c.casefold() for c in cut)
            seen_count.update(c.casefold() for c in cut)
            if body:
                kept.append(body)
                reason = "prose"
            else:
                reason = "engagement"
        verdicts.append(LineVerdict(number, line, reason == "prose", reason))
    return FilteredText("\n\n".join(kept), title, tuple(verdicts), tuple(trimmed))


def _unwrap(raw: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Non-blank lines, with hard-wrapped paragraphs joined back into one line each.

    A block of consecutive lines is a wrapped paragraph when every line but the last fills the width
    (within :data:`WRAP_SLACK` characters of the longest, itself at least :data:`MIN_WRAP_WIDTH`) and no
    line is a list item; a list of headlines, with its ragged lengths, stays apart.
    """
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in raw:
        if line:
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    out: list[tuple[int, str]] = []
    for block in blocks:
        width = max((len(line) for _, line in block), default=0)
        wrapped = (
            len(block) > 1
            and width >= MIN_WRAP_WIDTH
            and all(len(line) >= width - WRAP_SLACK for _, line in block[:-1])
            and not any(_BULLET.match(line) for _, line in block)
        )
        out.extend([(block[0][0], " ".join(line for _, line in block))] if wrapped else block)
    return out


def _tidy(line: str) -> str:
    # Markdown emphasis and inline "***" breaks are markup, not words; whitespace runs are layout.
    line = line.strip()
    if _SEPARATOR.match(line):
        return line
    return _SPACES.sub(" ", _EMPHASIS.sub("", _INLINE_SEPARATOR.sub(" ", line))).strip()


def _words(line: str) -> list[str]:
    return _WORD.findall(_URL.sub(" ", line))


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) / len(long) >= 0.6


def _is_prose(line: str) -> bool:
    if _is_sentence(line):
        return True
    # a paragraph whose last sentence has a headline glued to it ("... ended. Iran Strikes | Daily")
    pieces = split_sentences(line)
    return len(pieces) > 1 and _is_glued_headline(pieces[-1]) and _is_sentence(" ".join(pieces[:-1]))


def _is_sentence(line: str) -> bool:
    words = _words(line)
    if len(words) >= LONG_LINE_WORDS:
        return True
    if len(words) < MIN_PROSE_WORDS or not _TERMINAL.search(line):
        return False
    # A short question or exclamation in title case is a heading ("Is Russia Really Iran's Ally?").
    return line.rstrip("\"'”’»)]").endswith((".", "…")) or len(words) > 12 or not _title_case(words)


def _marker(line: str) -> str | None:
    if _SEPARATOR.match(line):
        return "separator"
    if _TOC_MARKER.match(line):
        return "toc"
    if _AUTHOR_MARKER.match(line):
        return "author-card"
    body = _BULLET.sub("", line)
    if _PERSONAL_LABEL.match(body) or (_BULLET.match(line) and _KEY_VALUE.match(body) and " : " in body):
        return "author-card"
    if _SOCIAL.match(body) and len(_words(body)) <= 6:
        return "social"
    return None


def _is_link_list(line: str) -> bool:
    urls = sum(len(m) for m in _URL.findall(line))
    return urls > 0 and urls >= 0.5 * len(line.replace(" ", ""))


def _trim(paragraph: str) -> tuple[str, list[str]]:
    """The paragraph without engagement sentences or a trailing glued headline, and what was cut."""
    pieces = split_sentences(paragraph)
    keep: list[str] = []
    cut: list[str] = []
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        if _is_engagement(piece) or (last and i > 0 and _is_glued_headline(piece)):
            cut.append(piece)
        else:
            keep.append(piece)
    return " ".join(keep).strip(), cut


def split_sentences(paragraph: str) -> list[str]:
    """A rough split at final punctuation followed by a capital: good enough to find prompts, not for NLP."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        pieces.append(paragraph[start : match.start(1)])
        start = match.end(1)
    pieces.append(paragraph[start:])
    return [p for p in pieces if p.strip()]


def _is_engagement(sentence: str) -> bool:
    if _ENGAGEMENT.search(sentence):
        return True
    return sentence.rstrip().endswith("?") and _TO_READER.search(sentence) is not None


def _is_glued_headline(piece: str) -> bool:
    if _TERMINAL.search(piece):
        return False
    return " | " in piece or _title_case(_words(piece))
