"""Locating and loading boundary layers and population (from ../shared/geodata)."""

import subprocess
import sys

import pytest

from dashboard.geo import layers


def test_layers_load_with_codes_as_strings(municipalities, regions):
    assert len(municipalities) == 309
    assert len(regions) == 19
    assert municipalities.loc[municipalities["name_fi"] == "Alajärvi", "code"].item() == "005"
    assert regions.loc[regions["name_en"] == "Central Finland", "code"].item() == "13"
    assert municipalities.crs.to_epsg() == 4326


def test_former_layer_has_320_municipalities(geodata_dir):
    assert len(layers.load_municipalities(2013)) == 320


def test_every_municipality_gets_exactly_one_region(municipalities, regions, municipality_region):
    assert len(municipality_region) == 309
    assert municipality_region["code"].is_unique
    names = dict(zip(regions["code"], regions["name_fi"]))
    counts = municipality_region["region_code"].map(names).value_counts()
    assert counts["Uusimaa"] == 26
    assert counts["Pirkanmaa"] == 23
    assert counts["Keski-Suomi"] == 22
    assert counts["Lappi"] == 21
    assert counts["Pohjois-Pohjanmaa"] == 30
    assert counts.sum() == 309
    # Region changes of 2021 follow the boundaries, not an old list.
    by_name = dict(zip(municipalities["name_fi"], municipalities["code"]))
    region_of = dict(zip(municipality_region["code"], municipality_region["region_code"]))
    assert names[region_of[by_name["Kuhmoinen"]]] == "Pirkanmaa"
    assert names[region_of[by_name["Joroinen"]]] == "Pohjois-Savo"


def test_population_file(geodata_dir):
    population = layers.load_population()
    assert len(population) == 309
    assert population["population"].sum() == 5_533_793
    assert population["municipality"].str.len().eq(3).all()
    assert population.loc[population["municipality"] == "005", "population"].item() == 9419


def test_missing_geodata_gives_the_command_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv(layers.ENV_GEODATA_DIR, "")  # set but empty: no directory to read directly
    monkeypatch.setenv(layers.ENV_CACHE_DIR, str(tmp_path / "empty"))
    with pytest.raises(layers.GeodataMissingError) as error:
        layers.locate(layers.municipality_filename(2023), 2023)
    message = str(error.value)
    assert "python -m dashboard fetch-geodata --year 2023" in message
    assert "--from DIR" in message and "HANKEKARTTA_GEODATA_DIR" in message


def test_cli_offline_without_cache_prints_the_command_not_a_traceback(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HANKEKARTTA_CACHE_DIR": str(tmp_path / "empty"), "HANKEKARTTA_GEODATA_DIR": ""}
    result = subprocess.run([sys.executable, "-m", "dashboard", "stats"], capture_output=True, text=True, env=env)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "python -m dashboard fetch-geodata --year 2023" in result.stderr
