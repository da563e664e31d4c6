"""Serve Leaflet and its plugins from the app itself: no request leaves for a CDN.

Folium points its maps at public CDNs (jsDelivr, cdnjs, code.jquery.com). On an offline or
privacy-bound network the map then stays blank, and every CDN request leaks the visitor's
address. The files ship in PyPI's ``xstatic-*`` packages; :func:`ensure_static_assets`
copies the ones the maps use into ``static/vendor/`` beside ``streamlit_app.py`` (served
by Streamlit's static file serving at ``/app/static/…``), and :func:`localise` points a
folium element's ``default_js``/``default_css`` at those copies.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import folium
import folium.plugins

from dashboard import settings

APP_ROOT = settings.PROJECT_ROOT
STATIC_DIR = APP_ROOT / "static"
VENDOR = "vendor"


def _sources() -> dict[str, Path]:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    leaflet_dir = Path(leaflet.BASE_DIR)
    cluster_dir = Path(markercluster.BASE_DIR)
    return {
        "leaflet/leaflet.js": leaflet_dir / "leaflet.js",
        "leaflet/leaflet.css": leaflet_dir / "leaflet.css",
        "leaflet/images/layers.png": leaflet_dir / "images" / "layers.png",
        "leaflet/images/layers-2x.png": leaflet_dir / "images" / "layers-2x.png",
        "leaflet/images/marker-icon.png": leaflet_dir / "images" / "marker-icon.png",
        "leaflet/images/marker-icon-2x.png": leaflet_dir / "images" / "marker-icon-2x.png",
        "leaflet/images/marker-shadow.png": leaflet_dir / "images" / "marker-shadow.png",
        "markercluster/leaflet.markercluster.js": cluster_dir / "leaflet.markercluster.js",
        "markercluster/MarkerCluster.css": cluster_dir / "MarkerCluster.css",
        "markercluster/MarkerCluster.Default.css": cluster_dir / "MarkerCluster.Default.css",
    }


@lru_cache(maxsize=1)
def ensure_static_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Copy the vendored files into ``static/vendor`` once per process (idempotent)."""
    target = static_dir / VENDOR
    for relative, source in _sources().items():
        destination = target / relative
        if not destination.exists() or destination.stat().st_size != source.stat().st_size:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
    return target


_BASE_PATH = {"prefix": ""}


def set_base_path(prefix: str) -> None:
    """The server's ``baseUrlPath``, told by the app layer at start (this layer knows no Streamlit)."""
    _BASE_PATH["prefix"] = (prefix or "").strip("/")


def base_url() -> str:
    """URL prefix of the app's static files (respects the server's base path)."""
    prefix = _BASE_PATH["prefix"]
    return f"/{prefix}/app/static/{VENDOR}" if prefix else f"/app/static/{VENDOR}"


def leaflet_js() -> list[tuple[str, str]]:
    return [("leaflet", f"{base_url()}/leaflet/leaflet.js")]


def leaflet_css() -> list[tuple[str, str]]:
    return [("leaflet_css", f"{base_url()}/leaflet/leaflet.css")]


def markercluster_js() -> list[tuple[str, str]]:
    return [("markerclusterjs", f"{base_url()}/markercluster/leaflet.markercluster.js")]


def markercluster_css() -> list[tuple[str, str]]:
    return [
        ("markerclustercss", f"{base_url()}/markercluster/MarkerCluster.css"),
        ("markerclusterdefaultcss", f"{base_url()}/markercluster/MarkerCluster.Default.css"),
    ]


def localise(element: folium.MacroElement) -> folium.MacroElement:
    """Point a map (and every plugin in it) at the locally served files; drop what is unused.

    Bootstrap, jQuery, awesome-markers and Font Awesome are folium defaults the maps here
    do not use (markers are CSS dots, legends plain HTML), so they are not loaded at all.
    """
    stack = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, folium.Map):
            item.default_js = leaflet_js()
            item.default_css = leaflet_css()
        elif isinstance(item, folium.plugins.MarkerCluster):  # FastMarkerCluster and ours are subclasses
            item.default_js = markercluster_js()
            item.default_css = markercluster_css()
        elif hasattr(item, "default_js") or hasattr(item, "default_css"):
            for attribute in ("default_js", "default_css"):
                links = getattr(item, attribute, [])
                if any(str(url).startswith("http") for _, url in links):
                    raise ValueError(f"{type(item).__name__} would load {attribute} from a CDN: {links}")
        stack.extend(getattr(item, "_children", {}).values())
    return element
