"""Each output helper leaves no live markup for its renderer, tested with a payload corpus."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from dashboard.ui import safe_text as s

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(document.cookie)</script>",
    "javascript:alert(1)",
    '<a href="https://evil.example/login">Kirjaudu</a>',
    "<span style=\"color:red;font-size:80px\">ISO</span>",
    "<svg onload=alert(1)><circle r=9></svg>",
    "[Tuki](https://evil.example/phish)",
    "![seuranta](http://tracker.example/pixel.gif)",
    "[x]: https://evil.example/ref\n\n[x]",
    "<https://evil.example/auto>",
    "https://evil.example/bare and www.evil.example and mail@evil.example",
    "&lt;b&gt;entity&lt;/b&gt; &#60;i&#62; &amp;",
    "Kuusamo\u202egpj.exe",
    "Pay\u200bpal \ufeffnimi\u2066x\u2069",
    "# Otsikko\n\n- lista\n\n    koodi\n\n| a | b |\n|---|---|",
    "*korostus* __vahva__ ~~yli~~ `koodi` $x^2$ :red[punainen] :material/home:",
    "<br>rivi<b>lihava</b><sub>ala</sub>",
    "%{customdata[0]} %{y}",
]

INVISIBLE = "\u202e\u200b\ufeff\u2066\u2069"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        self.tags.append("/" + tag)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append("!--")


def _parse(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_text_is_only_text(payload):
    out = s.html_text(payload)
    parsed = _parse(out)
    assert parsed.tags == []
    assert "".join(parsed.text) == s.clean(payload)  # shown exactly as typed (minus controls)
    assert not set(out) & set(INVISIBLE)
    for attribute_context in (f'<div title="{s.html_attribute(payload)}">x</div>',):
        assert _parse(attribute_context).tags == ["div", "/div"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_popup_and_tooltip_are_only_text(payload):
    assert _parse(s.tooltip_text(payload)).tags == []
    card = s.popup_html(payload, [payload, None, ""], link=("javascript:alert(1)", payload))
    assert _parse(card).tags == ["b", "/b", "br"]  # our own markup only; the bad link is dropped
    card = s.popup_html("Nimi", [payload], link=("https://luontoon.fi/oulanka", payload))
    tags = _parse(card).tags
    assert tags == ["b", "/b", "br", "br", "a", "/a"]
    assert 'href="https://luontoon.fi/oulanka"' in card


_PLOTLY_TAG = re.compile(r"<[^<>]*>")  # how plotly.js svg_text_utils splits text from tags


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plotly_text_has_no_tags_and_decodes_back(payload):
    out = s.plotly_text(payload)
    assert not _PLOTLY_TAG.search(out)
    assert "<" not in out and ">" not in out
    # Plotly decodes entities into a text node: the person sees the original text.
    assert html.unescape(out) == s.clean(payload)
    assert not set(out) & set(INVISIBLE)


def _markdown_html(text: str) -> str:
    md = MarkdownIt("commonmark", {"linkify": True, "html": True}).enable(["linkify", "table", "strikethrough"])
    return md.render(text)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_renders_as_plain_text(payload):
    out = s.markdown_text(payload)
    rendered = _markdown_html(out)
    parsed = _parse(rendered)
    assert set(parsed.tags) <= {"p", "/p"}, rendered  # no a, img, script, span, em, code, h1, table…
    assert "".join(parsed.text).replace(s.LINK_BREAKER, "").strip() == s.clean(payload).strip()
    # Streamlit's GFM autolink literals are matched in the parsed text: none may be left.
    assert not re.search(r"(?i)https?://|www\.|\w@\w", "".join(parsed.text))
    # Streamlit's extras: maths, colour directives and emoji shortcodes need their marks unescaped.
    for mark in ("$", ":", "[", "]", "(", ")", "<", ">", "&", "!", "*", "_", "~", "`", "#", "|", "%", "{"):
        assert re.search(r"(?<!\\)" + re.escape(mark), out) is None


def test_markdown_multiline_keeps_lines_as_text():
    out = s.markdown_text("Rivi 1: [a](https://x.example)\n    sisennetty\n\n# ei otsikko", multiline=True)
    rendered = _markdown_html(out)
    assert set(_parse(rendered).tags) <= {"p", "/p", "br"}
    assert "sisennetty" in rendered and "<pre" not in rendered


def test_invisible_characters_removed_everywhere():
    text = "Kuusamo\u202egpj.exe Pay\u200bpal\u2066\u2069\ufeff\x00\x1b"
    for helper in (s.clean, s.plain_text, s.html_text, s.plotly_text, s.markdown_text, s.label_text, s.tooltip_text):
        assert not set(helper(text)) & (s.INVISIBLE_CHARACTERS | {"\x00", "\x1b"})
    assert s.clean(text) == "Kuusamogpj.exe Paypal"
    assert s.clean("a\tb\nc") == "a b c"
    assert s.plain_text("a\r\nb") == "a\nb"
    assert s.html_text(None) == s.markdown_text(float("nan")) == ""


def test_safe_url():
    assert s.safe_url("https://luontoon.fi/oulanka") == "https://luontoon.fi/oulanka"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "//evil.example", "http://", "https://a b", "vbscript:x", None):
        assert s.safe_url(bad) == ""
    assert s.popup_link("javascript:alert(1)", "x") == ""


def test_script_json_cannot_close_the_script():
    out = s.script_json({"n": "</script><script>alert(1)</script>", "m": "<!--", "a": "&amp;\u2028"})
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    import json

    assert json.loads(out)["n"] == "</script><script>alert(1)</script>"


from hypothesis import given, settings, strategies as st

_TRICKY = st.sampled_from(["\n", "\t", "\r", "\u2028", "\u202e", "\u200b", "\x00", "\x85", "\u00a0", "&", "<", "'", '"', " ", "ä", "{"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(st.one_of(st.characters(), _TRICKY), max_size=12), st.none(), st.just(float("nan")), st.integers()), max_size=8))
def test_html_texts_is_html_text_of_each(values):
    assert s.html_texts(values) == [s.html_text(value) for value in values]


def test_html_texts_fast_path_relies_on_non_printable_characters():
    # html_texts skips cleaning when the joined text is printable: every character the
    # cleaners remove or turn into a space must therefore be non-printable.
    touched = set(s.INVISIBLE_CHARACTERS) | set("\t\n\r\x0c\u2028\u2029")
    touched |= {chr(c) for c in [*range(0, 9), 11, *range(14, 32), *range(0x7F, 0xA0)]}
    assert not [hex(ord(c)) for c in touched if c.isprintable()]
    assert s.html_texts(["Kuusamo\u202egpj.exe", "a\nb", "<b>"]) == ["Kuusamogpj.exe", "a b", "&lt;b&gt;"]
