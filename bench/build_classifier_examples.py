"""Regenerate the sentence classifier's training examples from the project's own gold files.

The examples (``src/alliancewatch/data/classifier/examples.jsonl``) are ``{"text", "types", "from"}`` lines:
a sentence, the PLOVER types of the events it asserts (sorted, repeats dropped) and the id of the gold
record it came from.
They are read from our own hand-coded files only, never from ``../shared/data``:

- ``tests/data/coder_gold.jsonl`` and ``tests/data/coder_gold_wire.jsonl`` (when present): gold lines
  ``{"id", "text", "events": [{"type", ...}]}``; lines with the same text are pooled;
- ``corpus/expected.jsonl``: ``{"id", "sentence", "type", "negated"}``; negated events are left out (the
  sentence does not assert them).

Sentences with no asserted event are left out: the head learns types, not whether there is an event.
Extra gold files in the first shape can be named on the command line (``--extra FILE``).

    .venv/bin/python bench/build_classifier_examples.py [--extra FILE ...] [--check]

``--check`` writes nothing and exits 1 when the packaged file differs from what would be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = [ROOT / "tests" / "data" / "coder_gold.jsonl", ROOT / "tests" / "data" / "coder_gold_wire.jsonl"]
EXPECTED = ROOT / "corpus" / "expected.jsonl"
OUT = ROOT / "src" / "alliancewatch" / "data" / "classifier" / "examples.jsonl"


def gold_examples(path: Path, into: dict[str, tuple[set[str], str]]) -> None:
    """Add the sentences of a gold file (pooling lines with the same text)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        types = {e["type"] for e in data.get("events", []) if not e.get("negated", False)}
        _add(into, data["text"], types, str(data["id"]))


def expected_examples(path: Path, into: dict[str, tuple[set[str], str]]) -> None:
    """Add the sentences of the corpus's expected events (negated events left out)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        types = set() if data.get("negated") else {data["type"]}
        _add(into, data["sentence"], types, str(data["id"]))


def _add(into: dict[str, tuple[set[str], str]], text: str, types: set[str], origin: str) -> None:
    key = " ".join(text.split())
    old_types, old_origin = into.get(key, (set(), origin))
    into[key] = (old_types | types, old_origin)


def build(extra: list[Path]) -> list[str]:
    """The JSON lines of the examples file, in a stable order (by origin, then text)."""
    pooled: dict[str, tuple[set[str], str]] = {}
    for path in [*GOLD, *extra]:
        if path.is_file():
            gold_examples(path, pooled)
    expected_examples(EXPECTED, pooled)
    rows = sorted((origin, text, sorted(types)) for text, (types, origin) in pooled.items() if types)
    return [json.dumps({"text": t, "types": ty, "from": o}, ensure_ascii=False) for o, t, ty in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--extra", type=Path, action="append", default=[], help="another gold JSONL file")
    parser.add_argument("--check", action="store_true", help="only compare with the packaged file")
    args = parser.parse_args()
    text = "\n".join(build(args.extra)) + "\n"
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("examples.jsonl is up to date" if same else "examples.jsonl is stale: run this script")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10))} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
