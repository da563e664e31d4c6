"""Page 1 — Rahoitus / Funding: where the money goes, for regional councils."""

from __future__ import annotations

import json
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.query import areas
from dashboard.ui import charts
from dashboard.ui import live_map
from dashboard.ui import maps
from dashboard.query.filters import ProjectFilters
from dashboard.ui import formatting, tables
from dashboard.ui.i18n import label, message, t
from dashboard.ui.safe_text import markdown_text
from dashboard.io import exports
from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS, PROJECT_STATUSES, THEMES
from dashboard.app.pages.common import app_data, attribution, basemap, coverage_help, first_run, language, query_dict, seed, show_notices, sync_query
from dashboard.query.codecs import funding as funding_codec
from dashboard.query.codecs.base import MAX_TEXT, clean_text
from dashboard.app.state import view_version
from dashboard.app.pages.funding_rankings import ranking_parts
from dashboard.query.engine import DEFAULT_MEASURE
from dashboard.ui.measures import measure_money, measure_name, measure_note, measure_sum_text, name_measure
from dashboard.app.appdata import mask_key, view_cache
from dashboard.app.pages.below_map import BelowMap, draw_open_tab, is_paint_report, map_head_start, rerun_once_unless

LIST_FILTERS = {
    "regions": "f_regions",
    "municipalities": "f_municipalities",
    "leader_groups": "f_leader_groups",
    "funders": "f_funders",
    "funds": "f_funds",
    "themes": "f_themes",
    "periods": "f_periods",
    "statuses": "f_statuses",
}
"""Filter field → the key of its widget."""


def _seed_from_url(data, lang: str) -> None:
    """First run of the page in a session: widgets from the link, validated by the codec."""
    if not first_run("funding"):
        return
    view, notices = funding_codec.parse(query_dict(), data.funding_domain)
    seed(
        {
            **{key: list(getattr(view.filters, name)) for name, key in LIST_FILTERS.items()},
            "f_years": view.filters.years or data.funding_domain.years,
            "f_text": view.filters.text,
            "level": view.level,
            "metric": view.metric,
            "measure": view.measure,
        }
    )
    st.session_state["_funding_notices"] = notices


def _apply_pending_click() -> None:
    """A map click asks for a filter on the next run (widgets cannot change after they exist)."""
    pending = st.session_state.pop("pending_area", None)
    if pending:
        key, code = pending
        st.session_state[key] = [code]


def _clear_filters(years: tuple[int, int]) -> None:
    """Button callback (runs before the widgets exist): every filter back to its default.

    Values are set, not deleted: a deleted key would leave the browser's widgets showing
    (and sending back) the old choices."""
    for key in LIST_FILTERS.values():
        st.session_state[key] = []
    st.session_state["f_text"] = ""
    st.session_state["f_years"] = years


def _sidebar(data, lang: str) -> ProjectFilters:
    """The filter widgets; the filters are built from their return values."""
    domain = data.funding_domain
    region_names = dict(zip(data.regions["code"], data.regions[f"name_{lang}"]))
    municipality_names = dict(zip(data.municipalities["code"], data.municipalities[f"name_{lang}"]))
    sidebar = st.sidebar
    sidebar.header(t("filters", lang))
    chosen: dict[str, list[str]] = {}
    # select_all=False on every multiselect: Streamlit's "Select all" entry is English and comes
    # first in the list, so pressing Enter after typing would choose every match.
    chosen["regions"] = sidebar.multiselect(t("region", lang), sorted(region_names, key=region_names.get), format_func=region_names.get, placeholder=t("choose", lang), select_all=False, key="f_regions")
    chosen["municipalities"] = sidebar.multiselect(
        t("municipality", lang), sorted(municipality_names, key=municipality_names.get), format_func=municipality_names.get, placeholder=t("choose", lang), select_all=False, key="f_municipalities"
    )
    chosen["leader_groups"] = sidebar.multiselect(t("leader_group", lang), sorted(data.leader_groups["leader_group"].unique()), placeholder=t("choose", lang), select_all=False, key="f_leader_groups")
    # The funders as the rankings name them: one entry per funder, whichever way rows spell it.
    funders = sorted(domain.funders, key=lambda n: (n.casefold(), n))
    chosen["funders"] = sidebar.multiselect(t("funder", lang), funders, placeholder=t("choose", lang), select_all=False, key="f_funders")
    chosen["funds"] = sidebar.multiselect(t("fund", lang), list(FUNDS), format_func=lambda v: label("fund", v, lang), placeholder=t("choose", lang), select_all=False, key="f_funds")
    chosen["themes"] = sidebar.multiselect(t("theme", lang), list(THEMES), format_func=lambda v: label("theme", v, lang), placeholder=t("choose", lang), select_all=False, key="f_themes")
    chosen["periods"] = sidebar.multiselect(t("period", lang), list(CANONICAL_PERIODS), format_func=lambda v: label("period", v, lang), placeholder=t("choose", lang), select_all=False, key="f_periods")
    lo, hi = domain.years
    years = sidebar.slider(t("years", lang), min_value=lo, max_value=max(hi, lo + 1), key="f_years")
    chosen["statuses"] = sidebar.multiselect(t("status", lang), list(PROJECT_STATUSES), format_func=lambda v: label("status", v, lang), placeholder=t("choose", lang), select_all=False, key="f_statuses")
    text = sidebar.text_input(t("search", lang), key="f_text", max_chars=MAX_TEXT)
    sidebar.button(t("clear_filters", lang), key="clear_filters", on_click=_clear_filters, args=(domain.years,))
    years = tuple(years) if years else None
    return ProjectFilters(
        **{name: tuple(values or ()) for name, values in chosen.items()},
        years=years if years and years != (lo, max(hi, lo + 1)) else None,
        text=clean_text(text or ""),
    )


def _masked(projects: pd.DataFrame, column: str, mask) -> np.ndarray:
    """One column of the filtered projects as numbers (the key figures need no filtered frame:
    copying every column of 100 000 projects took up to 40 ms of a filter change)."""
    return projects[column].to_numpy(dtype=float, na_value=np.nan)[mask]


def _filters_from_state(data) -> ProjectFilters:
    """The filters as the sidebar's widgets hold them (their keys), before the widgets are drawn.

    The view draws the map first and the filter widgets after it: the browser then handles the
    map's message before some forty messages of widgets and figures (each one a redraw of the
    page in the browser), and the map is on screen sooner. The widgets still return their
    values afterwards; :func:`_view` checks that they agree."""
    lo, hi = data.funding_domain.years
    years = st.session_state.get("f_years")
    years = tuple(years) if years else None
    return ProjectFilters(
        **{name: tuple(st.session_state.get(key) or ()) for name, key in LIST_FILTERS.items()},
        years=years if years and years != (lo, max(hi, lo + 1)) else None,
        text=clean_text(st.session_state.get("f_text") or ""),
    )


WIDGETS_DISAGREED = "_funding_widgets_disagreed"
"""Session key: the last run found the widgets' values other than their state (and reran)."""


def _chosen(key: str, options) -> str:
    """A radio's value from its key (the first option when unset or no longer offered)."""
    options = list(options)
    value = st.session_state.get(key)
    return value if value in options else options[0]


def _kpis(projects: pd.DataFrame, mask, lang: str) -> None:
    """Key figures of the projects in ``mask``.

    Every sum says what it measures and how many projects it covers: the two money columns
    cover different projects (sources give one or the other), so each names its count. The
    money the map itself shows ("on this map") stands with the map, as it depends on its level.
    """
    columns = st.columns([1, 1.3, 1.3, 1])
    columns[0].metric(t("kpi_projects", lang), formatting.format_count(int(np.count_nonzero(mask)), lang), help=coverage_help(lang) or None)
    for column, key, source in ((columns[1], "kpi_budget", "budget_total_eur"), (columns[2], "kpi_public", "public_funding_eur")):
        known = _masked(projects, source, mask)
        known = known[~np.isnan(known)]
        column.metric(
            t(key, lang),
            formatting.format_eur_compact(float(known.sum()), lang) if len(known) else "–",
            help=message("notice.sum_covers", lang, measure=t(key, lang), count=formatting.format_count(len(known), lang)),
        )
    columns[3].metric(t("kpi_amount_unknown", lang), formatting.format_count(int(np.isnan(_masked(projects, "money_eur", mask)).sum()), lang))
    st.caption(t("money_note", lang))

def area_table(data, mask, level: str, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
    """Projects, euros and €/resident per area of the map level for the projects in ``mask``.

    Each level holds only the money placed at that level or finer (see ``data/README.md``):
    the municipality map never shows money known only by region.
    """
    totals = data.index.area_totals(mask, level, measure)
    if level == "region":
        return areas.area_frame(totals, data.regions, areas.region_population(data.population, data.municipality_region))
    if level == "large_area":
        return areas.area_frame(totals, data.large_area_shapes(), data.large_area_population)
    return areas.area_frame(totals, data.municipalities, areas.municipality_population(data.population))


def _level_shapes(data, level: str, filters: ProjectFilters):
    if level == "region":
        return data.region_shapes
    if level == "large_area":
        # Kainuu belonged to Itä-Suomi in 2007–2013: draw those shapes when only that period is shown.
        return data.large_area_shapes("2007-2013" if filters.periods == ("2007-2013",) else "2014-2020")
    return data.municipality_shapes


def shares_text(shares: pd.DataFrame, lang: str) -> str:
    """"On this map 10,5 % · region only 21,7 % · …": where the filtered money sits."""
    parts = [f"{t('share_' + key, lang)} {formatting.format_percent(shares.loc[key, 'share'], lang)}" for key in shares.index if key == "on_map" or shares.loc[key, "eur"] > 0]
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def _area_notice(data, mask, filters: ProjectFilters, lang: str) -> None:
    """With an area filter: the projects touching it, their full total, and the area's share."""
    level, codes = ("municipality", filters.municipalities) if filters.municipalities else ("region", filters.regions)
    if not codes:
        return
    totals = data.index.area_totals(mask, level)
    allocated = float(totals.loc[totals.index.isin(codes), "eur"].sum())
    names = data.municipality_names if level == "municipality" else dict(zip(data.regions["code"], data.regions[f"name_{lang}"]))
    st.info(
        message(
            "notice.area_share",
            lang,
            escape=markdown_text,
            count=formatting.format_count(int(np.count_nonzero(mask)), lang),
            area=", ".join(names.get(c, c) for c in codes),
            total=formatting.format_eur(float(np.nansum(_masked(data.projects, "money_eur", mask))), lang),
            allocated=formatting.format_eur(allocated, lang),
        )
    )


MAP_KEY = "funding_map"


def _click_signature(value: dict | None) -> tuple[str | None, str]:
    """The clicked area's code and the click itself (a new click has a new signature)."""
    value = value or {}
    code = ((value.get("last_active_drawing") or {}).get("properties") or {}).get("code")
    return code, json.dumps(value.get("last_object_clicked"), sort_keys=True)


def _map_changed(level: str, codes: frozenset[str]) -> None:
    """Map callback, before the rerun of the view fragment (which holds the map and the filters).

    * A click on an area sets that area's filter here, so the view's run that follows draws
      the filters and the map with it at once.
    * The map's report of a paint (``{"painted": version}``, sent only while what follows the
      map still shows another view) reruns only the part below the map, in place of the view
      (``below_map.BelowMap``)."""
    value = st.session_state.get(MAP_KEY) or {}
    if is_paint_report(value):
        BELOW.on_paint()
    signature = _click_signature(value)
    if signature[0] in codes and st.session_state.get("last_map_click") != signature:
        st.session_state["last_map_click"] = signature
        st.session_state["f_regions" if level == "region" else "f_municipalities"] = [signature[0]]


def _switches(data, mask, lang: str, table: pd.DataFrame, level: str, measure: str) -> tuple[str, str, str]:
    """The level, metric and measure switches and the money on this map (above the map)."""
    left, right, third = st.columns([1, 1, 1.4])
    level = left.radio(
        t("area_level", lang), list(data.funding_domain.levels), format_func=lambda v: t(f"level_{v}", lang), horizontal=True, key="level"
    )
    metric_options = list(data.funding_domain.metrics)
    metric = right.radio(t("metric", lang), metric_options, format_func=lambda v: t(f"metric_{v}", lang), horizontal=True, key="metric")
    chosen = _measure_radio(data, third, lang)
    if data.population is None:
        right.caption(t("no_population", lang))
    st.metric(t("kpi_on_map", lang), formatting.format_eur_compact(float(table["eur"].sum()), lang), help=f"{measure_name(measure, lang)}. {t('kpi_on_map_help', lang)}")
    st.caption(shares_text(_precision_shares(data, mask, level, measure), lang))
    return level, metric, chosen


def _map_table(data, mask, level: str, measure: str) -> pd.DataFrame:
    """The map's area table, once per view (shared by sessions)."""
    return view_cache(data.index, ("area_table", mask_key(mask), level, measure), lambda: area_table(data, mask, level, measure))


def _precision_shares(data, mask, level: str, measure: str) -> pd.DataFrame:
    """Where the filtered money sits (on this map, region only, …), once per view."""
    return view_cache(data.index, ("precision_shares", mask_key(mask), level, measure), lambda: data.index.precision_shares(mask, level, measure))


def _map(data, mask, lang: str, filters: ProjectFilters, level: str, metric: str, measure: str) -> str:
    """The choropleth of ``level`` and ``metric``; returns the view's version."""
    table = _map_table(data, mask, level, measure)
    shapes = _level_shapes(data, level, filters)
    selected = set(filters.regions if level == "region" else filters.municipalities if level == "municipality" else ())
    version = view_version(funding_codec.to_query(funding_codec.FundingView(filters, level, metric, measure)), level, metric, lang)
    fmap = maps.area_map(
        shapes, table, metric, lang, basemap(), selected=selected, region_shapes=data.region_shapes if level == "municipality" else None, version=version
    )
    if level != "large_area":
        st.caption(t("click_hint", lang))
    clickable = frozenset(shapes["code"]) if level != "large_area" else frozenset()  # large areas are no filter
    baseline = settings.interaction_baseline()
    # Imported here, not at the top: streamlit-folium registers its component with the running
    # server when imported, and the server start warms this module before the server runs.
    from streamlit_folium import st_folium

    # Kept mounted: the base map (with the rings of every level) is the same on every rerun;
    # only the layer group of values, legend and version swaps.
    returned = ["last_active_drawing", "last_object_clicked"]
    base, layers = (
        (fmap, None)
        if baseline
        else live_map.split(fmap, also=(data.municipality_shapes, data.region_shapes, data.large_area_shapes()), report_paint=BELOW.report_paint(version), immediate_clicks=returned)
    )
    result = st_folium(
        base,
        key=f"funding_map_{level}" if baseline else MAP_KEY,
        height=560,
        use_container_width=True,
        returned_objects=returned,
        feature_group_to_add=layers,
        on_change=None if baseline else partial(_map_changed, level, clickable),
    )
    # One map serves both levels: a click made at the other level (still the map's last value
    # after a switch) names no area of this one and has been handled already.
    signature = _click_signature(result)
    code = signature[0]
    if code and code in clickable and st.session_state.get("last_map_click") != signature:
        st.session_state["last_map_click"] = signature
        st.session_state["pending_area"] = ("f_regions" if level == "region" else "f_municipalities", code)
        st.rerun()
    return version


def _map_selection(data, mask, lang: str, filters: ProjectFilters, level: str, measure: str) -> None:
    """Under the map: the areas chosen on it and the button that clears them. Written after
    the key figures (into a slot under the map), so the button never shows beside old figures."""
    selected = filters.regions if level == "region" else filters.municipalities if level == "municipality" else ()
    if selected:
        table = _map_table(data, mask, level, measure)
        names = dict(zip(table["code"], table[f"name_{lang}"]))
        st.info(message("notice.map_selection", lang, escape=markdown_text, area=", ".join(names.get(c, c) for c in sorted(selected))))
        st.button(t("clear_map_selection", lang), key="clear_map_selection", on_click=_clear_map_selection, args=("f_regions" if level == "region" else "f_municipalities",))


def _measure_radio(data, container, lang: str) -> str:
    """The money measure (issue 8 §3): the measures the data has, the mix by default."""
    return container.radio(
        t("measure", lang), list(data.funding_domain.measures), format_func=lambda v: measure_name(v, lang),
        horizontal=True, key="measure", help=t("measure_help", lang),
    )


def chosen_measure(data) -> str:
    """The measure the page's sums use: the radio's value (seeded from the link), if the data has it."""
    value = st.session_state.get("measure", DEFAULT_MEASURE)
    return value if value in data.funding_domain.measures else DEFAULT_MEASURE


def _measure_kpi(data, mask, measure: str, lang: str) -> None:
    """"Julkinen rahoitus: 4,6 mrd. € · 22 919 hanketta": the chosen money, named, with its coverage."""
    total, covered = data.index.measure_total(mask, measure)
    note = measure_note(measure, lang)
    st.markdown(f"**{markdown_text(measure_sum_text(total, covered, measure, lang))}**" + (f"  \n{markdown_text(note)}" if note else ""))


def _clear_map_selection(key: str) -> None:
    """Button callback (before the view's rerun): the area filter emptied — set, not deleted,
    so the browser's widget does not send the old choice back."""
    st.session_state[key] = []


def _chart(container, figure, name: str, key: str, lang: str) -> None:
    """A chart, or the sentence saying why there is none (never empty axes)."""
    if figure is None:
        container.caption(charts.empty_text(name, lang))
    else:
        container.plotly_chart(figure, width="stretch", key=key)


def _chart_figures(index, mask, filtered: pd.DataFrame, lang: str, measure: str = DEFAULT_MEASURE) -> list[tuple[object, str, str]]:
    """(figure or None, chart name, widget key) of each chart, from the engine's breakdowns;
    the money charts name their measure."""
    period_fund = index.period_fund(mask, measure)
    return [
        (name_measure(charts.period_fund_figure(period_fund, "eur", lang), measure, lang), "period_fund", "chart_period_eur"),
        (charts.period_fund_figure(period_fund, "projects", lang), "period_fund", "chart_period_count"),
        (name_measure(charts.by_theme_figure(index.theme_breakdown(mask, measure), lang), measure, lang), "by_theme", "chart_theme"),
        (name_measure(charts.top_funders(filtered, lang, money=measure_money(filtered, measure)), measure, lang), "top_funders", "chart_funders"),
        (charts.active_years_figure(index.active_per_year(mask), lang), "active_years", "chart_years"),
    ]


def _charts(index, mask, filtered: pd.DataFrame, lang: str, measure: str = DEFAULT_MEASURE) -> None:
    """The charts of the filtered projects (built once per view, see ``appdata.view_cache``)."""
    figures = view_cache(index, ("charts", mask_key(mask), lang, measure), lambda: _chart_figures(index, mask, filtered, lang, measure))
    left, right = st.columns(2)
    for (figure, name, key), container in zip(figures, (left, right, *st.columns(2), st)):
        _chart(container, figure, name, key, lang)


def _charts_tab(index, mask, filtered: pd.DataFrame, lang: str, measure: str) -> None:
    """The charts, or with nothing filtered the sentence saying so (never empty axes)."""
    if filtered.empty:
        st.caption(t("chart_empty", lang))
    else:
        _charts(index, mask, filtered, lang, measure)


def project_table(filtered: pd.DataFrame, data, lang: str, screen: bool = False) -> pd.DataFrame:
    """The projects as shown (``screen``: formatted) and downloaded (numbers): ``ui/tables.py``."""
    return tables.project_table(filtered, data.municipality_names, dict(zip(data.regions["code"], data.regions[f"name_{lang}"])), lang, screen)


def _geojson(filtered: pd.DataFrame, data) -> bytes:
    return exports.projects_geojson(filtered, data.allocation, data.municipality_shapes)


TABLE_ROWS = 2000
"""The on-screen table shows the largest projects up to this many rows; downloads hold all."""


def _csv(table: pd.DataFrame) -> bytes:
    return exports.csv_bytes(table)


def _xlsx(table: pd.DataFrame) -> bytes:
    return exports.xlsx_bytes(table, sheet_name="hankkeet")


BELOW = BelowMap("funding")
"""The rankings, charts and table: drawn after the map has painted (``below_map``)."""


def _shown_table(data, mask, filtered: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The on-screen table: the largest ``TABLE_ROWS`` projects, built once per view."""

    def build() -> pd.DataFrame:
        shown = filtered.sort_values("money_eur", ascending=False, na_position="last").head(TABLE_ROWS) if len(filtered) > TABLE_ROWS else filtered
        return project_table(shown, data, lang, screen=True)

    return view_cache(data.index, ("table", mask_key(mask), lang), build)


def warm(data, lang: str = "fi") -> None:
    """Build the default view's charts and table into the view cache, so that a first visitor
    opening their tab finds them ready; the server start calls this before the first request.
    The mask is the page's own (``_mask``), so the map's warm-up that follows finds it built."""
    mask = _mask(data, ProjectFilters())
    filtered = data.projects.loc[mask]
    view_cache(data.index, ("charts", mask_key(mask), lang, DEFAULT_MEASURE), lambda: _chart_figures(data.index, mask, filtered, lang))
    _shown_table(data, mask, filtered, lang)


def _project_table(data, mask, filtered: pd.DataFrame, lang: str) -> None:
    """The largest filtered projects on screen (downloads hold all of them)."""
    st.subheader(f"{t('projects_table', lang)} ({formatting.format_count(len(filtered), lang)})", anchor=False)
    if len(filtered) > TABLE_ROWS:
        st.caption(t("table_capped", lang).format(shown=maps.format_number(TABLE_ROWS, 0, lang), total=maps.format_number(len(filtered), 0, lang)))
    st.dataframe(
        _shown_table(data, mask, filtered, lang),
        hide_index=True,
        width="stretch",
        column_config={
            t("source", lang): st.column_config.LinkColumn(t("source", lang), display_text="↗"),
            t("name", lang): st.column_config.TextColumn(t("name", lang), width="medium"),
        },
        key="projects_table",
    )


def _downloads(data, filtered: pd.DataFrame, lang: str) -> None:
    """CSV, Excel and GeoJSON of all filtered projects, under the tabs whichever is open.
    Files are built only when a button is pressed (deferred)."""
    columns = st.columns(3)
    columns[0].download_button(t("download_csv", lang), partial(lambda f: _csv(project_table(f, data, lang)), filtered), "hankkeet.csv", "text/csv", key="dl_csv")
    columns[1].download_button(
        t("download_xlsx", lang),
        partial(lambda f: _xlsx(project_table(f, data, lang)), filtered),
        "hankkeet.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_xlsx",
    )
    columns[2].download_button(t("download_geojson", lang), partial(_geojson, filtered, data), "hankkeet.geojson", "application/geo+json", key="dl_geojson")


def tab_key(lang: str) -> str:
    """The widget key of the tabs below the map (their state is the open tab's label)."""
    return f"funding_tab_{lang}"


def _mask(data, filters: ProjectFilters):
    """The filtered projects' mask, once per filter set (shared by sessions and by both fragments)."""
    return view_cache(data.index, ("mask", filters), lambda: data.index.mask(filters))


def _view() -> None:
    """The filters, the key figures and the map with its switches: what a filter change shows first.

    Run as a fragment that also writes the filters into the sidebar: a change of a filter, a
    switch or a map click reruns this part only — the browser redraws the filters, the key
    figures and the map, not the charts and tables below. What it has chosen goes to
    ``BELOW``; the part below the map follows once the map has painted."""
    lang = language()
    data = app_data()
    _apply_pending_click()
    filters = _filters_from_state(data)
    level, metric, measure = _chosen("level", data.funding_domain.levels), _chosen("metric", data.funding_domain.metrics), chosen_measure(data)
    mask = _mask(data, filters)
    # The page's order, filled map first (see _filters_from_state): key figures, the area
    # notice (a slot that is always there) and the switches stand above the map.
    figures, notice, switches = st.container(), st.container(), st.container()
    version = _map(data, mask, lang, filters, level, metric, measure)
    selection = st.container()
    map_head_start()
    with figures:
        _kpis(data.projects, mask, lang)
        _measure_kpi(data, mask, measure, lang)
    with notice:
        _area_notice(data, mask, filters, lang)
    with switches:
        drawn_switches = _switches(data, mask, lang, _map_table(data, mask, level, measure), level, measure)
    with selection:
        _map_selection(data, mask, lang, filters, level, measure)
    rerun_once_unless((_sidebar(data, lang), drawn_switches) == (filters, (level, metric, measure)), WIDGETS_DISAGREED)
    BELOW.want(version, (filters, level, metric, measure))
    sync_query(funding_codec.to_query(funding_codec.FundingView(filters, level, metric, measure)), funding_codec.PARAMS)


def _below() -> None:
    """Below the map, for the view the view fragment chose last: tabs of the rankings, the
    charts and the project table (only the open one is drawn), and the downloads."""
    wanted = BELOW.wanted()
    if wanted is None:
        return
    version, (filters, level, metric, measure) = wanted
    lang = language()
    data = app_data()
    mask = _mask(data, filters)
    filtered = data.projects.loc[mask]
    if filtered.empty:
        st.warning(t("nothing_found", lang))
    parts = [
        *ranking_parts(data, mask, level, metric, lang, filters),
        (t("charts", lang), lambda: _charts_tab(data.index, mask, filtered, lang, measure)),
        (t("projects_table", lang), lambda: _project_table(data, mask, filtered, lang)),
    ]
    draw_open_tab(parts, tab_key(lang))
    _downloads(data, filtered, lang)
    BELOW.shown(version)


_view_and_below = BELOW.page_parts(_view, _below)


def render() -> None:
    lang = language()
    data = app_data()
    _seed_from_url(data, lang)
    st.title(t("page_funding", lang))
    # Notices that come and go live in slots that are always there: an element appearing
    # above the map would shift the map's place in the page, and the browser would then
    # mount a new map iframe (Leaflet loaded and every ring parsed again: about a second).
    with st.container():
        show_notices(st.session_state.pop("_funding_notices", []), lang)
    _view_and_below()
    st.caption(t("share_link", lang))
    attribution(lang)
