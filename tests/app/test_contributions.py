"""The data page's sign-in panel (AppTest): the session-only notice, wrong and right passwords."""

from __future__ import annotations

import bcrypt
import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.usefixtures("geodata_dir")


def _data_page():
    from dashboard.app.pages import data

    data.render()


@pytest.fixture
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.yaml"
    hashed = bcrypt.hashpw(b"oikea salasana", bcrypt.gensalt(rounds=4)).decode()
    path.write_text(f"credentials:\n  usernames:\n    anna:\n      name: Anna\n      password: '{hashed}'\n      area: {{region: '13'}}\n", encoding="utf-8")
    monkeypatch.setenv("HANKEKARTTA_AUTH_CONFIG", str(path))
    monkeypatch.setenv("HANKEKARTTA_STORE", str(tmp_path / "store.duckdb"))
    return path


def test_without_a_sign_in_file_uploads_stay_in_the_session(monkeypatch):
    monkeypatch.delenv("HANKEKARTTA_AUTH_CONFIG", raising=False)
    at = AppTest.from_function(_data_page, default_timeout=60).run()
    assert not at.exception
    assert any("Kirjautumista ei ole otettu käyttöön" in i.value for i in at.info)
    assert not [w for w in at.text_input if w.label == "Salasana"]


def test_a_wrong_password_does_not_get_in_and_the_right_one_does(users):
    at = AppTest.from_function(_data_page, default_timeout=60).run()
    assert not at.exception
    at.text_input(key="sign_in_username").input("anna")
    at.text_input(key="sign_in_password").input("väärä")
    next(b for b in at.button if b.label == "Kirjaudu").click().run()
    assert [e.value for e in at.error] == ["Väärä käyttäjätunnus tai salasana."]
    assert "signed_in_user" not in at.session_state
    at.text_input(key="sign_in_username").input("anna")
    at.text_input(key="sign_in_password").input("oikea salasana")
    next(b for b in at.button if b.label == "Kirjaudu").click().run()
    assert not at.exception
    assert any(s.value.startswith("Kirjautunut Anna (editor; region") for s in at.success)
    assert at.session_state["signed_in_user"].area == {"region": "13"}
    next(b for b in at.button if b.label == "Kirjaudu ulos").click().run()
    assert "signed_in_user" not in at.session_state
