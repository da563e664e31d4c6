"""Hankekartta: Finnish regional development projects and nature-based services on a map.

The package is layered; each layer imports only from the layers above it in this list,
and only ``app`` imports Streamlit, so everything else is plain Python tested alone:

* ``settings``  – every environment variable, in one place
* ``core/``     – vocabularies, parsing, schemas, records (loaders), names (resolver), authorities
* ``geo/``      – boundary layers (locate, fetch, load, simplify) and placement of projects and services
* ``query/``    – filters with their URL codecs, the index engine, Leader coverage, stats
* ``io/``       – readers, the importer registry and one module per format, uploads, exports
* ``ui/``       – labels and formatting, maps, charts, static assets: pure builders
* ``app/``      – the Streamlit layer: cached app data, session state, pages
* ``cli``       – ``python -m dashboard …``
"""

__version__ = "0.1.0"
