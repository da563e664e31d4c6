"""Labelled layouts: declarative tables of the labels project pages use, in Finnish, Swedish and English.

Three layouts carry the same labels:

* ``Label: value`` on one line (EURA descriptions, Leader pages: ``Hankekoodi: S20270``,
  ``Vastuuviranomainen: …``, ``Hankeaika: 1.12.2017–31.12.2019``);
* the label on its own line, its value on the next (``Päärahoittaja:`` / ``Interreg
  Botnia-Atlantica``; ``Total project cost`` / ``€1.1M``);
* a flattened form transcript where labels and values run together on one long line
  (``Projektin nimi Distanssi - … Ohjelma Manner-Suomen ESR-ohjelma``): a value then ends
  where the next known label begins, so :data:`STOP_LABELS` lists the labels whose values are
  never read (addresses, phone numbers) but which end the value before them.

Adding a layout means adding labels here, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# field → labels (case-insensitive, exact words). Order inside a field = preference.
LABELS: dict[str, tuple[str, ...]] = {
    "id": ("hankekoodi", "projektikoodi", "hankenumero", "projektnummer", "projektkod", "project code"),
    "name": ("hankkeen nimi", "hankeen nimi", "projektin nimi", "projektets namn", "projektnamn", "project name", "nimi"),
    "implementer": (
        "hakijan virallinen nimi",
        "hakijaorganisaation nimi",
        "hakijan nimi",
        "hankkeen toteuttaja",
        "päätoteuttaja",
        "toteuttaja",
        "tekijät",
        "hallinnoija",
        "hankkeen hallinnoija",
        "projektägare",
        "sökandens namn",
        "sökande",
        "beneficiary",
        "lead partner",
    ),
    "partners": ("hankekumppanit", "kumppanit", "projektpartner", "partners"),
    "funder": (
        "vastuuviranomainen",
        "viranomainen, jolle hakemus osoitetaan",
        "rahoittava viranomainen",
        "myöntävä viranomainen",
        "päärahoittaja",
        "rahoittajat",
        "rahoittaja",
        "ansvarig myndighet",
        "finansiär",
        "finansiärer",
        "huvudfinansiär",
    ),
    "funding": ("rahoitus", "rahoitusmuoto", "rahasto", "ohjelma/rahasto", "program/fond", "finansiering", "fund"),
    "period": (
        "suunnitelman mukainen toteutusaika",
        "toteutusaika",
        "hankeaika",
        "hankkeen kesto",
        "kesto",
        "hankkeen aikataulu",
        "aikataulu",
        "projektiaika",
        "toiminta-aika",
        "projekttid",
        "genomförandetid",
        "tidsplan",
        "period",
        "project period",
        "duration",
    ),
    "start_date": ("aloituspäivämäärä", "alkamispäivämäärä", "alkamispäivä", "startdatum", "start date"),
    "end_date": ("päättymispäivämäärä", "loppumispäivämäärä", "päättymispäivä", "slutdatum", "end date"),
    "budget_total_eur": (
        "kokonaisbudjetti",
        "budjetti",
        "kokonaiskustannukset",
        "hankkeen kustannusarvio",
        "kustannusarvio",
        "kokonaiskustannusarvio",
        "totalbudget",
        "budget",
        "total project cost",
        "total budget",
    ),
    "public_funding_eur": ("julkinen rahoitus", "julkinen tuki", "myönnetty tuki", "offentlig finansiering", "beviljat stöd"),
}

# Labels whose values are never project fields (the applicant's address is not the project's
# place) but which end the value of the label before them in a flattened transcript.
STOP_LABELS: tuple[str, ...] = (
    "organisaatiotyyppi",
    "y-tunnus",
    "jakeluosoite",
    "lähiosoite",
    "puhelinnumero",
    "postinumero",
    "postitoimipaikka",
    "www-osoite",
    "web-osoite",
    "faksinumero",
    "toiminta-ala",
    "ohjelma",
    "ohjelman osio",
    "toimintalinja",
    "erityistavoite",
    "projektityyppi",
    "toiminnan tila",
    "hakemustyyppi",
    "tila",
    "eura järjestelmä",
    "hankkeen yhteyshenkilön nimi",
    "projektin vastuuhenkilön nimi",
    "asema organisaatiossa",
    "sähköpostiosoite",
    "vastinrahoittajat",
)

# Labels too common as words to be read when they stand alone on a line (a heading "Rahoitus").
_COLON_ONLY = {"nimi", "rahoitus", "rahasto", "budget", "period", "fund", "tila", "ohjelma", "kesto", "aikataulu", "partners", "kumppanit", "duration"}


@dataclass(frozen=True)
class Labelled:
    """One labelled value: the field, the label as written, the value and the text it came from."""

    field: str
    label: str
    value: str
    source: str


def _all_labels() -> list[tuple[str, str | None]]:
    pairs = [(label, field) for field, labels in LABELS.items() for label in labels]
    pairs += [(label, None) for label in STOP_LABELS]
    return sorted(pairs, key=lambda p: -len(p[0]))


_FIELD_OF = {label: field for label, field in _all_labels()}
_ALTERNATION = "|".join(re.escape(label) for label, _ in _all_labels())
_COLON_LINE = re.compile(rf"(?im)^[ \t]*(?P<label>{_ALTERNATION})[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_LABEL_SPACE_VALUE = re.compile(rf"(?im)^[ \t]*(?P<label>{_ALTERNATION})[ \t]+(?P<value>[A-ZÅÄÖ0-9€].{{2,200}}?)[ \t]*$")
_INLINE = re.compile(rf"(?i)(?<![\wÅÄÖåäö-])(?P<label>{_ALTERNATION})(?![\wÅÄÖåäö-])")


def is_label(text: str) -> bool:
    """Is ``text`` (a line or a phrase) one of the known labels?"""
    return text.strip().rstrip(":").strip().casefold() in _FIELD_OF


def _is_label_line(line: str) -> bool:
    return line.strip().rstrip(":").strip().casefold() in _FIELD_OF


def read_labels(text: str) -> list[Labelled]:
    """Every labelled value of ``text``, in reading order, from the three layouts."""
    found: list[Labelled] = []
    lines = text.splitlines()
    nonempty = [(i, l.strip()) for i, l in enumerate(lines) if l.strip()]
    position = {i: n for n, (i, _) in enumerate(nonempty)}
    for match in _COLON_LINE.finditer(text):
        label = match.group("label").casefold()
        field = _FIELD_OF.get(label)
        value = match.group("value").strip()
        if not value:
            # "Päärahoittaja:" with the value on the next line.
            line_number = text.count("\n", 0, match.start())
            n = position.get(line_number)
            if n is not None and n + 1 < len(nonempty) and not _is_label_line(nonempty[n + 1][1]):
                value = nonempty[n + 1][1]
        if field and value:
            found.append(Labelled(field, label, value, f"{match.group('label')}: {value}"))
    for n, (_, line) in enumerate(nonempty[:-1]):
        label = line.casefold()
        field = _FIELD_OF.get(label)
        if field and label not in _COLON_ONLY and not _is_label_line(nonempty[n + 1][1]):
            value = nonempty[n + 1][1]
            found.append(Labelled(field, label, value, f"{line} {value}"))
    for match in _LABEL_SPACE_VALUE.finditer(text):
        # "Kesto 01.09.2021 – 31.08.2023", "Rahoittajat Hämeen elinkeino-, …": a label, a space,
        # a value starting with a capital or a digit (a sentence "Toteuttaja on …" does not).
        label = match.group("label").casefold()
        field = _FIELD_OF.get(label)
        value = match.group("value")
        if not field or (label in _COLON_ONLY and field not in ("period", "budget_total_eur")):
            continue
        if field in ("implementer", "funder", "name", "partners") and re.search(r"[.!?]\s", value):
            continue  # a sentence, not a value
        found.append(Labelled(field, label, value.strip(), match.group(0).strip()))
    for line in lines:
        found.extend(_flattened(line))
    return found


def _flattened(line: str) -> list[Labelled]:
    """Labels and values run together on one long line: each value ends at the next label.

    Only a line that is clearly a form (six or more labels, three of them specific
    multi-word or form labels) is read this way, so that a long paragraph using words like
    "rahoitus" or "ohjelma" is not taken apart; the common one-word labels then only end
    values, they never start one.
    """
    if len(line) < 300:
        return []
    matches = list(_INLINE.finditer(line))
    specific = {m.group("label").casefold() for m in matches if m.group("label").casefold() not in _COLON_ONLY}
    if len(matches) < 6 or len(specific) < 3:
        return []
    found = []
    for current, following in zip(matches, matches[1:] + [None]):
        label = current.group("label").casefold()
        field = _FIELD_OF.get(label)
        if not field or label in _COLON_ONLY:
            continue
        end = following.start() if following else min(len(line), current.end() + 200)
        value = line[current.end() : end].strip(" :\t")
        if field in ("implementer", "funder", "name") and re.search(r"[.!?]\s", value):
            continue
        if value:
            found.append(Labelled(field, current.group("label").casefold(), value, f"{current.group('label')} {value}"))
    return found


def first(labelled: list[Labelled], field: str) -> Labelled | None:
    """The preferred labelled value for ``field`` (table order, then reading order)."""
    candidates = [item for item in labelled if item.field == field]
    if not candidates:
        return None
    order = {label: rank for rank, label in enumerate(LABELS[field])}
    return min(candidates, key=lambda item: order.get(item.label, len(order)))


def all_of(labelled: list[Labelled], field: str) -> list[Labelled]:
    order = {label: rank for rank, label in enumerate(LABELS[field])}
    return sorted((item for item in labelled if item.field == field), key=lambda item: order.get(item.label, len(order)))
