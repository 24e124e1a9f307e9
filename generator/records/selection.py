"""Selectors to ordered events, and the grouping of a timeline by day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from .dates import PartialDate
from .model import Event, Explainer, Selector


class EventIndex:
    """Events in display order, with inverted indexes so a selector costs what it selects, not all events."""

    def __init__(self, events: dict[str, Event]):
        self.ordered = sorted(events.values(), key=Event.sort_key)
        self.position = {event.id: n for n, event in enumerate(self.ordered)}
        self._chosen: dict[Selector, tuple[Event, ...]] = {}
        self._ids: dict[Selector, tuple[str, ...]] = {}
        self.by_tag: dict[str, set[str]] = defaultdict(set)
        self.by_actor: dict[str, set[str]] = defaultdict(set)
        self.by_place: dict[str, set[str]] = defaultdict(set)
        for event in self.ordered:
            for tag in event.tags:
                self.by_tag[tag].add(event.id)
            for actor in event.actors:
                self.by_actor[actor].add(event.id)
            if event.place:
                self.by_place[event.place].add(event.id)

    def select(self, selector: Selector) -> list[Event]:
        """The events `selector` chooses, in display order: a new list each call, chosen once per index (a
        build asks for each explainer's several times: its page, its embed, its feeds, the plan's re-reading)."""
        chosen = self._chosen.get(selector)
        if chosen is None:
            chosen = self._chosen[selector] = tuple(self._select(selector))
        return list(chosen)

    def ids(self, selector: Selector) -> tuple[str, ...]:
        """The ids of the events `selector` chooses, in display order, made once per index (the plan's
        re-reading asks for every selection at each save)."""
        found = self._ids.get(selector)
        if found is None:
            found = self._ids[selector] = tuple(event.id for event in self.select(selector))
        return found

    def _select(self, selector: Selector) -> list[Event]:
        candidates: set[str] | None = None
        for wanted, index in ((selector.tags, self.by_tag), (selector.actors, self.by_actor),
                              (selector.places, self.by_place)):
            if wanted:
                matched = set().union(*(index.get(key, ()) for key in wanted))
                candidates = matched if candidates is None else candidates & matched
        if selector.ids:
            matched = {i for i in selector.ids if i in self.position}
            candidates = matched if candidates is None else candidates & matched
        if candidates is None:
            chosen = self.ordered
        else:
            chosen = [self.ordered[n] for n in sorted(self.position[i] for i in candidates)]
        if selector.start or selector.end:
            chosen = [event for event in chosen if in_range(event.date, selector.start, selector.end)]
        return chosen


def in_range(value: PartialDate, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Inclusive at the precision written: `to: 2024-12` keeps all of December."""
    if start is not None and value.first_day() < start.first_day():
        return False
    if end is not None and value.first_day() > end.last_day():
        return False
    return True


@dataclass(frozen=True)
class DayGroup:
    date: PartialDate  # the day (or month, or year, for less precise events) in the events' own offsets
    events: tuple[Event, ...]


def group_by_day(events: list[Event]) -> list[DayGroup]:
    """Consecutive events sharing a calendar day as written; a month-only event forms its own month group."""
    return [DayGroup(_day(key), tuple(members)) for key, members in groupby(events, key=_day_key)]


def _day_key(event: Event) -> tuple[int, int, int]:
    return event.date.day_key()


@lru_cache(maxsize=None)  # the same days head the timelines of many pages; bounded by the days written
def _day(key: tuple[int, int, int]) -> PartialDate:
    year, month, day = key
    return PartialDate(year, month or None, day or None)


def newest_first(explainers) -> list[Explainer]:
    """Explainers by their last update (or publication), newest first; ties by path, so the order is stable."""
    def moment(explainer: Explainer) -> float:
        instant = explainer.last_change.instant()
        return instant.timestamp() if instant else 0.0

    return sorted(explainers, key=lambda x: (-moment(x), x.src_uri))


def corrections_log(explainer: Explainer, events: list[Event]) -> list[tuple]:
    """(correction, event or None) for the page's own corrections and its events', oldest first."""
    log = [(c, None) for c in explainer.corrections] + [(c, e) for e in events for c in e.corrections]
    log.sort(key=lambda pair: (pair[0].at.sort_key(), pair[1].id if pair[1] else ""))
    return log
