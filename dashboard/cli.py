"""Command line: ``python -m dashboard fetch-geodata | validate | import | template | stats``.

Every failure a user can cause (missing boundaries, an unreadable file) ends with a
message that says what to do and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

import pandas as pd

from dashboard.geo import boundaries
from dashboard.core.readers import DataFormatError

from dashboard.io.importers.registry import FORMATS as IMPORT_FORMATS


def _resolver():
    from dashboard.core.names import build_resolver

    return build_resolver(boundaries.DEFAULT_YEAR)


def cmd_fetch_geodata(args: argparse.Namespace) -> int:
    target = Path(args.cache_dir) if args.cache_dir else boundaries.cache_dir()
    if args.if_missing and boundaries.has_layer(boundaries.municipality_filename(args.year)) and boundaries.has_layer(
        boundaries.region_filename(args.year)
    ):
        print(f"boundaries for {args.year} are present ({', '.join(str(d) for d in boundaries.search_dirs())}); nothing to fetch")
        return 0
    if args.source:
        boundaries.copy_boundaries(args.year, Path(args.source), target)
    else:
        try:
            boundaries.fetch_boundaries(args.year, target, timeout=args.timeout, retries=args.retries)
        except boundaries.GeodataError:
            raise
        except Exception as exc:  # network errors of every kind end the same way for the user
            raise boundaries.GeodataError(
                f"could not download the boundaries from Statistics Finland ({type(exc).__name__}: {exc}).\n"
                f"Offline? Copy them from a directory that has them:\n    {boundaries.fetch_command(args.year)} --from DIR\n"
                f"or set {boundaries.ENV_GEODATA_DIR}=DIR"
            ) from exc
        if not args.skip_population:
            try:
                boundaries.fetch_population(target, timeout=args.timeout, retries=args.retries)
            except Exception as exc:
                print(f"warning: population not downloaded ({exc}); per-resident figures will say 'no population data'", file=sys.stderr)
    print(f"boundaries cached in {target}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from dashboard.core.records import load_dataset, load_leader_groups, load_projects, load_services

    path = Path(args.path)
    resolver = _resolver()
    if path.is_dir():
        from dashboard.geo.placement import locate_services

        results = load_dataset(path, resolver).results()
        # Points that lie in another municipality than the record names: warnings, not errors.
        services = results["services.csv"]
        _, spatial = locate_services(services.accepted, boundaries.load_municipalities())
        services.warnings = pd.concat([services.warnings, spatial.assign(row=None)[["row", "id", "message"]]], ignore_index=True)
    else:
        loader = {"projects": load_projects, "services": load_services, "leader_groups": load_leader_groups}
        kind = next((k for k in loader if path.name.startswith(k)), args.kind)
        if kind is None:
            raise DataFormatError(f"cannot tell the kind of {path.name}: name it projects*/services*/leader_groups* or pass --kind")
        results = {path.name: loader[kind](path, resolver)}
    rejected_total = 0
    print(f"{'file':<20} {'read':>6} {'accepted':>9} {'rejected':>9} {'warnings':>9}")
    for name, result in results.items():
        counts = result.counts()
        rejected_total += counts["rejected"]
        print(f"{name:<20} {counts['read']:>6} {counts['accepted']:>9} {counts['rejected']:>9} {counts['warnings']:>9}")
    for name, result in results.items():
        for note in result.notes:
            print(f"  {name}: {note}")
        for row in result.rejected.itertuples():
            print(f"  {name} row {row.row}: REJECTED: {row.reason}")
        if args.verbose:
            for row in result.warnings.itertuples():
                print(f"  {name} row {row.row} ({row.id}): warning: {row.message}")
    return 1 if rejected_total else 0


def _limits(args: argparse.Namespace):
    """The app's limits, raised where the operator asked (``--max-rows`` …)."""
    from dashboard.core import limits

    return limits.DEFAULT_LIMITS.raised(
        max_rows=args.max_rows,
        max_bytes=int(args.max_mb * limits.MiB) if args.max_mb else None,
        max_unpacked_bytes=int(args.max_unpacked_mb * limits.MiB) if args.max_unpacked_mb else None,
        max_seconds=args.max_seconds,
    )


def run_import(format_name: str, source: Path, output: Path | None, as_json: bool = False, kind: str | None = None, limits_=None) -> int:
    """The ``python -m dashboard import`` command: write records and a rejects file (all or nothing), print counts.

    ``limits_`` (a :class:`dashboard.core.limits.Limits`) defaults to the app's limits.
    """
    from dashboard.io.exports import WriteError, atomic_write, atomic_write_text, csv_bytes
    from dashboard.io.importers import import_bytes

    if not source.is_file():
        raise DataFormatError(f"{source} does not exist" if not source.exists() else f"{source} is not a file")
    if output is not None and output.is_dir():  # say so before the import's work, not after
        raise WriteError(f"cannot write {output}: it is a directory; give a file name with -o (for example {output / 'out.csv'})")
    result = import_bytes(format_name, source.read_bytes(), _resolver(), kind=kind, filename=source.name, limits_=limits_)
    output = output or source.with_name(f"{source.stem}.{result.kind}.csv")
    atomic_write_text(output, result.canonical_csv())
    rejects = output.with_name(f"{output.stem}.rejects.csv")
    atomic_write(rejects, csv_bytes(result.rejected))  # a report for people: formulas made inert
    counts = result.counts()
    print(f"{source.name} ({result.format} → {result.kind}): read {counts['read']}, accepted {counts['accepted']} (recovered {counts['recovered']}), rejected {counts['rejected']}")
    print(f"records → {output}\nrejects → {rejects}")
    if any(result.provenance):
        # Page text is prose: keep, per field, the text it was read from, for a person to check.
        evidence = output.with_name(f"{output.stem}.provenance.json")
        records = [{"id": str(i), "fields": p} for i, p in zip(result.accepted.get("id", []), result.provenance)]
        atomic_write_text(evidence, json.dumps(records, ensure_ascii=False, indent=2))
        print(f"evidence → {evidence}")
    for note in result.notes[:10]:
        print(f"note: {note}")
    if as_json:
        print(json.dumps({**counts, "rejects_file": str(rejects)}))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.list_formats or not args.input:
        from dashboard.io.importers.registry import format_table

        print(format_table() if args.list_formats else "formats: " + ", ".join(IMPORT_FORMATS))
        return 0 if args.list_formats else 2
    from dashboard.io.exports import WriteError

    try:
        return run_import(
            args.format, Path(args.input), Path(args.output) if args.output else None, as_json=args.json, kind=args.kind, limits_=_limits(args)
        )
    except WriteError as exc:  # a bad -o, a full disk: the message says what to do; the previous file is intact
        print(f"error: {exc}", file=sys.stderr)
        return 2


def cmd_template(args: argparse.Namespace) -> int:
    from dashboard.io.exports import WriteError, atomic_write
    from dashboard.io.template import template_bytes

    output = Path(args.output)
    try:
        atomic_write(output, template_bytes())
    except WriteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"template → {output} (fill the sheets Hankkeet / Palvelut, then: python -m dashboard import {output.name})")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from dashboard.geo.placement import allocate_projects
    from dashboard.core.records import load_dataset
    from dashboard.query.stats import summary

    resolver = _resolver()
    dataset = load_dataset(Path(args.data), resolver)
    mapping = boundaries.municipality_regions(boundaries.load_municipalities(), boundaries.load_regions())
    result = summary(dataset, allocate_projects(dataset.projects.accepted, mapping))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from dashboard.core.records import default_data_dir

    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Hankekartta data tools")
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch-geodata", help="download municipality/region boundaries and population into the cache")
    fetch.add_argument("--year", type=int, default=boundaries.DEFAULT_YEAR)
    fetch.add_argument("--from", dest="source", metavar="DIR", help="copy the layers from a local directory instead (offline)")
    fetch.add_argument("--cache-dir", help=f"where to put them (default {boundaries.cache_dir()})")
    fetch.add_argument("--if-missing", action="store_true", help="do nothing when the layers are already available")
    fetch.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    fetch.add_argument("--retries", type=int, default=3)
    fetch.add_argument("--skip-population", action="store_true")
    fetch.set_defaults(func=cmd_fetch_geodata)

    validate = sub.add_parser("validate", help="validate a data directory or file; exit 1 if any row is rejected")
    validate.add_argument("path", nargs="?", default=str(default_data_dir()))
    validate.add_argument("--kind", choices=("projects", "services", "leader_groups"))
    validate.add_argument("-v", "--verbose", action="store_true", help="also print warnings")
    validate.set_defaults(func=cmd_validate)

    imp = sub.add_parser("import", help="import a file in one of the supported formats into canonical CSV")
    imp.add_argument("input", nargs="?")
    imp.add_argument("--format", choices=("auto", *IMPORT_FORMATS), default="auto", help="default: detected from the file")
    imp.add_argument("--kind", choices=("projects", "services"), help="record kind for formats that hold either")
    imp.add_argument("-o", "--output")
    imp.add_argument("--json", action="store_true", help="end with one JSON line of counts")
    imp.add_argument("--list-formats", action="store_true")
    from dashboard.core import limits

    defaults = limits.DEFAULT_LIMITS
    imp.add_argument("--max-rows", type=int, help=f"raise the row limit (default {defaults.max_rows:,})")
    imp.add_argument("--max-mb", type=float, help=f"raise the file-size limit in MiB (default {defaults.max_bytes / limits.MiB:.0f})")
    imp.add_argument("--max-unpacked-mb", type=float, help=f"raise the unpacked-size limit in MiB (default {defaults.max_unpacked_bytes / limits.MiB:.0f})")
    imp.add_argument("--max-seconds", type=float, help=f"raise the time limit per file (default {defaults.max_seconds:.0f} s)")
    imp.set_defaults(func=cmd_import)

    template = sub.add_parser("template", help="write the contribution template (Excel) for projects and services")
    template.add_argument("-o", "--output", default="hankkeet.xlsx")
    template.set_defaults(func=cmd_template)

    stats = sub.add_parser("stats", help="summary of the data")
    stats.add_argument("--data", default=str(default_data_dir()))
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except boundaries.GeodataMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except (boundaries.GeodataError, DataFormatError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
