"""The store interface on both backends: shipped records, contributions, withdraw, atomicity."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.store import StoreError

from .conftest import NEW_PROJECTS

REPO = Path(__file__).resolve().parents[2]


def test_shipped_records_round_trip_unchanged(store, dataset, municipality_region):
    from dashboard.geo.placement import allocate_projects

    status = store.status()
    assert status["backend"] == store.name
    assert (status["projects"], status["services"], status["leader_group_rows"], status["batches"]) == (23065, 210, 300, 1)
    snapshot = store.snapshot()
    expected = dataset.projects.accepted
    pd.testing.assert_frame_equal(snapshot.projects[list(expected.columns)], expected)
    assert not snapshot.projects["contributed"].any()
    allocation = allocate_projects(expected, municipality_region)
    pd.testing.assert_frame_equal(snapshot.allocation.reset_index(drop=True), allocation)
    assert int(snapshot.allocation["share_cents"].sum()) == int(allocation["share_cents"].sum())
    services = snapshot.services
    assert len(services) == 210 and services.crs.to_epsg() == 4326
    nuuksio = services.set_index("id").loc["np-nuuksio"]
    assert (round(nuuksio.geometry.x, 5), round(nuuksio.geometry.y, 5)) == (24.49917, 60.3075)
    assert nuuksio["located_municipality"] == "927"  # Vihti: the point, not the record's Espoo
    pd.testing.assert_frame_equal(snapshot.leader_groups, dataset.leader_groups.accepted)
    assert snapshot.reports["projects.csv"].read == 23065
    locations = snapshot.reports["services.csv (locations)"].warnings
    assert "the point lies in Vihti, the record names Espoo" in set(locations["message"])


def test_a_contribution_is_live_with_its_provenance(store, contribute):
    before = store.data_version()
    batch_id, contribution, batch = contribute(store)
    assert contribution.counts() == {"read": 3, "accepted": 2, "rejected": 1, "existing": 0}
    assert store.data_version() == before + 1
    snapshot = store.snapshot()
    assert len(snapshot.projects) == 23067
    new = snapshot.projects.set_index("id").loc[["c-karstula", "c-saarijarvi"]]
    assert new["contributed"].all() and set(new["batch_id"]) == {batch_id}
    assert list(new["money_eur"]) == [1000.0, 2500.5]
    shares = snapshot.allocation[snapshot.allocation["project_id"].isin(new.index)]
    assert dict(zip(shares["project_id"], shares["municipality"])) == {"c-karstula": "226", "c-saarijarvi": "729"}
    assert int(shares["share_cents"].sum()) == 350050
    row = store.batches().iloc[0]
    assert (row["batch"], row["editor"], row["file_name"], row["format"], row["origin"], row["status"]) == (batch_id, "anna", "omat.csv", "canonical", "contributed", "active")
    assert (row["read"], row["accepted"], row["rejected"], row["skipped"]) == (3, 2, 1, 0)
    assert row["sha256"] == hashlib.sha256(NEW_PROJECTS.encode()).hexdigest()
    assert store.raw_files(batch_id) == {"omat.csv": NEW_PROJECTS.encode()}
    assert store.batch_ids_of(batch_id, "projects") == ["c-karstula", "c-saarijarvi"]


def test_replace_then_withdraw_restores_the_shipped_record(store, contribute):
    shipped_name = store.snapshot().projects.set_index("id").at["alykkaat-kylat-lentoon", "name"]
    text = "id,name,fund,municipalities,budget_total_eur\nalykkaat-kylat-lentoon,Korjattu nimi,EAFRD,Karstula,10\n"
    _, skipped, batch = contribute(store, text, on_existing="skip")
    assert skipped.existing == ["alykkaat-kylat-lentoon"] and batch.skipped == 1 and batch.accepted == 0
    batch_id, _, batch = contribute(store, text, on_existing="replace")
    assert batch.replaced == 1
    live = store.snapshot().projects.set_index("id")
    assert len(live) == 23065 and live.at["alykkaat-kylat-lentoon", "name"] == "Korjattu nimi"
    allocation = store.snapshot().allocation
    assert list(allocation.loc[allocation["project_id"] == "alykkaat-kylat-lentoon", "municipality"]) == ["226"]
    with pytest.raises(StoreError, match="only they or an admin"):
        store.withdraw(batch_id, by="bertta")
    store.withdraw(batch_id, by="anna")
    live = store.snapshot().projects.set_index("id")
    assert live.at["alykkaat-kylat-lentoon", "name"] == shipped_name and not live.at["alykkaat-kylat-lentoon", "contributed"]
    history = store.batches().set_index("batch")
    assert history.at[batch_id, "status"] == "withdrawn" and history.at[batch_id, "withdrawn_by"] == "anna"
    assert store.batch_ids_of(batch_id, "projects") == ["alykkaat-kylat-lentoon"]  # the rows stay
    with pytest.raises(StoreError, match="already withdrawn"):
        store.withdraw(batch_id, by="anna", admin=True)
    with pytest.raises(StoreError, match="shipped data"):
        store.withdraw(1, by="admin", admin=True)


def test_an_admin_withdraws_anyones_batch(store, contribute):
    batch_id, _, _ = contribute(store, editor="anna")
    store.withdraw(batch_id, by="root", admin=True)
    assert store.status()["projects"] == 23065


def test_services_contribution_keeps_its_point(store, contribute):
    text = "id,name,category,municipality,lat,lon\ns-new,Uusi laavu,activity,Karstula,62.88,24.80\n"
    batch_id, _, _ = contribute(store, text)
    services = store.snapshot().services.set_index("id")
    assert len(services) == 211
    laavu = services.loc["s-new"]
    assert laavu["contributed"] and (laavu.geometry.x, laavu.geometry.y) == (24.80, 62.88) and laavu["located_municipality"] == "226"


def test_failed_sign_ins_are_counted_until_a_success(store):
    import datetime as dt

    since = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=5)
    for _ in range(3):
        store.record_sign_in("anna", False)
    assert len(store.failed_sign_ins("anna", since)) == 3 and store.failed_sign_ins("bertta", since) == []
    time.sleep(0.01)
    store.record_sign_in("anna", True)
    assert store.failed_sign_ins("anna", since) == []


def test_postgis_holds_real_geometries(database_url, shipped):
    import psycopg

    from dashboard.store import open_store

    open_store(url=database_url).write_batch(shipped)
    with psycopg.connect(database_url) as conn:
        kind, srid, inside = conn.execute(
            "SELECT GeometryType(geometry), ST_SRID(geometry), ST_Within(geometry, ST_MakeEnvelope(19, 59.4, 31.7, 70.2, 4326)) FROM services WHERE id = 'np-nuuksio'"
        ).fetchone()
    assert (kind, srid, inside) == ("POINT", 4326, True)


KILLED_WRITER = """
import os, sys, time
from dashboard.store import open_store
from dashboard.store.build import shipped_batch
from dashboard import settings
kind, where, marker = sys.argv[1:4]
store = open_store(path=where) if kind == "duckdb" else open_store(url=where)
batch = shipped_batch(settings.data_dir())
batch.origin, batch.kind, batch.editor = "contributed", "projects", "killed"
batch.projects = batch.projects.assign(id="k-" + batch.projects["id"])
batch.allocation = batch.allocation.assign(project_id="k-" + batch.allocation["project_id"])
batch.services = batch.leader_groups = None

def pause():
    open(marker, "w").write("rows written, not committed")
    time.sleep(120)

store.write_batch(batch, _after_records=pause)
"""


def test_a_process_killed_in_the_middle_of_a_batch_leaves_the_store_as_it_was(store, backend_location, tmp_path):
    kind, where = backend_location
    before = store.status()
    before_batches = store.batches()
    marker = tmp_path / "in-the-middle"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, kind, str(where), str(marker)], cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, "the writer ended before the middle of its batch"
            assert time.monotonic() < deadline, "the writer never reached the middle of its batch"
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    after = store.status()
    assert {k: after[k] for k in ("projects", "services", "batches", "data_version")} == {k: before[k] for k in ("projects", "services", "batches", "data_version")}
    pd.testing.assert_frame_equal(store.batches(), before_batches)
    assert not store.snapshot().projects["id"].str.startswith("k-").any()
    assert json.dumps(after, default=str)  # and the store still opens and answers


def test_names_and_summaries_in_three_languages_round_trip(store, contribute):
    services = store.snapshot().services.set_index("id")
    nuuksio = services.loc["np-nuuksio"]
    assert (nuuksio["name_fi"], nuuksio["name_sv"]) == ("Nuuksion kansallispuisto", "Noux nationalpark")
    assert nuuksio["summary_sv"].startswith("Skogs- och sjöpark nära Helsingfors")
    assert services.loc["nr-ruunaa", "name_fi"] == ""  # empty stays empty, not None or "nan"
    text = (
        "id,name,category,municipality,name_sv,summary_fi,summary_sv\n"
        "c-lavu,Kotalavu,activity,Karstula,Kåtavindskydd,Laavu järven rannalla.,Vindskydd vid sjön.\n"
    )
    contribute(store, text, name="palvelut.csv")
    live = store.snapshot().services.set_index("id")
    assert live.loc["c-lavu", ["name_sv", "summary_fi", "summary_sv", "summary_en"]].tolist() == ["Kåtavindskydd", "Laavu järven rannalla.", "Vindskydd vid sjön.", ""]
    projects = store.snapshot().projects
    assert {"summary_fi", "summary_sv", "summary_en"} <= set(projects.columns)
