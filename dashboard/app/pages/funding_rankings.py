"""Rankings below the funding map: areas by a metric, top implementers and top funders.

The questions a regional council asks ("which region gets most per resident?", "top 10
implementers in Pohjois-Karjala") should not need hovering 19 areas or a spreadsheet. Three
tabs below the map answer them for exactly what is filtered:

* **Areas** of the map's level, sorted by euros, euros per resident, project count or share of
  the euros on this map (the same figures as the map: ``ProjectIndex.area_totals``). Areas with
  no project stay in the list, so "which got nothing" can be read off. Selecting a row filters
  like clicking the map (``pending_area`` + a rerun of the whole page).
* **Implementers** and **funders** with clean, merged names (:mod:`dashboard.query.rankings`);
  with a region or municipality filter they are ranked by the money placed in that area.

Only :func:`ranking_parts` is public: the funding page shows them as the first of its tabs
below the map.
"""

from __future__ import annotations

import hashlib
from typing import Callable

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.app.appdata import mask_key, view_cache
from dashboard.query import areas, rankings
from dashboard.query.filters import ProjectFilters
from dashboard.ui import charts, formatting
from dashboard.ui.i18n import message, t

ORGANISATIONS_SHOWN = 20
"""Rows of the implementer and funder rankings (the downloads of the page hold every project)."""

RANK_WIDTH, NAME_WIDTH = 44, 150
"""Pixels: on a 390 px phone the rank, the name and the chosen figure fit side by side."""

FILTER_KEYS = {"region": "f_regions", "municipality": "f_municipalities"}
"""Map level → the funding page's filter widget that a selected row sets (large areas are no filter)."""


def area_table(data, mask: np.ndarray, level: str) -> pd.DataFrame:
    """Every area of ``level`` with projects, euros, residents and euros per resident (as the map)."""
    totals = data.index.area_totals(mask, level)
    if level == "region":
        return areas.area_frame(totals, data.regions, areas.region_population(data.population, data.municipality_region))
    if level == "large_area":
        return areas.area_frame(totals, data.large_area_shapes(), data.large_area_population)
    return areas.area_frame(totals, data.municipalities, areas.municipality_population(data.population))


def restrict(table: pd.DataFrame, data, level: str, filters: ProjectFilters | None) -> pd.DataFrame:
    """At the municipality level with a region or Leader-group filter, only that area's
    municipalities: "which municipalities of Lappi got no project?" reads off the list's end."""
    if level != "municipality" or filters is None or filters.municipalities:
        return table
    keep = pd.Series(True, index=table.index)
    if filters.regions:
        members = data.municipality_region.loc[data.municipality_region["region_code"].isin(filters.regions), "code"]
        keep &= table["code"].isin(members)
    if filters.leader_groups:
        members = data.leader_groups.loc[data.leader_groups["leader_group"].isin(filters.leader_groups), "municipality"]
        keep &= table["code"].isin(members)
    return table.loc[keep].reset_index(drop=True)


def table_key(level: str, metric: str, mask: np.ndarray) -> str:
    """The areas table's widget key: new for every filter, so a selection never outlives the
    table it was made in (the row would name another area after the filter applies)."""
    digest = hashlib.blake2b(np.packbits(mask).tobytes(), digest_size=6).hexdigest()
    return f"rank_areas_{level}_{metric}_{digest}"


def selected_code(selection: object, codes: list[str]) -> str | None:
    """The area code of the row chosen in ``st.dataframe``'s selection state, if any."""
    rows = ((selection or {}).get("selection") or {}).get("rows") if isinstance(selection, dict) else getattr(getattr(selection, "selection", None), "rows", None)
    if not rows:
        return None
    row = int(rows[0])
    return codes[row] if 0 <= row < len(codes) else None


def _areas_tab(data, mask: np.ndarray, level: str, metric: str, lang: str, filters: ProjectFilters | None) -> None:
    options = list(rankings.AREA_METRICS)
    if data.population is None:
        options.remove("eur_per_resident")
    default = metric if metric in options else "eur"
    # Keyed by the map's metric: switching the map's metric re-sorts the list by it.
    chosen = st.radio(
        t("ranking_sort", lang), options, index=options.index(default), format_func=lambda v: t(f"metric_{v}", lang), horizontal=True, key=f"rank_metric_{default}"
    )
    table = restrict(area_table(data, mask, level), data, level, filters)
    ranked = rankings.rank_areas(table, chosen)
    shown = charts.area_ranking_table(ranked, chosen, lang)
    header = {"eur": "metric_eur", "eur_per_resident": "metric_eur_per_resident", "projects": "kpi_projects", "share": "share"}
    first = [t("rank", lang), t("area", lang), t(header[chosen], lang), t("kpi_projects", lang)]
    order = list(dict.fromkeys([c for c in first if c in shown] + [c for c in shown.columns if c != "code"]))
    clickable = level in FILTER_KEYS
    key = table_key(level, chosen, mask)
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(36 * (len(shown) + 1) + 3, 420),
        column_order=order,
        column_config={t("rank", lang): st.column_config.TextColumn(t("rank", lang), width=RANK_WIDTH), t("area", lang): st.column_config.TextColumn(t("area", lang), width=NAME_WIDTH)},
        key=key,
        **({"on_select": "rerun", "selection_mode": "single-row"} if clickable else {}),
    )
    notes = [message("ranking_share_note", lang, total=formatting.format_eur(float(table["eur"].sum()), lang))]
    empty = int((table["projects"] == 0).sum())
    if empty:
        notes.append(message("ranking_zero_areas", lang, count=formatting.format_count(empty, lang)))
    if clickable:
        notes.append(t("ranking_click_hint", lang))
    st.caption(" ".join(notes))
    code = selected_code(event, ranked["code"].tolist()) if clickable else None
    if code:
        st.session_state["pending_area"] = (FILTER_KEYS[level], code)
        st.rerun()  # the whole page, as a map click: the filter applies everywhere


def _organisations_tab(data, mask: np.ndarray, filters: ProjectFilters | None, kind: str, lang: str) -> None:
    chosen_areas = (filters.regions, filters.municipalities) if filters else None

    def build() -> tuple[pd.DataFrame, bool]:
        money = rankings.area_money(data.allocation, *chosen_areas) if chosen_areas else None
        return rankings.top_organisations(data.projects.loc[mask], kind, ORGANISATIONS_SHOWN, money), money is not None

    # Built once per view (shared by sessions): the map fragment reruns this on every switch.
    ranking, by_area = view_cache(data.index, ("organisations", kind, mask_key(mask), chosen_areas), build)
    if ranking.empty:
        st.caption(t("chart_empty", lang))
        return
    shown = charts.organisation_table(ranking, lang, kind)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(36 * (len(shown) + 1) + 3, 420),
        column_config={t("rank", lang): st.column_config.TextColumn(t("rank", lang), width=RANK_WIDTH), t(kind, lang): st.column_config.TextColumn(t(kind, lang), width=NAME_WIDTH)},
        key=f"rank_{kind}s",
    )
    notes = [t("ranking_area_money_note" if by_area else "ranking_whole_money_note", lang)]
    unnamed = int(ranking.attrs.get("unnamed_projects", 0))
    if unnamed:
        notes.append(message("ranking_unnamed", lang, count=formatting.format_count(unnamed, lang)))
    st.caption(" ".join(notes))


def ranking_parts(data, mask: np.ndarray, level: str, metric: str, lang: str, filters: ProjectFilters | None = None) -> list[tuple[str, Callable[[], None]]]:
    """The three rankings as (tab label, draw) for the projects in ``mask`` at map ``level``:
    areas first, sorted by ``metric`` (the map's; the list offers the others). ``filters``: the
    page's filters, so organisations are ranked by the money in a chosen region or municipality.
    The funding page puts them first in its tabs below the map (``below_map.draw_open_tab``)."""
    return [
        (t("ranking_tab_areas", lang), lambda: _areas_tab(data, mask, level, metric, lang, filters)),
        (t("ranking_implementers", lang), lambda: _organisations_tab(data, mask, filters, "implementer", lang)),
        (t("ranking_funders", lang), lambda: _organisations_tab(data, mask, filters, "funder", lang)),
    ]
