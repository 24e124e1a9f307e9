"""What a page reads while it is made, recorded as it is read, so that a rebuild can tell which pages the
content it changed is on (engines/mkdocs/incremental.py).

A read is a key and the value it gave: `("events", id)` → the record's digest (None when there is none),
`("actors"|"places"|"tags"|"explainers", id)` → the entry's digest, `("events",)` → the ids in order (the
mapping walked whole), `("select", selector)` → the ids a selector chose, `("named", id)` → the registry entries
an event names, `("count", selector)` → how many it puts on a timeline, `("event_path", id)` → where the event's card is, `("versions", src_uri)`, `("ended", src_uri)`,
`("shown", id)`: the site's facts. Keys and
values are plain (strings, numbers, tuples), the same in any process: a cache can keep them between runs.

The pages read the records through `Recorded` (the Content with its mappings recording) and the site's facts
through `Site`'s accessors, which note what they answer; `current` answers a key again from the current
content through the same accessors, so a reading and its re-reading cannot disagree. A fragment reused across
pages (an event's card) carries the reads it was made from onto every page that shows it (`fragment`,
`replay`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import re
from collections.abc import Mapping
from contextlib import contextmanager

from ..format.schema import SLUG_PATTERN
from ..records.dates import PartialDate
from ..records.model import Selector

RECORDS = ("events", "actors", "places", "tags", "explainers")  # Content's mappings of records
_NO_READS: dict = {}  # shared by the fragments made from their key alone (never written to)
REGISTRIES = ("actors", "places", "tags")
_ID = re.compile(SLUG_PATTERN)
_BACKGROUND = operator.attrgetter("background")  # mapped in C


def digest(value, shared: dict | None = None) -> str | None:
    """A record's (or any value's) digest: the same for equal values in any process; None for None. A record
    (a frozen dataclass with an id or src_uri) keeps its digest: unchanged records are the same objects from
    build to build while serving. `shared`: named tuples written out once (by identity) for as long as the
    caller keeps the dict and the values alive, e.g. the event lines every list page of a build shares."""
    if value is None:
        return None
    cached = getattr(value, "__dict__", None)
    if cached is not None:
        found = cached.get("_digest")
        if found is not None:
            return found
    pieces = _fields(value, []) if dataclasses.is_dataclass(value) else _canon(value, [], shared)
    found = hashlib.blake2b("\x1e".join(pieces).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    if cached is not None and ("id" in cached or "src_uri" in cached):
        object.__setattr__(value, "_digest", found)  # not a field: equality and replace() ignore it
    return found


def _canon(value, out: list, shared: dict | None = None) -> list:
    """The value as text pieces, with its types: equal pieces exactly when the values are equal."""
    kind = type(value)
    if kind is str:
        out.append("s" + value)
    elif kind in (int, float, bool) or value is None:
        out.append(f"{kind.__name__}:{value!r}")
    elif isinstance(value, str):  # Localized (its translations), Markup
        out.append("S" + str(value))
        _canon(getattr(value, "translations", None), out)
    elif isinstance(value, (tuple, list)):
        if shared is not None and hasattr(kind, "_fields"):  # a named tuple: a Line, a Part
            found = shared.get(id(value))
            if found is None or found[0] is not value:
                found = shared[id(value)] = (value, "\x1e".join(_canon(tuple(value), [f"{kind.__name__}"], shared)))
            out.append(found[1])
            return out
        out.append(f"({len(value)}")
        for item in value:
            _canon(item, out, shared)
        out.append(")")
    elif isinstance(value, dict):
        out.append(f"{{{len(value)}")
        for key, item in value.items():
            _canon(key, out, shared)
            _canon(item, out, shared)
        out.append("}")
    elif isinstance(value, (set, frozenset)):
        out.append(f"[{len(value)}")
        for item in sorted(value, key=repr):
            _canon(item, out)
        out.append("]")
    elif dataclasses.is_dataclass(value):
        own = getattr(value, "__dict__", {})
        if "id" in own or "src_uri" in own:  # a record: its own digest, kept on it
            out.append(f"<{kind.__name__}:{digest(value)}>")
        elif isinstance(value, PartialDate):  # the same dates recur in every list: each written out once
            pieces = own.get("_pieces")
            if pieces is None:
                pieces = "\x1e".join(_fields(value, []))
                object.__setattr__(value, "_pieces", pieces)
            out.append(pieces)
        else:
            _fields(value, out)
    else:
        out.append(f"{kind.__name__}:{value!r}")
    return out


def _fields(value, out: list) -> list:
    out.append(f"<{type(value).__name__}")
    for item in dataclasses.fields(value):
        _canon(getattr(value, item.name), out)
    out.append(">")
    return out


def selector_key(selector: Selector) -> tuple:
    """A Selector as plain values, and back (`_selector`)."""
    return (selector.tags, selector.actors, selector.places, selector.ids, _date_key(selector.start),
            _date_key(selector.end))


def _date_key(value: PartialDate | None) -> tuple | None:
    return None if value is None else dataclasses.astuple(value)


def _selector(key: tuple) -> Selector:
    tags, actors, places, ids, start, end = key
    return Selector(tags, actors, places, ids, PartialDate(*start) if start else None,
                    PartialDate(*end) if end else None)


class Recorder:
    """The reads of the pages made in one build: `pages[src_uri]` a dict key → value. Reads outside any page
    (the plan, the exports) are not recorded."""

    def __init__(self):
        self.pages: dict[str, dict] = {}
        self._frames: list[dict] = []
        # Fragments across builds: the previous builds' (key -> (html, reads)), reused when every read they were
        # made from answers the same now (`current`, the plan's re-reading): a save re-renders the cards it
        # changed, not every card of the pages that show them. `made`: this build's (the Renderer's).
        self.carried: dict = {}
        self.current: Current | None = None
        self.made: dict = {}
        self.carry = False  # whether a later build in this process may take what this one makes (serve's)

    def reuse(self, key):
        """The fragment a previous build made for `key`, if nothing it read has changed; None otherwise."""
        found = self.carried.get(key)
        if found is None or self.current is None or not self.current.unchanged(found[1]):
            return None
        return found

    def kept(self) -> dict:
        """The fragments the next build may reuse: this build's, and the earlier ones it did not need (each is
        checked against the content of the build that reuses it)."""
        return {**self.carried, **self.made}

    def memo(self, key, make, reads=None):
        """A fragment made once in a build and carried to the next while what it read answers the same.
        `reads()`: (key, value) pairs noted before `make()` runs, for what it reads other than through the
        recording accessors (the record it shows, the registry entries it names); None for a fragment its key
        says all of (a source's citation): no frame is kept for it (there are a hundred thousand at 5,000
        events)."""
        found = self.made.get(key) or self.reuse(key)
        if found is None and (reads is None or not (self.carry or self._frames)):
            # made from its key alone (a macro's), or for no page and no later build (an export's piece in
            # `mkdocs build`): no reads of its own to keep
            found = (make(), _NO_READS)
        elif found is None:
            with self.fragment() as frame:
                for read, value in reads():
                    self.note(read, value)
                found = (make(), frame)
        else:
            self.replay(found[1])  # the page that reuses it read what it was made from
        self.made[key] = found
        return found[0]

    def note(self, key: tuple, value) -> None:
        if self._frames:
            self._frames[-1][key] = value

    @property
    def recording(self) -> bool:
        return bool(self._frames)

    @contextmanager
    def page(self, src_uri: str):
        """Record what the page reads while it is made."""
        frame: dict = {}
        self._frames.append(frame)
        try:
            yield frame
        finally:
            self._frames.pop()
            self.pages[src_uri] = frame

    @contextmanager
    def fragment(self):
        """Record what a fragment reads, to be replayed on every page that reuses it; the page it is made for
        gets the reads too."""
        frame: dict = {}
        self._frames.append(frame)
        try:
            yield frame
        finally:
            self._frames.pop()
            self.replay(frame)

    def replay(self, reads: dict) -> None:
        if self._frames and reads:
            self._frames[-1].update(reads)


class RecordedMap(Mapping):
    """One of Content's mappings of records, noting each entry read (or missed) by its digest."""

    def __init__(self, name: str, records: dict, recorder: Recorder):
        self.name, self.records, self.recorder = name, records, recorder

    def _read(self, key):
        value = self.records.get(key)
        if self.recorder._frames:
            self.recorder.note((self.name, key), digest(value))
        return value

    def __getitem__(self, key):
        value = self._read(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._read(key)
        return default if value is None else value

    def __contains__(self, key) -> bool:
        return self._read(key) is not None

    def __iter__(self):
        if self.recorder._frames:
            self.recorder.note((self.name,), tuple(self.records))
        return iter(self.records)

    def __len__(self) -> int:
        if self.recorder._frames:
            self.recorder.note((self.name,), tuple(self.records))
        return len(self.records)

    def values(self):
        return [self[key] for key in self]

    def items(self):
        return [(key, self[key]) for key in self]


class Recorded:
    """The Content as pages read it: its mappings of records recording each read; everything else as is."""

    def __init__(self, content, recorder: Recorder):
        self._content = content
        for name in RECORDS:
            setattr(self, name, RecordedMap(name, getattr(content, name), recorder))

    def __getattr__(self, name):
        return getattr(self._content, name)


def timeline_count(index, selector: Selector) -> int:
    """How many of the events a selector chooses are on the timeline (not background)."""
    events = index.select(selector)
    return len(events) - sum(map(_BACKGROUND, events))


def named(content, event) -> tuple:
    """The registry entries an event's record names, in any field (`names`): each name's entry in each registry,
    by digest, None where there is none (an entry added later under that name changes it)."""
    registries = [getattr(content, name) for name in REGISTRIES]
    return tuple([digest(registry.get(name)) for name in names(event) for registry in registries])


def names(record) -> tuple[str, ...]:
    """Every id-like string anywhere in a record: the registry entries it may name, through any field, now or
    added later (an actor in a claim's `by`, in ACLED's block). Kept on the record."""
    found = record.__dict__.get("_names")
    if found is None:
        strings: set[str] = set()
        _strings(record, strings)
        found = tuple(sorted(strings))
        object.__setattr__(record, "_names", found)
    return found


def _strings(value, out: set) -> None:
    if isinstance(value, str):
        if len(value) <= 200 and _ID.match(value):
            out.add(str(value))
    elif isinstance(value, (tuple, list)):
        for item in value:
            _strings(item, out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, PartialDate):
        for item in dataclasses.fields(value):
            _strings(getattr(value, item.name), out)


def current(key: tuple, content, site):
    """What `key` reads from the current content and site: the value it would record now."""
    kind = key[0]
    if kind in RECORDS:
        records = getattr(content, kind)
        return tuple(records) if len(key) == 1 else digest(records.get(key[1]))
    if kind == "select":
        return site.index.ids(_selector(key[1]))
    if kind == "event_path":
        event = content.events.get(key[1])
        return None if event is None else site.event_path(event)
    if kind == "shown":
        return site.shown(key[1])
    if kind == "count":
        return timeline_count(site.index, _selector(key[1]))
    if kind == "named":
        event = content.events.get(key[1])
        return None if event is None else site.named(event)
    explainer = content.explainers.get(key[1])
    if explainer is None:
        return None
    if kind == "versions":
        return site.version_keys(explainer)
    if kind == "ended":
        return site.ended(explainer)
    raise ValueError(f"unknown read {key!r}")


class Current:
    """The plan's re-reading: each key answered once, however many pages read it."""

    def __init__(self, content, site):
        self.content, self.site = content, site
        self.values: dict = {}

    def unchanged(self, reads: dict) -> bool:
        values = self.values
        if reads.items() <= values.items():  # every key answered already, the same: compared in C (every page
            return True  # is checked each rebuild, most of them reading only keys other pages read too)
        for key, value in reads.items():
            now = values.get(key, values)
            if now is values:
                now = values[key] = current(key, self.content, self.site)
            if now != value:
                return False
        return True
