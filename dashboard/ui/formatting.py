"""Numbers, euros, shares, distances and dates as people read them, in fi, sv and en (Babel).

The app speaks to Finnish users first: Finnish and Finland-Swedish formats group thousands
with a no-break space (U+00A0, so "1 234 568 €" never wraps) and use a decimal comma;
English uses British conventions. Babel's CLDR data does the work instead of string
replacement, so signs, compact forms ("1,2 milj. €", "1,2 mn €", "€1.2m") and units are
what each language expects.

A missing value (``None``, ``NaN``, ``pd.NA``, ``NaT``, ``""``) always formats as ``""``:
a table cell or a hover then shows nothing rather than "None" or "nan". Where a page wants
the word "unknown" it says so itself (``t("unknown", lang)``).

:func:`display_frame` (strings) and :func:`display_styler` (numbers kept, shown formatted)
turn a data frame into what ``st.dataframe`` shows: names first, ids last, every number in
the user's format, empty cells for missing values.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_compact_currency, format_currency, format_decimal, get_decimal_symbol, get_group_symbol
from babel.units import format_unit

NBSP = "\u00a0"
"""Babel's (CLDR's) thousands separator for fi and sv: the no-break space U+00A0."""

LOCALES: dict[str, str] = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
_DATE_FORMATS = {"fi": "short", "sv": "short", "en": "medium"}  # 5.3.2024, 5.3.2024, 5 Mar 2024
COMPACT_FROM = 1_000_000
"""Key figures at or above this many euros are shown compact ("1,2 milj. €")."""


def locale(lang: str) -> str:
    """Babel locale of an app language (unknown languages read as Finnish)."""
    return LOCALES.get(lang, LOCALES["fi"])


def is_missing(value: Any) -> bool:
    """``None``, NaN, ``pd.NA``, ``NaT``, an empty or blank string: nothing to show."""
    if value is None:
        return True
    kind = type(value)
    if kind is float or kind is np.float64:
        return value != value  # NaN
    if kind is int or kind is np.int64 or kind is bool:
        return False
    if isinstance(value, str):
        return not value.strip()
    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):
        return False
    return bool(missing) if np.ndim(missing) == 0 else False


def _number(value: Any) -> float | None:
    kind = type(value)
    if kind is float or kind is np.float64:
        return None if value != value or math.isinf(value) else float(value)
    if kind is int or kind is np.int64:
        return float(value)
    if is_missing(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _babel_number(value: float, decimals: int, lang: str) -> str:
    return format_decimal(value, format=_pattern(decimals), locale=locale(lang))


def _babel_eur(value: float, decimals: int, lang: str) -> str:
    loc = locale(lang)
    # The locale's own pattern ("#,##0.00\u00a0¤", "¤#,##0.00") with the wanted decimals.
    pattern = Locale.parse(loc).currency_formats["standard"].pattern.split(";")[0].replace("#,##0.00", _pattern(decimals))
    return format_currency(value, "EUR", format=pattern, locale=loc, currency_digits=False)


@dataclass(frozen=True)
class _Compiled:
    """A Babel format taken apart once: sign/currency affixes and the locale's symbols.

    Babel parses the locale and the pattern on every call (≈ 40 µs); a map tooltip needs
    about 1 500 figures per rerun. The affixes are read from Babel's own output for ±1 and
    the digits are rounded half-even like Babel (``Decimal`` of the float's repr), so the
    result is Babel's (a test compares the two on random values).

    Whole numbers skip ``Decimal``: ``round(x)`` of a float is half-even on its exact value,
    and that equals half-even on its repr (a repr ending in ``.5`` is only ever the repr of
    a float that *is* that half, and no other half lies between a float and its repr)."""

    decimals: int
    positive: tuple[str, str]
    negative: tuple[str, str]
    group: str
    decimal: str

    def __call__(self, value: float) -> str:
        if not self.decimals:
            whole = round(value)
            prefix, suffix = self.negative if whole < 0 else self.positive  # never "-0" (Babel writes it)
            digits = f"{abs(whole):,}"
            return prefix + (digits if self.group == "," else digits.replace(",", self.group)) + suffix
        rounded = Decimal(repr(float(value))).quantize(_QUANTA[self.decimals] if self.decimals < len(_QUANTA) else Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_EVEN)
        prefix, suffix = self.negative if rounded < 0 else self.positive  # never "-0" (Babel writes it)
        digits = format(abs(rounded), ",f").replace(",", "\0").replace(".", self.decimal).replace("\0", self.group)
        return prefix + digits + suffix


_QUANTA = tuple(Decimal(1).scaleb(-d) for d in range(8))


@lru_cache(maxsize=64)
def _compiled(kind: str, decimals: int, lang: str) -> _Compiled:
    babel = _babel_eur if kind == "eur" else _babel_number
    one = "1" + ("." + "0" * decimals if decimals else "").replace(".", get_decimal_symbol(locale(lang)))

    def affixes(text: str) -> tuple[str, str]:
        at = text.index(one)
        return text[:at], text[at + len(one) :]

    return _Compiled(decimals, affixes(babel(1, decimals, lang)), affixes(babel(-1, decimals, lang)), get_group_symbol(locale(lang)), get_decimal_symbol(locale(lang)))


def formatter(kind: str, lang: str = "fi", decimals: int = 0) -> Callable[[Any], str]:
    """One formatter for many values: ``kind`` "number" (as :func:`format_number`) or "eur"
    (as :func:`format_eur`); missing values give ``""``. For loops over a column: the format
    is looked up once, not per value."""
    if kind not in ("number", "eur"):
        raise ValueError("kind must be 'number' or 'eur'")
    compiled = _compiled(kind, int(decimals), lang if lang in LOCALES else "fi")

    def format_one(value: Any) -> str:
        kind_ = type(value)
        if kind_ is float or kind_ is np.float64:
            return "" if value != value or math.isinf(value) else compiled(float(value))
        if kind_ is int or kind_ is np.int64:
            return compiled(float(value))
        number = _number(value)
        return "" if number is None else compiled(number)

    return format_one


def format_number(value: Any, decimals: int = 0, lang: str = "fi") -> str:
    """``1234567.456`` → ``"1 234 567"`` (fi, no-break space) / ``"1,234,567"`` (en); missing → ``""``."""
    number = _number(value)
    if number is None:
        return ""
    return _compiled("number", int(decimals), lang if lang in LOCALES else "fi")(number)


def format_count(value: Any, lang: str = "fi") -> str:
    """A whole count (projects, rows): ``format_number(value, 0, lang)``."""
    return format_number(value, 0, lang)


def format_eur(value: Any, lang: str = "fi", decimals: int = 0) -> str:
    """Whole euros by default: ``1234567.5`` → ``"1 234 568 €"`` (fi, sv) / ``"€1,234,568"`` (en)."""
    number = _number(value)
    if number is None:
        return ""
    return _compiled("eur", int(decimals), lang if lang in LOCALES else "fi")(number)


def format_eur_compact(value: Any, lang: str = "fi", fraction_digits: int = 1) -> str:
    """Key figures: ``"1,2 milj. €"`` / ``"1,2 mn €"`` / ``"€1.2m"`` from a million up, else whole euros.

    ``fraction_digits`` is the most shown (``2``: ``"4,74 milj. €"``, still ``"1,2 milj. €"``)."""
    number = _number(value)
    if number is None:
        return ""
    if abs(number) < COMPACT_FROM:
        return format_eur(number, lang)
    return _compact_eur(number, locale(lang), fraction_digits)


@lru_cache(maxsize=4096)
def _compact_eur(number: float, babel_locale: str, fraction_digits: int) -> str:
    """Babel's compact euros (≈ 0.3 ms a call; a legend asks for the same class edges again)."""
    return format_compact_currency(number, "EUR", locale=babel_locale, fraction_digits=fraction_digits)


def format_percent(fraction: Any, lang: str = "fi", decimals: int = 1) -> str:
    """A share given as a fraction: ``0.1234`` → ``"12,3 %"`` (fi, sv) / ``"12.3%"`` (en)."""
    number = _number(fraction)
    if number is None:
        return ""
    text = format_number(number * 100, decimals, lang)
    return f"{text}%" if lang == "en" else f"{text}{NBSP}%"


def format_distance(km: Any, lang: str = "fi") -> str:
    """``12.34`` → ``"12,3 km"``; from 100 km whole kilometres; under 0.1 km ``"< 0,1 km"`` (never "0 km")."""
    number = _number(km)
    if number is None:
        return ""
    if abs(number) < 0.1:
        return "<" + NBSP + _km(0.1, 1, lang)
    return _km(number, 0 if abs(number) >= 100 else 1, lang)


def _km(number: float, decimals: int, lang: str) -> str:
    text = format_unit(number, "length-kilometer", length="short", format=_pattern(decimals), locale=locale(lang))
    return text.replace(" ", NBSP)  # "12,3 km" never wraps between number and unit


def format_date(value: Any, lang: str = "fi") -> str:
    """``2024-03-05`` → ``"5.3.2024"`` (fi, sv) / ``"5 Mar 2024"`` (en); a date, datetime, Timestamp or ISO text."""
    if is_missing(value):
        return ""
    if isinstance(value, str):
        try:
            value = pd.Timestamp(value)
        except (ValueError, TypeError):
            return ""
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return ""
        value = value.date()
    elif isinstance(value, np.datetime64):
        value = pd.Timestamp(value).date()
    elif isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return ""
    return _date_text(value, lang)


@lru_cache(maxsize=8192)
def _date_text(value: dt.date, lang: str) -> str:
    """Babel's date (cached: a table of projects repeats a few hundred dates thousands of times)."""
    return _babel_date(value, _DATE_FORMATS.get(lang, "short"), locale=locale(lang))


def format_text(value: Any) -> str:
    """Plain text of a cell: ``""`` for missing values, lists joined with ``", "``."""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(format_text(v) for v in value if not is_missing(v))
    return "" if is_missing(value) else str(value)


def format_link(value: Any) -> str:
    """An ``http(s)`` address as is; anything else (``javascript:``, ``data:``, text) → ``""``."""
    text = format_text(value).strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


# --- tables ---------------------------------------------------------------------------------

KINDS = ("name", "text", "eur", "eur_compact", "number", "count", "percent", "distance", "date", "link", "id")
"""Column kinds of :func:`display_frame`: ``name`` columns come first, ``id`` columns last."""


def _formatter(kind: str, lang: str, decimals: int | None) -> Callable[[Any], str]:
    if kind == "eur":
        return formatter("eur", lang, decimals or 0)
    if kind == "eur_compact":
        return lambda v: format_eur_compact(v, lang)
    if kind == "number":
        return formatter("number", lang, 1 if decimals is None else decimals)
    if kind == "count":
        return formatter("number", lang, 0)
    if kind == "percent":
        return lambda v: format_percent(v, lang, 1 if decimals is None else decimals)
    if kind == "distance":
        return lambda v: format_distance(v, lang)
    if kind == "date":
        return lambda v: format_date(v, lang)
    if kind == "link":
        return format_link
    if kind in ("name", "text", "id"):
        return format_text
    raise ValueError(f"unknown column kind {kind!r}; kinds: {', '.join(KINDS)}")


def display_columns(kinds: Mapping[str, str], available) -> list[str]:
    """The columns of ``kinds`` present in ``available``: names first, ids last, else in the given order."""
    present = [c for c in kinds if c in set(available)]
    rank = {"name": 0, "id": 2}
    return sorted(present, key=lambda c: rank.get(kinds[c], 1))  # sorted() is stable


def display_frame(
    frame: pd.DataFrame,
    lang: str,
    kinds: Mapping[str, str],
    headers: Mapping[str, str] | None = None,
    decimals: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """What ``st.dataframe`` shows: the columns of ``kinds`` (column → kind, see :data:`KINDS`),
    names first and ids last, every cell a formatted string (``""`` when missing), headers
    renamed by ``headers`` (column → text). The index is reset (pass ``hide_index=True``).

    Strings sort as text in the table: sort the frame before calling this, or use
    :func:`display_styler` where people need to sort numbers by clicking a header.
    """
    columns = display_columns(kinds, frame.columns)
    decimals = decimals or {}
    out = pd.DataFrame(index=range(len(frame)))
    for column in columns:
        convert = _formatter(kinds[column], lang, decimals.get(column))
        out[column] = [convert(v) for v in frame[column].tolist()]
    return out.rename(columns=dict(headers or {}))


def display_styler(
    frame: pd.DataFrame,
    lang: str,
    kinds: Mapping[str, str],
    headers: Mapping[str, str] | None = None,
    decimals: Mapping[str, int] | None = None,
):
    """Like :func:`display_frame`, but numbers stay numbers (a header click sorts them) and are
    shown formatted through a pandas ``Styler`` (``st.dataframe`` shows a Styler's display
    values). Missing values show as empty cells. A Styler renders every cell (≈ 0.6 s for
    5 000 × 6): use it for rankings and reports, :func:`display_frame` for the big tables."""
    columns = display_columns(kinds, frame.columns)
    decimals = decimals or {}
    headers = dict(headers or {})
    data = frame[columns].reset_index(drop=True).copy()
    numeric = {"eur", "eur_compact", "number", "count", "percent", "distance"}
    for column in columns:
        if kinds[column] in numeric:
            data[column] = pd.to_numeric(data[column], errors="coerce").astype(float)
        elif kinds[column] == "date":
            data[column] = [format_date(v, lang) for v in data[column].tolist()]
        else:
            data[column] = [_formatter(kinds[column], lang, None)(v) for v in data[column].tolist()]
    data = data.rename(columns=headers)
    formats = {
        headers.get(c, c): _formatter(kinds[c], lang, decimals.get(c)) for c in columns if kinds[c] in numeric
    }
    return data.style.format(formats, na_rep="")


def distance_describer(lang: str, municipality_names: Mapping[str, str] | None = None) -> Callable[[float | None, str], str]:
    """The ``describe`` callback of :mod:`dashboard.query.distance`: ``"12,3 km"`` for an exact
    point, ``"Kuusamo (ei tarkkaa sijaintia)"`` / ``"in Kuusamo (no exact location)"`` for a
    service known only by municipality (``municipality_names``: code → name), never "0 km"."""
    from dashboard.ui.i18n import message

    names = dict(municipality_names or {})

    def describe(km: float | None, municipality: str) -> str:
        if km is not None and not is_missing(km):
            return format_distance(km, lang)
        if municipality:
            return message("distance.in_municipality", lang, municipality=names.get(municipality, municipality))
        return message("distance.no_location", lang)

    return describe
