"""Partial dates and date-times with UTC offsets: parsing the text as written, ordering, display.

The precision an editor writes is the precision shown: `2016-12` is "December 2016", never "1 December 2016".
A date-time must carry its offset, and its calendar day is the day in that offset.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_format_date, match_skeleton, tokenize_pattern

_PATTERN = re.compile(
    r"""^(?P<year>\d{4})
        (?:-(?P<month>\d{2})
          (?:-(?P<day>\d{2})
            (?:[T](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?
               (?P<offset>Z|[+-]\d{2}:\d{2})?
            )?
          )?
        )?$""",
    re.VERBOSE,
)
_OFFSET_WITHOUT_COLON = re.compile(r"[+-]\d{4}$")

FORMS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+03:00"


class DateError(ValueError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset_minutes: int | None = None

    @property
    def precision(self) -> str:
        if self.hour is not None:
            return "second" if self.second is not None else "minute"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def iso(self) -> str:
        """The value for `<time datetime>`, JSON and feeds: exactly the precision written."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
            if self.second is not None:
                text += f":{self.second:02d}"
            text += offset_text(self.offset_minutes)
        return text

    def day_key(self) -> tuple[int, int, int]:
        """The calendar day (or month, or year) in the date's own offset; 0 where not written."""
        return (self.year, self.month or 0, self.day or 0)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def instant(self) -> datetime | None:
        if self.hour is None:
            return None
        tz = timezone(timedelta(minutes=self.offset_minutes))
        return datetime(self.year, self.month, self.day, self.hour, self.minute, self.second or 0, tzinfo=tz)

    def sort_key(self) -> tuple:
        """Date, then time: undated-in-the-day first, then by the moment in UTC."""
        moment = self.instant()
        if moment is None:
            return (self.day_key(), 0, 0.0)
        return (self.day_key(), 1, moment.timestamp())


def offset_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    if minutes == 0:
        return "+00:00"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def parse_date(text: str, *, time_required: bool = False) -> PartialDate:
    """Read a date as written; raise DateError with the reason and how to fix it."""
    text = text.strip()
    match = _PATTERN.match(text)
    if not match:
        if " " in text and re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text):
            raise DateError(f"'{text}' is not a date", "put a T between the day and the time, e.g. 2024-12-05T14:30+03:00")
        if _OFFSET_WITHOUT_COLON.search(text):
            raise DateError(f"'{text}' is not a date", "write the UTC offset with a colon, e.g. +03:00")
        raise DateError(f"'{text}' is not a date", f"write it as {FORMS}")
    parts = match.groupdict()
    year = int(parts["year"])
    if year < 1:
        raise DateError(f"'{text}' has year 0000, which does not exist", "years run from 0001")
    month = int(parts["month"]) if parts["month"] else None
    day = int(parts["day"]) if parts["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}' has month {month:02d}, which does not exist", "months run from 01 to 12")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f"'{text}' is an impossible date: {calendar.month_name[month]} {year} has {last} days",
                "check the day of the month",
            )
    if parts["hour"] is None:
        if time_required:
            raise DateError(f"'{text}' has no time", "write a date-time with its UTC offset, e.g. 2024-12-06T10:32+05:30")
        return PartialDate(year, month, day)
    hour, minute = int(parts["hour"]), int(parts["minute"])
    second = int(parts["second"]) if parts["second"] else None
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        raise DateError(f"'{text}' has an impossible time", "hours run 00-23, minutes and seconds 00-59")
    offset = parts["offset"]
    if offset is None:
        raise DateError(
            f"'{text}' has a time but no UTC offset, so it is ambiguous",
            f"add the offset of the place the time was read in, e.g. {text}+03:00 for Syria",
        )
    if offset == "Z":
        offset_minutes = 0
    else:
        sign = -1 if offset[0] == "-" else 1
        hours, mins = int(offset[1:3]), int(offset[4:6])
        offset_minutes = sign * (hours * 60 + mins)
        if mins > 59 or not -12 * 60 <= offset_minutes <= 14 * 60:
            raise DateError(f"'{text}' has an impossible UTC offset {offset}", "offsets run from -12:00 to +14:00")
    return PartialDate(year, month, day, hour, minute, second, offset_minutes)


# Display ---------------------------------------------------------------------------------------------------

_PATTERNS = {"day_heading": "EEEE d MMMM y", "day": "d MMMM y", "month": "LLLL y", "year": "y"}
# Every other language reads its dates in CLDR's own forms (Babel's), so an Arabic page says "الأربعاء، 27 نوفمبر
# 2024" as an Arabic newspaper would. English keeps the site's house style above, which CLDR's English lacks.
_SKELETONS = {"day_heading": "yMMMMEEEEd", "day": "yMMMMd", "month": "yMMMM", "year": "y"}
_CLDR_FORMS = {"day_heading": "full", "day": "long"}
# Ranges in CLDR's interval forms ("27–29 نوفمبر 2024"); English pages keep both dates whole, as every English
# page and export has written them so far.
COMPACT_RANGES = frozenset({"ar"})


@lru_cache(maxsize=None)
def _pattern(kind: str, locale: str) -> str:
    if locale.split("_")[0] == "en":
        return _PATTERNS[kind]
    data = Locale.parse(locale)
    if kind in _CLDR_FORMS:
        return data.date_formats[_CLDR_FORMS[kind]].pattern
    return data.datetime_skeletons[_SKELETONS[kind]].pattern if _SKELETONS[kind] in data.datetime_skeletons \
        else _PATTERNS[kind]


@lru_cache(maxsize=None)  # bounded by the distinct days x patterns x locales; a bounded cache thrashed at E = 5,000
def _babel(day: date, pattern: str, locale: str) -> str:
    return _babel_format_date(day, pattern, locale=locale)


def _kind(value: PartialDate, weekday: bool = False) -> str:
    if value.day is not None:
        return "day_heading" if weekday else "day"
    return "month" if value.month is not None else "year"


def format_date(value: PartialDate, locale: str = "en", *, weekday: bool = False) -> str:
    """'Wednesday 27 November 2024', '27 November 2024', 'November 2024' or '2016', as precise as written."""
    return _babel(value.first_day(), _pattern(_kind(value, weekday), locale), locale)


def range_parts(start: PartialDate, end: PartialDate, locale: str = "en") -> tuple[str, str, str]:
    """A range as (the start's text, what goes between, the end's text): in CLDR's interval form where the
    language uses it ('27', '–', '29 نوفمبر 2024'; '27 نوفمبر', ' – ', '2 ديسمبر 2024'), each end written only as
    precisely as its editor wrote it; otherwise, and with a time of day, both dates whole around ' – '."""
    whole = (format_date(start, locale), " – ", format_date(end, locale))
    kind = _kind(start)
    if (locale not in COMPACT_RANGES or start.has_time or end.has_time or kind != _kind(end)
            or start.day_key() >= end.day_key()):
        return whole
    return _interval(start.first_day(), end.first_day(), _SKELETONS[kind], locale) or whole


@lru_cache(maxsize=4096)
def _interval(start: date, end: date, skeleton: str, locale: str) -> tuple[str, str, str] | None:
    formats = Locale.parse(locale).interval_formats
    found = formats.get(skeleton) or formats.get(match_skeleton(skeleton, formats) or "")
    if not found:
        return None
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    patterns = found.get(field)
    if not patterns:
        return None
    first, second = patterns
    if "MMMM" in skeleton:  # CLDR stores the abbreviated form; CLDR says to widen it to the skeleton's
        first, second = (re.sub(r"(?<!M)MMM(?!M)", "MMMM", p) for p in (first, second))
    tokens = tokenize_pattern(first)
    if not tokens or tokens[-1][0] != "chars" or not first.endswith(tokens[-1][1]):
        return None  # no plain separator of its own to put between the two <time>s
    between = tokens[-1][1]
    return (_babel(start, first[:len(first) - len(between)], locale), between, _babel(end, second, locale))


def format_offset(minutes: int, zone_names: dict[str, str] | None = None) -> str:
    """'UTC+03:00', or 'IST (UTC+05:30)' where the site names the zone for that offset."""
    label = "UTC" if minutes == 0 else f"UTC{offset_text(minutes)}"
    name = (zone_names or {}).get(offset_text(minutes))
    return f"{name} ({label})" if name else label


def format_time(value: PartialDate, zone_names: dict[str, str] | None = None) -> str:
    """'14:30 UTC+03:00': the clock as written, in its own offset."""
    if value.hour is None:
        return ""
    clock = f"{value.hour:02d}:{value.minute:02d}"
    return f"{clock} {format_offset(value.offset_minutes, zone_names)}"
