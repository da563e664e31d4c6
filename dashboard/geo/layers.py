"""Municipality and region boundary layers and population: where they are and how they load.

Boundaries are Statistics Finland's open WFS layers ``tilastointialueet:kunta4500k_YYYY``
and ``tilastointialueet:maakunta4500k_YYYY`` (National Land Survey of Finland, 1:4.5M,
CC BY 4.0). Population is Statistics Finland's PxWeb table 11ra. None of these files are
committed: :mod:`dashboard.geo.fetch` downloads them into a cache directory or copies them
from a local one, and :func:`dashboard.settings.geodata_dir` names a directory read as it is.

Plain Python (no Streamlit); a layer reads in well under a second.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard import settings

ATTRIBUTION = "© Maanmittauslaitos / National Land Survey of Finland, CC BY 4.0 (boundaries via Statistics Finland)"
POPULATION_ATTRIBUTION = "Tilastokeskus / Statistics Finland, CC BY 4.0 (population)"

ENV_GEODATA_DIR = "HANKEKARTTA_GEODATA_DIR"
ENV_CACHE_DIR = "HANKEKARTTA_CACHE_DIR"
DEFAULT_YEAR = 2023
FORMER_YEAR = 2013
"""The older layer that the former-municipality mapping is derived from (see ``names``)."""

METRIC_CRS = "EPSG:3067"  # ETRS-TM35FIN, the Finnish national projection: metres, for areas and simplification

# Feature counts published for the years the project knows; other years must have a plausible count.
EXPECTED_MUNICIPALITIES = {2013: 320, 2023: 309}
EXPECTED_REGIONS = {2023: 19}
MUNICIPALITY_PROPERTIES = ("kunta", "vuosi", "nimi", "namn", "name")
REGION_PROPERTIES = ("maakunta", "vuosi", "nimi", "namn", "name")


class GeodataError(Exception):
    """Boundary or population data is missing or not what it claims to be."""


class GeodataMissingError(GeodataError):
    """No local copy of a layer: the message says exactly which command fetches it."""


def cache_dir() -> Path:
    """Where downloaded layers are kept (gitignored ``geodata/cache`` unless overridden)."""
    return settings.cache_dir()


def search_dirs() -> list[Path]:
    """Directories searched for layers, in order: the geodata directory (see
    :func:`dashboard.settings.geodata_dir`), then the cache."""
    direct = settings.geodata_dir()
    return [direct, cache_dir()] if direct is not None else [cache_dir()]


def municipality_filename(year: int) -> str:
    return f"kunta4500k_{year}.geojson"


def region_filename(year: int) -> str:
    return f"maakunta4500k_{year}.geojson"


def fetch_command(year: int) -> str:
    return f"python -m dashboard fetch-geodata --year {year}"


def _missing_message(filename: str, year: int) -> str:
    searched = ", ".join(str(d) for d in search_dirs())
    return (
        f"Boundary file {filename} was not found (looked in: {searched}).\n"
        f"Download it from Statistics Finland with:\n    {fetch_command(year)}\n"
        f"or, offline, copy it from a directory that has it:\n    {fetch_command(year)} --from DIR\n"
        f"or point the app at such a directory:\n    export {ENV_GEODATA_DIR}=DIR"
    )


def locate(filename: str, year: int) -> Path:
    """Path of a layer file, or :class:`GeodataMissingError` naming the command to run."""
    for directory in search_dirs():
        candidate = directory / filename
        if candidate.is_file():
            return candidate
    raise GeodataMissingError(_missing_message(filename, year))


# --- loading -------------------------------------------------------------------------


def _read_layer(path: Path, properties: tuple[str, ...], code_column: str, width: int) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise GeodataError(f"{path} is not a readable GeoJSON layer: {exc}") from exc
    missing = [p for p in properties if p not in frame.columns]
    if missing:
        raise GeodataError(f"{path} lacks the properties {missing} of Statistics Finland's WFS schema")
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    frame = frame.to_crs("EPSG:4326")
    frame[code_column] = frame[code_column].astype(str).str.strip().str.zfill(width)
    if frame[code_column].duplicated().any():
        dupes = sorted(frame.loc[frame[code_column].duplicated(), code_column].unique())
        raise GeodataError(f"{path} has duplicate codes {dupes[:5]}")
    return frame


def _standardise(frame: gpd.GeoDataFrame, code_column: str) -> gpd.GeoDataFrame:
    result = gpd.GeoDataFrame(
        {
            "code": frame[code_column].to_numpy(),
            "name_fi": frame["nimi"].astype(str).to_numpy(),
            "name_sv": frame["namn"].astype(str).to_numpy(),
            "name_en": frame["name"].astype(str).to_numpy(),
        },
        geometry=frame.geometry.make_valid().to_numpy(),
        crs=frame.crs,
    )
    return result.sort_values("code").reset_index(drop=True)


@lru_cache(maxsize=8)
def load_municipalities(year: int = DEFAULT_YEAR) -> gpd.GeoDataFrame:
    """Municipalities of ``year``: ``code`` ("005"), ``name_fi``, ``name_sv``, ``name_en``, geometry (WGS84).

    Cached per process; callers must not modify the returned frame (copy it first).
    """
    path = locate(municipality_filename(year), year)
    return _standardise(_read_layer(path, MUNICIPALITY_PROPERTIES, "kunta", 3), "kunta")


@lru_cache(maxsize=8)
def load_regions(year: int = DEFAULT_YEAR) -> gpd.GeoDataFrame:
    """Regions (maakunnat) of ``year``: ``code`` ("01"), names in three languages, geometry (WGS84)."""
    path = locate(region_filename(year), year)
    return _standardise(_read_layer(path, REGION_PROPERTIES, "maakunta", 2), "maakunta")


def has_layer(filename: str) -> bool:
    return any((d / filename).is_file() for d in search_dirs())


def municipality_regions(municipalities: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> pd.DataFrame:
    """Derive municipality → region by a spatial join, not by a hand-typed table.

    A representative point of each municipality (always inside its polygon, unlike the
    centroid of a ragged coastal municipality) is joined to the region polygons. Returns
    ``code``, ``region_code``; raises if any municipality gets no region or several.
    """
    points = gpd.GeoDataFrame(
        {"code": municipalities["code"].to_numpy()},
        geometry=municipalities.geometry.representative_point().to_numpy(),
        crs=municipalities.crs,
    )
    joined = gpd.sjoin(points, regions[["code", "geometry"]].rename(columns={"code": "region_code"}), how="left", predicate="within")
    counts = joined.groupby("code")["region_code"].count()
    if (counts != 1).any():
        bad = counts[counts != 1]
        raise GeodataError(f"municipalities without exactly one region: {bad.to_dict()}")
    return joined[["code", "region_code"]].sort_values("code").reset_index(drop=True)


# --- population ----------------------------------------------------------------------


def population_files() -> list[Path]:
    found: list[Path] = []
    for directory in search_dirs():
        found.extend(sorted(directory.glob("vaesto_kunnittain_*.csv")))
    return found


def load_population() -> pd.DataFrame | None:
    """Residents per municipality (``municipality``, ``population``, ``reference_date``), newest file.

    Returns ``None`` when no population file exists: per-resident figures then say
    "no population data" instead of failing.
    """
    files = population_files()
    if not files:
        return None
    newest = max(files, key=lambda p: p.stem)
    frame = pd.read_csv(newest, dtype={"municipality": str}, encoding="utf-8-sig")
    missing = {"municipality", "population", "reference_date"} - set(frame.columns)
    if missing:
        raise GeodataError(f"{newest} lacks the columns {sorted(missing)}")
    frame["municipality"] = frame["municipality"].str.strip().str.removeprefix("KU").str.zfill(3)
    frame["population"] = pd.to_numeric(frame["population"], errors="raise").astype("int64")
    return frame[["municipality", "population", "reference_date"]]
