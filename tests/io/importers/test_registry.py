"""The importer registry is the one list: CLI choices, uploader types, detection and the README table."""

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.io.importers import registry

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
REPO = Path(__file__).resolve().parents[3]


def test_every_list_of_formats_comes_from_the_registry():
    from dashboard.cli import build_parser
    from dashboard.io import uploads
    from dashboard.io.importers import FORMATS

    assert FORMATS == registry.FORMATS == ("canonical", "eura", "rural-register", "template", "page-text", "kml", "geojson", "kohesio")
    imp = build_parser()._subparsers._group_actions[0].choices["import"]
    choices = next(a.choices for a in imp._actions if a.dest == "format")
    assert tuple(choices) == ("auto", *registry.FORMATS)
    assert uploads.ALLOWED_SUFFIXES == registry.accepted_suffixes() == (".csv", ".geojson", ".gz", ".json", ".kml", ".kmz", ".txt", ".xlsx")


@pytest.mark.parametrize(
    "filename, head, expected",
    [
        ("x.csv", "Koodi,Rahasto,Hankkeen nimi\n", "eura"),
        ("x.csv", "\ufeffKoodi;Rahasto;Hankkeen nimi\r\n", "eura"),
        ("x.csv", "Operation_Unique_Identifier\tOperation_Name_Programme_Language\n", "kohesio"),
        ("x.csv", "Hankenumero;Hankkeen nimi;Ohjelma/Rahasto\n", "rural-register"),
        ("x.csv", "id,name,fund\n", "canonical"),
        ("x.csv.gz", "id,name,fund\n", "canonical"),
        ("x.txt", "Hanke\n", "page-text"),
        ("x.kml", "", "kml"),
        ("x.KMZ", "", "kml"),
        ("x.geojson", "{}", "geojson"),
        ("x.json", "{}", "geojson"),
    ],
)
def test_detect_format(filename, head, expected):
    assert registry.detect_format(filename, head.encode("utf-8")) == expected


def test_an_excel_file_is_the_template_only_when_it_carries_the_marker(tmp_path):
    import pandas as pd

    path = tmp_path / "rekisteri.xlsx"
    pd.DataFrame({"Hankenumero": ["1"]}).to_excel(path, index=False)
    assert registry.detect_format("rekisteri.xlsx", path.read_bytes()) == "rural-register"


def test_an_unknown_type_or_format_is_a_clear_error():
    from dashboard.core.readers import DataFormatError

    with pytest.raises(DataFormatError, match=r"file type \.png is not accepted; use one of \.csv, \.geojson"):
        registry.detect_format("kuva.png", b"")
    with pytest.raises(DataFormatError, match="unknown format 'xml'; formats: canonical, eura"):
        registry.get("xml")


def test_format_table_has_one_row_per_format():
    lines = registry.format_table().splitlines()
    assert lines[0] == "| format | input | files | records | detected when |"
    assert [line.split("`")[1] for line in lines[2:]] == list(registry.FORMATS)
    assert "| `kml` | Google My Maps KML/KMZ (folders become categories) | .kml, .kmz | services | .kml, .kmz |" in lines


def test_imports_go_one_way():
    """Importing the importers must not import the uploader (the old cycle), in a fresh interpreter."""
    code = "import sys, dashboard.io.importers, dashboard.io.importers.registry; print('dashboard.io.uploads' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": ""})
    assert result.stdout.strip() == "False", result.stderr
    sources = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "dashboard" / "io" / "importers").glob("*.py"))
    assert "dashboard.io.uploads" not in sources


def test_a_stray_quote_rejects_the_row_that_swallowed_others_and_says_where(resolver):
    """Nothing hidden: the swallowing row is rejected with its line range, and a note says lines became one cell."""
    from dashboard.io.importers import import_bytes

    lines = ["id,name,fund,municipalities"] + [f"p{i},Hanke {i},ERDF,Karstula" for i in range(1, 11)]
    lines[3] = 'p3,"Hanke 3,ERDF,Karstula'  # physical line 4; the quote closes nowhere
    lines[6] = 'p6,Hanke 6",ERDF,Karstula'  # ... or here, on line 7
    result = import_bytes("canonical", ("\n".join(lines) + "\n").encode(), resolver, kind="projects")
    assert result.counts() == {"read": 7, "accepted": 6, "recovered": 0, "rejected": 1}
    assert result.rejected.to_dict("records") == [
        {"row": 4, "reason": 'line 4: a quoted cell opened here runs to line 7, taking 3 more rows into one cell; fix the stray " on line 4 and import again', "raw": "p3"}
    ]
    assert sorted(result.accepted["id"]) == ["p1", "p10", "p2", "p7", "p8", "p9"]
    assert "the file has 11 lines but 8 records (header included)" in result.notes
