"""Page 2 — Luontopalvelut / Nature services: find destinations and services, on a phone too."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.ui import maps
from dashboard.query.filters import ServiceFilters, apply_service_filters
from dashboard.ui.i18n import label, t
from dashboard.core.vocab import SERVICE_CATEGORIES
from dashboard.app.pages.common import app_data, attribution, basemap, init_from_query, language, sync_query

RESULT_ROWS = 500
"""The list shows this many results (nearest first with "near"); filters narrow it down."""
QUERY_KEYS = ("cat", "sregions", "smunicipalities", "sq", "near", "near_m", "radius", "point")


def _split(value: str) -> list[str]:
    return [v for v in str(value).split(",") if v]


def _sidebar(data, lang: str) -> tuple[ServiceFilters, str]:
    init_from_query("s_categories", "cat", _split)
    init_from_query("s_regions", "sregions", _split)
    init_from_query("s_municipalities", "smunicipalities", _split)
    init_from_query("s_text", "sq")
    init_from_query("s_near_mode", "near")
    init_from_query("s_near_municipality", "near_m")
    init_from_query("s_radius", "radius", int)
    init_from_query("s_point", "point", lambda v: tuple(float(x) for x in v.split(",", 1)))
    region_names = dict(zip(data.regions["code"], data.regions[f"name_{lang}"]))
    municipality_names = dict(zip(data.municipalities["code"], data.municipalities[f"name_{lang}"]))
    sidebar = st.sidebar
    sidebar.header(t("filters", lang))
    sidebar.multiselect(t("category", lang), list(SERVICE_CATEGORIES), format_func=lambda v: label("category", v, lang), placeholder=t("choose", lang), key="s_categories")
    sidebar.multiselect(t("region", lang), sorted(region_names, key=region_names.get), format_func=region_names.get, placeholder=t("choose", lang), key="s_regions")
    sidebar.multiselect(
        t("municipality", lang), sorted(municipality_names, key=municipality_names.get), format_func=municipality_names.get, placeholder=t("choose", lang), key="s_municipalities"
    )
    sidebar.text_input(t("search", lang), key="s_text")
    mode = sidebar.radio(
        t("near", lang),
        ["none", "municipality", "click"],
        format_func=lambda v: {"none": t("near_none", lang), "municipality": t("near_municipality", lang), "click": t("near_click", lang)}[v],
        key="s_near_mode",
    )
    near = None
    if mode == "municipality":
        code = sidebar.selectbox(
            t("municipality", lang), sorted(municipality_names, key=municipality_names.get), format_func=municipality_names.get, key="s_near_municipality"
        )
        point = data.municipalities.set_index("code").geometry.representative_point()[code]
        near = (point.y, point.x)
    elif mode == "click":
        near = st.session_state.get("s_point")
    st.session_state.setdefault("s_radius", 50)
    radius = sidebar.slider(t("radius_km", lang), 5, 300, step=5, key="s_radius")
    filters = ServiceFilters(
        categories=tuple(st.session_state.get("s_categories") or ()),
        regions=tuple(st.session_state.get("s_regions") or ()),
        municipalities=tuple(st.session_state.get("s_municipalities") or ()),
        text=(st.session_state.get("s_text") or "").strip(),
        near=near,
        radius_km=float(radius),
    )
    return filters, mode


def _query(filters: ServiceFilters, mode: str) -> dict[str, str]:
    query = {}
    if filters.categories:
        query["cat"] = ",".join(filters.categories)
    if filters.regions:
        query["sregions"] = ",".join(filters.regions)
    if filters.municipalities:
        query["smunicipalities"] = ",".join(filters.municipalities)
    if filters.text:
        query["sq"] = filters.text
    if mode != "none":
        query["near"] = mode
        query["radius"] = str(int(filters.radius_km))
        if mode == "municipality" and st.session_state.get("s_near_municipality"):
            query["near_m"] = st.session_state["s_near_municipality"]
        if mode == "click" and filters.near:
            query["point"] = f"{filters.near[0]:.4f},{filters.near[1]:.4f}"
    return query


def result_table(frame: pd.DataFrame, data, lang: str, with_distance: bool) -> pd.DataFrame:
    """The result list: nearest first when a point is chosen; reads well on a phone."""
    names = data.municipality_names
    table = pd.DataFrame(
        {
            t("name", lang): frame["name"],
            t("distance_km", lang): frame["distance_km"].round(1),
            t("category", lang): frame["category"].map(lambda v: label("category", v, lang)),
            t("municipality", lang): frame["municipality"].map(lambda c: names.get(c, "")),
            t("approximate_short", lang): frame["approximate"].map({True: "≈", False: ""}),
            t("website", lang): frame["website"].where(frame["website"].str.startswith(("http://", "https://")), ""),
            t("provider", lang): frame["provider"],
        }
    ).reset_index(drop=True)
    return table if with_distance else table.drop(columns=t("distance_km", lang))


def _details_of_clicked(found, clicked, data, lang: str) -> None:
    """With many points the popups are short; the full card of the clicked one shows here."""
    if not clicked:
        return
    distance = (found.geometry.y - float(clicked["lat"])) ** 2 + (found.geometry.x - float(clicked["lng"])) ** 2
    row = found.loc[distance.idxmin()]
    with st.container(border=True):
        st.subheader(str(row["name"]), anchor=False)
        st.text(" · ".join(p for p in (label("category", row["category"], lang), str(row["provider"] or ""), data.municipality_names.get(row["municipality"], "")) if p))
        if row["approximate"]:
            st.caption(t("approximate", lang))
        if row["summary"]:
            st.text(str(row["summary"]))
        if str(row["website"]).startswith(("http://", "https://")):
            st.link_button(t("website", lang), str(row["website"]))


def render() -> None:
    lang = language()
    data = app_data()
    filters, mode = _sidebar(data, lang)
    sync_query(_query(filters, mode), QUERY_KEYS)
    st.title(t("page_nature", lang))
    found = apply_service_filters(data.services, filters, data.region_of)
    st.metric(t("results", lang), len(found))
    if mode == "click" and filters.near is None:
        st.info(t("click_map_for_point", lang))
    fmap = maps.services_map(
        found,
        lang,
        basemap(),
        municipality_names=data.municipality_names,
        centre=filters.near,
        radius_km=filters.radius_km if filters.near else None,
        context=data.region_shapes,
    )
    compact = len(found) > maps.COMPACT_POPUPS_ABOVE
    wanted = (["last_clicked"] if mode == "click" else []) + (["last_object_clicked"] if compact else [])
    result = st_folium(fmap, key="nature_map", height=520, use_container_width=True, returned_objects=wanted)
    if compact:
        _details_of_clicked(found, (result or {}).get("last_object_clicked"), data, lang)
    clicked = (result or {}).get("last_clicked") if mode == "click" else None
    if clicked:
        point = (round(float(clicked["lat"]), 4), round(float(clicked["lng"]), 4))
        if st.session_state.get("s_point") != point:
            st.session_state["s_point"] = point
            st.rerun()
    if found.empty:
        st.warning(t("nothing_found", lang))
    if len(found) > RESULT_ROWS:
        st.caption(t("results_capped", lang).format(shown=maps.format_number(RESULT_ROWS, 0, lang), total=maps.format_number(len(found), 0, lang)))
    st.dataframe(
        result_table(found.head(RESULT_ROWS), data, lang, filters.near is not None),
        hide_index=True,
        width="stretch",
        column_config={t("website", lang): st.column_config.LinkColumn(t("website", lang), display_text="↗")},
        key="services_table",
    )
    attribution(lang)
