"""Real-browser test: the running app in headless Debian Chromium, driven by Playwright.

Starts ``streamlit run`` on a free port with the basemap off, on a copy of the shipped data
plus one project and one service named ``<img src=x onerror=alert(1)>``. Fails on any
request to a host other than the app's own, on any JavaScript dialog, and when a map does
not render. Screenshots (desktop 1440×900 and phone 390×844, full page) and the measured
times go to ``test-artifacts/``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from e2e.harness import MAP_DRAWN, MAP_FRAME, require_browser

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
MALICIOUS = "<img src=x onerror=alert(1)>"
NATIONAL_SCALE = bool(os.environ.get("HANKEKARTTA_BROWSER_DATA_DIR"))
PAGES = {"rahoitus": "", "luontopalvelut": "luontopalvelut", "leader": "leader", "tiedot": "tiedot"}


def _data_with_malicious_records(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    row = ["xss-1", MALICIOUS, MALICIOUS, MALICIOUS, "EAFRD", "", "", "", "2024-01-01", "2024-12-31", "1000", "", "226", "", "youth", "", "", "ended", "", "https://example.org/", MALICIOUS]
    with (target / "projects.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(row)
    built = target / "built" / "projects.csv.gz"
    if built.is_file():  # the app loads the built records: the test record goes there too
        import gzip
        import io

        line = io.StringIO()
        csv.writer(line, lineterminator="\n").writerow(row)
        built.write_bytes(gzip.compress(gzip.decompress(built.read_bytes()) + line.getvalue().encode("utf-8")))
    with (target / "services.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["xss-s", MALICIOUS, "activity", MALICIOUS, "226", "62.78", "24.80", "exact", "", "https://example.org/", MALICIOUS])
    return target


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, geodata_dir, browser):
    """The app on the shipped data (or on ``HANKEKARTTA_BROWSER_DATA_DIR``, e.g. national-scale
    synthetic data from ``python -m benchmarks.synthetic``), plus the malicious records."""
    require_browser()
    from e2e.harness import AppServer

    source = Path(os.environ.get("HANKEKARTTA_BROWSER_DATA_DIR", REPO / "data"))
    data = _data_with_malicious_records(source, tmp_path_factory.mktemp("app") / "data")
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    server = AppServer(data, log, env={"HANKEKARTTA_GEODATA_DIR": str(geodata_dir)})
    server.init_store()  # as `make run` does before the server starts
    with server:
        if NATIONAL_SCALE:
            # Serve each page once (loading and joining 100 000 projects happens on the first
            # visit); the measured visits below are what every later visitor gets.
            context = browser.new_context()
            page = context.new_page()
            for path in ("", "luontopalvelut", "leader"):
                page.goto(f"{server.url}/{path}")
                page.frame_locator(MAP_FRAME).first.locator(MAP_DRAWN).first.wait_for(timeout=180_000)
            context.close()
        yield server.url




class Watch:
    """Collects what must never happen: outside requests and JavaScript dialogs."""

    def __init__(self, page, own: str) -> None:
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        own_hosts = (own, own.replace("127.0.0.1", "localhost"))
        page.on("request", lambda r: None if r.url.startswith(own_hosts) or r.url.startswith(("data:", "blob:", "about:")) else self.outside.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


def _page(browser, app_url, width=1440, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    return context, page, Watch(page, app_url)


def _wait_for_map(page, timeout=30_000) -> None:
    page.frame_locator(MAP_FRAME).first.locator(MAP_DRAWN).first.wait_for(timeout=timeout)


def _metric(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]', has_text=label).first
    return re.sub(r"\s", "", metric.locator('[data-testid="stMetricValue"]').inner_text())  # "23 066" → "23066"


def _wait_for_metric(page, label: str, value: str, timeout: int = 20_000) -> None:
    """Wait until the key figure ``label`` shows exactly ``value`` (after a rerun)."""
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid=stMetric]')].some(m =>
            m.innerText.includes(label) && m.querySelector('[data-testid=stMetricValue]')?.innerText.replace(/\\s/g, '') === value.replace(/\\s/g, ''))""",
        arg=[label, value],
        timeout=timeout,
    )


def _screenshot(page, name: str) -> Path:
    """Full-page screenshot: Streamlit scrolls inside its main block, so grow the viewport to it."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : document.body.scrollHeight }")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height))})
    page.wait_for_timeout(800)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def _record(key: str, value) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "browser-metrics.json"
    metrics = json.loads(path.read_text()) if path.exists() else {}
    metrics[key] = value
    path.write_text(json.dumps(metrics, indent=2, sort_keys=True))


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_renders_its_map_offline_on_desktop_and_phone(browser, app_url, name):
    for device, (width, height) in {"desktop": (1440, 900), "phone": (390, 844)}.items():
        context, page, watch = _page(browser, app_url, width, height)
        started = time.monotonic()
        page.goto(f"{app_url}/{PAGES[name]}")
        if name != "tiedot":
            _wait_for_map(page, timeout=60_000)
            elapsed = round(time.monotonic() - started, 2)
            suffix = ".national" if NATIONAL_SCALE else ""
            _record(f"map_visible_s.{name}.{device}{suffix}", elapsed)
            if name == "rahoitus" and device == "desktop" and not NATIONAL_SCALE:
                # The first test of the module: the first visit after the server started.
                _record("map_visible_first_visit_s.rahoitus.desktop", elapsed)
            if NATIONAL_SCALE:
                assert elapsed < 5.0, f"{name} map took {elapsed} s at national scale"
            if name == "rahoitus":
                # The tabs below follow once the map is painted (they never block it): the
                # areas ranking first; the charts when their tab is opened.
                page.locator('[data-testid="stDataFrame"] canvas').first.wait_for(timeout=60_000)
                assert page.locator('[data-testid="stPlotlyChart"]').count() == 0  # only the open tab is drawn
                page.get_by_role("tab", name="Kaaviot").click()
                page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
                page.wait_for_function("() => document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length >= 5", timeout=60_000)
                _record(f"charts_visible_s.{name}.{device}{suffix}", round(time.monotonic() - started, 2))
        else:
            page.get_by_text("Tarkistusraportti").wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        shot = _screenshot(page, f"{name}-{device}" + ("-national" if NATIONAL_SCALE else ""))
        assert shot.stat().st_size > 10_000
        assert watch.outside == [], f"requests to other hosts: {watch.outside[:5]}"
        assert watch.dialogs == []
        context.close()


def test_funding_filter_changes_the_key_figure(browser, app_url):
    if NATIONAL_SCALE:
        pytest.skip("asserts counts of the shipped data")
    context, page, watch = _page(browser, app_url)
    page.goto(app_url)
    _wait_for_map(page)
    assert _metric(page, "Hankkeita") == "23066"  # 23 065 built records + the malicious test record
    search = page.get_by_label("Haku (nimi, toteuttaja, kuvaus)")
    search.fill("Polar Magnets")
    search.press("Enter")
    _wait_for_metric(page, "Hankkeita", "1")
    assert _metric(page, "Hankkeita") == "1"
    page.wait_for_url("**q=Polar**", timeout=15_000)  # the link follows once the map part of the run has ended
    assert "q=Polar" in page.url
    _wait_for_map(page)
    _screenshot(page, "rahoitus-filtered-desktop")
    assert watch.outside == [] and watch.dialogs == []
    context.close()


def test_clicking_a_municipality_filters_and_can_be_cleared(browser, app_url):
    if NATIONAL_SCALE:
        pytest.skip("asserts counts of the shipped data")
    context, page, watch = _page(browser, app_url)
    page.goto(app_url)
    _wait_for_map(page)
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(".leaflet-container").scroll_into_view_if_needed()
    box = frame.locator(".leaflet-container").bounding_box()
    # The middle of the map lies inside Finland (Keski-Suomi / Pohjois-Savo at the default view).
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.62)
    clear = page.get_by_role("button", name="Poista karttavalinta")
    clear.wait_for(timeout=20_000)
    selected = int(_metric(page, "Hankkeita"))
    # A municipality filter keeps the projects located in it (most structural-fund money is
    # known only by region or large area, so a small municipality may have none).
    assert selected < 23066
    assert "municipalities=" in page.url
    clear.click()
    _wait_for_metric(page, "Hankkeita", "23066")
    assert watch.outside == [] and watch.dialogs == []
    context.close()


def test_malicious_record_shows_as_text_and_fires_no_dialog(browser, app_url):
    context, page, watch = _page(browser, app_url)
    page.goto(f"{app_url}/luontopalvelut?sq=onerror")
    _wait_for_map(page)
    assert _metric(page, "Tuloksia") == "1"
    frame = page.frame_locator(MAP_FRAME).first
    marker = frame.locator(".leaflet-marker-icon:not(.hk-place)").first  # a service, not a place-name label
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert MALICIOUS in popup.inner_text()
    assert popup.locator("img").count() == 0
    _screenshot(page, "luontopalvelut-malicious-popup-desktop")
    page.goto(f"{app_url}/?q=onerror")
    _wait_for_map(page)
    assert _metric(page, "Hankkeita") == "1"
    page.frame_locator(MAP_FRAME).first.locator(".leaflet-container").hover()
    page.wait_for_timeout(1000)
    assert watch.dialogs == [], watch.dialogs
    assert watch.outside == []
    context.close()


def test_upload_with_bad_rows_reports_counts(browser, app_url, tmp_path):
    upload = tmp_path / "omat_hankkeet.csv"
    upload.write_text(
        "id,name,fund,municipalities,budget_total_eur,themes\n"
        "u1,Oma hanke,EAFRD,Karstulassa,1000,youth\n"
        "u2,Toinen,XYZ,Karstula,10,youth\n"
        "u3,Kolmas,EAFRD,Atlantis,5,\n",
        encoding="utf-8",
    )
    context, page, watch = _page(browser, app_url)
    page.goto(f"{app_url}/tiedot")
    page.get_by_text("Tarkistusraportti").wait_for(timeout=30_000)
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("omat_hankkeet.csv").first.wait_for(timeout=20_000)
    page.get_by_role("button", name="Lataa hylätyt rivit").wait_for(timeout=20_000)
    page.get_by_text("Omia rivejä käytössä tässä istunnossa: hankkeet 1").wait_for(timeout=20_000)
    _screenshot(page, "tiedot-upload-desktop")
    assert watch.outside == [] and watch.dialogs == []
    context.close()


def test_enter_in_a_filter_chooses_one_match_not_every_match(browser, app_url):
    """Typing "Pohjois" in the region filter matches three regions; Enter chooses one of them
    (the highlighted one), not all three, and the page follows that one choice."""
    if NATIONAL_SCALE:
        pytest.skip("asserts names of the shipped data")
    context, page, watch = _page(browser, app_url)
    page.goto(app_url)
    _wait_for_map(page)
    region = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    region.locator("input").first.click()
    region.locator("input").first.type("Pohjois")
    page.get_by_role("option").first.wait_for(timeout=20_000)  # the matches are listed
    page.keyboard.press("Enter")
    page.wait_for_url("**regions=**", timeout=20_000)
    _screenshot(page, "rahoitus-enter-in-filter")
    codes = re.split(r",|%2C", page.url.split("regions=")[1].split("&")[0])
    assert len(codes) == 1 and codes[0] in {"11", "12", "17"}, page.url  # Pohjois-Savo, -Karjala, -Pohjanmaa
    # Streamlit's own "Select all" entry (English, and first, so Enter would take every match) is off.
    assert page.get_by_text("Select all").count() == 0
    assert watch.outside == [] and watch.dialogs == []
    context.close()


def _map_frame(page):
    return next(f for f in page.frames if f != page.main_frame and f.evaluate("() => !!window.L"))


MARKERS_SHOWN = """() => {
    // Services on the map at this zoom: each cluster's number plus the single markers.
    let total = 0;
    for (const icon of document.querySelectorAll('.leaflet-marker-icon')) {
        total += icon.classList.contains('marker-cluster') ? Number(icon.innerText.trim()) : 1;
    }
    return total;
}"""


def _next_version(page, frame, previous: str) -> str:
    page.wait_for_function(
        "([previous]) => [...document.querySelectorAll('iframe')].some(f => { const v = f.contentDocument?.querySelector('[data-version]')?.getAttribute('data-version'); return v && v !== previous; })",
        arg=[previous],
        timeout=30_000,
    )
    return frame.evaluate("() => document.querySelector('[data-version]').getAttribute('data-version')")


def test_a_view_shown_again_puts_its_kept_cluster_back(browser, app_url):
    """Nature page: a category chosen and taken back shows the first view's cluster again —
    the very object, not a new clustering — with the same services on the map."""
    if NATIONAL_SCALE:
        pytest.skip("counts the markers of the shipped data")
    context, page, watch = _page(browser, app_url)
    page.goto(f"{app_url}/luontopalvelut")
    _wait_for_map(page)
    frame = _map_frame(page)
    version = frame.evaluate("() => document.querySelector('[data-version]').getAttribute('data-version')")
    first_key = frame.evaluate("() => window.__hkClusters.keys.slice(-1)[0]")
    frame.evaluate("() => { window.__hkFirstCluster = window.__hkClusters.clusters[window.__hkClusters.keys.slice(-1)[0]]; }")
    everything = frame.evaluate(MARKERS_SHOWN)
    category = page.locator('[data-testid="stMultiSelect"]', has=page.get_by_text("Luokka", exact=True)).first
    category.locator("input").first.click()
    page.get_by_role("option", name="Kansallispuisto", exact=True).click()
    page.keyboard.press("Escape")
    version = _next_version(page, frame, version)
    parks = frame.evaluate(MARKERS_SHOWN)
    assert 0 < parks < everything
    category.locator("input").first.click()
    page.keyboard.press("Backspace")  # takes the category back
    page.keyboard.press("Escape")
    _next_version(page, frame, version)
    kept = frame.evaluate("() => window.__hkClusters.keys")
    assert len(kept) == 2 and kept[-1] == first_key
    assert frame.evaluate("() => window.__hkClusters.clusters[window.__hkClusters.keys.slice(-1)[0]] === window.__hkFirstCluster && !!window.__hkFirstCluster._map")
    page.wait_for_timeout(500)  # the clusters' icons are placed after the map's frame
    assert frame.evaluate(MARKERS_SHOWN) == everything
    assert watch.outside == [] and watch.dialogs == []
    context.close()
