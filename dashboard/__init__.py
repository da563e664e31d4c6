"""Hankekartta: Finnish regional development projects and nature-based services on a map.

The package is layered so that everything below the Streamlit pages is plain Python
that can be tested without a running app:

* ``vocab``        – fixed vocabularies (funds, periods, themes, service categories)
* ``parsing``      – tolerant parsers for Finnish dates, euro amounts, booleans, lists
* ``boundaries``   – municipality/region boundaries and population: locate, fetch, load, simplify
* ``names``        – resolve any municipality or region reference to its official code
* ``schema``       – pandera schemas: what a valid record is
* ``records``      – read the canonical CSV files into accepted and rejected rows
* ``join``         – projects × municipalities with exact money allocation; services → municipality
* ``aggregate``    – pure aggregation functions (by area, funder, fund, theme, period, year)
* ``stats``        – summary figures of a data set (used by the CLI and the app)
* ``cli``          – ``python -m dashboard …``
"""

__version__ = "0.1.0"
