"""Join records to areas: projects at the level their data supports, services → polygons.

Projects: one row per (project, area) at the project's own level (``area_level``):

* ``municipality`` — the project names municipalities (or, by its own words, covers whole
  regions: ``location_precision = municipality`` with only regions listed, then every
  municipality of those regions is covered — *coverage*, not doubt);
* ``region`` — only the region is known: one row per region, no municipality;
* ``large_area`` — only the structural-fund large area is known: one row;
* ``national`` — a national project (the ESF national section): one row;
* ``unknown`` — nothing says where: one row, never dropped.

Money is never spread over finer areas than the data supports: a region-level project has no
municipal share. Within its level a project's money is split evenly in whole cents over its
areas, the remainder cents going to the first areas by code, so the shares add up exactly.

``place="seat"`` places each project at its implementer's seat (``implementer_municipality``)
instead: where the recipient is, not where it works (unknown when no seat is known).

Services: a point with coordinates is placed by point-in-polygon; a service known only by
municipality gets that municipality's representative point and is flagged approximate.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.core.vocab import LARGE_AREA_REGIONS, LIST_SEPARATOR, PROJECT_LOCATION_PRECISIONS, large_area_of_region

UNKNOWN_AREA = ""
AREA_LEVELS = PROJECT_LOCATION_PRECISIONS  # municipality, region, large_area, national, unknown (finest first)
ALLOCATION_COLUMNS = ("project_id", "area_level", "area_code", "municipality", "region", "large_area", "area_basis", "share_cents", "share_eur")


def _column(projects: pd.DataFrame, name: str) -> pd.Series:
    return projects[name].fillna("").astype(str) if name in projects else pd.Series("", index=projects.index, dtype=object)


def _levels(projects: pd.DataFrame) -> pd.Series:
    """Each project's level: ``location_precision`` where given, else derived from its areas."""
    municipalities, regions, large = _column(projects, "municipalities"), _column(projects, "regions"), _column(projects, "large_area")
    derived = np.where(municipalities != "", "municipality", np.where(regions != "", "region", np.where(large != "", "large_area", "unknown")))
    stated = _column(projects, "location_precision")
    level = stated.where(stated.isin(AREA_LEVELS), pd.Series(derived, index=projects.index))
    # A level without its area falls back to the derived one (never place what is not given).
    lacks = ((level == "municipality") & (municipalities == "") & (regions == "")) | ((level == "region") & (regions == "")) | (
        (level == "large_area") & (large == "")
    )
    return level.where(~lacks, pd.Series(derived, index=projects.index))


def allocate_projects(projects: pd.DataFrame, municipality_region: pd.DataFrame, place: str = "area") -> pd.DataFrame:
    """Projects → (project, area) rows with their share of the money, at the project's level.

    Columns: ``project_id``; ``area_level`` (municipality / region / large_area / national /
    unknown); ``area_code`` (the code at that level, "" for national and unknown);
    ``municipality`` ("" unless municipal); ``region`` (the row's region, "" when coarser);
    ``large_area`` (the row's large area in the project's period, "" when not known);
    ``area_basis`` (municipality / region_coverage / region / large_area / national /
    unknown / seat); ``share_cents`` (Int64, NA when the amount is unknown); ``share_eur``.
    """
    region_members = municipality_region.groupby("region_code")["code"].apply(lambda s: LIST_SEPARATOR.join(sorted(s)))
    muni_to_region = dict(zip(municipality_region["code"], municipality_region["region_code"]))
    ids = projects["id"].to_numpy()
    period = _column(projects, "period_canonical")
    if place == "seat":
        seat = _column(projects, "implementer_municipality")
        level = pd.Series(np.where(seat != "", "municipality", "unknown"), index=projects.index)
        codes = seat
        basis = pd.Series(np.where(seat != "", "seat", "unknown"), index=projects.index)
    elif place == "area":
        level = _levels(projects)
        municipalities, regions, large = _column(projects, "municipalities"), _column(projects, "regions"), _column(projects, "large_area")
        coverage = (level == "municipality") & (municipalities == "")
        codes = pd.Series("", index=projects.index, dtype=object)
        codes[level == "municipality"] = municipalities[level == "municipality"]
        if coverage.any():
            codes[coverage] = [
                LIST_SEPARATOR.join(sorted({m for r in cell.split(LIST_SEPARATOR) for m in region_members.get(r, "").split(LIST_SEPARATOR) if m}))
                for cell in regions[coverage]
            ]
        codes[level == "region"] = regions[level == "region"]
        codes[level == "large_area"] = large[level == "large_area"]
        basis = level.where(~coverage, "region_coverage")
    else:
        raise ValueError(f"place must be 'area' or 'seat', not {place!r}")
    # One row per (project, area): the code lists repeat, so each distinct list is split once
    # and the project rows are repeated by its length (``str.split`` + ``explode`` per row cost
    # half a second at 100 000 projects).
    cell_codes, cells = pd.factorize(codes.fillna("").to_numpy(dtype=object))
    parts = [sorted(cell.split(LIST_SEPARATOR)) for cell in cells]  # each project's areas by code
    # Rows ordered by project id, then area code: with unique ids (as loaded) sorting the
    # projects is enough; duplicates fall back to sorting the rows.
    unique_ids = not pd.Index(ids).has_duplicates and all(isinstance(i, str) for i in ids)
    order = np.argsort(ids, kind="stable") if unique_ids else np.arange(len(projects))
    cell_codes = cell_codes[order]
    lengths = np.array([len(p) for p in parts], dtype=np.int64)[cell_codes]
    rows = np.repeat(order, lengths)
    offsets = np.array([0] + [len(p) for p in parts], dtype=np.int64).cumsum()
    flat = np.array([code for p in parts for code in p], dtype=object)
    within = np.arange(len(rows)) - np.repeat(lengths.cumsum() - lengths, lengths)
    frame = pd.DataFrame(
        {
            "project_id": ids[rows],
            "area_level": level.to_numpy()[rows],
            "area_code": flat[np.repeat(offsets[cell_codes], lengths) + within] if len(rows) else np.array([], dtype=object),
            "area_basis": basis.to_numpy()[rows],
            "money_eur": projects["money_eur"].to_numpy()[rows],
            "project_large_area": _column(projects, "large_area").to_numpy()[rows],
            "period": period.to_numpy()[rows],
        }
    )
    frame["area_code"] = frame["area_code"].fillna(UNKNOWN_AREA).astype(str)
    if unique_ids:
        size, rank = np.repeat(lengths, lengths), within
    else:
        frame = frame.sort_values(["project_id", "area_code"], kind="stable", ignore_index=True)
        size = frame.groupby("project_id", sort=False)["area_code"].transform("size").to_numpy()
        rank = frame.groupby("project_id", sort=False).cumcount().to_numpy()
    known = frame["money_eur"].notna().to_numpy()
    total_cents = np.where(known, np.round(frame["money_eur"].fillna(0).to_numpy() * 100), 0).astype(np.int64)
    base = total_cents // size
    remainder = total_cents - base * size
    cents = base + (rank < remainder)
    frame["share_cents"] = pd.array(np.where(known, cents, 0), dtype="Int64")
    frame.loc[~known, "share_cents"] = pd.NA
    frame["share_eur"] = frame["share_cents"].astype("Float64") / 100
    is_municipality = frame["area_level"] == "municipality"
    frame["municipality"] = frame["area_code"].where(is_municipality, UNKNOWN_AREA)
    frame["region"] = frame["municipality"].map(muni_to_region).fillna(UNKNOWN_AREA)
    is_region = frame["area_level"] == "region"
    frame.loc[is_region, "region"] = frame.loc[is_region, "area_code"]
    frame["large_area"] = _row_large_areas(frame)
    return frame[list(ALLOCATION_COLUMNS)]


def _row_large_areas(frame: pd.DataFrame) -> pd.Series:
    """The large area of each row: the project's own, else its region's in the project's period."""
    own = frame["project_large_area"].where(frame["area_level"] != "large_area", frame["area_code"])
    # Few distinct (region, period) pairs: factorise both, look each pair up once, broadcast.
    region_codes, region_values = pd.factorize(frame["region"].to_numpy(dtype=object))
    period_codes, period_values = pd.factorize(frame["period"].to_numpy(dtype=object))
    width = max(1, len(period_values))
    pairs, inverse = np.unique(region_codes.astype(np.int64) * width + period_codes, return_inverse=True)
    found = [large_area_of_region(region_values[p // width], period_values[p % width]) if region_values[p // width] else "" for p in pairs]
    derived = pd.Series(np.array(found, dtype=object)[inverse.ravel()], index=frame.index)
    # A row at municipality or region level takes its region's large area; the project's own large
    # area (from the source) is used where the region does not give one.
    result = derived.where(derived != "", own)
    return result.where(frame["area_level"].isin(("municipality", "region", "large_area")), UNKNOWN_AREA).fillna(UNKNOWN_AREA)


def large_area_shapes(regions: gpd.GeoDataFrame, period: str = "2014-2020") -> gpd.GeoDataFrame:
    """Large areas as polygons: the union of their regions in ``period`` (``code``, ``name_*``).

    The allocation gives each row the large area of its own project's period (Kainuu is in
    Itä-Suomi for 2007–2013 money, in Pohjois-Suomi for later money). A map filtered to
    2007–2013 should therefore draw the 2007–2013 shapes; any other selection the 2014–2020
    ones (only Kainuu differs).
    """
    from dashboard.core.vocab import LARGE_AREAS

    membership = LARGE_AREA_REGIONS.get(period, LARGE_AREA_REGIONS["2014-2020"])
    of_region = {region: area for area, members in membership.items() for region in members}
    frame = regions[["code", "geometry"]].copy()
    frame["large_area"] = frame["code"].map(of_region)
    dissolved = frame.dropna(subset=["large_area"]).dissolve(by="large_area", as_index=False)[["large_area", "geometry"]]
    dissolved = dissolved.rename(columns={"large_area": "code"})
    dissolved["name_fi"] = dissolved["code"].map(LARGE_AREAS)
    dissolved["name_sv"] = dissolved["name_fi"]
    dissolved["name_en"] = dissolved["name_fi"]
    order = {code: i for i, code in enumerate(LARGE_AREAS)}
    return dissolved.sort_values("code", key=lambda s: s.map(order), ignore_index=True)


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
