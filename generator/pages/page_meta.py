"""Front matter that MkDocs' and Material's templates print as it is: their Jinja environment does not escape.

Material prints a page's `title` (header, sidebar, footer, <title>, the search index), `description` (<meta>) and
`subtitle` (sidebar) straight into HTML. Validation has made sure they are text; here they become Markup holding
the escaped text, once per page, so every template that prints them prints text (and those that apply `| e`
do not escape them twice).
"""

from __future__ import annotations

from markupsafe import Markup, escape

PRINTED = ("title", "description", "subtitle")


def escape_printed(meta: dict) -> None:
    for key in PRINTED:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = escape(value)
