"""The area resolver for a year's boundaries: names, former municipalities, sub-regions.

:class:`~dashboard.core.names.AreaResolver` is pure (tables in, codes out); this module
feeds it from the boundary layers — the official names, the municipalities that no longer
exist (derived by overlaying the 2013 layer on today's) and the sub-regions when their
layer is at hand.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import pandas as pd

from dashboard.core.names import AreaResolver
from dashboard.geo import layers, subregions


def derive_former_municipalities(old: gpd.GeoDataFrame, new: gpd.GeoDataFrame, metric_crs: str = "EPSG:3067") -> pd.DataFrame:
    """Map municipalities that no longer exist to the one that holds most of their area.

    Derived by overlaying the old and new boundaries, so the mapping follows the official
    geometry rather than a hand-written list. Returns ``former_code``, ``former_name_fi``,
    ``former_name_sv``, ``code`` (current), ``overlap_share`` (of the former area).
    """
    gone = old.loc[~old["code"].isin(set(new["code"]))]
    if gone.empty:
        return pd.DataFrame(columns=["former_code", "former_name_fi", "former_name_sv", "code", "overlap_share"])
    gone_m = gone.to_crs(metric_crs)
    new_m = new[["code", "geometry"]].to_crs(metric_crs)
    pieces = gpd.overlay(
        gone_m[["code", "name_fi", "name_sv", "geometry"]].rename(columns={"code": "former_code", "name_fi": "former_name_fi", "name_sv": "former_name_sv"}),
        new_m,
        how="intersection",
        keep_geom_type=True,
    )
    pieces["area"] = pieces.geometry.area
    totals = gone_m.set_index("code").geometry.area
    best = pieces.sort_values("area", ascending=False).drop_duplicates("former_code")
    best["overlap_share"] = (best["area"] / best["former_code"].map(totals)).round(3)
    return best[["former_code", "former_name_fi", "former_name_sv", "code", "overlap_share"]].sort_values("former_code").reset_index(drop=True)


@lru_cache(maxsize=2)
def build_resolver(year: int = layers.DEFAULT_YEAR) -> AreaResolver:
    """The resolver for the boundaries of ``year`` (cached per process)."""
    municipalities = layers.load_municipalities(year)
    regions = layers.load_regions(year)
    mapping = layers.municipality_regions(municipalities, regions)
    former = None
    if year != layers.FORMER_YEAR and layers.has_layer(layers.municipality_filename(layers.FORMER_YEAR)):
        former = derive_former_municipalities(layers.load_municipalities(layers.FORMER_YEAR), municipalities)
    subregion_frame = members = None
    if subregions.has_subregions(year):
        layer = subregions.load_subregions(year)
        members = subregions.municipality_subregions(municipalities, layer)
        subregion_frame = layer.drop(columns="geometry")
    return AreaResolver(
        municipalities.drop(columns="geometry"), regions.drop(columns="geometry"), mapping, former, subregions=subregion_frame, municipality_subregion=members
    )
