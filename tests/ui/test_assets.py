"""The map builders stay pure: importing and using the ui layer never imports Streamlit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_ui_layer_does_not_import_streamlit():
    code = (
        "import sys\n"
        "from dashboard.ui import assets, charts, formatting, i18n, maps, safe_text\n"
        "from dashboard.query import distance, rankings\n"
        "assert assets.base_url() == '/app/static/vendor', assets.base_url()\n"
        "print('streamlit' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, env=env)
    assert result.stdout.strip() == "False"
