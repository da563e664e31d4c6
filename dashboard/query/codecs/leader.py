"""The Leader page's URL codec: the group, a period, a theme and the metric.

Parameters: ``group`` (a Leader group's name as the data spells it), ``lperiod``,
``ltheme`` and ``lmetric`` (``projects`` or ``eur``).
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.query.codecs.base import Notice, Query, parse_choice

METRICS = ("projects", "eur")
PARAMS = ("group", "lperiod", "ltheme", "lmetric")


@dataclass(frozen=True)
class LeaderDomain:
    groups: tuple[str, ...]  # sorted; the first is the default
    periods: tuple[str, ...]
    themes: tuple[str, ...]


@dataclass(frozen=True)
class LeaderView:
    group: str
    period: str = ""
    theme: str = ""
    metric: str = METRICS[0]


def parse(query: Query, domain: LeaderDomain) -> tuple[LeaderView, list[Notice]]:
    notices: list[Notice] = []
    default_group = domain.groups[0] if domain.groups else ""
    view = LeaderView(
        group=parse_choice(query, "group", domain.groups, default_group, notices),
        period=parse_choice(query, "lperiod", ("", *domain.periods), "", notices),
        theme=parse_choice(query, "ltheme", ("", *domain.themes), "", notices),
        metric=parse_choice(query, "lmetric", METRICS, METRICS[0], notices),
    )
    return view, notices


def to_query(view: LeaderView) -> dict[str, str]:
    """The group is always written (a shared link names it); the rest only when chosen."""
    query = {"group": view.group} if view.group else {}
    if view.period:
        query["lperiod"] = view.period
    if view.theme:
        query["ltheme"] = view.theme
    if view.metric != METRICS[0]:
        query["lmetric"] = view.metric
    return query
