"""Every format as files really come: each fixture re-saved with every delimiter, encoding and line end.

A spreadsheet program hands a list over with ``;`` or tab, as Windows-1252 or UTF-8 with or
without a BOM, with CRLF or LF. Whatever the combination, the same records must come out
(the EURA importer has its own test, by its owner).
"""

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from dashboard.io.importers import import_bytes

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures"
TABLES = [
    ("canonical", REPO / "data" / "projects.csv"),
    ("canonical", REPO / "data" / "services.csv"),
    ("kohesio", FIXTURES / "kohesio_fi_sample.csv"),
    ("rural-register", FIXTURES / "rural_register.csv"),
]
DOCUMENTS = [("kml", FIXTURES / "mymaps_luontopalvelut.kml"), ("geojson", FIXTURES / "overpass_export.geojson")]
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")
LINE_ENDS = {"LF": "\n", "CRLF": "\r\n"}


def _records(result) -> tuple:
    rejected = tuple(zip(result.rejected["row"].astype(str), result.rejected["reason"]))
    return result.kind, result.counts(), result.canonical_csv(), rejected


_baselines: dict[Path, tuple] = {}


def _baseline(format_name: str, path: Path, resolver) -> tuple:
    if path not in _baselines:
        _baselines[path] = _records(import_bytes(format_name, path.read_bytes(), resolver, filename=path.name))
    return _baselines[path]


def _resave_table(path: Path, delimiter: str, encoding: str, line_end: str) -> bytes:
    text = path.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0]
    original = max(DELIMITERS.values(), key=header.count)  # the fixture's own delimiter
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=original))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("line_end", LINE_ENDS)
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", DELIMITERS)
@pytest.mark.parametrize("format_name, path", TABLES, ids=[p.name for _, p in TABLES])
def test_a_resaved_table_gives_the_same_records(resolver, format_name, path, delimiter, encoding, line_end):
    baseline = _baseline(format_name, path, resolver)
    data = _resave_table(path, DELIMITERS[delimiter], encoding, LINE_ENDS[line_end])
    assert _records(import_bytes(format_name, data, resolver, filename=path.name)) == baseline
    # ... and detection finds the same format in the re-saved file.
    assert import_bytes("auto", data, resolver, filename=path.name).format == format_name


@pytest.mark.parametrize("line_end", LINE_ENDS)
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("format_name, path", DOCUMENTS, ids=[p.name for _, p in DOCUMENTS])
def test_a_resaved_document_gives_the_same_records(resolver, format_name, path, encoding, line_end):
    baseline = _baseline(format_name, path, resolver)
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", LINE_ENDS[line_end])
    assert _records(import_bytes(format_name, text.encode(encoding), resolver, filename=path.name)) == baseline


def test_the_register_table_saved_as_excel_gives_the_same_records(resolver, tmp_path):
    path = FIXTURES / "rural_register.csv"
    excel = tmp_path / "rural_register.xlsx"
    pd.read_csv(path, dtype=str, keep_default_na=False).to_excel(excel, index=False)
    baseline = _baseline("rural-register", path, resolver)
    assert _records(import_bytes("auto", excel.read_bytes(), resolver, filename=excel.name)) == baseline


def test_the_baselines_are_real(resolver):
    """The fixtures are not empty: the equality above compares real records."""
    counts = {path.name: _baseline(f, path, resolver)[1] for f, path in TABLES + DOCUMENTS}
    assert counts["projects.csv"]["accepted"] == 261 and counts["services.csv"]["accepted"] == 210
    assert counts["kohesio_fi_sample.csv"] == {"read": 5, "accepted": 3, "recovered": 0, "rejected": 2}
    assert counts["rural_register.csv"] == {"read": 2, "accepted": 1, "recovered": 0, "rejected": 1}
    assert counts["mymaps_luontopalvelut.kml"]["accepted"] == 2 and counts["overpass_export.geojson"]["accepted"] == 4
