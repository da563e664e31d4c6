"""Real-browser test: the payload corpus shows as text on every page, never as markup.

The app runs on a temporary copy of ``data/`` (real rows stay as they are) with payload rows
appended as test fixtures: projects whose names, implementers, funders and summaries, services
whose names, providers and summaries, and a Leader group whose name carry the corpus
(``<img onerror>``, ``<script>``, ``javascript:``, ``<a href>``, ``<span style>``, SVG with
``xlink:href``, Markdown links and images, entities, RTL override and zero-width characters).
Links with payloads in the URL (the Leader group, the search text, unknown values) and
uploads whose document name, column names and rows carry them are opened too.

Every payload carries the marker ``PWN``. The test fails on any ``<a>``, ``<img>``,
``<script>``, ``<iframe>`` (or other active element) whose attributes or text hold the marker,
on any ``style``, ``href``, ``xlink:href``, ``src`` or ``on…`` attribute that holds it — in the
page, inside the map iframes (tooltips and popups opened one by one) and in Plotly's SVG —,
on any JavaScript dialog and on any request to a host other than the app's own. Screenshots
go to ``test-artifacts/payloads/``.
"""

from __future__ import annotations

import csv
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest

from e2e.harness import MAP_DRAWN, MAP_FRAME

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "payloads"
MARKER = "PWN"

PAYLOADS = [
    f"<img src=x onerror=alert('{MARKER}1')>",
    f"<script>alert('{MARKER}2')</script>",
    f"javascript:alert('{MARKER}3')",
    f'<a href="https://evil.example/{MARKER}4">Kirjaudu {MARKER}4</a>',
    f'<span style="color:red;font-size:80px;--{MARKER}5:1">ISO {MARKER}5</span>',
    f'<svg onload=alert("{MARKER}6")><a xlink:href="javascript:alert(\'{MARKER}6\')"><text>{MARKER}6</text></a><image xlink:href="http://evil.example/{MARKER}6.png"/></svg>',
    f"[Tuki {MARKER}7](https://evil.example/{MARKER}7)",
    f"![seuranta {MARKER}8](http://evil.example/{MARKER}8.png)",
    f"<https://evil.example/{MARKER}9> www.evil.example/{MARKER}9",
    f"&lt;b&gt;{MARKER}10&lt;/b&gt; &#60;img src=x onerror=alert(1)&#62; &amp;",
    f"Kuusamo{MARKER}11\u202egpj.exe pay\u200bpal\ufeff\u2066x\u2069",
    f"<iframe src=\"https://evil.example/{MARKER}12\"></iframe>",
]
"""Each payload names the marker where a live element would carry it: in an attribute, a
URL or the element's text."""


def _payload(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


LEADER_GROUP = f"Ryhmä <img src=x onerror=alert('{MARKER}13')> [ryhmä {MARKER}14](https://evil.example/{MARKER}14)"
MANY_SERVICES = 2010
"""More than ``maps.COMPACT_POPUPS_ABOVE``: the nature page then shows the details card."""


def _append(path: Path, rows: list[dict]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in header})


def payload_data(target: Path) -> Path:
    """A copy of ``data/`` (without the built records: ``projects.csv`` is then loaded, with
    its real rows) plus payload projects, services and a Leader group."""
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns("built"))
    projects = []
    for i, text in enumerate(PAYLOADS):
        projects.append(
            {
                "id": f"pwn-p{i}",
                "name": f"{text} nimi",
                "implementer": f"{_payload(i + 1)} toteuttaja",
                "funder": f"{_payload(i + 2)} rahoittaja",
                "fund": "EAFRD",
                "period": "2021-2027",
                "start_date": "2024-01-01",
                "end_date": "2024-12-31",
                "budget_total_eur": str(900_000_000 + i),  # the largest funders: every payload funder is in the chart
                "public_funding_eur": str(800_000_000 + i),
                "municipalities": "226",
                "themes": "youth",
                "status": "ended",
                "website": "https://example.org/",  # a javascript: address is rejected on load (tests/core)
                "source_url": "https://example.org/",
                "summary": f"{_payload(i + 3)} kuvaus",
            }
        )
    projects.append(
        {
            "id": "pwn-leader",
            "name": f"{_payload(6)} Leader",
            "implementer": LEADER_GROUP,
            "fund": "EAFRD",
            "period": "2023-2027",
            "municipalities": "226",
            "themes": "youth",
            "leader": "true",
            "leader_group": LEADER_GROUP,
            "status": "ongoing",
            "source_url": "https://example.org/",
        }
    )
    _append(target / "projects.csv", projects)
    _append(
        target / "leader_groups.csv",
        [{"leader_group": LEADER_GROUP, "municipality": code, "partial": "false", "period": "2023-2027", "source_url": "https://example.org/"} for code in ("226", "301")],
    )
    services = [
        {
            "id": f"pwn-s{i}",
            "name": f"{_payload(i)} palvelu",
            "category": "green_care",
            "provider": f"{_payload(i + 1)} tuottaja",
            "municipality": "226",
            "lat": f"{62.70 + i * 0.01:.5f}",
            "lon": f"{24.70 + i * 0.01:.5f}",
            "location_precision": "exact",
            "website": "https://example.org/",
            "source_url": "https://example.org/",
            "summary": f"{_payload(i + 2)} kuvaus",
        }
        for i in range(len(PAYLOADS))
    ]
    # Enough points for the compact popups and the details card below the map (spread over
    # southern Finland so that a click at full zoom finds one marker).
    services += [
        {
            "id": f"pwn-m{i}",
            "name": f"{_payload(i)} paikka {i}",
            "category": "activity",
            "provider": f"{_payload(i + 1)} tuottaja",
            "municipality": "",
            "lat": f"{61.0 + (i // 60) * 0.05:.5f}",
            "lon": f"{23.0 + (i % 60) * 0.08:.5f}",
            "location_precision": "exact",
            "website": "https://example.org/",
            "source_url": "https://example.org/",
            "summary": f"{_payload(i + 2)} kuvaus",
        }
        for i in range(MANY_SERVICES)
    ]
    _append(target / "services.csv", services)
    return target


SCAN = r"""
(marker) => {
  marker = marker.toLowerCase();  // column names arrive lower-cased
  const ACTIVE = new Set(["a", "img", "script", "iframe", "image", "use", "object", "embed", "link", "style", "video", "audio", "source", "form", "base", "meta", "foreignobject"]);
  const URLISH = new Set(["style", "href", "xlink:href", "src", "srcset", "action", "formaction", "background", "poster", "data", "ping"]);
  const found = [];
  function describe(el) { return el.outerHTML.slice(0, 200); }
  function scan(root, where) {
    for (const el of root.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (!attr.value.toLowerCase().includes(marker)) continue;
        if (URLISH.has(name) || name.startsWith("on") || ACTIVE.has(tag)) found.push(`${where}: <${tag} ${name}=…> ${describe(el)}`);
      }
      if ((tag === "a" || tag === "script" || tag === "style" || tag === "iframe") && (el.textContent || "").toLowerCase().includes(marker)) {
        found.push(`${where}: <${tag}> text ${describe(el)}`);
      }
      // Plotly's own <b>/<i> (our hover templates) become these tspans; any other style
      // around payload text came from a <span style> in the data.
      const own = ["font-weight:bold", "font-style:italic"];
      if (tag === "tspan" && el.hasAttribute("style") && !own.includes(el.getAttribute("style").replace(/\s/g, "")) && (el.textContent || "").includes(marker)) {
        found.push(`${where}: Plotly <tspan style> ${describe(el)}`);
      }
    }
  }
  scan(document, location.href.slice(0, 60));
  return found;
}
"""

OPEN_MAP_TEXTS = r"""
(marker) => {
  marker = marker.toLowerCase();
  // Open every tooltip and popup of the Leaflet maps of this frame one by one and collect
  // what the DOM holds then (the tooltips and popups are made only when opened).
  const found = [];
  let opened = 0;
  const maps = Object.values(window).filter((v) => v && window.L && v instanceof L.Map);
  function check(container, where) {
    if (!container) return;
    const tmp = container.cloneNode(true);
    for (const el of [tmp, ...tmp.querySelectorAll("*")]) {
      const tag = el.tagName.toLowerCase();
      for (const attr of el.attributes) {
        if (attr.value.toLowerCase().includes(marker) && attr.name !== "title" && attr.name !== "alt") found.push(`${where}: <${tag} ${attr.name}> ${el.outerHTML.slice(0, 200)}`);
      }
      if (["a", "img", "script", "iframe", "svg", "image", "span", "style"].includes(tag) && el.textContent.toLowerCase().includes(marker)) found.push(`${where}: <${tag}> ${el.outerHTML.slice(0, 200)}`);
    }
  }
  function visit(layer, map) {
    if (layer.getLayers) { for (const child of layer.getLayers()) visit(child, map); }
    if (layer.getTooltip && layer.getTooltip() && layer.getLatLng === undefined && layer.getBounds) {
      layer.openTooltip(layer.getBounds().getCenter());
      const tip = layer.getTooltip();
      check(tip.getElement && tip.getElement(), "tooltip");
      opened++;
      layer.closeTooltip();
    } else if (layer.getTooltip && layer.getTooltip()) {
      layer.openTooltip();
      check(layer.getTooltip().getElement(), "tooltip");
      opened++;
      layer.closeTooltip();
    }
    if (layer.getPopup && layer.getPopup()) {
      layer.openPopup();
      check(layer.getPopup().getElement(), "popup");
      opened++;
      layer.closePopup();
    }
  }
  for (const map of maps) {
    map.eachLayer((layer) => {
      if (layer._featureGroup && layer.getLayers) {
        // A marker cluster: its click handler makes the popup of the clicked marker.
        const markers = layer.getLayers();
        for (const m of markers.slice(0, 400)) {
          layer.fire("click", {layer: m, latlng: m.getLatLng(), propagatedFrom: m});
          const pane = map.getPane("popupPane");
          check(pane, "cluster popup");
          opened++;
          map.closePopup();
        }
      } else {
        visit(layer, map);
      }
    });
    check(map.getContainer(), "map container");
  }
  return {found, opened, maps: maps.length};
}
"""


class Watch:
    """What must never happen: outside requests and JavaScript dialogs."""

    def __init__(self, page, own: str) -> None:
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        own_hosts = (own, own.replace("127.0.0.1", "localhost"))
        page.on("request", lambda r: None if r.url.startswith(own_hosts) or r.url.startswith(("data:", "blob:", "about:")) else self.outside.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))




@pytest.fixture(scope="module")
def app_url(tmp_path_factory, geodata_dir, browser):
    from e2e.harness import AppServer

    data = payload_data(tmp_path_factory.mktemp("payload-app") / "data")
    log = tmp_path_factory.mktemp("payload-log") / "streamlit.log"
    server = AppServer(data, log, env={"HANKEKARTTA_GEODATA_DIR": str(geodata_dir)})
    server.init_store()
    with server:
        yield server.url


def _leaks(page) -> list[str]:
    """Marker-bearing active elements and attributes in the page and in every frame."""
    found: list[str] = []
    for frame in page.frames:
        try:
            found += frame.evaluate(SCAN, MARKER)
        except Exception as exc:  # a frame replaced while scanning
            if "detached" not in str(exc) and "destroyed" not in str(exc):
                raise
    return found


def _map_texts(page) -> tuple[list[str], int]:
    found: list[str] = []
    opened = 0
    for frame in page.frames:
        if frame == page.main_frame:
            continue
        try:
            result = frame.evaluate(OPEN_MAP_TEXTS, MARKER)
        except Exception as exc:
            if "detached" not in str(exc) and "destroyed" not in str(exc):
                raise
            continue
        found += result["found"]
        opened += result["opened"]
    return found, opened


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : document.body.scrollHeight }")
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], int(height)), 12000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


def _wait_for_map(page, timeout: int = 90_000) -> None:
    page.frame_locator(MAP_FRAME).first.locator(MAP_DRAWN).first.wait_for(timeout=timeout)


def _settle(page) -> None:
    """Until Streamlit has finished the run (no running indicator) and the charts have drawn."""
    page.wait_for_timeout(1500)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=90_000)
    page.wait_for_timeout(1000)


def _visit(browser, url: str, name: str, map_expected: bool = True, after=None) -> tuple[list[str], Watch]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watch = Watch(page, url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    page.goto(url)
    if map_expected:
        _wait_for_map(page)
    _settle(page)
    leaks = _leaks(page)
    if map_expected:
        found, opened = _map_texts(page)
        assert opened > 0, f"{name}: no tooltip or popup opened on the map"
        leaks += found
    if after is not None:
        leaks += after(page)
    _screenshot(page, name)
    context.close()
    return leaks, watch


def _assert_clean(name: str, leaks: list[str], watch: Watch) -> None:
    assert leaks == [], f"{name}: live markup from payloads:\n" + "\n".join(leaks[:20])
    assert watch.dialogs == [], f"{name}: dialogs {watch.dialogs}"
    assert watch.outside == [], f"{name}: requests to other hosts {watch.outside[:10]}"


def _hover_charts(page) -> list[str]:
    """Hover the middle of every Plotly chart's plot area: the hover labels must be text too."""
    leaks: list[str] = []
    charts = page.locator(".js-plotly-plot .nsewdrag")
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        if not box:
            continue
        charts.nth(i).scroll_into_view_if_needed()
        box = charts.nth(i).bounding_box()
        for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
            page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * fraction)
            page.wait_for_timeout(150)
            leaks += page.evaluate(SCAN, MARKER)
    return leaks


def _count_plotly_texts(page) -> int:
    return page.evaluate(f"() => [...document.querySelectorAll('.js-plotly-plot text')].filter(t => t.textContent.includes('{MARKER}')).length")


def _funding_tabs(page, seen: dict | None = None) -> list[str]:
    """Open every tab below the funding map (only the open one is drawn) and scan each; in
    the charts tab also hover every chart. ``seen`` gets the payload texts in the charts."""
    leaks: list[str] = []
    labels = page.locator('[data-testid="stMain"]').get_by_role("tab").all_inner_texts()
    assert labels[-2:] == ["Kaaviot", "Hankkeet"], labels
    for label in labels:
        page.get_by_role("tab", name=label, exact=True).click()
        _settle(page)
        leaks += _leaks(page)
        if label == "Kaaviot":
            page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
            if seen is not None:
                seen["chart_texts"] = _count_plotly_texts(page)
            leaks += _hover_charts(page)
    return leaks


def test_funding_page_shows_payloads_as_text(browser, app_url):
    seen = {}
    leaks, watch = _visit(browser, app_url, "funding", after=lambda page: _funding_tabs(page, seen))
    _assert_clean("funding", leaks, watch)
    assert seen["chart_texts"] > 0, "the payload funders are not in the charts (the test would prove nothing)"


def test_funding_page_with_payloads_in_the_link(browser, app_url):
    query = urllib.parse.urlencode(
        [("q", f"{MARKER}"), ("funders", PAYLOADS[3]), ("funders", f"[x {MARKER}](https://evil.example/{MARKER})"), ("themes", PAYLOADS[0]), ("municipalities", "226"), ("level", PAYLOADS[6])]
    )
    leaks, watch = _visit(browser, f"{app_url}/?{query}", "funding-link", after=_funding_tabs)
    _assert_clean("funding link", leaks, watch)


def test_nature_page_popups_and_link(browser, app_url):
    query = urllib.parse.urlencode([("cat", "green_care"), ("sq", PAYLOADS[6]), ("near", PAYLOADS[0])])
    leaks, watch = _visit(browser, f"{app_url}/luontopalvelut?cat=green_care", "nature-full-popups")
    _assert_clean("nature (full popups)", leaks, watch)
    leaks, watch = _visit(browser, f"{app_url}/luontopalvelut?{query}", "nature-link")
    _assert_clean("nature link", leaks, watch)


def test_nature_page_details_card(browser, app_url):
    """With over 2 000 points the popups are short and a click shows the card below the map
    (the clicked point, number 6, is named with a Markdown link)."""

    def click_a_marker(page):
        frame = next(f for f in page.frames if f != page.main_frame and f.evaluate("() => !!window.L"))
        frame.evaluate(
            """() => {
                const map = Object.values(window).find((v) => v instanceof L.Map);
                let cluster = null;
                map.eachLayer((l) => { if (l._featureGroup) cluster = l; });
                const marker = cluster.getLayers().find((m) => Math.abs(m.getLatLng().lat - 61.0) < 1e-6 && Math.abs(m.getLatLng().lng - 23.48) < 1e-6);
                map.setView(marker.getLatLng(), 18, {animate: false});
            }"""
        )
        page.wait_for_timeout(1500)
        icon = page.frame_locator(MAP_FRAME).first.locator(".leaflet-marker-icon").first
        icon.click()
        page.locator('[data-testid="stVerticalBlockBorderWrapper"] h3, [data-testid="stVerticalBlock"] h3', has_text="paikka").first.wait_for(timeout=30_000)
        _settle(page)
        return _leaks(page)

    leaks, watch = _visit(browser, f"{app_url}/luontopalvelut", "nature-details-card", after=click_a_marker)
    _assert_clean("nature details card", leaks, watch)


def test_leader_page_group_from_the_link(browser, app_url):
    for name, group in (("leader-payload-group", LEADER_GROUP), ("leader-unknown-group", PAYLOADS[6] + PAYLOADS[7])):
        leaks, watch = _visit(browser, f"{app_url}/leader?" + urllib.parse.urlencode({"group": group, "ltheme": PAYLOADS[0]}), name)
        _assert_clean(name, leaks, watch)


KML = f"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>[kartta {MARKER}k](https://evil.example/{MARKER}k) &lt;img src=x onerror=alert('{MARKER}k')&gt;</name>
<Placemark><name>![kuva {MARKER}p](http://evil.example/{MARKER}p.png) &lt;a href="https://evil.example/{MARKER}p"&gt;x&lt;/a&gt;</name>
<description>&lt;script&gt;alert('{MARKER}d')&lt;/script&gt;</description><Point><coordinates>24.94,60.17</coordinates></Point></Placemark>
</Document></kml>
""".encode("utf-8")

DUPLICATE_HEADER_CSV = (
    f"id,name,fund,municipalities,[dup {MARKER}](https://evil.example/{MARKER}),[dup {MARKER}](https://evil.example/{MARKER}),![i {MARKER}](http://evil.example/{MARKER}.png)\n"
    "pwn-d1,b,EAFRD,226,d,e,f\n"
).encode("utf-8")

PAYLOAD_COLUMNS_CSV = (
    "id,name,implementer,fund,period,municipalities,themes,"
    f"<img src=x onerror=alert('{MARKER}c')>,[col {MARKER}](https://evil.example/{MARKER}c)\n"
    f"pwn-u1,\"{PAYLOADS[3]}\",\"{PAYLOADS[6]}\",EAFRD,2021-2027,226,youth,x,y\n"
).encode("utf-8")


def test_data_page_and_upload_reports(browser, app_url):
    leaks, watch = _visit(browser, f"{app_url}/tiedot", "data", map_expected=False)
    _assert_clean("data page", leaks, watch)
    for name, file_name, content in (
        ("upload-kml", f"<img src=x onerror=alert('{MARKER}f')>[f {MARKER}](https:evil.example).kml", KML),
        ("upload-duplicate-header", "kaksoissarake.csv", DUPLICATE_HEADER_CSV),
        ("upload-payload-columns", f"![f {MARKER}](http://evil.example/{MARKER}.png).csv", PAYLOAD_COLUMNS_CSV),
    ):

        def upload(page, file_name=file_name, content=content):
            count = "() => document.querySelectorAll('[data-testid=stDataFrame], [data-testid=stAlert]').length"
            before = page.evaluate(count)
            page.locator("input[type=file]").set_input_files(files=[{"name": file_name, "mimeType": "application/octet-stream", "buffer": content}])
            page.wait_for_function(f"() => ({count})() > {before}", timeout=60_000)  # the report or the refusal
            _settle(page)
            return _leaks(page)

        leaks, watch = _visit(browser, f"{app_url}/tiedot", name, map_expected=False, after=upload)
        _assert_clean(name, leaks, watch)


def test_uploaded_services_on_the_nature_map_stay_text(browser, app_url):
    """An upload's records join this session's maps: their popups are escaped as well."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watch = Watch(page, app_url)
    page.goto(f"{app_url}/tiedot")
    page.get_by_text("Tarkistusraportti").wait_for(timeout=60_000)
    page.locator("input[type=file]").set_input_files(files=[{"name": "palvelut.kml", "mimeType": "application/octet-stream", "buffer": KML}])
    page.get_by_text("Omia rivejä käytössä tässä istunnossa").first.wait_for(timeout=60_000)
    _settle(page)
    page.get_by_role("link", name="Luontopalvelut").first.click()
    _wait_for_map(page)
    _settle(page)
    leaks = _leaks(page)
    found, opened = _map_texts(page)
    _screenshot(page, "nature-with-upload")
    context.close()
    assert opened > 0
    _assert_clean("nature with upload", leaks + found, watch)


@pytest.fixture(scope="module")
def editor_app_url(tmp_path_factory, geodata_dir, browser):
    """The same payload data with sign-in on: an editor whose name and area carry payloads."""
    import json

    import bcrypt

    from e2e.harness import AppServer

    work = tmp_path_factory.mktemp("payload-editor")
    data = payload_data(work / "data")
    hashed = bcrypt.hashpw(EDITOR_PASSWORD.encode(), bcrypt.gensalt(rounds=6)).decode()
    (work / "users.yaml").write_text(
        f"credentials:\n  usernames:\n    pwn:\n      name: {json.dumps(PAYLOADS[6] + ' ' + PAYLOADS[0])}\n      password: '{hashed}'\n"
        f"      roles: [editor]\n      area: {{leader_group: {json.dumps(LEADER_GROUP)}}}\n",
        encoding="utf-8",
    )
    env = {"HANKEKARTTA_GEODATA_DIR": str(geodata_dir), "HANKEKARTTA_AUTH_CONFIG": str(work / "users.yaml"), "HANKEKARTTA_STORE": str(work / "store.duckdb")}
    server = AppServer(data, work / "streamlit.log", env=env)
    server.init_store()
    with server:
        yield server.url


EDITOR_PASSWORD = "Pwn-salasana-2026"
CONTRIBUTION_CSV = (
    "id,name,implementer,fund,municipalities,budget_total_eur,themes\n"
    f"pwn-c1,\"{PAYLOADS[6]}\",\"{PAYLOADS[0]}\",EAFRD,226,1200,youth\n"
    f"pwn-c2,\"{PAYLOADS[3]}\",\"{PAYLOADS[8]}\",EAFRD,091,800,youth\n"  # outside the editor's area: refused
    f"pwn-p0,\"{PAYLOADS[7]}\",x,EAFRD,226,10,youth\n"  # an id already in the data
).encode("utf-8")


def test_contributions_by_an_editor_with_payloads(browser, editor_app_url):
    """Sign in (name and area are payloads), upload rows named with payloads under a payload
    file name, see the area refusal and the id clash, store the batch, and list it."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watch = Watch(page, editor_app_url)
    page.goto(f"{editor_app_url}/tiedot")
    page.get_by_text("Tarkistusraportti").wait_for(timeout=60_000)
    page.get_by_label("Käyttäjätunnus").fill("pwn")
    page.get_by_label("Salasana", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.get_by_text("Kirjautunut").first.wait_for(timeout=30_000)
    file_name = f"[erä {MARKER}](https://evil.example/{MARKER}e).csv"
    page.locator("input[type=file]").set_input_files(files=[{"name": file_name, "mimeType": "text/csv", "buffer": CONTRIBUTION_CSV}])
    confirm = page.get_by_role("button", name="Vahvista ja tallenna kaikille")
    confirm.wait_for(timeout=60_000)
    _settle(page)
    leaks = _leaks(page)
    _screenshot(page, "contribution-report")
    confirm.click()
    page.get_by_role("button", name=re.compile("Peru erä")).first.wait_for(timeout=60_000)
    _settle(page)
    leaks += _leaks(page)
    _screenshot(page, "contribution-stored")
    context.close()
    _assert_clean("contributions", leaks, watch)
    # Everyone now sees the stored rows: the funding page of another session.
    leaks, watch = _visit(browser, f"{editor_app_url}/?q=pwn", "funding-with-contribution", after=_funding_tabs)
    _assert_clean("funding with the contribution", leaks, watch)


def test_data_page_in_english(browser, app_url):
    leaks, watch = _visit(browser, f"{app_url}/tiedot?lang=en", "data-en", map_expected=False)
    _assert_clean("data page (en)", leaks, watch)
