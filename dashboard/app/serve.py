"""Start the Streamlit server with the app's data already loading (``python -m dashboard serve``)."""

from __future__ import annotations

import sys


def serve(port: int, streamlit_args: list[str]) -> int:
    """``streamlit run streamlit_app.py`` in this process, with the data loaded while it starts.

    Streamlit runs the app's code only when the first visitor arrives; that visitor would wait
    for the imports (Plotly, Folium) and for the store's tables to be read. Here a thread does
    both while the server starts, into the same process-wide cache the pages use, so the
    first visit is as fast as the later ones.
    """
    import threading

    from dashboard import settings

    def warm_up() -> None:
        try:
            # Not the page modules: streamlit-folium registers its component with the running
            # server when imported, so that import must happen in the first script run.
            from dashboard.app.pages import common
            from dashboard.ui import charts, maps  # noqa: F401 - Plotly and Folium, imported once

            common.live_data()
        except Exception as exc:  # noqa: BLE001 - the first visit then shows the error properly
            print(f"warning: warm-up failed ({exc}); the first visit will load the data", file=sys.stderr)

    threading.Thread(target=warm_up, name="hankekartta-warm-up", daemon=True).start()
    from streamlit.web import cli as streamlit_cli

    sys.argv = ["streamlit", "run", str(settings.PROJECT_ROOT / "streamlit_app.py"), "--server.port", str(port), *streamlit_args]
    return streamlit_cli.main()

