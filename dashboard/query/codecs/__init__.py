"""URL codecs, one per page: the query string is the page's state.

Each codec parses a query string into a frozen *view* (validating every part against the
values the data has, clamping ranges, ignoring garbage and saying what it ignored as
:class:`~dashboard.query.codecs.base.Notice` objects), serialises a view back to the
shortest query string, and describes a view in words. Pages only bind widgets to a view
and write the view of their widget values back; a malformed link therefore never reaches
a widget, and ``parse(to_query(view)) == view`` for every valid view (property-tested).
"""
