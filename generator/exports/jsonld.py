"""schema.org NewsArticle JSON-LD for an explainer, its events as `about` Events, and a safe <script> block."""

from __future__ import annotations

import json

from ..model import Event, Explainer
from ..selection import corrections_log
from .site import Site, dumps_with

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def event_node(site: Site, event: Event) -> dict:
    node = {"@type": "Event", "name": event.title, "startDate": event.date.iso()}
    if event.end:
        node["endDate"] = event.end.iso()
    if event.summary:
        node["description"] = event.summary
    url = site.absolute(site.event_path(event))
    if url:
        node["url"] = url
    place = site.content.places.get(event.place) if event.place else None
    if place is not None:
        location = {"@type": "Place", "name": place.name,
                    "address": {"@type": "PostalAddress", "addressCountry": place.country}}
        if place.admin1:
            location["address"]["addressRegion"] = place.admin1
        if place.lat is not None and place.lon is not None:
            location["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
        node["location"] = location
    return node


def news_article_script(site: Site, explainer: Explainer) -> str:
    """script_json(news_article(...)), with each event's `about` node encoded once for all the pages showing it."""
    about = [site.per_event("jsonld", e, lambda event: script_json(event_node(site, event)))
             for e in site.selected.get(explainer.src_uri, [])]
    return dumps_with(news_article(site, explainer, about=False), "about", about, encode=script_json)


def news_article(site: Site, explainer: Explainer, image: str | None = None, *, about: bool = True) -> dict:
    events = site.selected.get(explainer.src_uri, [])
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": explainer.title,
        "datePublished": explainer.published.iso(),
        "dateModified": explainer.last_change.iso(),
        "inLanguage": explainer.lang,
        "publisher": {"@type": "Organization", **_named(site.publisher)},
    }
    if about:
        data["about"] = [event_node(site, e) for e in events]
    if explainer.description:
        data["description"] = explainer.description
    if site.author.get("name"):
        data["author"] = {"@type": site.author.get("type", "Organization"), **_named(site.author)}
    url = site.absolute(site.explainer_path(explainer))
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    image = image or site.image
    if image:
        data["image"] = [image]
    corrections = corrections_log(explainer, events)
    if corrections:
        data["correction"] = [{"@type": "CorrectionComment", "datePublished": c.at.iso(),
                               "text": f"{e.title}: {c.text}" if e else c.text} for c, e in corrections]
    return data


def _named(entity: dict) -> dict:
    return {k: entity[k] for k in ("name", "url") if entity.get(k)}


def script_json(data: dict) -> str:
    """JSON for inside <script>: `<`, `>` and `&` escaped, so no value can close the block or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return text
