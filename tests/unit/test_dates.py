import pytest

from generator.records.dates import DateError, PartialDate, format_date, format_time, parse_date


@pytest.mark.parametrize("text, iso, precision", [
    ("2016", "2016", "year"),
    ("2016-12", "2016-12", "month"),
    ("2024-11-27", "2024-11-27", "day"),
    ("2024-12-05T14:30+03:00", "2024-12-05T14:30+03:00", "minute"),
    ("2024-12-05T14:30:15+03:00", "2024-12-05T14:30:15+03:00", "second"),
    ("2024-12-05T23:30-05:00", "2024-12-05T23:30-05:00", "minute"),
    ("2024-12-05T09:00Z", "2024-12-05T09:00+00:00", "minute"),
    ("2024-02-29", "2024-02-29", "day"),
])
def test_parse_keeps_the_precision_written(text, iso, precision):
    value = parse_date(text)
    assert value.iso() == iso
    assert value.precision == precision


@pytest.mark.parametrize("text, message, hint", [
    ("2024-13-01", "month 13", "01 to 12"),
    ("2023-02-29", "February 2023 has 28 days", "day of the month"),
    ("2024-12-05T14:30", "no UTC offset", "+03:00"),
    ("2024-12-05 14:30+03:00", "not a date", "put a T"),
    ("2024-12-05T14:30+0300", "not a date", "colon"),
    ("2024-12-05T25:00+03:00", "impossible time", "00-23"),
    ("5 December 2024", "not a date", "YYYY-MM-DD"),
    ("2024-12-05T10:00+15:00", "impossible UTC offset", "+14:00"),
    ("0000-01-01", "year 0000", "0001"),
])
def test_bad_dates_say_what_is_wrong_and_how_to_fix_it(text, message, hint):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert message in caught.value.message
    assert hint in caught.value.hint


def test_time_required_rejects_a_bare_date():
    with pytest.raises(DateError, match="has no time"):
        parse_date("2024-12-06", time_required=True)


def test_day_is_the_day_in_its_own_offset():
    late = parse_date("2024-12-05T23:30-05:00")
    assert late.day_key() == (2024, 12, 5)  # 04:30 UTC on the 6th, but the 5th where it happened
    assert late.instant().isoformat() == "2024-12-05T23:30:00-05:00"


@pytest.mark.parametrize("text, shown", [
    ("2016", "2016"),
    ("2016-12", "December 2016"),
    ("2024-11-27", "27 November 2024"),
])
def test_format_shows_exactly_the_precision_written(text, shown):
    assert format_date(parse_date(text), "en") == shown


def test_weekday_headings_in_english_and_arabic():
    day = parse_date("2024-11-27")
    assert format_date(day, "en", weekday=True) == "Wednesday 27 November 2024"
    arabic = format_date(day, "ar", weekday=True)
    assert "الأربعاء" in arabic and "نوفمبر" in arabic


def test_time_is_shown_in_its_own_offset_with_the_zone_name_when_known():
    value = parse_date("2024-12-06T10:32+05:30")
    assert format_time(value) == "10:32 UTC+05:30"
    assert format_time(value, {"+05:30": "IST"}) == "10:32 IST (UTC+05:30)"


def test_ordering_puts_undated_times_first_then_by_instant():
    values = [parse_date("2024-12-05T10:00+03:00"), parse_date("2024-12-05"),
              parse_date("2024-12-05T09:00+00:00"), parse_date("2024-12")]
    ordered = sorted(values, key=PartialDate.sort_key)
    assert [v.iso() for v in ordered] == ["2024-12", "2024-12-05", "2024-12-05T10:00+03:00",
                                          "2024-12-05T09:00+00:00"]
