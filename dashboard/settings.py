"""Every environment variable Hankekartta reads, in one place, with its default.

Each entry point (``make``, ``python -m dashboard …``, the Streamlit app, the tests) asks
this module where things are, so that all of them find the same data the same way: a
command run by hand finds the boundaries that ``make run`` used.

=================================  ======================================================
variable                           meaning (default)
=================================  ======================================================
``HANKEKARTTA_DATA_DIR``           the records the app and CLI load (``data/``)
``HANKEKARTTA_SHARED_DIR``         the project workspace's shared folder (``../shared``)
``HANKEKARTTA_GEODATA_DIR``        boundaries + population read directly
                                   (``$HANKEKARTTA_SHARED_DIR/geodata`` when it exists)
``HANKEKARTTA_CACHE_DIR``          where ``fetch-geodata`` writes (``geodata/cache``)
``HANKEKARTTA_TILES``              basemap tile URL template, or ``none`` (OpenStreetMap)
``HANKEKARTTA_TILES_ATTRIBUTION``  attribution of a custom basemap
``HANKEKARTTA_STORE``              path of the embedded DuckDB store (``store/hankekartta.duckdb``)
``HANKEKARTTA_DATABASE_URL``       PostgreSQL URL; when set, the shared store is used
``HANKEKARTTA_STORE_POLL_SECONDS`` how often the app checks the store for new data (``2``)
``HANKEKARTTA_AUTH_CONFIG``        editors' sign-in file (YAML); unset: no sign-in, uploads
                                   stay in the browser session
``HANKEKARTTA_TEST_DATABASE_URL``  tests only: a PostgreSQL + PostGIS database the store
                                   tests may empty (``.ci/postgres.sh`` prints one)
``HANKEKARTTA_REQUIRE_POSTGRES``   tests only: ``1`` makes a missing PostgreSQL a failure
``HANKEKARTTA_INTERACTION``        ``baseline``: every change re-renders the whole page
                                   and rebuilds the map (the benchmark's baseline)
=================================  ======================================================
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
"""The checkout: ``data/``, ``geodata/``, ``static/`` and ``streamlit_app.py`` live here."""


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The directory of the records that the app and the CLI load."""
    return _env_path("HANKEKARTTA_DATA_DIR") or PROJECT_ROOT / "data"


def shared_dir() -> Path | None:
    """The workspace's shared folder, when this checkout sits beside one."""
    explicit = _env_path("HANKEKARTTA_SHARED_DIR")
    if explicit is not None:
        return explicit if explicit.is_dir() else None
    beside = PROJECT_ROOT.parent / "shared"
    return beside if beside.is_dir() else None


def geodata_dir() -> Path | None:
    """A directory of boundary layers read as they are (no copy), or None."""
    if "HANKEKARTTA_GEODATA_DIR" in os.environ:
        return _env_path("HANKEKARTTA_GEODATA_DIR")  # set but empty: explicitly none
    shared = shared_dir()
    if shared is not None and (shared / "geodata").is_dir():
        return shared / "geodata"
    return None


def cache_dir() -> Path:
    """Where downloaded or copied boundary layers are kept (gitignored)."""
    return _env_path("HANKEKARTTA_CACHE_DIR") or PROJECT_ROOT / "geodata" / "cache"


def tiles_disabled() -> bool:
    """``HANKEKARTTA_TILES=none`` (or ``off``): boundaries only, no tile requests."""
    return os.environ.get("HANKEKARTTA_TILES", "").strip().lower() in ("none", "off")


def tiles_url() -> str | None:
    """A custom basemap tile URL template, or None for the default (OpenStreetMap)."""
    value = os.environ.get("HANKEKARTTA_TILES", "").strip()
    return None if not value or tiles_disabled() else value


def tiles_attribution() -> str | None:
    return os.environ.get("HANKEKARTTA_TILES_ATTRIBUTION")


def store_path() -> Path:
    """The embedded store's file."""
    return _env_path("HANKEKARTTA_STORE") or PROJECT_ROOT / "store" / "hankekartta.duckdb"


def database_url() -> str | None:
    """The shared PostgreSQL store's URL, when one is configured."""
    return os.environ.get("HANKEKARTTA_DATABASE_URL", "").strip() or None


def store_poll_seconds() -> float:
    """Seconds between the app's checks of the store's data version (other replicas' writes)."""
    try:
        return max(0.0, float(os.environ.get("HANKEKARTTA_STORE_POLL_SECONDS", "2")))
    except ValueError:
        return 2.0


def auth_config() -> Path | None:
    """The editors' sign-in file, when contributions are enabled."""
    return _env_path("HANKEKARTTA_AUTH_CONFIG")


def interaction_baseline() -> bool:
    """``HANKEKARTTA_INTERACTION=baseline``: the pages re-render everything on every change
    (no kept-mounted map, no fragments, every tab below the map drawn) — what the interaction
    benchmark compares against."""
    return os.environ.get("HANKEKARTTA_INTERACTION", "").strip().lower() == "baseline"
