"""The sample corpus in corpus/ is well formed, its gold events point at real text, and it is ours."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from alliancewatch.codes import CountryCodes

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SEED = ROOT.parent / "shared" / "seeds" / "000_8bace14ff467b8ae.txt"
BOILERPLATE_ONLY = {"boilerplate_only_section_front.html", "boilerplate_only_author_profile.html"}
NON_ENGLISH = {"fr_2023-03-11_arabie_saoudite_iran.txt"}
FIRST, LAST = date(2010, 1, 1), date(2025, 12, 31)
JSONL_KEYS = {"id", "title", "text", "published", "outlet", "url"}
MIN_WORDS, MAX_WORDS = 150, 450
RUN = 12  # words in a row that may not be shared with the seed article
HEADER = re.compile(r"Title: (?P<title>.+)\nDate: (?P<date>\d{4}-\d{2}-\d{2})\nOutlet: (?P<outlet>.+)\n\n")


class _ArticleText(HTMLParser):
    """Collects the text inside <article> (minus any <nav> in it, e.g. an in-article table of contents)."""

    def __init__(self) -> None:
        super().__init__()
        self.articles = 0
        self._depth = 0
        self._nav = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.articles += 1
            self._depth += 1
        elif tag == "nav" and self._depth:
            self._nav += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1
        elif tag == "nav" and self._nav:
            self._nav -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and not self._nav:
            self.parts.append(data)


def _article(path: Path) -> _ArticleText:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _txt_body(path: Path) -> tuple[re.Match[str], str]:
    text = path.read_text(encoding="utf-8")
    header = HEADER.match(text)
    assert header, f"{path.name}: missing Title/Date/Outlet header and blank line"
    return header, text[header.end() :]


def _jsonl_rows() -> list[tuple[str, int, dict[str, str]]]:
    rows = []
    for path in sorted((CORPUS / "jsonl").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            rows.append((path.name, n, json.loads(line)))
    return rows


def _in_range(value: str) -> bool:
    return FIRST <= date.fromisoformat(value) <= LAST


def test_at_least_sixty_english_articles() -> None:
    txt = list((CORPUS / "text").glob("*.txt"))
    html = [p for p in (CORPUS / "html").glob("*.html") if _article(p).articles == 1]
    total = len(txt) + len(_jsonl_rows()) + len(html)
    assert total >= 60, total
    assert len(txt) >= 35 and len(html) >= 12 and len(_jsonl_rows()) >= 10


@pytest.mark.parametrize("folder", ["text", "negative"])
def test_plain_text_headers_and_length(folder: str) -> None:
    paths = sorted((CORPUS / folder).glob("*.txt"))
    assert paths
    for path in paths:
        header, body = _txt_body(path)
        assert _in_range(header["date"]), path.name
        assert path.name.startswith(header["date"]) or path.name in NON_ENGLISH, path.name
        words = len(body.split())
        assert MIN_WORDS <= words <= MAX_WORDS, (path.name, words)


def test_jsonl_lines_have_required_keys() -> None:
    rows = _jsonl_rows()
    ids = [row["id"] for _, _, row in rows]
    assert len(ids) == len(set(ids))
    for name, n, row in rows:
        assert set(row) == JSONL_KEYS, (name, n)
        assert all(isinstance(row[k], str) and row[k] for k in JSONL_KEYS), (name, n)
        assert _in_range(row["published"]), (name, n)
        assert re.match(r"https://[a-z.-]+\.example\.org/", row["url"]), (name, n)
        assert MIN_WORDS <= len(row["text"].split()) <= MAX_WORDS, (name, n)


def test_html_pages_have_one_article_except_boilerplate_only() -> None:
    pages = sorted((CORPUS / "html").glob("*.html"))
    assert pages
    for path in pages:
        parsed = _article(path)
        assert parsed.articles == 1, path.name
        words = len(" ".join(parsed.parts).split())
        assert MIN_WORDS <= words <= MAX_WORDS + 40, (path.name, words)  # + title, dek and byline
        page = path.read_text(encoding="utf-8").lower()
        assert "share your thoughts" in page and "author" in page and "table of contents" in page, path.name
        assert "article:published_time" in page, path.name
    for name in BOILERPLATE_ONLY:
        assert _article(CORPUS / "negative" / name).articles == 0, name


def test_negative_examples_are_listed_in_readme() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    negatives = {p.name for p in (CORPUS / "negative").iterdir()}
    assert negatives == BOILERPLATE_ONLY | NON_ENGLISH
    for name in negatives:
        assert f"negative/{name}" in readme, name


def test_readme_table_lists_every_article() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for folder in ("text", "html"):
        for path in (CORPUS / folder).iterdir():
            assert f"`{folder}/{path.name}`" in readme, path.name
    for name, _, row in _jsonl_rows():
        assert f"`jsonl/{name}#{row['id']}`" in readme, row["id"]


def test_expected_events_point_at_real_sentences(codes: CountryCodes) -> None:
    types_csv = resources.files("alliancewatch") / "data" / "plover" / "types.csv"
    types = {row["type"] for row in csv.DictReader(types_csv.read_text(encoding="utf-8").splitlines())}
    lines = (CORPUS / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) >= 20 and len({e["doc"] for e in events}) >= 20
    for e in events:
        path = CORPUS / e["doc"]
        assert path.is_file(), e["id"]
        assert e["sentence"] in _txt_body(path)[1], e["id"]
        assert e["type"] in types, e["id"]
        assert e["source"], e["id"]
        for code in e["source"] + e["target"]:
            assert codes.from_iso3(code) == code, (e["id"], code)
        assert isinstance(e["negated"], bool), e["id"]
        if e["date"] is not None:
            assert _in_range(e["date"]) and e["date_precision"] == "day", e["id"]
    assert any(e["negated"] for e in events) and any(len(e["source"]) > 1 for e in events)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", re.sub(r"<[^>]+>", " ", text).lower().replace("\u2019", "'"))


def test_no_run_of_twelve_words_shared_with_the_seed_article() -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not beside the project")
    seed = _words(SEED.read_text(encoding="utf-8"))
    seed_runs = {tuple(seed[i : i + RUN]) for i in range(len(seed) - RUN + 1)}
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        words = _words(path.read_text(encoding="utf-8"))
        shared = [w for i in range(len(words) - RUN + 1) if (w := tuple(words[i : i + RUN])) in seed_runs]
        assert not shared, (path.name, " ".join(shared[0]))
