"""The curated treaty registry: strict validation of hand-made YAML, and facts in the shipped file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError
from alliancewatch.registry import default_registry
from alliancewatch.sources.fetch import obtain, packaged_file, sha256_file
from alliancewatch.sources.treaties import (
    REGISTRY_RESOURCE,
    PartialDate,
    parse_registry,
    read_registry,
    registry_tables,
)


def good_treaty() -> dict[str, object]:
    return {
        "id": "fra-deu-test",
        "name": "Test treaty",
        "type": "bilateral",
        "signed": "2019-05-01",
        "in_force": "2020-01",
        "parties": ["FRA", {"country": "DEU", "ratified": "2019-12-01"}],
        "obligations": {
            "defense": {"value": True, "article": "Art. 1"},
            "offense": {"value": False},
            "neutrality": {"value": False},
            "nonaggression": {"value": True, "note": "No force against each other."},
            "consultation": {"value": False},
        },
        "summary": "A treaty made up for tests.",
        "sources": [{"url": "https://example.org/treaty", "title": "Text"}],
    }


def dump(*treaties: dict[str, object]) -> str:
    return yaml.safe_dump({"treaties": list(treaties)}, sort_keys=False)


def test_a_good_treaty_parses_with_defaults(codes: CountryCodes) -> None:
    [treaty] = parse_registry(dump(good_treaty()), codes)
    assert treaty.in_force == PartialDate(2020, 1, None)
    assert treaty.obligations["defense"].present is True
    assert treaty.obligations["defense"].article == "Art. 1"
    tables = registry_tables([treaty])
    parties = tables["treaty_parties"].to_pylist()
    # Party dates left empty take the treaty's.
    assert [(p["country"], p["signed"], p["in_force_year"]) for p in parties] == [
        ("FRA", "2019-05-01", 2020),
        ("DEU", "2019-05-01", 2020),
    ]
    assert tables["treaty_obligations"].num_rows == 5


def mutate(path: str, value: object) -> dict[str, object]:
    """good_treaty() with one nested key replaced (``path`` like "obligations.defense.value")."""
    treaty = good_treaty()
    node: dict[str, object] = treaty
    *parents, last = path.split(".")
    for key in parents:
        child = node[key]
        assert isinstance(child, dict)
        node = child
    node[last] = value
    return treaty


@pytest.mark.parametrize(
    ("treaty", "message"),
    [
        (mutate("ratified_by", "FRA"), "unknown key ratified_by"),
        (mutate("parties", ["FRA", "XXX"]), "unknown ISO-3 code 'XXX'"),
        (mutate("signed", "2019-13"), "not a real date"),
        (mutate("signed", "2019-02-30"), "not a real date"),
        (mutate("signed", "May 2019"), "signed must be a date"),
        (mutate("obligations.defense.value", "yes"), "obligations.defense.value must be true or false"),
        (mutate("obligations.defense.value", 1), "obligations.defense.value must be true or false"),
        (mutate("obligations.defense", True), "obligations.defense must be a mapping"),
        (mutate("obligations.nonaggression", {"value": True}), "names no article and gives no note"),
        (mutate("obligations.alliance", {"value": False}), "unknown key alliance in obligations"),
        (mutate("in_force", "2018-02-03"), "signed 2019-05-01 is after in_force 2018-02-03"),
        (mutate("parties", ["FRA", "DEU", "ITA"]), "needs exactly two parties"),
        (mutate("type", "trilateral"), "type must be one of bilateral, multilateral"),
        (mutate("sources", [{"url": "example.org", "title": "x"}]), "must start with http"),
        (mutate("sources", []), "sources must be a non-empty list"),
        (mutate("parties", ["FRA", {"country": "DEU", "continues": "SUN"}]), "continues must name"),
        (mutate("parties", ["FRA", {"country": "DEU", "left": "2018"}]), "left 2018 before it joined"),
        (mutate("summary", ""), "summary must be a non-empty string"),
    ],
)
def test_bad_treaties_are_refused_naming_the_treaty(
    codes: CountryCodes, treaty: dict[str, object], message: str
) -> None:
    with pytest.raises(MalformedFileError) as caught:
        parse_registry(dump(treaty), codes)
    assert "treaty 'fra-deu-test'" in caught.value.message
    assert message in caught.value.message


def test_missing_required_key(codes: CountryCodes) -> None:
    treaty = good_treaty()
    del treaty["summary"]
    with pytest.raises(MalformedFileError, match="treaty 'fra-deu-test': missing key summary"):
        parse_registry(dump(treaty), codes)


def test_duplicate_ids_and_file_shape(codes: CountryCodes) -> None:
    with pytest.raises(MalformedFileError, match="id is used twice"):
        parse_registry(dump(good_treaty(), good_treaty()), codes)
    with pytest.raises(MalformedFileError, match="one key, 'treaties'"):
        parse_registry(yaml.safe_dump([good_treaty()]), codes)
    with pytest.raises(MalformedFileError, match="not valid YAML"):
        parse_registry("treaties: [\n  - {id: x", codes)


def test_a_party_may_return_after_leaving_but_not_overlap(codes: CountryCodes) -> None:
    treaty = mutate("type", "multilateral")
    treaty["parties"] = [
        "FRA",
        "ITA",
        {"country": "DEU", "left": "2021-01-01"},
        {"country": "DEU", "signed": "2022-01-01", "in_force": "2022-01-01"},
    ]
    [parsed] = parse_registry(dump(treaty), codes)
    assert [p.country for p in parsed.parties].count("DEU") == 2
    treaty["parties"] = ["FRA", "ITA", "DEU", {"country": "DEU", "signed": "2022-01-01"}]
    with pytest.raises(MalformedFileError, match="party DEU is listed twice with overlapping membership"):
        parse_registry(dump(treaty), codes)


def test_bad_file_on_disk_names_the_file(tmp_path: Path, codes: CountryCodes) -> None:
    path = tmp_path / "treaties.yaml"
    path.write_text(dump(mutate("parties", ["FRA", "ZZZ"])), encoding="utf-8")
    with pytest.raises(MalformedFileError, match=r"^treaties\.yaml: treaty 'fra-deu-test': unknown ISO-3"):
        read_registry(path, codes)


def test_partial_dates_compare_at_common_precision() -> None:
    assert PartialDate(2006, None, None).not_after(PartialDate(2006, 6, 15))
    assert PartialDate(2006, 6, 15).not_after(PartialDate(2006, None, None))
    assert not PartialDate(2007, None, None).not_after(PartialDate(2006, 6, 15))
    assert PartialDate(2002, 3, None).text == "2002-03"


# --- the registry shipped with the package -------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(codes: CountryCodes) -> dict[str, object]:
    return {t.id: t for t in read_registry(packaged_file(REGISTRY_RESOURCE), codes)}


def test_shipped_registry_holds_the_treaties_analysts_cite(shipped: dict[str, object]) -> None:
    expected = {
        "irn-rus-2001",
        "irn-rus-2025",
        "chn-rus-2001",
        "chn-prk-1961",
        "rus-prk-2000",
        "rus-prk-2024",
        "sun-syr-1980",
        "blr-rus-union-state-1999",
        "blr-rus-security-guarantees-2024",
        "cst-1992",
        "irn-syr-2006",
        "irn-syr-2020",
        "chn-irn-2021",
        "sco-charter-2002",
    }
    assert expected <= set(shipped)


def test_iran_russia_2025_has_no_defence_clause(codes: CountryCodes) -> None:
    treaties = {t.id: t for t in read_registry(packaged_file(REGISTRY_RESOURCE), codes)}
    t = treaties["irn-rus-2025"]
    assert t.signed.text == "2025-01-17"
    assert t.in_force is not None and t.in_force.text == "2025-10-02"
    assert t.obligations["defense"].present is False
    assert t.obligations["defense"].note is not None and "Rudenko" in t.obligations["defense"].note
    assert t.obligations["neutrality"].present is True
    assert t.obligations["neutrality"].article == "Art. 3(3)"
    ratified = {p.country: p.ratified.text for p in t.parties if p.ratified is not None}
    assert ratified == {"RUS": "2025-04-21", "IRN": "2025-06-11"}
    north_korea = treaties["rus-prk-2024"]
    assert (
        north_korea.obligations["defense"].present and north_korea.obligations["defense"].article == "Art. 4"
    )
    assert north_korea.in_force is not None and north_korea.in_force.text == "2024-12-04"
    assert treaties["rus-prk-2000"].terminated == north_korea.in_force


def test_treaties_dataset_is_curated_and_read_from_the_package(tmp_path: Path) -> None:
    spec = default_registry(load_plugins=False).dataset("treaties")
    assert spec.kind == "curated"
    [file] = spec.files
    assert file.package == REGISTRY_RESOURCE
    assert file.sha256 == sha256_file(packaged_file(REGISTRY_RESOURCE))
    # The mirror, whatever it is, is not consulted for packaged files.
    for mirror in (None, str(tmp_path / "no-such-mirror"), "https://mirror.invalid/data"):
        paths = obtain(spec, mirror, tmp_path / "cache")
        assert paths["treaties"] == packaged_file(REGISTRY_RESOURCE)
