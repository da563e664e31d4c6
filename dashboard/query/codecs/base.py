"""Building blocks shared by the page codecs: notices and tolerant parameter parsers.

A parameter may arrive as a string (``st.query_params[name]``) or as a list of strings
(repeated parameters, ``parse_qs``); the last value wins, as in Streamlit. Every parser
returns a valid value and appends a :class:`Notice` for whatever it had to drop, so that a
page can tell the visitor which part of a link it ignored and why.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Collection, Iterable, Mapping, Sequence, Union

QueryValue = Union[str, Sequence[str]]
Query = Mapping[str, QueryValue]

MAX_TEXT = 200
"""Longest free-text search kept from a link (longer text is cut, and said so)."""
MAX_LIST_ITEMS = 400
"""More values than there are municipalities is never a real link."""


@dataclass(frozen=True)
class Notice:
    """One ignored or corrected part of a link.

    ``reason`` is a stable key that the ui layer translates (``url_reason_<reason>``):
    ``unknown_value`` (not a code the data has), ``not_a_year_range``, ``clamped`` (moved
    into the range the data covers), ``not_a_number``, ``not_a_point``, ``unknown_choice``,
    ``too_long``, ``too_many``.
    """

    param: str
    value: str
    reason: str


def raw(query: Query, name: str) -> str | None:
    """The parameter's last value, or None when absent."""
    if name not in query:
        return None
    value = query[name]
    if isinstance(value, str):
        return value
    values = list(value)
    return str(values[-1]) if values else None


def clean_text(value: str) -> str:
    """Drop control and format characters (bidi overrides, zero-width) and fold spaces."""
    kept = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())


def shown(value: str, limit: int = 60) -> str:
    """A parameter value as it may be quoted back in a notice: cleaned and cut short."""
    text = clean_text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_codes(query: Query, name: str, known: Collection[str], notices: list[Notice]) -> tuple[str, ...]:
    """Comma-separated codes; unknown ones are dropped (each named in a notice), order kept, no repeats."""
    value = raw(query, name)
    if not value:
        return ()
    items = [item.strip() for item in value.split(",") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        notices.append(Notice(name, shown(value), "too_many"))
        items = items[:MAX_LIST_ITEMS]
    result: list[str] = []
    unknown: list[str] = []
    for item in items:
        if item in known:
            if item not in result:
                result.append(item)
        else:
            unknown.append(item)
    if unknown:
        notices.append(Notice(name, shown(",".join(unknown)), "unknown_value"))
    return tuple(result)


def parse_choice(query: Query, name: str, choices: Sequence[str], default: str, notices: list[Notice]) -> str:
    value = raw(query, name)
    if value is None or value == "":
        return default
    if value in choices:
        return value
    notices.append(Notice(name, shown(value), "unknown_choice"))
    return default


def parse_text(query: Query, name: str, notices: list[Notice], limit: int = MAX_TEXT) -> str:
    value = raw(query, name)
    if not value:
        return ""
    text = clean_text(value)
    if len(text) > limit:
        notices.append(Notice(name, shown(text), "too_long"))
        text = text[:limit].rstrip()
    return text


def parse_year_range(query: Query, name: str, bounds: tuple[int, int], notices: list[Notice]) -> tuple[int, int] | None:
    """``2014-2020`` or a single year ``2020``; clamped to ``bounds``; the full range is None."""
    value = raw(query, name)
    if not value:
        return None
    parts = value.replace("–", "-").split("-")
    try:
        years = [int(part.strip()) for part in parts if part.strip()]
    except ValueError:
        years = []
    if not 1 <= len(years) <= 2 or len(parts) > 2:
        notices.append(Notice(name, shown(value), "not_a_year_range"))
        return None
    first, last = min(years), max(years)
    lo, hi = bounds
    clamped = (min(max(first, lo), hi), max(min(last, hi), lo))
    if clamped != (first, last):
        notices.append(Notice(name, shown(value), "clamped"))
    return None if clamped == (lo, hi) else clamped


def parse_number(query: Query, name: str, bounds: tuple[float, float], default: float, notices: list[Notice], step: float | None = None) -> float:
    """A number clamped to ``bounds`` (and rounded to ``step``); garbage gives ``default``."""
    value = raw(query, name)
    if value is None or value == "":
        return default
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        notices.append(Notice(name, shown(value), "not_a_number"))
        return default
    lo, hi = bounds
    clamped = min(max(number, lo), hi)
    if step:
        clamped = min(max(round(clamped / step) * step, lo), hi)
    if clamped != number:
        notices.append(Notice(name, shown(value), "clamped"))
    return clamped


def parse_point(query: Query, name: str, bbox: tuple[float, float, float, float], notices: list[Notice]) -> tuple[float, float] | None:
    """``lat,lon`` inside ``bbox`` = (min_lat, min_lon, max_lat, max_lon), rounded to 4 decimals."""
    value = raw(query, name)
    if not value:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        notices.append(Notice(name, shown(value), "not_a_point"))
        return None
    min_lat, min_lon, max_lat, max_lon = bbox
    if not (math.isfinite(lat) and math.isfinite(lon) and min_lat <= lat <= max_lat and min_lon <= lon <= max_lon):
        notices.append(Notice(name, shown(value), "not_a_point"))
        return None
    return (round(lat, 4), round(lon, 4))


def join_codes(values: Iterable[str]) -> str:
    return ",".join(values)
