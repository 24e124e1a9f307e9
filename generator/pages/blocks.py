"""Pre-rendered HTML handed straight to Markdown's stash, so Markdown does not parse it a second time.

Timelines and event lists are HTML the templates already escaped. Passed inline in the page Markdown, Markdown's
raw-HTML preprocessor and MkDocs' anchor scan would parse every tag of them again, which is most of a large
site's build time. Templates mark such blocks with the `html_block` filter; in the plugin each becomes one
marker line, and a preprocessor puts the HTML into Markdown's stash exactly where Markdown itself would have put
it after parsing, so the page HTML is byte for byte the same.

`explainers generate` writes each block into the page between a TRUSTED_BEGIN and a TRUSTED_END line
(`expand_trusted`), and a site built from that source without the plugin (Zensical) reads them back with
`MarkedBlocksExtension` (generator/engines/zensical/markdown.py adds it): the same stash, the same HTML.

These blocks are also the only raw HTML a page may hold (safe_html.py escapes the editors'): they reach the
stash as `Trusted`. With `stash_html: false` they stay inline in page.markdown, where other plugins can read
them, and the preprocessor finds them there by their exact text.

`defer` (the plugin's, with the stash): a block waits outside the page's HTML, as UTF-8 where it is not ASCII,
until the page is written; Markdown's output holds a stand-in comment where the block goes, and `fill` puts the
block in its place in the written page. MkDocs converts every page before it writes any, and keeps each page's
HTML to the end of the build: with the blocks in it, 692 MB of strings at 20,000 events (the cards' native names
make them two bytes a character), which was most of the build's memory peak.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from markdown import postprocessors
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..format.reserved import BLOCK_MARKER_PREFIX
from ..format.safe_html import Trusted

_PREFIX = BLOCK_MARKER_PREFIX  # editors may not write it (content.py)
_MARKER = _PREFIX + "{} -->"
_MARKER_RE = re.compile(re.escape(_PREFIX) + r"(\d+) -->")
_STAND_IN = _PREFIX + "deferred {} -->"  # in a page's HTML, where a deferred block goes
_STAND_IN_RE = re.compile(re.escape(_PREFIX) + r"deferred (\d+) -->")
TRUSTED_BEGIN = _PREFIX + "trusted -->"  # whole lines around a block in `generate`'s pages
TRUSTED_END = _PREFIX + "end -->"
# Templates write attributes with double quotes; a quote in an attribute value is escaped, so this finds every
# id. (Text can hold ` id="x"` only where editors' Markdown has it: then #x counts as present, as a lenient
# link check would; nothing is lost.)
_ID = re.compile(r' id="([^"]*)"')
_BLANK = re.compile(r"(?<=\n) +\n")


class HtmlBlocks:
    """Blocks waiting for their page's Markdown conversion, by number. One per build (cleared on each)."""

    def __init__(self, *, inline: bool = False, defer: bool = False):
        self.inline = inline  # blocks stay in the Markdown as they are (stash_html: false)
        self.defer = defer  # stashed blocks wait for `fill`, outside the converted page
        self._pending: dict[int, str] = {}
        self._next = 0
        self._ids: set[str] = set()
        self._deferred: dict[int, str | bytes] = {}

    def clear(self) -> None:
        self._pending.clear()
        self._ids.clear()
        self._deferred.clear()

    def add(self, block: str) -> str:
        """The marker that stands for `block`. A block that holds other blocks (an embed page around its
        timeline) takes them back, to be one block."""
        if _PREFIX in block:
            block = self.expand(block)
        elif self.inline:
            for inner in [n for n, b in self._pending.items() if b in block]:
                del self._pending[inner]
        number = self._next
        self._next += 1
        self._pending[number] = block
        return block if self.inline else _MARKER.format(number)

    def expand(self, markdown: str, *, keep: bool = False) -> str:
        """Markdown with its markers replaced by their blocks: the page as `explainers generate` writes it.
        The blocks are given up, unless `keep` (to look at a page before Markdown converts it)."""
        get = self._pending.get if keep else self._pending.pop
        return _MARKER_RE.sub(lambda match: get(int(match.group(1))), markdown)

    def expand_trusted(self, markdown: str, links: Callable[[str], str] = str) -> str:
        """Markdown with each marker replaced by its block between TRUSTED_BEGIN and TRUSTED_END lines, the
        block's HTML passed through `links` first (engines/zensical/source.py makes its links relative to the page's file).
        The blocks are given up."""
        return _MARKER_RE.sub(
            lambda match: f"{TRUSTED_BEGIN}\n{links(self._pending.pop(int(match.group(1))))}\n{TRUSTED_END}",
            markdown)

    def mark_inline(self, text: str, tab_length: int) -> str:
        """Inline mode: the page's blocks, found by their text as Markdown's whitespace pass left it, replaced
        by their markers."""
        for number, block in list(self._pending.items()):
            block = _normalized(block, tab_length)
            if block in text:
                text = text.replace(block, _MARKER.format(number), 1)
            else:  # another plugin changed it; it stays out of the page rather than in it unchecked
                del self._pending[number]
        return text

    def take(self, line: str) -> tuple[int, str] | None:
        match = _MARKER_RE.fullmatch(line)
        number = int(match.group(1)) if match else None
        block = self._pending.pop(number, None)
        if block is None:
            return None
        self._ids.update(html.unescape(value) if "&" in value else value for value in _ID.findall(block))
        return number, block

    def stand_in(self, number: int, html: str, waits: bool) -> str:
        """What the stash holds for block `number`, which Markdown would put into the page as `html`: the block
        itself, or where it `waits` (deferring: the caller asks `defer`), a stand-in comment, the block kept for
        `fill`. Only a block-level block waits: Markdown puts a stand-in, a comment, where it would put a
        block-level element, not inside a paragraph. A page's headline stays: themes look for it in the page's
        HTML (Material prints the title as an <h1> where the page has none)."""
        if not waits or "<h1" in html:
            return html
        html = str(html)  # not Markup (the templates' filter), which would escape what is added to it
        block = html.rstrip()  # its trailing newline stays in the page: Markdown strips it from a page's end
        self._deferred[number] = block if block.isascii() else block.encode("utf-8")
        return _STAND_IN.format(number) + html[len(block):]

    def deferred_in(self, html: str) -> list[str | bytes]:
        """The deferred blocks this page's HTML stands in for, as they are kept."""
        if _PREFIX not in html:
            return []
        numbers = map(int, _STAND_IN_RE.findall(html))
        return [self._deferred[number] for number in numbers if number in self._deferred]

    def fill(self, html: str) -> str:
        """A page as written (its template's output): every stand-in replaced by its block, which is then given
        up (a template that prints the page's HTML twice gets it in both places). A stand-in whose block was given
        up already stays a comment."""
        if not self._deferred or _PREFIX not in html:
            return html
        filled = []

        def block(match: re.Match) -> str:
            number = int(match.group(1))
            held = self._deferred.get(number)
            if held is None:
                return match.group(0)
            filled.append(number)
            return held if isinstance(held, str) else held.decode("utf-8")

        html = _STAND_IN_RE.sub(block, html)
        for number in filled:
            self._deferred.pop(number, None)
        return html

    def take_anchor_ids(self) -> set[str]:
        """The ids in the blocks taken since the last call: MkDocs did not see them (it scans raw HTML after
        this preprocessor), and checks links to anchors against them."""
        ids, self._ids = self._ids, set()
        return ids


class _StashBlocks(Preprocessor):
    def __init__(self, md, blocks: HtmlBlocks):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        if self.blocks.inline and self.blocks._pending:
            lines = self.blocks.mark_inline("\n".join(lines), self.md.tab_length).split("\n")
        out = []
        raw_html = self.md.postprocessors["raw_html"]
        waits = self.blocks.defer and _only_markdowns_after(self.md.postprocessors)
        for line in lines:
            taken = self.blocks.take(line) if line.startswith(_PREFIX) else None
            if taken is None:
                out.append(line)
            else:  # as Markdown would have stored the block: after normalize_whitespace, with its newline
                number, block = taken
                block = _normalized(block, self.md.tab_length) + "\n"
                out.append(self.md.htmlStash.store(Trusted(
                    self.blocks.stand_in(number, block, waits and raw_html.isblocklevel(block)))))
        return out


# Markdown's own postprocessors after the one that puts the stash back: they do nothing to a block (it holds no
# \x02 or \x03, _normalized), so it can wait for `fill`. Another extension's (pymdownx.striphtml drops comments,
# pathconverter rewrites links) must see the block itself.
_HARMLESS = tuple(kind for kind in (getattr(postprocessors, name, None)
                                    for name in ("AndSubstitutePostprocessor", "UnescapePostprocessor"))
                  if isinstance(kind, type))


def _only_markdowns_after(registry) -> bool:
    after = list(registry)[registry.get_index_for_name("raw_html") + 1:]
    return all(isinstance(processor, _HARMLESS) for processor in after)


class _MarkedBlocks(Preprocessor):
    """Each block `expand_trusted` wrote, to the stash as _StashBlocks stores it. Lines, not text: a marker
    counts only as a whole line, as written, and editors cannot write one (content.py refuses the prefix
    anywhere in a page; loading.py the control characters Markdown would delete to make one). A block whose
    end line is missing is not trusted: its lines stay, and SafeMarkdown escapes them."""

    def run(self, lines: list[str]) -> list[str]:
        out, block = [], None
        for line in lines:
            if block is None:
                if line == TRUSTED_BEGIN:
                    block = []
                else:
                    out.append(line)
            elif line == TRUSTED_END:
                # Markdown's normalize_whitespace (30) has run over these lines, as _normalized over a stashed block
                out.append(self.md.htmlStash.store(Trusted("\n".join(block) + "\n")))
                block = None
            else:
                block.append(line)
        if block is not None:
            out += [TRUSTED_BEGIN, *block]
        return out


def _normalized(block: str, tab_length: int) -> str:
    """What Markdown's normalize_whitespace preprocessor does to text; the block skipped it. (Each step only
    where needed: looking is several times cheaper than replacing, and these blocks run to megabytes.)"""
    for old, new in (("\x02", ""), ("\x03", ""), ("\r\n", "\n"), ("\r", "\n")):
        if old[0] in block:
            block = block.replace(old, new)
    if "\t" in block:
        block = block.expandtabs(tab_length)
    return _BLANK.sub("\n", block) if " \n" in block else block


class HtmlBlocksExtension(Extension):
    def __init__(self, blocks: HtmlBlocks):
        super().__init__()
        self.blocks = blocks

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        # After normalize_whitespace (30), before fenced code (25), MkDocs' anchor scan (21) and raw HTML (20).
        md.preprocessors.register(_StashBlocks(md, self.blocks), "explainers_blocks", 29)


class MarkedBlocksExtension(Extension):
    """The reading side of `expand_trusted`, for builds without the plugin (generator/engines/zensical/markdown.py)."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        md.preprocessors.register(_MarkedBlocks(md), "explainers_marked_blocks", 29)  # as HtmlBlocksExtension
