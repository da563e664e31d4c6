"""Importers: real sources in, canonical records out, every row accounted for.

``import_bytes(format, data, resolver)`` is what the CLI and the app's upload call. The
formats, their file types and how each is recognised are listed once, in
:mod:`dashboard.io.importers.registry`. Each importer returns an
:class:`~dashboard.io.importers.base.ImportResult` with ``read == accepted + rejected`` and
the number of ``recovered`` rows. Imports run under the limits of :mod:`dashboard.core.limits`.

Imports go one way: ``uploads`` → ``importers`` → ``importers.registry`` → format modules.
"""

from __future__ import annotations

from dashboard.core.names import AreaResolver
from dashboard.core import limits
from dashboard.io.importers.base import ImportResult
from dashboard.io.importers.page_text_import import import_page_text
from dashboard.io.importers.registry import FORMATS, REGISTRY, accepted_suffixes, detect_format, get
from dashboard.core.readers import DataFormatError, gunzip

__all__ = ["FORMATS", "REGISTRY", "ImportResult", "accepted_suffixes", "detect_format", "import_bytes", "import_page_text"]


def import_bytes(
    format_name: str,
    data: bytes,
    resolver: AreaResolver,
    kind: str | None = None,
    filename: str = "",
    limits_: limits.Limits | None = None,
) -> ImportResult:
    """Run one importer on raw bytes within the limits; a file that is not what it claims raises DataFormatError.

    ``format_name`` may be ``auto`` (detected from ``filename`` and the content). Gzip
    files are unpacked first (bounded). The limits are the active ones, or ``limits_``.
    """
    with limits.applied(limits_):
        limits.check_bytes(len(data))
        if data[:2] == b"\x1f\x8b":
            data = gunzip(data)
            filename = filename[:-3] if filename.lower().endswith(".gz") else filename
        if format_name == "auto":
            format_name = detect_format(filename or "file.csv", data)
        entry = get(format_name)
        try:
            return entry.run(data, resolver, kind, filename)
        except RecursionError as exc:
            raise DataFormatError("the file nests too deeply to be read") from exc
