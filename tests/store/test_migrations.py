"""Numbered migrations: a new store gets them all, an older one is upgraded, a newer or
foreign one is refused without being touched."""

from __future__ import annotations

import pytest

from dashboard.store import SchemaVersionError
from dashboard.store.migrations import LATEST, MIGRATIONS, migrate


def test_a_new_store_has_every_migration(empty_store):
    assert empty_store.schema_version() == LATEST == MIGRATIONS[-1].version
    with empty_store.backend.connect() as c:
        applied = [r[0] for r in c.rows("SELECT version FROM schema_migrations ORDER BY version")]
        tables = c.table_names()
    assert applied == [m.version for m in MIGRATIONS]
    assert {"batches", "raw_files", "sources", "projects", "allocation", "services", "leader_groups", "sign_in_attempts"} <= tables


def test_an_older_store_is_upgraded_and_keeps_its_records(backend_location, shipped):
    from dashboard.store import open_store

    kind, where = backend_location
    old = open_store(path=where, upgrade=False) if kind == "duckdb" else open_store(url=where, upgrade=False)
    with old.backend.connect() as c:
        assert migrate(old.backend, c, target=1) == (0, 1)
    with old.backend.connect() as c:
        assert "sign_in_attempts" not in c.table_names()
    old.write_batch(shipped)
    assert old.schema_version() == 1
    upgraded = open_store(path=where) if kind == "duckdb" else open_store(url=where)
    assert upgraded.schema_version() == LATEST
    assert upgraded.status()["projects"] == 23065
    upgraded.record_sign_in("anna", False)  # the table of migration 2 works


def test_a_newer_store_is_refused_untouched(empty_store):
    from dashboard.store import open_store

    with empty_store.backend.connect() as c:
        c.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", (str(LATEST + 1),))
    with pytest.raises(SchemaVersionError, match=rf"schema version {LATEST + 1}, newer than this program's {LATEST}.*not touched"):
        empty_store.upgrade()
    assert empty_store.schema_version() == LATEST + 1


def test_an_unknown_version_is_refused(empty_store):
    with empty_store.backend.connect() as c:
        c.execute("UPDATE store_meta SET value = 'banana' WHERE key = 'schema_version'")
    with pytest.raises(SchemaVersionError, match="'banana', which this program does not know"):
        empty_store.upgrade()


def test_a_foreign_database_with_our_table_names_is_refused(backend_location):
    from dashboard.store import open_store

    kind, where = backend_location
    foreign = open_store(path=where, upgrade=False) if kind == "duckdb" else open_store(url=where, upgrade=False)
    with foreign.backend.connect() as c:
        c.execute("CREATE TABLE projects (x INTEGER)")
    with pytest.raises(SchemaVersionError, match=r"tables named \['projects'\] but no Hankekartta schema version"):
        foreign.upgrade()
