"""Rural-fund project register records (the Maaseutuverkosto / Hyrrä register layout).

Two inputs: the register's page text (labels on their own lines, each followed by its
value — ``Hankenumero``, ``Ohjelma/Rahasto``, ``Loppumispäivämäärä``, ``Onko kyseessä
Leader-hanke?`` …), or a CSV/Excel table with those labels as columns. The register does
not say where a project is, so municipalities stay empty (area unknown) unless a
``Kunnat``/``Kohdekunnat`` column names them.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.core import parsing
from dashboard.core.names import AreaResolver
from dashboard.core.readers import DataFormatError
from dashboard.io.importers.base import Draft, ImportResult, finish

LABELS = {
    "hankenumero": "id",
    "projektnummer": "id",
    "hankkeen nimi": "name",
    "nimi": "name",
    "toteuttaja": "implementer",
    "hakija": "implementer",
    "ohjelma/rahasto": "programme",
    "program/fond": "programme",
    "alkamispäivämäärä": "start_date",
    "aloituspäivämäärä": "start_date",
    "startdatum": "start_date",
    "loppumispäivämäärä": "end_date",
    "slutdatum": "end_date",
    "onko kyseessä leader-hanke?": "leader",
    "är det ett leader-projekt?": "leader",
    "onko leader": "leader",
    "onko leader-hanke": "leader",
    "onko leader-hanke?": "leader",
    "maaseututyyppi": "rural_type",
    "toimenpide": "measure",
    "alatoimenpide": "sub_measure",
    "toimenpiteen tyyppi": "measure_type",
    "toimenpiteen tarkenne": "measure_detail",
    "hankeluonne": "character",
    "kohdealue": "target_area",
    "julkinen hankekuvaus": "summary",
    "tila": "status",
    "rahoittaja": "funder",
    "kunnat": "municipalities",
    "kohdekunnat": "municipalities",
    "leader-ryhmä": "leader_group",
    "budjetti": "budget_total_eur",
    "julkinen rahoitus": "public_funding_eur",
}
_STATUS = {"käynnissä": "ongoing", "pågående": "ongoing", "päättynyt": "ended", "avslutat": "ended"}
_SUB_MEASURE_THEMES = [
    (r"palvelu|toimintaympäristö", "services_infrastructure"),
    (r"yhteistyö|koordinointi|aktivointi", "community_cooperation"),
    (r"yritys|elinkeino", "business_development"),
    (r"osaami|koulutus|tiedonväl", "skills_employment"),
    (r"ympäristö|ilmasto", "environment_climate"),
    (r"älykkä", "smart_villages"),
    (r"nuori", "youth"),
]


# The register's header: the project type and number on one line ("Kehittämishanke - 7467",
# "Investering - 48208", "Allmännyttigt investeringsprojekt - 35310").
_HEADER = re.compile(r"(?im)^(?P<type>[A-ZÅÄÖ][\wåäö ]{3,60}?)\s+-\s+(?P<id>\d{3,7})\s*$")
_DESCRIPTION = re.compile(r"(?im)^\s*(?:julkinen hankekuvaus|offentlig projektbeskrivning)\s*$")


def looks_like_register_page(text: str) -> bool:
    """The register's labels, or (a copy cut before them) its header line and description heading."""
    lowered = text.casefold()
    if ("hankenumero" in lowered or "projektnummer" in lowered) and ("ohjelma/rahasto" in lowered or "program/fond" in lowered):
        return True
    top = "\n".join(text.strip().splitlines()[:4])
    return bool(_HEADER.search(top)) and bool(_DESCRIPTION.search(text))


def parse_register_page(text: str) -> dict[str, str]:
    """Label/value pairs of a register page, plus the name, implementer, dates and status at its top."""
    lines = [line.strip() for line in text.splitlines()]
    values: dict[str, str] = {}
    nonempty = [l for l in lines if l]
    for index, line in enumerate(nonempty[:-1]):
        key = LABELS.get(line.casefold())
        if key and key not in values and key != "summary":
            candidate = nonempty[index + 1]
            if candidate.casefold() not in LABELS:
                values[key] = candidate
    header = _HEADER.search("\n".join(nonempty[:4]))
    if header:
        values.setdefault("id", header.group("id"))
    top = nonempty[:12]
    marker = next((i for i, l in enumerate(top) if _HEADER.fullmatch(l)), None)
    if marker is not None and marker + 2 < len(top):
        values.setdefault("name", top[marker + 1])
        values.setdefault("implementer", top[marker + 2])
    span = next((l for l in top if re.match(r"^(\d{1,2}\.\d{1,2}\.\d{4})?\s*-\s*\d{1,2}\.\d{1,2}\.\d{4}$", l)), None)
    if span:
        start, _, end = span.partition("-")
        if start.strip():
            values.setdefault("start_date", start.strip())
        values.setdefault("end_date", end.strip())
    status = next((l for l in top if l.casefold() in _STATUS), None)
    if status:
        values.setdefault("status", status)
    description = re.search(r"(?is)(?:julkinen hankekuvaus|offentlig projektbeskrivning)\s*\n(?P<text>.+?)(?:\n\s*(?:lisätiedot|mer information)\s*\n|$)", text)
    if description:
        values["summary"] = re.sub(r"\s+", " ", description.group("text")).strip()
    return values


def _status(values: dict[str, str]) -> str:
    """The register's word, unless the end date has passed since the page was read."""
    from dashboard.io.importers.page_text import derive_status

    stated = _STATUS.get(values.get("status", "").casefold(), "unknown")
    try:
        end = parsing.parse_date(values.get("end_date"))
        start = parsing.parse_date(values.get("start_date"))
    except ValueError:
        return stated
    derived = derive_status(start, end)
    return "ended" if derived == "ended" else stated


def to_record(values: dict[str, str]) -> dict[str, str]:
    programme = values.get("programme", "")
    leader = parsing.parse_bool(values.get("leader")) if values.get("leader") else None
    themes = []
    for pattern, theme in _SUB_MEASURE_THEMES:
        if re.search(pattern, " ".join(values.get(k, "") for k in ("sub_measure", "measure_detail")), re.IGNORECASE):
            themes.append(theme)
    summary = values.get("summary", "")
    if len(summary) > 400:
        summary = summary[:397].rsplit(" ", 1)[0] + "…"
    fund = "EAFRD" if re.search(r"(?i)maaseu|landsbygd|EAFRD|maaseuturahasto", programme) or not programme else "unknown"
    return {
        "id": values.get("id", ""),
        "name": values.get("name", ""),
        "implementer": values.get("implementer", ""),
        "funder": values.get("funder", ""),
        "fund": fund,
        "programme": programme,
        "period": (re.search(r"20\d\d\s*[-–]\s*20\d\d", programme).group(0).replace(" ", "") if re.search(r"20\d\d\s*[-–]\s*20\d\d", programme) else ""),
        "start_date": values.get("start_date", ""),
        "end_date": values.get("end_date", ""),
        "budget_total_eur": values.get("budget_total_eur", ""),
        "public_funding_eur": values.get("public_funding_eur", ""),
        "municipalities": values.get("municipalities", ""),
        "regions": values.get("regions", ""),
        "themes": ";".join(dict.fromkeys(themes)),
        "leader": "" if leader is None else str(leader).lower(),
        "leader_group": values.get("leader_group", ""),
        "status": _status(values),
        "source_url": values.get("source_url", ""),
        "summary": summary,
    }


def _description_areas(values: dict[str, str], resolver: AreaResolver) -> dict[str, str]:
    """The register has no area field: read municipalities and regions from the description
    (and from a municipal implementer), with the page-text rules. Returns the evidence."""
    from dashboard.io.importers.page_text import PageDraft, read_areas

    page = PageDraft()
    if values.get("implementer"):
        page.set("implementer", values["implementer"], values["implementer"])
    read_areas(values.get("summary", ""), resolver, page)
    evidence = {}
    for column in ("municipalities", "regions"):
        if page.record.get(column) and not values.get(column):
            values[column] = page.record[column]
            evidence[column] = page.provenance[column]
    return evidence


def import_register_page(text: str, resolver: AreaResolver, source_url: str = "") -> ImportResult:
    if not looks_like_register_page(text):
        raise DataFormatError("this is not a rural-fund register page: no 'Hankenumero' and 'Ohjelma/Rahasto'")
    draft = Draft("projects")
    values = parse_register_page(text)
    if source_url:
        values["source_url"] = source_url
    evidence = {k: v for k, v in values.items() if k != "summary"}
    evidence.update(_description_areas(values, resolver))
    if values.get("programme"):
        evidence["fund"] = f"Ohjelma/Rahasto: {values['programme']}"
    else:
        evidence["fund"] = "the rural-fund register (maaseutuverkosto / Hyrrä) lists only EAFRD projects; the copy has no Ohjelma/Rahasto field"
    draft.add(1, to_record(values), provenance=evidence)
    return finish(draft, "rural-register", resolver, 1)


def import_register_bytes(data: bytes, resolver: AreaResolver, filename: str = "") -> ImportResult:
    """A register file as it comes: an Excel or CSV table (any delimiter/encoding), or a page's text."""
    from dashboard.core.readers import decode, read_excel_table, read_table

    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return import_register_table(read_excel_table(data), resolver)
    text = decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    is_table = any(d in first for d in (",", ";", "\t")) and re.search(r"(?i)hankenumero|projektnummer", first)
    if looks_like_register_page(text) and not is_table:
        return import_register_page(text, resolver)
    return import_register_table(read_table(data), resolver)


def import_register_table(frame: pd.DataFrame, resolver: AreaResolver) -> ImportResult:
    """A CSV/Excel table whose columns are the register's labels (any order)."""
    columns = {c: LABELS.get(str(c).strip().casefold()) for c in frame.columns}
    if "id" not in columns.values() or "programme" not in columns.values():
        raise DataFormatError("this is not a rural-fund register table: the columns Hankenumero and Ohjelma/Rahasto are required")
    from dashboard.core.readers import swallowed_rows

    draft = Draft("projects")
    swallowed = swallowed_rows(frame)
    for position, (_, row) in enumerate(frame.iterrows(), start=2):
        if position - 2 in swallowed:
            draft.reject(position, swallowed[position - 2], row.iloc[0])
            continue
        values = {key: str(row[c]).strip() for c, key in columns.items() if key and not parsing.is_empty(row[c])}
        if not values:
            draft.reject(position, "empty row")
            continue
        if "source_url" in frame.columns:
            values["source_url"] = str(row["source_url"])
        draft.add(position, to_record(values))
    from dashboard.core.readers import reader_notes

    draft.notes.extend(reader_notes(frame))
    return finish(draft, "rural-register", resolver, len(frame))
