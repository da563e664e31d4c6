"""``store init``: built from the shipped files once; rebuilt when they change; contributions stay."""

from __future__ import annotations

import shutil

from dashboard import settings
from dashboard.store.build import init_store, is_current


def test_init_builds_once_and_rebuilds_when_the_files_change(empty_store, contribute, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    first = init_store(empty_store, data)
    assert first.built and first.reason == "no shipped records in the store yet"
    assert is_current(empty_store, data)
    assert not init_store(empty_store, data).built
    contribute(empty_store)
    with (data / "projects.csv").open("a", encoding="utf-8") as handle:
        handle.write("new-shipped,Uusi toimitettu,,,EAFRD,,,,,,100,,226,,youth,,,ended,,,\n")
    assert not is_current(empty_store, data)
    second = init_store(empty_store, data)
    assert second.built and second.reason == "the shipped files changed"
    status = empty_store.status()
    # The shipped files changed, so the shipped batch is rebuilt; the app reads the built records
    # (data/built, rebuilt from projects.csv by `make data`), which do not hold the new row yet.
    assert status["projects"] == 23065 + 2  # the shipped records and the two contributed ones
    history = empty_store.batches().set_index("batch")
    assert history.at[first.batch, "status"] == "replaced" and history.at[second.batch, "status"] == "active"
    assert empty_store.batch_ids_of(first.batch, "projects") == []  # replaced shipped rows are rebuilt from the files
    assert set(empty_store.raw_files(first.batch)) == {"projects.csv", "services.csv", "leader_groups.csv", "built/projects.csv.gz"}
