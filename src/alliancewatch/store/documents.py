"""SQL over the ingested articles: ``documents`` and ``sentences`` (migration 4 of store/schema.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from alliancewatch.model import Document, Sentence
from alliancewatch.store.db import Store

_DOCUMENT_COLUMNS = "doc_id, text, title, url, published, outlet, sha256, language"


@dataclass(frozen=True)
class StoredDocument:
    """A document as written: the model's fields plus where it came from (``source``, the input's own
    ``external_id``), the normalised-text digest and the LSH band hashes used to find duplicates."""

    document: Document
    content_sha256: str
    source: str
    external_id: str | None
    lsh_bands: tuple[int, ...]


@dataclass(frozen=True)
class StoredSentence:
    """A sentence with its candidate event date (``basis``: expression, published or none)."""

    sentence: Sentence
    date: date | None
    date_precision: str | None
    date_text: str | None
    date_basis: str


def find_content(store: Store, content_sha256: str) -> tuple[str, str, str] | None:
    """(doc_id, source, sha256 of the raw bytes) of the stored document with this normalised text."""
    rows = store.rows(
        "SELECT doc_id, source, sha256 FROM documents WHERE content_sha256 = ?", [content_sha256]
    )
    return (str(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else None


def near_candidates(store: Store, bands: Sequence[int]) -> list[tuple[str, str]]:
    """(doc_id, text) of stored documents that share at least one LSH band hash with ``bands``."""
    rows = store.rows(
        "SELECT doc_id, text FROM documents WHERE list_has_any(lsh_bands, ?::UBIGINT[]) ORDER BY doc_id",
        [list(bands)],
    )
    return [(str(d), str(t)) for d, t in rows]


def insert_documents(
    store: Store, docs: Sequence[StoredDocument], sentences: Sequence[StoredSentence]
) -> None:
    """Write documents and their sentences in one transaction (all or nothing)."""
    if not docs:
        return
    now = datetime.now()
    doc_table = pa.table(
        {
            "doc_id": [d.document.doc_id for d in docs],
            "title": [d.document.title for d in docs],
            "url": [d.document.url for d in docs],
            "published": pa.array([d.document.published for d in docs], pa.date32()),
            "outlet": [d.document.outlet for d in docs],
            "text": [d.document.text for d in docs],
            "sha256": [d.document.sha256 for d in docs],
            "content_sha256": [d.content_sha256 for d in docs],
            "language": [d.document.language for d in docs],
            "source": [d.source for d in docs],
            "external_id": pa.array([d.external_id for d in docs], pa.string()),
            "lsh_bands": pa.array([list(d.lsh_bands) for d in docs], pa.list_(pa.uint64())),
            "ingested_at": pa.array([now] * len(docs), pa.timestamp("us")),
        }
    )
    sent_table = pa.table(
        {
            "doc_id": pa.array([s.sentence.doc_id for s in sentences], pa.string()),
            "idx": pa.array([s.sentence.index for s in sentences], pa.int32()),
            "text": pa.array([s.sentence.text for s in sentences], pa.string()),
            "start_char": pa.array([s.sentence.start for s in sentences], pa.int32()),
            "end_char": pa.array([s.sentence.end for s in sentences], pa.int32()),
            "date": pa.array([s.date for s in sentences], pa.date32()),
            "date_precision": pa.array([s.date_precision for s in sentences], pa.string()),
            "date_text": pa.array([s.date_text for s in sentences], pa.string()),
            "date_basis": pa.array([s.date_basis for s in sentences], pa.string()),
        }
    )
    with store.write() as con:
        for name, table in (("documents", doc_table), ("sentences", sent_table)):
            con.register("_incoming", table)
            columns = ", ".join(table.column_names)
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM _incoming")
            con.unregister("_incoming")


def get_documents(store: Store, ids: Sequence[str]) -> list[Document]:
    """The stored documents with these ids, in the order asked (unknown ids are left out)."""
    rows = store.rows(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE list_contains(?, doc_id)", [list(ids)]
    )
    found = {str(r[0]): _document(r) for r in rows}
    return [found[i] for i in ids if i in found]


def list_documents(store: Store, limit: int | None = None) -> list[Document]:
    """Every stored document (the newest ingested first), at most ``limit``."""
    rows = store.rows(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY ingested_at DESC, doc_id LIMIT ?", [limit]
    )
    return [_document(r) for r in rows]


def get_sentences(store: Store, doc_id: str) -> list[StoredSentence]:
    """The sentences of one document in order, with their candidate dates."""
    rows = store.rows(
        "SELECT doc_id, idx, text, start_char, end_char, date, date_precision, date_text, date_basis "
        "FROM sentences WHERE doc_id = ? ORDER BY idx",
        [doc_id],
    )
    return [
        StoredSentence(Sentence(str(d), int(i), str(t), int(s), int(e)), when, precision, expr, str(basis))
        for d, i, t, s, e, when, precision, expr, basis in rows
    ]


def _document(row: tuple[Any, ...]) -> Document:
    doc_id, text, title, url, published, outlet, sha256, language = row
    return Document(str(doc_id), str(text), title, url, published, outlet, sha256, language)
