"""Summary figures of a loaded data set, shared by ``python -m dashboard stats`` and the app."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.geo.placement import UNKNOWN_AREA
from dashboard.core.records import Dataset
from dashboard.core.vocab import PROJECT_LOCATION_PRECISIONS


def public_funding_by_precision(projects: pd.DataFrame) -> dict[str, float]:
    """Euros of planned public funding (``public_funding_eur``) per ``location_precision``, finest first."""
    sums = projects.groupby("location_precision")["public_funding_eur"].sum()
    return {level: round(float(sums.get(level, 0.0)), 2) for level in PROJECT_LOCATION_PRECISIONS}


def by_period(projects: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Projects and planned public funding per canonical period."""
    grouped = projects.groupby("period_canonical")
    return {
        period: {"projects": int(len(group)), "public_funding_eur": round(float(group["public_funding_eur"].sum()), 2)}
        for period, group in grouped
    }


def summary(dataset: Dataset, allocation: pd.DataFrame, sources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Counts, money and coverage of the shipped (or any) data set, JSON-ready.

    ``sources`` are the per-source counts of the build report (``data/built/build_report.json``),
    given as ``{id, read, accepted, rejected}``; empty when the data was not built.
    """
    projects = dataset.projects.accepted
    level = allocation["area_level"] if "area_level" in allocation else pd.Series("unknown", index=allocation.index).where(allocation["municipality"] == UNKNOWN_AREA, "municipality")
    area_unknown = allocation.loc[level == "unknown", "project_id"].nunique()
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
        "public_funding_by_precision": public_funding_by_precision(projects),
        "projects_by_precision": {k: int((projects["location_precision"] == k).sum()) for k in PROJECT_LOCATION_PRECISIONS},
        "money_by_area_level": {k: round(float(allocation.loc[level == k, "share_cents"].sum()) / 100, 2) for k in PROJECT_LOCATION_PRECISIONS},
        "by_period": by_period(projects),
        "sources": [{k: s[k] for k in ("id", "read", "accepted", "rejected")} for s in (sources or [])],
    }
