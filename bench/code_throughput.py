"""Sentences per second of `alliancewatch code --input`, against spaCy's own `nlp.pipe` of the same texts.

The input is the project's sample corpus (`corpus/text`, `corpus/jsonl`) and the gold sentences
(`../shared/data/gold/plover_gsr_dev.jsonl`, `tests/data/coder_gold.jsonl`), repeated until it holds at
least `--sentences` sentences, written as one JSONL file.

- ours: `alliancewatch.cli.main(["code", "--input", FILE, "--format", "jsonl"])` in this process, stdout to
  /dev/null: loading the coder (spaCy, gazetteer, lexicon, PLOVER), parsing, coding, writing JSON lines;
- baseline: `spacy.load(<same model>)` and `nlp.pipe` over the same texts (same batch size), iterating
  the sentences of every document.

Runs alternate; the best of `--repeat` is kept for each side. The ratio is ours / baseline in sentences
per second (1.0 means the coder adds nothing to spaCy; the aim is at least 0.75). A second line gives the
steady-state ratio with model loading left out of both sides.

    .venv/bin/python bench/code_throughput.py [--sentences 3000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import tempfile
import time
from pathlib import Path

import spacy

from alliancewatch.cli import main as cli_main
from alliancewatch.extract.pipeline import DEFAULT_MODEL, Coder

ROOT = Path(__file__).resolve().parent.parent
GOLD = [
    ROOT.parent / "shared" / "data" / "gold" / "plover_gsr_dev.jsonl",
    ROOT / "tests" / "data" / "coder_gold.jsonl",
]


def corpus_texts() -> list[str]:
    """Article bodies of the sample corpus and the gold sentences."""
    texts: list[str] = []
    for path in sorted((ROOT / "corpus" / "text").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)
        texts.append(body[-1])
    for path in sorted((ROOT / "corpus" / "jsonl").glob("*.jsonl")) + [p for p in GOLD if p.exists()]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def build_input(nlp: spacy.language.Language, target: int, folder: Path) -> tuple[Path, list[str], int]:
    """Repeat the texts until they hold ``target`` sentences; returns the JSONL path, texts, sentences."""
    base = corpus_texts()
    counts = [sum(1 for _ in doc.sents) for doc in nlp.pipe(base)]
    texts: list[str] = []
    sentences = 0
    while sentences < target:
        for text, count in zip(base, counts, strict=True):
            texts.append(text)
            sentences += count
    path = folder / "bench_input.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            handle.write(json.dumps({"id": f"b{i}", "text": text, "date": "2025-06-14"}) + "\n")
    return path, texts, sentences


def run_ours(path: Path) -> float:
    started = time.perf_counter()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        code = cli_main(["code", "--input", str(path), "--format", "jsonl"])
    if code != 0:
        raise SystemExit(f"alliancewatch code failed with exit code {code}")
    return time.perf_counter() - started


def run_baseline(texts: list[str]) -> float:
    started = time.perf_counter()
    nlp = spacy.load(DEFAULT_MODEL)
    for doc in nlp.pipe(texts, batch_size=64):
        for _ in doc.sents:
            pass
    return time.perf_counter() - started


def steady(texts: list[str], coder: Coder) -> tuple[float, float]:
    """Parse-and-code time and parse-only time with models already loaded."""
    items = [(f"b{i}", t, None) for i, t in enumerate(texts)]
    started = time.perf_counter()
    sink = io.StringIO()
    for doc_id, events in coder.code_many(items):
        sink.write(json.dumps({"id": doc_id, "events": [e.to_dict() for e in events]}, default=str))
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for doc in coder.nlp.pipe(texts, batch_size=64):
        for _ in doc.sents:
            pass
    return ours, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        coder = Coder.load()
        path, texts, sentences = build_input(coder.nlp, args.sentences, Path(tmp))
        ours_best = base_best = float("inf")
        warm_best = parse_best = float("inf")
        for _ in range(args.repeat):
            ours_best = min(ours_best, run_ours(path))
            base_best = min(base_best, run_baseline(texts))
            warm, parse = steady(texts, coder)
            warm_best, parse_best = min(warm_best, warm), min(parse_best, parse)
    print(f"{len(texts)} documents, {sentences} sentences, model {DEFAULT_MODEL}, best of {args.repeat}")
    print(f"{'':<34} {'ours s':>8} {'spaCy s':>8} {'ours sent/s':>12} {'spaCy sent/s':>13} {'ratio':>6}")
    for label, ours, base in (
        ("end to end (with model loading)", ours_best, base_best),
        ("steady state (models loaded)", warm_best, parse_best),
    ):
        print(
            f"{label:<34} {ours:>8.2f} {base:>8.2f} {sentences / ours:>12.0f} {sentences / base:>13.0f} "
            f"{base / ours:>6.2f}"
        )


if __name__ == "__main__":
    main()
