"""How good is the sentence classifier, and does its second opinion help the rule coder?

1. **Head**: k-fold cross-validated type accuracy of the head on ``data/classifier/examples.jsonl`` (a
   prediction counts when the top type is one of the sentence's types), for a few settings of the
   logistic-regression head and, for comparison, nearest-prototype and k-nearest-neighbour heads.
2. **Policy on the dev gold**: ``alliancewatch eval``'s type and triple scores on the dev half of
   ``../shared/data/gold/plover_gsr_dev.jsonl``, rules alone and with the classifier under a few policies
   (the head trained on all the examples; the gold is never trained on).
3. **Policy on our own gold** (``tests/data/coder_gold*.jsonl``), cross-validated: each fold's sentences
   are coded by a classifier trained without them. A few of these sentences have no event; the dev
   gold has none such.
4. **Running text**: the sample corpus (``corpus/text``, ``corpus/jsonl``) has no complete gold, so this
   only counts the events the default policy adds and drops, and prints the added ones to read.

    .venv/bin/python bench/classifier_eval.py [--folds 5] [--seed 7] [--extra GOLD.jsonl ...]

Needs the ``[ml]`` extra. Prints tables; writes nothing.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from alliancewatch.extract.classifier import (
    Embedder,
    Example,
    Policy,
    SoftmaxHead,
    TypeClassifier,
    read_examples,
    sentence_embedder,
    type_targets,
)
from alliancewatch.extract.evaluate import GoldSentence, read_gold, score, split_half
from alliancewatch.extract.pipeline import Coder
from alliancewatch.model import PLOVER_TYPES, Event

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "gold" / "plover_gsr_dev.jsonl"
OWN = [ROOT / "tests" / "data" / "coder_gold.jsonl", ROOT / "tests" / "data" / "coder_gold_wire.jsonl"]
NEVER = 1.1  # a probability threshold above 1 switches a step off
POLICIES = {
    "rules only": None,
    "fill >= 0.5": Policy(fill_min=0.5, choose_min=NEVER),
    "fill >= 0.7": Policy(choose_min=NEVER),
    "choose >= 0.3": Policy(fill_min=NEVER),
    "choose, confident too": Policy(fill_min=NEVER, keep_above=NEVER),
    "fill + choose (default)": Policy(),
}
Head = Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]


def cached(embed: Embedder) -> Embedder:
    """The embedder with a memory, so that folds and policies do not embed a sentence twice."""
    memory: dict[str, np.ndarray] = {}

    def run(texts: Sequence[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in memory]
        if todo:
            memory.update(zip(todo, embed(todo), strict=True))
        return np.stack([memory[t] for t in texts]) if texts else np.zeros((0, 384))

    return run


def folds(n: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def softmax_head(l2: float, scale: float) -> Head:
    def fit(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        return SoftmaxHead.fit(x, y, l2=l2, scale=scale).probabilities

    return fit


def prototype_head(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    centres = (y > 0).T.astype(float) @ x
    centres /= np.linalg.norm(centres, axis=1, keepdims=True) + 1e-9
    return lambda z: z @ centres.T


def knn_head(k: int) -> Head:
    def fit(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        def predict(z: np.ndarray) -> np.ndarray:
            sims = z @ x.T
            nearest = np.argsort(-sims, axis=1)[:, :k]
            return np.stack(
                [(np.exp(sims[i, row] / 0.1)[:, None] * y[row]).sum(0) for i, row in enumerate(nearest)]
            )

        return predict

    return fit


def head_accuracy(examples: list[Example], x: np.ndarray, fit: Head, k: int, seed: int) -> float:
    y = type_targets(examples)
    hits = 0
    for fold in folds(len(examples), k, seed):
        held = set(fold)
        train = [i for i in range(len(examples)) if i not in held]
        scores = fit(x[train], y[train])(x[fold])
        hits += sum(
            PLOVER_TYPES[int(p)] in examples[i].types for p, i in zip(scores.argmax(1), fold, strict=True)
        )
    return hits / len(examples)


def scored(coder: Coder, sentences: Sequence[GoldSentence]) -> tuple[float, float, float, float, int]:
    def predict(items: Sequence[GoldSentence]) -> Iterator[list[Event]]:
        for _, events in coder.code_many((s.id, s.text, s.date) for s in items):
            yield events

    report = score(sentences, predict)
    micro = report.type_micro
    return micro.precision, micro.recall, micro.f1, report.triple.f1, report.predicted_events


def policy_rows(
    coder: Coder, sentences: Sequence[GoldSentence], classifiers: Callable[[Policy], TypeClassifier]
) -> None:
    print(f"{'policy':24} {'type P':>7} {'type R':>7} {'type F1':>8} {'triple F1':>10} {'events':>7}")
    for name, policy in POLICIES.items():
        coder.classifier = classifiers(policy) if policy is not None else None
        p, r, f1, triple, n = scored(coder, sentences)
        print(f"{name:24} {p:7.3f} {r:7.3f} {f1:8.3f} {triple:10.3f} {n:7d}")
    coder.classifier = None


def own_gold_cv(
    coder: Coder, embed: Embedder, examples: list[Example], k: int, seed: int, paths: list[Path]
) -> None:
    """Code each fold of our own gold with a classifier trained on the examples not in that fold."""
    gold = [s for path in paths if path.is_file() for s in read_gold(path)]
    chunks = folds(len(gold), k, seed)
    print(f"{'policy':24} {'type P':>7} {'type R':>7} {'type F1':>8} {'triple F1':>10} {'events':>7}")
    for name, policy in POLICIES.items():
        totals = np.zeros(3)
        triple_hits, predicted = np.zeros(3), 0
        for chunk in chunks:
            part = [gold[i] for i in chunk]
            held = {" ".join(s.text.split()) for s in part}
            train = [e for e in examples if " ".join(e.text.split()) not in held]
            coder.classifier = TypeClassifier.train(embed, train, policy) if policy is not None else None

            def predict(items: Sequence[GoldSentence]) -> Iterator[list[Event]]:
                for _, events in coder.code_many((s.id, s.text, s.date) for s in items):
                    yield events

            report = score(part, predict)
            totals += (report.type_micro.tp, report.type_micro.fp, report.type_micro.fn)
            triple_hits += (report.triple.tp, report.triple.fp, report.triple.fn)
            predicted += report.predicted_events
        p, r, f1 = _rates(totals)
        print(f"{name:24} {p:7.3f} {r:7.3f} {f1:8.3f} {_rates(triple_hits)[2]:10.3f} {predicted:7d}")
    coder.classifier = None


def corpus_effect(coder: Coder, embed: Embedder, examples: list[Example], show: int) -> None:
    """Code the sample corpus with and without the classifier; count what changed."""
    items: list[tuple[str, str, None]] = []
    for path in sorted((ROOT / "corpus" / "jsonl").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            items.append((record["id"], record["text"], None))
    for path in sorted((ROOT / "corpus" / "text").glob("*.txt")):
        items.append((path.stem, path.read_text(encoding="utf-8").split("\n\n", 1)[1], None))
    coder.classifier = None
    rules = [e for _, events in coder.code_many(items) for e in events]
    coder.classifier = TypeClassifier.train(embed, examples)
    both = [e for _, events in coder.code_many(items) for e in events]
    coder.classifier = None
    added = [e for e in both if e.evidence is not None and not e.evidence.triggers]
    sentences = sum(1 for _, text, _ in items for _ in coder.nlp(text).sents)
    dropped = len(rules) - (len(both) - len(added))
    counts = f"{len(rules)} rule events, {len(added)} added, {dropped} dropped"
    print(f"{len(items)} documents, {sentences} sentences: {counts}")
    for event in sorted(added, key=lambda e: -e.confidence)[:show]:
        assert event.evidence is not None
        text = " ".join(event.evidence.sentence.split())
        print(f"  {event.type:9} {event.confidence:.2f} {text[:120]}")


def _rates(counts: np.ndarray) -> tuple[float, float, float]:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=20, help="added corpus events to print (part 4)")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more own gold (part 3)")
    args = parser.parse_args()
    examples = read_examples()
    embed = cached(sentence_embedder())
    x = embed([e.text for e in examples])
    print(f"1. head: {args.folds}-fold cross-validated type accuracy on {len(examples)} examples")
    heads: dict[str, Head] = {
        **{
            f"logistic l2={l2:g} scale={s:g}": softmax_head(l2, s)
            for l2 in (1e-4, 1e-3, 1e-2)
            for s in (1, 5, 10)
        },
        "nearest prototype": prototype_head,
        **{f"{k}-nearest neighbours": knn_head(k) for k in (1, 5, 10)},
    }
    for name, fit in heads.items():
        print(f"  {name:32} {head_accuracy(examples, x, fit, args.folds, args.seed):.3f}")
    coder = Coder.load()
    if DEV.is_file():
        dev = split_half(read_gold(DEV), "dev")
        print(f"\n2. dev gold ({len(dev)} sentences), head trained on all {len(examples)} examples")
        head = TypeClassifier.train(embed, examples).head
        policy_rows(coder, dev, lambda policy: TypeClassifier(embed, head, policy))
    print(f"\n3. own gold, {args.folds}-fold cross-validated classifier")
    own_gold_cv(coder, embed, examples, args.folds, args.seed, [*OWN, *args.extra])
    print("\n4. the sample corpus, default policy")
    corpus_effect(coder, embed, examples, args.show)


if __name__ == "__main__":
    main()
