"""Events as CSV in ACLED's column order and conventions, so ACLED-based tools and our importer read it.

Spreadsheets run a cell as a formula when it starts with = + - or @, or with a tab or carriage return:
"CSV injection" (OWASP). Every text cell that would is written with a leading single quote, which makes
spreadsheets show it as text, and so is every piece after a ';' (see `escape_text`); the importer removes those
quotes again (`unescape_text` is the exact inverse). Numeric columns stay numbers: -12.5 is written -12.5.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from .. import schema as s
from ..model import Content, Event
from . import countries
from .encoding import unix

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp", "retracted")
# `retracted`, ours, after ACLED's columns (which tools read by name): when the event was withdrawn, or empty.

DISORDER = {"battle": "Political violence", "explosion": "Political violence",
            "violence-against-civilians": "Political violence", "protest": "Demonstrations",
            "riot": "Demonstrations", "strategic-development": "Strategic developments"}
ACLED_ACTOR_TYPES = ("state-forces", "rebel-group", "political-militia", "identity-militia", "rioters",
                     "protesters", "civilians", "external-forces")

# Columns that hold numbers (or an ISO date) we make ourselves: left as they are when they look like one.
NUMERIC = frozenset(("event_date", "year", "time_precision", "iso", "latitude", "longitude", "geo_precision",
                     "fatalities", "timestamp"))
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}")
# OWASP's first characters (= + - @ tab CR; NUL as ASVS adds), also after leading spaces or a double quote
# (which a spreadsheet may take for the start of a quoted cell). The optional quotes in front make escaping
# reversible: text that already starts with "'=" gets one more, so the importer always removes exactly one.
_FORMULA = re.compile(r"'*(?:[\t\r\0]|[\s\"]*[=+\-@])")


def _escape_piece(piece: str) -> str:
    return "'" + piece if _FORMULA.match(piece) else piece


def _unescape_piece(piece: str) -> str:
    return piece[1:] if piece.startswith("'") and _FORMULA.match(piece[1:]) else piece


def escape_text(value: str) -> str:
    """A text cell as spreadsheets must read it: a ' before it when it would otherwise start a formula, and
    after every ';' that something would follow: many locales' spreadsheets split cells on ';' (their list
    separator) when they open a CSV file, and each piece is then a cell of its own."""
    return ";".join(_escape_piece(piece) for piece in value.split(";"))


def unescape_text(value: str) -> str:
    """The text escape_text was given (its exact inverse)."""
    return ";".join(_unescape_piece(piece) for piece in value.split(";"))


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would run this cell as a formula (it does not start with a ')."""
    return _FORMULA.match(value) is not None and not value.startswith("'")


def safe_cells(record: dict) -> dict:
    """The record with every text cell escaped; numbers as they are."""
    return {column: value if column in NUMERIC and _NUMBER.fullmatch(str(value)) else escape_text(str(value))
            for column, value in record.items()}


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
        "geo_precision": place.precision if place and place.lat is not None else "",
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": " ".join((event.summary or event.title).split()),
        "fatalities": fatalities,
        "tags": "; ".join(event.tags),
        "timestamp": unix(event.retracted.at if event.retracted else event.updated or event.date),
        "retracted": event.retracted.at.iso() if event.retracted else "",
    }


def line(content: Content, event: Event) -> str:
    """The event's CSV record, CRLF-terminated (RFC 4180), every text cell safe to open in a spreadsheet."""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n").writerow(safe_cells(row(content, event)))
    return buffer.getvalue()


HEADER = ",".join(COLUMNS) + "\r\n"


def to_csv(content: Content, events: list[Event], line_of=None) -> str:
    """line_of(event) -> its record, for a caller that keeps them across explainers; by default made here."""
    line_of = line_of or (lambda event: line(content, event))
    return HEADER + "".join(line_of(event) for event in events)
