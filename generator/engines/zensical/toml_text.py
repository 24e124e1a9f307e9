"""TOML text for configuration data: tables, arrays, strings, numbers, booleans and dates, which is all that
mkdocs.yml settings hold (config.py). Python reads TOML (tomllib) but does not write it, and this
subset is small enough not to need a dependency; tests/unit/test_toml_text.py reads every case back.

Tables become [sections] and a list of tables [[sections]], so the file reads like a hand-written one; anything
inside an array is written inline, since an inline table must stay on one line. A None is left out (TOML has no
null), as a setting left unset.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN_LINES = re.compile(r'[^\x00-\x09\x0b-\x1f\x7f"\\]*')  # as it is in a """string""": no escapes, no quotes


def dumps(data: dict, *, comment: str = "") -> str:
    """`data` as a TOML document, after a `# comment` block (one line per line of `comment`)."""
    head = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return head + "".join(_table([], data)).lstrip("\n")


def _table(path: list[str], table: dict, header: str | None = None) -> list[str]:
    """The table's lines, under `header` (a [[section]] for a table in a list; [path] by default)."""
    name = ".".join(map(_key, path))
    # A table's own keys come before any [section] below it: after a header, keys belong to that section.
    plain = {k: v for k, v in table.items() if v is not None and not _section(v) and not _sections(v)}
    lines = [f"{_key(k)} = {_value(v, top=True)}\n" for k, v in plain.items()]
    if header is None and path and (plain or not any(v is not None for v in table.values())):
        header = f"[{name}]"  # a table holding only sections needs no header of its own
    if header:
        lines.insert(0, f"\n{header}\n")
    for key, value in table.items():
        if _section(value):
            lines += _table([*path, key], value)
        elif _sections(value):
            for item in value:
                lines += _table([*path, key], item, f"[[{'.'.join(map(_key, [*path, key]))}]]")
    return lines


def _section(value) -> bool:
    return isinstance(value, dict) and bool(value)


def _sections(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _key(key: str) -> str:
    if not isinstance(key, str):
        raise TypeError(f"a TOML key must be a string, not {key!r}")
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    # JSON's string escapes are TOML's, except that TOML also wants DEL escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value, *, top: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        if top and _PLAIN_LINES.fullmatch(value) and "\n" in value:  # e.g. not_in_nav's patterns, one a line
            return f'"""\n{value}"""'  # the newline after the opening quotes is not part of the string
        return _string(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        items = [f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    if isinstance(value, (list, tuple)):
        items = [_value(v) for v in value if v is not None]
        if top and any(isinstance(v, (dict, list, tuple)) for v in value):  # one entry a line, to be read
            return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"no TOML for {type(value).__name__} {value!r}")
