"""The PLOVER taxonomy against real data: the GDELT and ICEWS samples and the PLOVER gold records."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from alliancewatch.model import PLOVER_QUADS
from alliancewatch.plover import Plover

GDELT = "events/gdelt2_20191024143000.export.CSV"
ICEWS = "events/icews_events.2018.sample.tab"
GOLD = "gold/plover_gsr_dev.jsonl"
#: Codes whose ICEWS "Intensity" differs from the Goldstein score GDELT publishes: (ICEWS, GDELT).
ICEWS_DIFFERS = {"016": (-5.0, -2.0), "022": (3.4, 3.2), "164": (-6.5, -7.0)}
#: Terms of the gold records that PLOVER's current spec does not list, with their current names.
GOLD_LEGACY_MODES = {
    ("PROTEST", "demo-org"): "demo",
    ("PROTEST", "demo-spon"): "demo",
    ("PROTEST", "riot-spon"): "riot",
    ("PROTEST", "strike-gen"): "general",
    ("PROTEST", "strike-hun"): "hunger",
    ("THREATEN", "political"): "restrict",
    ("THREATEN", "curfew"): "restrict",
    ("COERCE", "detain"): "arrest",
    ("COERCE", "destroy"): None,
    ("ASSAULT", "other"): None,
}
GOLD_LEGACY_CONTEXTS = {
    "political": "political_institutions",
    "government": "executive",
    "refugee": "migration",
    "rights": "rights_freedoms",
    "discrimination": "religion_ethnicity",
    "assets": "economic",
    "resources": "resource",
}


@pytest.fixture(scope="module")
def plover() -> Plover:
    return Plover.load()


def test_every_gdelt_code_maps_with_the_same_goldstein_score(mirror: Path, plover: Plover) -> None:
    with (mirror / GDELT).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert len(rows) == 2111 and {len(r) for r in rows} == {61}
    seen: dict[str, float] = {}
    for row in rows:
        code, base, root, score = row[26], row[27], row[28], float(row[30])
        mapping = plover.type_for_cameo(code)
        assert mapping.exact, code
        assert mapping.goldstein == score, (code, score)
        assert plover.type_for_cameo(base).matched == base
        assert mapping.root == root.zfill(2)
        seen[code] = score
    assert len(seen) == 109  # distinct event codes in the sample


def test_every_icews_code_maps_and_intensity_agrees(mirror: Path, plover: Plover) -> None:
    with (mirror / ICEWS).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 3705
    differs: dict[str, set[tuple[float, float]]] = {}
    for row in rows:
        mapping = plover.type_for_cameo(row["CAMEO Code"])
        assert mapping.exact, row["CAMEO Code"]
        intensity = float(row["Intensity"])
        if intensity != mapping.goldstein:
            differs.setdefault(mapping.code, set()).add((intensity, mapping.goldstein))
    assert differs == {code: {pair} for code, pair in ICEWS_DIFFERS.items()}
    assert len({r["CAMEO Code"] for r in rows}) == 122


def _gold_events(mirror: Path) -> list[dict[str, object]]:
    with (mirror / GOLD).open(encoding="utf-8") as handle:
        return [event for line in handle for event in json.loads(line)["events"]]


def _contexts(value: object) -> list[str]:
    return [c.strip() for c in str(value).split(",")] if value else []


def test_gold_uses_our_types_and_quads(mirror: Path, plover: Plover) -> None:
    events = _gold_events(mirror)
    assert len(events) == 159
    types = Counter(str(e["type"]) for e in events)
    assert set(types) == set(PLOVER_QUADS)  # all 16 types occur
    for event in events:
        assert event["quad"] == plover.quad(str(event["type"]))


def test_gold_modes_and_contexts_are_known(mirror: Path, plover: Plover) -> None:
    """Every mode and context of the gold records is one of ours; those PLOVER's current spec does not
    list are exactly the legacy ones named above, each with its replacement."""
    legacy_modes: dict[tuple[str, str], str | None] = {}
    legacy_contexts: dict[str, str | None] = {}
    for event in _gold_events(mirror):
        kind, mode = str(event["type"]), event["mode"]
        if mode is not None:
            assert mode in plover.modes(kind, legacy=True), (kind, mode)
            if mode not in plover.modes(kind):
                legacy_modes[(kind, str(mode))] = plover.normalize_mode(kind, str(mode))
        for context in _contexts(event["context"]):
            assert context in plover.contexts(legacy=True), context
            if context not in plover.contexts():
                legacy_contexts[context] = plover.normalize_context(context)
    assert legacy_modes == GOLD_LEGACY_MODES
    assert legacy_contexts == GOLD_LEGACY_CONTEXTS


def test_gold_consult_modes_are_the_spec_examples(mirror: Path, plover: Plover) -> None:
    modes = {e["mode"] for e in _gold_events(mirror) if e["type"] == "CONSULT"} - {None}
    assert modes == {"visit", "phone", "multilateral", "host"}
    assert modes <= set(plover.modes("CONSULT"))
