"""What a user waits for: Chromium drives the funding and nature pages through 20 changes.

For each change (a region, a fund, a period, the years slider, the metric, the level, a
clear-all, a map click, the clear-selection button, a text search; on the nature page two
categories, the place switch, the radius and a region) two times are
recorded, both from the input event itself (the first ``pointerdown``/``keydown`` after the
step is armed, time-stamped in the page):

* **to the map**: until the map has painted the new state. Every map marks the data
  version it has drawn (``data-version`` + ``data-painted-at`` on its container, see
  :class:`dashboard.ui.maps.MapVersion`); the version is a hash of the page's URL state, so
  a new version means exactly "this change is on the map";
* **to idle**: until the script run is over (``stApp[data-test-script-state=notRunning]``),
  nothing is stale, every chart has drawn its SVG and every table its canvas, for 300 ms.

The baseline is the same script against a second server started with
``HANKEKARTTA_INTERACTION=baseline`` (every change re-renders the whole page, every tab
below the map included, and rebuilds the map, as before the interaction work), in the same
run, rounds alternating.

``python -m benchmarks.interaction [--data DIR] [--baseline-only|--ours-only]`` prints one
line per step and a JSON summary; :func:`measure` is what ``benchmarks/run.py`` calls.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = Path(__file__).resolve().parents[1]
QUIET_MS = 300
ATTEMPTS = 3
RETRY_AFTER_MS = 15_000
LOOK_MS = 1000
"""After a page has loaded, the script waits this long before its first change (a person looks first)."""
STEP_TIMEOUT_MS = 60_000

# Runs in every frame (the map may sit in a component iframe): the first input event after
# the step is armed is the start of the measured interval.
INPUT_CLOCK = """
(() => {
  let top_ = window;
  try { top_ = window.top; void top_.document; } catch (e) { top_ = window; }
  const record = (event) => {
    try {
      if (top_.__hk_armed) {
        top_.__hk_armed = false;
        top_.__hk_input = performance.timeOrigin + performance.now();
        top_.__hk_input_type = event.type;
      }
    } catch (e) {}
  };
  window.addEventListener("pointerdown", record, true);
  window.addEventListener("keydown", record, true);
})();
"""

WATCHER = """
(() => {
  if (window.__hk_wait) return;
  const docs = () => {
    const out = [document];
    for (const frame of document.querySelectorAll("iframe")) {
      try { if (frame.contentDocument) out.push(frame.contentDocument); } catch (e) {}
    }
    return out;
  };
  window.__hk_marks = () => {
    const marks = [];
    for (const doc of docs()) {
      for (const el of doc.querySelectorAll("[data-version]")) {
        if (el.isConnected) marks.push({version: el.getAttribute("data-version"), painted: Number(el.getAttribute("data-painted-at"))});
      }
    }
    return marks;
  };
  const busy = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return "running";
    if (document.querySelector('[data-stale="true"]')) return "stale";
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
      if (!chart.querySelector(".main-svg")) return "chart";
    }
    // A table in a tab that is not shown (the baseline draws every tab below the map) draws
    // no canvas until the tab is opened: only the tables a person can see count.
    for (const table of document.querySelectorAll('[data-testid="stDataFrame"]')) {
      if (table.checkVisibility() && !table.querySelector("canvas")) return "table";
    }
    return "";
  };
  window.__hk_busy = busy;
  window.__hk_arm = () => { window.__hk_armed = true; window.__hk_input = null; };
  // Resolves when a map shows a version other than ``previous`` and the page has been idle
  // for ``quiet`` ms; times are ms since the epoch (performance.timeOrigin + now()).
  window.__hk_wait = (previous, quiet, timeout) => new Promise((resolve) => {
    const started = performance.now();
    let idleSince = null;
    const tick = () => {
      const now = performance.timeOrigin + performance.now();
      const fresh = window.__hk_marks().filter((m) => m.version && m.version !== previous && m.painted);
      // Until the map shows the change, only its mark is read: the idle checks query every
      // chart and table (checkVisibility forces style and layout), and running them every
      // 10 ms would slow the very page being measured (~10 % of its main thread in a probe).
      const reason = fresh.length ? busy() : "map";
      if (fresh.length && !reason) {
        idleSince = idleSince ?? now;
        if (now - idleSince >= quiet) {
          const last = fresh.reduce((a, b) => (b.painted > a.painted ? b : a));
          resolve({version: last.version, painted: last.painted, idle: idleSince, input: window.__hk_input, type: window.__hk_input_type});
          return;
        }
      } else {
        idleSince = null;
      }
      if (performance.now() - started > timeout) {
        resolve({timeout: true, busy: reason, marks: window.__hk_marks(), input: window.__hk_input});
        return;
      }
      setTimeout(tick, 10);
    };
    tick();
  });
})();
"""


@dataclass(frozen=True)
class Step:
    page: str  # "funding" or "nature"
    name: str
    prepare: Callable  # (page) -> None: everything before the measured input
    act: Callable  # (page) -> None: the measured input (armed just before)


# --- widget drivers (Finnish UI labels) ------------------------------------------------


def _widget(page, testid: str, label: str):
    return page.get_by_test_id(testid).filter(has=page.get_by_text(label, exact=True)).first


def _open_multiselect(label: str):
    def prepare(page):
        widget = _widget(page, "stMultiSelect", label)
        widget.locator("input").click()
        listbox = page.get_by_role("listbox").first
        try:
            listbox.wait_for(state="visible", timeout=1500)
        except PlaywrightTimeout:
            widget.get_by_role("button", name="Open").click()
            listbox.wait_for(state="visible", timeout=10_000)

    return prepare


def _choose_option(option: str):
    def act(page):
        page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
        page.keyboard.press("Escape")  # close the list (after the measured pointerdown)

    return act


def _radio(label: str, option: str):
    def act(page):
        _widget(page, "stRadio", label).get_by_text(option, exact=True).click()

    return act


def _focus_slider(label: str, thumb: int):
    def prepare(page):
        _widget(page, "stSlider", label).get_by_role("slider").nth(thumb).focus()

    return prepare


def _key(key: str):
    def act(page):
        page.keyboard.press(key)

    return act


def _fill(label: str, text: str):
    def prepare(page):
        page.get_by_label(label, exact=True).fill(text)

    return prepare


def _button(name: str):
    def act(page):
        page.get_by_role("button", name=name, exact=True).click()

    return act


def _nothing(page) -> None:
    return None


def _map_box(page) -> dict:
    """The map's box in page coordinates, wherever it is drawn (component iframe or page),
    scrolled into view first (a click outside the viewport does nothing)."""
    own = page.locator(".leaflet-container[data-version]")
    if own.count():
        own.first.scroll_into_view_if_needed()
        return own.first.bounding_box()
    for frame in page.frames:
        if frame.locator(".leaflet-container[data-version]").count():
            frame.locator(".leaflet-container[data-version]").first.scroll_into_view_if_needed()
            return frame.locator(".leaflet-container[data-version]").first.bounding_box()
    raise RuntimeError("no map on the page")


def _click_map(page) -> None:
    box = _map_box(page)
    # The middle of the map at the default view lies inside Finland (Keski-Suomi / Pohjois-Savo).
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.62)


SEARCH = "Haku (nimi, toteuttaja, kuvaus)"

SCRIPT: tuple[Step, ...] = (
    Step("funding", "region: Lappi", _open_multiselect("Maakunta"), _choose_option("Lappi")),
    Step("funding", "fund: EAFRD", _open_multiselect("Rahasto"), _choose_option("Maaseuturahasto (EAFRD)")),
    Step("funding", "period: 2014–2020", _open_multiselect("Rahoituskausi"), _choose_option("2014–2020")),
    Step("funding", "years: last year −1", _focus_slider("Käynnissä vuosina", 1), _key("ArrowLeft")),
    Step("funding", "metric: €/resident", _nothing, _radio("Mittari", "Euroa / asukas")),
    Step("funding", "level: regions", _nothing, _radio("Aluetaso", "Maakunnat")),
    Step("funding", "metric: projects", _nothing, _radio("Mittari", "Hankkeiden määrä")),
    Step("funding", "level: municipalities", _nothing, _radio("Aluetaso", "Kunnat")),
    Step("funding", "clear filters", _nothing, _button("Tyhjennä rajaukset")),
    Step("funding", "map click", _nothing, _click_map),
    Step("funding", "clear map selection", _nothing, _button("Poista karttavalinta")),
    Step("funding", "text search", _fill(SEARCH, "kylä"), _key("Enter")),
    Step("funding", "text cleared", _fill(SEARCH, ""), _key("Enter")),
    Step("funding", "metric: euros", _nothing, _radio("Mittari", "Euroa")),
    Step("nature", "category: national park", _open_multiselect("Luokka"), _choose_option("Kansallispuisto")),
    Step("nature", "category: + trail", _open_multiselect("Luokka"), _choose_option("Reitti")),
    Step("nature", "near: a municipality", _nothing, _radio("Lähellä", "Kunnan keskeltä")),
    Step("nature", "radius +", _focus_slider("Säde (km)", 0), _key("ArrowRight")),
    Step("nature", "near: no limit", _nothing, _radio("Lähellä", "(ei rajausta)")),
    Step("nature", "region: Lappi", _open_multiselect("Maakunta"), _choose_option("Lappi")),
)
PAGES = {"funding": "", "nature": "luontopalvelut"}


def _wait(page, previous: str | None, timeout_ms: int = STEP_TIMEOUT_MS) -> dict:
    page.evaluate(WATCHER)
    return page.evaluate("([p, q, t]) => window.__hk_wait(p, q, t)", [previous, QUIET_MS, timeout_ms])


def _current_version(page) -> str | None:
    page.evaluate(WATCHER)
    marks = page.evaluate("() => window.__hk_marks()")
    return marks[-1]["version"] if marks else None


def _failure_screenshot(page) -> None:
    path = Path(tempfile.gettempdir()) / "hankekartta-interaction-failed.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot of the failed step: {path}", file=sys.stderr)


def run_script(base_url: str, browser, steps=SCRIPT, log=print, screenshots: Path | None = None) -> list[dict]:
    """Drive one fresh session through ``steps``; one record per step (and, with
    ``screenshots``, a picture of the page after each step)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script(INPUT_CLOCK)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    records: list[dict] = []
    shown_page = None
    for step in steps:
        if step.page != shown_page:
            page.goto(f"{base_url}/{PAGES[step.page]}")
            first = _wait(page, None, 180_000)
            if first.get("timeout"):
                raise RuntimeError(f"{step.page} page did not become idle: {first}")
            page.wait_for_timeout(LOOK_MS)
            shown_page = step.page
        previous = _current_version(page)
        for attempt in range(ATTEMPTS):
            last = attempt == ATTEMPTS - 1
            try:
                step.prepare(page)
                page.evaluate("() => window.__hk_arm()")
                step.act(page)
                result = _wait(page, previous, STEP_TIMEOUT_MS if last else RETRY_AFTER_MS)
            except PlaywrightTimeout as error:
                result = {"timeout": True, "error": str(error).splitlines()[0]}
            if not result.get("timeout") and result.get("input") is not None:
                break
            # The input did not take (a list closed under the pointer, a widget re-rendered):
            # if nothing has changed, put the page back and do the step again.
            page.keyboard.press("Escape")
            page.wait_for_timeout(QUIET_MS)
            if last or _current_version(page) != previous:
                _failure_screenshot(page)
                raise RuntimeError(f"step {step.name!r}: no new map state ({result})")
            log(f"  {step.name}: the input did not take, again (attempt {attempt + 2})")
        record = {
            "page": step.page,
            "step": step.name,
            "map_ms": round(result["painted"] - result["input"], 1),
            "idle_ms": round(result["idle"] - result["input"], 1),
            "version": result["version"],
        }
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshots / f"{len(records):02d}-{step.page}.png"))
        log(f"  {step.page:<8} {step.name:<26} map {record['map_ms']:>8.0f} ms   idle {record['idle_ms']:>8.0f} ms")
        records.append(record)
    context.close()
    if errors:
        raise RuntimeError(f"JavaScript errors on the page: {errors[:3]}")
    return records


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q))


def summarise(records: list[dict]) -> dict[str, float]:
    maps_ms = [r["map_ms"] for r in records]
    idle_ms = [r["idle_ms"] for r in records]
    return {
        "map_ms_p50": round(statistics.median(maps_ms), 1),
        "map_ms_p95": round(percentile(maps_ms, 95), 1),
        "idle_ms_p50": round(statistics.median(idle_ms), 1),
        "idle_ms_p95": round(percentile(idle_ms, 95), 1),
    }


def measure(data_dir: Path, work: Path | None = None, rounds: int = 1, env: dict | None = None, log=print, modes=("baseline", "ours")) -> dict:
    """The interaction figures for ``benchmarks/run.py``: ours and the baseline, same data.

    Both servers run side by side and the rounds alternate (baseline, ours, baseline, …), so
    that load from anything else on the machine falls on both alike.
    """
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from e2e.harness import CHROMIUM, CHROMIUM_ARGS, AppServer

    work = work or Path(tempfile.mkdtemp(prefix="hankekartta-interaction-"))
    per_mode: dict[str, list[dict]] = {mode: [] for mode in modes}
    with ExitStack() as stack:
        servers = {
            mode: stack.enter_context(AppServer(data_dir, work / f"streamlit-{mode}.log", env=dict(env or {}, HANKEKARTTA_INTERACTION=mode, STREAMLIT_SERVER_FILE_WATCHER_TYPE="none")))
            for mode in modes
        }
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for server in servers.values():
            # One unmeasured visit per page: the server loads and joins the data, Python warms up.
            for path in PAGES.values():
                context = browser.new_context()
                warm = context.new_page()
                warm.goto(f"{server.url}/{path}")
                _wait(warm, None, 180_000)
                context.close()
        for round_ in range(rounds):
            for mode, server in servers.items():
                log(f"{mode}: round {round_ + 1}/{rounds}")
                per_mode[mode] += run_script(server.url, browser, log=log)
        browser.close()
    results: dict[str, object] = {}
    if "ours" in per_mode:
        ours = summarise(per_mode["ours"])
        results.update(
            interaction_ms_p50=ours["map_ms_p50"],
            interaction_ms_p95=ours["map_ms_p95"],
            idle_ms_p50=ours["idle_ms_p50"],
            idle_ms_p95=ours["idle_ms_p95"],
        )
    if "baseline" in per_mode:
        base = summarise(per_mode["baseline"])
        results.update(
            interaction_baseline_ms_p50=base["map_ms_p50"],
            interaction_baseline_ms_p95=base["map_ms_p95"],
            idle_baseline_ms_p50=base["idle_ms_p50"],
        )
    if "ours" in per_mode and "baseline" in per_mode:
        results["interaction_speedup"] = round(results["interaction_baseline_ms_p50"] / max(results["interaction_ms_p50"], 1.0), 1)
    results["interaction_steps"] = per_mode
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Hankekartta interaction benchmark (headless Chromium)")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="data directory (default: the shipped data)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--mode", choices=("both", "baseline", "ours"), default="both")
    args = parser.parse_args(argv)
    modes = ("baseline", "ours") if args.mode == "both" else (args.mode,)
    results = measure(args.data, rounds=args.rounds, modes=modes)
    steps = results.pop("interaction_steps")
    print(json.dumps(results))
    return 0 if steps else 1


if __name__ == "__main__":
    raise SystemExit(main())
