"""Honest distances from a place to services: exact points by geodesic distance, the rest by municipality.

79 % of the services are known only by municipality and sit on its representative point. A
distance to that point ("0 km" for every service of Kuusamo when searching near Kuusamo)
would claim a precision the data does not have. So:

* a service with an exact point gets its geodesic distance (``pyproj.Geod`` on WGS 84, not a
  spherical formula) and is listed first, nearest first;
* a service known only by municipality gets no distance (``distance_km`` is NaN) and the text
  "in Kuusamo (no exact location)"; it is listed after the exact points, ordered by how far its
  municipality is (the nearest edge of the municipality when its polygon is given, else its
  representative point). Within a radius it counts when its municipality reaches into the circle.

Pure: frames in, frames out; the texts come from :mod:`dashboard.ui`'s catalogue and formats
through the ``describe`` callback the caller passes (the query layer does not import ui).
"""

from __future__ import annotations

from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")
METRIC_CRS = "EPSG:3067"  # ETRS-TM35FIN: metres, true distances within Finland to well under 0.1 %

DISTANCE_COLUMNS = ("distance_km", "area_distance_km", "distance_exact", "distance_text")


def geodesic_km(lat, lon, lat0: float, lon0: float) -> np.ndarray:
    """Geodesic distance in km on the WGS 84 ellipsoid from (``lat0``, ``lon0``); NaN where a point is missing."""
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    out = np.full(lat.shape, np.nan)
    ok = np.isfinite(lat) & np.isfinite(lon)
    if ok.any():
        _, _, metres = WGS84.inv(np.full(ok.sum(), lon0), np.full(ok.sum(), lat0), lon[ok], lat[ok])
        out[ok] = np.asarray(metres) / 1000.0
    return out


_METRIC_SHAPES: dict[int, tuple[gpd.GeoDataFrame, gpd.GeoSeries]] = {}


def _metric_shapes(shapes: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The municipalities in metres, by code: projected once per shapes frame (every search
    near a place measures to them; projecting 309 outlines took longer than the distances)."""
    cached = _METRIC_SHAPES.get(id(shapes))
    if cached is None or cached[0] is not shapes:
        metric = shapes[["code", "geometry"]].drop_duplicates("code").to_crs(METRIC_CRS).set_index("code").geometry
        cached = _METRIC_SHAPES[id(shapes)] = (shapes, metric)
    return cached[1]


def _municipality_distances(codes: pd.Series, centre: tuple[float, float], shapes: gpd.GeoDataFrame | None, fallback_km: np.ndarray) -> np.ndarray:
    """Km from the centre to each municipality's nearest edge (0 inside it); the fallback where unknown."""
    if shapes is None or codes.empty:
        return fallback_km
    metric = _metric_shapes(shapes)
    point = gpd.GeoSeries(gpd.points_from_xy([centre[1]], [centre[0]]), crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    wanted = pd.Index(codes.dropna().unique())
    known = metric.reindex(wanted[wanted.isin(metric.index)])
    by_code = pd.Series(known.distance(point).to_numpy() / 1000.0, index=known.index)
    found = codes.map(by_code).to_numpy(dtype=float)
    return np.where(np.isfinite(found), found, fallback_km)


def with_distances(
    services: pd.DataFrame,
    centre: tuple[float, float],
    describe: Callable[[float | None, str], str] | None = None,
    municipality_shapes: gpd.GeoDataFrame | None = None,
    within_km: float | None = None,
) -> pd.DataFrame:
    """``services`` (``geometry`` points, ``approximate``, ``municipality``/``located_municipality``)
    with the :data:`DISTANCE_COLUMNS`, exact points first by distance, then the approximate ones.

    ``describe(distance_km, municipality_code)`` makes ``distance_text``: called with the km
    for an exact point and with ``None`` and the municipality code for an approximate one (see
    :func:`dashboard.ui.formatting.distance_describer`). Without it the text is empty.
    ``within_km``: only the services whose ``area_distance_km`` is at most this. The rows are
    chosen on the numbers first, so only the kept ones are copied and described (a search
    near a place among 50 000 services once formatted 50 000 texts to show a few hundred).
    """
    lat0, lon0 = centre
    geometry = services.geometry if isinstance(services, gpd.GeoDataFrame) else None
    if geometry is not None:
        missing = (geometry.is_empty | geometry.isna()).to_numpy()
        lat = np.where(missing, np.nan, geometry.y)
        lon = np.where(missing, np.nan, geometry.x)
    else:
        lat, lon = services["lat"].to_numpy(dtype=float), services["lon"].to_numpy(dtype=float)
    point_km = geodesic_km(lat, lon, lat0, lon0)
    approximate = services["approximate"].fillna(True).astype(bool).to_numpy() if "approximate" in services else np.zeros(len(services), dtype=bool)
    municipality = _municipality_code(services)
    area_km = point_km.copy()
    if approximate.any():
        area_km[approximate] = _municipality_distances(municipality[approximate], centre, municipality_shapes, point_km[approximate])
    exact = ~approximate & np.isfinite(point_km)
    kept = np.flatnonzero(area_km <= float(within_km)) if within_km is not None else np.arange(len(services))
    order = pd.DataFrame(
        {
            "group": np.where(exact, 0, np.where(np.isfinite(area_km), 1, 2))[kept],
            "km": np.where(np.isfinite(area_km), area_km, np.inf)[kept],
            "name": services["name"].fillna("").astype(str).str.casefold().to_numpy()[kept] if "name" in services else "",
        }
    )
    positions = kept[order.sort_values(["group", "km", "name"], kind="stable").index.to_numpy()]
    distance_km = np.where(exact, point_km, np.nan)[positions]
    codes = municipality.to_numpy()[positions]
    if describe is None:
        texts = [""] * len(positions)
    else:
        texts = [describe(float(km), code) if is_exact else describe(None, code) for km, is_exact, code in zip(distance_km, exact[positions], codes)]
    return services.iloc[positions].assign(
        distance_km=distance_km, area_distance_km=area_km[positions], distance_exact=exact[positions], distance_text=texts
    )


def near(
    services: pd.DataFrame,
    centre: tuple[float, float],
    radius_km: float,
    describe: Callable[[float | None, str], str] | None = None,
    municipality_shapes: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """The services within ``radius_km`` of ``centre``: exact points by their own distance,
    approximate ones when their municipality reaches into the circle; ordered as
    :func:`with_distances` orders them."""
    return with_distances(services, centre, describe, municipality_shapes, within_km=radius_km)


def _municipality_code(frame: pd.DataFrame) -> pd.Series:
    stated = frame["municipality"].fillna("").astype(str) if "municipality" in frame else pd.Series("", index=frame.index)
    located = frame["located_municipality"].fillna("").astype(str) if "located_municipality" in frame else stated
    return stated.where(stated != "", located).reset_index(drop=True)
