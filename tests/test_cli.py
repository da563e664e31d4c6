import json
import subprocess
import sys

from dashboard.cli import main


def test_help_lists_the_subcommands():
    result = subprocess.run([sys.executable, "-m", "dashboard", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("fetch-geodata", "validate", "import", "build-data", "export", "stats"):
        assert command in result.stdout


def test_validate_shipped_data(capsys, geodata_dir):
    assert main(["validate", "data"]) == 0
    out = capsys.readouterr().out
    assert "built/projects.csv.gz  23065     23065         0" in out and "REJECTED" not in out


def test_validate_verbose_lists_the_location_warnings(capsys, geodata_dir):
    assert main(["validate", "data", "-v"]) == 0
    out = capsys.readouterr().out
    assert "services.csv" in out
    assert "(np-nuuksio): warning: the point lies in Vihti, the record names Espoo" in out


def test_validate_a_bad_file_exits_non_zero(tmp_path, capsys, geodata_dir):
    bad = tmp_path / "projects_bad.csv"
    bad.write_text("id,name,fund\np1,Hanke,EAFRD\np1,Toinen,XYZ\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "row 3: REJECTED: duplicate id" in out and "fund must be one of" in out


def test_stats_json(capsys, geodata_dir):
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert stats["projects"] == 23065 >= 22000
    assert stats["services"] == 210
    assert stats["leader_groups"] == 53
    assert stats["unknown_area_projects"] == 133
    assert stats["total_budget_eur"] == stats["allocated_budget_eur"]
    assert sum(stats["projects_by_period"].values()) == 23065
    assert stats["municipalities_with_projects"] > 0
    by_precision = stats["public_funding_by_precision"]
    assert list(by_precision) == ["municipality", "region", "large_area", "national", "unknown"]
    total = sum(by_precision.values())
    assert total == stats["public_funding_eur_sum"] >= 4.0e9
    assert (by_precision["municipality"] + by_precision["region"] + by_precision["large_area"]) / total >= 0.85
    assert stats["sources"] == [
        {"id": "eura-2007-2013", "read": 19940, "accepted": 19940, "rejected": 0},
        {"id": "eura-2014-2020", "read": 2881, "accepted": 2877, "rejected": 4},
        {"id": "curated", "read": 261, "accepted": 261, "rejected": 0},
    ]
    assert stats["by_period"]["2007-2013"]["projects"] == 19968


def test_fetch_geodata_from_directory(tmp_path, capsys, geodata_dir):
    assert main(["fetch-geodata", "--year", "2023", "--from", str(geodata_dir), "--cache-dir", str(tmp_path)]) == 0
    assert (tmp_path / "kunta4500k_2023.geojson").is_file()


def test_fetch_geodata_offline_is_a_clear_message(tmp_path, capsys, monkeypatch):
    from dashboard.geo import fetch

    def offline(*args, **kwargs):
        raise ConnectionError("Name or service not known")

    monkeypatch.setattr(fetch, "fetch_boundaries", offline)
    assert main(["fetch-geodata", "--year", "2023", "--cache-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "could not download" in err and "--from DIR" in err


def test_export_projects_writes_every_canonical_column(tmp_path, capsys, geodata_dir):
    import pandas as pd

    from dashboard.core.vocab import PROJECT_COLUMNS

    output = tmp_path / "projects.csv"
    assert main(["export", "projects", "-o", str(output)]) == 0
    frame = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(PROJECT_COLUMNS)
    assert len(frame) == 23065
    hoiva = frame.set_index("id").loc["S10324"]
    assert (hoiva["location_precision"], hoiva["large_area"], hoiva["implementer_municipality"]) == ("large_area", "etela-suomi", "091")
    assert not frame["name"].str.match(r"^[=+@]").any()
    nordic = frame.set_index("id").loc["green-economy-nordic"]
    assert nordic["summary_sv"].startswith("Litet utbytesprojekt") and nordic["summary_fi"].startswith("Pieni vaihtohanke")


def test_build_data_into_a_copy(tmp_path, capsys, shared_dir, geodata_dir):
    import shutil
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    for name in ("sources.csv", "projects.csv"):
        shutil.copy(data / name, tmp_path / name)
    assert main(["build-data", "--data", str(tmp_path), "--from", str(shared_dir / "sample-imports" / "eura"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["projects"] == 23065
    assert [(s["id"], s["read"], s["rejected"]) for s in result["sources"]] == [("eura-2007-2013", 19940, 0), ("eura-2014-2020", 2881, 4), ("curated", 261, 0)]


def test_build_data_without_inputs_is_a_clear_error(tmp_path, capsys, geodata_dir):
    import shutil
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    shutil.copy(data / "sources.csv", tmp_path / "sources.csv")
    shutil.copy(data / "projects.csv", tmp_path / "projects.csv")
    assert main(["build-data", "--data", str(tmp_path), "--from", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


# --- store ------------------------------------------------------------------------------


def _store_cli(args, env_store, capsys):
    """``python -m dashboard store …`` in-process (HANKEKARTTA_STORE is set by the test)."""
    code = main(["store", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_store_init_status_import_batches_withdraw(tmp_path, capsys, monkeypatch, geodata_dir):
    store = tmp_path / "cli.duckdb"
    monkeypatch.setenv("HANKEKARTTA_STORE", str(store))
    code, out, _ = _store_cli(["init"], store, capsys)
    assert code == 0 and "shipped records written as batch 1" in out and "23065 projects, 210 services" in out
    code, out, _ = _store_cli(["init"], store, capsys)
    assert code == 0 and "is up to date" in out
    code, out, _ = _store_cli(["status", "--json"], store, capsys)
    status = json.loads(out.strip().splitlines()[-1])
    assert {k: status[k] for k in ("backend", "schema_version", "projects", "batches")} == {"backend": "duckdb", "schema_version": 2, "projects": 23065, "batches": 1}

    upload = tmp_path / "lisays.csv"
    upload.write_text(
        "id,name,fund,municipalities,budget_total_eur\nk-1,Uusi,EAFRD,Karstula,10\nk-2,Huono,XYZ,Karstula,1\nalykkaat-kylat-lentoon,Sama id,EAFRD,Karstula,5\n",
        encoding="utf-8",
    )
    code, out, _ = _store_cli(["import", str(upload), "--format", "canonical", "--editor", "anna", "--json"], store, capsys)
    assert code == 0
    assert json.loads(out.strip().splitlines()[-1]) == {"batch": 2, "read": 3, "accepted": 1, "rejected": 1, "skipped": 1}
    assert "REJECTED: fund must be one of" in out and "1 id(s) already in the store, skipped" in out

    code, out, _ = _store_cli(["batches", "--json"], store, capsys)
    batches = json.loads(out)
    assert [(b["batch"], b["origin"], b["editor"], b["file_name"], b["status"]) for b in batches] == [
        (2, "contributed", "anna", "lisays.csv", "active"),
        (1, "shipped", "shipped data", "projects.csv, services.csv, leader_groups.csv, built/projects.csv.gz", "active"),
    ]
    assert json.loads(_store_cli(["status", "--json"], store, capsys)[1].strip())["projects"] == 23066
    code, out, _ = _store_cli(["withdraw", "2"], store, capsys)
    assert code == 0 and "batch 2 withdrawn" in out
    assert json.loads(_store_cli(["status", "--json"], store, capsys)[1].strip())["projects"] == 23065
    code, _, err = _store_cli(["withdraw", "2"], store, capsys)
    assert code == 2 and "already withdrawn" in err


def test_store_refuses_a_newer_schema_with_a_message(tmp_path, capsys, monkeypatch):
    import duckdb

    store = tmp_path / "new.duckdb"
    monkeypatch.setenv("HANKEKARTTA_STORE", str(store))
    assert main(["store", "status"]) == 0
    capsys.readouterr()
    with duckdb.connect(str(store)) as conn:
        conn.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    assert main(["store", "status", "--json"]) == 2
    assert "schema version 99, newer than this program's 2" in capsys.readouterr().err


def test_store_hash_password_reads_stdin(monkeypatch, capsys):
    import io

    import bcrypt

    monkeypatch.setattr("sys.stdin", io.StringIO("pitkä salasana\n"))
    assert main(["store", "hash-password", "--stdin"]) == 0
    hashed = capsys.readouterr().out.strip()
    assert bcrypt.checkpw("pitkä salasana".encode(), hashed.encode())
