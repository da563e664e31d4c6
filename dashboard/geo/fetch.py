"""Fetch boundary layers (WFS) and population (PxWeb) into the cache, or copy them offline.

Every download has an overall deadline (not only a per-read timeout, which a server that
trickles a byte at a time never trips), is validated before it replaces anything, and is
written atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from dashboard.geo import subregions
from dashboard.geo.layers import (
    EXPECTED_MUNICIPALITIES,
    EXPECTED_REGIONS,
    FORMER_YEAR,
    MUNICIPALITY_PROPERTIES,
    REGION_PROPERTIES,
    GeodataError,
    GeodataMissingError,
    cache_dir,
    load_municipalities,
    load_regions,
    municipality_filename,
    region_filename,
)

WFS_URL = "https://geo.stat.fi/geoserver/tilastointialueet/wfs"
PXWEB_POPULATION_URL = "https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px"



@dataclass(frozen=True)
class FetchReport:
    path: Path
    features: int
    source: str


def _session(retries: int):
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    session = requests.Session()
    retry = Retry(total=retries, backoff_factor=1.0, status_forcelist=(429, 500, 502, 503, 504), allowed_methods=None)
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.headers["User-Agent"] = "hankekartta (https://github.com/; open data fetch)"
    return session


def download(session, method: str, url: str, deadline_s: float, read_timeout_s: float = 30.0, **kwargs) -> bytes:
    """The whole body of a request, or :class:`GeodataError` once ``deadline_s`` has passed.

    ``requests``' own timeout limits each read, so a server that sends a byte every few
    seconds would never trip it. The body is therefore read with ``read1`` (whatever has
    arrived, at most 64 KiB) and the clock checked after every read.
    """
    started = time.monotonic()
    too_slow = f"{url}: the download took longer than {deadline_s:g} s; try again later or use --from DIR"
    try:
        response = session.request(method, url, stream=True, timeout=(min(10.0, deadline_s), min(read_timeout_s, deadline_s)), **kwargs)
        response.raise_for_status()
        chunks = []
        with response:
            while chunk := response.raw.read1(65536, decode_content=True):
                chunks.append(chunk)
                if time.monotonic() - started > deadline_s:
                    raise GeodataError(too_slow)
        return b"".join(chunks)
    except GeodataError:
        raise
    except Exception as exc:  # requests' ConnectionError, Timeout, HTTPError …
        raise GeodataError(f"{url}: the download failed ({type(exc).__name__}: {exc}); check the network or use --from DIR") from exc


def _json(body: bytes, what: str) -> Any:
    try:
        return json.loads(body)
    except ValueError as exc:
        raise GeodataError(f"{what}: the answer is not JSON ({body[:200]!r})") from exc


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory, then rename: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _looks_like_lat_lon(collection: dict[str, Any]) -> bool:
    """WFS 2.0 may return EPSG:4326 in latitude-longitude order; Finland makes it easy to tell."""
    for feature in collection.get("features", [])[:5]:
        coords = feature.get("geometry", {}).get("coordinates")
        while isinstance(coords, list) and coords and isinstance(coords[0], list):
            coords = coords[0]
        if isinstance(coords, list) and len(coords) >= 2:
            first, second = coords[0], coords[1]
            return 59 <= first <= 71 and 19 <= second <= 32
    return False


def _swap_axes(collection: dict[str, Any]) -> dict[str, Any]:
    def swap(coords: Any) -> Any:
        if coords and isinstance(coords[0], (int, float)):
            return [coords[1], coords[0], *coords[2:]]
        return [swap(c) for c in coords]

    for feature in collection["features"]:
        feature["geometry"]["coordinates"] = swap(feature["geometry"]["coordinates"])
    return collection


def validate_collection(collection: Any, properties: tuple[str, ...], expected: int | None, layer: str) -> int:
    """Check a downloaded or copied layer before it replaces anything; returns the feature count."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise GeodataError(f"{layer}: the answer is not a GeoJSON FeatureCollection")
    features = collection.get("features") or []
    if expected is not None and len(features) != expected:
        raise GeodataError(f"{layer}: expected {expected} features, got {len(features)}")
    if expected is None and not 10 <= len(features) <= 1000:
        raise GeodataError(f"{layer}: implausible number of features ({len(features)})")
    for feature in features:
        props = feature.get("properties") or {}
        missing = [p for p in properties if p not in props]
        if missing:
            raise GeodataError(f"{layer}: a feature lacks the properties {missing}")
        if not feature.get("geometry"):
            raise GeodataError(f"{layer}: feature {props.get(properties[0])} has no geometry")
    return len(features)


def _optional_layers(year: int) -> dict[str, str]:
    """Layers the app works without, and what is missing without them."""
    optional = {subregions.subregion_filename(year): "sub-region names (seutukunnat) will not be recognised"}
    if year != FORMER_YEAR:
        optional[municipality_filename(FORMER_YEAR)] = "former municipalities will not be recognised"
    return optional


def _layer_specs(year: int) -> list[tuple[str, str, tuple[str, ...], int | None]]:
    specs = [
        (f"tilastointialueet:kunta4500k_{year}", municipality_filename(year), MUNICIPALITY_PROPERTIES, EXPECTED_MUNICIPALITIES.get(year)),
        (f"tilastointialueet:maakunta4500k_{year}", region_filename(year), REGION_PROPERTIES, EXPECTED_REGIONS.get(year)),
        (subregions.type_name(year), subregions.subregion_filename(year), subregions.SUBREGION_PROPERTIES, subregions.EXPECTED_SUBREGIONS.get(year)),
    ]
    if year != FORMER_YEAR:
        specs.append(
            (
                f"tilastointialueet:kunta4500k_{FORMER_YEAR}",
                municipality_filename(FORMER_YEAR),
                MUNICIPALITY_PROPERTIES,
                EXPECTED_MUNICIPALITIES.get(FORMER_YEAR),
            )
        )
    return specs


def fetch_boundaries(
    year: int,
    target: Path | None = None,
    timeout: float = 60.0,
    retries: int = 3,
    log: Callable[[str], None] = print,
) -> list[FetchReport]:
    """Download the year's municipality and region layers (and the 2013 layer for former names).

    ``timeout`` is the deadline of each whole layer download, in seconds.
    """
    target = target or cache_dir()
    session = _session(retries)
    reports = []
    for type_name, filename, properties, expected in _layer_specs(year):
        params = {
            "service": "WFS",
            "version": "2.0.0",
            "request": "GetFeature",
            "typeNames": type_name,
            "outputFormat": "application/json",
            "srsName": "EPSG:4326",
        }
        log(f"downloading {type_name} …")
        started = time.monotonic()
        try:
            collection = _json(download(session, "GET", WFS_URL, deadline_s=timeout, params=params), type_name)
            count = validate_collection(collection, properties, expected, type_name)
        except GeodataError as exc:
            optional = _optional_layers(year)
            if filename not in optional:
                raise
            log(f"  {type_name} skipped ({exc}): {optional[filename]}")
            continue
        if _looks_like_lat_lon(collection):
            collection = _swap_axes(collection)
        _atomic_write(target / filename, json.dumps(collection, ensure_ascii=False).encode("utf-8"))
        log(f"  {count} features → {target / filename} ({time.monotonic() - started:.1f} s)")
        reports.append(FetchReport(target / filename, count, WFS_URL))
    return reports


def copy_boundaries(year: int, source: Path, target: Path | None = None, log: Callable[[str], None] = print) -> list[FetchReport]:
    """Offline alternative to :func:`fetch_boundaries`: validate and copy layers from ``source``."""
    target = target or cache_dir()
    reports = []
    for type_name, filename, properties, expected in _layer_specs(year):
        path = source / filename
        if not path.is_file():
            optional = _optional_layers(year)
            if filename in optional:
                log(f"  {filename} not in {source}: {optional[filename]}")
                continue
            raise GeodataMissingError(f"{path} does not exist; {source} must hold {filename}")
        collection = json.loads(path.read_text(encoding="utf-8"))
        count = validate_collection(collection, properties, expected, str(path))
        if path.resolve() != (target / filename).resolve():
            target.mkdir(parents=True, exist_ok=True)
            _atomic_write(target / filename, path.read_bytes())
        log(f"  {count} features → {target / filename}")
        reports.append(FetchReport(target / filename, count, str(path)))
    for population in sorted(source.glob("vaesto_kunnittain_*.csv")):
        if population.resolve() != (target / population.name).resolve():
            shutil.copyfile(population, target / population.name)
        log(f"  population → {target / population.name}")
    load_municipalities.cache_clear()
    load_regions.cache_clear()
    return reports


def parse_pxweb_population(payload: dict[str, Any]) -> pd.DataFrame:
    """Turn a PxWeb json-stat2 answer for table 11ra into ``municipality,population,reference_date``.

    Areas are coded ``KU091``; the year ``2020`` means the population on 31 December 2020.
    The json-stat2 cube is flattened by pyjstat; only the newest year is kept.
    """
    from pyjstat import pyjstat

    if not isinstance(payload, dict) or not {"id", "size", "value", "dimension"} <= set(payload):
        missing = sorted({"id", "size", "value", "dimension"} - set(payload or {})) if isinstance(payload, dict) else ["everything"]
        raise GeodataError(f"PxWeb answer is not json-stat2: missing {missing}")
    try:
        frame = pyjstat.Dataset.read(json.dumps(payload)).write("dataframe", naming="id")
    except Exception as exc:  # pyjstat raises plain KeyError/ValueError on a broken cube
        raise GeodataError(f"PxWeb answer is not json-stat2: {exc}") from exc
    dimensions: list[str] = payload["id"]
    area = next((d for d in dimensions if d.lower() in {"alue", "area", "region"}), None)
    year = next((d for d in dimensions if d.lower() in {"vuosi", "year", "tid"}), None)
    if area is None or year is None:
        raise GeodataError(f"PxWeb answer has no area/year dimension: {dimensions}")
    for dimension, size in zip(dimensions, payload["size"]):
        if dimension not in (area, year) and size != 1:
            raise GeodataError(f"PxWeb answer has {size} values of {dimension}; ask for one")
    latest = frame[year].astype(str).max()
    rows = frame.loc[(frame[year].astype(str) == latest) & frame[area].astype(str).str.startswith("KU") & frame["value"].notna()]
    if rows.empty:
        raise GeodataError("PxWeb answer has no municipality (KU…) values")
    return pd.DataFrame(
        {
            "municipality": rows[area].astype(str).str[2:].str.zfill(3).to_numpy(),
            "population": rows["value"].astype("int64").to_numpy(),
            "reference_date": f"{latest}-12-31",
        }
    )


def fetch_population(target: Path | None = None, timeout: float = 60.0, retries: int = 3, log: Callable[[str], None] = print) -> Path:
    """Download residents per municipality (latest year) from PxWeb table 11ra into the cache."""
    target = target or cache_dir()
    session = _session(retries)
    log("downloading population (Statistics Finland table 11ra) …")
    meta = _json(download(session, "GET", PXWEB_POPULATION_URL, deadline_s=timeout), "PxWeb table 11ra")
    try:
        variables = meta["variables"]
    except (KeyError, TypeError) as exc:
        raise GeodataError("PxWeb table 11ra: the metadata has no variables") from exc
    query = []
    for variable in variables:
        code, values = variable["code"], variable["values"]
        if code.lower() == "alue":
            query.append({"code": code, "selection": {"filter": "item", "values": [v for v in values if v.startswith("KU")]}})
        elif code.lower() == "vuosi":
            query.append({"code": code, "selection": {"filter": "item", "values": [max(values)]}})
        elif code.lower() == "tiedot":
            wanted = "vaesto" if "vaesto" in values else values[0]
            query.append({"code": code, "selection": {"filter": "item", "values": [wanted]}})
        else:
            total = next((v for v in values if v.upper() in {"SSS", "S", "YHT"}), values[0])
            query.append({"code": code, "selection": {"filter": "item", "values": [total]}})
    body = download(session, "POST", PXWEB_POPULATION_URL, deadline_s=timeout, json={"query": query, "response": {"format": "json-stat2"}})
    frame = parse_pxweb_population(_json(body, "PxWeb table 11ra"))
    year = frame["reference_date"].iloc[0][:4]
    path = target / f"vaesto_kunnittain_{year}.csv"
    _atomic_write(path, frame.to_csv(index=False).encode("utf-8"))
    log(f"  {len(frame)} municipalities, {frame['population'].sum():,} residents → {path}")
    return path
