"""Check YAML node trees against the schema: plain values out, every problem collected with its line."""

from __future__ import annotations

import difflib
import re
from datetime import date, timedelta
from functools import singledispatch

import yaml

from ..format import characters
from ..format import schema as s
from ..format.markdown_limits import FIELD, SHARED_TRIALS
from ..format.problems import Problem
from ..format.safe_html import canonical_url, is_safe_url, url_scheme
from ..format.theme_dirs import page_templates
from .dates import DateError, PartialDate, parse_date
from .model import Localized

SLUG = re.compile(s.SLUG_PATTERN)
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# Inline links, autolinks and reference definitions ("[1]: target"): where Markdown finds a link target.
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>|^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)",
                           re.MULTILINE)
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"

INVALID = object()  # a value that failed its check; the problem is already recorded
# What YAML resolves plain values to. Anything else (`!!python/object/apply:...`, `!include`) is a tag that
# another loader would act on and MkDocs' loader drops the whole front matter for.
_STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp",
                                                                "map", "seq"))
MAX_DIGITS = 15  # a whole number that large is no count of anything; more would be a number Python cannot read
PROBLEMS_PER_FILE = 50  # then one line saying there are more: the first fifty show the pattern
_THEME_NAME = re.compile(r"^[\w-]+(?:/[\w-]+)*$")
_NESTED = (s.Record, s.ListOf)  # written as a mapping or a list; every other type is one YAML value


_BLOCKS = re.compile(r"\n[ \t]*\n")
_DEEP = re.compile(r"^[ \t>*+-]{160,}", re.MULTILINE)


def markdown_too_hard(text: str) -> tuple[str, int] | None:
    """What would make Markdown's parser take minutes or run out of stack (and fail the build after MkDocs
    emptied site/), with where it starts: a paragraph of thousands of '[' (its link pattern grows faster than
    the square), or nesting forty levels deep (its block parser recurses)."""
    if text.count("[") > 1000:
        start = 0
        for block in _BLOCKS.split(text):
            start = text.find(block, start)
            if block.count("[") > 1000:
                return "has a paragraph with more than 1,000 '[' (Markdown would take minutes to read it)", start
    deep = _DEEP.search(text)
    if deep:
        return "nests lists, quotes or indentation more than 40 levels deep", deep.start()
    return None


def suggest(word: str, choices) -> str:
    if len(word) > 64:  # nothing that long is a misspelling, and comparing it costs its length squared
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{characters.quote(node.value)}'"


class Checker:
    """Validates one file's nodes. `known` maps a registry name to the ids it holds (None: not checkable).
    `today`: dates after it are warnings (into `warnings`); None leaves dates unjudged."""

    def __init__(self, path: str, problems: list[Problem], known: dict, line_offset: int = 0, *,
                 warnings: list[Problem] | None = None, today: date | None = None):
        self.path = path
        self.problems = problems
        self.known = known
        self.line_offset = line_offset
        self.reported = 0
        self.warnings = warnings if warnings is not None else []
        # A day's grace: somewhere (UTC+14) it is already tomorrow.
        self.latest = today + timedelta(days=1) if today is not None else None

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    @property
    def full(self) -> bool:
        return self.reported > PROBLEMS_PER_FILE

    def report(self, node: yaml.Node, message: str, hint: str = "") -> object:
        self.reported += 1
        if self.reported <= PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.path, self.line(node), message, hint))
        elif self.reported == PROBLEMS_PER_FILE + 1:
            self.problems.append(Problem(self.path, self.line(node), f"more than {PROBLEMS_PER_FILE} problems in "
                                         "this file; the rest are not listed", "fix these and check again"))
        return INVALID

    def warn(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.warnings.append(Problem(self.path, self.line(node), message, hint, severity="warning"))

    def tag_ok(self, node: yaml.Node, what: str) -> bool:
        if node.tag in _STANDARD_TAGS:
            return True
        self.report(node, f"{what} carries the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}'",
                    "remove the tag: records hold plain text, numbers, lists and mappings only")
        return False

    # Records and registries ---------------------------------------------------------------------------------

    def mapping_items(self, node: yaml.Node, what: str):
        """(key text, key node, value node) of a mapping, reporting duplicate and non-text keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} must be a mapping of 'key: value' lines, not {kind_of(node)}")
            return None
        if not self.tag_ok(node, what):
            return None
        seen: dict[str, yaml.Node] = {}
        items = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not self.tag_ok(key_node, f"a key in {what}"):
                self.report(key_node, f"a key in {what} must be plain text")
                continue
            key = key_node.value
            if key in seen:
                self.report(key_node, f"duplicate key '{characters.quote(key)}' in {what} (first at line {self.line(seen[key])})",
                            "YAML keeps only one of them; remove or merge the other")
                continue
            seen[key] = key_node
            items.append((key, key_node, value_node))
        return items

    def record(self, node: yaml.Node, record: s.Record, what: str | None = None, path: str = "") -> dict | None:
        """`what` names the record in messages ("event", "sources[2]"); `path` is put before its fields' names,
        so a message says which title is empty: `sources[2].title`."""
        what = what or record.name
        items = self.mapping_items(node, what)
        if items is None:
            return None
        values: dict[str, object] = {}
        lines: dict[str, int] = {}
        for key, key_node, value_node in items:
            spec = record.by_name.get(key)
            if spec is None:
                if self.full:  # stop making hints nobody will read (a file of a million wrong keys)
                    self.reported += 1
                    continue
                hint = suggest(key, record.by_name) or f"the fields are: {', '.join(record.by_name)}"
                self.report(key_node, f"unknown field '{characters.quote(key)}' in {what}", hint)
                continue
            label = f"{path}.{key}" if path else key
            if _is_null(value_node) and not spec.required:
                continue  # `publisher:` with nothing after it: the field is left out
            if _is_blank(value_node):
                self.report(key_node, f"{label} is empty", f"fill it in: {spec.help}" if spec.required else
                            f"fill it in or delete the line: {spec.help}")
                continue
            value = self.value(value_node, spec.type, label)
            lines[key] = self.line(key_node)
            if value is not INVALID:
                values[key] = value
        present = {key for key, _, _ in items}
        for name in (f.name for f in record.fields if f.required and f.name not in present):
            self.report(node, f"{what} has no '{name}'", f"add '{name}:' ({record.by_name[name].help})")
        if any(f.required and f.name not in values for f in record.fields):
            return None
        _cross_checks(self, record, values, lines, node, what)
        values["__line__"] = self.line(node)
        return values

    def registry(self, node: yaml.Node, registry: s.Registry) -> dict[str, dict]:
        items = self.mapping_items(node, registry.name)
        entries: dict[str, dict] = {}
        for key, key_node, value_node in items or ():
            if not SLUG.match(key):
                self.report(key_node, f"'{characters.quote(key)}' is not a valid id",
                            "use lowercase letters, digits and hyphens, e.g. syrian-army")
                continue
            values = self.record(value_node, registry.value, f"{registry.value.name} '{characters.quote(key)}'",
                                 path=key)
            if values is not None:
                values["__line__"] = self.line(key_node)
                entries[key] = values
        return entries

    # Values -------------------------------------------------------------------------------------------------

    def value(self, node: yaml.Node, kind: s.FieldType, label: str):
        if node.tag not in _STANDARD_TAGS and not self.tag_ok(node, label):
            return INVALID
        if isinstance(node, yaml.MappingNode) and isinstance(kind, s.Text) and kind.translatable:
            return self.translated(node, kind, label)
        if isinstance(node, yaml.MappingNode) and isinstance(kind, s.Attribution):  # free text, translated
            return self.translated(node, s.Text(translatable=True), label)
        if not isinstance(node, yaml.ScalarNode) and not isinstance(kind, _NESTED):
            return self.report(node, f"{label} must be a single value, not {kind_of(node)}")
        return _CHECKS[kind.__class__](kind, self, node, label)

    def translated(self, node: yaml.MappingNode, kind: s.Text, label: str):
        """`{en: ..., ar: ...}`: each language the site has, each text checked as the field's; the site's
        language is the original and must be there."""
        texts, bad = {}, False
        for key_node, value_node in node.value:
            lang = key_node.value
            if lang not in s.LANGUAGES:
                self.report(key_node, f"{label}: '{characters.quote(lang)}' is not one of the site's languages",
                            f"use {', '.join(s.LANGUAGES)}")
                bad = True
                continue
            value = self.value(value_node, s.Text(kind.one_line, kind.markdown), f"{label}.{lang}")
            if value is INVALID:
                bad = True
            else:
                texts[lang] = value
        if s.SITE_LANGUAGE not in texts:
            if not bad:
                self.report(node, f"{label} has no '{s.SITE_LANGUAGE}' text",
                            f"the original, in the site's language, goes under {s.SITE_LANGUAGE}: and each "
                            "translation beside it")
            return INVALID
        if bad:
            return INVALID
        original = texts.pop(s.SITE_LANGUAGE)
        return Localized(original, texts) if texts else original

    def bad_text(self, node: yaml.ScalarNode, text: str, label: str, *, one_line: bool, max_length: int) -> bool:
        """Control and direction characters (a YAML escape such as "\\u202e" brings them in), and length."""
        if len(text) > max_length:
            self.report(node, f"{label} is {len(text):,} characters long; at most {max_length:,} are allowed",
                        "shorten it" + (" or move detail to the summary" if one_line else ""))
            return True
        found = characters.first_forbidden(text, tab_ok=not one_line)
        if found is not None:
            self.report(node, f"{label} holds the invisible character {characters.describe(found.group())}",
                        characters.hint(found.group()))
            return True
        return False


# One check per schema type: the node's plain value, or INVALID with the problem reported -------------------

@singledispatch
def check(kind: s.FieldType, checker: Checker, node: yaml.Node, label: str):
    # A schema bug, not a content mistake: stop rather than let the value through unchecked.
    raise TypeError(f"validation has no check for {type(kind).__name__}: {kind!r}")


class _Dispatched(dict):
    """check.dispatch(type) in a plain dict: singledispatch's own cache is a WeakKeyDictionary, whose lookup
    made validating 20,000 files several percent slower than an isinstance chain."""

    def __missing__(self, kind_type: type):
        found = self[kind_type] = check.dispatch(kind_type)
        return found


_CHECKS = _Dispatched()


@check.register
def _(kind: s.Record, checker: Checker, node: yaml.Node, label: str):
    return checker.record(node, kind, label, path=label) or INVALID


@check.register
def _(kind: s.ListOf, checker: Checker, node: yaml.Node, label: str):
    if isinstance(node, yaml.ScalarNode) and kind.single_ok:
        items = [node]
    elif not isinstance(node, yaml.SequenceNode):
        return checker.report(node, f"{label} must be a list (lines starting with '- '), not {kind_of(node)}")
    else:
        items = node.value
    if len(items) < kind.min_items:
        return checker.report(node, f"{label} needs at least {kind.min_items} item(s)")
    values = []
    for number, item in enumerate(items, 1):  # counted as editors count: sources[1] is the first source
        item_label = f"{label}[{number}]" if isinstance(node, yaml.SequenceNode) else label
        if _is_null(item):
            checker.report(item, f"{item_label} is an empty item", "remove the lone '-', or fill it in")
            continue
        if _is_blank(item):
            checker.report(item, f"{item_label} is empty", "fill it in, or remove the item")
            continue
        value = checker.value(item, kind.item, item_label)
        if value is not INVALID:
            values.append(value)
    return values


@check.register
def _(kind: s.Text, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value.strip()
    if not text:
        return checker.report(node, f"{label} is empty")
    if kind.one_line and "\n" in text:
        return checker.report(node, f"{label} must be one line", "shorten it or move detail to the summary")
    if checker.bad_text(node, text, label, one_line=kind.one_line, max_length=kind.max_length):
        return INVALID
    if kind.markdown:
        too_hard = markdown_too_hard(text)
        if too_hard:
            return checker.report(node, f"{label} {too_hard[0]}", "simplify it")
        stalls = (checker.known.get("trials") or SHARED_TRIALS).problem(FIELD, text)
        if stalls:
            return checker.report(node, f"{label} {stalls}", "simplify it")
        for match in MARKDOWN_LINK.finditer(text):
            target = match.group(1) or match.group(2) or match.group(3)
            if not target.startswith("#") and not is_safe_url(target):
                checker.report(node, f"{label} links to '{characters.quote(target)}'", "only http(s) and mailto links are allowed")
    return text


@check.register
def _(kind: s.Slug, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value
    if not SLUG.match(text):
        return checker.report(node, f"{label} '{characters.quote(text)}' is not a slug",
                              "use lowercase letters, digits and hyphens, e.g. hama-offensive")
    return text


@check.register
def _(kind: s.DateValue, checker: Checker, node: yaml.ScalarNode, label: str):
    try:
        value = parse_date(node.value, time_required=kind.time_required)
    except DateError as error:
        return checker.report(node, f"{label}: {error.message}", error.hint)
    if checker.latest is not None and not kind.bound and value.first_day() > checker.latest:
        checker.warn(node, f"{label} {value.iso()} is in the future",
                     "check the year and the month; a record says what has happened")
    return value


@check.register
def _(kind: s.Boolean, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value
    if node.tag == _BOOL and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return checker.report(node, f"{label} must be true or false, not '{characters.quote(text)}'")


@check.register
def _(kind: s.Integer, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value
    if node.tag != _INT or not re.fullmatch(r"-?[0-9]+", text):
        return checker.report(node, f"{label} must be a whole number, not '{characters.quote(text)}'",
                              "write digits only, e.g. 12")
    if len(text.lstrip("-0")) > MAX_DIGITS:  # Python refuses to read past 4,300 digits; no count is that big
        return checker.report(node, f"{label} has {len(text.lstrip('-0')):,} digits",
                              f"write a number of at most {MAX_DIGITS} digits")
    number = int(text)
    if number < kind.minimum:
        return checker.report(node, f"{label} must be at least {kind.minimum}, not {number}")
    return number


@check.register
def _(kind: s.Number, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value
    if node.tag not in (_INT, _FLOAT):
        return checker.report(node, f"{label} must be a number, not '{characters.quote(text)}'", "e.g. 36.2021")
    try:
        number = float(text.replace("_", ""))
    except ValueError:
        return checker.report(node, f"{label} must be a decimal number, not '{characters.quote(text)}'", "e.g. 36.2021")
    if not kind.minimum <= number <= kind.maximum:
        return checker.report(node, f"{label} {text} is out of range",
                              f"it runs from {kind.minimum:g} to {kind.maximum:g}")
    return number


@check.register
def _(kind: s.Choice, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value
    if text not in kind.values:
        if kind.meanings:
            hint = "use one of: " + "; ".join(f"{value} ({kind.meanings[value]})" for value in kind.values)
        else:
            hint = suggest(text, kind.values) or f"use one of: {', '.join(kind.values)}"
        return checker.report(node, f"{label} '{characters.quote(text)}' is not allowed", hint)
    return text


@check.register
def _(kind: s.ThemeFile, checker: Checker, node: yaml.ScalarNode, label: str):
    """A template or icon the theme has: a missing one would stop the build after MkDocs emptied site/."""
    name = node.value.strip()
    stem = name[: -len(kind.suffix)] if kind.folder == "" and name.endswith(kind.suffix) else name
    example = "main.html" if kind.folder == "" else "material/map"
    # A name no file system holds (over 255 bytes a part) would make is_file() raise, not answer.
    if not _THEME_NAME.match(stem) or (kind.folder == "" and stem == name) or len(name.encode()) > 200:
        return checker.report(node, f"{label} '{characters.quote(name)}' is not a name of the theme's", f"e.g. {example}")
    dirs = checker.known.get("theme_dirs")
    if kind.folder == "" and dirs is not None:
        allowed = page_templates(dirs)  # only pages that name one: read afresh, a new template counts
        if name not in allowed:
            return checker.report(node, f"{label} '{characters.quote(name)}' is not one of the theme's page "
                                        "templates", f"use one of: {', '.join(sorted(allowed))} (partials and "
                                                     "the plugin's own templates cannot render a page)")
        return name
    relative = f"{kind.folder}/{name}{kind.suffix}" if kind.folder else name
    if dirs is not None and not any((d / relative).is_file() for d in dirs):
        where = "templates" if kind.folder == "" else "icons"
        return checker.report(node, f"{label} '{characters.quote(name)}' is not one of the theme's {where}",
                              f"check the spelling, e.g. {example}")
    return name


@check.register
def _(kind: s.Url, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value
    if re.search(r"\s", text.strip()):
        return checker.report(node, f"{label} '{characters.quote(text)}' has a space in it",
                              "a web address has no spaces: copy it again from the browser's address bar")
    if url_scheme(text.strip()) not in ("http", "https") or not is_safe_url(text):
        return checker.report(node, f"{label} '{characters.quote(text)}' is not a web address",
                              "only http:// and https:// links are allowed")
    canonical = canonical_url(text.strip())
    if canonical is None:
        return checker.report(node, f"{label} '{characters.quote(text)}' is not a web address a page can link",
                              "copy it again from the browser's address bar (no user name or password before "
                              "the host)")
    return canonical  # as pages, feeds and data files print it: what a URL may not hold, percent-encoded


@check.register
def _(kind: s.Digest, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value.strip()
    if not re.fullmatch(f"[0-9a-fA-F]{{{kind.length}}}", text):
        return checker.report(node, f"{label} is not a {kind.algorithm.upper()} checksum",
                              f"{kind.length} hexadecimal digits, as `{kind.algorithm}sum FILE` prints them")
    return text.lower()


@check.register
def _(kind: s.Reference, checker: Checker, node: yaml.ScalarNode, label: str):
    ident = node.value.strip()
    ids = checker.known.get(kind.registry)
    if ids is None or ident in ids:
        return ident
    where = {"actors": "content/actors.yml", "places": "content/places.yml", "events": "content/events/"}
    hint = suggest(ident, ids) or f"add it to {where[kind.registry]} or fix the id"
    return checker.report(node, f"{label} '{characters.quote(ident)}' is not in {where[kind.registry]}", hint)


@check.register
def _(kind: s.Attribution, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value.strip()
    if checker.bad_text(node, text, label, one_line=True, max_length=s.Text().max_length):
        return INVALID
    actors = checker.known.get("actors")
    if actors is not None and SLUG.match(text) and text not in actors:
        hint = suggest(text, actors)
        hint = f"{hint} " if hint else ""
        return checker.report(node, f"{label} '{characters.quote(text)}' is not an actor id in content/actors.yml",
                              f"{hint}(for a free-text attribution write it as words, e.g. Syrian military)")
    return text


@check.register
def _(kind: s.CountryCode, checker: Checker, node: yaml.ScalarNode, label: str):
    text = node.value
    if not _COUNTRY.match(text):
        return checker.report(node, f"{label} '{characters.quote(text)}' is not an ISO 3166-1 alpha-2 code",
                              "two capital letters, e.g. SY")
    return text


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL and node.style is None


def _is_blank(node: yaml.Node) -> bool:
    """Nothing written (`title:`), or only quotes (`title: ""`, what `explainers new` leaves to fill in)."""
    return isinstance(node, yaml.ScalarNode) and (_is_null(node) or (node.tag in _STANDARD_TAGS
                                                                      and not node.value.strip()))


def _cross_checks(checker: Checker, record: s.Record, values: dict, lines: dict, node: yaml.MappingNode,
                  what: str) -> None:
    """Rules that involve two fields of one record."""

    def problem(key: str, message: str, hint: str = "") -> None:
        checker.problems.append(Problem(checker.path, lines.get(key, checker.line(node)), message, hint))

    if record is s.EVENT:
        start, end = values.get("date"), values.get("end")
        if isinstance(start, PartialDate) and isinstance(end, PartialDate) and end.last_day() < start.first_day():
            problem("end", f"'end' ({end.iso()}) is before 'date' ({start.iso()})", "swap them or fix one")
        kind, subtype = values.get("type"), values.get("subtype")
        if subtype and not kind:
            problem("subtype", "'subtype' needs a 'type'", "add the ACLED type it belongs to")
        elif subtype and subtype not in s.SUBTYPES.get(kind, {}):
            allowed = ", ".join(s.SUBTYPES.get(kind, {})) or "none"
            problem("subtype", f"subtype '{subtype}' does not belong to type '{kind}'", f"for {kind} use: {allowed}")
    if record is s.FATALITIES:
        best, low, high = values.get("best"), values.get("low"), values.get("high")
        if isinstance(best, int):
            if isinstance(low, int) and low > best:
                problem("low", f"fatalities: low ({low}) is above best ({best})", "low <= best <= high")
            if isinstance(high, int) and high < best:
                problem("high", f"fatalities: high ({high}) is below best ({best})", "low <= best <= high")
    if record is s.EXPLAINER:
        published, updated = values.get("published"), values.get("updated")
        if isinstance(published, PartialDate) and isinstance(updated, PartialDate):
            if updated.instant() < published.instant():
                problem("updated", "'updated' is before 'published'", "check both date-times and their offsets")
        coverage_end = values.get("coverage_end")
        if coverage_end is not None and values.get("live") is not True:
            problem("coverage_end", "'coverage_end' is set but the page is not live",
                    "add live: true, or remove coverage_end")
        if isinstance(published, PartialDate) and isinstance(coverage_end, PartialDate):
            if coverage_end.instant() < published.instant():
                problem("coverage_end", "'coverage_end' is before 'published'", "check both date-times and their offsets")
    if record is s.CLAIM and isinstance(values.get("history"), list):
        # Each item is a status that the next one (or the current status) replaced: they follow in time, and a
        # change is a change.
        states = [item for item in values["history"] if isinstance(item, dict)]
        for number, (earlier, later) in enumerate(zip(states, states[1:]), 2):
            if isinstance(earlier.get("at"), PartialDate) and isinstance(later.get("at"), PartialDate) \
                    and later["at"].instant() < earlier["at"].instant():
                problem("history", f"{what}.history[{number}] is earlier than history[{number - 1}]",
                        "list the earlier statuses oldest first")
        following = [item.get("status") for item in states[1:]] + [values.get("status")]
        for number, (item, after) in enumerate(zip(states, following), 1):
            if item.get("status") and item.get("status") == after:
                problem("history", f"{what}.history[{number}] has status '{after}', the same as the status after it",
                        "history lists statuses the claim changed from; remove the item or fix its status")
    if record is s.SELECTOR:
        # Judged on what was written: `tags: [Bad]` is one problem (the tag), not also an empty selector.
        if not any(not _is_blank(value) and not (isinstance(value, yaml.SequenceNode) and not value.value)
                   for _, value in node.value):
            tags = sorted(checker.known.get("tags") or ())
            example = f"tags: [{tags[0]}]" if tags else "tags: [hama-offensive]"
            problem("", f"{what} is empty, so it would show every event, background included",
                    f"say which events it shows, e.g. {example}")
        start, end = values.get("from"), values.get("to")
        if isinstance(start, PartialDate) and isinstance(end, PartialDate) and end.last_day() < start.first_day():
            problem("to", "'to' is before 'from', so nothing can match", "swap them")
