"""Towns like mine: the stored rule's inputs recomputed from the raw demo files, its peers the
nearest on those inputs, refreshed by an import and untouched by a refused one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.config import DEMO_DIR, REFERENCE_DIR
from dashboard.kpis.peers import rank_among
from dashboard.warehouse.connection import reader
from dashboard.warehouse.peers import NEIGHBOURS, OTHER_DISTRICT_STEP, WEIGHTS, nearest
from tests.conftest import checksums

WERDOHL = "05962060"


def _stored(path) -> tuple[pd.DataFrame, pd.DataFrame]:
    with reader(path) as con:
        return (
            con.execute("select * from peer_input").fetch_df(),
            con.execute("select * from peer order by ags, rank").fetch_df(),
        )


def test_every_town_has_its_five_nearest_towns_and_never_itself(demo_warehouse_master):
    inputs, peers = _stored(demo_warehouse_master)
    assert peers.groupby("ags").size().eq(NEIGHBOURS).all() and peers["ags"].nunique() == 59
    assert (peers["ags"] != peers["peer_ags"]).all()
    scores = inputs.pivot(index="ags", columns="feature", values="score")[list(WEIGHTS)]
    districts = pd.read_csv(REFERENCE_DIR / "municipalities.csv", dtype={"ags": str}).set_index("ags")["district"]
    weighted = scores * np.sqrt(pd.Series(WEIGHTS))
    mine = weighted.loc[WERDOHL]
    distance = np.sqrt(((weighted - mine) ** 2).sum(axis=1))
    distance += OTHER_DISTRICT_STEP * (districts.reindex(distance.index) != districts[WERDOHL])
    expected = distance.drop(WERDOHL).sort_values(kind="stable").head(NEIGHBOURS)
    stored = peers[peers["ags"] == WERDOHL]
    assert stored["peer_ags"].tolist() == expected.index.tolist()
    assert stored["distance"].to_numpy() == pytest.approx(expected.to_numpy())


def test_the_inputs_are_recomputed_from_the_raw_files(demo_warehouse_master):
    inputs, _ = _stored(demo_warehouse_master)
    raw = pd.concat([pd.read_csv(DEMO_DIR / f"registrations_{y}.csv", dtype={"ags": str}) for y in (2023, 2024, 2025)])
    population = pd.read_csv(DEMO_DIR / "population.csv", dtype={"ags": str})
    inhabitants = population[(population["ags"] == WERDOHL) & (population["year"] == 2025)]["persons"].iloc[0]
    mine = raw[raw["ags"] == WERDOHL]
    families = mine[(mine["direction"] == "in") & (mine["age_group"] == "0-17")]["persons"].sum()
    net = mine[mine["direction"] == "in"]["persons"].sum() - mine[mine["direction"] == "out"]["persons"].sum()
    stored = inputs[inputs["ags"] == WERDOHL].set_index("feature")["value"]
    assert stored["inflow_familien"] == pytest.approx(families / inhabitants / 3 * 1000)
    assert stored["net"] == pytest.approx(net / inhabitants / 3 * 1000)
    assert stored["size"] == pytest.approx(np.log10(inhabitants))
    assert stored["kind"] == 1.0  # Werdohl is a Stadt
    assert inputs.groupby("feature")["score"].mean().abs().max() < 1e-9


def test_an_import_refreshes_the_peers_and_a_refused_one_leaves_them(demo_warehouse, tmp_path, capsys):
    before = checksums(demo_warehouse)
    broken = tmp_path / "broken.csv"
    broken.write_text("ags,month,direction,age_group,sex,origin,persons\n05962060,2024-01,in,0-17,m,de,-5\n")
    assert main(["--db", str(demo_warehouse), "import", "registrations", str(broken)]) == 2
    after = checksums(demo_warehouse)
    assert {k: v for k, v in after.items() if k != "import_log"} == {
        k: v for k, v in before.items() if k != "import_log"
    }
    many = tmp_path / "many.csv"
    many.write_text("ags,month,direction,age_group,sex,origin,persons\n05962060,2025-06,in,0-17,m,de,4000\n")
    assert main(["--db", str(demo_warehouse), "import", "registrations", str(many)]) == 0
    inputs, _ = _stored(demo_warehouse)
    families = inputs[(inputs["ags"] == WERDOHL) & (inputs["feature"] == "inflow_familien")]["value"].iloc[0]
    assert families > 50  # 4,000 more children in one month moved Werdohl's profile (about 10 before)


def test_rank_among_the_peers_counts_the_town_itself_highest_first():
    table = pd.DataFrame({"ags": ["a", "b", "c", "d"], "net": [1.0, 3.0, np.nan, 2.0]})
    assert rank_among(table, "a", ["b", "c", "d"], "net") == (3, 3)  # c has no value
    assert rank_among(table, "b", ["a"], "net") == (1, 2)
    assert rank_among(table, "c", ["a"], "net") is None


def test_nearest_on_many_towns_matches_a_full_sort_ties_and_district_step_included():
    """The blockwise search (partial sort, reused buffers) picks exactly what sorting each whole
    row would, over several blocks, with ties (a tie goes to the lower town) and two districts."""
    rng = np.random.default_rng(7)
    towns = [f"{i:08d}" for i in range(1300)]  # more than two blocks of CHUNK rows
    scores = pd.DataFrame(rng.integers(-2, 3, size=(len(towns), len(WEIGHTS))).astype(float), towns, list(WEIGHTS))
    districts = pd.Series(np.where(np.arange(len(towns)) % 3 == 0, "A", "B"), towns)
    found = nearest(scores, districts)
    matrix = scores.to_numpy() * np.sqrt(np.array([WEIGHTS[f] for f in scores.columns]))
    for town in (0, 1, 511, 512, 1299):
        distance = np.sqrt(((matrix - matrix[town]) ** 2).sum(axis=1))
        distance += OTHER_DISTRICT_STEP * (districts.to_numpy() != districts.iloc[town])
        distance[town] = np.inf
        expected = np.argsort(distance, kind="stable")[:NEIGHBOURS]
        mine = found[found["ags"] == towns[town]].sort_values("rank")
        assert mine["peer_ags"].tolist() == [towns[i] for i in expected]
        assert mine["distance"].to_numpy() == pytest.approx(distance[expected])
        assert "kind" not in mine["similar_in"].iloc[0]
