"""The funding page's codec: any query string gives a valid view; views survive a round trip."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.query.codecs import funding
from dashboard.query.filters import ProjectFilters

DOMAIN = funding.FundingDomain(
    regions=frozenset({"01", "13", "19"}),
    municipalities=frozenset({"005", "091", "742"}),
    leader_groups=frozenset({"Leader Viisari", "Kantri"}),
    funders=frozenset({"Lapin liitto", "Hämeen ELY-keskus"}),
    funds=frozenset({"ERDF", "ESF", "JTF"}),
    themes=frozenset({"tourism", "nature"}),
    periods=frozenset({"2014-2020", "2021-2027"}),
    statuses=frozenset({"ongoing", "ended"}),
    years=(2007, 2027),
    measures=("mix", "public", "granted", "paid"),
)


def test_the_crashing_link_years_2020_is_one_year():
    view, notices = funding.parse({"years": "2020"}, DOMAIN)
    assert view.filters.years == (2020, 2020) and notices == []


def test_garbage_is_ignored_with_notices():
    view, notices = funding.parse({"funds": "JTF,<script>", "level": "galaxy", "metric": "x", "years": "zz", "regions": "99"}, DOMAIN)
    assert view == funding.FundingView(ProjectFilters(funds=("JTF",)), "municipality", "eur")
    assert {(n.param, n.reason) for n in notices} == {
        ("funds", "unknown_value"),
        ("level", "unknown_choice"),
        ("metric", "unknown_choice"),
        ("years", "not_a_year_range"),
        ("regions", "unknown_value"),
    }


def test_defaults_are_left_out_of_the_link():
    assert funding.to_query(funding.FundingView()) == {}
    view = funding.FundingView(ProjectFilters(funds=("ERDF", "ESF"), years=(2014, 2020), text="kylä"), "region", "projects")
    assert funding.to_query(view) == {"funds": "ERDF,ESF", "years": "2014-2020", "q": "kylä", "level": "region", "metric": "projects"}


def test_describe_names_each_active_filter():
    view = funding.FundingView(ProjectFilters(funds=("ERDF",), years=(2014, 2020)))
    assert funding.describe(view, lambda kind, value: value.upper()) == ["FUNDS: ERDF", "YEARS: 2014–2020"]


def test_a_click_filters_to_the_area():
    view = funding.with_area(funding.FundingView(level="region"), "region", "19")
    assert view.filters.regions == ("19",)


text = st.text(alphabet=string.printable + "äöå€\u202e\u200b", max_size=40)
queries = st.dictionaries(st.sampled_from([*funding.PARAMS, "other"]), st.one_of(text, st.lists(text, max_size=3)), max_size=8)


@settings(max_examples=300, deadline=None)
@given(queries)
def test_any_query_string_gives_a_valid_view(query):
    view, notices = funding.parse(query, DOMAIN)
    for name in ("regions", "municipalities", "leader_groups", "funders", "funds", "themes", "periods", "statuses"):
        assert set(getattr(view.filters, name)) <= getattr(DOMAIN, name)
    if view.filters.years:
        first, last = view.filters.years
        assert DOMAIN.years[0] <= first <= last <= DOMAIN.years[1]
    assert view.level in DOMAIN.levels and view.metric in DOMAIN.metrics and view.measure in DOMAIN.measures
    assert len(view.filters.text) <= 200
    # a parsed view is stable: serialised and parsed again it is the same, with no notices
    again, again_notices = funding.parse(funding.to_query(view), DOMAIN)
    assert again == view and again_notices == []


codes = lambda pool: st.lists(st.sampled_from(sorted(pool)), unique=True, max_size=3).map(tuple)  # noqa: E731
views = st.builds(
    funding.FundingView,
    filters=st.builds(
        ProjectFilters,
        regions=codes(DOMAIN.regions),
        funds=codes(DOMAIN.funds),
        funders=codes(DOMAIN.funders),
        themes=codes(DOMAIN.themes),
        years=st.one_of(st.none(), st.tuples(st.integers(2007, 2016), st.integers(2017, 2026))),
        text=st.text(alphabet=string.ascii_letters + "äö ", max_size=20).map(lambda s: " ".join(s.split())),
    ),
    level=st.sampled_from(funding.LEVELS),
    metric=st.sampled_from(funding.METRICS),
    measure=st.sampled_from(DOMAIN.measures),
)


@settings(max_examples=300, deadline=None)
@given(views)
def test_round_trip(view):
    assert funding.parse(funding.to_query(view), DOMAIN) == (view, [])


# --- the money measure ---


def test_the_measure_is_a_choice_among_those_present():
    view, notices = funding.parse({"measure": "public"}, DOMAIN)
    assert view.measure == "public" and notices == []
    assert funding.to_query(view) == {"measure": "public"}
    assert funding.to_query(funding.FundingView()) == {}  # the mix is the default, left out


def test_a_measure_the_data_lacks_or_garbage_is_ignored_with_a_notice():
    for value in ("budget", "<b>x</b>", "PUBLIC"):
        view, notices = funding.parse({"measure": value}, DOMAIN)
        assert view.measure == "mix"
        assert [(n.param, n.reason) for n in notices] == [("measure", "unknown_choice")]


def test_the_domain_offers_the_measures_the_data_has(dataset):
    projects = dataset.projects.accepted
    domain = funding.FundingDomain.from_data(projects, [], [], [], [], [], [], [])
    assert domain.measures == ("mix", "budget", "public", "granted", "paid", "public_paid")
    only_public = projects.assign(budget_total_eur=float("nan"), eu_state_granted_eur=float("nan"), eu_state_paid_eur=float("nan"), public_paid_eur=float("nan"))
    assert funding.FundingDomain.from_data(only_public, [], [], [], [], [], [], []).measures == ("mix", "public")


def test_describe_names_a_chosen_measure():
    view = funding.FundingView(measure="public")
    assert funding.describe(view, lambda kind, value: f"{kind}:{value}") == ["field:measure: measure:public"]
