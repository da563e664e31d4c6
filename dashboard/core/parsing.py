"""Tolerant parsers for the way Finnish sources write dates, money, yes/no and lists.

Every parser returns ``None`` for an empty value (unknown stays unknown) and raises
``ValueError`` with a message a person can act on when the text is not what it claims.
Vectorised variants work on whole pandas Series so that 100 000 rows parse in well under
a second; they return the parsed values plus a Series of error messages (empty = fine).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

import numpy as np
import pandas as pd

from dashboard.core.vocab import LIST_SEPARATOR

_EMPTY = {"", "-", "–", "nan", "none", "null", "n/a", "na"}

_FI_DATE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?\s*$")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CURRENCY = re.compile(r"(?i)(€|eur(?:oa|o|os)?|e)\s*$")
_MILLIONS = re.compile(r"(?i)^(.*?)\s*(m€|meur|milj\.?\s*€?|miljoonaa\s*(?:euroa)?)$")


def is_empty(value: object) -> bool:
    """True for None, NaN and the usual spellings of 'nothing here'."""
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return str(value).strip().casefold() in _EMPTY


def parse_date(value: object) -> dt.date | None:
    """Parse ISO ``2022-12-01`` or Finnish ``1.12.2022`` / ``01.12.2022``."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _FI_DATE.match(text)
        if not match:
            raise ValueError(f"date '{text.strip()}' is not ISO (2024-06-30) or Finnish (30.6.2024)")
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"date '{text.strip()}' does not exist") from None


def parse_amount(value: object) -> float | None:
    """Parse euro amounts: ``116 475 €``, ``116475``, ``116 475,50``, ``1.234.567,89``, ``2,2 M€``."""
    if is_empty(value):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    original = str(value).strip()
    text = original
    multiplier = 1.0
    millions = _MILLIONS.match(text)
    if millions:
        text, multiplier = millions.group(1), 1_000_000.0
    text = _CURRENCY.sub("", text.strip())
    text = _SPACES.sub("", text)
    if text.count(",") == 1 and text.count(".") >= 1 and text.rfind(",") > text.rfind("."):
        text = text.replace(".", "").replace(",", ".")  # 1.234.567,89
    elif text.count(",") == 1 and text.count(".") == 0:
        text = text.replace(",", ".")  # 116475,50
    elif text.count(",") >= 1 and text.count(".") <= 1 and (text.count(".") == 0 or text.rfind(".") > text.rfind(",")):
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")  # 1,234,567.89
    elif text.count(".") > 1 and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")  # 1.234.567
    try:
        return float(text) * multiplier
    except ValueError:
        raise ValueError(f"amount '{original}' is not a number of euros (e.g. 116 475 €)") from None


_TRUE = {"true", "yes", "kyllä", "kylla", "ja", "1", "x", "y", "k"}
_FALSE = {"false", "no", "ei", "nej", "0", "n", "e"}


def parse_bool(value: object) -> bool | None:
    """Parse yes/no in English, Finnish and Swedish; empty means unknown."""
    if is_empty(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"'{str(value).strip()}' is not yes/no (true/false, kyllä/ei)")


def split_list(value: object, separators: str = ";") -> list[str]:
    """Split a multi-valued cell; ``;`` is canonical, others may be allowed by the caller."""
    if is_empty(value):
        return []
    pattern = "[" + re.escape(separators) + "]"
    return [part.strip() for part in re.split(pattern, str(value)) if part.strip()]


def join_list(values: Iterable[str]) -> str:
    """Inverse of :func:`split_list` for the canonical separator."""
    return LIST_SEPARATOR.join(v for v in values if v)


_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def period_from_year(year: int, fund: str | None = None) -> str:
    """The programming period a project starting (or decided) in ``year`` belongs to.

    The rural fund (EAFRD) ran its 2014-2020 programme until the end of 2022 (transition
    years), so EAFRD years 2021-2022 still belong to 2014-2020. Projects of 2021-2027
    may start until 2029 (n+2).
    """
    if 2007 <= year <= 2013:
        return "2007-2013"
    if 2014 <= year <= 2020:
        return "2014-2020"
    if year in (2021, 2022):
        return "2014-2020" if fund == "EAFRD" else "2021-2027"
    if 2023 <= year <= 2029:
        return "2021-2027"
    return "unknown"


def canonical_period(stated: object, start: dt.date | None = None, fund: str | None = None) -> str:
    """Map the period as a source states it to a canonical programming period.

    Order: a year range in the stated text ("2014–2022", "Euroopan maaseuturahasto
    2023–2027"), a single stated year, then the start date, else ``unknown``.
    """
    text = "" if is_empty(stated) else str(stated)
    match = _YEAR_RANGE.search(text)
    if match:
        first, last = int(match.group(1)), int(match.group(2))
        if 2007 <= first and last <= 2013:
            return "2007-2013"
        if 2014 <= first and last <= 2022:
            return "2014-2020"
        if 2021 <= first and last <= 2029:
            return "2021-2027"
        return period_from_year(first, fund)
    match = _YEAR.search(text)
    if match:
        return period_from_year(int(match.group(1)), fund)
    if start is not None:
        return period_from_year(start.year, fund)
    return "unknown"


# --- vectorised variants -------------------------------------------------------------


def _empty_mask(series: pd.Series) -> pd.Series:
    text = series.astype(str).str.strip()
    empty = series.isna() | (text == "")
    short = (text.str.len() <= max(map(len, _EMPTY))).fillna(False).astype(bool) & ~empty  # only short cells can spell "nothing"
    if short.any():
        empty = empty | text[short].str.casefold().isin(_EMPTY).reindex(series.index, fill_value=False).astype(bool)
    return empty


def parse_date_series(series: pd.Series, column: str) -> tuple[pd.Series, pd.Series]:
    """Parse a column of dates; returns (datetime64 Series, error message Series)."""
    text = series.astype("string").str.strip()
    empty = _empty_mask(series)
    iso = pd.to_datetime(text.where(text.str.match(r"^\d{4}-\d{1,2}-\d{1,2}$", na=False)), format="%Y-%m-%d", errors="coerce")
    finnish = pd.to_datetime(
        text.where(text.str.match(r"^\d{1,2}\.\d{1,2}\.\d{4}$", na=False)), format="%d.%m.%Y", errors="coerce"
    )
    parsed = iso.fillna(finnish)
    unparsed = parsed.isna() & ~empty
    errors = pd.Series("", index=series.index, dtype=object)
    if unparsed.any():
        # Slow path only for the odd ones out, so that each gets its own precise message.
        for index in series.index[unparsed]:
            try:
                value = parse_date(series.at[index])
            except ValueError as exc:
                errors.at[index] = f"{column}: {exc}"
            else:
                parsed.at[index] = pd.Timestamp(value) if value else pd.NaT
    return parsed, errors


def parse_amount_series(series: pd.Series, column: str) -> tuple[pd.Series, pd.Series]:
    """Parse a column of euro amounts; returns (float Series, error message Series)."""
    empty = _empty_mask(series)
    plain = pd.to_numeric(series.where(~empty), errors="coerce")
    errors = pd.Series("", index=series.index, dtype=object)
    slow = plain.isna() & ~empty
    if slow.any():
        plain = plain.astype(float)
        for index in series.index[slow]:
            try:
                plain.at[index] = parse_amount(series.at[index])
            except ValueError as exc:
                errors.at[index] = f"{column}: {exc}"
    return plain.astype(float), errors


def parse_bool_series(series: pd.Series, column: str) -> tuple[pd.Series, pd.Series]:
    """Parse a yes/no column into a nullable boolean Series."""
    text = series.astype("string").str.strip().str.casefold()
    empty = _empty_mask(series)
    result = pd.Series(pd.NA, index=series.index, dtype="boolean")
    result[text.isin(_TRUE).fillna(False)] = True
    result[text.isin(_FALSE).fillna(False)] = False
    bad = result.isna() & ~empty
    errors = pd.Series("", index=series.index, dtype=object)
    errors[bad] = [f"{column}: '{v}' is not yes/no (true/false, kyllä/ei)" for v in series[bad]]
    return result, errors
