"""The shared store: PostgreSQL + PostGIS (``HANKEKARTTA_DATABASE_URL``), for several app replicas.

Every replica connects to the same database; writers take a transaction-level advisory
lock, so two contributions or two starting replicas never interleave their batches or
migrations. Service locations are PostGIS ``geometry(Geometry, 4326)`` columns, written
as hex EWKB through ``COPY`` and read back as the same.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pandas as pd
import shapely

from dashboard.store.backend import Backend, Connection, StoreError

WRITER_LOCK = 7_246_853  # pg_advisory_xact_lock key of Hankekartta's writers


def _sql(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresConnection(Connection):
    def __init__(self, raw) -> None:
        self.raw = raw

    def execute(self, sql: str, params: tuple = ()) -> None:
        self.raw.execute(_sql(sql), params or None)

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.raw.execute(_sql(sql), params or None).fetchall()

    def frame(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        cursor = self.raw.execute(_sql(sql), params or None)
        columns = [d.name for d in cursor.description]
        return pd.DataFrame(cursor.fetchall(), columns=columns, dtype=object)

    def insert_frame(self, table: str, frame: pd.DataFrame, geometry: tuple[str, ...] = ()) -> None:
        if frame.empty:
            return
        data = frame.astype(object).where(frame.notna(), None)
        for column in geometry:
            values = frame[column].to_numpy()
            data[column] = shapely.to_wkb(shapely.set_srid(values, 4326), hex=True, include_srid=True)
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        with self.raw.cursor().copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for row in data.itertuples(index=False, name=None):
                copy.write_row(row)

    def table_names(self) -> set[str]:
        return {r[0] for r in self.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def column_names(self, table: str) -> list[str]:
        return [
            r[0]
            for r in self.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                (table,),
            )
        ]

    def lock(self) -> None:
        self.execute(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")


class PostgresBackend(Backend):
    name = "postgresql"
    types = {
        "text": "TEXT",
        "double": "DOUBLE PRECISION",
        "bigint": "BIGINT",
        "boolean": "BOOLEAN",
        "timestamp": "TIMESTAMP",
        "blob": "BYTEA",
        "geometry": "geometry(Geometry, 4326)",
    }

    def __init__(self, url: str) -> None:
        self.url = url

    def describe(self) -> str:
        return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", self.url)

    @contextmanager
    def connect(self):
        import psycopg

        try:
            raw = psycopg.connect(self.url, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the PostgreSQL store {self.describe()}: {exc}") from exc
        try:
            with raw.transaction():
                yield PostgresConnection(raw)
        finally:
            raw.close()
