"""Structural-fund (EURA 2007 / EURA 2014) project-list exports → projects.

Real exports are damaged: names and authorities contain unquoted commas that shift the
columns ("Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus"), some fields are
swapped and some rows are cut. Rather than trusting positions, each row is read by the
*shapes* of its values — a code ``A70253``, a fund ``EAKR``/``ESR``, a status word,
Finnish dates, amounts — and the free text between them is put back together. A row is
recovered when every value can be placed unambiguously, otherwise rejected with the reason.

Placement follows what the data really says: a municipal implementer ("Savukosken kunta")
places the project in that municipality; a regional council places it in its region;
ELY centres, Tekes, Finnvera and ministries do not place it (area unknown).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from dashboard.core import parsing
from dashboard.core.authorities import AUTHORITY_PATTERN, clean_funder, council_region, municipal_implementer
from dashboard.core.names import AreaResolver
from dashboard.core.readers import DataFormatError, decode
from dashboard.io.importers.base import Draft, ImportResult, finish

CODE = re.compile(r"^[A-Z]\d{5,9}$")
DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
AMOUNT = re.compile(r"^-?\d+(?:[.,]\d+)?$")
LINE = re.compile(r"^\d{1,2}$")
FUNDS = {"EAKR": "ERDF", "ESR": "ESF"}
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


def import_eura(data: bytes, resolver: AreaResolver, today: dt.date | None = None) -> ImportResult:
    today = today or dt.date.today()
    text = decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise DataFormatError(f"not a readable CSV file: {exc}") from exc
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise DataFormatError("the file is empty")
    header = [h.strip().rstrip(";") for h in rows[0]]
    period = _detect_period(header)
    has_programme = period == "2007-2013"
    draft = Draft("projects")
    read = 0
    for number, raw in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in raw):
            read += 1
            draft.reject(number, "empty row")
            continue
        read += 1
        tokens, resplit = _split_row(raw)
        fields, recovered, reason = parse_row(tokens, has_programme)
        if fields is None:
            draft.reject(number, reason, ",".join(raw))
            continue
        funder = clean_funder(str(fields["authority"]))
        municipality = municipal_implementer(str(fields["implementer"]), resolver)
        region = None if municipality else council_region(funder, resolver)
        end = fields["end"]
        status = STATUS[str(fields["status"])]
        if status == "ongoing" and end is not None and end < today:
            status = "ended"
        draft.add(
            number,
            {
                "id": fields["code"],
                "name": fields["name"],
                "implementer": fields["implementer"],
                "funder": funder,
                "fund": fields["fund"],
                "programme": fields["programme"] or f"Rakennerahasto-ohjelma {period}",
                "period": period,
                "start_date": fields["start"].isoformat() if fields["start"] else "",
                "end_date": end.isoformat() if end else "",
                "public_funding_eur": fields["planned_public"],
                "municipalities": municipality or "",
                "regions": region or "",
                "status": status,
                "source_url": f"https://www.eura{2007 if period == '2007-2013' else 2014}.fi/rrtiepa/projekti.php?projektikoodi={fields['code']}",
                "summary": "",
            },
            recovered=recovered or resplit,
        )
    draft.notes.append(
        "public_funding_eur = 'Suunniteltu julkinen rahoitus yhteensä' (planned public funding); projects granted by ELY centres, "
        "Tekes, Finnvera or ministries are kept with area unknown"
    )
    return finish(draft, "eura", resolver, read)
