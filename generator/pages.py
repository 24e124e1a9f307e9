"""Generated pages (field reference, actor, place, tag, archive, embed), the explainers' "Data" section and their <head> extras.

The plugin calls these from thin hooks: `prepare_renderer` (on_pre_build), `limit_navigation` and `add_pages`
(on_files), `page_template` (on_page_content), `page_context` (on_page_context); exports.write_all
(on_post_build) writes the downloads the Data section links to. `limit_navigation` and `add_pages` are the only
functions here that touch MkDocs objects.
"""

from __future__ import annotations

import json
from datetime import date
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Callable, NamedTuple

from babel import dates as babel_dates
from markupsafe import Markup

from .dates import PartialDate, format_date
from .exports import jsonld
from .exports.site import ARCHIVE, ARCHIVE_DIR, Site
from .labels import labels_for
from .model import Event, Explainer
from .rendering import Renderer, page_url, root_prefix
from .selection import newest_first

FIELD_REFERENCE = "guide/fields.md"
DATA_LABELS = {
    "en": {"data": "Data", "intro": "The events on this page as data, free to reuse with credit:",
           "csv": "CSV (ACLED columns)", "geojson": "GeoJSON (map)", "timeline": "TimelineJS JSON",
           "atom": "Atom feed", "json": "JSON Feed", "embed": "Embed this timeline:",
           "archive": "All events", "events_of": "Events", "in": "in",
           "archive_intro": "Every event on the site, one page per month; each line links to the event in the "
                            "explainer that tells its story.",
           "archive_parts": "Months", "archive_nav": "Archive months",
           "year_only": "{year}, month not given", "year_only_short": "Month not given"},
    "ar": {"data": "البيانات", "intro": "أحداث هذه الصفحة بصيغ قابلة لإعادة الاستخدام مع ذكر المصدر:",
           "csv": "CSV (أعمدة ACLED)", "geojson": "GeoJSON (خريطة)", "timeline": "TimelineJS JSON",
           "atom": "موجز Atom", "json": "موجز JSON", "embed": "لتضمين هذا التسلسل الزمني:",
           "archive": "كل الأحداث", "events_of": "الأحداث", "in": "في",
           "archive_intro": "كل أحداث الموقع، صفحة لكل شهر؛ كل سطر يحيل إلى الحدث في الشرح الذي يروي قصته.",
           "archive_parts": "الأشهر", "archive_nav": "أشهر الأرشيف",
           "year_only": "{year}، دون شهر محدد", "year_only_short": "دون شهر محدد"},
}


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


@dataclass
class Reuse:
    site: Site
    renderer: Renderer
    entries: dict = field(default_factory=dict)  # (event id, link root, anchored) -> its line in event lists
    lines: dict = field(default_factory=dict)  # event id -> its Line
    bodies: dict = field(default_factory=dict)  # src_uri -> GeneratedPage.body, for the pages the plugin added
    generated: dict = field(default_factory=dict)  # src_uri -> GeneratedPage, the same pages (incremental.py)

    @cached_property
    def embeds(self) -> set[str]:
        return {self.site.embed_source(x) for x in self.site.explainers}


def setup(content, renderer: Renderer, config) -> Reuse:
    reuse = Reuse(Site.from_config(content, config, renderer.index), renderer)
    renderer.link_entities = True
    renderer.data_section = lambda explainer: data_section(reuse, explainer)
    renderer.reuse = reuse
    return reuse


def prepare_renderer(content, theme_dirs, zone_names: dict, config) -> Renderer:
    """The Renderer every adapter uses (the plugin, `generate`): set up from mkdocs.yml's settings."""
    renderer = Renderer(content, list(theme_dirs), zone_names, config.get("use_directory_urls", True))
    setup(content, renderer, config)
    return renderer


def setup_without_config(renderer: Renderer) -> Reuse:
    """The same, for a Renderer made outside MkDocs: site facts default (no site_url: relative links)."""
    return setup(renderer.content, renderer, {"use_directory_urls": renderer.use_directory_urls})


def _front(title: str, **extra) -> str:
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}"]  # JSON strings are YAML strings
    for key, value in extra.items():
        lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _lines(reuse: Reuse, events) -> tuple[Line, ...]:
    """The events' lines, each made once however many lists hold it."""
    lines, made = [], reuse.lines
    for event in events:
        line = made.get(event.id)
        if line is None:
            line = made[event.id] = Line(event.id, event.date, event.end, event.approximate, event.title,
                                         reuse.site.event_path(event))
        lines.append(line)
    return tuple(lines)


def _items(reuse: Reuse, lines: tuple[Line, ...], here: str, *, anchored: bool = False) -> list[Markup]:
    """The lines as list items: date and headline, the headline a link to the event's card. In the archive
    (`anchored`) each item is also the event's #event- anchor, and an event no explainer shows (its card
    address is that very item) has no link. An item depends only on the page's depth, so it is rendered once
    per depth and reused on every list it is in."""
    root = root_prefix(page_url(here, reuse.site.use_directory_urls))
    items = []
    for line in lines:
        key = (line.id, root, anchored)
        item = reuse.entries.get(key)
        if item is None:
            home = anchored and not reuse.site.explainers_of.get(line.id)  # its card address is this item
            item = Markup(reuse.renderer.render(
                "event-item.html", line=line, href=None if home else root + line.card, anchored=anchored,
                lang="en").strip("\n"))
            reuse.entries[key] = item
        items.append(item)
    return items


def _render(reuse: Reuse, template: str, **values) -> str:
    return reuse.renderer.render(
        template, t=labels_for("en"), d=DATA_LABELS["en"], lang="en", **values).strip("\n") + "\n"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site.

    `inputs` is what the page's body is made from, as a value that compares equal between two builds exactly
    when the body would come out the same (given the same templates, mkdocs.yml and registries), so an
    incremental build can skip a page whose inputs did not change. It holds frozen model objects, `Line`s and
    strings, in tuples:

    - actor or place page: `(entity, lines)`: the Actor or Place and a `Line` per event (date, headline and
      the card's address, which names the explainer that shows it, or the archive part);
    - tag page: `(tag, lines)`;
    - archive part: `(part, previous, next)`: the `Part` (its key, label and lines), and the neighbouring
      parts' `(key, label)` (or None at either end), which its links name;
    - archive index: `(("key", "label", count), ...)`, a triple per part;
    - embed: `(explainer, events)`: the Explainer and the events its timeline shows (each card renders the
      whole Event, with names from the registries);
    - field reference: `()`: it is made from the schema, which is code.
    """
    front: str  # front matter: MkDocs reads it with the file (title, lang, search)
    body: Callable[[], str]  # the Markdown, made when the page is converted, so no page waits in memory
    in_nav: bool
    inputs: tuple = ()

    def markdown(self) -> str:
        return self.front + self.body()


def archive_parts(reuse: Reuse) -> list[Part]:
    """Every event in exactly one part: its month as written (Site.archive_key), in the index's order."""
    site = reuse.site
    grouped: dict[str, list[Event]] = {}
    for event in site.index.ordered:
        grouped.setdefault(site.archive_key(event), []).append(event)
    return [Part(key, _part_label(key), _lines(reuse, grouped[key])) for key in sorted(grouped)]


def _part_label(key: str, lang: str = "en") -> str:
    year, _, month = key.partition("-")
    if not month:
        return DATA_LABELS[lang]["year_only"].format(year=year)
    return format_date(PartialDate(int(year), int(month)), lang)


def generated_pages(reuse: Reuse) -> dict[str, GeneratedPage]:
    """src_uri -> the page (field reference, actors, places, tags, archive index and parts, embeds)."""
    site = reuse.site
    content = site.content
    pages = {FIELD_REFERENCE: GeneratedPage("", reuse.renderer.field_reference_markdown, True, ())}
    events = site.index.ordered
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
    for registry, entities, index in (("actors", content.actors, by_actor), ("places", content.places, by_place)):
        for ident in sorted(entities):
            entity = entities[ident]
            uri = f"{registry}/{ident}.md"
            lines = _lines(reuse, index.get(ident, []))
            pages[uri] = GeneratedPage(_front(entity.name), partial(
                _list_page, reuse, "entity.html", uri, lines, registry=registry, entity=entity), False,
                (entity, lines))
    for tag in sorted(by_tag):
        uri = f"tags/{tag}.md"
        lines = _lines(reuse, by_tag[tag])
        pages[uri] = GeneratedPage(_front(f"Tag: {tag}"), partial(_list_page, reuse, "tag.html", uri, lines, tag=tag),
                                   False, (tag, lines))
    parts = archive_parts(reuse)
    index = tuple((part.key, part.label, len(part.lines)) for part in parts)
    pages[ARCHIVE] = GeneratedPage(_front(DATA_LABELS["en"]["archive"]),
                                   partial(archive_index, reuse, parts), True, index)
    for n, part in enumerate(parts):
        before = (parts[n - 1].key, parts[n - 1].label) if n > 0 else None
        after = (parts[n + 1].key, parts[n + 1].label) if n + 1 < len(parts) else None
        title = f"{DATA_LABELS['en']['archive']}: {part.label}"
        pages[part.src_uri] = GeneratedPage(_front(title), partial(archive_part, reuse, part, before, after), False,
                                            (part, before, after))
    for explainer in site.explainers:
        uri = site.embed_source(explainer)
        # The template (embed.html: no site chrome) is set in page_context, so these pages still build with
        # a theme that lacks it (e.g. the `generate` output under plain MkDocs).
        pages[uri] = GeneratedPage(_front(explainer.title, lang=explainer.lang, search="{exclude: true}"),
                                   partial(embed_body, reuse, explainer, uri), False,
                                   (explainer, tuple(_embedded_events(site, explainer))))
    return pages


def _list_page(reuse: Reuse, template: str, uri: str, lines: tuple[Line, ...], **values) -> str:
    return _render(reuse, template, items=_items(reuse, lines, uri), **values)


def archive_index(reuse: Reuse, parts: list[Part]) -> str:
    """archive.md: the parts by year, each with how many events it lists."""
    root = root_prefix(page_url(ARCHIVE, reuse.site.use_directory_urls))
    years: dict[str, dict] = {}
    for part in parts:
        year, _, month = part.key.partition("-")
        entry = years.setdefault(year, {"year": year, "count": 0, "parts": []})
        entry["count"] += len(part.lines)
        entry["parts"].append({"label": _month_name(int(month)) if month else DATA_LABELS["en"]["year_only_short"],
                               "url": root + reuse.site.page(part.src_uri), "count": len(part.lines)})
    return _render(reuse, "archive.html", years=list(years.values()),
                   total=sum(len(part.lines) for part in parts))


def archive_part(reuse: Reuse, part: Part, before: tuple | None, after: tuple | None) -> str:
    root = root_prefix(page_url(part.src_uri, reuse.site.use_directory_urls))
    page = reuse.site.page

    def link(neighbour):
        return None if neighbour is None else {"label": neighbour[1], "url": root + page(f"{ARCHIVE_DIR}{neighbour[0]}.md")}

    return _render(reuse, "archive-part.html", part=part, items=_items(reuse, part.lines, part.src_uri, anchored=True),
                   previous=link(before), next=link(after), index_url=root + page(ARCHIVE))


def _month_name(month: int, lang: str = "en") -> str:
    return babel_dates.format_date(date(2000, month, 1), "LLLL", locale=lang)  # standalone: 'November'


def _embedded_events(site: Site, explainer: Explainer) -> list[Event]:
    return [e for e in site.selected[explainer.src_uri] if not e.background]


def embed_body(reuse: Reuse, explainer: Explainer, uri: str) -> str:
    site, renderer = reuse.site, reuse.renderer
    root = root_prefix(page_url(uri, site.use_directory_urls))
    timeline = renderer.timeline_html(_embedded_events(site, explainer), explainer.lang, anchored=True, root=root)
    return reuse.renderer.render(
        "embed-body.html", explainer=explainer, lang=explainer.lang, t=labels_for(explainer.lang),
        url=site.link(site.explainer_path(explainer), site.page(uri)),
        timeline=Markup(timeline)).strip("\n") + "\n"


def limit_navigation(files, content, limit: int) -> None:
    """Only the `limit` most recently updated explainers stay in the sidebar. A sidebar listing every page is
    rendered into every page, so a site's size would grow with the square of its explainers; the home page and
    the archive still list them all."""
    from mkdocs.structure.files import InclusionLevel

    for explainer in newest_first(content.explainers.values())[limit:]:
        file = files.get_file_from_path(explainer.src_uri)
        if file is not None and file.inclusion.is_in_nav():
            file.inclusion = InclusionLevel.NOT_IN_NAV


def add_pages(files, config, reuse: Reuse):
    """Append the generated pages to MkDocs' files; a page an editor wrote at the same path wins."""
    from mkdocs.structure.files import File, InclusionLevel

    existing = set(files.src_uris)
    for uri, page in generated_pages(reuse).items():
        if uri in existing:
            continue
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, uri, content=page.front, inclusion=inclusion))
        reuse.bodies[uri] = page.body  # on_page_markdown asks for it (generate.page_markdown)
        reuse.generated[uri] = page  # incremental rebuilds compare its inputs
    return files


# The explainer page's Data section and <head> ---------------------------------------------------------------

def _links(site: Site, explainer: Explainer) -> dict:
    here = site.explainer_path(explainer)
    root = root_prefix(here)
    data = root + site.data_dir(explainer)
    embed = site.embed_path(explainer)
    return {"csv": data + "events.csv", "geojson": data + "events.geojson", "timeline": data + "timeline.json",
            "atom": data + "feed.atom", "json": data + "feed.json",
            "embed": site.absolute(embed) or root + embed,
            "site_atom": root + "feed.atom", "site_json": root + "feed.json"}


def data_section(reuse: Reuse, explainer: Explainer) -> str:
    site = reuse.site
    return reuse.renderer.render(
        "data.html", explainer=explainer, lang=explainer.lang, d=DATA_LABELS.get(explainer.lang, DATA_LABELS["en"]),
        links=_links(site, explainer)).strip("\n")


def head_html(reuse: Reuse, src_uri: str) -> Markup:
    """What partials/explainers-head.html prints: feed links on every page; JSON-LD and social cards on explainers."""
    site = reuse.site
    explainer = site.content.explainers.get(src_uri)
    here = site.page(src_uri)
    root = root_prefix(here)
    values = {"site": site, "explainer": explainer, "site_atom": root + "feed.atom",
              "site_json": root + "feed.json"}
    if explainer is not None:
        values.update(links=_links(site, explainer), url=site.absolute(here),
                      jsonld=Markup(jsonld.news_article_script(site, explainer)),
                      image=site.image, locale={"ar": "ar_AR"}.get(explainer.lang, "en_GB"))
    return Markup(reuse.renderer.render("head.html", **values).strip("\n"))


EMBED_TEMPLATE = "embed.html"


def page_template(page, reuse: Reuse) -> None:
    """Embed pages render with embed.html; set after the Markdown (on_page_content), before MkDocs picks it."""
    if page.file.src_uri in reuse.embeds:
        page.meta.setdefault("template", EMBED_TEMPLATE)


def page_context(page, reuse: Reuse) -> None:
    page.meta["explainers_head"] = head_html(reuse, page.file.src_uri)
