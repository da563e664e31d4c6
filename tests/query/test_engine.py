"""The fast path (ProjectIndex) must give exactly what the plain pandas definitions give."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracles import aggregate
from dashboard.query.filters import ProjectFilters, filter_allocation
from dashboard.geo.placement import allocate_projects
from dashboard.query.engine import ProjectIndex
from dashboard.query.rankings import name_key
from dashboard.core.authorities import clean_funder


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
    if filters.funders:
        # A funder as the filter names it: the cell as written, or any funder the cell names
        # (split at ';', official names shortened) whose merge key is the chosen name's.
        chosen = {name_key(name) for name in filters.funders}
        keys = projects["funder"].map(lambda c: {name_key(clean_funder(p)) for p in str(c).split(";") if p.strip()})
        keep &= projects["funder"].isin(filters.funders) | keys.map(lambda k: bool(k & chosen))
    if filters.themes:
        keep &= projects["themes"].map(lambda c: bool(set(c.split(";")) & set(filters.themes)) if c else False)
    if filters.years:
        first, last = pd.Timestamp(filters.years[0], 1, 1), pd.Timestamp(filters.years[1], 12, 31)
        keep &= projects["start_date"].notna() & projects["end_date"].notna() & (projects["start_date"] <= last) & (projects["end_date"] >= first)
    if filters.text:
        text = (projects["name"] + " " + projects["implementer"] + " " + projects["summary"]).str.casefold()
        for column in ("summary_fi", "summary_sv", "summary_en"):  # every language's summary is searched
            text = text + " " + projects[column].str.casefold()
        keep &= text.str.contains(filters.text.casefold(), regex=False)
    if filters.regions and not (filters.municipalities or filters.leader_groups):
        # A region matches its municipal and region-level rows.
        keep &= projects["id"].isin(set(allocation.loc[allocation["region"].isin(filters.regions), "project_id"]))
    elif filters.regions or filters.municipalities or filters.leader_groups:
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
    funders=st.lists(st.sampled_from(["Kantri", "Keski-Suomen liitto", "Botnia-Atlantica styrkommitté", "Varsinais-Suomen ELY-keskus", "Pirkan Helmi; Kantri"]), max_size=2, unique=True).map(tuple),
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


@settings(max_examples=25, deadline=None)
@given(filters=filters_strategy)
def test_large_area_totals_equal_the_groupby(setup, filters):
    projects, allocation, index, _ = setup
    mask = index.mask(filters)
    chosen = filter_allocation(allocation, projects.loc[mask, "id"])
    chosen = chosen.loc[chosen["large_area"] != ""]
    slow = chosen.groupby("large_area").agg(projects=("project_id", "nunique"), cents=("share_cents", "sum"))
    fast = index.area_totals(mask, "large_area")
    slow = slow.reindex(fast.index).fillna(0)
    assert (fast["projects"].to_numpy() == slow["projects"].to_numpy()).all()
    assert np.allclose(fast["eur"].to_numpy(), slow["cents"].astype(float).to_numpy() / 100, atol=0.005)


def test_unknown_area_count(setup):
    projects, allocation, index, _ = setup
    mask = np.ones(len(projects), dtype=bool)
    assert index.unknown_area_projects(mask) == allocation.loc[allocation["area_level"] == "unknown", "project_id"].nunique()


# --- one engine: the charts' and the Leader page's breakdowns against the pandas oracles ---


def _normalised(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    frame = frame.loc[frame["projects"] > 0, [key, "projects", "eur", "amount_unknown_projects"]]
    frame = frame.assign(eur=frame["eur"].round(2), **{key: frame[key].astype(str)})
    return frame.sort_values(key).reset_index(drop=True).astype({"projects": int, "amount_unknown_projects": int})


@settings(max_examples=40, deadline=None)
@given(filters=filters_strategy)
def test_breakdowns_equal_the_pandas_oracles(setup, filters):
    projects, _, index, _ = setup
    mask = index.mask(filters)
    chosen = projects.loc[mask]
    for column in ("fund", "funder", "period_canonical", "status"):
        pd.testing.assert_frame_equal(_normalised(index.breakdown(mask, column), column), _normalised(aggregate.by_column(chosen, column), column))
    slow_themes = aggregate.by_column(chosen, "themes", multi_valued=True)
    pd.testing.assert_frame_equal(_normalised(index.theme_breakdown(mask), "themes"), _normalised(slow_themes.loc[slow_themes["themes"] != ""], "themes"))
    fast = index.period_fund(mask).sort_values(["period_canonical", "fund"]).reset_index(drop=True)
    slow = aggregate.period_fund_matrix(chosen).sort_values(["period_canonical", "fund"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(fast[["period_canonical", "fund", "projects"]], slow[["period_canonical", "fund", "projects"]], check_dtype=False)
    assert np.allclose(fast["eur"], slow["eur"], atol=0.005)
    pd.testing.assert_frame_equal(index.active_per_year(mask), aggregate.active_per_year(chosen), check_dtype=False)


@settings(max_examples=25, deadline=None)
@given(filters=filters_strategy)
def test_leader_breakdowns_equal_the_pandas_oracles(setup, filters):
    projects, allocation, index, leader_groups = setup
    mask = index.mask(filters)
    chosen = filter_allocation(allocation, projects.loc[mask, "id"])
    slow = aggregate.by_leader_group(chosen, leader_groups)
    fast = index.group_totals(mask)
    pd.testing.assert_frame_equal(
        fast[["leader_group", "projects", "amount_unknown_projects", "municipalities"]],
        slow[["leader_group", "projects", "amount_unknown_projects", "municipalities"]],
        check_dtype=False,
    )
    assert np.allclose(fast["eur"], slow["eur"], atol=0.005)
    codes = set(leader_groups.loc[leader_groups["leader_group"] == "Leader Viisari", "municipality"])
    slow_matrix = aggregate.theme_matrix(projects.loc[mask], allocation, codes)
    fast_matrix = index.theme_by_municipality(mask, codes)
    if slow_matrix.empty:
        assert fast_matrix.empty
    else:
        pd.testing.assert_frame_equal(fast_matrix.sort_index(), slow_matrix.rename_axis(index="theme", columns=None).sort_index(), check_dtype=False, check_names=False)


def test_text_search_finds_a_project_by_its_swedish_or_finnish_summary(setup):
    projects, _, index, _ = setup
    found = lambda text: sorted(projects.loc[index.mask(ProjectFilters(text=text)), "id"])
    assert found("utbytesprojekt") == ["green-economy-nordic"]  # only in summary_sv
    assert found("vaihtohanke") == ["green-economy-nordic"]  # only in summary_fi
    assert "green-economy-nordic" in found("exchange project")  # the original


def test_known_breakdown_values(setup):
    """Shipped data: the JTF projects and their money, as the charts show them."""
    projects, _, index, _ = setup
    everything = np.ones(len(projects), dtype=bool)
    funds = index.breakdown(everything, "fund").set_index("fund")
    assert funds.loc["JTF", "projects"] == (projects["fund"] == "JTF").sum() == 4
    assert funds["projects"].sum() == len(projects)
    assert round(funds["eur"].sum(), 2) == round(projects["money_eur"].sum(), 2)


def test_each_map_level_includes_only_money_placed_there_or_finer(setup):
    projects, allocation, index, _ = setup
    mask = np.ones(len(projects), dtype=bool)
    levels = index.level_totals(mask)
    total = round(float(projects["money_eur"].sum()), 2)
    assert levels["eur"].sum() == pytest.approx(total, abs=0.05)
    assert levels["projects"].sum() == len(projects)
    municipal = index.area_totals(mask, "municipality")["eur"].sum()
    regional = index.area_totals(mask, "region")["eur"].sum()
    large = index.area_totals(mask, "large_area")["eur"].sum()
    assert municipal == pytest.approx(levels.loc["municipality", "eur"], abs=0.05)
    assert regional == pytest.approx(levels.loc[["municipality", "region"], "eur"].sum(), abs=0.05)
    assert large == pytest.approx(levels.loc[["municipality", "region", "large_area"], "eur"].sum(), abs=0.05)
    assert municipal < regional < large < total


def test_precision_shares_add_up_at_every_map_level(setup):
    projects, _, index, _ = setup
    mask = np.ones(len(projects), dtype=bool)
    for level in ("municipality", "region", "large_area"):
        shares = index.precision_shares(mask, level)
        assert list(shares.index) == ["on_map", "region_only", "large_area_only", "national", "unknown"]
        assert shares["share"].sum() == pytest.approx(1.0)
        assert shares["projects"].sum() == len(projects)
    assert index.precision_shares(mask, "region").loc["region_only", "eur"] == 0
    large = index.precision_shares(mask, "large_area")
    assert large.loc["on_map", "share"] >= 0.85  # done-when figure of issue 8
    # Polar Magnets covers all of Lappi by its own words: municipal coverage, not a coarser share.
    erdf = index.mask(ProjectFilters(funds=("ERDF",)))
    assert index.precision_shares(erdf, "municipality").loc["on_map", "share"] < 0.2


def test_the_seat_placement_is_available(dataset, municipality_region):
    from dashboard.query.engine import build_indexes

    projects = dataset.projects.accepted
    indexes = build_indexes(projects, dataset.leader_groups.accepted, municipality_region)
    allocation, index = indexes["seat"]
    hoiva = allocation.loc[allocation["project_id"] == "S10324"]
    assert hoiva[["area_level", "municipality"]].values.tolist() == [["municipality", "091"]]
    mask = index.mask(ProjectFilters(municipalities=("091",)))
    assert mask[projects.index[projects["id"] == "S10324"][0]]
    area_allocation, _ = indexes["area"]
    assert area_allocation.loc[area_allocation["project_id"] == "S10324", "area_level"].tolist() == ["large_area"]


# --- money measures: every aggregation per measure, against the oracles on that measure's allocation ---

from dashboard.query.engine import DEFAULT_MEASURE, MEASURES, present_measures  # noqa: E402


@pytest.fixture(scope="module")
def per_measure(setup, municipality_region):
    """Measure → (projects with ``money_eur`` = that measure, its allocation): the oracles' input."""
    projects = setup[0]
    result = {}
    for measure in present_measures(projects):
        as_money = projects.assign(money_eur=projects[MEASURES[measure]])
        result[measure] = (as_money, allocate_projects(as_money, municipality_region))
    return result


def test_the_shipped_data_has_every_measure(setup):
    assert present_measures(setup[0]) == ("mix", "budget", "public", "granted", "paid", "public_paid")


measure_strategy = st.sampled_from(list(MEASURES))


@settings(max_examples=40, deadline=None)
@given(filters=filters_strategy, measure=measure_strategy)
def test_area_and_level_totals_per_measure_equal_the_oracles(setup, per_measure, municipalities, regions, municipality_region, filters, measure):
    _, _, index, _ = setup
    projects, allocation = per_measure[measure]
    mask = index.mask(filters)
    chosen = filter_allocation(allocation, projects.loc[mask, "id"])
    for level, slow in (
        ("municipality", aggregate.by_municipality(chosen, municipalities)),
        ("region", aggregate.by_region(chosen, regions, municipality_region)),
    ):
        fast = aggregate.area_frame(index.area_totals(mask, level, measure), municipalities if level == "municipality" else regions, None)
        pd.testing.assert_frame_equal(fast[["code", "projects", "amount_unknown_projects"]], slow[["code", "projects", "amount_unknown_projects"]])
        assert np.allclose(fast["eur"], slow["eur"], atol=0.005)
    levels = index.level_totals(mask, measure)
    slow_levels = chosen.groupby("area_level")["share_cents"].sum().reindex(levels.index).fillna(0).astype(float) / 100
    assert np.allclose(levels["eur"].to_numpy(), slow_levels.to_numpy(), atol=0.005)
    shares = index.precision_shares(mask, "municipality", measure)
    assert shares["eur"].sum() == pytest.approx(levels["eur"].sum(), abs=0.05)
    total, covered = index.measure_total(mask, measure)
    assert total == pytest.approx(round(float(projects.loc[mask, "money_eur"].sum()), 2), abs=0.005)
    assert covered == int(projects.loc[mask, "money_eur"].notna().sum())


@settings(max_examples=30, deadline=None)
@given(filters=filters_strategy, measure=measure_strategy)
def test_breakdowns_per_measure_equal_the_oracles(setup, per_measure, filters, measure):
    _, _, index, leader_groups = setup
    projects, allocation = per_measure[measure]
    mask = index.mask(filters)
    chosen = projects.loc[mask]
    for column in ("fund", "funder", "period_canonical", "status"):
        pd.testing.assert_frame_equal(_normalised(index.breakdown(mask, column, measure), column), _normalised(aggregate.by_column(chosen, column), column))
    slow_themes = aggregate.by_column(chosen, "themes", multi_valued=True)
    pd.testing.assert_frame_equal(_normalised(index.theme_breakdown(mask, measure), "themes"), _normalised(slow_themes.loc[slow_themes["themes"] != ""], "themes"))
    fast = index.period_fund(mask, measure).sort_values(["period_canonical", "fund"]).reset_index(drop=True)
    slow = aggregate.period_fund_matrix(chosen).sort_values(["period_canonical", "fund"]).reset_index(drop=True)
    assert np.allclose(fast["eur"], slow["eur"], atol=0.005)
    groups_fast = index.group_totals(mask, measure)
    groups_slow = aggregate.by_leader_group(filter_allocation(allocation, chosen["id"]), leader_groups)
    pd.testing.assert_frame_equal(groups_fast[["leader_group", "projects", "amount_unknown_projects"]], groups_slow[["leader_group", "projects", "amount_unknown_projects"]], check_dtype=False)
    assert np.allclose(groups_fast["eur"], groups_slow["eur"], atol=0.005)


def test_public_funding_of_the_shipped_data(setup):
    """The figure the funding page shows for ``?measure=public``: the planned public funding."""
    projects, _, index, _ = setup
    everything = np.ones(len(projects), dtype=bool)
    total, covered = index.measure_total(everything, "public")
    assert covered == int(projects["public_funding_eur"].notna().sum()) == 22919
    assert total == pytest.approx(float(projects["public_funding_eur"].sum()), abs=0.01)
    assert 4.6e9 < total < 4.62e9
    assert index.measure_total(everything, DEFAULT_MEASURE)[1] == int(projects["money_eur"].notna().sum())
    with pytest.raises(ValueError):
        index.measure_total(everything, "galaxy")


def test_a_funder_is_found_under_every_spelling_and_in_shared_cells(setup):
    """The funder filter offers merged names: "Kantri" also finds the project funded by
    "Pirkan Helmi; Kantri", and "Keski-Suomen liitto" every spelling of the council."""
    projects, _, index, _ = setup
    found = lambda *names: set(projects.loc[index.mask(ProjectFilters(funders=names)), "funder"])
    assert found("Kantri") == {"Kantri", "Pirkan Helmi; Kantri"}
    council = found("Keski-Suomen liitto")
    assert "Keski-Suomen liitto" in council and len(council) == 2
    assert all(name_key(clean_funder(cell)) == "keski-suomen liitto" for cell in council)
