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
    frame = areas[["code", "name_fi", "name_sv", "name_en"]].drop_duplicates("code").set_index("code")
    frame = frame.join(totals, how="left")
    frame["projects"] = frame["projects"].fillna(0).astype(int)
    frame["eur"] = frame["eur"].fillna(0.0).astype(float)
    frame["amount_unknown_projects"] = frame["amount_unknown_projects"].fillna(0).astype(int)
    frame = _per_resident(frame, population)
    return frame.reset_index().rename(columns={"index": "code"})


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
