"""Data text in the reader's language: ``name_sv`` for a Swedish page, else the nearest other.

Records carry a name and a summary per language (``name_fi``, ``name_sv``, ``name_en``,
``summary_fi`` …; see data/README.md, "Names and summaries in three languages") beside the
original ``name`` / ``summary`` as the source gave them. A text that is missing in the
reader's language falls back to the other languages and then to the original, so a page
never shows an empty name where the record has one. The order of the fallback puts Finnish
before English for a Swedish reader (Finnish place names are what signs and maps in Finland
show) and Finnish before Swedish for an English one.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from dashboard.core.vocab import TEXT_LANGUAGES

FALLBACK: dict[str, tuple[str, ...]] = {
    "fi": ("fi", "sv", "en"),
    "sv": ("sv", "fi", "en"),
    "en": ("en", "fi", "sv"),
}
"""For each page language, the order in which the per-language columns are tried."""


def text_columns(field: str, lang: str) -> tuple[str, ...]:
    """The columns tried for ``field`` in ``lang``, best first, ending with the original."""
    order = FALLBACK.get(lang, TEXT_LANGUAGES)
    return tuple(f"{field}_{code}" for code in order) + (field,)


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def localised_text(record: pd.DataFrame | pd.Series | Mapping[str, object], field: str, lang: str) -> pd.Series | str:
    """``field`` ("name", "summary") of a record in ``lang``, falling back as :data:`FALLBACK` says.

    A frame gives a Series (one text per row, "" where the record has none at all); a row
    (Series or dict) gives a string. Columns a frame does not have are skipped, so frames of
    the old shape (only ``name`` / ``summary``) give the original text.
    """
    columns = text_columns(field, lang)
    if isinstance(record, pd.DataFrame):
        result = pd.Series("", index=record.index, dtype=object)
        for column in reversed(columns):  # the best column is applied last and wins
            if column in record.columns:
                values = record[column].fillna("").astype(str).str.strip()
                result = values.where(values != "", result)
        return result
    for column in columns:
        text = _text(record.get(column))
        if text:
            return text
    return ""


def localised(frame: pd.DataFrame, lang: str, fields: tuple[str, ...] = ("name", "summary")) -> pd.DataFrame:
    """A copy of ``frame`` whose ``name`` and ``summary`` hold the texts of ``lang`` (for builders
    that read those two columns, such as the popups)."""
    present = [f for f in fields if f in frame.columns or any(c in frame.columns for c in text_columns(f, lang))]
    if not present:
        return frame
    return frame.assign(**{f: localised_text(frame, f, lang) for f in present})
