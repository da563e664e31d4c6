"""Page text → projects: the glue between the page-text extractor and the registry.

A register page (``Hankenumero`` … ``Ohjelma/Rahasto``) is read by its labels; any other
page by :func:`dashboard.io.importers.page_text.extract_projects`, keeping per field the
text it came from.
"""

from __future__ import annotations

from dashboard.core.names import AreaResolver
from dashboard.io.importers.base import Draft, ImportResult, finish, slug
from dashboard.core.readers import decode


def import_page_text(data: bytes, resolver: AreaResolver, source_url: str = "") -> ImportResult:
    from dashboard.io.importers.page_text import extract_projects
    from dashboard.io.importers.rural_register import import_register_page, looks_like_register_page

    text = decode(data)
    if looks_like_register_page(text):
        return import_register_page(text, resolver, source_url)
    draft = Draft("projects")
    drafts = extract_projects(text, resolver)
    for number, page_draft in enumerate(drafts, start=1):
        record = dict(page_draft.record)
        record.setdefault("source_url", source_url)
        if not record.get("id"):
            record["id"] = slug(record.get("name", "")) or f"page-{number}"
        draft.add(number, record, provenance=page_draft.provenance)
    if not drafts:
        draft.reject(1, "no project could be recognised in the text (no name line, dates or labelled fields)")
    return finish(draft, "page-text", resolver, max(len(drafts), 1))
