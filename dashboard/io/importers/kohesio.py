"""Kohesio (the EU's cohesion-project database) country CSV → projects.

Placed by the project's coordinates (point-in-polygon) where given, else by its NUTS3
region (Finland's NUTS3 regions are the maakunnat); otherwise area unknown.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd

from dashboard.geo import layers
from dashboard.core import parsing
from dashboard.core.names import AreaResolver
from dashboard.core.readers import DataFormatError, read_table
from dashboard.core.vocab import NUTS3_REGIONS
from dashboard.io.importers.base import Draft, ImportResult, finish
from dashboard.core.readers import reader_notes, swallowed_rows

REQUIRED = ("Operation_Unique_Identifier", "Operation_Name_Programme_Language")
FUNDS = {"ERDF": "ERDF", "ESF": "ESF", "ESF+": "ESF+", "JTF": "JTF", "CF": "other", "YEI": "ESF", "EAFRD": "EAFRD", "INTERREG": "Interreg", "IPA": "Interreg", "ENI": "Interreg"}
_POINT = re.compile(r"(-?\d+(?:\.\d+)?)[,;\s]+(-?\d+(?:\.\d+)?)")


def _fund(code: str) -> str:
    code = (code or "").strip().upper()
    if "INTERREG" in code or code.startswith("ETC"):
        return "Interreg"
    return FUNDS.get(code, "unknown" if not code else "other")


def _period(text: str) -> str:
    match = re.search(r"(20\d\d)\s*[-–/]\s*(20\d\d)", text or "")
    return f"{match.group(1)}-{match.group(2)}" if match else ""


def _point(text: str) -> tuple[float, float] | None:
    """``60.17,24.94`` (lat,lon) or ``POINT(24.94 60.17)`` (lon lat)."""
    if not text:
        return None
    match = _POINT.search(text)
    if not match:
        return None
    a, b = float(match.group(1)), float(match.group(2))
    if text.strip().upper().startswith("POINT"):
        a, b = b, a
    if 19 <= a <= 32 and 59 <= b <= 71:  # given as lon,lat
        a, b = b, a
    return a, b


def _status(start: str, end: str) -> str:
    from dashboard.io.importers.page_text import derive_status

    try:
        return derive_status(parsing.parse_date(start), parsing.parse_date(end))
    except ValueError:
        return "unknown"


def import_kohesio(data: bytes, resolver: AreaResolver) -> ImportResult:
    frame = read_table(data)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataFormatError(f"this is not a Kohesio export: the columns {missing} are missing")
    points = [_point(v) for v in frame.get("Location_Indicator_latitude_longitude", pd.Series([""] * len(frame)))]
    municipalities = layers.load_municipalities()
    located = pd.Series("", index=frame.index, dtype=object)
    have = [i for i, p in zip(frame.index, points) if p]
    if have:
        gdf = gpd.GeoDataFrame(index=have, geometry=gpd.points_from_xy([points[i][1] for i in have], [points[i][0] for i in have]), crs="EPSG:4326")
        joined = gpd.sjoin(gdf, municipalities[["code", "geometry"]], how="left", predicate="within")
        joined = joined[~joined.index.duplicated()]
        located.loc[have] = joined["code"].fillna("").to_numpy()
    draft = Draft("projects")
    swallowed = swallowed_rows(frame)
    for position, (index, row) in enumerate(frame.iterrows(), start=2):
        if position - 2 in swallowed:
            draft.reject(position, swallowed[position - 2], row.iloc[0])
            continue
        if not any(str(v).strip() for v in row.to_numpy()):
            draft.reject(position, "empty row")
            continue
        nuts = str(row.get("NUTS3_Code", "")).strip().upper()
        region = NUTS3_REGIONS.get(nuts, "") if not located[index] else ""
        if nuts and not located[index] and not region:
            draft.notes.append(f"row {position}: NUTS3 code {nuts} is not a Finnish region; area unknown")
        summary = str(row.get("Operation_Summary_Programme_Language", ""))
        draft.add(
            position,
            {
                "id": str(row.get("Operation_Unique_Identifier", "")).strip(),
                "name": str(row.get("Operation_Name_Programme_Language", "")).strip(),
                "implementer": str(row.get("Beneficiary_Name", "")).strip(),
                "fund": _fund(str(row.get("Fund_Code", ""))),
                "programme": str(row.get("Programme_Name", "")).strip(),
                "period": _period(str(row.get("Programming_Period", ""))),
                "start_date": str(row.get("Operation_Start_Date", "")).strip(),
                "end_date": str(row.get("Operation_End_Date", "")).strip(),
                "budget_total_eur": str(row.get("Total_Eligible_Expenditure_amount", "")).strip(),
                "municipalities": located[index],
                "regions": region,
                "themes": "",
                "status": _status(str(row.get("Operation_Start_Date", "")), str(row.get("Operation_End_Date", ""))),
                "source_url": str(row.get("Operation_URL", row.get("Kohesio_URL", ""))).strip(),
                "summary": (summary[:397] + "…") if len(summary) > 400 else summary,
            },
        )
    draft.notes.extend(reader_notes(frame))
    draft.notes.append("budget_total_eur = Total_Eligible_Expenditure_amount; the EU share (Project_EU_Budget) is not public funding in full and is not stored")
    return finish(draft, "kohesio", resolver, len(frame))
