"""Rankings beside the map: areas by a chosen metric, top implementers and top funders.

Pure functions over the frames the app already has (the area table of
``areas.area_frame`` of ``ProjectIndex.area_totals``, the filtered projects), returning
tidy frames with a ``rank`` column, so a page can show them as a table or a chart and a test
can compare them with known figures.

Names are merged before counting: ``clean_funder`` shortens the authorities' official names
(``… elinkeino-, liikenne- ja ympäristökeskus`` → ``… ELY-keskus``), a cell naming several
organisations (``Pirkan Helmi; Kantri``) counts for each, and spellings that differ only in
case, spacing, punctuation, a legal-form suffix (``ry``, ``Oy``, ``sr``) or a trailing
parenthesis (``Keski-Suomen liitto (maakuntahallitus)``) are one organisation, shown by its
most common spelling.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from dashboard.core.authorities import clean_funder

AREA_METRICS = ("eur", "eur_per_resident", "projects", "share")
"""``share``: the area's share of the euros of all areas in the table (a fraction)."""

_LEGAL_FORMS = r"(?:ry|r y|rf|oy|oyj|ab|abp|sr|ky|osk|kommandiittiyhtiö)"
_SEPARATORS = re.compile(r"\s*[;|]\s*")


def name_key(name: str) -> str:
    """The key under which spellings of one organisation meet (casefolded, no punctuation,
    legal form or trailing parenthesis; ``maakuntaliitto`` = ``liitto``)."""
    text = str(name or "").casefold()
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    text = re.sub(r"[\"'’´`.,:]", " ", text)
    text = re.sub(r"\s*[-–—]\s*", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(rf"(?:\s{_LEGAL_FORMS})+$", "", text)
    text = re.sub(r"\bmaakuntaliitto\b", "liitto", text)
    text = text.replace("leader-yhdistys", "leader yhdistys").replace("-leader", " leader")
    return text.strip()


def _split_names(cell: object, clean) -> list[str]:
    text = "" if cell is None or (isinstance(cell, float) and np.isnan(cell)) else str(cell)
    return [name for name in (clean(part) for part in _parts(text)) if name]


def _parts(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text) if part.strip()]


def _clean_name(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip(" ,;")


def organisations(projects: pd.DataFrame, column: str, money: pd.Series | None = None) -> pd.DataFrame:
    """One row per (project, organisation) with the merge key and the display name.

    ``money``: euros per project id to rank by (e.g. the area's share); default
    ``projects["money_eur"]``. NaN = amount unknown.
    """
    clean = clean_funder if column == "funder" else _clean_name
    amounts = projects["money_eur"] if money is None else projects["id"].map(money)
    # Names are cleaned and keyed once per distinct cell (a national list has 100 000 projects
    # but a few hundred funder cells): the regular expressions then run per cell, not per row.
    cells = ["" if cell is None or (isinstance(cell, float) and np.isnan(cell)) else str(cell) for cell in projects[column].tolist()]
    codes, uniques = pd.factorize(pd.Series(cells, dtype=object))
    names_of = [list(dict.fromkeys(_split_names(cell, clean))) for cell in uniques]
    counts_of = np.array([len(names) for names in names_of], dtype=np.int64)
    per_row = counts_of[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(len(codes)), per_row)
    flat = [name for code in codes for name in names_of[code]]
    frame = pd.DataFrame(
        {
            "project_id": projects["id"].to_numpy()[rows],
            "spelling": pd.Series(flat, dtype=object),
            "eur": amounts.to_numpy(dtype=float, na_value=np.nan)[rows],
        },
        columns=["project_id", "spelling", "eur"],
    )
    keys = {spelling: name_key(spelling) for spelling in dict.fromkeys(flat)}
    frame["key"] = frame["spelling"].map(keys)
    frame = frame.drop_duplicates(["project_id", "key"])
    counts = frame.groupby(["key", "spelling"]).size().rename("n").reset_index()
    counts["length"] = counts["spelling"].str.len()
    display = counts.sort_values(["key", "n", "length", "spelling"], ascending=[True, False, True, True]).drop_duplicates("key")
    frame["name"] = frame["key"].map(display.set_index("key")["spelling"])
    return frame


def merged_names(projects: pd.DataFrame, column: str) -> list[str]:
    """The distinct organisations of ``column`` as the rankings name them (merged spellings,
    cells naming several split), sorted for a person: what a filter should offer."""
    return sorted(set(organisations(projects, column)["name"].dropna()), key=lambda n: (n.casefold(), n))


def top_organisations(projects: pd.DataFrame, column: str, limit: int | None = 10, money: pd.Series | None = None, by: str = "eur") -> pd.DataFrame:
    """Organisations of ``column`` (``implementer`` or ``funder``) ranked by euros (``by="eur"``)
    or project count (``by="projects"``).

    Columns: ``rank``, ``name``, ``projects``, ``eur`` (known amounts), ``amount_unknown_projects``,
    ``share`` (of the euros of all named organisations; a project naming two counts for both),
    ``spellings`` (how many spellings were merged). ``attrs["unnamed_projects"]`` counts the
    projects with the column empty — show it beside the ranking, not in it.
    """
    pairs = organisations(projects, column, money)
    named = set(pairs["project_id"].tolist())  # a set of str: Arrow strings' isin is far slower
    unnamed = sum(1 for project in projects["id"].tolist() if project not in named)
    if pairs.empty:
        empty = pd.DataFrame(columns=["rank", "name", "projects", "eur", "amount_unknown_projects", "share", "spellings"])
        empty.attrs["unnamed_projects"] = unnamed
        return empty
    grouped = pairs.groupby("name", sort=False)
    table = pd.DataFrame(
        {
            "projects": grouped["project_id"].nunique(),
            "eur": grouped["eur"].sum(min_count=0).fillna(0.0).astype(float),
            "amount_unknown_projects": (grouped.size() - grouped["eur"].count()).astype(int),  # rows without an amount, at once
            "spellings": grouped["spelling"].nunique(),
        }
    ).reset_index()
    total = table["eur"].sum()
    table["share"] = table["eur"] / total if total > 0 else np.nan
    second = "projects" if by == "eur" else "eur"
    table = table.sort_values([by, second, "name"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
    table.insert(0, "rank", table[by].rank(method="min", ascending=False).astype(int))
    table = table[["rank", "name", "projects", "eur", "amount_unknown_projects", "share", "spellings"]]
    if limit is not None:
        table = table.head(limit)
    table.attrs["unnamed_projects"] = unnamed
    return table


def top_implementers(projects: pd.DataFrame, limit: int | None = 10, money: pd.Series | None = None, by: str = "eur") -> pd.DataFrame:
    """The implementers of the filtered projects, see :func:`top_organisations`."""
    return top_organisations(projects, "implementer", limit, money, by)


def top_funders(projects: pd.DataFrame, limit: int | None = 10, money: pd.Series | None = None, by: str = "eur") -> pd.DataFrame:
    """The funders of the filtered projects with clean, merged names, see :func:`top_organisations`."""
    return top_organisations(projects, "funder", limit, money, by)


def rank_areas(table: pd.DataFrame, metric: str = "eur", limit: int | None = None, ascending: bool = False) -> pd.DataFrame:
    """Areas (rows of an area table: ``code``, ``name_*``, ``projects``, ``eur``, ``population``,
    ``eur_per_resident``…) sorted by ``metric`` (one of :data:`AREA_METRICS`).

    Adds ``share`` (of all areas' euros) and ``rank`` (1 = highest; ties share a rank). Areas
    where the metric is unknown (per resident without population) come last with no rank;
    areas without projects stay in (rank by zero), so "which got nothing" can be read off.
    """
    if metric not in AREA_METRICS:
        raise ValueError(f"metric must be one of {', '.join(AREA_METRICS)}")
    frame = table.copy()
    total = float(frame["eur"].sum())
    frame["share"] = frame["eur"] / total if total > 0 else np.nan
    values = frame[metric].astype(float)
    name = frame["name_fi"] if "name_fi" in frame else frame["code"]
    order = pd.DataFrame({"missing": values.isna().to_numpy(), "value": values.fillna(0).to_numpy() * (1 if ascending else -1), "name": name.astype(str).str.casefold().to_numpy()})
    positions = order.sort_values(["missing", "value", "name"], kind="stable").index.to_numpy()
    frame = frame.iloc[positions].reset_index(drop=True)
    ranks = frame[metric].astype(float).rank(method="min", ascending=ascending)
    frame.insert(0, "rank", pd.array(ranks.round().astype("Int64")))
    if limit is not None:
        frame = frame.head(limit)
    return frame


def area_money(allocation: pd.DataFrame, regions=(), municipalities=()) -> pd.Series | None:
    """Euros per project id that lie in the chosen areas (the allocation's shares), to rank
    organisations "in Pohjois-Karjala" by the money placed there rather than by whole projects
    that also touch other regions. ``None`` without an area choice (rank by the whole amount).

    Municipalities win over regions (as in the engine's filter); a project whose shares there
    are all unknown maps to NaN (amount unknown)."""
    if municipalities:
        rows = allocation.loc[allocation["municipality"].isin(list(municipalities))]
    elif regions:
        rows = allocation.loc[allocation["region"].isin(list(regions))]
    else:
        return None
    return rows.groupby("project_id")["share_eur"].sum(min_count=1).astype(float)
