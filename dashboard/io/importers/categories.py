"""Service categories from free words (My Maps folder names) and OpenStreetMap tags."""

from __future__ import annotations

import re

_WORDS = [
    ("national_park", r"kansallispuisto|national park|nationalpark"),
    ("hiking_area", r"retkeilyalue|hiking area|virkistysalue|friluftsområde"),
    ("nature_reserve", r"luonnonsuojelu|nature reserve|naturreservat|suojelualue"),
    ("geopark", r"geopark"),
    ("trail", r"reitti|polku|trail|\bled\b|vaellus"),
    ("green_care", r"green care|luontohoiva|luontovoima|hoiva"),
    ("guided_tour", r"opast|guide|safari|retkipalvelu"),
    ("nature_wellbeing", r"hyvinvointi|wellbeing|wellness|metsämieli|jooga"),
    ("farm_experience", r"maatila|tila(?:lla)?\b|farm|eläin"),
    ("accommodation", r"majoitus|mökki|hotelli|accommodation|leirintä|camping|lodging|logi"),
    ("activity", r"ohjelmapalvelu|aktiviteet|activity|melonta|kalastus|ratsastus|vuokraus"),
]


def category_from_words(text: str) -> str:
    for category, pattern in _WORDS:
        if re.search(pattern, text or "", re.IGNORECASE):
            return category
    return "other"


def category_from_osm(tags: dict[str, str]) -> str | None:
    """OpenStreetMap tags → category; ``None`` when the feature is not a nature service."""
    if tags.get("boundary") == "national_park" or (tags.get("boundary") == "protected_area" and tags.get("protect_class") == "2"):
        return "national_park"
    if tags.get("leisure") == "nature_reserve" or tags.get("boundary") == "protected_area":
        return "nature_reserve"
    tourism = tags.get("tourism", "")
    if tourism in {"wilderness_hut", "alpine_hut", "camp_site", "caravan_site", "chalet", "guest_house", "hostel", "hotel", "motel", "apartment"}:
        return "accommodation"
    if tags.get("route") in {"hiking", "foot", "bicycle", "ski", "canoe"} or tags.get("type") == "route":
        return "trail"
    if tags.get("amenity") in {"shelter", "bbq"} or tourism in {"picnic_site", "viewpoint", "information", "attraction"}:
        return "other"
    if tags.get("leisure") in {"park", "firepit", "bird_hide", "sauna"} or tags.get("natural"):
        return "other"
    if tourism or tags.get("leisure") or tags.get("amenity"):
        return "other"
    return None
