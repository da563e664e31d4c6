"""Validate a user's upload with the same rules as the shipped data (pure, testable).

Limits: 20 MB and the file types below; the content must be what the type claims. The
format is chosen by the user or detected from the extension and the header, and the file
goes through the same importer as ``python -m dashboard import``. Rows whose id is
already used by the shipped data are rejected, so an upload can add but never overwrite.
"""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from dashboard.io.importers import FORMATS, import_bytes
from dashboard.io.importers.base import ImportResult
from dashboard.core.names import AreaResolver
from dashboard.core.readers import MAX_UPLOAD_BYTES, DataFormatError, decode

ALLOWED_SUFFIXES = (".csv", ".geojson", ".json", ".kml", ".kmz", ".txt", ".xlsx")


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


def detect_format(filename: str, data: bytes) -> str:
    """The importer for a file, from its extension and (for CSV) its header line."""
    suffix = PurePath(filename).suffix.casefold()
    if suffix in (".kml", ".kmz"):
        return "kml"
    if suffix in (".geojson", ".json"):
        return "geojson"
    if suffix == ".txt":
        return "page-text"
    if suffix == ".xlsx":
        return "rural-register"
    header = decode(data[:4096]).splitlines()[0].casefold() if data.strip() else ""
    if "koodi" in header and "rahasto" in header:
        return "eura"
    if "operation_unique_identifier" in header:
        return "kohesio"
    if "hankenumero" in header:
        return "rural-register"
    return "canonical"


def validate_upload(
    filename: str,
    data: bytes,
    resolver: AreaResolver,
    existing_ids: set[str] | None = None,
    format_name: str = "auto",
) -> ImportResult:
    """Check limits, import with the chosen (or detected) format, reject id clashes."""
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in ALLOWED_SUFFIXES:
        raise DataFormatError(f"file type {suffix or '(none)'} is not accepted; upload one of {', '.join(ALLOWED_SUFFIXES)}")
    if len(data) > MAX_UPLOAD_BYTES:
        raise DataFormatError(f"the file is {len(data) / 2**20:.1f} MB; the limit is {MAX_UPLOAD_BYTES / 2**20:.0f} MB")
    if suffix == ".csv" and data.lstrip()[:1] in (b"{", b"["):
        raise DataFormatError("the file is named .csv but holds JSON; rename it .geojson")
    format_name = detect_format(filename, data) if format_name == "auto" else format_name
    if format_name not in FORMATS:
        raise DataFormatError(f"unknown format '{format_name}'")
    result = import_bytes(format_name, data, resolver, filename=filename)
    if existing_ids:
        clash = result.accepted["id"].isin(existing_ids)
        if clash.any():
            moved = result.accepted.loc[clash]
            extra = pd.DataFrame(
                {"row": None, "reason": "id is already used by the shipped data (give the row an id of its own)", "raw": moved["id"]}
            )
            result.rejected = pd.concat([result.rejected, extra], ignore_index=True)
            result.accepted = result.accepted.loc[~clash].reset_index(drop=True)
    return result
