"""How every export encodes times and JSON, so the files agree with each other and stay byte-identical."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from ..records.dates import PartialDate


def rfc3339(value: PartialDate) -> str:
    """A full RFC 3339 date-time: the moment as written, or midnight UTC of the first day it covers."""
    moment = value.instant()
    if moment is not None:
        return moment.isoformat()
    return value.first_day().isoformat() + "T00:00:00+00:00"


def unix(value: PartialDate) -> int:
    moment = value.instant()
    if moment is None:
        day = value.first_day()
        moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return int(moment.timestamp())


def dumps(data) -> str:
    """JSON as every export writes it: sorted keys, UTF-8 text, compact (indenting forces Python's slow
    encoder and a third more bytes), final newline."""
    return dumps_piece(data) + "\n"


def dumps_piece(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps_with(data: dict, key: str, pieces: list[str], encode=dumps) -> str:
    """encode({**data, key: [...]}) where the list's items are already encoded (each event's once, however many
    explainers show it). In compact, sorted JSON `"key":[]` occurs once: a quote inside a string is escaped."""
    text = encode({**data, key: []})
    return text.replace(f'"{key}":[]', f'"{key}":[{",".join(pieces)}]', 1)
