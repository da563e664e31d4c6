"""The part of a page below its map, drawn once the map has painted the view.

A page with a map runs as two fragments (the funding and nature pages):

* the **view** — the filters (written into the sidebar), the key figures and the map. A
  filter change, a switch or a map click reruns this fragment only, so the browser redraws
  the filters and the map, not the tables and charts below;
* the part **below the map** — rankings, charts, tables. It follows the view: the view
  records what it shows (:meth:`BelowMap.want`) and, while the part below shows another view,
  asks the map to report its paint (:meth:`BelowMap.report_paint`). The map's report (its
  component value ``{"painted": version}``) reruns this fragment alone
  (:meth:`BelowMap.on_paint`, from the map's callback).

A full run (the session's first, a language switch) runs both. On the session's first run
the part below is left out, so that the map is drawn first; the map's paint report brings it.

The funding page's part below is a row of tabs of which only the open one is drawn
(:func:`draw_open_tab`): whatever stands on the page, even unchanged, costs the browser time
in every later change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import streamlit as st

from dashboard import settings
from dashboard.app.pages.common import first_run


@dataclass(frozen=True)
class BelowMap:
    """Session bookkeeping of one page's part below the map; ``page`` names the keys."""

    page: str

    @property
    def fragment_key(self) -> str:
        """The key of the fragment below the map (``st.rerun(key)`` reruns it alone)."""
        return f"{self.page}_below"

    def _key(self, name: str) -> str:
        return f"_{self.page}_below_{name}"

    def start_full_run(self) -> None:
        """At the top of a full run: the part below is drawn in it, except on the session's first run."""
        deferred = first_run(f"{self.page}_below_map")
        st.session_state[self._key("deferred")] = deferred
        st.session_state[self._key("in_run")] = not deferred

    def report_paint(self, version: str) -> bool:
        """Should the map report its paint of ``version``? Yes while the part below shows
        another view and this run does not draw it after the map anyway."""
        if st.session_state.pop(self._key("in_run"), False):
            return False
        return st.session_state.get(self._key("shown")) != version

    def want(self, version: str, view: Any) -> None:
        """The view fragment's choice: what the part below should show (``view``) and its version."""
        st.session_state[self._key("wanted")] = (version, view)

    def wanted(self) -> tuple[str, Any] | None:
        """(version, view) the part below should draw now, or None (nothing chosen yet, or deferred)."""
        if st.session_state.get(self._key("deferred")):
            return None
        return st.session_state.get(self._key("wanted"))

    def shown(self, version: str) -> None:
        """The part below has drawn ``version``."""
        st.session_state[self._key("shown")] = version

    def page_parts(self, view: Callable[[], None], below: Callable[[], None]) -> Callable[[], None]:
        """The page's two fragments, drawn in order by the function returned (call it at
        module level, once). The interaction benchmark's baseline runs both as plain code."""
        view_fragment = st.fragment(view)
        below_fragment = st.fragment(below, key=self.fragment_key)

        def draw() -> None:
            if settings.interaction_baseline():
                view()  # today's full re-render, as before the interaction work: no fragments
                below()
                return
            self.start_full_run()
            view_fragment()
            below_fragment()

        return draw

    def on_paint(self) -> None:
        """From the map's callback, on its paint report: rerun the part below alone."""
        st.session_state.pop(self._key("deferred"), None)
        st.rerun(self.fragment_key)


MAP_HEAD_START_S = 0.06
"""How long the view waits after sending its map before it sends the rest (figures, switches,
filter widgets). The browser handles the page's messages one at a time, and each of those
forty or so redraws the page: sent at once, they kept the map's update waiting 90–190 ms
behind them. Measured at national scale (probe of 14 funding steps): median input → map
245 ms without the pause, 178 ms with 60 ms, 185 ms with 120 ms."""


def map_head_start() -> None:
    """Give the browser the map first (see :data:`MAP_HEAD_START_S`); not in the baseline."""
    if not settings.interaction_baseline():
        time.sleep(MAP_HEAD_START_S)


def is_paint_report(value: object) -> bool:
    """Is a map component's value the map's paint report (not a click)?"""
    return isinstance(value, dict) and "painted" in value


def rerun_once_unless(agree: bool, guard_key: str) -> None:
    """The view read its filters from the widgets' state before drawing them; when a widget
    returned another value (e.g. a choice the data no longer has), rerun once to draw that —
    once only (``guard_key`` remembers it), never a loop of reruns."""
    if not agree and not st.session_state.pop(guard_key, False):
        st.session_state[guard_key] = True
        st.rerun()
    st.session_state.pop(guard_key, None)


def draw_open_tab(parts: Sequence[tuple[str, Callable[[], None]]], key: str) -> None:
    """Tabs of ``parts`` ((label, draw)); only the open tab's ``draw`` runs.

    The browser redraws every element of the page for each state a run goes through, also
    elements that did not change. At national scale (A/B medians of 42 funding steps each) a
    filter change's map waited 177–205 ms with the rankings, five charts and the project table
    all on the page, 150–170 ms with one of them, 134 ms with nothing below the map. Opening
    another tab reruns the fragment it is in (the part below the map), not the page. ``key``
    holds the open tab's label: one per language, as the labels are.

    The interaction benchmark's baseline, the page as before the interaction work, draws
    every tab (Streamlit's default tabs: all content sent, the open one shown)."""
    every_tab = settings.interaction_baseline()
    labels = [label for label, _ in parts]
    tabs = st.tabs(labels) if every_tab else st.tabs(labels, key=key, on_change="rerun")
    for tab, (_, draw) in zip(tabs, parts):
        if every_tab or tab.open:
            with tab:
                draw()
