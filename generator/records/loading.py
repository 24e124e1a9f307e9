"""Files to YAML node trees with line marks, and Markdown front matter split the way MkDocs splits it.

Validation walks the composed nodes rather than constructed Python values: nodes keep the raw text (so
`2024-12-05` and `"2024-12-05"` read the same), every key's line, and every duplicate key, which PyYAML's
constructor would silently drop.
"""

from __future__ import annotations

import re
import yaml

from ..format import characters
from ..format.problems import Problem

MAX_ALIASES = 1_000  # per file: anchors are for the odd repeated value, not for thousands
MAX_EXPANDED = 1_048_576  # characters (and one per value) a file may hold once its aliases are written out
MAX_REPORTED = 20  # of one kind in one file: enough to see the pattern, and the work stays bounded

# LibYAML parses about ten times faster; the pure-Python loader is the fallback where it is not compiled in.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The pattern MkDocs uses (mkdocs.utils.meta), so the body we render is the body MkDocs renders.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def read_text(path, shown: str, problems: list[Problem]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(shown, 0, f"cannot be read: {error.strerror}"))
        return None
    try:
        # Universal newlines, as MkDocs reads pages: a file saved with Windows line ends reads the same.
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "is not UTF-8 text", "save the file as UTF-8"))
        return None
    return text if characters.first_forbidden(text) is None else _refuse_characters(text, shown, problems)


def _refuse_characters(text: str, shown: str, problems: list[Problem]) -> None:
    """Each forbidden character at its line and column; the file is not read further."""
    for count, match in enumerate(characters.FORBIDDEN_BUT_TAB.finditer(text)):
        if count == MAX_REPORTED:
            problems.append(Problem(shown, 0, "holds more forbidden characters than shown",
                                    "remove every control and direction character"))
            break
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text.count("\n", 0, match.start()) + 1
        char = match.group()
        problems.append(Problem(shown, line, f"column {match.start() - line_start + 1} holds the invisible "
                                             f"character {characters.describe(char)}", characters.hint(char)))
    return None


def compose(text: str, shown: str, problems: list[Problem], line_offset: int = 0) -> yaml.Node | None:
    """One YAML document as a node tree; a syntax error becomes a problem at its line."""
    try:
        node = yaml.compose(text, Loader=Loader)
        if "*" in text and "&" in text:  # an alias needs an anchor: most files have neither, and skip this
            bomb = _alias_bomb(text)
            if bomb is not None:
                problems.append(Problem(shown, bomb[0] + 1 + line_offset, bomb[1],
                                        "write the values out instead of repeating them with * aliases"))
                return None
        return node
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        reason = error.problem or error.context or "invalid YAML"
        problems.append(Problem(shown, line, f"YAML syntax error: {reason}", _yaml_hint(reason, text)))
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        problems.append(Problem(shown, line_offset + 1, f"YAML error: {error}", "remove control characters"))
    return None


def _alias_bomb(text: str) -> tuple[int, str] | None:
    """(line, message) of the alias at which the file, with every alias written out, passes the caps.

    An alias costs nothing to compose but its whole value each time it is walked or printed: a few KB of
    anchors repeating anchors expand to gigabytes. The parser's events give each alias's line, and the size of
    each anchored value with the aliases inside it written out, as they stream past."""
    sizes: dict[str, int] = {}  # anchor -> its value's size, aliases inside it written out
    open_at: list[tuple[str | None, int]] = []  # the collections being read: (anchor, total when they began)
    total = aliases = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            total += sizes.get(event.anchor, 1)
            if aliases > MAX_ALIASES:
                return event.start_mark.line, f"repeats values by alias more than {MAX_ALIASES:,} times"
            if total > MAX_EXPANDED:
                return event.start_mark.line, (f"holds more than {MAX_EXPANDED:,} characters once its * aliases "
                                               "are written out")
        elif isinstance(event, yaml.ScalarEvent):
            total += 1 + len(event.value)
            if event.anchor is not None:
                sizes[event.anchor] = 1 + len(event.value)
        elif isinstance(event, yaml.CollectionStartEvent):
            total += 1
            open_at.append((event.anchor, total - 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, began = open_at.pop()
            if anchor is not None:
                sizes[anchor] = total - began
    return None


def _yaml_hint(reason: str, text: str) -> str:
    if "\t" in reason or ("cannot start any token" in reason and "\t" in text):
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in reason:
        return "a value containing ': ' must be quoted, e.g. title: \"Assad: we will fight\""
    if "expected a single document" in reason:
        return "keep one record per file, without a second '---'"
    if "found undefined alias" in reason or "found character" in reason:
        return "quote values that start with * & ! % @ or `"
    return "check the indentation and quoting on this line and the one above"


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """(front matter text, its first line, body, the body's first line), lines 1-based in the file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, 0, text, 1
    rest = text[match.end():]
    body = rest.lstrip("\n")
    body_line = text[: match.end()].count("\n") + (len(rest) - len(body)) + 1
    return match.group(1), 2, body, body_line
