"""Precomputed integer arrays that make a filter change cheap at national scale.

With 100 000 projects the allocation has over a million (project, area) rows; grouping
strings there on every filter change takes seconds. The index turns every categorical column
and every area into integers once, so that a filter becomes a boolean mask over projects and
an area table a handful of ``numpy.bincount`` calls. Each (project, municipality) pair occurs
once in the allocation, so counting rows counts distinct projects; for regions and large
areas a precomputed "first row of this project in this area" flag does the same.

Allocation rows sit at the project's own level (``area_level``): a map level shows the money
placed at that level or finer (``area_totals``), and ``precision_shares`` says how much of the
filtered money sits only at coarser levels — national or unknown money is never spread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.core.vocab import LARGE_AREAS, LIST_SEPARATOR, PROJECT_LOCATION_PRECISIONS, THEMES
from dashboard.query.filters import PROJECT_SEARCH_COLUMNS, search_haystack
from dashboard.query.rankings import organisations

LEVELS = PROJECT_LOCATION_PRECISIONS  # municipality, region, large_area, national, unknown
MAP_LEVELS = ("municipality", "region", "large_area")
SHARE_KEYS = ("on_map", "region_only", "large_area_only", "national", "unknown")
"""The parts of the filtered money at a map level: shown on that map, or only at a coarser level."""

MEASURES: dict[str, str] = {
    "mix": "money_eur",
    "budget": "budget_total_eur",
    "public": "public_funding_eur",
    "granted": "eu_state_granted_eur",
    "paid": "eu_state_paid_eur",
    "public_paid": "public_paid_eur",
}
"""Money measures (the funding page's ``measure``) → the project column each sums.

``mix`` is the fallback mix of ``money_eur`` (total budget where known, else public funding):
the default, and labelled as a mix wherever it is shown. The others are one column each, so a
sum of them means one thing; a project without that amount is not covered by the sum."""
DEFAULT_MEASURE = "mix"


def present_measures(projects: pd.DataFrame) -> tuple[str, ...]:
    """The measures the data has (the mix first, then each column with at least one amount)."""
    present = [name for name, column in MEASURES.items() if name != DEFAULT_MEASURE and column in projects and projects[column].notna().any()]
    return (DEFAULT_MEASURE, *present)


def _codes(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    categorical = pd.Categorical(series.fillna("").astype(str))
    return categorical.codes.astype(np.int32), categorical.categories


def funder_positions(projects: pd.DataFrame, ids: pd.Index) -> dict[str, np.ndarray]:
    """Merged funder name → positions of the projects naming it.

    The funder filter offers the names the rankings show (authorities' official names
    shortened, spellings merged, a cell naming two funders split), so choosing one finds
    every project of that funder, whichever way its row spells it."""
    pairs = organisations(projects, "funder")
    if pairs.empty:
        return {}
    positions = ids.get_indexer(pairs["project_id"])
    return {name: np.unique(group) for name, group in pd.Series(positions).groupby(pairs["name"].to_numpy())}


@dataclass
class ProjectIndex:
    ids: pd.Index
    columns: dict[str, tuple[np.ndarray, pd.Index]]  # fund, funder, period_canonical, status
    themes: np.ndarray  # (projects, themes) bool
    start: np.ndarray  # datetime64[D], NaT where unknown
    end: np.ndarray
    haystack: pd.Series  # lower-case name + implementer + summary, for text search
    alloc_project: np.ndarray  # int32, row → project position
    alloc_municipality: np.ndarray  # int32, row → municipality position, -1 = area unknown
    alloc_cents: np.ndarray  # float64 cents (0 where unknown)
    alloc_known: np.ndarray  # bool, the project's amount is known
    alloc_first_in_region: np.ndarray  # bool
    municipality_codes: np.ndarray
    municipality_region: np.ndarray  # municipality position → region position
    region_codes: np.ndarray
    group_members: dict[str, np.ndarray]  # Leader group → municipality positions
    alloc_level: np.ndarray  # int8, row → position in LEVELS
    alloc_region: np.ndarray  # int32, row → region position, -1 = coarser or unknown
    alloc_large_area: np.ndarray  # int32, row → large-area position, -1 = national or unknown
    alloc_first_in_large_area: np.ndarray  # bool
    large_area_codes: np.ndarray
    project_cents: np.ndarray | None = None  # float64 cents of each project's money (0 where unknown)
    project_known: np.ndarray | None = None  # bool, the project's amount is known
    money: dict[str, np.ndarray] = field(default_factory=dict)  # measure → euros per project (NaN = unknown)
    funder_projects: dict[str, np.ndarray] = field(default_factory=dict)  # merged funder name → project positions
    _by_measure: dict[str, tuple] = field(default_factory=dict, init=False, repr=False, compare=False)  # built once per measure

    @classmethod
    def build(
        cls,
        projects: pd.DataFrame,
        allocation: pd.DataFrame,
        leader_groups: pd.DataFrame,
        municipality_region: pd.DataFrame,
    ) -> "ProjectIndex":
        ids = pd.Index(projects["id"].to_numpy())
        columns = {name: _codes(projects[name]) for name in ("fund", "funder", "period_canonical", "status")}
        themes = np.zeros((len(projects), len(THEMES)), dtype=bool)
        theme_cells = projects["themes"].fillna("").to_numpy()
        theme_positions = {theme: i for i, theme in enumerate(THEMES)}
        for row, cell in enumerate(theme_cells):
            if cell:
                for theme in cell.split(LIST_SEPARATOR):
                    position = theme_positions.get(theme)
                    if position is not None:
                        themes[row, position] = True
        haystack = search_haystack(projects, PROJECT_SEARCH_COLUMNS)
        mapping = municipality_region.sort_values("code")
        municipality_codes = mapping["code"].to_numpy()
        region_codes = np.array(sorted(mapping["region_code"].unique()))
        region_position = {code: i for i, code in enumerate(region_codes)}
        municipality_to_region = np.array([region_position[r] for r in mapping["region_code"]], dtype=np.int32)
        municipality_position = pd.Index(municipality_codes)
        alloc_project = ids.get_indexer(allocation["project_id"]).astype(np.int32)
        alloc_municipality = municipality_position.get_indexer(allocation["municipality"]).astype(np.int32)
        cents = allocation["share_cents"]
        alloc_known = cents.notna().to_numpy()
        alloc_cents = cents.fillna(0).to_numpy(dtype=np.float64)
        region_of_row = np.where(alloc_municipality >= 0, municipality_to_region[np.maximum(alloc_municipality, 0)], -1)
        if "region" in allocation:  # region-level rows carry their region without a municipality
            stated_region = pd.Index(region_codes).get_indexer(allocation["region"].fillna("").astype(str)).astype(np.int32)
            region_of_row = np.where(region_of_row >= 0, region_of_row, stated_region).astype(np.int32)
        first = _first_rows(alloc_project, region_of_row, len(region_codes))
        large_area_codes = np.array(list(LARGE_AREAS))
        if "large_area" in allocation:
            large_of_row = pd.Index(large_area_codes).get_indexer(allocation["large_area"].fillna("").astype(str)).astype(np.int32)
        else:
            large_of_row = np.full(len(allocation), -1, dtype=np.int32)
        first_large = _first_rows(alloc_project, large_of_row, len(large_area_codes))
        if "area_level" in allocation:
            level = pd.Index(LEVELS).get_indexer(allocation["area_level"].astype(str)).astype(np.int8)
        else:  # an allocation of the old shape: municipal rows, or area unknown
            level = np.where(alloc_municipality >= 0, 0, LEVELS.index("unknown")).astype(np.int8)
        members = {
            group: municipality_position.get_indexer(codes)
            for group, codes in leader_groups.groupby("leader_group")["municipality"]
        }
        index = cls(
            ids,
            columns,
            themes,
            projects["start_date"].to_numpy(dtype="datetime64[D]"),
            projects["end_date"].to_numpy(dtype="datetime64[D]"),
            haystack,
            alloc_project,
            alloc_municipality,
            alloc_cents,
            alloc_known,
            first,
            municipality_codes,
            municipality_to_region,
            region_codes,
            members,
            level,
            region_of_row,
            large_of_row,
            first_large,
            large_area_codes,
        )
        money = projects["money_eur"].to_numpy(dtype=np.float64, na_value=np.nan)
        index.project_known = ~np.isnan(money)
        index.project_cents = np.where(index.project_known, np.round(money * 100), 0.0)
        index.money = {
            name: projects[column].to_numpy(dtype=np.float64, na_value=np.nan)
            for name, column in MEASURES.items()
            if name != DEFAULT_MEASURE and column in projects
        }
        index.funder_projects = funder_positions(projects, ids)
        return index

    def _arrays(self, measure: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(row cents, row known, project cents, project known) of ``measure``, built once.

        The mix's row shares are the allocation's own. Any other measure is split over a
        project's rows exactly as the allocation splits the mix (whole cents, evenly, the
        remainder cents to the first rows, which are ordered by area code): the shares of the
        placement apply to every measure.
        """
        if measure == DEFAULT_MEASURE:
            return self.alloc_cents, self.alloc_known, self.project_cents, self.project_known
        cached = self._by_measure.get(measure)
        if cached is not None:
            return cached
        if measure not in MEASURES:
            raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
        values = self.money.get(measure)
        if values is None:
            values = np.full(len(self), np.nan)
        project_known = ~np.isnan(values)
        total = np.where(project_known, np.round(np.nan_to_num(values) * 100), 0).astype(np.int64)
        rows, rank = self._row_split()
        per_row = total[self.alloc_project]
        base = per_row // rows
        cents = (base + (rank < per_row - base * rows)).astype(np.float64)
        known = project_known[self.alloc_project]
        cached = (np.where(known, cents, 0.0), known, total.astype(np.float64), project_known)
        self._by_measure[measure] = cached
        return cached

    def _row_split(self) -> tuple[np.ndarray, np.ndarray]:
        """Each allocation row's number of rows in its project, and its rank among them."""
        cached = self._by_measure.get("_rows")
        if cached is None:
            order = np.argsort(self.alloc_project, kind="stable")
            ordered = self.alloc_project[order]
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order)) - np.searchsorted(ordered, ordered, side="left")
            count = np.bincount(self.alloc_project, minlength=len(self)).astype(np.int64)[self.alloc_project]
            cached = self._by_measure["_rows"] = (np.maximum(count, 1), rank)
        return cached[0], cached[1]

    def measure_total(self, mask: np.ndarray, measure: str = DEFAULT_MEASURE) -> tuple[float, int]:
        """The filtered projects' sum of ``measure`` and how many projects that sum covers
        (those with an amount of that measure)."""
        _, _, cents, known = self._arrays(measure)
        chosen = mask & known
        return float(np.round(cents[chosen].sum()) / 100), int(chosen.sum())

    def __len__(self) -> int:
        return len(self.ids)

    def _funders(self, names: tuple[str, ...]) -> np.ndarray:
        """Projects naming any of ``names``: a merged funder name (every spelling of it, and
        every project whose cell names it among others), or a cell exactly as the data has it."""
        keep = self._isin("funder", names)
        for name in names:
            positions = self.funder_projects.get(name)
            if positions is not None:
                keep[positions] = True
        return keep

    def _isin(self, name: str, values: tuple[str, ...]) -> np.ndarray:
        codes, categories = self.columns[name]
        wanted = np.flatnonzero(categories.isin(values))
        return np.isin(codes, wanted)

    def mask(self, filters) -> np.ndarray:
        """Projects passing ``filters`` (a :class:`~dashboard.filters.ProjectFilters`)."""
        keep = np.ones(len(self), dtype=bool)
        if filters.funds:
            keep &= self._isin("fund", filters.funds)
        if filters.funders:
            keep &= self._funders(filters.funders)
        if filters.periods:
            keep &= self._isin("period_canonical", filters.periods)
        if filters.statuses:
            keep &= self._isin("status", filters.statuses)
        if filters.themes:
            positions = [THEMES.index(t) for t in filters.themes if t in THEMES]
            keep &= self.themes[:, positions].any(axis=1) if positions else False
        if filters.years:
            first = np.datetime64(dt.date(filters.years[0], 1, 1), "D")
            last = np.datetime64(dt.date(filters.years[1], 12, 31), "D")
            with np.errstate(invalid="ignore"):
                keep &= ~np.isnat(self.start) & ~np.isnat(self.end) & (self.start <= last) & (self.end >= first)
        if filters.text:
            keep &= self.haystack.str.contains(filters.text.casefold(), regex=False).to_numpy()
        if filters.regions or filters.municipalities or filters.leader_groups:
            keep &= self._area_mask(filters)
        return keep

    def _area_mask(self, filters) -> np.ndarray:
        """Projects placed in the chosen areas: a region matches its municipal and region-level rows;
        a municipality or Leader group only municipal rows (a region-level project is not known
        to be in a given municipality)."""
        if filters.regions and not (filters.municipalities or filters.leader_groups):
            wanted = np.flatnonzero(np.isin(self.region_codes, filters.regions))
            rows = (self.alloc_region >= 0) & np.isin(self.alloc_region, wanted)
            return np.bincount(self.alloc_project[rows], minlength=len(self)) > 0
        selected = np.ones(len(self.municipality_codes), dtype=bool)
        if filters.regions:
            selected &= np.isin(self.municipality_region, np.flatnonzero(np.isin(self.region_codes, filters.regions)))
        if filters.municipalities:
            selected &= np.isin(self.municipality_codes, filters.municipalities)
        if filters.leader_groups:
            in_group = np.zeros(len(self.municipality_codes), dtype=bool)
            for group in filters.leader_groups:
                positions = self.group_members.get(group)
                if positions is not None:
                    in_group[positions[positions >= 0]] = True
            selected &= in_group
        rows = (self.alloc_municipality >= 0) & selected[np.maximum(self.alloc_municipality, 0)]
        return np.bincount(self.alloc_project[rows], minlength=len(self)) > 0

    def area_totals(self, mask: np.ndarray, level: str = "municipality", measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """Projects, euros and unknown-amount projects per area for the projects in ``mask``.

        ``level`` is a map level: ``municipality``, ``region`` or ``large_area``. Each level
        holds the money placed at that level or finer (a region's figure includes its
        municipalities' shares and its region-level projects, never coarser money).
        """
        if level == "region":
            area, codes, first = self.alloc_region, self.region_codes, self.alloc_first_in_region
        elif level == "large_area":
            area, codes, first = self.alloc_large_area, self.large_area_codes, self.alloc_first_in_large_area
        elif level == "municipality":
            area, codes, first = self.alloc_municipality, self.municipality_codes, None
        else:
            raise ValueError(f"level must be one of {', '.join(MAP_LEVELS)}, not {level!r}")
        finest = MAP_LEVELS.index(level)
        row_cents, row_known, _, _ = self._arrays(measure)
        money_rows = mask[self.alloc_project] & (area >= 0) & (self.alloc_level <= finest)
        count_rows = money_rows if first is None else money_rows & first  # a project counts once per area
        position = np.maximum(area, 0)
        size = len(codes)
        projects = np.bincount(position[count_rows], minlength=size)
        cents = np.bincount(position[money_rows], weights=row_cents[money_rows], minlength=size)
        unknown = np.bincount(position[count_rows & ~row_known], minlength=size)
        return pd.DataFrame({"projects": projects, "eur": np.round(cents) / 100, "amount_unknown_projects": unknown}, index=pd.Index(codes, name="code"))

    def level_totals(self, mask: np.ndarray, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """Euros and projects of the filtered money per placement level (finest first).

        Index: ``LEVELS``; columns ``eur``, ``projects`` and ``amount_unknown_projects``. A project
        has rows at one level only, so the levels add up to the filtered total.
        """
        row_cents, row_known, _, _ = self._arrays(measure)
        rows = mask[self.alloc_project]
        cents = np.bincount(self.alloc_level[rows], weights=row_cents[rows], minlength=len(LEVELS))
        project_level = np.full(len(self), -1, dtype=np.int16)
        project_level[self.alloc_project] = self.alloc_level
        chosen = project_level[mask & (project_level >= 0)]
        projects = np.bincount(chosen, minlength=len(LEVELS))
        known = np.zeros(len(self), dtype=bool)
        known[self.alloc_project[row_known]] = True
        unknown = np.bincount(project_level[mask & (project_level >= 0) & ~known], minlength=len(LEVELS))
        return pd.DataFrame({"eur": np.round(cents) / 100, "projects": projects, "amount_unknown_projects": unknown}, index=pd.Index(LEVELS, name="level"))

    def precision_shares(self, mask: np.ndarray, level: str = "municipality", measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """For a map level, how much of the filtered money that map shows and where the rest sits.

        Rows ``SHARE_KEYS`` — ``on_map`` (placed at this level or finer), ``region_only``,
        ``large_area_only``, ``national``, ``unknown`` — with ``eur``, ``projects`` and ``share``
        (of the filtered euros; 0 when there are none). Parts finer than the map are in
        ``on_map``, so on the region map ``region_only`` is 0.
        """
        if level not in MAP_LEVELS:
            raise ValueError(f"level must be one of {', '.join(MAP_LEVELS)}, not {level!r}")
        totals = self.level_totals(mask, measure)
        finest = MAP_LEVELS.index(level)
        on_map = totals.iloc[: finest + 1].sum()
        parts = {"on_map": on_map}
        parts["region_only"] = totals.loc["region"] * (finest < 1)
        parts["large_area_only"] = totals.loc["large_area"] * (finest < 2)
        parts["national"] = totals.loc["national"]
        parts["unknown"] = totals.loc["unknown"]
        frame = pd.DataFrame(parts).T.loc[list(SHARE_KEYS)]
        total = float(totals["eur"].sum())
        frame["share"] = frame["eur"] / total if total else 0.0
        frame["projects"] = frame["projects"].astype(int)
        frame["amount_unknown_projects"] = frame["amount_unknown_projects"].astype(int)
        return frame

    def unknown_area_projects(self, mask: np.ndarray) -> int:
        """Projects whose area nothing states (level ``unknown``)."""
        rows = mask[self.alloc_project] & (self.alloc_level == LEVELS.index("unknown"))
        return int(np.unique(self.alloc_project[rows]).size)

    # --- breakdowns for the charts and the Leader page: the same mask, no pandas groupby ---

    def _sums(self, mask: np.ndarray, codes: np.ndarray, size: int, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """Projects, euros and unknown-amount projects per code (``codes`` = one per project)."""
        _, _, project_cents, project_known = self._arrays(measure)
        keep = mask & (codes >= 0)
        group = codes[keep]
        return pd.DataFrame(
            {
                "projects": np.bincount(group, minlength=size),
                "eur": np.bincount(group, weights=project_cents[keep], minlength=size) / 100,
                "amount_unknown_projects": np.bincount(group, weights=~project_known[keep], minlength=size).astype(int),
            }
        )

    def breakdown(self, mask: np.ndarray, column: str, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """Projects and euros per value of ``fund``, ``funder``, ``period_canonical`` or ``status``.

        Values with no project in ``mask`` are left out; "" is the unknown value. Sorted by
        euros, then projects, largest first.
        """
        codes, categories = self.columns[column]
        table = self._sums(mask, codes, len(categories), measure)
        table.insert(0, column, categories.astype(str))
        table = table.loc[table["projects"] > 0]
        return table.sort_values(["eur", "projects", column], ascending=[False, False, True]).reset_index(drop=True)

    def theme_breakdown(self, mask: np.ndarray, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """Projects and euros per theme; a project counts in each of its themes (rows overlap)."""
        _, _, project_cents, project_known = self._arrays(measure)
        chosen = self.themes[mask]
        cents = project_cents[mask]
        unknown = ~project_known[mask]
        table = pd.DataFrame(
            {
                "themes": list(THEMES),
                "projects": chosen.sum(axis=0),
                "eur": (chosen * cents[:, None]).sum(axis=0) / 100,
                "amount_unknown_projects": (chosen & unknown[:, None]).sum(axis=0),
            }
        )
        table = table.loc[table["projects"] > 0]
        return table.sort_values(["eur", "projects", "themes"], ascending=[False, False, True]).reset_index(drop=True)

    def period_fund(self, mask: np.ndarray, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """Projects and euros per canonical period × fund (for the stacked chart)."""
        periods, period_names = self.columns["period_canonical"]
        funds, fund_names = self.columns["fund"]
        combined = periods.astype(np.int64) * len(fund_names) + funds
        table = self._sums(mask, combined, len(period_names) * len(fund_names), measure)
        table.insert(0, "fund", np.tile(fund_names.astype(str), len(period_names)))
        table.insert(0, "period_canonical", np.repeat(period_names.astype(str), len(fund_names)))
        return table.loc[table["projects"] > 0, ["period_canonical", "fund", "projects", "eur"]].reset_index(drop=True)

    def active_per_year(self, mask: np.ndarray) -> pd.DataFrame:
        """Projects active in each calendar year (start and end known); empty when none is dated."""
        dated = mask & ~np.isnat(self.start) & ~np.isnat(self.end)
        if not dated.any():
            return pd.DataFrame({"year": pd.Series(dtype=int), "projects": pd.Series(dtype=int)})
        first = self.start[dated].astype("datetime64[Y]").astype(int) + 1970
        last = self.end[dated].astype("datetime64[Y]").astype(int) + 1970
        years = np.arange(first.min(), last.max() + 1)
        starts = np.bincount(first - years[0], minlength=len(years))
        ends = np.bincount(last - years[0], minlength=len(years))
        active = np.cumsum(starts) - np.concatenate([[0], np.cumsum(ends)[:-1]])
        return pd.DataFrame({"year": years, "projects": active})

    def group_totals(self, mask: np.ndarray, measure: str = DEFAULT_MEASURE) -> pd.DataFrame:
        """Per Leader group: projects touching its municipalities, their euros there, municipalities."""
        row_cents, row_known, _, _ = self._arrays(measure)
        rows = mask[self.alloc_project] & (self.alloc_municipality >= 0)
        project, municipality = self.alloc_project[rows], self.alloc_municipality[rows]
        cents, known = row_cents[rows], row_known[rows]
        records = []
        for group in sorted(self.group_members):
            positions = self.group_members[group]
            positions = positions[positions >= 0]
            member = np.zeros(len(self.municipality_codes), dtype=bool)
            member[positions] = True
            inside = member[municipality]
            touching = np.unique(project[inside])
            unknown = np.unique(project[inside & ~known])
            records.append(
                {
                    "leader_group": group,
                    "projects": int(touching.size),
                    "eur": float(np.round(cents[inside].sum()) / 100),
                    "amount_unknown_projects": int(unknown.size),
                    "municipalities": int(np.unique(positions).size),
                }
            )
        return pd.DataFrame(records)

    def theme_by_municipality(self, mask: np.ndarray, codes) -> pd.DataFrame:
        """Theme × municipality project counts over the given municipalities (themes with none left out)."""
        wanted = np.isin(self.municipality_codes, list(codes))
        rows = mask[self.alloc_project] & (self.alloc_municipality >= 0)
        rows &= wanted[np.maximum(self.alloc_municipality, 0)]
        project, municipality = self.alloc_project[rows], self.alloc_municipality[rows]
        columns = np.flatnonzero(wanted)
        counts = np.zeros((len(THEMES), len(columns)), dtype=int)
        column_of = np.full(len(self.municipality_codes), -1)
        column_of[columns] = np.arange(len(columns))
        for theme in range(len(THEMES)):
            has = self.themes[project, theme]
            counts[theme] = np.bincount(column_of[municipality[has]], minlength=len(columns))
        table = pd.DataFrame(counts, index=pd.Index(list(THEMES), name="theme"), columns=self.municipality_codes[columns])
        table = table.loc[table.sum(axis=1) > 0]
        return table.loc[:, table.sum(axis=0) > 0]

    def coarser_area_projects(self, mask: np.ndarray, level: str = "municipality") -> int:
        """Projects the given map level cannot show (placed only at a coarser level, or unknown)."""
        finest = MAP_LEVELS.index(level)
        rows = mask[self.alloc_project] & (self.alloc_level > finest)
        return int(np.unique(self.alloc_project[rows]).size)


def _first_rows(project: np.ndarray, area: np.ndarray, areas: int) -> np.ndarray:
    """True on the first row of each (project, area) pair with a known area."""
    key = project.astype(np.int64) * (areas + 1) + (area.astype(np.int64) + 1)
    first = np.zeros(len(key), dtype=bool)
    _, positions = np.unique(key, return_index=True)
    first[positions] = True
    return first & (area >= 0)


def build_indexes(projects: pd.DataFrame, leader_groups: pd.DataFrame, municipality_region: pd.DataFrame) -> dict[str, tuple[pd.DataFrame, "ProjectIndex"]]:
    """Both placements of the projects, each with its index: ``area`` (where the project works)
    and ``seat`` (where the implementer is, ``implementer_municipality``)."""
    from dashboard.geo.placement import allocate_projects

    result = {}
    for place in ("area", "seat"):
        allocation = allocate_projects(projects, municipality_region, place=place)
        result[place] = (allocation, ProjectIndex.build(projects, allocation, leader_groups, municipality_region))
    return result
