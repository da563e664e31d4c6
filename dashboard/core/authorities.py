"""Granting authorities: clean names, and which of them place a project geographically.

A regional council (maakunnan liitto) grants within its own region, so its grants are
placed in that region. An ELY centre in the structural funds acts for a large area
(Keski-Suomen ELY-keskus grants companies all over Western Finland), and Tekes, Finnvera
and the ministries act nationally: their grants are *not* placed (area unknown).
"""

from __future__ import annotations

import re

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
