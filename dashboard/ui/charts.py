"""Plotly Express charts of the funding page: tidy frames in, a figure (or ``None``) out.

Three rules hold for every chart here:

* **Data text is escaped before Plotly sees it.** Plotly renders a subset of HTML in labels,
  ticks, hovers and legends (``<a href>``, ``<span style>``), so every name from data goes
  through :func:`safe_text.plotly_text` — a funder called ``<a href=…>`` shows as that text.
* **Hovers read like the tables.** Each bar carries preformatted strings (``"1 234 568 €"``,
  ``"12 hanketta"``) in ``customdata`` and a ``hovertemplate`` shows them, so no raw
  ``Euroa=3.000781M`` reaches a person; axes use the language's separators.
* **No empty chart.** When there is nothing to plot (no dated project for the year chart, no
  rows after filtering) a builder returns ``None`` and the page shows
  :func:`empty_text` instead of axes from −1 to 6.

Each ``*_figure(table, …)`` builder takes one of the engine's breakdowns
(:class:`~dashboard.query.engine.ProjectIndex`: ``period_fund``, ``theme_breakdown``,
``active_per_year``), so the charts count exactly what the map counts.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS
from dashboard.query import rankings
from dashboard.ui import formatting
from dashboard.ui.i18n import label, message, t
from dashboard.ui.safe_text import plotly_text

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
BAR_COLOUR = "#2c7fb8"
LABEL_CHARACTERS = 42
"""Axis labels longer than this are cut with "…" (the hover shows the whole name)."""

EMPTY_MESSAGES = {"active_years": "chart_no_dates"}
"""Chart name → catalogue key of the sentence shown instead of an empty chart (default ``chart_empty``)."""


def empty_text(chart: str, lang: str = "fi") -> str:
    """The sentence a page shows where ``chart`` returned ``None`` (e.g. ``"active_years"``)."""
    return t(EMPTY_MESSAGES.get(chart, "chart_empty"), lang)


def separators(lang: str) -> str:
    """Plotly's ``layout.separators`` (decimal, thousands): ``",\\u00a0"`` for fi/sv, ``".,"`` for en."""
    return ".," if lang == "en" else "," + formatting.NBSP


def _label(text: object, limit: int = LABEL_CHARACTERS) -> str:
    raw = "" if formatting.is_missing(text) else str(text)
    if len(raw) > limit:
        raw = raw[: limit - 1].rstrip() + "…"
    return plotly_text(raw)


def _hover_lines(lang: str, **columns: str) -> str:
    """``%{customdata[0]}`` as the bold first line, then ``label: %{customdata[i]}`` per column."""
    lines = ["<b>%{customdata[0]}</b>"]
    for position, key in enumerate(columns.values(), start=1):
        lines.append(f"{plotly_text(t(key, lang))}: %{{customdata[{position}]}}")
    return "<br>".join(lines) + "<extra></extra>"


def _count_text(value: object, lang: str) -> str:
    return formatting.format_count(value, lang)


def _layout(fig: go.Figure, title: str, lang: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title=plotly_text(title),
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(title_text="", orientation="h", yanchor="top", y=-0.25, x=0),
        height=height,
        separators=separators(lang),
        hoverlabel=dict(align="left"),
    )
    return fig


def _money_axis(fig: go.Figure, axis: str, largest: float | None = None, lang: str = "fi", decimals: int = 0) -> None:
    """Euro ticks written as the language writes them: ``"100 milj. €"``, not ``"100 000 000 €"``
    (which a phone rotates and cuts); small amounts in full (``"2,50 €"`` per resident)."""
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    if largest is None or not largest > 0:
        update(tickformat=",.0f", ticksuffix=" €", title_text="")
        return
    step = money_step(largest)
    values = [step * i for i in range(int(largest // step) + 1)]
    texts = [formatting.format_eur_compact(v, lang) if v >= formatting.COMPACT_FROM else formatting.format_eur(v, lang, decimals if step < 1 else 0) for v in values]
    update(tickmode="array", tickvals=values, ticktext=texts, title_text="")


def money_step(largest: float, ticks: int = 5) -> float:
    """A tick step for euros: 1, 2 or 5 × 10ⁿ (also below 1 €), at most ``ticks`` steps to ``largest``."""
    magnitude = 10.0 ** (len(str(int(max(largest, 1)))) - 3)
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if largest / step <= ticks:
                return step
        magnitude *= 10


def count_step(largest: float, ticks: int = 6) -> int:
    """A tick step for a count axis: 1, 2 or 5 × 10ⁿ, never below 1.

    Plotly picks fractional steps (0,2 · 0,4 …) for small counts; formatted as integers they
    read "0 0 0 1 1 1". A fixed whole step keeps every tick a distinct whole number."""
    largest = max(float(largest or 0), 1.0)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if largest / step <= ticks:
                return step
        magnitude *= 10


def _count_axis(fig: go.Figure, axis: str, largest: float, title: str) -> None:
    """An axis of project counts: whole-number ticks from zero (see :func:`count_step`)."""
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(title_text=title, tickformat=",d", tick0=0, dtick=count_step(largest), rangemode="tozero")


# --- euros or projects per period, stacked by fund ---------------------------------------------


def period_fund_figure(matrix: pd.DataFrame, value: str, lang: str = "fi") -> go.Figure | None:
    """``matrix``: ``period_canonical``, ``fund``, ``projects``, ``eur`` (``ProjectIndex.period_fund``).
    ``value``: ``"eur"`` or ``"projects"``. ``None`` when there is nothing to stack."""
    if matrix.empty or float(matrix[value].sum()) <= 0:
        return None
    frame = matrix.copy()
    frame["period_label"] = frame["period_canonical"].map(lambda p: plotly_text(label("period", p, lang)))
    frame["fund_label"] = frame["fund"].map(lambda f: plotly_text(label("fund", f, lang)))
    frame["eur_text"] = frame["eur"].map(lambda v: formatting.format_eur(v, lang))
    frame["projects_text"] = frame["projects"].map(lambda v: _count_text(v, lang))
    fig = px.bar(
        frame,
        x="period_label",
        y=value,
        color="fund_label",
        category_orders={
            "period_label": [plotly_text(label("period", p, lang)) for p in CANONICAL_PERIODS],
            "fund_label": [plotly_text(label("fund", f, lang)) for f in FUNDS],
        },
        color_discrete_map={plotly_text(label("fund", f, lang)): c for f, c in FUND_COLOURS.items()},
        custom_data=["fund_label", "period_label", "eur_text", "projects_text"],
    )
    fig.update_traces(
        hovertemplate="<b>%{customdata[0]}</b><br>"
        + f"{plotly_text(t('period', lang))}: %{{customdata[1]}}<br>"
        + f"{plotly_text(t('metric_eur', lang))}: %{{customdata[2]}}<br>"
        + f"{plotly_text(t('kpi_projects', lang))}: %{{customdata[3]}}<extra></extra>"
    )
    fig.update_xaxes(title_text="")
    if value == "eur":
        _money_axis(fig, "y", float(frame.groupby("period_canonical")["eur"].sum().max()), lang)
    else:
        _count_axis(fig, "y", float(frame.groupby("period_canonical")["projects"].sum().max()), plotly_text(t("kpi_projects", lang)))
    return _layout(fig, t("chart_period_fund_eur" if value == "eur" else "chart_period_fund_count", lang), lang)


def _bars(frame: pd.DataFrame, name_column: str, value: str, lang: str, title: str, height: int | None = None) -> go.Figure:
    """Horizontal bars of ``value`` per escaped name, largest on top, with a formatted hover."""
    frame = frame.sort_values(value, kind="stable").copy()
    frame["full_name"] = frame[name_column].map(lambda n: _label(n, 10_000))
    frame["bar_label"] = frame[name_column].map(_label)
    if frame["bar_label"].duplicated().any():  # two long names cut alike: keep both bars apart
        frame["bar_label"] = frame["bar_label"] + frame.groupby("bar_label").cumcount().map(lambda i: "\u200a" * i)
    frame["eur_text"] = frame["eur"].map(lambda v: formatting.format_eur(v, lang))
    frame["projects_text"] = frame["projects"].map(lambda v: _count_text(v, lang))
    unknown = frame["amount_unknown_projects"] if "amount_unknown_projects" in frame else pd.Series(0, index=frame.index)
    frame["unknown_text"] = unknown.map(lambda v: _count_text(v, lang))
    fig = px.bar(frame, x=value, y="bar_label", orientation="h", custom_data=["full_name", "eur_text", "projects_text", "unknown_text"])
    fig.update_traces(marker_color=BAR_COLOUR, hovertemplate=_hover_lines(lang, eur="metric_eur", projects="kpi_projects", unknown="kpi_amount_unknown"))
    fig.update_yaxes(title_text="", type="category")
    if value == "eur":
        _money_axis(fig, "x", float(frame[value].max()), lang)
    else:
        _count_axis(fig, "x", float(frame[value].max()), plotly_text(t("kpi_projects", lang)))
    return _layout(fig, title, lang, height or max(380, 60 + 26 * len(frame)))


def by_theme_figure(table: pd.DataFrame, lang: str = "fi") -> go.Figure | None:
    """``table``: ``themes``, ``projects``, ``eur``, ``amount_unknown_projects`` (``ProjectIndex.theme_breakdown``).
    Euros when any are known, else project counts (never bars of zeros)."""
    table = table.loc[table["themes"].fillna("") != ""].copy()
    if table.empty or int(table["projects"].sum()) == 0:
        return None
    table["theme_label"] = table["themes"].map(lambda v: label("theme", v, lang))
    value = "eur" if table["eur"].sum() > 0 else "projects"
    return _bars(table, "theme_label", value, lang, t("chart_theme" if value == "eur" else "chart_theme_count", lang), height=380)


def ranking_figure(ranking: pd.DataFrame, lang: str, title: str) -> go.Figure | None:
    """Bars of a ranking from :mod:`dashboard.query.rankings` (``name``, ``projects``, ``eur``…):
    euros when any are known, else project counts. ``None`` when empty."""
    if ranking.empty:
        return None
    return _bars(ranking, "name", "eur" if ranking["eur"].sum() > 0 else "projects", lang, title)


def top_funders(projects: pd.DataFrame, lang: str = "fi", limit: int = 12, money: pd.Series | None = None) -> go.Figure | None:
    """The largest funders of ``projects`` with clean, merged names (``rankings.top_funders``).

    ``money``: euros per project id to rank by (e.g. the selected area's share)."""
    if projects.empty:
        return None
    ranking = rankings.top_funders(projects, limit, money)
    title = t("chart_funders", lang)
    unnamed = int(ranking.attrs.get("unnamed_projects", 0))
    if unnamed:
        title += " (" + message("chart_funders_unknown", lang, count=_count_text(unnamed, lang)) + ")"
    return ranking_figure(ranking, lang, title)


def top_implementers(projects: pd.DataFrame, lang: str = "fi", limit: int = 12, money: pd.Series | None = None) -> go.Figure | None:
    """The largest implementers of ``projects`` (``rankings.top_implementers``)."""
    if projects.empty:
        return None
    return ranking_figure(rankings.top_implementers(projects, limit, money), lang, t("ranking_implementers", lang))


# --- areas ranked by a metric ---------------------------------------------------------------------


def _metric_text(metric: str, value: object, lang: str) -> str:
    if metric == "eur":
        return formatting.format_eur(value, lang)
    if metric == "eur_per_resident":
        return formatting.format_eur(value, lang, decimals=2)
    if metric == "share":
        return formatting.format_percent(value, lang)
    return formatting.format_count(value, lang)


def area_ranking(ranked: pd.DataFrame, metric: str, lang: str = "fi", limit: int | None = 20) -> go.Figure | None:
    """Bars of the areas of ``rankings.rank_areas(table, metric)``, first on top, names in ``lang``.
    Areas whose metric is unknown are left out of the bars; ``None`` when no area has a value."""
    frame = ranked.loc[ranked[metric].notna()].copy()
    if frame.empty or float(frame[metric].astype(float).abs().sum()) == 0:
        return None
    if limit:
        frame = frame.head(limit)
    name_column = f"name_{lang}" if f"name_{lang}" in frame else "name_fi"
    frame["full_name"] = frame[name_column].map(lambda n: _label(n, 10_000))
    frame["bar_label"] = frame["full_name"]
    frame["value_text"] = frame[metric].map(lambda v: _metric_text(metric, v, lang))
    frame["projects_text"] = frame["projects"].map(lambda v: _count_text(v, lang))
    frame["eur_text"] = frame["eur"].map(lambda v: formatting.format_eur(v, lang))
    frame["plot_value"] = frame[metric].astype(float) * (100 if metric == "share" else 1)
    frame = frame.iloc[::-1]  # Plotly draws the first category at the bottom
    fig = px.bar(frame, x="plot_value", y="bar_label", orientation="h", custom_data=["full_name", "value_text", "projects_text", "eur_text"])
    metric_key = f"metric_{metric}"
    fig.update_traces(marker_color=BAR_COLOUR, hovertemplate=_hover_lines(lang, value=metric_key, projects="kpi_projects", eur="metric_eur"))
    fig.update_yaxes(title_text="", type="category")
    if metric in ("eur", "eur_per_resident"):
        _money_axis(fig, "x", float(frame["plot_value"].max()), lang, decimals=2)
    elif metric == "share":
        fig.update_xaxes(title_text="", ticksuffix=" %" if lang != "en" else "%")
    else:
        _count_axis(fig, "x", float(frame["plot_value"].max()), plotly_text(t("kpi_projects", lang)))
    return _layout(fig, f"{t('ranking_areas', lang)}: {t(metric_key, lang)}", lang, max(380, 60 + 24 * len(frame)))


def area_ranking_table(ranked: pd.DataFrame, metric: str, lang: str = "fi") -> pd.DataFrame:
    """The ranked areas as ``st.dataframe`` shows them: rank, name, the metric, projects, euros,
    residents, share — formatted strings, empty where unknown, the code last (for a click → filter)."""
    name_column = f"name_{lang}" if f"name_{lang}" in ranked else "name_fi"
    kinds = {"rank": "count", name_column: "name", "projects": "count", "eur": "eur", "eur_per_resident": "eur", "population": "count", "share": "percent", "code": "id"}
    headers = {
        "rank": t("rank", lang),
        name_column: t("area", lang),
        "projects": t("kpi_projects", lang),
        "eur": t("metric_eur", lang),
        "eur_per_resident": t("metric_eur_per_resident", lang),
        "population": t("population", lang),
        "share": t("share", lang),
        "code": "code",
    }
    shown = formatting.display_frame(ranked, lang, kinds, headers, decimals={"eur_per_resident": 2})
    first = [t("rank", lang), t("area", lang)]
    return shown[[c for c in first if c in shown] + [c for c in shown.columns if c not in first]]


def organisation_table(ranking: pd.DataFrame, lang: str = "fi", kind: str = "funder") -> pd.DataFrame:
    """Top funders/implementers as ``st.dataframe`` shows them (``kind``: ``funder`` or ``implementer``)."""
    kinds = {"rank": "count", "name": "name", "eur": "eur", "projects": "count", "amount_unknown_projects": "count", "share": "percent"}
    headers = {
        "rank": t("rank", lang),
        "name": t(kind, lang),
        "eur": t("metric_eur", lang),
        "projects": t("kpi_projects", lang),
        "amount_unknown_projects": t("kpi_amount_unknown", lang),
        "share": t("share", lang),
    }
    shown = formatting.display_frame(ranking, lang, kinds, headers)
    first = [t("rank", lang), t(kind, lang)]
    return shown[first + [c for c in shown.columns if c not in first]]


# --- projects active per year -------------------------------------------------------------------


def active_years_figure(table: pd.DataFrame, lang: str = "fi") -> go.Figure | None:
    """``table``: ``year``, ``projects`` (``ProjectIndex.active_per_year``). ``None`` without dated projects."""
    if table.empty or int(table["projects"].sum()) == 0:
        return None
    frame = table.copy()
    frame["year_text"] = frame["year"].astype(int).astype(str)
    frame["projects_text"] = frame["projects"].map(lambda v: _count_text(v, lang))
    fig = px.bar(frame, x="year", y="projects", custom_data=["year_text", "projects_text"])
    fig.update_traces(marker_color=BAR_COLOUR, hovertemplate=_hover_lines(lang, projects="kpi_projects"))
    fig.update_xaxes(dtick=1, tickformat="d", title_text="", range=[int(frame["year"].min()) - 0.5, int(frame["year"].max()) + 0.5])
    _count_axis(fig, "y", float(frame["projects"].max()), plotly_text(t("kpi_projects", lang)))
    return _layout(fig, t("chart_years", lang), lang)
