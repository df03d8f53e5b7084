"""Country code resolution: ISO-3 out of every code system and name the product reads."""

from __future__ import annotations

import pytest

from alliancewatch.codes import CountryCodes, normalize_name
from alliancewatch.errors import UnknownCountryError


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("IRN", "IRN"),
        ("irn", "IRN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Russian Federation", "RUS"),
        ("Soviet Union", "SUN"),
        ("USSR", "SUN"),
        ("Syrian Arab Republic", "SYR"),
        ("Persia", "IRN"),
        ("Zaire", "COD"),
        ("IR", "IRN"),
        ("365", "RUS"),
        ("630", "IRN"),
        ("St. Kitts & Nevis", "KNA"),
        ("Côte d’Ivoire", "CIV"),
    ],
)
def test_resolve(codes: CountryCodes, text: str, iso3: str) -> None:
    assert codes.resolve(text) == iso3


def test_unknown_country_lists_closest_codes(codes: CountryCodes) -> None:
    with pytest.raises(UnknownCountryError) as info:
        codes.resolve("IRQQ")
    assert "IRQ" in info.value.suggestions
    assert "closest valid codes" in info.value.message


def test_ussr_is_succeeded_by_russia(codes: CountryCodes) -> None:
    assert codes.successor("SUN") == "RUS"
    assert "SUN" in codes.predecessors("RUS")


def test_normalize_folds_spelling_variants() -> None:
    assert normalize_name("São Tomé & Príncipe") == normalize_name("Sao Tome and Principe")
