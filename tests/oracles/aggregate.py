"""The pandas reference versions of every aggregation: slow, plain, obviously right.

The app computes all of these with the integer arrays of
:class:`dashboard.query.engine.ProjectIndex`; property tests compare the two on random
filters. These definitions are the oracle, kept in ``tests/`` so that no page uses them.

Money is summed from the exact per-municipality shares (``join.allocate_projects``), so
area totals add up to project totals. A project counts once per area it touches; projects
whose amount is unknown are counted, and their number is reported beside the euros rather
than folded into them as zero. Per-resident figures are left empty where no population is
known.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.geo.placement import UNKNOWN_AREA
from dashboard.core.vocab import LIST_SEPARATOR
from dashboard.query.areas import area_frame, municipality_population, region_population  # the join to the area list is shared


def _money_columns(frame: pd.DataFrame, key: str | list[str], amount: str = "share_cents") -> pd.DataFrame:
    grouped = frame.groupby(key, sort=True, dropna=False)
    unknown = frame.loc[frame[amount].isna()].groupby(key, sort=True)["project_id"].nunique()
    result = pd.DataFrame(
        {
            "projects": grouped["project_id"].nunique(),
            "eur": grouped[amount].sum(min_count=0).astype("Float64") / 100,
        }
    )
    result["amount_unknown_projects"] = unknown.reindex(result.index).fillna(0).astype(int)
    result["eur"] = result["eur"].fillna(0).astype(float)
    return result


def by_municipality(allocation: pd.DataFrame, municipalities: pd.DataFrame, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per municipality (all of them, zeros where no project): count, euros, €/resident."""
    known = allocation.loc[allocation["municipality"] != UNKNOWN_AREA]
    return area_frame(_money_columns(known, "municipality"), municipalities, municipality_population(population))


def by_region(allocation: pd.DataFrame, regions: pd.DataFrame, municipality_region: pd.DataFrame, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per region: distinct projects, euros (sum of municipal shares), €/resident."""
    known = allocation.loc[allocation["region"] != UNKNOWN_AREA]
    return area_frame(_money_columns(known, "region"), regions, region_population(population, municipality_region))


def by_leader_group(allocation: pd.DataFrame, leader_groups: pd.DataFrame, projects: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per Leader group: projects touching its municipalities, their euros there, own Leader projects."""
    members = leader_groups[["leader_group", "municipality"]].drop_duplicates()
    joined = allocation.merge(members, on="municipality", how="inner")
    sums = _money_columns(joined, "leader_group")
    frame = pd.DataFrame(index=pd.Index(sorted(members["leader_group"].unique()), name="leader_group")).join(sums, how="left")
    frame["projects"] = frame["projects"].fillna(0).astype(int)
    frame["eur"] = frame["eur"].fillna(0.0)
    frame["amount_unknown_projects"] = frame["amount_unknown_projects"].fillna(0).astype(int)
    frame["municipalities"] = members.groupby("leader_group")["municipality"].nunique()
    if projects is not None:
        frame["leader_projects"] = projects.loc[projects["leader"].fillna(False).astype(bool)].groupby("leader_group")["id"].nunique().reindex(frame.index).fillna(0).astype(int)
    return frame.reset_index()


def by_column(projects: pd.DataFrame, column: str, multi_valued: bool = False) -> pd.DataFrame:
    """Projects and euros per value of ``column`` (fund, funder, period_canonical, status, themes…).

    A multi-valued column (``themes``) counts a project in each of its values, so its rows
    do not add up to the total; empty values appear as "" (unknown).
    """
    frame = projects[["id", column, "money_eur"]].copy()
    if multi_valued:
        frame[column] = frame[column].fillna("").str.split(LIST_SEPARATOR)
        frame = frame.explode(column)
    frame[column] = frame[column].fillna("").astype(str)
    grouped = frame.groupby(column, sort=False)
    result = pd.DataFrame(
        {
            "projects": grouped["id"].nunique(),
            "eur": grouped["money_eur"].sum(min_count=0).fillna(0.0),
            "amount_unknown_projects": grouped["money_eur"].apply(lambda s: int(s.isna().sum())),
        }
    )
    return result.sort_values(["eur", "projects"], ascending=False).reset_index()


def active_per_year(projects: pd.DataFrame, first_year: int | None = None, last_year: int | None = None) -> pd.DataFrame:
    """Projects active in each calendar year (start and end known); the rest are counted apart."""
    dated = projects.loc[projects["start_date"].notna() & projects["end_date"].notna(), ["id", "start_date", "end_date", "money_eur"]]
    if dated.empty:
        return pd.DataFrame(columns=["year", "projects"])
    starts = dated["start_date"].dt.year.to_numpy()
    ends = dated["end_date"].dt.year.to_numpy()
    lo = first_year or int(starts.min())
    hi = last_year or int(ends.max())
    years = np.arange(lo, hi + 1)
    active = (starts[None, :] <= years[:, None]) & (ends[None, :] >= years[:, None])
    return pd.DataFrame({"year": years, "projects": active.sum(axis=1)})


def period_fund_matrix(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects and euros per canonical period × fund (for the stacked chart)."""
    grouped = projects.groupby(["period_canonical", "fund"], sort=True)
    return pd.DataFrame(
        {"projects": grouped["id"].nunique(), "eur": grouped["money_eur"].sum(min_count=0).fillna(0.0)}
    ).reset_index()


def theme_matrix(projects: pd.DataFrame, allocation: pd.DataFrame, codes: set[str]) -> pd.DataFrame:
    """Theme × municipality project counts over the given municipalities."""
    rows = allocation.loc[allocation["municipality"].isin(codes) & allocation["project_id"].isin(set(projects["id"]))]
    themes = projects.set_index("id")["themes"].fillna("")
    frame = rows[["project_id", "municipality"]].assign(theme=rows["project_id"].map(themes).str.split(LIST_SEPARATOR))
    frame = frame.explode("theme")
    frame = frame.loc[frame["theme"].fillna("") != ""]
    if frame.empty:
        return pd.DataFrame()
    return frame.pivot_table(index="theme", columns="municipality", values="project_id", aggfunc="nunique", fill_value=0)
