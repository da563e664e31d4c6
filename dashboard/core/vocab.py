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
"""Services: a point from a source, or only the municipality."""

PROJECT_LOCATION_PRECISIONS: Final[tuple[str, ...]] = ("municipality", "region", "large_area", "national", "unknown")
"""Projects: the finest level at which the data places a project, finest first."""

AMOUNT_PRECISIONS: Final[tuple[str, ...]] = ("exact", "rounded", "ceiling")
"""How a curated amount is given by its source: to the euro, rounded ("2,2 M€"), or a maximum ("enintään")."""

LARGE_AREAS: Final[dict[str, str]] = {
    "etela-suomi": "Etelä-Suomi",
    "lansi-suomi": "Länsi-Suomi",
    "ita-suomi": "Itä-Suomi",
    "pohjois-suomi": "Pohjois-Suomi",
    "ahvenanmaa": "Ahvenanmaa",
}
"""The structural-fund large areas (suuralueet), code → Finnish name."""

LARGE_AREA_REGIONS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    # ERDF regional programmes and ESF sections of 2007-2013 (structural_fund_areas.csv:
    # ec.europa.eu programme summaries, ekarjala.fi, lansisuomi.fi; Itä-Uusimaa, a region
    # until 2010, is part of today's Uusimaa 01). Kainuu belonged to Itä-Suomi.
    "2007-2013": {
        "etela-suomi": ("01", "02", "05", "07", "08", "09"),
        "lansi-suomi": ("04", "06", "13", "14", "15"),
        "ita-suomi": ("10", "11", "12", "18"),
        "pohjois-suomi": ("16", "17", "19"),
        "ahvenanmaa": ("21",),
    },
    # The regional plans of "Kestävää kasvua ja työtä" 2014-2020 (Etelä- ja Länsi-Suomi;
    # Itä- ja Pohjois-Suomi): Uudenmaan liitto decided ERDF for the six southern regions,
    # Pirkanmaan liitto for the five western ones; Kainuu moved to Pohjois-Suomi.
    "2014-2020": {
        "etela-suomi": ("01", "02", "05", "07", "08", "09"),
        "lansi-suomi": ("04", "06", "13", "14", "15"),
        "ita-suomi": ("10", "11", "12"),
        "pohjois-suomi": ("16", "17", "18", "19"),
        "ahvenanmaa": ("21",),
    },
}
"""Which regions (2023 codes) form each large area, per period. Other periods use 2014-2020."""


def large_area_of_region(region_code: str, period: str) -> str:
    """The large area a region belonged to in ``period`` ("" when none)."""
    areas = LARGE_AREA_REGIONS.get(period, LARGE_AREA_REGIONS["2014-2020"])
    return next((area for area, regions in areas.items() if region_code in regions), "")

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
    # Where the project works, and how sure that is (see data/README.md, "Area").
    "location_precision",
    "large_area",
    "location_basis",
    # Where the recipient is (its seat), a different question from where the project works.
    "implementer_municipality",
    # The money columns of the structural-fund exports, each kept as what it is.
    "eu_state_granted_eur",
    "eu_state_paid_eur",
    "public_paid_eur",
    "amount_precision",
    "source",
    # The summary in each language, in our own words (data/README.md, "Names and summaries in
    # three languages"); ``summary`` stays the text as the source or contributor gave it.
    "summary_fi",
    "summary_sv",
    "summary_en",
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
    # Name and summary per language; ``name`` is the name as the source gives it, ``summary`` the
    # original text (see data/README.md, "Names and summaries in three languages").
    "name_fi",
    "name_sv",
    "name_en",
    "summary_fi",
    "summary_sv",
    "summary_en",
)

TEXT_LANGUAGES: Final[tuple[str, ...]] = ("fi", "sv", "en")
"""The languages of the per-language text columns (``name_fi`` …, ``summary_en``)."""


def language_columns(field: str) -> tuple[str, ...]:
    """``summary`` → ``("summary_fi", "summary_sv", "summary_en")``."""
    return tuple(f"{field}_{lang}" for lang in TEXT_LANGUAGES)


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
