"""What sitemap.xml (theme/sitemap.xml) says of each page: whether it is listed, when its content last changed
(`lastmod`), and its versions in other languages (hreflang alternates).

`lastmod` is what the records say, never the time of the build (which told search engines that all 85 pages
of the sample changed at every build): an explainer page changed when it was published or updated, or when
an event it shows happened or changed (an event is added to a page at its date or later; `updated`,
corrections, status changes and a retraction are when its card changed); a list page (actor, place, tag,
archive) when the newest of the events it lists did. A page whose change the records do not date (the
guide, editors' own pages) has no `lastmod`, which the protocol allows. Embed pages say `noindex` and are left
out.
"""

from __future__ import annotations

from typing import NamedTuple

from .changes import event_changes
from .dates import PartialDate
from .exports.encoding import unix
from .generated import Line
from .model import Event, Explainer
from .prepare import Build
from .site import ARCHIVE


class Entry(NamedTuple):
    listed: bool = True
    lastmod: str | None = None  # a W3C date (2024-12-08) or date-time with its offset
    alternates: tuple[tuple[str, str], ...] = ()  # (language, absolute URL), the page itself included


def entries(build: Build) -> dict[str, Entry]:
    """Page URL -> its Entry, for the pages the records date or that are left out; other pages are listed
    without lastmod."""
    site = build.site
    changed: dict[str, PartialDate] = {}  # event id -> when its card last changed, made once per event

    def event_changed(event: Event) -> PartialDate:
        found = changed.get(event.id)
        if found is None:
            found = changed[event.id] = newest([event.date, *(c.at for c in event_changes(event))])
        return found

    alternates = site.alternates()
    found: dict[str, Entry] = {}
    for explainer in site.explainers:
        url = site.explainer_path(explainer)
        found[url] = Entry(True, lastmod(explainer_changed(explainer, site.selected.get(explainer.src_uri, []),
                                                           event_changed)),
                           tuple(alternates.get(url, ())))
        found[site.embed_path(explainer)] = Entry(False)
    events = site.content.events
    for src_uri, page in build.generated.items():
        url = site.page(src_uri)
        if url in found:
            continue
        listed = site.index.ordered if src_uri == ARCHIVE else [events[i] for i in _listed(page.inputs) if i in events]
        if listed:
            found[url] = Entry(True, lastmod(newest([event_changed(e) for e in listed])))
    return found


def explainer_changed(explainer: Explainer, events: list[Event], event_changed) -> PartialDate:
    """The page's own `updated` (or `published`), or the newest change of an event it shows, if later."""
    return newest([explainer.last_change, *(event_changed(e) for e in events)])


def newest(dates: list[PartialDate]) -> PartialDate:
    return max(dates, key=unix)


def lastmod(value: PartialDate) -> str:
    """The moment as written with its offset, or the first day it covers (the sitemap XSD takes a date or a
    date-time, not a month)."""
    moment = value.instant()
    return moment.isoformat() if moment is not None else value.first_day().isoformat()


def _listed(inputs) -> list[str]:
    """The ids of the events a generated page lists: its inputs' Lines (GeneratedPage documents their shape)."""
    ids: list[str] = []
    stack = [inputs]
    while stack:
        value = stack.pop()
        if isinstance(value, Line):
            ids.append(value.id)
        elif isinstance(value, tuple):
            stack.extend(value)
    return ids
