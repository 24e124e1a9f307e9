"""The site's facts and addresses: where MkDocs puts each page, site_url, publisher and author, and which
explainers show which event. Pages, exports, search and rebuild plans all ask here, so they agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..format.reserved import ARCHIVE_DIR, EMBED_DIR, LISTS_LANG, LITE_DIR
from .reads import Recorder, digest, named
from ..records.changes import build_time, coverage_ended
from ..records.model import Content, Event, Explainer
from ..records.selection import EventIndex


@lru_cache(maxsize=None)
def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """Where MkDocs puts a page, relative to the site root ('' for the home page)."""
    path = PurePosixPath(src_uri)
    stem_path = path.with_suffix("")
    if path.name in ("index.md", "README.md"):
        folder = path.parent.as_posix()
        return "" if folder == "." else folder + "/"
    return f"{stem_path.as_posix()}/" if use_directory_urls else f"{stem_path.as_posix()}.html"


def root_prefix(url: str) -> str:
    """The relative way back to the site root from a page URL."""
    return "../" * url.count("/")


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
    license: str | None = None  # extra.license: the URL of the licence the site's data is published under
    use_directory_urls: bool = True
    zone_names: dict[str, str] = field(default_factory=dict)  # offsets' names, for the exports that write times
    index: EventIndex | None = None  # made here unless given: built once per build
    now: datetime = field(default_factory=build_time)  # whether a live page's coverage has ended
    reads: Recorder = field(default_factory=Recorder, repr=False)  # what each page reads of the site (reads.py)
    _paths: dict = field(default_factory=dict, repr=False)  # event id -> event_path
    _named: dict = field(default_factory=dict, repr=False)  # event id -> (the event, named())
    named_before: dict | None = field(default=None, repr=False)  # the previous serve build's _named, when valid

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
    def from_config(cls, content: Content, config, zone_names: dict[str, str] | None = None) -> "Site":
        extra = config.get("extra") or {}
        publisher = dict(extra.get("publisher") or {})
        publisher.setdefault("name", config.get("site_name") or "What We Know So Far")
        return cls(content=content, name=config.get("site_name") or "What We Know So Far",
                   url=config.get("site_url") or None, description=config.get("site_description"),
                   publisher=publisher, author=dict(extra.get("author") or {}), image=extra.get("image"),
                   license=extra.get("license"),
                   use_directory_urls=config.get("use_directory_urls", True), zone_names=dict(zone_names or {}))

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
        already encoded), made once however many explainers show the event, and carried to the next serve build
        while the event and the registry entries it names are the same (what it reads of the site, where its
        card is, is recorded as it is read)."""
        return self.reads.memo(("export", export, event.id), lambda: make(event), lambda: (
            (("events", event.id), digest(event)), (("named", event.id), self.named(event))))

    def named(self, event: Event) -> tuple:
        """reads.named of the event, once per build: the registries do not change while it runs; and while
        serving, from the previous build when its registries were these very ones (`named_before`, set by
        engines/mkdocs/incremental.carry) and the event the same record."""
        found = self._named.get(event.id)
        if found is None or found[0] is not event:
            before = self.named_before.get(event.id) if self.named_before is not None else None
            if before is None or before[0] is not event:
                before = (event, named(self.content, event))
            found = self._named[event.id] = before
        return found[1]

    def explainer_path(self, explainer: Explainer) -> str:
        return self.page(explainer.src_uri)

    def data_dir(self, explainer: Explainer) -> str:
        """Where an explainer's downloads go: explainers/<slug>/data/."""
        return PurePosixPath(explainer.src_uri).with_suffix("").as_posix() + "/data/"

    def key(self, explainer: Explainer) -> str:
        """The explainer's path without .md and a leading explainers/: its slug, or e.g. ar/<slug>; unique."""
        return PurePosixPath(explainer.src_uri).with_suffix("").as_posix().removeprefix("explainers/")

    def versions(self, explainer: Explainer) -> list[Explainer]:
        """The explainer and its versions in other languages (translation_of links each to one original), the
        original first, then by language."""
        group = explainer.translation_of or explainer.slug
        found = [x for x in self.explainers if (x.translation_of or x.slug) == group]
        found = sorted(found, key=lambda x: (x.translation_of is not None, x.lang, x.src_uri))
        if self.reads.recording:
            self.reads.note(("versions", explainer.src_uri), tuple((x.src_uri, x.lang) for x in found))
        return found

    def version_keys(self, explainer: Explainer) -> tuple:
        return tuple((x.src_uri, x.lang) for x in self.versions(explainer))

    def ended(self, explainer: Explainer) -> bool:
        """Whether a live page's coverage has ended (its banner turns while serving)."""
        ended = coverage_ended(explainer, self.now)
        self.reads.note(("ended", explainer.src_uri), ended)
        return ended

    def shown(self, ident: str) -> bool:
        """Whether an explainer shows the event (else its card is its line in the archive)."""
        shown = bool(self.explainers_of.get(ident))
        self.reads.note(("shown", ident), shown)
        return shown

    def alternates(self) -> dict[str, list[tuple[str, str]]]:
        """Page URL -> (language, absolute URL) of every version, itself included, for the sitemap's hreflang
        entries (sitemap.xml); empty without site_url, as hreflang URLs must be absolute."""
        found = {}
        for explainer in self.explainers if self.url else ():
            versions = self.versions(explainer)
            if len(versions) > 1:
                found[self.explainer_path(explainer)] = [(x.lang, self.absolute(self.explainer_path(x)))
                                                         for x in versions]
        return found

    def downloads(self, explainer: Explainer) -> dict[str, str]:
        """The explainer's data files and feeds, and the site's feeds, relative to its page (the embed page
        absolute when site_url is set: the snippet is pasted on other sites)."""
        here = self.explainer_path(explainer)
        root = root_prefix(here)
        data = root + self.data_dir(explainer)
        embed = self.embed_path(explainer)
        return {"csv": data + "events.csv", "geojson": data + "events.geojson", "timeline": data + "timeline.json",
                "atom": data + "feed.atom", "json": data + "feed.json", "embed": self.absolute(embed) or root + embed,
                "site_atom": root + "feed.atom", "site_json": root + "feed.json"}

    def lite_path(self, explainer: Explainer) -> str:
        """Its lite edition, one self-contained file (lite.py): lite/<slug>.html. An explainer written as an
        index.md gets lite/index-.html (no slug ends in "-"): lite/index.html is the editions' index."""
        key = self.key(explainer)
        return f"{LITE_DIR}{key}{'-' if key == 'index' else ''}.html"

    def embed_source(self, explainer: Explainer) -> str:
        return f"{EMBED_DIR}{self.key(explainer)}.md"

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
        self.reads.note(("event_path", event.id), path)
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


def entity_source(registry: str, ident: str, lang: str = LISTS_LANG) -> str:
    """An actor's, place's or tag's page: `actors/hts.md`; in another language, under its code (`ar/actors/hts.md`),
    made only for a language some explainer is in (generated.py), whose cards are the only ones linking there."""
    return f"{registry}/{ident}.md" if lang == LISTS_LANG else f"{lang}/{registry}/{ident}.md"


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
