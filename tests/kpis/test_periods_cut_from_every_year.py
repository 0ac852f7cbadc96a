"""A move of the year slider cuts the Zuzug page's periods from tables of every year
(inflow.every_year_base, inflow.every_year_monthly) instead of querying them: the page data must be the same either way,
for whole years and a choice of months, target groups and towns, and for a period whose previous
one lies before the data."""

import pandas as pd
import pytest

from dashboard.service.inflow import EveryYear, every_year_base, every_year_monthly, inflow_data
from dashboard.service.migration import every_year_span
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection, towns_in

OLPE, WERDOHL = "05966024", "05962060"
SELECTIONS = [
    Selection(2024, 2025),
    Selection(2015, 2016),  # the previous period lies before the first year of data
    Selection(2019, 2023, months=(1, 2, 12), target_groups=("bildung",)),
    Selection(2021, 2025, districts=("Kreis Olpe",)),
    Selection(2017, 2017, towns=(OLPE, WERDOHL), target_groups=("familien", "ruhestand")),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=str)
def test_page_data_cut_from_every_year_equal_the_queried_ones(demo_warehouse_master, selection):
    reference = load_reference(demo_warehouse_master)
    queried = inflow_data(demo_warehouse_master, reference, selection, (WERDOHL,))
    towns = tuple(towns_in(selection, reference.town_districts))
    every_year = EveryYear(
        every_year_span(reference),
        every_year_base(demo_warehouse_master, reference, selection.months, tuple(selection.age_groups)),
        every_year_monthly(demo_warehouse_master, reference, towns, selection.months),
    )
    cut = inflow_data(demo_warehouse_master, reference, selection, (WERDOHL,), every_year=every_year)
    assert cut.summary == queried.summary
    assert cut.previous == queried.previous
    assert cut.annual_only == queried.annual_only
    for name in ("monthly", "yearly", "comparison", "base", "town_table", "ranking"):
        pd.testing.assert_frame_equal(getattr(cut, name), getattr(queried, name), obj=name)


def test_a_period_outside_the_tables_is_queried(demo_warehouse_master):
    reference = load_reference(demo_warehouse_master)
    selection = Selection(2024, 2025)
    nothing = EveryYear((2030, 2031), pd.DataFrame({"year": []}), pd.DataFrame({"year": []}))
    assert inflow_data(demo_warehouse_master, reference, selection, every_year=nothing).summary == (
        inflow_data(demo_warehouse_master, reference, selection).summary
    )
