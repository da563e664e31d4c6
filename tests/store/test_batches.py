"""Contributions: area limits refuse with a reason, id clashes are reported, counts add up."""

from __future__ import annotations

import pytest

from dashboard.store.batches import area_for

from .conftest import NEW_PROJECTS


def test_area_of_a_leader_group_and_of_a_region(dataset, municipality_region):
    groups = dataset.leader_groups.accepted
    viisari = area_for({"leader_group": "Leader Viisari"}, groups, municipality_region)
    assert viisari.municipalities == frozenset(groups.loc[groups["leader_group"] == "Leader Viisari", "municipality"])
    assert "226" in viisari.municipalities  # Karstula
    region = area_for({"region": "13"}, groups, municipality_region)
    assert "226" in region.municipalities and "091" not in region.municipalities
    assert area_for(None, groups, municipality_region) is None
    with pytest.raises(ValueError, match="not in leader_groups.csv"):
        area_for({"leader_group": "Atlantis"}, groups, municipality_region)


def test_records_outside_the_area_are_refused_with_a_reason(store, contribute, dataset, municipality_region):
    area = area_for({"municipalities": ["226"]}, dataset.leader_groups.accepted, municipality_region)  # Karstula only
    text = NEW_PROJECTS + "c-nowhere,Ei paikkaa,EAFRD,,5,youth\n"
    batch_id, contribution, batch = contribute(store, text, area=area)
    reasons = dict(zip(contribution.refused["raw"], contribution.refused["reason"]))
    assert reasons == {
        "c-saarijarvi": "outside your area (municipalities 226): Saarijärvi (729)",
        "c-nowhere": "no municipality or region given, so it cannot be checked against your area (municipalities 226)",
    }
    assert (batch.read, batch.accepted, batch.rejected, batch.skipped) == (4, 1, 3, 0)
    assert store.batch_ids_of(batch_id, "projects") == ["c-karstula"]


def test_a_region_wide_project_is_outside_a_smaller_area(store, contribute, dataset, municipality_region):
    area = area_for({"leader_group": "Leader Viisari"}, dataset.leader_groups.accepted, municipality_region)
    _, contribution, batch = contribute(store, "id,name,fund,regions\nc-all,Koko maakunta,EAFRD,13\n", area=area)
    assert batch.accepted == 0
    assert contribution.refused["reason"][0].startswith("outside your area (Leader group Leader Viisari): ")


def test_services_outside_the_area_are_refused(store, contribute, dataset, municipality_region):
    area = area_for({"region": "13"}, dataset.leader_groups.accepted, municipality_region)
    text = "id,name,category,lat,lon\ns-in,Laavu,activity,62.88,24.80\ns-out,Helsingin laavu,activity,60.17,24.94\n"
    batch_id, contribution, batch = contribute(store, text, area=area)
    assert list(contribution.refused["raw"]) == ["s-out"] and "Helsinki (091)" in contribution.refused["reason"][0]
    assert store.batch_ids_of(batch_id, "services") == ["s-in"]


def test_existing_ids_are_reported_and_skipped_or_replaced(store, contribute):
    text = "id,name,fund,municipalities\nalykkaat-kylat-lentoon,Uusi nimi,EAFRD,Karstula\nc-1,Uusi,EAFRD,Karstula\n"
    _, contribution, skipped = contribute(store, text, on_existing="skip")
    assert contribution.existing == ["alykkaat-kylat-lentoon"]
    assert (skipped.read, skipped.accepted, skipped.rejected, skipped.skipped, skipped.replaced) == (2, 1, 0, 1, 0)
    _, again, replaced = contribute(store, text, on_existing="replace")
    assert set(again.existing) == {"alykkaat-kylat-lentoon", "c-1"}  # c-1 is live now too
    assert (replaced.accepted, replaced.skipped, replaced.replaced) == (2, 0, 2)
