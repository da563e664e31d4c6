"""Load the canonical record files into accepted rows and rejected rows with reasons.

Nothing is lost: every data row of a file ends up either in ``accepted`` or in
``rejected`` (with the reasons a person can act on), so ``accepted + rejected == read``.
Problems that do not make a row wrong (a point that falls in a neighbouring municipality,
a derived value) go to ``warnings``.

Cells are parsed by :mod:`parsing`, place names resolved by :mod:`names`, and the typed
frame checked by the pandera schemas in :mod:`schema`.
"""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import settings

from dashboard.core import parsing
from dashboard.core.names import AreaResolver
from dashboard.core.readers import DataFormatError, read_table
from dashboard.core.schema import LEADER_GROUP_SCHEMA, PROJECT_SCHEMA, SERVICE_SCHEMA, schema_failures
from dashboard.core.vocab import (
    CANONICAL_PERIODS,
    FUNDS,
    LEADER_GROUP_COLUMNS,
    AMOUNT_PRECISIONS,
    LARGE_AREAS,
    LOCATION_PRECISIONS,
    PROJECT_COLUMNS,
    PROJECT_LOCATION_PRECISIONS,
    PROJECT_STATUSES,
    SERVICE_CATEGORIES,
    SERVICE_COLUMNS,
    LIST_SEPARATOR,
    THEMES,
)

PROJECTS_FILE = "projects.csv"
SERVICES_FILE = "services.csv"
LEADER_GROUPS_FILE = "leader_groups.csv"
BUILT_DIR = "built"
BUILT_PROJECTS = "projects.csv.gz"
"""``python -m dashboard build-data`` writes the merged records here (see ``io/build_data``)."""


@dataclass
class LoadResult:
    """Accepted and rejected rows of one file; ``read == accepted + rejected`` always holds."""

    kind: str
    accepted: pd.DataFrame
    rejected: pd.DataFrame  # original text columns + ``row`` + ``reason``
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["row", "id", "message"]))
    notes: list[str] = field(default_factory=list)
    source_name: str = ""  # the file it was read from, as reports name it

    @property
    def read(self) -> int:
        return len(self.accepted) + len(self.rejected)

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "accepted": len(self.accepted), "rejected": len(self.rejected), "warnings": len(self.warnings)}


def _as_frame(source: Path | str | bytes | pd.DataFrame) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        for column in frame.columns:
            frame[column] = frame[column].map(lambda v: "" if parsing.is_empty(v) else str(v))
        frame.attrs.setdefault("overlong_rows", [])
        return frame.reset_index(drop=True)
    return read_table(source)


def _prepare(frame: pd.DataFrame, columns: tuple[str, ...], required: tuple[str, ...], kind: str) -> tuple[pd.DataFrame, list[str]]:
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    missing_required = [c for c in required if c not in frame.columns]
    if missing_required:
        raise DataFormatError(
            f"this does not look like a {kind} file: the columns {missing_required} are missing "
            f"(expected columns: {', '.join(columns)})"
        )
    notes = []
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        notes.append(f"columns not in the file, treated as empty: {', '.join(absent)}")
        for column in absent:
            frame[column] = ""
    extra = [c for c in frame.columns if c not in columns]
    if extra:
        notes.append(f"columns ignored: {', '.join(extra)}")
    for column in columns:
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    return frame, notes


class _Reasons:
    """Collects reasons per row index; several reasons for one row are all reported."""

    def __init__(self, index: pd.Index) -> None:
        self._reasons: dict[object, list[str]] = {}
        self._final: set[object] = set()
        self.index = index

    def add(self, index: object, message: str) -> None:
        if message and index not in self._final:
            self._reasons.setdefault(index, []).append(message)

    def final(self, index: object, message: str) -> None:
        """The one reason for this row (an empty row is just that, not 'id is empty' too)."""
        self._reasons[index] = [message]
        self._final.add(index)

    def add_series(self, messages: pd.Series) -> None:
        for index, message in messages[messages.astype(bool)].items():
            for part in str(message).split("; "):
                self.add(index, part)

    def mask(self) -> pd.Series:
        return pd.Series(self.index.isin(list(self._reasons)), index=self.index)

    def text(self) -> pd.Series:
        return pd.Series({i: "; ".join(dict.fromkeys(m)) for i, m in self._reasons.items()}, dtype=object)


def _vocab(series: pd.Series, vocabulary: tuple[str, ...], default: str) -> pd.Series:
    """Match vocabulary words case-insensitively; empty becomes ``default`` (unknown stays unknown)."""
    lookup = {v.casefold(): v for v in vocabulary}
    # A column holds a handful of distinct words: fold each once (pandas' casefold runs per cell).
    words = {word: (lookup.get(word.casefold(), word) if word != "" else default) for word in series.unique()}
    return series.map(words)


def _fix_urls(typed: pd.DataFrame, warnings: list[tuple[object, str]]) -> None:
    """``www.example.fi`` is an unambiguous address without its scheme: complete it, and say so."""
    for column in ("website", "source_url"):
        starts = typed[column].str.startswith("www.").fillna(False).astype(bool)  # cheap; the regex only where it may match
        bare = pd.Series(False, index=typed.index)
        if starts.any():
            bare[starts] = typed.loc[starts, column].str.match(r"^www\.\S+$", na=False).astype(bool)
        for index in typed.index[bare]:
            warnings.append((index, f"{column} '{typed.at[index, column]}' completed to http://{typed.at[index, column]}"))
        typed.loc[bare, column] = "http://" + typed.loc[bare, column]


def _blank_and_overlong(frame: pd.DataFrame, columns: tuple[str, ...], reasons: _Reasons) -> None:
    blank = frame[list(columns)].eq("").all(axis=1)
    for index in frame.index[blank]:
        reasons.final(index, "empty row")
    for position in frame.attrs.get("overlong_rows", []):
        reasons.add(frame.index[position], "the row has more fields than the header (an unquoted delimiter inside a value?)")


def _map_cells(series: pd.Series, convert, reasons: _Reasons, warnings: list[tuple[object, str]] | None = None) -> pd.Series:
    """Apply ``convert(cell) -> (value, problems, notes)`` once per distinct cell.

    Cells repeat a lot (the same municipality lists, the same themes), so the column is
    factorised, each distinct cell converted once and the values broadcast back by their
    codes; only the rows of cells with problems or notes are visited one by one (a Python
    loop over 100 000 rows costs more than all the conversions together).
    """
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    converted = [convert(cell) if cell else ("", [], []) for cell in uniques]
    values = np.array([c[0] for c in converted] + [""], dtype=object)  # the last one: NA cells (code -1)
    out = pd.Series(values[codes], index=series.index, dtype=object)
    flagged = [i for i, c in enumerate(converted) if c[1] or (warnings is not None and c[2])]
    if flagged:
        positions = np.flatnonzero(np.isin(codes, flagged))
        for position in positions:
            problems, notes = converted[codes[position]][1:]
            index = series.index[position]
            for problem in problems:
                reasons.add(index, problem)
            if warnings is not None:
                warnings.extend((index, note) for note in notes)
    return out


def _resolve_lists(series: pd.Series, resolve, kind: str, reasons: _Reasons, warnings: list[tuple[object, str]]) -> pd.Series:
    """Resolve ``;``-separated references into ``;``-separated official codes."""

    memo: dict[str, tuple[str | None, str | None, str | None]] = {}  # reference → (code, note, problem)

    def reference_outcome(reference: str) -> tuple[str | None, str | None, str | None]:
        result = resolve(reference)
        if not result.ok:
            return None, None, result.problem(kind)
        note = f"{kind} '{reference}' read as {result.name} ({result.code}) [{result.method}]" if result.method in ("fuzzy", "former") else None
        return result.code, note, None

    def convert(cell: str) -> tuple[str, list[str], list[str]]:
        codes, problems, notes = [], [], []
        if parsing.is_empty(cell):
            return "", problems, notes
        for part in cell.replace(",", ";").split(";"):  # = parsing.split_list(cell, ";,"), without a regex per cell
            reference = part.strip()
            if not reference:
                continue
            outcome = memo.get(reference)
            if outcome is None:
                outcome = memo[reference] = reference_outcome(reference)
            code, note, problem = outcome
            if code is not None:
                codes.append(code)
                if note:
                    notes.append(note)
            else:
                problems.append(problem)
        return LIST_SEPARATOR.join(dict.fromkeys(codes)), problems, notes

    return _map_cells(series, convert, reasons, warnings)


def _resolve_themes(series: pd.Series, reasons: _Reasons) -> pd.Series:
    lookup = {t.casefold(): t for t in THEMES}

    def convert(cell: str) -> tuple[str, list[str], list[str]]:
        found, problems = [], []
        for theme in parsing.split_list(cell, ";,"):
            canonical = lookup.get(theme.casefold())
            if canonical is None:
                problems.append(f"unknown theme '{theme}' (themes: {', '.join(THEMES)})")
            else:
                found.append(canonical)
        return parsing.join_list(dict.fromkeys(found)), problems, []

    return _map_cells(series, convert, reasons)


def _finish(kind: str, original: pd.DataFrame, typed: pd.DataFrame, reasons: _Reasons, warnings: list[tuple[object, str]], notes: list[str], id_column: str | None) -> LoadResult:
    rejected_mask = reasons.mask()
    rows = pd.Series(original.index + 2, index=original.index)  # header is row 1
    rejected = original.loc[rejected_mask].copy()
    rejected.insert(0, "row", rows[rejected_mask])
    rejected["reason"] = reasons.text().reindex(rejected.index)
    accepted = typed.loc[~rejected_mask].reset_index(drop=True)
    warning_frame = pd.DataFrame(
        [
            {"row": int(rows[i]), "id": (original.at[i, id_column] if id_column else ""), "message": m}
            for i, m in warnings
            if not rejected_mask.get(i, False)
        ],
        columns=["row", "id", "message"],
    )
    return LoadResult(kind, accepted, rejected.reset_index(drop=True), warning_frame, notes)


def _begin(source, columns: tuple[str, ...], required: tuple[str, ...], kind: str):
    """What every loader starts with: the text frame, notes, and empty/overlong rows rejected."""
    original, notes = _prepare(_as_frame(source), columns, required, kind)
    original = original[list(columns)]
    reasons = _Reasons(original.index)
    _blank_and_overlong(original, columns, reasons)
    return original, notes, reasons, []


# --- projects ------------------------------------------------------------------------


def load_projects(source: Path | str | bytes | pd.DataFrame, resolver: AreaResolver, today: dt.date | None = None) -> LoadResult:
    """Read and validate project records (see ``data/README.md`` for the columns)."""
    original, notes, reasons, warnings = _begin(source, PROJECT_COLUMNS, ("id", "name"), "projects")

    typed = original.copy()
    for column in ("start_date", "end_date"):
        typed[column], errors = parsing.parse_date_series(original[column], column)
        reasons.add_series(errors)
    for column in MONEY_COLUMNS:
        typed[column], errors = parsing.parse_amount_series(original[column], column)
        reasons.add_series(errors)
    typed["leader"], errors = parsing.parse_bool_series(original["leader"], "leader")
    reasons.add_series(errors)

    typed["fund"] = _vocab(original["fund"], FUNDS, "unknown")
    typed["status"] = _vocab(original["status"], PROJECT_STATUSES, "unknown")
    typed["period_canonical"] = _vocab(original["period_canonical"], CANONICAL_PERIODS, "")
    derived = typed["period_canonical"] == ""
    if derived.any():
        typed.loc[derived, "period_canonical"] = [
            parsing.canonical_period(period, None if pd.isna(start) else start.date(), fund)
            for period, start, fund in zip(typed.loc[derived, "period"], typed.loc[derived, "start_date"], typed.loc[derived, "fund"])
        ]

    typed["themes"] = _resolve_themes(original["themes"], reasons)

    typed["municipalities"] = _resolve_lists(original["municipalities"], resolver.resolve_municipality, "municipality", reasons, warnings)
    typed["regions"] = _resolve_lists(original["regions"], resolver.resolve_region, "region", reasons, warnings)
    # A project placed by municipality also lies in their regions; fill them in when not stated.
    fill = (typed["regions"] == "") & (typed["municipalities"] != "")
    if fill.any():
        cells = typed.loc[fill, "municipalities"]
        of_cell = {cell: parsing.join_list(sorted({r for c in cell.split(";") if (r := resolver.region_of(c))})) for cell in cells.unique()}
        typed.loc[fill, "regions"] = cells.map(of_cell)

    typed["implementer_municipality"] = _resolve_lists(
        original["implementer_municipality"], resolver.resolve_municipality, "implementer municipality", reasons, warnings
    )
    for index in original.index[typed["implementer_municipality"].str.contains(";", regex=False)]:
        reasons.add(index, "implementer_municipality is one municipality (the seat)")
    _location(original, typed, reasons)
    typed["amount_precision"] = _vocab(original["amount_precision"], AMOUNT_PRECISIONS, "")

    _fix_urls(typed, warnings)
    failures = schema_failures(PROJECT_SCHEMA, typed)
    reasons.add_series(failures)

    typed["money_eur"], typed["money_basis"] = money_measure(typed)
    return _finish("projects", original, typed, reasons, warnings, notes, "id")


MONEY_COLUMNS = ("budget_total_eur", "public_funding_eur", "eu_state_granted_eur", "eu_state_paid_eur", "public_paid_eur")


def _location(original: pd.DataFrame, typed: pd.DataFrame, reasons: _Reasons) -> None:
    """``large_area`` and ``location_precision``: read, derive when empty, check against the areas.

    Empty precision is derived from the finest area given (municipalities → ``municipality``,
    regions → ``region``, a large area → ``large_area``, nothing → ``unknown``). A stated
    precision must have its area: ``municipality`` with only regions means the project covers
    every municipality of those regions (by its own words), which is coverage, not doubt.
    """
    names = {name.casefold(): code for code, name in LARGE_AREAS.items()}
    names.update({code: code for code in LARGE_AREAS})
    area = original["large_area"].str.casefold().map(names)
    bad = (original["large_area"] != "") & area.isna()
    for index in original.index[bad]:
        reasons.add(index, f"unknown large_area '{original.at[index, 'large_area']}' (large areas: {', '.join(LARGE_AREAS)})")
    typed["large_area"] = area.fillna("")
    has_municipality = typed["municipalities"] != ""
    has_region = typed["regions"] != ""
    has_large = typed["large_area"] != ""
    derived = np.where(has_municipality, "municipality", np.where(has_region, "region", np.where(has_large, "large_area", "unknown")))
    precision = _vocab(original["location_precision"], PROJECT_LOCATION_PRECISIONS, "")
    typed["location_precision"] = precision.where(precision != "", pd.Series(derived, index=typed.index))
    wrong_word = (precision != "") & ~precision.isin(PROJECT_LOCATION_PRECISIONS)
    for index in original.index[wrong_word]:
        reasons.add(index, f"location_precision must be one of {', '.join(PROJECT_LOCATION_PRECISIONS)}")
    value = typed["location_precision"]
    missing = ((value == "municipality") & ~(has_municipality | has_region)) | ((value == "region") & ~has_region) | ((value == "large_area") & ~has_large)
    for index in original.index[missing & ~wrong_word]:
        reasons.add(index, f"location_precision is {value[index]} but no {value[index].replace('_', ' ')} is given")


def money_measure(projects: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The money of a project: total budget where known, else public funding, else unknown (NaN).

    Sources differ (some give only the public grant), so the basis is kept beside the
    amount and shown; a project without either is "amount unknown", never zero.
    """
    budget = projects["budget_total_eur"]
    public = projects["public_funding_eur"]
    amount = budget.where(budget.notna(), public)
    basis = np.where(budget.notna(), "budget_total", np.where(public.notna(), "public_funding", "unknown"))
    return amount.astype(float), pd.Series(basis, index=projects.index, dtype=object)


# --- services ------------------------------------------------------------------------


def load_services(source: Path | str | bytes | pd.DataFrame, resolver: AreaResolver) -> LoadResult:
    """Read and validate nature destinations and services."""
    original, notes, reasons, warnings = _begin(source, SERVICE_COLUMNS, ("id", "name", "category"), "services")

    typed = original.copy()
    for column in ("lat", "lon"):
        typed[column], errors = parsing.parse_amount_series(original[column], column)
        reasons.add_series(errors.str.replace("is not a number of euros (e.g. 116 475 €)", "is not a decimal number", regex=False))
    typed["category"] = _vocab(original["category"], SERVICE_CATEGORIES, "")
    has_lat, has_lon = typed["lat"].notna(), typed["lon"].notna()
    for index in original.index[has_lat ^ has_lon]:
        reasons.add(index, "lat and lon must be given together")
    lat, lon = typed["lat"], typed["lon"]
    swapped = has_lat & has_lon & lat.between(19.0, 31.7) & lon.between(59.4, 70.2)
    for index in original.index[swapped]:
        reasons.add(index, f"latitude and longitude look swapped (lat={lat[index]}, lon={lon[index]}); Finland is at lat 59–70, lon 19–32")
    precision = _vocab(original["location_precision"], LOCATION_PRECISIONS, "")
    typed["location_precision"] = precision.where(precision != "", np.where(has_lat & has_lon, "exact", "municipality"))
    for index in original.index[(typed["location_precision"] == "exact") & ~(has_lat & has_lon)]:
        reasons.add(index, "location_precision is exact but lat/lon are missing")

    typed["municipality"] = _resolve_lists(original["municipality"], resolver.resolve_municipality, "municipality", reasons, warnings)
    several = typed["municipality"].str.contains(";", regex=False)
    for index in original.index[several]:
        reasons.add(index, "a service has one municipality (give the main one)")
    for index in original.index[(typed["municipality"] == "") & ~(has_lat & has_lon)]:
        if not any(m.startswith("unknown municipality") for m in reasons._reasons.get(index, [])):
            reasons.add(index, "no location: give lat/lon or a municipality")

    _fix_urls(typed, warnings)
    failures = schema_failures(SERVICE_SCHEMA, typed.assign(lat=lat.where(~swapped), lon=lon.where(~swapped)))
    reasons.add_series(failures)
    return _finish("services", original, typed, reasons, warnings, notes, "id")


# --- Leader groups -------------------------------------------------------------------


def load_leader_groups(source: Path | str | bytes | pd.DataFrame, resolver: AreaResolver) -> LoadResult:
    """Read Leader groups and their municipalities (one row per group × municipality)."""
    original, notes, reasons, warnings = _begin(source, LEADER_GROUP_COLUMNS, ("leader_group", "municipality"), "leader groups")
    typed = original.copy()
    typed["partial"], errors = parsing.parse_bool_series(original["partial"], "partial")
    reasons.add_series(errors)
    typed["municipality"] = _resolve_lists(original["municipality"], resolver.resolve_municipality, "municipality", reasons, warnings)
    for index in original.index[typed["municipality"].str.contains(";", regex=False)]:
        reasons.add(index, "one municipality per row")
    for index in original.index[(original["municipality"] == "") & (original["leader_group"] != "")]:
        reasons.add(index, "municipality is empty")
    reasons.add_series(schema_failures(LEADER_GROUP_SCHEMA, typed))
    return _finish("leader_groups", original, typed, reasons, warnings, notes, "leader_group")


# --- a data directory ----------------------------------------------------------------


@dataclass
class Dataset:
    """The three record files of a data directory, each with its load result."""

    projects: LoadResult
    services: LoadResult
    leader_groups: LoadResult

    def results(self) -> dict[str, LoadResult]:
        # Keyed by the canonical file names (pages look them up); ``projects.source_name`` says
        # whether the projects came from the built records.
        return {PROJECTS_FILE: self.projects, SERVICES_FILE: self.services, LEADER_GROUPS_FILE: self.leader_groups}

    @property
    def rejected_total(self) -> int:
        return sum(len(r.rejected) for r in self.results().values())


def built_project_files(directory: Path) -> list[Path]:
    """The built record files of ``directory`` (none when the data has not been built)."""
    built = Path(directory) / BUILT_DIR
    if (built / BUILT_PROJECTS).is_file():
        return [built / BUILT_PROJECTS]
    return sorted(built.glob("projects-*.csv.gz"), key=lambda p: int(p.name.split("-")[1].split(".")[0]))


def read_project_records(directory: Path) -> tuple[Path | bytes, str]:
    """The project records of a data directory: the built records when present.

    Returns what to load (the bytes of the built CSV, parts joined, or the path of
    ``projects.csv``) and the name it is reported under. The built file already holds the
    curated records, merged.
    """
    files = built_project_files(directory)
    if not files:
        return Path(directory) / PROJECTS_FILE, PROJECTS_FILE
    texts = [gzip.decompress(path.read_bytes()) for path in files]
    data = texts[0] + b"".join(t.split(b"\n", 1)[1] for t in texts[1:])
    return data, f"{BUILT_DIR}/{files[0].name}" if len(files) == 1 else f"{BUILT_DIR}/projects-*.csv.gz"


def load_dataset(directory: Path, resolver: AreaResolver) -> Dataset:
    """Load the projects (built, else ``projects.csv``), ``services.csv`` and ``leader_groups.csv``."""
    directory = Path(directory)
    source, name = read_project_records(directory)
    projects = load_projects(source, resolver)
    projects.source_name = name
    services = load_services(directory / SERVICES_FILE, resolver)
    groups = load_leader_groups(directory / LEADER_GROUPS_FILE, resolver)
    known_groups = set(groups.accepted["leader_group"])
    unknown = projects.accepted.loc[(projects.accepted["leader_group"] != "") & ~projects.accepted["leader_group"].isin(known_groups)]
    if len(unknown):
        extra = pd.DataFrame(
            {"row": None, "id": unknown["id"], "message": [f"leader_group '{g}' is not in {LEADER_GROUPS_FILE}" for g in unknown["leader_group"]]}
        )
        projects.warnings = pd.concat([projects.warnings, extra], ignore_index=True)
    return Dataset(projects, services, groups)


def default_data_dir() -> Path:
    """The records the app and the CLI load (``HANKEKARTTA_DATA_DIR`` or ``data/``)."""
    return settings.data_dir()
