"""The store interface: one class over two backends with the same tables.

Tables (see :mod:`dashboard.store.migrations`):

- ``batches``: one row per write — the shipped records (origin ``shipped``) or an editor's
  contribution (origin ``contributed``) — with editor, time, file name, sha256, format,
  counts and status (``active`` / ``withdrawn`` / ``replaced``);
- ``raw_files``: the bytes of every file a batch came from;
- ``sources``: each file's validation report (read / accepted / rejected rows with
  reasons, warnings, notes) so the data page shows it without reading the files;
- ``projects``, ``allocation``, ``services``, ``leader_groups``: validated, resolved and
  allocated records, each row tagged with its ``batch_id``;
- ``store_meta`` (schema version, data version), ``schema_migrations``,
  ``record_columns`` (pandas dtypes of the record columns), ``sign_in_attempts``.

Which rows are live: rows of active batches; where several carry the same id, a
contributed row wins over a shipped one, and a later batch over an earlier one. So
withdrawing a batch is one status change (the rows and the history stay) and the record
it had replaced is live again. Every write bumps ``data_version``; the app polls it and
rebuilds its in-memory index when it changes, on every replica.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard import settings
import dashboard.store.columns as cols
from dashboard.store.backend import Backend, Connection, SchemaVersionError, StoreError
from dashboard.store.migrations import LATEST, current_version, migrate

__all__ = ["Store", "StoreError", "SchemaVersionError", "BatchRecords", "SourceReport", "Snapshot", "open_store"]

RECORD_TABLES = ("projects", "allocation", "services", "leader_groups")
SYSTEM_COLUMNS = ("batch_id", "seq")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class SourceReport:
    """One file's validation report, as the data page shows it."""

    file_name: str
    kind: str
    read: int
    accepted: int
    rejected: pd.DataFrame  # row, reason, … (the rejected rows' cells)
    warnings: pd.DataFrame  # row, id, message
    notes: list[str] = field(default_factory=list)


@dataclass
class BatchRecords:
    """Everything one batch writes, already validated, resolved and allocated."""

    kind: str  # "shipped" | "projects" | "services"
    origin: str  # "shipped" | "contributed"
    editor: str
    files: dict[str, bytes]  # file name → raw bytes (kept)
    format: str
    projects: pd.DataFrame | None = None
    allocation: pd.DataFrame | None = None
    services: gpd.GeoDataFrame | None = None
    leader_groups: pd.DataFrame | None = None
    reports: list[SourceReport] = field(default_factory=list)
    read: int = 0
    rejected: int = 0
    skipped: int = 0
    replaced: int = 0

    @property
    def accepted(self) -> int:
        return sum(len(f) for f in (self.projects, self.services, self.leader_groups) if f is not None)


@dataclass
class Snapshot:
    """The live records, as the app builds its index from them."""

    data_version: int
    projects: pd.DataFrame  # + batch_id, contributed
    allocation: pd.DataFrame
    services: gpd.GeoDataFrame  # + batch_id, contributed
    leader_groups: pd.DataFrame
    reports: dict[str, SourceReport]  # the shipped files' reports, by file name
    shipped_batch: int | None


def _records_json(frame: pd.DataFrame) -> str:
    return frame.astype(object).where(frame.notna(), None).to_json(orient="records", date_format="iso", force_ascii=False)


def _frame_json(text: str | None, columns: list[str]) -> pd.DataFrame:
    if not text:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(json.loads(text))
    return frame if len(frame.columns) else pd.DataFrame(columns=columns)


class Store:
    """A Hankekartta store. Every method is one transaction; the object holds no connection."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    # --- opening -----------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.backend.name

    def describe(self) -> str:
        return self.backend.describe()

    def upgrade(self) -> tuple[int, int]:
        """Apply missing migrations (refuses newer/unknown schemas); (before, after)."""
        with self.backend.connect() as c:
            return migrate(self.backend, c)

    def schema_version(self) -> int:
        with self.backend.connect() as c:
            return current_version(c)

    def data_version(self) -> int:
        """A counter bumped by every write: cheap enough to poll every few seconds."""
        with self.backend.connect() as c:
            return int(c.scalar("SELECT value FROM store_meta WHERE key = 'data_version'") or 0)

    # --- writing -----------------------------------------------------------------------

    def _ensure_columns(self, c: Connection, table: str, frame: pd.DataFrame, geometry: tuple[str, ...] = ()) -> None:
        existing = set(c.column_names(table))
        known = {r[0] for r in c.rows("SELECT column_name FROM record_columns WHERE table_name = ?", (table,))}
        for column in frame.columns:
            if column in SYSTEM_COLUMNS:
                continue
            if column not in existing:
                kind = "geometry" if column in geometry else cols.logical_type(frame[column])
                c.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {self.backend.types[kind]}')
            if column not in known:
                c.execute("INSERT INTO record_columns (table_name, column_name, dtype) VALUES (?, ?, ?)", (table, column, "geometry" if column in geometry else cols.dtype_name(frame[column])))

    def _insert_records(self, c: Connection, table: str, batch_id: int, frame: pd.DataFrame | None, geometry: tuple[str, ...] = ()) -> None:
        if frame is None:
            return
        frame = pd.DataFrame(frame) if not isinstance(frame, gpd.GeoDataFrame) else frame
        data = {"batch_id": pd.Series(batch_id, index=frame.index, dtype="int64"), "seq": pd.Series(range(len(frame)), index=frame.index, dtype="int64")}
        for column in frame.columns:
            data[column] = frame[column].array if column in geometry else frame[column]
        self._ensure_columns(c, table, frame, geometry)
        if len(frame):
            c.insert_frame(table, pd.DataFrame(data), geometry)

    def _bump(self, c: Connection) -> None:
        c.execute("UPDATE store_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'" if self.name == "duckdb" else "UPDATE store_meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'data_version'")

    def write_batch(self, batch: BatchRecords, *, _after_records=None) -> int:
        """Store ``batch`` in one transaction; returns its id.

        A shipped batch takes the place of the previous shipped one (whose rows are deleted:
        they are reproducible from its raw files, which stay). ``_after_records`` is a test
        hook, called inside the transaction after the record rows are written.
        """
        with self.backend.connect() as c:
            c.lock()
            batch_id = int(c.scalar("SELECT nextval('batch_ids')"))
            first_name = next(iter(batch.files), "")
            digest = sha256(b"".join(batch.files[n] for n in batch.files)) if len(batch.files) != 1 else sha256(batch.files[first_name])
            if batch.origin == "shipped":
                for (old,) in c.rows("SELECT id FROM batches WHERE origin = 'shipped' AND status = 'active'"):
                    for table in RECORD_TABLES:
                        c.execute(f'DELETE FROM "{table}" WHERE batch_id = ?', (old,))
                    c.execute("UPDATE batches SET status = 'replaced' WHERE id = ?", (old,))
            c.execute(
                """INSERT INTO batches (id, kind, origin, editor, created_at, file_name, sha256, format, rows_read, rows_accepted,
                   rows_rejected, rows_skipped, rows_replaced, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active')""",
                (batch_id, batch.kind, batch.origin, batch.editor, _now(), ", ".join(batch.files), digest, batch.format,
                 batch.read, batch.accepted, batch.rejected, batch.skipped, batch.replaced),
            )
            for name, content in batch.files.items():
                c.execute("INSERT INTO raw_files (batch_id, file_name, sha256, content) VALUES (?, ?, ?, ?)", (batch_id, name, sha256(content), content))
            for report in batch.reports:
                c.execute(
                    """INSERT INTO sources (batch_id, file_name, kind, rows_read, rows_accepted, rows_rejected, rows_warnings, rejected_rows, warning_rows, notes)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (batch_id, report.file_name, report.kind, report.read, report.accepted, len(report.rejected), len(report.warnings),
                     _records_json(report.rejected), _records_json(report.warnings), json.dumps(report.notes, ensure_ascii=False)),
                )
            self._insert_records(c, "projects", batch_id, batch.projects)
            self._insert_records(c, "allocation", batch_id, batch.allocation)
            self._insert_records(c, "services", batch_id, batch.services, geometry=("geometry",) if batch.services is not None else ())
            self._insert_records(c, "leader_groups", batch_id, batch.leader_groups)
            if _after_records is not None:
                _after_records()
            self._bump(c)
            return batch_id

    def withdraw(self, batch_id: int, by: str, admin: bool = False) -> None:
        """Withdraw a contributed batch: its rows leave the live view; rows and history stay."""
        with self.backend.connect() as c:
            c.lock()
            row = c.rows("SELECT editor, origin, status FROM batches WHERE id = ?", (int(batch_id),))
            if not row:
                raise StoreError(f"there is no batch {batch_id}")
            editor, origin, status = row[0]
            if origin != "contributed":
                raise StoreError(f"batch {batch_id} is the shipped data; rebuild it with `python -m dashboard store init` instead")
            if status == "withdrawn":
                raise StoreError(f"batch {batch_id} is already withdrawn")
            if not admin and editor != by:
                raise StoreError(f"batch {batch_id} was contributed by {editor}; only they or an admin can withdraw it")
            c.execute("UPDATE batches SET status = 'withdrawn', withdrawn_by = ?, withdrawn_at = ? WHERE id = ?", (by, _now(), int(batch_id)))
            self._bump(c)

    def record_sign_in(self, username: str, ok: bool) -> None:
        with self.backend.connect() as c:
            c.execute("INSERT INTO sign_in_attempts (username, attempted_at, ok) VALUES (?, ?, ?)", (username, dt.datetime.now(dt.UTC).replace(tzinfo=None), ok))

    def failed_sign_ins(self, username: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of failed sign-ins of ``username`` since ``since`` and after its last success."""
        with self.backend.connect() as c:
            last_ok = c.scalar("SELECT max(attempted_at) FROM sign_in_attempts WHERE username = ? AND ok", (username,))
            start = max(since, last_ok) if last_ok else since
            return [r[0] for r in c.rows("SELECT attempted_at FROM sign_in_attempts WHERE username = ? AND NOT ok AND attempted_at > ? ORDER BY attempted_at", (username, start))]

    # --- reading -----------------------------------------------------------------------

    def _dtypes(self, c: Connection, table: str) -> dict[str, str]:
        return dict(c.rows("SELECT column_name, dtype FROM record_columns WHERE table_name = ?", (table,)))

    @staticmethod
    def _live_sql(c: Connection, table: str) -> str:
        """The live rows of ``table`` (+ ``origin_``): the shipped rows no contribution
        replaces, and of each contributed id the row of its latest active batch. Only the
        (few) contributed rows are ranked, so the query stays a scan at national scale."""
        columns = ", ".join(f'r."{name}"' for name in c.column_names(table))
        contributed = "SELECT id FROM batches WHERE status = 'active' AND origin = 'contributed'"
        return f"""
            SELECT {columns}, 'shipped' AS origin_ FROM "{table}" r
            WHERE r.batch_id IN (SELECT id FROM batches WHERE status = 'active' AND origin = 'shipped')
              AND r.id NOT IN (SELECT x.id FROM "{table}" x WHERE x.batch_id IN ({contributed}))
            UNION ALL
            SELECT {columns}, 'contributed' AS origin_ FROM (
                SELECT r.*, row_number() OVER (PARTITION BY r.id ORDER BY r.batch_id DESC) AS rank_
                FROM "{table}" r WHERE r.batch_id IN ({contributed})) r
            WHERE r.rank_ = 1"""

    def _records(self, c: Connection, table: str, sql: str, params: tuple = ()) -> pd.DataFrame:
        frame = c.frame(sql, params)
        dtypes = self._dtypes(c, table)
        frame = cols.restore(frame, dtypes)
        if "batch_id" in frame:
            frame["batch_id"] = frame["batch_id"].astype("int64")
        return frame

    def live_projects(self, c: Connection) -> pd.DataFrame:
        frame = self._records(c, "projects", f"SELECT * FROM ({self._live_sql(c, 'projects')}) live ORDER BY batch_id, seq")
        frame["contributed"] = (frame.pop("origin_") == "contributed").astype(bool)
        return frame.drop(columns=["seq"]).reset_index(drop=True)

    def live_services(self, c: Connection) -> gpd.GeoDataFrame:
        frame = self._records(c, "services", f"SELECT * FROM ({self._live_sql(c, 'services')}) live ORDER BY batch_id, seq")
        frame["contributed"] = (frame.pop("origin_") == "contributed").astype(bool)
        geometry = self.backend.geometry_from_store(frame.pop("geometry")) if "geometry" in frame else None
        frame = frame.drop(columns=["seq"]).reset_index(drop=True)
        return gpd.GeoDataFrame(frame, geometry=geometry if geometry is not None else gpd.points_from_xy([], []), crs="EPSG:4326")

    def snapshot(self) -> Snapshot:
        """The live projects, allocation, services and Leader groups, and the shipped reports."""
        with self.backend.connect() as c:
            version = int(c.scalar("SELECT value FROM store_meta WHERE key = 'data_version'") or 0)
            projects = self.live_projects(c)
            allocation = self._records(
                c,
                "allocation",
                f"""SELECT a.* FROM allocation a JOIN ({self._live_sql(c, 'projects')}) p ON p.batch_id = a.batch_id AND p.id = a.project_id
                    ORDER BY a.batch_id, a.seq""",
            ).drop(columns=["seq"])
            services = self.live_services(c)
            shipped = c.scalar("SELECT max(id) FROM batches WHERE origin = 'shipped' AND status = 'active'")
            groups = self._records(c, "leader_groups", "SELECT * FROM leader_groups WHERE batch_id = ? ORDER BY seq", (shipped or -1,))
            groups = groups.drop(columns=["batch_id", "seq"])
            reports = {}
            for row in c.rows(
                "SELECT file_name, kind, rows_read, rows_accepted, rejected_rows, warning_rows, notes FROM sources WHERE batch_id = ? ORDER BY file_name",
                (shipped or -1,),
            ):
                name, kind, read, accepted, rejected, warnings, notes = row
                reports[name] = SourceReport(name, kind, int(read), int(accepted), _frame_json(rejected, ["row", "reason"]), _frame_json(warnings, ["row", "id", "message"]), json.loads(notes or "[]"))
        return Snapshot(version, projects, allocation.drop(columns=["batch_id"]), services, groups, reports, None if shipped is None else int(shipped))

    def live_ids(self, kind: str) -> set[str]:
        table = {"projects": "projects", "services": "services"}[kind]
        with self.backend.connect() as c:
            return {r[0] for r in c.rows(f"SELECT DISTINCT r.id FROM \"{table}\" r JOIN batches b ON b.id = r.batch_id WHERE b.status = 'active'")}

    def batches(self) -> pd.DataFrame:
        """Every batch, newest first (withdrawn and replaced ones too: the history)."""
        with self.backend.connect() as c:
            frame = c.frame(
                """SELECT id AS batch, kind, origin, editor, created_at, file_name, sha256, format, rows_read AS read, rows_accepted AS accepted,
                          rows_rejected AS rejected, rows_skipped AS skipped, rows_replaced AS replaced, status, withdrawn_by, withdrawn_at
                   FROM batches ORDER BY id DESC"""
            )
        for column in ("batch", "read", "accepted", "rejected", "skipped", "replaced"):
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
        return frame

    def batch_ids_of(self, batch_id: int, kind: str) -> list[str]:
        """The record ids a batch wrote (for the withdraw panel)."""
        with self.backend.connect() as c:
            return [r[0] for r in c.rows(f'SELECT id FROM "{kind}" WHERE batch_id = ? ORDER BY seq', (int(batch_id),))]

    def raw_files(self, batch_id: int) -> dict[str, bytes]:
        with self.backend.connect() as c:
            return {r[0]: bytes(r[1]) for r in c.rows("SELECT file_name, content FROM raw_files WHERE batch_id = ?", (int(batch_id),))}

    def shipped_fingerprint(self) -> dict[str, str]:
        """sha256 of each file of the active shipped batch ({} when there is none)."""
        with self.backend.connect() as c:
            if current_version(c) == 0:
                return {}
            return dict(
                c.rows(
                    "SELECT f.file_name, f.sha256 FROM raw_files f JOIN batches b ON b.id = f.batch_id WHERE b.origin = 'shipped' AND b.status = 'active'"
                )
            )

    def status(self) -> dict:
        """Backend, schema and data version, live counts, batches — what ``store status`` prints."""
        with self.backend.connect() as c:
            version = current_version(c)
            if version == 0:
                return {"backend": self.name, "location": self.describe(), "schema_version": 0, "latest_schema_version": LATEST, "data_version": 0, "projects": 0, "services": 0, "batches": 0}
            counts = {
                kind: int(c.scalar(f"SELECT count(*) FROM ({self._live_sql(c, kind)}) live"))
                for kind in ("projects", "services")
            }
            batches = dict(c.rows("SELECT status, count(*) FROM batches WHERE origin = 'contributed' GROUP BY status"))
            shipped = c.rows("SELECT id, created_at FROM batches WHERE origin = 'shipped' AND status = 'active' ORDER BY id DESC LIMIT 1")
            return {
                "backend": self.name,
                "location": self.describe(),
                "schema_version": version,
                "latest_schema_version": LATEST,
                "data_version": int(c.scalar("SELECT value FROM store_meta WHERE key = 'data_version'") or 0),
                **counts,
                "leader_group_rows": int(c.scalar("SELECT count(*) FROM leader_groups l JOIN batches b ON b.id = l.batch_id WHERE b.status = 'active'")),
                "batches": int(c.scalar("SELECT count(*) FROM batches")),
                "contributed_batches": {str(k): int(v) for k, v in batches.items()},
                "shipped_batch": shipped[0][0] if shipped else None,
                "shipped_at": shipped[0][1].isoformat() if shipped else None,
            }


def open_store(path: Path | str | None = None, url: str | None = None, upgrade: bool = True) -> Store:
    """The configured store: PostgreSQL when a URL is given or ``HANKEKARTTA_DATABASE_URL`` is
    set, else the DuckDB file ``path`` / ``HANKEKARTTA_STORE``. Upgrades an older schema;
    refuses a newer or unknown one (:class:`SchemaVersionError`)."""
    url = url or (None if path is not None else settings.database_url())
    if url:
        from dashboard.store.postgres_backend import PostgresBackend

        store = Store(PostgresBackend(url))
    else:
        from dashboard.store.duckdb_backend import DuckDBBackend

        store = Store(DuckDBBackend(Path(path) if path is not None else settings.store_path()))
    if upgrade:
        store.upgrade()
    return store
