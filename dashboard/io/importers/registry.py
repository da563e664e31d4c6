"""The one list of import formats: name, file types, how a file is recognised, how it is run.

The CLI's ``import --format`` choices, the uploader's accepted file types, format
detection and the README's format table all come from :data:`REGISTRY`; adding a format
means adding one entry here (and its module). Importer modules are imported only when
their format runs, so this module stays light and nothing imports back into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from dashboard.core.names import AreaResolver
from dashboard.core import limits
from dashboard.io.importers.base import ImportResult
from dashboard.core.readers import DataFormatError, decode

Runner = Callable[[bytes, AreaResolver, "str | None", str], ImportResult]
Sniffer = Callable[[str, bytes], bool]


@dataclass(frozen=True)
class ImportFormat:
    """One import format.

    ``sniff(suffix, head)`` says whether a file with that suffix whose first bytes are
    ``head`` is in this format; ``default_for`` lists the suffixes for which this format is
    chosen when no format's sniffer claims the file.
    """

    name: str
    title: str
    suffixes: tuple[str, ...]
    kinds: tuple[str, ...]
    run: Runner
    sniff: Sniffer | None = None
    default_for: tuple[str, ...] = ()
    detected_by: str = ""


def _header(head: bytes) -> str:
    """The first non-empty line, casefolded (``head`` may end inside a character: cut at a line end)."""
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    try:
        text = decode(first)
    except DataFormatError:
        return ""
    return next((line for line in text.splitlines() if line.strip()), "").casefold()


# ---------------------------------------------------------------- runners (imported lazily)


def _run_canonical(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.core.records import load_projects, load_services
    from dashboard.io.importers.base import detect_kind
    from dashboard.core.readers import read_geojson_records, read_table, reader_notes, swallowed_rows

    frame = read_geojson_records(data) if filename.lower().endswith((".geojson", ".json")) else read_table(data)
    notes = reader_notes(frame)
    kind = kind or detect_kind(list(frame.columns))
    # A row that swallowed others is not one row's cells: blank it (the loader rejects it in
    # its place, so row numbers and counts stay right) and give the reason a person can act on.
    swallowed = swallowed_rows(frame)
    swallowed_ids = {position + 2: str(frame.iloc[position, 0])[:100] for position in swallowed}
    for position in swallowed:
        frame.iloc[position] = ""
    load = (load_projects if kind == "projects" else load_services)(frame, resolver)
    rejected = load.rejected.rename(columns={"name": "raw"})[["row", "reason"]].assign(raw=load.rejected.get("name", ""))
    if swallowed:
        import pandas as pd

        by_row = {position + 2: reason for position, reason in swallowed.items()}
        rows = pd.to_numeric(rejected["row"], errors="coerce")
        rejected["reason"] = [by_row.get(int(r), reason) if pd.notna(r) else reason for r, reason in zip(rows, rejected["reason"])]
        rejected["raw"] = [swallowed_ids.get(int(r), raw) if pd.notna(r) else raw for r, raw in zip(rows, rejected["raw"])]
    return ImportResult(kind, "canonical", load.accepted, rejected, load.read, 0, notes + load.notes, [], load)


def _run_eura(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.io.importers.eura import import_eura

    return import_eura(data, resolver)


def _run_rural_register(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.io.importers.rural_register import import_register_bytes

    return import_register_bytes(data, resolver, filename)


def _run_page_text(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.io.importers.page_text_import import import_page_text

    return import_page_text(data, resolver)


def _run_kml(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.io.importers.kml import import_kml

    return import_kml(data, resolver)


def _run_geojson(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.io.importers.geojson_import import import_geojson

    return import_geojson(data, resolver)


def _run_kohesio(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.io.importers.kohesio import import_kohesio

    return import_kohesio(data, resolver)


def _run_template(data: bytes, resolver: AreaResolver, kind: str | None, filename: str) -> ImportResult:
    from dashboard.io.template import import_template

    return import_template(data, resolver, kind)


# ---------------------------------------------------------------- sniffers


def _sniff_eura(suffix: str, head: bytes) -> bool:
    header = _header(head)
    return "koodi" in header and "rahasto" in header


def _sniff_kohesio(suffix: str, head: bytes) -> bool:
    return "operation_unique_identifier" in _header(head)


def _sniff_rural_register(suffix: str, head: bytes) -> bool:
    return bool(re.search(r"hankenumero|projektnummer", _header(head)))


def _sniff_template(suffix: str, head: bytes) -> bool:
    from dashboard.io.template import is_template

    return is_template(head)


REGISTRY: tuple[ImportFormat, ...] = (
    ImportFormat(
        "canonical",
        "the documented CSV / GeoJSON of `data/` (projects or services)",
        (".csv", ".geojson", ".json"),
        ("projects", "services"),
        _run_canonical,
        default_for=(".csv",),
        detected_by="any other CSV",
    ),
    ImportFormat(
        "eura",
        "structural-fund project lists (EURA 2007 / EURA 2014 exports), damaged ones included",
        (".csv",),
        ("projects",),
        _run_eura,
        _sniff_eura,
        detected_by="header has Koodi and Rahasto",
    ),
    ImportFormat(
        "rural-register",
        "rural-fund register records: CSV/Excel with the register's labels, or a register page as text",
        (".csv", ".xlsx", ".txt"),
        ("projects",),
        _run_rural_register,
        _sniff_rural_register,
        default_for=(".xlsx",),
        detected_by="header has Hankenumero; any other .xlsx",
    ),
    ImportFormat(
        "template",
        "the contribution template (`python -m dashboard template`): projects or services, problems named by cell",
        (".xlsx",),
        ("projects", "services"),
        _run_template,
        _sniff_template,
        detected_by="workbook made by the template command",
    ),
    ImportFormat(
        "page-text",
        "a project web page as plain text → draft record with the text each field came from",
        (".txt",),
        ("projects",),
        _run_page_text,
        default_for=(".txt",),
        detected_by=".txt",
    ),
    ImportFormat(
        "kml",
        "Google My Maps KML/KMZ (folders become categories)",
        (".kml", ".kmz"),
        ("services",),
        _run_kml,
        default_for=(".kml", ".kmz"),
        detected_by=".kml, .kmz",
    ),
    ImportFormat(
        "geojson",
        "GeoJSON services, including OpenStreetMap Overpass exports",
        (".geojson", ".json"),
        ("services",),
        _run_geojson,
        default_for=(".geojson", ".json"),
        detected_by=".geojson, .json",
    ),
    ImportFormat(
        "kohesio",
        "the EU Kohesio country CSV (placed by coordinates, else by NUTS3 region)",
        (".csv",),
        ("projects",),
        _run_kohesio,
        _sniff_kohesio,
        detected_by="header has Operation_Unique_Identifier",
    ),
)

FORMATS: tuple[str, ...] = tuple(f.name for f in REGISTRY)
WRAPPERS: tuple[str, ...] = (".gz",)  # compressed copies of the above (``projects.csv.gz``)


def get(name: str) -> ImportFormat:
    for entry in REGISTRY:
        if entry.name == name:
            return entry
    raise DataFormatError(f"unknown format '{name}'; formats: {', '.join(FORMATS)}")


def accepted_suffixes() -> tuple[str, ...]:
    """Every file type some format reads (the uploader's ``type=`` list), wrappers included."""
    return tuple(sorted({s for f in REGISTRY for s in f.suffixes} | set(WRAPPERS)))


def inner_suffix(filename: str) -> str:
    """``.csv`` for ``x.csv`` and for ``x.csv.gz``."""
    path = PurePath(filename)
    suffix = path.suffix.casefold()
    if suffix in WRAPPERS:
        suffix = PurePath(path.stem).suffix.casefold()
    return suffix


def detect_format(filename: str, data: bytes) -> str:
    """The format of a file, from its suffix and its first bytes (see each entry's ``detected_by``)."""
    suffix = inner_suffix(filename)
    head = data[:65536] if suffix != ".xlsx" else data
    candidates = [f for f in REGISTRY if suffix in f.suffixes]
    if not candidates:
        raise DataFormatError(f"file type {suffix or '(none)'} is not accepted; use one of {', '.join(accepted_suffixes())}")
    for entry in candidates:
        if entry.sniff is not None:
            try:
                if entry.sniff(suffix, head):
                    return entry.name
            except limits.LimitError:
                raise
            except DataFormatError:
                continue
    for entry in candidates:
        if suffix in entry.default_for:
            return entry.name
    return candidates[0].name


def format_table() -> str:
    """The README's format table, rendered from the registry (``tests/test_readme.py`` compares)."""
    lines = ["| format | input | files | records | detected when |", "|---|---|---|---|---|"]
    for entry in REGISTRY:
        lines.append(f"| `{entry.name}` | {entry.title} | {', '.join(entry.suffixes)} | {', '.join(entry.kinds)} | {entry.detected_by or '—'} |")
    return "\n".join(lines)


README_BEGIN = "<!-- import-formats:begin (generated by dashboard.io.importers.registry.format_table) -->"
README_END = "<!-- import-formats:end -->"


def readme_block() -> str:
    """The table between the markers that ``tests/test_readme.py`` looks for in README.md."""
    return f"{README_BEGIN}\n{format_table()}\n{README_END}"
