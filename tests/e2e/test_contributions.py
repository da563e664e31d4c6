"""Real-browser test of contributions: sign in, upload, confirm, seen by others, withdraw.

An editor (area: Leader Viisari) signs in on the data page — a wrong password first, which
does not get in — uploads three project rows (one with an unknown fund is rejected) and
confirms. A second, anonymous browser context sees the two new projects on the funding
page; the editor withdraws the batch and the anonymous view no longer shows them.
Screenshots go to ``test-artifacts/contributions-*.png``.
"""

from __future__ import annotations


from pathlib import Path

import pytest

from e2e.harness import MAP_DRAWN, MAP_FRAME, require_browser, write_editor_config

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
PASSWORD = "Viisari-salasana-2026"
UPLOAD = (
    "id,name,fund,municipalities,budget_total_eur,themes\n"
    "selain-1,Selainhanke Karstula,EAFRD,Karstula,1200,smart_villages\n"
    "selain-2,Selainhanke Saarijärvi,EAFRD,Saarijärvi,800,youth\n"
    "selain-3,Selainhanke huono,XYZ,Karstula,10,youth\n"
)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, geodata_dir):
    require_browser()
    from e2e.harness import AppServer

    work = tmp_path_factory.mktemp("contributions")
    users = write_editor_config(work / "users.yaml", "viisari", "Viisarin toimittaja", PASSWORD, "{leader_group: Leader Viisari}")
    env = {"HANKEKARTTA_GEODATA_DIR": str(geodata_dir), "HANKEKARTTA_AUTH_CONFIG": str(users), "HANKEKARTTA_STORE": str(work / "store.duckdb")}
    server = AppServer(REPO / "data", work / "streamlit.log", env=env)
    server.init_store()
    with server:
        yield server.url




def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : document.body.scrollHeight }")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height))})
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / f"contributions-{name}.png"), full_page=True)
    page.set_viewport_size(size)


def _wait_for_metric(page, label: str, value: str, timeout: int = 20_000) -> None:
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid=stMetric]')].some(m =>
            m.innerText.includes(label) && m.querySelector('[data-testid=stMetricValue]')?.innerText.trim() === value)""",
        arg=[label, value],
        timeout=timeout,
    )


def _funding(page, url: str, query: str = "") -> None:
    page.goto(f"{url}/{query}")
    page.frame_locator(MAP_FRAME).first.locator(MAP_DRAWN).first.wait_for(timeout=60_000)


def _sign_in(page, password: str) -> None:
    page.get_by_label("Käyttäjätunnus").fill("viisari")
    page.get_by_label("Salasana", exact=True).fill(password)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()


def test_an_editor_contributes_others_see_it_and_it_can_be_withdrawn(browser, app_url, tmp_path):
    editor = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    editor.goto(f"{app_url}/tiedot")
    editor.get_by_text("Tarkistusraportti").wait_for(timeout=30_000)

    _sign_in(editor, "väärä salasana")
    editor.get_by_text("Väärä käyttäjätunnus tai salasana.").wait_for(timeout=20_000)
    assert editor.get_by_text("Kirjautunut").count() == 0
    assert editor.locator("input[type=file]").count() == 1  # the session-only upload still works
    _screenshot(editor, "wrong-password")

    _sign_in(editor, PASSWORD)
    editor.get_by_text("Kirjautunut Viisarin toimittaja").wait_for(timeout=20_000)

    upload = tmp_path / "viisarin_hankkeet.csv"
    upload.write_text(UPLOAD, encoding="utf-8")
    editor.locator("input[type=file]").set_input_files(str(upload))
    confirm = editor.get_by_role("button", name="Vahvista ja tallenna kaikille")
    confirm.wait_for(timeout=30_000)
    editor.get_by_text("projects: 2 tallennetaan").wait_for(timeout=10_000)
    editor.get_by_role("button", name="Lataa hylätyt rivit").wait_for(timeout=10_000)  # the rejected row
    _screenshot(editor, "report-before-confirm")
    confirm.click()
    withdraw = editor.get_by_role("button", name="Peru erä 2 (viisarin_hankkeet.csv, 2)")
    withdraw.wait_for(timeout=30_000)
    editor.get_by_text("Tämä tiedosto on jo tallennettu erässä 2").wait_for(timeout=10_000)
    _screenshot(editor, "stored")

    anonymous = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    _funding(anonymous, app_url)
    _wait_for_metric(anonymous, "Hankkeita", "23\u00a0067")
    _funding(anonymous, app_url, "?q=Selainhanke")
    _wait_for_metric(anonymous, "Hankkeita", "2")
    anonymous.get_by_role("tab", name="Hankkeet", exact=True).click()  # the project table's tab
    anonymous.get_by_text("Selainhanke Karstula", exact=True).first.wait_for(state="attached", timeout=20_000)  # the table
    assert anonymous.get_by_text("Selainhanke Saarijärvi", exact=True).count() == 1
    assert anonymous.get_by_text("Selainhanke huono").count() == 0
    _screenshot(anonymous, "anonymous-sees-them")

    withdraw.click()
    editor.get_by_text("Ei voimassa olevia lisäyksiä.").wait_for(timeout=30_000)
    _screenshot(editor, "withdrawn")

    _funding(anonymous, app_url)
    _wait_for_metric(anonymous, "Hankkeita", "23\u00a0065")
    _funding(anonymous, app_url, "?q=Selainhanke")
    _wait_for_metric(anonymous, "Hankkeita", "0")
    _screenshot(anonymous, "anonymous-after-withdraw")
    editor.context.close()
    anonymous.context.close()
