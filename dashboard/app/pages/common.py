"""Shared Streamlit plumbing of the pages: data from the store, language, basemap, URL state."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import settings

from dashboard.geo import layers
from dashboard.app.appdata import AppData, LiveData, with_uploads
from dashboard.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from dashboard.ui.maps import Basemap
from dashboard.ui import safe_text


UPLOADS_KEY = "uploads"


def data_dir() -> Path:
    return settings.data_dir()


@st.cache_resource(show_spinner=False)
def _live(directory: str, store_location: str, year: int) -> LiveData:
    """One per server process: the store opened (schema checked, upgraded if older), the
    boundaries simplified, the index built from the store's tables."""
    from dashboard.store import open_store

    return LiveData(open_store(), Path(directory), year, poll_seconds=settings.store_poll_seconds())


def live_data() -> LiveData:
    return _live(str(data_dir()), settings.database_url() or str(settings.store_path()), layers.DEFAULT_YEAR)


def app_data() -> AppData:
    """The live records (rebuilt when the store's data version changed), plus this session's uploads."""
    base = live_data().current()
    uploads = st.session_state.get(UPLOADS_KEY) or {}
    if not uploads:
        return base
    signature = (base.store_version, id(base), *sorted((k, id(v)) for k, v in uploads.items()))
    cached = st.session_state.get("_data_with_uploads")
    if cached is None or cached[0] != signature:
        cached = (signature, with_uploads(base, uploads))
        st.session_state["_data_with_uploads"] = cached
    return cached[1]


def language() -> str:
    lang = st.session_state.get("lang") or st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def basemap() -> Basemap:
    return Basemap.from_env(enabled=st.session_state.get("basemap_on", not settings.tiles_disabled()))


def query_dict() -> dict[str, str]:
    """The current URL's parameters (the last value of a repeated one)."""
    return st.query_params.to_dict()


def first_run(page: str) -> bool:
    """True once per session and page: the run on which widgets are seeded from the URL.

    Only once: afterwards the widgets own the state and the URL follows them (a cleared
    filter must not come back from a URL it has not yet been removed from).
    """
    seeded = st.session_state.setdefault("_seeded_from_url", set())
    if page in seeded:
        return False
    seeded.add(page)
    return True


def seed(state: dict[str, object]) -> None:
    """Widget values parsed (and validated) from the URL, set before the widgets exist."""
    for key, value in state.items():
        st.session_state[key] = value


def markdown_text(text: str) -> str:
    """Plain text for a Markdown element (:func:`dashboard.ui.safe_text.markdown_text`)."""
    return safe_text.markdown_text(text)


def show_notices(notices, lang: str) -> None:
    """Tell the visitor which parts of the link were ignored or corrected, and why."""
    if not notices:
        return
    lines = [f"{n.param}={n.value} — {t('url_reason_' + n.reason, lang)}" for n in notices]
    st.warning(t("url_ignored", lang) + "\n\n" + "\n\n".join(markdown_text(line) for line in lines), icon=":material/link_off:")


def sync_query(params: dict[str, str], owned: tuple[str, ...]) -> None:
    """Write this page's state into the URL: set what has a value, remove what does not."""
    current = st.query_params.to_dict()
    for name in owned:
        if name in params:
            if current.get(name) != params[name]:
                st.query_params[name] = params[name]
        elif name in current:
            del st.query_params[name]


def source_coverage(lang: str) -> list[tuple[str, int]]:
    """What each project source covers, in words, with its accepted count (from the build report).

    A sample must never read as a total: the key figures' help and the data page both say,
    per source, whether it is a full list or a sample.
    """
    from dashboard.io.build_data import read_report

    report = read_report(settings.data_dir()) or {}
    return [(t(f"source.{source['id']}", lang), int(source["accepted"])) for source in report.get("sources", [])]


def coverage_help(lang: str) -> str:
    """The help text of the project key figure: every source and how much of it is in."""
    from dashboard.ui.formatting import format_count
    from dashboard.ui.i18n import message

    parts = "; ".join(f"{text} ({format_count(count, lang)})" for text, count in source_coverage(lang))
    return message("coverage_help", lang, parts=parts) if parts else ""


def attribution(lang: str) -> None:
    st.caption(t("attribution", lang))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_texts(lang: str) -> None:
    """Streamlit's file uploader writes its button and limit in English ("Upload",
    "20MB per file"); these rules hide them and show the catalogue's words instead."""
    from dashboard.core.readers import MAX_UPLOAD_BYTES

    button = _css_string(t("upload_button", lang))
    limit = _css_string(t("upload_limit", lang).format(mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
    st.html(
        "<style>"
        "[data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer]{display:none}"
        f"[data-testid=stFileUploaderDropzone] button>div>span::after{{content:{button}}}"
        "[data-testid=stFileUploaderDropzoneInstructions] span{display:none}"
        f"[data-testid=stFileUploaderDropzoneInstructions]>div::after{{content:{limit};font-size:0.875rem;opacity:0.7}}"
        "</style>"
    )
