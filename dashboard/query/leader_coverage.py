"""Leader coverage (pure): a group's municipalities, their projects, white spots, comparisons."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.query import aggregate
from dashboard.query.filters import ProjectFilters, apply_filters, filter_allocation
from dashboard.core.vocab import LIST_SEPARATOR


def group_members(leader_groups: pd.DataFrame, group: str) -> pd.DataFrame:
    return leader_groups.loc[leader_groups["leader_group"] == group, ["municipality", "partial", "period", "source_url"]].drop_duplicates("municipality")


def municipality_table(
    projects: pd.DataFrame,
    allocation: pd.DataFrame,
    leader_groups: pd.DataFrame,
    municipalities: pd.DataFrame,
    population: pd.DataFrame | None,
    periods: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    index=None,
) -> pd.DataFrame:
    """Every municipality's projects and euros in the chosen periods and themes."""
    chosen = apply_filters(projects, allocation, ProjectFilters(periods=periods, themes=themes), leader_groups, index=index)
    return aggregate.by_municipality(filter_allocation(allocation, chosen["id"]), municipalities, population)


def restrict_to_group(table: pd.DataFrame, leader_groups: pd.DataFrame, group: str) -> pd.DataFrame:
    """The rows of ``group``'s municipalities, with the ``partial`` flag of each."""
    members = group_members(leader_groups, group)
    restricted = table.loc[table["code"].isin(set(members["municipality"]))]
    return restricted.merge(members[["municipality", "partial"]], left_on="code", right_on="municipality", how="left").drop(columns="municipality")


def white_spots(coverage: pd.DataFrame) -> pd.DataFrame:
    """The group's municipalities with no project in the chosen period and theme."""
    return coverage.loc[coverage["projects"] == 0].sort_values("name_fi")


def theme_matrix(projects: pd.DataFrame, allocation: pd.DataFrame, codes: set[str], periods: tuple[str, ...] = ()) -> pd.DataFrame:
    """Theme × municipality project counts over the given municipalities."""
    chosen = projects if not periods else projects.loc[projects["period_canonical"].isin(periods)]
    rows = allocation.loc[allocation["municipality"].isin(codes) & allocation["project_id"].isin(set(chosen["id"]))]
    themes = chosen.set_index("id")["themes"].fillna("")
    frame = rows[["project_id", "municipality"]].assign(theme=rows["project_id"].map(themes).str.split(LIST_SEPARATOR))
    frame = frame.explode("theme")
    frame = frame.loc[frame["theme"].fillna("") != ""]
    if frame.empty:
        return pd.DataFrame()
    return frame.pivot_table(index="theme", columns="municipality", values="project_id", aggfunc="nunique", fill_value=0)


def compare_with_median(
    projects: pd.DataFrame,
    allocation: pd.DataFrame,
    leader_groups: pd.DataFrame,
    population: pd.DataFrame | None,
    group: str,
    periods: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    index=None,
) -> pd.DataFrame:
    """The group's projects, euros and euros per resident against the median over all groups."""
    chosen = apply_filters(projects, allocation, ProjectFilters(periods=periods, themes=themes), leader_groups, index=index)
    table = aggregate.by_leader_group(filter_allocation(allocation, chosen["id"]), leader_groups)
    if population is not None:
        members = leader_groups[["leader_group", "municipality"]].drop_duplicates().merge(population, on="municipality", how="left")
        residents = members.groupby("leader_group")["population"].sum()
        table["eur_per_resident"] = table["eur"] / table["leader_group"].map(residents).replace(0, np.nan)
    columns = ["projects", "eur"] + (["eur_per_resident"] if "eur_per_resident" in table else [])
    this = table.loc[table["leader_group"] == group, columns]
    return pd.DataFrame(
        {
            "group": this.iloc[0] if len(this) else pd.Series(0, index=columns),
            "median": table[columns].median(),
        }
    )
