"""The nature page's URL codec: categories, areas, text, "near" and the radius.

Parameters: ``cat``, ``sregions``, ``smunicipalities`` (comma-separated codes), ``sq``
(text), ``near`` (``municipality`` or ``click``), ``near_m`` (a municipality code),
``point`` (``lat,lon`` inside Finland) and ``radius`` (km, clamped to 5–300 in 5 km steps).
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.core.vocab import FINLAND_BBOX
from dashboard.query.codecs.base import Notice, Query, join_codes, parse_choice, parse_codes, parse_number, parse_point, parse_text, raw, shown

NEAR_MODES = ("none", "municipality", "click")
RADIUS_KM = (5.0, 300.0)
RADIUS_STEP_KM = 5.0
DEFAULT_RADIUS_KM = 50.0
PARAMS = ("cat", "sregions", "smunicipalities", "sq", "near", "near_m", "point", "radius")
_BBOX = (FINLAND_BBOX[1], FINLAND_BBOX[0], FINLAND_BBOX[3], FINLAND_BBOX[2])  # lat/lon order


@dataclass(frozen=True)
class NatureDomain:
    categories: frozenset[str]
    regions: frozenset[str]
    municipalities: frozenset[str]


@dataclass(frozen=True)
class NatureView:
    categories: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    text: str = ""
    near: str = "none"
    near_municipality: str | None = None
    point: tuple[float, float] | None = None
    radius_km: float = DEFAULT_RADIUS_KM


def parse(query: Query, domain: NatureDomain) -> tuple[NatureView, list[Notice]]:
    notices: list[Notice] = []
    near = parse_choice(query, "near", NEAR_MODES, "none", notices)
    near_municipality = None
    point = None
    if near == "municipality":
        value = raw(query, "near_m")
        if value in domain.municipalities:
            near_municipality = value
        elif value:
            notices.append(Notice("near_m", shown(value), "unknown_value"))
    if near == "click":
        point = parse_point(query, "point", _BBOX, notices)
    radius = parse_number(query, "radius", RADIUS_KM, DEFAULT_RADIUS_KM, notices, step=RADIUS_STEP_KM) if near != "none" else DEFAULT_RADIUS_KM
    view = NatureView(
        categories=parse_codes(query, "cat", domain.categories, notices),
        regions=parse_codes(query, "sregions", domain.regions, notices),
        municipalities=parse_codes(query, "smunicipalities", domain.municipalities, notices),
        text=parse_text(query, "sq", notices),
        near=near,
        near_municipality=near_municipality,
        point=point,
        radius_km=radius,
    )
    return view, notices


def to_query(view: NatureView) -> dict[str, str]:
    query: dict[str, str] = {}
    if view.categories:
        query["cat"] = join_codes(view.categories)
    if view.regions:
        query["sregions"] = join_codes(view.regions)
    if view.municipalities:
        query["smunicipalities"] = join_codes(view.municipalities)
    if view.text:
        query["sq"] = view.text
    if view.near != "none":
        query["near"] = view.near
        if view.radius_km != DEFAULT_RADIUS_KM:
            query["radius"] = f"{view.radius_km:g}"
        if view.near == "municipality" and view.near_municipality:
            query["near_m"] = view.near_municipality
        if view.near == "click" and view.point:
            query["point"] = f"{view.point[0]:.4f},{view.point[1]:.4f}"
    return query
