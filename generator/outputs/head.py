"""What an explainer page adds to <head>, as plain values in page meta (`explainers_head`) that
partials/explainers-head.html prints: feed links on every page; on explainers the JSON-LD, their own feeds, the
lite edition, and the Open Graph and Twitter card meta with the share card (sharecards.py). Values, not HTML, so
that `generate` can write them into a page's front matter and a theme without this plugin (Zensical) prints the
same head from the same template.

Each value is escaped here for an HTML attribute, and the template prints it as it is: the two engines' own
`e` filters escape differently (MiniJinja's also escapes "/"), and neither escapes by itself. The JSON-LD is
escaped for <script> instead (script_json): no value can close the block."""

from __future__ import annotations

from markupsafe import escape

from . import jsonld
from .sharecards import card_of, card_path
from ..pages.site import Site, root_prefix

META_KEY = "explainers_head"
LOCALES = {"ar": "ar_AR", "en": "en_GB"}


def head_meta(site: Site, src_uri: str) -> dict:
    here = site.page(src_uri)
    root = root_prefix(here)
    head = {"site_name": _e(site.name), "site_atom": _e(root + "feed.atom"), "site_json": _e(root + "feed.json")}
    explainer = site.content.explainers.get(src_uri)
    if explainer is None:
        return head
    links = site.downloads(explainer)
    card = card_of(site, explainer)
    image = site.absolute(card_path(site, explainer, card)) or root + card_path(site, explainer, card)
    head["explainer"] = {key: _e(value) for key, value in {
        "title": explainer.title, "description": explainer.description or "",
        "published": explainer.published.iso(), "modified": explainer.last_change.iso(),
        "atom": links["atom"], "json": links["json"], "url": site.absolute(here) or "",
        "image": image, "image_alt": card.alt, "locale": LOCALES.get(explainer.lang, LOCALES["en"]),
        "lite": root + site.lite_path(explainer),
    }.items()}
    head["explainer"]["jsonld"] = jsonld.news_article_script(site, explainer, image)
    return head


def _e(value: str) -> str:
    """As MarkupSafe's escape (Jinja's `e`), as a plain string: it goes into front matter as JSON."""
    return str(escape(value))
