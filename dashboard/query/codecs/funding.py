"""The funding page's URL codec: filters, map level and metric.

Parameters: ``regions``, ``municipalities``, ``leader_groups``, ``funders``, ``funds``,
``themes``, ``periods``, ``statuses`` (comma-separated codes), ``years`` (``2014-2020`` or
``2020``), ``q`` (text search), ``level``, ``metric`` and ``measure`` (the money measure: ``mix``,
``budget``, ``public``, ``granted``, ``paid``, ``public_paid``; only those the data has). Only
values the data has are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Callable

import pandas as pd

from dashboard.query.codecs.base import (
    Notice,
    Query,
    join_codes,
    parse_choice,
    parse_codes,
    parse_text,
    parse_year_range,
)
from dashboard.query.engine import DEFAULT_MEASURE, present_measures
from dashboard.query.filters import LIST_FIELDS, ProjectFilters
from dashboard.query.rankings import merged_names

LEVELS = ("municipality", "region", "large_area")
METRICS = ("eur", "eur_per_resident", "projects")
DEFAULT_YEARS = (2007, 2027)
PARAMS = (*LIST_FIELDS, "years", "q", "level", "metric", "measure")


@dataclass(frozen=True)
class FundingDomain:
    """The values a funding-page link may name: what the loaded data has."""

    regions: frozenset[str] = frozenset()
    municipalities: frozenset[str] = frozenset()
    leader_groups: frozenset[str] = frozenset()
    funders: frozenset[str] = frozenset()
    funds: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    periods: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    years: tuple[int, int] = DEFAULT_YEARS
    levels: tuple[str, ...] = LEVELS
    metrics: tuple[str, ...] = METRICS
    measures: tuple[str, ...] = (DEFAULT_MEASURE,)  # the money measures present, the mix first

    @classmethod
    def from_data(
        cls,
        projects: pd.DataFrame,
        region_codes,
        municipality_codes,
        leader_groups,
        funds,
        themes,
        periods,
        statuses,
        has_population: bool = True,
        levels: tuple[str, ...] = LEVELS,
        funders=None,
    ) -> "FundingDomain":
        """``funders``: the merged funder names when the caller has them already (the index
        does); otherwise they are derived from ``projects``."""
        return cls(
            regions=frozenset(region_codes),
            municipalities=frozenset(municipality_codes),
            leader_groups=frozenset(leader_groups),
            funders=frozenset(merged_names(projects, "funder") if funders is None else funders),
            funds=frozenset(funds),
            themes=frozenset(themes),
            periods=frozenset(periods),
            statuses=frozenset(statuses),
            years=year_bounds(projects),
            levels=levels,
            metrics=METRICS if has_population else tuple(m for m in METRICS if m != "eur_per_resident"),
            measures=present_measures(projects),
        )


def year_bounds(projects: pd.DataFrame) -> tuple[int, int]:
    """First start year and last end (or start) year of the dated projects."""
    starts = projects["start_date"].dropna().dt.year
    ends = projects["end_date"].dropna().dt.year
    if starts.empty and ends.empty:
        return DEFAULT_YEARS
    years = pd.concat([starts, ends])
    return int(years.min()), int(years.max())


@dataclass(frozen=True)
class FundingView:
    filters: ProjectFilters = field(default_factory=ProjectFilters)
    level: str = "municipality"
    metric: str = "eur"
    measure: str = DEFAULT_MEASURE


def parse(query: Query, domain: FundingDomain) -> tuple[FundingView, list[Notice]]:
    """A valid view of any query string, and what was ignored or corrected."""
    notices: list[Notice] = []
    lists = {name: parse_codes(query, name, getattr(domain, name), notices) for name in LIST_FIELDS}
    filters = ProjectFilters(
        **lists,
        years=parse_year_range(query, "years", domain.years, notices),
        text=parse_text(query, "q", notices),
    )
    level = parse_choice(query, "level", domain.levels, domain.levels[0], notices)
    metric = parse_choice(query, "metric", domain.metrics, domain.metrics[0], notices)
    measure = parse_choice(query, "measure", domain.measures, DEFAULT_MEASURE, notices)
    return FundingView(filters, level, metric, measure), notices


def to_query(view: FundingView) -> dict[str, str]:
    """The shortest query string of ``view``: defaults are left out."""
    query: dict[str, str] = {}
    for name in LIST_FIELDS:
        values = getattr(view.filters, name)
        if values:
            query[name] = join_codes(values)
    if view.filters.years:
        first, last = view.filters.years
        query["years"] = f"{first}-{last}"
    if view.filters.text:
        query["q"] = view.filters.text
    if view.level != LEVELS[0]:
        query["level"] = view.level
    if view.metric != METRICS[0]:
        query["metric"] = view.metric
    if view.measure != DEFAULT_MEASURE:
        query["measure"] = view.measure
    return query


def describe(view: FundingView, name_of: Callable[[str, str], str]) -> list[str]:
    """The active filters in words, one ``"Field: value, value"`` per filter.

    ``name_of(kind, value)`` names a field (``kind="field"``) or a value of a field
    (``kind`` = the field's name); the ui layer passes its translations.
    """
    parts = []
    for item in fields(ProjectFilters):
        value = getattr(view.filters, item.name)
        if not value:
            continue
        if item.name == "years":
            text = f"{value[0]}–{value[1]}"
        elif item.name == "text":
            text = f"“{value}”"
        else:
            text = ", ".join(name_of(item.name, v) for v in value)
        parts.append(f"{name_of('field', item.name)}: {text}")
    if view.measure != DEFAULT_MEASURE:
        parts.append(f"{name_of('field', 'measure')}: {name_of('measure', view.measure)}")
    return parts


def with_area(view: FundingView, level: str, code: str) -> FundingView:
    """The view after a click on an area of the map (or a ranking row): filter to that area."""
    name = "regions" if level == "region" else "municipalities"
    return replace(view, filters=replace(view.filters, **{name: (code,)}))
