"""The model to page Markdown: editors' prose with HTML blocks rendered from the templates in theme/explainers/.

Each event is rendered once per (language, anchored, link root) and the fragment reused on every page that
shows it, so the cost grows with the events shown, not with events x pages. The records are read through
`reads.Recorded`, so each page's reads are recorded as it is made (a reused fragment brings its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.runtime import new_context
from markupsafe import Markup, escape

from ..format import schema as s
from ..format.countries import display_name
from ..format.reference import sections, vocabularies
from ..format.schema import SITE_LANGUAGE
from ..format.text import inline_html, markdown_html
from ..format.theme_dirs import THEME_DIR
from .blocks import HtmlBlocks
from .labels import data_labels_for, labels_for
from .maps.basemap import Basemaps, fmt as coordinate
from .maps.layout import Spot
from .maps.view import map_view
from .reads import Recorded, digest, selector_key, timeline_count
from .site import Site, entity_source, root_prefix
from ..records.changes import LATEST, card_changed, last_change, page_changes
from ..records.content import TIMELINE_FENCE  # the pattern the loader validated the blocks with
from ..records.dates import PartialDate, format_date, format_time, range_parts
from ..records.model import Content, Event, Explainer, Selector, Tag, in_language, native_name
from ..records.selection import corrections_log, group_by_day, newest_first

SUMMARY_MARKER = "<!-- what-we-know-so-far -->"
# A date on a right-to-left page is one isolated run: beside an English publisher or title its day, month and
# year would otherwise be reordered among them ("27 2024 نوفمبر"). On English pages, nothing: unchanged bytes.
_ISOLATE = {"ltr": "", "rtl": ' dir="rtl"'}
TIMELINE_MARKER = "<!-- timeline -->"
HOME_MARKER = "<!-- explainers -->"
_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})")
_HEADING = re.compile(r"^#{1,6}\s|^.+\n[=-]+\s*$")


@dataclass
class Renderer:
    """Renders theme/explainers/ templates for one build. `theme_dirs`: the site's search path (its custom_dir
    first); the plugin's own folder is the fallback. `blocks`: set by the plugin, so `html_block`s go to
    Markdown's stash, not inline. `content` is read through `reads.Recorded`: what a page reads of it is
    recorded in `site.reads` while the page is made."""
    content: Content
    site: Site
    theme_dirs: list[Path] = field(default_factory=list)
    zone_names: dict[str, str] = field(default_factory=dict)
    blocks: HtmlBlocks | None = None

    def __post_init__(self):
        self.reads = self.site.reads
        if not isinstance(self.content, Recorded):
            self.content = Recorded(self.content, self.reads)
        dirs = [Path(d) for d in self.theme_dirs]
        if THEME_DIR not in dirs:
            dirs.append(THEME_DIR)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
            autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined, auto_reload=False,  # one Renderer per build: no re-stat per event
        )
        self.env.globals.update(date=self.date_html, source_line=self.source_html, attribution=self.attribution_html,
                                tr=self.translated_html, date_range=self.date_range_html, native=native_name,
                                labels=labels_for,
                                md=lambda t: Markup(markdown_html(t)),
                                inline=lambda t: Markup(inline_html(t)))
        self.env.filters["html_block"] = self.html_block
        self.env.filters["coord"] = coordinate  # map coordinates, one decimal (maps/basemap.py)
        self.env.filters["country_name"] = display_name  # a place's country in the page's language (CLDR's)
        self.index = self.site.index
        self._templates: dict[str, tuple] = {}  # name -> (template, its globals), for render()
        self._fragments: dict[tuple, tuple[Markup, dict]] = {}  # with the reads each was made from
        self.reads.made = self._fragments  # what a later build may reuse (reads.Recorder.reuse)
        self._dates: dict[tuple, Markup] = {}  # the same dates recur on every page that shows an event
        self.basemaps = Basemaps()  # the basemap sheets the build's maps show, each published once

    # Pieces used by the templates ---------------------------------------------------------------------------

    def date_html(self, value: PartialDate, lang: str, *, weekday: bool = False, approximate: bool = False,
                  with_time: bool = True) -> Markup:
        key = (value, lang, weekday, approximate, with_time)
        html = self._dates.get(key)
        if html is None:
            labels = labels_for(lang)
            text = escape(format_date(value, lang, weekday=weekday))
            if with_time and value.has_time:
                clock = escape(format_time(value, self.zone_names))
                if labels["dir"] == "rtl":  # "10:32 IST (UTC+05:30)" reads left to right inside Arabic text
                    clock = Markup(f'<span dir="ltr">{clock}</span>')
                text = Markup(labels["date_time"]).format(time=clock, date=text)
            if approximate:
                text = Markup("{} {}").format(labels["circa"], text)
            html = Markup(f'<time datetime="{value.iso()}"{_ISOLATE[labels["dir"]]}>{text}</time>')
            self._dates[key] = html
        return html

    def date_range_html(self, start: PartialDate, end: PartialDate | None, lang: str, *,
                        approximate: bool = False, with_time: bool = True) -> Markup:
        """The `date_range` global: a date, or a start and an end, each a <time>, in the language's own form of a
        range ('27–29 نوفمبر 2024': dates.range_parts)."""
        if end is None:
            return self.date_html(start, lang, approximate=approximate, with_time=with_time)
        key = (start, end, lang, approximate, with_time)
        html = self._dates.get(key)
        if html is None:
            first, between, last = range_parts(start, end, lang)
            if (first, last) == (format_date(start, lang), format_date(end, lang)):
                html = Markup("{}{}{}").format(
                    self.date_html(start, lang, approximate=approximate, with_time=with_time), between,
                    self.date_html(end, lang, with_time=with_time))
            else:  # the interval's pieces, each in the <time> of the day it names
                circa = Markup("{} ").format(labels_for(lang)["circa"]) if approximate else ""
                isolate = Markup(_ISOLATE[labels_for(lang)["dir"]])
                html = Markup('<time datetime="{}"{}>{}{}</time>{}<time datetime="{}"{}>{}</time>').format(
                    start.iso(), isolate, circa, first, between, end.iso(), isolate, last)
            self._dates[key] = html
        return html

    def render(self, name: str, **values) -> str:
        """theme/explainers/<name> rendered with `values`."""
        return self.render_path(f"explainers/{name}", **values)

    def render_path(self, name: str, **values) -> str:
        """theme/<name> rendered with `values`. What Template.render does, less its copy of every global into a
        fresh context on each call, which is a third of the cost of rendering one event line."""
        found = self._templates.get(name)
        if found is None:
            template = self.env.get_template(name)
            found = self._templates[name] = (template, dict(template.globals))
        template, globals_ = found
        # Template.new_context(..., shared=True), with the globals as the plain dict they were copied into
        context = new_context(self.env, template.name, template.blocks, {**globals_, **values}, True, globals_)
        try:
            return self.env.concat(template.root_render_func(context))
        except Exception:
            self.env.handle_exception()  # as Template.render: the traceback points into the template

    def html_block(self, block: str) -> Markup:
        """The `html_block` filter: whole block-level elements, at the start of a line, that Markdown need not
        parse (blocks.py). Inline unless the plugin set `blocks`; a blank line around it either way."""
        if block[:1] == "\n" or block[-1:] == "\n":  # templates end the filter with {%- endfilter %}: no copy
            block = block.strip("\n")
        return Markup(f"\n{self.blocks.add(block) if self.blocks is not None else block}\n")

    def macro_html(self, macro: str, key: tuple, *args) -> Markup:
        """A macro of macros.html, called once per key: the same sources and attributions recur in the events
        and in every page's lists, and a macro call costs more than the rest of a claim's line. The key is
        what it shows (a source, a name), so what it made is kept for serve's next build too: it reads nothing
        else but the templates and the site's settings, on which every carried piece depends."""
        def make() -> Markup:
            module = self.env.get_template("explainers/macros.html").module  # loaded once, then cached by Jinja
            return getattr(module, macro)(*args)
        return self.reads.memo(("macro", macro, key), make)

    def source_html(self, source, lang: str, macro: str = "source_line") -> Markup:
        """A source's citation (the `source_line` macro; `source_item`: as a list item)."""
        return self.macro_html(macro, (source, lang), source, lang)

    def attribution_html(self, by: dict) -> Markup:
        """Who a claim comes from (the `attribution` macro), from `attribution()`'s dict."""
        return self.macro_html("attribution", (by["name"], by["native_name"]), by)

    def attribution(self, by: str | None, lang: str = SITE_LANGUAGE) -> dict | None:
        """An actor id becomes the actor (its name in the page's language, and native name); free text stays as
        written."""
        if not by:
            return None
        actor = self.content.actors.get(by)
        if actor:
            return {"name": self.translated_html(actor.name, lang), "native_name": native_name(actor, lang),
                    "id": actor.id}
        return {"name": self.translated_html(by, lang), "native_name": None, "id": None}

    def translated_html(self, text: str | None, lang: str, form: str = "text", note: bool = True,
                        written_in: str = SITE_LANGUAGE) -> Markup:
        """The `tr` global: an editors' text on a page in `lang`: its translation, or the original marked as in
        the site's language and, visibly (`note`), as not yet translated; a source's title is cited as published,
        without the note. `form`: text, inline (Markdown without paragraphs) or md (Markdown blocks).
        `written_in`: the language of plain text (an explainer's own front matter is in the page's language)."""
        if not text:
            return Markup("")
        translation = text if lang == SITE_LANGUAGE or (lang == written_in and type(text) is str) \
            else in_language(text, lang)
        shown = translation if translation is not None else str(text)
        html = escape(shown) if form == "text" else Markup(inline_html(shown) if form == "inline" else markdown_html(shown))
        if translation is not None:
            return Markup(html)
        if not note:
            return Markup(f'<span lang="{SITE_LANGUAGE}" dir="auto">{html}</span>')
        note = Markup('<span class="ce-untranslated">{}</span>').format(labels_for(lang)["untranslated"])
        tag = "div" if form == "md" else "span"
        return Markup(f'<{tag} lang="{SITE_LANGUAGE}" dir="auto">{html}</{tag}> {note}')

    @staticmethod
    def claim_statuses(events: list[Event]) -> list[str]:
        """The statuses the events' claims have, each once, in the schema's order (confirmed first): a scale,
        read the same way wherever it is shown."""
        found = {claim.status for event in events for claim in event.claims}
        return [status for status in s.CLAIM_STATUSES if status in found]

    def legend_html(self, events: list[Event], lang: str) -> Markup:
        """What the claim statuses the events use mean (legend.html); nothing when they have no claims."""
        statuses = self.claim_statuses(events)
        if not statuses:
            return Markup("")
        return Markup(self.render("legend.html", statuses=statuses, t=labels_for(lang)).strip("\n"))

    def tag(self, slug: str) -> Tag:
        """The tag as tags.yml names it; without an entry (a site without tags.yml), named by its slug."""
        return self.content.tags.get(slug) or Tag(slug, slug)

    def entity_href(self, root: str | None, lang: str = SITE_LANGUAGE):
        """A function (registry, id) -> link to that entity page (in `lang`) from a page `root` away, or None."""
        if root is None:
            return None
        return lambda registry, ident: root + self.site.page(entity_source(registry, ident, lang))

    def page_root(self, src_uri: str) -> str:
        return root_prefix(self.site.page(src_uri))

    def event_html(self, event: Event, lang: str, anchored: bool = True, root: str | None = None) -> Markup:
        return self.reads.memo((event.id, lang, anchored, root), lambda: Markup(self.render(
            "event.html", event=event, lang=lang, t=labels_for(lang), anchored=anchored,
            href=self.entity_href(root, lang),
            place=self.content.places.get(event.place) if event.place else None,
            actors=[self.content.actors[a] for a in event.actors if a in self.content.actors],
            tags=[self.tag(slug) for slug in event.tags],
            claims=[(claim, self.attribution(claim.by, lang)) for claim in event.claims],
            fatalities_by=self.attribution(event.fatalities.by, lang) if event.fatalities else None,
            changed=card_changed(event),
            filters={"actors": " ".join(event.actors)},
        ).strip()), lambda: ((("events", event.id), digest(event)),))

    def timeline_html(self, events: list[Event], lang: str, *, anchored: bool = True, kind: str = "timeline",
                      root: str | None = None) -> str:
        groups = [(group, Markup("\n".join([self.event_html(e, lang, anchored, root) for e in group.events])))
                  for group in group_by_day(events)]
        return self.render(
            "timeline.html", groups=groups, count=len(events), lang=lang, t=labels_for(lang), anchored=anchored,
            kind=kind)

    def map_spots(self, events: list[Event], lang: str) -> tuple[list[Spot], int]:
        """The places of the events that have coordinates, with their event counts and names in `lang` (sorted
        by id), and how many events have none."""
        counts: dict[str, int] = {}
        unmapped = 0
        for event in events:
            place = self.content.places.get(event.place) if event.place else None
            if place is None or place.lat is None or place.lon is None:
                unmapped += 1
            else:
                counts[place.id] = counts.get(place.id, 0) + 1
        spots = []
        for ident in sorted(counts):
            place = self.content.places[ident]
            name = str(place.name) if lang == SITE_LANGUAGE else in_language(place.name, lang)
            spots.append(Spot(ident, place.lon, place.lat, place.precision, counts[ident], name or str(place.name),
                              native_name(place, lang), None if name is not None else SITE_LANGUAGE))
        return spots, unmapped

    def map_html(self, events: list[Event], lang: str, root: str | None, *, size: str = "page",
                 here: str | None = None) -> Markup:
        """The locator map of the events' places (map.html); nothing when none has coordinates. Its basemap is a
        shared file (`self.basemaps`, published by maps.basemap.write_basemaps after the pages)."""
        spots, unmapped = self.map_spots(events, lang)
        t = labels_for(lang)
        view = map_view(spots, t["dir"], self.basemaps, size=size, unmapped=unmapped)
        if view is None:
            return Markup("")
        return Markup(self.render("map.html", view=view, lang=lang, t=t, size=size, here=here,
                                  href=self.entity_href(root, lang), maps_root=root or "").strip("\n"))

    # Pages ----------------------------------------------------------------------------------------------------

    def select(self, selector: Selector) -> list[Event]:
        """The events a selector chooses; while a page is made, its choice and each event are recorded."""
        events = self.index.select(selector)
        if self.reads.recording:
            note = self.reads.note
            note(("select", selector_key(selector)), self.index.ids(selector))
            for event in events:
                note(("events", event.id), digest(event))
        return events

    def timeline_count(self, selector: Selector) -> int:
        """How many events a selector puts on a timeline (the home page's counts): recorded as the number, so
        that no other change to those events is a change to the page that shows it."""
        count = timeline_count(self.index, selector)
        self.reads.note(("count", selector_key(selector)), count)
        return count

    def published_with(self, events: list[Event]) -> None:
        """What an explainer's other files read of its events besides the page (they are written when the page
        is rebuilt): the data files, the head's JSON-LD and the lite edition link each event's card (wherever
        it is) and look up any registry entry its record names, in any field."""
        if not self.reads.recording:
            return
        note = self.reads.note
        for event in events:
            self.site.event_path(event)
            note(("named", event.id), self.site.named(event))

    def explainer_markdown(self, explainer: Explainer, markdown: str | None = None) -> str:
        """The explainer's whole page as Markdown: what the plugin hands MkDocs and `generate` writes."""
        lang = explainer.lang
        t = labels_for(lang)
        selected = self.select(explainer.selector)
        self.published_with(selected)
        current = [e for e in selected if not e.background]
        background = [e for e in selected if e.background]
        body = explainer.body if markdown is None else markdown
        root = self.page_root(explainer.src_uri)
        body = self._embed_timelines(body, explainer, lang, root)

        def section(name: str, **extra) -> str:
            return self.render(
                f"{name}.html", explainer=explainer, lang=lang, t=t, **extra).strip("\n")

        # A retracted event stays on its card, marked, but is no longer something "we know".
        summary = section("summary", events=[e for e in current if e.key and not e.retracted], renderer=self)
        timeline = section("timeline-section", timeline=Markup(self.timeline_html(current, lang, root=root)),
                           count=len(current), legend=self.legend_html(selected, lang))
        located = self.map_html(current or selected, lang, root)  # before the timeline, wherever that goes
        if located:
            timeline = f"{located}\n\n{timeline}"
        has_title = bool(re.match(r"\s*#\s", body))
        body = _insert(body, SUMMARY_MARKER, summary, after_lede=True)
        timeline_placed = TIMELINE_MARKER in body
        body = _insert(body, TIMELINE_MARKER, timeline, after_lede=False)
        corrections = corrections_log(explainer, selected)
        changes = page_changes(explainer, selected)
        return self.render(
            "explainer.html", explainer=explainer, lang=lang, t=t, has_title=has_title, body=Markup(body.strip("\n")),
            timeline=Markup("" if timeline_placed else timeline),
            background=Markup(self.timeline_html(background, lang, kind="background", root=root)) if background else "",
            sources=Markup("\n".join([self.source_html(s, lang, "source_item") for s in _unique_sources(selected)])),
            corrections=corrections,
            data=Markup(self.data_section(explainer)),
            changes=changes, live=self.live_state(explainer, changes),
            lite=root + self.site.lite_path(explainer),
            versions=[{"lang": x.lang, "name": labels_for(x.lang)["language_name"],
                       "url": root + self.site.page(x.src_uri)}
                      for x in self.site.versions(explainer) if x is not explainer],
        )

    def live_state(self, explainer: Explainer, changes: list) -> dict | None:
        """A live page's banner and "Latest" list; None for a page that is not live."""
        if not explainer.live:
            return None
        return {"ended": self.site.ended(explainer), "last_change": last_change(explainer, changes),
                "latest": changes[:LATEST]}

    def data_section(self, explainer: Explainer) -> str:
        """The explainer's downloads, feeds and embed snippet (the files exports.write_all writes)."""
        return self.render("data.html", explainer=explainer, lang=explainer.lang, d=data_labels_for(explainer.lang),
                           links=self.site.downloads(explainer)).strip("\n")

    def home_markdown(self, markdown: str, src_uri: str = "index.md") -> str:
        here = self.site.page(src_uri)
        items = []
        for explainer in newest_first(self.content.explainers.values()):
            url = root_prefix(here) + self.site.page(explainer.src_uri)
            count = self.timeline_count(explainer.selector)
            items.append({"explainer": explainer, "url": url, "count": count, "t": labels_for(explainer.lang)})
        listing = self.render("home.html", items=items, t=labels_for("en")).strip("\n")
        if HOME_MARKER in markdown:
            return markdown.replace(HOME_MARKER, listing, 1)
        return f"{markdown.rstrip()}\n\n{listing}\n"

    def field_reference_markdown(self) -> str:
        return self.render(
            "field-reference.html", sections=sections(), vocabularies=vocabularies())

    def problems_markdown(self, problems) -> str:
        return self.render(
            "problems.html", problems=problems, t=labels_for("en")).strip("\n")

    def problems_html(self, problems) -> str:
        """The same list as plain HTML, for serve's overlay."""
        return self.render("problems-list.html", problems=problems, t=labels_for("en")).strip("\n")

    def _embed_timelines(self, body: str, explainer: Explainer, lang: str, root: str | None = None) -> str:
        selectors = {block.source: block.selector for block in explainer.embedded}

        def replace(match: re.Match) -> str:
            selector = selectors.get(match.group("body"))
            if selector is None:
                return match.group(0)
            html = self.timeline_html(self.select(selector), lang, anchored=False, kind="embedded", root=root)
            return html.strip("\n")

        return TIMELINE_FENCE.sub(replace, body)


def _unique_sources(events: list[Event]) -> list:
    seen, sources = set(), []
    for event in events:
        for source in event.sources:
            key = (source.title, source.publisher, source.url)
            if key not in seen:
                seen.add(key)
                sources.append(source)
    return sources


def _insert(body: str, marker: str, html: str, *, after_lede: bool) -> str:
    """Put an HTML section at the editor's marker; without one, after the lede paragraph (or nowhere)."""
    if marker in body:
        return body.replace(marker, f"\n{html}\n", 1)
    if not after_lede:
        return body
    blocks = _blocks(body)
    for start, end, text in blocks:
        if not (_HEADING.match(text) or text.startswith(("<!--", "```", "~~~", "<"))):
            return f"{body[:end].rstrip()}\n\n{html}\n\n{body[end:].lstrip()}"
    return f"{html}\n\n{body}"


def _blocks(body: str) -> list[tuple[int, int, str]]:
    """Paragraph-level blocks (start, end, text) separated by blank lines; fenced code stays whole."""
    blocks, start, fence, pos = [], None, None, 0
    for line in body.splitlines(keepends=True):
        stripped = line.strip()
        opener = _FENCE_LINE.match(stripped)
        if fence:
            if stripped.startswith(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
            start = pos if start is None else start
        elif not stripped:
            if start is not None:
                blocks.append((start, pos, body[start:pos].strip()))
                start = None
        elif start is None:
            start = pos
        pos += len(line)
    if start is not None:
        blocks.append((start, pos, body[start:pos].strip()))
    return blocks
