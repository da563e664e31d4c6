"""Leader coverage (pure): a group's municipalities, their projects, white spots, comparisons.

Everything is answered by the engine from one mask (the chosen periods and themes), so
the Leader page filters the projects once per rerun.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.query.areas import area_frame, municipality_population
from dashboard.query.engine import ProjectIndex


def group_members(leader_groups: pd.DataFrame, group: str) -> pd.DataFrame:
    return leader_groups.loc[leader_groups["leader_group"] == group, ["municipality", "partial", "period", "source_url"]].drop_duplicates("municipality")


def municipality_table(index: ProjectIndex, mask: np.ndarray, municipalities: pd.DataFrame, population: pd.DataFrame | None) -> pd.DataFrame:
    """Every municipality's projects and euros for the projects in ``mask``."""
    return area_frame(index.area_totals(mask, "municipality"), municipalities, municipality_population(population))


def restrict_to_group(table: pd.DataFrame, leader_groups: pd.DataFrame, group: str) -> pd.DataFrame:
    """The rows of ``group``'s municipalities, with the ``partial`` flag of each."""
    members = group_members(leader_groups, group)
    restricted = table.loc[table["code"].isin(set(members["municipality"]))]
    return restricted.merge(members[["municipality", "partial"]], left_on="code", right_on="municipality", how="left").drop(columns="municipality")


def white_spots(coverage: pd.DataFrame) -> pd.DataFrame:
    """The group's municipalities with no project in the chosen period and theme."""
    return coverage.loc[coverage["projects"] == 0].sort_values("name_fi")


def theme_matrix(index: ProjectIndex, mask: np.ndarray, codes: set[str]) -> pd.DataFrame:
    """Theme × municipality project counts over the given municipalities."""
    return index.theme_by_municipality(mask, codes)


def compare_with_median(index: ProjectIndex, mask: np.ndarray, leader_groups: pd.DataFrame, population: pd.DataFrame | None, group: str) -> pd.DataFrame:
    """The group's projects, euros and euros per resident against the median over all groups."""
    table = index.group_totals(mask)
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
