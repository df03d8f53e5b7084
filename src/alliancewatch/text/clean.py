"""Clean article text and its metadata (title, publication date, outlet) from a raw article.

HTML goes through trafilatura (comments off, tables off, precision favoured; the publication date from
the page's metadata only, never guessed from its body), then through the plain-text filter of
:mod:`alliancewatch.text.boilerplate`, which also catches what trafilatura keeps inside an article body
(a "share your thoughts in the comments" line, a related headline). Plain text goes through that filter
alone. The clean text is the kept paragraphs joined by blank lines; sentence offsets refer to it.

Metadata the input gave (a JSONL field, a feed entry) wins over what is extracted from the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from alliancewatch.sources.articles import RawArticle, parse_published
from alliancewatch.text.boilerplate import FilteredText, strip_boilerplate

#: A page of og:type ``website`` with less prose than this is a home or section front.
MIN_WEBSITE_WORDS = 80
_NON_ARTICLE_TYPES = frozenset({"profile", "product", "place", "event", "app"})
_DOCUMENT_TAG = re.compile(r"<\s*(?:html|body)\b", re.IGNORECASE)
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(.*?)\s*$")
_HEADER_KEYS = {
    "title": "title", "headline": "title", "date": "date", "published": "date", "publication date": "date",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "url": "url", "link": "url",
    "author": None, "byline": None, "authors": None,
}  # fmt: skip


@dataclass(frozen=True)
class CleanText:
    """An article's prose and metadata, with how many lines the boilerplate filter kept and dropped
    (``dropped`` by reason) and the sentences it cut from inside paragraphs."""

    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    kept_lines: int = 0
    dropped_lines: int = 0
    dropped: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    trimmed: tuple[str, ...] = ()
    pagetype: str | None = None


def not_an_article(cleaned: CleanText) -> str | None:
    """Why a page is not an article, or None: it declares itself a profile (an author page), a video,
    a product..., or it is a ``website`` page (a home or section front) with under
    :data:`MIN_WEBSITE_WORDS` words of prose left, which is a teaser or two, not a story."""
    kind = (cleaned.pagetype or "").lower()
    if kind in _NON_ARTICLE_TYPES or kind.startswith(("video", "music", "book")):
        return f"the page says it is a {kind} page, not an article"
    if kind == "website" and len(cleaned.text.split()) < MIN_WEBSITE_WORDS:
        return "a home or section page (og:type website) with no article body"
    return None


def clean_article(article: RawArticle) -> CleanText:
    """Clean a raw article (HTML or plain text) and merge its own metadata over what was extracted."""
    cleaned = clean_html(article.body, article.url) if article.markup == "html" else clean_plain(article.body)
    return CleanText(
        text=cleaned.text,
        title=article.title or cleaned.title,
        published=article.published or cleaned.published,
        outlet=article.outlet or cleaned.outlet,
        url=article.url or cleaned.url,
        kept_lines=cleaned.kept_lines,
        dropped_lines=cleaned.dropped_lines,
        dropped=cleaned.dropped,
        trimmed=cleaned.trimmed,
        pagetype=cleaned.pagetype,
    )


def clean_plain(text: str) -> CleanText:
    """The prose of a plain-text capture and its metadata.

    A header of ``Key: value`` lines at the very top (optionally between ``---`` lines, as in Markdown
    front matter) gives the title (``Title``), the publication date (``Date``/``Published``), the outlet
    (``Outlet``/``Source``/``Publisher``) and the URL (``URL``/``Link``); other keys (an ``Author``) are
    dropped. Without a ``Title``, the first line is the title when it is a heading.
    """
    meta, header_lines, body = _front_matter(text)
    base = _from_filtered(strip_boilerplate(body))
    if not header_lines:
        return base
    return CleanText(
        text=base.text,
        title=meta.get("title") or base.title,
        published=_date_or_none(meta.get("date")),
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        kept_lines=base.kept_lines,
        dropped_lines=base.dropped_lines + header_lines,
        dropped=MappingProxyType({**base.dropped, "metadata": header_lines}),
        trimmed=base.trimmed,
    )


def clean_html(html: str, url: str | None = None) -> CleanText:
    """The main text of an HTML page (or fragment) and its title, date and outlet; empty text when the
    page has no article body."""
    import trafilatura

    page = html if _DOCUMENT_TAG.search(html[:4096]) else f"<html><body>{html}</body></html>"
    extracted: Any = trafilatura.bare_extraction(
        page,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None:
        return CleanText("")
    filtered = strip_boilerplate(str(extracted.text or ""))
    published = _date_or_none(extracted.date)
    outlet = extracted.sitename or (urlsplit(url).hostname if url else None)
    base = _from_filtered(filtered)
    return CleanText(
        text=base.text,
        title=extracted.title or base.title,
        published=published,
        outlet=outlet or None,
        url=extracted.url or url,
        kept_lines=base.kept_lines,
        dropped_lines=base.dropped_lines,
        dropped=base.dropped,
        trimmed=base.trimmed,
        pagetype=str(extracted.pagetype) if extracted.pagetype else None,
    )


def _front_matter(text: str) -> tuple[dict[str, str], int, str]:
    """(metadata, number of header lines, the text after the header) for a leading ``Key: value`` block;
    only a block whose every line has a known key counts, so prose starting "Note: ..." stays prose."""
    lines = text.lstrip("\ufeff").splitlines()
    fenced = bool(lines) and lines[0].strip() == "---"
    start = 1 if fenced else 0
    meta: dict[str, str] = {}
    end = start
    while end < len(lines) and lines[end].strip() and lines[end].strip() != "---":
        match = _HEADER_LINE.match(lines[end])
        key = match.group(1).strip().lower() if match else None
        if match is None or key not in _HEADER_KEYS:
            return {}, 0, text
        field_name = _HEADER_KEYS[key]
        if field_name is not None and match.group(2):
            meta.setdefault(field_name, match.group(2))
        end += 1
    if end == start or (fenced and (end >= len(lines) or lines[end].strip() != "---")):
        return {}, 0, text
    count = end - start
    end += 1 if fenced else 0
    return meta, count, "\n".join(lines[end:])


def _from_filtered(filtered: FilteredText) -> CleanText:
    return CleanText(
        text=filtered.text,
        title=filtered.title,
        kept_lines=filtered.kept,
        dropped_lines=filtered.dropped,
        dropped=MappingProxyType(filtered.reasons()),
        trimmed=filtered.trimmed,
    )


def _date_or_none(value: object) -> date | None:
    try:
        return parse_published(value)
    except ValueError:
        return None
