"""Start the Streamlit server with the app's data already loaded (``python -m dashboard serve``)."""

from __future__ import annotations

import sys
import time


def _warm_imports() -> None:
    """Import now what the first script run of the first session would import.

    The page modules that use streamlit-folium (the nature and Leader pages) are not imported:
    streamlit-folium registers its component with the running server when imported, which
    needs a script run. Everything they and streamlit-folium need is imported instead, and
    Python's module index of :func:`inspect.getmodule` is filled once
    (:func:`_index_modules`): the component's registration looks its module up there, and
    without the index a scan of every loaded module (about 0.4 s at the first visit) pays it.
    """
    import branca  # noqa: F401 - streamlit-folium's own imports
    import folium.elements  # noqa: F401
    import folium.plugins  # noqa: F401
    import jinja2  # noqa: F401
    import streamlit.components.v1  # noqa: F401
    from streamlit import string_util

    from dashboard.app import state  # noqa: F401
    from dashboard.app.pages import common, data, funding, funding_rankings  # noqa: F401 - data imports contributions and auth
    from dashboard.ui import assets, charts, localised, maps, tables  # noqa: F401 - Plotly and Folium, imported once

    string_util.is_emoji("🗺️")  # the page icon: the first check imports Streamlit's table of every emoji (0.1 s)


def _index_modules() -> None:
    """Fill :mod:`inspect`'s module-by-file index with every module loaded so far."""
    import inspect

    inspect.getmodule(sys._getframe())


def _warm_map(live) -> None:
    """Build and render the funding page's default map once (what every first visit draws).

    The first build in a process compiles templates and regular expressions, classifies and
    merges for the first time; here that happens before the server listens. The result is
    thrown away: each session builds its own map (the view caches keep the data)."""
    from dashboard.app.pages import funding
    from dashboard.query.filters import ProjectFilters
    from dashboard.ui import live_map, maps

    data = live.current()
    # Through the page's own view caches: the first visitor's view finds its mask, area
    # table and precision shares built.
    mask = funding._mask(data, ProjectFilters())
    level, metric, measure = data.funding_domain.levels[0], data.funding_domain.metrics[0], funding.DEFAULT_MEASURE
    table = funding._map_table(data, mask, level, measure)
    funding._precision_shares(data, mask, level, measure)
    fmap = maps.area_map(data.municipality_shapes, table, metric, "fi", maps.Basemap(None, ""), selected=set(), region_shapes=data.region_shapes, version="warm-up")
    base, group = live_map.split(fmap, also=(data.municipality_shapes, data.region_shapes, data.large_area_shapes()), report_paint=True)
    base.get_root().render()
    group._parent = base  # as streamlit-folium renders the swapped layer group
    group.render()


def _warm_rankings(data) -> None:
    """The default view's implementer and funder rankings into the view cache.

    They stand beside the map and follow its first paint; built there, the first visitor's
    rankings and charts would wait about a second for them (5 000 organisations grouped).
    The key is the one ``funding_rankings._organisations_tab`` uses: should it change, this
    only misses (the page then builds them, as without the warm-up)."""
    from dashboard.app.appdata import mask_key, view_cache
    from dashboard.app.pages import funding_rankings
    from dashboard.query import rankings
    from dashboard.query.filters import ProjectFilters

    filters = ProjectFilters()
    mask = data.index.mask(filters)
    chosen_areas = (filters.regions, filters.municipalities)
    money = rankings.area_money(data.allocation, *chosen_areas)
    for kind in ("implementer", "funder"):
        view_cache(
            data.index,
            ("organisations", kind, mask_key(mask), chosen_areas),
            lambda kind=kind: (rankings.top_organisations(data.projects.loc[mask], kind, funding_rankings.ORGANISATIONS_SHOWN, money), money is not None),
        )


def _freeze_heap() -> None:
    """Leave the loaded data out of Python's full garbage collections.

    After the warm-up some 300 000 long-lived objects (the tables, the index, the shapes)
    are tracked; a full collection walks all of them (about 0.2 s), and the collections a
    request's allocations start would do so in the middle of a visit (Streamlit's own one after
    every script run is switched off in ``.streamlit/config.toml``). :func:`gc.freeze` moves them to a permanent
    generation that collections skip (reference counting still frees them). When a new store
    version replaces the data, :class:`~dashboard.app.appdata.LiveData` collects the old data
    and freezes the new (``appdata._refreeze``)."""
    import gc

    gc.collect()
    gc.freeze()


def warm_up() -> None:
    """Everything the first visit would otherwise wait for, before the server listens."""
    from dashboard.app.pages import common, funding
    from dashboard.ui import assets

    _warm_imports()
    assets.ensure_static_assets()  # Leaflet served from the first request on, not after the first page run
    live = common.live_data()
    funding.warm(live.current())  # the default view's charts and table
    _warm_rankings(live.current())
    _warm_map(live)
    _index_modules()


def serve(port: int, streamlit_args: list[str]) -> int:
    """``streamlit run streamlit_app.py`` in this process, once the data is loaded.

    Streamlit runs the app's code only when the first visitor arrives; that visitor would wait
    for the imports (Plotly, Folium) and for the store's tables to be read and indexed. Here
    both happen first (into the same process-wide cache the pages use), and the server starts
    listening only when they are done: the first visit is as fast as the later ones, and a
    health check that answers means the app is ready.

    One thread does it all, in order. The warm-up once ran in a second thread while this one
    imported Streamlit: two threads importing Streamlit's packages at once can trip Python's
    import-deadlock detection, which fails one import halfway; Streamlit's package then runs a
    second time and refuses to start ("DeltaGeneratorSingleton instance already exists"), as
    one server start in about ten did.
    """
    from dashboard import settings

    started = time.monotonic()
    from streamlit.web import cli as streamlit_cli

    try:
        warm_up()
    except Exception as exc:  # noqa: BLE001 - the first visit then shows the error properly
        print(f"warning: warm-up failed ({exc}); the first visit will load the data", file=sys.stderr)
    _freeze_heap()
    print(f"data ready in {time.monotonic() - started:.1f} s; starting the server", file=sys.stderr)
    sys.argv = ["streamlit", "run", str(settings.PROJECT_ROOT / "streamlit_app.py"), "--server.port", str(port), *streamlit_args]
    return streamlit_cli.main()
