"""The demo generator is reproducible and its output is plausible to a regional planner."""

import glob
import hashlib
import json

import pandas as pd
import pytest

from dashboard.config import DEMO_DIR
from dashboard.demo import assumptions
from dashboard.demo.build import generate


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return out, generate(out)


@pytest.fixture(scope="module")
def registrations() -> pd.DataFrame:
    frames = [pd.read_csv(f, dtype={"ags": str}) for f in sorted(glob.glob(str(DEMO_DIR / "registrations_*.csv")))]
    frame = pd.concat(frames, ignore_index=True)
    frame["year"] = frame["month"].str[:4].astype(int)
    return frame


def test_same_seed_gives_byte_identical_files(regenerated):
    out, manifest = regenerated
    committed = json.loads((DEMO_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest == committed
    for entry in manifest["files"]:
        assert hashlib.sha256((DEMO_DIR / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
        assert (out / entry["file"]).read_bytes() == (DEMO_DIR / entry["file"]).read_bytes()


def test_another_seed_gives_other_numbers(tmp_path):
    manifest = generate(tmp_path, seed=7, years=(2023, 2023))
    committed = {f["file"]: f["sha256"] for f in json.loads((DEMO_DIR / "MANIFEST.json").read_text())["files"]}
    fresh = {f["file"]: f["sha256"] for f in manifest["files"]}
    assert fresh["registrations_2023.csv"] != committed["registrations_2023.csv"]


def test_moves_within_the_region_reconcile(registrations):
    intra = registrations[registrations["origin"] == "swf"]
    by_month = intra.pivot_table(index="month", columns="direction", values="persons", aggfunc="sum")
    assert (by_month["in"] == by_month["out"]).all()


def test_the_flows_between_our_towns_sum_to_each_towns_moves_within_the_region(registrations):
    """Every town and month: its flows in (out) are its 'swf' in-moves (out-moves), by age band too."""
    flows = pd.concat(
        [pd.read_csv(f, dtype={"from_ags": str, "to_ags": str}) for f in sorted(DEMO_DIR.glob("flows_*.csv"))]
    )
    flows["month"] = flows["month"] + "-01"
    intra = registrations[registrations["origin"] == "swf"]
    for direction, end in (("in", "to_ags"), ("out", "from_ags")):
        registered = intra[intra["direction"] == direction].groupby(["ags", "month", "age_group"])["persons"].sum()
        flowed = flows.rename(columns={end: "ags"}).groupby(["ags", "month", "age_group"])["persons"].sum()
        both = pd.concat([registered.rename("registered"), flowed.rename("flowed")], axis=1).fillna(0)
        assert len(both) > 59 * 12 and (both["registered"] == both["flowed"]).all(), direction
    assert (flows["from_ags"] != flows["to_ags"]).all()


def test_yearly_inflow_is_four_to_six_percent_outside_boost_years(registrations):
    population = pd.read_csv(DEMO_DIR / "population.csv", dtype={"ags": str})
    inflow = registrations[registrations["direction"] == "in"].groupby("year")["persons"].sum()
    outflow = registrations[registrations["direction"] == "out"].groupby("year")["persons"].sum()
    rate = inflow / population.groupby("year")["persons"].sum()
    calm = [y for y in rate.index if y not in assumptions.ABROAD_BOOST]
    assert rate[calm].between(0.04, 0.06).all()
    assert (outflow[calm] / inflow[calm]).between(0.9, 1.1).all()


def test_more_from_abroad_in_2015_and_2022(registrations):
    abroad = registrations[(registrations["direction"] == "in") & (registrations["origin"] == "abroad")]
    per_year = abroad.groupby("year")["persons"].sum()
    assert per_year[2015] > 2 * per_year[2019]
    assert per_year[2022] > 1.5 * per_year[2019]


def test_students_arrive_in_autumn_families_in_summer(registrations):
    inflow = registrations[registrations["direction"] == "in"]
    month = inflow["month"].str[5:7]
    students = inflow[inflow["age_group"] == "18-24"].groupby(month)["persons"].sum()
    families = inflow[inflow["age_group"] == "0-17"].groupby(month)["persons"].sum()
    assert students["09"] > 1.5 * students["06"]
    assert families["08"] > 1.3 * families["02"]


def test_round_table_milestones():
    rows = pd.read_csv(DEMO_DIR / "round_table.csv", dtype={"ags": str, "host_ags": str})
    editions = rows.drop_duplicates("edition").set_index("edition")
    assert editions.loc[1, "host_ags"] == "05962060"
    fifteenth = editions.loc[15]
    assert (fifteenth["date"], fifteenth["host_ags"], fifteenth["format"]) == ("2021-05-19", "05962060", "digital")
    assert fifteenth["participants"] == 40
    assert editions.index.max() > 15


def test_smart_cities_pioneers_and_fifteen_network_towns_by_may_2021():
    network = pd.read_csv(DEMO_DIR / "network.csv", dtype={"ags": str})
    pioneers = network[network["network"] == "smart_cities_pionier"]
    assert sorted(pioneers["ags"]) == sorted(assumptions.SMART_CITY_PIONEERS)
    members = network[(network["network"] == "smart_cities_netzwerk") & (network["joined_on"] <= "2021-05-31")]
    assert len(members) == 15
    bags = network[network["network"] == "willkommenstasche"].sort_values("joined_on")
    assert bags.iloc[0]["ags"] == "05962060"
