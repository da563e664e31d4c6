"""Granting authorities: clean names, and which of them place a project geographically.

A regional council (maakunnan liitto) grants within its own region, so its grants are
placed in that region. An ELY centre in the structural funds acts for a large area
(Keski-Suomen ELY-keskus grants companies all over Western Finland), and Tekes, Finnvera
and the ministries act nationally: their grants are *not* placed (area unknown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.core.names import AreaResolver

_ELY = re.compile(r"^\s*(?P<area>[\wÅÄÖåäö-]+(?:\s[\wÅÄÖåäö-]+)?)\s+elinkeino-\s*,?\s*liikenne-\s+ja\s+ympäristökeskus(?P<rest>.*)$", re.IGNORECASE)
_COUNCIL = re.compile(r"^\s*(?P<area>.+?)\s*(?:maakuntaliitto|liitto)\s*$", re.IGNORECASE)
_SPECIAL_COUNCILS = {"satakuntaliitto": "04", "hämeen liitto": "05", "ahvenanmaan maakuntahallitus": "21", "ålands landskapsregering": "21"}

AUTHORITY_PATTERN = re.compile(
    r"([\wÅÄÖåäö-]+\s+elinkeino-\s*,?\s*liikenne-\s+ja\s+ympäristökeskus(?:\s+yritystuet)?"
    r"|[\wÅÄÖåäö-]+\s+(?:maakunta)?liitto|Satakuntaliitto"
    r"|Innovaatiorahoituskeskus Tekes|Tekes|Finnvera(?:\s+pääomasijoitustoiminta)?"
    r"|(?:[\wÅÄÖåäö]+-\s+ja\s+)?[\wÅÄÖåäö-]*ministeriö|Opetushallitus|Liikennevirasto)\s*$",
    re.IGNORECASE,
)


def clean_funder(raw: str) -> str:
    """``Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus yritystuet`` → ``Keski-Suomen ELY-keskus``."""
    text = re.sub(r"\s+", " ", str(raw or "")).strip(" ,;")
    if not text:
        return ""
    ely = _ELY.match(text)
    if ely:
        return f"{ely.group('area')} ELY-keskus"
    if re.fullmatch(r"(?i)(innovaatiorahoituskeskus\s+)?tekes", text):
        return "Tekes"
    if text.lower().startswith("finnvera"):
        return "Finnvera"
    return text


def council_region(funder: str, resolver: AreaResolver) -> str | None:
    """The region code of a regional council (``Lapin liitto`` → ``19``), else ``None``."""
    text = re.sub(r"\s+", " ", funder or "").strip()
    if text.casefold() in _SPECIAL_COUNCILS:
        return _SPECIAL_COUNCILS[text.casefold()]
    if "ely" in text.casefold() or "ministeriö" in text.casefold():
        return None
    match = _COUNCIL.match(text)
    if not match:
        return None
    result = resolver.resolve_region(match.group("area"))
    return result.code if result.ok and result.method != "fuzzy" else None


_MUNICIPAL_IMPLEMENTER = re.compile(r"^\s*(?P<name>[\wÅÄÖåäö -]+?)\s+(kunta|kaupunki|kommun|stad)\s*$", re.IGNORECASE)


def municipal_implementer(implementer: str, resolver: AreaResolver) -> str | None:
    """``Savukosken kunta`` / ``Kiteen kaupunki`` → the municipality's code; otherwise ``None``."""
    match = _MUNICIPAL_IMPLEMENTER.match(implementer or "")
    if not match:
        return None
    result = resolver.resolve_municipality(match.group("name"))
    return result.code if result.ok and result.method in ("name", "inflected", "alias", "former") else None


# --- where a structural-fund decision places a project ----------------------------------
# Facts from ../shared/reference/structural_fund_areas.csv and eura_value_mapping.csv (one
# source URL per row there; the sources are named again in data/README.md).


@dataclass(frozen=True)
class AreaPlacement:
    """Where the data places a project: a precision level, its area codes and why."""

    precision: str  # one of vocab.PROJECT_LOCATION_PRECISIONS
    large_area: str = ""
    region: str = ""
    basis: str = ""


_SECTIONS_2007 = {
    # "Ohjelma / osio" of the EURA 2007 export → (large area, inference note)
    "etelä-suomi": ("etela-suomi", ""),
    "länsi-suomi": ("lansi-suomi", ""),
    "itä-suomi": ("ita-suomi", ""),
    "pohjois-suomi": ("pohjois-suomi", ""),
    "etelä-suomen suuralueosio": ("etela-suomi", "inference: its region list follows the ERDF Etelä-Suomi area"),
    "länsi-suomen suuralueosio": ("lansi-suomi", ""),
    "itä-suomen suuralueosio": ("ita-suomi", "inference: its region list follows the ERDF Itä-Suomi area"),
    "pohjois-suomen suuralueosio": ("pohjois-suomi", "inference: its region list follows the ERDF Pohjois-Suomi area"),
}

# 2014-2020: the four structural-fund ELY centres (decision of 18.9.2013) and the two
# regional councils that decided ERDF for a whole large area.
_LARGE_AREA_BODIES_2014 = {
    "hämeen ely-keskus": ("etela-suomi", "granting body's large area: Hämeen ELY-keskus, structural-fund ELY of Etelä-Suomi"),
    "keski-suomen ely-keskus": (
        "lansi-suomi",
        "granting body's large area: Keski-Suomen ELY-keskus, structural-fund ELY of Länsi-Suomi "
        "(inference: the exports also show it for Varsinais-Suomi and Keski-Pohjanmaa implementers)",
    ),
    "etelä-savon ely-keskus": ("ita-suomi", "granting body's large area: Etelä-Savon ELY-keskus, structural-fund ELY of Itä-Suomi"),
    "pohjois-pohjanmaan ely-keskus": ("pohjois-suomi", "granting body's large area: Pohjois-Pohjanmaan ELY-keskus, structural-fund ELY of Pohjois-Suomi"),
    "uudenmaan liitto": ("etela-suomi", "granting body's large area: Uudenmaan liitto decided the ERDF projects of all six Etelä-Suomi regions"),
    "pirkanmaan liitto": ("lansi-suomi", "granting body's large area: Pirkanmaan liitto decided the ERDF projects of the five Länsi-Suomi regions"),
}

_NATIONAL_BODIES = re.compile(r"(?i)tekes|finnvera|ministeriö|opetushallitus|liikennevirasto")


def is_national_body(funder: str) -> bool:
    """Tekes, Finnvera, the ministries, Opetushallitus, Liikennevirasto: national granting bodies."""
    return bool(_NATIONAL_BODIES.search(funder or ""))


def programme_section_area(programme: str) -> AreaPlacement | None:
    """2007-2013: the programme or ESF section names a large area, or the national section."""
    key = re.sub(r"\s+", " ", programme or "").strip().casefold()
    if key == "valtakunnallinen osio":
        return AreaPlacement("national", basis="national section of the ESF programme (Valtakunnallinen osio)")
    if key in _SECTIONS_2007:
        area, inference = _SECTIONS_2007[key]
        basis = f"programme section: {programme.strip()}" + (f" ({inference})" if inference else "")
        return AreaPlacement("large_area", large_area=area, basis=basis)
    return None


def granting_body_area(funder: str, period: str, resolver: AreaResolver) -> AreaPlacement | None:
    """Where the granting body's decision places a project, when a source says so.

    2014-2020: the four ELY centres and Uudenmaan / Pirkanmaan liitto act for a large area,
    the other regional councils for their own region. 2007-2013: a regional council grants
    in its own region; the ELY column of that export shows later administration, so it
    places nothing. National bodies (Tekes, Finnvera, ministries) place nothing either.
    """
    from dashboard.core.vocab import large_area_of_region

    key = re.sub(r"\s+", " ", funder or "").strip().casefold()
    if period == "2014-2020" and key in _LARGE_AREA_BODIES_2014:
        area, basis = _LARGE_AREA_BODIES_2014[key]
        return AreaPlacement("large_area", large_area=area, basis=basis)
    if _NATIONAL_BODIES.search(key) or "ely-keskus" in key:
        return None
    region = council_region(funder, resolver)
    if region:
        return AreaPlacement("region", large_area=large_area_of_region(region, period), region=region, basis=f"granting council's own region ({funder.strip()})")
    return None


# --- the implementer's seat ------------------------------------------------------------

# ../shared/reference/implementer_seats.csv: seats of frequent public-body implementers (one
# source per row there). Itä-Suomen yliopisto has two campuses and no stated seat: left out.
IMPLEMENTER_SEATS: dict[str, str] = {
    "oulun yliopisto": "564",
    "lappeenrannan teknillinen yliopisto": "405",
    "mikkelin ammattikorkeakoulu oy": "491",
    "lapin yliopisto": "698",
    "jyväskylän yliopisto": "179",
    "jyväskylän ammattikorkeakoulu oy": "179",
    "turun yliopisto": "853",
    "keski-suomen ely-keskus": "179",
    "karelia ammattikorkeakoulu oy": "167",
    "helsingin yliopisto koulutus- ja kehittämiskeskus palmenia": "091",
    "hämeen ammattikorkeakoulu oy": "109",
    "centria ammattikorkeakoulu oy": "272",
    "vaasan yliopisto": "905",
    "etelä-savon ely-keskus": "491",
    "pohjois-pohjanmaan elinkeino- liikenne- ja ympäristökeskus": "564",
    "pohjois-pohjanmaan ely-keskus": "564",
}

# "<genitive of a place> yliopisto / ammattikorkeakoulu / kuntayhtymä / kaupunki …": the place
# word names the seat ("Oulun yliopisto" → Oulu). A region's name there is not a seat.
_NAMED_SEAT = re.compile(
    r"^\s*(?P<place>[\wÅÄÖåäö-]+)\s+(?:(?:teknillinen\s+)?yliopisto[n]?|ammattikorkeakoulu[n]?|(?:seudun\s+)?(?:koulutus)?kuntayhtymä|kaupunki|kunta|kaupungin|kunnan|seurakunta|evankelis-luterilainen seurakunta)\b",
    re.IGNORECASE,
)


def _seat_key(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[,]", " ", name or "")).strip().casefold()


def implementer_seat(implementer: str, resolver: AreaResolver) -> str:
    """The municipality code of the recipient's seat, or "" when no source or name says it.

    A municipality or city is its own seat; a university, university of applied sciences or
    joint municipal authority named after a municipality sits there; frequent public bodies
    come from ``IMPLEMENTER_SEATS``. A company stays unknown.
    """
    key = _seat_key(implementer)
    if not key:
        return ""
    if key in IMPLEMENTER_SEATS:
        return IMPLEMENTER_SEATS[key]
    own = municipal_implementer(implementer, resolver)
    if own:
        return own
    match = _NAMED_SEAT.match(key)
    if not match:
        return ""
    place = match.group("place")
    if resolver.resolve_region(place).ok and resolver.resolve_region(place).method != "fuzzy":
        if not resolver.resolve_municipality(place).ok or resolver.resolve_municipality(place).method == "fuzzy":
            return ""  # "Lapin yliopisto", "Satakunnan ammattikorkeakoulu": a region, not a seat
    result = resolver.resolve_municipality(place)
    return result.code if result.ok and result.method in ("name", "inflected", "alias") else ""
