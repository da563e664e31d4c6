"""Sign-in: bcrypt hashes only, roles and areas from the file, failures throttled in the store."""

from __future__ import annotations

import datetime as dt

import bcrypt
import pytest

from dashboard.app import auth


def _hash(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "users.yaml"
    path.write_text(
        "credentials:\n  usernames:\n"
        f"    Anna:\n      name: Anna Editor\n      password: '{_hash('oikea salasana')}'\n      roles: [editor]\n      area: {{leader_group: Leader Viisari}}\n"
        f"    root:\n      name: Operator\n      password: '{_hash('ylläpitäjä!')}'\n      roles: [admin]\n      area: {{region: '13'}}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def store(tmp_path):
    from dashboard.store import open_store

    return open_store(path=tmp_path / "auth.duckdb")


def test_accounts_roles_and_areas(config):
    accounts = auth.load_accounts(config)
    assert set(accounts) == {"anna", "root"}
    assert accounts["anna"].user == auth.User("anna", "Anna Editor", "editor", {"leader_group": "Leader Viisari"})
    assert accounts["root"].user.is_admin and accounts["root"].user.area is None  # an admin is not limited


def test_plain_text_passwords_are_refused(tmp_path):
    path = tmp_path / "users.yaml"
    path.write_text("credentials:\n  usernames:\n    anna:\n      password: salasana\n", encoding="utf-8")
    with pytest.raises(auth.AuthConfigError, match="not a bcrypt hash: run `python -m dashboard store hash-password`"):
        auth.load_accounts(path)


def test_right_and_wrong_passwords(config, store):
    accounts = auth.load_accounts(config)
    assert auth.sign_in(accounts, store, " ANNA ", "oikea salasana").user.username == "anna"
    wrong = auth.sign_in(accounts, store, "anna", "väärä")
    assert wrong.user is None and wrong.message == "wrong username or password"
    assert auth.sign_in(accounts, store, "nobody", "väärä").message == "wrong username or password"


def test_failed_sign_ins_are_throttled_even_with_the_right_password(config, store):
    accounts = auth.load_accounts(config)
    for _ in range(auth.MAX_FAILURES):
        assert auth.sign_in(accounts, store, "anna", "väärä").user is None
    blocked = auth.sign_in(accounts, store, "anna", "oikea salasana")
    assert blocked.user is None and blocked.message == "too many failed sign-ins for this username: try again in 15 min"
    assert auth.sign_in(accounts, store, "root", "ylläpitäjä!").user is not None  # other names are not affected
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + auth.WINDOW + dt.timedelta(seconds=1)
    assert auth.throttled_for(store, "anna", now=later) is None
