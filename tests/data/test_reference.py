"""The reference list of the 59 municipalities is pinned."""

import pandas as pd

from dashboard.config import DISTRICTS, REFERENCE_DIR


def _towns() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / "municipalities.csv", dtype={"ags": str})


def test_fifty_nine_towns_with_unique_eight_digit_ags():
    towns = _towns()
    assert len(towns) == 59
    assert towns["ags"].is_unique
    assert towns["ags"].str.fullmatch(r"\d{8}").all()


def test_towns_per_district_and_prefix():
    towns = _towns()
    assert towns.groupby("district").size().to_dict() == {
        "Hochsauerlandkreis": 12,
        "Märkischer Kreis": 15,
        "Kreis Olpe": 7,
        "Kreis Siegen-Wittgenstein": 11,
        "Kreis Soest": 14,
    }
    assert (towns["ags"].str[:5].map(DISTRICTS) == towns["district"]).all()


def test_areas_come_from_the_shipped_boundaries_and_centres_are_flagged_as_estimates():
    import geopandas as gpd

    from dashboard.config import GEO_DIR

    towns = _towns().set_index("ags")
    boundaries = gpd.read_file(GEO_DIR / "municipalities.geojson").to_crs("EPSG:25832").set_index("ags")
    assert (towns["area_km2"] - boundaries.area.reindex(towns.index) / 1e6).abs().max() < 0.01
    assert towns["is_geo_estimate"].all()  # the town centres stay approximations, and say so


def test_zensus_2022_populations_ship_as_official_facts():
    census = pd.read_csv(REFERENCE_DIR / "zensus2022_population.csv", dtype={"ags": str})
    assert set(census["ags"]) == set(_towns()["ags"])
    assert census["persons"].sum() == 1_374_515
    assert (census["reference_date"] == "2022-05-15").all()
    readme = (REFERENCE_DIR / "README.md").read_text(encoding="utf-8")
    assert "dl-de/by-2-0" in readme and "Zensus 2022" in readme


def test_kinds_match_official_names():
    towns = _towns()
    is_stadt = towns["official_name"].str.contains(r", (Stadt|Hansestadt|Kreis- und|Universitätsstadt)")
    assert ((towns["kind"] == "Stadt") == is_stadt).all()
