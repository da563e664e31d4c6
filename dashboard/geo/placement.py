"""Join records to municipalities: projects × municipalities with exact money, services → polygons.

Projects: one row per (project, municipality). A project that names municipalities covers
those; one that names only regions covers every municipality of those regions; one with
neither is kept in an "area unknown" bucket (``municipality == ""``), never dropped.
Money is split evenly in whole cents, the remainder cents going to the first
municipalities by code, so the shares of a project add up to its amount exactly.

Services: a point with coordinates is placed by point-in-polygon; a service known only by
municipality gets that municipality's representative point and is flagged approximate.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.core.vocab import LIST_SEPARATOR

UNKNOWN_AREA = ""


def allocate_projects(projects: pd.DataFrame, municipality_region: pd.DataFrame) -> pd.DataFrame:
    """Explode projects into (project, municipality) rows with their share of the money.

    Returns columns ``project_id``, ``municipality`` ("" = area unknown), ``region``,
    ``area_basis`` (municipality / region / unknown), ``share_cents`` (Int64, NA when the
    project's amount is unknown) and ``share_eur``.
    """
    region_members = municipality_region.groupby("region_code")["code"].apply(lambda s: LIST_SEPARATOR.join(sorted(s)))
    muni_to_region = dict(zip(municipality_region["code"], municipality_region["region_code"]))

    municipalities = projects["municipalities"].fillna("")
    regions = projects["regions"].fillna("")
    by_region = (municipalities == "") & (regions != "")
    area = municipalities.copy()
    if by_region.any():
        area.loc[by_region] = [
            LIST_SEPARATOR.join(sorted({m for r in cell.split(LIST_SEPARATOR) for m in region_members.get(r, "").split(LIST_SEPARATOR) if m}))
            for cell in regions[by_region]
        ]
    basis = np.where(municipalities != "", "municipality", np.where(by_region, "region", "unknown"))
    frame = pd.DataFrame(
        {
            "project_id": projects["id"].to_numpy(),
            "municipality": area.str.split(LIST_SEPARATOR).to_numpy(),
            "area_basis": basis,
            "money_eur": projects["money_eur"].to_numpy(),
        }
    )
    frame = frame.explode("municipality", ignore_index=True)
    frame["municipality"] = frame["municipality"].fillna(UNKNOWN_AREA).astype(str)
    frame = frame.sort_values(["project_id", "municipality"], kind="stable", ignore_index=True)
    size = frame.groupby("project_id", sort=False)["municipality"].transform("size").to_numpy()
    rank = frame.groupby("project_id", sort=False).cumcount().to_numpy()
    known = frame["money_eur"].notna().to_numpy()
    total_cents = np.where(known, np.round(frame["money_eur"].fillna(0).to_numpy() * 100), 0).astype(np.int64)
    base = total_cents // size
    remainder = total_cents - base * size
    cents = base + (rank < remainder)
    frame["share_cents"] = pd.array(np.where(known, cents, 0), dtype="Int64")
    frame.loc[~known, "share_cents"] = pd.NA
    frame["share_eur"] = frame["share_cents"].astype("Float64") / 100
    frame["region"] = frame["municipality"].map(muni_to_region).fillna(UNKNOWN_AREA)
    return frame[["project_id", "municipality", "region", "area_basis", "share_cents", "share_eur"]]


def locate_services(services: pd.DataFrame, municipalities: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Place services on the map and in a municipality.

    Returns the services as a GeoDataFrame (``geometry``, ``located_municipality``,
    ``approximate``) and a frame of warnings (``id``, ``message``) for the validation report:
    a point that lies in another municipality than the record names is a warning, not an
    error (a national park spans several municipalities; the record names its main one).
    """
    names = dict(zip(municipalities["code"], municipalities["name_fi"]))
    has_point = services["lat"].notna() & services["lon"].notna()
    representative = municipalities.set_index("code").geometry.representative_point()
    lon = services["lon"].where(has_point, services["municipality"].map(representative.x))
    lat = services["lat"].where(has_point, services["municipality"].map(representative.y))
    located = gpd.GeoDataFrame(services.copy(), geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    located["approximate"] = (~has_point) | (located["location_precision"] == "municipality")
    joined = gpd.sjoin(located[["geometry"]], municipalities[["code", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    located["located_municipality"] = joined["code"].reindex(located.index).fillna(located["municipality"]).astype(str)
    warnings = []
    for index in located.index[has_point]:
        stated, found = located.at[index, "municipality"], joined["code"].get(index)
        if isinstance(found, str) and stated and found != stated:
            warnings.append(
                {
                    "id": located.at[index, "id"],
                    "message": f"the point lies in {names.get(found, found)}, the record names {names.get(stated, stated)}",
                }
            )
        elif not isinstance(found, str):
            warnings.append(
                {
                    "id": located.at[index, "id"],
                    "message": f"the point lies outside the 1:4.5M municipality polygons (sea or border); using {names.get(stated, 'no municipality')}",
                }
            )
    return located, pd.DataFrame(warnings, columns=["id", "message"])
