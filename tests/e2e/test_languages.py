"""Real-browser pass of every page in Finnish, Swedish and English, on desktop and phone.

Issue 12: "much of the Finnish and Swedish UI is English". This test opens every page — the
funding page (also filtered, so its notices and rankings show), the nature services, Leader
coverage, the data page with the editors' sign-in form (a sign-in file is configured) — in
``fi``, ``sv`` and ``en`` at 1440×900 and 390×844, saves a full-page screenshot of each
under ``test-artifacts/languages/`` and fails when the visible text of a Finnish or Swedish
page contains one of :data:`ENGLISH_WORDS` (whole words, any case).

Only the app's own texts are checked: the map (an iframe), the tables (drawn on a canvas) and
the tick labels of charts (names from the data) are left out, so an implementer called
"… Project Oy" is not a finding. The words are chosen so that neither Finnish nor Swedish
uses them ("status" and "period" are Swedish words too, so they are not in the list).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from e2e.harness import MAP_DRAWN, MAP_FRAME, require_browser, write_editor_config

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "languages"
LANGUAGES = ("fi", "sv", "en")
DEVICES = {"desktop": (1440, 900), "phone": (390, 844)}
PAGES = {
    "rahoitus": "",
    "rahoitus-lappi": "?regions=19&level=municipality",
    "luontopalvelut": "luontopalvelut",
    "luontopalvelut-lahella": "luontopalvelut?near=municipality&near_m=305&radius=1000",
    "leader": "leader",
    "tiedot": "tiedot",
}
"""Page name (screenshot) → path and query. The second funding and nature views show the
area notice, the rankings of one region, and a notice about a corrected link."""

ENGLISH_WORDS = (
    "project", "projects", "rejected", "accepted", "reason", "reasons", "warning", "warnings", "none", "null", "nan",
    "budget", "funding", "funder", "funders", "implementer", "implementers", "service", "services", "search", "download",
    "filter", "filters", "municipality", "municipalities", "region", "regions", "upload", "uploads", "browse", "drag",
    "file", "files", "rows", "unknown", "residents", "rank", "share", "choose", "clear", "level", "theme", "themes",
    "source", "sources", "licence", "license", "sign in", "password", "username", "results", "distance", "radius",
    "euros", "per resident", "areas", "nothing", "limit", "validation", "report", "template", "contribution",
)
"""English words the app could show (its catalogue's English, Streamlit's own widget texts)."""

ALSO_NATIVE = {"sv": {"filter", "budget"}}
"""Words of the list that are also the language's own ("Filter", "Total budget" are Swedish)."""

_PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(ENGLISH_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
PASSWORD = "Kielitesti-2026"

VISIBLE_UI_TEXT = """() => {
  const root = document.querySelector('[data-testid=stApp]') || document.body;
  const copy = root.cloneNode(true);
  // data, not the app's words: tables (canvas), chart ticks (names from data), maps (iframes);
  // icons are ligatures ("upload", "visibility"), not words
  copy.querySelectorAll('[data-testid=stDataFrame], .xtick, .ytick, iframe, [data-testid=stToolbar], [data-testid=stDecoration], [data-testid=stIconMaterial]').forEach(e => e.remove());
  document.body.appendChild(copy);
  copy.style.position = 'absolute'; copy.style.left = '-99999px';
  const text = copy.innerText;
  copy.remove();
  return text;
}"""


_NOT_WORDS = re.compile(r"\S+=\S*|\S+\.(?:csv|geojson|json|xlsx|kml|kmz|txt|gz)\b", re.IGNORECASE)
"""A link's ``param=value`` echoed in a notice and file names (``services.csv``) are no words."""


def english_words(text: str, lang: str = "fi") -> list[str]:
    """The words of :data:`ENGLISH_WORDS` in ``text`` (whole words, case-insensitive), in order,
    except those that are also words of ``lang`` (:data:`ALSO_NATIVE`)."""
    native = ALSO_NATIVE.get(lang, set())
    return [m.group(0) for m in _PATTERN.finditer(_NOT_WORDS.sub(" ", text)) if m.group(0).casefold() not in native]


def test_english_words_match_whole_words_only():
    assert english_words("Hankkeita 23 065 · Projekt · Lataa CSV") == []
    assert english_words("Search: None; 3 projects rejected") == ["Search", "None", "projects", "rejected"]
    assert english_words("Kuntaprojektit, regionaalinen, filtteri") == []
    assert english_words("radius=1000 — siirretty · services.csv: Huomautuksia 11") == []
    assert english_words("Filter · Total budget", "sv") == [] and english_words("Filter", "fi") == ["Filter"]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, geodata_dir):
    require_browser()
    from e2e.harness import AppServer

    work = tmp_path_factory.mktemp("languages")
    users = write_editor_config(work / "users.yaml", "kieli", "Kielitestaaja", PASSWORD, "{region: '13'}")
    env = {"HANKEKARTTA_GEODATA_DIR": str(geodata_dir), "HANKEKARTTA_AUTH_CONFIG": str(users), "HANKEKARTTA_STORE": str(work / "store.duckdb")}
    server = AppServer(REPO / "data", work / "streamlit.log", env=env)
    server.init_store()
    with server:
        yield server.url




def _settle(page, name: str, lang: str) -> None:
    """Wait until the page has drawn: its map (or the data page's sign-in form) and its last
    element, the attribution (a fragment's rerun can end while the page below it still builds)."""
    from dashboard.ui.i18n import t

    if name.startswith("tiedot"):
        page.locator('[data-testid=stForm], [data-testid=stExpander]').first.wait_for(timeout=60_000)
    else:
        page.frame_locator(MAP_FRAME).first.locator(MAP_DRAWN).first.wait_for(timeout=90_000)
    page.get_by_text(t("attribution", lang)).first.wait_for(timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    page.wait_for_timeout(1200)


def _screenshot(page, path: Path) -> None:
    """Full page: Streamlit scrolls inside its main block, so the viewport grows to it."""
    size = page.viewport_size
    height = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : document.body.scrollHeight }")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height), 16_000))})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def _open_sidebar(page, width: int) -> None:
    """On a phone the sidebar (the filters) starts closed: open it, so its texts are checked too."""
    if width >= 640:
        return
    button = page.locator('[data-testid=stExpandSidebarButton], [data-testid=stSidebarCollapsedControl] button').first
    if button.count():
        button.click()
        page.wait_for_timeout(800)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_speaks_one_language(browser, app_url, lang):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    findings: dict[str, list[str]] = {}
    for device, (width, height) in DEVICES.items():
        errors: list[str] = []
        for name, path in PAGES.items():
            # A context per page: the sidebar opened on the previous page would stay open.
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            separator = "&" if "?" in path else "?"
            page.goto(f"{app_url}/{path}{separator}lang={lang}")
            _settle(page, name, lang)
            _screenshot(page, ARTIFACTS / f"{name}-{lang}-{device}.png")
            _open_sidebar(page, width)  # after the screenshot: an open sidebar covers a phone's page
            text = page.evaluate(VISIBLE_UI_TEXT)
            (ARTIFACTS / f"{name}-{lang}-{device}.txt").write_text(text, encoding="utf-8")
            assert "Traceback" not in text and "Error" not in text.split(), f"{name} ({lang}, {device}) shows an error"
            if lang != "en":
                found = english_words(text, lang)
                if found:
                    findings[f"{name}/{device}"] = sorted(set(found))
            context.close()
        assert errors == [], errors[:3]
    assert findings == {}, f"English words on {lang} pages: {findings}"
