"""Map builders: classes without degenerate ranges, formatted legends and tooltips, offline
place names, a phone-friendly legend, and every data text escaped."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from dashboard.ui import maps

NB = "\u00a0"
OFF = maps.Basemap(None, "")
HOSTILE = '<img src=x onerror=alert(1)><a href="https://evil.example">x</a>'


@pytest.fixture(scope="module")
def shipped(dataset, municipalities, regions, municipality_region):
    from dashboard.geo import layers
    from dashboard.geo import simplify
    from dashboard.geo.placement import allocate_projects
    from oracles import aggregate

    allocation = allocate_projects(dataset.projects.accepted, municipality_region)
    population = layers.load_population()
    return {
        "municipality_table": aggregate.by_municipality(allocation, municipalities, population),
        "region_table": aggregate.by_region(allocation, regions, municipality_region, population),
        "municipality_shapes": simplify.simplify_coverage(municipalities),
        "region_shapes": simplify.simplify_coverage(regions, tolerance_m=1500.0),
    }


def _degenerate(label: str) -> bool:
    parts = label.split(" – ")
    return len(parts) == 2 and parts[0] == parts[1]


@pytest.mark.parametrize("scheme", maps.SCHEMES)
@pytest.mark.parametrize("metric", ["eur", "eur_per_resident", "projects", "share"])
def test_shipped_legends_have_no_degenerate_classes(shipped, metric, scheme):
    for table in (shipped["municipality_table"], shipped["region_table"]):
        classes = maps.classify(table, metric, "fi", scheme=scheme)
        labels = [text for _, text in classes.legend]
        assert not [label for label in labels if _degenerate(label)]
        assert len(labels) == len(set(labels))
        assert "nan" not in " ".join(labels) and "None" not in " ".join(labels)


def test_equal_values_get_one_class_with_a_single_label():
    table = pd.DataFrame({"code": list("abcdefghij"), "projects": [6, 6, 6, 6, 6, 6, 7, 9, 1, 0], "eur": [1.0] * 10})
    classes = maps.classify(table, "projects", "fi")
    assert [text for _, text in classes.legend] == ["1", "6", "7", "9", "Ei hankkeita"]
    assert classes.colours["j"] == maps.NO_PROJECTS
    assert len({classes.colours[c] for c in "abcdef"}) == 1


def test_classes_that_format_alike_are_merged():
    values = np.array([1_210_000.0, 1_240_000.0, 1_260_000.0, 2_000_000.0])
    bins, labels = maps.class_ranges(values, np.array([0, 1, 2, 3]), "eur", "fi")
    # 1.21 and 1.24 M€ both read "1,2 milj. €": one class; 1.26 M€ reads "1,3 milj. €".
    assert labels == [f"1,2{NB}milj.{NB}€", f"1,3{NB}milj.{NB}€", f"2{NB}milj.{NB}€"]
    assert bins.tolist() == [0, 0, 1, 2]


def test_legend_labels_are_formatted(shipped):
    eur = [text for _, text in maps.classify(shipped["region_table"], "eur", "fi").legend]
    assert any("milj." in text for text in eur)
    per_resident = [text for _, text in maps.classify(shipped["municipality_table"], "eur_per_resident", "sv").legend]
    assert re.search(r"\d,\d\d\u00a0€", per_resident[0])
    english = [text for _, text in maps.classify(shipped["region_table"], "eur", "en").legend]
    assert any(text.startswith("€") for text in english)


def test_area_map_keeps_its_signature_and_formats_tooltips(shipped):
    fmap = maps.area_map(shipped["region_shapes"], shipped["region_table"], "eur", "fi", maps.Basemap(), selected={"19"}, focus=None)
    html = fmap.get_root().render()
    assert f"148{NB}895{NB}190{NB}€" in html  # Lappi's allocation (its municipalities and the region itself), formatted as in the tables
    assert "PlaceLabels" not in html and "hk-place" not in html  # the basemap carries names
    assert "LegendBehaviour" in html or "popupopen" in html
    assert not re.search(r"(cdn\.jsdelivr|cdnjs|code\.jquery)", html)


def test_offline_map_shows_place_names_by_zoom(shipped):
    fmap = maps.area_map(shipped["municipality_shapes"], shipped["municipality_table"], "projects", "sv", OFF, region_shapes=shipped["region_shapes"])
    html = fmap.get_root().render()
    assert "Kajanaland" in html and "Enare" in html  # region names (zoomed out) and municipality names (zoomed in), in Swedish
    settings = re.findall(r'"min":([\d.]+),"max":([\d.]+)', html)
    assert ("0.0", str(maps.REGION_LABELS_BELOW_ZOOM)) in settings
    assert (str(maps.MUNICIPALITY_LABELS_FROM_ZOOM), "99.0") in settings
    labels = maps.place_labels(shipped["municipality_shapes"], lang="fi")
    assert len(labels) == len(shipped["municipality_shapes"]) == 309
    kuusamo = next(label for label in labels if label[2] == "Kuusamo")
    assert 65.5 < kuusamo[0] < 66.6 and 28.5 < kuusamo[1] < 30.0  # inside Kuusamo, not in the sea


def test_leader_style_focus_labels_only_the_group(shipped, municipality_region):
    lappi = set(municipality_region.loc[municipality_region["region_code"] == "19", "code"])
    fmap = maps.area_map(shipped["municipality_shapes"], shipped["municipality_table"], "projects", "fi", OFF, focus=lappi)
    html = fmap.get_root().render()
    labelled = set(re.findall(r'\[[\d.]+,[\d.]+,"([^"]+)"\]', html))
    assert "Inari" in labelled and "Rovaniemi" in labelled and "Helsinki" not in labelled
    assert len(labelled) == len(lappi)


def test_phone_legend_folds(shipped):
    html = maps.legend_html("Euroa", [("#fff", "1 – 2")])
    assert "<details open" in html and f"max-width: {maps.LEGEND_PHONE_WIDTH}px" in html and "bottom: 22px" in html
    page = maps.area_map(shipped["region_shapes"], shipped["region_table"], "eur", "fi", OFF).get_root().render()
    assert f"window.innerWidth <= {maps.LEGEND_PHONE_WIDTH}" in page and "legend.open = false" in page and '.on("popupopen"' in page


def test_data_text_is_escaped_everywhere(shipped):
    table = shipped["region_table"].copy()
    table.loc[table["code"] == "19", "name_fi"] = HOSTILE
    html = maps.area_map(shipped["region_shapes"], table, "eur", "fi", OFF).get_root().render()
    assert "<img src=x" not in html and 'href="https://evil' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("\\u0026", "&")
    legend = maps.legend_html(HOSTILE, [("#fff", HOSTILE)])
    assert "<img" not in legend and "<a href" not in legend


def _services() -> gpd.GeoDataFrame:
    frame = pd.DataFrame(
        {
            "id": ["s1", "s2"],
            "name": [HOSTILE, "Oulangan kansallispuisto"],
            "category": ["activity", "national_park"],
            "provider": [None, "Metsähallitus"],
            "municipality": ["305", "305"],
            "approximate": [True, False],
            "summary": ["[x](https://evil.example) <script>alert(1)</script>", None],
            "website": ["javascript:alert(1)", "https://www.luontoon.fi/oulanka"],
            "distance_text": ["Kuusamo (ei tarkkaa sijaintia)", f"12,3{NB}km"],
            "distance_km": [np.nan, 12.3],
        }
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy([29.18, 29.4], [65.96, 66.37]), crs="EPSG:4326")


def test_services_map_popups(shipped):
    services = _services()
    fmap = maps.services_map(services, "fi", OFF, municipality_names={"305": "Kuusamo"}, context=shipped["region_shapes"])
    html = fmap.get_root().render()
    assert "<script>alert" not in html and "<img src=x" not in html and "javascript:alert" not in html
    assert "Kuusamo (ei tarkkaa sijaintia)" in html
    assert 'href=\\"https://www.luontoon.fi/oulanka\\"' in html or "https://www.luontoon.fi/oulanka" in html
    assert "Pohjois-Pohjanmaa" in html  # region labels with the basemap off
    popup = maps._popup(services.iloc[1], "fi", {"305": "Kuusamo"})
    assert popup.startswith("<b>Oulangan kansallispuisto</b>") and f"Etäisyys: 12,3{NB}km" in popup
    assert "None" not in maps._popup(services.iloc[0], "fi", {})


def test_format_aliases_stay():
    assert maps.format_number(1234.5, 1, "fi") == f"1{NB}234,5"
    assert maps.format_eur(29_650_000, "fi") == f"29,65{NB}milj.{NB}€"


def test_service_popups_speak_the_page_language():
    services = _services().assign(
        name_fi=["", "Oulangan kansallispuisto"],
        name_sv=["", "Oulanka nationalpark"],
        name_en=["", "Oulanka National Park"],
        summary_fi=["", "Mäntymetsiä ja jokilaaksoja."],
        summary_sv=["", "Tallskogar och älvdalar."],
        summary_en=["", "Pine forests and river valleys."],
    )
    for lang, name, summary in (("sv", "Oulanka nationalpark", "Tallskogar och älvdalar."), ("en", "Oulanka National Park", "Pine forests and river valleys.")):
        rows = maps.service_rows(services, lang, {"305": "Kuusamo"}, compact=False)
        popup = next(text for text in rows["text"] if name in text)
        assert popup.startswith(f"<b>{name}</b>") and summary in popup
        compact = maps.service_rows(services, lang, {}, compact=True)["text"]
        assert name in compact  # the short popups of many points too
    hostile = maps.service_rows(services, "sv", {}, compact=False)["text"]
    assert not any("<script>alert" in text for text in hostile)  # the fallback to the original is escaped as well


def _layer_payload(fmap) -> dict:
    import json

    layer = next(child for child in fmap._children.values() if isinstance(child, maps.ChoroplethLayer))
    return json.loads(layer.payload)


def test_area_map_tooltips_are_the_rows_of_a_left_join(shipped):
    """The tooltip figures are built column-wise; the reference is one merged row at a time."""
    from dashboard.ui import formatting
    from dashboard.ui.safe_text import html_text

    shapes = shipped["municipality_shapes"]
    table = shipped["municipality_table"].iloc[5:].copy()  # five municipalities lack a row: empty tooltips
    table.loc[table.index[0], "name_sv"] = HOSTILE
    table.loc[table.index[1], "population"] = pd.NA
    table.loc[table.index[2], "eur"] = 0.0
    for lang, metric in (("sv", "eur"), ("en", "eur_per_resident"), ("fi", "projects")):
        payload = _layer_payload(maps.area_map(shapes, table, metric, lang, OFF))
        merged = shapes[["code", "geometry"]].merge(table, on="code", how="left")
        expected = []
        for row in merged.itertuples(index=False):
            projects = maps._int(row.projects)
            population, per_resident = row.population, row.eur_per_resident
            expected.append(
                {
                    "code": row.code,
                    "n": html_text(getattr(row, f"name_{lang}")),
                    "p": projects,
                    "pt": formatting.format_count(projects, lang),
                    "e": html_text(formatting.format_eur(row.eur, lang)),
                    "u": maps._int(row.amount_unknown_projects),
                    "ut": formatting.format_count(maps._int(row.amount_unknown_projects), lang),
                    "r": None if formatting.is_missing(population) else formatting.format_count(population, lang),
                    "q": None if formatting.is_missing(per_resident) or not projects or not row.eur else formatting.format_eur(per_resident, lang, decimals=2),
                }
            )
        got = [{k: v for k, v in props.items() if k != "k"} for props in payload["props"]]
        assert got == expected
        assert len(payload["features"]) == len(payload["props"]) == len(shapes)


def test_template_syntax_in_data_is_shown_as_text(shipped):
    """Rendered macros reach the page as text, not as a second Jinja template: a name with
    ``{{ … }}`` or ``{%`` is shown as typed (it was evaluated, or broke the page)."""
    table = shipped["region_table"].copy()
    table.loc[table["code"] == "19", "name_fi"] = "{{ 7*7 }} {% if x %} {# c"
    html = maps.area_map(shipped["region_shapes"], table, "eur", "fi", OFF).get_root().render()
    assert html.count("{{ 7*7 }} {% if x %} {# c") == 2  # the tooltip and the place label
    services = _services()
    services.loc[0, "name"] = "{{ range(10**9)|list }}"
    page = maps.services_map(pd.concat([services] * 1100, ignore_index=True), "fi", OFF).get_root().render()
    assert "{{ range(10**9)|list }}" in page


@pytest.mark.parametrize("text", ["a\r\nb\rc\n", "x\n\n", "plain", "", "\n", "ä € \u00a0 \\n"])
def test_rendered_text_is_what_jinja_made_of_plain_text(text):
    from folium.template import Template

    assert maps.RenderedText(text).render() == Template(text).render()


def test_full_popups_built_from_plain_rows_equal_the_row_by_row_cards():
    """service_rows reads rows as dicts (fast); the cards must be those a pandas row gives."""
    from dashboard.core.records import default_data_dir
    from dashboard.app.appdata import build_app_data
    from dashboard.ui.localised import localised

    data = build_app_data(default_data_dir())
    services = data.services.assign(distance_text=["" if i % 3 else f"{i} km" for i in range(len(data.services))])
    for lang in ("fi", "sv"):
        rows = maps.service_rows(services, lang, data.municipality_names, compact=False)
        lat = np.round(services.geometry.y.to_numpy() * 10_000).astype(np.int64)
        lon = np.round(services.geometry.x.to_numpy() * 10_000).astype(np.int64)
        ordered = localised(services.iloc[np.lexsort((lon, lat))], lang)
        expected = [maps._popup(row, lang, data.municipality_names) for _, row in ordered.iterrows()]
        assert rows["text"] == expected and len(expected) == len(services) > 200
