"""Everything the app shows, built from the store's tables and the boundaries (pure).

The records come validated, resolved and allocated from the store (:mod:`dashboard.store`),
so a server start parses no CSV and resolves no names. :class:`LiveData` keeps one
:class:`AppData` per process and rebuilds it when the store's data version changes (a
contribution on another replica), checking at most every ``HANKEKARTTA_STORE_POLL_SECONDS``.
The Streamlit layer caches the :class:`LiveData` (``st.cache_resource``), so a filter change
never reloads, re-joins or re-simplifies anything.
"""

from __future__ import annotations

import atexit
import gc
import threading
import weakref
from collections import OrderedDict
import dataclasses
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard.geo import layers

from dashboard.geo import simplify
from dashboard.geo.placement import allocate_projects, large_area_shapes, locate_services
from dashboard.query.areas import region_population
from dashboard.ui.i18n import label
from dashboard.core.names import AreaResolver
from dashboard.geo.resolver import build_resolver
from dashboard.query.engine import ProjectIndex
from dashboard.core.records import LEADER_GROUPS_FILE, PROJECTS_FILE, SERVICES_FILE, Dataset, LoadResult, load_dataset
from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS, PROJECT_STATUSES, SERVICE_CATEGORIES, THEMES, large_area_of_region
from dashboard.query.codecs.funding import FundingDomain
from dashboard.query.codecs.leader import LeaderDomain
from dashboard.query.codecs.nature import NatureDomain


@lru_cache(maxsize=2)
def shared_resolver(year: int) -> AreaResolver:
    """The name resolver, built on first use (an upload), once per process."""
    return build_resolver(year)


@dataclass
class AppData:
    municipalities: gpd.GeoDataFrame  # full resolution, for point-in-polygon
    municipality_shapes: gpd.GeoDataFrame  # simplified, for the maps
    region_shapes: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    municipality_region: pd.DataFrame
    population: pd.DataFrame | None
    dataset: Dataset
    projects: pd.DataFrame
    allocation: pd.DataFrame
    services: gpd.GeoDataFrame
    service_warnings: pd.DataFrame
    leader_groups: pd.DataFrame
    index: ProjectIndex
    uploads: dict[str, LoadResult] = field(default_factory=dict)
    year: int = layers.DEFAULT_YEAR
    store_version: int | None = None  # the store's data version this was built from

    @property
    def resolver(self) -> AreaResolver:
        return shared_resolver(self.year)

    @cached_property
    def region_of(self) -> dict[str, str]:
        return dict(zip(self.municipality_region["code"], self.municipality_region["region_code"]))

    @cached_property
    def municipality_names(self) -> dict[str, str]:
        return dict(zip(self.municipalities["code"], self.municipalities["name_fi"]))

    @cached_property
    def municipality_points(self) -> dict:
        """A point inside each municipality (its "centre" for "near a municipality")."""
        return dict(zip(self.municipalities["code"], self.municipalities.geometry.representative_point()))

    def large_area_shapes(self, period: str = "2014-2020") -> gpd.GeoDataFrame:
        """The large areas as the union of their (simplified) regions in ``period``, named in all languages."""
        cache = self.__dict__.setdefault("_large_area_shapes", {})
        if period not in cache:
            shapes = large_area_shapes(self.region_shapes, period)
            for lang in ("fi", "sv", "en"):
                shapes[f"name_{lang}"] = shapes["code"].map(lambda code, lang=lang: label("large_area", code, lang))
            cache[period] = shapes
        return cache[period]

    @cached_property
    def large_area_population(self) -> pd.Series | None:
        """Residents per large area (2014–2020 membership), for euros per resident."""
        regional = region_population(self.population, self.municipality_region)
        if regional is None:
            return None
        return regional.groupby(regional.index.map(lambda code: large_area_of_region(code, "2014-2020"))).sum()

    @cached_property
    def funding_domain(self) -> FundingDomain:
        """What a funding-page link may name: the codes and years this data has."""
        return FundingDomain.from_data(
            self.projects,
            self.regions["code"],
            self.municipalities["code"],
            self.leader_groups["leader_group"].unique(),
            FUNDS,
            THEMES,
            CANONICAL_PERIODS,
            PROJECT_STATUSES,
            has_population=self.population is not None,
            funders=self.index.funder_projects,  # merged once, when the index was built
        )

    def warm(self) -> "AppData":
        """Compute now what the pages compute lazily on their first run (names, domains, the
        large areas, the maps' encoded rings), so that the first visitor does not wait for it.
        Called when the data is built (at server start, before the first request)."""
        from dashboard.ui import live_map

        for name in ("region_of", "municipality_names", "funding_domain", "nature_domain", "leader_domain", "large_area_population"):
            getattr(self, name)
        for period in ("2007-2013", "2014-2020"):
            self.large_area_shapes(period)
        for shapes in (self.municipality_shapes, self.region_shapes, self.large_area_shapes()):
            live_map.features_text(shapes)
        return self

    @cached_property
    def nature_domain(self) -> NatureDomain:
        return NatureDomain(frozenset(SERVICE_CATEGORIES), frozenset(self.regions["code"]), frozenset(self.municipalities["code"]))

    @cached_property
    def leader_domain(self) -> LeaderDomain:
        return LeaderDomain(tuple(sorted(self.leader_groups["leader_group"].unique())), tuple(CANONICAL_PERIODS), tuple(THEMES))


def build_app_data(data_dir: Path, year: int = layers.DEFAULT_YEAR) -> AppData:
    resolver = build_resolver(year)
    municipalities = layers.load_municipalities(year)
    regions = layers.load_regions(year)
    mapping = layers.municipality_regions(municipalities, regions)
    dataset = load_dataset(data_dir, resolver)
    projects = dataset.projects.accepted
    services, warnings = locate_services(dataset.services.accepted, municipalities)
    allocation = allocate_projects(projects, mapping)
    return AppData(
        municipalities=municipalities,
        municipality_shapes=simplify.simplify_coverage(municipalities),
        region_shapes=simplify.simplify_coverage(regions, tolerance_m=1500.0),
        regions=regions,
        municipality_region=mapping,
        population=layers.load_population(),
        dataset=dataset,
        projects=projects,
        allocation=allocation,
        services=services,
        service_warnings=warnings,
        leader_groups=dataset.leader_groups.accepted,
        index=ProjectIndex.build(projects, allocation, dataset.leader_groups.accepted, mapping),
        year=year,
    )


def with_uploads(base: AppData, uploads: dict[str, LoadResult]) -> AppData:
    """A copy of ``base`` that also holds the accepted rows of this session's uploads."""
    if not uploads:
        return base
    projects = base.projects
    services = base.services
    service_warnings = base.service_warnings
    if "projects" in uploads:
        projects = pd.concat([projects, uploads["projects"].accepted], ignore_index=True)
    if "services" in uploads:
        extra, extra_warnings = locate_services(uploads["services"].accepted, base.municipalities)
        services = pd.concat([services, extra], ignore_index=True)
        service_warnings = pd.concat([service_warnings, extra_warnings], ignore_index=True)
    allocation = base.allocation
    if "projects" in uploads:
        # Only the uploaded projects are placed; the shipped allocation is reused as it is.
        allocation = pd.concat([base.allocation, allocate_projects(uploads["projects"].accepted, base.municipality_region)], ignore_index=True)
    return dataclasses.replace(
        base,
        projects=projects,
        allocation=allocation,
        services=gpd.GeoDataFrame(services, geometry="geometry", crs="EPSG:4326"),
        service_warnings=service_warnings,
        index=ProjectIndex.build(projects, allocation, base.leader_groups, base.municipality_region) if "projects" in uploads else base.index,
        uploads=uploads,
    )


# --- from the store ----------------------------------------------------------------------


@dataclass
class Geography:
    """The boundaries, loaded and simplified once per process (they do not change with data)."""

    year: int
    municipalities: gpd.GeoDataFrame
    municipality_shapes: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    region_shapes: gpd.GeoDataFrame
    municipality_region: pd.DataFrame
    population: pd.DataFrame | None

    @classmethod
    def load(cls, year: int = layers.DEFAULT_YEAR) -> "Geography":
        municipalities = layers.load_municipalities(year)
        regions = layers.load_regions(year)
        return cls(
            year,
            municipalities,
            simplify.simplify_coverage(municipalities),
            regions,
            simplify.simplify_coverage(regions, tolerance_m=1500.0),
            layers.municipality_regions(municipalities, regions),
            layers.load_population(),
        )


def _load_result(kind: str, report, accepted: pd.DataFrame) -> LoadResult:
    if report is None:
        return LoadResult(kind, accepted, pd.DataFrame(columns=["row", "reason"]))
    return LoadResult(kind, accepted, report.rejected, report.warnings, list(report.notes))


def app_data_from_snapshot(geography: Geography, snapshot) -> AppData:
    """AppData of the store's live records (a :class:`dashboard.store.Snapshot`)."""
    from dashboard.store.build import SERVICE_LOCATIONS

    projects, services, groups = snapshot.projects, snapshot.services, snapshot.leader_groups
    shipped_projects = projects[~projects["contributed"]].drop(columns=["batch_id", "contributed"]).reset_index(drop=True)
    shipped_services = pd.DataFrame(services[~services["contributed"]].drop(columns=["batch_id", "contributed", "geometry", "approximate", "located_municipality"], errors="ignore")).reset_index(drop=True)
    reports = snapshot.reports
    dataset = Dataset(
        _load_result("projects", reports.get(PROJECTS_FILE), shipped_projects),
        _load_result("services", reports.get(SERVICES_FILE), shipped_services),
        _load_result("leader_groups", reports.get(LEADER_GROUPS_FILE), groups),
    )
    locations = reports.get(SERVICE_LOCATIONS)
    warnings = locations.warnings[["id", "message"]] if locations is not None and len(locations.warnings) else pd.DataFrame(columns=["id", "message"])
    return AppData(
        municipalities=geography.municipalities,
        municipality_shapes=geography.municipality_shapes,
        region_shapes=geography.region_shapes,
        regions=geography.regions,
        municipality_region=geography.municipality_region,
        population=geography.population,
        dataset=dataset,
        projects=projects,
        allocation=snapshot.allocation,
        services=services,
        service_warnings=warnings,
        leader_groups=groups,
        index=ProjectIndex.build(projects, snapshot.allocation, groups, geography.municipality_region),
        year=geography.year,
        store_version=snapshot.data_version,
    )


def _refreeze() -> None:
    """After the data was replaced: when the server froze its heap at start (``serve.py``),
    collect the old data (its reference cycles sat in the frozen generation) and freeze the
    new data in its place, so that full collections still skip it."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
        gc.freeze()


class LiveData:
    """One process's view of the store: rebuilt when the store's data version changes.

    A background thread asks the store for its data version every ``poll_seconds`` (one tiny
    query); only a changed version reads the tables again. ``current()`` itself never waits
    for the store: opening a connection for the check took 30–70 ms of a script run, every
    other filter change. With ``poll_seconds=0`` every ``current()`` checks (the tests). A
    failed check keeps serving the data it has (a database restart must not take the app down).
    """

    def __init__(self, store, data_dir: Path | None, year: int = layers.DEFAULT_YEAR, poll_seconds: float = 2.0) -> None:
        from dashboard.store.build import init_store, is_current

        self.store = store
        self.poll_seconds = poll_seconds
        self.geography = Geography.load(year)
        if data_dir is not None and not is_current(store, data_dir):
            init_store(store, data_dir)  # a new or stale store: build it once (`make run` does this before)
        self._lock = threading.RLock()
        self._data = app_data_from_snapshot(self.geography, store.snapshot()).warm()
        self._poller: threading.Thread | None = None
        self._stop = threading.Event()

    def current(self) -> AppData:
        if self.poll_seconds <= 0:
            return self.refresh()
        if self._poller is None:
            with self._lock:
                if self._poller is None:
                    self._poller = threading.Thread(target=self._poll_until_exit, name="hankekartta-store-poll", daemon=True)
                    self._poller.start()
                    atexit.register(self._stop_polling)
        return self._data

    def _poll_until_exit(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            self.refresh()

    def _stop_polling(self) -> None:
        """At interpreter exit: let a check in progress finish. A thread still inside the
        store's C++ code when Python finalises would abort the process."""
        self._stop.set()
        if self._poller is not None:
            self._poller.join(timeout=5)

    def refresh(self, force: bool = False) -> AppData:
        """Check the store now; rebuild when its data changed (or ``force``)."""
        with self._lock:
            return self._refresh(force)

    def _refresh(self, force: bool) -> AppData:
        try:
            version = self.store.data_version()
        except Exception:  # noqa: BLE001 - keep serving; the next poll tries again
            return self._data
        if force or version != self._data.store_version:
            self._data = app_data_from_snapshot(self.geography, self.store.snapshot()).warm()
            _refreeze()
        return self._data


# --- derived results per view ------------------------------------------------------------

_VIEW_CACHES: dict[int, tuple[weakref.ref, OrderedDict]] = {}
_VIEW_LOCK = threading.Lock()
VIEW_CACHE_ENTRIES = 48
"""Views kept per data object (each a few figures and a 2 000-row table)."""


def mask_key(mask) -> str:
    """A short digest of a boolean project mask: what every derived result of a view depends on
    (besides the data and the language), whichever filters made it."""
    import hashlib

    import numpy as np

    return hashlib.blake2b(np.packbits(np.asarray(mask, dtype=bool)).tobytes(), digest_size=16).hexdigest()


def view_cache(owner: object, key: tuple, build):
    """``build()`` once per ``key`` for ``owner`` (the data's index), shared by every session.

    A filter change that comes back to a view seen before (cleared filters, the default view
    every first visitor sees) reuses its charts and table instead of rebuilding them. The
    entries live as long as ``owner`` (a new data version has a new index) and are bounded
    (least recently used dropped). The value is shared: callers must not change it.
    The interaction benchmark's baseline (today's full re-render) builds every time."""
    from dashboard import settings

    if settings.interaction_baseline():
        return build()
    with _VIEW_LOCK:
        entry = _VIEW_CACHES.get(id(owner))
        if entry is None or entry[0]() is not owner:
            for stale in [k for k, (ref, _) in _VIEW_CACHES.items() if ref() is None]:
                del _VIEW_CACHES[stale]
            entry = (weakref.ref(owner), OrderedDict())
            _VIEW_CACHES[id(owner)] = entry
        cache = entry[1]
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    value = build()  # outside the lock: two sessions may build the same view once each
    with _VIEW_LOCK:
        cache[key] = value
        while len(cache) > VIEW_CACHE_ENTRIES:
            cache.popitem(last=False)
    return value
