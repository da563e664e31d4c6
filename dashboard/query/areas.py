"""Area tables: every municipality or region with its totals, names and euros per resident.

The engine (:class:`~dashboard.query.engine.ProjectIndex`) gives totals per area code;
these helpers join them to the area list (zeros where no project) and to population.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def area_frame(totals: pd.DataFrame, areas: pd.DataFrame, population: pd.Series | None) -> pd.DataFrame:
    """Every area (zeros where no project) with names, totals and euros per resident.

    ``totals`` is indexed by area code with ``projects``, ``eur``, ``amount_unknown_projects``
    (``ProjectIndex.area_totals``); ``population`` by code.
    """
    codes, names = _area_list(areas)
    if not totals.index.is_unique:  # a join would repeat such areas: the general (slower) way
        frame = names.set_index(codes).join(totals, how="left")
        frame["projects"] = frame["projects"].fillna(0).astype(int)
        frame["eur"] = frame["eur"].fillna(0.0).astype(float)
        frame["amount_unknown_projects"] = frame["amount_unknown_projects"].fillna(0).astype(int)
        frame = _per_resident(frame, population)
        return frame.reset_index().rename(columns={"index": "code"})
    # The same frame built column by column (one constructor call instead of a join, three
    # assignments and a reset: this runs on every filter change).
    joined = totals.reindex(codes)
    columns: dict[str, object] = {"code": codes.array}
    columns.update({name: names[name].array for name in names.columns})
    columns.update({name: joined[name].array for name in joined.columns})
    columns["projects"] = joined["projects"].fillna(0).astype(int).to_numpy()
    eur = joined["eur"].fillna(0.0).astype(float).to_numpy()
    columns["eur"] = eur
    columns["amount_unknown_projects"] = joined["amount_unknown_projects"].fillna(0).astype(int).to_numpy()
    if population is None:
        columns["population"] = pd.array([pd.NA] * len(codes), dtype="Int64")
        columns["eur_per_resident"] = np.full(len(codes), np.nan)
    else:
        residents = population.reindex(codes).astype("Int64").array
        columns["population"] = residents
        with np.errstate(divide="ignore", invalid="ignore"):  # as Float64 division: x/0 = inf, 0/0 = NaN
            columns["eur_per_resident"] = eur / residents.to_numpy(dtype=float, na_value=np.nan)
    return pd.DataFrame(columns)


_AREA_LISTS: dict[int, tuple[pd.DataFrame, pd.Index, pd.DataFrame]] = {}


def _area_list(areas: pd.DataFrame) -> tuple[pd.Index, pd.DataFrame]:
    """The areas' codes (first of each) and names; kept per frame (the app's area lists do not
    change between reruns, and taking columns of a GeoDataFrame costs more than the rest)."""
    cached = _AREA_LISTS.get(id(areas))
    if cached is not None and cached[0] is areas:
        return cached[1], cached[2]
    unique = pd.DataFrame(areas[["code", "name_fi", "name_sv", "name_en"]]).drop_duplicates("code")
    codes = pd.Index(unique["code"], name="code")
    names = unique[["name_fi", "name_sv", "name_en"]].reset_index(drop=True)
    if len(_AREA_LISTS) >= 16:
        _AREA_LISTS.clear()
    _AREA_LISTS[id(areas)] = (areas, codes, names)
    return codes, names


def municipality_population(population: pd.DataFrame | None) -> pd.Series | None:
    return population.set_index("municipality")["population"] if population is not None else None


def region_population(population: pd.DataFrame | None, municipality_region: pd.DataFrame) -> pd.Series | None:
    if population is None:
        return None
    merged = population.merge(municipality_region, left_on="municipality", right_on="code")
    return merged.groupby("region_code")["population"].sum()


def _per_resident(frame: pd.DataFrame, population: pd.Series | None) -> pd.DataFrame:
    if population is None:
        frame["population"] = pd.array([pd.NA] * len(frame), dtype="Int64")
        frame["eur_per_resident"] = np.nan
        return frame
    frame["population"] = population.reindex(frame.index).astype("Int64")
    frame["eur_per_resident"] = (frame["eur"] / frame["population"].astype("Float64")).astype(float)
    return frame
