"""Events as CSV in ACLED's column order and conventions, so ACLED-based tools and our importer read it.

Spreadsheets run a cell as a formula when it starts with = + - or @ (or a tab or carriage return before one):
"CSV injection" (OWASP). Every text cell that would is written with a leading single quote, which makes
spreadsheets show it as text; the importer removes that quote again (`escape_text`/`unescape_text` are each
other's inverse). Numeric columns stay numbers: a longitude of -12.5 is written -12.5.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from .. import schema as s
from ..model import Content, Event
from . import countries
from .site import unix

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")

DISORDER = {"battle": "Political violence", "explosion": "Political violence",
            "violence-against-civilians": "Political violence", "protest": "Demonstrations",
            "riot": "Demonstrations", "strategic-development": "Strategic developments"}
ACLED_ACTOR_TYPES = ("state-forces", "rebel-group", "political-militia", "identity-militia", "rioters",
                     "protesters", "civilians", "external-forces")

# Columns that hold numbers (or an ISO date) we make ourselves: left as they are when they look like one.
NUMERIC = frozenset(("event_date", "year", "time_precision", "iso", "latitude", "longitude", "geo_precision",
                     "fatalities", "timestamp"))
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Columns holding a '; '-separated list of names: each name is escaped on its own, because a spreadsheet that
# splits cells on ';' (the list separator in many locales) sees every name as a cell of its own.
LISTS = frozenset(("assoc_actor_1", "assoc_actor_2", "source", "tags"))
# OWASP's first characters (= + - @ tab CR; NUL as ASVS adds), also after leading spaces. The optional quotes
# in front make escaping reversible: text that already starts with "'=" gets one more quote, so the importer
# can always remove exactly one.
_FORMULA = re.compile(r"'*(?:[\t\r\0]|\s*[=+\-@])")
# A ';' or tab followed by a formula start inside a free-text cell: a spreadsheet splitting on either would
# make a formula cell of what follows, so such a cell is always quoted (quotes keep it one cell).
_INNER_FORMULA = re.compile(r"[;\t]\s*[=+\-@]")


def escape_text(value: str) -> str:
    """A text cell as spreadsheets must read it: with a leading ' when it would otherwise be a formula."""
    return "'" + value if _FORMULA.match(value) else value


def unescape_text(value: str) -> tuple[str, bool]:
    """(the text escape_text was given, whether a quote was removed)."""
    if value.startswith("'") and _FORMULA.match(value[1:]):
        return value[1:], True
    return value, False


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would run this cell as a formula."""
    return _FORMULA.match(value) is not None and not value.startswith("'")


def _escape_list(text: str) -> str:
    """Each ';'-separated piece escaped on its own; the quote goes after the spaces that follow a ';'."""
    pieces = []
    for piece in text.split(";"):
        rest = piece.lstrip(" ")
        pieces.append(piece[:len(piece) - len(rest)] + escape_text(rest) if rest else piece)
    return ";".join(pieces)


def _safe_cells(record: dict) -> tuple[dict, bool]:
    """(the record with every text cell escaped, whether its text cells must be quoted whatever they hold)."""
    out, force = {}, False
    for column, value in record.items():
        text = str(value)
        if column in NUMERIC and (text == "" or _NUMBER.fullmatch(text)):
            out[column] = value
            continue
        out[column] = text = _escape_list(text) if column in LISTS else escape_text(text)
        force = force or _INNER_FORMULA.search(text) is not None
    return out, force


def event_date(event: Event) -> tuple[str, int]:
    """(the day ACLED would record, time_precision): 1 exact day; 2 about a week (midpoint); 3 month only."""
    date = event.date
    if event.end is not None:
        first, last = date.first_day(), event.end.last_day()
        middle = first + timedelta(days=(last - first).days // 2)
        return middle.isoformat(), 2 if (last - first).days <= 7 else 3
    if date.day is None:
        first, last = date.first_day(), date.last_day()
        return (first + timedelta(days=(last - first).days // 2)).isoformat(), 3
    return date.first_day().isoformat(), 2 if event.approximate else 1


def event_id_cnty(event: Event) -> str:
    ident = event.id
    head = ident.split("-", 1)[0]
    # Ids the importer made from ACLED's (SYR12345 -> syr12345) go back in ACLED's own spelling.
    if head == ident and head[:3].isalpha() and head[3:].isdigit():
        return ident.upper()
    return ident


def row(content: Content, event: Event) -> dict:
    actors = [content.actors[a] for a in event.actors if a in content.actors]
    place = content.places.get(event.place) if event.place else None
    day, precision = event_date(event)
    kinds = [s.ACTOR_KINDS[a.kind] if a.kind in ACLED_ACTOR_TYPES else "" for a in actors[:2]]
    inter1, inter2 = (kinds + ["", ""])[:2]
    interaction = "-".join(k for k in (inter1, inter2) if k)
    if inter1 and not inter2:
        interaction = f"{inter1} only"
    acled_type = event.type if event.type in DISORDER else None
    publishers = list(dict.fromkeys(src.publisher or src.title for src in event.sources))
    fatalities = 0
    if event.fatalities:
        fatalities = event.fatalities.low if event.fatalities.low is not None else event.fatalities.best
    targeted = event.type == "violence-against-civilians" or any(a.kind == "civilians" for a in actors[1:2])
    return {
        "event_id_cnty": event_id_cnty(event),
        "event_date": day,
        "year": day[:4],
        "time_precision": precision,
        "disorder_type": DISORDER.get(acled_type, ""),
        "event_type": s.EVENT_TYPES[acled_type] if acled_type else "",
        "sub_event_type": s.SUBTYPES[acled_type].get(event.subtype, "") if acled_type else "",
        "actor1": actors[0].name if actors else "",
        "assoc_actor_1": "; ".join(a.name for a in actors[2:]),
        "inter1": inter1,
        "actor2": actors[1].name if len(actors) > 1 else "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilians targeted" if targeted else "",
        "iso": countries.numeric(place.country) or "" if place else "",
        "region": countries.region(place.country) or "" if place else "",
        "country": countries.name(place.country) or place.country if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
        "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
        "geo_precision": 1 if place and place.lat is not None else "",
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": " ".join((event.summary or event.title).split()),
        "fatalities": fatalities,
        "tags": "; ".join(event.tags),
        "timestamp": unix(event.updated or event.date),
    }


def line(content: Content, event: Event) -> str:
    """The event's CSV record, CRLF-terminated (RFC 4180), every text cell safe to open in a spreadsheet."""
    cells, force = _safe_cells(row(content, event))
    buffer = io.StringIO()
    if not force:
        csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n").writerow(cells)
        return buffer.getvalue()
    return ",".join(str(cells[c]) if c in NUMERIC and _NUMBER.fullmatch(str(cells[c])) else _quoted(str(cells[c]))
                    for c in COLUMNS) + "\r\n"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if text else ""


HEADER = ",".join(COLUMNS) + "\r\n"


def to_csv(content: Content, events: list[Event], line_of=None) -> str:
    """line_of(event) -> its record, for a caller that keeps them across explainers; by default made here."""
    line_of = line_of or (lambda event: line(content, event))
    return HEADER + "".join(line_of(event) for event in events)
