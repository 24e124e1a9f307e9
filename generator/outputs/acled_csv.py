"""Events as CSV in ACLED's column order and conventions, so ACLED-based tools and our importer read it.

Every row holds values ACLED's codebook allows (`row`): the project's types and statements mapped onto ACLED's
event and sub-event types, the interaction with the lower actor code first, a timestamp not before the event's
date, a geo_precision always; what the importer kept of ACLED's row (an event's `acled:` block) is written back.

Spreadsheets run a cell as a formula when it starts with = + - or @ (or a look-alike: '＝', '﹦', or one after an
invisible character), or with a tab or carriage return: "CSV injection" (OWASP). Every text cell that would is written with a leading single quote, which makes
spreadsheets show it as text, and so is every piece after a ';' (see `escape_text`); the importer removes those
quotes again (`unescape_text` is the exact inverse). Numeric columns stay numbers: -12.5 is written -12.5.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import datetime, timedelta, timezone

from ..format import countries
from ..format import schema as s
from .encoding import unix
from ..records.model import Acled, Actor, Content, Event

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp", "retracted")
# `retracted`, ours, after ACLED's columns (which tools read by name): when the event was withdrawn, or empty.

# ACLED's actor types by kind, in the order of their codes (1 State forces ... 8 External/Other forces).
INTER = {kind: s.ACTOR_KINDS[kind] for kind in s.ACLED_ACTOR_TYPES}
CIVILIAN_TARGETING = "Civilian targeting"  # the codebook's one value; empty otherwise
OWN_SOURCE_SCALE = "Other"  # the desk's own events: their sources are not ACLED's scales


def acled_types(event: Event) -> tuple[str, str]:
    """(type, subtype) as ACLED would code them: a statement, or an event without a type, is Strategic
    developments / Other; a type without a subtype gets its broadest (schema.DEFAULT_SUBTYPES)."""
    if event.type in s.DEFAULT_SUBTYPES:
        subtype = event.subtype if event.subtype in s.SUBTYPES[event.type] else s.DEFAULT_SUBTYPES[event.type]
        return event.type, subtype
    return "strategic-development", "other"


def disorder_type(kind: str, subtype: str) -> str:
    """ACLED's disorder type of a sub-event type (its codebook's table of event categories)."""
    if kind == "strategic-development":
        return "Strategic developments"
    if subtype == "excessive-force-against-protesters":
        return "Political violence; Demonstrations"
    if kind == "protest" or subtype == "violent-demonstration":
        return "Demonstrations"
    return "Political violence"  # battles, explosions, violence against civilians, mob violence


def interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction: the two actor types, the lower code first; one alone is "<type> only"."""
    codes = sorted((list(INTER.values()).index(i), i) for i in (inter1, inter2) if i)
    if not codes:
        return ""
    return f"{codes[0][1]} only" if len(codes) == 1 else f"{codes[0][1]}-{codes[1][1]}"


# Columns that hold numbers (or an ISO date) we make ourselves: left as they are when they look like one.
NUMERIC = frozenset(("event_date", "year", "time_precision", "iso", "latitude", "longitude", "geo_precision",
                     "fatalities", "timestamp"))
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}")
# OWASP's first characters (= + - @ tab CR; NUL as ASVS adds), also after leading spaces or a double quote
# (which a spreadsheet may take for the start of a quoted cell). The optional quotes in front make escaping
# reversible: text that already starts with "'=" gets one more, so the importer always removes exactly one.
_FORMULA = re.compile(r"'*(?:[\t\r\0]|[\s\"]*[=+\-@])")
# Characters a reader does not see, before a formula: zero-width spaces and joiners, word joiner and invisible
# operators, soft hyphen, byte order mark. Spreadsheets may drop them, and fold look-alikes ('＝' full-width,
# '﹦' small) into '=' (NFKC), and then run the cell.
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


def _folded(piece: str) -> str:
    """The piece as a spreadsheet may read it: look-alikes folded (NFKC), invisible characters gone."""
    if piece.isascii():
        return piece
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", piece))


def _runs(piece: str) -> bool:
    return _FORMULA.match(_folded(piece)) is not None


def _escape_piece(piece: str) -> str:
    return "'" + piece if _runs(piece) else piece


def _unescape_piece(piece: str) -> str:
    return piece[1:] if piece.startswith("'") and _runs(piece[1:]) else piece


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
    return _runs(value) and not value.startswith("'")


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


def _inter(actor: Actor | None) -> str:
    """An actor's ACLED type: its kind, or External/Other forces for a person or an organization (ACLED's
    "other" actors)."""
    if actor is None:
        return ""
    return INTER.get(actor.kind, INTER["external-forces"])


def _timestamp(event: Event, day: str) -> int:
    """When the row last changed: ACLED's own timestamp, an editorial update or a retraction, whichever is
    latest, and never before the event's own day (a month's midpoint for a month-only date)."""
    own = event.acled.timestamp if event.acled and event.acled.timestamp else event.date
    changes = (own, event.updated, event.retracted.at if event.retracted else None)
    first = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    return max([unix(moment) for moment in changes if moment] + [int(first.timestamp())])


def row(content: Content, event: Event) -> dict:
    """The event as a row of ACLED's codebook: its `acled:` block where the importer kept ACLED's own values,
    the record's fields mapped onto ACLED's otherwise."""
    acled = event.acled or Acled()
    actors = content.actors
    if acled.actor1 or acled.actor2:
        first, second = actors.get(acled.actor1), actors.get(acled.actor2)
        with_first = [actors[a] for a in acled.assoc_actor_1 if a in actors]
        with_second = [actors[a] for a in acled.assoc_actor_2 if a in actors]
    else:
        listed = [actors[a] for a in event.actors if a in actors]
        first, second = (listed + [None, None])[:2]
        with_first, with_second = listed[2:], []
    inter1 = INTER.get(acled.inter1) if acled.inter1 and first else _inter(first)
    inter2 = INTER.get(acled.inter2) if acled.inter2 and second else _inter(second)
    place = content.places.get(event.place) if event.place else None
    day, precision = event_date(event)
    if acled.event_date is not None:
        day = acled.event_date.first_day().isoformat()
    kind, subtype = acled_types(event)
    publishers = list(dict.fromkeys(src.publisher or src.title for src in event.sources))
    fatalities = 0
    if event.fatalities:
        fatalities = event.fatalities.low if event.fatalities.low is not None else event.fatalities.best
    targeted = acled.civilian_targeting if event.acled else (
        event.type == "violence-against-civilians" or (second is not None and second.kind == "civilians"))
    notes = " ".join((event.summary or event.title).split())
    geo_precision = acled.geo_precision or (place.precision if place else 3)
    return {
        "event_id_cnty": event_id_cnty(event),
        "event_date": day,
        "year": day[:4],
        "time_precision": precision,
        "disorder_type": acled.disorder_type or disorder_type(kind, subtype),
        "event_type": s.EVENT_TYPES[kind],
        "sub_event_type": s.SUBTYPES[kind][subtype],
        "actor1": first.name if first else "",
        "assoc_actor_1": "; ".join(a.name for a in with_first),
        "inter1": inter1,
        "actor2": second.name if second else "",
        "assoc_actor_2": "; ".join(a.name for a in with_second),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": CIVILIAN_TARGETING if targeted else "",
        "iso": countries.numeric(place.country) if place and countries.numeric(place.country) is not None else "",
        "region": countries.region(place.country) or "" if place else "",
        "country": countries.name(place.country) or place.country if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": (place.admin3 or "") if place else "",
        "location": place.name if place else "",
        "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
        "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
        "geo_precision": geo_precision,
        "source": "; ".join(publishers),
        "source_scale": acled.source_scale or OWN_SOURCE_SCALE,
        "notes": f"{notes} {acled.annotations}" if acled.annotations else notes,
        "fatalities": fatalities,
        "tags": acled.tags or "",
        "timestamp": _timestamp(event, day),
        "retracted": event.retracted.at.iso() if event.retracted else "",
    }


def line(content: Content, event: Event) -> str:
    """The event's CSV record, CRLF-terminated (RFC 4180), every text cell safe to open in a spreadsheet."""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n").writerow(safe_cells(row(content, event)))
    return buffer.getvalue()


HEADER = ",".join(COLUMNS) + "\r\n"


def to_csv(content: Content, events: list[Event], line_of=None) -> str:
    """line_of(event) -> its record, for a caller that keeps them across explainers; by default made here.
    An event without a place is left out: ACLED has no row without a location (the GeoJSON and the feeds
    have it)."""
    line_of = line_of or (lambda event: line(content, event))
    return HEADER + "".join(line_of(event) for event in events if event.place in content.places)
