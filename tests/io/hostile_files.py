"""Hostile uploads, built here (never committed), and a runner that measures one upload.

``python tests/io/hostile_files.py build NAME PATH`` writes the attack file;
``python tests/io/hostile_files.py run PATH FILENAME`` uploads it through
``validate_upload`` in this fresh process and prints one JSON line: outcome, message key,
message, seconds and peak resident memory (MB). ``python tests/io/hostile_files.py table``
builds and runs every attack and prints the Markdown table quoted in the closing note.
``tests/io/test_uploads.py`` runs each attack this way.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024

PLACEMARK = b"<Placemark><name>Laavu</name><Point><coordinates>25.7473,62.2426</coordinates></Point></Placemark>\n"


def _stream_member(archive: zipfile.ZipFile, name: str, chunks) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        for chunk in chunks:
            member.write(chunk)


def _repeat(piece: bytes, total: int, block: int = MiB):
    unit = piece * max(1, block // len(piece))
    written = 0
    while written < total:
        part = unit[: total - written]
        yield part
        written += len(part)


def _xlsx_with_sheet(sheet_chunks) -> bytes:
    """A valid workbook (made by openpyxl) whose first sheet's XML is replaced by ``sheet_chunks``."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                _stream_member(target, info.filename, sheet_chunks)
            else:
                target.writestr(info.filename, source.read(info))
    return out.getvalue()


def xlsx_last_cell() -> tuple[str, bytes]:
    """A 5 KB workbook with one cell at the sheet's last address."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Hankenumero"
    workbook.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return "rekisteri.xlsx", buffer.getvalue()


def _sheet(rows: int, numbered: bool):
    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    yield head
    if numbered:
        batch = []
        for number in range(1, rows + 1):
            batch.append(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (number, number))
            if len(batch) == 20000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch)
    else:
        yield from _repeat(b'<row><c t="inlineStr"><is><t>Hankenumero</t></is></c></row>', 100 * MiB)
    yield b"</sheetData></worksheet>"


def xlsx_100mb() -> tuple[str, bytes]:
    """A few hundred KB that unpack to 100 MB of identical rows (no dimension, no cell addresses)."""
    return "rekisteri.xlsx", _xlsx_with_sheet(_sheet(0, numbered=False))


def xlsx_many_rows() -> tuple[str, bytes]:
    """A sheet without a <dimension> holding 1.5 million numbered rows (about 100 MB unpacked)."""
    return "rekisteri.xlsx", _xlsx_with_sheet(_sheet(1_500_000, numbered=True))


def csv_empty_lines() -> tuple[str, bytes]:
    """1 MB: a header and a million empty lines."""
    return "projects.csv", b"id,name,fund,municipalities\n" + b"\n" * 1_000_000


def kmz_repeat() -> tuple[str, bytes]:
    """A KMZ repeating one placemark 583,866 times (about 175 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        head = b'<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>Laavut</name>'
        _stream_member(archive, "doc.kml", [head, *_repeat(PLACEMARK, 583_866 * len(PLACEMARK)), b"</Folder></Document></kml>"])
    return "kartta.kmz", buffer.getvalue()


def kml_repeat() -> tuple[str, bytes]:
    """A plain KML (under the 20 MiB upload limit) with 250,000 minimal placemarks."""
    body = b"<Placemark><name>a</name></Placemark>" * 250_000
    return "kartta.kml", b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document>' + body + b"</Document></kml>"


def kml_deep() -> tuple[str, bytes]:
    return "kartta.kml", b'<kml xmlns="http://www.opengis.net/kml/2.2">' + b"<Folder>" * 50_000 + b"</Folder>" * 50_000 + b"</kml>"


def zip_bomb() -> tuple[str, bytes]:
    """A KMZ whose one member is 512 MiB of zeros (about 1 MB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _stream_member(archive, "doc.kml", _repeat(b"\0", 512 * MiB))
    return "kartta.kmz", buffer.getvalue()


def gzip_bomb() -> tuple[str, bytes]:
    """A ``.csv.gz`` that unpacks to 512 MiB."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as stream:
        stream.write(b"id,name,fund\n")
        for chunk in _repeat(b"a", 512 * MiB):
            stream.write(chunk)
    return "projects.csv.gz", buffer.getvalue()


def geojson_deep() -> tuple[str, bytes]:
    depth = 200_000
    return "palvelut.geojson", b'{"type": "FeatureCollection", "features": [' + b"[" * depth + b"]" * depth + b"]}"


def geojson_malformed() -> tuple[str, bytes]:
    return "palvelut.geojson", b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [25.7,'


def csv_utf16() -> tuple[str, bytes]:
    """The shipped projects, saved as UTF-16 (as Excel's "Unicode text" does), ids changed so they do not clash."""
    text = (REPO / "data" / "projects.csv").read_text(encoding="utf-8")
    return "projects.csv", text.replace("\n", "\r\n").encode("utf-16")


def random_txt() -> tuple[str, bytes]:
    generator = random.Random(14)
    return "sivu.txt", bytes(generator.getrandbits(8) for _ in range(100_000))


def random_txt_without_nul() -> tuple[str, bytes]:
    """Random bytes with no NUL byte, so that only the encoding check can tell they are not text."""
    return "sivu.txt", random_txt()[1].replace(b"\0", b"\1")


def csv_wide() -> tuple[str, bytes]:
    return "projects.csv", (",".join(f"c{i}" for i in range(1_000_000)) + "\n").encode()


def csv_stray_quote() -> tuple[str, bytes]:
    """The shipped projects with one stray quote opening the name on the first quote-free line from line 13."""
    lines = (REPO / "data" / "projects.csv").read_text(encoding="utf-8").split("\n")
    index = next(i for i in range(12, len(lines)) if '"' not in lines[i])
    head, _, rest = lines[index].partition(",")
    lines[index] = f'{head},"{rest}'
    return "projects.csv", "\n".join(lines).encode("utf-8")


ATTACKS = {
    "xlsx_last_cell": xlsx_last_cell,
    "xlsx_100mb": xlsx_100mb,
    "xlsx_many_rows": xlsx_many_rows,
    "csv_empty_lines": csv_empty_lines,
    "csv_wide": csv_wide,
    "kmz_repeat": kmz_repeat,
    "kml_repeat": kml_repeat,
    "kml_deep": kml_deep,
    "zip_bomb": zip_bomb,
    "gzip_bomb": gzip_bomb,
    "geojson_deep": geojson_deep,
    "geojson_malformed": geojson_malformed,
    "csv_utf16": csv_utf16,
    "random_txt": random_txt,
    "random_txt_without_nul": random_txt_without_nul,
    "csv_stray_quote": csv_stray_quote,
}


def _rss_mb() -> float:
    with open("/proc/self/statm") as stream:
        return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MiB


def run(path: str, filename: str) -> dict:
    try:  # the resolver's home after the layering clean-up, and before it
        from dashboard.geo.resolver import build_resolver
    except ImportError:
        from dashboard.geo.resolver import build_resolver
    from dashboard.core.limits import LimitError
    from dashboard.core.readers import DataFormatError
    from dashboard.io.uploads import validate_upload

    resolver = build_resolver()
    data = Path(path).read_bytes()
    baseline = _rss_mb()
    started = time.perf_counter()
    outcome: dict = {}
    try:
        result = validate_upload(filename, data, resolver, existing_ids=set())
        notes = [n for n in result.notes if n.startswith(("line ", "the file has"))] or result.notes[:1]
        outcome = {"outcome": "accepted", "key": "", "counts": result.counts(), "message": "; ".join(notes)}
    except LimitError as exc:
        outcome = {"outcome": "refused", "key": exc.key, "message": str(exc)}
    except DataFormatError as exc:
        outcome = {"outcome": "refused", "key": "format", "message": str(exc)}
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {**outcome, "seconds": round(seconds, 2), "peak_mb": round(peak, 1), "baseline_mb": round(baseline, 1), "bytes": len(data)}


def measure(name: str, directory: str, timeout: float = 300) -> dict:
    """Build ``name`` and upload it in a fresh interpreter; the JSON the runner printed."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    path = os.path.join(directory, name)
    subprocess.run([sys.executable, __file__, "build", name, path], check=True, env=env, timeout=timeout)
    filename = Path(path + ".name").read_text()
    done = subprocess.run([sys.executable, __file__, "run", path, filename], capture_output=True, text=True, env=env, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"{name}: the upload crashed:\n{done.stderr[-3000:]}")
    return {"attack": name, "filename": filename, **json.loads(done.stdout.strip().splitlines()[-1])}


def main(argv: list[str]) -> int:
    if argv[0] == "build":
        filename, data = ATTACKS[argv[1]]()
        Path(argv[2]).write_bytes(data)
        Path(argv[2] + ".name").write_text(filename)
        return 0
    if argv[0] == "run":
        print(json.dumps(run(argv[1], argv[2]), ensure_ascii=False))
        return 0
    if argv[0] == "table":
        print("| attack | file | outcome | message | seconds | peak MB (before upload) |")
        print("|---|---|---|---|---|---|")
        with tempfile.TemporaryDirectory() as directory:
            for name in argv[1:] or ATTACKS:
                row = measure(name, directory)
                outcome = row["outcome"] + (f" {row['counts']}" if row.get("counts") else "")
                message = row["message"].replace("|", "\\|")[:160]
                print(f"| {name} | {row['filename']} {row['bytes'] / 1024:,.0f} KB | {outcome} | {message} | {row['seconds']} | {row['peak_mb']:.0f} ({row['baseline_mb']:.0f}) |", flush=True)
        return 0
    raise SystemExit(f"usage: {__doc__}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
