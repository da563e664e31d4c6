"""The oracle itself, on known shipped values: the reference must be right before it judges."""

import pandas as pd
import pytest

from oracles import aggregate
from dashboard.geo.placement import allocate_projects


@pytest.fixture(scope="module")
def allocation(dataset, municipality_region):
    return allocate_projects(dataset.projects.accepted, municipality_region)


def test_municipality_totals_equal_the_allocated_total(allocation, municipalities):
    table = aggregate.by_municipality(allocation, municipalities)
    assert len(table) == 309
    municipal = allocation.loc[allocation["area_level"] == "municipality", "share_cents"].sum() / 100
    assert table["eur"].sum() == pytest.approx(municipal, abs=0.005)  # only money the data places in municipalities
    assert table["eur_per_resident"].isna().all()  # no population given: empty, not zero


def test_per_resident_figures_with_population(allocation, municipalities, geodata_dir):
    from dashboard.geo.layers import load_population

    population = load_population()
    table = aggregate.by_municipality(allocation, municipalities, population).set_index("name_fi")
    row = table.loc["Karstula"]
    assert row["population"] == population.set_index("municipality").loc["226", "population"]
    assert row["eur_per_resident"] == pytest.approx(row["eur"] / row["population"])


def test_region_table(allocation, regions, municipality_region, geodata_dir):
    from dashboard.geo.layers import load_population

    table = aggregate.by_region(allocation, regions, municipality_region, load_population()).set_index("name_fi")
    assert len(table) == 19
    assert table["population"].sum() == 5_533_793
    placed = allocation.loc[allocation["area_level"].isin(["municipality", "region"]), "share_cents"].sum() / 100
    assert table["eur"].sum() == pytest.approx(placed, abs=0.01)


def test_leader_group_table(allocation, dataset):
    table = aggregate.by_leader_group(allocation, dataset.leader_groups.accepted, dataset.projects.accepted).set_index("leader_group")
    assert len(table) == 53
    assert table.loc["Leader Viisari", "municipalities"] == 9
    assert table.loc["Kantri", "leader_projects"] >= 2


def test_by_column_counts_unknown_amounts_apart():
    projects = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "fund": ["EAFRD", "EAFRD", "ERDF"],
            "themes": ["youth;green_care", "youth", ""],
            "money_eur": [100.0, None, 50.0],
        }
    )
    funds = aggregate.by_column(projects, "fund").set_index("fund")
    assert funds.loc["EAFRD"].tolist() == [2, 100.0, 1]
    assert funds.loc["ERDF"].tolist() == [1, 50.0, 0]
    themes = aggregate.by_column(projects, "themes", multi_valued=True).set_index("themes")
    assert themes.loc["youth", "projects"] == 2 and themes.loc["green_care", "projects"] == 1
    assert themes.loc["", "projects"] == 1


def test_active_per_year():
    projects = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "start_date": pd.to_datetime(["2020-05-01", "2021-01-01", None]),
            "end_date": pd.to_datetime(["2022-12-31", "2021-06-30", None]),
            "money_eur": [1.0, 2.0, 3.0],
        }
    )
    table = aggregate.active_per_year(projects)
    assert dict(zip(table["year"], table["projects"])) == {2020: 1, 2021: 2, 2022: 1}
