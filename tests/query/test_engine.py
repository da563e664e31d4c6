"""The fast path (ProjectIndex) must give exactly what the plain pandas definitions give."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.query import aggregate
from dashboard.query.filters import ProjectFilters, filter_allocation
from dashboard.geo.placement import allocate_projects
from dashboard.query.engine import ProjectIndex


@pytest.fixture(scope="module")
def setup(dataset, municipality_region):
    projects = dataset.projects.accepted
    allocation = allocate_projects(projects, municipality_region)
    index = ProjectIndex.build(projects, allocation, dataset.leader_groups.accepted, municipality_region)
    return projects, allocation, index, dataset.leader_groups.accepted


def reference_mask(projects, allocation, leader_groups, filters):
    """Filters written out plainly with pandas, one by one."""
    keep = pd.Series(True, index=projects.index)
    if filters.funds:
        keep &= projects["fund"].isin(filters.funds)
    if filters.periods:
        keep &= projects["period_canonical"].isin(filters.periods)
    if filters.themes:
        keep &= projects["themes"].map(lambda c: bool(set(c.split(";")) & set(filters.themes)) if c else False)
    if filters.years:
        first, last = pd.Timestamp(filters.years[0], 1, 1), pd.Timestamp(filters.years[1], 12, 31)
        keep &= projects["start_date"].notna() & projects["end_date"].notna() & (projects["start_date"] <= last) & (projects["end_date"] >= first)
    if filters.text:
        text = (projects["name"] + " " + projects["implementer"] + " " + projects["summary"]).str.casefold()
        keep &= text.str.contains(filters.text.casefold(), regex=False)
    if filters.regions or filters.municipalities or filters.leader_groups:
        rows = allocation.loc[allocation["municipality"] != ""]
        if filters.regions:
            rows = rows.loc[rows["region"].isin(filters.regions)]
        if filters.municipalities:
            rows = rows.loc[rows["municipality"].isin(filters.municipalities)]
        if filters.leader_groups:
            members = leader_groups.loc[leader_groups["leader_group"].isin(filters.leader_groups), "municipality"]
            rows = rows.loc[rows["municipality"].isin(set(members))]
        keep &= projects["id"].isin(set(rows["project_id"]))
    return keep.to_numpy()


filters_strategy = st.builds(
    ProjectFilters,
    funds=st.lists(st.sampled_from(["EAFRD", "ERDF", "ESF", "JTF", "national", "unknown"]), max_size=2, unique=True).map(tuple),
    periods=st.lists(st.sampled_from(["2007-2013", "2014-2020", "2021-2027", "unknown"]), max_size=2, unique=True).map(tuple),
    themes=st.lists(st.sampled_from(["youth", "green_care", "nature_tourism", "business_development"]), max_size=2, unique=True).map(tuple),
    regions=st.lists(st.sampled_from(["01", "13", "17", "19", "21"]), max_size=2, unique=True).map(tuple),
    municipalities=st.lists(st.sampled_from(["091", "226", "305", "742", "179"]), max_size=2, unique=True).map(tuple),
    leader_groups=st.lists(st.sampled_from(["Leader Viisari", "Kantri", "EMO"]), max_size=1).map(tuple),
    years=st.one_of(st.none(), st.tuples(st.integers(2008, 2026), st.integers(0, 5)).map(lambda t: (t[0], t[0] + t[1]))),
    text=st.sampled_from(["", "leader", "kylä", "hanke"]),
)


@settings(max_examples=120, deadline=None)
@given(filters=filters_strategy)
def test_mask_equals_the_plain_definition(setup, filters):
    projects, allocation, index, leader_groups = setup
    assert (index.mask(filters) == reference_mask(projects, allocation, leader_groups, filters)).all()


@settings(max_examples=40, deadline=None)
@given(filters=filters_strategy)
def test_area_totals_equal_the_groupby_aggregation(setup, municipalities, regions, municipality_region, filters):
    projects, allocation, index, _ = setup
    mask = index.mask(filters)
    chosen = filter_allocation(allocation, projects.loc[mask, "id"])
    for level, slow in (
        ("municipality", aggregate.by_municipality(chosen, municipalities)),
        ("region", aggregate.by_region(chosen, regions, municipality_region)),
    ):
        fast = aggregate.area_frame(index.area_totals(mask, level), municipalities if level == "municipality" else regions, None)
        pd.testing.assert_frame_equal(fast[["code", "projects", "amount_unknown_projects"]], slow[["code", "projects", "amount_unknown_projects"]])
        assert np.allclose(fast["eur"], slow["eur"], atol=0.005)


def test_unknown_area_count(setup):
    projects, allocation, index, _ = setup
    mask = np.ones(len(projects), dtype=bool)
    assert index.unknown_area_projects(mask) == allocation.loc[allocation["municipality"] == "", "project_id"].nunique()
