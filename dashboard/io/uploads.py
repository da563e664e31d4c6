"""Validate a user's upload with the same rules as the shipped data (pure, testable).

Limits: :mod:`dashboard.core.limits` (20 MiB, rows, unpacked size …) and the file types of
the importer registry; the content must be what the type claims. The format is chosen by
the user or detected by the registry, and the file goes through the same importer as
``python -m dashboard import``. Rows whose id is already used by the shipped data are
rejected, so an upload can add but never overwrite.

Imports go one way: this module uses the importers; nothing in ``importers`` uses it.
"""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from dashboard.core.names import AreaResolver
from dashboard.core import limits
from dashboard.io.importers import FORMATS, accepted_suffixes, detect_format, import_bytes
from dashboard.io.importers.base import ImportResult, detect_kind
from dashboard.core.readers import MAX_UPLOAD_BYTES, DataFormatError

ALLOWED_SUFFIXES: tuple[str, ...] = accepted_suffixes()

__all__ = ["ALLOWED_SUFFIXES", "MAX_UPLOAD_BYTES", "detect_format", "detect_kind", "validate_upload"]


def validate_upload(
    filename: str,
    data: bytes,
    resolver: AreaResolver,
    existing_ids: set[str] | None = None,
    format_name: str = "auto",
    limits_: limits.Limits | None = None,
) -> ImportResult:
    """Check limits, import with the chosen (or detected) format, reject id clashes."""
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in ALLOWED_SUFFIXES:
        raise DataFormatError(f"file type {suffix or '(none)'} is not accepted; upload one of {', '.join(ALLOWED_SUFFIXES)}")
    with limits.applied(limits_):
        limits.check_bytes(len(data))
        if suffix == ".csv" and data.lstrip()[:1] in (b"{", b"["):
            raise DataFormatError("the file is named .csv but holds JSON; rename it .geojson")
        if format_name != "auto" and format_name not in FORMATS:
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
