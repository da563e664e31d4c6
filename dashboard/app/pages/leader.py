"""Page 3 — Leader-kattavuus / Leader coverage: a group's area, its projects and white spots."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard.query import leader_coverage
from dashboard.query.filters import ProjectFilters
from dashboard.ui import maps, tables
from dashboard.ui.i18n import label, t

from dashboard.app.pages.common import app_data, attribution, basemap, first_run, language, markdown_text, query_dict, seed, show_notices, sync_query
from dashboard.query.codecs import leader as leader_codec


def render() -> None:
    lang = language()
    data = app_data()
    domain = data.leader_domain
    groups = list(domain.groups)
    if first_run("leader"):
        view, notices = leader_codec.parse(query_dict(), domain)
        seed({"l_group": view.group, "l_period": view.period, "l_theme": view.theme, "l_metric": view.metric})
        show_notices(notices, lang)
    sidebar = st.sidebar
    sidebar.header(t("filters", lang))
    group = sidebar.selectbox(t("choose_group", lang), groups, key="l_group")
    period = sidebar.selectbox(
        t("period", lang), ["", *domain.periods], format_func=lambda v: label("period", v, lang) if v else t("all", lang), key="l_period"
    )
    theme = sidebar.selectbox(t("theme", lang), ["", *domain.themes], format_func=lambda v: label("theme", v, lang) if v else t("all", lang), key="l_theme")
    metric = sidebar.radio(t("metric", lang), list(leader_codec.METRICS), format_func=lambda v: t(f"metric_{v}", lang), key="l_metric")
    sync_query(leader_codec.to_query(leader_codec.LeaderView(group, period, theme, metric)), leader_codec.PARAMS)
    periods = (period,) if period else ()
    themes = (theme,) if theme else ()

    st.title(f"{t('page_leader', lang)}: {markdown_text(group)}", anchor=False)  # no "#…" link made from the group name
    mask = data.index.mask(ProjectFilters(periods=periods, themes=themes))
    full = leader_coverage.municipality_table(data.index, mask, data.municipalities, data.population)
    coverage = leader_coverage.restrict_to_group(full, data.leader_groups, group)
    codes = set(coverage["code"])
    comparison = leader_coverage.compare_with_median(data.index, mask, data.leader_groups, data.population, group)
    columns = st.columns(3)
    columns[0].metric(t("level_municipality", lang), len(coverage))
    columns[1].metric(t("kpi_projects", lang), int(comparison.loc["projects", "group"]))
    columns[2].metric(t("white_spots_count", lang), int((coverage["projects"] == 0).sum()))

    fmap = maps.area_map(data.municipality_shapes, full, metric, lang, basemap(), focus=codes)
    st_folium(fmap, key="leader_map", height=520, use_container_width=True, returned_objects=[])

    st.subheader(t("white_spots", lang))
    spots = leader_coverage.white_spots(coverage)
    if spots.empty:
        st.success(t("no_white_spots", lang))
    else:
        st.dataframe(
            tables.white_spot_table(spots, lang),
            hide_index=True,
            width="stretch",
            key="white_spots",
        )

    st.subheader(t("theme_matrix", lang))
    matrix = leader_coverage.theme_matrix(data.index, mask, codes)
    if matrix.empty:
        st.info(t("nothing_found", lang))
    else:
        names = data.municipality_names
        matrix = matrix.rename(index=lambda v: label("theme", v, lang), columns=lambda c: names.get(c, c))
        matrix.index.name = t("theme", lang)
        matrix.columns.name = None
        st.dataframe(matrix, width="stretch", key="theme_matrix")

    st.subheader(t("group_vs_median", lang))
    st.caption(f"{t('this_group', lang)} / {t('median_group', lang)} ({len(groups)})")
    columns = st.columns(len(comparison))
    for column, (name, row) in zip(columns, comparison.iterrows()):
        value, median = float(row["group"]), float(row["median"])
        if name == "eur":
            shown, delta = maps.format_eur(value, lang), maps.format_eur(value - median, lang)
        elif name == "eur_per_resident":
            shown, delta = maps.format_number(value, 2, lang), maps.format_number(value - median, 2, lang)
        else:
            shown, delta = maps.format_number(value, 0, lang), maps.format_number(value - median, 1, lang)
        column.metric(
            {"projects": t("kpi_projects", lang), "eur": t("metric_eur", lang), "eur_per_resident": t("metric_eur_per_resident", lang)}[name],
            shown,
            delta=f"{delta} vs. {t('median_group', lang).lower()}",
        )
    attribution(lang)
