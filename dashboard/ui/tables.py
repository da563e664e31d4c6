"""The tables people read: projects, nature services, Leader white spots.

Issue 12 found "None" in empty cells, euros without thousand separators and cut off
("99620 €"), the slug id as the first column and, on a phone, only the name column visible.
Each builder here returns the frame a page hands to ``st.dataframe`` or to a download:

* **names first, ids last**: the name, then what people compare (who, how much, where),
  the record id at the end (it is needed to cite a row, not to read it);
* **empty, never "None"**: every missing text is ``""``;
* **headers from the catalogue** in fi / sv / en (``ui/i18n.py``);
* **two forms**: ``screen=False`` (downloads) keeps euros as numbers and dates as dates, so a
  spreadsheet can sum them; ``screen=True`` formats euros ("1 234 568 €") and dates
  ("5.3.2024") as the language writes them, and missing values as empty cells.

:data:`NARROW_COLUMNS` names the few columns that matter most, so a page can give the others
small widths (a phone then shows the name and the euros side by side).
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from dashboard.ui import formatting
from dashboard.ui.i18n import field_label, label, t
from dashboard.ui.localised import localised_text


def _text(series: pd.Series) -> pd.Series:
    """Text cells with ``""`` for every missing value (None, NaN, "None"-free)."""
    return series.map(formatting.format_text)


def _codes_to_names(series: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """``"091;049"`` → ``"Helsinki, Espoo"`` (unknown codes as they are, empty cells empty)."""
    return series.map(lambda cell: ", ".join(names.get(code, code) for code in str(cell).split(";") if code) if not formatting.is_missing(cell) else "")


def _true(value: object) -> bool:
    return not formatting.is_missing(value) and bool(value)


def _labels(series: pd.Series, kind: str, lang: str) -> pd.Series:
    return series.map(lambda value: label(kind, value, lang) if not formatting.is_missing(value) else "")


def _dates(series: pd.Series, lang: str, screen: bool) -> pd.Series:
    if screen:
        return series.map(lambda value: formatting.format_date(value, lang))
    return pd.Series([None if pd.isna(v) else v.date() for v in series], index=series.index, dtype=object)


def project_table(filtered: pd.DataFrame, municipality_names: Mapping[str, str], region_names: Mapping[str, str], lang: str = "fi", screen: bool = False) -> pd.DataFrame:
    """The filtered projects as shown (``screen=True``) and downloaded (``screen=False``)."""
    themes = filtered["themes"].map(lambda cell: ", ".join(label("theme", x, lang) for x in str(cell).split(";") if x) if not formatting.is_missing(cell) else "")
    money = filtered["money_eur"].map(lambda v: formatting.format_eur(v, lang)) if screen else filtered["money_eur"].astype(float)
    table = pd.DataFrame(
        {
            t("name", lang): _text(filtered["name"]),
            t("money", lang): money,
            t("implementer", lang): _text(filtered["implementer"]),
            t("municipality", lang): _codes_to_names(filtered["municipalities"], municipality_names),
            t("region", lang): _codes_to_names(filtered["regions"], region_names),
            t("fund", lang): _labels(filtered["fund"], "fund", lang),
            t("period", lang): _labels(filtered["period_canonical"], "period", lang),
            t("start", lang): _dates(filtered["start_date"], lang, screen),
            t("end", lang): _dates(filtered["end_date"], lang, screen),
            t("funder", lang): _text(filtered["funder"]),
            t("theme", lang): themes,
            field_label("summary", lang): localised_text(filtered, "summary", lang),  # the reader's language, then the others
            t("status", lang): _labels(filtered["status"], "status", lang),
            t("money_basis", lang): _labels(filtered["money_basis"], "money_basis", lang),
            t("source", lang): filtered["source_url"].map(formatting.format_link),
            field_label("id", lang): _text(filtered["id"]),
        }
    )
    return table.reset_index(drop=True)


def service_table(found: pd.DataFrame, municipality_names: Mapping[str, str], lang: str = "fi", with_distance: bool = False) -> pd.DataFrame:
    """The nature page's result list: name, distance (when "near" is on), category, where, who."""
    table = pd.DataFrame(
        {
            t("name", lang): _text(found["name"]),
            t("distance_km", lang): _text(found["distance_text"]) if "distance_text" in found else "",
            t("category", lang): _labels(found["category"], "category", lang),
            t("municipality", lang): found["municipality"].map(lambda c: municipality_names.get(c, "") if not formatting.is_missing(c) else ""),
            t("approximate_short", lang): found["approximate"].map(lambda v: "≈" if _true(v) else ""),
            t("website", lang): found["website"].map(formatting.format_link),
            t("provider", lang): _text(found["provider"]),
        }
    ).reset_index(drop=True)
    return table if with_distance else table.drop(columns=t("distance_km", lang))


def white_spot_table(spots: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    """The Leader page's white spots: the municipality, and "partly" where only part of it is the group's."""
    name = f"name_{lang}" if f"name_{lang}" in spots else "name_fi"
    partial = spots["partial"] if "partial" in spots else pd.Series(False, index=spots.index)
    return pd.DataFrame(
        {
            t("municipality", lang): _text(spots[name]),
            field_label("partial", lang): partial.map(lambda v: t("partial", lang) if _true(v) else ""),
        }
    ).reset_index(drop=True)


def narrow_columns(kind: str, lang: str = "fi") -> list[str]:
    """The headers a phone must see of table ``kind`` (``projects`` or ``services``): a page
    gives these a readable width and the rest ``small``."""
    keys = NARROW_COLUMNS[kind]
    return [t(key, lang) for key in keys]


NARROW_COLUMNS = {"projects": ("name", "money"), "services": ("name", "distance_km", "category")}
