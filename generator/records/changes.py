"""What changed on an explainer page, and when: the record of change that the "Latest" list, the "Changes to
this page" log, the feeds and the live-blog structured data are all made from (issue 17).

Nothing here is stored: every change is derived from what the records already say (an event's `updated`,
corrections, retraction, its claims' histories; the explainer's corrections), so the log cannot drift from the
records, and a change an editor makes to a record is the change readers see.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone

from .dates import PartialDate
from .model import Event, Explainer

# Kinds of change, in the order two changes at the same moment are listed (after newest first).
KINDS = ("retracted", "status", "corrected", "page-corrected", "updated", "added")
LATEST = 5  # how many changes the "Latest" list of a live page shows


@dataclass(frozen=True)
class Change:
    at: PartialDate
    kind: str  # one of KINDS
    event: Event | None = None  # None for a correction to the page's own prose
    claim: int = 0  # for a status change: the claim's number in its event, counted from 1
    text: str | None = None  # a correction's text, a retraction's reason, a status change's note
    old_status: str | None = None
    new_status: str | None = None

    @property
    def anchor(self) -> str:
        """Where on the page the change is: the claim, the event's card, or the corrections."""
        if self.event is None:
            return "corrections"
        if self.claim:
            return claim_anchor(self.event, self.claim)
        return f"event-{self.event.id}"

    @property
    def key(self) -> str:
        """A name for the change that stays the same from build to build (feed entry ids)."""
        what = self.event.id if self.event is not None else "page"
        return f"{what}/{self.kind}{f'-{self.claim}' if self.claim else ''}/{self.at.iso()}"


def claim_anchor(event: Event, number: int) -> str:
    return f"event-{event.id}-claim-{number}"


def build_time() -> datetime:
    """Now, for whether live coverage has ended; SOURCE_DATE_EPOCH (reproducible builds) fixes it, so the same
    content and the same epoch give the same files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def _moment(value: PartialDate) -> datetime | None:
    moment = value.instant()
    if moment is None:  # a date without time: its first moment, in UTC
        day = value.first_day()
        moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return moment


def event_changes(event: Event) -> list[Change]:
    """Everything the record says changed about the event, in no particular order; an `updated` that another
    change of the same moment explains (a correction, a status change) is not listed twice."""
    changes = [Change(c.at, "corrected", event, text=c.text) for c in event.corrections]
    for number, claim in enumerate(event.claims, 1):
        changes += [Change(state.at, "status", event, number, state.note, state.status, new)
                    for state, new in claim.changes]
    if event.retracted is not None:
        changes.append(Change(event.retracted.at, "retracted", event, text=event.retracted.reason))
    if event.updated is not None and all(_moment(c.at) != _moment(event.updated) for c in changes):
        changes.append(Change(event.updated, "updated", event))
    return changes


def page_changes(explainer: Explainer, events: list[Event]) -> list[Change]:
    """The changes to the page since it was first published, newest first. An event the page shows that
    happened after the page was published was added to it then or later: it is listed as added, at its own
    time (no record says exactly when it was added)."""
    published = _moment(explainer.published)
    changes = [Change(c.at, "page-corrected", None, text=c.text) for c in explainer.corrections]
    for event in events:
        changes += event_changes(event)
        if event.date.has_time and _moment(event.date) > published:
            changes.append(Change(event.date, "added", event))
    changes = [c for c in changes if _moment(c.at) >= published]
    changes.sort(key=lambda c: (-_moment(c.at).timestamp(), KINDS.index(c.kind),
                                c.event.id if c.event else "", c.claim))
    return changes


def last_change(explainer: Explainer, changes: list[Change]) -> PartialDate:
    """When the page last changed: its `updated` (or `published`), or a newer change of its events."""
    newest = explainer.last_change
    for change in changes:
        if _moment(change.at) > _moment(newest):
            newest = change.at
    return newest


def card_changed(event: Event) -> PartialDate | None:
    """When the event's card last changed, for the reader's "new since your last visit"."""
    moments = [c.at for c in event_changes(event)]
    return max(moments, key=_moment) if moments else None


def coverage_ended(explainer: Explainer, now: datetime) -> bool:
    return explainer.coverage_end is not None and _moment(explainer.coverage_end) <= now
