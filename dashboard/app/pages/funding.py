"""Page 1 — Rahoitus / Funding: where the money goes, for regional councils."""

from __future__ import annotations

import io
import json
from functools import partial

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard import settings
from dashboard.query import areas
from dashboard.ui import charts
from dashboard.ui import live_map
from dashboard.ui import maps
from dashboard.query.filters import ProjectFilters, filter_allocation
from dashboard.ui.i18n import label, t
from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS, PROJECT_STATUSES, THEMES
from dashboard.app.pages.common import app_data, attribution, basemap, first_run, language, query_dict, seed, show_notices, sync_query
from dashboard.query.codecs import funding as funding_codec
from dashboard.query.codecs.base import MAX_TEXT, clean_text
from dashboard.app.state import view_version

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
    projects = data.projects
    domain = data.funding_domain
    _seed_from_url(data, lang)
    _apply_pending_click()
    region_names = dict(zip(data.regions["code"], data.regions[f"name_{lang}"]))
    municipality_names = dict(zip(data.municipalities["code"], data.municipalities[f"name_{lang}"]))
    sidebar = st.sidebar
    sidebar.header(t("filters", lang))
    chosen: dict[str, list[str]] = {}
    chosen["regions"] = sidebar.multiselect(t("region", lang), sorted(region_names, key=region_names.get), format_func=region_names.get, placeholder=t("choose", lang), key="f_regions")
    chosen["municipalities"] = sidebar.multiselect(
        t("municipality", lang), sorted(municipality_names, key=municipality_names.get), format_func=municipality_names.get, placeholder=t("choose", lang), key="f_municipalities"
    )
    chosen["leader_groups"] = sidebar.multiselect(t("leader_group", lang), sorted(data.leader_groups["leader_group"].unique()), placeholder=t("choose", lang), key="f_leader_groups")
    funders = sorted(f for f in projects["funder"].unique() if f)
    chosen["funders"] = sidebar.multiselect(t("funder", lang), funders, placeholder=t("choose", lang), key="f_funders")
    chosen["funds"] = sidebar.multiselect(t("fund", lang), list(FUNDS), format_func=lambda v: label("fund", v, lang), placeholder=t("choose", lang), key="f_funds")
    chosen["themes"] = sidebar.multiselect(t("theme", lang), list(THEMES), format_func=lambda v: label("theme", v, lang), placeholder=t("choose", lang), key="f_themes")
    chosen["periods"] = sidebar.multiselect(t("period", lang), list(CANONICAL_PERIODS), format_func=lambda v: label("period", v, lang), placeholder=t("choose", lang), key="f_periods")
    lo, hi = domain.years
    years = sidebar.slider(t("years", lang), min_value=lo, max_value=max(hi, lo + 1), key="f_years")
    chosen["statuses"] = sidebar.multiselect(t("status", lang), list(PROJECT_STATUSES), format_func=lambda v: label("status", v, lang), placeholder=t("choose", lang), key="f_statuses")
    text = sidebar.text_input(t("search", lang), key="f_text", max_chars=MAX_TEXT)
    sidebar.button(t("clear_filters", lang), key="clear_filters", on_click=_clear_filters, args=(domain.years,))
    years = tuple(years) if years else None
    return ProjectFilters(
        **{name: tuple(values or ()) for name, values in chosen.items()},
        years=years if years and years != (lo, max(hi, lo + 1)) else None,
        text=clean_text(text or ""),
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
        return areas.area_frame(totals, data.regions, areas.region_population(data.population, data.municipality_region))
    return areas.area_frame(totals, data.municipalities, areas.municipality_population(data.population))


MAP_KEY = "funding_map"


def _click_signature(value: dict | None) -> tuple[str | None, str]:
    """The clicked area's code and the click itself (a new click has a new signature)."""
    value = value or {}
    code = ((value.get("last_active_drawing") or {}).get("properties") or {}).get("code")
    return code, json.dumps(value.get("last_object_clicked"), sort_keys=True)


def _map_clicked(level: str, codes: frozenset[str]) -> None:
    """Map callback, before the (fragment) rerun: a click on an area asks for the whole page
    at once, instead of first redrawing the map with the old filters."""
    signature = _click_signature(st.session_state.get(MAP_KEY))
    if signature[0] in codes and st.session_state.get("last_map_click") != signature:
        st.session_state["last_map_click"] = signature
        st.session_state["pending_area"] = ("f_regions" if level == "region" else "f_municipalities", signature[0])
        st.session_state["_map_click_rerun"] = True


def _map(data, mask, lang: str, filters: ProjectFilters) -> tuple[str, str]:
    """The choropleth with its level and metric switches; returns (level, metric)."""
    if st.session_state.pop("_map_click_rerun", False):
        st.rerun()  # the click's filter applies to the whole page
    left, right = st.columns(2)
    level = left.radio(
        t("area_level", lang), list(data.funding_domain.levels), format_func=lambda v: t(f"level_{v}", lang), horizontal=True, key="level"
    )
    metric_options = list(data.funding_domain.metrics)
    metric = right.radio(t("metric", lang), metric_options, format_func=lambda v: t(f"metric_{v}", lang), horizontal=True, key="metric")
    if data.population is None:
        right.caption(t("no_population", lang))
    table = area_table(data, mask, level)
    shapes = data.region_shapes if level == "region" else data.municipality_shapes
    selected = set(filters.regions if level == "region" else filters.municipalities)
    version = view_version(funding_codec.to_query(funding_codec.FundingView(filters, level, metric)), level, metric, lang)
    fmap = maps.area_map(shapes, table, metric, lang, basemap(), selected=selected, version=version)
    st.caption(t("click_hint", lang))
    baseline = settings.interaction_baseline()
    # Kept mounted: the base map (with the rings of both levels) is the same on every rerun;
    # only the layer group of values, legend and version swaps.
    base, layers = (fmap, None) if baseline else live_map.split(fmap, also=(data.municipality_shapes, data.region_shapes))
    result = st_folium(
        base,
        key=f"funding_map_{level}" if baseline else MAP_KEY,
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked"],
        feature_group_to_add=layers,
        on_change=None if baseline else partial(_map_clicked, level, frozenset(shapes["code"])),
    )
    # One map serves both levels: a click made at the other level (still the map's last value
    # after a switch) names no area of this one and has been handled already.
    signature = _click_signature(result)
    code = signature[0]
    if code and code in shapes["code"].values and st.session_state.get("last_map_click") != signature:
        st.session_state["last_map_click"] = signature
        st.session_state["pending_area"] = ("f_regions" if level == "region" else "f_municipalities", code)
        st.rerun()
    if selected:
        names = dict(zip(table["code"], table[f"name_{lang}"]))
        st.info(f"{t('map_selection', lang)}: {', '.join(names.get(c, c) for c in sorted(selected))}")
        if st.button(t("clear_map_selection", lang), key="clear_map_selection"):
            st.session_state.pop("f_regions" if level == "region" else "f_municipalities", None)
            st.rerun()
    return level, metric


def _map_and_link(data, mask, lang: str, filters: ProjectFilters) -> tuple[str, str]:
    """The map with its switches, then the link (URL) of the view; returns (level, metric)."""
    level, metric = _map(data, mask, lang, filters)
    sync_query(funding_codec.to_query(funding_codec.FundingView(filters, level, metric)), funding_codec.PARAMS)
    return level, metric


_map_fragment = st.fragment(_map_and_link)
"""A level or metric switch reruns only the map and the link, not the figures, charts and table."""


def _charts(index, mask, lang: str) -> None:
    """The charts of the filtered projects, each from one of the engine's breakdowns."""
    period_fund = index.period_fund(mask)
    left, right = st.columns(2)
    left.plotly_chart(charts.period_fund(period_fund, "eur", lang), width="stretch", key="chart_period_eur")
    right.plotly_chart(charts.period_fund(period_fund, "projects", lang), width="stretch", key="chart_period_count")
    left, right = st.columns(2)
    left.plotly_chart(charts.by_theme(index.theme_breakdown(mask), lang), width="stretch", key="chart_theme")
    right.plotly_chart(charts.top_funders(index.breakdown(mask, "funder"), lang), width="stretch", key="chart_funders")
    st.plotly_chart(charts.active_years(index.active_per_year(mask), lang), width="stretch", key="chart_years")


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
    """Projects with the union of their municipalities as geometry (null where area unknown)."""
    allocation = filter_allocation(data.allocation, filtered["id"])
    shapes = data.municipality_shapes.set_index("code").geometry
    geometries = allocation.loc[allocation["municipality"] != ""].groupby("project_id")["municipality"].apply(
        lambda codes: shapes.reindex(codes).union_all()
    )
    import geopandas as gpd

    frame = gpd.GeoDataFrame(
        filtered.drop(columns=["leader"]).assign(
            start_date=filtered["start_date"].dt.strftime("%Y-%m-%d"), end_date=filtered["end_date"].dt.strftime("%Y-%m-%d")
        ),
        geometry=filtered["id"].map(geometries).to_numpy(),
        crs="EPSG:4326",
    )
    frame["leader"] = filtered["leader"].astype(object).where(filtered["leader"].notna(), None).to_numpy()
    return frame.to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


TABLE_ROWS = 2000
"""The on-screen table shows the largest projects up to this many rows; downloads hold all."""


def _csv(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False).encode("utf-8-sig")


def _xlsx(table: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    table.to_excel(buffer, index=False, sheet_name="hankkeet")
    return buffer.getvalue()


def render() -> None:
    lang = language()
    data = app_data()
    filters = _sidebar(data, lang)
    st.title(t("page_funding", lang))
    show_notices(st.session_state.pop("_funding_notices", []), lang)
    mask = data.index.mask(filters)
    filtered = data.projects.loc[mask]
    _kpis(filtered, data.index.unknown_area_projects(mask), lang)
    level, metric = (_map_and_link if settings.interaction_baseline() else _map_fragment)(data, mask, lang, filters)
    if filtered.empty:
        st.warning(t("nothing_found", lang))
    else:
        _charts(data.index, mask, lang)
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
