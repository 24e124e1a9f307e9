"""A stashed block converts exactly as the same HTML written inline, whatever whitespace it holds."""

import markdown
from hypothesis import given, settings, strategies as st
from markupsafe import Markup, escape

from generator.pages.blocks import HtmlBlocks, HtmlBlocksExtension

EXTENSIONS = ["attr_list", "toc"]


def convert_inline(page: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(page)


def convert_stashed(page: str, blocks: HtmlBlocks) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, HtmlBlocksExtension(blocks)]).convert(page)


def page_with(block: str, blocks: HtmlBlocks | None) -> str:
    body = blocks.add(block) if blocks else block
    return f"# Title\n\nA paragraph.\n\n{body}\n\nAfter.\n"


# Text inside the block: what editors' records can put there (tabs, CR, space-only lines, entities), escaped as
# the templates escape it.
TEXT = st.text(alphabet="ab<>\"'&;#\t\r\n\x02\x03 ", max_size=60).map(lambda text: str(escape(text)))


@settings(max_examples=300, deadline=None)
@given(inner=TEXT, second=TEXT)
def test_a_stashed_block_converts_like_the_same_html_inline(inner, second):
    block = f'<div class="ce-timeline">\n<p>{inner}</p>\n<ol class="ce-events">\n<li id="event-a">{second}</li>\n</ol>\n</div>'
    blocks = HtmlBlocks()
    assert convert_stashed(page_with(block, blocks), blocks) == convert_inline(page_with(block, None))
    assert blocks.take_anchor_ids() == {"event-a"}


def test_markers_expand_back_to_the_inline_page_and_nested_blocks_become_one():
    blocks = HtmlBlocks()
    inner = blocks.add('<div class="ce-timeline">\n<p>x</p>\n</div>')
    outer = blocks.add(f'<div class="ce-embed">\n\n{inner}\n</div>')
    inline = blocks.expand(f"Intro\n\n{outer}\n", keep=True)
    assert inline == 'Intro\n\n<div class="ce-embed">\n\n<div class="ce-timeline">\n<p>x</p>\n</div>\n</div>\n'
    html = convert_stashed(f"Intro\n\n{outer}\n", blocks)
    assert html == convert_inline(inline)
    assert html.count("ce-timeline") == 1 and "explainers-block" not in html


def test_a_marker_that_is_not_pending_is_left_as_written():
    blocks = HtmlBlocks()
    html = convert_stashed("Text\n\n<!-- explainers-block 99 -->\n", blocks)
    assert html == convert_inline("Text\n\n<!-- explainers-block 99 -->\n")


@settings(max_examples=200, deadline=None)
@given(inner=TEXT, native=st.sampled_from(["", "حلب"]), last=st.booleans())
def test_a_deferred_block_is_out_of_the_page_html_until_it_is_filled_in_and_then_the_same(inner, native, last):
    # The plugin's default: the page's HTML, which MkDocs keeps to the end of the build, holds a stand-in; the
    # page as written holds the block, byte for byte as inline. Markup, as the templates' filter hands it over.
    block = Markup(f'<div class="ce-timeline">\n<p>{inner}</p>\n<ol class="ce-events">\n<li id="event-a">{native}</li>\n</ol>\n</div>')
    blocks = HtmlBlocks(defer=True)
    page = f"# Title\n\n{blocks.add(block)}\n" if last else page_with(block, blocks)
    inline = convert_inline(f"# Title\n\n{block}\n" if last else page_with(block, None))
    html = convert_stashed(page, blocks)
    assert 'id="event-a"' not in html and "&lt;!--" not in html
    assert blocks.take_anchor_ids() == {"event-a"}
    assert blocks.fill(f"<main>{html}</main>") == f"<main>{inline}</main>"
    assert blocks.fill(html) == html  # given up once it is in its page


def test_a_headline_and_an_inline_block_stay_in_the_page_html():
    # Material prints the title as a second <h1> where page.content has none; an element Markdown would wrap in
    # a paragraph cannot wait as a comment, which it would not wrap.
    blocks = HtmlBlocks(defer=True)
    headline, inline_block = '<h1 class="ce-headline">Aleppo</h1>', "<span>x</span>"
    html = convert_stashed(f"{blocks.add(headline)}\n\n{blocks.add(inline_block)}\n", blocks)
    assert headline in html and "<p><span>x</span>\n</p>" in html and "deferred" not in html
