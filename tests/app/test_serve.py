"""The server start's warm-up: the first visit's imports and map done before the server listens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.app import serve

pytestmark = pytest.mark.usefixtures("geodata_dir")

PROBE = """
import gc, inspect, json, sys, weakref
from dashboard.app import serve
serve.warm_up()
serve._freeze_heap()
frozen = gc.get_freeze_count()
folium_module = sys.modules["folium"].__file__
from dashboard.app import appdata
cached = sorted({key[0] for _, entries in appdata._VIEW_CACHES.values() for key in entries})
from dashboard.app.pages import common
live = common.live_data()
old = weakref.ref(live.current().index)
live.refresh(force=True)  # a new data version replaces the data: the old is collected, the new frozen
collected = gc.collect() >= 0 and old() is None
print(json.dumps({
    "streamlit_folium": "streamlit_folium" in sys.modules,
    "indexed": inspect._filesbymodname.get("folium") == folium_module,
    "frozen": frozen,
    "frozen_after_refresh": gc.get_freeze_count(),
    "old_data_collected": collected,
    "emojis": "streamlit.emojis" in sys.modules,
    "cached": cached,
}))
"""


def test_warm_up_imports_and_freezes_but_leaves_streamlit_folium_to_the_server(tmp_path: Path):
    """streamlit-folium registers its map component only inside a script run: the warm-up must
    not import it (the map would answer 404), but everything it needs is loaded and indexed."""
    env = dict(os.environ, PYTHONPATH=str(settings.PROJECT_ROOT), HANKEKARTTA_STORE=str(tmp_path / "store.duckdb"))
    env.pop("HANKEKARTTA_DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=settings.PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["streamlit_folium"] is False
    assert seen["indexed"] is True
    assert seen["emojis"] is True
    assert seen["cached"] == ["area_table", "charts", "mask", "organisations", "precision_shares", "table"]  # the default view's, before the first visit
    assert seen["frozen"] > 10_000
    assert seen["frozen_after_refresh"] > 10_000
    assert seen["old_data_collected"] is True


def test_the_warm_up_runs_after_streamlit_is_imported_in_the_same_thread(monkeypatch):
    """A warm-up thread importing beside the server's own import of Streamlit tripped Python's
    import-deadlock detection (the server then refused to start, about 1 start in 10)."""
    import threading

    import streamlit.web.cli as streamlit_cli

    calls = []
    monkeypatch.setattr(serve, "warm_up", lambda: calls.append(threading.current_thread()))
    monkeypatch.setattr(serve, "_freeze_heap", lambda: calls.append("frozen"))
    monkeypatch.setattr(streamlit_cli, "main", lambda: calls.append(list(sys.argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["pytest"])
    assert serve.serve(8999, ["--server.headless", "true"]) == 0
    assert calls[0] is threading.current_thread()
    assert calls[1] == "frozen"
    assert calls[2][-4:] == ["--server.port", "8999", "--server.headless", "true"]
