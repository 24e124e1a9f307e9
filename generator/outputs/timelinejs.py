"""A TimelineJS3 JSON document: drop timeline.json into a TimelineJS embed.

A slide says what the event's card says, in the page's language: its date as the card writes it (time, zone,
"c."), its group in words, and in its text the summary, the claims with their status and attribution, the
fatalities and the sources (theme/explainers/timelinejs-text.html).

It holds the explainer's key events and its newest NEWEST events (`slides`), not all of them: TimelineJS tells a
story a slide at a time, and its authors call a timeline of a thousand slides no story at all (nor does a
browser load it quickly). The explainer's page and its CSV keep every event.
"""

from __future__ import annotations

import html
from functools import lru_cache

import jinja2
from markupsafe import Markup

from ..format.schema import SITE_LANGUAGE
from ..format.text import inline_html, markdown_html
from ..format.theme_dirs import THEME_DIR
from .encoding import dumps_piece, dumps_with
from ..pages.labels import data_labels_for, labels_for
from ..pages.site import Site
from ..records.dates import PartialDate, format_date, format_time
from ..records.model import Event, Explainer, in_language, native_name

TEXT_TEMPLATE = "explainers/timelinejs-text.html"
NEWEST = 200  # besides the key events: the newest this many (README, "Data downloads")


def date_text(value: PartialDate, lang: str, zone_names: dict[str, str] | None = None, *,
              approximate: bool = False) -> str:
    """The date as the event's card writes it, as plain text: '09:15 IST (UTC+05:30), 6 December 2024'."""
    labels = labels_for(lang)
    text = format_date(value, lang)
    if value.has_time:
        text = labels["date_time"].format(time=format_time(value, zone_names), date=text)
    return f"{labels['circa']} {text}" if approximate else text


def _date(value: PartialDate, lang: str, zone_names: dict[str, str], approximate: bool = False) -> dict:
    out = {"year": value.year}
    for name in ("month", "day", "hour", "minute"):
        part = getattr(value, name)
        if part is not None:
            out[name] = part
    out["display_date"] = date_text(value, lang, zone_names, approximate=approximate)
    return out


def _headline(text: str) -> str:
    """TimelineJS inserts headlines as HTML, so markup is escaped; quotes are plain text there and stay as
    written, so the JSON read as data says "Hama's", not "Hama&#x27;s"."""
    return html.escape(text, quote=False)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # The export is the same file whichever site builds it: the plugin's own template, not a custom_dir's.
    # Jinja re-reads it when it changes (auto_reload), so a serve's rebuild after an edit writes the new text.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(THEME_DIR)), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(md=lambda t: Markup(markdown_html(t)), inline=lambda t: Markup(inline_html(t)))
    return env


def _words(text: str | None, lang: str) -> tuple[str | None, bool]:
    """(the text in `lang`, whether that is its translation): the original where there is none, which the
    template marks as in the site's language."""
    if lang == SITE_LANGUAGE or text is None:
        return text, True
    translated = in_language(text, lang)
    return (translated, True) if translated is not None else (str(text), False)


def _by(site: Site, by: str | None, lang: str) -> dict | None:
    if not by:
        return None
    actor = site.content.actors.get(by)
    if actor:
        return {"name": _words(actor.name, lang)[0], "native_name": native_name(actor, lang)}
    return {"name": _words(by, lang)[0], "native_name": None}


def slide_text(site: Site, event: Event, lang: str) -> str:
    zone_names = site.zone_names
    sources = [{"source": source, "title": _words(source.title, lang), "published": date_text(
                source.published, lang, zone_names) if source.published else None} for source in event.sources]
    return _environment().get_template(TEXT_TEMPLATE).render(
        event=event, t=labels_for(lang), words=lambda text: _words(text, lang), sources=sources,
        claims=[(claim, _by(site, claim.by, lang)) for claim in event.claims],
        fatalities_by=_by(site, event.fatalities.by, lang) if event.fatalities else None,
        retracted_at=date_text(event.retracted.at, lang, zone_names) if event.retracted else None,
    ).strip()


def slide(site: Site, event: Event, lang: str) -> dict:
    zone_names = site.zone_names
    t = labels_for(lang)
    shown = date_text(event.date, lang, zone_names, approximate=event.approximate)
    if event.end:
        shown += f" – {date_text(event.end, lang, zone_names)}"
    item = {
        "start_date": _date(event.date, lang, zone_names, event.approximate),
        "display_date": shown,  # what the slide and its marker show, the range included, as the card does
        "text": {"headline": _headline(_words(event.title, lang)[0]), "text": slide_text(site, event, lang)},
        "unique_id": f"event-{event.id}",
    }
    if event.retracted:  # TimelineJS shows the headline; programs read the flag
        item["text"]["headline"] = _headline(f"{t.retracted}: {_words(event.title, lang)[0]}")
        item["retracted"] = {"at": event.retracted.at.iso(), "reason": _words(event.retracted.reason, lang)[0]}
    if event.end:
        item["end_date"] = _date(event.end, lang, zone_names)
    if event.background:
        item["group"] = t.background
    elif event.type:
        item["group"] = t.types[event.type]
    return item


def slides(events: list[Event], newest: int = NEWEST) -> list[Event]:
    """The events a timeline holds, in their order: every key event, and the newest `newest` of all."""
    cut = max(len(events) - newest, 0)
    return [event for n, event in enumerate(events) if n >= cut or event.key]


def dumps_timeline(site: Site, explainer: Explainer, events: list[Event]) -> str:
    lang = explainer.lang
    held = slides(events)
    text = _headline(explainer.description) if explainer.description else ""
    if len(held) < len(events):  # the title slide says what is left out, and where all of it is
        d = data_labels_for(lang)
        url = html.escape(site.link(site.explainer_path(explainer) + "#timeline"))
        text += (f'<p>{html.escape(d.key_and_newest_of.format(shown=min(NEWEST, len(events)), total=len(events)))}'
                 f' <a href="{url}">{html.escape(d.full_timeline)}</a></p>')
    data = {"title": {"text": {"headline": _headline(explainer.title), "text": text}}}
    background = [e for e in events if e.background]
    if len(background) > 1 and background[0].date != background[-1].date:
        first, last = background[0], background[-1]
        data["eras"] = [{"start_date": _date(first.date, lang, site.zone_names),
                         "end_date": _date(last.end or last.date, lang, site.zone_names),
                         "text": {"headline": labels_for(lang).background, "text": ""}}]
    shown = [site.per_event(f"timelinejs-{lang}", e, lambda event: dumps_piece(slide(site, event, lang)))
             for e in held]
    return dumps_with(data, "events", shown)
