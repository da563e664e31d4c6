"""Read tabular files as users actually have them: any common encoding and delimiter.

UTF-8 with or without BOM and Windows-1252 are recognised, ``,`` / ``;`` / tab delimiters
are sniffed, and every cell is read as text (codes keep their leading zeros; parsing is
the schema's job). Empty lines are kept as rows so that they can be counted, not lost.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class DataFormatError(Exception):
    """The file as a whole cannot be read as the format it claims to be."""


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (BOM or not), falling back to Windows-1252."""
    if b"\x00" in data[:4096]:
        raise DataFormatError("the file is binary (it contains NUL bytes), not a text CSV file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the header line into the most columns."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _read_with_pandas(text: str, delimiter: str) -> pd.DataFrame | None:
    """pandas' C parser for well-formed files (10× faster); ``None`` sends odd files to the csv module."""
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        return None
    if frame.columns.duplicated().any() or any(str(c).startswith("Unnamed: ") for c in frame.columns):
        return None  # duplicate or empty header cells: let the careful path explain
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    frame.attrs["overlong_rows"] = []
    return frame.fillna("")


def read_table(source: Path | str | bytes, delimiter: str | None = None) -> pd.DataFrame:
    """Read a CSV file into a DataFrame of strings; blank lines become all-empty rows."""
    if isinstance(source, (str, Path)) and not isinstance(source, bytes):
        path = Path(source)
        if not path.is_file():
            raise DataFormatError(f"{path} does not exist")
        data = path.read_bytes()
    else:
        data = source
    text = decode(data)
    if not text.strip():
        raise DataFormatError("the file is empty")
    delimiter = delimiter or sniff_delimiter(text)
    text = text.lstrip("\r\n")  # blank lines before the header are not data rows
    fast = _read_with_pandas(text, delimiter)
    if fast is not None:
        return fast
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise DataFormatError(f"not a readable CSV file: {exc}") from exc
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        raise DataFormatError(f"the header repeats the columns {dupes}")
    width = len(header)
    body = [(row + [""] * width)[:width] if len(row) <= width else row[: width - 1] + [delimiter.join(row[width - 1 :])] for row in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame.attrs["overlong_rows"] = [i for i, row in enumerate(rows[1:]) if len(row) > width]
    return frame.fillna("")


def load_feature_collection(data: bytes) -> dict:
    """Parse GeoJSON bytes; anything but a FeatureCollection is a clear error."""
    import json

    try:
        collection = json.loads(decode(data))
    except ValueError as exc:
        raise DataFormatError(f"not valid GeoJSON: {exc}") from exc
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataFormatError("not a GeoJSON FeatureCollection")
    return collection


def read_geojson_records(data: bytes) -> pd.DataFrame:
    """A GeoJSON FeatureCollection as a table: properties as text, points as ``lat``/``lon``."""
    collection = load_feature_collection(data)
    rows = []
    for feature in collection.get("features") or []:
        properties = {k: "" if v is None else str(v) for k, v in ((feature or {}).get("properties") or {}).items()}
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") == "Point" and isinstance(geometry.get("coordinates"), list) and len(geometry["coordinates"]) >= 2:
            lon, lat = geometry["coordinates"][:2]
            if not properties.get("lat") and not properties.get("lon"):
                properties["lat"], properties["lon"] = str(lat), str(lon)
        rows.append(properties)
    frame = pd.DataFrame(rows, dtype=object).fillna("")
    frame.attrs["overlong_rows"] = []
    return frame
