"""Start the app on a data directory and drive it in headless Chromium.

Shared by the real-browser tests (``tests/e2e``) and the benchmark (``benchmarks/run.py``
puts ``tests/`` on its path): the app server, the Chromium flags, and the time until a
page's map is drawn.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("HANKEKARTTA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
MAP_DRAWN = ".leaflet-overlay-pane canvas, .leaflet-overlay-pane path, .leaflet-marker-icon, .marker-cluster"


PORTS_ENV = "HANKEKARTTA_E2E_PORTS"
"""Optional comma-separated ports the servers may use (e.g. "8601,8602,8603"): on a shared
machine each user keeps to their own; without it any free port is taken."""


def free_port() -> int:
    """A free port: the first free one of ``HANKEKARTTA_E2E_PORTS`` when set, else any."""
    wanted = [int(p) for p in os.environ.get(PORTS_ENV, "").replace(" ", "").split(",") if p]
    for port in wanted or [0]:
        with socket.socket() as sock:
            # As the server binds (tornado sets SO_REUSEADDR): a port left in TIME_WAIT by
            # the previous run is free for it; one that something listens on is not.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"none of the ports in {PORTS_ENV}={os.environ[PORTS_ENV]} is free")


class AppServer:
    """``streamlit run`` in a subprocess (basemap off), stopped on exit. Its store is a DuckDB
    file beside the log unless ``env`` names one (never the developer's ``store/``)."""

    def __init__(self, data_dir: Path, log_path: Path, env: dict | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        own = {"HANKEKARTTA_STORE": str(Path(log_path).with_name("store.duckdb"))}
        self.env = {k: v for k, v in os.environ.items() if k != "HANKEKARTTA_DATABASE_URL"}
        self.env.update(own, HANKEKARTTA_DATA_DIR=str(data_dir), HANKEKARTTA_TILES="none", **(env or {}))
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "AppServer":
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "serve", "--port", str(self.port), "--server.headless", "true"],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        # The server listens once the data is loaded (a new store is built first): at national
        # scale on a busy machine that can take a minute or more.
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not start within 240 s")

    def init_store(self) -> float:
        """``python -m dashboard store init`` as ``make run`` does before a start; seconds taken."""
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "dashboard", "store", "init"], cwd=REPO, env=self.env, check=True, capture_output=True)
        return time.monotonic() - started

    def peak_memory_mb(self) -> float:
        """Peak resident memory (VmHWM) of the server process."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(l for l in status.splitlines() if l.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def __exit__(self, *exc) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()


def map_timings(page, url: str, timeout_ms: int = 120_000) -> tuple[float, float]:
    """Seconds from navigation until the page's Leaflet map has drawn its data, two ways:

    * exact: the map's own paint mark (``data-painted-at``, set in the frame after the data
      layer is drawn, in ms since the epoch) against the page's navigation start
      (``performance.timeOrigin``), the way the interaction benchmark times every change;
    * polled: this process's clock until Playwright *noticed* the drawn layer. Playwright
      looks only after ``goto`` returns (the load event) and then polls, every 0.5 s after
      the first second, so this reads up to ~0.5 s late.

    A map without the mark (none of ours) gives the polled figure twice."""
    started = time.monotonic()
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(MAP_DRAWN).first.wait_for(timeout=timeout_ms)
    polled = time.monotonic() - started
    mark = frame.locator("[data-painted-at]").first
    try:
        mark.wait_for(state="attached", timeout=5_000)
    except Exception:  # no mark: only the polled figure exists
        return polled, polled
    painted_ms = float(mark.get_attribute("data-painted-at"))
    return (painted_ms - page.evaluate("performance.timeOrigin")) / 1000, polled


def time_to_map(page, url: str, timeout_ms: int = 120_000) -> float:
    """Seconds from navigation until the map has painted its data (exact, see :func:`map_timings`)."""
    return map_timings(page, url, timeout_ms)[0]


def require_browser() -> None:
    """Skip (or, with ``HANKEKARTTA_REQUIRE_BROWSER``, fail) when Chromium or Playwright is missing."""
    import pytest

    missing = not Path(CHROMIUM).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        message = f"Chromium ({CHROMIUM}) or Playwright is missing: run `make chromium` (apt-get install chromium)"
        if os.environ.get("HANKEKARTTA_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


def write_editor_config(path: Path, username: str, name: str, password: str, area: str) -> Path:
    """An editors' sign-in file (``HANKEKARTTA_AUTH_CONFIG``) with one editor limited to
    ``area`` (YAML, e.g. ``{leader_group: Leader Viisari}``); a cheap bcrypt cost, as tests need."""
    import bcrypt

    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    path.write_text(
        f"credentials:\n  usernames:\n    {username}:\n      name: {name}\n      password: '{hashed}'\n      roles: [editor]\n      area: {area}\n",
        encoding="utf-8",
    )
    return path
