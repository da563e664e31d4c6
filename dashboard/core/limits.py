"""Resource limits for reading files that may be hostile: checked before work is done, not after.

A tiny file can claim a huge sheet, unpack to gigabytes or repeat one element a million
times. Every reader asks the active :class:`Limits` *before* it allocates (the zip
directory, the sheet's ``<dimension ref>``, the number of lines) and again while it
streams (elements, rows, unpacked bytes, seconds). A limit that is hit raises
:class:`LimitError` with a message key and its parameters, so that the message (which
names the limit and the figure found) can be translated; :func:`message` renders English.

The app and the CLI use the same defaults; the CLI can raise them with flags
(``--max-rows`` …). The active limits live in a context variable (one per thread or task),
so a session's import never changes another's.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from dataclasses import dataclass, field, replace
from typing import Iterator

MiB = 1024 * 1024


class DataFormatError(Exception):
    """The file as a whole cannot be read as the format it claims to be."""


@dataclass(frozen=True)
class Limits:
    """What one file may cost. Defaults are stated in the README (``limits_table``)."""

    max_bytes: int = 20 * MiB  # the file as uploaded (20 MiB, the upload widget's limit)
    max_unpacked_bytes: int = 200 * MiB  # after unzipping (xlsx, kmz) or gunzipping
    max_zip_ratio: int = 100  # unpacked ÷ packed size of one archive member (zip bombs reach 1000+)
    max_zip_members: int = 1000
    max_rows: int = 200_000
    max_columns: int = 500
    max_cell_chars: int = 100_000
    max_xml_depth: int = 64
    max_xml_elements: int = 2_000_000
    max_json_depth: int = 64
    max_seconds: float = 60.0

    def raised(self, **changes: float | int | None) -> "Limits":
        """A copy with some limits changed (``None`` values are ignored), for the CLI's flags."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


DEFAULT_LIMITS = Limits()

MESSAGES: dict[str, str] = {
    "file_bytes": "the file is {found:,} bytes ({found_mib:.2f} MiB); the limit is {limit_mib:.0f} MiB ({limit:,} bytes)",
    "unpacked_bytes": "the file unpacks to {found_mib:.1f} MiB or more; the limit is {limit_mib:.0f} MiB unpacked",
    "zip_ratio": "'{member}' unpacks {found}× its packed size (a zip bomb?); the limit is {limit}×",
    "zip_members": "the archive holds {found} files; the limit is {limit}",
    "rows": "the file has more than {limit:,} rows ({found}); the limit is {limit:,} rows",
    "sheet_rows": "the sheet '{sheet}' claims {found:,} rows ({ref}); the limit is {limit:,} rows",
    "sheet_columns": "the sheet '{sheet}' claims {found:,} columns ({ref}); the limit is {limit:,} columns",
    "columns": "the file has {found:,} columns; the limit is {limit:,}",
    "cell_chars": "{where}a cell holds {found:,} characters; the limit is {limit:,}",
    "xml_depth": "the XML nests elements {found} deep; the limit is {limit}",
    "xml_elements": "the XML has more than {limit:,} elements; the limit is {limit:,}",
    "json_depth": "the JSON nests {found} levels deep; the limit is {limit}",
    "seconds": "reading took longer than {limit:.0f} s (stopped after {found:.0f} s); the limit is {limit:.0f} s",
}


def message(key: str, **params: object) -> str:
    """The English text of a limit message (the app can look the key up in its own language)."""
    return MESSAGES[key].format(**params)


class LimitError(DataFormatError):
    """A limit was hit; ``key`` and ``params`` let the message be translated."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(message(key, **params))

    def __reduce__(self):
        # Sent from the upload's child process to the server: rebuilt from key and params
        # (the default would call ``LimitError(text)`` and fail on the unknown key).
        return (_rebuild_limit_error, (self.key, self.params))


def _rebuild_limit_error(key: str, params: dict) -> "LimitError":
    return LimitError(key, **params)


@dataclass
class _Active:
    limits: Limits
    started: float = field(default_factory=time.monotonic)


_ACTIVE: contextvars.ContextVar[_Active | None] = contextvars.ContextVar("hankekartta_limits", default=None)


@contextlib.contextmanager
def applied(limits: Limits | None = None) -> Iterator[Limits]:
    """Make ``limits`` the active ones (and start the clock) for the code inside, unless already active."""
    outer = _ACTIVE.get()
    if outer is not None and limits is None:
        yield outer.limits
        return
    token = _ACTIVE.set(_Active(limits or DEFAULT_LIMITS))
    try:
        yield _ACTIVE.get().limits
    finally:
        _ACTIVE.reset(token)


def current() -> Limits:
    active = _ACTIVE.get()
    return active.limits if active else DEFAULT_LIMITS


def check_time() -> None:
    """Raise when the active import has run past ``max_seconds`` (call it inside loops)."""
    active = _ACTIVE.get()
    if active is None:
        return
    elapsed = time.monotonic() - active.started
    if elapsed > active.limits.max_seconds:
        raise LimitError("seconds", limit=active.limits.max_seconds, found=elapsed)


def check_bytes(size: int) -> None:
    limit = current().max_bytes
    if size > limit:
        raise LimitError("file_bytes", found=size, found_mib=size / MiB, limit=limit, limit_mib=limit / MiB)


def check_rows(count: int, found: str = "", unit: str = "rows", figure: int | None = None) -> None:
    """``found`` words the figure in English; ``unit`` (``lines_after_header``, ``sheet_rows``,
    ``placemarks``, ``features``, ``rows``) and ``figure`` let the app say it in any language."""
    limit = current().max_rows
    if count > limit:
        raise LimitError("rows", limit=limit, found=found or f"{count:,} found", unit=unit, figure=count if figure is None else figure)


def check_columns(count: int) -> None:
    limit = current().max_columns
    if count > limit:
        raise LimitError("columns", limit=limit, found=count)


def check_cell(length: int, where: str = "") -> None:
    limit = current().max_cell_chars
    if length > limit:
        raise LimitError("cell_chars", limit=limit, found=length, where=f"{where}: " if where else "")


def check_unpacked(size: int) -> None:
    limit = current().max_unpacked_bytes
    if size > limit:
        raise LimitError("unpacked_bytes", found_mib=size / MiB, limit_mib=limit / MiB)


def limits_table(limits: Limits = DEFAULT_LIMITS) -> str:
    """The defaults as a Markdown table (for the README and ``--help``)."""
    rows = [
        ("file size (upload)", f"{limits.max_bytes / MiB:.0f} MiB", "--max-mb"),
        ("unpacked size (xlsx, kmz, gzip)", f"{limits.max_unpacked_bytes / MiB:.0f} MiB", "--max-unpacked-mb"),
        ("unpacked ÷ packed size of an archive member", f"{limits.max_zip_ratio}×", ""),
        ("files in an archive", f"{limits.max_zip_members:,}", ""),
        ("rows (also a sheet's claimed dimension, KML placemarks, GeoJSON features)", f"{limits.max_rows:,}", "--max-rows"),
        ("columns", f"{limits.max_columns:,}", ""),
        ("characters in one cell", f"{limits.max_cell_chars:,}", ""),
        ("XML depth / elements", f"{limits.max_xml_depth} / {limits.max_xml_elements:,}", ""),
        ("JSON depth", f"{limits.max_json_depth}", ""),
        ("wall time per file", f"{limits.max_seconds:.0f} s", "--max-seconds"),
    ]
    lines = ["| limit | default | CLI flag |", "|---|---|---|"]
    lines += [f"| {what} | {value} | {('`' + flag + '`') if flag else ''} |" for what, value, flag in rows]
    return "\n".join(lines)
