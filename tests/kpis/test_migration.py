"""KPI functions on small hand-computed cases."""

import numpy as np
import pandas as pd
import pytest

from dashboard.kpis import migration as m

A, B, C = "05958004", "05974040", "05962060"  # Arnsberg, Soest, Werdohl


def flows(rows):
    return pd.DataFrame(rows, columns=["ags", "year", "direction", "origin", "persons"])


POPULATION = pd.DataFrame({"ags": [A, B, C], "year": [2024] * 3, "persons": [1000, 2000, 500],
                           "is_estimate": [False] * 3})


def test_region_saldo_excludes_moves_between_members():
    # 5 persons move from Arnsberg to Soest; 10 come to Arnsberg from abroad; 4 leave Soest for NRW
    data = flows([(B, 2024, "in", "swf", 5), (A, 2024, "out", "swf", 5),
                  (A, 2024, "in", "abroad", 10), (B, 2024, "out", "nrw", 4)])
    region = [A, B]
    summary = m.summarise(data, POPULATION, [A, B], region, [2024])
    assert (summary.inflow, summary.outflow, summary.net) == (10, 4, 6)
    assert summary.is_whole_region
    assert summary.net_per_1000 == pytest.approx(6 / 3000 * 1000)
    # a single member sees the move from its neighbour as in-migration
    soest = m.summarise(data, POPULATION, [B], region, [2024])
    assert (soest.inflow, soest.outflow, soest.net) == (5, 4, 1)


def test_group_saldo_equals_sum_of_members():
    data = flows([(B, 2024, "in", "swf", 5), (A, 2024, "out", "swf", 5), (C, 2024, "in", "de", 3)])
    region = [A, B, C]
    group = m.summarise(data, POPULATION, [A, B], region, [2024])
    assert group.net == 0 and not group.is_whole_region


def test_rates_use_the_nearest_population_year_and_flag_it():
    data = flows([(A, 2023, "in", "nrw", 30), (A, 2024, "in", "nrw", 20)])
    summary = m.summarise(data, POPULATION, [A], [A, B, C], [2023, 2024])
    assert summary.population_years == 2000
    assert summary.inflow_per_1000 == pytest.approx(25.0)
    assert summary.population_is_estimate


def test_empty_selection_has_no_data_and_no_division_by_zero():
    summary = m.summarise(flows([]), POPULATION.iloc[0:0], [A], [A, B], [2024])
    assert not summary.has_data
    assert np.isnan(summary.inflow_per_1000)


def test_by_town_lists_towns_without_moves_with_zero():
    towns = pd.DataFrame({"ags": [A, C], "name": ["Arnsberg", "Werdohl"], "district": ["HSK", "MK"]})
    base = m.town_years(flows([(A, 2024, "in", "nrw", 12), (A, 2024, "out", "de", 2)]), POPULATION, [A, C], [2024])
    table = m.by_town(base, towns)
    assert table.set_index("ags").loc[A, ["inflow", "outflow", "net"]].tolist() == [12, 2, 10]
    assert table.set_index("ags").loc[C, "net"] == 0
    assert table.set_index("ags").loc[A, "net_per_1000"] == pytest.approx(10.0)


def test_target_groups_map_the_six_age_bands_and_the_old_family_variant():
    data = pd.DataFrame({"year": 2024, "direction": ["in", "in", "out"], "age_group": ["0-17", "30-49", "0-17"],
                         "origin": "nrw", "persons": [4, 6, 1]})
    table = m.by_target_group(data, whole_region=True, family_variant=True).set_index("target_group")
    assert table.loc["familien", "net"] == 3
    assert table.loc["erwerb", "inflow"] == 6
    assert table.loc["familien_inkar_alt", "inflow"] == 10
    assert list(table.index[:2]) == ["familien_inkar_alt", "familien"]


def test_age_groups_for_target_groups():
    assert m.age_groups_for([]) == list(m.AGE_GROUPS)
    assert m.age_groups_for(["bildung", "ruhestand"]) == ["18-24", "65+"]
    assert m.target_groups_of("bildung+berufseinstieg") == ["bildung", "berufseinstieg"]


def test_change_against_previous_period():
    assert m.change(120, 100) == (20, 0.2)
    absolute, relative = m.change(5, 0)
    assert absolute == 5 and np.isnan(relative)


def test_unusual_years_flag_a_reception_facility_year():
    years = range(2015, 2021)
    inflow = [400, 50, 52, 48, 51, 49]
    data = flows([(A, y, "in", "nrw", n) for y, n in zip(years, inflow, strict=True)])
    population = pd.DataFrame({"ags": A, "year": list(years), "persons": 1000, "is_estimate": False})
    flagged = m.unusual_years(m.town_years(data, population, [A], years))
    assert flagged[["ags", "year"]].values.tolist() == [[A, 2015]]


def test_kpi_docstrings_carry_the_glossary_text():
    from dashboard.kpis.glossary import GLOSSARY

    assert GLOSSARY["net"].definition["de"] in m.summarise.__doc__
    assert GLOSSARY["target_groups"].definition["de"] in m.by_target_group.__doc__
