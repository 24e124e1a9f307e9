"""The editors' field reference, derived from schema.py so the guide cannot drift from the validator."""

from __future__ import annotations

from functools import singledispatch

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


@singledispatch
def describe(kind: s.FieldType) -> str:
    raise TypeError(f"the field reference has no description for {type(kind).__name__}: {kind!r}")


@describe.register
def _(kind: s.Text) -> str:
    kind_text = "Markdown text" if kind.markdown else "text, one line" if kind.one_line else "text"
    return f"{kind_text}, at most {kind.max_length:,} characters"


@describe.register
def _(kind: s.Slug) -> str:
    return "slug (lowercase letters, digits, hyphens)"


@describe.register
def _(kind: s.DateValue) -> str:
    return ("date-time with UTC offset, e.g. 2024-12-06T10:32+05:30" if kind.time_required else
            "date: YYYY, YYYY-MM, YYYY-MM-DD or date-time with UTC offset")


@describe.register
def _(kind: s.Boolean) -> str:
    return "true or false"


@describe.register
def _(kind: s.Integer) -> str:
    return f"whole number, at least {kind.minimum}"


@describe.register
def _(kind: s.Number) -> str:
    return f"number from {kind.minimum:g} to {kind.maximum:g}"


@describe.register
def _(kind: s.Choice) -> str:
    return "one of: " + ", ".join(f"`{v}`" for v in kind.values)


@describe.register
def _(kind: s.Url) -> str:
    return "http:// or https:// link"


@describe.register
def _(kind: s.Reference) -> str:
    return {"actors": "actor id (actors.yml)", "places": "place id (places.yml)",
            "events": "event id (file name)"}[kind.registry]


@describe.register
def _(kind: s.Attribution) -> str:
    return "actor id, or free text such as Syrian military"


@describe.register
def _(kind: s.CountryCode) -> str:
    return "ISO 3166-1 alpha-2 code, e.g. SY"


@describe.register
def _(kind: s.ThemeFile) -> str:
    return "a template of the theme, e.g. main.html" if kind.folder == "" else "an icon of the theme, e.g. material/map"


@describe.register
def _(kind: s.ListOf) -> str:
    single = " (or a single value)" if kind.single_ok else ""
    least = f", at least {kind.min_items}" if kind.min_items else ""
    return f"list of {describe(kind.item)}{least}{single}"


@describe.register
def _(kind: s.Record) -> str:
    return f"{kind.name} (see below)"


def sections() -> list[dict]:
    return [{"title": title, "where": where, "help": record.help,
             "fields": [{"name": f.name, "type": describe(f.type), "required": f.required, "help": f.help}
                        for f in record.fields]}
            for title, where, record in SECTIONS]


def vocabularies() -> dict:
    return {"event_types": s.EVENT_TYPES, "subtypes": s.SUBTYPES, "actor_kinds": s.ACTOR_KINDS,
            "claim_statuses": s.CLAIM_STATUSES}
