"""Area tables: every area once, zeros where no project, euros per resident where population is known.

``area_frame`` builds its frame column by column (it runs on every filter change); the
reference here is the plain pandas join it replaced, and the two must agree exactly —
values, dtypes, column order — on random totals and populations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dashboard.query import areas


def _reference(totals: pd.DataFrame, area_list: pd.DataFrame, population: pd.Series | None) -> pd.DataFrame:
    frame = area_list[["code", "name_fi", "name_sv", "name_en"]].drop_duplicates("code").set_index("code")
    frame = frame.join(totals, how="left")
    frame["projects"] = frame["projects"].fillna(0).astype(int)
    frame["eur"] = frame["eur"].fillna(0.0).astype(float)
    frame["amount_unknown_projects"] = frame["amount_unknown_projects"].fillna(0).astype(int)
    if population is None:
        frame["population"] = pd.array([pd.NA] * len(frame), dtype="Int64")
        frame["eur_per_resident"] = np.nan
    else:
        frame["population"] = population.reindex(frame.index).astype("Int64")
        frame["eur_per_resident"] = (frame["eur"] / frame["population"].astype("Float64")).astype(float)
    return frame.reset_index().rename(columns={"index": "code"})


@pytest.fixture(scope="module")
def codes(municipalities):
    return municipalities["code"].tolist()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_area_frame_is_the_plain_join(data, municipalities, codes):
    chosen = data.draw(st.lists(st.sampled_from(codes), unique=True, max_size=40))
    euros = data.draw(st.lists(st.one_of(st.floats(-1e9, 1e9), st.just(0.0), st.just(np.nan)), min_size=len(chosen), max_size=len(chosen)))
    totals = pd.DataFrame(
        {"projects": np.arange(len(chosen)) % 4, "eur": euros, "amount_unknown_projects": np.arange(len(chosen)) % 2},
        index=pd.Index(chosen, name="code"),
    )
    people = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(codes), unique=True, max_size=60)))
    population = None if people is None else pd.Series(np.arange(len(people)) * 1000 % 7000, index=pd.Index(people, name="municipality"), name="population")
    expected = _reference(totals, municipalities, population)
    got = areas.area_frame(totals, municipalities, population)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_area_frame_shape_and_repeats(municipalities):
    totals = pd.DataFrame({"projects": [2, 1], "eur": [1000.0, 0.0], "amount_unknown_projects": [0, 1]}, index=pd.Index(["091", "049"], name="code"))
    population = pd.Series([500, 0], index=["091", "049"])
    frame = areas.area_frame(totals, municipalities, population)
    assert len(frame) == municipalities["code"].nunique() and frame["code"].is_unique
    helsinki = frame.set_index("code").loc["091"]
    assert helsinki["projects"] == 2 and helsinki["eur"] == 1000.0 and helsinki["eur_per_resident"] == 2.0 and helsinki["name_fi"] == "Helsinki"
    assert np.isnan(frame.set_index("code").loc["049", "eur_per_resident"])  # 0 € / 0 residents
    assert frame.set_index("code").loc["005", "projects"] == 0 and pd.isna(frame.set_index("code").loc["005", "population"])
    # A repeated code in the totals keeps the join's meaning (both rows), and a second call
    # on the same area list (cached) gives the same frame.
    doubled = pd.concat([totals, totals.iloc[:1]])
    pd.testing.assert_frame_equal(areas.area_frame(doubled, municipalities, population), _reference(doubled, municipalities, population))
    pd.testing.assert_frame_equal(areas.area_frame(totals, municipalities, population), frame)
