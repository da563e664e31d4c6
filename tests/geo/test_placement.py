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
            assert rows["municipality"].tolist() == [UNKNOWN_AREA]
    known = projects["money_eur"].dropna()
    assert int(allocation["share_cents"].sum()) == int((known * 100).round().sum())


def test_region_wide_project_covers_all_municipalities_of_the_region():
    allocation = allocate_projects(_projects([("p", "", "14", 100.0)]), MAPPING)
    assert allocation["municipality"].tolist() == ["005", "010"]
    assert allocation["share_cents"].tolist() == [5000, 5000]
    assert set(allocation["area_basis"]) == {"region"}


def test_remainder_cents_go_to_the_first_municipalities_by_code():
    allocation = allocate_projects(_projects([("p", "010;005;009", "", 0.05)]), MAPPING)
    assert allocation["municipality"].tolist() == ["005", "009", "010"]
    assert allocation["share_cents"].tolist() == [2, 2, 1]


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
    assert (~by_id["approximate"]).sum() == 44
    approximate = by_id.loc[by_id["location_precision"] == "municipality"]
    assert approximate["approximate"].all()
    assert (approximate["located_municipality"] == approximate["municipality"]).all()
