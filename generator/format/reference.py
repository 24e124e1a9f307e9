"""The editors' field reference, derived from schema.py so the guide cannot drift from the validator."""

from __future__ import annotations

import re
from functools import singledispatch

import yaml

from . import schema as s

SECTIONS = (
    ("Event", "content/events/…/<id>.yml", s.EVENT),
    ("Source", "an item of an event's sources", s.SOURCE),
    ("Claim", "an item of an event's claims", s.CLAIM),
    ("Claim state", "an item of a claim's history", s.CLAIM_STATE),
    ("Retraction", "an event's retracted", s.RETRACTION),
    ("Fatalities", "an event's fatalities", s.FATALITIES),
    ("Correction", "an item of corrections", s.CORRECTION),
    ("Actor", "an entry of content/actors.yml", s.ACTOR),
    ("Place", "an entry of content/places.yml", s.PLACE),
    ("Tag", "an entry of content/tags.yml", s.TAG),
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
    described = f"{kind_text}, at most {kind.max_length:,} characters"
    if kind.translatable:
        others = ", ".join(f"{lang}: ..." for lang in s.LANGUAGES if lang != s.SITE_LANGUAGE)
        described += f"; or translated: {{{s.SITE_LANGUAGE}: ..., {others}}}"
    return described


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
    if len(kind.values) > 8:  # ACLED's sub-event types and actor kinds: a column of values, listed below instead
        return f"one of {len(kind.values)} values: see [Vocabularies](#vocabularies)"
    return "one of: " + ", ".join(f"`{v}`" for v in kind.values)


@describe.register
def _(kind: s.Url) -> str:
    return "http:// or https:// link"


@describe.register
def _(kind: s.Digest) -> str:
    return f"{kind.length} hexadecimal digits ({kind.algorithm.upper()})"


@describe.register
def _(kind: s.Reference) -> str:
    return {"actors": "actor id (actors.yml)", "places": "place id (places.yml)",
            "events": "event id (file name)"}[kind.registry]


@describe.register
def _(kind: s.Attribution) -> str:
    return "actor id, or free text such as Syrian military (the text may be translated: {en: ..., ar: ...})"


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


def anchor(title: str) -> str:
    """A section's id: "Claim state" -> claim-state (an attr_list id ends at a space: it was #claim, Claim's)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def sections() -> list[dict]:
    return [{"title": title, "anchor": anchor(title), "where": where, "help": record.help,
             "example": example_yaml(record),
             "fields": [{"name": f.name, "type": describe(f.type), "required": f.required, "help": f.help}
                        for f in record.fields]}
            for title, where, record in SECTIONS]


# Examples: each record as an editor writes it, made from the fields' `example`s ---------------------------------

FRONT_MATTER = (s.EXPLAINER, s.PAGE)


def example(record: s.Record) -> dict:
    """The record's required fields and those the schema gives an example for, nested records included. The
    keys every page shares (template, icon...) are left to the Page's example."""
    values = {}
    for field in record.fields:
        if record is not s.PAGE and field in s.PAGE_FIELDS:
            continue
        value = field.example
        if value is None and isinstance(field.type, s.Record):
            value = example(field.type) or None
        elif value is None and isinstance(field.type, s.ListOf) and isinstance(field.type.item, s.Record):
            item = example(field.type.item)
            value = [item] if item else None
        if value is not None:
            values[field.name] = value
    return values


def where_written(record: s.Record) -> tuple:
    """How the record's example is wrapped to show where it goes: (registry,), (parent record, field), or ()."""
    for registry in (v for v in vars(s).values() if isinstance(v, s.Registry)):
        if registry.value is record:
            return (registry,)
    for _, _, parent in SECTIONS:
        for field in parent.fields:
            if field.type is record or (isinstance(field.type, s.ListOf) and field.type.item is record):
                return parent, field
    return ()


def example_yaml(record: s.Record) -> str:
    """The example as YAML, in its place: under its id in a registry, under its field in the record that holds
    it (`sources:` for a source), between `---` lines for front matter."""
    data: object = example(record)
    context = where_written(record)
    if len(context) == 1:
        data = {context[0].example_id: data}
    elif context:
        parent, field = context
        data = {field.name: [data] if isinstance(field.type, s.ListOf) else data}
    text = yaml.dump(data, Dumper=_ExampleDumper, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{text}---\n" if record in FRONT_MATTER else text


class _ExampleDumper(yaml.SafeDumper):
    """YAML laid out as the sample records are: lists indented under their key, short lists on one line."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _list(dumper: yaml.SafeDumper, items: list):
    short = all(isinstance(item, (int, float)) or (isinstance(item, str) and " " not in item) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=short)


def _text(dumper: yaml.SafeDumper, text: str):
    # Dates quoted, as `explainers new` writes them: MkDocs' own reading of front matter would make an unquoted
    # date a date object, and the quotes cost nothing elsewhere.
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"' if _DATE_LIKE.match(text) else None)


_DATE_LIKE = re.compile(r"^\d{4}(?:-|$)")
_ExampleDumper.add_representer(list, _list)
_ExampleDumper.add_representer(str, _text)


def vocabularies() -> dict:
    return {"event_types": s.EVENT_TYPES, "subtypes": s.SUBTYPES, "actor_kinds": s.ACTOR_KINDS,
            "claim_statuses": s.CLAIM_STATUSES}
