"""What keeps editors' Markdown from putting markup or script into a page: one Markdown extension, used for the
editors' fields (summaries, claims; text.py) and for every page MkDocs converts (prose, the guide).

- Raw HTML is never passed through. In fields it is plain text. In pages, block-level raw HTML is escaped and
  shown as text; HTML comments are dropped, so an editor's note never reaches readers. Only the blocks the
  plugin's own templates made (blocks.py marks them `Trusted`) reach the page as HTML.
- Links keep http(s), mailto, same-page and relative targets; anything else loses its href.
- Attributes (attr_list lets an editor write any) are kept from an allowlist, URL attributes checked as links;
  ids and names in the site's namespaces (reserved.py) are renamed, and headings never slug to one.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .reserved import editors_version, guarded_slugify, in_site_namespace

SAFE_SCHEMES = ("http", "https", "mailto")
# Browsers drop ASCII tab and newline anywhere in a URL and leading/trailing controls and spaces, so
# `java\tscript:` is `javascript:` to them: judge a URL as they will read it.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_URL_ATTRIBUTES = ("href", "src", "cite", "action", "formaction", "poster", "background", "longdesc")
ALLOWED_ATTRIBUTES = frozenset((
    "id", "class", "title", "lang", "dir", "alt", "width", "height", "name", "colspan", "rowspan", "align",
    "start", "reversed", "type", "datetime", "hreflang", "rel", "scope", "abbr", "headers", "value",
    "for", "checked", "open", "tabindex", "role", "hidden", "disabled", "target", "download", "span",
    "data-toc-label",  # the toc extension reads it as text and removes it
    *_URL_ATTRIBUTES[:3],
))
# A line that starts a raw HTML block (not a comment, not an autolink such as <https://...> or <a@b.org>).
_BLOCK_START = re.compile(r"^( {0,3})<(?=[A-Za-z/?!])(?!!--)(?![A-Za-z][A-Za-z0-9+.-]*:)(?![^>\s]+@[^>\s]+>)")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_MARKUP_IN_TITLE = re.compile(r"[<>]|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);?|\x02amp\x03")
_COMMENTS = re.compile(r"\s*(?:<!--.*?-->\s*)+", re.DOTALL)


class Trusted(str):
    """HTML the plugin's templates made and escaped: the one kind of raw HTML a page may hold."""

    __slots__ = ()


def url_scheme(url: str) -> str:
    """The scheme a browser would see ('' for a link within the site), after undoing character references.
    `//host/x` (and its backslash spellings, which browsers read the same) goes to another site: 'https'."""
    plain = _URL_NOISE.sub("", html.unescape(url.replace(markdown.util.AMP_SUBSTITUTE, "&")))
    if plain[:2] in ("//", "\\\\", "/\\", "\\/"):
        return "https"
    try:
        return urlsplit(plain).scheme.lower()
    except ValueError:  # e.g. an unbalanced '[' in the host
        return "invalid"


def is_safe_url(url: str) -> bool:
    """An absolute http(s) address with a host, or a mailto address: the links editors may give in records."""
    plain = _URL_NOISE.sub("", url)
    try:
        parts = urlsplit(plain)
    except ValueError:
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc) and plain == url.strip()
    return parts.scheme == "mailto" and bool(parts.path) and plain == url.strip()


# What a URL may not hold as written (RFC 3986, and the WHATWG URL parser that validators apply): encoded
# wherever a page prints an editor's address. Letters of other scripts stay as they are (an IRI is valid).
_NOT_IN_URLS = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]')
_HOST = re.compile(r"[\w.-]+|\[[0-9A-Fa-f:.]+\]")


def canonical_url(url: str) -> str | None:
    """The address as a valid URL, or None when it cannot be one: a host that is no host name, or a user name
    and password before it (`https://bank.example@evil.example/` reads as the first to a reader, goes to the
    second), which no page should link."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        return None
    if "@" in parts.netloc or (parts.netloc and not _HOST.fullmatch(parts.netloc.rsplit(":", 1)[0]
                                                                     if not parts.netloc.endswith("]")
                                                                     else parts.netloc)):
        return None
    return _NOT_IN_URLS.sub(lambda m: f"%{ord(m.group()):02X}", url)


def is_safe_link(url: str, *, relative: bool) -> bool:
    """A link target in editors' Markdown: a same-page anchor, a safe scheme, or (in pages) a relative link."""
    if url.startswith("#"):
        return True
    scheme = url_scheme(url)
    if scheme == "":
        return relative
    return scheme in SAFE_SCHEMES


class _SafeTree(Treeprocessor):
    """Links and attributes after attr_list (8) has applied the editor's, before toc (5) copies headings."""

    def __init__(self, md, *, relative_links: bool, images: bool, headings: bool = True):
        super().__init__(md)
        self.relative_links = relative_links
        self.images = images
        self.headings = headings

    def run(self, root: etree.Element) -> None:
        if not self.headings:  # a field sits inside a card: a heading there would break the page's outline
            for heading in [e for e in root.iter() if e.tag in _HEADINGS]:
                strong = etree.Element("strong")
                strong.text, heading.text = heading.text, None
                strong.extend(list(heading))
                for child in list(heading):
                    heading.remove(child)
                heading.tag = "p"
                heading.attrib.clear()
                heading.append(strong)
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                for name in [n for n in child.attrib if n not in ALLOWED_ATTRIBUTES and not _aria_or_data(n)]:
                    del child.attrib[name]
                title = child.get("title")
                if title is not None and _MARKUP_IN_TITLE.search(title):
                    # Material's content.tooltips feature puts a title into the page as HTML (innerHTML)
                    child.set("title", _MARKUP_IN_TITLE.sub("", title))
                src = child.get("src")  # judged as written: `/\\host/x` is another site's, whatever encoding makes of it
                for name in _URL_ATTRIBUTES:
                    value = child.get(name)
                    if value is None:
                        continue
                    canonical = canonical_url(value) if is_safe_link(value, relative=self.relative_links) else None
                    if canonical is None:
                        del child.attrib[name]
                    else:
                        child.set(name, canonical)
                if child.tag == "img" and (not self.images or "src" not in child.attrib or url_scheme(src) != ""):
                    # No image from another site: a reader's visit is nobody else's business.
                    span = etree.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent[index] = span
                elif child.tag == "a":
                    href = child.get("href")
                    if href is None:
                        child.tag = "span"
                        child.attrib.clear()
                    elif not href.startswith("#") and url_scheme(href) != "":
                        child.set("rel", "noopener noreferrer")


class _GuardIds(Treeprocessor):
    """Before any other tree processor: the ids editors give through attr_list, and the slugs toc gives their
    headings, stay out of the site's namespaces (reserved.py). Ids other extensions make (footnotes' `fn:1`,
    pymdownx.tabbed's `__tabbed_1_1`) are theirs and untouched."""

    def run(self, root: etree.Element) -> None:
        processors = self.md.treeprocessors
        if "toc" in processors:
            processors["toc"].slugify = guarded_slugify(processors["toc"].slugify)
        attr_list = processors["attr_list"] if "attr_list" in processors else None
        if attr_list is not None and not getattr(attr_list, "explainers_guarded", False):
            attr_list.assign_attrs = _guarded_assign(attr_list.assign_attrs)
            attr_list.explainers_guarded = True


def _guarded_assign(assign):
    def assign_attrs(elem, *args, **kwargs):
        before = (elem.get("id"), elem.get("name"))
        result = assign(elem, *args, **kwargs)
        for name, old in zip(("id", "name"), before):
            value = elem.get(name)
            if value is not None and value != old and in_site_namespace(value):
                elem.set(name, editors_version(value))
        return result
    return assign_attrs


def _aria_or_data(name: str) -> bool:
    return (name.startswith("aria-") or name.startswith("data-")) and name != "data-toc-label"


class _GuardedRawHtml(Preprocessor):
    """Markdown's raw-HTML preprocessor, with what it stashes from the editor's text made harmless."""

    def __init__(self, md, inner: Preprocessor):
        super().__init__(md)
        self.inner = inner

    def run(self, lines: list[str]) -> list[str]:
        stash = self.md.htmlStash.rawHtmlBlocks
        start = len(stash)
        # An editor's element that opens a block and is never closed (`<details open>`) would take every line
        # after it, the plugin's own sections too, into one raw block shown as text: it is text from the start.
        # Comments still go to the parser, which drops them; the templates' blocks are in the stash already.
        lines = [_BLOCK_START.sub(r"\1&lt;", line, count=1) if "<" in line else line for line in lines]
        lines = self.inner.run(lines)
        for index in range(start, len(stash)):
            stash[index] = neutralised(stash[index])
        return lines


def neutralised(block) -> str:
    if isinstance(block, Trusted) or not isinstance(block, str):
        return block
    if _COMMENTS.fullmatch(block):
        return ""
    return f"<p>{html.escape(block.strip(), quote=False)}</p>\n"


class _DropComment(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Markdown's name)
        return "", m.start(0), m.end(0)


class SafeMarkdown(Extension):
    """`fields=True`: editors' fields (raw HTML is text, no images, no relative links). Otherwise: pages."""

    def __init__(self, *, fields: bool = False):
        super().__init__()
        self.fields = fields

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")  # inline tags are text; comments inside a paragraph vanish
            md.inlinePatterns.register(_DropComment(r"<!--.*?-->", md), "explainers_comments", 90)
        if self.fields:
            md.preprocessors.deregister("html_block")
        elif "html_block" in md.preprocessors and not isinstance(md.preprocessors["html_block"], _GuardedRawHtml):
            md.preprocessors.register(_GuardedRawHtml(md, md.preprocessors["html_block"]), "html_block", 20)
        md.treeprocessors.register(_SafeTree(md, relative_links=not self.fields, images=not self.fields,
                                             headings=not self.fields),
                                   "explainers_safe_tree", 7)
        md.treeprocessors.register(_GuardIds(md), "explainers_guard_ids", 100)
