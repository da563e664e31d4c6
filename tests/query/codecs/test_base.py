"""The tolerant parameter parsers: valid values pass, garbage is dropped with a notice."""

from dashboard.query.codecs.base import (
    Notice,
    clean_text,
    parse_codes,
    parse_number,
    parse_point,
    parse_text,
    parse_year_range,
    raw,
)


def test_raw_takes_the_last_of_repeated_values():
    assert raw({"a": ["1", "2"]}, "a") == "2"
    assert raw({"a": "x"}, "a") == "x"
    assert raw({}, "a") is None


def test_codes_keep_known_in_order_and_name_the_unknown():
    notices: list[Notice] = []
    assert parse_codes({"funds": "JTF,XXX,ERDF,JTF"}, "funds", {"JTF", "ERDF"}, notices) == ("JTF", "ERDF")
    assert notices == [Notice("funds", "XXX", "unknown_value")]


def test_a_single_year_is_a_one_year_range():
    notices: list[Notice] = []
    assert parse_year_range({"years": "2020"}, "years", (2007, 2027), notices) == (2020, 2020)
    assert notices == []


def test_years_are_clamped_to_the_data_and_the_full_range_is_no_filter():
    notices: list[Notice] = []
    assert parse_year_range({"years": "1990-2015"}, "years", (2007, 2027), notices) == (2007, 2015)
    assert notices[0].reason == "clamped"
    assert parse_year_range({"years": "2007-2027"}, "years", (2007, 2027), []) is None
    bad: list[Notice] = []
    for value in ("abc", "2020-2021-2022", "-", "20x0"):
        assert parse_year_range({"years": value}, "years", (2007, 2027), bad) is None
    assert [n.reason for n in bad] == ["not_a_year_range"] * 4


def test_radius_is_clamped_and_rounded_to_its_step():
    notices: list[Notice] = []
    assert parse_number({"r": "1000"}, "r", (5, 300), 50, notices, step=5) == 300
    assert parse_number({"r": "-5"}, "r", (5, 300), 50, notices, step=5) == 5
    assert parse_number({"r": "nan"}, "r", (5, 300), 50, notices, step=5) == 50
    assert parse_number({"r": "42"}, "r", (5, 300), 50, notices, step=5) == 40
    assert [n.reason for n in notices] == ["clamped", "clamped", "not_a_number", "clamped"]


def test_points_need_two_coordinates_inside_the_box():
    box = (59.4, 19.0, 70.2, 31.7)
    notices: list[Notice] = []
    assert parse_point({"p": "62.1"}, "p", box, notices) is None
    assert parse_point({"p": "10,10"}, "p", box, notices) is None
    assert parse_point({"p": "62.123456,25.5"}, "p", box, notices) == (62.1235, 25.5)
    assert [n.reason for n in notices] == ["not_a_point", "not_a_point"]


def test_text_loses_control_characters_and_is_cut():
    assert clean_text("a\u202eb\u200bc\n d") == "abc d"
    notices: list[Notice] = []
    assert len(parse_text({"q": "x" * 500}, "q", notices)) == 200
    assert notices[0].reason == "too_long"
