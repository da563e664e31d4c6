import json
import shutil
import subprocess
import sys

import pytest
import shapely

from dashboard.geo import boundaries


def test_layers_load_with_codes_as_strings(municipalities, regions):
    assert len(municipalities) == 309
    assert len(regions) == 19
    assert municipalities.loc[municipalities["name_fi"] == "Alajärvi", "code"].item() == "005"
    assert regions.loc[regions["name_en"] == "Central Finland", "code"].item() == "13"
    assert municipalities.crs.to_epsg() == 4326


def test_former_layer_has_320_municipalities(geodata_dir):
    assert len(boundaries.load_municipalities(2013)) == 320


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


def test_simplified_layer_is_smaller_and_neighbours_still_share_edges(municipalities):
    simplified = boundaries.simplify_coverage(municipalities)
    before, after = boundaries.geojson_size(municipalities), boundaries.geojson_size(simplified)
    assert after < before * 0.6, (before, after)
    assert simplified.geometry.is_valid.all()
    metric = simplified.to_crs(boundaries.METRIC_CRS)
    # No gaps or overlaps appear: total area stays within 1 % and pairs of neighbours overlap by (almost) nothing.
    original_area = municipalities.to_crs(boundaries.METRIC_CRS).geometry.area.sum()
    assert abs(metric.geometry.area.sum() - original_area) / original_area < 0.01
    union_area = shapely.union_all(metric.geometry.to_numpy()).area
    assert abs(union_area - metric.geometry.area.sum()) / union_area < 0.001
    # Jyväskylä and Muurame still touch.
    jkl = metric.loc[metric["name_fi"] == "Jyväskylä"].geometry.item()
    muurame = metric.loc[metric["name_fi"] == "Muurame"].geometry.item()
    assert jkl.intersection(muurame).length > 1000


def test_population_file(geodata_dir):
    population = boundaries.load_population()
    assert len(population) == 309
    assert population["population"].sum() == 5_533_793
    assert population["municipality"].str.len().eq(3).all()
    assert population.loc[population["municipality"] == "005", "population"].item() == 9419


def test_missing_geodata_gives_the_command_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv(boundaries.ENV_GEODATA_DIR, "")  # set but empty: no directory to read directly
    monkeypatch.setenv(boundaries.ENV_CACHE_DIR, str(tmp_path / "empty"))
    with pytest.raises(boundaries.GeodataMissingError) as error:
        boundaries.locate(boundaries.municipality_filename(2023), 2023)
    message = str(error.value)
    assert "python -m dashboard fetch-geodata --year 2023" in message
    assert "--from DIR" in message and "HANKEKARTTA_GEODATA_DIR" in message


def test_cli_offline_without_cache_prints_the_command_not_a_traceback(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HANKEKARTTA_CACHE_DIR": str(tmp_path / "empty"), "HANKEKARTTA_GEODATA_DIR": ""}
    result = subprocess.run([sys.executable, "-m", "dashboard", "stats"], capture_output=True, text=True, env=env)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "python -m dashboard fetch-geodata --year 2023" in result.stderr


def test_fetch_from_directory_copies_validated_layers(tmp_path, geodata_dir):
    target = tmp_path / "cache"
    reports = boundaries.copy_boundaries(2023, geodata_dir, target, log=lambda _: None)
    assert sorted(r.path.name for r in reports) == ["kunta4500k_2013.geojson", "kunta4500k_2023.geojson", "maakunta4500k_2023.geojson"]
    assert [r.features for r in reports if r.path.name == "kunta4500k_2023.geojson"] == [309]
    assert (target / "vaesto_kunnittain_2020.csv").is_file()


def test_fetch_from_directory_rejects_a_wrong_layer(tmp_path, geodata_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    collection = json.loads((geodata_dir / "kunta4500k_2023.geojson").read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:100]
    (bad / "kunta4500k_2023.geojson").write_text(json.dumps(collection), encoding="utf-8")
    shutil.copy(geodata_dir / "maakunta4500k_2023.geojson", bad)
    with pytest.raises(boundaries.GeodataError, match="expected 309 features, got 100"):
        boundaries.copy_boundaries(2023, bad, tmp_path / "cache", log=lambda _: None)
    assert not (tmp_path / "cache" / "kunta4500k_2023.geojson").exists()


class _FakeResponse:
    def __init__(self, payload):
        self.payload = payload
        self.text = json.dumps(payload)[:300]

    def raise_for_status(self):
        pass

    def json(self):
        return self.payload


def test_fetch_from_wfs_validates_swaps_axes_and_writes_atomically(tmp_path, geodata_dir, monkeypatch):
    layers = {
        name: json.loads((geodata_dir / f"{name}.geojson").read_text(encoding="utf-8"))
        for name in ("kunta4500k_2023", "maakunta4500k_2023", "kunta4500k_2013")
    }
    # Serve the municipality layer in latitude-longitude order, as WFS 2.0 may do.
    swapped = boundaries._swap_axes(json.loads(json.dumps(layers["kunta4500k_2023"])))
    layers["kunta4500k_2023"] = swapped
    calls = []

    class FakeSession:
        def get(self, url, params, timeout):
            calls.append((url, params["typeNames"], timeout))
            return _FakeResponse(layers[params["typeNames"].split(":")[1]])

    monkeypatch.setattr(boundaries, "_session", lambda retries: FakeSession())
    reports = boundaries.fetch_boundaries(2023, tmp_path, timeout=5, log=lambda _: None)
    assert [c[1] for c in calls] == [
        "tilastointialueet:kunta4500k_2023",
        "tilastointialueet:maakunta4500k_2023",
        "tilastointialueet:kunta4500k_2013",
    ]
    assert all(c[0] == boundaries.WFS_URL and c[2] == 5 for c in calls)
    assert [r.features for r in reports] == [309, 19, 320]
    written = json.loads((tmp_path / "kunta4500k_2023.geojson").read_text(encoding="utf-8"))
    first = written["features"][0]["geometry"]["coordinates"][0][0]
    assert 19 < first[0] < 32 and 59 < first[1] < 71  # back in lon/lat order
    assert not list(tmp_path.glob("*.part"))


def test_fetch_from_wfs_failure_leaves_no_file(tmp_path, monkeypatch):
    class BrokenSession:
        def get(self, url, params, timeout):
            return _FakeResponse({"type": "FeatureCollection", "features": []})

    monkeypatch.setattr(boundaries, "_session", lambda retries: BrokenSession())
    with pytest.raises(boundaries.GeodataError, match="expected 309 features, got 0"):
        boundaries.fetch_boundaries(2023, tmp_path, log=lambda _: None)
    assert list(tmp_path.iterdir()) == []


def test_pxweb_population_answer_is_parsed():
    # json-stat2 layout of table 11ra (values from Statistics Finland, 31.12.2020).
    payload = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Vuosi", "Alue", "Tiedot"],
        "size": [1, 3, 1],
        "dimension": {
            "Vuosi": {"category": {"index": {"2020": 0}}},
            "Alue": {"category": {"index": {"SSS": 0, "KU005": 1, "KU091": 2}}},
            "Tiedot": {"category": {"index": {"vaesto": 0}}},
        },
        "value": [5533793, 9419, 656920],
    }
    frame = boundaries.parse_pxweb_population(payload)
    assert frame.to_dict("records") == [
        {"municipality": "005", "population": 9419, "reference_date": "2020-12-31"},
        {"municipality": "091", "population": 656920, "reference_date": "2020-12-31"},
    ]


def test_pxweb_answer_of_the_wrong_shape_is_a_clear_error():
    with pytest.raises(boundaries.GeodataError, match="not json-stat2"):
        boundaries.parse_pxweb_population({"columns": []})
