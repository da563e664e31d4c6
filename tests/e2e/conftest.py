"""Fixtures shared by the real-browser tests."""

from __future__ import annotations

import pytest

from e2e.harness import CHROMIUM, CHROMIUM_ARGS, require_browser


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module (a missing browser skips,
    or fails under HANKEKARTTA_REQUIRE_BROWSER)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
