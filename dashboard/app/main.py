"""The Streamlit app: navigation, language, and a clear message when boundaries are missing."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import assets
from dashboard.geo import layers
from dashboard.ui.i18n import LANGUAGES, t
from dashboard.app.pages import common
from dashboard.app.pages import data
from dashboard.app.pages import funding
from dashboard.app.pages import leader
from dashboard.app.pages import nature


def main() -> None:
    st.set_page_config(page_title="Hankekartta", page_icon="🗺️", layout="wide", initial_sidebar_state="auto")
    assets.ensure_static_assets()
    assets.set_base_path(st.get_option("server.baseUrlPath") or "")
    if "lang" not in st.session_state:
        requested = st.query_params.get("lang", "fi")
        st.session_state["lang"] = requested if requested in LANGUAGES else "fi"
    lang = st.sidebar.selectbox(t("language", st.session_state["lang"]), list(LANGUAGES), format_func=LANGUAGES.get, key="lang")
    if lang != "fi":
        st.query_params["lang"] = lang
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    st.sidebar.toggle(t("basemap", lang), value=True, key="basemap_on", help=t("basemap_off", lang))
    pages = [
        st.Page(funding.render, title=t("page_funding", lang), icon=":material/euro:", url_path="rahoitus", default=True),
        st.Page(nature.render, title=t("page_nature", lang), icon=":material/forest:", url_path="luontopalvelut"),
        st.Page(leader.render, title=t("page_leader", lang), icon=":material/groups:", url_path="leader"),
        st.Page(data.render, title=t("page_data", lang), icon=":material/description:", url_path="tiedot"),
    ]
    navigation = st.navigation(pages)
    try:
        with st.spinner("…"):
            common.app_data()
    except layers.GeodataMissingError as exc:
        st.error(t("geodata_missing", lang))
        st.code(str(exc), language="text")
        st.stop()
    navigation.run()
