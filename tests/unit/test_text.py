"""Editors' Markdown: raw HTML shown as text, unsafe links dropped, and the plain-text fast path exact."""

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.format.text import _converter, _is_plain, inline_html, markdown_html


def full(text: str) -> str:
    return _converter().convert(text)


def test_raw_html_is_text_and_unsafe_links_are_dropped():
    html = markdown_html("Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](https://a.example) ![i](https://t.example/p.png)")
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "javascript:" not in html and '<a href="https://a.example" rel="noopener noreferrer">y</a>' in html
    assert "<img" not in html and "<span>i</span>" in html


def test_inline_drops_the_paragraph():
    assert inline_html("Dozens of *soldiers*") == "Dozens of <em>soldiers</em>"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_fast_path_gives_what_markdown_gives(text):
    if _is_plain(text):
        assert markdown_html.__wrapped__(text) == full(text)


@given(st.sampled_from(["Rebels took Hama.", "\u201cTerrorism only understands the language of force\u201d",
                        "Syria's army: 'temporary withdrawal'", "727 people, including 111 civilians, were killed",
                        "(Reported) rebels advanced", "Rebels entered Hama's eastern suburbs on Thursday"]))
def test_common_sentences_take_the_fast_path_and_match(text):
    assert _is_plain(text)
    assert markdown_html.__wrapped__(text) == full(text)


def test_email_autolinks_keep_their_link():
    html = markdown_html("Write to <press@example.org>.")
    assert "<a href=" in html and "<span>" not in html
