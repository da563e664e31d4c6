"""Editors' sign-in: bcrypt password hashes in a YAML file, roles, areas, throttled failures.

``HANKEKARTTA_AUTH_CONFIG`` names the file; without it there is no sign-in and uploads stay
in the browser session (the upload panel says so). The file uses streamlit-authenticator's
``credentials`` layout, so its tools and ours (``python -m dashboard store hash-password``)
both write it; passwords are only ever stored as bcrypt hashes::

    credentials:
      usernames:
        anna:
          name: Anna Editor
          password: $2b$12$…            # python -m dashboard store hash-password
          roles: [editor]               # editor (default) or admin
          area: {leader_group: Leader Viisari}   # or {region: "13"}, {municipalities: ["226"]}
        root:
          name: Operator
          password: $2b$12$…
          roles: [admin]                # an admin has no area limit and may withdraw any batch

We verify with ``bcrypt`` directly instead of streamlit-authenticator's widget: its attempt
limit lives in one browser session (a reload resets it) and its re-login cookie needs a
component iframe and a cookie secret. Here failed attempts are kept in the store
(``sign_in_attempts``), so the throttle holds across reloads and replicas, and a sign-in
lasts for the browser session only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bcrypt
import yaml

ROLES = ("editor", "admin")
MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)


@lru_cache(maxsize=1)
def _dummy_hash() -> bytes:
    """Checked for unknown usernames, so that they take as long as known ones."""
    return bcrypt.hashpw(b"not a password", bcrypt.gensalt(rounds=12))


class AuthConfigError(Exception):
    """The sign-in file cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    area: dict | None  # an area setting (see dashboard.store.batches.area_for); None = everywhere

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Account:
    user: User
    password_hash: bytes


def load_accounts(path: Path) -> dict[str, Account]:
    """Read the sign-in file; plain-text passwords and unknown roles are refused."""
    try:
        config = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise AuthConfigError(f"cannot read the sign-in file {path}: {exc}") from exc
    entries = ((config.get("credentials") or {}).get("usernames")) or {}
    if not isinstance(entries, dict) or not entries:
        raise AuthConfigError(f"{path} has no credentials.usernames section")
    accounts = {}
    for username, entry in entries.items():
        entry = entry or {}
        password = str(entry.get("password") or "")
        if not password.startswith(("$2a$", "$2b$", "$2y$")):
            raise AuthConfigError(f"the password of '{username}' in {path} is not a bcrypt hash: run `python -m dashboard store hash-password`")
        roles = [str(r) for r in (entry.get("roles") or ["editor"])]
        role = "admin" if "admin" in roles else "editor"
        if not set(roles) & set(ROLES):
            raise AuthConfigError(f"'{username}' in {path} has roles {roles}; use editor or admin")
        area = entry.get("area")
        if area is not None and not isinstance(area, dict):
            raise AuthConfigError(f"the area of '{username}' must be a mapping like {{leader_group: NAME}} or {{region: CODE}}")
        key = str(username).strip().casefold()
        accounts[key] = Account(User(key, str(entry.get("name") or username), role, None if role == "admin" else area), password.encode("ascii"))
    return accounts


@dataclass(frozen=True)
class SignIn:
    user: User | None
    message: str  # why not, when user is None
    reason: str = ""  # "missing" | "throttled" | "wrong" (for a translated message)
    wait_minutes: int = 0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def throttled_for(store, username: str, now: dt.datetime | None = None) -> dt.timedelta | None:
    """How long ``username`` must wait after too many failed sign-ins (None: may try)."""
    now = now or _now()
    failures = store.failed_sign_ins(username, now - WINDOW)
    if len(failures) < MAX_FAILURES:
        return None
    return max(dt.timedelta(seconds=1), failures[-MAX_FAILURES] + WINDOW - now)


def sign_in(accounts: dict[str, Account], store, username: str, password: str) -> SignIn:
    """Check a password; every failure is recorded, and too many in a row lock the name for a while."""
    key = (username or "").strip().casefold()
    if not key or not password:
        return SignIn(None, "give a username and a password", "missing")
    wait = throttled_for(store, key)
    if wait is not None:
        minutes = max(1, round(wait.total_seconds() / 60))
        return SignIn(None, f"too many failed sign-ins for this username: try again in {minutes} min", "throttled", minutes)
    account = accounts.get(key)
    ok = bcrypt.checkpw(password.encode("utf-8"), account.password_hash if account else _dummy_hash()) and account is not None
    store.record_sign_in(key, ok)
    if not ok:
        return SignIn(None, "wrong username or password", "wrong")
    return SignIn(account.user, "")


# --- Streamlit ----------------------------------------------------------------------------

SESSION_KEY = "signed_in_user"


def configured() -> Path | None:
    from dashboard import settings

    return settings.auth_config()


def current_user():
    import streamlit as st

    return st.session_state.get(SESSION_KEY)


def accounts_from_settings() -> dict[str, Account]:
    import streamlit as st

    path = configured()

    @st.cache_resource(show_spinner=False)
    def _load(location: str, modified: float) -> dict[str, Account]:
        return load_accounts(Path(location))

    return _load(str(path), path.stat().st_mtime if path.exists() else 0.0)
