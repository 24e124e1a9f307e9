"""explainers.css: the embed page's dark scheme is the site's slate scheme, value for value."""

from __future__ import annotations

import re

from support import THEME

CSS = (THEME / "assets" / "explainers.css").read_text(encoding="utf-8")
_DECLARATION = re.compile(r"(--ce-[a-z-]+)\s*:\s*([^;]+);")


def _block(start: str) -> str:
    at = CSS.index(start)
    return CSS[at: CSS.index("}", at)]


def test_the_embeds_dark_colours_are_the_slate_schemes():
    """The embed page cannot carry data-md-color-scheme (the reader's system setting chooses, without a script),
    so its dark block repeats the slate pairs: a pair changed in one and not the other would fail contrast."""
    slate = dict(_DECLARATION.findall(_block('[data-md-color-scheme="slate"] {')))
    embed = dict(_DECLARATION.findall(_block("@media (prefers-color-scheme: dark) {\n  .ce-embed-page {")))
    assert slate and slate == embed
