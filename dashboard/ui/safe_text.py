"""Text from data, uploads and the URL, made inert for the renderer it goes to — one helper per kind.

Each renderer reads a different markup, so each needs its own escaping:

* :func:`html_text` — HTML (map tooltips and popups, legends, ``unsafe_allow_html``): ``&``, ``<``,
  ``>``, ``"`` and ``'`` become entities, so ``<img onerror>`` or ``<svg onload>`` stay text.
* :func:`plotly_text` — Plotly titles, axis and tick labels, hovers, legends. Plotly renders a
  subset of HTML (``<a href>``, ``<span style>``, ``<b>``, ``<br>``) and decodes entities into
  text nodes, so ``&``, ``<`` and ``>`` as entities show as the characters, never as tags.
* :func:`markdown_text` — ``st.markdown``, ``st.title``, ``st.caption``, ``st.info``… Streamlit's
  Markdown (CommonMark + GFM autolinks, ``$math$``, ``:colour[…]`` directives) turns
  ``[x](https://…)`` into a link, ``![i](http://…)`` into an outside image request and a bare
  ``https://…`` or ``www.…`` into a link. Every ASCII punctuation character gets a backslash
  (CommonMark lets any of them be escaped and shows it as itself), which leaves no link,
  image, autolink, emphasis, HTML, entity, heading, list, table, maths or directive syntax.
  Streamlit's GFM "autolink literals" are found in the *parsed* text, after the escapes are
  gone (a real browser showed ``https\\:\\/\\/…`` as a link), so an invisible combining
  grapheme joiner (U+034F) also goes after ``:`` before ``//``, after ``www`` and after ``@``.
  Widget, metric, expander and tab labels render Markdown as well: :func:`label_text`. So do
  ``st.error``/``st.warning``/``st.success`` bodies.
* :func:`tooltip_text` / :func:`popup_html` — Leaflet tooltips and popups take HTML strings.
* :func:`plain_text` — ``st.text``, ``st.code``, table cells, downloads: nothing to escape, but
  controls go.

All of them first remove the invisible characters that make text lie about itself: the bidi
overrides and isolates (U+202A–U+202E, U+2066–U+2069: ``evil\u202egpj.exe`` shows as
``evilexe.jpg``), zero-width characters (U+200B–U+200D, U+2060, U+FEFF: ``pay\u200bpal``), the
direction marks and other C0/C1 controls (tabs and line breaks become spaces).
"""

from __future__ import annotations

import html
import json
import re
import string
from typing import Any

import pandas as pd

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/non-joiner/joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u206a\u206b\u206c\u206d\u206e\u206f"  # deprecated format controls
    "\ufeff"  # zero-width no-break space / BOM
)
_STRIP = re.compile(f"[{_INVISIBLE}\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[\t\n\r\x0c\u2028\u2029]+")
_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
LINK_BREAKER = "\u034f"
"""Combining grapheme joiner: invisible, not whitespace, punctuation or a word character, so
remark-gfm's literal autolinks (``https://``, ``www.``, ``a@b.c``) no longer match."""
_AUTOLINK_LITERAL = re.compile(r"(\\:)(?=\\/\\/)|(?i:(www))(?=\\\.)|(\\@)")
INVISIBLE_CHARACTERS = frozenset(_INVISIBLE)
"""The bidi, zero-width and format characters every helper removes."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value) is True:
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def clean(value: Any, keep_newlines: bool = False) -> str:
    """The text without bidi/zero-width/control characters; line breaks and tabs → one space
    (or kept as ``\\n`` with ``keep_newlines``). ``None``/NaN → ``""``."""
    text = _STRIP.sub("", _text(value))
    if keep_newlines:
        text = re.sub(r"\r\n?|[\u2028\u2029]", "\n", text)
        return re.sub(r"[\t\x0c]+", " ", text)
    return _SPACES.sub(" ", text)


def plain_text(value: Any) -> str:
    """For ``st.text``, ``st.code``, ``st.dataframe`` cells and exports' text (no markup there)."""
    return clean(value, keep_newlines=True)


def html_text(value: Any) -> str:
    """For HTML: the cleaned text with ``& < > " '`` as entities (also safe inside attributes)."""
    return html.escape(clean(value), quote=True)


_SEPARATOR = "\n"  # never in a cleaned text: clean() turns line breaks into spaces
_NEEDS_SPACES = re.compile(_SPACES.pattern.replace("\\n", ""))


def html_texts(values) -> list[str]:
    """:func:`html_text` of each value, done on one joined string (a marker layer escapes
    50 000 names per rerun: per value that is most of the map's build time)."""
    texts = [value if type(value) is str else _text(value) for value in values]
    if "".join(texts).isprintable():
        # No control, format (bidi, zero-width) or line-separator character anywhere (all of
        # them are non-printable): nothing to clean, only to escape.
        return html.escape(_SEPARATOR.join(texts), quote=True).split(_SEPARATOR) if texts else []
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1 or _NEEDS_SPACES.search(joined):
        return [html_text(text) for text in texts]  # some text has its own line breaks or tabs
    return html.escape(_STRIP.sub("", joined), quote=True).split(_SEPARATOR)


def html_attribute(value: Any) -> str:
    """For a quoted HTML attribute value (same escaping as :func:`html_text`)."""
    return html_text(value)


def plotly_text(value: Any) -> str:
    """For Plotly labels, ticks, hovers, legends and titles: ``&``, ``<`` and ``>`` as entities.

    Plotly splits a string at ``<…>`` tags and shows the rest as text nodes after decoding
    entities, so ``&lt;a href=…&gt;`` shows as ``<a href=…>`` and is never a tag. Quotes
    stay as they are (a text node needs no escaped quotes).
    """
    return html.escape(clean(value), quote=False)


def markdown_text(value: Any, multiline: bool = False) -> str:
    """For Streamlit Markdown elements: every ASCII punctuation character backslash-escaped.

    ``[x](https://e.fi)`` → ``\\[x\\]\\(https\\:\\/\\/e\\.fi\\)``: shown as typed, never a link.
    Line breaks become spaces unless ``multiline`` (then each line is a hard break and lines
    lose leading spaces, which would otherwise start a code block).
    """
    text = clean(value, keep_newlines=multiline)
    if not multiline:
        return _escape_markdown(text).strip()
    lines = [_escape_markdown(line.strip()) for line in text.split("\n")]
    return "  \n".join(line for line in lines if line)


def _escape_markdown(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _AUTOLINK_LITERAL.sub(lambda m: m.group(0) + LINK_BREAKER, escaped)


def label_text(value: Any) -> str:
    """For Streamlit widget, metric, expander and tab labels: they render Markdown too (links
    and images included), so data in a label goes through :func:`markdown_text`."""
    return markdown_text(value)


def tooltip_text(value: Any) -> str:
    """For a Leaflet/folium tooltip (set as HTML): :func:`html_text`."""
    return html_text(value)


def safe_url(value: Any) -> str:
    """An ``http(s)`` address without controls or spaces, else ``""`` (``javascript:``, ``data:``…)."""
    text = clean(value).strip()
    if not re.match(r"(?i)^https?://[^\s/?#]+", text) or any(c.isspace() for c in text):
        return ""
    return text


def popup_link(url: Any, text: Any) -> str:
    """An ``<a>`` to an ``http(s)`` address for a popup, with escaped text; ``""`` for any other URL."""
    address = safe_url(url)
    if not address:
        return ""
    return f'<a href="{html.escape(address, quote=True)}" target="_blank" rel="noopener noreferrer">{html_text(text)}</a>'


def popup_html(title: Any, lines: list[Any] = (), link: tuple[Any, Any] | None = None) -> str:
    """A popup card: the escaped title in bold, each escaped line on its own row, an optional link."""
    parts = [f"<b>{html_text(title)}</b>", *(html_text(line) for line in lines if clean(line))]
    if link is not None:
        anchor = popup_link(*link)
        if anchor:
            parts.append(anchor)
    return "<br>".join(parts)


def script_json(data: Any) -> str:
    """JSON to embed inside ``<script>``: ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\u`` escapes,
    so no string in it can close the script element or start a comment."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
