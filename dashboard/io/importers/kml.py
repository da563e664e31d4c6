"""Google My Maps KML/KMZ exports → services.

My Maps exports (the form in which maps like the Keski-Suomi nature-services map are
shared) put each layer in a ``<Folder>``; the folder name becomes the category. Parsed with
defusedxml, so a hostile file cannot expand entities or reach the network; a KMZ is
unpacked and the XML parsed within the limits (unpacked size, depth, elements, placemarks).
"""

from __future__ import annotations

import html
import re

from dashboard.core.names import AreaResolver
from dashboard.core.readers import DataFormatError
from dashboard.io.importers.base import Draft, ImportResult, finish
from dashboard.io.importers.categories import category_from_words
from dashboard.core.readers import LimitError, open_zip, parse_xml, read_zip_member

NS = {"kml": "http://www.opengis.net/kml/2.2"}


def _kml_bytes(data: bytes) -> bytes:
    """The KML document itself: a KMZ is unpacked within the limits (directory first, then streaming)."""
    if data[:2] == b"PK":
        archive = open_zip(data)
        names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
        if not names:
            raise DataFormatError("the KMZ file holds no .kml document")
        return read_zip_member(archive, "doc.kml" if "doc.kml" in names else names[0])
    return data


def _text(element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None and found.text else ""


def _plain(description: str) -> tuple[str, str]:
    """Description HTML → (plain text, first http(s) link)."""
    link = re.search(r"https?://[^\s\"'<>]+", description or "")
    text = re.sub(r"<[^>]+>", " ", description or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip(), link.group(0) if link else ""


def import_kml(data: bytes, resolver: AreaResolver, source_url: str = "") -> ImportResult:
    try:
        root = parse_xml(_kml_bytes(data))
    except LimitError:
        raise
    except DataFormatError as exc:
        raise DataFormatError(f"not a readable KML file: {exc}") from exc
    if not str(root.tag).endswith("kml"):
        raise DataFormatError("not a KML document (the root element is not <kml>)")
    draft = Draft("services")
    placemarks = []
    for folder in root.iter(f"{{{NS['kml']}}}Folder"):
        folder_name = _text(folder, "kml:name")
        for placemark in folder.findall("kml:Placemark", NS):
            placemarks.append((folder_name, placemark))
    seen = {id(p) for _, p in placemarks}
    placemarks += [("", p) for p in root.iter(f"{{{NS['kml']}}}Placemark") if id(p) not in seen]
    document_name = _text(root, "kml:Document/kml:name")
    for number, (folder_name, placemark) in enumerate(placemarks, start=1):
        name = _text(placemark, "kml:name")
        description, link = _plain(_text(placemark, "kml:description"))
        coordinates = _text(placemark, ".//kml:Point/kml:coordinates")
        extended = {d.get("name", "").casefold(): _text(d, "kml:value") for d in placemark.findall(".//kml:ExtendedData/kml:Data", NS)}
        if not name:
            draft.reject(number, "placemark without a name", description[:100])
            continue
        if not coordinates:
            draft.reject(number, f"'{name}' has no point coordinates (lines and areas are not services)", name)
            continue
        parts = coordinates.split(",")
        if len(parts) < 2:
            draft.reject(number, f"'{name}': coordinates '{coordinates}' are not lon,lat", name)
            continue
        draft.add(
            number,
            {
                "id": f"kml-{number}",
                "name": name,
                "category": category_from_words(f"{folder_name} {extended.get('category', '')} {extended.get('luokka', '')}"),
                "provider": extended.get("provider", extended.get("yritys", "")),
                "municipality": extended.get("municipality", extended.get("kunta", "")),
                "lat": parts[1].strip(),
                "lon": parts[0].strip(),
                "location_precision": "exact",
                "website": extended.get("website", extended.get("verkkosivu", link)),
                "source_url": source_url,
                "summary": description[:300],
            },
        )
    if not placemarks:
        draft.notes.append("the KML document has no placemarks")
    if document_name:
        draft.notes.append(f"map: {document_name}")
    return finish(draft, "kml", resolver, len(placemarks))
