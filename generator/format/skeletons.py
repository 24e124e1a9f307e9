"""What `explainers new` writes for a record: every field, so editors see what they may fill in."""

from __future__ import annotations

from functools import singledispatch

from . import schema as s

# Nested records spelled out key by key: a bare "" would leave editors guessing what goes inside.
SKETCHES = {
    "sources": "\n  - title: \"\"  # headline of the source\n    publisher: \"\"\n    # url: https://\n    # published: YYYY-MM-DD",
    "claims": "\n  - text: \"\"\n    by: \"\"\n    status: reported",
    "fatalities": '{best: 0, low: 0, high: 0, by: ""}',
    "corrections": '[{at: "YYYY-MM-DDTHH:MM+00:00", text: ""}]',
}


def skeleton(record: s.Record, values: dict[str, str]) -> str:
    """Every field of the record: given ones filled in, required ones left empty for `explainers validate` to
    ask for, optional ones commented with their help and an example."""
    lines = []
    for field in record.fields:
        value = values.get(field.name)
        if value is None and field.required:
            # Never the example: a new record holding the schema's sample date and headline passed as real.
            value = SKETCHES.get(field.name) or _empty(field.type)
        help_text = field.help
        if isinstance(field.type, s.Choice) and len(field.type.values) > 1:
            help_text += f" One of: {', '.join(field.type.values)}."
        if value is not None:
            lines.append(f"{field.name}: {value}  # {help_text}" if "\n" not in value else f"{field.name}:  # {help_text}{value}")
        else:
            example = _placeholder(field)
            lines.append(f"# {field.name}: {example}  # {help_text}" if "\n" not in example
                         else f"# {field.name}:  # {help_text}")
    return "\n".join(lines) + "\n"


def _empty(kind: s.FieldType) -> str:
    placeholder(kind, None)  # a type `explainers new` does not know fails here too, not only when commented
    return '[""]' if isinstance(kind, s.ListOf) else '""'


def _placeholder(field: s.Field) -> str:
    sketch = SKETCHES.get(field.name)
    return sketch if sketch is not None else placeholder(field.type, field.example)


@singledispatch
def placeholder(kind: s.FieldType, example) -> str:
    """The YAML written after the field's name: its example, or an empty value to replace."""
    raise TypeError(f"`explainers new` has no placeholder for {type(kind).__name__}: {kind!r}")


def _bare(kind: s.FieldType, example) -> str:
    return '""' if example is None else str(example)


def _quoted(kind: s.FieldType, example) -> str:
    # Other YAML readers (MkDocs' front matter) turn an unquoted date into a date object, and ": " in text
    # would start a mapping.
    return '""' if example is None else f'"{example}"'


for _type in (s.Slug, s.Integer, s.Number, s.Url, s.Digest, s.ThemeFile, s.Reference, s.Attribution, s.CountryCode):
    placeholder.register(_type, _bare)
for _type in (s.Text, s.DateValue):
    placeholder.register(_type, _quoted)
del _type


@placeholder.register
def _(kind: s.Boolean, example) -> str:
    return "false" if example is False else "true"


@placeholder.register
def _(kind: s.Record, example) -> str:
    shown = [f for f in kind.fields if f.required or f.example is not None]
    return "{" + ", ".join(f"{f.name}: {placeholder(f.type, f.example)}" for f in shown) + "}" if shown else '""'


@placeholder.register
def _(kind: s.Choice, example) -> str:
    return kind.values[0]


@placeholder.register
def _(kind: s.ListOf, example) -> str:
    if example is None:
        return '[""]'
    return "[" + ", ".join(example) + "]" if isinstance(example, list) else str(example)
