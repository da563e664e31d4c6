"""Readers: encodings, delimiters, swallowed lines, archives, XML and JSON within the limits."""

import codecs
import gzip
import io
import json
import random
import zipfile

import pandas as pd
import pytest

from dashboard.core import limits
from dashboard.core.readers import (
    DataFormatError,
    LimitError,
    cell_text,
    decode,
    gunzip,
    load_feature_collection,
    open_zip,
    parse_xml,
    read_excel_table,
    read_table,
    read_zip_member,
    reader_notes,
    sniff_delimiter,
)

TEXT = "id;name;summary\np1;Kylätalo Äänekoskella;Kesä – €5\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM: recognised from the NUL pattern
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_decode_reads_every_common_encoding(data):
    assert decode(data) == TEXT


def test_decode_refuses_binary_and_random_bytes():
    with pytest.raises(DataFormatError, match="NUL bytes"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    generator = random.Random(14)
    for _ in range(20):
        noise = bytes(generator.getrandbits(8) for _ in range(2000)).replace(b"\x00", b"\x01")
        with pytest.raises(DataFormatError, match="not text"):
            decode(noise)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_sniff_delimiter(delimiter):
    rows = [["id", "name", "municipalities"], ["p1", "Hanke, osa 2", "216;226"], ["p2", "Toinen", "179"]]
    buffer = io.StringIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(buffer, index=False, sep=delimiter)
    assert sniff_delimiter(buffer.getvalue()) == delimiter


def test_sniff_delimiter_of_a_one_column_file_is_a_comma():
    assert sniff_delimiter("id\n1\n2\n") == ","


def test_read_table_keeps_codes_and_blank_lines():
    frame = read_table(b"\r\n\r\nid,code\r\na,005\r\n\r\nb,01\r\n")
    assert list(frame["code"]) == ["005", "", "01"]
    assert frame.attrs["physical_lines"] == 4 and frame.attrs["swallowed"] == []


def test_an_unclosed_quote_is_reported_with_the_lines_it_swallowed():
    lines = ["id,name,fund"] + [f"p{i},Hanke {i},ERDF" for i in range(1, 11)]
    lines[3] = 'p3,"Hanke 3,ERDF'  # a stray quote on physical line 4
    frame = read_table(("\n".join(lines) + "\n").encode())
    assert len(frame) == 3  # p1, p2 and the row that swallowed the rest
    assert frame.attrs["swallowed"] == [(4, 11, 7, 2)]
    notes = reader_notes(frame)
    assert notes[0].startswith("line 4: a quoted cell opened here runs to line 11; 7 lines (7 of them look like rows)")
    assert notes[1] == "the file has 11 lines but 4 records (header included)"


def test_a_legitimate_multi_line_cell_is_not_a_swallow():
    frame = read_table(b'id,name,summary\np1,Hanke,"first line\nsecond line"\np2,Toinen,x\n')
    assert len(frame) == 2 and frame.attrs["swallowed"] == [] and reader_notes(frame) == []


def test_rows_over_the_limit_are_refused_before_parsing_them_all():
    data = b"id,name\n" + b"\n" * 1_000_000
    with pytest.raises(LimitError) as error:
        read_table(data)
    assert error.value.key == "rows"
    assert str(error.value) == "the file has more than 200,000 rows (1,000,000 lines after the header); the limit is 200,000 rows"


def test_limits_can_be_raised_for_one_import():
    data = b"id,name\n" + b"a,b\n" * 30
    with limits.applied(limits.Limits(max_rows=10)):
        with pytest.raises(LimitError, match="the limit is 10 rows"):
            read_table(data)
    assert len(read_table(data)) == 30


def test_columns_and_cell_length_are_bounded():
    with pytest.raises(LimitError, match="the file has 501 columns; the limit is 500"):
        read_table((",".join(f"c{i}" for i in range(501)) + "\n").encode())
    with limits.applied(limits.Limits(max_cell_chars=50)):
        with pytest.raises(LimitError, match="row 3, column 'name': a cell holds 60 characters; the limit is 50"):
            read_table(b"id,name\n" + b"a,b\n" + b"c," + b"x" * 60 + b"\n" + b"d,e\n" * 10)


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bombs_are_refused_from_the_directory():
    bomb = _zip({"doc.kml": b"\0" * (50 * 1024 * 1024)})
    with pytest.raises(LimitError) as error:
        open_zip(bomb)
    assert error.value.key == "zip_ratio" and error.value.params["limit"] == 100
    many = _zip({f"f{i}.txt": b"x" for i in range(1001)})
    with pytest.raises(LimitError, match="the archive holds 1001 files; the limit is 1000"):
        open_zip(many)


def test_a_member_is_read_in_chunks_and_stopped_at_the_unpacked_limit():
    archive = open_zip(_zip({"doc.kml": b"<kml/>" * 400_000}, zipfile.ZIP_STORED))
    with limits.applied(limits.Limits(max_unpacked_bytes=1_000_000)):
        with pytest.raises(LimitError) as error:
            read_zip_member(archive, "doc.kml")
    assert error.value.key == "unpacked_bytes"


def test_gunzip_is_bounded():
    assert gunzip(gzip.compress(b"id,name\n1,x\n")) == b"id,name\n1,x\n"
    with limits.applied(limits.Limits(max_unpacked_bytes=1_000_000)):
        with pytest.raises(LimitError, match="unpacks to"):
            gunzip(gzip.compress(b"a" * 3_000_000))  # the trailer says 3,000,000: refused before unpacking
        lying = gzip.compress(b"a" * 3_000_000)[:-4] + (100).to_bytes(4, "little")  # claims 100 bytes
        with pytest.raises(LimitError, match="unpacks to 1.0 MiB or more"):
            gunzip(lying)  # stopped while streaming
    with pytest.raises(DataFormatError, match="not a readable gzip file"):
        gunzip(b"\x1f\x8b\x08broken")


def test_excel_cells_become_text():
    import datetime as dt

    assert [cell_text(v) for v in (None, 5.0, 5.5, True, dt.datetime(2024, 1, 2), dt.date(2024, 1, 3), " x ")] == [
        "", "5", "5.5", "true", "2024-01-02", "2024-01-03", "x",
    ]  # fmt: skip


def test_read_excel_table(tmp_path):
    frame = pd.DataFrame({"Hankenumero": ["005", "7"], "Budjetti": [1000, 2000.5]})
    path = tmp_path / "t.xlsx"
    frame.to_excel(path, index=False)
    table = read_excel_table(path.read_bytes())
    assert table.to_dict("list") == {"Hankenumero": ["005", "7"], "Budjetti": ["1000", "2000.5"]}


def test_a_sheet_claiming_the_last_cell_is_refused_before_any_cell_is_read():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Hankenumero"
    workbook.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 10_000
    with pytest.raises(LimitError) as error:
        read_excel_table(buffer.getvalue())
    assert str(error.value) == "the sheet 'Sheet' claims 1,048,576 rows (A1:XFD1048576); the limit is 200,000 rows"


def test_a_sheet_that_hides_its_size_is_still_bounded():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "id"
    for row in range(2, 40):
        sheet.cell(row=row, column=1, value=row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    hidden = _rezip_without_dimension(buffer.getvalue())
    with limits.applied(limits.Limits(max_rows=20)):
        with pytest.raises(LimitError, match=r"the sheet 'Sheet' claims 39 rows \(A1:A39\); the limit is 20 rows"):
            read_excel_table(hidden)
    table = read_excel_table(hidden)
    assert len(table) == 38 and table.columns.tolist() == ["id"] and table["id"].iloc[-1] == "39"
    sheet.cell(row=40, column=9000, value="far")  # hidden far to the right: found by the scan, not dropped
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(LimitError, match=r"claims 9,000 columns \(A1:MHD40\); the limit is 500 columns"):
        read_excel_table(_rezip_without_dimension(buffer.getvalue()))


def _rezip_without_dimension(data: bytes) -> bytes:
    import re

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            target.writestr(info.filename, content)
    return out.getvalue()


def test_xml_depth_and_elements_are_bounded():
    deep = b"<kml>" + b"<a>" * 100 + b"</a>" * 100 + b"</kml>"
    with pytest.raises(LimitError, match="the XML nests elements 65 deep; the limit is 64"):
        parse_xml(deep)
    with limits.applied(limits.Limits(max_xml_elements=1000)):
        with pytest.raises(LimitError, match="more than 1,000 elements"):
            parse_xml(b"<kml>" + b"<b/>" * 2000 + b"</kml>")


def test_xml_saved_as_windows_1252_with_a_utf8_declaration_is_read():
    root = parse_xml('<?xml version="1.0" encoding="UTF-8"?><kml><name>Äänekoski</name></kml>'.encode("cp1252"))
    assert root.find("name").text == "Äänekoski"


def test_xml_entities_are_refused():
    with pytest.raises(DataFormatError, match="refused"):
        parse_xml(b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaa">]><kml>&a;</kml>')


def test_geojson_errors_are_clear():
    with pytest.raises(DataFormatError, match="not valid GeoJSON: Expecting"):
        load_feature_collection(b'{"type": "FeatureCollection", "features": [')
    with pytest.raises(DataFormatError, match="'features' must be a list"):
        load_feature_collection(b'{"type": "FeatureCollection", "features": 5}')
    nested = '{"type": "FeatureCollection", "features": [' + "[" * 100 + "]" * 100 + "]}"
    with pytest.raises(LimitError, match="the JSON nests 64 or more levels deep|the JSON nests 65 or more"):
        load_feature_collection(nested.encode())
    very = '{"type": "FeatureCollection", "features": [' + "[" * 200_000 + "]" * 200_000 + "]}"
    with pytest.raises(LimitError) as error:
        load_feature_collection(very.encode())
    assert error.value.key == "json_depth"
    assert load_feature_collection(json.dumps({"type": "FeatureCollection"}).encode())["features"] == []


def test_the_fast_parser_keeps_only_files_of_one_record_per_line():
    """pyarrow reads plain files; blank lines, multi-line cells and ragged rows go the careful way."""
    from dashboard.core.readers import _read_with_pandas, _read_with_pyarrow

    plain = "id,name,code\nA,Ääni,005\nB,\"x, y\",091\n"
    fast = _read_with_pyarrow(plain, ",", 3)
    assert fast is not None and fast.equals(_read_with_pandas(plain, ","))
    assert fast["code"].tolist() == ["005", "091"]  # text, leading zeros kept
    assert _read_with_pyarrow("id,name\nA,x\n\nB,y\n", ",", 4) is None  # a blank line is a row
    assert _read_with_pyarrow('id,name\nA,"two\nlines"\n', ",", 3) is None
    assert _read_with_pyarrow("id,name\nA,x,extra\n", ",", 2) is None
    assert _read_with_pyarrow("id,id\nA,B\n", ",", 2) is None  # duplicate header: the careful path explains
