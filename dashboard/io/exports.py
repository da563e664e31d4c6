"""Files we hand out: CSV, Excel and GeoJSON downloads, and every file the CLI writes.

* Spreadsheet formulas are neutralised: a text cell that starts with ``=`` ``+`` ``-`` ``@``
  tab or CR (``=HYPERLINK(…)``, ``+cmd|…``) is prefixed with ``'`` in CSV and written as a
  *string* cell in Excel, so opening a download never runs anything. Numbers stay numbers.
* Writes are all or nothing: the bytes go to a temporary file beside the target, are
  flushed to disk, and replace the target with ``os.replace``; a kill at any moment leaves
  the previous file or the complete new one. A bad path says what to do (:class:`WriteError`).
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class WriteError(Exception):
    """A file could not be written; the message says why and what to do."""


# ---------------------------------------------------------------- formulas


def neutralise(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made inert with a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are neutralised (number columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for spreadsheet programs: UTF-8 with BOM (Excel reads ä and ö right), CRLF, formulas inert.

    CRLF line ends (RFC 4180) also make the writer quote a cell holding a bare CR.
    """
    return neutralised(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "hankkeet") -> bytes:
    """An Excel workbook in which every text cell is a string cell, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)

    def cell(value: object) -> WriteOnlyCell:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            value = None
        item = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            item.data_type = "s"  # a text starting with "=" stays text
        return item

    sheet.append([cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def projects_geojson(filtered: pd.DataFrame, allocation: pd.DataFrame, municipality_shapes) -> bytes:
    """Projects with the union of their municipalities as geometry (null where area unknown)."""
    import geopandas as gpd

    from dashboard.query.filters import filter_allocation

    allocation = filter_allocation(allocation, filtered["id"])
    shapes = municipality_shapes.set_index("code").geometry
    geometries = allocation.loc[allocation["municipality"] != ""].groupby("project_id")["municipality"].apply(
        lambda codes: shapes.reindex(codes).union_all()
    )
    frame = gpd.GeoDataFrame(
        filtered.drop(columns=["leader"]).assign(
            start_date=filtered["start_date"].dt.strftime("%Y-%m-%d"), end_date=filtered["end_date"].dt.strftime("%Y-%m-%d")
        ),
        geometry=filtered["id"].map(geometries).to_numpy(),
        crs="EPSG:4326",
    )
    frame["leader"] = filtered["leader"].astype(object).where(filtered["leader"].notna(), None).to_numpy()
    return frame.to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- atomic writes


def _explain(path: Path, exc: OSError) -> WriteError:
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return WriteError(f"cannot write {path}: it is a directory; give a file name (for example {path / 'out.csv'})")
    if isinstance(exc, PermissionError):
        return WriteError(f"cannot write {path}: permission denied; choose a folder you can write to")
    if not path.parent.is_dir():
        return WriteError(f"cannot write {path}: the folder {path.parent} does not exist; create it first")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return WriteError(f"cannot write {path}: the disk is full; free some space and run again (the previous file is unchanged)")
    if exc.errno == errno.EROFS:
        return WriteError(f"cannot write {path}: the file system is read-only; choose another place")
    return WriteError(f"cannot write {path}: {exc.strerror or exc}")


def atomic_write(path: Path | str, chunks: bytes | Iterable[bytes]) -> Path:
    """Write ``chunks`` to ``path`` all or nothing (temporary file, fsync, ``os.replace``)."""
    path = Path(path)
    if path.is_dir():
        raise _explain(path, IsADirectoryError(errno.EISDIR, "is a directory"))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    except OSError as exc:
        raise _explain(path, exc) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in [chunks] if isinstance(chunks, (bytes, bytearray)) else chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            try:
                os.chmod(temporary, path.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as exc:
        _discard(temporary)
        raise _explain(path, exc) from exc
    except BaseException:
        _discard(temporary)
        raise
    return path


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return atomic_write(path, text.encode(encoding))


def _discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass
