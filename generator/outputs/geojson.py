"""Events as a GeoJSON FeatureCollection (RFC 7946): positions [lon, lat], geometry null where unknown.

A feature carries what a map needs to place, label and link an event, not the event itself: its id, date,
headline, type, place (id and name), how precisely it is placed (the event's ACLED precision, or its place's) and the address of its card, and whether it was
retracted (a map must not show a withdrawn report as fact). Summaries, claims, actors and sources are the card's
and the CSV's: a GeoJSON of every event's text was most of an explainer's data folder, downloaded by map tools
that show none of it."""

from __future__ import annotations

from ..format.schema import SITE_LANGUAGE
from .encoding import dumps_piece, dumps_with
from ..pages.site import Site
from ..records.model import Event, Explainer, in_words, precision


def feature(site: Site, event: Event, lang: str = SITE_LANGUAGE, url: str | None = None) -> dict:
    """`lang`: the edition's language, for the texts; `url`: where the card is (by default Site.event_path)."""
    content = site.content
    place = content.places.get(event.place) if event.place else None
    geometry = None
    if place is not None and place.lat is not None and place.lon is not None:
        geometry = {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}
    properties = {
        "title": in_words(event.title, lang),
        "date": event.date.iso(),
        "type": event.type,
        "place": event.place,
        "place_name": in_words(place.name, lang) if place else None,
        "precision": precision(event, place) if geometry else None,  # ACLED's geo_precision: 3 is a region
        "url": url or site.link(site.event_path(event)),
        "retracted": {"at": event.retracted.at.iso(), "reason": in_words(event.retracted.reason, lang)}
        if event.retracted else None,
    }
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def dumps_collection(site: Site, events: list[Event], explainer: Explainer | None = None) -> str:
    """An edition in another language than the site's links each feature to its own page, in its words."""
    if explainer is None or explainer.lang == SITE_LANGUAGE:
        features = [site.per_event("geojson", e, lambda event: dumps_piece(feature(site, event))) for e in events]
    else:
        page = site.explainer_path(explainer)
        features = [dumps_piece(feature(site, e, explainer.lang, site.link(f"{page}#event-{e.id}")))
                    for e in events]
    return dumps_with({"type": "FeatureCollection"}, "features", features)
