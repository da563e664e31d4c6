"""Importers: real sources in, canonical records out, every row accounted for.

``import_bytes(format, data, resolver)`` is what the CLI and the app's upload call.
Formats: ``canonical``, ``eura``, ``rural-register``, ``page-text``, ``kml``, ``geojson``,
``kohesio``. Each returns an :class:`~dashboard.importers.base.ImportResult` with
``read == accepted + rejected`` and the number of ``recovered`` rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from dashboard.core.names import AreaResolver
from dashboard.core.readers import DataFormatError, decode, read_table
from dashboard.io.importers.base import Draft, ImportResult, finish

FORMATS = ("canonical", "eura", "rural-register", "page-text", "kml", "geojson", "kohesio")


def import_page_text(data: bytes, resolver: AreaResolver, source_url: str = "") -> ImportResult:
    from dashboard.io.importers.page_text import extract_projects
    from dashboard.io.importers.rural_register import import_register_page, looks_like_register_page

    text = decode(data)
    if looks_like_register_page(text):
        return import_register_page(text, resolver, source_url)
    draft = Draft("projects")
    drafts = extract_projects(text, resolver)
    for number, page_draft in enumerate(drafts, start=1):
        record = dict(page_draft.record)
        record.setdefault("source_url", source_url)
        if not record.get("id"):
            from dashboard.io.importers.base import slug

            record["id"] = slug(record.get("name", "")) or f"page-{number}"
        draft.add(number, record, provenance=page_draft.provenance)
    if not drafts:
        draft.reject(1, "no project could be recognised in the text (no name line, dates or labelled fields)")
    return finish(draft, "page-text", resolver, max(len(drafts), 1))


def _canonical(data: bytes, resolver: AreaResolver, kind: str | None, filename: str = "") -> ImportResult:
    from dashboard.core.records import load_projects, load_services
    from dashboard.io.uploads import detect_kind
    from dashboard.core.readers import read_geojson_records

    frame = read_geojson_records(data) if filename.lower().endswith((".geojson", ".json")) else read_table(data)
    kind = kind or detect_kind(list(frame.columns))
    load = (load_projects if kind == "projects" else load_services)(frame, resolver)
    rejected = load.rejected.rename(columns={"name": "raw"})[["row", "reason"]].assign(raw=load.rejected.get("name", ""))
    return ImportResult(kind, "canonical", load.accepted, rejected, load.read, 0, load.notes, [], load)


def import_bytes(format_name: str, data: bytes, resolver: AreaResolver, kind: str | None = None, filename: str = "") -> ImportResult:
    """Run one importer on raw bytes; a file that is not what it claims raises DataFormatError."""
    if format_name == "canonical":
        return _canonical(data, resolver, kind, filename)
    if format_name == "eura":
        from dashboard.io.importers.eura import import_eura

        return import_eura(data, resolver)
    if format_name == "rural-register":
        from dashboard.io.importers.rural_register import import_register_page, import_register_table, looks_like_register_page

        if filename.lower().endswith((".xlsx", ".xls")):
            try:
                frame = pd.read_excel(pd.io.common.BytesIO(data), dtype=str).fillna("")
            except Exception as exc:
                raise DataFormatError(f"not a readable Excel file: {exc}") from exc
            return import_register_table(frame, resolver)
        text = decode(data)
        if looks_like_register_page(text) and "\n" in text and "," not in text.splitlines()[0]:
            return import_register_page(text, resolver)
        return import_register_table(read_table(data), resolver)
    if format_name == "page-text":
        return import_page_text(data, resolver)
    if format_name == "kml":
        from dashboard.io.importers.kml import import_kml

        return import_kml(data, resolver)
    if format_name == "geojson":
        from dashboard.io.importers.geojson_import import import_geojson

        return import_geojson(data, resolver)
    if format_name == "kohesio":
        from dashboard.io.importers.kohesio import import_kohesio

        return import_kohesio(data, resolver)
    raise DataFormatError(f"unknown format '{format_name}'; formats: {', '.join(FORMATS)}")


def run_import(format_name: str, source: Path, output: Path | None, as_json: bool = False, kind: str | None = None) -> int:
    """The ``python -m dashboard import`` command: write records and a rejects file, print counts."""
    from dashboard.geo.resolver import build_resolver

    if not source.is_file():
        raise DataFormatError(f"{source} does not exist")
    result = import_bytes(format_name, source.read_bytes(), build_resolver(), kind=kind, filename=source.name)
    output = output or source.with_name(f"{source.stem}.{result.kind}.csv")
    output.write_text(result.canonical_csv(), encoding="utf-8")
    rejects = output.with_name(f"{output.stem}.rejects.csv")
    result.rejected.to_csv(rejects, index=False)
    counts = result.counts()
    print(f"{source.name} ({format_name} → {result.kind}): read {counts['read']}, accepted {counts['accepted']} (recovered {counts['recovered']}), rejected {counts['rejected']}")
    print(f"records → {output}\nrejects → {rejects}")
    if any(result.provenance):
        # Page text is prose: keep, per field, the text it was read from, for a person to check.
        evidence = output.with_name(f"{output.stem}.provenance.json")
        records = [{"id": str(i), "fields": p} for i, p in zip(result.accepted.get("id", []), result.provenance)]
        evidence.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"evidence → {evidence}")
    for note in result.notes[:10]:
        print(f"note: {note}")
    if as_json:
        print(json.dumps({**counts, "rejects_file": str(rejects)}))
    return 0
