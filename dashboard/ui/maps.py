"""Folium map builders (pure: data in, ``folium.Map`` out; no Streamlit).

* :func:`classify` — classed colours for a choropleth, with categories that keep "no
  projects", "amount unknown" and "no population data" visibly apart from low values.
* :func:`area_map` — municipalities or regions coloured by a metric (funding and Leader pages).
* :func:`services_map` — clustered, colour-coded service markers (nature page).

Every text that comes from data reaches the map HTML escaped (:mod:`safe_text`): tooltips,
popups, legends and place labels are built here from escaped parts only, and JSON inside
``<script>`` goes through ``script_json``. Figures are formatted in Python
(:mod:`formatting`), so the map's tooltips read like the tables.

With the basemap off, :class:`PlaceLabels` writes municipality or region names on the map
(zoom-dependent); on a phone the legend starts folded and folds when a popup opens. All JavaScript and CSS are served by
the app (see :mod:`assets`); the only outside requests are basemap tiles, and those can be
switched off.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import warnings
from dataclasses import dataclass
from typing import Mapping

import folium
import folium.plugins
from branca.element import Element, Figure, MacroElement
from folium.template import Template
import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd

from dashboard import settings

from dashboard.ui import assets, formatting
from dashboard.ui.i18n import label, t
from dashboard.ui.localised import localised, localised_text
from dashboard.ui.safe_text import html_text, html_texts, popup_link, script_json

FINLAND_BOUNDS = [[59.7, 19.4], [70.1, 31.6]]
PALETTE = ("#edf8b1", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
NO_PROJECTS = "#d9d9d9"
AMOUNT_UNKNOWN = "#f4d6a0"
NO_POPULATION = "#ffffff"
MUTED = "#f2f2f2"

CATEGORY_COLOURS = {
    "national_park": "#1b7837",
    "hiking_area": "#5aae61",
    "nature_reserve": "#a6dba0",
    "trail": "#8c510a",
    "geopark": "#bf812d",
    "green_care": "#e7298a",
    "guided_tour": "#7570b3",
    "nature_wellbeing": "#d95f02",
    "activity": "#1f78b4",
    "accommodation": "#6a3d9a",
    "farm_experience": "#b15928",
    "other": "#666666",
}

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


_NEWLINES = re.compile(r"\r\n?")


class RenderedText(Element):
    """Text that is already rendered, added to the page as it is.

    branca's ``MacroElement.render`` wraps each macro's output in ``Element(output)``, which
    compiles that output as a new Jinja template: for a map payload (300 kB of rings, 3 MB
    of markers) that lexing is most of the render time, and a ``{{`` or ``{%`` in a name
    from the data would be evaluated or break the page. This keeps what Jinja does to plain
    text (line breaks as ``\n``, one trailing line break dropped) and nothing else.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        text = str(text)
        if "\r" in text:
            text = _NEWLINES.sub("\n", text)
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, **kwargs) -> str:
        return self.text


class PrerenderedMacro(MacroElement):
    """A ``MacroElement`` whose rendered macros go to the page as :class:`RenderedText`."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.get(part)
            if macro is not None:
                target.add_child(RenderedText(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


@dataclass(frozen=True)
class Basemap:
    """Tile source; ``url=None`` means boundaries only (no outside request at all)."""

    url: str | None = OSM_TILES
    attribution: str = OSM_ATTRIBUTION

    @classmethod
    def from_env(cls, enabled: bool = True) -> "Basemap":
        """``HANKEKARTTA_TILES`` = tile URL template, or ``none``; default OpenStreetMap."""
        if not enabled or settings.tiles_disabled():
            return cls(None, "")
        url = settings.tiles_url() or OSM_TILES
        attribution = settings.tiles_attribution()
        return cls(url, attribution if attribution is not None else (OSM_ATTRIBUTION if url == OSM_TILES else ""))


# Formatting moved to :mod:`dashboard.ui.formatting`; these aliases keep older callers working.
# ``format_eur`` here keeps its old meaning for key figures: compact from a million up.
def format_eur(value: float, lang: str = "fi") -> str:
    """Key figures: ``"29,65 milj. €"`` (compact from a million up, two decimals at most)."""
    return formatting.format_eur_compact(value, lang, fraction_digits=2)


format_number = formatting.format_number


@dataclass(frozen=True)
class Classes:
    colours: pd.Series  # index: code → colour
    legend: list[tuple[str, str]]  # (colour, label)


SCHEMES = ("quantiles", "naturalbreaks")
"""Class schemes of :func:`classify`, as geopandas' ``explore()`` names them (mapclassify's
``Quantiles`` and, deterministic, ``FisherJenks`` for natural breaks)."""


def _value_text(metric: str, value: float, lang: str) -> str:
    if metric == "eur":
        return formatting.format_eur_compact(value, lang)
    if metric == "eur_per_resident":
        return formatting.format_eur(value, lang, decimals=2)
    if metric == "share":
        return formatting.format_percent(value, lang)
    return formatting.format_number(value, 0, lang)


def class_bins(values: np.ndarray, classes: int = 5, scheme: str = "quantiles") -> np.ndarray:
    """Class index (0…) of each value by mapclassify; fewer distinct values than classes → one class each."""
    distinct = np.unique(values)
    if len(distinct) <= classes:
        return np.searchsorted(distinct, values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "not enough unique values": handled below by merging
        if scheme == "naturalbreaks":
            classifier = mapclassify.FisherJenks(values, k=classes)
        elif scheme == "quantiles":
            classifier = mapclassify.Quantiles(values, k=classes)
        else:
            raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}")
    return np.asarray(classifier.yb, dtype=int)


def class_ranges(values: np.ndarray, bins: np.ndarray, metric: str, lang: str) -> tuple[np.ndarray, list[str]]:
    """Renumber ``bins`` so that no class is empty or degenerate, and label each class by the
    smallest and largest value in it ("1,2 milj. € – 3,4 milj. €"; one value: "6", never "6 – 6").

    Adjacent classes whose edges format alike ("6 – 6" next to "6 – 9") are merged, so every
    legend row means a different range."""
    used = sorted(set(bins.tolist()))
    groups: list[list[int]] = [[b] for b in used]  # each group: original bins merged together
    lowest = {b: float(values[bins == b].min()) for b in used}
    highest = {b: float(values[bins == b].max()) for b in used}
    texts: dict[float, str] = {}

    def text(value: float) -> str:
        if value not in texts:
            texts[value] = _value_text(metric, value, lang)
        return texts[value]

    def bounds(group: list[int]) -> tuple[str, str]:
        return text(min(lowest[b] for b in group)), text(max(highest[b] for b in group))

    merged = True
    while merged and len(groups) > 1:
        merged = False
        for i in range(len(groups) - 1):
            low_i, high_i = bounds(groups[i])
            low_j, high_j = bounds(groups[i + 1])
            if high_i == low_j or low_i == high_j or (low_i == high_i and low_j == high_j and low_i == low_j):
                groups[i] = groups[i] + groups.pop(i + 1)
                merged = True
                break
    renumber = {original: index for index, group in enumerate(groups) for original in group}
    labels = []
    for group in groups:
        low, high = bounds(group)
        labels.append(low if low == high else f"{low} – {high}")
    lookup = np.array([renumber[b] for b in used], dtype=int)
    return lookup[np.searchsorted(np.array(used), bins)], labels


def _palette(count: int) -> list[str]:
    """``count`` colours spread over :data:`PALETTE` (light → dark)."""
    if count >= len(PALETTE):
        return list(PALETTE)
    if count == 1:
        return [PALETTE[2]]
    return [PALETTE[int(round(i))] for i in np.linspace(0, len(PALETTE) - 1, count)]


def classify(table: pd.DataFrame, metric: str, lang: str = "fi", classes: int = 5, scheme: str = "quantiles") -> Classes:
    """Colour each area by ``metric`` (eur, eur_per_resident, projects, share) in classes
    (``scheme``: quantiles or natural breaks, see :data:`SCHEMES`) with legend labels in ``lang``.

    Areas without projects, with projects of unknown amount only, or without population
    (per-resident metric) get their own colours so that they never read as "low".
    """
    if metric == "share" and "share" not in table:
        total = float(table["eur"].sum())
        table = table.assign(share=table["eur"] / total if total > 0 else np.nan)
    values = table[metric].astype(float)
    colours = np.full(len(table), NO_PROJECTS, dtype=object)
    has_projects = table["projects"].to_numpy() > 0
    legend: list[tuple[str, str]] = []
    special = np.zeros(len(table), dtype=bool)
    money = metric in ("eur", "eur_per_resident", "share")
    unknown_amount = np.zeros(len(table), dtype=bool)
    if money:
        unknown_amount = has_projects & (table["eur"].to_numpy() == 0)
        colours[unknown_amount] = AMOUNT_UNKNOWN
        special |= unknown_amount
    if metric == "eur_per_resident":
        no_population = has_projects & ~unknown_amount & np.isnan(values.to_numpy())
        colours[no_population] = NO_POPULATION
        special |= no_population
    measured = has_projects & ~special & ~np.isnan(values.to_numpy())
    if measured.any():
        measured_values = values.to_numpy()[measured]
        bins, labels = class_ranges(measured_values, class_bins(measured_values, classes, scheme), metric, lang)
        palette = _palette(len(labels))
        colours[measured] = np.array(palette, dtype=object)[bins]
        legend.extend(zip(palette, labels))
    legend.append((NO_PROJECTS, t("no_projects", lang)))
    if money:
        legend.append((AMOUNT_UNKNOWN, t("amount_unknown_only", lang)))
    if metric == "eur_per_resident":
        legend.append((NO_POPULATION, t("no_population", lang)))
    return Classes(pd.Series(colours, index=table["code"].to_numpy(), dtype=object), legend)


def _base_map(basemap: Basemap, height_hint: str = "100%") -> folium.Map:
    fmap = folium.Map(
        location=[64.9, 26.0],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        prefer_canvas=True,
        height=height_hint,
        zoom_control=True,
        zoom_snap=0.25,
    )
    # Marker clustering needs the map's own maxZoom; without a tile layer nothing else sets it.
    fmap.options["maxZoom"] = 18
    if basemap.url:
        folium.TileLayer(basemap.url, attr=basemap.attribution, name="basemap", max_zoom=18).add_to(fmap)
    fmap.fit_bounds(FINLAND_BOUNDS)
    return fmap


LEGEND_PHONE_WIDTH = 600
"""At or below this width (px) the legend starts folded, sits at the bottom and folds when a popup opens."""


def legend_html(title: str, entries: list[tuple[str, str]]) -> str:
    """A plain-HTML legend (no d3/branca download), escaped; a ``<details>`` so it folds away.

    On a phone it starts folded at the bottom right (popups open above their marker, so a
    legend at the top would cover them), and :class:`LegendBehaviour` folds it when a popup opens.
    """
    rows = "".join(
        f'<div><span style="display:inline-block;width:14px;height:14px;background:{html.escape(colour)};'
        f'border:1px solid #777;margin-right:6px;vertical-align:middle"></span>{html_text(text)}</div>'
        for colour, text in entries
    )
    return (
        f"<style>@media (max-width: {LEGEND_PHONE_WIDTH}px) {{ .hk-legend {{ top: auto !important; bottom: 22px; right: 6px !important;"
        " max-height: 40vh; overflow-y: auto; font-size: 11px !important; max-width: 70% !important } }</style>"
        '<details open class="hk-legend" style="position:absolute;top:10px;right:10px;z-index:1000;background:rgba(255,255,255,.92);'
        'padding:4px 8px;border-radius:4px;font:12px/1.5 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:60%">'
        f'<summary style="cursor:pointer;font-weight:bold">{html_text(title)}</summary>{rows}</details>'
    )


class LegendBehaviour(PrerenderedMacro):
    """Folds the legend on a phone-sized map at start and whenever a popup opens (no library needed)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = document.querySelector(".hk-legend");
            if (!legend) { return; }
            var small = function () { return window.innerWidth <= {{ this.width }}; };
            if (small()) { legend.open = false; }
            {{ this._parent.get_name() }}.on("popupopen", function () { if (small()) { legend.open = false; } });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, width: int = LEGEND_PHONE_WIDTH) -> None:
        super().__init__()
        self._name = "LegendBehaviour"
        self.width = int(width)


def add_legend(fmap: folium.Map, title: str, entries: list[tuple[str, str]]) -> None:
    fmap.get_root().html.add_child(RenderedText(legend_html(title, entries)))
    LegendBehaviour().add_to(fmap)


# --- place names without a basemap -----------------------------------------------------------------

MUNICIPALITY_LABELS_FROM_ZOOM = 7.5
"""Municipality names show from this zoom on (309 names at the national view would be a blur)."""
REGION_LABELS_BELOW_ZOOM = 7.5


def _representative_points(shapes: gpd.GeoDataFrame) -> pd.DataFrame:
    """``code``, ``lat``, ``lon`` of a point inside each area (unlike a centroid of a ring-shaped
    or island municipality). Cached per frame (the app's shapes never change)."""
    cached = _POINTS.get(id(shapes))
    if cached is not None and cached[0] is shapes:
        return cached[1]
    points = shapes.geometry.representative_point()
    frame = pd.DataFrame({"code": shapes["code"].to_numpy(), "lat": points.y.round(4).to_numpy(), "lon": points.x.round(4).to_numpy()})
    _POINTS[id(shapes)] = (shapes, frame)
    return frame


_POINTS: dict[int, tuple[object, pd.DataFrame]] = {}


def place_labels(shapes: gpd.GeoDataFrame, names: dict[str, str] | pd.Series | None = None, lang: str = "fi", codes: set[str] | None = None) -> list[list]:
    """``[lat, lon, escaped name]`` per area of ``shapes`` (``names``: code → name; default the
    shapes' ``name_<lang>`` column), only for ``codes`` when given."""
    points = _representative_points(shapes)
    if names is None:
        column = f"name_{lang}" if f"name_{lang}" in shapes else "name_fi"
        names = dict(zip(shapes["code"], shapes[column])) if column in shapes else {}
    lookup = names if isinstance(names, dict) else names.to_dict()
    kept = []
    for code, lat, lon in zip(points["code"].tolist(), points["lat"].tolist(), points["lon"].tolist()):
        if codes is not None and code not in codes:
            continue
        name = lookup.get(code)
        if name is None or formatting.is_missing(name) or not math.isfinite(lat):
            continue
        kept.append((float(lat), float(lon), name))
    escaped = html_texts([name for _, _, name in kept])
    return [[lat, lon, text] for (lat, lon, _), text in zip(kept, escaped)]


def add_place_labels(
    fmap: folium.Map,
    shapes: gpd.GeoDataFrame,
    names: dict[str, str] | pd.Series | None = None,
    lang: str = "fi",
    min_zoom: float | None = None,
    max_zoom: float = 99,
    codes: set[str] | None = None,
    below: bool = False,
) -> None:
    """Names of ``shapes`` on ``fmap``; by default municipalities (many areas) from zoom
    :data:`MUNICIPALITY_LABELS_FROM_ZOOM`, regions (few) at every zoom."""
    if min_zoom is None:
        min_zoom = MUNICIPALITY_LABELS_FROM_ZOOM if len(shapes) > 40 and not codes else 0
    labels = place_labels(shapes, names, lang, codes)
    if labels:
        bold = len(shapes) <= 40
        PlaceLabels(labels, min_zoom, max_zoom, "bold 12px/1.2 sans-serif" if bold else "11px/1.2 sans-serif", below).add_to(fmap)


class PlaceLabels(PrerenderedMacro):
    """Area names as non-interactive text labels shown only within a zoom range.

    With the basemap off (offline, or privacy-bound) the map would show bare polygons;
    these labels are plain Leaflet ``divIcon`` markers built in the page (nothing is fetched).
    Names arrive HTML-escaped from Python and are inserted as text content of the label.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .hk-place { pointer-events: none; }
        .hk-place span { position: absolute; transform: translate(-50%, -50%); white-space: nowrap; }
        .hk-place.hk-below span { transform: translate(-50%, 9px); }
        .hk-place span {
            font: {{ this.font }}; color: #222;
            text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            // The parent is the map itself, or a layer group that is swapped on a kept-mounted
            // map (see live_map): then the labels live while the group is on the map.
            var owner = {{ this._parent.get_name() }};
            var data = {{ this.payload }};
            var layer = L.layerGroup();
            data.labels.forEach(function (item) {
                L.marker([item[0], item[1]], {
                    // styled inline: a swapped layer group brings no stylesheet of its own
                    icon: L.divIcon({className: data.below ? "hk-place hk-below" : "hk-place", html: '<span style="' + data.style + (data.below ? "transform:translate(-50%,9px);" : "transform:translate(-50%,-50%);") + '">' + item[2] + "</span>", iconSize: null}),
                    interactive: false, keyboard: false
                }).addTo(layer);
            });
            function start(map) {
                function update() {
                    var z = map.getZoom();
                    var show = z >= data.min && z < data.max;
                    if (show && !map.hasLayer(layer)) { layer.addTo(map); }
                    if (!show && map.hasLayer(layer)) { map.removeLayer(layer); }
                }
                map.on("zoomend", update);
                update();
                if (owner !== map) {
                    owner.once("remove", function () { map.off("zoomend", update); map.removeLayer(layer); });
                }
            }
            if (typeof owner.getZoom === "function") { start(owner); }
            else if (owner._map) { start(owner._map); }
            else { owner.once("add", function () { start(owner._map); }); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[list], min_zoom: float = 0, max_zoom: float = 99, font: str = "11px/1.2 sans-serif", below: bool = False) -> None:
        """``below``: the name sits under its point (where markers sit on the point itself)."""
        super().__init__()
        self._name = "PlaceLabels"
        self.font = font if re.fullmatch(r"[\w ./-]+", font) else "11px/1.2 sans-serif"
        style = f"position:absolute;white-space:nowrap;pointer-events:none;font:{self.font};color:#222;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;"
        self.payload = script_json({"labels": labels, "min": float(min_zoom), "max": float(max_zoom), "below": bool(below), "style": style})


COORDINATE_SCALE = 1000  # 3 decimals of a degree, as rounded by simplify.simplify_coverage


def _encode_ring(coords) -> list[int]:
    """A ring as integers: first point, then deltas (lon, lat) × 1000 — a third of the JSON."""
    out: list[int] = []
    previous_x = previous_y = 0
    for x, y in coords:
        ix, iy = round(x * COORDINATE_SCALE), round(y * COORDINATE_SCALE)
        out.extend((ix - previous_x, iy - previous_y))
        previous_x, previous_y = ix, iy
    return out


_ENCODED: dict[int, tuple[object, list]] = {}


def encoded_geometries(shapes: gpd.GeoDataFrame) -> list:
    """Per area: polygons → rings → delta-encoded integers. Cached per frame (geometry never changes)."""
    cached = _ENCODED.get(id(shapes))
    if cached is not None and cached[0] is shapes:
        return cached[1]
    encoded = []
    for geometry in shapes.geometry:
        polygons = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
        encoded.append([[_encode_ring(polygon.exterior.coords)] + [_encode_ring(r.coords) for r in polygon.interiors] for polygon in polygons])
    _ENCODED[id(shapes)] = (shapes, encoded)
    return encoded


def tooltip_labels(lang: str) -> dict[str, str]:
    keys = {
        "projects": "kpi_projects",
        "eur": "metric_eur",
        "unknown": "kpi_amount_unknown",
        "population": "population",
        "per_resident": "metric_eur_per_resident",
        "no_population": "no_population",
    }
    return {name: html_text(t(key, lang)) for name, key in keys.items()}


class ChoroplethLayer(PrerenderedMacro):
    """Areas drawn from delta-encoded rings with class styles and a tooltip built in the browser.

    Compared with ``folium.GeoJson`` + ``GeoJsonTooltip`` (one style object and one HTML
    tooltip string per feature, full-precision coordinates) this sends a style table,
    a few numbers per area and integer deltas — under half the bytes. Names arrive
    HTML-escaped from Python; the browser only concatenates them. Each polygon carries
    ``feature.properties.code`` so that a click reports the area to streamlit-folium.
    In a kept-mounted map (``live_map.split`` names the geometry) the polygons are built once
    per geometry and later updates only restyle them.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (target) {
            var data = {{ this.payload }};
            function ring(r) {
                var out = [], x = 0, y = 0;
                for (var i = 0; i < r.length; i += 2) { x += r[i]; y += r[i + 1]; out.push([y / 1000, x / 1000]); }
                return out;
            }
            // Every figure arrives formatted in the user's language (as in the tables) and escaped.
            function tip(p, L_) {
                var s = "<b>" + p.n + "</b><br>" + L_.projects + ": " + p.pt;
                if (p.p) { s += "<br>" + L_.eur + ": " + p.e; }
                if (p.u) { s += "<br>" + L_.unknown + ": " + p.ut; }
                if (p.r !== null) {
                    s += "<br>" + L_.population + ": " + p.r;
                    if (p.q !== null) { s += "<br>" + L_.per_resident + ": " + p.q; }
                } else { s += "<br>" + L_.no_population; }
                return s;
            }
            // One polygon per area, its values read from the layer at hover time: restyling
            // it later changes what it shows without building it again.
            function build(owner) {
                return data.features.map(function (f) {
                    var layer = L.polygon(f.map(function (poly) { return poly.map(ring); }));
                    layer.bindTooltip(function () { return tip(layer.__hk, owner.labels); }, {sticky: true});
                    layer.on("mouseover", function () { layer.setStyle({weight: 2.5, color: "#000000"}); });
                    layer.on("mouseout", function () { layer.setStyle(layer.__hkStyle); });
                    return layer;
                });
            }
            function restyle(owner, layers) {
                owner.labels = data.labels;
                layers.forEach(function (layer, i) {
                    var p = data.props[i];
                    layer.__hk = p;
                    layer.__hkStyle = data.styles[p.k];
                    layer.feature = {type: "Feature", properties: {code: p.code}};
                    layer.setStyle(layer.__hkStyle);
                });
            }
            if (!data.geometry) {  // a map of its own: build, style, show
                var owner = {}, group = L.featureGroup(build(owner));
                restyle(owner, group.getLayers());
                group.addTo(target);
                return;
            }
            // A layer group swapped into a mounted map (live_map.split): the polygons of each
            // geometry are built once per map and stay on it; an update restyles them, and
            // shows only this geometry's (an area level switch).
            var kept = window.__hkChoropleths = window.__hkChoropleths || {};
            var entry = kept[data.geometry];
            if (!entry) {
                entry = kept[data.geometry] = {group: L.featureGroup()};
                entry.layers = build(entry);
                entry.layers.forEach(function (layer) { entry.group.addLayer(layer); });
            }
            restyle(entry, entry.layers);
            target.once("add", function () {
                var map = target._map;
                Object.keys(kept).forEach(function (key) {
                    if (key !== data.geometry && kept[key].group._map) { map.removeLayer(kept[key].group); }
                });
                if (!entry.group._map) { entry.group.addTo(map); entry.group.bringToBack(); }
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, features: list, properties: list[dict], styles: list[dict], labels: dict[str, str], lang: str) -> None:
        super().__init__()
        self._name = "ChoroplethLayer"
        # = script_json({"features": …, "props": …, "styles": …, "labels": …}), with the rings'
        # JSON (the bulk, the same on every rerun) encoded once per geometry.
        self.payload = (
            f'{{"features":{features_json(features)},"props":{script_json(properties)},'
            f'"styles":{script_json(styles)},"labels":{script_json(labels)}}}'
        )


_FEATURES_JSON: dict[int, tuple[object, str]] = {}


def features_json(features: list) -> str:
    """``script_json(features)``, cached per list (:func:`encoded_geometries` keeps one per frame)."""
    cached = _FEATURES_JSON.get(id(features))
    if cached is None or cached[0] is not features:
        cached = (features, script_json(features))
        _FEATURES_JSON[id(features)] = cached
    return cached[1]


def _int(value: object) -> int:
    return 0 if formatting.is_missing(value) else int(value)


_MISSING = float("nan")


def _aligned_columns(table: pd.DataFrame, codes: pd.Series):
    """``column(name)``: the values of ``table[name]`` in the order of ``codes`` as a list, NaN
    for a code the table lacks (what a left merge gives), ``None`` if the table has no such
    column. One position lookup instead of a merge of the shapes with the table."""
    positions = pd.Index(table["code"]).get_indexer(codes).tolist()

    def column(name: str) -> list | None:
        if name not in table.columns:
            return None
        values = table[name].tolist()
        return [values[at] if at >= 0 else _MISSING for at in positions]

    return column


def _memoised(format_one):
    """``format_one`` remembering its texts of whole numbers (counts repeat across areas)."""
    texts: dict[object, str] = {}

    def format_cached(value) -> str:
        if type(value) is not int:
            return format_one(value)
        text = texts.get(value)
        if text is None:
            text = texts[value] = format_one(value)
        return text

    return format_cached


class MapVersion(PrerenderedMacro):
    """Marks the map container with the data version it has painted (``data-version``).

    Added after the map's layers, so its script runs once they are on the map; the mark is
    set in the next animation frame, after Leaflet has drawn them, together with the time
    (``data-painted-at``, ms since the epoch, high resolution). The interaction benchmark and
    the browser test wait for it instead of guessing when a new state is on screen.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, version) {
            requestAnimationFrame(function () {
                var box = map.getContainer();
                box.setAttribute("data-painted-at", String(performance.timeOrigin + performance.now()));
                box.setAttribute("data-version", version);
            });
        })({{ this._parent.get_name() }}, {{ this.version_json }});
        {% endmacro %}
        """
    )

    def __init__(self, version: str) -> None:
        super().__init__()
        self._name = "MapVersion"
        self.version = str(version)
        self.version_json = script_json(str(version))


def area_map(
    shapes: gpd.GeoDataFrame,
    table: pd.DataFrame,
    metric: str,
    lang: str = "fi",
    basemap: Basemap = Basemap(),
    focus: set[str] | None = None,
    selected: set[str] | None = None,
    name_column: str | None = None,
    *,
    scheme: str = "quantiles",
    classes: int = 5,
    labels: bool | None = None,
    region_shapes: gpd.GeoDataFrame | None = None,
    version: str | None = None,
) -> folium.Map:
    """Choropleth of ``shapes`` (``code`` + geometry, pre-simplified) coloured by ``metric``.

    ``focus``: only these codes are coloured, the rest of Finland is muted (Leader page).
    ``selected``: outlined heavier (the municipality picked by clicking).
    ``scheme``/``classes``: the class scheme (see :data:`SCHEMES`).
    ``labels``: area names on the map; default on exactly when the basemap is off (the tiles
    carry names otherwise). With ``region_shapes`` (``code``, ``name_*``, geometry) a
    municipality map shows region names when zoomed out and municipality names when zoomed in.
    ``version``: the data version the map marks once painted (see :class:`MapVersion`).
    """
    name_column = name_column or f"name_{lang}"
    if name_column not in table:
        name_column = "name_fi"
    classes_ = classify(table.loc[table["code"].isin(focus)] if focus else table, metric, lang, classes, scheme)
    codes = shapes["code"].tolist()
    column = _aligned_columns(table, shapes["code"])  # as a left merge of shapes and table would give
    colour_of = dict(zip(classes_.colours.index.tolist(), classes_.colours.tolist()))
    selected = selected or set()
    styles: list[dict[str, object]] = []
    style_index: dict[tuple, int] = {}
    style_numbers = []
    for code in codes:
        muted = bool(focus) and code not in focus
        style = (
            MUTED if muted else colour_of.get(code, MUTED),
            "#d62728" if code in selected else ("#bbbbbb" if muted else "#555555"),
            3 if code in selected else (0.4 if muted else 0.6),
            0.35 if muted else 0.85,
        )
        if style not in style_index:
            style_index[style] = len(styles)
            styles.append({"fillColor": style[0], "color": style[1], "weight": style[2], "fillOpacity": style[3], "fill": True})
        style_numbers.append(style_index[style])
    names = column(name_column) or codes
    populations = column("population") or [None] * len(codes)
    per_residents = column("eur_per_resident") or [None] * len(codes)
    projects = [_int(v) for v in column("projects") or [0] * len(codes)]
    unknowns = [_int(v) for v in column("amount_unknown_projects") or [0] * len(codes)]
    euros = column("eur") or [None] * len(codes)
    count_text = _memoised(formatting.formatter("number", lang, 0))
    eur_text = formatting.formatter("eur", lang, 0)
    per_resident_text = formatting.formatter("eur", lang, 2)
    escaped_names = html_texts(names)
    escaped_euros = html_texts([eur_text(eur) for eur in euros])
    properties = [
        {
            "code": code,
            "n": name,
            "k": style,
            "p": count,
            "pt": count_text(count),
            "e": eur_text_,
            "u": unknown,
            "ut": count_text(unknown),
            "r": None if formatting.is_missing(population) else count_text(population),
            "q": None if formatting.is_missing(per_resident) or not count or not eur else per_resident_text(per_resident),
        }
        for code, name, style, count, eur_text_, unknown, population, per_resident, eur in zip(
            codes, escaped_names, style_numbers, projects, escaped_euros, unknowns, populations, per_residents, euros
        )
    ]
    fmap = _base_map(basemap)
    ChoroplethLayer(encoded_geometries(shapes), properties, styles, tooltip_labels(lang), lang).add_to(fmap)
    if labels is None:
        labels = basemap.url is None
    if labels:
        names = dict(zip(codes, column(name_column) or codes))
        if region_shapes is not None and not focus:
            add_place_labels(fmap, region_shapes, None, lang, 0, REGION_LABELS_BELOW_ZOOM)
        add_place_labels(fmap, shapes, names, lang, codes=set(focus) if focus else None)
    if focus:
        west, south, east, north = shapes.loc[shapes["code"].isin(focus)].total_bounds
        fmap.fit_bounds([[south, west], [north, east]], padding=(20, 20))
    add_legend(fmap, t(f"metric_{metric}", lang), classes_.legend)
    if version is not None:
        MapVersion(version).add_to(fmap)
    return assets.localise(fmap)


POPUP_COLUMNS = ("name", "category", "provider", "municipality", "distance_text", "distance_km", "approximate", "summary", "website")
"""The columns a service's popup card reads."""


def _popup(row: Mapping[str, object], lang: str, municipality_names: dict[str, str]) -> str:
    """The popup card of one service; every part escaped (:mod:`safe_text`), the link only to http(s).

    ``name`` and ``summary`` are read as they are: :func:`service_rows` has put the page
    language's texts there (:mod:`dashboard.ui.localised`)."""
    parts = [f"<b>{html_text(row['name'])}</b>", html_text(label("category", row["category"], lang))]
    if not formatting.is_missing(row.get("provider")):
        parts.append(f"{html_text(t('provider', lang))}: {html_text(row['provider'])}")
    municipality = municipality_names.get(row.get("municipality", ""), "")
    if municipality:
        parts.append(f"{html_text(t('municipality', lang))}: {html_text(municipality)}")
    distance_text = row.get("distance_text")
    if not formatting.is_missing(distance_text):
        parts.append(f"{html_text(t('distance_km', lang))}: {html_text(distance_text)}")
    elif not formatting.is_missing(row.get("distance_km")):
        parts.append(f"{html_text(t('distance_km', lang))}: {html_text(formatting.format_distance(row['distance_km'], lang))}")
    if row.get("approximate") is True or (not formatting.is_missing(row.get("approximate")) and bool(row.get("approximate"))):
        parts.append(f"<i>{html_text(t('approximate', lang))}</i>")
    if not formatting.is_missing(row.get("summary")):
        parts.append(html_text(row["summary"]))
    link = popup_link(row.get("website"), t("website", lang))
    if link:
        parts.append(link)
    return "<br>".join(parts)


_MARKER_FACTORY = """
(function () {
    var colours = %s;
    var compactLabels = %s;
    var icons = {};
    function icon(category, approximate) {
        var key = category + ":" + approximate;
        if (!icons[key]) {
            icons[key] = L.divIcon({
                className: "",
                html: '<div style="width:14px;height:14px;border-radius:7px;background:' + colours[category] +
                      ';border:2px ' + (approximate ? 'dashed' : 'solid') + ' #fff;box-shadow:0 0 2px #000"></div>',
                iconSize: [14, 14], iconAnchor: [7, 7]
            });
        }
        return icons[key];
    }
    // Markers are made in batches: the first batch synchronously (the map shows at once),
    // the rest in later tasks, so 50 000 points never block the page for seconds.
    return function (columns, cluster) {
        var lat = 0, lon = 0, next = 0, total = columns.cat.length, batch = 4000;
        function makeBatch() {
            var markers = [];
            for (var end = Math.min(total, next + batch); next < end; next++) {
                lat += columns.dlat[next]; lon += columns.dlon[next];
                markers.push(L.marker([lat / 10000, lon / 10000], {icon: icon(columns.cat[next], columns.approx[next]), row: next}));
            }
            cluster.addLayers(markers);
            if (next < total) { setTimeout(makeBatch, 0); }
        }
        makeBatch();
        // One click handler for all markers; the popup is made when it is needed.
        cluster.on("click", function (event) {
            var i = event.layer.options.row;
            var content = compactLabels ? "<b>" + columns.text[i] + "</b><br>" + compactLabels[columns.cat[i]] : columns.text[i];
            L.popup({maxWidth: 280}).setLatLng(event.layer.getLatLng()).setContent(content).openOn(cluster._map);
        });
    };
})()
"""


class ServiceCluster(folium.plugins.MarkerCluster, PrerenderedMacro):
    """All service markers in one compact JSON array, added to the cluster in one bulk call.

    ``FastMarkerCluster`` validates every point in Python and adds markers one by one in the
    browser; here the points are already validated by the schema, the array is written
    without spaces, and ``addLayers`` with ``chunkedLoading`` keeps the page responsive.

    Clustering is the browser's slowest part of a nature-page change (about 200 ms for 7 000
    services). In a map that stays mounted (``live_map``) the last ``KEPT`` clusters are kept
    in the map's window under a hash of their markers (:attr:`key`): a view shown again (the
    radius switched off, a category taken back) puts its finished cluster back on the map
    instead of clustering every marker again.
    """

    KEPT = 3
    """Clusters kept per mounted map (each holds its markers; 50 000 are a few tens of MB)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (key, kept) {
            var store = window.__hkClusters = window.__hkClusters || {keys: [], clusters: {}};
            var cluster = store.clusters[key], fresh = !cluster;
            if (fresh) {
                cluster = store.clusters[key] = L.markerClusterGroup({{ this.options|tojavascript }});
                {%- if this.icon_create_function is not none %}
                cluster.options.iconCreateFunction = {{ this.icon_create_function.strip() }};
                {%- endif %}
            } else {
                store.keys.splice(store.keys.indexOf(key), 1);
            }
            store.keys.push(key);
            while (store.keys.length > kept) { delete store.clusters[store.keys.shift()]; }
            cluster.addTo({{ this._parent.get_name() }});
            if (fresh) { ({{ this.callback }})({{ this.payload }}, cluster); }
            return cluster;
        })({{ this.key_js }}, {{ this.KEPT }});
        {% endmacro %}"""
    )

    def __init__(self, data: dict[str, list], callback: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._name = "ServiceCluster"
        self.callback = callback
        self.payload = script_json(data)
        self.key = self._markers_key()
        self.key_js = script_json(self.key)

    def _markers_key(self) -> str:
        """What identifies this cluster's markers in the browser: a hash of everything that
        makes them (points, popups, icons, options), so a kept cluster is only ever reused
        for exactly the same markers. Hashed once, when the cluster is made."""
        digest = hashlib.blake2b(digest_size=12)
        for part in (self.payload, self.callback, json.dumps(self.options, sort_keys=True), self.icon_create_function or ""):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


COMPACT_POPUPS_ABOVE = 2000
"""With more points than this, popups carry name and category only (the full card shows
below the map on click), so 50 000 services stay under 4 MB of map payload."""


def service_rows(services: pd.DataFrame, lang: str, municipality_names: dict[str, str], compact: bool) -> dict[str, list]:
    """The markers as columns: integer lat/lon deltas (×10⁴, sorted so the deltas stay
    short), category index, approximate flag, and the popup HTML — or, in compact mode, just
    the escaped name (the browser adds the category label). Everything is escaped here."""
    categories = list(CATEGORY_COLOURS)
    lat = np.round(services.geometry.y.to_numpy() * 10_000).astype(np.int64)
    lon = np.round(services.geometry.x.to_numpy() * 10_000).astype(np.int64)
    order = np.lexsort((lon, lat))
    lat, lon = lat[order], lon[order]
    # Category index per point: the few distinct values looked up, unknown or missing → "other".
    found, distinct = pd.factorize(services["category"])
    other = len(categories) - 1
    lookup = np.array([categories.index(c) if c in categories else other for c in distinct.tolist()] + [other], dtype=np.int64)
    category = lookup[found[order]].tolist()  # a missing category is -1: the last entry
    approximate = services["approximate"].astype(bool).astype(int).to_numpy()[order].tolist()
    if compact:
        # Only the name is shown: localise that column alone, escape all names in one go.
        text = html_texts(localised_text(services, "name", lang).to_numpy(dtype=object)[order].tolist())
    else:
        frame = localised(services.iloc[order], lang)  # name and summary in the page's language
        # Rows as plain dicts of the card's columns: a Series per row (iterrows) cost 80 ms
        # for 1 000 national parks.
        columns = [c for c in POPUP_COLUMNS if c in frame.columns]
        text = [_popup(row, lang, municipality_names) for row in frame[columns].to_dict("records")]
    return {
        "dlat": np.diff(lat, prepend=0).tolist(),
        "dlon": np.diff(lon, prepend=0).tolist(),
        "cat": category,
        "approx": approximate,
        "text": text,
    }


class RegionOutline(folium.GeoJson, PrerenderedMacro):
    """``folium.GeoJson`` whose script goes to the page as text: the outlines' JSON is not
    compiled as a Jinja template on every render (a few ms per nature-page rerun)."""


def services_map(
    services: pd.DataFrame,
    lang: str = "fi",
    basemap: Basemap = Basemap(),
    municipality_names: dict[str, str] | None = None,
    centre: tuple[float, float] | None = None,
    radius_km: float | None = None,
    context: gpd.GeoDataFrame | None = None,
    *,
    labels: bool | None = None,
    municipality_shapes: gpd.GeoDataFrame | None = None,
    version: str | None = None,
) -> folium.Map:
    """Services as clustered CSS-dot markers coloured by category, with a legend.

    One :class:`ServiceCluster` carries all points as a compact array and builds markers in
    the browser: thousands of points cost one JSON array, not one Python object each.
    A ``distance_text`` column (:mod:`dashboard.query.distance`) shows in the popups.
    ``labels`` (default: when the basemap is off): region names of ``context`` when zoomed out,
    municipality names of ``municipality_shapes`` (if given) when zoomed in.
    """
    municipality_names = municipality_names or {}
    compact = len(services) > COMPACT_POPUPS_ABOVE
    data = service_rows(services, lang, municipality_names, compact)
    fmap = _base_map(basemap)
    if context is not None:
        # Region outlines keep the map readable with the basemap off (offline); no tooltips, no data.
        outline = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": g.__geo_interface__} for g in context.geometry]}
        RegionOutline(
            outline,
            name="regions",
            style_function=lambda _: {"color": "#7a7a7a", "weight": 0.8, "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.6},
            interactive=False,
        ).add_to(fmap)
    if labels is None:
        labels = basemap.url is None
    if labels and context is not None:
        add_place_labels(fmap, context, None, lang, 0, REGION_LABELS_BELOW_ZOOM, below=True)
    if labels and municipality_shapes is not None:
        # Services known by municipality sit on its representative point: names go under it.
        add_place_labels(fmap, municipality_shapes, None, lang, MUNICIPALITY_LABELS_FROM_ZOOM, below=True)
    compact_labels = [html_text(label("category", c, lang)) for c in CATEGORY_COLOURS] if compact else None
    callback = _MARKER_FACTORY % (script_json(list(CATEGORY_COLOURS.values())), script_json(compact_labels))
    ServiceCluster(data, callback, name="services", options={"chunkedLoading": True}).add_to(fmap)
    if centre is not None and radius_km:
        folium.Circle(location=list(centre), radius=radius_km * 1000, color="#d62728", fill=False, weight=2).add_to(fmap)
        fmap.fit_bounds(_circle_bounds(centre, radius_km))
    in_data = set(services["category"].unique())
    present = [c for c in CATEGORY_COLOURS if c in in_data]
    entries = [(CATEGORY_COLOURS[c], label("category", c, lang)) for c in present]
    add_legend(fmap, t("legend", lang), entries)
    if version is not None:
        MapVersion(version).add_to(fmap)
    return assets.localise(fmap)


def _circle_bounds(centre: tuple[float, float], radius_km: float) -> list[list[float]]:
    lat, lon = centre
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(np.cos(np.radians(lat)), 0.1))
    return [[lat - dlat, lon - dlon], [lat + dlat, lon + dlon]]


def map_payload_bytes(fmap: folium.Map) -> int:
    """Bytes of the map's rendered HTML+JS (what the browser receives for it)."""
    return len(fmap.get_root().render().encode("utf-8"))
