"""The data page's contribution flow: sign in, confirm an upload into the store, withdraw.

Upload → the import report (shown by the data page) → here: records outside the editor's
area refused with a reason, ids already in the store listed with a choice (replace or
skip) → confirm → one batch in one transaction → every user and replica sees it (marked
contributed) → the editor or an admin can withdraw it; the history stays.
Without a sign-in file (``HANKEKARTTA_AUTH_CONFIG``) nothing here is shown but a note
that uploads stay in the browser session.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard.app import auth
from dashboard.app.pages.common import live_data
from dashboard.ui.i18n import keys, localise_table, t
from dashboard.ui.safe_text import markdown_text



def _plain(text: object) -> str:
    """Text from an upload (ids, file names, error details) as literal text in Streamlit's
    Markdown elements and labels (:func:`dashboard.ui.safe_text.markdown_text`)."""
    return markdown_text(text)


def _t(key: str, lang: str) -> str:
    """The contribution flow's texts live in the one catalogue, under ``contrib.``."""
    return t(f"contrib.{key}", lang)


def access_panel(lang: str) -> auth.User | None:
    """The notice of how uploads are kept, and sign-in / sign-out; returns the editor or None."""
    if auth.configured() is None:
        st.info(_t("session_only", lang))
        return None
    user = auth.current_user()
    if user is not None:
        area = ", ".join(f"{k}: {v}" for k, v in user.area.items()) if user.area else _t("everywhere", lang)
        left, right = st.columns([4, 1])
        left.success(f"{_t('signed_in_as', lang)} {_plain(user.name)} ({user.role}; {_plain(area)}). {_t('stored_for_all', lang)}")
        if right.button(_t("sign_out", lang), key="sign_out"):
            st.session_state.pop(auth.SESSION_KEY, None)
            st.rerun()
        return user
    st.caption(_t("sign_in_hint", lang))
    with st.form("sign_in_form", clear_on_submit=True):
        st.markdown(f"**{_t('sign_in', lang)}**")
        username = st.text_input(_t("username", lang), key="sign_in_username", autocomplete="username")
        password = st.text_input(_t("password", lang), type="password", key="sign_in_password", autocomplete="current-password")
        submitted = st.form_submit_button(_t("sign_in_button", lang))
    if submitted:
        try:
            result = auth.sign_in(auth.accounts_from_settings(), live_data().store, username, password)
        except auth.AuthConfigError as exc:
            st.error(_plain(exc))
            return None
        if result.user is None:
            st.error(_t(result.reason, lang).format(minutes=result.wait_minutes) if f"contrib.{result.reason}" in keys() else _plain(result.message))
            return None
        st.session_state[auth.SESSION_KEY] = result.user
        st.rerun()
    return None


def contribution_panel(result, file_name: str, payload: bytes, data, user: auth.User, lang: str) -> None:
    """After the import report: area refusals, id clashes with a choice, and the confirm button."""
    from dashboard.store.backend import StoreError
    from dashboard.store.batches import area_for, contribution_batch, prepare_contribution

    digest = hashlib.sha256(payload).hexdigest()
    done = st.session_state.setdefault("_stored_uploads", {})
    if digest in done:
        st.success(f"{_t('already_stored', lang)} {done[digest]}.")
        return
    live = live_data()
    try:
        area = area_for(user.area, data.leader_groups, data.municipality_region)
    except ValueError as exc:
        st.error(_plain(exc))
        return
    existing = set(data.projects["id"]) if result.kind == "projects" else set(data.services["id"])
    contribution = prepare_contribution(result, existing_ids=existing, municipality_region=data.municipality_region, municipalities=data.municipalities, area=area)
    if len(contribution.refused):
        st.warning(f"{_t('refused_area', lang)}: {len(contribution.refused)}")
        st.dataframe(localise_table(contribution.refused.rename(columns={"raw": "id"})[["id", "reason"]], lang), hide_index=True, width="stretch", key="refused_area")
    choice = "skip"
    if contribution.existing:
        st.warning(f"{_t('existing', lang)}: " + ", ".join(_plain(i) for i in contribution.existing[:20]) + (" …" if len(contribution.existing) > 20 else ""))
        choice = st.radio(_t("on_existing", lang), ["skip", "replace"], format_func=lambda v: _t(v, lang), horizontal=True, key="on_existing")
    batch = contribution_batch(contribution, editor=user.username, file_name=file_name, content=payload, on_existing=choice)
    if not batch.accepted:
        st.info(_t("nothing_to_store", lang))
        return
    st.caption(f"{result.kind}: {batch.accepted} {_t('to_store', lang)}")
    if st.button(_t("confirm", lang), type="primary", key="confirm_contribution"):
        try:
            batch_id = live.store.write_batch(batch)
        except StoreError as exc:
            st.error(f"{_t('store_error', lang)}: {_plain(exc)}")
            return
        done[digest] = batch_id
        live.refresh()
        st.rerun()


def batches_panel(user: auth.User | None, lang: str) -> None:
    """The contributions in use, for everyone; their editor (or an admin) can withdraw them."""
    from dashboard.store.backend import StoreError

    live = live_data()
    batches = live.store.batches()
    active = batches[(batches["origin"] == "contributed") & (batches["status"] == "active")]
    st.subheader(_t("contributions", lang))
    if active.empty:
        st.caption(_t("no_contributions", lang))
        return
    shown = pd.DataFrame(
        {
            _t("batch", lang): active["batch"],
            _t("editor", lang): active["editor"],
            _t("time", lang): pd.to_datetime(active["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
            _t("file", lang): active["file_name"],
            _t("records", lang): active["accepted"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="contributions_table")
    if user is None:
        return
    mine = active if user.is_admin else active[active["editor"] == user.username]
    for row in mine.itertuples():
        if st.button(f"{_t('withdraw', lang)} {row.batch} ({_plain(row.file_name)}, {row.accepted})", key=f"withdraw_{row.batch}"):
            try:
                live.store.withdraw(int(row.batch), by=user.username, admin=user.is_admin)
            except StoreError as exc:
                st.error(_plain(exc))
                return
            live.refresh()
            st.toast(f"{_t('withdrawn', lang)} {row.batch}")
            st.rerun()
