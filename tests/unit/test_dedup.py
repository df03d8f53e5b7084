"""Exact and near-duplicate detection: normalisation, shingles, MinHash/LSH candidates, the threshold."""

from __future__ import annotations

import pytest

from alliancewatch.text.dedup import (
    BANDS,
    NEAR_THRESHOLD,
    DuplicateIndex,
    best_near_match,
    fingerprint,
    jaccard,
    minhash,
    normalise,
    shingles,
)

ARTICLE = (
    "Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed a comprehensive "
    "strategic partnership treaty in Moscow on Friday. The agreement covers trade, energy and military "
    "cooperation and is meant to last twenty years. Unlike Russia's treaty with North Korea, it contains no "
    "mutual defence clause, officials in both capitals said. Analysts said the treaty formalised ties that "
    "had deepened since Russia's invasion of Ukraine, when Iran began supplying drones to Moscow. Western "
    "governments have accused Tehran of sending ballistic missiles as well, which Iran denies."
)
OTHER = (
    "China and Saudi Arabia agreed to expand oil trade at a meeting in Riyadh, the Saudi energy ministry "
    "said on Sunday. The two countries also discussed investment in refineries and petrochemical plants, "
    "and said they would hold further talks later in the year."
)


def test_normalise_ignores_case_quotes_dashes_and_layout() -> None:
    assert normalise("Russia’s  “deal”\n— signed") == normalise('russia\'s "deal" - SIGNED')


def test_same_text_in_another_layout_is_the_same_document() -> None:
    relaid = ARTICLE.replace(". ", ".\n\n").replace("'", "’").upper()
    assert fingerprint(relaid).content_sha256 == fingerprint(ARTICLE).content_sha256
    assert fingerprint(ARTICLE).doc_id == fingerprint(ARTICLE).content_sha256[:16]


def test_fingerprints_are_stable_across_calls() -> None:
    first, second = fingerprint(ARTICLE), fingerprint(ARTICLE)
    assert first == second
    assert len(first.bands) == BANDS
    assert all(0 <= b < 2**64 for b in first.bands)


def test_an_edited_copy_is_a_near_duplicate() -> None:
    edited = ARTICLE.replace("on Friday", "on Friday, the Kremlin said").replace("twenty", "20")
    a, b = fingerprint(ARTICLE), fingerprint(edited)
    assert a.content_sha256 != b.content_sha256
    similarity = jaccard(a.shingles, b.shingles)
    assert NEAR_THRESHOLD <= similarity < 1
    assert set(a.bands) & set(b.bands), "LSH must make a near duplicate a candidate"
    match = best_near_match(b, [("orig", a.shingles)])
    assert match is not None and (match.doc_id, match.kind) == ("orig", "near")


def test_a_different_story_is_not_a_duplicate() -> None:
    a, b = fingerprint(ARTICLE), fingerprint(OTHER)
    assert jaccard(a.shingles, b.shingles) < 0.05
    assert best_near_match(b, [("orig", a.shingles)]) is None


def test_half_rewritten_text_is_below_the_threshold() -> None:
    sentences = ARTICLE.split(". ")
    rewritten = ". ".join(sentences[:2] + [s[::-1] for s in sentences[2:]])
    assert jaccard(shingles(ARTICLE), shingles(rewritten)) < NEAR_THRESHOLD


def test_minhash_estimates_jaccard() -> None:
    a, b = shingles(ARTICLE), shingles(ARTICLE + " " + OTHER)
    sig_a, sig_b = minhash(a), minhash(b)
    estimate = float((sig_a == sig_b).mean())
    assert estimate == pytest.approx(jaccard(a, b), abs=0.15)


def test_short_texts_have_one_shingle() -> None:
    assert len(shingles("Russia vetoed it")) == 1
    assert shingles("") == frozenset()
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_index_finds_exact_and_near_duplicates_within_a_run() -> None:
    index = DuplicateIndex()
    index.add("a", fingerprint(ARTICLE))
    exact = index.match(fingerprint(ARTICLE.upper()))
    assert exact is not None and (exact.doc_id, exact.kind, exact.similarity) == ("a", "exact", 1.0)
    near = index.match(fingerprint(ARTICLE + " Iran denies it."))
    assert near is not None and (near.doc_id, near.kind) == ("a", "near")
    assert index.match(fingerprint(OTHER)) is None
