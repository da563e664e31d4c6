"""The shipped data is built from its declared sources and can never drift from them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from dashboard.io.build_data import build, merge_curated, read_sources, sha256
from dashboard.core.vocab import PROJECT_COLUMNS

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory, shared_dir, resolver):
    target = tmp_path_factory.mktemp("data")
    for name in ("sources.csv", "projects.csv"):
        shutil.copy(DATA / name, target / name)
    lines: list[str] = []
    report = build(target, shared_dir / "sample-imports" / "eura", resolver, out=lines.append)
    return target, report, lines


def test_rebuilding_from_the_shared_exports_gives_the_committed_files(rebuilt):
    target, _, _ = rebuilt
    committed = sorted(p.name for p in (DATA / "built").iterdir())
    assert committed == sorted(p.name for p in (target / "built").iterdir())
    for name in committed:
        assert (target / "built" / name).read_bytes() == (DATA / "built" / name).read_bytes(), name


def test_build_counts_per_source(rebuilt):
    _, report, lines = rebuilt
    counts = {s["id"]: (s["read"], s["accepted"], s["recovered"], s["rejected"]) for s in report["sources"]}
    assert counts == {"eura-2007-2013": (19940, 19940, 0, 0), "eura-2014-2020": (2881, 2877, 1858, 4), "curated": (261, 261, 0, 0)}
    assert report["projects"] == 19940 + 2877 + 261 - report["merged_with_curated"] == 23065
    assert report["merged_with_curated"] == 13
    assert all(s["sha256_matches_declared"] for s in report["sources"] if s["id"] != "curated")
    assert any(line.startswith("eura-2014-2020") and line.split()[1:] == ["2881", "2877", "1858", "4"] for line in lines)


def test_sources_declare_the_inputs_and_their_hashes(shared_dir):
    sources = read_sources(DATA).set_index("id")
    assert list(sources.index) == ["eura-2007-2013", "eura-2014-2020", "curated"]
    for source_id in ("eura-2007-2013", "eura-2014-2020"):
        row = sources.loc[source_id]
        assert row["sha256"] == sha256(shared_dir / "sample-imports" / "eura" / row["input_file"])
        assert row["original_url"].startswith("https://") and row["licence"] and row["retrieved"]


def test_rejects_are_written_beside_the_records(rebuilt):
    target, _, _ = rebuilt
    rejects = pd.read_csv(target / "built" / "eura-2014-2020.rejects.csv")
    assert len(rejects) == 4 and rejects["reason"].str.startswith("cannot tell the start and end dates apart").all()


def test_curated_fields_win_and_conflicts_are_listed(rebuilt):
    target, report, _ = rebuilt
    conflicts = {(c["id"], c["column"]): c for c in report["conflicts"]}
    assert conflicts[("S10245", "funder")] == {"id": "S10245", "column": "funder", "export": "Pohjois-Pohjanmaan ELY-keskus", "curated": "Lapin ELY-keskus", "kept": "curated"}
    built = pd.read_csv(target / "built" / "projects.csv.gz", dtype=str, keep_default_na=False).set_index("id")
    assert built.loc["S10245", "funder"] == "Lapin ELY-keskus"
    assert built.loc["S10245", "source"] == "eura-2007-2013+curated"
    assert built.loc["S10245", "eu_state_granted_eur"] != ""  # the export fills the curated record's gaps
    assert built.index.is_unique


def test_the_built_records_carry_the_summaries_in_three_languages(rebuilt):
    target, _, _ = rebuilt
    built = pd.read_csv(target / "built" / "projects.csv.gz", dtype=str, keep_default_na=False).set_index("id")
    curated = pd.read_csv(DATA / "projects.csv", dtype=str, keep_default_na=False).set_index("id")
    for column in ("summary_fi", "summary_sv", "summary_en"):
        assert (built.loc[curated.index, column] == curated[column]).all(), column  # merged export rows too
        assert (built[column] != "").sum() == (curated[column] != "").sum()  # the exports have none of their own
    assert built.loc["green-economy-nordic", "summary_sv"].startswith("Litet utbytesprojekt med Leader Linné Småland")
    assert built.loc["S10245", "summary_fi"] != ""  # an export row merged with a curated record


def test_merge_keeps_the_export_area_when_the_curated_record_names_none():
    blank = {c: "" for c in PROJECT_COLUMNS}
    export = pd.DataFrame([{**blank, "id": "A1", "name": "X", "location_precision": "large_area", "large_area": "ita-suomi", "source": "eura"}])
    curated = pd.DataFrame([{**blank, "id": "A1", "name": "X", "location_precision": "unknown", "summary": "checked", "source": "curated"}])
    merged, conflicts = merge_curated(export, curated)
    row = merged.iloc[0]
    assert (row["location_precision"], row["large_area"], row["summary"], row["source"]) == ("large_area", "ita-suomi", "checked", "eura+curated")
    assert conflicts == []


def test_no_file_in_the_repository_is_over_2_mb():
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    big = [f for f in files if (REPO / f).is_file() and (REPO / f).stat().st_size > 2 * 1024 * 1024]
    assert big == []


def test_the_report_is_committed_and_readable():
    report = json.loads((DATA / "built" / "build_report.json").read_text(encoding="utf-8"))
    assert report["files"] == ["built/projects.csv.gz"]
