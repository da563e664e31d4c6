"""The money measure's words: which money, how many projects, the mix named as a mix."""

import pandas as pd

from dashboard.query.engine import MEASURES
from dashboard.ui import charts
from dashboard.ui.i18n import LANGUAGES
from dashboard.ui.measures import measure_name, measure_note, measure_sum_text, name_measure


def test_every_measure_has_a_name_in_every_language():
    for measure in MEASURES:
        for lang in LANGUAGES:
            assert measure_name(measure, lang) != f"measure_{measure}"


def test_a_sum_names_its_measure_and_coverage():
    assert measure_sum_text(4_614_400_000.0, 22919, "public", "fi").replace("\xa0", " ") == "Julkinen rahoitus: 4,6 mrd. € · 22 919 hanketta"
    assert measure_sum_text(0.0, 0, "budget", "en") == "Total budget: – · 0 projects"


def test_the_mix_is_labelled_as_a_mix():
    assert "Mix" in measure_name("mix", "en")
    assert measure_note("mix", "en").startswith("Mix:")
    assert measure_note("public", "en") == ""


def test_a_chart_title_names_the_measure():
    matrix = pd.DataFrame({"period_canonical": ["2014-2020"], "fund": ["ERDF"], "projects": [3], "eur": [1000.0]})
    figure = name_measure(charts.period_fund_figure(matrix, "eur", "en"), "granted", "en")
    assert figure.layout.title.text.endswith("— EU + state funding granted")
    assert name_measure(None, "public", "en") is None


def test_a_count_chart_is_not_named_as_money():
    matrix = pd.DataFrame({"period_canonical": ["2014-2020"], "fund": ["ERDF"], "projects": [3], "eur": [1000.0]})
    figure = charts.period_fund_figure(matrix, "projects", "en")
    title = figure.layout.title.text
    assert name_measure(figure, "public", "en").layout.title.text == title
