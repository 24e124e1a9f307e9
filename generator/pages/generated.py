"""The pages the plugin adds to a site: field reference, actor, place and tag pages, the archive (an index
and a part per month) and an embed page per explainer. Plain functions of the build's model; the MkDocs side
(engines/mkdocs/files.py) appends them to MkDocs' files and `generate` writes them as Markdown."""

from __future__ import annotations

import json
import operator
import sys
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import repeat
from typing import Callable, NamedTuple

from babel import dates as babel_dates
from markupsafe import Markup

from ..format.reserved import ARCHIVE, ARCHIVE_DIR, FIELD_REFERENCE, LISTS_LANG
from .labels import data_labels_for, labels_for
from .prepare import Build
from .site import entity_source, root_prefix
from ..records.dates import PartialDate, format_date
from ..records.model import Event, Explainer, Tag, in_words

GUIDE = "guide/"  # the editors' guide: its pages (and the field reference) are under this folder of docs_dir


class Line(NamedTuple):
    """An event's line in the lists (actor, place, tag pages, archive parts), and everything it shows: date,
    headline and the one link to its card. Templates get this, not the Event, so a page's `inputs` (the lines)
    cover all a line depends on."""
    id: str
    date: PartialDate
    end: PartialDate | None
    approximate: bool
    title: str
    card: str  # Site.event_path: the card's address from the site root, with its #event- fragment


class Part(NamedTuple):
    """One part of the archive: the events of a month (or, dated only to a year, of that year)."""
    key: str  # '2024-11', or '2011' for events dated to the year only
    label: str  # 'November 2024', '2011, month not given'
    lines: tuple[Line, ...]

    @property
    def src_uri(self) -> str:
        return f"{ARCHIVE_DIR}{self.key}.md"


def _front(title: str, **extra) -> str:
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}"]  # JSON strings are YAML strings
    for key, value in extra.items():
        lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


_EVENT_ID = operator.attrgetter("id")


def _lines(build: Build, events, lang: str = LISTS_LANG) -> tuple[Line, ...]:
    """The events' lines (`events`: a list), each made once however many lists hold it. In another language
    than the lists', a line links to the event's card in that language's first explainer that shows it, if
    one does."""
    lines, made, before, site = [], build.lines, build.lines_before, build.site
    # Every line made already (generated_pages makes all first; an edition's, the last build's): looked up in C
    keys = map(_EVENT_ID, events) if lang == LISTS_LANG else zip(map(_EVENT_ID, events), repeat(lang))
    try:
        return tuple(map(made.__getitem__, keys))
    except KeyError:
        pass
    for event in events:
        key = event.id if lang == LISTS_LANG else (event.id, lang)
        line = made.get(key)
        if line is None:
            edition = None if lang == LISTS_LANG else next(
                (x for x in site.explainers_of.get(event.id, ()) if x.lang == lang), None)
            card = f"{site.explainer_path(edition)}#event-{event.id}" if edition else site.event_path(event)
            card = sys.intern(card)  # the same object from build to build: a rebuild compares lines by identity
            line = before.get(key)  # serve's previous build's, if it says the same: the lists' tuples stay
            if line is None or not (line.date is event.date and line.title is event.title  # identical
                                    and line.end is event.end and line.approximate == event.approximate
                                    and line.card is card and line.id == event.id):
                line = Line(event.id, event.date, event.end, event.approximate, event.title, card)
            made[key] = line
        lines.append(line)
    return tuple(lines)


def _all_lines(build: Build) -> None:
    """Each event's line made once, so that each list is looked up (_lines). While serving, the lines of the
    events that did not move since the last build (`Build.lines_moved`) are that build's, taken whole: at
    20,000 events, making each again cost a save 0.08 s, and the editions' lines as much again."""
    moved, before, content = build.lines_moved, build.lines_before, build.site.content
    if moved is None or not before:
        _lines(build, build.site.index.ordered)
        return
    made = build.lines
    made.update(before)
    langs = {explainer.lang for explainer in build.site.explainers} - {LISTS_LANG}
    for ident in moved:
        made.pop(ident, None)
        for lang in langs:
            made.pop((ident, lang), None)
    _lines(build, [content.events[ident] for ident in sorted(moved) if ident in content.events])


def _items(build: Build, lines: tuple[Line, ...], here: str, *, anchored: bool = False,
           lang: str = LISTS_LANG) -> list[Markup]:
    """The lines as list items: date and headline, the headline a link to the event's card. In the archive
    (`anchored`) each item is also the event's #event- anchor, and an event no explainer shows (its card
    address is that very item) has no link. An item depends only on the page's depth, so it is rendered once
    per depth and reused on every list it is in, with what it read (reads.py)."""
    root = root_prefix(build.site.page(here))
    items, reads = [], build.site.reads
    for line in lines:
        key = (line.id, root, anchored, lang)
        found = build.entries.get(key)
        if found is not None:
            reads.replay(found[1])
            items.append(found[0])
            continue
        with reads.fragment() as read:
            home = anchored and not build.site.shown(line.id)  # its card address is this item
            item = Markup(build.renderer.render(
                "event-item.html", line=line, href=None if home else root + line.card, anchored=anchored,
                lang=lang).strip("\n"))
        build.entries[key] = (item, read)
        items.append(item)
    return items


def _render(build: Build, template: str, lang: str = LISTS_LANG, **values) -> str:
    return build.renderer.render(
        template, t=labels_for(lang), d=data_labels_for(lang), lang=lang, **values).strip("\n") + "\n"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site.

    `inputs` is what the page's body is made from, as a value that compares equal between two builds when the
    page lists the same events the same way (the sitemap's lastmod reads the lists' events from it). Incremental
    rebuilds do not use it: they digest what `body` is handed (engines/mkdocs/incremental.handed) and record
    what it reads while it runs (reads.py). It holds frozen model objects, `Line`s and strings, in tuples:

    - actor or place page: `(entity, lines, places)`: the Actor or Place, a `Line` per event (date, headline and
      the card's address, which names the explainer that shows it, or the archive part), and each event's place
      id (its map; the places' coordinates are in the registry, which every page depends on);
    - tag page: `(tag, lines)`: the Tag (its name and description from tags.yml, or the slug for both);
    - archive part: `(part, previous, next)`: the `Part` (its key, label and lines), and the neighbouring
      parts' `(key, label)` (or None at either end), which its links name;
    - archive index: `(("key", "label", count), ...)`, a triple per part;
    - embed: `(explainer, events, total)`: the Explainer, the events its timeline shows (the newest
      `Build.embed_events`; each card renders the whole Event, with names from the registries) and how many
      the full timeline has (its note says so);
    - field reference: `()`: it is made from the schema, which is code.
    """
    front: str  # front matter: MkDocs reads it with the file (title, lang, search)
    body: Callable[[], str]  # the Markdown, made when the page is converted, so no page waits in memory
    in_nav: bool
    inputs: tuple = ()

    def markdown(self) -> str:
        return self.front + self.body()


def archive_parts(build: Build) -> list[Part]:
    """Every event in exactly one part: its month as written (Site.archive_key), in the index's order."""
    site = build.site
    grouped: dict[str, list[Event]] = {}
    for event in site.index.ordered:
        grouped.setdefault(site.archive_key(event), []).append(event)
    return [Part(key, _part_label(key), _lines(build, grouped[key])) for key in sorted(grouped)]


def _part_label(key: str, lang: str = "en") -> str:
    year, _, month = key.partition("-")
    if not month:
        return data_labels_for(lang)["year_only"].format(year=year)
    return format_date(PartialDate(int(year), int(month)), lang)


def generated_pages(build: Build) -> dict[str, GeneratedPage]:
    """src_uri -> the page (field reference, actors, places, tags, archive index and parts, embeds)."""
    site = build.site
    content = site.content
    pages = {FIELD_REFERENCE: GeneratedPage("", build.renderer.field_reference_markdown, True, ())}
    _all_lines(build)
    by_actor, by_place, by_tag = _index(site.index.ordered)
    for registry, entities, index in (("actors", content.actors, by_actor), ("places", content.places, by_place)):
        for ident in sorted(entities):
            entity = entities[ident]
            uri = f"{registry}/{ident}.md"
            located = index.get(ident, [])
            lines = _lines(build, located)
            places = tuple(event.place for event in located)  # the map's markers (coordinates: the registry)
            pages[uri] = GeneratedPage(_front(entity.name), partial(
                _entity_page, build, uri, lines, located, registry=registry, entity=entity), False,
                (entity, lines, places))
    for slug in sorted(by_tag):
        uri = f"tags/{slug}.md"
        lines = _lines(build, by_tag[slug])
        tag = content.tags.get(slug) or Tag(slug, slug)
        pages[uri] = GeneratedPage(_front(f"Tag: {tag.name}"), partial(_list_page, build, "tag.html", uri, lines,
                                                                       tag=tag), False, (tag, lines))
    for lang in sorted({explainer.lang for explainer in site.explainers} - {LISTS_LANG}):
        pages.update(_edition_pages(build, lang))
    parts = archive_parts(build)
    index = tuple((part.key, part.label, len(part.lines)) for part in parts)
    pages[ARCHIVE] = GeneratedPage(_front(data_labels_for("en")["archive"]),
                                   partial(archive_index, build, index), True, index)
    for n, part in enumerate(parts):
        before = (parts[n - 1].key, parts[n - 1].label) if n > 0 else None
        after = (parts[n + 1].key, parts[n + 1].label) if n + 1 < len(parts) else None
        title = f"{data_labels_for('en').archive}: {part.label}"
        pages[part.src_uri] = GeneratedPage(_front(title), partial(archive_part, build, part, before, after), False,
                                            (part, before, after))
    for explainer in site.explainers:
        uri = site.embed_source(explainer)
        # The template (embed.html: no site chrome) is set in page_context, so these pages still build with
        # a theme that lacks it (e.g. the `generate` output under plain MkDocs).
        shown, total = embedded_events(build, explainer)
        pages[uri] = GeneratedPage(_front(explainer.title, lang=explainer.lang, search="{exclude: true}"),
                                   partial(embed_body, build, explainer, uri), False,
                                   (explainer, tuple(shown), total))
    return pages


def _list_page(build: Build, template: str, uri: str, lines: tuple[Line, ...], lang: str = LISTS_LANG,
               **values) -> str:
    return _render(build, template, lang, items=_items(build, lines, uri, lang=lang), **values)


def _entity_page(build: Build, uri: str, lines: tuple[Line, ...], events: list[Event], lang: str = LISTS_LANG,
                 **values) -> str:
    """An actor's or place's page, with the smaller map of its events' places."""
    root = root_prefix(build.site.page(uri))
    here = values["entity"].id if values["registry"] == "places" else None
    located = build.renderer.map_html(events, lang, root, size="small", here=here)
    return _list_page(build, "entity.html", uri, lines, lang, map=located, **values)


def _index(events) -> tuple[dict[str, list[Event]], dict[str, list[Event]], dict[str, list[Event]]]:
    """The events by actor, by place and by tag, each list in the order of `events`."""
    by_actor: dict[str, list[Event]] = {}
    by_place: dict[str, list[Event]] = {}
    by_tag: dict[str, list[Event]] = {}
    for event in events:
        for actor in event.actors:
            by_actor.setdefault(actor, []).append(event)
        if event.place:
            by_place.setdefault(event.place, []).append(event)
        for tag in event.tags:
            by_tag.setdefault(tag, []).append(event)
    return by_actor, by_place, by_tag


def edition_index(site, lang: str) -> tuple[dict[str, list[Event]], dict[str, list[Event]], dict[str, list[Event]]]:
    """What the actor, place and tag pages in `lang` (not the lists' language) list: the events that language's
    explainers show, by actor, place and tag; an entity absent from it has no page in `lang`."""
    shown_ids = {event.id for x in site.explainers if x.lang == lang for event in site.selected[x.src_uri]}
    return _index(event for event in site.index.ordered if event.id in shown_ids)


def _edition_pages(build: Build, lang: str) -> dict[str, GeneratedPage]:
    """The actor, place and tag pages again in `lang`, for the cards of that language's explainers to link to
    (entity_source): names and headlines in that language, each line linking to the event's card in it. They
    list only the events that language's explainers show (the others have no card in it to link to), and an
    entity with none has no page: a card in `lang` links only to its own event's actors, place and tags, which
    list it, so no link is left without its page. Inputs as the English pages' (the language is in the
    address)."""
    site, pages = build.site, {}
    content = site.content
    by_actor, by_place, by_tag = edition_index(site, lang)

    def shown(text) -> str:
        return str(in_words(text, lang))

    for registry, entities, index in (("actors", content.actors, by_actor), ("places", content.places, by_place)):
        for ident in sorted(entities):
            located = index.get(ident)
            if not located:
                continue
            entity = entities[ident]
            uri = entity_source(registry, ident, lang)
            lines = _lines(build, located, lang)
            places = tuple(event.place for event in located)
            pages[uri] = GeneratedPage(_front(shown(entity.name), lang=lang), partial(
                _entity_page, build, uri, lines, located, lang, registry=registry, entity=entity), False,
                (entity, lines, places))
    for slug in sorted(by_tag):
        located = by_tag[slug]
        uri = entity_source("tags", slug, lang)
        lines = _lines(build, located, lang)
        tag = content.tags.get(slug) or Tag(slug, slug)
        title = data_labels_for(lang)["tag_title"].format(name=shown(tag.name))
        pages[uri] = GeneratedPage(_front(title, lang=lang), partial(_list_page, build, "tag.html", uri, lines, lang,
                                                                     tag=tag), False, (tag, lines))
    return pages


def archive_index(build: Build, index: tuple[tuple[str, str, int], ...]) -> str:
    """archive.md: the parts by year, each with how many events it lists; `index`: (key, label, count) a part,
    all the page is made from, so an event's new headline is no change to it."""
    root = root_prefix(build.site.page(ARCHIVE))
    years: dict[str, dict] = {}
    for key, _, count in index:
        year, _, month = key.partition("-")
        entry = years.setdefault(year, {"year": year, "count": 0, "parts": []})
        entry["count"] += count
        entry["parts"].append({"label": _month_name(int(month)) if month else data_labels_for("en")["year_only_short"],
                               "url": root + build.site.page(f"{ARCHIVE_DIR}{key}.md"), "count": count})
    return _render(build, "archive.html", years=list(years.values()), total=sum(count for _, _, count in index))


def archive_part(build: Build, part: Part, before: tuple | None, after: tuple | None) -> str:
    root = root_prefix(build.site.page(part.src_uri))
    page = build.site.page

    def link(neighbour):
        return None if neighbour is None else {"label": neighbour[1], "url": root + page(f"{ARCHIVE_DIR}{neighbour[0]}.md")}

    return _render(build, "archive-part.html", part=part, items=_items(build, part.lines, part.src_uri, anchored=True),
                   previous=link(before), next=link(after), index_url=root + page(ARCHIVE))


def _month_name(month: int, lang: str = "en") -> str:
    return babel_dates.format_date(date(2000, month, 1), "LLLL", locale=lang)  # standalone: 'November'


def embedded_events(build: Build, explainer: Explainer) -> tuple[list[Event], int]:
    """The events an embed shows, the newest `build.embed_events` of its timeline (the background is the
    page's alone), and how many the timeline has."""
    events = [e for e in build.renderer.select(explainer.selector) if not e.background]
    return events[-build.embed_events:], len(events)


def embed_body(build: Build, explainer: Explainer, uri: str) -> str:
    """The timeline alone, cut to its newest events with a note that links to the full one when it is longer."""
    site, renderer = build.site, build.renderer
    root = root_prefix(site.page(uri))
    events, total = embedded_events(build, explainer)
    timeline = renderer.timeline_html(events, explainer.lang, anchored=True, root=root)
    return build.renderer.render(
        "embed-body.html", explainer=explainer, lang=explainer.lang, t=labels_for(explainer.lang),
        d=data_labels_for(explainer.lang), url=site.link(site.explainer_path(explainer), site.page(uri)),
        shown=len(events), total=total,
        legend=renderer.legend_html(events, explainer.lang), timeline=Markup(timeline)).strip("\n") + "\n"
