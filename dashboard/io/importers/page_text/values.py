"""Values as pages write them: periods, euro amounts, organisation names."""

from __future__ import annotations

import datetime as dt
import re

_DAY = r"\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4})?"
_ISO = r"\d{4}-\d{2}-\d{2}"
_SEP = r"\s*(?:[-–—→]|\bto\b|\bja päättyy\b|\btill\b)\s*"
RANGE = re.compile(rf"(?P<start>{_ISO}|{_DAY})(?:{_SEP})(?P<end>{_ISO}|\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}})(?!\d)")
_STARTS_ENDS = re.compile(rf"(?i)alkaa\s+(?P<start>{_DAY})\s+ja\s+päättyy\s+(?P<end>{_DAY})")
_ONE_DATE = re.compile(rf"^\s*(?P<date>{_ISO}|\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}})\s*$")


def parse_day(text: str, year: int | None = None) -> dt.date | None:
    """``1.5.2017``, ``31.7. 2019``, ``2019-04-01``; ``1.1.`` with the year given separately."""
    text = re.sub(r"\s+", "", text or "")
    try:
        if re.fullmatch(_ISO, text):
            return dt.date.fromisoformat(text)
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})?", text)
        if match:
            return dt.date(int(match.group(3) or year or 0), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


def parse_range(text: str) -> tuple[dt.date | None, dt.date | None, str] | None:
    """The first period ``start – end`` in ``text``: (start, end, the matched text), or None."""
    match = _STARTS_ENDS.search(text) or RANGE.search(text)
    if not match:
        return None
    end = parse_day(match.group("end"))
    if end is None:
        return None
    start = parse_day(match.group("start"), end.year)
    if start is None or start > end:
        return None
    return start, end, match.group(0)


def parse_single_day(text: str) -> dt.date | None:
    match = _ONE_DATE.match(text or "")
    return parse_day(match.group("date")) if match else None


_AMOUNT = re.compile(
    r"(?P<pre>€\s?)?(?P<number>\d{1,3}(?:[  .]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d+)?)\s*(?P<scale>milj(?:oonaa|\.)?|M|k|t)?\s*(?P<post>€|euroa|euro|eur\b|EUR)?"
)


def parse_euros(text: str, require_unit: bool = True) -> tuple[float, str] | None:
    """The first euro amount in ``text``: (value, matched text), or None.

    Finnish writes ``90 000,00 €``, ``63 677 €``, ``336.452 euroa`` (a dot before exactly three
    digits groups thousands; decimals take a comma), English ``€1.1M`` / ``€798k``. A number
    counts only with a euro sign or word next to it, so ``79.000 t`` or ``50 %`` are not money.
    """
    for match in _AMOUNT.finditer(text or ""):
        if require_unit and not (match.group("pre") or match.group("post")):
            continue
        if not (match.group("pre") or match.group("post")) and not re.search(r"\d{3}", match.group("number")):
            continue
        after = text[match.end() : match.end() + 2]
        if after.strip().startswith("%"):
            continue
        number = match.group("number").replace(" ", "").replace(" ", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", number):
            number = number.replace(".", "").replace(",", ".")
        else:
            number = number.replace(",", ".")
        try:
            value = float(number)
        except ValueError:
            continue
        scale = (match.group("scale") or "").casefold()
        if scale in ("m", "milj", "milj.", "miljoonaa"):
            value *= 1_000_000
        elif scale == "k":
            value *= 1_000
        elif scale == "t":
            continue  # tonnes
        return round(value, 2), match.group(0).strip()
    return None


def format_amount(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def is_amount_range(text: str) -> bool:
    """``500- 8 000 euroa``: a range of amounts (a per-applicant limit), not one budget."""
    return bool(re.search(r"\d\s*[-–]\s*\d[\d  ]*\s*(?:€|euroa|euro)", text))


def clean_org(text: str) -> str:
    """An organisation name without trailing punctuation, a possessive ``:n`` or role notes."""
    text = re.sub(r"\((?:lead[^)]*|pääpartneri|päätoteuttaja|hallinnoija)\)", "", text, flags=re.IGNORECASE)
    text = re.sub(r":(?:n|in|en)\b", "", text)
    return " ".join(text.split()).strip(" ,.;:|")
