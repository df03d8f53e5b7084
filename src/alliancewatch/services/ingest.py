"""Ingest articles: read, clean, keep English, drop duplicates, split into dated sentences, store.

Every input ends as one :class:`IngestItem` with a status:

- ``ingested``: a new document and its sentences are stored;
- ``unchanged``: the same text from the same source (or the same bytes) is already stored: nothing
  changes, so re-running an ingest is harmless;
- ``duplicate``: the text is already stored from another source (``exact``) or is a near duplicate of a
  stored or just-ingested document (``near``, Jaccard of word 4-grams >= 0.8; see text/dedup.py);
- ``skipped``: empty, binary, mis-encoded, too large, not English, no article body, not an article (an
  author page, a section front), a bad JSONL line under ``--skip-bad``, an unsupported file in a
  directory;
- ``error``: asked for and could not be read (unreachable URL, unreadable file).

Each input file or URL is written in one transaction, so a failure leaves nothing of it behind. The
document id is the first 16 hex digits of the sha256 of the normalised clean text; ``sha256`` is the
digest of the bytes as read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from alliancewatch.errors import UserInputError
from alliancewatch.model import Document, Sentence
from alliancewatch.services.context import Context
from alliancewatch.sources.articles import InputProblem, RawArticle, ReadOptions, read_inputs
from alliancewatch.store.documents import (
    StoredDocument,
    StoredSentence,
    find_content,
    get_documents,
    get_sentences,
    insert_documents,
    near_candidates,
)
from alliancewatch.text.clean import clean_article, not_an_article
from alliancewatch.text.dedup import DuplicateIndex, Fingerprint, best_near_match, fingerprint, shingles
from alliancewatch.text.pipeline import TextTools

STATUSES = ("ingested", "unchanged", "duplicate", "skipped", "error")
#: Documents written per transaction within one large input (a JSONL file, a feed).
WRITE_BATCH = 200


@dataclass(frozen=True)
class IngestItem:
    """What happened to one input record (see the module docstring for ``status``). ``reason`` is a
    short machine-readable word (``non-english``, ``near`` …), ``message`` one line for people."""

    source: str
    status: str
    doc_id: str | None = None
    title: str | None = None
    published: date | None = None
    sentences: int = 0
    reason: str | None = None
    message: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class IngestReport:
    """Every item of one ingest run, in input order, with counts per status."""

    items: tuple[IngestItem, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def new_doc_ids(self) -> list[str]:
        """Ids of the documents stored by this run (what the event coder should code next)."""
        return [i.doc_id for i in self.items if i.status == "ingested" and i.doc_id is not None]

    def summary(self) -> dict[str, int]:
        return {status: self.count(status) for status in STATUSES}


def ingest(
    ctx: Context,
    inputs: Sequence[str],
    options: ReadOptions | None = None,
    published: date | None = None,
    tools: TextTools | None = None,
) -> IngestReport:
    """Ingest files, directories, JSONL, feeds and http(s) URLs into ``ctx.store``.

    ``published`` is the publication date given to documents that carry none (relative dates such as
    "last week" resolve against it). ``tools`` lets a caller reuse a loaded spaCy pipeline. Raises
    :class:`UserInputError` for a missing path or, without ``options.skip_bad``, a malformed JSONL line
    (naming the lines; nothing from that file is stored).
    """
    run = _Run(ctx, tools or TextTools.load(), published)
    for batch in read_inputs(inputs, options or ReadOptions()):
        for record in batch.items:
            run.take(record)
            if len(run.pending) >= WRITE_BATCH:
                run.flush()
        run.flush()
    return IngestReport(tuple(run.items))


def documents(ctx: Context, ids: Sequence[str]) -> list[Document]:
    """The stored documents with these ids, in the order given; an unknown id is a UserInputError."""
    found = get_documents(ctx.store, ids)
    missing = sorted(set(ids) - {d.doc_id for d in found})
    if missing:
        raise UserInputError(f"unknown document id(s): {', '.join(missing)}; list them with ingest's report")
    return found


def sentences(ctx: Context, doc_id: str) -> list[Sentence]:
    """The sentences of a stored document, in order (offsets into ``Document.text``)."""
    return [s.sentence for s in dated_sentences(ctx, doc_id)]


def dated_sentences(ctx: Context, doc_id: str) -> list[StoredSentence]:
    """The sentences of a stored document with their candidate event dates and precisions."""
    documents(ctx, [doc_id])
    return get_sentences(ctx.store, doc_id)


def ingest_records(report: IngestReport) -> dict[str, Any]:
    """The JSON contract: ``{"summary": {status: count}, "new_doc_ids": [...], "items": [...]}``, each
    item with every field of :class:`IngestItem` (null where it does not apply)."""
    items = [
        {**vars(item), "published": item.published.isoformat() if item.published else None}
        for item in report.items
    ]
    return {"summary": report.summary(), "new_doc_ids": report.new_doc_ids, "items": items}


def ingest_rows(report: IngestReport) -> list[dict[str, Any]]:
    """Flat rows for tables and CSV: source, status, doc_id, sentences, and a title or the reason."""
    return [
        {
            "source": i.source,
            "status": i.status,
            "doc_id": i.doc_id,
            "sentences": i.sentences,
            "detail": i.message if i.status != "ingested" else i.title,
        }
        for i in report.items
    ]


class _Run:
    """One ingest run: the items so far, the documents waiting to be written, and the run's index of
    fingerprints (for duplicates within the run)."""

    def __init__(self, ctx: Context, tools: TextTools, published: date | None) -> None:
        self.ctx = ctx
        self.tools = tools
        self.published = published
        self.items: list[IngestItem] = []
        self.pending: list[tuple[StoredDocument, list[StoredSentence]]] = []
        self.index = DuplicateIndex()

    def flush(self) -> None:
        insert_documents(
            self.ctx.store, [d for d, _ in self.pending], [s for _, group in self.pending for s in group]
        )
        self.pending.clear()

    def take(self, record: RawArticle | InputProblem) -> None:
        if isinstance(record, InputProblem):
            self.items.append(
                IngestItem(record.source, record.status, reason=record.reason, message=record.message)
            )
            return
        self.items.append(self._article(record))

    def _article(self, article: RawArticle) -> IngestItem:
        clean = clean_article(article)
        source = article.source
        if not clean.text.strip():
            what = "no article body in the HTML" if article.markup == "html" else "no prose left after "
            what += "" if article.markup == "html" else "removing boilerplate"
            return IngestItem(source, "skipped", title=clean.title, reason="empty", message=what)
        elsewhere = not_an_article(clean)
        if elsewhere is not None:
            return IngestItem(source, "skipped", title=clean.title, reason="not-article", message=elsewhere)
        guess = self.tools.language.detect(clean.text)
        if not guess.english:
            message = f"not English (detected {guess.describe()}); only English is ingested for now"
            return IngestItem(source, "skipped", title=clean.title, reason="non-english", message=message)
        fp = fingerprint(clean.text)
        duplicate = self._duplicate(article, fp)
        if duplicate is not None:
            return duplicate
        published = clean.published or self.published
        document = Document(
            doc_id=fp.doc_id,
            text=clean.text,
            title=clean.title,
            url=clean.url,
            published=published,
            outlet=clean.outlet,
            sha256=article.sha256,
            language="en",
        )
        split = self.tools.segmenter.split(fp.doc_id, clean.text, published)
        rows = [
            StoredSentence(s.sentence, s.date.date, s.date.precision, s.date.text, s.date.basis)
            for s in split
        ]
        self.pending.append(
            (StoredDocument(document, fp.content_sha256, source, article.external_id, fp.bands), rows)
        )
        self.index.add(fp.doc_id, fp)
        return IngestItem(
            source, "ingested", fp.doc_id, clean.title, published, len(rows), message=article.note
        )

    def _duplicate(self, article: RawArticle, fp: Fingerprint) -> IngestItem | None:
        source = article.source
        stored = find_content(self.ctx.store, fp.content_sha256)
        if stored is not None:
            doc_id, stored_source, stored_sha = stored
            if stored_source == source or stored_sha == article.sha256:
                return IngestItem(source, "unchanged", doc_id, message="already stored; nothing changed")
            return _duplicate_item(source, doc_id, "exact", 1.0)
        match = self.index.match(fp)
        if match is None:
            candidates = near_candidates(self.ctx.store, fp.bands)
            match = best_near_match(fp, ((d, shingles(t)) for d, t in candidates))
        if match is None:
            return None
        return _duplicate_item(source, match.doc_id, match.kind, match.similarity)


def _duplicate_item(source: str, doc_id: str, kind: str, similarity: float) -> IngestItem:
    what = "same text as" if kind == "exact" else f"near duplicate (similarity {similarity:.2f}) of"
    return IngestItem(
        source, "duplicate", reason=kind, message=f"{what} document {doc_id}", duplicate_of=doc_id,
        similarity=round(similarity, 3),
    )  # fmt: skip
