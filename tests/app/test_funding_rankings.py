"""The rankings beside the funding map (AppTest): real figures, and a selected row filters."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.app.pages import funding_rankings
from dashboard.query import rankings
from dashboard.query.filters import ProjectFilters

pytestmark = pytest.mark.usefixtures("geodata_dir")

NB = "\u00a0"


def _funding():
    from dashboard.app.pages import funding

    funding.render()


@pytest.fixture(scope="module")
def app_data():
    from dashboard.app.appdata import build_app_data
    from dashboard.core.records import default_data_dir

    return build_app_data(default_data_dir())


def _run(query: dict, tab: str | None = None) -> AppTest:
    """The page opened from a link (the widgets are seeded from the URL on the first run),
    with the rankings' ``tab`` open (only the open tab is drawn)."""
    at = AppTest.from_function(_funding, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    if tab:
        from dashboard.app.pages import funding

        at.session_state[funding.tab_key("fi")] = tab
    # A session's first run draws the map alone; the rankings, charts and table come with the
    # rerun that the map's first paint asks for (funding._defer_below_map): run twice.
    return at.run().run()


def _areas_table(at: AppTest):
    return next(d for d in at.dataframe if (d.key or "").startswith("rank_areas_"))


def _ranking(at: AppTest, column: str):
    """An organisation ranking (read-only tables carry no key): the one with a rank and ``column``."""
    return next(d.value for d in at.dataframe if {"Sija", column} <= set(d.value.columns))


ERDF_2014 = {"funds": "ERDF", "periods": "2014-2020", "level": "region", "metric": "eur_per_resident"}


def test_top_region_per_resident_for_erdf_2014_2020_is_the_engines(app_data):
    mask = app_data.index.mask(ProjectFilters(funds=("ERDF",), periods=("2014-2020",)))
    totals = app_data.index.area_totals(mask, "region")
    per_resident = (totals["eur"] / funding_rankings.area_table(app_data, mask, "region").set_index("code")["population"].astype(float)).sort_values(ascending=False)
    assert per_resident.index[0] == "10"  # Etelä-Savo
    at = _run(ERDF_2014)
    assert not at.exception
    shown = _areas_table(at).value
    first = shown.iloc[0]
    assert first["Sija"] == "1" and first["Alue"] == "Etelä-Savo"
    assert first["Euroa / asukas"] == f"{per_resident.iloc[0]:.2f}".replace(".", ",") + f"{NB}€" == f"180,38{NB}€"
    keski_suomi = shown.loc[shown["Alue"] == "Keski-Suomi"].iloc[0]
    assert keski_suomi["Sija"] == "13" and keski_suomi["Euroa / asukas"] == f"3,64{NB}€"
    assert len(shown) == 19 and "code" not in _areas_table(at).proto.column_order


def test_selecting_a_row_filters_like_a_map_click():
    at = _run(ERDF_2014)
    table = _areas_table(at)
    at.session_state[table.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.session_state["f_regions"] == ["10"]
    assert at.multiselect(key="f_regions").value == ["10"]
    # the new table (another key: a new filter) has no selection, so the filter is not re-applied
    assert _areas_table(at).key != table.key


def test_implementers_in_pohjois_karjala_by_the_money_placed_there():
    at = _run({"regions": "12", "level": "region"}, tab="Suurimmat toteuttajat")
    assert not at.exception
    assert not any((d.key or "").startswith("rank_areas_") for d in at.dataframe)  # the closed tab is not drawn
    implementers = _ranking(at, "Toteuttaja")
    assert implementers["Toteuttaja"].head(3).tolist() == ["Joensuun Tiedepuisto Oy", "Joensuun kaupunki", "Pohjois-Karjalan maakuntaliitto"]
    assert implementers["Euroa"].iloc[0] == f"9{NB}898{NB}595{NB}€"
    at = _run({"regions": "12", "level": "region"}, tab="Suurimmat rahoittajat")
    funders = _ranking(at, "Rahoittaja")
    assert not funders["Rahoittaja"].str.contains(";").any()
    assert funders["Rahoittaja"].map(rankings.name_key).is_unique


def test_lappi_municipalities_listed_alone_at_the_municipality_level(app_data):
    at = _run({"regions": "19", "level": "municipality", "metric": "projects"})
    assert not at.exception
    shown = _areas_table(at).value
    lappi = app_data.municipality_region.loc[app_data.municipality_region["region_code"] == "19", "code"]
    assert len(shown) == len(lappi) == 21
    assert shown.iloc[0]["Alue"] == "Kemijärvi" and shown.iloc[0]["Hankkeita"] == "20"


def test_selected_code_reads_both_shapes_of_the_selection():
    codes = ["10", "16"]
    assert funding_rankings.selected_code({"selection": {"rows": [1]}}, codes) == "16"
    assert funding_rankings.selected_code({"selection": {"rows": []}}, codes) is None
    assert funding_rankings.selected_code(None, codes) is None
    assert funding_rankings.selected_code({"selection": {"rows": [5]}}, codes) is None


def test_table_key_changes_with_the_filter():
    a = np.array([True, False, True])
    assert funding_rankings.table_key("region", "eur", a) == funding_rankings.table_key("region", "eur", a.copy())
    assert funding_rankings.table_key("region", "eur", a) != funding_rankings.table_key("region", "eur", ~a)
