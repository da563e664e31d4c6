"""Per-view identity of what a page shows: the data version its map marks when painted.

A map marks the version of the view it has drawn (``data-version`` on its container, see
:class:`dashboard.ui.maps.MapVersion`), so that the interaction benchmark and the browser
tests know exactly when a change is on screen. The version is a short hash of the page's
URL state (the codec's ``to_query``) plus anything else the map depends on.
"""

from __future__ import annotations

import hashlib
import json


def view_version(query: dict[str, str], *extra: object) -> str:
    """A short, stable hash of a page's URL state and extra parts (level, metric, language)."""
    text = json.dumps([sorted(query.items()), [str(e) for e in extra]], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
