"""A built map split into a part that stays mounted and a part that changes with the filters.

streamlit-folium keys its component by a hash of the map's script: when anything in it
changes, the browser throws the map's iframe away, loads it again, parses Leaflet and
redraws every layer — for each filter change. Its ``feature_group_to_add`` instead swaps
one layer group inside a map that stays mounted. :func:`split` turns a map made by
:func:`dashboard.ui.maps.area_map` or :func:`~dashboard.ui.maps.services_map` into

* a **base** map whose script is the same on every rerun (options, tiles, the initial view
  of Finland, the static region outlines of the nature page, the choropleth's rings), so its
  iframe stays and the geometry is parsed once; and
* a **layer group** with everything that follows the filters: the choropleth or the service
  markers, the radius circle, the legend (moved from the page HTML into the map container,
  where it is replaced with the group) and the data-version mark.

A later fit (a Leader group's bounds, the nature page's radius) becomes :class:`FitOnChange`:
the map moves only when that target changes (without one, the target is the initial view),
so a filter change keeps the visitor's zoom and pan.

Pure folium: no Streamlit here.
"""

from __future__ import annotations

import hashlib
import json

import folium
from folium.template import Template

from dashboard.ui import maps


def _js(value) -> str:
    """A value as a JavaScript literal that cannot end the surrounding script element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


class FitOnChange(maps.PrerenderedMacro):
    """``fitBounds`` on the group's map, once per distinct target (not on every update)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, bounds, options) {
            requestAnimationFrame(function () {
                var map = group._map;
                var key = JSON.stringify(bounds);
                if (map && map.__hkFitted !== key) { map.__hkFitted = key; map.fitBounds(bounds, options); }
            });
        })({{ this._parent.get_name() }}, {{ this.bounds_js }}, {{ this.options_js }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds, options: dict) -> None:
        super().__init__()
        self._name = "FitOnChange"
        self.bounds_js = _js(bounds)
        self.options_js = _js(options)


class OverlayHtml(maps.PrerenderedMacro):
    """Page-level HTML of the map (the legend) placed in the map container while the group is
    on the map, and removed with it. The HTML is the builders' own, made of escaped parts."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, markup) {
            var box = null;
            function place() {
                if (box || !group._map) { return; }
                box = L.DomUtil.create("div", "hk-overlay", group._map.getContainer());
                box.innerHTML = markup;
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
            }
            group.on("add", place);
            group.on("remove", function () { if (box) { L.DomUtil.remove(box); box = null; } });
            requestAnimationFrame(place);
        })({{ this._parent.get_name() }}, {{ this.markup_js }});
        {% endmacro %}
        """
    )

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "OverlayHtml"
        self.markup_js = _js(markup)


class GroupVersion(maps.MapVersion):
    """:class:`~dashboard.ui.maps.MapVersion` for a layer group: marks the group's map.

    With ``report``, the paint is also reported to the page as the component's value
    (``{"painted": version}``, once per version and mounted map), so that the app can send
    what waits for the map (rankings, charts, the table) once the map is on screen. The app
    asks for a report only while that part shows another view; the flag lives in the group,
    so asking does not remount anything."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, version, report) {
            requestAnimationFrame(function () {
                if (!group._map) { return; }
                var box = group._map.getContainer();
                box.setAttribute("data-painted-at", String(performance.timeOrigin + performance.now()));
                box.setAttribute("data-version", version);
                if (report && window.__hkPaintReported !== version && window.parent !== window) {
                    window.__hkPaintReported = version;
                    window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue", value: {painted: version}, dataType: "json"}, "*");
                }
            });
        })({{ this._parent.get_name() }}, {{ this.version_json }}, {{ this.report_js }});
        {% endmacro %}
        """
    )

    def __init__(self, version: str, report: bool = False) -> None:
        super().__init__(version)
        self.report_js = "true" if report else "false"


class ImmediateClicks(maps.PrerenderedMacro):
    """A click on the map reported at once, not after streamlit-folium's 250 ms debounce.

    streamlit-folium records a click in ``window.__GLOBAL_DATA__`` and sends the component
    value 250 ms later. After its handlers have run, this sends the very value it would send
    (the same keys in its order, see ``ORDER``) and marks it as sent (``previous_data``), so its
    debounced update finds nothing new and sends nothing: one rerun per click, a quarter of a
    second sooner. Installed once per mounted map (the group's script runs on every update)."""

    ORDER = ("last_clicked", "last_object_clicked", "last_active_drawing")
    """streamlit-folium's order of these keys in the value (its JSON is compared as text)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, keys) {
            requestAnimationFrame(function () {  // the group is on its map by then
            var map = group._map;
            if (!map || map.__hkImmediateClicks || window.parent === window) { return; }
            map.__hkImmediateClicks = true;
            map.on("click", function () {
                setTimeout(function () {
                    var data = window.__GLOBAL_DATA__;
                    if (!data) { return; }
                    var source = {last_clicked: data.lat_lng_clicked, last_object_clicked: data.last_object_clicked, last_active_drawing: data.last_active_drawing};
                    var value = {};
                    keys.forEach(function (key) { value[key] = source[key] === undefined ? null : source[key]; });
                    if (JSON.stringify(value) === JSON.stringify(data.previous_data)) { return; }
                    data.previous_data = value;
                    window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue", value: value, dataType: "json"}, "*");
                }, 0);
            });
            });
        })({{ this._parent.get_name() }}, {{ this.keys_js }});
        {% endmacro %}
        """
    )

    def __init__(self, returned_objects) -> None:
        super().__init__()
        self._name = "ImmediateClicks"
        self.keys_js = _js([key for key in self.ORDER if key in returned_objects])

    @classmethod
    def supports(cls, returned_objects) -> bool:
        """Only values made of the click keys can be rebuilt exactly (no bounds, zoom, …)."""
        return bool(returned_objects) and set(returned_objects) <= set(cls.ORDER)


class GeometryStore(maps.PrerenderedMacro):
    """Part of the base map: the choropleth's encoded rings, kept in the map's window under a
    key. The base map's script does not change while the geometry does not, so the rings are
    parsed once per mounted map; every later update sends values and styles only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.__hkGeometry = window.__hkGeometry || {};
        window.__hkGeometry[{{ this.key_js }}] = {{ this.features }};
        {% endmacro %}
        """
    )

    def __init__(self, key: str, features: str) -> None:
        super().__init__()
        self._name = "GeometryStore"
        self.key_js = _js(key)
        self.features = features


FEATURES_PREFIX = '{"features":'
FEATURES_END = ',"props":'


def _geometry_key(features: str) -> str:
    return hashlib.sha1(features.encode("utf-8")).hexdigest()[:16]


def features_text(shapes) -> str:
    """The rings of ``shapes`` as the choropleth layer writes them (the map module's cache per frame)."""
    return maps.features_json(maps.encoded_geometries(shapes))


def _share_geometry(layer: maps.ChoroplethLayer, stores: dict[str, str]) -> None:
    """Take the layer's rings out (into ``stores``); the layer then reads them from the base map.

    The payload is ``{"features": [...], "props": ...}`` (integers only in the rings, so the
    first ``,"props":`` ends them); another shape is left as it is.
    """
    payload = layer.payload
    end = payload.find(FEATURES_END)
    if not payload.startswith(FEATURES_PREFIX) or end < 0:
        return
    features = payload[len(FEATURES_PREFIX) : end]
    key = _geometry_key(features)
    stores[key] = features
    layer.payload = f"Object.assign({{features: window.__hkGeometry[{_js(key)}], geometry: {_js(key)}}}, {{{payload[end + 1 :]})"


def _is_static(child, seen_fit: bool) -> bool:
    if isinstance(child, folium.raster_layers.TileLayer):
        return True
    if isinstance(child, folium.map.FitBounds) and not seen_fit:
        return True  # the map's initial view (Finland)
    # The nature page's region outlines: the same on every rerun, no data.
    return isinstance(child, folium.GeoJson) and getattr(child, "layer_name", None) == "regions"


def split(fmap: folium.Map, also=(), report_paint: bool = False, immediate_clicks=()) -> tuple[folium.Map, folium.FeatureGroup]:
    """``fmap`` without its data (kept mounted) and a layer group with the data (swapped).

    ``fmap`` itself becomes the base map; its page-level HTML (the legend) moves into the
    group. ``also``: more area layers (GeoDataFrames) whose rings the base map carries too,
    so that a switch between them (the area level) keeps the same map mounted.
    ``report_paint``: the map reports its paint of this version (see :class:`GroupVersion`).
    ``immediate_clicks``: the component's ``returned_objects``; when they are click keys only,
    a click is reported without the debounce (see :class:`ImmediateClicks`). Call on a
    freshly built map (it is changed in place).
    """
    group = folium.FeatureGroup(name="data", control=False)
    stores = {}
    for shapes in also:
        text = features_text(shapes)
        stores[_geometry_key(text)] = text
    initial = None
    moved_fit = False
    for name, child in list(fmap._children.items()):
        static = _is_static(child, initial is not None)
        if isinstance(child, folium.map.FitBounds):
            initial = initial or child
            moved_fit = moved_fit or not static
        if static:
            continue
        del fmap._children[name]
        if isinstance(child, maps.ChoroplethLayer):
            _share_geometry(child, stores)
        if isinstance(child, folium.map.FitBounds):
            child = FitOnChange(child.bounds, child.options)
        elif type(child) is maps.MapVersion:
            child = GroupVersion(child.version, report_paint)
        group.add_child(child, name=name)
    if ImmediateClicks.supports(immediate_clicks):
        group.add_child(ImmediateClicks(immediate_clicks))
    for key in sorted(stores):  # the same order whichever layer is shown
        fmap.add_child(GeometryStore(key, stores[key]), name=f"geometry_{key}")
    if initial is not None and not moved_fit:
        # No later target: back to the initial view when the previous state had moved the map
        # (e.g. the radius circle switched off), as a freshly built map would show it.
        group.add_child(FitOnChange(initial.bounds, initial.options))
    html = fmap.get_root().html
    for name, element in list(html._children.items()):
        del html._children[name]
        group.add_child(OverlayHtml(element.render()))
    return fmap, group
