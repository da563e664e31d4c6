"""The contribution template: an Excel workbook a Leader board can fill in, and its importer.

``python -m dashboard template -o hankkeet.xlsx`` (and a button on the data page) writes a
workbook with the sheets

* **Ohjeet** — instructions in Finnish, Swedish and English;
* **Hankkeet** (projects) and **Palvelut** (services) — the canonical columns with Finnish,
  Swedish and English headers (rows 1–3), the column keys the importer reads (row 4), one
  example row (a real shipped record, row 5) and drop-down lists for fund, period, themes,
  status, leader, category and location precision;
* **Kunnat** — the municipality names (Finnish and Swedish) with their codes;
* **Listat** — the values of the drop-down lists.

The importer (format ``template``, recognised by a hidden marker sheet) reads it back with
the same validation as every other format and names each problem by its cell:
``Hankkeet!E7: unknown fund 'EAKR-rahasto' — did you mean ERDF?`` (suggestions by rapidfuzz).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard.core import parsing
from dashboard.core.names import AreaResolver
from dashboard.core.vocab import CANONICAL_PERIODS, FUNDS, LOCATION_PRECISIONS, PROJECT_STATUSES, SERVICE_CATEGORIES, THEMES
from dashboard.io.importers.base import Draft, ImportResult, finish
from dashboard.core.readers import DataFormatError, open_zip, read_sheet, read_zip_member

MARKER_SHEET = "_hankekartta"
TEMPLATE_VERSION = "1"
FIRST_DATA_ROW = 5  # rows 1–3 headers (fi, sv, en), row 4 column keys
EXAMPLE_ROW = FIRST_DATA_ROW
VALIDATED_ROWS = 2000

PROJECT_SHEET, SERVICE_SHEET = "Hankkeet", "Palvelut"

# Column key → (Finnish, Swedish, English) header.
HEADERS: dict[str, tuple[str, str, str]] = {
    "id": ("Tunniste", "Identifierare", "Identifier"),
    "name": ("Hankkeen nimi", "Projektets namn", "Project name"),
    "implementer": ("Toteuttaja", "Genomförare", "Implementer"),
    "funder": ("Rahoittaja", "Finansiär", "Funder"),
    "fund": ("Rahasto", "Fond", "Fund"),
    "programme": ("Ohjelma", "Program", "Programme"),
    "period": ("Ohjelmakausi", "Programperiod", "Programme period"),
    "start_date": ("Alkaa (pp.kk.vvvv)", "Börjar (dd.mm.åååå)", "Starts (dd.mm.yyyy)"),
    "end_date": ("Päättyy (pp.kk.vvvv)", "Slutar (dd.mm.åååå)", "Ends (dd.mm.yyyy)"),
    "budget_total_eur": ("Kokonaisbudjetti €", "Total budget €", "Total budget €"),
    "public_funding_eur": ("Julkinen rahoitus €", "Offentlig finansiering €", "Public funding €"),
    "municipalities": ("Kunnat (erota ;)", "Kommuner (skilj med ;)", "Municipalities (separate with ;)"),
    "regions": ("Maakunnat (erota ;)", "Landskap (skilj med ;)", "Regions (separate with ;)"),
    "themes": ("Teemat (erota ;)", "Teman (skilj med ;)", "Themes (separate with ;)"),
    "leader": ("Leader-hanke (kyllä/ei)", "Leader-projekt (ja/nej)", "Leader project (yes/no)"),
    "leader_group": ("Leader-ryhmä", "Leader-grupp", "Leader group"),
    "status": ("Tila", "Status", "Status"),
    "website": ("Verkkosivu", "Webbplats", "Website"),
    "source_url": ("Lähde (verkko-osoite)", "Källa (webbadress)", "Source (web address)"),
    "summary": ("Kuvaus (enintään 400 merkkiä)", "Beskrivning (högst 400 tecken)", "Summary (at most 400 characters)"),
    "category": ("Luokka", "Kategori", "Category"),
    "provider": ("Palveluntarjoaja", "Tjänsteleverantör", "Provider"),
    "municipality": ("Kunta", "Kommun", "Municipality"),
    "lat": ("Leveysaste (esim. 62.24)", "Latitud (t.ex. 62.24)", "Latitude (e.g. 62.24)"),
    "lon": ("Pituusaste (esim. 25.74)", "Longitud (t.ex. 25.74)", "Longitude (e.g. 25.74)"),
    "location_precision": ("Sijainnin tarkkuus", "Platsens noggrannhet", "Location precision"),
}
PROJECT_FIELDS = (
    "id", "name", "implementer", "funder", "fund", "programme", "period", "start_date", "end_date", "budget_total_eur",
    "public_funding_eur", "municipalities", "regions", "themes", "leader", "leader_group", "status", "website", "source_url", "summary",
)  # fmt: skip
SERVICE_FIELDS = ("id", "name", "category", "provider", "municipality", "lat", "lon", "location_precision", "website", "source_url", "summary")
REQUIRED = {"id", "name"}

# The drop-down lists: column key → allowed values. ``multi`` lists allow ``a;b`` (no error box).
PERIODS = tuple(p for p in CANONICAL_PERIODS if p != "unknown")
CHOICES: dict[str, tuple[str, ...]] = {
    "fund": FUNDS,
    "period": PERIODS,
    "themes": THEMES,
    "status": PROJECT_STATUSES,
    "leader": ("kyllä", "ei"),
    "category": SERVICE_CATEGORIES,
    "location_precision": LOCATION_PRECISIONS,
}
MULTI = {"themes"}
# Words people write for a fund, so that a suggestion can name the code.
FUND_ALIASES = {
    "EAKR": "ERDF", "Euroopan aluekehitysrahasto": "ERDF", "ESR": "ESF", "Euroopan sosiaalirahasto": "ESF", "ESR+": "ESF+",
    "Maaseuturahasto": "EAFRD", "Maaseuturahasto Leader": "EAFRD", "Leader": "EAFRD", "Manner-Suomen maaseutuohjelma": "EAFRD",
    "Oikeudenmukaisen siirtymän rahasto": "JTF", "JTF-rahasto": "JTF", "kansallinen": "national", "AKKE": "national",
}  # fmt: skip

INSTRUCTIONS = [
    ("Hankekartta – hankkeiden ja palvelujen lomake", "Hankekartta – blankett för projekt och tjänster", "Hankekartta – template for projects and services"),
    (
        "Täytä yksi hanke riville välilehdellä Hankkeet (palvelut välilehdellä Palvelut), riviltä 6 alkaen. Rivi 5 on esimerkki (oikea hanke aineistosta): sitä ei tuoda.",
        "Fyll i ett projekt per rad på fliken Hankkeet (tjänster på fliken Palvelut), från rad 6. Rad 5 är ett exempel (ett verkligt projekt) och importeras inte.",
        "Fill in one project per row on the sheet Hankkeet (services on the sheet Palvelut), from row 6. Row 5 is an example (a real record) and is not imported.",
    ),
    (
        "Älä muuta riviä 4 (sarakkeiden tunnukset). Tunniste ja nimi ovat pakollisia; tuntematon tieto jätetään tyhjäksi.",
        "Ändra inte rad 4 (kolumnernas nycklar). Identifierare och namn är obligatoriska; okända uppgifter lämnas tomma.",
        "Do not change row 4 (the column keys). Identifier and name are required; leave what you do not know empty.",
    ),
    (
        "Rahasto, ohjelmakausi, teemat, tila ja Leader valitaan pudotusvalikosta (välilehti Listat). Useita teemoja tai kuntia: erota puolipisteellä (;).",
        "Fond, period, teman, status och Leader väljs i rullgardinsmenyn (fliken Listat). Flera teman eller kommuner: skilj med semikolon (;).",
        "Fund, period, themes, status and Leader come from drop-down lists (sheet Listat). Several themes or municipalities: separate them with a semicolon (;).",
    ),
    (
        "Kuntien nimet ovat välilehdellä Kunnat. Päivämäärät muodossa pp.kk.vvvv, rahamäärät euroina.",
        "Kommunernas namn finns på fliken Kunnat. Datum som dd.mm.åååå, belopp i euro.",
        "Municipality names are on the sheet Kunnat. Dates as dd.mm.yyyy, amounts in euros.",
    ),
    (
        "Tuo täytetty tiedosto sivulla Tiedot tai komennolla: python -m dashboard import hankkeet.xlsx",
        "Importera filen på sidan Tiedot eller med kommandot: python -m dashboard import hankkeet.xlsx",
        "Import the filled file on the Data page or with: python -m dashboard import hankkeet.xlsx",
    ),
]


# ---------------------------------------------------------------- writing


def _example(kind: str) -> dict[str, str]:
    """A real shipped record with most fields filled (never an invented one)."""
    from dashboard.core.records import default_data_dir

    path = Path(default_data_dir()) / ("projects.csv" if kind == "projects" else "services.csv")
    if not path.is_file():
        return {}
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    fields = PROJECT_FIELDS if kind == "projects" else SERVICE_FIELDS
    wanted = [f for f in fields if f in frame.columns]
    filled = frame[wanted].ne("").sum(axis=1)
    if kind == "projects" and "fund" in frame:
        filled = filled.where(frame["fund"] != "unknown", 0)
    return frame.loc[filled.idxmax(), wanted].to_dict() if len(frame) else {}


def _municipalities() -> pd.DataFrame:
    from dashboard.geo import layers

    frame = layers.load_municipalities()
    return pd.DataFrame(frame[["code", "name_fi", "name_sv"]]).sort_values("name_fi")


def template_bytes(municipalities: pd.DataFrame | None = None) -> bytes:
    """The template workbook (``municipalities``: ``code``, ``name_fi``, ``name_sv``; default the boundary layer's)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    municipalities = _municipalities() if municipalities is None else municipalities
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = "Ohjeet"
    for row, texts in enumerate(INSTRUCTIONS, start=1):
        for column, text in enumerate(texts, start=1):
            instructions.cell(row=row, column=column, value=text).font = Font(bold=row == 1)
    for column in "ABC":
        instructions.column_dimensions[column].width = 70

    lists = workbook.create_sheet("Listat")
    list_ranges: dict[str, str] = {}
    for column, (key, values) in enumerate(CHOICES.items(), start=1):
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=key).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=column, value=value).data_type = "s"
        list_ranges[key] = f"Listat!${letter}$2:${letter}${len(values) + 1}"

    names = workbook.create_sheet("Kunnat")
    for column, title in enumerate(("Koodi / Kod / Code", "Nimi (suomeksi)", "Namn (på svenska)"), start=1):
        names.cell(row=1, column=column, value=title).font = Font(bold=True)
    for row, record in enumerate(municipalities.itertuples(index=False), start=2):
        names.cell(row=row, column=1, value=str(record.code)).data_type = "s"
        names.cell(row=row, column=2, value=record.name_fi)
        names.cell(row=row, column=3, value=record.name_sv)
    list_ranges["municipalities"] = list_ranges["municipality"] = f"Kunnat!$B$2:$B${len(municipalities) + 1}"

    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for title, kind, fields in ((PROJECT_SHEET, "projects", PROJECT_FIELDS), (SERVICE_SHEET, "services", SERVICE_FIELDS)):
        sheet = workbook.create_sheet(title, index=1 if kind == "projects" else 2)
        example = _example(kind)
        for column, key in enumerate(fields, start=1):
            letter = get_column_letter(column)
            for row, text in enumerate(HEADERS[key], start=1):
                cell = sheet.cell(row=row, column=column, value=text)
                cell.font = Font(bold=True, italic=row > 1)
                cell.fill = header_fill
            sheet.cell(row=4, column=column, value=key).font = Font(color="808080", size=8)
            value = example.get(key, "")
            cell = sheet.cell(row=EXAMPLE_ROW, column=column, value=value or None)
            cell.data_type = "s"
            cell.font = Font(italic=True, color="808080")
            sheet.column_dimensions[letter].width = 40 if key in ("name", "summary", "implementer") else 18
            if key in list_ranges:
                multi = key in MULTI or key == "municipalities"
                validation = DataValidation(type="list", formula1=list_ranges[key], allow_blank=True, showErrorMessage=not multi)
                validation.error = f"{HEADERS[key][0]}: valitse listasta / välj i listan / choose from the list"
                validation.add(f"{letter}{FIRST_DATA_ROW + 1}:{letter}{FIRST_DATA_ROW + VALIDATED_ROWS}")
                sheet.add_data_validation(validation)
        sheet.cell(row=EXAMPLE_ROW, column=1).comment = Comment(
            "Esimerkki (oikea tietue) – ei tuoda / Exempel – importeras inte / Example – not imported", "Hankekartta"
        )
        sheet.freeze_panes = f"C{FIRST_DATA_ROW}"

    marker = workbook.create_sheet(MARKER_SHEET)
    marker["A1"], marker["B1"] = "hankekartta-template", TEMPLATE_VERSION
    marker.sheet_state = "veryHidden"
    lists.sheet_state = "hidden"
    workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- reading


def is_template(data: bytes) -> bool:
    """Whether an .xlsx is this template (its hidden marker sheet), from the workbook part only."""
    if data[:4] != b"PK\x03\x04":
        return False
    archive = open_zip(data)
    if "xl/workbook.xml" not in archive.namelist():
        return False
    return f'name="{MARKER_SHEET}"'.encode() in read_zip_member(archive, "xl/workbook.xml")


def suggest(value: str, key: str) -> str:
    """`` — did you mean ERDF?`` for a value close to an allowed one (rapidfuzz), else ``''``."""
    from rapidfuzz import fuzz, process, utils

    choices: dict[str, str] = {v: v for v in CHOICES.get(key, ())}
    if key == "fund":
        choices.update(FUND_ALIASES)
    if not choices:
        return ""
    match = process.extractOne(value, list(choices), scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=60)
    return f" — did you mean {choices[match[0]]}?" if match else ""


def _cell_problems(key: str, value: str, ref: str) -> list[str]:
    """Problems of one vocabulary cell, each naming the cell (``Hankkeet!E7: …``)."""
    if not value:
        return []
    if key in ("leader",):
        try:
            parsing.parse_bool(value)
        except ValueError as exc:
            return [f"{ref}: {exc}"]
        return []
    if key not in CHOICES:
        return []
    allowed = {v.casefold() for v in CHOICES[key]}
    parts = parsing.split_list(value) if key in MULTI else [value.strip()]
    word = {"fund": "fund", "period": "period", "themes": "theme", "status": "status", "category": "category", "location_precision": "location precision"}[key]
    problems = []
    for part in parts:
        if part.casefold() in allowed:
            continue
        if key == "period" and parsing.canonical_period(part) != "unknown":
            continue  # "2023-2027" (the CAP period) is a period the schema places
        problems.append(f"{ref}: unknown {word} '{part}'{suggest(part, key)}")
    return problems


def _key_row(rows: list[list[str]]) -> tuple[int, dict[int, str]]:
    """The row of column keys (row 4 as written; found again if rows were inserted above)."""
    for index, row in enumerate(rows[:12]):
        keys = {i: c.strip() for i, c in enumerate(row) if c.strip() in HEADERS}
        if REQUIRED <= set(keys.values()):
            return index, keys
    raise DataFormatError("the template's row of column keys (row 4: id, name, …) is missing; download a fresh template")


def import_template(data: bytes, resolver: AreaResolver, kind: str | None = None) -> ImportResult:
    """Read a filled template: the projects sheet (or the services sheet, by ``kind`` or when only it is filled)."""
    from openpyxl.utils import get_column_letter

    sheets = {}
    for title in (PROJECT_SHEET, SERVICE_SHEET):
        if kind is None or (kind == "projects") == (title == PROJECT_SHEET):
            _, rows = read_sheet(data, title)
            key_index, keys = _key_row(rows)
            body = [(key_index + 1 + offset + 1, row) for offset, row in enumerate(rows[key_index + 1 :])]
            sheets[title] = (keys, body)
    examples = {PROJECT_SHEET: _example("projects"), SERVICE_SHEET: _example("services")}

    def filled(title: str) -> list[tuple[int, list[str]]]:
        keys, body = sheets[title]
        example_id = examples[title].get("id", "")
        return [
            (number, row)
            for number, row in body
            if any(c.strip() for c in row) and not (number == EXAMPLE_ROW and example_id and _value(row, keys, "id") == example_id)
        ]

    if kind is None:
        title = PROJECT_SHEET if filled(PROJECT_SHEET) or not filled(SERVICE_SHEET) else SERVICE_SHEET
    else:
        title = PROJECT_SHEET if kind == "projects" else SERVICE_SHEET
    keys, body = sheets[title]
    rows = filled(title)
    record_kind = "projects" if title == PROJECT_SHEET else "services"
    draft = Draft(record_kind)
    if len(rows) < len([1 for _, r in body if any(c.strip() for c in r)]):
        draft.notes.append(f"{title}!A{EXAMPLE_ROW}: the example row (a record already in the data) was not imported")
    if kind is None and title == PROJECT_SHEET and SERVICE_SHEET in sheets and filled(SERVICE_SHEET):
        draft.notes.append(f"the sheet {SERVICE_SHEET} has rows too: import them with kind 'services' (--kind services)")
    letters = {key: get_column_letter(index + 1) for index, key in keys.items()}
    for number, row in rows:
        record = {key: _value(row, keys, key) for key in keys.values()}
        problems = [p for key, value in record.items() for p in _cell_problems(key, value, f"{title}!{letters[key]}{number}")]
        if problems:
            draft.reject(number, "; ".join(problems), record.get("name") or record.get("id", ""))
            continue
        if record.get("leader"):
            record["leader"] = str(parsing.parse_bool(record["leader"])).lower()
        draft.add(number, record)
    result = finish(draft, "template", resolver, len(rows))
    # The schema's reasons start with the column ("fund must be one of …"): point at the cell.
    result.rejected["reason"] = [
        reason if "!" in str(reason).split(":", 1)[0] else _locate(str(reason), title, int(row), letters)
        for reason, row in zip(result.rejected["reason"], result.rejected["row"])
    ]
    return result


def _value(row: list[str], keys: dict[int, str], key: str) -> str:
    index = next((i for i, k in keys.items() if k == key), None)
    return row[index].strip() if index is not None and index < len(row) else ""


def _locate(reason: str, title: str, row: int, letters: dict[str, str]) -> str:
    parts = []
    for part in reason.split("; "):
        first = part.split(" ", 1)[0].strip("'")
        cell = f"{title}!{letters[first]}{row}" if first in letters else f"{title}!row {row}"
        parts.append(f"{cell}: {part}")
    return "; ".join(parts)
