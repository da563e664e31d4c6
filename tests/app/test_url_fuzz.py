"""URL fuzzing through AppTest: any query string opens every page, and no part of it becomes markup.

Hypothesis draws query strings from each page's codec parameters (``dashboard/query/codecs``)
and random keys, with values that are valid codes, payloads (HTML, Markdown links and images,
bare URLs, entities, RTL and zero-width characters), random unicode, huge strings, and
repeated keys. For each: the page runs without an exception, its title renders in the language
the link asks for, and every Markdown element (titles, captions, notices) holds the link's
text only escaped — no raw ``<tag``, ``](`` or ``https://`` (Streamlit turns those into
markup or links).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard.query.codecs import funding as funding_codec
from dashboard.query.codecs import leader as leader_codec
from dashboard.query.codecs import nature as nature_codec
from dashboard.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

pytestmark = pytest.mark.usefixtures("geodata_dir")

MARKER = "PWN"
PAYLOADS = [
    f"<img src=x onerror=alert('{MARKER}')>",
    f"<script>alert('{MARKER}')</script>",
    f"javascript:alert('{MARKER}')",
    f'<a href="https://evil.example/{MARKER}">x</a>',
    f'<span style="color:red">{MARKER}</span>',
    f"<svg onload=alert(1)><a xlink:href='https://evil.example/{MARKER}'>x</a></svg>",
    f"[{MARKER}](https://evil.example/{MARKER})",
    f"![{MARKER}](http://evil.example/{MARKER}.png)",
    f"https://evil.example/{MARKER} www.evil.example {MARKER}@evil.example",
    f"&lt;b&gt;{MARKER}&lt;/b&gt; &#60;i&#62;",
    f"{MARKER}\u202egpj.exe pay\u200bpal\ufeff",
    f"**{MARKER}** :red[{MARKER}] $x^2$ `{MARKER}`",
    "2010-2020",
    "1900-3000",
    "nan",
    "-1e309",
]
VALID = ["226", "091", "01", "EAFRD", "ERDF", "youth", "2014-2020", "municipality", "region", "eur", "projects", "green_care", "municipality", "60.2,24.9", "25", "fi", "sv", "en"]
PAGES = {
    "funding": ("page_funding", (*funding_codec.PARAMS, "lang")),
    "nature": ("page_nature", (*nature_codec.PARAMS, "lang")),
    "leader": ("page_leader", (*leader_codec.PARAMS, "lang")),
    "data": ("page_data", ("lang",)),
}
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error", "success")

values = st.one_of(
    st.sampled_from(PAYLOADS),
    st.sampled_from(VALID),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20).map(lambda s: f"{s}{MARKER}[{s}](https://e.example/{s})"),
    st.integers(min_value=1_000, max_value=60_000).map(lambda n: (MARKER + "<b>[x](https://e.example)") * (n // 28)),  # huge
    st.lists(st.sampled_from(VALID), min_size=1, max_size=5).map(",".join),
)


def queries(params: tuple[str, ...]):
    keys = st.one_of(st.sampled_from(params), st.text(min_size=1, max_size=12), st.sampled_from(PAYLOADS))
    single = st.dictionaries(keys, values, max_size=6)
    repeated = st.dictionaries(st.sampled_from(params), st.lists(values, min_size=2, max_size=4), max_size=3)
    return st.tuples(single, repeated).map(lambda pair: {**pair[0], **pair[1]})


def _funding():
    from dashboard.app.pages import funding

    funding.render()


def _nature():
    from dashboard.app.pages import nature

    nature.render()


def _leader():
    from dashboard.app.pages import leader

    leader.render()


def _data_page():
    from dashboard.app.pages import data

    data.render()


RENDER = {"funding": _funding, "nature": _nature, "leader": _leader, "data": _data_page}


def _expected_language(query: dict) -> str:
    value = query.get("lang")
    if isinstance(value, list):
        value = value[-1] if value else None
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


RAW_TAG = re.compile(r"(?<!\\)<[A-Za-z!/]")
RAW_LINK = re.compile(r"(?<!\\)\]\s*\(")
RAW_URL = re.compile(r"(?i)https?:/|www\.|\w@\w")


def _check(page: str, query: dict) -> None:
    at = AppTest.from_function(RENDER[page], default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    title_key, _ = PAGES[page]
    title = t(title_key, _expected_language(query))
    assert at.title and at.title[0].value.startswith(title), (at.title[0].value if at.title else None, title)
    for kind in MARKDOWN_KINDS:
        for element in getattr(at, kind):
            text = str(element.value)
            assert not RAW_TAG.search(text), (kind, text[:300])
            assert not RAW_LINK.search(text), (kind, text[:300])
            if MARKER in text:
                assert not RAW_URL.search(text), (kind, text[:300])


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)


@pytest.mark.parametrize("page", list(PAGES))
def test_known_payload_links_open_every_page(page):
    """Every payload as the value of every parameter of the page at once, and repeated."""
    _, params = PAGES[page]
    for payload in (PAYLOADS[0], PAYLOADS[3], PAYLOADS[6], PAYLOADS[8], PAYLOADS[10], PAYLOADS[11]):
        _check(page, {name: payload for name in params if name != "lang"} | {"lang": ["en", payload]})


@FUZZ
@given(query=queries(PAGES["funding"][1]))
def test_funding_page_survives_any_link(query):
    _check("funding", query)


@FUZZ
@given(query=queries(PAGES["nature"][1]))
def test_nature_page_survives_any_link(query):
    _check("nature", query)


@FUZZ
@given(query=queries(PAGES["leader"][1]))
def test_leader_page_survives_any_link(query):
    _check("leader", query)


@FUZZ
@given(query=queries(PAGES["data"][1]))
def test_data_page_survives_any_link(query):
    _check("data", query)
