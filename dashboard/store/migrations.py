"""The store's schema, as numbered migrations checked every time a store is opened.

``store_meta.schema_version`` says which migrations a store has had. Opening a store
applies the missing ones in one transaction (an older store is upgraded in place); a
store whose version is newer than :data:`LATEST`, or a database that has Hankekartta's
tables without that marker, is refused with a message instead of being touched.

Record tables (projects, allocation, services, leader_groups) start with the columns the
store itself needs (``batch_id``, ``seq``, the id); their data columns follow the frames
the loaders and placement produce (see :mod:`dashboard.store.columns`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.store.backend import Backend, Connection, SchemaVersionError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]  # {text} {bigint} … are replaced by the backend's type names
    postgresql_first: tuple[str, ...] = ()


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "batches, raw files, sources, record tables",
        (
            "CREATE TABLE store_meta (key {text} PRIMARY KEY, value {text} NOT NULL)",
            "CREATE TABLE schema_migrations (version {bigint} PRIMARY KEY, description {text} NOT NULL, applied_at {timestamp} NOT NULL)",
            "CREATE SEQUENCE batch_ids START 1",
            """CREATE TABLE batches (
                id {bigint} PRIMARY KEY, kind {text} NOT NULL, origin {text} NOT NULL, editor {text} NOT NULL,
                created_at {timestamp} NOT NULL, file_name {text}, sha256 {text}, format {text},
                rows_read {bigint}, rows_accepted {bigint}, rows_rejected {bigint}, rows_skipped {bigint}, rows_replaced {bigint},
                status {text} NOT NULL, withdrawn_by {text}, withdrawn_at {timestamp})""",
            "CREATE TABLE raw_files (batch_id {bigint} NOT NULL, file_name {text} NOT NULL, sha256 {text} NOT NULL, content {blob} NOT NULL)",
            """CREATE TABLE sources (
                batch_id {bigint} NOT NULL, file_name {text} NOT NULL, kind {text} NOT NULL,
                rows_read {bigint}, rows_accepted {bigint}, rows_rejected {bigint}, rows_warnings {bigint},
                rejected_rows {text}, warning_rows {text}, notes {text})""",
            "CREATE TABLE record_columns (table_name {text} NOT NULL, column_name {text} NOT NULL, dtype {text} NOT NULL, PRIMARY KEY (table_name, column_name))",
            "CREATE TABLE projects (batch_id {bigint} NOT NULL, seq {bigint} NOT NULL, id {text} NOT NULL)",
            "CREATE TABLE allocation (batch_id {bigint} NOT NULL, seq {bigint} NOT NULL, project_id {text} NOT NULL)",
            "CREATE TABLE services (batch_id {bigint} NOT NULL, seq {bigint} NOT NULL, id {text} NOT NULL, geometry {geometry})",
            "CREATE TABLE leader_groups (batch_id {bigint} NOT NULL, seq {bigint} NOT NULL)",
            "CREATE INDEX projects_batch ON projects (batch_id)",
            "CREATE INDEX allocation_batch ON allocation (batch_id, project_id)",
            "CREATE INDEX services_batch ON services (batch_id)",
            "INSERT INTO store_meta (key, value) VALUES ('data_version', '0')",
        ),
        postgresql_first=("CREATE EXTENSION IF NOT EXISTS postgis",),
    ),
    Migration(
        2,
        "sign-in attempts, for throttling failed sign-ins across replicas",
        (
            "CREATE TABLE sign_in_attempts (username {text} NOT NULL, attempted_at {timestamp} NOT NULL, ok {boolean} NOT NULL)",
            "CREATE INDEX sign_in_attempts_user ON sign_in_attempts (username, attempted_at)",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version
OUR_TABLES = {"store_meta", "batches", "projects", "allocation", "services"}


def current_version(connection: Connection) -> int:
    """0 for an empty database; raises for a database that is not a Hankekartta store."""
    tables = connection.table_names()
    if "store_meta" not in tables:
        if tables & OUR_TABLES:
            raise SchemaVersionError(
                f"this database has tables named {sorted(tables & OUR_TABLES)} but no Hankekartta schema version; "
                "it is not a store this program made. Point HANKEKARTTA_STORE / HANKEKARTTA_DATABASE_URL at a new location."
            )
        return 0
    value = connection.scalar("SELECT value FROM store_meta WHERE key = 'schema_version'")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SchemaVersionError(f"the store's schema version is {value!r}, which this program does not know; it was not touched") from None


def migrate(backend: Backend, connection: Connection, target: int = LATEST) -> tuple[int, int]:
    """Bring the store to ``target``; returns (version before, version after)."""
    connection.lock()
    before = current_version(connection)
    if before > LATEST:
        raise SchemaVersionError(
            f"the store at {backend.describe()} has schema version {before}, newer than this program's {LATEST}. "
            "Upgrade Hankekartta (git pull; make install) or point HANKEKARTTA_STORE / HANKEKARTTA_DATABASE_URL elsewhere; the store was not touched."
        )
    for migration in MIGRATIONS:
        if before < migration.version <= target:
            if backend.name == "postgresql":
                for statement in migration.postgresql_first:
                    connection.execute(statement)
            for statement in migration.statements:
                connection.execute(statement.format(**backend.types))
            connection.execute(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.description, dt.datetime.now(dt.UTC).replace(tzinfo=None)),
            )
            if migration.version == 1:
                connection.execute("INSERT INTO store_meta (key, value) VALUES ('schema_version', '1')")
            else:
                connection.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", (str(migration.version),))
    return before, max(before, min(target, LATEST))
