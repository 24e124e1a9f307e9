"""Editors' Markdown fields (summaries, claims, unknowns) to HTML with raw HTML off and only safe links."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown.treeprocessors import Treeprocessor

from .validation import is_safe_url


class _SafeLinks(Treeprocessor):
    """Keep http(s), mailto and same-page links; drop anything else, and images (no third-party requests)."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    span = etree.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent[list(parent).index(child)] = span
                elif child.tag == "a":
                    href = child.get("href", "")
                    # Markdown hides <press@example.org> autolinks as character references; judge what they say.
                    plain = html.unescape(href.replace(markdown.util.AMP_SUBSTITUTE, "&"))
                    if plain.startswith("#") or is_safe_url(plain):
                        if not href.startswith("#"):
                            child.set("rel", "noopener noreferrer")
                    else:
                        child.attrib.pop("href", None)
                        child.tag = "span"


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(output_format="html")
    # Raw HTML becomes text: `<script>` in a summary is shown, never run.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md


_MD = _converter()
_OUTER_P = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
# One line of prose with nothing Markdown would act on: most claims and many summaries. Rendering it directly
# halves the cost of an event; tests/unit/test_text.py proves the result is the one Markdown gives.
_PLAIN = re.compile(r"[^\\`*_\[\]<>#!|~&\x00-\x1f\x7f]*")  # Markdown uses \x02/\x03 as its own markers
_PLAIN_START = re.compile(r"[\w\"'(“‘]")
_LIST_START = re.compile(r"\d+[.)]\s")


def _is_plain(text: str) -> bool:
    return (bool(text) and text == text.strip() and _PLAIN.fullmatch(text) is not None
            and _PLAIN_START.match(text) is not None and _LIST_START.match(text) is None)


@lru_cache(maxsize=65536)
def markdown_html(text: str) -> str:
    if _is_plain(text):
        return f"<p>{html.escape(text, quote=False)}</p>"
    _MD.reset()
    return _MD.convert(text)


@lru_cache(maxsize=65536)
def inline_html(text: str) -> str:
    """One paragraph of Markdown without its <p>, for text that sits inside a sentence or a list item."""
    html = markdown_html(text)
    match = _OUTER_P.match(html)
    return match.group(1) if match and "<p>" not in match.group(1) else html
