"""Structural-fund (EURA 2007 / EURA 2014) project-list exports → projects.

Real exports are damaged: names and authorities contain unquoted commas that shift the
columns ("Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus"), some fields are
swapped and some rows are cut. Rather than trusting positions, each row is read by the
*shapes* of its values — a code ``A70253``, a fund ``EAKR``/``ESR``, a status word,
Finnish dates, amounts — and the free text between them is put back together. A row is
recovered when every value can be placed unambiguously, otherwise rejected with the reason.

Placement follows what the data really says (``location_precision`` and ``location_basis``):
a municipal implementer ("Savukosken kunta") places the project in that municipality; a
regional council places it in its region, except Uudenmaan and Pirkanmaan liitto, which in
2014–2020 decided ERDF for a whole large area; the 2007–2013 programme section names a large
area or the national section; the four structural-fund ELY centres of 2014–2020 act for a
large area; Tekes, Finnvera and ministries leave the area unknown. The implementer's seat
(``implementer_municipality``) is kept apart: where the recipient is, not where it works.

Files re-saved by a spreadsheet are read too: ``,`` ``;`` or tab, LF or CRLF, UTF-8 with
or without BOM, or Windows-1252. One project is one physical line.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

from dashboard.core import parsing
from dashboard.core.authorities import (
    AUTHORITY_PATTERN,
    AreaPlacement,
    clean_funder,
    granting_body_area,
    implementer_seat,
    is_national_body,
    municipal_implementer,
    programme_section_area,
)
from dashboard.core.names import AreaResolver
from dashboard.core.readers import DataFormatError, decode
from dashboard.core.vocab import large_area_of_region
from dashboard.io.importers.base import Draft, ImportResult, finish

CODE = re.compile(r"^[A-Z]\d{5,9}$")
DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
AMOUNT = re.compile(r"^-?\d+(?:[.,]\d+)?$")
LINE = re.compile(r"^\d{1,2}$")
FUNDS = {"EAKR": "ERDF", "ESR": "ESF"}
PROGRAMME_2014 = "Kestävää kasvua ja työtä 2014–2020 (Suomen rakennerahasto-ohjelma)"
STATUS = {"toiminnassa": "ongoing", "toiminta päättynyt": "ended", "päättynyt": "ended", "keskeytynyt": "ended", "toiminta keskeytynyt": "ended"}


def _clean(token: str) -> str:
    return re.sub(r"\s+", " ", token.replace('""', '"').strip().strip('"').rstrip(";")).strip()


def _split_row(raw_fields: list[str]) -> tuple[list[str], bool]:
    """Fields of a row; a row whose quoting broke (one field with commas) is split again."""
    if len(raw_fields) == 1 and raw_fields[0].count(",") >= 8:
        return [_clean(t) for t in raw_fields[0].split(",")], True
    return [_clean(t) for t in raw_fields], False


def _detect_period(header: list[str]) -> str:
    names = [h.strip().casefold() for h in header]
    if "projektin nimi" in names or "ohjelma / osio" in names:
        return "2007-2013"
    if "hankkeen nimi" in names:
        return "2014-2020"
    raise DataFormatError("this is not a EURA project list: expected the columns Koodi, Rahasto, Hankkeen/Projektin nimi, Viranomainen, Aloituspvm …")


def parse_row(tokens: list[str], has_programme: bool) -> tuple[dict[str, object] | None, bool, str]:
    """Place the values of one row by their shapes: (fields, recovered?, reason if rejected)."""
    while tokens and tokens[-1] == "":
        tokens = tokens[:-1]
    expected = 14 if has_programme else 13
    recovered = len(tokens) != expected
    if not tokens or not CODE.match(tokens[0]):
        return None, False, "no project code (Koodi like A70253, S10324, A123456789) in the first field"
    if len(tokens) < 2 or tokens[1] not in FUNDS:
        return None, False, f"fund (Rahasto) must be EAKR or ESR, found '{tokens[1] if len(tokens) > 1 else ''}'"
    status_index = next((i for i, t in enumerate(tokens) if t.casefold() in STATUS), None)
    if status_index is None:
        return None, False, "no status (Tila: Toiminnassa / Toiminta päättynyt / Keskeytynyt) — the row is cut or shifted"
    head = tokens[2:status_index]
    line_positions = [i for i, t in enumerate(head) if LINE.match(t)]
    if not line_positions:
        return None, False, "no priority axis (Tl) between the name and the authority"
    line_at = line_positions[-1]
    before, authority_tokens = head[:line_at], head[line_at + 1 :]
    programme = ""
    if has_programme and len(before) >= 2:
        programme = before[-1]
        before = before[:-1]
    name = ", ".join(before)
    authority = ", ".join(authority_tokens)
    match = AUTHORITY_PATTERN.search(authority)
    if not match:
        return None, False, f"granting authority not recognised: '{authority}'"
    if match.start() > 0:  # the tail of the name spilled into the authority column
        name = f"{name}, {authority[: match.start()].strip(' ,')}".strip(" ,")
        recovered = True
    authority = match.group(1)
    tail = tokens[status_index + 1 :]
    if len(tail) < 2:
        return None, False, "the row is cut after the status: dates, implementer and amounts are missing"
    dates = [t for t in tail if DATE.match(t)]
    start_slot, end_slot = tail[0], tail[1]
    rest = tail[2:]
    if DATE.match(start_slot) and DATE.match(end_slot):
        start, end = start_slot, end_slot
    elif AMOUNT.match(start_slot) and DATE.match(end_slot):
        start, end = "", end_slot  # the start date was lost; its slot holds an amount
        recovered = True
    else:
        return None, False, f"cannot tell the start and end dates apart (found {dates or 'none'})"
    implementer_tokens: list[str] = []
    while rest and not AMOUNT.match(rest[0].replace(" ", "")) and not DATE.match(rest[0]) and rest[0] != "":
        implementer_tokens.append(rest.pop(0))
    implementer = ", ".join(implementer_tokens)
    slots = [s.replace(" ", "") for s in rest]
    if start == "" and slots and slots[0] == "":
        slots[0] = start_slot  # swap back: the amount in the date column belongs to the empty first amount slot
    misplaced = [s for s in slots if DATE.match(s)]
    if misplaced and start_slot == end_slot:
        start = misplaced[0]  # the start date sits in an amount column; the start column repeats the end
        slots = ["" if DATE.match(s) else s for s in slots]
        recovered = True
    elif misplaced:
        return None, False, f"a date ({misplaced[0]}) stands among the amounts"
    if not implementer and len(slots) > 4:
        slots = slots[-4:]  # the implementer column holds an amount: implementer unknown
        recovered = True
    if len(slots) < 4:
        slots = slots + [""] * (4 - len(slots))
        if sum(1 for s in slots if s) < 3:
            return None, False, "the row is cut: fewer than three of the four amounts are present"
        recovered = True
    if len(slots) > 4 or any(s and not AMOUNT.match(s) for s in slots):
        return None, False, f"amounts cannot be placed: {slots}"
    try:
        start_date = parsing.parse_date(start) if start else None
        end_date = parsing.parse_date(end)
    except ValueError as exc:
        return None, False, str(exc)
    if start_date and end_date and end_date < start_date:
        start_date, end_date = end_date, start_date  # swapped dates
        recovered = True
    return (
        {
            "code": tokens[0],
            "line": head[line_at],
            "fund": FUNDS[tokens[1]],
            "name": name,
            "programme": programme,
            "authority": authority,
            "status": tokens[status_index].casefold(),
            "start": start_date,
            "end": end_date,
            "implementer": implementer,
            "granted": slots[0],
            "paid": slots[1],
            "planned_public": slots[2],
            "paid_public": slots[3],
        },
        recovered,
        "",
    )


_DELIMITERS = (",", ";", "\t")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")

# Priority axis (toimintalinja) → theme, only where the programme document says what the axis
# is and a theme of vocab.THEMES names it. Source: the approved programme "Kestävää kasvua ja
# työtä 2014–2020" (CCI 2014FI16M2OP001), http://docplayer.fi/57731051-Kestavaa-kasvua-ja-tyota.html
# (TL 1 Pk-yritystoiminnan kilpailukyky, EAKR; TL 3 Työllisyys ja työvoiman liikkuvuus, ESR;
# TL 4 Koulutus, ammattitaito ja elinikäinen oppiminen, ESR). Other axes: no theme.
AXIS_THEMES = {
    ("2014-2020", "ERDF", "1"): "business_development",
    ("2014-2020", "ESF", "3"): "skills_employment",
    ("2014-2020", "ESF", "4"): "skills_employment",
}


def _sniff(header_line: str) -> str:
    """The delimiter that splits the header into the most columns (quotes ignored)."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _physical_records(text: str, delimiter: str) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """Split the text into one record per physical line, with notes about stray quotes.

    A EURA export has one project per line and no line breaks inside values. A standard CSV
    reader lets a quote that is never closed swallow every following line into one value
    (one rejected "row" holding hundreds of projects); here each line is read on its own, and
    a line whose quotes do not pair up is read without quoting, and reported with the range
    of lines a CSV reader would have swallowed.
    """
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    records: list[tuple[int, list[str]]] = []
    notes: list[str] = []
    odd = [i for i, line in enumerate(lines) if line.count('"') % 2]
    # The line range a standard reader would have swallowed: from an odd line to the next odd line.
    swallowed: dict[int, int] = {}
    for first, last in zip(odd[::2], odd[1::2] + [len(lines) - 1] * (len(odd[::2]) - len(odd[1::2]))):
        swallowed[first] = last
    for i, line in enumerate(lines):
        number = i + 1
        if i in swallowed:
            last = swallowed[i]
            notes.append(
                f"line {number}: a quote (\") opened on this line is not closed on it; a CSV reader would read lines "
                f"{number}–{last + 1} ({last - i + 1} records) as one value. Each of these lines was read on its own instead."
            )
        if line.count('"') % 2:
            fields = next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
        else:
            fields = next(csv.reader([line], delimiter=delimiter), [])
        records.append((number, fields))
    return records, notes


def _area(fields: dict[str, object], period: str, funder: str, municipality: str | None, resolver: AreaResolver) -> AreaPlacement:
    """The project area the row supports, finest first (see data/README.md, "Area")."""
    section = programme_section_area(str(fields["programme"])) if period == "2007-2013" else None
    body = granting_body_area(funder, period, resolver)
    if municipality:
        region = resolver.region_of(municipality) or ""
        return AreaPlacement("municipality", large_area_of_region(region, period), region, f"implementer is the municipality ({fields['implementer']})")
    if body is not None and body.precision == "region":
        # A council grants in its own region; trusted when the section agrees (or is absent).
        if section is None or (section.precision == "large_area" and section.large_area == body.large_area):
            return body
    if section is not None:
        return section
    if body is not None:
        return body
    if is_national_body(funder):
        return AreaPlacement("unknown", basis=f"national body ({funder}): the export does not say where the project works")
    return AreaPlacement("unknown", basis=f"granting body ({funder or 'not given'}) places no area")


def import_eura(data: bytes, resolver: AreaResolver, today: dt.date | None = None) -> ImportResult:
    today = today or dt.date.today()
    text = decode(data).lstrip("\ufeff")
    body = text.lstrip("\r\n")
    if not body.strip():
        raise DataFormatError("the file is empty")
    header_line = _LINE_BREAK.split(body, maxsplit=1)[0]
    delimiter = _sniff(header_line)
    records, quote_notes = _physical_records(body, delimiter)
    header = [h.strip().rstrip(";").strip() for h in records[0][1]]
    period = _detect_period(header)
    has_programme = period == "2007-2013"
    draft = Draft("projects")
    read = 0
    stray_lines = {int(m.group(1)) for note in quote_notes if (m := re.match(r"line (\d+):", note))}
    for number, raw in records[1:]:
        read += 1
        if not any(c.strip().strip(";") for c in raw):
            draft.reject(number, "empty row")
            continue
        tokens, resplit = _split_row(raw)
        fields, recovered, reason = parse_row(tokens, has_programme)
        if fields is None:
            draft.reject(number, reason, delimiter.join(raw))
            continue
        funder = clean_funder(str(fields["authority"]))
        municipality = municipal_implementer(str(fields["implementer"]), resolver)
        area = _area(fields, period, funder, municipality, resolver)
        end = fields["end"]
        status = STATUS[str(fields["status"])]
        if status == "ongoing" and end is not None and end < today:
            status = "ended"
        theme = AXIS_THEMES.get((period, str(fields["fund"]), str(fields["line"])), "")
        draft.add(
            number,
            {
                "id": fields["code"],
                "name": fields["name"],
                "implementer": fields["implementer"],
                "funder": funder,
                "fund": fields["fund"],
                "programme": fields["programme"] or PROGRAMME_2014,
                "period": period,
                "start_date": fields["start"].isoformat() if fields["start"] else "",
                "end_date": end.isoformat() if end else "",
                "public_funding_eur": fields["planned_public"],
                "municipalities": municipality or "",
                "regions": area.region,
                "themes": theme,
                "status": status,
                "source_url": f"https://www.eura{2007 if period == '2007-2013' else 2014}.fi/rrtiepa/projekti.php?projektikoodi={fields['code']}",
                "summary": "",
                "location_precision": area.precision,
                "large_area": area.large_area,
                "location_basis": area.basis,
                "implementer_municipality": implementer_seat(str(fields["implementer"]), resolver),
                "eu_state_granted_eur": fields["granted"],
                "eu_state_paid_eur": fields["paid"],
                "public_paid_eur": fields["paid_public"],
                "amount_precision": "exact",
                "source": "",
            },
            recovered=recovered or resplit or number in stray_lines,
        )
    draft.notes.extend(quote_notes)
    draft.notes.append(
        "public_funding_eur = 'Suunniteltu julkinen rahoitus yhteensä' (planned public funding); eu_state_granted_eur, "
        "eu_state_paid_eur and public_paid_eur are the export's other three money columns. Project area from the "
        "implementer (a municipality), the granting council's region, the programme section or the granting body's large area"
    )
    return finish(draft, "eura", resolver, read)
