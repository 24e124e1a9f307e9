"""ACLED's cells as the importer reads them: the date forms ACLED and its users write, and a draft headline and
summary made from the notes."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone


class RowError(ValueError):
    """A row that cannot be imported: `reason` groups it in the report ("event_date is not a date")."""

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        self.reason = reason or message.split(" '", 1)[0].split(";", 1)[0]


_MONTHS = {m.casefold(): n for n, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
# "05 December 2024" (ACLED's own files), "9-May-20" (what Excel writes for them), "09-05-2020" (the codebook's
# dd-mm-yyyy); ISO dates and date-times as R and pandas write them ("2021-01-02T00:00:00Z").
_NAMED = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{2}|\d{4})$")
_DMY = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
DATE_FORMS = "YYYY-MM-DD, '05 December 2024', '9-May-20' or 2021-01-02T00:00:00Z"


def parse_acled_date(text: str) -> date:
    text = text.strip()
    iso = _ISO_TIME.match(text)
    candidate = iso.group(1) if iso else text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            raise RowError(f"event_date '{text}' is not a date (no such month or day)",
                           "event_date is not a date") from None
    named, dmy = _NAMED.match(text), _DMY.match(text)
    if named and named.group(2).casefold() in _MONTHS:
        year = int(named.group(3))
        if year < 100:  # ACLED's data starts in 1997: '97-'99 are the 1900s, the rest this century
            year += 1900 if year >= 97 else 2000
        day, month = int(named.group(1)), _MONTHS[named.group(2).casefold()]
    elif dmy:
        day, month, year = int(dmy.group(1)), int(dmy.group(2)), int(dmy.group(3))
    else:
        raise RowError(f"event_date '{text}' is not a date; ACLED's forms are {DATE_FORMS}",
                       "event_date is not a date")
    try:
        return date(year, month, day)
    except ValueError:
        raise RowError(f"event_date '{text}' does not exist", "event_date does not exist") from None


def parse_timestamp(text: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    text = text[:-2] if re.fullmatch(r"[0-9]+\.0", text) else text
    if not re.fullmatch(r"[0-9]{1,12}", text):
        raise RowError(f"timestamp '{text}' is not Unix time (seconds since 1970)", "timestamp is not Unix time")
    try:
        return datetime.fromtimestamp(int(text), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise RowError(f"timestamp '{text}' is out of range", "timestamp is out of range") from None


# ACLED's bracketed notes at the end of `notes`: "[size=no report]", "[women targeted: Girls]".
_ANNOTATIONS = re.compile(r"(?:\s*\[[^\[\]\n]{1,200}\])+\s*$")
# What opens many notes and says nothing a headline needs: the date sentence, and ACLED's labels.
_DATE_OPENING = re.compile(
    r"^(?:(?:on|around|about|between|from|during|in|as of|by|since|sometime (?:in|on|between)|on or (?:around|about|"
    r"before)|overnight|on the night of|in the night of|late on|early on|the night of)\s+)?"
    r"[^,.]{0,60}?\b(?:1[89]|20)\d{2}\b(?:\s*\([^)]{0,80}\))?\s*,\s*", re.IGNORECASE)
_LABEL = re.compile(r"^(?:[A-Z][a-z]+(?:[ /-][a-z]+){0,3}):\s+")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Gen|Col|Lt|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|St|No|approx|ca|vs|etc))\.$")
TITLE_LIMIT = 120


def split_annotations(notes: str) -> tuple[str, str | None]:
    """(the notes without ACLED's bracketed annotations at their end, those annotations as written)."""
    match = _ANNOTATIONS.search(notes)
    if not match or match.start() == 0:
        return notes.strip(), None
    return notes[:match.start()].strip(), match.group().strip()


def _first_sentence(text: str) -> str:
    for match in re.finditer(r"[.!?](?=\s+[\"'(A-Z0-9])", text):
        if not _ABBREVIATION.search(text[:match.end()]):
            return text[:match.end()]
    return text


def headline(notes: str, fallback: str) -> str:
    """A draft title from the notes: their first sentence, without the date sentence and ACLED's labels
    ("Movement of forces:"), never cut inside a word or a bracket."""
    text = " ".join(split_annotations(notes)[0].split())
    for _ in range(3):  # a label, a date, a label again: in any order ACLED writes them
        stripped = _DATE_OPENING.sub("", _LABEL.sub("", text), count=1)
        if stripped == text:
            break
        text = stripped
    text = _first_sentence(text).rstrip(" .")
    if not text:
        return fallback
    text = text[0].upper() + text[1:]
    if len(text) <= TITLE_LIMIT:
        return text
    cut = text[:TITLE_LIMIT].rsplit(" ", 1)[0]
    opened = max(cut.rfind("("), cut.rfind("["))
    if opened > cut.rfind(")") and opened > cut.rfind("]") and opened > 20:
        cut = cut[:opened]
    return cut.rstrip(" ,;:-–—(") + "…"
