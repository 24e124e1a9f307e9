"""Atom (RFC 4287) and JSON Feed 1.1: an entry per explainer publication, update and correction, and per event
added or corrected. Ids are tag: URIs from stable keys, never from the time of the build.

Each entry is in one language, said in both formats (xml:lang where it differs from the feed's, JSON Feed's
`language`): an explainer's own feed is in its language; the site-wide feed is in the site's language, except
the entries of an explainer in another language (its publication, updates and corrections, in its words and
with its words around them: "حُدّث:", not "Updated:"). Times are the records' own: a date without a time is
midnight UTC of that day, so two events of one day share it (the feed validator's DuplicateUpdated warning
says no action is needed when entries were updated at the same time; inventing seconds would not be honest).

One entry must never break a feed, whatever its text: every string goes through `feed_text` first, so the Atom
file is well-formed XML 1.0 and the JSON Feed valid JSON in UTF-8 (ElementTree and json escape markup and
quotes; neither refuses characters XML cannot hold)."""

from __future__ import annotations

import heapq
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..format.reserved import ARCHIVE
from ..format.schema import SITE_LANGUAGE
from ..format.text import markdown_html
from .encoding import dumps, rfc3339, unix
from ..pages.labels import labels_for
from ..pages.site import Site
from ..records.changes import claim_anchor
from ..records.dates import PartialDate
from ..records.model import Event, Explainer, in_words

ATOM_NS = "http://www.w3.org/2005/Atom"
TOMBSTONES_NS = "http://purl.org/atompub/tombstones/1.0"  # RFC 6721
# Newest entries only, as feed readers expect: a war covered for years would otherwise put every event of the
# site in one file that every reader re-downloads. The full record is in the data downloads and the archive,
# which a cut feed's subtitle names (issue 26: 50 entries an explainer's feed, 100 the site's).
FEED_LIMIT = 100
EXPLAINER_FEED_LIMIT = 50

# Control characters (XML 1.0 allows none of C0 but tab, LF and CR; DEL and C1 are allowed yet invisible and
# meaningless in text) are removed. Lone surrogates, U+FFFE and U+FFFF stood for a character that was lost:
# they become U+FFFD, the replacement character, as a UTF-8 decoder would show them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LOST = re.compile("[\ud800-\udfff\ufffe\uffff]")


def feed_text(text: str) -> str:
    """text with only the characters XML 1.0 allows (and UTF-8 can encode)."""
    return _LOST.sub("\ufffd", _CONTROLS.sub("", text))


def _clean(value):
    """Every string in a JSON value through feed_text."""
    if isinstance(value, str):
        return feed_text(value)
    if isinstance(value, dict):
        return {feed_text(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


@dataclass(frozen=True)
class Entry:
    key: str  # stable; the id is derived from it
    title: str
    when: PartialDate
    path: str  # site path of the page it links to (with #fragment)
    text: str  # the editors' Markdown (summary, description, correction); converted only for the entries kept
    published: PartialDate | None = None
    retracted: bool = False  # a withdrawn event: an RFC 6721 tombstone in Atom, an item saying so in JSON Feed
    lang: str = SITE_LANGUAGE  # the language of its words

    @property
    def content_html(self) -> str:
        """The entry's HTML; a plain title is escaped, as readers render this field as HTML."""
        return markdown_html(self.text) if self.text else f"<p>{html.escape(self.title)}</p>"

    def sort_key(self):
        moment = self.when.instant()
        return (-(moment.timestamp() if moment else _day_seconds(self.when)), self.key)


def _day_seconds(value: PartialDate) -> float:
    return float(unix(value))


@dataclass(frozen=True)
class Entries:
    """What a feed shows: its newest entries, newest first, and how many the record holds."""
    shown: list[Entry]
    total: int

    def __iter__(self):
        return iter(self.shown)

    def __len__(self) -> int:
        return len(self.shown)


def _own(site: Site, explainers: list[Explainer]) -> bool:
    """Whether this is an explainer's own feed (its page, in its words), not the site's, which is made from
    site.explainers itself: on a site of one explainer the two lists hold the same explainer."""
    return explainers is not site.explainers and len(explainers) == 1


def limit(site: Site, explainers: list[Explainer]) -> int:
    return EXPLAINER_FEED_LIMIT if _own(site, explainers) else FEED_LIMIT


def _distinct(found: dict[str, Entry], key: str) -> str:
    """key, or key/2, key/3... when an earlier change of the same record has the same moment (two corrections
    written at one minute would otherwise be one entry, the first lost): each its own entry, with an id that
    stays the same while editors add changes below it."""
    n, distinct = 1, key
    while distinct in found:
        n += 1
        distinct = f"{key}/{n}"
    return distinct


def _event_entries(event: Event, lang: str, path: str, page: str | None = None) -> tuple[tuple[str, Entry], ...]:
    """An event's entries, (key, Entry) in order: the event (or its tombstone), its corrections, its claims'
    changes of status. `path`: its card; `page`: the explainer's page its claims' anchors are on (its own feed),
    else they link to the card."""
    t = labels_for(lang)
    titles, found = t["feed_titles"], {}
    key = f"event/{event.id}"
    title, summary = in_words(event.title, lang), in_words(event.summary, lang)
    if event.retracted is not None:  # its entry gives way to a tombstone, and so do its corrections'
        found[key] = Entry(key, titles["retracted"].format(title=title), event.retracted.at, path,
                           in_words(event.retracted.reason, lang), event.date, retracted=True, lang=lang)
        return tuple(found.items())
    found[key] = Entry(key, title, event.updated or event.date, path, summary or "", event.date, lang=lang)
    for correction in event.corrections:
        key = _distinct(found, f"event/{event.id}/correction/{correction.at.iso()}")
        found[key] = Entry(key, titles["corrected"].format(title=title), correction.at, path,
                           in_words(correction.text, lang), correction.at, lang=lang)
    for number, claim in enumerate(event.claims, 1):
        claim_path = f"{page}#{claim_anchor(event, number)}" if page else path
        for state, new in claim.changes:
            key = _distinct(found, f"event/{event.id}/claim-{number}/{state.at.iso()}")
            change = t["feed_status"].format(old=t["statuses"][state.status], new=t["statuses"][new])
            text = "\n\n".join(x for x in (in_words(claim.text, lang), change, in_words(state.note, lang)) if x)
            found[key] = Entry(key, titles["status"].format(title=title), state.at, claim_path, text,
                               state.at, lang=lang)
    return tuple(found.items())


def entries(site: Site, explainers: list[Explainer]) -> Entries:
    """The newest entries (EXPLAINER_FEED_LIMIT for an explainer's own feed, FEED_LIMIT for the site's), newest
    first."""
    found: dict[str, Entry] = {}
    own = _own(site, explainers)
    for explainer in explainers:
        # The page's own entries in its language; its events in the feed's (the site-wide feed's cards are in
        # the site's language, Site.event_path)
        page_lang = explainer.lang
        lang = explainer.lang if own else SITE_LANGUAGE
        page_titles = labels_for(page_lang)["feed_titles"]
        page = site.explainer_path(explainer)
        slug = site.key(explainer)
        found[f"explainer/{slug}"] = Entry(
            f"explainer/{slug}", explainer.title, explainer.published, page,
            explainer.description or "", explainer.published, lang=page_lang)
        if explainer.updated:
            key = f"explainer/{slug}/updated/{explainer.updated.iso()}"
            found[key] = Entry(key, page_titles["updated"].format(title=explainer.title), explainer.updated, page,
                               explainer.description or "", explainer.updated, lang=page_lang)
        for correction in explainer.corrections:
            key = _distinct(found, f"explainer/{slug}/correction/{correction.at.iso()}")
            found[key] = Entry(key, page_titles["corrected"].format(title=explainer.title), correction.at,
                               page + "#corrections", correction.text, correction.at, lang=page_lang)
        for event in site.selected[explainer.src_uri]:
            if f"event/{event.id}" in found:  # shown by an earlier explainer (an event is in several stories)
                continue
            if own:
                pieces = _event_entries(event, lang, f"{page}#event-{event.id}", page)
            else:  # the site-wide feed links each event to its card in the site's language (Site.event_path);
                # its pieces are made once and kept while the event and its card's address are the same
                pieces = site.per_event(f"feed-{lang}", event, lambda e: _event_entries(e, lang, site.event_path(e)))
            found.update(pieces)
    shown = heapq.nsmallest(limit(site, explainers), found.values(), key=Entry.sort_key)  # = sorted(...)[:limit]
    return Entries(shown, len(found))


def _feed_meta(site: Site, explainers: list[Explainer], feed_path: str,
               items: Entries) -> tuple[str, str, str, str, str]:
    """(id key, title, subtitle, home path, language). A feed that holds fewer entries than the record says so
    in its subtitle, and where the rest is: the explainer's data downloads, or the site's archive."""
    if len(explainers) == 1 and "/" in feed_path:  # an explainer's own feed, in its data/ folder
        explainer = explainers[0]
        key, title, subtitle = (f"explainer/{site.key(explainer)}/feed", f"{explainer.title} — {site.name}",
                                explainer.description or "")
        home, lang, rest = site.explainer_path(explainer), explainer.lang, site.explainer_path(explainer) + "#data"
    else:
        key, title, subtitle, home, lang, rest = ("feed", site.name, site.description or "", "", SITE_LANGUAGE,
                                                  site.page(ARCHIVE))
    if items.total > len(items):
        cut = labels_for(lang)["feed_rest"].format(shown=len(items), total=items.total,
                                                   url=site.link(rest, feed_path))
        subtitle = f"{subtitle} {cut}" if subtitle else cut
    return key, title, subtitle, home, lang


def atom(site: Site, explainers: list[Explainer], feed_path: str, items: Entries | None = None) -> str:
    items = entries(site, explainers) if items is None else items
    key, title, subtitle, home, lang = _feed_meta(site, explainers, feed_path, items)
    ET.register_namespace("", ATOM_NS)
    ET.register_namespace("at", TOMBSTONES_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": feed_text(lang)})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}",
                                {k: feed_text(v) for k, v in attrs.items() if v is not None})
        if text is not None:
            element.text = feed_text(text)
        return element

    sub(feed, "id", site.tag(key))
    sub(feed, "title", title)
    if subtitle:
        sub(feed, "subtitle", subtitle)
    updated = max((rfc3339(e.when) for e in items), key=_instant_key, default="1970-01-01T00:00:00+00:00")
    sub(feed, "updated", updated)
    sub(feed, "link", rel="self", type="application/atom+xml", href=site.link(feed_path, feed_path))
    sub(feed, "link", rel="alternate", type="text/html", href=site.link(home, feed_path))
    author = sub(feed, "author")
    sub(author, "name", site.author.get("name") or site.publisher.get("name") or site.name)
    if site.author.get("url"):
        sub(author, "uri", site.author["url"])
    sub(feed, "generator", "conflict-explainers")
    # Tombstones are extension elements of the feed: RFC 4287's schema takes them only before the first entry
    for item in items:
        if item.retracted:
            _tombstone(feed, site, item, feed_path, lang)
    for item in items:
        if item.retracted:
            continue
        entry = sub(feed, "entry", **({"xml:lang": item.lang} if item.lang != lang else {}))
        sub(entry, "id", site.tag(item.key))
        sub(entry, "title", item.title)
        sub(entry, "updated", rfc3339(item.when))
        if item.published:
            sub(entry, "published", rfc3339(item.published))
        sub(entry, "link", rel="alternate", type="text/html", href=site.link(item.path, feed_path))
        sub(entry, "content", item.content_html, type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _tombstone(feed: ET.Element, site: Site, item: Entry, feed_path: str, lang: str) -> None:
    """RFC 6721: the entry `ref` was deleted `when`; readers that hold it drop it. The comment says why, the
    link where the retracted card still stands, marked."""
    attrs = {"ref": feed_text(site.tag(item.key)), "when": rfc3339(item.when)}
    if item.lang != lang:
        attrs["xml:lang"] = feed_text(item.lang)
    tombstone = ET.SubElement(feed, f"{{{TOMBSTONES_NS}}}deleted-entry", attrs)
    ET.SubElement(tombstone, f"{{{ATOM_NS}}}link", {"rel": "alternate", "type": "text/html",
                                                    "href": feed_text(site.link(item.path, feed_path))})
    comment = ET.SubElement(tombstone, f"{{{TOMBSTONES_NS}}}comment", {"type": "html"})
    comment.text = feed_text(item.content_html)


def json_feed(site: Site, explainers: list[Explainer], feed_path: str, items: Entries | None = None) -> str:
    items = entries(site, explainers) if items is None else items
    key, title, subtitle, home, lang = _feed_meta(site, explainers, feed_path, items)
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": site.link(home, feed_path),
        "feed_url": site.link(feed_path, feed_path),
        "authors": [{"name": site.author.get("name") or site.publisher.get("name") or site.name}],
        "language": lang,
        "items": [],
    }
    if subtitle:
        data["description"] = subtitle
    for item in items:
        entry = {"id": site.tag(item.key), "title": item.title, "url": site.link(item.path, feed_path),
                 "content_html": item.content_html, "date_modified": rfc3339(item.when), "language": item.lang}
        if item.published:
            entry["date_published"] = rfc3339(item.published)
        if item.retracted:  # JSON Feed has no tombstone: the item says so, for people and for programs
            entry["_conflict_explainers"] = {"retracted": True, "retracted_at": rfc3339(item.when)}
        data["items"].append(entry)
    return dumps(_clean(data))


def _instant_key(text: str):
    from datetime import datetime
    return datetime.fromisoformat(text)
