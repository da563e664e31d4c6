"""Tables for people: names first, ids last, no "None", euros with thousand separators on screen, numbers in downloads."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.ui import tables

NB = "\u00a0"
MUNICIPALITIES = {"091": "Helsinki", "049": "Espoo", "305": "Kuusamo"}
REGIONS = {"01": "Uusimaa", "18": "Kainuu"}


def _projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["eura-a1", "leader-2"],
            "name": ["Kylätalo", "Polku"],
            "implementer": ["Kylä ry", None],
            "funder": [None, "Lapin liitto"],
            "fund": ["EAFRD", "ERDF"],
            "period_canonical": ["2014-2020", "unknown"],
            "start_date": pd.to_datetime(["2019-03-05", None]),
            "end_date": pd.to_datetime(["2021-12-31", None]),
            "money_eur": [99620.0, np.nan],
            "money_basis": ["budget_total", "unknown"],
            "municipalities": ["091;049", None],
            "regions": ["01", ""],
            "themes": ["youth;nature_tourism", None],
            "status": ["ended", "unknown"],
            "source_url": ["https://example.org/a", "javascript:alert(1)"],
        }
    )


def test_project_table_on_screen_reads_like_the_language():
    shown = tables.project_table(_projects(), MUNICIPALITIES, REGIONS, "fi", screen=True)
    assert shown.columns[0] == "Nimi" and shown.columns[-1] == "Tunnus"
    assert shown.columns[1] == "Euroa"
    first, second = shown.iloc[0], shown.iloc[1]
    assert first["Euroa"] == f"99{NB}620{NB}€"
    assert first["Kunta"] == "Helsinki, Espoo" and first["Maakunta"] == "Uusimaa"
    assert first["Teema"] == "Nuoret, Luontomatkailu"
    assert first["Alku"] == "5.3.2019" and first["Rahasto"] == "Maaseuturahasto (EAFRD)"
    assert second["Euroa"] == "" and second["Alku"] == "" and second["Toteuttaja"] == "" and second["Kunta"] == ""
    assert second["Lähde"] == ""  # only http(s) links
    assert not shown.isin(["None", "nan", "NaT", "<NA>"]).any().any()
    assert shown.map(lambda v: isinstance(v, str)).all().all()


@pytest.mark.parametrize("lang, headers", [("sv", ("Namn", "Euro", "Id")), ("en", ("Name", "Euros", "Id"))])
def test_project_table_headers_in_swedish_and_english(lang, headers):
    shown = tables.project_table(_projects(), MUNICIPALITIES, REGIONS, lang, screen=True)
    assert (shown.columns[0], shown.columns[1], shown.columns[-1]) == headers
    money = f"99{NB}620{NB}€" if lang == "sv" else "€99,620"
    assert shown.iloc[0, 1] == money


def test_project_download_keeps_numbers_and_dates():
    download = tables.project_table(_projects(), MUNICIPALITIES, REGIONS, "fi")
    assert download["Euroa"].iloc[0] == 99620.0 and pd.isna(download["Euroa"].iloc[1])
    assert download["Alku"].iloc[0] == dt.date(2019, 3, 5) and download["Alku"].iloc[1] is None
    assert download["Toteuttaja"].iloc[1] == ""


def test_service_table_has_no_none_and_names_first():
    found = pd.DataFrame(
        {
            "name": ["Oulanka", "Karhunkierros"],
            "distance_text": ["12,3 km", "Kuusamo (ei tarkkaa sijaintia)"],
            "category": ["national_park", "trail"],
            "municipality": ["305", None],
            "approximate": [np.bool_(False), np.bool_(True)],
            "website": [None, "https://example.org/"],
            "provider": [None, "Metsähallitus"],
        }
    )
    shown = tables.service_table(found, MUNICIPALITIES, "fi", with_distance=True)
    assert list(shown.columns[:3]) == ["Nimi", "Etäisyys", "Luokka"]
    assert shown.iloc[0].tolist() == ["Oulanka", "12,3 km", "Kansallispuisto", "Kuusamo", "", "", ""]
    assert shown.iloc[1]["Likim."] == "≈" and shown.iloc[1]["Kunta"] == ""
    assert "Etäisyys" not in tables.service_table(found, MUNICIPALITIES, "sv").columns
    assert tables.service_table(found, MUNICIPALITIES, "sv").columns[0] == "Namn"


def test_white_spot_table_says_partly_in_words():
    spots = pd.DataFrame({"name_fi": ["Kemijärvi", "Salla"], "name_sv": ["Kemijärvi", "Salla"], "partial": [True, False]})
    shown = tables.white_spot_table(spots, "sv")
    assert shown.to_dict("list") == {"Kommun": ["Kemijärvi", "Salla"], "Delvis": ["delvis", ""]}


def test_narrow_columns():
    assert tables.narrow_columns("projects", "fi") == ["Nimi", "Euroa"]


def test_the_project_table_shows_the_summary_in_the_readers_language():
    frame = pd.DataFrame(
        {
            "id": ["p1"], "name": ["Hanke"], "money_eur": [1000.0], "implementer": [""], "municipalities": [""], "regions": [""],
            "fund": ["EAFRD"], "period_canonical": ["2014-2020"], "start_date": [pd.NaT], "end_date": [pd.NaT], "funder": [""],
            "themes": [""], "status": ["ended"], "money_basis": ["budget"], "source_url": [""],
            "summary": ["Original text"], "summary_fi": ["Suomeksi"], "summary_sv": ["På svenska"], "summary_en": [""],
        }
    )
    assert tables.project_table(frame, {}, {}, "sv")["Beskrivning"].tolist() == ["På svenska"]
    assert tables.project_table(frame, {}, {}, "fi")["Kuvaus"].tolist() == ["Suomeksi"]
    assert tables.project_table(frame, {}, {}, "en")["Summary"].tolist() == ["Suomeksi"]  # en is empty: Finnish next
