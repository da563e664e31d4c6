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


def _municipality_distances(codes: pd.Series, centre: tuple[float, float], shapes: gpd.GeoDataFrame | None, fallback_km: np.ndarray) -> np.ndarray:
    """Km from the centre to each municipality's nearest edge (0 inside it); the fallback where unknown."""
    if shapes is None or codes.empty:
        return fallback_km
    metric = shapes[["code", "geometry"]].drop_duplicates("code").to_crs(METRIC_CRS).set_index("code").geometry
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
) -> pd.DataFrame:
    """``services`` (``geometry`` points, ``approximate``, ``municipality``/``located_municipality``)
    with the :data:`DISTANCE_COLUMNS`, exact points first by distance, then the approximate ones.

    ``describe(distance_km, municipality_code)`` makes ``distance_text``: called with the km
    for an exact point and with ``None`` and the municipality code for an approximate one (see
    :func:`dashboard.ui.formatting.distance_describer`). Without it the text is empty.
    """
    frame = services.copy()
    lat0, lon0 = centre
    geometry = frame.geometry if isinstance(frame, gpd.GeoDataFrame) else None
    if geometry is not None:
        lat = np.where(geometry.is_empty | geometry.isna(), np.nan, geometry.y)
        lon = np.where(geometry.is_empty | geometry.isna(), np.nan, geometry.x)
    else:
        lat, lon = frame["lat"].to_numpy(dtype=float), frame["lon"].to_numpy(dtype=float)
    point_km = geodesic_km(lat, lon, lat0, lon0)
    approximate = frame["approximate"].fillna(True).astype(bool).to_numpy() if "approximate" in frame else np.zeros(len(frame), dtype=bool)
    municipality = _municipality_code(frame)
    area_km = point_km.copy()
    if approximate.any():
        area_km[approximate] = _municipality_distances(municipality[approximate], centre, municipality_shapes, point_km[approximate])
    exact = ~approximate & np.isfinite(point_km)
    frame["distance_km"] = np.where(exact, point_km, np.nan)
    frame["area_distance_km"] = area_km
    frame["distance_exact"] = exact
    if describe is None:
        frame["distance_text"] = ""
    else:
        frame["distance_text"] = [
            describe(float(km), code) if is_exact else describe(None, code)
            for km, is_exact, code in zip(frame["distance_km"].to_numpy(), exact, municipality.tolist())
        ]
    order = pd.DataFrame(
        {
            "group": np.where(exact, 0, np.where(np.isfinite(area_km), 1, 2)),
            "km": np.where(np.isfinite(area_km), area_km, np.inf),
            "name": frame["name"].fillna("").astype(str).str.casefold().to_numpy() if "name" in frame else "",
        }
    )
    positions = order.sort_values(["group", "km", "name"], kind="stable").index.to_numpy()
    return frame.iloc[positions]


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
    frame = with_distances(services, centre, describe, municipality_shapes)
    return frame.loc[frame["area_distance_km"].to_numpy() <= float(radius_km)]


def _municipality_code(frame: pd.DataFrame) -> pd.Series:
    stated = frame["municipality"].fillna("").astype(str) if "municipality" in frame else pd.Series("", index=frame.index)
    located = frame["located_municipality"].fillna("").astype(str) if "located_municipality" in frame else stated
    return stated.where(stated != "", located).reset_index(drop=True)
