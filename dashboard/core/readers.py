"""Read files as users actually have them — and as attackers make them — within limits.

* Text: UTF-8 with or without BOM, UTF-16 (with a BOM, or recognised from its NUL pattern)
  and Windows-1252 are decoded; anything else, random bytes included, is refused as "not
  text". Which 8-bit encoding a file is in is charset-normalizer's call.
* CSV: ``,`` / ``;`` / tab delimiters are sniffed (``csv.Sniffer``), every cell is read as
  text (codes keep their leading zeros; parsing is the schema's job), empty lines are kept
  as rows so that they are counted, not lost. A quote that swallows lines is reported with
  the physical line range it swallowed.
* Archives (xlsx, kmz, gzip): the zip directory is checked before anything is unpacked,
  and members are read in bounded chunks; a sheet's claimed size (``<dimension ref>``) is
  checked before any cell is read.
* XML and JSON: depth and element counts are bounded.

Every limit comes from :mod:`dashboard.core.limits` (the active limits of this import).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import html
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from dashboard.core import limits
from dashboard.core.limits import DataFormatError, LimitError

__all__ = ["DataFormatError", "LimitError", "decode", "sniff_delimiter", "read_table", "read_excel_table", "load_feature_collection"]

MAX_UPLOAD_BYTES = limits.DEFAULT_LIMITS.max_bytes
_CHUNK = 1 << 20


# ---------------------------------------------------------------- text


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit in every other position, as in UTF-16 text."""
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16, else the 8-bit encoding charset-normalizer finds.

    Files that are not text (NUL bytes that are not UTF-16, or bytes no encoding makes
    sense of) are refused, so that random bytes never become records.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DataFormatError(f"the file starts as UTF-16 text but is not valid UTF-16 ({exc.reason} at byte {exc.start})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    sample = data[:8192]
    if b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
        raise DataFormatError("the file is not text: it contains NUL bytes (binary data, not a CSV or text file)")
    from charset_normalizer import from_bytes

    # A quarter of a megabyte tells the encoding as well as the whole file, in a tenth of the time.
    best = from_bytes(data[:262144], cp_isolation=["cp1252", "iso8859_15"]).best()
    if best is None:
        raise DataFormatError("the file is not text in UTF-8, UTF-16 or Windows-1252 (random or binary bytes?)")
    return data.decode(best.encoding, errors="replace")


def sniff_delimiter(text: str) -> str:
    """``csv.Sniffer``'s choice among ``,`` ``;`` tab, checked against the header line.

    The header decides when the sniffer is unsure or picks a character the header does not
    contain (``;`` inside list cells of a comma file, for example).
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    candidates = [d for d in (",", ";", "\t") if d in header]
    if len(candidates) <= 1:
        return candidates[0] if candidates else ","
    sample = text[:16384]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in candidates:
        return sniffed
    return max(candidates, key=header.count)


def _physical_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _check_cells(frame: pd.DataFrame) -> None:
    """Refuse a cell longer than the limit (vectorised: 20 ms for two million cells)."""
    limit = limits.current().max_cell_chars
    for column in frame.columns:
        lengths = frame[column].str.len()
        longest = lengths.max() if len(lengths) else 0
        if longest > limit:
            position = int(lengths.to_numpy().argmax())
            limits.check_cell(int(longest), where=f"row {position + 2}, column '{column}'")


def _read_with_pandas(text: str, delimiter: str, nrows: int | None = None) -> pd.DataFrame | None:
    """pandas' C parser for well-formed files (10× faster); ``None`` sends odd files to the csv module.

    ``nrows`` stops a file with more lines than the row limit early (it costs a quarter more
    time, so it is passed only when the line count says the limit may be reached).
    """
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
            nrows=nrows,
        )
    except (pd.errors.ParserError, ValueError):
        return None
    if frame.columns.duplicated().any() or any(str(c).startswith("Unnamed: ") for c in frame.columns):
        return None  # duplicate or empty header cells: let the careful path explain
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    frame.attrs["overlong_rows"] = []
    return frame.fillna("")


def _address_space_limited() -> bool:
    """True under an address-space limit (the isolated upload reader, ``io/isolated``): pyarrow's
    thread pool and allocator reserve far more address space than they use, and would crash there."""
    try:
        import resource
    except ImportError:  # not a POSIX system: no such limit
        return False
    return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY


def _read_with_pyarrow(text: str, delimiter: str, physical: int) -> pd.DataFrame | None:
    """pyarrow's parser (three times the C parser) for the plainest files only; else ``None``.

    It skips blank lines and cannot tell a line break inside a quoted cell from a new record,
    so its result is kept only when every physical line after the header became exactly one
    record (no blank line, no multi-line cell); a ragged row makes it raise. Everything else
    goes on to the C parser and the careful path as before.
    """
    if _address_space_limited():
        return None
    header = text.split("\n", 1)[0].rstrip("\r")
    if '"' in header or len(set(header.split(delimiter))) != header.count(delimiter) + 1:
        return None  # quoted or duplicate header cells: the C parser's path explains them
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, engine="pyarrow")
    except (ImportError, pd.errors.ParserError, ValueError):
        return None
    if len(frame) + 1 != physical or frame.columns.duplicated().any() or any(str(c).strip() == "" for c in frame.columns):
        return None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    frame.attrs["overlong_rows"] = []
    return frame.fillna("")


def _read_with_csv(text: str, delimiter: str) -> pd.DataFrame:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    max_rows = limits.current().max_rows
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) % 10000 == 0:
                limits.check_time()
            if len(rows) > max_rows + 1:
                break
    except csv.Error as exc:
        raise DataFormatError(f"not a readable CSV file (line {reader.line_num}): {exc}") from exc
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise DataFormatError("the file is empty")
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        raise DataFormatError(f"the header repeats the columns {dupes}")
    width = len(header)
    body = [(row + [""] * width)[:width] if len(row) <= width else row[: width - 1] + [delimiter.join(row[width - 1 :])] for row in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame.attrs["overlong_rows"] = [i for i, row in enumerate(rows[1:]) if len(row) > width]
    return frame.fillna("")


def _swallowed(text: str, delimiter: str, width: int, first_line: int) -> list[tuple[int, int, int, int]]:
    """Records that span several physical lines *and* swallowed lines that look like rows.

    Returns ``(start line, end line, lines that look like rows, row position)`` in the
    file's own line numbers (the position counts data rows from 0). A summary with a line
    break is one legitimate multi-line cell; a stray quote that runs over rows full of
    delimiters is a swallow, and a person must hear of it.
    """
    found = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = 0
    lines = text.split("\n")
    threshold = max(1, (width - 1) // 2)
    try:
        for record, _ in enumerate(reader):
            end = reader.line_num
            start = previous + 1
            if end > start:
                rowlike = sum(1 for line in lines[start:end] if line.count(delimiter) >= threshold)
                if rowlike:
                    found.append((start + first_line - 1, end + first_line - 1, rowlike, record - 1))
            previous = end
    except csv.Error:
        pass
    return found


def read_table(source: Path | str | bytes, delimiter: str | None = None) -> pd.DataFrame:
    """Read a CSV file into a DataFrame of strings; blank lines become all-empty rows.

    ``frame.attrs`` carries what a report needs: ``overlong_rows`` (positions of rows with
    more fields than the header), ``physical_lines`` and ``swallowed`` (see :func:`reader_notes`).
    """
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
    stripped = text.lstrip("\r\n")  # blank lines before the header are not data rows
    first_line = text[: len(text) - len(stripped)].count("\n") + 1
    text = stripped
    header_line = text.split("\n", 1)[0]
    limits.check_columns(header_line.count(delimiter) + 1)
    physical = _physical_lines(text)
    max_rows = limits.current().max_rows
    frame = _read_with_pyarrow(text, delimiter, physical) if physical <= max_rows + 1 else None
    if frame is None:
        frame = _read_with_pandas(text, delimiter, nrows=max_rows + 1 if physical > max_rows + 1 else None)
    if frame is None:
        frame = _read_with_csv(text, delimiter)
    if len(frame) > limits.current().max_rows:
        limits.check_rows(len(frame), found=f"{physical - 1:,} lines after the header", unit="lines_after_header", figure=physical - 1)
    limits.check_columns(len(frame.columns))
    limit = limits.current().max_cell_chars
    # A shorter file cannot hold a longer cell, nor (unless cells span lines) a file of short
    # lines; counting line lengths is cheaper than counting cells below a few megabytes.
    if len(text) > limit and (len(text) > 4 * limit * 10 or len(frame) + 1 < physical or max(map(len, text.split("\n"))) > limit):
        _check_cells(frame)
    frame.attrs["physical_lines"] = physical
    frame.attrs["first_line"] = first_line
    frame.attrs["swallowed"] = []
    # Fewer records than lines: some cell holds line breaks. Find out which, and whether it
    # swallowed rows (an unclosed quote), only then — the scan costs a second pass.
    if len(frame) + 1 < physical:
        frame.attrs["swallowed"] = _swallowed(text, delimiter, len(frame.columns), first_line)
    return frame


def swallowed_rows(frame: pd.DataFrame) -> dict[int, str]:
    """Row position → the reason to reject a row that swallowed others (its cells are not one row's)."""
    return {
        position: f"line {start}: a quoted cell opened here runs to line {end}, taking {rowlike} more rows into one cell; "
        f"fix the stray \" on line {start} and import again"
        for start, end, rowlike, position in frame.attrs.get("swallowed", [])
        if 0 <= position < len(frame)
    }


def reader_notes(frame: pd.DataFrame) -> list[str]:
    """What a person must be told about how the file's lines became rows."""
    notes = []
    for start, end, rowlike, _ in frame.attrs.get("swallowed", []):
        notes.append(
            f"line {start}: a quoted cell opened here runs to line {end}; {end - start} lines "
            f"({rowlike} of them look like rows) were read as part of that one cell, not as rows — check for a stray \" on line {start}"
        )
    physical = frame.attrs.get("physical_lines")
    if notes and physical:
        notes.append(f"the file has {physical:,} lines but {len(frame) + 1:,} records (header included)")
    return notes


# ---------------------------------------------------------------- archives


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A zip archive whose directory is within the limits (members, unpacked size, ratio)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise DataFormatError(f"not a readable zip archive (xlsx/kmz): {exc}") from exc
    active = limits.current()
    members = archive.infolist()
    if len(members) > active.max_zip_members:
        raise LimitError("zip_members", found=len(members), limit=active.max_zip_members)
    limits.check_unpacked(sum(m.file_size for m in members))
    for member in members:
        if member.file_size > _CHUNK and member.file_size > active.max_zip_ratio * max(member.compress_size, 1):
            raise LimitError("zip_ratio", member=member.filename, found=member.file_size // max(member.compress_size, 1), limit=active.max_zip_ratio)
    return archive


def read_zip_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member, read in chunks and stopped at the unpacked limit (the directory may lie)."""
    parts, size = [], 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                limits.check_unpacked(size)
                parts.append(chunk)
                limits.check_time()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise DataFormatError(f"the archive member '{name}' cannot be unpacked: {exc}") from exc
    return b"".join(parts)


def gunzip(data: bytes) -> bytes:
    """A gzip file unpacked in chunks, stopped at the unpacked limit.

    The size its trailer states (ISIZE, modulo 4 GiB) is checked first, so an honest bomb
    costs nothing; a lying one is stopped while streaming.
    """
    if len(data) >= 18:
        limits.check_unpacked(int.from_bytes(data[-4:], "little"))
    parts, size = [], 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                limits.check_unpacked(size)
                parts.append(chunk)
                limits.check_time()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DataFormatError(f"not a readable gzip file: {exc}") from exc
    return b"".join(parts)


# ---------------------------------------------------------------- Excel


def cell_text(value: Any) -> str:
    """A cell as text the schema parses: whole numbers without ``.0``, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')  # a cell's address (a row's r= has no letters)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, from the workbook and its relationships (for messages)."""
    try:
        workbook = read_zip_member(archive, "xl/workbook.xml")
        relations = read_zip_member(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, DataFormatError):
        return {}
    targets = {}
    for match in _RELATION.finditer(relations):
        rid, target = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        target = target.decode("utf-8", "replace").lstrip("/")
        targets[rid.decode()] = target if target.startswith("xl/") else f"xl/{target}"
    return {targets.get(rid.decode(), ""): html.unescape(name.decode("utf-8", "replace")) for name, rid in _SHEET.findall(workbook)}


def _sheet_size(archive: zipfile.ZipFile, name: str) -> tuple[int, int, bool]:
    """``(rows, columns, stated)`` of a worksheet part, before openpyxl reads it.

    The ``<dimension ref>`` near the start states the size; without one, the part is
    streamed (bounded by the unpacked limit) and only the largest cell address is kept, so
    a cell hidden at XFD1048576 is found without allocating a row for it.
    """
    from openpyxl.utils import column_index_from_string

    rows = columns = 0
    size, tail = 0, b""
    with archive.open(name) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            limits.check_unpacked(size)
            block = tail + chunk
            if size == len(chunk):  # the first chunk: is the size stated?
                data_start = block.find(b"sheetData")
                match = _DIMENSION.search(block, 0, data_start if data_start >= 0 else len(block))
                if match:
                    letters, number = (match.group(3), match.group(4)) if match.group(3) else (match.group(1), match.group(2))
                    return int(number), column_index_from_string(letters.decode()), True
            for letters, number in _CELL_REF.findall(block):
                rows = max(rows, int(number))
                columns = max(columns, column_index_from_string(letters.decode()))
            tail = block[-32:]
            limits.check_time()
    return rows, columns, False


def _check_sheet_sizes(archive: zipfile.ZipFile) -> None:
    from openpyxl.utils import get_column_letter

    active = limits.current()
    titles = _sheet_titles(archive)
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        rows, columns, _ = _sheet_size(archive, name)
        title = titles.get(name, name)
        ref = f"A1:{get_column_letter(max(1, min(columns, 18278)))}{max(rows, 1)}"
        if rows > active.max_rows + 1:
            raise LimitError("sheet_rows", sheet=title, found=rows, ref=ref, limit=active.max_rows)
        if columns > active.max_columns:
            raise LimitError("sheet_columns", sheet=title, found=columns, ref=ref, limit=active.max_columns)


def open_workbook(data: bytes):
    """An openpyxl workbook in read-only (streaming) mode, after the zip and sheet-size checks."""
    archive = open_zip(data)
    try:
        _check_sheet_sizes(archive)
    finally:
        archive.close()
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except LimitError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise DataFormatError(f"not a readable Excel file: {type(exc).__name__}: {exc}") from exc


def sheet_rows(sheet) -> Iterator[list[str]]:
    """The rows of a read-only sheet as text (its size was checked by :func:`open_workbook`)."""
    from openpyxl.utils import get_column_letter

    active = limits.current()
    claimed_rows, claimed_columns = sheet.max_row, sheet.max_column  # from <dimension ref>, no cells read
    if claimed_rows and claimed_columns:
        ref = f"A1:{get_column_letter(min(claimed_columns, 18278))}{claimed_rows}"
        if claimed_rows > active.max_rows + 1:
            raise LimitError("sheet_rows", sheet=sheet.title, found=claimed_rows, ref=ref, limit=active.max_rows)
        if claimed_columns > active.max_columns:
            raise LimitError("sheet_columns", sheet=sheet.title, found=claimed_columns, ref=ref, limit=active.max_columns)
    width = max(min(claimed_columns or active.max_columns, active.max_columns), 1)
    count = 0
    try:
        for values in sheet.iter_rows(min_row=1, max_row=active.max_rows + 2, max_col=width, values_only=True):
            count += 1
            if count > active.max_rows + 1:
                limits.check_rows(count - 1, found=f"{count - 1:,} or more rows in the sheet '{sheet.title}'", unit="sheet_rows")
            if count % 5000 == 0:
                limits.check_time()
            row = [cell_text(v) for v in values]
            for number, cell in enumerate(row, start=1):
                if len(cell) > active.max_cell_chars:
                    limits.check_cell(len(cell), where=f"{sheet.title}!{get_column_letter(number)}{count}")
            yield row
    except (LimitError, DataFormatError):
        raise
    except Exception as exc:
        raise DataFormatError(f"the sheet '{sheet.title}' cannot be read: {type(exc).__name__}: {exc}") from exc


def read_sheet(data: bytes, sheet_name: str | None = None) -> tuple[str, list[list[str]]]:
    """``(sheet title, rows)`` of one sheet (the first by default), trailing empty rows dropped."""
    workbook = open_workbook(data)
    try:
        if sheet_name is None:
            sheet = workbook.worksheets[0]
        elif sheet_name in workbook.sheetnames:
            sheet = workbook[sheet_name]
        else:
            raise DataFormatError(f"the workbook has no sheet '{sheet_name}' (sheets: {', '.join(workbook.sheetnames)})")
        rows = list(sheet_rows(sheet))
        title = sheet.title
    finally:
        workbook.close()
    while rows and not any(rows[-1]):
        rows.pop()
    return title, rows


def read_excel_table(data: bytes, sheet_name: str | None = None) -> pd.DataFrame:
    """The first sheet as a table of text (first non-empty row = header), like :func:`read_table`."""
    _, rows = read_sheet(data, sheet_name)
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise DataFormatError("the sheet is empty")
    last = max((i for i, h in enumerate(rows[0]) if h), default=-1)
    header = rows[0][: last + 1]
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        raise DataFormatError(f"the header repeats the columns {dupes}")
    width = len(header)
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=object).fillna("")
    frame.attrs["overlong_rows"] = []
    return frame


# ---------------------------------------------------------------- XML


def parse_xml(data: bytes):
    """An element tree from XML in any of the text encodings, with depth and element limits.

    Parsed with defusedxml (no entity expansion, no network); the encoding is decoded here
    (a declaration that says UTF-8 on a file a spreadsheet program saved as Windows-1252
    is common), so the parser always sees UTF-8.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    text = decode(data).lstrip("\ufeff")
    if text.lstrip().startswith("<?xml"):
        text = text[text.index("?>") + 2 :] if "?>" in text else text
    active = limits.current()
    depth = elements = rows = 0
    root = None
    try:
        for event, element in iterparse(io.BytesIO(text.encode("utf-8")), events=("start", "end")):
            if event == "end":
                depth -= 1
                continue
            if root is None:
                root = element
            depth += 1
            elements += 1
            if depth > active.max_xml_depth:
                raise LimitError("xml_depth", found=depth, limit=active.max_xml_depth)
            if elements > active.max_xml_elements:
                raise LimitError("xml_elements", limit=active.max_xml_elements)
            if element.tag.endswith("Placemark"):
                rows += 1
                if rows > active.max_rows:
                    limits.check_rows(rows, found=f"{rows:,} or more placemarks", unit="placemarks")
            if elements % 20000 == 0:
                limits.check_time()
    except ParseError as exc:
        raise DataFormatError(f"not readable XML: {exc}") from exc
    except DefusedXmlException as exc:
        raise DataFormatError(f"the XML was refused ({type(exc).__name__}: entities, DTDs and external references are not allowed)") from exc
    if root is None:
        raise DataFormatError("the file holds no XML element")
    return root


# ---------------------------------------------------------------- JSON


def _json_depth(value: object, limit: int) -> int:
    """The nesting depth of parsed JSON, walked without recursion and stopped past ``limit``."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def load_feature_collection(data: bytes) -> dict:
    """Parse GeoJSON bytes; anything but a FeatureCollection within the limits is a clear error."""
    active = limits.current()
    try:
        collection = json.loads(decode(data))
    except RecursionError as exc:
        raise LimitError("json_depth", found="more than 900", limit=active.max_json_depth) from exc
    except ValueError as exc:
        raise DataFormatError(f"not valid GeoJSON: {exc}") from exc
    depth = _json_depth(collection, active.max_json_depth)
    if depth > active.max_json_depth:
        raise LimitError("json_depth", found=f"{depth} or more", limit=active.max_json_depth)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataFormatError("not a GeoJSON FeatureCollection (the top level must be {\"type\": \"FeatureCollection\", \"features\": [...]})")
    features = collection.get("features")
    if features is None:
        collection["features"] = []
    elif not isinstance(features, list):
        raise DataFormatError("not valid GeoJSON: 'features' must be a list")
    limits.check_rows(len(collection["features"]), found=f"{len(collection['features']):,} features", unit="features")
    return collection


def feature_parts(feature: object) -> tuple[dict, dict | None]:
    """``(properties, geometry)`` of a feature; anything malformed becomes empty, not an exception."""
    if not isinstance(feature, dict):
        return {}, None
    properties = feature.get("properties")
    geometry = feature.get("geometry")
    return (properties if isinstance(properties, dict) else {}), (geometry if isinstance(geometry, dict) else None)


def read_geojson_records(data: bytes) -> pd.DataFrame:
    """A GeoJSON FeatureCollection as a table: properties as text, points as ``lat``/``lon``."""
    collection = load_feature_collection(data)
    rows = []
    for feature in collection["features"]:
        raw, geometry = feature_parts(feature)
        properties = {str(k): "" if v is None else str(v) for k, v in raw.items()}
        geometry = geometry or {}
        coordinates = geometry.get("coordinates")
        if geometry.get("type") == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2:
            lon, lat = coordinates[:2]
            if not properties.get("lat") and not properties.get("lon"):
                properties["lat"], properties["lon"] = str(lat), str(lon)
        rows.append(properties)
    frame = pd.DataFrame(rows, dtype=object).fillna("")
    limits.check_columns(len(frame.columns))
    frame.attrs["overlong_rows"] = []
    return frame
