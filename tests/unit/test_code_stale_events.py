"""Coding stored documents again replaces their events, also when a document now yields none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from alliancewatch.model import Event
from alliancewatch.services.code import code_ingested, load_coder
from alliancewatch.services.context import Context
from alliancewatch.services.ingest import ingest


class _SilentCoder:
    """A coder after a lexicon change that no longer finds anything (only what code_ingested calls)."""

    def code_stored(
        self, doc_id: str, published: dt.date | None, sentences: Iterable[tuple[int, str]]
    ) -> list[Event]:
        return []


def test_recoding_a_document_with_no_events_left_removes_its_old_events(
    empty_ctx: Context, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Russia delivered S-300 air defence systems to Iran on Tuesday.\n", encoding="utf-8")
    ingest(empty_ctx, [str(article)], published=dt.date(2016, 11, 1))
    coded = dict(code_ingested(empty_ctx, load_coder(empty_ctx.codes), store=True))
    assert [e.type for events in coded.values() for e in events] == ["AID"]
    assert empty_ctx.store.rows("SELECT count(*) FROM text_events") == [(1,)]

    silent: Any = _SilentCoder()
    assert all(not events for _, events in code_ingested(empty_ctx, silent, store=True))
    assert empty_ctx.store.rows("SELECT count(*) FROM text_events") == [(0,)]
