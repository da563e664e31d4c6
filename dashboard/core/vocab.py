"""Fixed vocabularies of the canonical records.

Kept in one place so that the schema, the importers, the filters and the data README
all speak the same words. Values are stored in English codes; the app translates them.
"""

from __future__ import annotations

from typing import Final

FUNDS: Final[tuple[str, ...]] = (
    "EAFRD",  # European Agricultural Fund for Rural Development (maaseuturahasto, incl. Leader)
    "ERDF",  # European Regional Development Fund (EAKR)
    "ESF",  # European Social Fund (ESR), up to 2014-2020
    "ESF+",  # European Social Fund Plus, 2021-2027
    "JTF",  # Just Transition Fund
    "Interreg",
    "national",  # national or regional money (AKKE, maakunnan kehittämisraha, ministries)
    "other",
    "unknown",
)

CANONICAL_PERIODS: Final[tuple[str, ...]] = ("2007-2013", "2014-2020", "2021-2027", "unknown")

THEMES: Final[tuple[str, ...]] = (
    "nature_tourism",
    "green_care",
    "smart_villages",
    "youth",
    "internationalisation",
    "forest_bioeconomy",
    "environment_climate",
    "business_development",
    "culture_heritage",
    "services_infrastructure",
    "community_cooperation",
    "food_agriculture",
    "skills_employment",
)

PROJECT_STATUSES: Final[tuple[str, ...]] = ("planned", "ongoing", "ended", "unknown")

SERVICE_CATEGORIES: Final[tuple[str, ...]] = (
    "national_park",
    "hiking_area",
    "nature_reserve",
    "trail",
    "geopark",
    "green_care",
    "guided_tour",
    "nature_wellbeing",
    "activity",
    "accommodation",
    "farm_experience",
    "other",
)

LOCATION_PRECISIONS: Final[tuple[str, ...]] = ("exact", "municipality")

MONEY_BASIS: Final[tuple[str, ...]] = ("budget_total", "public_funding", "unknown")
"""Which column a project's money measure comes from (see ``join.money_measure``)."""

PROJECT_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "name",
    "implementer",
    "funder",
    "fund",
    "programme",
    "period",
    "period_canonical",
    "start_date",
    "end_date",
    "budget_total_eur",
    "public_funding_eur",
    "municipalities",
    "regions",
    "themes",
    "leader",
    "leader_group",
    "status",
    "website",
    "source_url",
    "summary",
)

SERVICE_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "name",
    "category",
    "provider",
    "municipality",
    "lat",
    "lon",
    "location_precision",
    "website",
    "source_url",
    "summary",
)

LEADER_GROUP_COLUMNS: Final[tuple[str, ...]] = (
    "leader_group",
    "municipality",
    "partial",
    "period",
    "source_url",
)

LIST_SEPARATOR: Final[str] = ";"

# Finland's extent in WGS84, with a small margin (Åland in the west, Ilomantsi in the east,
# Hanko in the south, Nuorgam in the north). Used to reject coordinates outside Finland and
# to recognise swapped latitude/longitude.
FINLAND_BBOX: Final[tuple[float, float, float, float]] = (19.0, 59.4, 31.7, 70.2)  # lon_min, lat_min, lon_max, lat_max

# NUTS 3 (2021) codes of Finland's regions (maakunnat), as Statistics Finland publishes them.
NUTS3_REGIONS: Final[dict[str, str]] = {
    "FI1B1": "01",
    "FI1C1": "02",
    "FI196": "04",
    "FI1C2": "05",
    "FI197": "06",
    "FI1C3": "07",
    "FI1C4": "08",
    "FI1C5": "09",
    "FI1D1": "10",
    "FI1D2": "11",
    "FI1D3": "12",
    "FI193": "13",
    "FI194": "14",
    "FI195": "15",
    "FI1D5": "16",
    "FI1D9": "17",
    "FI1D8": "18",
    "FI1D7": "19",
    "FI200": "21",
}
