from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.query.codecs import leader

DOMAIN = leader.LeaderDomain(("Kantri", "Leader Viisari"), ("2014-2020", "2021-2027"), ("tourism", "nature"))


def test_an_unknown_group_falls_back_to_the_first_with_a_notice():
    view, notices = leader.parse({"group": "[x](https://evil.example)"}, DOMAIN)
    assert view.group == "Kantri"
    assert notices[0].reason == "unknown_choice"


def test_known_values_round_trip():
    view = leader.LeaderView("Leader Viisari", "2014-2020", "nature", "eur")
    assert leader.to_query(view) == {"group": "Leader Viisari", "lperiod": "2014-2020", "ltheme": "nature", "lmetric": "eur"}
    assert leader.parse(leader.to_query(view), DOMAIN) == (view, [])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([*leader.PARAMS, "x"]), st.text(max_size=20), max_size=5))
def test_any_query_string_gives_a_stable_valid_view(query):
    view, _ = leader.parse(query, DOMAIN)
    assert view.group in DOMAIN.groups and view.metric in leader.METRICS
    assert leader.parse(leader.to_query(view), DOMAIN) == (view, [])
