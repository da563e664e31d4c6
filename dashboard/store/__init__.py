"""The store: validated, resolved, allocated records in DuckDB (embedded) or PostgreSQL + PostGIS (shared).

``open_store()`` picks the backend from the settings; :class:`Store` is the interface the
app and the CLI use; ``build.init_store`` writes the shipped records, ``batches`` turns an
editor's upload into a batch.
"""

from dashboard.store.backend import SchemaVersionError, StoreError
from dashboard.store.interface import BatchRecords, Snapshot, SourceReport, Store, open_store

__all__ = ["BatchRecords", "SchemaVersionError", "Snapshot", "SourceReport", "Store", "StoreError", "open_store"]
