"""The base query on a real warehouse with hand-written registrations: region border, population."""

from dashboard.cli import main
from dashboard.kpis.migration import summary_of
from dashboard.queries import fetch
from dashboard.vocabulary import AGE_GROUPS
from dashboard.warehouse.connection import reader

ARNSBERG, SOEST = "05958004", "05974040"
ROWS = """ags,month,direction,age_group,sex,origin,persons
05974040,2024-03-01,in,25-29,f,swf,5
05958004,2024-03-01,out,25-29,f,swf,5
05958004,2024-05-01,in,30-49,m,abroad,10
05974040,2024-07-01,out,18-24,m,nrw,4
"""


def _base(path, **params):
    defaults = {"year_from": 2024, "year_to": 2024, "months": list(range(1, 13)), "age_groups": list(AGE_GROUPS)}
    with reader(path) as con:
        return fetch(con, "town_year_base", **{**defaults, **params}).assign(population=1000.0)


def test_region_saldo_excludes_the_move_between_two_member_towns(empty_warehouse, tmp_path):
    path = tmp_path / "moves.csv"
    path.write_text(ROWS, encoding="utf-8")
    assert main(["--db", str(empty_warehouse), "import", "registrations", str(path)]) == 0
    base = _base(empty_warehouse)
    assert len(base) == 59  # every town, with 0 where nothing moved
    region = summary_of(base, whole_region=True)
    assert (region.inflow, region.outflow, region.net) == (10, 4, 6)
    pair = summary_of(base[base["ags"].isin([ARNSBERG, SOEST])], whole_region=False)
    assert (pair.inflow, pair.outflow, pair.net) == (15, 9, 6)
    spring = _base(empty_warehouse, months=[3], age_groups=["25-29"])
    soest = spring.set_index("ags").loc[SOEST]
    assert (soest["inflow"], soest["within_inflow"]) == (5, 5)


def test_without_other_populations_every_year_rates_on_the_census_and_says_so(empty_warehouse):
    from dashboard.service import migration, notes
    from dashboard.service.reference import load_reference

    reference = load_reference(empty_warehouse)
    with reader(empty_warehouse) as con:
        base = migration.base_table(con, reference, 2021, 2022).set_index(["ags", "year"])
    assert base.loc[(ARNSBERG, 2022), "population"] == 74861  # Zensus 2022, 15.05.2022
    assert str(base.loc[(ARNSBERG, 2022), "population_date"])[:10] == "2022-05-15"
    assert base.loc[(ARNSBERG, 2022), "population_other_date"]  # not a 31.12. figure
    assert not base.loc[(ARNSBERG, 2022), "is_estimate"]
    assert base.loc[(ARNSBERG, 2021), "population"] == 74861 and base.loc[(ARNSBERG, 2021), "is_estimate"]
    summary = summary_of(base.reset_index(), whole_region=True)
    assert "15.05.2022 (Zensus 2022)" in notes.population_note(summary.basis, "de")
