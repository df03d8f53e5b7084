"""Country code resolution: ISO-3 out of every code system and name the product reads."""

from __future__ import annotations

import pycountry
import pytest

from alliancewatch.codes import Country, CountryCodes, CowPeriod, Unresolvable, normalize_name
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
        ("Burma", "MMR"),
        ("Ceylon", "LKA"),
        ("Siam", "THA"),
        ("Kampuchea", "KHM"),
        ("Dahomey", "BEN"),
        ("Upper Volta", "BFA"),
        ("Rhodesia", "ZWE"),
        ("East Germany", "DDR"),
        ("West Germany", "DEU"),
        ("Federal Republic of Germany", "DEU"),
        ("Yemen People's Republic", "YMD"),
        ("Yemen Arab Republic", "XYA"),
        ("Myanmar (Burma)", "MMR"),
        ("St. Kitts & Nevis", "KNA"),
        ("Côte d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("the US", "USA"),
        ("America", "USA"),
        ("Holland", "NLD"),
        ("Czech Republic", "CZE"),
        ("Swaziland", "SWZ"),
        ("Macedonia", "MKD"),
        ("Cape Verde", "CPV"),
        ("East Timor", "TLS"),
        ("Vatican", "VAT"),
        ("Palestine", "PSE"),
        ("Kosovo", "XKX"),
        ("Serbia and Montenegro", "YUG"),
        ("IR", "IRN"),
        ("UK", "GBR"),
        ("365", "RUS"),
        ("630", "IRN"),
        ("GMY", "DEU"),  # COW letters where they are not an ISO code
        ("ROK", "KOR"),
        ("AUS", "AUS"),  # ISO (Australia) wins over COW's AUS (Austria)
        ("ROM", "ROU"),  # a former ISO-3 code
        ("ZAR", "COD"),
    ],
)
def test_resolve(codes: CountryCodes, text: str, iso3: str) -> None:
    assert codes.resolve(text) == iso3


def test_unknown_country_lists_closest_codes(codes: CountryCodes) -> None:
    with pytest.raises(UnknownCountryError) as info:
        codes.resolve("IRQQ")
    assert "IRQ" in info.value.suggestions
    assert "closest valid codes" in info.value.message


def test_xyz_is_a_one_line_error_with_suggestions_and_exit_code_2(codes: CountryCodes) -> None:
    with pytest.raises(UnknownCountryError) as info:
        codes.resolve("XYZ")
    assert info.value.suggestions
    assert all(s in codes.countries for s in info.value.suggestions)
    assert "\n" not in info.value.message
    assert info.value.exit_code == 2


def test_unresolvable_value_says_why_and_names_the_host_state(codes: CountryCodes) -> None:
    with pytest.raises(UnknownCountryError) as info:
        codes.resolve("Hezbollah")
    assert "non-state armed group (Lebanon)" in info.value.message
    assert info.value.suggestions == ["LBN"]
    entry = codes.is_unresolvable("Hezbollah (Lebanon)*")
    assert entry is not None and entry.country == "LBN"


def test_organisations_and_unknown_parties_are_unresolvable(codes: CountryCodes) -> None:
    for value in ("NATO**", "African Union**", "UN", "unknown supplier(s)", "Unknown recipient(s)"):
        assert codes.from_name(value) is None
        assert codes.is_unresolvable(value) is not None, value
    assert "intergovernmental" in codes.is_unresolvable("NATO**").reason  # type: ignore[union-attr]


def test_year_aware_cow(codes: CountryCodes) -> None:
    assert codes.from_cow(365, 1980) == "SUN"
    assert codes.from_cow(365, 1991) == "SUN"
    assert codes.from_cow(365, 1992) == "RUS"
    assert codes.from_cow(365, 2000) == "RUS"
    assert codes.from_cow(365, 1900) == "RUS"
    assert codes.from_cow(365) == "RUS"
    assert codes.from_cow(345, 1990) == "YUG"
    assert codes.from_cow(345, 2010) == "SRB"
    assert codes.from_cow(345, 1900) == "SRB"
    assert codes.from_cow(816, 1970) == "VDR"
    assert codes.from_cow(816, 1980) == "VNM"
    assert codes.from_cow_abb("RUS", 1980) == "SUN"


def test_cow_numbers_of_historical_and_divided_states(codes: CountryCodes) -> None:
    assert codes.from_cow(255) == codes.from_cow(260) == "DEU"
    assert codes.from_cow(265) == "DDR"
    assert codes.from_cow(315) == "CSK"
    assert codes.from_cow(316) == "CZE"
    assert codes.from_cow(678) == "XYA"
    assert codes.from_cow(679) == "YEM"
    assert codes.from_cow(680) == "YMD"
    assert codes.from_cow(817) == "XRV"
    assert codes.from_cow(731) == "PRK"
    assert codes.from_cow(732) == "KOR"
    assert codes.from_cow(730) == "XKR"
    assert codes.from_cow(300) == "XAH"
    assert codes.from_cow(347) == "XKX"
    assert codes.from_cow(999) is None
    assert codes.from_cow_abb("CZE") == "CSK"  # COW's CZE is Czechoslovakia; Czechia is CZR
    assert codes.from_cow_abb("GFR") == "DEU"


def test_successors_and_predecessors(codes: CountryCodes) -> None:
    assert codes.successor("SUN") == "RUS"
    assert "SUN" in codes.predecessors("RUS")
    assert set(codes.with_predecessors("YEM")) == {"YEM", "YMD", "XYA"}
    assert set(codes.with_predecessors("VNM")) == {"VNM", "VDR", "XRV"}
    assert codes.with_predecessors("IRN") == ["IRN"]
    assert codes.current("XHA") == "DEU"
    assert codes.current("DEU") == "DEU"
    assert codes.in_year("RUS", 1985) == "SUN"
    assert codes.in_year("SUN", 2000) == "RUS"
    assert codes.in_year("PSE", 2000) == "PSE"


@pytest.mark.parametrize(
    ("fips", "iso3"),
    [("RS", "RUS"), ("IR", "IRN"), ("IS", "ISR"), ("UP", "UKR"), ("CH", "CHN"), ("SY", "SYR"), ("SA", "SAU"),
     ("TU", "TUR"), ("KN", "PRK"), ("KS", "KOR"), ("US", "USA"), ("UK", "GBR"), ("GM", "DEU"), ("WE", "PSE"),
     ("GZ", "PSE"), ("KV", "XKX"), ("ri", "SRB")],
)  # fmt: skip
def test_fips(codes: CountryCodes, fips: str, iso3: str) -> None:
    assert codes.from_fips(fips) == iso3


def test_fips_non_countries(codes: CountryCodes) -> None:
    assert codes.from_fips("OS") is None
    assert codes.is_unresolvable("OS", "fips") is not None
    assert codes.is_unresolvable("OS") is None  # the FIPS entry does not leak into names


def test_cameo(codes: CountryCodes) -> None:
    assert codes.from_cameo("ROM") == "ROU"
    assert codes.from_cameo("TMP") == "TLS"
    assert codes.from_cameo("IRN") == "IRN"
    assert codes.from_cameo("SUN") == "SUN"
    for region in ("AFR", "EUR", "WST", "SAF"):
        assert codes.from_cameo(region) is None
        assert codes.is_unresolvable(region, "cameo") is not None


def test_normalize_folds_spelling_variants() -> None:
    assert normalize_name("São Tomé & Príncipe") == normalize_name("Sao Tome and Principe")
    assert normalize_name("St. Lucia") == normalize_name("Saint Lucia") == normalize_name("st lucia")
    assert normalize_name("The Gambia") == "gambia"
    assert normalize_name("NATO**") == "nato"


def test_normalize_repairs_doubly_encoded_utf8() -> None:
    assert normalize_name("CÃ´te dâ\x80\x99Ivoire") == normalize_name("Côte d’Ivoire")
    assert normalize_name("SÃ£o TomÃ© & PrÃ\xadncipe") == normalize_name("São Tomé & Príncipe")


def test_every_iso_3166_1_entry_is_in_the_table(codes: CountryCodes) -> None:
    for country in pycountry.countries:
        assert codes.from_iso2(country.alpha_2) == country.alpha_3
        assert codes.from_name(country.name) == country.alpha_3


def test_non_iso_codes_are_iso_3166_3_or_user_assigned(codes: CountryCodes) -> None:
    iso = {c.alpha_3 for c in pycountry.countries}
    withdrawn = {c.alpha_3 for c in pycountry.historic_countries}
    for iso3, country in codes.countries.items():
        if iso3 not in iso:
            assert iso3 in withdrawn or iso3.startswith("X"), iso3
            assert country.historical or iso3 == "XKX", iso3


def test_tables_do_not_contradict_themselves(codes: CountryCodes) -> None:
    for country in codes.countries.values():
        if country.successor:
            assert not codes.countries[country.successor].historical, country.iso3
    # no name is both a state and an unresolvable value
    for key in codes.unresolvable:
        assert codes.from_name(key) is None, key


def test_hand_made_tables() -> None:
    sun = Country("SUN", "Soviet Union", "SU", 365, "RUS", None, None, 1922, 1991, "RUS")
    rus = Country("RUS", "Russia", "RU", 365, "RUS", "RS", None, None, None, None)
    codes = CountryCodes(
        [sun, rus],
        {"USSR": "SUN"},
        [Unresolvable("Wagner", "private military company (Russia)", country="RUS")],
        [CowPeriod(365, 1922, 1991, "SUN")],
    )
    assert codes.from_cow(365) == "RUS"
    assert codes.from_cow(365, 1950) == "SUN"
    assert codes.resolve("ussr") == "SUN"
    assert codes.from_fips("RS") == "RUS"
    with pytest.raises(UnknownCountryError, match="private military company"):
        codes.resolve("Wagner")
    with pytest.raises(ValueError, match="unknown code"):
        CountryCodes([rus], {"Persia": "IRN"})
