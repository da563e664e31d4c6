"""Folium map builders (pure: data in, ``folium.Map`` out; no Streamlit).

* :func:`classify` — classed colours for a choropleth, with categories that keep "no
  projects", "amount unknown" and "no population data" visibly apart from low values.
* :func:`area_map` — municipalities or regions coloured by a metric (funding and Leader pages).
* :func:`services_map` — clustered, colour-coded service markers (nature page).

Every text that comes from data reaches the map HTML escaped (``html.escape``): tooltips
and popups are built here from escaped parts only. All JavaScript and CSS are served by
the app (see :mod:`assets`); the only outside requests are basemap tiles, and those can be
switched off.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import folium
import folium.plugins
from branca.element import MacroElement
from folium.template import Template
import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import settings

from dashboard.ui import assets
from dashboard.ui.i18n import label, t

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


def format_eur(value: float, lang: str = "fi") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return t("unknown", lang)
    if abs(value) >= 1_000_000_000:
        text = f"{value / 1_000_000_000:,.2f} " + {"fi": "mrd €", "sv": "mdr €"}.get(lang, "bn €")
    elif abs(value) >= 1_000_000:
        text = f"{value / 1_000_000:,.2f} M€"
    elif abs(value) >= 100:
        text = f"{value:,.0f} €"
    else:
        text = f"{value:,.2f} €"
    if lang in ("fi", "sv"):
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_number(value: float, decimals: int = 0, lang: str = "fi") -> str:
    text = f"{value:,.{decimals}f}"
    if lang in ("fi", "sv"):
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


@dataclass(frozen=True)
class Classes:
    colours: pd.Series  # index: code → colour
    legend: list[tuple[str, str]]  # (colour, label)


def classify(table: pd.DataFrame, metric: str, lang: str = "fi", classes: int = 5) -> Classes:
    """Colour each area by ``metric`` (eur, eur_per_resident, projects) in quantile classes.

    Areas without projects, with projects of unknown amount only, or without population
    (per-resident metric) get their own colours so that they never read as "low".
    """
    values = table[metric].astype(float)
    colours = pd.Series(NO_PROJECTS, index=table["code"].to_numpy(), dtype=object)
    has_projects = table["projects"].to_numpy() > 0
    legend: list[tuple[str, str]] = []
    special = np.zeros(len(table), dtype=bool)
    if metric in ("eur", "eur_per_resident"):
        unknown_amount = has_projects & (table["eur"].to_numpy() == 0)
        colours[unknown_amount] = AMOUNT_UNKNOWN
        special |= unknown_amount
    if metric == "eur_per_resident":
        no_population = has_projects & ~unknown_amount & values.isna().to_numpy()
        colours[no_population] = NO_POPULATION
        special |= no_population
    measured = has_projects & ~special & values.notna().to_numpy()
    if measured.any():
        positive = values[measured].to_numpy()
        edges = np.unique(np.quantile(positive, np.linspace(0, 1, classes + 1)))
        if len(edges) == 1:
            edges = np.array([edges[0], edges[0]])
        bins = np.clip(np.searchsorted(edges, positive, side="right") - 1, 0, len(edges) - 2)
        palette = PALETTE if len(edges) - 1 >= len(PALETTE) else PALETTE[-(len(edges) - 1) :]
        colours[measured] = [palette[b] for b in bins]
        decimals = 1 if metric == "eur_per_resident" else 0
        for index in range(len(edges) - 1):
            low, high = edges[index], edges[index + 1]
            if metric == "eur":
                text = f"{format_eur(low, lang)} – {format_eur(high, lang)}"
            else:
                text = f"{format_number(low, decimals, lang)} – {format_number(high, decimals, lang)}"
            legend.append((palette[index], text))
    legend.append((NO_PROJECTS, t("no_projects", lang)))
    if metric in ("eur", "eur_per_resident"):
        legend.append((AMOUNT_UNKNOWN, t("amount_unknown_only", lang)))
    if metric == "eur_per_resident":
        legend.append((NO_POPULATION, t("no_population", lang)))
    return Classes(colours, legend)


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


def legend_html(title: str, entries: list[tuple[str, str]]) -> str:
    """A plain-HTML legend (no d3/branca download), escaped."""
    rows = "".join(
        f'<div><span style="display:inline-block;width:14px;height:14px;background:{colour};'
        f'border:1px solid #777;margin-right:6px;vertical-align:middle"></span>{html.escape(text)}</div>'
        for colour, text in entries
    )
    return (
        "<style>@media (max-width: 600px) { .hk-legend { max-height: 96px; overflow-y: auto; font-size: 11px !important } }</style>"
        '<details open class="hk-legend" style="position:absolute;top:10px;right:10px;z-index:1000;background:rgba(255,255,255,.92);'
        'padding:4px 8px;border-radius:4px;font:12px/1.5 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:60%">'
        f'<summary style="cursor:pointer;font-weight:bold">{html.escape(title)}</summary>{rows}</details>'
    )


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
    return {name: html.escape(t(key, lang)) for name, key in keys.items()}


class ChoroplethLayer(MacroElement):
    """Areas drawn from delta-encoded rings with class styles and a tooltip built in the browser.

    Compared with ``folium.GeoJson`` + ``GeoJsonTooltip`` (one style object and one HTML
    tooltip string per feature, full-precision coordinates) this sends a style table,
    a few numbers per area and integer deltas — under half the bytes. Names arrive
    HTML-escaped from Python; the browser only concatenates them. Each polygon carries
    ``feature.properties.code`` so that a click reports the area to streamlit-folium.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var data = {{ this.payload }};
            var fmt = new Intl.NumberFormat(data.locale, {maximumFractionDigits: 0});
            var fmt2 = new Intl.NumberFormat(data.locale, {maximumFractionDigits: 2});
            var L_ = data.labels;
            function ring(r) {
                var out = [], x = 0, y = 0;
                for (var i = 0; i < r.length; i += 2) { x += r[i]; y += r[i + 1]; out.push([y / 1000, x / 1000]); }
                return out;
            }
            function tip(p) {
                var s = "<b>" + p.n + "</b><br>" + L_.projects + ": " + p.p;
                if (p.p) { s += "<br>" + L_.eur + ": " + fmt.format(p.e) + " €"; }
                if (p.u) { s += "<br>" + L_.unknown + ": " + p.u; }
                if (p.r !== null) {
                    s += "<br>" + L_.population + ": " + fmt.format(p.r);
                    if (p.q !== null && p.e) { s += "<br>" + L_.per_resident + ": " + fmt2.format(p.q); }
                } else { s += "<br>" + L_.no_population; }
                return s;
            }
            var group = L.featureGroup();
            data.features.forEach(function (f, i) {
                var p = data.props[i];
                var style = data.styles[p.k];
                var layer = L.polygon(f.map(function (poly) { return poly.map(ring); }), style);
                layer.feature = {type: "Feature", properties: {code: p.code}};
                layer.bindTooltip(function () { return tip(p); }, {sticky: true});
                layer.on("mouseover", function () { layer.setStyle({weight: 2.5, color: "#000000"}); });
                layer.on("mouseout", function () { layer.setStyle(style); });
                group.addLayer(layer);
            });
            group.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, features: list, properties: list[dict], styles: list[dict], labels: dict[str, str], lang: str) -> None:
        super().__init__()
        self._name = "ChoroplethLayer"
        locale = {"fi": "fi-FI", "sv": "sv-SE"}.get(lang, "en-GB")
        payload = json.dumps(
            {"features": features, "props": properties, "styles": styles, "labels": labels, "locale": locale},
            separators=(",", ":"),
            ensure_ascii=False,
        )
        self.payload = payload.replace("</", "<\\/")


class MapVersion(MacroElement):
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
        self.version_json = json.dumps(str(version)).replace("</", "<\\/")


def area_map(
    shapes: gpd.GeoDataFrame,
    table: pd.DataFrame,
    metric: str,
    lang: str = "fi",
    basemap: Basemap = Basemap(),
    focus: set[str] | None = None,
    selected: set[str] | None = None,
    name_column: str | None = None,
    version: str | None = None,
) -> folium.Map:
    """Choropleth of ``shapes`` (``code`` + geometry, pre-simplified) coloured by ``metric``.

    ``focus``: only these codes are coloured, the rest of Finland is muted (Leader page).
    ``selected``: outlined heavier (the municipality picked by clicking).
    ``version``: the data version the map marks once painted (see :class:`MapVersion`).
    """
    name_column = name_column or f"name_{lang}"
    classes = classify(table.loc[table["code"].isin(focus)] if focus else table, metric, lang)
    merged = shapes[["code", "geometry"]].merge(table, on="code", how="left")
    colours = merged["code"].map(classes.colours).fillna(MUTED)
    selected = selected or set()
    styles: list[dict[str, object]] = []
    style_index: dict[tuple, int] = {}
    properties = []
    for row, colour in zip(merged.itertuples(index=False), colours):
        muted = bool(focus) and row.code not in focus
        style = (
            MUTED if muted else colour,
            "#d62728" if row.code in selected else ("#bbbbbb" if muted else "#555555"),
            3 if row.code in selected else (0.4 if muted else 0.6),
            0.35 if muted else 0.85,
        )
        if style not in style_index:
            style_index[style] = len(styles)
            styles.append({"fillColor": style[0], "color": style[1], "weight": style[2], "fillOpacity": style[3], "fill": True})
        population = getattr(row, "population", None)
        per_resident = getattr(row, "eur_per_resident", None)
        properties.append(
            {
                "code": row.code,
                "n": html.escape(str(getattr(row, name_column))),
                "k": style_index[style],
                "p": int(row.projects),
                "e": round(float(row.eur), 2),
                "u": int(row.amount_unknown_projects),
                "r": None if population is None or pd.isna(population) else int(population),
                "q": None if per_resident is None or pd.isna(per_resident) else round(float(per_resident), 2),
            }
        )
    fmap = _base_map(basemap)
    ChoroplethLayer(encoded_geometries(shapes), properties, styles, tooltip_labels(lang), lang).add_to(fmap)
    if focus:
        west, south, east, north = shapes.loc[shapes["code"].isin(focus)].total_bounds
        fmap.fit_bounds([[south, west], [north, east]], padding=(20, 20))
    title = t(f"metric_{metric}", lang)
    fmap.get_root().html.add_child(folium.Element(legend_html(title, classes.legend)))
    if version is not None:
        MapVersion(version).add_to(fmap)
    return assets.localise(fmap)


def _popup(row: pd.Series, lang: str, municipality_names: dict[str, str]) -> str:
    esc = html.escape
    parts = [f"<b>{esc(str(row['name']))}</b>", esc(label("category", row["category"], lang))]
    if row.get("provider"):
        parts.append(f"{esc(t('provider', lang))}: {esc(str(row['provider']))}")
    municipality = municipality_names.get(row.get("municipality", ""), "")
    if municipality:
        parts.append(f"{esc(t('municipality', lang))}: {esc(municipality)}")
    if row.get("approximate"):
        parts.append(f"<i>{esc(t('approximate', lang))}</i>")
    if row.get("distance_km") is not None and not pd.isna(row.get("distance_km")):
        parts.append(f"{esc(t('distance_km', lang))}: {esc(format_number(float(row['distance_km']), 1, lang))}")
    if row.get("summary"):
        parts.append(esc(str(row["summary"])))
    website = str(row.get("website") or "")
    if website.startswith(("http://", "https://")):
        parts.append(f'<a href="{esc(website, quote=True)}" target="_blank" rel="noopener noreferrer">{esc(t("website", lang))}</a>')
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


class ServiceCluster(folium.plugins.MarkerCluster):
    """All service markers in one compact JSON array, added to the cluster in one bulk call.

    ``FastMarkerCluster`` validates every point in Python and adds markers one by one in the
    browser; here the points are already validated by the schema, the array is written
    without spaces, and ``addLayers`` with ``chunkedLoading`` keeps the page responsive.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var callback = {{ this.callback }};
            var data = {{ this.payload }};
            var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
            {%- if this.icon_create_function is not none %}
            cluster.options.iconCreateFunction = {{ this.icon_create_function.strip() }};
            {%- endif %}
            cluster.addTo({{ this._parent.get_name() }});
            callback(data, cluster);
            return cluster;
        })();
        {% endmacro %}"""
    )

    def __init__(self, data: dict[str, list], callback: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._name = "ServiceCluster"
        self.callback = callback
        self.payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


COMPACT_POPUPS_ABOVE = 2000
"""With more points than this, popups carry name and category only (the full card shows
below the map on click), so 50 000 services stay under 4 MB of map payload."""


def service_rows(services: pd.DataFrame, lang: str, municipality_names: dict[str, str], compact: bool) -> dict[str, list]:
    """The markers as columns: integer lat/lon deltas (×10⁴, sorted so the deltas stay
    short), category index, approximate flag, and the popup HTML — or, in compact mode, just
    the escaped name (the browser adds the category label). Everything is escaped here."""
    categories = list(CATEGORY_COLOURS)
    position = {c: i for i, c in enumerate(categories)}
    lat = np.round(services.geometry.y.to_numpy() * 10_000).astype(np.int64)
    lon = np.round(services.geometry.x.to_numpy() * 10_000).astype(np.int64)
    order = np.lexsort((lon, lat))
    lat, lon = lat[order], lon[order]
    frame = services.iloc[order]
    category = [position.get(c, len(categories) - 1) for c in frame["category"].tolist()]
    approximate = frame["approximate"].astype(bool).astype(int).tolist()
    if compact:
        text = [html.escape(str(n)) for n in frame["name"].tolist()]
    else:
        text = [_popup(row, lang, municipality_names) for _, row in frame.iterrows()]
    return {
        "dlat": np.diff(lat, prepend=0).tolist(),
        "dlon": np.diff(lon, prepend=0).tolist(),
        "cat": category,
        "approx": approximate,
        "text": text,
    }


def services_map(
    services: pd.DataFrame,
    lang: str = "fi",
    basemap: Basemap = Basemap(),
    municipality_names: dict[str, str] | None = None,
    centre: tuple[float, float] | None = None,
    radius_km: float | None = None,
    context: gpd.GeoDataFrame | None = None,
    version: str | None = None,
) -> folium.Map:
    """Services as clustered CSS-dot markers coloured by category, with a legend.

    One :class:`ServiceCluster` carries all points as a compact array and builds markers in
    the browser: thousands of points cost one JSON array, not one Python object each.
    """
    municipality_names = municipality_names or {}
    compact = len(services) > COMPACT_POPUPS_ABOVE
    data = service_rows(services, lang, municipality_names, compact)
    fmap = _base_map(basemap)
    if context is not None:
        # Region outlines keep the map readable with the basemap off (offline); no tooltips, no data.
        outline = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": g.__geo_interface__} for g in context.geometry]}
        folium.GeoJson(
            outline,
            name="regions",
            style_function=lambda _: {"color": "#7a7a7a", "weight": 0.8, "fill": True, "fillColor": "#ffffff", "fillOpacity": 0.6},
            interactive=False,
        ).add_to(fmap)
    compact_labels = [html.escape(label("category", c, lang)) for c in CATEGORY_COLOURS] if compact else None
    callback = _MARKER_FACTORY % (json.dumps(list(CATEGORY_COLOURS.values())), json.dumps(compact_labels))
    ServiceCluster(data, callback, name="services", options={"chunkedLoading": True}).add_to(fmap)
    if centre is not None and radius_km:
        folium.Circle(location=list(centre), radius=radius_km * 1000, color="#d62728", fill=False, weight=2).add_to(fmap)
        fmap.fit_bounds(_circle_bounds(centre, radius_km))
    in_data = set(services["category"].unique())
    present = [c for c in CATEGORY_COLOURS if c in in_data]
    entries = [(CATEGORY_COLOURS[c], label("category", c, lang)) for c in present]
    fmap.get_root().html.add_child(folium.Element(legend_html(t("legend", lang), entries)))
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
