"""The nature page's codec: the crashing links and the radius limits."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.query.codecs import nature

DOMAIN = nature.NatureDomain(frozenset({"national_park", "trail"}), frozenset({"17", "19"}), frozenset({"305", "742"}))


def test_a_point_with_one_coordinate_is_ignored():
    view, notices = nature.parse({"near": "click", "point": "62.1"}, DOMAIN)
    assert view.near == "click" and view.point is None
    assert [(n.param, n.reason) for n in notices] == [("point", "not_a_point")]


def test_radius_out_of_range_is_clamped():
    assert nature.parse({"near": "municipality", "near_m": "305", "radius": "1000"}, DOMAIN)[0].radius_km == 300
    assert nature.parse({"near": "municipality", "near_m": "305", "radius": "-5"}, DOMAIN)[0].radius_km == 5


def test_near_a_municipality_round_trips():
    view = nature.NatureView(categories=("trail",), near="municipality", near_municipality="305", radius_km=40)
    assert nature.to_query(view) == {"cat": "trail", "near": "municipality", "near_m": "305", "radius": "40"}
    assert nature.parse(nature.to_query(view), DOMAIN) == (view, [])


text = st.text(alphabet=string.printable + "äö", max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*nature.PARAMS, "x"]), text, max_size=8))
def test_any_query_string_gives_a_stable_valid_view(query):
    view, _ = nature.parse(query, DOMAIN)
    assert set(view.categories) <= DOMAIN.categories and set(view.municipalities) <= DOMAIN.municipalities
    assert nature.RADIUS_KM[0] <= view.radius_km <= nature.RADIUS_KM[1]
    assert view.near in nature.NEAR_MODES
    if view.point:
        assert 59.4 <= view.point[0] <= 70.2
    assert nature.parse(nature.to_query(view), DOMAIN) == (view, [])
