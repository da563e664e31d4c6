"""Start the Streamlit server with the app's data already loaded (``python -m dashboard serve``)."""

from __future__ import annotations

import sys
import time


def serve(port: int, streamlit_args: list[str]) -> int:
    """``streamlit run streamlit_app.py`` in this process, once the data is loaded.

    Streamlit runs the app's code only when the first visitor arrives; that visitor would wait
    for the imports (Plotly, Folium) and for the store's tables to be read and indexed. Here a
    thread does both while Streamlit itself is imported, and the server starts listening only
    when they are done (into the same process-wide cache the pages use): the first visit is
    as fast as the later ones, and a health check that answers means the app is ready.
    """
    import threading

    from dashboard import settings

    started = time.monotonic()

    def warm_up() -> None:
        try:
            # The page modules do not import streamlit-folium at the top: it registers its
            # component with the running server when imported (in the first script run).
            from dashboard.app.pages import common, funding
            from dashboard.ui import assets, charts, maps  # noqa: F401 - Plotly and Folium, imported once

            assets.ensure_static_assets()  # Leaflet served from the first request on, not after the first page run

            funding.warm(common.live_data().current())  # the default view's charts and table
        except Exception as exc:  # noqa: BLE001 - the first visit then shows the error properly
            print(f"warning: warm-up failed ({exc}); the first visit will load the data", file=sys.stderr)

    warming = threading.Thread(target=warm_up, name="hankekartta-warm-up", daemon=True)
    warming.start()
    from streamlit.web import cli as streamlit_cli

    warming.join()
    # The loaded data (frames, indexes, shapes: millions of objects) lives as long as the
    # process: frozen, the garbage collector stops walking it. Streamlit collects after every
    # script run (``runner.postScriptGC``); over all that data a full collection held the
    # interpreter for ~0.2 s, during which the server sent nothing (the map's update waited)
    # and the next run (a map click's) could not start.
    import gc

    gc.collect()
    gc.freeze()
    print(f"data ready in {time.monotonic() - started:.1f} s; starting the server", file=sys.stderr)
    sys.argv = ["streamlit", "run", str(settings.PROJECT_ROOT / "streamlit_app.py"), "--server.port", str(port), *streamlit_args]
    return streamlit_cli.main()
