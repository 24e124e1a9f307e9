"""The pieces of `explainers generate`'s site source for Zensical: trusted blocks and the extension that reads
them, links relative to the page's file, escaped front matter, and zensical.toml from mkdocs.yml."""

import markdown
import pytest
from hypothesis import given, settings, strategies as st
from markupsafe import escape

from generator.pages.blocks import TRUSTED_BEGIN, TRUSTED_END, HtmlBlocks, HtmlBlocksExtension
from generator.engines.zensical.source import _printed_escaped, links_from_file
from generator.format.safe_html import SafeMarkdown
from generator.engines.mkdocs.settings import read_mkdocs_yml
from generator.engines.zensical.config import zensical_config

EXTENSIONS = ["attr_list", "toc"]
TEXT = st.text(alphabet="ab<>\"'&;#\t\r\n\x02\x03 ", max_size=60).map(lambda text: str(escape(text)))


def plugin_html(page: str, blocks: HtmlBlocks) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, HtmlBlocksExtension(blocks), SafeMarkdown()]).convert(page)


def zensical_html(page: str) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, "generator.zensical"]).convert(page)


def page(body: str) -> str:
    return f"# Title\n\nA paragraph with <b>markup</b>.\n\n{body}\n\n<script>alert(1)</script>\n\nAfter.\n"


@settings(max_examples=300, deadline=None)
@given(inner=TEXT, second=TEXT)
def test_a_trusted_block_converts_as_the_plugin_stashes_it(inner, second):
    block = f'<div class="ce-timeline">\n<p>{inner}</p>\n<ol>\n<li id="event-a">{second}</li>\n</ol>\n</div>'
    stashed, marked = HtmlBlocks(), HtmlBlocks()
    expected = plugin_html(page(stashed.add(block)), stashed)
    assert zensical_html(marked.expand_trusted(page(marked.add(block)))) == expected


def test_editors_html_is_text_and_an_unfinished_block_is_not_trusted():
    html = zensical_html(page(f"{TRUSTED_BEGIN}\n<div>ours</div>\n{TRUSTED_END}"))
    assert "<div>ours</div>" in html and "&lt;b&gt;markup&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    html = zensical_html(f"Text\n\n{TRUSTED_BEGIN}\n<script>alert(1)</script>\n")
    assert "<script>" not in html and "&lt;script&gt;" in html
    html = zensical_html(f"Text\n\n  {TRUSTED_BEGIN}\n<script>alert(1)</script>\n{TRUSTED_END}\n")
    assert "<script>" not in html  # a marker counts only as a whole line


def test_nested_blocks_are_one_trusted_block():
    blocks = HtmlBlocks()
    inner = blocks.add('<div class="ce-timeline">\n<p>x</p>\n</div>')
    outer = blocks.add(f'<div class="ce-embed">\n\n{inner}\n</div>')
    text = blocks.expand_trusted(f"Intro\n\n{outer}\n")
    assert text.count(TRUSTED_BEGIN) == 1 and text.count(TRUSTED_END) == 1 and "ce-timeline" in text


def test_links_become_relative_to_the_pages_file():
    html = ('<a href="../../actors/hts/">A</a> <img alt="" src="../../x.png"> <a href="#event-a">#</a> '
            '<a href="https://e.org/x">e</a> <a href="/abs/">r</a> <a href="data/x.csv">d</a> '
            '<p>text href="../../keep/"</p>')
    rewrite = links_from_file("explainers/rebels.md", True)
    assert rewrite(html) == ('<a href="../actors/hts/">A</a> <img alt="" src="../x.png"> <a href="#event-a">#</a> '
                             '<a href="https://e.org/x">e</a> <a href="/abs/">r</a> <a href="rebels/data/x.csv">d</a> '
                             '<p>text href="../../keep/"</p>')
    assert links_from_file("guide/index.md", True)(html) == html
    assert links_from_file("explainers/rebels.md", False)(html) == html


def test_printed_front_matter_is_escaped_in_place():
    front = ('title: Hama & "Aleppo" <b>\nevents:\n  tags: [a]\ndescription: |\n  x < y\nsubtitle: plain\n'
             'other: <kept>\n')
    assert _printed_escaped(front) == ('title: "Hama &amp; &#34;Aleppo&#34; &lt;b&gt;"\nevents:\n  tags: [a]\n'
                                       'description: "x &lt; y\\n"\nsubtitle: plain\nother: <kept>\n')
    assert _printed_escaped("title: Plain\n") == "title: Plain\n"


def test_zensical_config_carries_mkdocs_yml_over(tmp_path):
    (tmp_path / "base.yml").write_text("site_name: Desk\nextra:\n  publisher: {name: P}\n")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: !ENV [NO_SUCH_VARIABLE_HERE, 'https://x.example/']\ntheme: material\n"
        "plugins: [search, explainers]\nextra_javascript: [{path: assets/explainers.js, defer: true}]\n"
        "markdown_extensions:\n  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        "  - pymdownx.emoji:\n      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "  - generator.zensical\n  - admonition\n")
    project = zensical_config(read_mkdocs_yml(tmp_path / "mkdocs.yml"), extra_css=["assets/explainers.css"],
                              extra_javascript=["assets/explainers.js"], not_in_nav=["/actors/a.md"])["project"]
    assert project["site_name"] == "Desk" and project["site_url"] == "https://x.example/"
    assert project["extra"] == {"publisher": {"name": "P"}}
    assert project["theme"] == {"name": "material", "custom_dir": "theme", "variant": "classic"}
    assert project["markdown_extensions"] == [
        {"toc": {"slugify": {"object": "pymdownx.slugs.slugify", "kwds": {"case": "lower"}}}},
        {"pymdownx.emoji": {"emoji_generator": "material.extensions.emoji.to_svg"}},
        "admonition", "attr_list", "generator.zensical"]
    assert project["extra_javascript"] == [{"path": "assets/explainers.js", "defer": True}]
    assert project["extra_css"] == ["assets/explainers.css"] and project["not_in_nav"] == "/actors/a.md\n"
    assert "plugins" not in project


def test_a_python_tag_zensical_cannot_read_is_refused(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nvalue: !!python/object/apply:os.getcwd []\n")
    with pytest.raises(ValueError, match="no zensical.toml form"):
        read_mkdocs_yml(tmp_path / "mkdocs.yml")
