"""Generated pages (field reference, actor, place, tag, archive, embed), the explainers' "Data" section and their <head> extras.

The plugin calls these from thin hooks: `prepare_renderer` (on_pre_build), `limit_navigation` and `add_pages`
(on_files), `page_template` (on_page_content), `page_context` (on_page_context); exports.write_all
(on_post_build) writes the downloads the Data section links to. `limit_navigation` and `add_pages` are the only
functions here that touch MkDocs objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Callable

from markupsafe import Markup

from .exports import jsonld
from .exports.site import Site
from .labels import labels_for
from .model import Event, Explainer
from .rendering import Renderer, page_url, root_prefix
from .selection import newest_first

ARCHIVE = "archive.md"
FIELD_REFERENCE = "guide/fields.md"
DATA_LABELS = {
    "en": {"data": "Data", "intro": "The events on this page as data, free to reuse with credit:",
           "csv": "CSV (ACLED columns)", "geojson": "GeoJSON (map)", "timeline": "TimelineJS JSON",
           "atom": "Atom feed", "json": "JSON Feed", "embed": "Embed this timeline:",
           "archive": "All events", "events_of": "Events", "in": "in"},
    "ar": {"data": "البيانات", "intro": "أحداث هذه الصفحة بصيغ قابلة لإعادة الاستخدام مع ذكر المصدر:",
           "csv": "CSV (أعمدة ACLED)", "geojson": "GeoJSON (خريطة)", "timeline": "TimelineJS JSON",
           "atom": "موجز Atom", "json": "موجز JSON", "embed": "لتضمين هذا التسلسل الزمني:",
           "archive": "كل الأحداث", "events_of": "الأحداث", "in": "في"},
}


@dataclass
class Reuse:
    site: Site
    renderer: Renderer
    entries: dict = field(default_factory=dict)  # (event id, link root, anchored) -> its line in event lists
    bodies: dict = field(default_factory=dict)  # src_uri -> GeneratedPage.body, for the pages the plugin added

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


def _items(reuse: Reuse, events: list[Event], here: str, *, anchored: bool = False) -> list[Markup]:
    """The event lists' lines, each with links into the explainers' timelines that show it. An event's line
    depends only on the page's depth, so it is rendered once per depth and reused on every list it is in."""
    site, root = reuse.site, root_prefix(page_url(here, reuse.site.use_directory_urls))
    lines = []
    for event in events:
        key = (event.id, root, anchored)
        line = reuse.entries.get(key)
        if line is None:
            links = [(x, f"{root}{site.page(x.src_uri)}#event-{event.id}") for x in site.explainers_of.get(event.id, [])]
            if not anchored:
                links.append((None, f"{root}{site.page(ARCHIVE)}#event-{event.id}"))
            place = site.content.places.get(event.place) if event.place else None
            item = {"event": event, "links": links, "place": place,
                    "place_url": f"{root}{site.page(f'places/{place.id}.md')}" if place else None}
            line = Markup(reuse.renderer.render("event-item.html", item=item, anchored=anchored, t=labels_for("en"),
                                                d=DATA_LABELS["en"], lang="en").strip("\n"))
            reuse.entries[key] = line
        lines.append(line)
    return lines


def _render(reuse: Reuse, template: str, **values) -> str:
    return reuse.renderer.render(
        template, t=labels_for("en"), d=DATA_LABELS["en"], lang="en", **values).strip("\n") + "\n"


@dataclass(frozen=True)
class GeneratedPage:
    front: str  # front matter: MkDocs reads it with the file (title, lang, search)
    body: Callable[[], str]  # the Markdown, made when the page is converted, so no page waits in memory
    in_nav: bool

    def markdown(self) -> str:
        return self.front + self.body()


def generated_pages(reuse: Reuse) -> dict[str, GeneratedPage]:
    """src_uri -> the page (field reference, actors, places, tags, archive, embeds)."""
    site = reuse.site
    content = site.content
    pages = {FIELD_REFERENCE: GeneratedPage("", reuse.renderer.field_reference_markdown, True)}
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
            pages[uri] = GeneratedPage(_front(entity.name), partial(
                _list_page, reuse, "entity.html", uri, index.get(ident, []), registry=registry, entity=entity), False)
    for tag in sorted(by_tag):
        uri = f"tags/{tag}.md"
        pages[uri] = GeneratedPage(_front(f"Tag: {tag}"), partial(_list_page, reuse, "tag.html", uri, by_tag[tag], tag=tag),
                                   False)
    pages[ARCHIVE] = GeneratedPage(_front(DATA_LABELS["en"]["archive"]),
                                   partial(_list_page, reuse, "archive.html", ARCHIVE, events, anchored=True), True)
    for explainer in site.explainers:
        uri = site.embed_source(explainer)
        # The template (embed.html: no site chrome) is set in page_context, so these pages still build with
        # a theme that lacks it (e.g. the `generate` output under plain MkDocs).
        pages[uri] = GeneratedPage(_front(explainer.title, lang=explainer.lang, search="{exclude: true}"),
                                   partial(embed_body, reuse, explainer, uri), False)
    return pages


def _list_page(reuse: Reuse, template: str, uri: str, events: list[Event], anchored: bool = False, **values) -> str:
    return _render(reuse, template, anchored=anchored, items=_items(reuse, events, uri, anchored=anchored), **values)


def embed_body(reuse: Reuse, explainer: Explainer, uri: str) -> str:
    site, renderer = reuse.site, reuse.renderer
    root = root_prefix(page_url(uri, site.use_directory_urls))
    current = [e for e in site.selected[explainer.src_uri] if not e.background]
    timeline = renderer.timeline_html(current, explainer.lang, anchored=True, root=root)
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
