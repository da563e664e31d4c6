"""Every entry point finds the same data the same way (settings.py)."""

from pathlib import Path

from dashboard import settings


def test_geodata_beside_the_checkout_is_found_without_any_variable(monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    (shared / "geodata").mkdir(parents=True)
    monkeypatch.delenv("HANKEKARTTA_GEODATA_DIR", raising=False)
    monkeypatch.setenv("HANKEKARTTA_SHARED_DIR", str(shared))
    assert settings.geodata_dir() == shared / "geodata"


def test_an_explicit_empty_geodata_dir_means_none(monkeypatch):
    monkeypatch.setenv("HANKEKARTTA_GEODATA_DIR", "")
    assert settings.geodata_dir() is None


def test_a_missing_shared_dir_is_none(monkeypatch, tmp_path):
    monkeypatch.setenv("HANKEKARTTA_SHARED_DIR", str(tmp_path / "nowhere"))
    assert settings.shared_dir() is None


def test_defaults_live_in_the_checkout(monkeypatch):
    for name in ("HANKEKARTTA_DATA_DIR", "HANKEKARTTA_CACHE_DIR", "HANKEKARTTA_STORE", "HANKEKARTTA_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    root = Path(__file__).resolve().parents[1]
    assert settings.data_dir() == root / "data"
    assert settings.cache_dir() == root / "geodata" / "cache"
    assert settings.store_path().parent == root / "store"
    assert settings.database_url() is None


def test_tiles(monkeypatch):
    monkeypatch.setenv("HANKEKARTTA_TILES", "none")
    assert settings.tiles_disabled() and settings.tiles_url() is None
    monkeypatch.setenv("HANKEKARTTA_TILES", "https://tiles.example/{z}/{x}/{y}.png")
    assert not settings.tiles_disabled() and settings.tiles_url() == "https://tiles.example/{z}/{x}/{y}.png"
    monkeypatch.delenv("HANKEKARTTA_TILES")
    assert settings.tiles_url() is None and not settings.tiles_disabled()
