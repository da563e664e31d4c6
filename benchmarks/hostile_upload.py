"""Responsiveness during a hostile upload: another session's funding map, normally and under attack.

Starts the app on the shipped data (its own store in a temporary folder, basemap off), then
measures in headless Chromium the time from opening the funding page in a fresh session
until its map has painted its data version (``.leaflet-container[data-painted-at]``, set by
``maps.MapVersion`` once Leaflet has drawn the layer), in ``repeats`` pairs:

1. with nothing else going on (normal),
2. started 1 s after a second browser session (a subprocess) began uploading the hostile file
   through the data page — the upload is read in a child process with memory and time limits
   (``dashboard/io/isolated.py``) until it is refused; the pair records whether the visit
   ended before the refusal (it overlapped the upload).

Pairs rather than phases: on a shared machine the background load drifts by seconds, and
both figures of a pair see the same drift.

Prints one JSON line: both medians, the ratio (target ≤ 2), every figure, the uploads
refused during phase 2 with their duration and message, and the server's peak memory.

    python -m benchmarks.hostile_upload [--attack xlsx_many_rows] [--repeats 5]

Attacks are the builders of ``tests/io/hostile_files.py`` (``xlsx_many_rows``: 7.7 MB that
unpack to 100 MB of 1.5 million rows, ~15 s of reading before the refusal; ``xlsx_100mb``,
``csv_empty_lines``, ``kmz_repeat``… are refused in under a second).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from e2e.harness import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, AppServer  # noqa: E402

PAINTED = ".leaflet-container[data-painted-at]"


def _hostile_files():
    spec = importlib.util.spec_from_file_location("hostile_files", REPO / "tests" / "io" / "hostile_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def time_to_painted_map(browser, url: str, timeout_ms: int = 180_000) -> float:
    """Seconds from opening the page in a new session until its map has painted its data."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    started = time.monotonic()
    page.goto(url)
    page.frame_locator(MAP_FRAME).first.locator(PAINTED).first.wait_for(state="attached", timeout=timeout_ms)
    elapsed = time.monotonic() - started
    context.close()
    return elapsed


def uploader(url: str, path: str, file_name: str, log: str) -> None:
    """Upload the file through the data page each time a line arrives on stdin (until EOF);
    one JSON line per upload started and per refusal."""
    from playwright.sync_api import sync_playwright

    content = Path(path).read_bytes()
    with sync_playwright() as playwright, open(log, "a") as out:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in sys.stdin:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            page.goto(f"{url}/tiedot")
            page.locator("input[type=file]").wait_for(state="attached", timeout=120_000)
            started = time.monotonic()
            print(json.dumps({"event": "upload", "at": time.time()}), file=out, flush=True)
            page.locator("input[type=file]").set_input_files(files=[{"name": file_name, "mimeType": "application/octet-stream", "buffer": content}])
            alert = page.locator('[data-testid="stAlertContentError"]').first
            alert.wait_for(timeout=300_000)
            message = " ".join(alert.inner_text().split())
            print(json.dumps({"event": "refused", "at": time.time(), "seconds": round(time.monotonic() - started, 2), "message": message}, ensure_ascii=False), file=out, flush=True)
            context.close()


def _wait_for(log: Path, event: str, count: int, timeout: float = 400) -> None:
    deadline = time.monotonic() + timeout
    while sum(e["event"] == event for e in _events(log)) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"no '{event}' #{count} from the uploader within {timeout:.0f} s")
        time.sleep(0.2)


def _events(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attack", default="xlsx_many_rows")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--data", type=Path, default=REPO / "data", help="data directory (default: the shipped data)")
    parser.add_argument("--uploader", nargs=4, metavar=("URL", "PATH", "NAME", "LOG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.uploader:
        uploader(*args.uploader)
        return 0

    from playwright.sync_api import sync_playwright

    from dashboard import settings

    hostile = _hostile_files()
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as tmp:
        file_name, content = hostile.ATTACKS[args.attack]()
        attack_path = Path(tmp) / "attack.bin"
        attack_path.write_bytes(content)
        env = {"HANKEKARTTA_GEODATA_DIR": str(settings.geodata_dir() or "")}
        server = AppServer(args.data, Path(tmp) / "streamlit.log", env=env)
        server.init_store()
        with server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            url = server.url
            time_to_painted_map(browser, url)  # the first visit loads the records into the server
            log = Path(tmp) / "uploads.jsonl"
            process = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.hostile_upload", "--uploader", url, str(attack_path), file_name, str(log)],
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                stdin=subprocess.PIPE,
                text=True,
            )
            # Pairs, so that both figures of a pair see the same background load: a normal
            # visit (no upload in flight), then a visit started 1 s after an upload began.
            before, during, overlapped = [], [], []
            try:
                for i in range(args.repeats):
                    before.append(time_to_painted_map(browser, url))
                    process.stdin.write("go\n")
                    process.stdin.flush()
                    _wait_for(log, "upload", i + 1)
                    time.sleep(1.0)  # the file is on its way to the server and being read
                    started = time.time()
                    during.append(time_to_painted_map(browser, url))
                    ended = time.time()
                    _wait_for(log, "refused", i + 1)
                    refusal = [e for e in _events(log) if e["event"] == "refused"][i]
                    overlapped.append(refusal["at"] > ended and started > refusal["at"] - refusal["seconds"])
            finally:
                process.stdin.close()
                process.wait(timeout=60)
            after = [time_to_painted_map(browser, url)]
            browser.close()
            peak = server.peak_memory_mb()
        events = _events(log)
    refused = [e for e in events if e["event"] == "refused"]
    normal = statistics.median(before)
    under_attack = statistics.median(during)
    pair_ratios = [d / b for b, d in zip(before, during)]
    print(
        json.dumps(
            {
                "benchmark": "hostile_upload",
                "attack": args.attack,
                "file": file_name,
                "file_bytes": len(content),
                "normal_s": round(normal, 2),
                "during_upload_s": round(under_attack, 2),
                "ratio": round(under_attack / normal, 2),
                "target_ratio": 2.0,
                "median_pair_ratio": round(statistics.median(pair_ratios), 2),
                "normal_all_s": [round(v, 2) for v in before],
                "during_all_s": [round(v, 2) for v in during],
                "during_overlapped_upload": overlapped,
                "after_s": [round(v, 2) for v in after],
                "uploads_started": sum(e["event"] == "upload" for e in events),
                "uploads_refused": len(refused),
                "refusal_s": [e["seconds"] for e in refused],
                "refusal_message": refused[0]["message"] if refused else None,
                "server_peak_mb": round(peak),
            },
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
