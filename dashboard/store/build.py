"""``store init``: the shipped records, validated, resolved and allocated once, as one batch.

This is the only place that reads the CSV files of ``data/``. The app then reads the
tables; a server start does no CSV parsing and no name resolution. The batch keeps the
raw files and their sha256, so "is the store older than data/?" is a comparison of
hashes, not of file times.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.core.records import LEADER_GROUPS_FILE, PROJECTS_FILE, SERVICES_FILE, LoadResult, built_project_files, load_dataset
from dashboard.geo import layers
from dashboard.geo.placement import allocate_projects, locate_services
from dashboard.store.interface import BatchRecords, SourceReport, Store, sha256

SHIPPED_FILES = (PROJECTS_FILE, SERVICES_FILE, LEADER_GROUPS_FILE)
SERVICE_LOCATIONS = "services.csv (locations)"


def shipped_files(data_dir: Path) -> list[str]:
    """The files the shipped batch is read from, relative to ``data_dir``: the curated three and,
    when the data has been built (``make data``), the built project records the loaders prefer."""
    data_dir = Path(data_dir)
    built = [str(path.relative_to(data_dir)) for path in built_project_files(data_dir)]
    return [name for name in SHIPPED_FILES if (data_dir / name).is_file()] + built


def shipped_hashes(data_dir: Path) -> dict[str, str]:
    return {name: sha256((Path(data_dir) / name).read_bytes()) for name in shipped_files(data_dir)}


def is_current(store: Store, data_dir: Path) -> bool:
    """True when the store holds exactly the shipped files of ``data_dir``."""
    return store.shipped_fingerprint() == shipped_hashes(data_dir)


def _report(name: str, result: LoadResult) -> SourceReport:
    return SourceReport(name, result.kind, result.read, len(result.accepted), result.rejected, result.warnings, list(result.notes))


def shipped_batch(data_dir: Path, year: int = layers.DEFAULT_YEAR) -> BatchRecords:
    """Load, validate, resolve, allocate and locate the records of ``data_dir``."""
    from dashboard.geo.resolver import build_resolver

    data_dir = Path(data_dir)
    resolver = build_resolver(year)
    municipalities = layers.load_municipalities(year)
    mapping = layers.municipality_regions(municipalities, layers.load_regions(year))
    dataset = load_dataset(data_dir, resolver)
    projects = dataset.projects.accepted
    services, location_warnings = locate_services(dataset.services.accepted, municipalities)
    reports = [_report(name, result) for name, result in dataset.results().items()]
    reports.append(SourceReport(SERVICE_LOCATIONS, "service_locations", 0, 0, pd.DataFrame(columns=["row", "reason"]), location_warnings, []))
    read = sum(r.read for r in dataset.results().values())
    return BatchRecords(
        kind="shipped",
        origin="shipped",
        editor="shipped data",
        files={name: (data_dir / name).read_bytes() for name in shipped_files(data_dir)},
        format="canonical",
        projects=projects,
        allocation=allocate_projects(projects, mapping),
        services=services,
        leader_groups=dataset.leader_groups.accepted,
        reports=reports,
        read=read,
        rejected=dataset.rejected_total,
    )


@dataclass
class InitResult:
    built: bool
    batch: int | None
    reason: str


def init_store(store: Store, data_dir: Path, force: bool = False, year: int = layers.DEFAULT_YEAR) -> InitResult:
    """Build the shipped batch when the store lacks it or holds other files (or ``force``)."""
    data_dir = Path(data_dir)
    missing = [name for name in SHIPPED_FILES if not (data_dir / name).is_file()]
    if missing:
        from dashboard.core.readers import DataFormatError

        raise DataFormatError(f"{data_dir} lacks {', '.join(missing)}; nothing to build the store from")
    held = store.shipped_fingerprint()
    if not force and held == shipped_hashes(data_dir):
        return InitResult(False, None, "the store already holds these shipped files")
    reason = "no shipped records in the store yet" if not held else ("rebuilt on request" if force else "the shipped files changed")
    return InitResult(True, store.write_batch(shipped_batch(data_dir, year)), reason)
