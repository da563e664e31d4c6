"""The kept-mounted map: the base map's script does not change with the data; the layer group
carries the data, the legend, the fit and the version mark."""

import re

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

from dashboard.ui import live_map, maps

NO_TILES = maps.Basemap(None, "")


def _shapes():
    return gpd.GeoDataFrame({"code": ["005", "009"]}, geometry=[box(22, 62, 23, 63), box(23, 62, 24, 63)], crs="EPSG:4326")


def _table(projects, eur):
    return pd.DataFrame(
        {
            "code": ["005", "009"],
            "name_fi": ["Alajärvi", "Alavieska"],
            "projects": projects,
            "eur": eur,
            "amount_unknown_projects": [0, 0],
            "population": [9000, 2500],
            "eur_per_resident": [e / p for e, p in zip(eur, (9000, 2500))],
        }
    )


def _script(element) -> str:
    """Rendered JavaScript with folium's random element ids made neutral."""
    return re.sub(r"_[0-9a-f]{32}", "_ID", element.get_root().render())


def test_the_base_map_is_the_same_whatever_the_data():
    first_base, first_group = live_map.split(maps.area_map(_shapes(), _table([2, 0], [1500.0, 0.0]), "eur", "fi", NO_TILES, version="a"))
    second_base, second_group = live_map.split(maps.area_map(_shapes(), _table([1, 4], [10.0, 99000.0]), "projects", "fi", NO_TILES, version="b"))
    assert _script(first_base) == _script(second_base)
    assert "Alajärvi" not in _script(first_base) and "hk-legend" not in _script(first_base)
    assert "__hkGeometry[" in _script(first_base)  # the rings live in the base map, sent with it
    kinds = [type(c).__name__ for c in first_group._children.values()]
    assert kinds[0] == "ChoroplethLayer" and {"GroupVersion", "FitOnChange", "OverlayHtml"} <= set(kinds)
    assert set(kinds) <= {"ChoroplethLayer", "GroupVersion", "FitOnChange", "OverlayHtml", "PlaceLabels", "LegendBehaviour"}


def test_updates_carry_values_not_geometry():
    shapes = _shapes()
    rings = str(maps.encoded_geometries(shapes)[0][0][0][:4])[1:-1].replace(" ", "")
    base, group = live_map.split(maps.area_map(shapes, _table([2, 0], [1500.0, 0.0]), "eur", "fi", NO_TILES, version="a"))
    layer = next(c for c in group._children.values() if isinstance(c, maps.ChoroplethLayer))
    assert rings not in layer.payload and rings in _script(base)
    assert layer.payload.startswith("Object.assign({features: window.__hkGeometry[") and '"props":' in layer.payload


def test_the_group_carries_values_legend_and_version():
    base, group = live_map.split(maps.area_map(_shapes(), _table([1, 4], [10.0, 99000.0]), "projects", "fi", NO_TILES, version="v-2"))
    group.add_to(base)
    script = _script(base)
    assert "Alajärvi" in script
    assert '"v-2"' in script and "data-version" in script
    assert "hk-legend" in script and "Hankkeiden määrä" in script
    assert "</details>" not in script  # the legend travels as an escaped JavaScript string


def test_services_map_keeps_outlines_and_moves_markers_circle_and_fit():
    services = gpd.GeoDataFrame(
        {"name": ["<b>Nuuksio</b>"], "category": ["national_park"], "provider": [""], "municipality": ["049"], "approximate": [False], "summary": [""], "website": [""]},
        geometry=[Point(24.5, 60.3)],
        crs="EPSG:4326",
    )
    regions = gpd.GeoDataFrame({"code": ["01"]}, geometry=[box(24, 60, 25, 61)], crs="EPSG:4326")
    fmap = maps.services_map(services, "fi", NO_TILES, centre=(60.3, 24.5), radius_km=20, context=regions, version="n1")
    base, group = live_map.split(fmap)
    kept = [type(c).__name__ for c in base._children.values()]
    moved = [type(c).__name__ for c in group._children.values()]
    assert kept == ["FitBounds", "RegionOutline"]
    assert moved[:3] == ["ServiceCluster", "Circle", "FitOnChange"] and "GroupVersion" in moved and "OverlayHtml" in moved
    group.add_to(base)
    # the name reaches the page HTML-escaped inside a JSON string (no live markup)
    assert "<b>Nuuksio</b>" not in _script(base) and "\\u0026lt;b\\u0026gt;Nuuksio" in _script(base)


def test_with_both_levels_in_the_base_a_level_switch_keeps_the_same_base_map():
    municipalities = _shapes()
    regions = gpd.GeoDataFrame({"code": ["01"]}, geometry=[box(22, 62, 24, 63)], crs="EPSG:4326")
    region_table = _table([3, 0], [5.0, 0.0]).iloc[:1].assign(code="01", name_fi="Uusimaa")
    both = (municipalities, regions)
    by_municipality, _ = live_map.split(maps.area_map(municipalities, _table([2, 0], [1500.0, 0.0]), "eur", "fi", NO_TILES), also=both)
    by_region, group = live_map.split(maps.area_map(regions, region_table, "eur", "fi", NO_TILES), also=both)
    assert _script(by_municipality) == _script(by_region)
    assert _script(by_region).count("__hkGeometry[") == 2
    group.add_to(by_region)
    assert "Uusimaa" in _script(by_region)


def _group_script(group) -> str:
    import folium

    fmap = folium.Map()
    group.add_to(fmap)
    return fmap.get_root().render()


def test_only_a_reporting_map_posts_its_paint_and_its_group_script_does_not_change():
    table = _table([1, 4], [10.0, 99000.0])
    _, quiet = live_map.split(maps.area_map(_shapes(), table, "projects", "fi", NO_TILES, version="v-1"))
    _, reporting = live_map.split(maps.area_map(_shapes(), table, "projects", "fi", NO_TILES, version="v-1"), report_paint=True)
    _, again = live_map.split(maps.area_map(_shapes(), table, "projects", "fi", NO_TILES, version="v-1"), report_paint=True)
    reporting_script = _group_script(reporting)
    assert "streamlit:setComponentValue" in reporting_script and "__hkPaintReported" in reporting_script
    assert re.search(r'\}\)\([^;]*"v-1", true\);', reporting_script)
    assert re.search(r'\}\)\([^;]*"v-1", false\);', _group_script(quiet))
    # Same view, same script: the report never remounts or re-runs anything by itself.
    strip = lambda text: re.sub(r"_[0-9a-f]{32}", "_ID", text)  # noqa: E731 - folium's element ids
    assert strip(_group_script(again)) == strip(reporting_script)


def test_a_click_only_map_reports_clicks_at_once_in_streamlit_folium_key_order():
    table = _table([1, 4], [10.0, 99000.0])
    fmap = maps.area_map(_shapes(), table, "projects", "fi", NO_TILES, version="v-1")
    _, group = live_map.split(fmap, immediate_clicks=["last_active_drawing", "last_object_clicked"])
    script = _group_script(group)
    assert "__hkImmediateClicks" in script and "streamlit:setComponentValue" in script
    # The keys in streamlit-folium's own order, whatever order the page listed them in.
    assert '["last_object_clicked", "last_active_drawing"]' in script
    # Values with bounds or zoom cannot be rebuilt exactly: no immediate report then.
    _, other = live_map.split(maps.area_map(_shapes(), table, "projects", "fi", NO_TILES, version="v-1"), immediate_clicks=["last_clicked", "zoom"])
    assert "__hkImmediateClicks" not in _group_script(other)
    _, plain = live_map.split(maps.area_map(_shapes(), table, "projects", "fi", NO_TILES, version="v-1"))
    assert "__hkImmediateClicks" not in _group_script(plain)


def _services(names):
    return gpd.GeoDataFrame(
        {"name": names, "category": ["national_park"] * len(names), "provider": [""] * len(names), "municipality": ["049"] * len(names),
         "approximate": [False] * len(names), "summary": [""] * len(names), "website": [""] * len(names)},
        geometry=[Point(24.5 + i / 10, 60.3) for i in range(len(names))],
        crs="EPSG:4326",
    )


def _cluster(fmap) -> maps.ServiceCluster:
    return next(c for c in fmap._children.values() if isinstance(c, maps.ServiceCluster))


def test_a_services_cluster_is_kept_in_the_browser_under_a_hash_of_its_markers():
    one = maps.services_map(_services(["Nuuksio", "Sipoonkorpi"]), "fi", NO_TILES, version="a")
    again = maps.services_map(_services(["Nuuksio", "Sipoonkorpi"]), "fi", NO_TILES, version="b")
    other = maps.services_map(_services(["Nuuksio"]), "fi", NO_TILES, version="a")
    swedish = maps.services_map(_services(["Nuuksio", "Sipoonkorpi"]), "sv", NO_TILES, version="a")
    key = _cluster(one).key
    # the same markers (another version of the page state) share the key; other markers, or
    # the same in another language (other popups), do not
    assert key == _cluster(again).key
    assert key != _cluster(other).key and key != _cluster(swedish).key
    _, group = live_map.split(one)
    group.add_to(one)
    script = _script(one)
    assert f'"{key}", {maps.ServiceCluster.KEPT})' in script and "window.__hkClusters" in script
