"""The characters editors' text may not hold: control characters (tab and newline excepted where text may run
over several lines) and the bidi controls that reorder text around them.

A control character makes feeds malformed and hides in a title; an override (U+202E) reverses what follows it
on the page, in feeds and in other sites' copies. Direction is the page's job: it isolates text in another
script itself (`dir="auto"`, `<bdi>`), so nothing is lost by refusing them.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # CR too: files are read with universal newlines, so one in a value is an escape
_BIDI = "\u202a-\u202e\u2066-\u2069"
INVISIBLE = f"{_CONTROL}{_BIDI}\u200b-\u200f\u2028\u2029\ufeff"  # for a regex class: also zero-width and separators
FORBIDDEN = re.compile(f"[{_CONTROL}{_BIDI}\t]")
FORBIDDEN_BUT_TAB = re.compile(f"[{_CONTROL}{_BIDI}]")


def first_forbidden(text: str, *, tab_ok: bool = True) -> re.Match | None:
    return (FORBIDDEN_BUT_TAB if tab_ok else FORBIDDEN).search(text)


def describe(char: str) -> str:
    name = unicodedata.name(char, "") or {"\t": "TAB"}.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def hint(char: str) -> str:
    if "\u202a" <= char <= "\u2069":
        return "delete it: the page isolates text in another script by itself"
    if char == "\t":
        return "use a space instead of the tab"
    return "delete it (it is invisible: retype the text around it if in doubt)"


# What a message must not print as it is: it goes to terminals and to GitHub annotations.
_UNPRINTABLE = re.compile(f"[{INVISIBLE}\t\n\r]")


def printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1] if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                            text)


def quote(text: str, limit: int = 80) -> str:
    """A value as a message quotes it: printable, and not the whole of a long one."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
