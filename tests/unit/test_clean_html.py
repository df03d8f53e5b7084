"""HTML cleaning: trafilatura with comments off, metadata, then the boilerplate filter."""

from __future__ import annotations

from datetime import date

from alliancewatch.sources.articles import RawArticle
from alliancewatch.text.clean import CleanText, clean_article, clean_html, clean_plain, not_an_article

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Russia and Iran sign partnership treaty | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2025-01-18T09:30:00Z">
<meta name="author" content="Jane Example">
</head>
<body>
<header>
<nav>
<ul>
<li>
<a href="/">Home</a>
</li>
<li>
<a href="/world">World</a>
</li>
<li>
<a href="/opinion">Opinion</a>
</li>
</ul>
</nav>
</header>
<main>
<article>
<h1>Russia and Iran sign partnership treaty</h1>
<div class="toc">
<h2>Table of Contents</h2>
<ul>
<li>
<a href="#a">What the treaty says</a>
</li>
<li>
<a href="#b">What it leaves out</a>
</li>
</ul>
</div>
<p>Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed a comprehensive
strategic partnership treaty in Moscow on Friday, the Kremlin said.</p>
<h2 id="a">What the treaty says</h2>
<p>The agreement covers trade, energy and military cooperation and is meant to last twenty years,
according to the published text.</p>
<h2 id="b">What it leaves out</h2>
<p>Unlike Russia's treaty with North Korea, it contains no mutual defence clause, officials in both
capitals confirmed last week.</p>
<p>What do you think about this treaty? Share your thoughts in the comments below.</p>
</article>
<aside class="related">
<h3>Related</h3>
<ul>
<li>
<a href="/x">Iran receives Su-35 jets</a>
</li>
<li>
<a href="/y">Israel strikes Tehran</a>
</li>
</ul>
</aside>
<div class="author-card">
<p>Jane Example</p>
<p>Email: jane@example.com</p>
<p>Phone: +1 555 0100</p>
</div>
<section id="comments" class="comments">
<h3>Comments</h3>
<div class="comment">
<p>This is a terrible deal for everyone involved, Russia will betray Iran.</p>
</div>
</section>
</main>
<footer>
<p>© 2025 Example Wire. All rights reserved.</p>
<a href="https://twitter.com/x">Twitter</a>
</footer>
</body>
</html>"""


def test_page_keeps_the_article_only() -> None:
    cleaned = clean_html(PAGE, "https://wire.example/2025/treaty")
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith(
        "Russian President Vladimir Putin and Iranian President Masoud Pezeshkian"
    )
    assert paragraphs[2].endswith("officials in both capitals confirmed last week.")
    for gone in (
        "Home",
        "Table of Contents",
        "What the treaty says",
        "Related",
        "Su-35",
        "jane@example.com",
        "terrible deal",
        "Share your thoughts",
        "What do you think",
        "All rights reserved",
        "Twitter",
    ):
        assert gone not in cleaned.text, gone


def test_page_metadata() -> None:
    cleaned = clean_html(PAGE, "https://wire.example/2025/treaty")
    assert cleaned.title == "Russia and Iran sign partnership treaty"
    assert cleaned.published == date(2025, 1, 18)
    assert cleaned.outlet == "Example Wire"
    assert cleaned.url == "https://wire.example/2025/treaty"


def test_outlet_falls_back_to_the_host() -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Example Wire">', "")
    page = page.replace(" | Example Wire", "")
    assert clean_html(page, "https://news.example.org/a").outlet == "news.example.org"


def test_body_less_html_is_empty() -> None:
    page = "<html><head><title>Only a title</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    assert clean_html(page).text == ""
    assert clean_html("<html><body></body></html>").text == ""


def test_a_fragment_from_a_feed_is_read() -> None:
    cleaned = clean_html("<p>Russia delivered S-300 systems to Iran in 2016, the ministry said.</p>")
    assert cleaned.text == "Russia delivered S-300 systems to Iran in 2016, the ministry said."


def test_metadata_given_with_the_article_wins() -> None:
    article = RawArticle(
        source="x.jsonl:1", body=PAGE, markup="html", sha256="0" * 64, title="Given title",
        published=date(2025, 1, 20), outlet="Given outlet",
    )  # fmt: skip
    cleaned = clean_article(article)
    assert (cleaned.title, cleaned.published, cleaned.outlet) == (
        "Given title",
        date(2025, 1, 20),
        "Given outlet",
    )
    assert cleaned.text.startswith("Russian President")


def test_pages_that_are_not_articles() -> None:
    profile = PAGE.replace("<head>", '<head><meta property="og:type" content="profile">', 1)
    assert not_an_article(clean_html(profile)) == "the page says it is a profile page, not an article"
    teaser = CleanText("Kyiv appeals to allies for more air defence systems.", pagetype="website")
    assert not_an_article(teaser) == "a home or section page (og:type website) with no article body"
    long_site_page = CleanText(" ".join(["Russia and Iran signed a treaty."] * 20), pagetype="website")
    assert not_an_article(long_site_page) is None
    article = clean_html(PAGE.replace("<head>", '<head><meta property="og:type" content="article">', 1))
    assert article.pagetype == "article" and not_an_article(article) is None


def test_plain_text_header_gives_metadata() -> None:
    header = "Title: Putin Lifts Ban\nDate: 2015-04-13\nOutlet: Example Desk\nAuthor: A. Writer\n"
    text = header + "\nPutin lifted the ban."
    cleaned = clean_plain(text)
    assert (cleaned.title, cleaned.published, cleaned.outlet) == (
        "Putin Lifts Ban",
        date(2015, 4, 13),
        "Example Desk",
    )
    assert cleaned.text == "Putin lifted the ban."
    assert cleaned.dropped["metadata"] == 4 and "Writer" not in cleaned.text


def test_front_matter_between_fences_and_prose_with_a_label() -> None:
    fenced = clean_plain("---\ntitle: A deal\nurl: https://x.example/a\n---\nRussia said it would help Iran.")
    assert (fenced.title, fenced.url, fenced.text) == (
        "A deal",
        "https://x.example/a",
        "Russia said it would help Iran.",
    )
    prose = "Note: the ministry said the talks were over, officials added."
    assert clean_plain(prose).text == prose
