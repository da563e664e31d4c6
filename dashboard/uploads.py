"""Validate a user's upload with the same rules as the shipped data (pure, testable).

Limits: 20 MB, ``.csv`` / ``.geojson`` / ``.json`` only, and the content must match the
extension. The kind (projects or services) is told from the columns. Rows whose id is
already used by the shipped data are rejected, so an upload can add but never overwrite.
"""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from .names import AreaResolver
from .readers import MAX_UPLOAD_BYTES, DataFormatError, read_geojson_records, read_table
from .records import LoadResult, load_projects, load_services

ALLOWED_SUFFIXES = (".csv", ".geojson", ".json")


def detect_kind(columns: list[str]) -> str:
    names = {str(c).strip().casefold() for c in columns}
    if "category" in names and ("lat" in names or "municipality" in names):
        return "services"
    if {"id", "name"} <= names and ({"fund", "funder", "municipalities", "budget_total_eur", "public_funding_eur"} & names):
        return "projects"
    raise DataFormatError(
        "cannot tell whether this is a projects or a services file: projects need id, name and e.g. fund/municipalities; "
        "services need id, name, category and lat/lon or municipality (see data/README.md)"
    )


def read_upload(filename: str, data: bytes) -> pd.DataFrame:
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in ALLOWED_SUFFIXES:
        raise DataFormatError(f"file type {suffix or '(none)'} is not accepted; upload .csv or .geojson")
    if len(data) > MAX_UPLOAD_BYTES:
        raise DataFormatError(f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES / 1e6:.0f} MB")
    if suffix == ".csv":
        if data.lstrip()[:1] in (b"{", b"["):
            raise DataFormatError("the file is named .csv but holds JSON; rename it .geojson")
        return read_table(data)
    return read_geojson_records(data)


def validate_upload(filename: str, data: bytes, resolver: AreaResolver, existing_ids: set[str] | None = None) -> LoadResult:
    """Read, detect the kind, validate; ids clashing with the shipped data are rejected."""
    frame = read_upload(filename, data)
    kind = detect_kind(list(frame.columns))
    result = (load_projects if kind == "projects" else load_services)(frame, resolver)
    if existing_ids:
        clash = result.accepted["id"].isin(existing_ids)
        if clash.any():
            moved = result.accepted.loc[clash]
            rejected = pd.DataFrame(
                {
                    "row": None,
                    "id": moved["id"],
                    "name": moved["name"],
                    "reason": "id is already used by the shipped data (give the row an id of its own)",
                }
            )
            result.rejected = pd.concat([result.rejected, rejected], ignore_index=True)
            result.accepted = result.accepted.loc[~clash].reset_index(drop=True)
    return result
