"""The site's search index: Pagefind, fed records made from the model (no HTML is parsed).

One record per explainer (title, description, prose, unknowns) and one per event and language, however many
explainers show it, at its card (`Site.event_path`; in another language, in that language's first explainer that
shows it) with its title, date, places, actors, summary and claims. A record is in its
page's language (an event's: that of the explainer its card is read in), so Pagefind stems it with that
language's rules, and the UI searches the index of the page's language (Pagefind reads <html lang>); an event
read in another language's edition is indexed in the words its card shows there (its translations, the original
where one is missing), so a reader of the Arabic site finds it by its Arabic headline. One record per actor and
place page, by its name. Tag, archive and embed pages and the editors' guide stay out: they hold nothing the
records lack, or are not for readers.

The records are written into an index by the Pagefind engine (engines/pagefind/index.py). records() renders
editors' Markdown through text.py's one shared (and cached) converter, which is not thread-safe: make them on
the build's thread.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

from ..format.text import markdown_html
from ..format.reserved import LISTS_LANG
from ..pages.generated import edition_index
from ..pages.site import Site, entity_source
from ..records.content import TIMELINE_FENCE
from ..records.model import Event, Explainer, in_words

DEFAULT_LANGUAGE = "en"  # an explainer's language when its front matter names none (model.Explainer.lang)


@dataclass(frozen=True)
class Record:
    url: str  # from the site root, starting with "/": Pagefind's UI puts the site's own path before it
    language: str
    title: str  # the result's title, shown as text (theme/partials/search.html); Pagefind searches it too, its
    # words weighted five times a word of the content (Pagefind 1.5's default for the meta field "title")
    content: str  # what is searched and excerpted: HTML-escaped text, since the UI inserts excerpts as HTML.
    # Not the title again: its words would be indexed twice, and the one-line excerpt would repeat the title.


# Records ---------------------------------------------------------------------------------------------------------

def records(site: Site, cache: dict | None = None) -> list[Record]:
    """The explainers (by path), then every event (by date), each once. `cache` (kept by the caller between
    builds while serving): an event whose record, card address and registries are unchanged is not made again."""
    content = site.content
    found = [explainer_record(site, explainer) for explainer in site.explainers]
    found += entity_records(site)
    registries = (id(content.actors), id(content.places))  # load_content's cache keeps them while unchanged
    for event in content.events.values():  # in date order already
        cards = event_cards(site, event)
        key = (event, cards, registries)
        cached = cache.get(event.id) if cache is not None else None
        if cached is None or cached[0] != key:
            cached = (key, [event_record(site, event, path, lang) for path, lang in cards])
            if cache is not None:
                cache[event.id] = cached
        found.extend(cached[1])
    return found


def event_cards(site: Site, event: Event) -> tuple[tuple[str, str], ...]:
    """(card address, language) for each language an event is read in: its card (Site.event_path), then, for
    every other language an explainer shows it in, its card in the first such explainer (by path), so that the
    Arabic site's search finds it too, in Arabic."""
    path = site.event_path(event)
    home = next((x for x in site.explainers_of.get(event.id, ()) if path.startswith(site.explainer_path(x) + "#")),
                None)
    cards = {home.lang if home else DEFAULT_LANGUAGE: path}  # the archive and the other lists are in English
    for explainer in site.explainers_of.get(event.id, ()):
        cards.setdefault(explainer.lang, f"{site.explainer_path(explainer)}#event-{event.id}")
    return tuple((card, lang) for lang, card in cards.items())


def explainer_record(site: Site, explainer: Explainer) -> Record:
    prose = _MARKDOWN_ATTRIBUTES.sub("", TIMELINE_FENCE.sub("", explainer.body))
    parts = [_text(explainer.description), _text(prose)]
    parts += [_text(unknown) for unknown in explainer.unknowns]
    title = explainer.title
    return Record(_url(site.explainer_path(explainer)), explainer.lang, title, _join(parts, title))


def entity_records(site: Site) -> list[Record]:
    """A record per actor and place page, in each language it has a page in (generated.py: every entity in
    English; in another, those its explainers' events name): its name, native name and description, so that a
    reader who types a name finds the page that lists all its events, though the events' own records leave
    names out. About a hundred records against thousands: the index hardly grows."""
    content = site.content
    found = []
    editions = {lang: edition_index(site, lang) for lang in sorted({x.lang for x in site.explainers} - {LISTS_LANG})}
    for n, (registry, entities) in enumerate((("actors", content.actors), ("places", content.places))):
        for ident, entity in sorted(entities.items()):
            for lang in [LISTS_LANG, *(lang for lang, index in editions.items() if index[n].get(ident))]:
                title = str(in_words(entity.name, lang))
                parts = [_clean(html.escape(entity.native_name or "", quote=False)),
                         _text(in_words(getattr(entity, "description", None), lang))]
                found.append(Record(_url(site.page(entity_source(registry, ident, lang))), lang, title,
                                    _join(parts, title)))
    return found


def event_record(site: Site, event: Event, path: str, lang: str) -> Record:
    """The event as its card at `path`, in `lang`, shows it: its headline, summary and claims, what readers search
    for. Not its date, places, actors or sources: the date and the places' and actors' names are on every card of
    them (a place's "Governorate", a month's name), so their words were each in thousands of records, which made
    the index's chunks, and every search that loads them, larger, and ranked an event for a word it merely is
    filed under. A reader looking for a place or an actor finds its page (entity_records), which lists all
    its events, and the events whose text names it."""

    def shown(text):  # what the card shows: the edition's translation, or the original where there is none yet
        return in_words(text, lang)

    title = shown(event.title)
    parts = [_text(shown(event.summary))]
    parts += [_text(shown(claim.text)) for claim in event.claims]
    return Record(_url(path), lang, str(title), _join(parts, title))


# Terms the header box searches only once the reader pauses (theme/partials/search.html). Pagefind searches a term
# as the beginning of words, and its cost grows with the records it matches: at 20,000 events, "the" (in 98 % of
# the records) took 2.5 s, "for" (65 %) 1.2-3.5 s, "acc" (26 %, 5,150 records) 0.3-0.45 s, on a 2-core machine
# under load. Typed on the way to a word ("for" of "forces"), such a search ran to its end before the word's own.
COMMON_RECORDS = 5000  # a term that begins words in more records than this is searched after a pause
COMMON_LENGTHS = range(3, 6)  # shorter terms always wait for a pause (the script); longer ones are rarer than this


def common_terms(found: list[Record]) -> dict[str, list[str]]:
    """Per language, the terms of COMMON_LENGTHS characters that begin a word in more than COMMON_RECORDS of its
    records (title or text), sorted. Empty on a site smaller than that."""
    by_language: dict[str, Counter] = {}
    for record in found:
        words = set(_WORD.findall(f"{record.title} {html.unescape(record.content)}".lower()))
        by_language.setdefault(record.language, Counter()).update(
            {word[:n] for word in words for n in COMMON_LENGTHS if len(word) >= n})
    return {language: sorted(term for term, records in counts.items() if records > COMMON_RECORDS)
            for language, counts in sorted(by_language.items())}


_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")  # in markdown_html's output every '<' of the text is escaped: these are its tags
_SPACE = re.compile(r"\s+")
_MARKDOWN_ATTRIBUTES = re.compile(r"\{:[^}\n]*\}")  # `{: #id .class}` after headings: not prose
# Pagefind reads words like ___PAGEFIND_WEIGHT___0 in a record as instructions; editors' text may not give any.
_SENTINEL = re.compile(r"_{2,}(?=(?:END_)?PAGEFIND_)")


def _text(markdown: str | None) -> str:
    """Editors' Markdown as escaped plain text: rendered as every field is (raw HTML shown as text), tags dropped,
    entities kept."""
    if not markdown:
        return ""
    return _clean(_TAG.sub("", markdown_html(markdown)))


def _clean(text: str) -> str:
    return _SENTINEL.sub("_", _SPACE.sub(" ", text)).strip()


def _join(parts: list[str], title: str) -> str:
    """The parts, or the title where there are none: Pagefind drops a record with no content (its title too)."""
    return "\n".join(part for part in dict.fromkeys(parts) if part) or _clean(html.escape(str(title), quote=False))


def _url(path: str) -> str:
    return "/" + quote(path, safe="/#")
