"""The lite edition: for each explainer one self-contained HTML file, `lite/<key>.html`, for readers on a slow,
metered or censored connection who pass pages on as files. Inline CSS only (no script, web font, image or any
other resource it loads), so it reads the same saved on a phone, sent in a chat or opened offline. It holds the
headline, stamps, "What We Know So Far", the editor's prose, the timeline as a plain list (date, headline,
summary, claims with who said them and their status, sources as links), what is still unknown and the
corrections; the map is left out (its land outline alone would double the file). `lite/index.html` lists them.

Rendered through the Renderer's environment, so editors' text is escaped as on the pages (autoescape, `tr`)
and the dates, sources and attributions are the pages' own pieces."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from markupsafe import Markup

from ..format.reserved import LITE_DIR
from ..format.schema import SITE_LANGUAGE
from ..format.text import markdown_html
from ..pages.labels import labels_for
from ..pages.rendering import HOME_MARKER, SUMMARY_MARKER, TIMELINE_MARKER, Renderer
from ..pages.site import Site, root_prefix
from ..records.content import TIMELINE_FENCE
from ..records.model import Explainer, in_language
from ..records.selection import corrections_log, newest_first

INDEX = LITE_DIR + "index.html"
# Small enough to read at a glance: a system font, a readable measure, the statuses boxed so they read without
# colour; logical properties (padding-inline-start) so Arabic pages mirror by themselves.
# An event's date line and its sources are found by their place (its first paragraph, its last list: every event
# has a source), not by a class on each of them.
STYLE = ("body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:0 1rem;color:#111;"
         "background:#fff}h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem}"
         "h3{font-size:1rem;margin:0}ol,ul{padding-inline-start:1.25rem}.t>li{margin:0 0 1rem}"
         ".t p{margin:.25rem 0}.t>li>p:first-child,.m{color:#555;font-size:.875rem}.k{font-size:1.1rem}"
         ".t b,.m b{border:1px solid;padding:0 .25rem;font-size:.8rem}.t>li>ul:last-child{font-size:.875rem}"
         ".x h3{text-decoration:line-through}a{color:#1a4fa0}@media(prefers-color-scheme:dark){body{color:#eee;"
         "background:#111}.t>li>p:first-child,.m{color:#bbb}a{color:#8ab4f8}}")
# Up to this many events a card's summary, and each source's title and date, are in the file; beyond, each event
# is its date, headline, claims and its sources linked by publisher (about 0.5 KB an event in the benchmarks'
# corpus instead of 1.4 KB), so a 2,000-event page stays within 1 MB. The full page has the rest.
FULL_DETAIL = 300
# The file's dates are text: a <time datetime="…"> around each (57 in the sample's Damascus file) cost 2.2 KB,
# 7 % of it, for what no reader of a saved file uses. Right to left, a time of day keeps its left-to-right
# <span> (its digits and zone name must not be reordered).
_TIME = re.compile(r"</?time\b[^>]*>")
_TIME_AND_SPAN = re.compile(r"</?(?:time|span)\b[^>]*>")
# Right-to-left letters (Hebrew to Arabic Extended, and their presentation forms): a source's title or publisher
# holding any is set apart from the text around it (dir="auto", <bdi>) on a left-to-right page; on a
# right-to-left page every one is, since most are in English. Elsewhere that markup (1,227 times in a
# 2,000-event file) changes nothing.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ATTR_LIST = re.compile(r"[ \t]*\{:[^}\n]*\}[ \t]*$", re.MULTILINE)  # `## Heading {: #id }`: attr_list's, not text
_TITLE = re.compile(r"\A\s*#[ \t][^\n]*\n")


def lite_href(site: Site, explainer: Explainer) -> str:
    """The lite file's address from the explainer's page (relative: the page and the file move together)."""
    return root_prefix(site.explainer_path(explainer)) + site.lite_path(explainer)


def lite_html(renderer: Renderer, explainer: Explainer) -> str:
    site = renderer.site
    lang = explainer.lang
    path = renderer.site.lite_path(explainer)
    selected = renderer.select(explainer.selector)
    current = [e for e in selected if not e.background]
    full = site.absolute(site.explainer_path(explainer)) or root_prefix(path) + site.explainer_path(explainer)
    rtl = labels_for(lang)["dir"] == "rtl"
    compact = len(selected) > FULL_DETAIL
    common = dict(date=_as_text(renderer.date_html, rtl), date_range=_as_text(renderer.date_range_html, rtl),
                  lang=lang, t=labels_for(lang), compact=compact)
    event_values = dict(common, isolate=lambda text: rtl or bool(_RIGHT_TO_LEFT.search(str(text))),
                        attribution_of=lambda by: renderer.attribution(by, lang),
                        shown=lambda text: _shown(text, lang), host=lambda url: urlsplit(url).hostname or url)

    def item(event) -> Markup:  # each event once, and while serving only again when it changed (site.per_event)
        return Markup(site.per_event(f"lite-{lang}-{compact}", event,
                                     lambda e: renderer.render_path("lite-event.html", event=e, **event_values)))

    return _template(renderer, "lite.html").render(
        explainer=explainer, site_name=site.name, style=Markup(STYLE), item=item,
        summary=[e for e in current if e.key and not e.retracted], current=current,
        background=[e for e in selected if e.background], body=Markup(_prose(explainer)),
        corrections=corrections_log(explainer, selected), statuses=renderer.claim_statuses(selected),
        canonical=site.absolute(site.explainer_path(explainer)), full=full,
        index=site.absolute(INDEX) or root_prefix(path) + INDEX, **common)


def index_html(renderer: Renderer, lang: str = "en") -> str:
    site = renderer.site
    items = [{"explainer": x, "t": labels_for(x.lang), "href": renderer.site.lite_path(x).removeprefix(LITE_DIR)}
             for x in newest_first(site.explainers)]
    return _template(renderer, "lite-index.html").render(
        items=items, lang=lang, t=labels_for(lang), site_name=site.name, style=Markup(STYLE),
        home=site.absolute("") or root_prefix(INDEX))


def _prose(explainer: Explainer) -> str:
    """The editor's prose, as the strict field renderer makes it (no raw HTML, no images, safe links only): the
    timeline blocks and the section markers left out (the lite file has its own), and the first heading when
    the page's title is one (the file prints the title)."""
    body = TIMELINE_FENCE.sub("", explainer.body)
    for marker in (SUMMARY_MARKER, TIMELINE_MARKER, HOME_MARKER):
        body = body.replace(marker, "")
    body = _ATTR_LIST.sub("", _TITLE.sub("", body, count=1))
    return markdown_html(body.strip()) if body.strip() else ""


def _as_text(date_html, rtl: bool):
    """The Renderer's date (or range) function, its <time>s left out (and right to left, only they)."""
    tags = _TIME if rtl else _TIME_AND_SPAN
    return lambda *args, **kwargs: Markup(tags.sub("", date_html(*args, **kwargs)))


def _shown(text: str, lang: str) -> tuple[str, str | None]:
    """A source's title as cited on a page in `lang`: its translation, or the original and its language."""
    translated = text if lang == SITE_LANGUAGE else in_language(text, lang)
    return (translated, None) if translated is not None else (str(text), SITE_LANGUAGE)


def _template(renderer: Renderer, name: str):
    return renderer.env.get_template(name)


def lite_files(renderer: Renderer, only=None):
    """(site path, make) for every lite file; `make` is None for an explainer `only` says is unchanged."""
    for explainer in renderer.site.explainers:
        fresh = only is None or only(explainer)
        yield renderer.site.lite_path(explainer), (lambda x=explainer: lite_html(renderer, x)) if fresh else None
    yield INDEX, lambda: index_html(renderer)
