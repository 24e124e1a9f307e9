"""A TimelineJS3 JSON document: drop timeline.json into a TimelineJS embed."""

from __future__ import annotations

import html

from ..dates import PartialDate, format_date
from ..model import Event, Explainer
from ..text import markdown_html
from ..site import Site
from .encoding import dumps_piece, dumps_with


def _date(value: PartialDate, lang: str) -> dict:
    out = {"year": value.year}
    for name in ("month", "day", "hour", "minute"):
        part = getattr(value, name)
        if part is not None:
            out[name] = part
    out["display_date"] = format_date(value, lang)
    return out


def slide(event: Event, lang: str) -> dict:
    item = {
        "start_date": _date(event.date, lang),
        # TimelineJS inserts both as HTML: the title is escaped, the summary rendered with raw HTML off.
        "text": {"headline": html.escape(event.title), "text": markdown_html(event.summary) if event.summary else ""},
        "unique_id": f"event-{event.id}",
    }
    if event.end:
        item["end_date"] = _date(event.end, lang)
    if event.background:
        item["group"] = "Background"
    elif event.type:
        item["group"] = event.type
    return item


def dumps_timeline(site: Site, explainer: Explainer, events: list[Event]) -> str:
    data = {
        "title": {"text": {"headline": html.escape(explainer.title),
                           "text": html.escape(explainer.description) if explainer.description else ""}},
    }
    background = [e for e in events if e.background]
    if len(background) > 1 and background[0].date != background[-1].date:
        first, last = background[0], background[-1]
        data["eras"] = [{"start_date": _date(first.date, explainer.lang),
                         "end_date": _date(last.end or last.date, explainer.lang),
                         "text": {"headline": "Background", "text": ""}}]
    slides = [site.per_event(f"timelinejs-{explainer.lang}", e, lambda event: dumps_piece(slide(event, explainer.lang)))
              for e in events]
    return dumps_with(data, "events", slides)
