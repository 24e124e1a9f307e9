"""The editors' field reference, derived from schema.py so the guide cannot drift from the validator."""

from __future__ import annotations

from . import schema as s

SECTIONS = (
    ("Event", "content/events/…/<id>.yml", s.EVENT),
    ("Source", "an item of an event's sources", s.SOURCE),
    ("Claim", "an item of an event's claims", s.CLAIM),
    ("Fatalities", "an event's fatalities", s.FATALITIES),
    ("Correction", "an item of corrections", s.CORRECTION),
    ("Actor", "an entry of content/actors.yml", s.ACTOR),
    ("Place", "an entry of content/places.yml", s.PLACE),
    ("Explainer", "the front matter of an explainer page", s.EXPLAINER),
    ("Selector", "an explainer's events, or a ```timeline block", s.SELECTOR),
    ("Page", "the front matter of any other page", s.PAGE),
    ("Search", "a page's search", s.SEARCH),
    ("Social", "a page's social", s.SOCIAL),
)


def describe(kind) -> str:
    if isinstance(kind, s.Text):
        kind_text = "Markdown text" if kind.markdown else "text, one line" if kind.one_line else "text"
        return f"{kind_text}, at most {kind.max_length:,} characters"
    if isinstance(kind, s.Slug):
        return "slug (lowercase letters, digits, hyphens)"
    if isinstance(kind, s.DateValue):
        return ("date-time with UTC offset, e.g. 2024-12-06T10:32+05:30" if kind.time_required else
                "date: YYYY, YYYY-MM, YYYY-MM-DD or date-time with UTC offset")
    if isinstance(kind, s.Boolean):
        return "true or false"
    if isinstance(kind, s.Integer):
        return f"whole number, at least {kind.minimum}"
    if isinstance(kind, s.Number):
        return f"number from {kind.minimum:g} to {kind.maximum:g}"
    if isinstance(kind, s.Choice):
        return "one of: " + ", ".join(f"`{v}`" for v in kind.values)
    if isinstance(kind, s.Url):
        return "http:// or https:// link"
    if isinstance(kind, s.Reference):
        return {"actors": "actor id (actors.yml)", "places": "place id (places.yml)",
                "events": "event id (file name)"}[kind.registry]
    if isinstance(kind, s.Attribution):
        return "actor id, or free text such as Syrian military"
    if isinstance(kind, s.CountryCode):
        return "ISO 3166-1 alpha-2 code, e.g. SY"
    if isinstance(kind, s.ThemeFile):
        return "a template of the theme, e.g. main.html" if kind.folder == "" else "an icon of the theme, e.g. material/map"
    if isinstance(kind, s.ListOf):
        single = " (or a single value)" if kind.single_ok else ""
        least = f", at least {kind.min_items}" if kind.min_items else ""
        return f"list of {describe(kind.item)}{least}{single}"
    if isinstance(kind, s.Record):
        return f"{kind.name} (see below)"
    raise TypeError(f"no description for {kind!r}")


def sections() -> list[dict]:
    return [{"title": title, "where": where, "help": record.help,
             "fields": [{"name": f.name, "type": describe(f.type), "required": f.required, "help": f.help}
                        for f in record.fields]}
            for title, where, record in SECTIONS]


def vocabularies() -> dict:
    return {"event_types": s.EVENT_TYPES, "subtypes": s.SUBTYPES, "actor_kinds": s.ACTOR_KINDS,
            "claim_statuses": s.CLAIM_STATUSES}
