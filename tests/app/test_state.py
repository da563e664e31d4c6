"""The data version a page's map marks: a stable hash of the view, different for every state."""

from dashboard.app.state import view_version
from dashboard.query.codecs import funding as funding_codec
from dashboard.query.filters import ProjectFilters


def test_the_version_depends_only_on_the_view_not_on_key_order():
    assert view_version({"regions": "19", "funds": "EAFRD"}, "municipality") == view_version({"funds": "EAFRD", "regions": "19"}, "municipality")
    assert len(view_version({}, "municipality")) == 12


def test_every_change_of_the_view_changes_the_version():
    views = [
        funding_codec.FundingView(),
        funding_codec.FundingView(ProjectFilters(regions=("19",))),
        funding_codec.FundingView(ProjectFilters(regions=("19",), funds=("EAFRD",))),
        funding_codec.FundingView(ProjectFilters(years=(2015, 2020))),
        funding_codec.FundingView(ProjectFilters(text="kylä")),
        funding_codec.FundingView(level="region"),
        funding_codec.FundingView(metric="projects"),
    ]
    versions = {view_version(funding_codec.to_query(v), v.level, v.metric, "fi") for v in views}
    assert len(versions) == len(views)
    assert view_version({}, "municipality", "eur", "fi") != view_version({}, "municipality", "eur", "sv")
