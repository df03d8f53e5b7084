"""The plain-text boilerplate filter: on hand-made captures, and on the seed article in ../shared/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliancewatch.text.boilerplate import strip_boilerplate
from alliancewatch.text.clean import clean_plain

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_8bace14ff467b8ae.txt"

CAPTURE = """Russia And Iran Sign A Treaty

Table of Contents

Background Of The Deal

Russia and Iran signed a strategic partnership treaty in Moscow on January 17, 2025.

The treaty has no mutual defence clause, officials said. Share your thoughts in the comments below.

Related Coverage

Putin Meets Pezeshkian In Moscow

Putin Meets Pezeshkian In Moscow

https://example.com/a https://example.com/b

***

About the author
• Name : Jane Example
• Email : jane@example.com
• Bio : Writes about things. Lives somewhere nice.

Follow us
twitter: @example
"""


def test_capture_keeps_only_the_prose() -> None:
    result = strip_boilerplate(CAPTURE)
    assert result.text.split("\n\n") == [
        "Russia and Iran signed a strategic partnership treaty in Moscow on January 17, 2025.",
        "The treaty has no mutual defence clause, officials said.",
    ]
    assert result.title == "Russia And Iran Sign A Treaty"
    assert result.trimmed == ("Share your thoughts in the comments below.",)


def test_capture_says_why_each_line_went() -> None:
    reasons = {v.text: v.reason for v in strip_boilerplate(CAPTURE).lines}
    assert reasons["Table of Contents"] == "toc"
    assert reasons["Background Of The Deal"] == "toc"
    assert reasons["Related Coverage"] == "heading"
    assert reasons["Putin Meets Pezeshkian In Moscow"] == "repeated"
    assert reasons["https://example.com/a https://example.com/b"] == "links"
    assert reasons["***"] == "separator"
    assert reasons["• Bio : Writes about things. Lives somewhere nice."] == "author-card"
    assert reasons["twitter: @example"] == "social"


@pytest.mark.parametrize(
    "line",
    [
        "Moscow denied it.",  # short sentences are prose
        "Russia and China vetoed the resolution.",
        "“We will respond,” the Iranian foreign minister said.",
        "Is Russia ready to defend Iran? Officials in Moscow say no.",
    ],
)
def test_short_news_sentences_are_kept(line: str) -> None:
    assert strip_boilerplate(line).text == line


@pytest.mark.parametrize(
    "sentence",
    [
        "What are your thoughts on this?",
        "Subscribe to our newsletter for daily updates.",
        "For more analysis, explore other articles on our site.",
        "Don't forget to share this article with your friends.",
    ],
)
def test_engagement_sentences_are_cut_from_paragraphs(sentence: str) -> None:
    paragraph = f"Iran and Russia held talks in Tehran on Monday. {sentence}"
    result = strip_boilerplate(paragraph)
    assert result.text == "Iran and Russia held talks in Tehran on Monday."
    assert result.trimmed == (sentence,)


def test_news_verbs_that_look_like_prompts_survive() -> None:
    text = "Moscow and Tehran share views on Syria. Iran did not sign up to the treaty."
    assert strip_boilerplate(text).text == text


def test_headline_glued_to_a_paragraph_is_cut_and_counts_as_seen() -> None:
    headline = "Iran Strikes Back | The Daily Example"
    text = f"The talks ended on Friday. {headline}\n\n{headline}"
    result = strip_boilerplate(text)
    assert result.text == "The talks ended on Friday."
    assert [v.reason for v in result.lines] == ["prose", "repeated"]


def test_hard_wrapped_paragraphs_are_joined_but_headline_lists_are_not() -> None:
    wrapped = (
        "Russia and Iran signed a comprehensive strategic partnership treaty in\n"
        "Moscow on Friday, but the text contains no mutual defence clause, unlike\n"
        "the treaty Russia signed with North Korea last year.\n\n"
        "Related\n"
        "Israel Strikes Targets Near Damascus Overnight\n"
        "Houthis Claim New Attack\n"
        "Iran Receives First Batch of Russian Jets, Reports Say"
    )
    result = strip_boilerplate(wrapped)
    assert result.text == (
        "Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday, but the "
        "text contains no mutual defence clause, unlike the treaty Russia signed with North Korea last year."
    )
    assert [v.number for v in result.lines] == [1, 5, 6, 7, 8]


def test_markdown_emphasis_and_inline_breaks_are_removed() -> None:
    result = strip_boilerplate("**Russia supplied drones.** Iran paid. *** Both denied it.")
    assert result.text == "Russia supplied drones. Iran paid. Both denied it."


def test_clean_plain_counts_lines() -> None:
    cleaned = clean_plain(CAPTURE)
    assert (cleaned.kept_lines, cleaned.dropped_lines) == (2, 14)
    assert cleaned.dropped["author-card"] == 4


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not beside the project")
    return SEED.read_text(encoding="utf-8")


def test_seed_keeps_the_analysis_and_drops_the_page(seed: str) -> None:
    result = strip_boilerplate(seed)
    paragraphs = result.text.split("\n\n")
    assert result.title == "Iran And Russia: Unpacking A Shifting Geopolitical Alliance"
    # the 14 analysis paragraphs, in order, start to end
    assert len(paragraphs) == 14
    assert paragraphs[0].startswith("In the intricate tapestry of global geopolitics")
    assert paragraphs[-1].endswith("particularly in the face of perceived Western pressure.")
    for claim in (
        "Russia built Iran’s first nuclear power plant in the port of Bushehr, which became operational",
        "Russian President Vladimir Putin condemned Israeli actions against Iran in a June 2025 phone call.",
        "Russia declined to give military support to Iran against Israel",
        "have previously shielded Tehran from punitive resolutions at the UN Security Council.",
    ):
        assert claim in result.text
    # every line that is not prose is gone: headings, TOC, related headlines, the author card, socials
    for verdict in result.lines:
        if not verdict.kept:
            assert verdict.text not in result.text, verdict
    for boilerplate in (
        "Table of Contents",
        "The Daily Caller",
        "Missouri Jerde",
        "dglover@jast.com",
        "Facilis animi",
        "facebook",
        "tiktok",
        "Share your insights in the comments below",
        "What are your thoughts",
        "explore other articles on our site",
        "***",
    ):
        assert boilerplate not in result.text, boilerplate
    assert (result.kept, result.dropped) == (14, 33)
    assert result.reasons() == {
        "title": 1,
        "toc": 2,
        "heading": 12,
        "repeated": 5,
        "author-card": 10,
        "social": 3,
    }
