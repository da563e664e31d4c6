"""Streamlit AppTest of each page: widgets, filters → key figures, URL state, uploads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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


def test_entry_point_runs_the_funding_page():
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "streamlit_app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Rahoitus"
    assert _metric(at, "Hankkeita") == "261"


def test_funding_page_widgets_and_key_figures(dataset):
    at = _run(_funding)
    assert not at.exception
    labels = {w.label for w in at.multiselect}
    assert {"Maakunta", "Kunta", "Leader-ryhmä", "Rahoittaja", "Rahasto", "Teema", "Rahoituskausi", "Tila"} <= labels
    assert at.slider[0].label == "Käynnissä vuosina"
    assert _metric(at, "Hankkeita") == "261"
    assert _metric(at, "Summa tuntematon") == "129"
    total = dataset.projects.accepted["budget_total_eur"].sum()
    assert _metric(at, "Budjetti yhteensä") == f"{total / 1e6:.2f} M€".replace(".", ",") == "29,65 M€"


def test_a_filter_changes_the_key_figures(dataset):
    at = _run(_funding)
    at.multiselect(key="f_funds").set_value(["JTF"]).run()
    jtf = dataset.projects.accepted.loc[dataset.projects.accepted["fund"] == "JTF"]
    assert _metric(at, "Hankkeita") == str(len(jtf)) == "4"
    public = jtf["public_funding_eur"].sum()
    assert _metric(at, "Julkinen rahoitus") == f"{public / 1e6:.2f} M€".replace(".", ",")
    assert at.query_params["funds"] in ("JTF", ["JTF"])


def test_text_search_and_region_filter(dataset):
    at = _run(_funding)
    at.text_input(key="f_text").set_value("Polar Magnets").run()
    assert _metric(at, "Hankkeita") == "1"
    at = _run(_funding)
    at.multiselect(key="f_regions").set_value(["13"]).run()  # Keski-Suomi
    assert int(_metric(at, "Hankkeita")) == 16


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
    assert _metric(at, "Projects") == "261"
    at = _run(_funding, state={"lang": "sv"})
    assert at.title[0].value == "Finansiering"


def test_nature_page_filters_and_near():
    at = _run(_nature)
    assert not at.exception
    assert _metric(at, "Tuloksia") == "210"
    at.multiselect(key="s_categories").set_value(["national_park"]).run()
    assert _metric(at, "Tuloksia") == "41"
    at = _run(_nature, query={"near": "municipality", "near_m": "305", "radius": "40"})  # Kuusamo
    found = at.dataframe[0].value
    assert int(_metric(at, "Tuloksia")) == len(found) > 0
    distances = found["Etäisyys (km)"].tolist()
    assert distances == sorted(distances) and max(distances) <= 40


def test_leader_page_white_spots_and_matrix():
    at = _run(_leader, query={"group": "Leader Viisari"})
    assert not at.exception
    assert at.title[0].value == "Leader-kattavuus: Leader Viisari"
    assert _metric(at, "Kunnat") == "9"
    at.selectbox(key="l_period").set_value("2007-2013").run()
    white = int(_metric(at, "Valkoisia alueita"))
    assert 0 <= white <= 9


def test_data_page_shows_the_validation_report():
    at = _run(_data_page)
    assert not at.exception
    report = next(df.value for df in at.dataframe if "Tiedosto" in df.value.columns)
    assert report.set_index("Tiedosto").loc["projects.csv", "Hyväksytty"] == 261
    assert report["Hylätty"].sum() == 0


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
    assert _metric(at, "Hankkeita") == "262"


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


def test_clear_filters_resets_every_filter_and_the_years(dataset):
    at = _run(_funding)
    at.multiselect(key="f_funds").set_value(["JTF"]).run()
    at.slider(key="f_years").set_value((2015, 2020)).run()
    assert _metric(at, "Hankkeita") != "261"
    at.button(key="clear_filters").click().run()
    assert not at.exception
    assert _metric(at, "Hankkeita") == "261"
    assert at.multiselect(key="f_funds").value == []
    assert tuple(at.slider(key="f_years").value) == (2008, 2027)
    assert "years" not in at.query_params and "funds" not in at.query_params
