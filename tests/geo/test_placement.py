import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.geo.placement import UNKNOWN_AREA, allocate_projects, locate_services

MAPPING = pd.DataFrame(
    {"code": ["005", "009", "010", "016", "018", "019"], "region_code": ["14", "17", "14", "07", "01", "02"]}
)


def _projects(rows):
    frame = pd.DataFrame(rows, columns=["id", "municipalities", "regions", "money_eur"])
    frame["money_eur"] = frame["money_eur"].astype(float)
    return frame


amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**11).map(lambda c: c / 100))
areas = st.one_of(
    st.lists(st.sampled_from(MAPPING["code"].tolist()), min_size=1, max_size=6, unique=True).map(lambda l: (";".join(l), "")),
    st.lists(st.sampled_from(["14", "17", "07", "01", "02"]), min_size=1, max_size=3, unique=True).map(lambda l: ("", ";".join(l))),
    st.just(("", "")),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(amounts, areas), min_size=1, max_size=30))
def test_allocation_adds_up_to_the_cent(items):
    projects = _projects([(f"p{i}", area[0], area[1], amount) for i, (amount, area) in enumerate(items)])
    allocation = allocate_projects(projects, MAPPING)
    # Nothing lost: every project has at least one row (the unknown-area bucket counts too).
    assert set(allocation["project_id"]) == set(projects["id"])
    for project in projects.itertuples():
        rows = allocation.loc[allocation["project_id"] == project.id]
        if np.isnan(project.money_eur):
            assert rows["share_cents"].isna().all()
        else:
            assert int(rows["share_cents"].sum()) == round(project.money_eur * 100)
            # Even split: shares differ by at most one cent.
            assert rows["share_cents"].max() - rows["share_cents"].min() <= 1
        if not project.municipalities and not project.regions:
            assert rows["municipality"].tolist() == [UNKNOWN_AREA] and rows["area_level"].tolist() == ["unknown"]
        elif not project.municipalities:
            assert (rows["municipality"] == UNKNOWN_AREA).all() and (rows["area_level"] == "region").all()
    known = projects["money_eur"].dropna()
    assert int(allocation["share_cents"].sum()) == int((known * 100).round().sum())


def test_a_project_known_only_by_region_is_not_spread_over_municipalities():
    allocation = allocate_projects(_projects([("p", "", "14;17", 100.0)]), MAPPING)
    assert allocation["area_level"].tolist() == ["region", "region"]
    assert allocation["area_code"].tolist() == ["14", "17"]
    assert allocation["municipality"].tolist() == ["", ""]
    assert allocation["region"].tolist() == ["14", "17"]
    assert allocation["share_cents"].tolist() == [5000, 5000]


def test_a_project_covering_whole_regions_by_its_own_words_covers_their_municipalities():
    projects = _projects([("p", "", "14", 100.0)]).assign(location_precision="municipality")
    allocation = allocate_projects(projects, MAPPING)
    assert allocation["municipality"].tolist() == ["005", "010"]
    assert allocation["share_cents"].tolist() == [5000, 5000]
    assert set(allocation["area_basis"]) == {"region_coverage"} and set(allocation["area_level"]) == {"municipality"}


def test_large_area_and_national_projects_stay_at_their_level():
    projects = _projects([("a", "", "", 10.0), ("b", "", "", 20.0), ("c", "005", "", 30.0)])
    projects["location_precision"] = ["large_area", "national", "municipality"]
    projects["large_area"] = ["ita-suomi", "", ""]
    projects["period_canonical"] = ["2007-2013", "2007-2013", "2007-2013"]
    allocation = allocate_projects(projects, MAPPING).set_index("project_id")
    assert allocation.loc["a", ["area_level", "area_code", "municipality", "region", "large_area"]].tolist() == ["large_area", "ita-suomi", "", "", "ita-suomi"]
    assert allocation.loc["b", ["area_level", "area_code", "large_area"]].tolist() == ["national", "", ""]
    # Etelä-Pohjanmaa (14) belonged to Länsi-Suomi.
    assert allocation.loc["c", ["area_level", "municipality", "region", "large_area"]].tolist() == ["municipality", "005", "14", "lansi-suomi"]


def test_kainuu_changes_large_area_between_periods():
    projects = _projects([("old", "", "18", 1.0), ("new", "", "18", 1.0)]).assign(period_canonical=["2007-2013", "2014-2020"])
    mapping = pd.concat([MAPPING, pd.DataFrame({"code": ["205"], "region_code": ["18"]})])
    allocation = allocate_projects(projects, mapping).set_index("project_id")
    assert allocation.loc["old", "large_area"] == "ita-suomi" and allocation.loc["new", "large_area"] == "pohjois-suomi"


def test_seat_placement_uses_the_implementer_municipality():
    projects = _projects([("p", "005", "", 10.0), ("q", "", "14", 5.0)]).assign(implementer_municipality=["010", ""])
    allocation = allocate_projects(projects, MAPPING, place="seat").set_index("project_id")
    assert allocation.loc["p", ["area_level", "municipality", "area_basis"]].tolist() == ["municipality", "010", "seat"]
    assert allocation.loc["q", ["area_level", "municipality"]].tolist() == ["unknown", ""]


def test_remainder_cents_go_to_the_first_municipalities_by_code():
    allocation = allocate_projects(_projects([("p", "010;005;009", "", 0.05)]), MAPPING)
    assert allocation["municipality"].tolist() == ["005", "009", "010"]
    assert allocation["share_cents"].tolist() == [2, 2, 1]


def test_large_area_shapes_are_unions_of_their_regions(regions):
    from dashboard.geo.placement import large_area_shapes

    shapes = large_area_shapes(regions, "2014-2020").set_index("code")
    assert list(shapes.index) == ["etela-suomi", "lansi-suomi", "ita-suomi", "pohjois-suomi", "ahvenanmaa"]
    kainuu = regions.set_index("code").loc["18", "geometry"].representative_point()
    assert shapes.loc["pohjois-suomi", "geometry"].contains(kainuu)
    assert large_area_shapes(regions, "2007-2013").set_index("code").loc["ita-suomi", "geometry"].contains(kainuu)


def test_shipped_projects_allocate_exactly(dataset, municipality_region):
    projects = dataset.projects.accepted
    allocation = allocate_projects(projects, municipality_region)
    assert int(allocation["share_cents"].sum()) == int((projects["money_eur"].dropna() * 100).round().sum())
    pikastartti = allocation.loc[allocation["project_id"] == "sydansuomen-aluekehitystyolle-pikastartti"]
    assert len(pikastartti) == 7
    assert pikastartti["share_cents"].sum() == 11_647_500


def test_services_are_placed_in_polygons_with_warnings(dataset, municipalities):
    located, warnings = locate_services(dataset.services.accepted, municipalities)
    assert len(located) == 210
    by_id = located.set_index("id")
    # Nuuksio's coordinates lie in Vihti although the record names Espoo: a warning, not a rejection.
    assert by_id.loc["np-nuuksio", "located_municipality"] == "927"
    assert by_id.loc["np-nuuksio", "municipality"] == "049"
    messages = dict(zip(warnings["id"], warnings["message"]))
    assert messages["np-nuuksio"] == "the point lies in Vihti, the record names Espoo"
    assert (~by_id["approximate"]).sum() == 55  # 44 + 11 points of nature_coordinates_2.csv
    # The Bothnian Sea park's point is now the Leveäkari nature tower in Pori, no longer open sea.
    assert by_id.loc["np-selkameri", "located_municipality"] == "609"
    assert "np-selkameri" not in messages
    approximate = by_id.loc[by_id["location_precision"] == "municipality"]
    assert approximate["approximate"].all()
    assert (approximate["located_municipality"] == approximate["municipality"]).all()
