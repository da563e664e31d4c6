"""Boundaries as one namespace, for callers written before the split.

The code lives in :mod:`dashboard.geo.layers` (locate and load), :mod:`dashboard.geo.simplify`
(display geometry) and :mod:`dashboard.geo.fetch` (download or copy into the cache).
"""

from dashboard.geo.fetch import *  # noqa: F401,F403
from dashboard.geo.fetch import _layer_specs  # noqa: F401
from dashboard.geo.layers import *  # noqa: F401,F403
from dashboard.geo.simplify import *  # noqa: F401,F403
