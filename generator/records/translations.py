"""What is not yet translated into a language: `explainers validate --missing ar` lists it, file by file, so a
desk can see how far an edition has come (a list to work through, not a problem: the pages show the original,
marked, meanwhile)."""

from __future__ import annotations

from ..format import schema as s
from .model import Content, in_language


def _gaps(record, fields: list[tuple[str, object]], lang: str) -> list[str]:
    return [name for name, text in fields if text and in_language(text, lang) is None]


def untranslated(content: Content, lang: str, registries: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(path, field paths) for every record with an editors' text that has no `lang` version; `registries`:
    'actors'/'places'/'tags' -> the file's path, for the message. Source titles are left out: a source is cited
    as it was published."""
    if lang == s.SITE_LANGUAGE:
        return []
    found = []
    for event in sorted(content.events.values(), key=lambda e: e.path):
        fields = [("title", event.title), ("summary", event.summary)]
        fields += [(f"claims[{n}].text", claim.text) for n, claim in enumerate(event.claims, 1)]
        fields += [(f"claims[{n}].by", claim.by) for n, claim in enumerate(event.claims, 1)
                   if claim.by and claim.by not in content.actors]  # free text; an actor is named in actors.yml
        if event.fatalities and event.fatalities.by and event.fatalities.by not in content.actors:
            fields.append(("fatalities.by", event.fatalities.by))
        fields += [(f"corrections[{n}].text", c.text) for n, c in enumerate(event.corrections, 1)]
        gaps = _gaps(event, fields, lang)
        if gaps:
            found.append((event.path, gaps))
    for name, entries in (("actors", content.actors), ("places", content.places), ("tags", content.tags)):
        gaps = []
        for ident in sorted(entries):
            entry = entries[ident]
            gaps += [f"{ident}.{field}" for field in ("name", "description")
                     if getattr(entry, field, None) and in_language(getattr(entry, field), lang) is None]
        if gaps:
            found.append((registries[name], gaps))
    return found
