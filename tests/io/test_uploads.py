"""Uploads: the registry's file types, the same limits as the CLI, and a suite of hostile files.

Each hostile file is built by the test (``hostile_files.py``) and uploaded in a fresh
interpreter, which reports the outcome, the seconds and its peak memory; the suite asserts
the outcome and message and that memory stayed under 1.5 GB (time is reported, not asserted).
"""

import gzip
import importlib.util

from pathlib import Path

import pytest

from dashboard.core import limits
from dashboard.io.importers import registry
from dashboard.core.readers import DataFormatError
from dashboard.io.uploads import ALLOWED_SUFFIXES, validate_upload

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"


def _hostile():
    spec = importlib.util.spec_from_file_location("hostile_files", HERE / "hostile_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_accepted_types_are_the_registry_s():
    assert ALLOWED_SUFFIXES == registry.accepted_suffixes()
    assert {".csv", ".xlsx", ".kmz", ".gz"} <= set(ALLOWED_SUFFIXES)


def test_upload_detects_the_format_and_rejects_id_clashes(resolver):
    result = validate_upload("kohesio.csv", (FIXTURES / "kohesio_fi_sample.csv").read_bytes(), resolver, existing_ids={"TEST-001"})
    assert result.format == "kohesio"
    assert result.counts() == {"read": 5, "accepted": 2, "recovered": 0, "rejected": 3}
    assert result.rejected["reason"].tolist()[-1] == "id is already used by the shipped data (give the row an id of its own)"


def test_a_gzipped_upload_is_unpacked(resolver):
    data = gzip.compress((FIXTURES / "kohesio_fi_sample.csv").read_bytes())
    result = validate_upload("kohesio.csv.gz", data, resolver)
    assert result.format == "kohesio" and result.counts()["accepted"] == 3


def test_wrong_types_and_sizes_are_refused_with_the_figures(resolver):
    with pytest.raises(DataFormatError, match=r"file type \.png is not accepted; upload one of \.csv"):
        validate_upload("kuva.png", b"\x89PNG", resolver)
    with pytest.raises(limits.LimitError, match=r"the file is 20,971,521 bytes \(20\.00 MiB\); the limit is 20 MiB"):
        validate_upload("iso.csv", b"a" * (20 * limits.MiB + 1), resolver)
    with pytest.raises(DataFormatError, match="named .csv but holds JSON"):
        validate_upload("x.csv", b'{"type": "FeatureCollection"}', resolver)


def test_the_caller_can_pass_other_limits(resolver):
    data = (FIXTURES / "kohesio_fi_sample.csv").read_bytes()
    with pytest.raises(limits.LimitError, match="the limit is 3 rows"):
        validate_upload("kohesio.csv", data, resolver, limits_=limits.Limits(max_rows=3))


def test_utf16_csv_is_read_and_random_text_refused(resolver):
    text = (FIXTURES / "kohesio_fi_sample.csv").read_text(encoding="utf-8")
    assert validate_upload("k.csv", text.encode("utf-16"), resolver).counts()["accepted"] == 3
    with pytest.raises(DataFormatError, match="not text"):
        validate_upload("sivu.txt", bytes(range(1, 256)) * 40, resolver)


ATTACKS = {
    "xlsx_last_cell": ("refused", "sheet_rows", "the sheet 'Sheet' claims 1,048,576 rows (A1:XFD1048576); the limit is 200,000 rows"),
    "xlsx_100mb": ("refused", "zip_ratio", "'xl/worksheets/sheet1.xml' unpacks"),
    "xlsx_many_rows": ("refused", "sheet_rows", "the sheet 'Sheet' claims 1,500,000 rows (A1:A1500000); the limit is 200,000 rows"),
    "csv_empty_lines": ("refused", "rows", "the file has more than 200,000 rows (1,000,000 lines after the header)"),
    "csv_wide": ("refused", "columns", "the file has 1,000,000 columns; the limit is 500"),
    "kmz_repeat": ("refused", "zip_ratio", "'doc.kml' unpacks"),
    "kml_repeat": ("refused", "rows", "the file has more than 200,000 rows (200,001 or more placemarks)"),
    "kml_deep": ("refused", "xml_depth", "the XML nests elements 65 deep; the limit is 64"),
    "zip_bomb": ("refused", "unpacked_bytes", "the file unpacks to 512.0 MiB or more; the limit is 200 MiB unpacked"),
    "gzip_bomb": ("refused", "unpacked_bytes", "the file unpacks to 512.0 MiB or more; the limit is 200 MiB unpacked"),
    "geojson_deep": ("refused", "json_depth", "the JSON nests more than 900 levels deep; the limit is 64"),
    "geojson_malformed": ("refused", "format", "not valid GeoJSON: Expecting value: line 1 column 115"),
    "csv_utf16": ("accepted", "", ""),
    "random_txt": ("refused", "format", "the file is not text"),
    "random_txt_without_nul": ("refused", "format", "the file is not text in UTF-8, UTF-16 or Windows-1252"),
    "csv_stray_quote": ("accepted", "", "line 15: a quoted cell opened here runs to line 16; 1 lines"),  # the summaries in three languages quote more lines
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_upload_is_refused_with_its_message_in_bounded_memory(attack, tmp_path, geodata_dir):
    row = _hostile().measure(attack, str(tmp_path))
    outcome, key, message = ATTACKS[attack]
    print(f"\n{attack}: {row['outcome']} {row['key']} in {row['seconds']} s, peak {row['peak_mb']} MB: {row['message'][:120]}")
    assert (row["outcome"], row["key"]) == (outcome, key), row
    assert message in row["message"], row
    assert row["peak_mb"] < 1536, row
    if attack == "csv_utf16":
        assert row["counts"] == {"read": 261, "accepted": 261, "recovered": 0, "rejected": 0}
    if attack == "csv_stray_quote":
        assert row["counts"] == {"read": 260, "accepted": 259, "recovered": 0, "rejected": 1}  # the swallowing row is rejected ...
        assert "the file has 262 lines but 261 records" in row["message"]  # ... and the report says so
