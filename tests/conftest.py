"""Shared fixtures: boundaries come from ../shared/geodata (never from the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The workspace directory with geodata/, seeds/, sample-imports/ (never committed): beside the
# checkout, or wherever HANKEKARTTA_SHARED_DIR says.
SHARED = Path(os.environ.get("HANKEKARTTA_SHARED_DIR") or REPO.parent / "shared")

if not os.environ.get("HANKEKARTTA_GEODATA_DIR") and (SHARED / "geodata").is_dir():
    os.environ["HANKEKARTTA_GEODATA_DIR"] = str(SHARED / "geodata")
# Never let a test write into the developer's real cache, store or shared database.
os.environ.setdefault("HANKEKARTTA_CACHE_DIR", str(REPO / ".pytest_cache" / "geodata-cache"))
os.environ.setdefault("HANKEKARTTA_STORE", str(REPO / ".pytest_cache" / "store" / "app.duckdb"))
os.environ.pop("HANKEKARTTA_DATABASE_URL", None)


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        message = f"{what} not found at {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def geodata_dir() -> Path:
    return _require(Path(os.environ.get("HANKEKARTTA_GEODATA_DIR", SHARED / "geodata")), "boundary data")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _require(SHARED, "the shared workspace directory")


@pytest.fixture(scope="session")
def resolver(geodata_dir):
    from dashboard.geo.resolver import build_resolver

    return build_resolver(2023)


@pytest.fixture(scope="session")
def municipalities(geodata_dir):
    from dashboard.geo.layers import load_municipalities

    return load_municipalities(2023)


@pytest.fixture(scope="session")
def regions(geodata_dir):
    from dashboard.geo.layers import load_regions

    return load_regions(2023)


@pytest.fixture(scope="session")
def municipality_region(municipalities, regions):
    from dashboard.geo.layers import municipality_regions

    return municipality_regions(municipalities, regions)


@pytest.fixture(scope="session")
def dataset(resolver):
    from dashboard.core.records import default_data_dir, load_dataset

    return load_dataset(default_data_dir(), resolver)
