"""Honest distances: geodesic km for exact points, "in Kuusamo (no exact location)" after them, never "0 km"."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from dashboard.query import distance
from dashboard.ui.formatting import distance_describer

NB = "\u00a0"


def test_geodesic_km_is_ellipsoidal():
    # One degree of latitude at 60°N is 111.41 km on WGS 84 (a sphere of 6371 km says 111.19).
    one_degree = distance.geodesic_km([60.5], [25.0], 59.5, 25.0)[0]
    assert one_degree == pytest.approx(111.41, abs=0.02)
    assert np.isnan(distance.geodesic_km([np.nan], [25.0], 60.0, 25.0)[0])
    assert distance.geodesic_km([60.0], [25.0], 60.0, 25.0)[0] == 0.0


def _services() -> gpd.GeoDataFrame:
    rows = [
        ("far-exact", "Kaukana", 66.0, 29.5, False, "305"),
        ("near-exact", "Lähellä", 65.97, 29.19, False, "305"),
        ("kuusamo-approx", "Arvio Kuusamo", 65.96, 29.18, True, "305"),
        ("posio-approx", "Arvio Posio", 66.11, 28.17, True, "614"),
    ]
    frame = pd.DataFrame(rows, columns=["id", "name", "lat", "lon", "approximate", "municipality"])
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def test_exact_points_first_by_distance_then_approximate_without_a_distance():
    describe = distance_describer("fi", {"305": "Kuusamo", "614": "Posio"})
    result = distance.with_distances(_services(), (65.96, 29.18), describe)
    assert result["id"].tolist() == ["near-exact", "far-exact", "kuusamo-approx", "posio-approx"]
    assert result["distance_exact"].tolist() == [True, True, False, False]
    assert result["distance_km"].iloc[0] == pytest.approx(1.20, abs=0.01)  # √(1.113² + 0.453²) km
    assert result["distance_km"].iloc[2:].isna().all()
    assert result["distance_text"].tolist()[2:] == ["Kuusamo (ei tarkkaa sijaintia)", "Posio (ei tarkkaa sijaintia)"]
    assert result["distance_text"].iloc[0] == f"1,2{NB}km"
    assert not result["distance_text"].str.contains(r"\b0 km|0,0", regex=True).any()


def test_languages_of_the_texts():
    for lang, text in (("sv", "i Kuusamo (inget exakt läge)"), ("en", "in Kuusamo (no exact location)")):
        result = distance.with_distances(_services(), (65.96, 29.18), distance_describer(lang, {"305": "Kuusamo"}))
        assert result.loc[result["id"] == "kuusamo-approx", "distance_text"].item() == text


def test_radius_keeps_approximate_services_whose_municipality_reaches_the_circle():
    shapes = gpd.GeoDataFrame({"code": ["305", "614"]}, geometry=[box(28.6, 65.5, 30.0, 66.6), box(27.0, 65.8, 28.6, 66.4)], crs="EPSG:4326")
    # 5 km from the edge of "Posio" (lon 28.6) but 20 km from its representative point.
    centre = (66.1, 28.7)
    inside = distance.near(_services(), centre, 10, None, municipality_shapes=shapes)
    assert "posio-approx" in set(inside["id"])
    without_shapes = distance.near(_services(), centre, 10, None)
    assert "posio-approx" not in set(without_shapes["id"])
    assert set(distance.near(_services(), (65.96, 29.18), 5)["id"]) == {"near-exact", "kuusamo-approx"}


def test_near_kuusamo_in_shipped_data(dataset, municipalities):
    from dashboard.geo.placement import locate_services

    services, _ = locate_services(dataset.services.accepted, municipalities)
    kuusamo = municipalities.loc[municipalities["name_fi"] == "Kuusamo"]
    point = kuusamo.geometry.representative_point().iloc[0]
    names = dict(zip(municipalities["code"], municipalities["name_fi"]))
    found = distance.near(services, (point.y, point.x), 40, distance_describer("fi", names), municipalities)
    in_kuusamo = found.loc[found["municipality"] == "305"]
    expected = int(((services["municipality"] == "305") & services["approximate"]).sum())
    assert expected >= 10  # the shipped data: a dozen Kuusamo services without exact points
    assert (~in_kuusamo["distance_exact"]).sum() == expected
    assert (in_kuusamo.loc[~in_kuusamo["distance_exact"], "distance_text"] == "Kuusamo (ei tarkkaa sijaintia)").all()
    assert not found["distance_text"].str.contains("0 km").any()
    exact = found.loc[found["distance_exact"], "distance_km"].to_numpy()
    assert (np.diff(exact) >= 0).all() and (exact <= 40).all()
    first_approximate = int(np.argmin(found["distance_exact"].to_numpy())) if (~found["distance_exact"]).any() else len(found)
    assert found["distance_exact"].iloc[:first_approximate].all() and not found["distance_exact"].iloc[first_approximate:].any()
