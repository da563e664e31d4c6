"""Page 2 — Luontopalvelut / Nature services: find destinations and services, on a phone too."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard import settings
from dashboard.ui import formatting, live_map, maps, tables
from dashboard.query.filters import ServiceFilters, apply_service_filters
from dashboard.ui.i18n import label, t
from dashboard.ui.localised import localised
from dashboard.core.vocab import SERVICE_CATEGORIES
from dashboard.app.pages.common import app_data, attribution, basemap, first_run, language, markdown_text, query_dict, seed, show_notices, sync_query
from dashboard.query.codecs import nature as nature_codec
from dashboard.query.codecs.base import MAX_TEXT, clean_text
from dashboard.app.state import view_version
from dashboard.app.pages.below_map import BelowMap, is_paint_report, map_head_start, rerun_once_unless

RESULT_ROWS = 500
"""The list shows this many results (nearest first with "near"); filters narrow it down."""


def _seed_from_url(data) -> None:
    if not first_run("nature"):
        return
    view, notices = nature_codec.parse(query_dict(), data.nature_domain)
    seed(
        {
            "s_categories": list(view.categories),
            "s_regions": list(view.regions),
            "s_municipalities": list(view.municipalities),
            "s_text": view.text,
            "s_near_mode": view.near,
            "s_radius": int(view.radius_km),
            **({"s_near_municipality": view.near_municipality} if view.near_municipality else {}),
            **({"s_point": view.point} if view.point else {}),
        }
    )
    st.session_state["_nature_notices"] = notices


def _municipality_choices(data, lang: str) -> tuple[dict[str, str], list[str]]:
    names = dict(zip(data.municipalities["code"], data.municipalities[f"name_{lang}"]))
    return names, sorted(names, key=names.get)


def _filters_and_view(data, categories, regions, municipalities, text, mode, near_municipality, radius) -> tuple[ServiceFilters, nature_codec.NatureView]:
    """The filters and the URL view from the widgets' values."""
    near = point = None
    if mode == "municipality":
        centre = data.municipality_points.get(near_municipality)
        near = (centre.y, centre.x) if centre is not None else None
    else:
        near_municipality = None
        if mode == "click":
            point = near = st.session_state.get("s_point")
    filters = ServiceFilters(
        categories=tuple(categories or ()),
        regions=tuple(regions or ()),
        municipalities=tuple(municipalities or ()),
        text=clean_text(text or ""),
        near=near,
        radius_km=float(radius),
    )
    view = nature_codec.NatureView(
        categories=filters.categories,
        regions=filters.regions,
        municipalities=filters.municipalities,
        text=filters.text,
        near=mode,
        near_municipality=near_municipality,
        point=point,
        radius_km=float(radius),
    )
    return filters, view


def _state_filters(data, lang: str) -> tuple[ServiceFilters, nature_codec.NatureView]:
    """The filters as the sidebar's widgets hold them (their keys), before they are drawn: the
    map goes first (see the funding page's ``_filters_from_state``)."""
    state = st.session_state
    mode = state.get("s_near_mode")
    mode = mode if mode in nature_codec.NEAR_MODES else nature_codec.NEAR_MODES[0]
    _, ordered = _municipality_choices(data, lang)
    near_municipality = state.get("s_near_municipality")
    near_municipality = near_municipality if near_municipality in ordered else (ordered[0] if ordered else None)
    radius = state.get("s_radius", int(nature_codec.DEFAULT_RADIUS_KM))
    return _filters_and_view(data, state.get("s_categories"), state.get("s_regions"), state.get("s_municipalities"), state.get("s_text"), mode, near_municipality, radius)


def _sidebar(data, lang: str) -> tuple[ServiceFilters, nature_codec.NatureView]:
    """The filter widgets; the filters and the URL view are built from their return values."""
    region_names = dict(zip(data.regions["code"], data.regions[f"name_{lang}"]))
    municipality_names, ordered = _municipality_choices(data, lang)
    sidebar = st.sidebar
    sidebar.header(t("filters", lang))
    categories = sidebar.multiselect(t("category", lang), list(SERVICE_CATEGORIES), format_func=lambda v: label("category", v, lang), placeholder=t("choose", lang), select_all=False, key="s_categories")
    regions = sidebar.multiselect(t("region", lang), sorted(region_names, key=region_names.get), format_func=region_names.get, placeholder=t("choose", lang), select_all=False, key="s_regions")
    municipalities = sidebar.multiselect(t("municipality", lang), ordered, format_func=municipality_names.get, placeholder=t("choose", lang), select_all=False, key="s_municipalities")
    text = sidebar.text_input(t("search_services", lang), key="s_text", max_chars=MAX_TEXT)
    mode = sidebar.radio(
        t("near", lang),
        list(nature_codec.NEAR_MODES),
        format_func=lambda v: {"none": t("near_none", lang), "municipality": t("near_municipality", lang), "click": t("near_click", lang)}[v],
        key="s_near_mode",
    )
    near_municipality = None
    if mode == "municipality":
        near_municipality = sidebar.selectbox(t("municipality", lang), ordered, format_func=municipality_names.get, key="s_near_municipality")
    low, high = (int(v) for v in nature_codec.RADIUS_KM)
    st.session_state.setdefault("s_radius", int(nature_codec.DEFAULT_RADIUS_KM))
    radius = sidebar.slider(t("radius_km", lang), low, high, step=int(nature_codec.RADIUS_STEP_KM), key="s_radius")
    return _filters_and_view(data, categories, regions, municipalities, text, mode, near_municipality, radius)


def result_table(frame: pd.DataFrame, data, lang: str, with_distance: bool) -> pd.DataFrame:
    """The result list: nearest first when a point is chosen; reads well on a phone (``ui/tables.py``)."""
    return tables.service_table(frame, dict(zip(data.municipalities["code"], data.municipalities[f"name_{lang}"])), lang, with_distance)


def _details_of_clicked(found, clicked, data, lang: str) -> None:
    """With many points the popups are short; the full card of the clicked one shows here."""
    if not clicked:
        return
    distance = (found.geometry.y - float(clicked["lat"])) ** 2 + (found.geometry.x - float(clicked["lng"])) ** 2
    row = found.loc[distance.idxmin()]
    with st.container(border=True):
        st.subheader(markdown_text(row["name"]), anchor=False)
        st.text(" · ".join(p for p in (label("category", row["category"], lang), str(row["provider"] or ""), data.municipality_names.get(row["municipality"], "")) if p))
        if row["approximate"]:
            st.caption(t("approximate", lang))
        if row["summary"]:
            st.text(str(row["summary"]))
        if str(row["website"]).startswith(("http://", "https://")):
            st.link_button(t("website", lang), str(row["website"]))


NATURE_MAP_KEY = "nature_map"
WIDGETS_DISAGREED = "_nature_widgets_disagreed"
"""Session key: the last run found the widgets' values other than their state (and reran)."""
BELOW = BelowMap("nature")
"""The result list: drawn after the map has painted (``below_map``)."""


def _map_changed() -> None:
    """Map callback: the map's paint report reruns only the result list (a click reruns the view)."""
    if is_paint_report(st.session_state.get(NATURE_MAP_KEY)):
        BELOW.on_paint()


def _view() -> None:
    """The filters, the result count and the map: what a filter change shows first.

    Run as a fragment that also writes the filters into the sidebar (see ``below_map``): a
    change reruns this part only; the result list follows once the map has painted."""
    lang = language()
    data = app_data()
    filters, view = _state_filters(data, lang)
    mode = view.near
    found = apply_service_filters(
        data.services, filters, data.region_of, formatting.distance_describer(lang, data.municipality_names), data.municipalities
    )
    # The page's order, filled map first (see _state_filters): the count and the click hint
    # (a slot that is always there) stand above the map.
    count, hint = st.container(), st.container()
    version = view_version(nature_codec.to_query(view), lang)
    fmap = maps.services_map(
        found,
        lang,
        basemap(),
        municipality_names=data.municipality_names,
        centre=filters.near,
        radius_km=filters.radius_km if filters.near else None,
        context=data.region_shapes,
        version=version,
    )
    compact = len(found) > maps.COMPACT_POPUPS_ABOVE
    wanted = (["last_clicked"] if mode == "click" else []) + (["last_object_clicked"] if compact else [])
    # Kept mounted: the base map's script is the same on every rerun; only the layer group swaps.
    baseline = settings.interaction_baseline()
    base, layers = (fmap, None) if baseline else live_map.split(fmap, report_paint=BELOW.report_paint(version))
    result = st_folium(
        base, key=NATURE_MAP_KEY, height=520, use_container_width=True, returned_objects=wanted, feature_group_to_add=layers,
        on_change=None if baseline else _map_changed,
    )
    if is_paint_report(result):
        result = None
    if compact:
        clicked_object = (result or {}).get("last_object_clicked")
        _details_of_clicked(localised(found, lang) if clicked_object else found, clicked_object, data, lang)  # in the page's language
    clicked = (result or {}).get("last_clicked") if mode == "click" else None
    if clicked:
        point = (round(float(clicked["lat"]), 4), round(float(clicked["lng"]), 4))
        if st.session_state.get("s_point") != point:
            st.session_state["s_point"] = point
            st.rerun()
    map_head_start()
    count.metric(t("results", lang), len(found))
    with hint:
        if mode == "click" and filters.near is None:
            st.info(t("click_map_for_point", lang))
    rerun_once_unless(_sidebar(data, lang) == (filters, view), WIDGETS_DISAGREED)
    sync_query(nature_codec.to_query(view), nature_codec.PARAMS)
    BELOW.want(version, (filters, found))


def _below() -> None:
    """The result list of the view the view fragment chose last."""
    wanted = BELOW.wanted()
    if wanted is None:
        return
    version, (filters, found) = wanted
    lang = language()
    data = app_data()
    if found.empty:
        st.warning(t("nothing_found", lang))
    if len(found) > RESULT_ROWS:
        st.caption(t("results_capped", lang).format(shown=maps.format_number(RESULT_ROWS, 0, lang), total=maps.format_number(len(found), 0, lang)))
    st.dataframe(
        result_table(localised(found.head(RESULT_ROWS), lang), data, lang, filters.near is not None),  # names in the page's language
        hide_index=True,
        width="stretch",
        column_config={
            t("website", lang): st.column_config.LinkColumn(t("website", lang), display_text="↗", width="small"),
            t("name", lang): st.column_config.TextColumn(t("name", lang), width="medium"),
        },
        key="services_table",
    )
    BELOW.shown(version)


_view_and_below = BELOW.page_parts(_view, _below)


def render() -> None:
    lang = language()
    data = app_data()
    _seed_from_url(data)
    st.title(t("page_nature", lang))
    # Slots that are always there (see the funding page): a notice coming or going above the
    # map would otherwise make the browser mount a new map iframe.
    with st.container():
        show_notices(st.session_state.pop("_nature_notices", []), lang)
    _view_and_below()
    attribution(lang)
