"""The payload corpus in a real browser: Plotly charts and Leaflet maps built by the ui layer
show hostile names as text — no element, attribute or request comes from data.

Runs headless Debian Chromium through Playwright on static HTML (no app server); marked
``browser`` like the app's end-to-end test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ui import assets, charts, maps

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("HANKEKARTTA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PAYLOAD = '<span style="font-size:90px">ISO</span><a href="https://evil.example/x">Klikkaa</a><img src="https://evil.example/p.gif" onerror="alert(1)"><svg onload="alert(2)"></svg>'


@pytest.fixture(scope="module")
def page():
    if not Path(CHROMIUM).exists():
        if os.environ.get("HANKEKARTTA_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make chromium`")
        pytest.skip(f"Chromium is missing at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        outside: list[str] = []
        dialogs: list[str] = []
        sources = assets._sources()

        def route(request_route):
            url = request_route.request.url
            if "/app/static/vendor/" in url:
                relative = url.split("/app/static/vendor/", 1)[1]
                path = sources.get(relative)
                if path is not None:
                    return request_route.fulfill(path=str(path))
            if not url.startswith(("http://app.test/", "data:", "about:")):
                outside.append(url)
            return request_route.abort()

        context.route("**/*", route)
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.outside, tab.dialogs = outside, dialogs
        yield tab
        browser.close()


def _show(page, html: str) -> None:
    page.route("http://app.test/index.html", lambda r: r.fulfill(body=html, content_type="text/html"))
    page.goto("http://app.test/index.html")


def _no_live_payload(page, root: str = "body") -> None:
    found = page.evaluate(
        """(root) => {
            const scope = document.querySelector(root) || document;
            return {
                // SVG links (Plotly's) carry xlink:href, HTML links href.
                links: [...scope.querySelectorAll('a')]
                    .map(a => a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')
                    .filter(h => h.includes('evil')),
                images: scope.querySelectorAll('img[src*="evil"], img[onerror]').length,
                svgOnload: scope.querySelectorAll('[onload]').length,
                styled: [...scope.querySelectorAll('[style]')].filter(e => e.getAttribute('style').includes('90px')).length,
            };
        }""",
        root,
    )
    assert found == {"links": [], "images": 0, "svgOnload": 0, "styled": 0}
    assert page.dialogs == []
    assert [url for url in page.outside if "evil" in url] == []


def test_plotly_chart_shows_payload_as_text(page):
    projects = pd.DataFrame(
        {"id": ["a", "b"], "name": ["A", "B"], "funder": [PAYLOAD, "Lapin liitto"], "implementer": [PAYLOAD, "Kemin kaupunki"], "money_eur": [1234567.5, 2000.0]}
    )
    fig = charts.top_funders(projects, "fi")
    _show(page, fig.to_html(include_plotlyjs=True, full_html=True))
    page.wait_for_selector(".ytick text")
    ticks = page.locator(".ytick text").all_text_contents()
    assert any(tick.startswith('<span style="font-size:90px">ISO</span>') for tick in ticks)  # visible as typed
    page.evaluate("() => { const gd = document.querySelector('.plotly-graph-div'); Plotly.Fx.hover(gd, [{curveNumber: 0, pointNumber: 1}]); }")
    page.wait_for_selector(".hoverlayer .hovertext")
    hover = page.locator(".hoverlayer .hovertext").first.text_content()
    assert "Klikkaa" in hover and "1 234 568 €" in hover.replace("\u00a0", " ")
    _no_live_payload(page)


def test_leaflet_map_shows_payload_as_text(page, geodata_dir):
    from dashboard.geo import layers
    from dashboard.geo import simplify

    regions = simplify.simplify_coverage(layers.load_regions(2023), tolerance_m=1500.0)
    regions = regions.assign(name_fi=regions["name_fi"].where(regions["code"] != "19", PAYLOAD))
    table = pd.DataFrame({"code": regions["code"], "name_fi": regions["name_fi"], "projects": 1, "eur": 1000.0, "amount_unknown_projects": 0})
    fmap = maps.area_map(regions, table, "eur", "fi", maps.Basemap(None, ""), region_shapes=None)
    _show(page, fmap.get_root().render())
    page.wait_for_selector(".hk-place span")
    labels = page.locator(".hk-place span").all_text_contents()
    assert PAYLOAD in labels and "Uusimaa" in labels
    _no_live_payload(page)
