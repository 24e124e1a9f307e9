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

from ..format.reserved import ARCHIVE
from .encoding import unix
from ..pages.generated import Line
from ..pages.prepare import Build
from ..records.changes import event_changes
from ..records.dates import PartialDate
from ..records.model import Event


class Entry(NamedTuple):
    listed: bool = True
    lastmod: str | None = None  # a W3C date (2024-12-08) or date-time with its offset
    alternates: tuple[tuple[str, str], ...] = ()  # (language, absolute URL), the page itself included


def entries(build: Build, kept: dict[str, Entry] | None = None,
            listed: dict[str, frozenset] | None = None) -> dict[str, Entry]:
    """Page URL -> its Entry, for the pages the records date or that are left out; other pages are listed
    without lastmod. `kept`: entries known to be unchanged (serve's rebuild: engines/mkdocs/incremental.py's
    kept_entries), not worked out again; `listed`, if given, gets the ids of the events each entry worked out
    was dated from."""
    site = build.site
    alternates = site.alternates()
    found: dict[str, Entry] = {}
    kept = kept or {}
    for explainer in site.explainers:
        url = site.explainer_path(explainer)
        found[site.embed_path(explainer)] = Entry(False)
        if url in kept:
            found[url] = kept[url]
            continue
        own = explainer.last_change
        selected = site.selected.get(explainer.src_uri, [])
        found[url] = Entry(True, lastmod(max([(unix(own), own), *map(event_changed, selected)], key=_first)[1]),
                           tuple(alternates.get(url, ())))
        if listed is not None:
            listed[url] = frozenset(e.id for e in selected)
    events = site.content.events
    for src_uri, page in build.generated.items():
        url = site.page(src_uri)
        if url in found:
            continue
        if url in kept:
            found[url] = kept[url]
            continue
        shown = (site.index.ordered if src_uri == ARCHIVE
                 else [events[i] for i in _listed(page.inputs) if i in events])
        if shown:
            found[url] = Entry(True, lastmod(max(map(event_changed, shown), key=_first)[1]))
            if listed is not None:
                listed[url] = frozenset(e.id for e in shown)
    return found


def event_changed(event: Event) -> tuple[int, PartialDate]:
    """(Unix time, when) the event's card last changed: its date, `updated`, corrections, status changes or
    retraction. Kept on the record, as its sort key is: while serving, an unchanged event is the same object
    from build to build, so a save costs only the events it changed."""
    found = event.__dict__.get("_changed")
    if found is None:
        moment = newest([event.date, *(c.at for c in event_changes(event))])
        found = (unix(moment), moment)
        object.__setattr__(event, "_changed", found)
    return found


def _first(pair: tuple) -> int:
    return pair[0]


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
