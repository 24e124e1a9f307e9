"""A stashed block converts exactly as the same HTML written inline, whatever whitespace it holds."""

import markdown
from hypothesis import given, settings, strategies as st
from markupsafe import escape

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
