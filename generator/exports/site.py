"""Site-level facts (site_url, publisher, author) and the event <-> explainer memberships every export needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, partial
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..dates import PartialDate
from ..model import Content, Event, Explainer
from ..rendering import page_url
from ..selection import EventIndex

TAG_DATE = "2024"  # the tagging date of every tag: URI id; never change it, or every feed id changes


@dataclass
class Site:
    content: Content
    name: str = "What We Know So Far"
    url: str | None = None  # site_url, ending in '/'
    description: str | None = None
    publisher: dict = field(default_factory=dict)  # {name, url}
    author: dict = field(default_factory=dict)  # {name, url?}
    image: str | None = None
    use_directory_urls: bool = True
    index: EventIndex | None = None  # the renderer's, when there is one: built once per build
    _pieces: dict = field(default_factory=dict, repr=False)  # (export, event id) -> its row/feature
    _paths: dict = field(default_factory=dict, repr=False)  # event id -> event_path

    def __post_init__(self):
        if self.url and not self.url.endswith("/"):
            self.url += "/"
        self.index = self.index or EventIndex(self.content.events)
        self.explainers = sorted(self.content.explainers.values(), key=lambda x: x.src_uri)
        self.selected: dict[str, list[Event]] = {x.src_uri: self.index.select(x.selector) for x in self.explainers}
        self.explainers_of: dict[str, list[Explainer]] = {}
        for explainer in self.explainers:
            for event in self.selected[explainer.src_uri]:
                self.explainers_of.setdefault(event.id, []).append(explainer)

    @classmethod
    def from_config(cls, content: Content, config, index: EventIndex | None = None) -> "Site":
        extra = config.get("extra") or {}
        publisher = dict(extra.get("publisher") or {})
        publisher.setdefault("name", config.get("site_name") or "What We Know So Far")
        return cls(content=content, name=config.get("site_name") or "What We Know So Far",
                   url=config.get("site_url") or None, description=config.get("site_description"),
                   publisher=publisher, author=dict(extra.get("author") or {}), image=extra.get("image"),
                   use_directory_urls=config.get("use_directory_urls", True), index=index)

    # Addresses -----------------------------------------------------------------------------------------------

    def page(self, src_uri: str) -> str:
        """A page's URL relative to the site root."""
        return page_url(src_uri, self.use_directory_urls)

    def absolute(self, path: str) -> str | None:
        return self.url + path if self.url else None

    def link(self, path: str, here: str = "") -> str:
        """Absolute when site_url is set, else relative to `here` (a file's site path)."""
        if self.url:
            return self.url + path
        return "../" * here.count("/") + path

    def tag(self, key: str) -> str:
        """A stable tag: URI (RFC 4151) for a feed or entry: never derived from the time of the build."""
        authority, prefix = self._tag_base
        specific = f"{prefix}/{key}" if prefix else key
        return f"tag:{authority},{TAG_DATE}:{specific}"

    @cached_property
    def _tag_base(self) -> tuple[str, str]:
        if self.url:
            parts = urlsplit(self.url)
            return parts.hostname or "localhost", parts.path.strip("/")
        return _slug(self.name) or "conflict-explainers", ""

    def per_event(self, export: str, event: Event, make):
        """An export's piece for one event (its CSV record, GeoJSON feature, TimelineJS slide or JSON-LD node,
        already encoded), made once however many explainers show the event."""
        key = (export, event.id)
        piece = self._pieces.get(key)
        if piece is None:
            piece = self._pieces[key] = make(event)
        return piece

    def explainer_path(self, explainer: Explainer) -> str:
        return self.page(explainer.src_uri)

    def data_dir(self, explainer: Explainer) -> str:
        """Where an explainer's downloads go: explainers/<slug>/data/."""
        return PurePosixPath(explainer.src_uri).with_suffix("").as_posix() + "/data/"

    def key(self, explainer: Explainer) -> str:
        """The explainer's path without .md and a leading explainers/: its slug, or e.g. ar/<slug>; unique."""
        return PurePosixPath(explainer.src_uri).with_suffix("").as_posix().removeprefix("explainers/")

    def embed_source(self, explainer: Explainer) -> str:
        return f"embed/{self.key(explainer)}.md"

    def embed_path(self, explainer: Explainer) -> str:
        return self.page(self.embed_source(explainer))

    def event_path(self, event: Event) -> str:
        """Where an event's card is read: the timeline of the first explainer (by path) that shows it, one in
        the lists' language (English) first; for an event no explainer shows, its line in the archive's part
        for its month (archive_source)."""
        path = self._paths.get(event.id)
        if path is None:  # asked for by every list line, search record, export and rebuild plan: made once
            homes = self.explainers_of.get(event.id)
            if not homes:
                path = f"{self.page(self.archive_source(event))}#event-{event.id}"
            else:
                home = next((x for x in homes if x.lang == LISTS_LANG), homes[0])
                path = f"{self.page(home.src_uri)}#event-{event.id}"
            self._paths[event.id] = path
        return path

    @staticmethod
    def archive_key(event: Event) -> str:
        """The archive part an event is listed in: its month as written ('2024-11'), or its year ('2011') when
        the date gives no month. Ranges go by their start. Fixed by the date alone, so a part's address never
        changes as the site grows."""
        date = event.date
        return f"{date.year:04d}-{date.month:02d}" if date.month else f"{date.year:04d}"

    def archive_source(self, event: Event) -> str:
        return f"{ARCHIVE_DIR}{self.archive_key(event)}.md"


ARCHIVE = "archive.md"  # the archive's index: its parts, with how many events each lists
ARCHIVE_DIR = "archive/"  # one part per month: archive/2024-11.md
LISTS_LANG = "en"  # the language of the generated list pages (pages.py), whose lines link to the cards


def _slug(text: str) -> str:
    out, dash = [], False
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


# Times ---------------------------------------------------------------------------------------------------

def rfc3339(value: PartialDate) -> str:
    """A full RFC 3339 date-time: the moment as written, or midnight UTC of the first day it covers."""
    moment = value.instant()
    if moment is not None:
        return moment.isoformat()
    return value.first_day().isoformat() + "T00:00:00+00:00"


def unix(value: PartialDate) -> int:
    moment = value.instant()
    if moment is None:
        day = value.first_day()
        moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return int(moment.timestamp())


def dumps(data) -> str:
    """JSON as every export writes it: sorted keys, UTF-8 text, compact (indenting forces Python's slow
    encoder and a third more bytes), final newline."""
    return dumps_piece(data) + "\n"


def dumps_piece(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps_with(data: dict, key: str, pieces: list[str], encode=dumps) -> str:
    """encode({**data, key: [...]}) where the list's items are already encoded (each event's once, however many
    explainers show it). In compact, sorted JSON `"key":[]` occurs once: a quote inside a string is escaped."""
    text = encode({**data, key: []})
    return text.replace(f'"{key}":[]', f'"{key}":[{",".join(pieces)}]', 1)


# Writing -------------------------------------------------------------------------------------------------

def write_all(site: Site, site_dir: str | Path, only=None) -> list[str]:
    """Every export file, written into site_dir; returns their site paths, sorted. `only(explainer)`: whether
    that explainer's files must be written again (serve's rebuilds); the site-wide feeds always are."""
    from . import acled_csv, feeds, geojson, timelinejs

    site_dir = Path(site_dir)
    written: list[str] = []

    def write(path: str, make) -> None:  # one file at a time: exports never sit in memory together
        written.append(path)
        if make is None:
            return
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make().encode("utf-8"))

    for explainer in site.explainers:
        events = site.selected[explainer.src_uri]
        data = site.data_dir(explainer)
        fresh = only is None or only(explainer)
        items = feeds.entries(site, [explainer]) if fresh else None

        def make(function, *args):
            return partial(function, *args) if fresh else None

        write(data + "events.geojson", make(geojson.dumps_collection, site, events))
        write(data + "events.csv", make(acled_csv.to_csv, site.content, events, lambda e: site.per_event(
            "csv", e, partial(acled_csv.line, site.content))))
        write(data + "timeline.json", make(timelinejs.dumps_timeline, site, explainer, events))
        write(data + "feed.atom", make(feeds.atom, site, [explainer], data + "feed.atom", items))
        write(data + "feed.json", make(feeds.json_feed, site, [explainer], data + "feed.json", items))
    items = feeds.entries(site, site.explainers)
    write("feed.atom", partial(feeds.atom, site, site.explainers, "feed.atom", items))
    write("feed.json", partial(feeds.json_feed, site, site.explainers, "feed.json", items))
    return sorted(written)
