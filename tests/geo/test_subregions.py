"""Sub-region layer: membership by spatial join, classification tables, the cache file name."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from dashboard.geo import subregions
from dashboard.geo.layers import GeodataError


def test_membership_is_derived_by_a_spatial_join():
    municipalities = gpd.GeoDataFrame({"code": ["001", "002", "003"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)], crs="EPSG:4326")
    layer = gpd.GeoDataFrame({"code": ["101", "102"]}, geometry=[box(0, 0, 2.5, 1.5), box(4, 4, 7, 7)], crs="EPSG:4326")
    members = subregions.municipality_subregions(municipalities, layer)
    assert members.to_dict("list") == {"code": ["001", "002", "003"], "subregion_code": ["101", "101", "102"]}


def test_a_municipality_outside_every_subregion_is_an_error():
    municipalities = gpd.GeoDataFrame({"code": ["001"]}, geometry=[box(10, 10, 11, 11)], crs="EPSG:4326")
    layer = gpd.GeoDataFrame({"code": ["101"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")
    with pytest.raises(GeodataError):
        subregions.municipality_subregions(municipalities, layer)


def test_classification_table_keeps_codes_as_strings():
    table = pd.DataFrame({"subregion_code": ["132", "132"], "subregion_name_fi": ["Joutsa"] * 2, "subregion_name_sv": ["Joutsa"] * 2, "municipality_code": ["172", "414"]})
    layer, members = subregions.from_table(table)
    assert layer.to_dict("records") == [{"code": "132", "name_fi": "Joutsa", "name_sv": "Joutsa"}]
    assert members["code"].tolist() == ["172", "414"]


def test_layer_names_follow_statistics_finland():
    assert subregions.type_name(2023) == "tilastointialueet:seutukunta4500k_2023"
    assert subregions.subregion_filename(2023) == "seutukunta4500k_2023.geojson"
