"""GeoJSON → services: canonical GeoJSON, or OpenStreetMap Overpass exports.

Overpass turbo exports carry OSM tags as properties (``tourism``, ``leisure``, ``amenity``,
``boundary`` …) and an ``@id`` like ``node/123``; each feature becomes a service with its
category from the tags, its point (a polygon's representative point, flagged approximate)
and its OSM page as the source.
"""

from __future__ import annotations

import shapely.geometry

from dashboard.core.names import AreaResolver
from dashboard.core.readers import load_feature_collection
from dashboard.io.importers.base import Draft, ImportResult, finish
from dashboard.io.importers.categories import category_from_osm
from dashboard.core.readers import feature_parts


def import_geojson(data: bytes, resolver: AreaResolver) -> ImportResult:
    collection = load_feature_collection(data)
    features = collection["features"]
    draft = Draft("services")
    for number, feature in enumerate(features, start=1):
        properties, geometry = feature_parts(feature)
        if not isinstance(feature, dict):
            draft.reject(number, f"feature {number} is not a GeoJSON object", str(feature)[:100])
            continue
        tags = properties.get("tags") if isinstance(properties.get("tags"), dict) else properties
        tags = {str(k): "" if v is None else str(v) for k, v in tags.items()}
        try:
            shape = shapely.geometry.shape(geometry) if geometry else None
        except Exception:
            shape = None
        if shape is None or shape.is_empty:
            draft.reject(number, "feature without a usable geometry", tags.get("name", ""))
            continue
        point = shape if shape.geom_type == "Point" else shape.representative_point()
        approximate = shape.geom_type != "Point"
        if "category" in tags:  # canonical services as GeoJSON
            record = {c: tags.get(c, "") for c in ("id", "name", "category", "provider", "municipality", "location_precision", "website", "source_url", "summary")}
            record["lat"], record["lon"] = f"{point.y:.6f}", f"{point.x:.6f}"
            draft.add(number, record)
            continue
        category = category_from_osm(tags)
        name = tags.get("name") or tags.get("name:fi") or tags.get("name:sv") or tags.get("name:en")
        osm_id = str(properties.get("@id") or properties.get("id") or feature.get("id") or "")
        if category is None:
            draft.reject(number, f"not a nature destination or service (tags: {', '.join(f'{k}={v}' for k, v in list(tags.items())[:4])})", name or osm_id)
            continue
        if not name:
            draft.reject(number, f"{osm_id or 'feature'} has no name", osm_id)
            continue
        kind, _, number_part = osm_id.partition("/")
        draft.add(
            number,
            {
                "id": f"osm-{kind}-{number_part}" if number_part else f"osm-{number}",
                "name": name,
                "category": category,
                "provider": tags.get("operator", ""),
                "lat": f"{point.y:.6f}",
                "lon": f"{point.x:.6f}",
                "location_precision": "exact",
                "website": tags.get("website") or tags.get("contact:website") or tags.get("url", ""),
                "source_url": f"https://www.openstreetmap.org/{osm_id}" if number_part else "",
                "summary": tags.get("description", "")[:300] + (" (area; point inside it)" if approximate else ""),
            },
        )
    return finish(draft, "geojson", resolver, len(features))
