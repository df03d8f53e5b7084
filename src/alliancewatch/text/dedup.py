"""Exact and near-duplicate detection of documents.

Exact: the sha256 of the *normalised* clean text (Unicode NFKC, case folded, typographic quotes and
dashes made plain, whitespace collapsed), so the same article with other line breaks or curly quotes is
the same document. The document id is the first 16 hex digits of that digest.

Near: the Jaccard similarity of the sets of word 4-grams ("shingles") of two normalised texts. A document
whose similarity with a stored one is at least :data:`NEAR_THRESHOLD` (0.8) is a near duplicate: the same
story with a changed headline, a few edited sentences or extra page furniture. Comparing every pair would
not scale, so candidates are found with MinHash (:data:`PERMUTATIONS` = 128 hash functions) and
locality-sensitive hashing in :data:`BANDS` = 32 bands of 4 rows: two texts share a band with probability
1 - (1 - J^4)^32, which is above 0.9999 at J = 0.8, 0.87 at J = 0.5 and about 0.05 at J = 0.2. The band
hashes are stored with each document; a candidate's similarity is then computed exactly from its text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 4
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
NEAR_THRESHOLD = 0.8
_PRIME = 4_294_967_291  # the largest prime below 2**32: a*h + b stays below 2**64 for 32-bit a, b, h
_SEED = 20_130_915
_CHUNK = 1 << 16
_TRANSLATE = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection needs of one text: its normalised-content sha256, its shingle hashes and
    its LSH band hashes (unsigned 64-bit)."""

    content_sha256: str
    shingles: frozenset[int]
    bands: tuple[int, ...]

    @property
    def doc_id(self) -> str:
        """The stable document id: the first 16 hex digits of the content digest."""
        return self.content_sha256[:16]


def normalise(text: str) -> str:
    """The form two texts are compared in (see the module docstring)."""
    plain = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    return _SPACES.sub(" ", plain).strip()


def shingles(text: str) -> frozenset[int]:
    """CRC-32 hashes of the word 4-grams of normalised ``text`` (the whole text when shorter)."""
    words = _WORD.findall(normalise(text))
    if len(words) < SHINGLE_WORDS:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode())
        for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def fingerprint(text: str) -> Fingerprint:
    """The :class:`Fingerprint` of ``text``."""
    digest = hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
    hashed = shingles(text)
    return Fingerprint(digest, hashed, lsh_bands(minhash(hashed)))


def minhash(hashes: Iterable[int]) -> np.ndarray:
    """The MinHash signature (:data:`PERMUTATIONS` values) of a set of 32-bit hashes."""
    rng = np.random.default_rng(_SEED)  # the same permutations in every run and process
    a = rng.integers(1, _PRIME, size=(PERMUTATIONS, 1), dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=(PERMUTATIONS, 1), dtype=np.uint64)
    values = np.fromiter(hashes, dtype=np.uint64)
    signature = np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK][None, :]
        signature = np.minimum(signature, ((a * chunk + b) % _PRIME).min(axis=1))
    return signature


def lsh_bands(signature: np.ndarray) -> tuple[int, ...]:
    """One unsigned 64-bit hash per band of ``signature``; the band number is hashed in, so equal
    values in different bands never collide."""
    out = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + rows, digest_size=8).digest()
        out.append(int.from_bytes(digest, "little"))
    return tuple(out)


@dataclass(frozen=True)
class DuplicateMatch:
    """A document ``text`` duplicates: ``kind`` is ``exact`` or ``near``, with the Jaccard similarity."""

    doc_id: str
    kind: str
    similarity: float


class DuplicateIndex:
    """Fingerprints of the documents seen in one ingest run, for duplicates within the run itself."""

    def __init__(self) -> None:
        self._by_content: dict[str, str] = {}
        self._by_band: dict[int, list[str]] = {}
        self._shingles: dict[str, frozenset[int]] = {}

    def add(self, doc_id: str, fp: Fingerprint) -> None:
        self._by_content[fp.content_sha256] = doc_id
        self._shingles[doc_id] = fp.shingles
        for band in fp.bands:
            self._by_band.setdefault(band, []).append(doc_id)

    def match(self, fp: Fingerprint) -> DuplicateMatch | None:
        """The best duplicate of ``fp`` among the documents added so far, or None."""
        if fp.content_sha256 in self._by_content:
            return DuplicateMatch(self._by_content[fp.content_sha256], "exact", 1.0)
        candidates = {d for band in fp.bands for d in self._by_band.get(band, ())}
        return best_near_match(fp, ((d, self._shingles[d]) for d in sorted(candidates)))


def best_near_match(
    fp: Fingerprint, candidates: Iterable[tuple[str, frozenset[int]]]
) -> DuplicateMatch | None:
    """The candidate most similar to ``fp`` if its similarity reaches :data:`NEAR_THRESHOLD`."""
    best: DuplicateMatch | None = None
    for doc_id, other in candidates:
        similarity = jaccard(fp.shingles, other)
        if similarity >= NEAR_THRESHOLD and (best is None or similarity > best.similarity):
            best = DuplicateMatch(doc_id, "near", similarity)
    return best
