"""Rankings of the shipped data: regions by metric, top implementers and funders with merged names."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.query import rankings
from oracles import aggregate


@pytest.fixture(scope="module")
def shipped(dataset, municipalities, regions, municipality_region):
    from dashboard.geo import layers
    from dashboard.geo.placement import allocate_projects

    projects = dataset.projects.accepted
    allocation = allocate_projects(projects, municipality_region)
    table = aggregate.by_region(allocation, regions, municipality_region, layers.load_population())
    return projects, allocation, table


def test_regions_by_euros_per_resident(shipped):
    _, _, table = shipped
    ranked = rankings.rank_areas(table, "eur_per_resident")
    assert ranked["code"].head(3).tolist() == ["18", "10", "19"]  # Kainuu, Etelä-Savo, Lappi
    assert ranked["rank"].head(3).tolist() == [1, 2, 3]
    assert ranked.iloc[0]["eur_per_resident"] == pytest.approx(936.47, abs=0.01)
    assert ranked.iloc[-1]["code"] == "21"  # Åland: 2.85 € per resident (its own programmes are not in the lists)
    keski_suomi = ranked.loc[ranked["code"] == "13"].iloc[0]
    assert keski_suomi["rank"] == 12 and keski_suomi["eur_per_resident"] == pytest.approx(265.81, abs=0.01)
    assert len(ranked) == 19


def test_lappi_share_and_project_counts(shipped):
    _, _, table = shipped
    by_projects = rankings.rank_areas(table, "projects")
    assert by_projects.iloc[0][["code", "projects"]].tolist() == ["17", 506]  # Pohjois-Pohjanmaa
    lappi = by_projects.loc[by_projects["code"] == "19"].iloc[0]
    assert lappi["projects"] == 384  # placed in Lappi or its municipalities; large-area projects are not counted here
    by_share = rankings.rank_areas(table, "share")
    assert by_share["share"].sum() == pytest.approx(1.0)
    assert by_share["code"].iloc[0] == "17"
    assert rankings.rank_areas(table, "eur", limit=5)["code"].tolist() == by_share["code"].head(5).tolist()


def test_unknown_metric_and_missing_values_last():
    table = pd.DataFrame(
        {
            "code": ["1", "2", "3", "4"],
            "name_fi": ["A", "B", "C", "D"],
            "projects": [2, 0, 2, 1],
            "eur": [100.0, 0.0, 100.0, 50.0],
            "eur_per_resident": [1.0, 0.0, np.nan, 5.0],
        }
    )
    ranked = rankings.rank_areas(table, "eur_per_resident")
    assert ranked["code"].tolist() == ["4", "1", "2", "3"]
    assert ranked["rank"].tolist()[:3] == [1, 2, 3] and pd.isna(ranked["rank"].iloc[3])
    tied = rankings.rank_areas(table, "eur")
    assert tied["rank"].tolist() == [1, 1, 3, 4]  # ties share a rank; the area without projects stays in
    with pytest.raises(ValueError):
        rankings.rank_areas(table, "population")


def test_top_funders_merge_names_and_count_each_named_funder(shipped):
    projects, _, _ = shipped
    funders = rankings.top_funders(projects, limit=None)
    assert funders.attrs["unnamed_projects"] == 58
    first = funders.iloc[0]
    assert first["name"] == "Pohjois-Pohjanmaan ELY-keskus" and first["projects"] == 4264 and first["eur"] == pytest.approx(871_112_973.0)
    merged = funders.set_index("name")
    assert merged.loc["Keski-Suomen liitto", "spellings"] == 2  # + "Keski-Suomen liitto (maakuntahallitus)"
    assert merged.loc["Botnia-Atlantica styrkommitté", "projects"] == 3 and merged.loc["Botnia-Atlantica styrkommitté", "spellings"] == 2
    assert merged.loc["Kantri", "projects"] == 5  # 4 alone + "Pirkan Helmi; Kantri"
    assert merged.loc["Pirkan Helmi", "projects"] == 6
    assert merged.loc["Satakunnan ELY-keskus", "projects"] == 7  # incl. "Varsinais-Suomen ELY-keskus; Satakunnan ELY-keskus"
    assert not any(";" in name for name in funders["name"])
    assert funders["name"].map(rankings.name_key).is_unique


def test_top_implementers_in_pohjois_karjala(shipped):
    projects, allocation, _ = shipped
    rows = allocation.loc[allocation["region"] == "12"]
    touching = projects.loc[projects["id"].isin(rows["project_id"])]
    shares = rows.groupby("project_id")["share_eur"].sum(min_count=1).astype(float)
    top = rankings.top_implementers(touching, limit=3, money=shares)
    assert top["name"].tolist() == ["Joensuun Tiedepuisto Oy", "Joensuun kaupunki", "Pohjois-Karjalan maakuntaliitto"]
    assert top["eur"].tolist() == pytest.approx([9_898_595.0, 8_887_478.0, 8_702_290.0])
    by_count = rankings.top_implementers(touching, limit=1, by="projects")
    assert by_count.iloc[0][["name", "projects"]].tolist() == ["Joensuun kaupunki", 25]


def test_name_key_merges_spellings():
    assert rankings.name_key("Etelä-Savon maakuntaliitto") == rankings.name_key("Etelä-Savon liitto")
    assert rankings.name_key("Kantri ry") == rankings.name_key("KANTRI") == "kantri"
    assert rankings.name_key("Joensuun seudun Leader -yhdistys ry") == rankings.name_key("Joensuun seudun Leader-yhdistys r.y.")
    assert rankings.name_key("Hämeen liitto") != rankings.name_key("Hämeen ELY-keskus")


def test_empty_input():
    empty = pd.DataFrame(columns=["id", "funder", "implementer", "money_eur"])
    result = rankings.top_funders(empty)
    assert result.empty and result.attrs["unnamed_projects"] == 0
