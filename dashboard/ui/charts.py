"""Plotly Express charts of the funding page; each takes one of the engine's breakdowns
(:class:`~dashboard.query.engine.ProjectIndex`) and returns a figure."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.ui.i18n import label, t
from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS

FUND_COLOURS = {
    "EAFRD": "#1b9e77",
    "ERDF": "#d95f02",
    "ESF": "#7570b3",
    "ESF+": "#a6a0e0",
    "JTF": "#e7298a",
    "Interreg": "#66a61e",
    "national": "#e6ab02",
    "other": "#a6761d",
    "unknown": "#999999",
}


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(
        title=title,
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(title_text="", orientation="h", yanchor="top", y=-0.25, x=0),
        height=380,
    )
    return fig


def period_fund(table: pd.DataFrame, value: str, lang: str = "fi") -> go.Figure:
    """Euros (``value='eur'``) or project counts (``'projects'``) per period, stacked by fund."""
    matrix = table.copy()
    matrix["period_label"] = matrix["period_canonical"].map(lambda p: label("period", p, lang))
    matrix["fund_label"] = matrix["fund"].map(lambda f: label("fund", f, lang))
    order = [label("period", p, lang) for p in CANONICAL_PERIODS]
    fund_order = [label("fund", f, lang) for f in FUNDS]
    colours = {label("fund", f, lang): c for f, c in FUND_COLOURS.items()}
    fig = px.bar(
        matrix,
        x="period_label",
        y=value,
        color="fund_label",
        category_orders={"period_label": order, "fund_label": fund_order},
        color_discrete_map=colours,
        labels={"period_label": t("period", lang), value: t("metric_eur" if value == "eur" else "kpi_projects", lang), "fund_label": t("fund", lang)},
    )
    return _layout(fig, t("chart_period_fund_eur" if value == "eur" else "chart_period_fund_count", lang))


def by_theme(table: pd.DataFrame, lang: str = "fi") -> go.Figure:
    table = table.loc[table["themes"] != ""].copy()
    table["theme_label"] = table["themes"].map(lambda v: label("theme", v, lang))
    value = "eur" if table["eur"].sum() > 0 else "projects"  # all amounts unknown: show counts, not zeros
    fig = px.bar(
        table.sort_values(value),
        x=value,
        y="theme_label",
        orientation="h",
        hover_data={"projects": True},
        labels={"eur": t("metric_eur", lang), "theme_label": t("theme", lang), "projects": t("kpi_projects", lang)},
    )
    return _layout(fig, t("chart_theme", lang) if value == "eur" else t("chart_theme_count", lang))


def top_funders(table: pd.DataFrame, lang: str = "fi", limit: int = 12) -> go.Figure:
    unknown = int(table.loc[table["funder"] == "", "projects"].sum())
    table = table.loc[table["funder"] != ""].head(limit)
    value = "eur" if table["eur"].sum() > 0 else "projects"
    table = table.sort_values(value)
    fig = px.bar(
        table,
        x=value,
        y="funder",
        orientation="h",
        hover_data={"projects": True, "amount_unknown_projects": True},
        labels={
            "eur": t("metric_eur", lang),
            "funder": t("funder", lang),
            "projects": t("kpi_projects", lang),
            "amount_unknown_projects": t("kpi_amount_unknown", lang),
        },
    )
    title = t("chart_funders", lang)
    if unknown:
        title += f" ({t('funder', lang).lower()} {t('unknown', lang)}: {unknown} {t('kpi_projects', lang).lower()})"
    return _layout(fig, title)


def active_years(table: pd.DataFrame, lang: str = "fi") -> go.Figure:
    fig = px.bar(table, x="year", y="projects", labels={"year": "", "projects": t("kpi_projects", lang)})
    fig.update_xaxes(dtick=1, tickformat="d")
    return _layout(fig, t("chart_years", lang))
