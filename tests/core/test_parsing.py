import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.core import parsing


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.12.2022", dt.date(2022, 12, 1)),
        ("01.08.2021", dt.date(2021, 8, 1)),
        ("30.6.2024", dt.date(2024, 6, 30)),
        ("2024-06-30", dt.date(2024, 6, 30)),
        (" 27.02.2026 ", dt.date(2026, 2, 27)),
        ("", None),
        ("-", None),
    ],
)
def test_parse_date(text, expected):
    assert parsing.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.2.2024", "2024/06/30", "kesäkuu 2024", "2024-13-01"])
def test_parse_date_rejects_with_the_text(text):
    with pytest.raises(ValueError, match=text.split()[0][:4]):
        parsing.parse_date(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("116 475 €", 116475.0),
        ("116475", 116475.0),
        ("116 475,50", 116475.5),
        ("116\u00a0475,50 €", 116475.5),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("1.234.567", 1234567.0),
        ("2,2 M€", 2_200_000.0),
        ("300 114 EUR", 300114.0),
        ("-5", -5.0),
        ("", None),
    ],
)
def test_parse_amount(text, expected):
    result = parsing.parse_amount(text)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@pytest.mark.parametrize("text", ["paljon", "12 € 50", "1,2,3"])
def test_parse_amount_rejects(text):
    with pytest.raises(ValueError, match="not a number of euros"):
        parsing.parse_amount(text)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_parse_amount_finnish_format_roundtrip(euros, cents):
    grouped = f"{euros:,}".replace(",", " ")
    assert parsing.parse_amount(f"{grouped},{cents:02d} €") == pytest.approx(euros + cents / 100)


@pytest.mark.parametrize("text, expected", [("kyllä", True), ("ei", False), ("true", True), ("no", False), ("", None)])
def test_parse_bool(text, expected):
    assert parsing.parse_bool(text) is expected


@pytest.mark.parametrize(
    "stated, start, fund, expected",
    [
        ("2014–2022", None, "EAFRD", "2014-2020"),
        ("2023-2027", None, "EAFRD", "2021-2027"),
        ("Euroopan maaseuturahasto 2023–2027", None, "EAFRD", "2021-2027"),
        ("Manner-Suomen maaseudun kehittämisohjelma 2014–2020 (siirtymäkausi 2021–2022)", None, "EAFRD", "2014-2020"),
        ("2007-2013", None, "ERDF", "2007-2013"),
        ("2020", None, "EAFRD", "2014-2020"),
        ("", dt.date(2021, 1, 1), "EAFRD", "2014-2020"),
        ("", dt.date(2021, 1, 1), "ERDF", "2021-2027"),
        ("", dt.date(2009, 5, 1), "ESF", "2007-2013"),
        ("", None, "unknown", "unknown"),
    ],
)
def test_canonical_period(stated, start, fund, expected):
    assert parsing.canonical_period(stated, start, fund) == expected


def test_vectorised_parsers_report_each_bad_cell():
    dates, errors = parsing.parse_date_series(pd.Series(["1.12.2022", "2022-12-01", "huomenna", ""]), "start_date")
    assert dates.iloc[0] == pd.Timestamp("2022-12-01") == dates.iloc[1]
    assert errors.tolist()[2].startswith("start_date: date 'huomenna'")
    assert pd.isna(dates.iloc[3]) and errors.iloc[3] == ""
    amounts, errors = parsing.parse_amount_series(pd.Series(["116 475 €", "10", "x"]), "budget_total_eur")
    assert amounts.tolist()[:2] == [116475.0, 10.0]
    assert "budget_total_eur: amount 'x'" in errors.iloc[2]
