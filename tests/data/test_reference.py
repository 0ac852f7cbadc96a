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
        "Hochsauerlandkreis": 12, "Märkischer Kreis": 15, "Kreis Olpe": 7,
        "Kreis Siegen-Wittgenstein": 11, "Kreis Soest": 14}
    assert (towns["ags"].str[:5].map(DISTRICTS) == towns["district"]).all()


def test_estimates_are_flagged_in_a_column():
    towns = _towns()
    assert towns["is_geo_estimate"].all()
    population = pd.read_csv(REFERENCE_DIR / "population_estimate.csv", dtype={"ags": str})
    assert set(population["ags"]) == set(towns["ags"])
    assert population["is_estimate"].all()
    assert 1_300_000 < population["persons"].sum() < 1_450_000


def test_kinds_match_official_names():
    towns = _towns()
    is_stadt = towns["official_name"].str.contains(r", (Stadt|Hansestadt|Kreis- und|Universitätsstadt)")
    assert ((towns["kind"] == "Stadt") == is_stadt).all()
