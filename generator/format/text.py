"""Editors' Markdown fields (summaries, claims, unknowns) to HTML with raw HTML off and only safe links."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown

from .safe_html import SafeMarkdown


def _converter() -> markdown.Markdown:
    # Raw HTML becomes text: `<script>` in a summary is shown, never run; only safe links (safe_html.py).
    return markdown.Markdown(output_format="html", extensions=[SafeMarkdown(fields=True)])


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
    """Markdown as phrasing content, for text that sits inside a sentence, a paragraph or a list item: one
    paragraph without its <p>; more (lists, quotes, code blocks) run together, their block tags dropped, so that
    what holds it (a <p>, a <span>) stays valid HTML."""
    html = markdown_html(text)
    match = _OUTER_P.match(html)
    if match and "<p>" not in match.group(1):
        return match.group(1)
    inline = _BLOCK_TAG.sub(lambda m: " " if m.group(1) else "", html)  # a block's end is a space
    return _SPACES.sub(" ", inline).strip()


# The block elements field Markdown can make (no raw HTML there: safe_html), and where they end.
_BLOCK_TAG = re.compile(r"<(/)?(?:p|ul|ol|li|blockquote|hr|pre|table|thead|tbody|tr|th|td|div)\b[^>]*>\n?")
_SPACES = re.compile(r"[ \n]{2,}")
