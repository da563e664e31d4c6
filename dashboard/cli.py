"""Command line: ``python -m dashboard fetch-geodata | validate | import | template | build-data | export | stats | store … | serve``.

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

from dashboard.geo import fetch

from dashboard.geo import layers
from dashboard.core.readers import DataFormatError

from dashboard.io.importers.registry import FORMATS as IMPORT_FORMATS


def _resolver():
    from dashboard.geo.resolver import build_resolver

    return build_resolver(layers.DEFAULT_YEAR)


def cmd_fetch_geodata(args: argparse.Namespace) -> int:
    target = Path(args.cache_dir) if args.cache_dir else layers.cache_dir()
    if args.if_missing and layers.has_layer(layers.municipality_filename(args.year)) and layers.has_layer(
        layers.region_filename(args.year)
    ):
        print(f"boundaries for {args.year} are present ({', '.join(str(d) for d in layers.search_dirs())}); nothing to fetch")
        return 0
    if args.source:
        fetch.copy_boundaries(args.year, Path(args.source), target)
    else:
        try:
            fetch.fetch_boundaries(args.year, target, timeout=args.timeout, retries=args.retries)
        except layers.GeodataError:
            raise
        except Exception as exc:  # network errors of every kind end the same way for the user
            raise layers.GeodataError(
                f"could not download the boundaries from Statistics Finland ({type(exc).__name__}: {exc}).\n"
                f"Offline? Copy them from a directory that has them:\n    {layers.fetch_command(args.year)} --from DIR\n"
                f"or set {layers.ENV_GEODATA_DIR}=DIR"
            ) from exc
        if not args.skip_population:
            try:
                fetch.fetch_population(target, timeout=args.timeout, retries=args.retries)
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
        _, spatial = locate_services(services.accepted, layers.load_municipalities())
        services.warnings = pd.concat([services.warnings, spatial.assign(row=None)[["row", "id", "message"]]], ignore_index=True)
    else:
        loader = {"projects": load_projects, "services": load_services, "leader_groups": load_leader_groups}
        kind = next((k for k in loader if path.name.startswith(k)), args.kind)
        if kind is None:
            raise DataFormatError(f"cannot tell the kind of {path.name}: name it projects*/services*/leader_groups* or pass --kind")
        results = {path.name: loader[kind](path, resolver)}
    rejected_total = 0
    print(f"{'file':<20} {'read':>6} {'accepted':>9} {'rejected':>9} {'warnings':>9}")
    results = {(getattr(result, "source_name", "") or name): result for name, result in results.items()}
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
    mapping = layers.municipality_regions(layers.load_municipalities(), layers.load_regions())
    from dashboard.io.build_data import read_report

    report = read_report(Path(args.data)) or {}
    result = summary(dataset, allocate_projects(dataset.projects.accepted, mapping), report.get("sources"))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
    return 0


def cmd_build_data(args: argparse.Namespace) -> int:
    from dashboard.io.build_data import build

    report = build(Path(args.data), Path(args.source) if args.source else None, _resolver())
    if args.json:
        print(json.dumps({"projects": report["projects"], "sources": report["sources"]}, ensure_ascii=False))
    return 0


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cmd_export(args: argparse.Namespace) -> int:
    """Write the loaded records with every canonical column; text cells cannot start a formula."""
    from dashboard.core.records import load_dataset
    from dashboard.io.build_data import canonical_text

    dataset = load_dataset(Path(args.data), _resolver())
    frame = canonical_text(dataset.projects.accepted)
    for column in frame.columns:
        if column.endswith("_eur"):
            continue  # numbers (a paid amount may be negative); written as numbers
        text = frame[column]
        frame[column] = text.where(~text.str.startswith(_FORMULA_START), "'" + text)
    frame.to_csv(args.output, index=False, encoding="utf-8")
    print(f"{len(frame)} projects, {len(frame.columns)} columns → {args.output}")
    return 0


# --- store ----------------------------------------------------------------------------


def _store():
    from dashboard.store import open_store

    return open_store()


def cmd_store_init(args: argparse.Namespace) -> int:
    from dashboard.store.build import init_store

    store = _store()
    result = init_store(store, Path(args.data), force=args.force)
    status = store.status()
    if result.built:
        print(f"store {store.describe()} ({store.name}): shipped records written as batch {result.batch} ({result.reason}): {status['projects']} projects, {status['services']} services")
    else:
        print(f"store {store.describe()} ({store.name}) is up to date: {result.reason}")
    return 0


def cmd_store_status(args: argparse.Namespace) -> int:
    status = _store().status()
    if args.json:
        print(json.dumps(status, ensure_ascii=False, default=str))
    else:
        width = max(len(k) for k in status)
        for key, value in status.items():
            print(f"{key:<{width}}  {value}")
    return 0


def cmd_store_import(args: argparse.Namespace) -> int:
    """One file into the store as one contributed batch (the operator has no area limit)."""
    from dashboard.io.importers import import_bytes
    from dashboard.store.batches import contribution_batch, prepare_contribution

    source = Path(args.input)
    if not source.is_file():
        raise DataFormatError(f"{source} does not exist")
    content = source.read_bytes()
    result = import_bytes(args.format, content, _resolver(), kind=args.kind, filename=source.name)
    store = _store()
    municipalities = layers.load_municipalities()
    mapping = layers.municipality_regions(municipalities, layers.load_regions())
    contribution = prepare_contribution(result, existing_ids=store.live_ids(result.kind), municipality_region=mapping, municipalities=municipalities)
    batch = contribution_batch(contribution, editor=args.editor, file_name=source.name, content=content, on_existing=args.on_existing)
    for row in contribution.rejected.itertuples():
        print(f"  row {'' if pd.isna(row.row) else row.row}: REJECTED: {row.reason}")
    if contribution.existing:
        verb = "skipped" if args.on_existing == "skip" else "replaced"
        print(f"  {len(contribution.existing)} id(s) already in the store, {verb} (--on-existing): {', '.join(contribution.existing[:10])}")
    batch_id = store.write_batch(batch) if batch.accepted else None
    print(
        f"{source.name} ({args.format} → {result.kind}): read {batch.read}, accepted {batch.accepted}, rejected {batch.rejected}, skipped {batch.skipped}"
        + (f" → batch {batch_id}" if batch_id else " → nothing stored")
    )
    if args.json:
        print(json.dumps({"batch": batch_id, "read": batch.read, "accepted": batch.accepted, "rejected": batch.rejected, "skipped": batch.skipped}))
    return 0 if batch_id or not batch.read else 1


def cmd_store_batches(args: argparse.Namespace) -> int:
    frame = _store().batches()
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    elif frame.empty:
        print("no batches: run `python -m dashboard store init`")
    else:
        shown = frame[["batch", "origin", "kind", "editor", "created_at", "file_name", "format", "read", "accepted", "rejected", "skipped", "status", "withdrawn_by"]]
        print(shown.to_string(index=False))
    return 0


def cmd_store_withdraw(args: argparse.Namespace) -> int:
    store = _store()
    store.withdraw(args.batch, by=args.by, admin=True)
    print(f"batch {args.batch} withdrawn by {args.by}; its rows stay in the history (store batches)")
    return 0


def cmd_store_hash_password(args: argparse.Namespace) -> int:
    """A bcrypt hash for the sign-in file (never put plain passwords there)."""
    import getpass

    import bcrypt

    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("password: ")
    if len(password) < 8:
        raise DataFormatError("use a password of at least 8 characters")
    print(bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii"))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """``streamlit run streamlit_app.py`` with the data loaded while the server starts."""
    from dashboard.app.serve import serve

    return serve(args.port, args.streamlit_args)


def _store_parser(sub) -> None:
    from dashboard.core.records import default_data_dir
    from dashboard.io.importers import FORMATS

    store = sub.add_parser("store", help="the store the app reads: init | status | import | batches | withdraw | hash-password")
    commands = store.add_subparsers(dest="store_command", required=True)
    init = commands.add_parser("init", help="build the store from the shipped records (when missing or older than them)")
    init.add_argument("--data", default=str(default_data_dir()))
    init.add_argument("--force", action="store_true", help="rebuild the shipped batch even when the files did not change")
    init.set_defaults(func=cmd_store_init)
    status = commands.add_parser("status", help="backend, schema version, live counts, batches")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_store_status)
    imp = commands.add_parser("import", help="import a file into the store as one contributed batch")
    imp.add_argument("input")
    imp.add_argument("--format", choices=FORMATS, default="canonical")
    imp.add_argument("--kind", choices=("projects", "services"))
    imp.add_argument("--editor", required=True, help="who contributes (kept with the batch)")
    imp.add_argument("--on-existing", choices=("skip", "replace"), default="skip", help="rows whose id is already in the store (default skip)")
    imp.add_argument("--json", action="store_true", help="end with one JSON line: batch, read, accepted, rejected")
    imp.set_defaults(func=cmd_store_import)
    batches = commands.add_parser("batches", help="every batch with its provenance and status (the history)")
    batches.add_argument("--json", action="store_true")
    batches.set_defaults(func=cmd_store_batches)
    withdraw = commands.add_parser("withdraw", help="withdraw a contributed batch (its rows leave the app; history stays)")
    withdraw.add_argument("batch", type=int)
    withdraw.add_argument("--by", default="operator")
    withdraw.set_defaults(func=cmd_store_withdraw)
    hashing = commands.add_parser("hash-password", help="print a bcrypt hash for the sign-in file")
    hashing.add_argument("--stdin", action="store_true", help="read the password from standard input")
    hashing.set_defaults(func=cmd_store_hash_password)


def build_parser() -> argparse.ArgumentParser:
    from dashboard.core.records import default_data_dir

    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Hankekartta data tools")
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch-geodata", help="download municipality/region boundaries and population into the cache")
    fetch.add_argument("--year", type=int, default=layers.DEFAULT_YEAR)
    fetch.add_argument("--from", dest="source", metavar="DIR", help="copy the layers from a local directory instead (offline)")
    fetch.add_argument("--cache-dir", help=f"where to put them (default {layers.cache_dir()})")
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

    build_data = sub.add_parser("build-data", help="import the sources declared in data/sources.csv and write data/built/")
    build_data.add_argument("--from", dest="source", metavar="DIR", help="directory of the declared input files (default: the shared sample-imports/eura)")
    build_data.add_argument("--data", default=str(default_data_dir()), help="the data directory with sources.csv and projects.csv")
    build_data.add_argument("--json", action="store_true", help="end with one JSON line of counts")
    build_data.set_defaults(func=cmd_build_data)

    export = sub.add_parser("export", help="write the loaded records with all canonical columns")
    export.add_argument("what", choices=("projects",))
    export.add_argument("-o", "--output", required=True)
    export.add_argument("--data", default=str(default_data_dir()))
    export.set_defaults(func=cmd_export)

    template = sub.add_parser("template", help="write the contribution template (Excel) for projects and services")
    template.add_argument("-o", "--output", default="hankkeet.xlsx")
    template.set_defaults(func=cmd_template)

    stats = sub.add_parser("stats", help="summary of the data")
    stats.add_argument("--data", default=str(default_data_dir()))
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)
    _store_parser(sub)
    serve = sub.add_parser("serve", help="run the app (streamlit run), loading the data while the server starts")
    serve.add_argument("--port", type=int, default=8501)
    serve.epilog = "Further options go to `streamlit run`, e.g. --server.headless true."
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from dashboard.store.backend import StoreError

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "serve":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.streamlit_args = extra
    try:
        return args.func(args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except layers.GeodataMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except (layers.GeodataError, DataFormatError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
