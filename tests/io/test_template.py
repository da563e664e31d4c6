"""The contribution template: written, filled with openpyxl, imported back with problems by cell."""

import io

import pytest
from openpyxl import load_workbook

from dashboard.io import template
from dashboard.io.importers import detect_format, import_bytes


@pytest.fixture(scope="module")
def blank(municipalities):
    return template.template_bytes(municipalities[["code", "name_fi", "name_sv"]])


def _fill(data: bytes, sheet_name: str, rows: dict[int, dict[str, object]]) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[sheet_name]
    keys = [c.value for c in sheet[4]]
    for number, values in rows.items():
        for key, value in values.items():
            sheet.cell(row=number, column=keys.index(key) + 1, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_template_has_headers_lists_municipalities_instructions_and_a_real_example(blank, dataset):
    workbook = load_workbook(io.BytesIO(blank))
    assert workbook.sheetnames == ["Ohjeet", "Hankkeet", "Palvelut", "Listat", "Kunnat", "_hankekartta"]
    projects = workbook["Hankkeet"]
    keys = [c.value for c in projects[4]]
    assert keys == list(template.PROJECT_FIELDS)
    assert [projects.cell(row=r, column=keys.index("fund") + 1).value for r in (1, 2, 3)] == ["Rahasto", "Fond", "Fund"]
    example = {k: projects.cell(row=5, column=i + 1).value or "" for i, k in enumerate(keys)}
    shipped = dataset.projects.accepted.set_index("id")
    assert example["id"] in shipped.index and example["name"] == shipped.loc[example["id"], "name"]
    lists = {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1 for v in projects.data_validations.dataValidation}
    letter = {k: chr(ord("A") + i) for i, k in enumerate(keys)}
    assert {lists[letter[k]] for k in ("fund", "period", "themes", "status", "leader")} == {
        "Listat!$A$2:$A$10", "Listat!$B$2:$B$4", "Listat!$C$2:$C$14", "Listat!$D$2:$D$5", "Listat!$E$2:$E$3",
    }  # fmt: skip
    assert [c.value for c in workbook["Listat"]["A"][1:10]] == ["EAFRD", "ERDF", "ESF", "ESF+", "JTF", "Interreg", "national", "other", "unknown"]
    names = {row[1]: row[0] for row in workbook["Kunnat"].iter_rows(min_row=2, values_only=True)}
    assert names["Jyväskylä"] == "179" and names["Kannonkoski"] == "216" and len(names) == 309
    assert "Rivi 5 on esimerkki" in workbook["Ohjeet"]["A2"].value
    assert [c.value for c in workbook["Palvelut"][4]] == list(template.SERVICE_FIELDS)
    assert detect_format("hankkeet.xlsx", blank) == "template"


def test_three_rows_one_wrong_gives_two_accepted_and_the_cell_of_the_wrong_one(blank, resolver):
    filled = _fill(
        blank,
        "Hankkeet",
        {
            6: {"id": "t1", "name": "Kylätalo", "fund": "ERDF", "municipalities": "Jyväskylä", "themes": "youth;green_care", "start_date": "1.1.2024", "end_date": "31.12.2025", "budget_total_eur": 12000},
            7: {"id": "t2", "name": "Toinen", "fund": "EAKR-rahasto", "municipalities": "Saarijärvi"},
            8: {"id": "t3", "name": "Kolmas", "fund": "EAFRD", "leader": "kyllä", "period": "2023-2027", "status": "ongoing"},
        },
    )
    result = import_bytes("auto", filled, resolver, filename="hankkeet.xlsx")
    assert result.format == "template" and result.kind == "projects"
    assert result.counts() == {"read": 3, "accepted": 2, "recovered": 0, "rejected": 1}
    assert result.rejected.to_dict("records") == [{"row": 7, "reason": "Hankkeet!E7: unknown fund 'EAKR-rahasto' — did you mean ERDF?", "raw": "Toinen"}]
    by_id = result.accepted.set_index("id")
    assert by_id.loc["t1", "municipalities"] == "179" and by_id.loc["t1", "budget_total_eur"] == 12000
    assert by_id.loc["t1", "themes"] == "youth;green_care"
    assert by_id.loc["t3", "leader"] == True and by_id.loc["t3", "period_canonical"] == "2021-2027"  # noqa: E712
    assert "Hankkeet!A5: the example row (a record already in the data) was not imported" in result.notes


def test_schema_problems_name_the_cell_too(blank, resolver):
    filled = _fill(blank, "Hankkeet", {6: {"id": "t1", "name": "Hanke", "start_date": "1.1.2025", "end_date": "1.1.2024"}, 7: {"id": "", "name": "Nimetön"}})
    result = import_bytes("template", filled, resolver)
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"]))
    assert reasons[6] == "Hankkeet!I6: end_date is before start_date"
    assert reasons[7] == "Hankkeet!A7: id is empty"


def test_services_sheet(blank, resolver):
    filled = _fill(
        blank,
        "Palvelut",
        {
            6: {"id": "s1", "name": "Laavu", "category": "activity", "municipality": "Jyväskylä", "lat": 62.24, "lon": 25.74, "location_precision": "exact"},
            7: {"id": "s2", "name": "Tila", "category": "hoivatila", "municipality": "Karstula", "location_precision": "municipality"},
        },
    )
    result = import_bytes("template", filled, resolver)
    assert result.kind == "services" and result.counts()["accepted"] == 1
    assert result.rejected.loc[0, "reason"].startswith("Palvelut!C7: unknown category 'hoivatila'")


def test_a_template_without_its_key_row_is_a_clear_error(blank, resolver):
    from dashboard.core.readers import DataFormatError

    workbook = load_workbook(io.BytesIO(blank))
    workbook["Hankkeet"].delete_rows(4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(DataFormatError, match="row of column keys"):
        import_bytes("template", buffer.getvalue(), resolver)


def test_suggestions():
    assert template.suggest("EAKR-rahasto", "fund") == " — did you mean ERDF?"
    assert template.suggest("maaseuturahasto", "fund") == " — did you mean EAFRD?"
    assert template.suggest("yuoth", "themes") == " — did you mean youth?"
    assert template.suggest("qqqq", "fund") == ""


def test_cli_template(tmp_path, geodata_dir, capsys):
    from dashboard.cli import main

    output = tmp_path / "hankkeet.xlsx"
    assert main(["template", "-o", str(output)]) == 0
    assert template.is_template(output.read_bytes())
    assert "template →" in capsys.readouterr().out
    assert main(["template", "-o", str(tmp_path)]) == 2
    assert "it is a directory" in capsys.readouterr().err
