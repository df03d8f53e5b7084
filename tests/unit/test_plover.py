"""The PLOVER taxonomy object and the CAMEO crosswalk shipped in alliancewatch/data/plover."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from alliancewatch.errors import MalformedFileError, MissingFileError, UserInputError
from alliancewatch.model import CAMEO_ROOTS, PLOVER_QUADS, Actor, Event
from alliancewatch.plover import Plover

EXPECTED_QUADS = {
    1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    2: {"COOPERATE", "AID", "RETREAT"},
    3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}
#: Root-level readings that the project decided on (see data/plover/README.md).
ROOT_TYPES = {
    "01": "SUPPORT", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip


@pytest.fixture(scope="module")
def plover() -> Plover:
    return Plover.load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped taxonomy files."""
    folder = resources.files("alliancewatch") / "data" / "plover"
    for name in ("types.csv", "modes.csv", "contexts.csv", "cameo.csv"):
        (tmp_path / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_sixteen_types_with_their_quads(plover: Plover) -> None:
    assert len(plover.types) == 16
    for quad, names in EXPECTED_QUADS.items():
        assert {t.name for t in plover.types if t.quad == quad} == names
        assert all(plover.quad(n) == quad for n in names)
    assert plover.quad("SANCTION") == 4


def test_type_scores_follow_the_conflict_cooperation_order(plover: Plover) -> None:
    for kind in plover.types:
        assert (kind.score > 0) == (kind.quad <= 2), kind
    assert plover.type("ASSAULT").score == -9.3
    assert plover.type("RETREAT").score == 7.6


def test_every_root_is_mapped(plover: Plover) -> None:
    for root in CAMEO_ROOTS:
        mapping = plover.type_for_cameo(root)
        assert mapping.exact and mapping.root == root
        assert mapping.type == ROOT_TYPES[root]
        assert mapping.quad == PLOVER_QUADS[mapping.type]


def test_crosswalk_is_complete_and_consistent(plover: Plover) -> None:
    codes = plover.cameo_codes()
    assert len(codes) == 311  # CAMEO 1.1b3: 20 roots, 147 three- and 144 four-digit codes
    assert (sum(len(c) == 3 for c in codes), sum(len(c) == 4 for c in codes)) == (147, 144)
    for mapping in plover.mappings():
        parent = mapping.code[: len(mapping.code) - 1] if len(mapping.code) == 4 else mapping.code[:2]
        assert parent in codes, mapping.code
        assert -10 <= mapping.goldstein <= 10
        if mapping.mode is not None:
            assert mapping.mode in plover.modes(mapping.type), mapping
        assert set(mapping.contexts) <= set(plover.contexts()), mapping
        assert mapping.in_plover == (mapping.root != "01" or mapping.code in {"016", "018", "019"})


@pytest.mark.parametrize(
    ("code", "kind", "mode", "contexts"),
    [
        ("041", "CONSULT", "phone", ()),
        ("042", "CONSULT", "visit", ()),
        ("044", "CONSULT", "third-party", ()),
        ("057", "SUPPORT", None, ("diplomatic",)),
        ("055", "CONCEDE", None, ()),
        ("0312", "AGREE", None, ("military",)),
        ("0333", "AGREE", None, ("humanitarian",)),
        ("072", "AID", "military", ("military",)),
        ("075", "AID", "asylum", ("asylum",)),
        ("0813", "CONCEDE", None, ("rights_freedoms",)),
        ("0841", "RETREAT", "release", ()),
        ("0871", "RETREAT", "ceasefire", ("military",)),
        ("094", "ACCUSE", "investigate", ("military", "legal")),
        ("1123", "ACCUSE", "allege", ("military",)),
        ("116", "SANCTION", "convict", ("legal",)),
        ("129", "REJECT", None, ("diplomatic",)),
        ("1385", "THREATEN", "violence", ("cbrn",)),
        ("1423", "PROTEST", "hunger", ("rights_freedoms",)),
        ("163", "SANCTION", "discontinue", ("economic",)),
        ("1712", "ASSAULT", "destroy", ()),
        ("173", "COERCE", "arrest", ("legal",)),
        ("191", "COERCE", "restrict", ("military",)),
        ("195", "ASSAULT", "heavy-weapons", ("military",)),
        ("2042", "ASSAULT", "unconventional", ("cbrn",)),
    ],
)
def test_selected_codes(
    plover: Plover, code: str, kind: str, mode: str | None, contexts: tuple[str, ...]
) -> None:
    mapping = plover.type_for_cameo(code)
    assert (mapping.type, mapping.mode, mapping.contexts) == (kind, mode, contexts)


def test_goldstein_scores(plover: Plover) -> None:
    assert plover.goldstein("010") == 0.0
    assert plover.goldstein("0874") == 10.0
    assert plover.goldstein("057") == 8.0
    assert plover.goldstein("130") == -4.4
    assert plover.goldstein("1823") == -10.0
    assert plover.goldstein("13") == -6.0


def test_unlisted_subcodes_fall_back_to_their_parent(plover: Plover) -> None:
    mapping = plover.type_for_cameo("1213")
    assert (mapping.code, mapping.matched, mapping.exact) == ("1213", "121", False)
    assert (mapping.type, mapping.mode, mapping.goldstein) == ("REJECT", "assist", -4.0)
    assert plover.type_for_cameo("099").matched == "09"
    assert plover.type_for_cameo(" 190 ").code == "190"


@pytest.mark.parametrize("junk", ["", "1", "0", "00", "21", "99", "abc", "12345", "1a3", "-10", None, 190])
def test_junk_codes_are_refused(plover: Plover, junk: object) -> None:
    with pytest.raises(UserInputError, match="CAMEO event code"):
        plover.type_for_cameo(junk)  # type: ignore[arg-type]


def test_reverse_map_to_cameo_roots(plover: Plover) -> None:
    defaults = {t.name: plover.cameo_root(t.name) for t in plover.types}
    assert defaults["ASSAULT"] == "19" and defaults["REQUEST"] == "10" and defaults["SANCTION"] == "16"
    assert all(plover.type_for_cameo(root).type in {name for name, r in defaults.items() if r == root}
               for root in set(defaults.values()))  # fmt: skip
    assert plover.cameo_root("ASSAULT", "abduct") == "18"
    assert plover.cameo_root("ASSAULT", "massacre") == "20"
    assert plover.cameo_root("ACCUSE", "investigate") == "09"
    assert plover.cameo_root("REQUEST", "assist") == "10"  # as many 02 as 10 codes: the default wins
    assert plover.cameo_root("CONSULT", "multilateral") == "04"  # no CAMEO code: the default


def test_default_intensities(plover: Plover) -> None:
    for kind in plover.types:
        for mode in (None, *plover.modes(kind.name)):
            value = plover.intensity_default(kind.name, mode)
            assert -10 <= value <= 10
            assert (value > 0) == (kind.quad <= 2), (kind.name, mode)
    assert plover.intensity_default("CONSULT") == 2.1
    assert plover.intensity_default("CONSULT", "phone") == 1.0
    assert plover.intensity_default("CONSULT", "visit") == 1.9
    assert plover.intensity_default("AID", "military") == 8.4  # mean of 072 and 074
    assert plover.intensity_default("ASSAULT", "unconventional") == -10.0
    assert plover.intensity_default("CONSULT", "multilateral") == 2.1


def test_modes_and_contexts(plover: Plover) -> None:
    assert set(plover.modes("CONSULT")) == {"visit", "third-party", "multilateral", "phone", "host"}
    assert set(plover.modes("AID")) == {"economic", "military", "humanitarian", "asylum"}
    assert {"beat", "firearms", "explosives", "heavy-weapons", "assassinate"} <= set(plover.modes("ASSAULT"))
    assert plover.modes("AGREE") == ()
    assert {"military", "economic", "diplomatic", "cbrn", "cyber", "resource"} <= set(plover.contexts())
    assert "nuclear" not in plover.contexts() and "nuclear" in plover.contexts(legacy=True)
    assert "strike-hun" in plover.modes("PROTEST", legacy=True)


def test_legacy_names_normalise(plover: Plover) -> None:
    assert plover.normalize_mode("PROTEST", "strike-hun") == "hunger"
    assert plover.normalize_mode("PROTEST", "demo-spon") == "demo"
    assert plover.normalize_mode("COERCE", "detain") == "arrest"
    assert plover.normalize_mode("COERCE", "destroy") is None  # moved to ASSAULT, no COERCE equivalent
    assert plover.normalize_mode("CONSULT", "phone") == "phone"
    assert plover.normalize_mode("CONSULT", None) is None
    assert plover.normalize_context("nuclear") == "cbrn"
    assert plover.normalize_context("refugee") == "migration"
    with pytest.raises(UserInputError, match="modes: visit"):
        plover.normalize_mode("CONSULT", "firearms")
    with pytest.raises(UserInputError, match="modes: none"):
        plover.normalize_mode("AGREE", "visit")
    with pytest.raises(UserInputError, match="unknown PLOVER context"):
        plover.normalize_context("space")
    with pytest.raises(UserInputError, match="valid types"):
        plover.quad("FIGHT")


def _event(kind: str, root: str, mode: str | None = None, contexts: tuple[str, ...] = ()) -> Event:
    return Event(
        type=kind, quad=PLOVER_QUADS[kind], cameo_root=root, intensity=0.0, mode=mode, contexts=contexts,
        source=(Actor("Russia", "RUS", "GOV"),),
    )  # fmt: skip


def test_check_event(plover: Plover) -> None:
    plover.check_event(_event("ASSAULT", "18", "abduct", ("terrorism",)))
    plover.check_event(_event("REQUEST", "02", "assist"))
    with pytest.raises(UserInputError, match="old PLOVER mode"):
        plover.check_event(_event("PROTEST", "14", "strike-hun"))
    with pytest.raises(UserInputError, match="not a PLOVER mode"):
        plover.check_event(_event("CONSULT", "04", "firearms"))
    with pytest.raises(UserInputError, match="use 'cbrn'"):
        plover.check_event(_event("THREATEN", "13", "violence", ("nuclear",)))
    with pytest.raises(UserInputError, match="root 04 has no AID codes"):
        plover.check_event(_event("AID", "04"))


def test_two_taxonomies_live_side_by_side(plover: Plover, data_copy: Path) -> None:
    types = data_copy / "types.csv"
    types.write_text(
        types.read_text(encoding="utf-8").replace("AGREE,1,4.2", "AGREE,1,3.0"), encoding="utf-8"
    )
    other = Plover.load(data_copy)
    assert other.type("AGREE").score == 3.0
    assert plover.type("AGREE").score == 4.2


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("types.csv", "AID,2,", "AID,3,", "AID is quad 2"),
        ("types.csv", "AGREE,1,4.2", "AGREE,1,42", "outside"),
        ("types.csv", "ASSAULT,4,-9.3,19", "ASSAULT,4,-9.3,21", "default_root"),
        ("modes.csv", "strike-hun,legacy,hunger", "strike-hun,legacy,starve", "not a current"),
        ("modes.csv", "CONSULT,phone,current,,", "CONSULT,phone,current,visit,", "current term"),
        ("contexts.csv", "nuclear,alias,cbrn", "nuclear,alias,", "alias term"),
        ("cameo.csv", "by telephone,CONSULT,phone", "by telephone,CONSULT,call", "mode"),
        ("cameo.csv", "military aid,AID,military,military", "military aid,AID,military,arms", "contexts"),
        ("cameo.csv", "072,Provide military aid,AID", "072,Provide military aid,FIGHT", "unknown type"),
        ("cameo.csv", ",8.3,direct", ",12.0,direct", "outside"),
        ("cameo.csv", "\n042,", "\n041,", "repeated"),
        ("cameo.csv", "018,Make an empathetic comment,SUPPORT,,,3.4,judgment,sympathy is verbal support",
         "018,Make an empathetic comment,SUPPORT,,,3.4,judgment,", "needs a note"),
        ("cameo.csv", "\n1823,", "\n1893,", "before its parent"),
    ],
)  # fmt: skip
def test_bad_data_files_are_refused(data_copy: Path, name: str, old: str, new: str, message: str) -> None:
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MalformedFileError, match=message):
        Plover.load(data_copy)


def test_missing_root_or_file_is_refused(data_copy: Path) -> None:
    cameo = data_copy / "cameo.csv"
    kept = [line for line in cameo.read_text(encoding="utf-8").splitlines() if not line.startswith("15")]
    cameo.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(MalformedFileError, match=r"MOBILIZE|roots \['15'\]"):
        Plover.load(data_copy)
    shutil.copy(data_copy / "types.csv", data_copy / "kept.csv")
    (data_copy / "types.csv").unlink()
    with pytest.raises(MissingFileError, match=r"types\.csv"):
        Plover.load(data_copy)
