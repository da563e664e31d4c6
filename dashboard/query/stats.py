"""Summary figures of a loaded data set, shared by ``python -m dashboard stats`` and the app."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.geo.placement import UNKNOWN_AREA
from dashboard.core.records import Dataset


def summary(dataset: Dataset, allocation: pd.DataFrame) -> dict[str, Any]:
    """Counts, money and coverage of the shipped (or any) data set, JSON-ready."""
    projects = dataset.projects.accepted
    area_unknown = allocation.loc[allocation["municipality"] == UNKNOWN_AREA, "project_id"].nunique()
    total_cents = int((projects["money_eur"].dropna() * 100).round().sum())
    allocated_cents = int(allocation["share_cents"].sum())
    return {
        "projects": int(len(projects)),
        "services": int(len(dataset.services.accepted)),
        "leader_groups": int(dataset.leader_groups.accepted["leader_group"].nunique()),
        "leader_group_municipality_rows": int(len(dataset.leader_groups.accepted)),
        "municipalities_with_projects": int(allocation.loc[allocation["municipality"] != UNKNOWN_AREA, "municipality"].nunique()),
        "unknown_area_projects": int(area_unknown),
        "unknown_area_share": round(area_unknown / len(projects), 4) if len(projects) else 0.0,
        "amount_unknown_projects": int(projects["money_eur"].isna().sum()),
        "money_basis": {k: int(v) for k, v in projects["money_basis"].value_counts().sort_index().items()},
        "total_budget_eur": round(total_cents / 100, 2),
        "allocated_budget_eur": round(allocated_cents / 100, 2),
        "budget_total_eur_sum": round(float(projects["budget_total_eur"].sum()), 2),
        "public_funding_eur_sum": round(float(projects["public_funding_eur"].sum()), 2),
        "projects_by_period": {k: int(v) for k, v in projects["period_canonical"].value_counts().sort_index().items()},
        "projects_by_fund": {k: int(v) for k, v in projects["fund"].value_counts().sort_index().items()},
        "leader_projects": int(projects["leader"].fillna(False).astype(bool).sum()),
        "services_by_category": {k: int(v) for k, v in dataset.services.accepted["category"].value_counts().sort_index().items()},
        "services_exact_location": int((dataset.services.accepted["location_precision"] == "exact").sum()),
        "rejected": {name: len(result.rejected) for name, result in dataset.results().items()},
    }
