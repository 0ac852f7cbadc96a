"""Towns like mine: a transparent rule kept in the warehouse beside the inputs it rests on.

Every town is described by its size (log10 of its latest inhabitants), its kind (Stadt or
Gemeinde) and its own migration profile – in-migration per 1,000 inhabitants and year of each
target group and its net migration per 1,000, over the last three years with data (register
months, official annual figures where a town-year has them). Each input is standardised over the
towns; the distance between two towns is the weighted Euclidean distance of their scores plus a
small step where they lie in different districts, and a town's peers are its nearest towns.
Refreshed inside the writer's transaction of every import that changes migration or population,
so the stored peers always belong to the stored data.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from dashboard.vocabulary import TARGET_GROUPS

NEIGHBOURS = 5
PROFILE_YEARS = 3
# How much each input counts: size as much as the whole migration profile, kind half of that.
WEIGHTS = {
    "size": 2.0,
    "kind": 1.0,
    **{f"inflow_{group}": 0.5 for group in TARGET_GROUPS},
    "net": 1.0,
}
OTHER_DISTRICT_STEP = 0.5
FEATURES = tuple(WEIGHTS)
# Rows of the distance matrix computed at once (a Germany-size warehouse has 10,800 towns).
CHUNK = 512

_INPUTS = """
with towns as (select ags, kind, district from municipality),
inhabitants as (
    select ags, persons from population
    qualify row_number() over (partition by ags order by reference_date desc) = 1
),
last_year as (
    select max(year) as last from (
        select year from registration_by_year union all select year from registration_year
    )
),
official as (
    select ags, year, direction, age_group, persons from registration_year
    where sex = 'total' and origin = 'total' and age_group <> 'total' and persons is not null
),
register as (
    select r.ags, r.year, r.direction, r.age_group, sum(r.persons) as persons
    from registration_by_year r
    where not exists (select 1 from official o where o.ags = r.ags and o.year = r.year)
    group by all
),
moves as (
    select m.* from (select * from register union all select * from official) m, last_year
    where m.year > last_year.last - $years
)
select t.ags, t.kind, t.district, i.persons as inhabitants,
       count(distinct m.year) as years,
       (select min(year) from moves) as first_year, (select max(year) from moves) as last_year,
       m.age_group, m.direction, sum(m.persons) as persons
from towns t
left join inhabitants i using (ags)
left join moves m using (ags)
group by all
"""


def inputs(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, str | None]:
    """One row per town with the inputs in their units, and the years the profile rests on."""
    rows = con.execute(_INPUTS, {"years": PROFILE_YEARS}).fetch_df()
    if rows.empty:
        return pd.DataFrame(columns=["ags", "district", *FEATURES]), None
    # in a fixed order: the scores' sums then come out the same to the last bit on every run
    towns = rows.drop_duplicates("ags").set_index("ags").sort_index()
    per_year = towns["years"].replace(0, np.nan)
    inhabitants = towns["inhabitants"].astype(float)
    moved = rows.dropna(subset=["age_group"]).pivot_table(
        index="ags", columns=["direction", "age_group"], values="persons", aggfunc="sum", fill_value=0
    )
    rate = lambda persons: persons / inhabitants / per_year * 1000
    frame = pd.DataFrame(index=towns.index)
    frame["district"] = towns["district"]
    frame["size"] = np.log10(inhabitants.where(inhabitants > 0))
    frame["kind"] = (towns["kind"] == "Stadt").astype(float)
    for group, ages in TARGET_GROUPS.items():
        came = moved.reindex(columns=[("in", age) for age in ages], fill_value=0).sum(axis=1)
        frame[f"inflow_{group}"] = rate(came.reindex(frame.index))
    came = moved["in"].sum(axis=1) if "in" in moved else pd.Series(dtype=float)
    left = moved["out"].sum(axis=1) if "out" in moved else pd.Series(dtype=float)
    frame["net"] = rate((came - left).reindex(frame.index))
    first, last = towns["first_year"].dropna(), towns["last_year"].dropna()
    years = f"{int(first.iloc[0])}–{int(last.iloc[0])}" if not first.empty else None
    return frame.reset_index(), years


def standardised(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores with mean 0 and standard deviation 1 per input; a missing input scores 0 (the
    average town), an input without spread 0 for every town."""
    values = frame[list(FEATURES)].astype(float)
    spread = values.std(ddof=0).replace(0, np.nan)
    return ((values - values.mean()) / spread).fillna(0.0)


def _k_smallest(distance: np.ndarray, k: int) -> np.ndarray:
    """Each row's columns of its k smallest values, as a stable argsort orders them (a tie goes
    to the lower column), without sorting whole rows: only the values up to the k-th are sorted."""
    kth = np.partition(distance, k - 1, axis=1)[:, k - 1 : k]
    rows, columns = np.nonzero(distance <= kth)
    order = np.lexsort((columns, distance[rows, columns], rows))
    rows, columns = rows[order], columns[order]
    first = np.searchsorted(rows, np.arange(len(distance)))
    return columns[first[:, None] + np.arange(k)]


def nearest(scores: pd.DataFrame, districts: pd.Series, k: int = NEIGHBOURS) -> pd.DataFrame:
    """Each town's k nearest towns: ags, rank, peer_ags, distance, similar_in, same_district."""
    names = scores.index.to_numpy()
    features = np.array(scores.columns)
    weights = np.array([WEIGHTS[f] for f in features])
    matrix = scores.to_numpy() * np.sqrt(weights)
    district = districts.reindex(scores.index).to_numpy()
    district_code = pd.factorize(district)[0]  # compared as numbers: strings cost seconds at 10,800 towns
    k = min(k, len(names) - 1)
    if k < 1:
        return pd.DataFrame(columns=["ags", "rank", "peer_ags", "distance", "similar_in", "same_district"])
    picked = np.empty((len(names), k), dtype=np.int64)
    picked_distance = np.empty((len(names), k))
    by_feature = np.ascontiguousarray(matrix.T)
    # buffers reused for every block: fresh arrays of this size cost more in page faults than the sums
    distance_buffer = np.empty((min(CHUNK, len(names)), len(names)))
    gap_buffer = np.empty_like(distance_buffer)
    other_district = np.empty(distance_buffer.shape, dtype=bool)
    for start in range(0, len(names), CHUNK):
        block = matrix[start : start + CHUNK]
        distance, gap = distance_buffer[: len(block)], gap_buffer[: len(block)]
        distance.fill(0.0)
        for column, values in enumerate(by_feature):  # one input after another, in place
            np.subtract(block[:, column, None], values[None, :], out=gap)
            np.multiply(gap, gap, out=gap)
            np.add(distance, gap, out=distance)
        np.sqrt(distance, out=distance)
        np.not_equal(
            district_code[start : start + CHUNK, None], district_code[None, :], out=other_district[: len(block)]
        )
        np.multiply(other_district[: len(block)], OTHER_DISTRICT_STEP, out=gap)
        np.add(distance, gap, out=distance)
        own = np.arange(len(block))
        distance[own, start + own] = np.inf
        order = _k_smallest(distance, k)
        picked[start : start + len(block)] = order
        picked_distance[start : start + len(block)] = np.take_along_axis(distance, order, axis=1)
    town = np.repeat(np.arange(len(names)), k)
    other = picked.ravel()
    gaps = np.abs(matrix[town] - matrix[other])
    # the kind matches or not: said apart (sorted last), so the closest inputs say more than "both towns"
    gaps[:, features == "kind"] = np.inf
    closest = features[np.argsort(gaps, axis=1, kind="stable")[:, :3]]
    return pd.DataFrame(
        {
            "ags": names[town],
            "rank": np.tile(np.arange(1, k + 1), len(names)),
            "peer_ags": names[other],
            "distance": picked_distance.ravel(),
            "similar_in": [list(row) for row in closest],
            "same_district": district[town] == district[other],
        }
    )


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the inputs and the peers of every town (inside the caller's transaction)."""
    frame, years = inputs(con)
    con.execute("delete from peer_input")
    con.execute("delete from peer")
    con.execute("delete from peer_run")
    if frame.empty:
        return
    frame = frame.set_index("ags")
    scores = standardised(frame)
    long = (
        frame[list(FEATURES)]
        .stack(future_stack=True)
        .rename("value")
        .to_frame()
        .join(scores.stack(future_stack=True).rename("score"))
        .reset_index()
        .rename(columns={"level_1": "feature"})
    )
    long.columns = ["ags", "feature", "value", "score"]
    con.register("new_peer_input", long)
    con.execute("insert into peer_input select ags, feature, value, score from new_peer_input")
    con.unregister("new_peer_input")
    peers = nearest(scores, frame["district"])
    con.register("new_peer", peers)
    con.execute("insert into peer select ags, rank, peer_ags, distance, similar_in, same_district from new_peer")
    con.unregister("new_peer")
    con.execute(
        "insert into peer_run values (current_timestamp, $years, $towns, $k)",
        {"years": years, "towns": len(frame), "k": NEIGHBOURS},
    )
