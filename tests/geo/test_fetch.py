"""Fetching layers and population: validated, atomic, with an overall deadline; offline copies."""

import io
import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from dashboard.geo import fetch
from dashboard.geo.layers import GeodataError


def test_fetch_from_directory_copies_validated_layers(tmp_path, geodata_dir):
    target = tmp_path / "cache"
    reports = fetch.copy_boundaries(2023, geodata_dir, target, log=lambda _: None)
    assert sorted(r.path.name for r in reports) == ["kunta4500k_2013.geojson", "kunta4500k_2023.geojson", "maakunta4500k_2023.geojson"]
    assert [r.features for r in reports if r.path.name == "kunta4500k_2023.geojson"] == [309]
    assert (target / "vaesto_kunnittain_2020.csv").is_file()


def test_fetch_from_directory_rejects_a_wrong_layer(tmp_path, geodata_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    collection = json.loads((geodata_dir / "kunta4500k_2023.geojson").read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:100]
    (bad / "kunta4500k_2023.geojson").write_text(json.dumps(collection), encoding="utf-8")
    shutil.copy(geodata_dir / "maakunta4500k_2023.geojson", bad)
    with pytest.raises(GeodataError, match="expected 309 features, got 100"):
        fetch.copy_boundaries(2023, bad, tmp_path / "cache", log=lambda _: None)
    assert not (tmp_path / "cache" / "kunta4500k_2023.geojson").exists()


class _FakeResponse:
    def __init__(self, payload):
        body = io.BytesIO(json.dumps(payload).encode())

        class Raw:
            def read1(self, amt, decode_content=None):
                return body.read1(amt)

        self.raw = Raw()

    def raise_for_status(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_fetch_from_wfs_validates_swaps_axes_and_writes_atomically(tmp_path, geodata_dir, monkeypatch):
    layers = {
        name: json.loads((geodata_dir / f"{name}.geojson").read_text(encoding="utf-8"))
        for name in ("kunta4500k_2023", "maakunta4500k_2023", "kunta4500k_2013")
    }
    # Serve the municipality layer in latitude-longitude order, as WFS 2.0 may do.
    swapped = fetch._swap_axes(json.loads(json.dumps(layers["kunta4500k_2023"])))
    layers["kunta4500k_2023"] = swapped
    calls = []

    class FakeSession:
        def request(self, method, url, stream, timeout, params):
            calls.append((url, params["typeNames"], timeout[1]))
            name = params["typeNames"].split(":")[1]
            if name not in layers:
                raise ConnectionError("404 Not Found")  # an optional layer the server lacks
            return _FakeResponse(layers[name])

    monkeypatch.setattr(fetch, "_session", lambda retries: FakeSession())
    reports = fetch.fetch_boundaries(2023, tmp_path, timeout=5, log=lambda _: None)
    assert [c[1] for c in calls] == [
        "tilastointialueet:kunta4500k_2023",
        "tilastointialueet:maakunta4500k_2023",
        "tilastointialueet:seutukunta4500k_2023",
        "tilastointialueet:kunta4500k_2013",
    ]
    assert all(c[0] == fetch.WFS_URL and c[2] == 5 for c in calls)
    assert [r.features for r in reports] == [309, 19, 320]
    written = json.loads((tmp_path / "kunta4500k_2023.geojson").read_text(encoding="utf-8"))
    first = written["features"][0]["geometry"]["coordinates"][0][0]
    assert 19 < first[0] < 32 and 59 < first[1] < 71  # back in lon/lat order
    assert not list(tmp_path.glob("*.part"))


def test_fetch_from_wfs_failure_leaves_no_file(tmp_path, monkeypatch):
    class BrokenSession:
        def request(self, method, url, stream, timeout, params):
            return _FakeResponse({"type": "FeatureCollection", "features": []})

    monkeypatch.setattr(fetch, "_session", lambda retries: BrokenSession())
    with pytest.raises(GeodataError, match="expected 309 features, got 0"):
        fetch.fetch_boundaries(2023, tmp_path, log=lambda _: None)
    assert list(tmp_path.iterdir()) == []


def test_pxweb_population_answer_is_parsed():
    # json-stat2 layout of table 11ra (values from Statistics Finland, 31.12.2020).
    payload = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Vuosi", "Alue", "Tiedot"],
        "size": [1, 3, 1],
        "dimension": {
            "Vuosi": {"category": {"index": {"2020": 0}}},
            "Alue": {"category": {"index": {"SSS": 0, "KU005": 1, "KU091": 2}}},
            "Tiedot": {"category": {"index": {"vaesto": 0}}},
        },
        "value": [5533793, 9419, 656920],
    }
    frame = fetch.parse_pxweb_population(payload)
    assert frame.to_dict("records") == [
        {"municipality": "005", "population": 9419, "reference_date": "2020-12-31"},
        {"municipality": "091", "population": 656920, "reference_date": "2020-12-31"},
    ]


def test_pxweb_answer_of_the_wrong_shape_is_a_clear_error():
    with pytest.raises(GeodataError, match="not json-stat2"):
        fetch.parse_pxweb_population({"columns": []})


class _Trickle(BaseHTTPRequestHandler):
    """A server that sends one byte every 0.2 s: per-read timeouts never fire."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def test_a_trickling_server_hits_the_overall_deadline():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        started = time.monotonic()
        with pytest.raises(GeodataError, match="longer than 1 s"):
            fetch.download(requests.Session(), "GET", f"http://127.0.0.1:{server.server_port}/", deadline_s=1.0, read_timeout_s=5.0)
        assert time.monotonic() - started < 20  # ended by the deadline, not by the 40 s the server would take
    finally:
        server.shutdown()


def test_an_unreachable_host_is_a_clear_error():
    with pytest.raises(GeodataError, match="download failed"):
        fetch.download(requests.Session(), "GET", "http://127.0.0.1:9/", deadline_s=2.0)
