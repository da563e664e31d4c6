"""The part below a page's map: left out of a session's first run, then drawn for what the view chose."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st

    from dashboard.app.pages.below_map import BelowMap

    below = BelowMap("test")
    below.start_full_run()
    version = st.session_state.get("next_version", "v1")
    st.session_state["asked_for_report"] = below.report_paint(version)
    below.want(version, f"view of {version}")
    wanted = below.wanted()
    st.session_state["drawn"] = wanted
    if wanted is not None:
        below.shown(wanted[0])
    # What a later fragment run of the view would ask: is another version reported?
    st.session_state["would_report_v2"] = below.report_paint("v2")


def test_the_first_run_leaves_it_out_and_asks_the_map_to_report():
    at = AppTest.from_function(_page).run()
    assert not at.exception
    assert at.session_state["asked_for_report"] is True
    assert at.session_state["drawn"] is None


def test_a_later_full_run_draws_it_after_the_map_without_a_report():
    at = AppTest.from_function(_page).run().run()
    assert at.session_state["asked_for_report"] is False  # drawn in this very run
    assert at.session_state["drawn"] == ("v1", "view of v1")
    assert at.session_state["would_report_v2"] is True  # it shows v1: a paint of v2 is reported


def test_a_view_it_already_shows_is_not_reported_again():
    at = AppTest.from_function(_page).run().run()
    at.session_state["next_version"] = "v2"
    at.run()
    assert at.session_state["drawn"] == ("v2", "view of v2")
    assert at.session_state["would_report_v2"] is False


def _tabs_page():
    import streamlit as st

    from dashboard.app.pages.below_map import draw_open_tab

    draw_open_tab([(name, lambda name=name: st.markdown(f"content of {name}")) for name in ("Alueet", "Kaaviot", "Hankkeet")], "test_tab")


def _drawn(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("content of")]


def test_only_the_open_tab_is_drawn_and_another_can_be_opened():
    at = AppTest.from_function(_tabs_page).run()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Alueet", "Kaaviot", "Hankkeet"]
    assert _drawn(at) == ["content of Alueet"]
    at.session_state["test_tab"] = "Kaaviot"
    assert _drawn(at.run()) == ["content of Kaaviot"]


def test_the_baseline_draws_every_tab(monkeypatch):
    monkeypatch.setenv("HANKEKARTTA_INTERACTION", "baseline")
    at = AppTest.from_function(_tabs_page).run()
    assert _drawn(at) == ["content of Alueet", "content of Kaaviot", "content of Hankkeet"]
