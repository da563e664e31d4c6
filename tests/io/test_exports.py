"""Exports: formulas made inert in CSV and Excel; all-or-nothing writes with clear failures."""

import errno
import io
import os
import signal
import subprocess
import sys

from pathlib import Path

import pandas as pd
import pytest

from dashboard.io import exports

PAYLOADS = ["=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "tavallinen"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"name": PAYLOADS, "money": [1.5, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0]})


def test_csv_prefixes_formula_cells_and_keeps_numbers():
    import csv

    text = exports.csv_bytes(_frame()).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert header == ["name", "money"]
    assert [r[0] for r in rows] == ["'" + p for p in PAYLOADS[:-1]] + ["tavallinen"]
    assert [r[1] for r in rows] == ["1.5", "-2.0", "3.0", "4.0", "5.0", "6.0", "7.0"]  # negative numbers stay numbers


def test_excel_writes_formula_text_as_strings():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(_frame(), "hankkeet")))["hankkeet"]
    names = [c for c in sheet["A"][1:]]
    assert [c.value.replace("\n", "\r") for c in names] == PAYLOADS  # XML stores CR as a line end
    assert {c.data_type for c in names} == {"s"}  # no cell is a formula ("f")
    assert [c.value for c in sheet["B"][1:]] == [1.5, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0]


def test_atomic_write_replaces_the_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    exports.atomic_write(target, [b"new ", b"content"])
    assert target.read_text() == "new content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left behind


def test_a_failure_mid_write_leaves_the_previous_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("previous")

    def chunks():
        yield b"partial"
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(exports.WriteError, match="the disk is full; free some space and run again"):
        exports.atomic_write(target, chunks())
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_bad_paths_give_a_message(tmp_path):
    with pytest.raises(exports.WriteError, match="it is a directory; give a file name"):
        exports.atomic_write(tmp_path, b"x")
    with pytest.raises(exports.WriteError, match="does not exist; create it first"):
        exports.atomic_write(tmp_path / "missing" / "out.csv", b"x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        # As root every folder is writable: /sys is not (a read-only file system).
        unwritable = locked if not os.access(locked, os.W_OK) else Path("/sys")
        with pytest.raises(exports.WriteError, match="permission denied|read-only"):
            exports.atomic_write(unwritable / "out.csv", b"x")
    finally:
        locked.chmod(0o700)


KILLED_WRITER = """
import sys, time
from dashboard.io.exports import atomic_write
def chunks():
    for i in range(1000):
        yield b"x" * 100000
        if i == 5:
            print("writing", flush=True)
            time.sleep(60)
atomic_write(sys.argv[1], chunks())
"""


def test_a_killed_writer_leaves_the_previous_file(tmp_path):
    target = tmp_path / "OUT.csv"
    target.write_text("previous complete file")
    process = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True, env=os.environ)
    assert process.stdout.readline().strip() == "writing"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert target.read_text() == "previous complete file"


def test_cli_import_to_a_directory_or_unwritable_path_is_a_message_not_a_traceback(tmp_path, geodata_dir):
    source = Path(__file__).resolve().parents[1] / "fixtures" / "kohesio_fi_sample.csv"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for output, expected in ((tmp_path, "it is a directory"), (tmp_path / "no" / "such" / "out.csv", "does not exist")):
        result = subprocess.run([sys.executable, "-m", "dashboard", "import", str(source), "-o", str(output)], capture_output=True, text=True, env=env)
        assert result.returncode == 2, result.stderr
        assert expected in result.stderr and "Traceback" not in result.stderr


def test_cli_import_writes_atomically_and_neutralises_the_rejects(tmp_path, geodata_dir):
    from dashboard.cli import main

    source = tmp_path / "projects_in.csv"
    source.write_text("id,name,fund\np1,Hanke,ERDF\n,=HYPERLINK(\"x\"),ERDF\n", encoding="utf-8")
    output = tmp_path / "out.csv"
    output.write_text("previous")
    assert main(["import", str(source), "-o", str(output)]) == 0
    assert pd.read_csv(output, dtype=str)["id"].tolist() == ["p1"]
    rejects = (tmp_path / "out.rejects.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in rejects
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.rejects.csv", "projects_in.csv"]


def test_projects_geojson_unions_the_municipalities(municipalities):
    import json

    filtered = pd.DataFrame(
        {
            "id": ["a", "b"],
            "name": ["=HYPERLINK(1)", "Toinen"],
            "start_date": pd.to_datetime(["2024-01-01", None]),
            "end_date": pd.to_datetime(["2025-06-30", None]),
            "leader": pd.array([True, None], dtype="boolean"),
        }
    )
    allocation = pd.DataFrame({"project_id": ["a", "a", "b"], "municipality": ["179", "216", ""]})
    collection = json.loads(exports.projects_geojson(filtered, allocation, municipalities[["code", "geometry"]]))
    first, second = collection["features"]
    assert first["properties"] == {"id": "a", "name": "=HYPERLINK(1)", "start_date": "2024-01-01", "end_date": "2025-06-30", "leader": True}
    assert first["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert second["geometry"] is None and second["properties"]["leader"] is None  # area unknown stays unknown


def test_cli_limits_apply_unless_raised(tmp_path, geodata_dir, capsys):
    from dashboard.cli import main

    source = tmp_path / "projects_in.csv"
    source.write_text("id,name,fund\n" + "".join(f"p{i},Hanke {i},ERDF\n" for i in range(30)), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "out.csv"), "--max-rows", "10"]) == 2
    assert "the file has more than 10 rows (30 lines after the header); the limit is 10 rows" in capsys.readouterr().err
    assert not (tmp_path / "out.csv").exists()
    assert main(["import", str(source), "-o", str(tmp_path / "out.csv"), "--max-rows", "100", "--json"]) == 0
    assert '"accepted": 30' in capsys.readouterr().out
