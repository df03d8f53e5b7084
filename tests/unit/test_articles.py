"""Reading article inputs: encodings, binary, size limits, JSONL with line numbers, feeds, directories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from alliancewatch.errors import UserInputError
from alliancewatch.sources.articles import (
    InputProblem,
    RawArticle,
    ReadOptions,
    check_inputs,
    parse_published,
    read_inputs,
)
from alliancewatch.sources.decoding import UndecodableError, decode

TEXT = "Russia’s foreign minister met his Iranian counterpart in Moscow on Tuesday, officials said."


def _read(*paths: Path | str, **options: Any) -> list[RawArticle | InputProblem]:
    batches = read_inputs([str(p) for p in paths], ReadOptions(**options))
    return [item for batch in batches for item in batch.items]


# --- decoding ---------------------------------------------------------------------------------------------
def test_utf8_is_read_as_is() -> None:
    decoded = decode(TEXT.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.note) == (TEXT, "utf-8", None)


def test_windows_1252_is_recognised_with_a_note() -> None:
    decoded = decode(TEXT.encode("cp1252"))
    assert decoded.text == TEXT
    assert decoded.note == "not valid UTF-8; decoded as cp1252"


def test_utf16_with_and_without_bom() -> None:
    assert decode(TEXT.encode("utf-16")).text == TEXT
    assert decode(TEXT.encode("utf-16-le")).text == TEXT
    assert decode(TEXT.encode("utf-16-be")).text == TEXT


def test_mojibake_is_repaired() -> None:
    garbled = TEXT.encode("utf-8").decode("cp1252")  # "Russiaâ€™s"
    decoded = decode(garbled.encode("utf-8"))
    assert decoded.text == TEXT
    assert decoded.note is not None and "repaired" in decoded.note


def test_declared_charset_is_used() -> None:
    page = '<html><head><meta charset="koi8-r"></head><body>Москва</body></html>'
    assert "Москва" in decode(page.encode("koi8-r")).text


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), bytes(64)])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(UndecodableError) as info:
        decode(data)
    assert info.value.reason == "binary"


def test_control_characters_are_refused() -> None:
    with pytest.raises(UndecodableError) as info:
        decode(bytes(range(1, 32)) * 20)
    assert info.value.reason == "binary"


def test_garbage_that_is_not_utf8_is_mis_encoded() -> None:
    with pytest.raises(UndecodableError) as info:
        decode(b"\x81\x8d" + bytes(range(1, 32)) * 20)  # not UTF-8, and Latin-1 gives control characters
    assert info.value.reason == "mis-encoded"


# --- files ------------------------------------------------------------------------------------------------
def test_plain_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    items = _read(tmp_path / "a.txt", tmp_path / "b.html")
    assert [(type(i).__name__, getattr(i, "markup", None)) for i in items] == [
        ("RawArticle", "text"),
        ("RawArticle", "html"),
    ]
    first = items[0]
    assert isinstance(first, RawArticle) and len(first.sha256) == 64 and first.body == TEXT


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(f"<!DOCTYPE html><html><body><p>{TEXT}</p></body></html>")
    item = _read(tmp_path / "page")[0]
    assert isinstance(item, RawArticle) and item.markup == "html"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"\x00\x01\x02binary\x00" * 100, "binary")],
)
def test_empty_and_binary_files_are_skipped(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    [item] = _read(path)
    assert isinstance(item, InputProblem) and (item.status, item.reason) == ("skipped", reason)


def test_a_100_mb_file_is_skipped_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 100 MB written to disk
        fh.truncate(100_000_000)
    [item] = _read(path)
    assert isinstance(item, InputProblem) and item.reason == "too-large"
    assert item.message == "too large (100.0 MB, over the 20.0 MB limit; raise it with --max-bytes)"
    [small_limit] = _read(path, max_bytes=1000)
    assert isinstance(small_limit, InputProblem) and "over the 0.0 MB limit" in small_limit.message


def test_directories_are_walked_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT)
    (tmp_path / "1.md").write_text(TEXT)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(TEXT)
    items = _read(tmp_path)
    assert [i.source for i in items] == [str(tmp_path / p) for p in ("1.md", "b/2.txt", "photo.jpg")]
    assert isinstance(items[2], InputProblem) and items[2].reason == "unsupported"


def test_missing_paths_are_refused_before_reading() -> None:
    with pytest.raises(UserInputError, match=r"no such file or directory: nope\.txt"):
        check_inputs(["nope.txt"])
    with pytest.raises(UserInputError, match="nothing to ingest"):
        check_inputs([])


# --- JSONL ------------------------------------------------------------------------------------------------
def _jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_with_metadata(tmp_path: Path) -> None:
    record = {"id": 7, "text": TEXT, "url": "https://x.example/a", "published": "2025-06-20", "outlet": "X"}
    html = {"html": f"<p>{TEXT}</p>", "date": "Fri, 20 Jun 2025 10:00:00 GMT", "title": "T"}
    path = _jsonl(tmp_path, json.dumps(record), "", json.dumps(html))
    first, second = _read(path)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.source, first.external_id, first.published, first.outlet) == (
        f"{path}:1",
        "7",
        date(2025, 6, 20),
        "X",
    )
    assert (second.source, second.markup, second.published, second.title) == (
        f"{path}:3",
        "html",
        date(2025, 6, 20),
        "T",
    )


def test_malformed_jsonl_names_the_lines_and_stops(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        json.dumps({"text": TEXT}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": 5}),
        json.dumps({"text": TEXT, "published": "last Tuesday"}),
    )
    with pytest.raises(UserInputError) as info:
        _read(path)
    message = info.value.message
    assert "5 malformed JSONL line(s)" in message
    for part in (
        "line 2: invalid JSON",
        "line 3: expected a JSON object",
        "line 4: needs a 'text' or an 'html' field",
        "line 5: field 'text' must be a string",
        "line 6: cannot read 'last Tuesday' as a date",
        "nothing from this file was stored",
        "--skip-bad",
    ):
        assert part in message


def test_skip_bad_counts_bad_lines_and_keeps_the_good(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, json.dumps({"text": TEXT}), "{not json", json.dumps({"text": ""}))
    items = _read(path, skip_bad=True)
    assert [type(i).__name__ for i in items] == ["RawArticle", "InputProblem", "InputProblem"]
    assert [(i.source, i.reason) for i in items if isinstance(i, InputProblem)] == [
        (f"{path}:2", "malformed"),
        (f"{path}:3", "empty"),
    ]


def test_an_oversized_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, json.dumps({"text": "x" * 5000}), json.dumps({"text": TEXT}))
    items = _read(path, max_bytes=1000)
    assert isinstance(items[0], InputProblem) and items[0].reason == "too-large"
    assert isinstance(items[1], RawArticle) and items[1].source == f"{path}:2"


def test_parse_published() -> None:
    assert parse_published("2025-06-20T23:30:00Z") == date(2025, 6, 20)
    assert parse_published("Fri, 20 Jun 2025 10:00:00 +0000") == date(2025, 6, 20)
    assert parse_published(None) is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_published("June-ish")


# --- feeds ------------------------------------------------------------------------------------------------
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Putin calls Pezeshkian</title><link>https://wire.example/1</link><guid>w-1</guid>
<pubDate>Sun, 15 Jun 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Putin condemned the Israeli strikes in a call with Pezeshkian.&lt;/p&gt;
</description></item>
<item><title>Empty</title><link>https://wire.example/2</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Deal signed</title><link href="https://atom.example/1"/><id>a-1</id>
<updated>2025-01-17T12:00:00Z</updated>
<content type="html">&lt;p&gt;Russia and Iran signed a treaty in Moscow.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries_are_articles_with_feed_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, RawArticle)
    assert (first.source, first.url, first.title, first.published, first.outlet, first.external_id) == (
        f"{path}#1",
        "https://wire.example/1",
        "Putin calls Pezeshkian",
        date(2025, 6, 15),
        "Example Wire",
        "w-1",
    )
    assert first.markup == "html" and "Putin condemned" in first.body
    assert isinstance(second, InputProblem) and second.reason == "empty"


def test_atom_feed_is_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    [entry] = _read(path)
    assert isinstance(entry, RawArticle)
    assert (entry.published, entry.outlet, entry.body) == (
        date(2025, 1, 17),
        "Atom Wire",
        "<p>Russia and Iran signed a treaty in Moscow.</p>",
    )


def test_a_broken_feed_is_a_counted_skip(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("this is not xml at all", encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, InputProblem) and item.reason == "malformed"
