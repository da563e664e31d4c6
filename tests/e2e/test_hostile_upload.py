"""Real-browser test: a hostile upload through the data page is refused in the visitor's language.

The files are built by ``tests/io/hostile_files.py`` (never committed): a CSV of a header and
a million empty lines (1 MB) and an ``.xlsx`` of 300 KB that unpacks to 100 MB. The refusal
names the limit and the figure found, in Finnish, Swedish or English as the page is shown;
the page stays usable (the data page's own report is still there). No time is asserted here:
``benchmarks/hostile_upload.py`` measures the other sessions' responsiveness.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest



pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "payloads"


def hostile_files():
    spec = importlib.util.spec_from_file_location("hostile_files", REPO / "tests" / "io" / "hostile_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module




@pytest.fixture(scope="module")
def app_url(tmp_path_factory, geodata_dir, browser):
    from e2e.harness import AppServer

    data = tmp_path_factory.mktemp("hostile-app") / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("built"))  # the curated records load fast
    server = AppServer(data, tmp_path_factory.mktemp("hostile-log") / "streamlit.log", env={"HANKEKARTTA_GEODATA_DIR": str(geodata_dir)})
    server.init_store()
    with server:
        yield server.url


EXPECTED = {
    ("csv_empty_lines", "fi"): "tiedostossa on yli 200\xa0000 riviä (1\xa0000\xa0000 riviä otsikon jälkeen); raja on 200\xa0000 riviä",
    ("csv_empty_lines", "sv"): "filen har fler än 200\xa0000 rader (1\xa0000\xa0000 rader efter rubriken); gränsen är 200\xa0000 rader",
    ("csv_empty_lines", "en"): "the file has more than 200,000 rows (1,000,000 lines after the header); the limit is 200,000 rows",
    ("xlsx_100mb", "fi"): "'xl/worksheets/sheet1.xml' purkautuu 343-kertaiseksi pakattuun kokoonsa nähden (zip-pommi?); raja on 100-kertainen",
    ("xlsx_100mb", "en"): "'xl/worksheets/sheet1.xml' unpacks 343× its packed size (a zip bomb?); the limit is 100×",
}
"""What the visitor reads (as shown: the Markdown escapes are not visible)."""


@pytest.mark.parametrize("attack, lang", list(EXPECTED))
def test_hostile_upload_is_refused_with_its_limit_in_the_visitors_language(browser, app_url, attack, lang):
    file_name, content = getattr(hostile_files(), attack)()
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app_url}/tiedot?lang={lang}")
    page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
    page.locator("input[type=file]").set_input_files(files=[{"name": file_name, "mimeType": "application/octet-stream", "buffer": content}])
    alert = page.locator('[data-testid="stAlertContentError"]').first
    alert.wait_for(timeout=120_000)
    text = " ".join(alert.inner_text().split())
    assert text == " ".join(EXPECTED[(attack, lang)].split()), text
    # The page is still there and still answers: the validation report of the shipped data.
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    alert.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"refused-{attack}-{lang}.png"))
    assert dialogs == []
    context.close()
