"""Page 4 — Tiedot / Data: sources, licences, the validation report, and uploads."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from dashboard.ui.i18n import t
from dashboard.core.readers import MAX_UPLOAD_BYTES, DataFormatError
from dashboard.core.records import SERVICES_FILE
from dashboard.io.importers import FORMATS
from dashboard.io.isolated import IsolatedError, Limits, run_isolated
from dashboard.io.uploads import ALLOWED_SUFFIXES, validate_upload
from dashboard.core.limits import LimitError
from dashboard.ui.i18n import localise_limit, localise_reason, localise_table
from dashboard.ui.safe_text import markdown_text
from dashboard.app.pages import contributions
from dashboard.app.pages.common import UPLOADS_KEY, app_data, attribution, language, source_coverage, uploader_texts
from dashboard.ui import formatting


def _report_table(results: dict, lang: str, placement_warnings: dict[str, int] | None = None) -> pd.DataFrame:
    """Read / accepted / rejected / warnings per file.

    A file's warnings are its reader's plus those found when its records were placed on the
    map (a service point in another municipality than it names): the same count as the
    expander below and ``python -m dashboard validate``."""
    placement_warnings = placement_warnings or {}
    return pd.DataFrame(
        [
            {
                t("file", lang): name,
                t("read", lang): r.read,
                t("accepted", lang): len(r.accepted),
                t("rejected", lang): len(r.rejected),
                t("warnings", lang): len(r.warnings) + placement_warnings.get(name, 0),
            }
            for name, r in results.items()
        ]
    )




def template_section(data, lang: str) -> None:
    """The contribution template's download button (built only when pressed)."""
    from dashboard.io.template import template_bytes

    title, help_text = t("template_button", lang), t("template_help", lang)
    names = pd.DataFrame(data.municipalities[["code", "name_fi", "name_sv"]]).sort_values("name_fi")
    st.download_button(
        title,
        lambda: template_bytes(names),
        "hankkeet.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help=help_text,
        key="download_template",
    )


UPLOAD_LIMITS = Limits(memory_mb=1536, seconds=60.0)
"""An upload is read in a child process within these (see :mod:`dashboard.io.isolated`)."""


def imported_upload(file_name: str, payload: bytes, format_name: str, data, check_ids: bool):
    """The import report of an uploaded file, computed once per file content.

    While a file sits in the uploader, every rerun of the page would read it again; the
    result is kept in the session by the file's sha256 (and the format chosen, and the data
    version the id check ran against). The import itself runs in a child process with memory
    and time limits, so a hostile file cannot slow the other visitors' pages.
    """
    key = (hashlib.sha256(payload).hexdigest(), format_name, check_ids, getattr(data, "store_version", None), len(data.projects))
    cache = st.session_state.setdefault("_upload_results", {})
    if key not in cache:
        existing = set(data.projects["id"]) | set(data.services["id"]) if check_ids else set()
        cache.clear()  # one file at a time: a replaced file's report is not kept
        cache[key] = run_isolated(validate_upload, file_name, payload, data.resolver, existing, format_name, limits=UPLOAD_LIMITS)
    return cache[key]


def render() -> None:
    lang = language()
    data = app_data()
    st.title(t("page_data", lang))

    st.subheader(t("sources", lang))
    counted = [
        (t("source.boundaries", lang), t("licence.cc_by_4", lang), len(data.municipalities) + len(data.regions)),
        (t("source.population", lang), t("licence.cc_by_4", lang), 0 if data.population is None else len(data.population)),
        *((text, t("licence.facts", lang), count) for text, count in source_coverage(lang)),
        (t("source.services", lang), t("licence.facts", lang), len(data.dataset.services.accepted)),
        (t("source.leader_groups", lang), t("licence.facts", lang), len(data.leader_groups)),
    ]
    sources = pd.DataFrame(
        [{"source": s, "licence": lic, "records": formatting.format_count(n, lang)} for s, lic, n in counted]
        + [{"source": t("source.basemap", lang), "licence": t("licence.odbl", lang), "records": ""}]
    )
    st.dataframe(
        sources.rename(columns={"source": t("source", lang), "licence": t("licence", lang), "records": t("records", lang)}),
        hide_index=True,
        width="stretch",
        key="sources",
    )

    st.subheader(t("validation", lang))
    results = data.dataset.results()
    shipped_services = set(data.dataset.services.accepted["id"])
    service_placement = int(data.service_warnings["id"].isin(shipped_services).sum()) if len(data.service_warnings) else 0
    report = _report_table(results, lang, {SERVICES_FILE: service_placement})
    st.dataframe(report, hide_index=True, width="stretch", key="validation_report")
    for name, result in results.items():
        if len(result.rejected):
            with st.expander(f"{name}: {t('rejected', lang)} {len(result.rejected)}"):
                st.dataframe(localise_table(result.rejected, lang), hide_index=True, width="stretch")
    if len(data.service_warnings):
        with st.expander(f"services.csv: {t('warnings', lang)} {len(data.service_warnings)}"):
            st.dataframe(localise_table(data.service_warnings, lang), hide_index=True, width="stretch", key="service_warnings")

    st.subheader(t("upload", lang))
    template_section(data, lang)
    editor = contributions.access_panel(lang)  # None: uploads stay in this session
    st.caption(t("upload_help", lang))
    format_name = st.selectbox(
        t("upload_format", lang), ["auto", *FORMATS], format_func=lambda v: t("format_auto", lang) if v == "auto" else v, key="upload_format"
    )
    uploader_texts(lang)
    uploaded = st.file_uploader(
        t("upload", lang), type=[s.lstrip(".") for s in ALLOWED_SUFFIXES], key="upload_file", label_visibility="collapsed"
    )
    if uploaded is not None:
        payload = uploaded.getvalue()
        if len(payload) > MAX_UPLOAD_BYTES:
            st.error(t("upload_too_large", lang))
        else:
            # A signed-in editor is told about existing ids and chooses (contribution panel).
            try:
                result = imported_upload(uploaded.name, payload, format_name, data, check_ids=editor is None)
            except LimitError as exc:
                st.error(markdown_text(localise_limit(exc.key, exc.params, lang)))
            except IsolatedError as exc:
                st.error(markdown_text(localise_limit(f"isolated_{exc.reason}", {"limit": exc.limit}, lang)))
            except DataFormatError as exc:
                st.error(markdown_text(localise_reason(str(exc), lang)))
            else:
                counts = result.counts()
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                t("file", lang): f"{uploaded.name} ({result.format} → {t('kind.' + result.kind, lang)})",
                                t("read", lang): counts["read"],
                                t("accepted", lang): counts["accepted"],
                                t("recovered", lang): counts["recovered"],
                                t("rejected", lang): counts["rejected"],
                            }
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                    key="upload_report",
                )
                for note in result.notes:
                    st.caption(markdown_text(localise_reason(note, lang)))
                if len(result.rejected):
                    st.dataframe(
                        localise_table(result.rejected[["row", "reason"]], lang, headers=False).rename(columns={"row": t("row", lang), "reason": t("reason", lang)}),
                        hide_index=True,
                        width="stretch",
                        key="upload_rejected",
                    )
                    st.download_button(
                        t("download_rejected", lang),
                        result.rejected.to_csv(index=False).encode("utf-8-sig"),
                        f"rejected_{uploaded.name.rsplit('.', 1)[0]}.csv",
                        "text/csv",
                        key="download_rejected",
                    )
                if any(result.provenance):
                    with st.expander(t("provenance", lang), expanded=True):
                        for record_id, fields in zip(result.accepted["id"], result.provenance):
                            st.markdown(f"**{markdown_text(record_id)}**")
                            st.dataframe(
                                pd.DataFrame({t("field", lang): list(fields), t("source_text", lang): list(fields.values())}),
                                hide_index=True,
                                width="stretch",
                            )
                if editor is not None:
                    contributions.contribution_panel(result, uploaded.name, payload, data, editor, lang)
                elif len(result.accepted):
                    uploads = dict(st.session_state.get(UPLOADS_KEY) or {})
                    uploads[result.kind] = result
                    st.session_state[UPLOADS_KEY] = uploads
    uploads = st.session_state.get(UPLOADS_KEY) or {}
    if uploads:
        st.info(f"{t('uploaded_in_use', lang)}: " + ", ".join(f"{t('kind.' + kind, lang)} {len(r.accepted)}" for kind, r in uploads.items()))
        if st.button(t("remove_upload", lang), key="remove_upload"):
            st.session_state.pop(UPLOADS_KEY, None)
            st.rerun()
    contributions.batches_panel(editor, lang)
    st.caption(t("attribution.boundaries", lang))
    attribution(lang)
