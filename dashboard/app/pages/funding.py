"""Page 1 — Rahoitus / Funding: where the money goes, for regional councils."""

from __future__ import annotations

import json
import time
from functools import partial

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.io import exports
from dashboard.query import aggregate
from dashboard.ui import charts
from dashboard.ui import maps
from dashboard.query.filters import ProjectFilters
from dashboard.ui.i18n import label, t
from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS, PROJECT_STATUSES, THEMES
from dashboard.app.pages.common import app_data, attribution, basemap, init_from_query, language, sync_query

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
QUERY_KEYS = (*LIST_FILTERS, "years", "q", "level", "metric")


def _split(value: str) -> list[str]:
    return [v for v in str(value).split(",") if v]


def _year_bounds(projects: pd.DataFrame) -> tuple[int, int]:
    starts = projects["start_date"].dropna().dt.year
    ends = projects["end_date"].dropna().dt.year
    if starts.empty:
        return 2007, 2027
    return int(starts.min()), int(max(ends.max(), starts.max()))


def _apply_pending_click() -> None:
    """A map click asks for a filter on the next run (widgets cannot change after they exist)."""
    pending = st.session_state.pop("pending_area", None)
    if pending:
        key, code = pending
        st.session_state[key] = [code]


def _sidebar(data, lang: str) -> ProjectFilters:
    projects = data.projects
    for name, key in LIST_FILTERS.items():
        init_from_query(key, name, _split)
    init_from_query("f_text", "q")
    init_from_query("level", "level")
    init_from_query("metric", "metric")
    lo, hi = _year_bounds(projects)
    init_from_query("f_years", "years", lambda v: tuple(sorted(int(y) for y in v.split("-", 1))))
    _apply_pending_click()
    region_names = dict(zip(data.regions["code"], data.regions[f"name_{lang}"]))
    municipality_names = dict(zip(data.municipalities["code"], data.municipalities[f"name_{lang}"]))
    sidebar = st.sidebar
    sidebar.header(t("filters", lang))
    sidebar.multiselect(t("region", lang), sorted(region_names, key=region_names.get), format_func=region_names.get, placeholder=t("choose", lang), key="f_regions")
    sidebar.multiselect(
        t("municipality", lang), sorted(municipality_names, key=municipality_names.get), format_func=municipality_names.get, placeholder=t("choose", lang), key="f_municipalities"
    )
    sidebar.multiselect(t("leader_group", lang), sorted(data.leader_groups["leader_group"].unique()), placeholder=t("choose", lang), key="f_leader_groups")
    funders = sorted(f for f in projects["funder"].unique() if f)
    sidebar.multiselect(t("funder", lang), funders, placeholder=t("choose", lang), key="f_funders")
    sidebar.multiselect(t("fund", lang), list(FUNDS), format_func=lambda v: label("fund", v, lang), placeholder=t("choose", lang), key="f_funds")
    sidebar.multiselect(t("theme", lang), list(THEMES), format_func=lambda v: label("theme", v, lang), placeholder=t("choose", lang), key="f_themes")
    sidebar.multiselect(t("period", lang), list(CANONICAL_PERIODS), format_func=lambda v: label("period", v, lang), placeholder=t("choose", lang), key="f_periods")
    first, last = st.session_state.get("f_years", (lo, hi))
    st.session_state["f_years"] = (max(lo, min(first, hi)), min(hi, max(last, lo)))
    sidebar.slider(t("years", lang), min_value=lo, max_value=hi, key="f_years")
    sidebar.multiselect(t("status", lang), list(PROJECT_STATUSES), format_func=lambda v: label("status", v, lang), placeholder=t("choose", lang), key="f_statuses")
    sidebar.text_input(t("search", lang), key="f_text")
    if sidebar.button(t("clear_filters", lang), key="clear_filters"):
        for key in (*LIST_FILTERS.values(), "f_text", "f_years"):
            st.session_state.pop(key, None)
        st.rerun()
    years = st.session_state.get("f_years")
    return ProjectFilters(
        **{name: tuple(st.session_state.get(key) or ()) for name, key in LIST_FILTERS.items()},
        years=tuple(years) if years and tuple(years) != (lo, hi) else None,
        text=(st.session_state.get("f_text") or "").strip(),
    )


def _kpis(filtered: pd.DataFrame, unknown_area: int, lang: str) -> None:
    columns = st.columns(5)
    columns[0].metric(t("kpi_projects", lang), maps.format_number(len(filtered), 0, lang))
    for column, key, source in ((columns[1], "kpi_budget", "budget_total_eur"), (columns[2], "kpi_public", "public_funding_eur")):
        known = filtered[source].dropna()
        column.metric(t(key, lang), maps.format_eur(float(known.sum()), lang) if len(known) else "–", help=f"{len(known)} / {len(filtered)}")
    share = unknown_area / len(filtered) * 100 if len(filtered) else 0.0
    columns[3].metric(t("kpi_unknown_area", lang), f"{maps.format_number(share, 1, lang)} %")
    columns[4].metric(t("kpi_amount_unknown", lang), maps.format_number(int(filtered["money_eur"].isna().sum()), 0, lang))
    st.caption(t("money_note", lang))


def area_table(data, mask, level: str) -> pd.DataFrame:
    """Projects, euros and €/resident per municipality or region for the projects in ``mask``."""
    totals = data.index.area_totals(mask, level)
    if level == "region":
        return aggregate.area_frame(totals, data.regions, aggregate.region_population(data.population, data.municipality_region))
    return aggregate.area_frame(totals, data.municipalities, aggregate.municipality_population(data.population))


def _map(data, mask, lang: str, filters: ProjectFilters) -> None:
    left, right = st.columns(2)
    level = left.radio(
        t("area_level", lang), ["municipality", "region"], format_func=lambda v: t(f"level_{v}", lang), horizontal=True, key="level"
    )
    metric_options = ["eur", "eur_per_resident", "projects"] if data.population is not None else ["eur", "projects"]
    if st.session_state.get("metric") not in metric_options:
        st.session_state["metric"] = "eur"
    metric = right.radio(t("metric", lang), metric_options, format_func=lambda v: t(f"metric_{v}", lang), horizontal=True, key="metric")
    if data.population is None:
        right.caption(t("no_population", lang))
    table = area_table(data, mask, level)
    shapes = data.region_shapes if level == "region" else data.municipality_shapes
    selected = set(filters.regions if level == "region" else filters.municipalities)
    fmap = maps.area_map(shapes, table, metric, lang, basemap(), selected=selected)
    st.caption(t("click_hint", lang))
    result = st_folium(
        fmap,
        key=f"funding_map_{level}",
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked"],
    )
    clicked = (result or {}).get("last_active_drawing") or {}
    code = (clicked.get("properties") or {}).get("code")
    signature = (level, code, json.dumps((result or {}).get("last_object_clicked"), sort_keys=True))
    if code and st.session_state.get("last_map_click") != signature:
        st.session_state["last_map_click"] = signature
        st.session_state["pending_area"] = ("f_regions" if level == "region" else "f_municipalities", code)
        st.rerun()
    if selected:
        names = dict(zip(table["code"], table[f"name_{lang}"]))
        st.info(f"{t('map_selection', lang)}: {', '.join(names.get(c, c) for c in sorted(selected))}")
        if st.button(t("clear_map_selection", lang), key="clear_map_selection"):
            st.session_state.pop("f_regions" if level == "region" else "f_municipalities", None)
            st.rerun()


def _charts(filtered: pd.DataFrame, lang: str) -> None:
    left, right = st.columns(2)
    left.plotly_chart(charts.period_fund(filtered, "eur", lang), width="stretch", key="chart_period_eur")
    right.plotly_chart(charts.period_fund(filtered, "projects", lang), width="stretch", key="chart_period_count")
    left, right = st.columns(2)
    left.plotly_chart(charts.by_theme(filtered, lang), width="stretch", key="chart_theme")
    right.plotly_chart(charts.top_funders(filtered, lang), width="stretch", key="chart_funders")
    st.plotly_chart(charts.active_years(filtered, lang), width="stretch", key="chart_years")


def project_table(filtered: pd.DataFrame, data, lang: str) -> pd.DataFrame:
    """The projects as shown and downloaded: readable names, labels, ISO dates."""
    names = data.municipality_names
    region_names = dict(zip(data.regions["code"], data.regions["name_fi"]))
    return pd.DataFrame(
        {
            "id": filtered["id"],
            t("name", lang): filtered["name"],
            t("implementer", lang): filtered["implementer"],
            t("funder", lang): filtered["funder"],
            t("fund", lang): filtered["fund"].map(lambda v: label("fund", v, lang)),
            t("period", lang): filtered["period_canonical"].map(lambda v: label("period", v, lang)),
            t("start", lang): filtered["start_date"].dt.date,
            t("end", lang): filtered["end_date"].dt.date,
            t("money", lang): filtered["money_eur"],
            t("money_basis", lang): filtered["money_basis"].map(lambda v: label("money_basis", v, lang)),
            t("municipality", lang): filtered["municipalities"].map(lambda c: ", ".join(names.get(x, x) for x in c.split(";")) if c else ""),
            t("region", lang): filtered["regions"].map(lambda c: ", ".join(region_names.get(x, x) for x in c.split(";")) if c else ""),
            t("theme", lang): filtered["themes"].map(lambda c: ", ".join(label("theme", x, lang) for x in c.split(";")) if c else ""),
            t("status", lang): filtered["status"].map(lambda v: label("status", v, lang)),
            t("source", lang): filtered["source_url"],
        }
    ).reset_index(drop=True)


def _geojson(filtered: pd.DataFrame, data) -> bytes:
    return exports.projects_geojson(filtered, data.allocation, data.municipality_shapes)


FIRST_VIEW_DELAY_S = 1.0
TABLE_ROWS = 2000
"""The on-screen table shows the largest projects up to this many rows; downloads hold all."""


def _csv(table: pd.DataFrame) -> bytes:
    return exports.csv_bytes(table)


def _xlsx(table: pd.DataFrame) -> bytes:
    return exports.xlsx_bytes(table, sheet_name="hankkeet")


def render() -> None:
    lang = language()
    data = app_data()
    filters = _sidebar(data, lang)
    st.title(t("page_funding", lang))
    mask = data.index.mask(filters)
    filtered = data.projects.loc[mask]
    sync_query(
        {**filters.to_query(), "level": st.session_state.get("level", "municipality"), "metric": st.session_state.get("metric", "eur")},
        QUERY_KEYS,
    )
    _kpis(filtered, data.index.unknown_area_projects(mask), lang)
    _map(data, mask, lang, filters)
    if not st.session_state.get("_map_shown"):
        # First view of the session: let the browser draw the map before the chart library
        # (Plotly, about a second of main-thread work) and the table start; reruns do not wait.
        st.session_state["_map_shown"] = True
        time.sleep(FIRST_VIEW_DELAY_S)
    if filtered.empty:
        st.warning(t("nothing_found", lang))
    else:
        _charts(filtered, lang)
    st.subheader(f"{t('projects_table', lang)} ({len(filtered)})")
    shown = filtered.sort_values("money_eur", ascending=False, na_position="last").head(TABLE_ROWS) if len(filtered) > TABLE_ROWS else filtered
    if len(filtered) > TABLE_ROWS:
        st.caption(t("table_capped", lang).format(shown=maps.format_number(TABLE_ROWS, 0, lang), total=maps.format_number(len(filtered), 0, lang)))
    st.dataframe(
        project_table(shown, data, lang),
        hide_index=True,
        width="stretch",
        column_config={
            t("source", lang): st.column_config.LinkColumn(t("source", lang), display_text="↗"),
            t("money", lang): st.column_config.NumberColumn(t("money", lang), format="%.0f €"),
        },
        key="projects_table",
    )
    # Files are built only when a button is pressed (deferred), from all filtered projects.
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
    st.caption(t("share_link", lang))
    attribution(lang)
