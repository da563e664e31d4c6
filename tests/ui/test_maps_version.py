"""The map-version hook of the map builders: the map marks the data version it has painted."""

import pandas as pd
import geopandas as gpd
from shapely.geometry import Point, box

from dashboard.ui import maps

NO_TILES = maps.Basemap(None, "")


def _shapes_and_table():
    shapes = gpd.GeoDataFrame({"code": ["005", "009"]}, geometry=[box(22, 62, 23, 63), box(23, 62, 24, 63)], crs="EPSG:4326")
    table = pd.DataFrame(
        {
            "code": ["005", "009"],
            "name_fi": ["Alajärvi", "Alavieska"],
            "projects": [2, 0],
            "eur": [1500.0, 0.0],
            "amount_unknown_projects": [0, 0],
            "population": [9000, 2500],
            "eur_per_resident": [1500 / 9000, 0.0],
        }
    )
    return shapes, table


def test_area_map_marks_its_version_after_its_layers():
    shapes, table = _shapes_and_table()
    html = maps.area_map(shapes, table, "eur", "fi", NO_TILES, version="abc123").get_root().render()
    assert 'setAttribute("data-version", version)' in html
    assert '"abc123"' in html
    assert html.index("data.features.map") < html.index('"abc123"')  # after the choropleth layer


def test_without_a_version_nothing_is_marked():
    shapes, table = _shapes_and_table()
    html = maps.area_map(shapes, table, "eur", "fi", NO_TILES).get_root().render()
    assert "data-version" not in html


def test_a_version_cannot_break_out_of_the_script():
    shapes, table = _shapes_and_table()
    html = maps.area_map(shapes, table, "eur", "fi", NO_TILES, version="</script><img src=x>").get_root().render()
    assert "</script><img" not in html


def test_services_map_marks_its_version():
    services = gpd.GeoDataFrame(
        {
            "name": ["Nuuksio"],
            "category": ["national_park"],
            "provider": [""],
            "municipality": ["049"],
            "approximate": [False],
            "summary": [""],
            "website": [""],
        },
        geometry=[Point(24.5, 60.3)],
        crs="EPSG:4326",
    )
    html = maps.services_map(services, "fi", NO_TILES, version="v-7").get_root().render()
    assert '"v-7"' in html and "data-painted-at" in html
