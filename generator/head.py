"""What an explainer page adds to <head>, as plain values in page meta (`explainers_head`) that
partials/explainers-head.html prints: feed links on every page; on explainers the JSON-LD, their own feeds and
the Open Graph and Twitter card meta. Values, not HTML, so that `generate` can write them into a page's front
matter and a theme without this plugin (Zensical) prints the same head from the same template."""

from __future__ import annotations

from .exports import jsonld
from .site import Site, root_prefix

META_KEY = "explainers_head"
LOCALES = {"ar": "ar_AR", "en": "en_GB"}


def head_meta(site: Site, src_uri: str) -> dict:
    here = site.page(src_uri)
    root = root_prefix(here)
    head = {"site_name": site.name, "site_atom": root + "feed.atom", "site_json": root + "feed.json"}
    explainer = site.content.explainers.get(src_uri)
    if explainer is None:
        return head
    links = site.downloads(explainer)
    head["explainer"] = {
        "title": explainer.title, "description": explainer.description or "",
        "published": explainer.published.iso(), "modified": explainer.last_change.iso(),
        "atom": links["atom"], "json": links["json"], "url": site.absolute(here) or "",
        "image": site.image or "", "locale": LOCALES.get(explainer.lang, LOCALES["en"]),
        "jsonld": jsonld.news_article_script(site, explainer),  # escaped for <script> already (script_json)
    }
    return head
