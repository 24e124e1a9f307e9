"""JSON Schema (draft 2020-12) for editors' tools, derived from schema.py and the project's registries.

Reference fields become enums of the ids the registries hold, so VS Code flags an unknown actor as it is typed.
What JSON Schema cannot express (duplicate keys, which the YAML extension flags itself; rules across fields
such as low <= best) is left to `explainers validate`.
"""

from __future__ import annotations

import os
import re
from functools import singledispatch
from pathlib import Path

from . import schema as s

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31|02-29)"
_TIME = r"T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|\+(?:0\d|1[0-3]):[0-5]\d|\+14:00|-(?:0\d|1[01]):[0-5]\d|-12:00)"
DATE_PATTERN = rf"^\d{{4}}(?:-(?:0[1-9]|1[0-2])|-{_DAY}(?:{_TIME})?)?$"
DATETIME_PATTERN = rf"^\d{{4}}-{_DAY}{_TIME}$"


@singledispatch
def json_schema(kind: s.FieldType | s.Registry, ids: dict[str, list[str]]) -> dict:
    raise TypeError(f"the JSON Schema has no form for {type(kind).__name__}: {kind!r}")


@json_schema.register
def _(kind: s.Record, ids: dict) -> dict:
    return record_schema(kind, ids)


@json_schema.register
def _(kind: s.Registry, ids: dict) -> dict:
    return {"type": "object", "description": kind.help, "propertyNames": {"pattern": s.SLUG_PATTERN},
            "additionalProperties": record_schema(kind.value, ids)}


@json_schema.register
def _(kind: s.ListOf, ids: dict) -> dict:
    items = json_schema(kind.item, ids)
    array = {"type": "array", "items": items}
    if kind.min_items:
        array["minItems"] = kind.min_items
    return {"anyOf": [items, array]} if kind.single_ok else array


@json_schema.register
def _(kind: s.Text, ids: dict) -> dict:
    text = {"type": "string", "minLength": 1, "maxLength": kind.max_length}
    if kind.one_line:
        text["pattern"] = r"^[^\n]*$"
    if kind.translatable:  # or {en: original, ar: translation}
        return {"anyOf": [text, {"type": "object", "required": [s.SITE_LANGUAGE], "additionalProperties": False,
                                 "properties": {lang: text for lang in s.LANGUAGES}}]}
    return text


@json_schema.register
def _(kind: s.Slug, ids: dict) -> dict:
    return {"type": "string", "pattern": s.SLUG_PATTERN}


@json_schema.register
def _(kind: s.DateValue, ids: dict) -> dict:
    if kind.time_required:
        return {"type": "string", "pattern": DATETIME_PATTERN}
    # An unquoted year is a number to YAML.
    return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN},
                      {"type": "integer", "minimum": 1000, "maximum": 9999}]}


@json_schema.register
def _(kind: s.Boolean, ids: dict) -> dict:
    return {"type": "boolean"}


@json_schema.register
def _(kind: s.Integer, ids: dict) -> dict:
    return {"type": "integer", "minimum": kind.minimum}


@json_schema.register
def _(kind: s.Number, ids: dict) -> dict:
    return {"type": "number", "minimum": kind.minimum, "maximum": kind.maximum}


@json_schema.register
def _(kind: s.Choice, ids: dict) -> dict:
    # A value written as digits (a place's precision: 1) is a number to YAML; the validator reads it as written.
    return {"enum": list(kind.values) + [int(v) for v in kind.values if v.isdigit()]}


@json_schema.register
def _(kind: s.Url, ids: dict) -> dict:
    return {"type": "string", "pattern": r"^https?://[^\s/]+\S*$"}  # no space anywhere, as the validator


@json_schema.register
def _(kind: s.Digest, ids: dict) -> dict:
    return {"type": "string", "pattern": f"^[0-9a-f]{{{kind.length}}}$"}


@json_schema.register
def _(kind: s.ThemeFile, ids: dict) -> dict:
    return {"type": "string", "pattern": r"^[\w-]+(?:/[\w-]+)*" + re.escape(kind.suffix if kind.folder == "" else "") + "$"}


@json_schema.register
def _(kind: s.Reference, ids: dict) -> dict:
    known = ids.get(kind.registry)
    return {"enum": known} if known is not None else {"type": "string", "pattern": s.SLUG_PATTERN}


@json_schema.register
def _(kind: s.Attribution, ids: dict) -> dict:
    actors = ids.get("actors")
    translated = {"type": "object", "required": [s.SITE_LANGUAGE], "additionalProperties": False,
                  "properties": {lang: {"type": "string", "minLength": 1} for lang in s.LANGUAGES}}
    if actors is None:
        return {"anyOf": [{"type": "string", "minLength": 1}, translated]}
    # A known actor id, free text that does not look like an id, or that text translated.
    return {"anyOf": [{"enum": actors}, {"type": "string", "minLength": 1, "not": {"pattern": s.SLUG_PATTERN}},
                      translated]}


@json_schema.register
def _(kind: s.CountryCode, ids: dict) -> dict:
    return {"type": "string", "pattern": "^[A-Z]{2}$"}


def record_schema(record: s.Record, ids: dict) -> dict:
    properties = {}
    for field in record.fields:
        prop = json_schema(field.type, ids)
        prop = {"description": field.help, **prop}
        if field.example is not None:
            prop["examples"] = [field.example]
        properties[field.name] = prop
    result = {"type": "object", "description": record.help, "properties": properties,
              "additionalProperties": False}
    required = [f.name for f in record.fields if f.required]
    if required:
        result["required"] = required
    if record is s.EVENT:
        # subtype must belong to type: one branch per type.
        result["allOf"] = [{"if": {"required": ["type"], "properties": {"type": {"const": kind}}},
                            "then": {"properties": {"subtype": {"enum": list(subs)}}}}
                           for kind, subs in s.SUBTYPES.items()]
        result["dependentRequired"] = {"subtype": ["type"]}
    if record is s.SELECTOR:
        # At least one key that selects something: an empty selector would show every event.
        result["anyOf"] = [{"required": [f.name], "properties": {f.name: {"not": {"type": "array", "maxItems": 0}}}}
                           if isinstance(f.type, s.ListOf) else {"required": [f.name]} for f in record.fields]
    return result


FILES = {
    "event": s.EVENT,
    "actors": s.ACTORS,
    "places": s.PLACES,
    "tags": s.TAGS,
    "explainer": s.EXPLAINER,
    "page": s.PAGE,
}


def schemas(ids: dict[str, list[str]]) -> dict[str, dict]:
    """File name -> JSON Schema document, for every kind of file editors write."""
    out = {}
    for name, kind in FILES.items():
        document = {"$schema": DRAFT, "$id": f"{name}.schema.json", "title": f"conflict-explainers {name}"}
        document.update(json_schema(kind, ids))
        out[f"{name}.schema.json"] = document
    return out


def schema_comment(schemas_dir: Path, folder: Path) -> str:
    """The first line of every event file the tools write: VS Code's YAML extension follows it to the schema."""
    relative = os.path.relpath(Path(schemas_dir) / "event.schema.json", folder)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"
