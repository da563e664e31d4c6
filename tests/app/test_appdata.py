"""AppData from the store: no CSV at server start; replicas see each other's writes after a poll."""

from __future__ import annotations

import shutil

import pytest

from dashboard import settings

pytestmark = pytest.mark.usefixtures("geodata_dir")


@pytest.fixture
def built_store(tmp_path):
    from dashboard.store import open_store
    from dashboard.store.build import init_store

    store = open_store(path=tmp_path / "replicas.duckdb")
    init_store(store, settings.data_dir())
    return store


def test_a_server_start_reads_no_csv_and_resolves_no_names(built_store, monkeypatch):
    from dashboard.app import appdata
    from dashboard.core import records
    from dashboard.geo import resolver as names
    from dashboard.store import build

    def forbidden(*args, **kwargs):
        raise AssertionError("a server start must not read CSV files or resolve names")

    for module, name in ((records, "load_projects"), (records, "load_services"), (records, "load_leader_groups"), (records, "load_dataset"),
                         (build, "load_dataset"), (build, "shipped_batch"), (names, "build_resolver"), (appdata, "build_resolver")):
        monkeypatch.setattr(module, name, forbidden)
    data = appdata.LiveData(built_store, settings.data_dir(), poll_seconds=0).current()
    assert len(data.projects) == 23065 and len(data.index) == 23065 and len(data.services) == 210
    assert data.dataset.projects.read == 23065 and len(data.dataset.projects.accepted) == 23065
    assert "the point lies in Vihti, the record names Espoo" in set(data.service_warnings["message"])


def test_a_write_on_one_replica_shows_on_the_other(built_store, tmp_path, resolver, municipalities, municipality_region):
    from dashboard.app.appdata import LiveData
    from dashboard.io.importers import import_bytes
    from dashboard.store import open_store
    from dashboard.store.batches import contribution_batch, prepare_contribution

    first = LiveData(built_store, None, poll_seconds=0)
    second = LiveData(open_store(path=tmp_path / "replicas.duckdb"), None, poll_seconds=0)
    text = b"id,name,fund,municipalities,budget_total_eur\nr-1,Replikahanke,EAFRD,Karstula,100\n"
    result = import_bytes("canonical", text, resolver, filename="r.csv")
    contribution = prepare_contribution(result, existing_ids=set(), municipality_region=municipality_region, municipalities=municipalities)
    batch_id = first.store.write_batch(contribution_batch(contribution, editor="anna", file_name="r.csv", content=text))
    seen = second.current()
    assert len(seen.projects) == 23066 and bool(seen.projects.set_index("id").at["r-1", "contributed"])
    assert seen.index.area_totals(seen.index.ids.isin(["r-1"]))["eur"].sum() == 100.0
    second.store.withdraw(batch_id, by="anna")
    assert len(first.current().projects) == 23065


def test_a_stale_store_is_rebuilt_at_start(tmp_path, built_store):
    from dashboard.app.appdata import LiveData

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    with (data / "services.csv").open("a", encoding="utf-8") as handle:
        handle.write("s-extra,Uusi laavu,activity,,226,62.88,24.80,exact,,,\n")
    assert len(LiveData(built_store, data, poll_seconds=0).current().services) == 211
