"""Events as a GeoJSON FeatureCollection (RFC 7946): positions [lon, lat], geometry null where unknown."""

from __future__ import annotations

from ..model import Event
from ..site import Site
from .encoding import dumps_piece, dumps_with


def feature(site: Site, event: Event) -> dict:
    content = site.content
    place = content.places.get(event.place) if event.place else None
    geometry = None
    if place is not None and place.lat is not None and place.lon is not None:
        geometry = {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}
    properties = {
        "title": event.title,
        "date": event.date.iso(),
        "end": event.end.iso() if event.end else None,
        "approximate": event.approximate,
        "type": event.type,
        "subtype": event.subtype,
        "place": event.place,
        "place_name": place.name if place else None,
        "country": place.country if place else None,
        "actors": list(event.actors),
        "tags": list(event.tags),
        "key": event.key,
        "background": event.background,
        "fatalities": event.fatalities.best if event.fatalities else None,
        "summary": event.summary,
        "sources": [s.publisher or s.title for s in event.sources],
        "url": site.link(site.event_path(event)),
    }
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def dumps_collection(site: Site, events: list[Event]) -> str:
    features = [site.per_event("geojson", e, lambda event: dumps_piece(feature(site, event))) for e in events]
    return dumps_with({"type": "FeatureCollection"}, "features", features)
