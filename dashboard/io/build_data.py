"""Build the shipped project records from their declared sources, reproducibly.

``data/sources.csv`` declares every source (where it comes from, its licence, the sha256 of
the copy that was imported, the importer format). ``python -m dashboard build-data`` runs
the importers over those inputs, merges them with the curated ``data/projects.csv`` (one
record per project by official code: the curated, checked fields win, the export fills the
gaps, every disagreement is listed in the build report) and writes

* ``data/built/projects.csv.gz`` — every record, canonical columns, gzip without a timestamp
  so that the same inputs give the same bytes (a test rebuilds it and compares);
* ``data/built/<source>.rejects.csv`` — the rows a source could not give, with reasons;
* ``data/built/build_report.json`` — read / accepted / recovered / rejected per source,
  the sha256 of each input, the importer's notes and the merge conflicts.

No file in the repository may exceed 2 MB; the built records are compressed, and split into
numbered parts should they ever grow past that.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import settings
from dashboard.core.authorities import implementer_seat
from dashboard.core.names import AreaResolver
from dashboard.core.records import BUILT_DIR, BUILT_PROJECTS, PROJECTS_FILE, load_projects
from dashboard.core.vocab import PROJECT_COLUMNS
from dashboard.core.readers import DataFormatError

SOURCES_FILE = "sources.csv"
REPORT_FILE = "build_report.json"
MAX_FILE_BYTES = 2 * 1024 * 1024
CURATED = "curated"
SOURCE_COLUMNS = (
    "id",
    "title",
    "publisher",
    "original_url",
    "copy_from",
    "licence",
    "retrieved",
    "sha256",
    "format",
    "input_file",
    "output_file",
    "covers",
)
# Columns whose values are compared when a curated record meets an export row.
_COMPARED = ("name", "implementer", "funder", "fund", "start_date", "end_date", "public_funding_eur", "municipalities", "regions")


@dataclass
class SourceCounts:
    id: str
    read: int
    accepted: int
    recovered: int
    rejected: int
    sha256: str
    declared_sha256: str
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "read": self.read,
            "accepted": self.accepted,
            "recovered": self.recovered,
            "rejected": self.rejected,
            "sha256": self.sha256,
            "sha256_matches_declared": self.sha256 == self.declared_sha256,
            "notes": self.notes,
        }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_sources(data_dir: Path) -> pd.DataFrame:
    """The declared sources; a missing or malformed file is a clear error."""
    path = Path(data_dir) / SOURCES_FILE
    if not path.is_file():
        raise DataFormatError(f"{path} does not exist: the sources of the built data are declared there")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in SOURCE_COLUMNS if c not in frame.columns]
    if missing:
        raise DataFormatError(f"{path} lacks the columns {missing}")
    return frame


def default_input_dir() -> Path | None:
    """Where the declared inputs are by default: ``<shared>/sample-imports/eura``."""
    shared = settings.shared_dir()
    return shared / "sample-imports" / "eura" if shared is not None else None


def _amount_text(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def canonical_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed records → the text cells of the canonical CSV (dates ISO, amounts plain, lists ``;``)."""
    out = pd.DataFrame(index=frame.index)
    for column in PROJECT_COLUMNS:
        series = frame[column] if column in frame else pd.Series("", index=frame.index)
        if column in ("start_date", "end_date"):
            out[column] = pd.to_datetime(series).dt.strftime("%Y-%m-%d").fillna("")
        elif column == "leader":
            out[column] = series.map({True: "true", False: "false"}).fillna("")
        elif column.endswith("_eur"):
            out[column] = series.map(_amount_text)
        else:
            out[column] = series.fillna("").astype(str)
    return out


def merge_curated(exports: pd.DataFrame, curated: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """One record per project: a curated record with an export's code overrides that row's fields.

    Both frames are canonical text. Curated values that are not empty win (they were checked
    against the project's own pages); the export fills the curated record's gaps. Where both
    have a value and they differ, the conflict is listed.
    """
    exports = exports.set_index("id", drop=False)
    conflicts: list[dict[str, str]] = []
    overlap = curated["id"].isin(exports.index)
    merged_rows = []
    for _, row in curated.loc[overlap].iterrows():
        base = exports.loc[row["id"]].copy()
        names_area = any(row[c] for c in ("municipalities", "regions", "large_area"))
        for column in PROJECT_COLUMNS:
            value = row[column]
            if column == "source" or value == "" or (column in ("location_precision", "location_basis") and not names_area):
                continue  # a curated record that names no area does not override the export's area
            if column in _COMPARED and base[column] != "" and base[column] != value:
                conflicts.append({"id": row["id"], "column": column, "export": base[column], "curated": value, "kept": "curated"})
            base[column] = value
        if names_area and not row["location_basis"]:
            base["location_basis"] = "named in the curated record (its source_url)"
        base["source"] = f"{base['source']}+{CURATED}" if base["source"] else CURATED
        merged_rows.append(base)
    merged = pd.DataFrame(merged_rows, columns=list(PROJECT_COLUMNS))
    rest = exports.loc[~exports.index.isin(set(curated.loc[overlap, "id"]))]
    frame = pd.concat([rest, merged, curated.loc[~overlap]], ignore_index=True)
    return frame.sort_values("id", kind="stable", ignore_index=True), conflicts


def _deterministic_gzip(text: str) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    return buffer.getvalue()


def _csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def build(data_dir: Path, input_dir: Path | None, resolver: AreaResolver, out=print) -> dict[str, object]:
    """Import every declared source, merge with the curated records, write ``data/built/``."""
    from dashboard.io.importers import import_bytes

    data_dir = Path(data_dir)
    sources = read_sources(data_dir)
    input_dir = Path(input_dir) if input_dir else default_input_dir()
    built = data_dir / BUILT_DIR
    built.mkdir(parents=True, exist_ok=True)
    counts: list[SourceCounts] = []
    frames = []
    for source in sources.itertuples(index=False):
        if source.id == CURATED:
            continue
        if input_dir is None:
            raise DataFormatError("no input directory: pass --from DIR (the shared folder was not found)")
        path = input_dir / source.input_file
        if not path.is_file():
            raise DataFormatError(f"source {source.id}: {path} does not exist (pass --from DIR with the declared inputs)")
        digest = sha256(path)
        if digest != source.sha256:
            out(f"warning: {source.id}: sha256 of {path.name} differs from the declared one in {SOURCES_FILE}; the built data will differ")
        today = dt.date.fromisoformat(source.retrieved)
        if source.format == "eura":
            from dashboard.io.importers.eura import import_eura

            result = import_eura(path.read_bytes(), resolver, today=today)
        else:
            result = import_bytes(source.format, path.read_bytes(), resolver, kind="projects", filename=path.name)
        result.rejected.to_csv(built / f"{source.id}.rejects.csv", index=False, lineterminator="\n")
        text = canonical_text(result.accepted)
        text["source"] = source.id
        frames.append(text)
        c = result.counts()
        counts.append(SourceCounts(source.id, c["read"], c["accepted"], c["recovered"], c["rejected"], digest, source.sha256, result.notes))
    curated_load = load_projects(data_dir / PROJECTS_FILE, resolver)
    curated = canonical_text(curated_load.accepted)
    curated["source"] = CURATED
    # The implementer's seat, where the record does not give it: by the same rules as the exports.
    missing_seat = curated["implementer_municipality"] == ""
    curated.loc[missing_seat, "implementer_municipality"] = [implementer_seat(name, resolver) for name in curated.loc[missing_seat, "implementer"]]
    curated_row = sources.loc[sources["id"] == CURATED]
    counts.append(
        SourceCounts(
            CURATED,
            curated_load.read,
            len(curated_load.accepted),
            0,
            len(curated_load.rejected),
            sha256(data_dir / PROJECTS_FILE),
            curated_row["sha256"].iloc[0] if len(curated_row) else "",
            curated_load.notes,
        )
    )
    exports = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(PROJECT_COLUMNS))
    duplicated = exports["id"].duplicated(keep="first")
    if duplicated.any():
        out(f"warning: {int(duplicated.sum())} export rows repeat a code of another source; the first is kept")
        exports = exports.loc[~duplicated]
    merged, conflicts = merge_curated(exports, curated)
    for old in built.glob("projects*.csv.gz"):
        old.unlink()
    written = _write_parts(built, merged)
    report = {
        "sources": [c.as_dict() for c in counts],
        "projects": int(len(merged)),
        "merged_with_curated": int(merged["source"].str.endswith(f"+{CURATED}").sum()),
        "conflicts": conflicts,
        "files": [str(p.relative_to(data_dir)) for p in written],
    }
    (built / REPORT_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out(f"{'source':<20} {'read':>6} {'accepted':>9} {'recovered':>10} {'rejected':>9}")
    for c in counts:
        out(f"{c.id:<20} {c.read:>6} {c.accepted:>9} {c.recovered:>10} {c.rejected:>9}")
    out(f"{len(merged)} projects ({report['merged_with_curated']} export rows merged with a curated record, {len(conflicts)} conflicts, curated wins) → {', '.join(report['files'])}")
    return report


def _write_parts(built: Path, frame: pd.DataFrame) -> list[Path]:
    """``projects.csv.gz``, or ``projects-1.csv.gz``, ``projects-2.csv.gz``… when over 2 MB."""
    parts = 1
    while True:
        chunks = [frame.iloc[len(frame) * k // parts : len(frame) * (k + 1) // parts] for k in range(parts)]
        blobs = [_deterministic_gzip(_csv_text(chunk)) for chunk in chunks]
        if all(len(b) <= MAX_FILE_BYTES for b in blobs):
            break
        parts += 1
    paths = [built / BUILT_PROJECTS] if parts == 1 else [built / f"projects-{k + 1}.csv.gz" for k in range(parts)]
    for path, blob in zip(paths, blobs):
        path.write_bytes(blob)
    return paths


def read_report(data_dir: Path) -> dict[str, object] | None:
    path = Path(data_dir) / BUILT_DIR / REPORT_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
