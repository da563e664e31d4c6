"""Sub-regions (seutukunnat): Statistics Finland's layer and which municipalities each holds.

Project pages often name a sub-region instead of its municipalities ("Saarijärven-
Viitasaaren seutukunnan reittiverkosto"). The polygons are Statistics Finland's WFS layer
``tilastointialueet:seutukunta4500k_YYYY`` (properties ``seutukunta``, ``vuosi``, ``nimi``,
``namn``, ``name``), fetched and cached with the municipality and region layers (:mod:`dashboard.geo.fetch`); the
membership is derived by a spatial join of the municipalities, as for regions, so no
hand-typed table is needed. Without the layer the resolver has no sub-regions and a
sub-region name stays unresolved (reported, never guessed).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard.geo import layers

SUBREGION_PROPERTIES = ("seutukunta", "vuosi", "nimi", "namn", "name")
# Feature counts known per year; none recorded yet, so a download only has to be plausible (10–1000).
EXPECTED_SUBREGIONS: dict[int, int] = {}


def subregion_filename(year: int) -> str:
    return f"seutukunta4500k_{year}.geojson"


def type_name(year: int) -> str:
    return f"tilastointialueet:seutukunta4500k_{year}"


def has_subregions(year: int = layers.DEFAULT_YEAR) -> bool:
    return layers.has_layer(subregion_filename(year))


def load_subregions(year: int = layers.DEFAULT_YEAR) -> gpd.GeoDataFrame:
    """Sub-regions of ``year``: ``code`` ("138"), ``name_fi``, ``name_sv``, ``name_en``, geometry."""
    path = layers.locate(subregion_filename(year), year)
    return layers._standardise(layers._read_layer(path, SUBREGION_PROPERTIES, "seutukunta", 3), "seutukunta")


def municipality_subregions(municipalities: gpd.GeoDataFrame, subregions: gpd.GeoDataFrame) -> pd.DataFrame:
    """``code`` → ``subregion_code`` by the same representative-point join as the regions."""
    mapping = layers.municipality_regions(municipalities, subregions)
    return mapping.rename(columns={"region_code": "subregion_code"})


def from_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sub-regions and members from a classification table (Statistics Finland's
    "kunta – seutukunta" key): columns ``subregion_code``, ``subregion_name_fi``,
    ``subregion_name_sv``, ``municipality_code``. Returns (subregions, members)."""
    frame = frame.astype(str)
    subregions = (
        frame[["subregion_code", "subregion_name_fi", "subregion_name_sv"]]
        .drop_duplicates("subregion_code")
        .rename(columns={"subregion_code": "code", "subregion_name_fi": "name_fi", "subregion_name_sv": "name_sv"})
        .reset_index(drop=True)
    )
    members = frame[["municipality_code", "subregion_code"]].rename(columns={"municipality_code": "code"}).reset_index(drop=True)
    return subregions, members
