"""The trigger lexicon: the shipped data is valid PLOVER, senses say what the brief asks, bad files fail."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from alliancewatch.errors import MalformedFileError, MissingFileError
from alliancewatch.extract.lexicon import FRAMES, Lexicon, Trigger
from alliancewatch.plover import Plover

DATA = Path(str(resources.files("alliancewatch") / "data" / "lexicon"))


@pytest.fixture(scope="module")
def plover() -> Plover:
    return Plover.load()


@pytest.fixture(scope="module")
def lexicon(plover: Plover) -> Lexicon:
    return Lexicon.load(plover)


def sense(lexicon: Lexicon, pos: str, trigger: str, obj: str = "") -> Trigger:
    """The row for ``trigger`` (with particles/modifiers) and exactly the object condition ``obj``."""
    words = trigger.split()
    lemma = words[-1] if pos == "noun" else words[0]
    for row in lexicon.senses(pos, lemma):
        words = (*row.words, row.lemma) if pos == "noun" else (row.lemma, *row.words)
        if " ".join(words) == trigger and row.objects == frozenset(filter(None, obj.split("|"))):
            return row
    raise AssertionError(f"no {pos} row {trigger!r} with object {obj!r}")


def test_the_shipped_lexicon_is_large_and_versioned(lexicon: Lexicon) -> None:
    assert len(lexicon.triggers) >= 400
    assert len(lexicon.lemmas("verb")) >= 200
    assert len(lexicon.lemmas("noun")) >= 60
    assert lexicon.version.startswith(f"{lexicon.rules.version}+")
    assert len(lexicon.version.split("+")[1]) == 8


def test_every_row_is_valid_plover(lexicon: Lexicon, plover: Plover) -> None:
    for row in lexicon.triggers:
        assert row.type in {t.name for t in plover.types}, row.where
        if row.mode is not None:
            assert row.mode in plover.modes(row.type), row.where
        if row.cameo is not None:
            assert plover.type_for_cameo(row.cameo).type == row.type, row.where
        assert set(row.contexts) <= set(plover.contexts()), row.where
        assert row.frame in FRAMES
        assert 0 < row.confidence <= 1


@pytest.mark.parametrize(
    ("pos", "trigger", "obj", "type_", "mode"),
    [
        ("verb", "condemn", "", "ACCUSE", "disapprove"),
        ("verb", "veto", "", "REJECT", None),
        ("verb", "deliver", "weapon|aid|energy|trade", "AID", None),
        ("verb", "sell", "weapon", "COOPERATE", None),
        ("verb", "sign", "agreement", "SUPPORT", None),
        ("verb", "visit", "", "CONSULT", "visit"),
        ("verb", "telephone", "", "CONSULT", "phone"),
        ("verb", "strike", "", "ASSAULT", "heavy-weapons"),
        ("verb", "sanction", "", "SANCTION", "discontinue"),
        ("verb", "expel", "diplomat|observers", "SANCTION", "expel"),
        ("verb", "threaten", "", "THREATEN", None),
        ("verb", "urge", "", "REQUEST", None),
        ("verb", "call on", "", "REQUEST", None),
        ("verb", "praise", "", "SUPPORT", None),
        ("verb", "build", "nuclear|plant", "COOPERATE", None),
        ("verb", "decline", "@clause|proposal|demand", "REJECT", None),
        ("noun", "phone call", "", "CONSULT", "phone"),
        ("noun", "delivery", "", "AID", None),
        ("noun", "hunger strike", "", "PROTEST", "hunger"),
    ],
)
def test_senses_the_brief_names(
    lexicon: Lexicon, pos: str, trigger: str, obj: str, type_: str, mode: str | None
) -> None:
    row = sense(lexicon, pos, trigger, obj)
    assert (row.type, row.mode) == (type_, mode)


def test_frames_and_roles(lexicon: Lexicon) -> None:
    assert sense(lexicon, "verb", "refuse").frame == "refuse"
    assert sense(lexicon, "verb", "urge").frame == "request"
    assert sense(lexicon, "verb", "threaten").frame == "threaten"
    assert sense(lexicon, "verb", "offer").frame == "promise"
    receive = sense(lexicon, "verb", "receive", "weapon|aid|energy|trade|asylum")
    assert (receive.subject, receive.source_preps) == ("target", frozenset({"from"}))
    assert sense(lexicon, "verb", "meet").symmetric
    assert sense(lexicon, "verb", "accept", "proposal|demand|agreement|backing").negated_type == "REJECT"
    assert sense(lexicon, "verb", "protest").state_type == "ACCUSE"
    assert sense(lexicon, "noun", "invasion").object_role == "target"
    assert sense(lexicon, "noun", "withdrawal", "troops|territory").object_role == "source"


def test_more_specific_senses_come_first(lexicon: Lexicon) -> None:
    rows = lexicon.senses("verb", "send")
    assert [r.specificity for r in rows] == sorted((r.specificity for r in rows), reverse=True)
    assert rows[0].requires == "actor_target"


def test_terms_give_classes_and_contexts(lexicon: Lexicon) -> None:
    assert lexicon.terms.lookup(["s-300 s-300", "system system"]) == ({"weapon"}, ["military"])
    classes, contexts = lexicon.terms.lookup(["air air", "defence defence", "system systems"])
    assert "weapon" in classes and contexts[0] == "military"
    assert lexicon.terms.lookup(["bushehr bushehr"]) == ({"nuclear"}, ["cbrn"])
    assert lexicon.terms.lookup(["oil oil"]) == ({"energy"}, ["economic"])
    assert lexicon.terms.lookup(["mig-29 mig-29"])[0] == {"weapon"}
    assert lexicon.terms.lookup(["weather weather"]) == (set(), [])


def test_rules_are_read(lexicon: Lexicon) -> None:
    rules = lexicon.rules
    assert {"say", "announce", "report"} <= rules.reporting
    assert "will" in rules.future_aux and "would" in rules.hypothetical_aux
    assert {"hold", "launch", "impose"} <= rules.light_verbs
    assert rules.reject_by_content["AID"] == ("assist", "122")
    assert rules.threaten_by_content["ASSAULT"] == ("violence", "138")
    assert rules.mode_by_context["AID"]["military"] == ("military", "072")
    assert "AID" in rules.agree_from and "ASSAULT" in rules.threaten_from


def copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(DATA, folder)
    return folder


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("verb,glorp,,NOPE,,,,,,,,,,,,,,", "unknown PLOVER type"),
        ("verb,glorp,,ACCUSE,phone,111,,,,,,,,,,,,", "not a current mode of ACCUSE"),
        ("verb,glorp,,ACCUSE,,072,,,,,,,,,,,,", "CAMEO 072 is AID"),
        ("verb,glorp,,ACCUSE,,111,,,,,,sideways,,,,,,", "frame 'sideways'"),
        ("verb,glorp,unicorn,ACCUSE,,111,,,,,,,,,,,,", "object 'unicorn'"),
        ("verb,gl0rp!,,ACCUSE,,111,,,,,,,,,,,,", "not lower-case words"),
        ("verb,glorp,,ACCUSE,,111,,,,,,,,,,,1.5,", "outside \\(0, 1\\]"),
        ("verb,condemn,,ACCUSE,disapprove,111,,,,,,plain,,,,,0.95,", "listed twice"),
    ],
)
def test_bad_trigger_rows_name_file_and_line(tmp_path: Path, plover: Plover, row: str, message: str) -> None:
    folder = copy_data(tmp_path)
    triggers = folder / "triggers.csv"
    lines = triggers.read_text(encoding="utf-8").count("\n")
    append(triggers, row)
    with pytest.raises(MalformedFileError, match=message) as info:
        Lexicon.load(plover, folder)
    assert f"triggers.csv:{lines + 1}" in info.value.message


def test_bad_terms_and_rules_fail(tmp_path: Path, plover: Plover) -> None:
    folder = copy_data(tmp_path)
    append(folder / "terms.csv", "gizmo,,,")
    with pytest.raises(MalformedFileError, match="needs a class or a context"):
        Lexicon.load(plover, folder)
    folder = copy_data(tmp_path / "two")
    rules = folder / "rules.yaml"
    # YAML 1.1 reads a bare "on" as true: the loader must refuse a list that is not all words
    rules.write_text(
        rules.read_text(encoding="utf-8").replace('light_preps: ["in", "on"]', "light_preps: [in, on]")
    )
    with pytest.raises(MalformedFileError, match="light_preps must be a list of words"):
        Lexicon.load(plover, folder)


def test_missing_file(tmp_path: Path, plover: Plover) -> None:
    folder = copy_data(tmp_path)
    (folder / "terms.csv").unlink()
    with pytest.raises(MissingFileError, match=r"terms\.csv"):
        Lexicon.load(plover, folder)


def test_version_changes_with_the_data(tmp_path: Path, plover: Plover, lexicon: Lexicon) -> None:
    folder = copy_data(tmp_path)
    append(folder / "terms.csv", "gizmo,weapon,military,")
    assert Lexicon.load(plover, folder).version != lexicon.version
