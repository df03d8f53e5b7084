"""Ingest end to end: the seed article, re-ingest, duplicates, bad input, JSONL, URLs and the CLI."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.errors import UserInputError
from alliancewatch.services import (
    Context,
    dated_sentences,
    documents,
    ingest,
    ingest_records,
    open_context,
    sentences,
)
from alliancewatch.sources.articles import ReadOptions
from alliancewatch.text.pipeline import TextTools

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED = SEEDS / "000_8bace14ff467b8ae.txt"
PUBLISHED = date(2025, 6, 20)
ENGLISH = (
    "Russia and Iran signed a strategic partnership treaty in Moscow on Friday, officials said. The treaty "
    "has no mutual defence clause, unlike the one Moscow signed with North Korea last year."
)
PAGE = (
    "<html><head><title>Putin condemns strikes | Wire</title><meta property='og:site_name' content='Wire'>"
    "<meta property='article:published_time' content='2025-06-16'></head><body><nav><a href='/'>Home</a>"
    "</nav><article><p>Russian President Vladimir Putin condemned the Israeli strikes on Iran in a phone "
    "call with Masoud Pezeshkian on Sunday, the Kremlin said.</p><p>Moscow offered to mediate between the "
    "two sides but did not mention military support, according to the statement.</p></article>"
    "<section class='comments'><p>Great piece, thanks for writing it.</p></section></body></html>"
)


@pytest.fixture(scope="module")
def tools() -> TextTools:
    return TextTools.load()


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    context = open_context(load_config(db=tmp_path / "aw.duckdb"))
    yield context
    context.close()


@pytest.fixture(scope="module")
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not beside the project")
    return SEED


def _count(ctx: Context, table: str) -> int:
    return ctx.store.count(table)


def test_seed_is_stored_with_clean_text_and_dated_sentences(
    ctx: Context, tools: TextTools, seed: Path
) -> None:
    report = ingest(ctx, [str(seed)], published=PUBLISHED, tools=tools)
    assert report.summary() == {"ingested": 1, "unchanged": 0, "duplicate": 0, "skipped": 0, "error": 0}
    [doc] = documents(ctx, report.new_doc_ids)
    assert doc.title == "Iran And Russia: Unpacking A Shifting Geopolitical Alliance"
    assert doc.sha256 == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert (doc.language, doc.published) == ("en", PUBLISHED)
    for boilerplate in (
        "Missouri Jerde",
        "Table of Contents",
        "The Daily Caller",
        "comments below",
        "tiktok",
    ):
        assert boilerplate not in doc.text
    sents = sentences(ctx, doc.doc_id)
    assert len(sents) == report.items[0].sentences > 60
    for s in sents:
        assert doc.text[s.start : s.end] == s.text
    dated = {d.sentence.text: d for d in dated_sentences(ctx, doc.doc_id)}
    bushehr = next(d for t, d in dated.items() if "Bushehr" in t)
    assert (bushehr.date, bushehr.date_precision, bushehr.date_text) == (date(2013, 1, 1), "year", "2013")
    strikes = next(d for t, d in dated.items() if "June 15, 2025" in t)
    assert (strikes.date, strikes.date_precision) == (date(2025, 6, 15), "day")
    call = next(d for t, d in dated.items() if "June 2025 phone call" in t)
    assert (call.date, call.date_precision) == (date(2025, 6, 1), "month")


def test_reingest_changes_nothing_and_copies_are_duplicates(
    ctx: Context, tools: TextTools, seed: Path, tmp_path: Path
) -> None:
    first = ingest(ctx, [str(seed)], published=PUBLISHED, tools=tools)
    rows = (_count(ctx, "documents"), _count(ctx, "sentences"))
    again = ingest(ctx, [str(seed)], published=PUBLISHED, tools=tools)
    assert [i.status for i in again.items] == ["unchanged"]
    assert again.items[0].doc_id == first.new_doc_ids[0] and again.new_doc_ids == []
    copy = tmp_path / "copy.txt"
    copy.write_text(seed.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    shortened = tmp_path / "shortened.txt"
    paragraphs = seed.read_text(encoding="utf-8").split("\n\n")
    shortened.write_text("\n\n".join(p for p in paragraphs if "Bushehr" not in p), encoding="utf-8")
    dupes = ingest(ctx, [str(copy), str(shortened)], published=PUBLISHED, tools=tools)
    assert [(i.status, i.reason, i.duplicate_of) for i in dupes.items] == [
        ("duplicate", "exact", first.new_doc_ids[0]),
        ("duplicate", "near", first.new_doc_ids[0]),
    ]
    assert 0.8 <= (dupes.items[1].similarity or 0) < 1
    assert (_count(ctx, "documents"), _count(ctx, "sentences")) == rows


def test_bad_inputs_are_counted_skips_and_store_nothing(
    ctx: Context, tools: TextTools, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "inputs"
    tmp_path.mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.truncate(100_000_000)
    (tmp_path / "french.txt").write_text(
        "La Russie et l'Iran ont signé un traité de partenariat stratégique à Moscou vendredi, selon des "
        "responsables. Le traité ne contient pas de clause de défense mutuelle.",
        encoding="utf-8",
    )
    (tmp_path / "nobody.html").write_text(
        "<html><head><title>T</title></head><body><nav>Home</nav></body></html>"
    )
    (tmp_path / "latin1.txt").write_bytes(ENGLISH.replace("officials", "officiels café").encode("latin-1"))
    report = ingest(ctx, [str(tmp_path)], tools=tools)
    by_name = {Path(i.source).name: i for i in report.items}
    assert {n: (i.status, i.reason) for n, i in by_name.items()} == {
        "binary.txt": ("skipped", "binary"),
        "empty.txt": ("skipped", "empty"),
        "french.txt": ("skipped", "non-english"),
        "huge.txt": ("skipped", "too-large"),
        "latin1.txt": ("ingested", None),
        "nobody.html": ("skipped", "empty"),
    }
    assert "not English (detected fr" in (by_name["french.txt"].message or "")
    assert by_name["latin1.txt"].message == "not valid UTF-8; decoded as cp1252"
    assert "café" in documents(ctx, report.new_doc_ids)[0].text
    assert _count(ctx, "documents") == 1


def test_malformed_jsonl_stops_unless_skip_bad(ctx: Context, tools: TextTools, tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    good = {"id": "a1", "text": ENGLISH, "published": "2025-01-17", "outlet": "Wire"}
    path.write_text(
        "\n".join([json.dumps(good), "{broken", json.dumps({"id": "a2", "text": ENGLISH.upper()})]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(UserInputError, match=r"line 2: invalid JSON"):
        ingest(ctx, [str(path)], tools=tools)
    assert _count(ctx, "documents") == 0
    report = ingest(ctx, [str(path)], ReadOptions(skip_bad=True), tools=tools)
    assert [(i.source, i.status, i.reason) for i in report.items] == [
        (f"{path}:1", "ingested", None),
        (f"{path}:2", "skipped", "malformed"),
        (f"{path}:3", "duplicate", "exact"),  # same text in other case: the same document
    ]
    [doc] = documents(ctx, report.new_doc_ids)
    assert (doc.published, doc.outlet) == (date(2025, 1, 17), "Wire")
    first = dated_sentences(ctx, doc.doc_id)[0]
    assert (first.date, first.date_precision, first.date_text) == (date(2025, 1, 17), "day", "Friday")
    records = ingest_records(report)
    assert records["summary"]["ingested"] == 1 and records["new_doc_ids"] == report.new_doc_ids


def test_notebook_ingest_and_sentences(ctx: Context, tmp_path: Path) -> None:
    from alliancewatch.notebook import Observatory

    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    obs = Observatory(ctx)
    frame = obs.ingest(str(path), published="2025-01-17")
    assert list(frame["status"]) == ["ingested"]
    assert frame.attrs["summary"]["ingested"] == 1
    sents = obs.sentences(frame.attrs["new_doc_ids"][0])
    assert list(sents["index"]) == [0, 1]
    assert list(sents["date_basis"]) == ["expression", "expression"]  # "on Friday", "last year"
    assert list(sents["date_precision"]) == ["day", "year"]


def test_unknown_document_ids_are_a_clear_error(ctx: Context) -> None:
    with pytest.raises(UserInputError, match="unknown document id"):
        documents(ctx, ["nope"])


# --- URLs -------------------------------------------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path not in self.pages:
            self.send_error(404)
            return
        content_type, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    base_holder: list[str] = []
    feed = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Call</title>"
        "<link>{base}/page</link><pubDate>Mon, 16 Jun 2025 08:00:00 GMT</pubDate>"
        "<description>Putin spoke to Pezeshkian by phone on Sunday.</description></item></channel></rss>"
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    base_holder.append(base)
    _Handler.pages = {
        "/page": ("text/html; charset=utf-8", PAGE.encode()),
        "/feed": ("application/rss+xml", feed.format(base=base).encode()),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_port() -> Iterator[int]:
    # accepts connections (the kernel's backlog) but never answers: a read timeout
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    yield int(sock.getsockname()[1])
    sock.close()


def test_urls_and_feeds(ctx: Context, tools: TextTools, server: str) -> None:
    report = ingest(ctx, [f"{server}/page", f"{server}/missing"], tools=tools)
    page, missing = report.items
    assert (page.status, page.title, page.published) == (
        "ingested",
        "Putin condemns strikes",
        date(2025, 6, 16),
    )
    [doc] = documents(ctx, [page.doc_id or ""])
    assert (doc.url, doc.outlet) == (f"{server}/page", "Wire")
    assert "Great piece" not in doc.text and "Home" not in doc.text
    assert (missing.status, missing.reason, missing.message) == ("error", "unreachable", "HTTP 404")
    followed = ingest(ctx, [f"{server}/feed"], ReadOptions(follow_links=True), tools=tools)
    [entry] = followed.items  # the entry's page is the page already stored: the same bytes
    assert (entry.source, entry.status, entry.doc_id) == (f"{server}/feed#1", "unchanged", page.doc_id)
    teaser = ingest(ctx, [f"{server}/feed"], tools=tools).items[0]
    assert (teaser.status, teaser.title, teaser.published) == ("ingested", "Call", date(2025, 6, 16))


def test_unreachable_url_times_out_with_one_line(ctx: Context, tools: TextTools, silent_port: int) -> None:
    url = f"http://127.0.0.1:{silent_port}/x"
    report = ingest(ctx, [url], ReadOptions(timeout=0.3), tools=tools)
    [item] = report.items
    assert (item.status, item.reason, item.message) == ("error", "unreachable", "timed out after 0.3 s")


# --- CLI --------------------------------------------------------------------------------------------------
def test_cli_json_contract_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    assert main(["--db", db, "ingest", str(article), "--published", "2025-01-17", "-f", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"] == {"ingested": 1, "unchanged": 0, "duplicate": 0, "skipped": 0, "error": 0}
    [item] = out["items"]
    assert set(item) == {
        "source", "status", "doc_id", "title", "published", "sentences", "reason", "message", "duplicate_of",
        "similarity",
    }  # fmt: skip
    assert item["published"] == "2025-01-17" and item["sentences"] == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok text here"}\n{oops\n', encoding="utf-8")
    assert main(["--db", db, "ingest", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 2: invalid JSON" in err and "Traceback" not in err
    assert main(["--db", db, "ingest", str(tmp_path / "missing.txt")]) == 2
    assert "no such file or directory" in capsys.readouterr().err
    assert main(["--db", db, "ingest", str(article), "--max-bytes", "lots"]) == 2
    assert "--max-bytes must be a size" in capsys.readouterr().err


def test_cli_unreachable_url_exit_code(
    tmp_path: Path, silent_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.duckdb")
    url = f"http://127.0.0.1:{silent_port}/x"
    assert main(["--db", db, "ingest", url, "--timeout", "0.3"]) == 5
    captured = capsys.readouterr()
    assert captured.err == f"error[AW400]: {url}: timed out after 0.3 s\n"
    assert "error: 1" in captured.out
