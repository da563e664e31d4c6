"""What the two backends share: one connection = one transaction, frames in and out.

The store speaks a small SQL subset that DuckDB and PostgreSQL both understand (``?``
placeholders are rewritten for psycopg). A backend supplies the physical type names, a
bulk insert of a DataFrame (DuckDB scans the frame in place; PostgreSQL gets ``COPY``),
reading a query into a DataFrame, and how geometries are written.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager

import pandas as pd


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


class SchemaVersionError(StoreError):
    """The store's schema is newer than this program, or not a Hankekartta store at all."""


class Connection(ABC):
    """An open transaction. Leaving the ``with`` block commits; an exception rolls back."""

    @abstractmethod
    def execute(self, sql: str, params: tuple = ()) -> None: ...

    @abstractmethod
    def rows(self, sql: str, params: tuple = ()) -> list[tuple]: ...

    @abstractmethod
    def frame(self, sql: str, params: tuple = ()) -> pd.DataFrame: ...

    @abstractmethod
    def insert_frame(self, table: str, frame: pd.DataFrame, geometry: tuple[str, ...] = ()) -> None:
        """Append ``frame`` to ``table`` (columns by name); ``geometry`` columns hold shapely objects."""

    @abstractmethod
    def table_names(self) -> set[str]: ...

    @abstractmethod
    def column_names(self, table: str) -> list[str]: ...

    def lock(self) -> None:
        """Serialise writers across processes for the rest of the transaction (PostgreSQL)."""

    def scalar(self, sql: str, params: tuple = ()):
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None


class Backend(ABC):
    name: str
    types: dict[str, str]

    @abstractmethod
    def connect(self) -> AbstractContextManager[Connection]: ...

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for messages (a URL without its password)."""

    def geometry_from_store(self, values: pd.Series):
        """Shapely geometries from what the backend returns for a geometry column."""
        import shapely

        return shapely.from_wkb([None if v is None or (isinstance(v, float) and pd.isna(v)) else (bytes(v) if not isinstance(v, str) else v) for v in values])
