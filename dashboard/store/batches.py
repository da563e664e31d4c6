"""An editor's contribution: an import result turned into one batch, area limits and id clashes decided.

The flow the data page and ``store import`` share: :func:`prepare_contribution` takes what
the importer accepted, refuses the records outside the editor's area (with a reason) and
reports the ids that are already live; the editor then chooses to replace or skip those,
and :func:`contribution_batch` makes the :class:`BatchRecords` the store writes in one
transaction. Counts always add up: ``read == accepted + rejected + skipped``.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from dashboard.core.vocab import large_area_of_region

from dashboard.geo.placement import UNKNOWN_AREA, allocate_projects, locate_services
from dashboard.io.importers.base import ImportResult
from dashboard.store.interface import BatchRecords, SourceReport

ON_EXISTING = ("skip", "replace")


@dataclass(frozen=True)
class Area:
    """Where an editor may add records: a Leader group's or a region's municipalities."""

    name: str
    municipalities: frozenset[str]


def area_for(spec: dict | None, leader_groups: pd.DataFrame, municipality_region: pd.DataFrame) -> Area | None:
    """The area of a user's ``area`` setting: ``{leader_group: NAME}``, ``{region: CODE}``
    or ``{municipalities: [CODE, …]}``; None (no limit) when there is none."""
    if not spec:
        return None
    if spec.get("leader_group"):
        name = str(spec["leader_group"])
        members = leader_groups.loc[leader_groups["leader_group"] == name, "municipality"]
        if members.empty:
            raise ValueError(f"the Leader group '{name}' of this user is not in leader_groups.csv")
        return Area(f"Leader group {name}", frozenset(members))
    if spec.get("region"):
        code = str(spec["region"]).zfill(2)
        members = municipality_region.loc[municipality_region["region_code"] == code, "code"]
        if members.empty:
            raise ValueError(f"the region '{code}' of this user is not a region code")
        return Area(f"region {code}", frozenset(members))
    if spec.get("municipalities"):
        return Area("municipalities " + ", ".join(str(m).zfill(3) for m in spec["municipalities"]), frozenset(str(m).zfill(3) for m in spec["municipalities"]))
    raise ValueError(f"unknown area setting {spec!r}: use leader_group, region or municipalities")


@dataclass
class Contribution:
    """An upload checked for the store, before the editor confirms it."""

    result: ImportResult
    kind: str
    records: pd.DataFrame  # accepted and inside the area
    allocation: pd.DataFrame | None
    located: gpd.GeoDataFrame | None
    refused: pd.DataFrame  # row, reason, raw: outside the area
    existing: list[str]  # ids of ``records`` that are already live

    @property
    def rejected(self) -> pd.DataFrame:
        return pd.concat([self.result.rejected, self.refused], ignore_index=True)

    def counts(self) -> dict[str, int]:
        return {"read": self.result.read, "accepted": len(self.records), "rejected": len(self.rejected), "existing": len(self.existing)}


def _outside(codes: set[str], area: Area, names: dict[str, str]) -> str | None:
    if not codes:
        return f"no municipality or region given, so it cannot be checked against your area ({area.name})"
    outside = sorted(codes - area.municipalities)
    if outside:
        listed = ", ".join(f"{names.get(c, c)} ({c})" for c in outside[:5]) + (" …" if len(outside) > 5 else "")
        return f"outside your area ({area.name}): {listed}"
    return None


def covered_municipalities(allocation: pd.DataFrame, municipality_region: pd.DataFrame) -> dict[str, set[str]]:
    """Project id → the municipalities its area covers, for the area check.

    A project placed only at a coarser level (a region, a large area, the whole country)
    covers every municipality there: an editor limited to a Leader group may not store a
    region-wide project. Unknown areas cover nothing (and are refused as unverifiable).
    """
    region_members = municipality_region.groupby("region_code")["code"].agg(set).to_dict()
    everything = set(municipality_region["code"])
    covered: dict[str, set[str]] = {}
    level = allocation["area_level"] if "area_level" in allocation else pd.Series("municipality", index=allocation.index)
    for project, row_level, municipality, region, large_area in zip(
        allocation["project_id"], level, allocation["municipality"], allocation["region"], allocation.get("large_area", pd.Series("", index=allocation.index))
    ):
        target = covered.setdefault(project, set())
        if row_level == "municipality" and municipality != UNKNOWN_AREA:
            target.add(municipality)
        elif row_level == "region" and region:
            target |= region_members.get(region, set())
        elif row_level == "large_area" and large_area:
            for region_code, members in region_members.items():
                if large_area_of_region(region_code, "2014-2020") == large_area:
                    target |= members
        elif row_level == "national":
            target |= everything
    return {project: codes for project, codes in covered.items() if codes}


def prepare_contribution(
    result: ImportResult,
    *,
    existing_ids: set[str],
    municipality_region: pd.DataFrame,
    municipalities: gpd.GeoDataFrame,
    area: Area | None = None,
) -> Contribution:
    """Allocate/locate the accepted records, refuse those outside ``area``, find live ids."""
    names = dict(zip(municipalities["code"], municipalities["name_fi"]))
    records = result.accepted.reset_index(drop=True)
    refused_rows: list[dict] = []
    allocation = located = None
    if result.kind == "projects":
        allocation = allocate_projects(records, municipality_region)
        if area is not None:
            covered = covered_municipalities(allocation, municipality_region)
            keep = []
            for record_id in records["id"]:
                reason = _outside(covered.get(record_id, set()), area, names)
                keep.append(reason is None)
                if reason:
                    refused_rows.append({"row": None, "reason": reason, "raw": record_id})
            records = records.loc[keep].reset_index(drop=True)
            allocation = allocation[allocation["project_id"].isin(set(records["id"]))].reset_index(drop=True)
    else:
        located, _ = locate_services(records, municipalities)
        if area is not None:
            keep = []
            for record_id, code in zip(located["id"], located["located_municipality"]):
                reason = _outside({code} if code else set(), area, names)
                keep.append(reason is None)
                if reason:
                    refused_rows.append({"row": None, "reason": reason, "raw": record_id})
            located = located.loc[keep].reset_index(drop=True)
            records = records.loc[keep].reset_index(drop=True)
    existing = [i for i in records["id"] if i in existing_ids]
    refused = pd.DataFrame(refused_rows, columns=["row", "reason", "raw"])
    return Contribution(result, result.kind, records, allocation, located, refused, existing)


def contribution_batch(contribution: Contribution, *, editor: str, file_name: str, content: bytes, on_existing: str = "skip") -> BatchRecords:
    """The batch to write: ids already live are skipped or stored to replace them."""
    if on_existing not in ON_EXISTING:
        raise ValueError(f"on_existing must be one of {ON_EXISTING}")
    skip = set(contribution.existing) if on_existing == "skip" else set()
    records = contribution.records[~contribution.records["id"].isin(skip)].reset_index(drop=True)
    result = contribution.result
    report = SourceReport(file_name, contribution.kind, result.read, len(records), contribution.rejected, result.load.warnings, list(result.notes))
    batch = BatchRecords(
        kind=contribution.kind,
        origin="contributed",
        editor=editor,
        files={file_name: content},
        format=result.format,
        reports=[report],
        read=result.read,
        rejected=len(contribution.rejected),
        skipped=len(skip),
        replaced=0 if on_existing == "skip" else len(contribution.existing),
    )
    if contribution.kind == "projects":
        batch.projects = records
        batch.allocation = contribution.allocation[contribution.allocation["project_id"].isin(set(records["id"]))].reset_index(drop=True)
    else:
        located = contribution.located
        batch.services = located[~located["id"].isin(skip)].reset_index(drop=True)
    if batch.read != batch.accepted + batch.rejected + batch.skipped:
        raise AssertionError(f"batch counts do not add up: read {batch.read}, accepted {batch.accepted}, rejected {batch.rejected}, skipped {batch.skipped}")
    return batch
