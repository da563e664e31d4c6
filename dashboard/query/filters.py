"""Filters of the funding and nature pages as frozen values, and pure functions that apply them.

A filter is hashable, so derived results can be cached by it. Its URL form lives in
:mod:`dashboard.query.codecs` (one codec per page); this module only says what a filter
keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.core.vocab import language_columns
from dashboard.query import distance

SERVICE_SEARCH_COLUMNS = ("name", "provider", "summary") + language_columns("name") + language_columns("summary")
PROJECT_SEARCH_COLUMNS = ("name", "implementer", "summary") + language_columns("summary")
"""What the text search looks in: the original texts and every language's name and summary,
so a Swedish word finds a record on a Finnish page too."""


def search_haystack(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """The casefolded text of ``columns`` (those the frame has), one string per row."""
    present = [c for c in columns if c in frame.columns]
    if not present:
        return pd.Series("", index=frame.index, dtype=object)
    text = frame[present[0]].fillna("").astype(str)
    for column in present[1:]:
        text = text + " " + frame[column].fillna("").astype(str)
    return text.str.casefold()


LIST_FIELDS = ("regions", "municipalities", "leader_groups", "funders", "funds", "themes", "periods", "statuses")


@dataclass(frozen=True)
class ProjectFilters:
    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    leader_groups: tuple[str, ...] = ()
    funders: tuple[str, ...] = ()
    funds: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    text: str = ""

    def is_empty(self) -> bool:
        return self == ProjectFilters()



def filter_allocation(allocation: pd.DataFrame, project_ids: pd.Series) -> pd.DataFrame:
    """The allocation rows of the given projects (for maps and area tables)."""
    return allocation.loc[allocation["project_id"].isin(set(project_ids))]


@dataclass(frozen=True)
class ServiceFilters:
    categories: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    text: str = ""
    near: tuple[float, float] | None = None
    radius_km: float = 50.0


def apply_service_filters(
    services: pd.DataFrame,
    filters: ServiceFilters,
    municipality_region: Mapping[str, str],
    describe: Callable[[float | None, str], str] | None = None,
    municipality_shapes: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Services passing the filters; with ``near``, only those within the radius, ordered honestly.

    Distances come from :mod:`dashboard.query.distance`: exact points by geodesic distance,
    nearest first, then the services known only by municipality (no distance, "in Kuusamo").
    ``describe`` makes the ``distance_text`` of each (the ui layer passes its formats).
    """
    frame = services
    if filters.categories:
        frame = frame.loc[frame["category"].isin(filters.categories)]
    if filters.municipalities:
        frame = frame.loc[frame["located_municipality"].isin(filters.municipalities) | frame["municipality"].isin(filters.municipalities)]
    if filters.regions:
        region = frame["located_municipality"].map(municipality_region)
        frame = frame.loc[region.isin(filters.regions)]
    if filters.text:
        needle = filters.text.casefold()
        haystack = search_haystack(frame, SERVICE_SEARCH_COLUMNS)
        frame = frame.loc[haystack.str.contains(needle, regex=False)]
    if filters.near is not None:
        return distance.near(frame, filters.near, filters.radius_km, describe, municipality_shapes)
    return frame.assign(distance_km=np.nan, area_distance_km=np.nan, distance_exact=False, distance_text="")
