"""The first visit after a server start, A against B (issues 8 and 9), alternating.

``python -m benchmarks.first_visit --data DIR --repo OLD_CHECKOUT --repo . --rounds 3``
starts ``python -m dashboard serve`` of each checkout in turn (its own code: the server runs
from that directory), on a store built beforehand as ``make run`` does, opens the funding
page in a fresh headless Chromium context as soon as the health check answers, and records

* ``ready_s``: process start → health check answers (the server listens),
* ``cold_s``: navigation → the funding map drawn, on that very first visit,
* ``warm_s``: the same in a second fresh context (what every later visitor gets),
* ``charts_s``: navigation → the first chart drawn, on the first visit,
* ``map_delta_s``: navigation → the websocket message with the map arrives (the server's part:
  the session's first script run up to the map; the rest is the browser's),
* ``painted_s`` / ``warm_painted_s``: navigation → the map's own paint mark (``data-painted-at``,
  set by the map in the frame it draws) on the first / second visit: the same moment as
  ``cold_s`` / ``warm_s`` without Playwright's polling, which looks again only every 0.5 s
  after the first second (so ``cold_s`` overstates by up to that much).

``--fresh-browser`` launches a new Chromium process for each first visit, as ``make bench``
measures ``map_visible_cold_s`` (a browser context of a running Chromium has its own cache,
but the browser process, its network service and its GPU process are already up). The
checkouts alternate round by round, so load from anything else on the machine falls on
both alike. ``--port`` (default 8601) is the one port used.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def start(checkout: Path, port: int, data: Path, store: Path, log: Path) -> tuple[subprocess.Popen, float]:
    env = {k: v for k, v in os.environ.items() if k != "HANKEKARTTA_DATABASE_URL"}
    env.update(PYTHONPATH=str(checkout), HANKEKARTTA_DATA_DIR=str(data), HANKEKARTTA_STORE=str(store), HANKEKARTTA_TILES="none", STREAMLIT_SERVER_FILE_WATCHER_TYPE="none")
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--port", str(port), "--server.headless", "true"], cwd=checkout, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    while time.monotonic() - started < 300:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, time.monotonic() - started
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"{checkout}: the server did not answer within 300 s (log: {log})")


def painted_after_navigation(page) -> float | None:
    """Seconds from the page's navigation to the map's paint mark, if the map sets one."""
    sys.path.insert(0, str(REPO / "tests"))
    from e2e.harness import MAP_FRAME

    mark = page.frame_locator(MAP_FRAME).first.locator("[data-painted-at]").first
    if not mark.count():
        return None
    painted = float(mark.get_attribute("data-painted-at"))
    return (painted - page.evaluate("performance.timeOrigin")) / 1000


def visit(browser, url: str, charts: bool = False) -> tuple[float, float | None, float | None, float | None]:
    """(to the map drawn, to the first chart or table below it, to the map's paint mark, to the map's message) in seconds."""
    sys.path.insert(0, str(REPO / "tests"))
    from e2e.harness import MAP_DRAWN, MAP_FRAME

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    map_message: list[float] = []

    def on_frame(payload) -> None:
        if not map_message and isinstance(payload, bytes) and b"streamlit_folium" in payload:
            map_message.append(time.monotonic() - started)

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
    started = time.monotonic()
    page.goto(url)
    page.frame_locator(MAP_FRAME).first.locator(MAP_DRAWN).first.wait_for(timeout=180_000)
    to_map = time.monotonic() - started
    painted = painted_after_navigation(page)
    to_chart = None
    if charts:
        # What follows the map: the first chart, or (since the part below the map is tabs
        # with the areas ranking open) the first table.
        page.locator('[data-testid="stPlotlyChart"] .main-svg, [data-testid="stDataFrame"] canvas').first.wait_for(timeout=180_000)
        to_chart = time.monotonic() - started
    context.close()
    return to_map, to_chart, painted, (map_message or [None])[0]


def init_store(checkout: Path, data: Path, store: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(checkout), HANKEKARTTA_DATA_DIR=str(data), HANKEKARTTA_STORE=str(store))
    subprocess.run([sys.executable, "-m", "dashboard", "store", "init"], cwd=checkout, env=env, check=True, capture_output=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data", help="data directory (e.g. python -m benchmarks.synthetic OUT)")
    parser.add_argument("--repo", type=Path, action="append", help="a checkout to start (repeat: A, B, …); default this one")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--fresh-browser", action="store_true", help="a new Chromium process for every first visit (as `make bench` measures map_visible_cold_s)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from e2e.harness import CHROMIUM, CHROMIUM_ARGS

    checkouts = [path.resolve() for path in (args.repo or [REPO])]
    work = Path(tempfile.mkdtemp(prefix="hankekartta-first-visit-"))
    stores = {}
    for i, checkout in enumerate(checkouts):
        stores[checkout] = work / f"store-{i}.duckdb"
        init_store(checkout, args.data, stores[checkout])  # as `make run` does before a start
    results: dict[str, list[dict]] = {str(c): [] for c in checkouts}
    url = f"http://127.0.0.1:{args.port}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for round_ in range(args.rounds):
            for i, checkout in enumerate(checkouts):
                process, ready = start(checkout, args.port, args.data, stores[checkout], work / f"server-{i}.log")
                try:
                    if args.fresh_browser:
                        fresh = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                        try:
                            cold, charts, painted, delta = visit(fresh, url, charts=True)
                        finally:
                            fresh.close()
                    else:
                        cold, charts, painted, delta = visit(browser, url, charts=True)
                    warm, _, warm_painted, _ = visit(browser, url)
                finally:
                    process.terminate()
                    process.wait(timeout=60)
                record = {
                    "ready_s": round(ready, 2),
                    "cold_s": round(cold, 2),
                    "map_delta_s": round(delta, 2) if delta is not None else None,
                    "painted_s": round(painted, 2) if painted is not None else None,
                    "warm_s": round(warm, 2),
                    "warm_painted_s": round(warm_painted, 2) if warm_painted is not None else None,
                    "charts_s": round(charts, 2),
                    "load": round(os.getloadavg()[0], 1),
                }
                results[str(checkout)].append(record)
                print(f"round {round_ + 1} {checkout}: {record}", flush=True)
        browser.close()
    keys = ("ready_s", "cold_s", "map_delta_s", "painted_s", "warm_s", "warm_painted_s", "charts_s")
    summary = {
        checkout: {key: round(statistics.median(values), 2) for key in keys if (values := [r[key] for r in records if r[key] is not None])}
        for checkout, records in results.items()
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
