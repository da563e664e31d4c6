"""Streamlit AppTest of each page: widgets, filters → key figures, URL state, uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.ui.formatting import format_eur_compact
from streamlit.testing.v1 import AppTest

from dashboard.query.filters import ProjectFilters

pytestmark = pytest.mark.usefixtures("geodata_dir")


def _funding():
    from dashboard.app.pages import funding

    funding.render()


def _nature():
    from dashboard.app.pages import nature

    nature.render()


def _leader():
    from dashboard.app.pages import leader

    leader.render()


def _data_page():
    from dashboard.app.pages import data

    data.render()


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _run(function, query: dict | None = None, state: dict | None = None) -> AppTest:
    at = AppTest.from_function(function, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at.run()


def _shown(function, query: dict | None = None, state: dict | None = None) -> AppTest:
    """The page with what lies below its map: a session's first run draws the map alone and
    the part below follows the map's paint report (``pages/below_map.py``); in AppTest, where
    no map paints, the next run draws it."""
    return _run(function, query, state).run()


def test_entry_point_runs_the_funding_page():
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "streamlit_app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Rahoitus"
    assert _metric(at, "Hankkeita") == "23\xa0065"


def test_funding_page_widgets_and_key_figures(dataset):
    at = _run(_funding)
    assert not at.exception
    labels = {w.label for w in at.multiselect}
    assert {"Maakunta", "Kunta", "Leader-ryhmä", "Rahoittaja", "Rahasto", "Teema", "Rahoituskausi", "Tila"} <= labels
    assert at.slider[0].label == "Käynnissä vuosina"
    assert _metric(at, "Hankkeita") == "23\xa0065"
    assert _metric(at, "Summa tuntematon") == "116"
    total = dataset.projects.accepted["budget_total_eur"].sum()
    assert _metric(at, "Budjetti yhteensä") == format_eur_compact(total, "fi") == "29,7\u00a0milj.\u00a0€"


def test_a_filter_changes_the_key_figures(dataset):
    at = _run(_funding)
    at.multiselect(key="f_funds").set_value(["JTF"]).run()
    jtf = dataset.projects.accepted.loc[dataset.projects.accepted["fund"] == "JTF"]
    assert _metric(at, "Hankkeita") == str(len(jtf)) == "4"
    public = jtf["public_funding_eur"].sum()
    assert _metric(at, "Julkinen rahoitus") == format_eur_compact(public, "fi")
    assert at.query_params["funds"] in ("JTF", ["JTF"])


def test_text_search_and_region_filter(dataset):
    at = _run(_funding)
    at.text_input(key="f_text").set_value("Polar Magnets").run()
    assert _metric(at, "Hankkeita") == "1"
    at = _run(_funding)
    at.multiselect(key="f_regions").set_value(["13"]).run()  # Keski-Suomi
    assert _metric(at, "Hankkeita") == "137"  # municipal and region-level rows in Keski-Suomi


def test_url_parameters_restore_the_filters():
    at = _run(_funding, query={"funds": "JTF", "q": "", "level": "region", "metric": "projects"})
    assert at.multiselect(key="f_funds").value == ["JTF"]
    assert at.radio(key="level").value == "region"
    assert at.radio(key="metric").value == "projects"
    assert _metric(at, "Hankkeita") == "4"


def test_url_years_parameter_filters_active_projects(dataset):
    at = _run(_funding, query={"years": "2025-2026"})
    projects = dataset.projects.accepted
    active = projects["start_date"].notna() & projects["end_date"].notna() & (projects["start_date"] <= "2026-12-31") & (projects["end_date"] >= "2025-01-01")
    assert _metric(at, "Hankkeita") == str(int(active.sum()))


def test_language_switch_translates_labels():
    at = _run(_funding, state={"lang": "en"})
    assert at.title[0].value == "Funding"
    assert _metric(at, "Projects") == "23,065"
    at = _run(_funding, state={"lang": "sv"})
    assert at.title[0].value == "Finansiering"


def test_nature_page_filters_and_near():
    at = _run(_nature)
    assert not at.exception
    assert _metric(at, "Tuloksia") == "210"
    at.multiselect(key="s_categories").set_value(["national_park"]).run()
    assert _metric(at, "Tuloksia") == "41"
    at = _shown(_nature, query={"near": "municipality", "near_m": "305", "radius": "100"})  # Kuusamo
    found = at.dataframe[0].value
    assert int(_metric(at, "Tuloksia")) == len(found) > 0
    texts = found["Etäisyys"].tolist()
    exact = [float(x.split()[0].replace(",", ".")) for x in texts if x.endswith("km")]
    approximate = [x for x in texts if not x.endswith("km")]
    assert exact == sorted(exact) and max(exact) <= 100  # exact points first, nearest first
    assert found["Nimi"].tolist()[:2] == ["Oulangan kansallispuisto", "Riisitunturin kansallispuisto"]  # 42,8 km and 46,4 km
    assert texts[: len(exact)] == [x for x in texts if x.endswith("km")]
    assert "Kuusamo (ei tarkkaa sijaintia)" in approximate and "0 km" not in texts  # never "0 km" for a municipality centre


def test_nature_page_in_swedish_shows_swedish_names_and_summaries():
    at = _shown(_nature, state={"lang": "sv"}, query={"sq": "flygekorren"})
    assert not at.exception
    found = at.dataframe[0].value
    assert found["Namn"].tolist() == ["Noux nationalpark"]  # found by a word of its Swedish summary
    at = _shown(_nature, state={"lang": "sv"})
    names = at.dataframe[0].value["Namn"].tolist()
    assert "Sibbo storskogs nationalpark" in names and "Kevon luonnonpuisto" in names  # no Swedish name: the Finnish one
    assert "Nuuksio National Park" not in names


def test_leader_page_white_spots_and_matrix():
    at = _run(_leader, query={"group": "Leader Viisari"})
    assert not at.exception
    assert at.title[0].value == "Leader-kattavuus: Leader Viisari"
    assert _metric(at, "Kunnat") == "9"
    assert _metric(at, "Valkoisia alueita") == "0"  # every municipality of Viisari has a project located in it


def test_white_spots_are_municipalities_with_no_project_located_in_them():
    """Region-wide money does not make a municipality "have projects" (issue 12): SILMU has 8 white spots
    without any extra filter, among them Sipoo and Loviisa."""
    at = _run(_leader, query={"group": "SILMU"})
    assert not at.exception
    assert _metric(at, "Kunnat") == "9"
    assert _metric(at, "Valkoisia alueita") == "8"
    spots = next(df.value for df in at.dataframe if "Kunta" in df.value.columns)
    assert {"Sipoo", "Loviisa", "Askola"} <= set(spots["Kunta"]) and "Porvoo" not in set(spots["Kunta"])


def test_data_page_shows_the_validation_report():
    at = _run(_data_page)
    assert not at.exception
    report = next(df.value for df in at.dataframe if "Tiedosto" in df.value.columns)
    assert report.set_index("Tiedosto").loc["projects.csv", "Hyväksytty"] == 23065
    assert report["Hylätty"].sum() == 0
    # The table, the expander and `python -m dashboard validate` give the services the same
    # warnings: the points that lie in another municipality than they name (11 in the shipped data).
    assert report.set_index("Tiedosto").loc["services.csv", "Huomautuksia"] == 11
    assert any("services.csv" in e.label and "11" in e.label for e in at.expander)


def test_uploaded_rows_show_on_other_pages(resolver):
    from dashboard.io.uploads import validate_upload

    data = (
        "id,name,fund,municipalities,budget_total_eur,themes\n"
        "u1,Oma hanke,EAFRD,Karstula,1000,youth\n"
        "u2,Toinen hanke,XYZ,Karstula,10,youth\n"
        "u3,Kolmas,EAFRD,Atlantis,5,\n"
    ).encode()
    result = validate_upload("omat.csv", data, resolver, existing_ids={"xyz"})
    assert result.counts()["read"] == 3 and result.counts()["accepted"] == 1 and result.counts()["rejected"] == 2
    at = _run(_funding, state={"uploads": {"projects": result}})
    assert _metric(at, "Hankkeita") == "23\xa0066"


MALFORMED = [
    (_funding, {"years": "2020"}),
    (_funding, {"years": "abc", "funds": "XXX,JTF", "level": "galaxy", "metric": "<b>x</b>"}),
    (_funding, {"regions": "99," * 50, "q": "x" * 1000}),
    (_nature, {"near": "click", "point": "62.1"}),
    (_nature, {"near": "municipality", "near_m": "000", "radius": "1000"}),
    (_nature, {"near": "click", "point": "nan,nan", "radius": "-5"}),
    (_leader, {"group": "[x](https://example.org)", "lperiod": "1999", "lmetric": "?"}),
]


@pytest.mark.parametrize(("page", "query"), MALFORMED, ids=[f"{p.__name__}-{i}" for i, (p, _) in enumerate(MALFORMED)])
def test_malformed_links_show_the_page_with_a_notice(page, query):
    at = _run(page, query=query)
    assert not at.exception
    assert at.title, "the page rendered"
    assert any("Osa linkistä ohitettiin" in w.value for w in at.warning) or query == {"years": "2020"}


def test_a_single_year_link_filters_that_year(dataset):
    at = _run(_funding, query={"years": "2020"})
    assert not at.exception
    assert at.slider(key="f_years").value == (2020, 2020)
    projects = dataset.projects.accepted
    active = projects["start_date"].notna() & projects["end_date"].notna() & (projects["start_date"] <= "2020-12-31") & (projects["end_date"] >= "2020-01-01")
    assert _metric(at, "Hankkeita") == str(int(active.sum()))


def test_radius_from_a_link_is_clamped_and_said():
    at = _run(_nature, query={"near": "municipality", "near_m": "305", "radius": "1000"})
    assert at.slider(key="s_radius").value == 300
    assert "radius=1000" in at.warning[0].value.replace("\\", "")


@pytest.mark.parametrize("level", ["municipality", "region", "large_area"])
def test_the_on_map_figure_is_the_sum_over_the_maps_areas(level):
    """The key figure and the map agree at every level; the rest is said above the map."""
    from dashboard.app.appdata import build_app_data
    from dashboard.app.pages.funding import area_table, shares_text
    from dashboard.settings import data_dir
    from dashboard.ui import formatting

    at = _run(_funding, query={"level": level})
    assert not at.exception
    data = build_app_data(data_dir())
    everything = data.index.mask(ProjectFilters())
    table = area_table(data, everything, level)
    assert _metric(at, "Tällä kartalla") == formatting.format_eur_compact(float(table["eur"].sum()), "fi")
    shares = data.index.precision_shares(everything, level)
    assert shares.loc["on_map", "eur"] == pytest.approx(float(table["eur"].sum()), abs=0.05)
    assert any(c.value == shares_text(shares, "fi") for c in at.caption)
    assert shares_text(shares, "fi").startswith("Tällä kartalla ")


def test_an_area_filter_shows_the_areas_share_beside_the_full_totals():
    at = _run(_funding, query={"regions": "19"})  # Lappi
    notice = next(i.value for i in at.info if "koskee aluetta" in i.value)
    assert notice.startswith(_metric(at, "Hankkeita").replace("\xa0", "\xa0") + " hanketta koskee aluetta Lappi")
    assert notice.endswith("alueelle kohdistettu 148\xa0895\xa0190\xa0€")  # the map tooltip of Lappi, not the full totals


def _upload_twice():
    import streamlit as st

    from dashboard.app.pages import data as page
    from dashboard.app.pages.common import app_data

    payload = b"id,name,fund,municipalities,budget_total_eur\nu1,Oma hanke,EAFRD,Karstula,1000\nu2,Toinen,XYZ,Karstula,10\n"
    result = page.imported_upload("omat.csv", payload, "auto", app_data(), check_ids=True)
    page.imported_upload("omat.csv", payload, "auto", app_data(), check_ids=True)
    st.metric("accepted", len(result.accepted))
    st.metric("rejected", len(result.rejected))


def test_an_upload_is_imported_once_per_content_across_reruns(monkeypatch):
    """While a file sits in the uploader every rerun asks for its report: it is read once."""
    from dashboard.app.pages import data as page

    calls = []
    real = page.run_isolated

    def counting(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(page, "run_isolated", counting)
    at = AppTest.from_function(_upload_twice, default_timeout=60).run()
    at.run()
    at.run()
    assert not at.exception
    assert _metric(at, "accepted") == "1" and _metric(at, "rejected") == "1"
    assert calls == ["omat.csv"]


def test_clear_filters_resets_every_filter_and_the_years(dataset):
    at = _run(_funding)
    at.multiselect(key="f_funds").set_value(["JTF"]).run()
    at.slider(key="f_years").set_value((2015, 2020)).run()
    assert _metric(at, "Hankkeita") != "23\xa0065"
    at.button(key="clear_filters").click().run()
    assert not at.exception
    assert _metric(at, "Hankkeita") == "23\xa0065"
    assert at.multiselect(key="f_funds").value == []
    assert tuple(at.slider(key="f_years").value) == (2006, 2027)  # the years the data covers
    assert "years" not in at.query_params and "funds" not in at.query_params


def test_the_data_page_says_per_source_what_it_covers():
    """No one may read a sample as a total: full lists and the curated sample are named as such."""
    at = _run(_data_page)
    sources = next(df.value for df in at.dataframe if "Lisenssi" in df.value.columns)
    rows = dict(zip(sources["Lähde"], sources["Tietueita"]))
    full = next(k for k in rows if k.startswith("Rakennerahastot (EAKR/ESR) 2007–2013: koko hankeluettelo"))
    assert rows[full] == "19\xa0940"
    decided = next(k for k in rows if k.startswith("Rakennerahastot (EAKR/ESR) 2014–2020"))
    assert rows[decided] == "2\xa0877"
    sample = next(k for k in rows if "otos" in k and "ei kokonaismäärä" in k)
    assert rows[sample] == "261"
    assert not sources.isin(["None", "nan"]).any().any()
    at = _run(_funding)
    projects = next(m for m in at.metric if m.label == "Hankkeita")
    assert "koko hankeluettelo (EURA 2007 -vienti) (19\xa0940)" in projects.help and "ei kokonaismäärä (261)" in projects.help


# --- the money measure (issue 8 §3) ---


def _unescaped(markdown: str) -> str:
    """Markdown source as shown (``markdown_text`` escapes punctuation with backslashes)."""
    return markdown.replace("\\", "")


def test_measure_public_from_the_link_shows_the_public_funding_sum(dataset):
    from dashboard.ui.measures import measure_sum_text

    at = _run(_funding, query={"measure": "public"})
    assert not at.exception
    assert at.radio(key="measure").value == "public"
    public = dataset.projects.accepted["public_funding_eur"]
    expected = measure_sum_text(float(public.sum()), int(public.notna().sum()), "public", "fi")
    assert expected.replace("\xa0", " ") == "Julkinen rahoitus: 4,6 mrd. € · 22 919 hanketta"
    assert any(expected in _unescaped(m.value) for m in at.markdown)
    assert at.query_params["measure"] in ("public", ["public"])


def test_the_default_measure_is_the_mix_and_says_so(dataset):
    at = _run(_funding)
    assert at.radio(key="measure").value == "mix"
    assert set(at.radio(key="measure").options) >= {"Yhdistelmä (budjetti tai julkinen)", "Julkinen rahoitus", "Maksettu julkinen rahoitus"}
    money = dataset.projects.accepted["money_eur"]
    text = next(_unescaped(m.value) for m in at.markdown if m.value.startswith("**Yhdistelmä"))
    assert f"{int(money.notna().sum()):,}".replace(",", "\xa0") in text and "ei yksi rahamäärä" in text
    assert "measure" not in at.query_params


def test_a_measure_switch_changes_the_sums_and_the_link(dataset):
    at = _run(_funding)
    at.radio(key="measure").set_value("granted").run()
    assert not at.exception
    granted = dataset.projects.accepted["eu_state_granted_eur"]
    assert any(f"{int(granted.notna().sum()):,}".replace(",", "\xa0") in _unescaped(m.value) and "Myönnetty EU- ja valtion rahoitus" in _unescaped(m.value) for m in at.markdown)
    assert at.query_params["measure"] in ("granted", ["granted"])


def test_an_unknown_measure_is_ignored_with_a_notice():
    at = _run(_funding, query={"measure": "galaxy"})
    assert not at.exception
    assert at.radio(key="measure").value == "mix"
    assert any("Osa linkistä ohitettiin" in w.value for w in at.warning)


def test_the_first_run_draws_the_map_first_and_the_next_adds_charts_and_rankings():
    """A session's first run leaves the charts, the table and the rankings out (the browser
    draws the map first); the rerun asked for by the map's first paint adds them."""
    at = _run(_funding)
    assert not at.exception
    assert not at.tabs and not at.dataframe
    at.run()
    assert [tab.label for tab in at.tabs] == ["Alueet", "Suurimmat toteuttajat", "Suurimmat rahoittajat", "Kaaviot", "Hankkeet"]
    # Only the open tab is drawn: the areas ranking, not the charts or the project table.
    assert [(d.key or "").startswith("rank_areas_") for d in at.dataframe] == [True]
    assert not any(s.value.startswith("Hankkeet (") for s in at.subheader)
    assert [b.label for b in at.get("download_button")] == ["Lataa CSV", "Lataa Excel", "Lataa GeoJSON"]


def test_the_project_table_tab_lists_the_filtered_projects():
    at = _shown(_funding, query={"q": "Polar Magnets"}, state={"funding_tab_fi": "Hankkeet"})
    assert not at.exception
    assert any(s.value == "Hankkeet (1)" for s in at.subheader)
    [table] = [d.value for d in at.dataframe]  # the project table alone: no ranking drawn
    assert len(table) == 1 and "Polar Magnets" in table.iloc[0].to_string()
