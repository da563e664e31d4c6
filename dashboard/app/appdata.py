"""Everything the app shows, built once from the data directory and the boundaries (pure).

The Streamlit layer caches the result (``st.cache_resource``), so a filter change never
reloads files, re-resolves names, re-joins or re-simplifies geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
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
from dashboard.core.records import Dataset, LoadResult, load_dataset
from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS, PROJECT_STATUSES, SERVICE_CATEGORIES, THEMES, large_area_of_region
from dashboard.query.codecs.funding import FundingDomain
from dashboard.query.codecs.leader import LeaderDomain
from dashboard.query.codecs.nature import NatureDomain


@dataclass
class AppData:
    resolver: AreaResolver
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
        )

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
        resolver=resolver,
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
    allocation = allocate_projects(projects, base.municipality_region) if "projects" in uploads else base.allocation
    return AppData(
        resolver=base.resolver,
        municipalities=base.municipalities,
        municipality_shapes=base.municipality_shapes,
        region_shapes=base.region_shapes,
        regions=base.regions,
        municipality_region=base.municipality_region,
        population=base.population,
        dataset=base.dataset,
        projects=projects,
        allocation=allocation,
        services=gpd.GeoDataFrame(services, geometry="geometry", crs="EPSG:4326"),
        service_warnings=service_warnings,
        leader_groups=base.leader_groups,
        index=ProjectIndex.build(projects, allocation, base.leader_groups, base.municipality_region) if "projects" in uploads else base.index,
        uploads=uploads,
    )
