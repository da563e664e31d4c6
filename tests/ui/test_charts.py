"""Charts: escaped data text, hovers formatted for people, no empty charts, clean funder names."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from dashboard.query import rankings
from oracles import aggregate
from dashboard.ui import charts


# The pages feed the *_figure builders from the engine; the tests feed them from the
# pandas oracle (the engine equals the oracle, tests/query/test_engine.py).
def period_fund(projects, value, lang):
    return charts.period_fund_figure(aggregate.period_fund_matrix(projects), value, lang)


def by_theme(projects, lang):
    return charts.by_theme_figure(aggregate.by_column(projects, "themes", multi_valued=True), lang)


def active_years(projects, lang):
    return charts.active_years_figure(aggregate.active_per_year(projects), lang)

NB = "\u00a0"
HOSTILE = '<a href="https://evil.example">Klikkaa</a><span style="font-size:90px">X</span><img src=x onerror=alert(1)>'


def _projects(**overrides) -> pd.DataFrame:
    base = {
        "id": ["a", "b", "c", "d"],
        "name": ["A", "B", "C", "D"],
        "funder": [HOSTILE, "Lapin liitto", "Lapin liitto; Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus", "Keski-Suomen ELY-keskus"],
        "implementer": ["Kemin kaupunki", HOSTILE, "Kemin kaupunki", ""],
        "fund": ["ERDF", "ERDF", "EAFRD", "JTF"],
        "period_canonical": ["2014-2020", "2021-2027", "2021-2027", "2021-2027"],
        "themes": ["youth", "youth;nature_tourism", "", "skills_employment"],
        "money_eur": [1234567.5, 3000781.0, None, 5000.0],
        "start_date": pd.to_datetime(["2019-01-01", "2022-03-01", None, "2023-01-01"]),
        "end_date": pd.to_datetime(["2021-12-31", "2024-02-28", None, "2023-12-31"]),
    }
    base.update(overrides)
    return pd.DataFrame(base)


def _strings(fig) -> list[str]:
    """Every string in the figure's JSON (labels, ticks, hovers, customdata, titles)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(fig.to_json()))
    return found


# Plotly makes a tag only of "<…>": data text must reach it with no "<" at all (ours: <b>, <br>, <extra>).
OURS = re.compile(r"</?(b|br|extra)>")
LIVE = re.compile(r"<")


@pytest.mark.parametrize("builder", [charts.top_funders, charts.top_implementers])
def test_no_live_markup_from_names(builder):
    fig = builder(_projects(), "fi")
    strings = _strings(fig)
    assert not [s for s in strings if LIVE.search(OURS.sub("", s))]
    assert any("&lt;a href=" in s for s in strings)  # shown as text


def test_funders_are_clean_and_merged():
    fig = charts.top_funders(_projects(), "fi")
    names = list(fig.data[0].customdata[:, 0])
    assert "Keski-Suomen ELY-keskus" in names and not any("elinkeino" in n for n in names)
    assert len(names) == 3 and not any(";" in html.unescape(n) for n in names)
    by_name = {row[0]: row for row in fig.data[0].customdata}
    assert by_name["Lapin liitto"][2] == "2"  # its own project + the shared one
    assert by_name["Keski-Suomen ELY-keskus"][2] == "2"


def test_hovers_show_formatted_strings_not_raw_values():
    fig = charts.top_funders(_projects(), "fi")
    trace = fig.data[0]
    assert "%{customdata[1]}" in trace.hovertemplate and "%{x}" not in trace.hovertemplate
    assert "Euroa: %{customdata[1]}" in trace.hovertemplate
    by_name = {row[0]: row for row in trace.customdata}
    assert by_name["Lapin liitto"][1] == f"3{NB}000{NB}781{NB}€"
    assert by_name["Lapin liitto"][3] == "1"  # one of its projects has an unknown amount
    assert fig.layout.separators == f",{NB}"
    period = period_fund(_projects(), "eur", "sv")
    assert "Euro: %{customdata[2]}" in period.data[0].hovertemplate
    english = period_fund(_projects(), "eur", "en")
    values = {v for trace in english.data for v in trace.customdata[:, 2]}
    assert "€1,234,568" in values and english.layout.separators == ".,"


def test_no_year_chart_without_dates():
    undated = _projects(start_date=pd.to_datetime([None] * 4), end_date=pd.to_datetime([None] * 4))
    assert active_years(undated, "fi") is None
    assert charts.empty_text("active_years", "fi").startswith("Vuosikaaviota ei voi piirtää")
    assert charts.empty_text("active_years", "sv").startswith("Inget årsdiagram")
    assert charts.empty_text("period_fund", "fi") == "Ei kuvattavaa näillä rajauksilla."
    for builder in (charts.top_funders, charts.top_implementers, by_theme, active_years):
        assert builder(_projects().iloc[0:0], "fi") is None
    assert period_fund(_projects().iloc[0:0], "eur", "fi") is None
    assert period_fund(_projects(money_eur=[None] * 4), "eur", "fi") is None  # no bars of zeros


def test_year_chart_covers_the_dated_years_only():
    fig = active_years(_projects(), "fi")
    assert list(fig.data[0].x) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert list(fig.data[0].y) == [1, 1, 1, 1, 2, 1]
    assert tuple(fig.layout.xaxis.range) == (2018.5, 2024.5)


def test_theme_chart_falls_back_to_counts():
    fig = by_theme(_projects(money_eur=[None] * 4), "fi")
    assert fig.layout.title.text.startswith("Hankkeita teemoittain")
    assert sorted(fig.data[0].x) == [1, 1, 2]


def test_area_ranking_of_shipped_regions(dataset, regions, municipality_region):
    from dashboard.geo import layers
    from dashboard.geo.placement import allocate_projects

    allocation = allocate_projects(dataset.projects.accepted, municipality_region)
    table = aggregate.by_region(allocation, regions, municipality_region, layers.load_population())
    ranked = rankings.rank_areas(table, "eur_per_resident")
    fig = charts.area_ranking(ranked, "eur_per_resident", "sv", limit=5)
    names = list(fig.data[0].customdata[:, 0])
    assert names[-1] == "Kajanaland"  # Kainuu on top (Plotly draws the last category on top)
    assert fig.data[0].customdata[-1, 1] == f"936,47{NB}€"
    shown = charts.area_ranking_table(ranked, "eur_per_resident", "fi")
    assert list(shown.columns[:2]) == ["Sija", "Alue"] and shown.columns[-1] == "code"
    assert shown.iloc[0].tolist()[:2] == ["1", "Kainuu"]
    assert shown.loc[shown["Alue"] == "Lappi", "Euroa"].item() == f"148{NB}895{NB}190{NB}€"
    assert not shown.isin(["None", "nan"]).any().any()


def test_organisation_table():
    shown = charts.organisation_table(rankings.top_funders(_projects()), "fi", "funder")
    assert list(shown.columns[:2]) == ["Sija", "Rahoittaja"]
    assert shown["Euroa"].iloc[0] == f"3{NB}000{NB}781{NB}€"


def test_count_axes_have_whole_number_ticks():
    """A count axis never shows "0 0 0 1 1 1" (integer format on Plotly's fractional steps)."""
    projects = _projects()
    figures = {
        "period": (period_fund(projects, "projects", "fi"), "yaxis"),
        "years": (active_years(projects, "fi"), "yaxis"),
        "theme": (by_theme(_projects(money_eur=[None] * 4), "fi"), "xaxis"),
    }
    for name, (fig, axis) in figures.items():
        layout = getattr(fig.layout, axis)
        assert layout.tickformat == ",d", name
        assert layout.dtick >= 1 and float(layout.dtick).is_integer(), name
        assert layout.tick0 == 0, name
    money = period_fund(projects, "eur", "fi")
    assert money.layout.yaxis.dtick is None and money.layout.yaxis.tickformat is None


def test_money_axes_are_written_compact_in_the_language():
    fig = period_fund(_projects(), "eur", "fi")  # the largest period: 3 000 781 € + 5 000 €
    axis = fig.layout.yaxis
    assert list(axis.tickvals) == [0, 1_000_000, 2_000_000, 3_000_000]
    assert list(axis.ticktext) == [f"0{NB}€", f"1{NB}milj.{NB}€", f"2{NB}milj.{NB}€", f"3{NB}milj.{NB}€"]
    english = period_fund(_projects(), "eur", "en").layout.yaxis
    assert english.ticktext[1] == "€1m"
    assert charts.money_step(2.85) == 1.0 and charts.money_step(936) == 200.0


@pytest.mark.parametrize("largest, step", [(0, 1), (1, 1), (3, 1), (6, 1), (7, 2), (12, 2), (13, 5), (30, 5), (31, 10), (4264, 1000), (23065, 5000)])
def test_count_step(largest, step):
    assert charts.count_step(largest) == step
