"""Migration KPIs on small hand-computed cases (literal base rows in, expected figures out)."""

import numpy as np
import pandas as pd
import pytest

from dashboard.kpis import migration as m

A, B, C = "05958004", "05974040", "05962060"  # Arnsberg, Soest, Werdohl


def base(rows):
    """Base-table rows: (ags, year, inflow, outflow, within_inflow, within_outflow, population)."""
    frame = pd.DataFrame(
        rows, columns=["ags", "year", "inflow", "outflow", "within_inflow", "within_outflow", "population"]
    )
    return frame.assign(is_estimate=False, has_data=(frame["inflow"] + frame["outflow"]) > 0)


def test_region_totals_leave_out_moves_between_members():
    # 5 persons move from Arnsberg to Soest; 10 come to Arnsberg from abroad; 4 leave Soest for NRW
    rows = base([(A, 2024, 10, 5, 0, 5, 1000), (B, 2024, 5, 4, 5, 0, 2000)])
    region = m.summary_of(rows, whole_region=True)
    assert (region.inflow, region.outflow, region.net) == (10, 4, 6)
    assert region.net_per_1000 == pytest.approx(6 / 3000 * 1000)
    soest = m.summary_of(rows[rows["ags"] == B], whole_region=False)
    assert (soest.inflow, soest.outflow, soest.net) == (5, 4, 1)


def test_group_saldo_equals_the_sum_of_its_members():
    rows = base([(A, 2024, 0, 5, 0, 5, 1000), (B, 2024, 5, 0, 5, 0, 2000)])
    group = m.summary_of(rows, whole_region=False)
    assert (group.inflow, group.outflow, group.net) == (5, 5, 0)


def test_rates_are_per_1000_inhabitant_years():
    rows = base([(A, 2023, 30, 0, 0, 0, 1000), (A, 2024, 20, 0, 0, 0, 1000)])
    summary = m.summary_of(rows, whole_region=False)
    assert summary.population_years == 2000
    assert summary.inflow_per_1000 == pytest.approx(25.0)


def test_missing_population_gives_no_rate_and_no_division_by_zero():
    summary = m.summary_of(base([(A, 2024, 3, 1, 0, 0, np.nan)]), whole_region=False)
    assert summary.net == 2 and np.isnan(summary.net_per_1000)
    empty = m.summary_of(base([(A, 2024, 0, 0, 0, 0, 0)]), whole_region=False)
    assert not empty.has_data and np.isnan(empty.inflow_per_1000)


def test_by_town_and_by_year():
    towns = pd.DataFrame({"ags": [A, C], "name": ["Arnsberg", "Werdohl"], "district": ["HSK", "MK"]})
    rows = base([(A, 2023, 12, 2, 0, 0, 1000), (A, 2024, 8, 8, 0, 0, 1000), (C, 2024, 0, 0, 0, 0, 500)])
    table = m.by_town(rows, towns).set_index("ags")
    assert table.loc[A, ["inflow", "outflow", "net"]].tolist() == [20, 10, 10]
    assert table.loc[A, "net_per_1000"] == pytest.approx(5.0)
    assert table.loc[C, "net"] == 0 and table.loc[C, "name"] == "Werdohl"
    yearly = m.aggregate(rows, ["year"]).set_index("year")
    assert yearly.loc[2024, "inflow"] == 8 and yearly.loc[2024, "population_years"] == 1500


def test_target_groups_map_the_six_age_bands_and_the_old_family_variant():
    flows = pd.DataFrame(
        {
            "ags": A,
            "year": 2024,
            "direction": ["in", "in", "out", "in"],
            "age_group": ["0-17", "30-49", "0-17", "65+"],
            "is_within": [False, False, False, True],
            "persons": [4, 6, 1, 9],
            "marker": None,
        }
    )
    table = m.by_target_group(flows, whole_region=True, family_variant=True).set_index("target_group")
    assert table.loc["familien", "net"] == 3
    assert table.loc["erwerb", "inflow"] == 6
    assert table.loc["familien_inkar_alt", "inflow"] == 10
    assert "ruhestand" not in table.index  # only a move within the region
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
    rows = base([(A, y, n, 0, 0, 0, 1000) for y, n in zip(range(2015, 2021), [400, 50, 52, 48, 51, 49], strict=True)])
    flagged = m.unusual_years(rows)
    assert flagged[["ags", "year"]].values.tolist() == [[A, 2015]]


def test_population_for_takes_the_nearest_year_and_flags_it():
    population = pd.DataFrame(
        {"ags": [A, A], "year": [2020, 2024], "persons": [900, 1000], "is_estimate": [False, False]}
    )
    table = m.population_for(population, [A], [2020, 2023]).set_index("year")
    assert table.loc[2023, "persons"] == 1000 and table.loc[2023, "is_estimate"]
    assert not table.loc[2020, "is_estimate"]


def test_population_prefers_31_december_then_another_date_of_the_year_then_the_nearest_year():
    population = pd.DataFrame(
        {
            "ags": [A] * 4,
            "year": [2019, 2019, 2020, 2022],
            "persons": [100, 101, 200, 300],
            "reference_date": pd.to_datetime(["2019-06-30", "2019-12-31", "2020-06-30", "2022-05-15"]),
            "is_estimate": False,
            "kind": ["official", "demo", "official", "official"],
        }
    )
    table = m.population_for(population, [A], [2019, 2020, 2021, 2024]).set_index("year")
    assert table.loc[2019, "persons"] == 101 and table.loc[2019, "kind"] == "demo"  # 31.12. first
    assert not table.loc[2019, "is_other_date"]
    assert table.loc[2020, "persons"] == 200 and table.loc[2020, "is_other_date"]  # 30.06. of the year
    assert not table.loc[2020, "is_estimate"]
    assert table.loc[2021, "persons"] == 200  # a tie between 2020 and 2022 goes to the earlier year
    assert table.loc[2024, "persons"] == 300 and table.loc[2024, "is_estimate"]  # the census, two years off
    assert str(table.loc[2024, "reference_date"])[:10] == "2022-05-15"


def test_an_unknown_member_leaves_the_sum_and_its_inhabitants_and_is_named():
    rows = base([(A, 2024, 10, 8, 0, 0, 1000), (B, 2024, 20, 7, 0, 0, 2000)])
    rows.loc[1, "outflow"] = np.nan
    rows = rows.assign(in_marker=None, out_marker=[None, "."], flow_kind="official")
    summary = m.summary_of(rows, whole_region=False)
    assert summary.inflow == 30 and summary.outflow == 8 and summary.net == 2  # the known parts
    assert summary.outflow_per_1000 == pytest.approx(8 / 1000 * 1000)  # Soest's inhabitants left out too
    assert summary.net_per_1000 == pytest.approx(2.0)
    assert summary.basis.missing_outflow == ((B, "."),) and summary.basis.missing_net == ((B, "."),)
    assert summary.basis.official_years == (2024,)
    alone = m.summary_of(rows[rows["ags"] == B], whole_region=False)
    assert np.isnan(alone.outflow) and np.isnan(alone.net) and alone.inflow == 20


def test_unusual_years_compare_official_years_only_with_official_history():
    # an official reception year and two official calm years; the register years are synthetic
    rows = base(
        [
            (A, 2015, 400, 0, 0, 0, 1000),
            (A, 2016, 50, 0, 0, 0, 1000),
            (A, 2017, 52, 0, 0, 0, 1000),
            (A, 2018, 300, 0, 0, 0, 1000),
            (A, 2019, 310, 0, 0, 0, 1000),
            (A, 2020, 290, 0, 0, 0, 1000),
            (B, 2015, 100, 0, 0, 0, 2000),
            (B, 2016, 100, 0, 0, 0, 2000),
            (B, 2017, 100, 0, 0, 0, 2000),
            (B, 2018, 200, 0, 0, 0, 2000),
            (B, 2019, 200, 0, 0, 0, 2000),
            (B, 2020, 200, 0, 0, 0, 2000),
        ]
    )
    rows = rows.assign(flow_kind=["official"] * 3 + ["demo"] * 3 + ["official"] * 3 + ["demo"] * 3)
    flagged = m.unusual_years(rows)
    assert [(r.ags, r.year) for r in flagged.itertuples()] == [(A, 2015)]
    assert flagged["reason"].iloc[0] in ("history", "share")


def test_kpi_docstrings_carry_the_glossary_text():
    from dashboard.kpis.glossary import GLOSSARY

    assert GLOSSARY["net"].definition["de"] in m.aggregate.__doc__
    assert GLOSSARY["target_groups"].definition["de"] in m.by_target_group.__doc__
