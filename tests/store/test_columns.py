"""Record columns follow the frames: a column the code adds later is stored and read back typed."""

from __future__ import annotations

import pandas as pd

from dashboard.store.columns import logical_type


def test_logical_types():
    frame = pd.DataFrame(
        {
            "a": pd.array(["x"], dtype="str"),
            "b": pd.array([True], dtype="boolean"),
            "c": pd.to_datetime(["2024-01-01"]),
            "d": pd.array([1], dtype="Int64"),
            "e": [1.5],
        }
    )
    assert [logical_type(frame[c]) for c in frame] == ["text", "boolean", "timestamp", "bigint", "double"]


def test_a_new_column_is_added_and_old_rows_read_it_as_empty(store, contribute):
    batch_id, contribution, batch = contribute(store)
    batch.projects = batch.projects.assign(audit_flag=pd.array([True, None], dtype="boolean"), implementer_municipality=["226", ""])
    batch.projects["id"] = ["d-1", "d-2"]
    batch.allocation = batch.allocation.assign(project_id=["d-1", "d-2"], area_level=["municipality", "municipality"])
    store.write_batch(batch)
    live = store.snapshot().projects.set_index("id")
    assert live["audit_flag"].dtype == "boolean"
    assert live.at["d-1", "audit_flag"] == True and pd.isna(live.at["d-2", "audit_flag"])  # noqa: E712
    assert pd.isna(live.at["c-karstula", "audit_flag"]) and live.at["c-karstula", "implementer_municipality"] == ""
    allocation = store.snapshot().allocation
    assert set(allocation.loc[allocation["project_id"] == "d-1", "area_level"]) == {"municipality"}
