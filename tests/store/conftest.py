"""The ``store`` fixture: every store test runs on DuckDB and on PostgreSQL + PostGIS.

PostgreSQL comes from ``HANKEKARTTA_TEST_DATABASE_URL`` (``.ci/postgres.sh`` starts one and
prints the URL; ``make test`` does that). Each test gets a schema of its own, dropped
afterwards. Without a database the PostgreSQL half skips — and fails when ``CI`` or
``HANKEKARTTA_REQUIRE_POSTGRES=1`` is set, so CI cannot pass without having run it.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

BACKENDS = ("duckdb", "postgresql")


def _require_postgres() -> str:
    url = os.environ.get("HANKEKARTTA_TEST_DATABASE_URL", "").strip()
    required = os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("HANKEKARTTA_REQUIRE_POSTGRES") == "1"
    problem = None
    if not url:
        problem = "HANKEKARTTA_TEST_DATABASE_URL is not set: run `.ci/postgres.sh` (or `make test`) for a PostgreSQL + PostGIS to test against"
    else:
        try:
            import psycopg

            with psycopg.connect(url, connect_timeout=5) as conn:
                conn.execute("SELECT postgis_version()")
        except Exception as exc:  # noqa: BLE001 - any failure means no usable database
            problem = f"PostgreSQL + PostGIS at {url} is not usable: {exc}"
    if problem:
        if required:
            pytest.fail(problem)
        pytest.skip(problem)
    return url


@pytest.fixture
def database_url():
    """A PostgreSQL URL whose search path starts with a fresh schema (dropped afterwards)."""
    import psycopg

    url = _require_postgres()
    schema = f"hk_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    yield f"{url}{separator}options={quote(f'-csearch_path={schema},public')}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def backend_location(request, tmp_path):
    """("duckdb", path) or ("postgresql", url) of an empty store."""
    if request.param == "duckdb":
        return "duckdb", tmp_path / "store" / "test.duckdb"
    return "postgresql", request.getfixturevalue("database_url")


@pytest.fixture
def empty_store(backend_location):
    from dashboard.store import open_store

    kind, where = backend_location
    return open_store(path=where) if kind == "duckdb" else open_store(url=where)


@pytest.fixture(scope="session")
def shipped(geodata_dir):
    """The shipped records as a batch, built once per session (load + validate + allocate)."""
    from dashboard import settings
    from dashboard.store.build import shipped_batch

    return shipped_batch(settings.data_dir())


@pytest.fixture
def store(empty_store, shipped):
    """A store holding the shipped records (batch 1)."""
    empty_store.write_batch(shipped)
    return empty_store


NEW_PROJECTS = (
    "id,name,fund,municipalities,budget_total_eur,themes\n"
    "c-karstula,Karstulan kyläverkko,EAFRD,Karstula,1000,smart_villages\n"
    "c-bad,Huono rivi,XYZ,Karstula,10,youth\n"
    "c-saarijarvi,Saarijärven polut,EAFRD,Saarijärvi,2500.50,nature_tourism\n"
)
"""Three rows: two valid projects in Keski-Suomi (1000 € and 2500.50 €), one with an unknown fund."""


@pytest.fixture
def contribute(resolver, municipalities, municipality_region):
    """``contribute(store, text, editor=…, on_existing=…, area=…)`` → (batch id, contribution, batch)."""
    from dashboard.io.importers import import_bytes
    from dashboard.store.batches import contribution_batch, prepare_contribution

    def run(store, text=NEW_PROJECTS, editor="anna", on_existing="skip", area=None, name="omat.csv"):
        data = text.encode("utf-8")
        result = import_bytes("canonical", data, resolver, filename=name)
        contribution = prepare_contribution(
            result, existing_ids=store.live_ids(result.kind), municipality_region=municipality_region, municipalities=municipalities, area=area
        )
        batch = contribution_batch(contribution, editor=editor, file_name=name, content=data, on_existing=on_existing)
        return (store.write_batch(batch) if batch.accepted else None), contribution, batch

    return run
