import re
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from bot.timeutil import BusinessHours, format_duration, parse_duration, utcnow

LA = ZoneInfo("America/Los_Angeles")
OFFICE = BusinessHours.parse("08:00-17:00 Mon-Fri")
_UNIT_SECONDS = {"day": 86400, "hour": 3600, "minute": 60, "second": 1}


def la(*args: int) -> datetime:
    return datetime(*args, tzinfo=LA)


# -------------------------------------------------------------------------- durations
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30", timedelta(seconds=30)),
        ("0.5", timedelta(seconds=0.5)),
        ("86400", timedelta(days=1)),
        (" 30 ", timedelta(seconds=30)),
        ("1e3", timedelta(seconds=1000)),
        ("P1D", timedelta(days=1)),
        ("PT1H", timedelta(hours=1)),
        ("PT3S", timedelta(seconds=3)),
        ("P1DT2H30M", timedelta(days=1, hours=2, minutes=30)),
        ("P2W", timedelta(weeks=2)),
        ("PT0.5S", timedelta(seconds=0.5)),
        ("PT0,5S", timedelta(seconds=0.5)),
        ("pt1h", timedelta(hours=1)),
        ("PT36H", timedelta(hours=36)),
        (30, timedelta(seconds=30)),
        (0.25, timedelta(seconds=0.25)),
        (timedelta(minutes=5), timedelta(minutes=5)),
    ],
)
def test_parse_duration(value: object, expected: timedelta) -> None:
    assert parse_duration(value) == expected


@pytest.mark.parametrize("value", ["0", "-5", "PT0S", "-P1D", 0, -1.5, timedelta(0), timedelta(hours=-1), "0.0000001"])
def test_parse_duration_rejects_non_positive(value: object) -> None:
    with pytest.raises(ValueError, match="must be greater than zero"):
        parse_duration(value)


@pytest.mark.parametrize(
    "value",
    ["", "abc", "1h", "P", "PT", "P1DT", "P1H", "PT1D", "1 day", "nan", "inf", "1_000", "P1.D", None, True, [], "1e400"],
)
def test_parse_duration_rejects_garbage_with_the_accepted_forms(value: object) -> None:
    with pytest.raises(ValueError, match="expected a number of seconds or an ISO 8601 duration such as PT1H or P1D"):
        parse_duration(value)


@pytest.mark.parametrize("value", ["P1Y", "P1M", "P1Y2M3D", "P0Y1D"])
def test_parse_duration_rejects_years_and_months(value: str) -> None:
    with pytest.raises(ValueError, match="years and months are not supported"):
        parse_duration(value)


@pytest.mark.parametrize("value", ["P99999999999D", 10**400, 1e300])
def test_parse_duration_rejects_huge_values(value: object) -> None:
    with pytest.raises(ValueError, match="too large"):
        parse_duration(value)


@given(st.integers(min_value=1, max_value=10**9))
def test_parse_duration_round_trips_whole_seconds(seconds: int) -> None:
    assert parse_duration(str(seconds)) == timedelta(seconds=seconds)
    assert parse_duration(seconds) == timedelta(seconds=seconds)
    assert parse_duration(f"PT{seconds}S") == timedelta(seconds=seconds)


@given(st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_parse_duration_round_trips_fractional_seconds(seconds: float) -> None:
    assert parse_duration(repr(seconds)) == timedelta(seconds=seconds)


@given(st.text(max_size=20))
def test_parse_duration_only_raises_value_error(text: str) -> None:
    try:
        assert parse_duration(text) > timedelta(0)
    except ValueError:
        pass


@pytest.mark.parametrize(
    ("td", "expected"),
    [
        (timedelta(days=1), "1 day"),
        (timedelta(seconds=3), "3 seconds"),
        (timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (timedelta(days=2, hours=1, minutes=1, seconds=1), "2 days 1 hour 1 minute 1 second"),
        (timedelta(seconds=0.5), "0.5 seconds"),
        (timedelta(seconds=90.25), "1 minute 30.25 seconds"),
        (timedelta(0), "0 seconds"),
        (timedelta(hours=-2), "-2 hours"),
        (timedelta(weeks=2), "14 days"),
    ],
)
def test_format_duration(td: timedelta, expected: str) -> None:
    assert format_duration(td) == expected


@given(st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=10_000)))
def test_format_duration_adds_up(td: timedelta) -> None:
    parts = re.findall(r"(\d+(?:\.\d+)?) (day|hour|minute|second)s?\b", format_duration(td))
    assert parts
    total = sum((Decimal(n) * _UNIT_SECONDS[unit] for n, unit in parts), Decimal(0))
    assert total == Decimal(td // timedelta(microseconds=1)) / 1_000_000
    assert all(Decimal(n) != 0 for n, _ in parts)  # no "0 hours" filler


# ----------------------------------------------------------------------- parsing hours
@pytest.mark.parametrize(
    ("spec", "start", "end", "days"),
    [
        ("08:00-17:00 Mon-Fri", time(8), time(17), {0, 1, 2, 3, 4}),
        ("8:00-17:00 Mon-Fri", time(8), time(17), {0, 1, 2, 3, 4}),
        ("09:00-16:30 Mon,Tue,Thu", time(9), time(16, 30), {0, 1, 3}),
        ("08:00-17:00 Mon-Sun", time(8), time(17), set(range(7))),
        ("08:00 - 17:00  monday-FRIDAY", time(8), time(17), {0, 1, 2, 3, 4}),
        ("07:30-18:00 Tues, Thurs, sat", time(7, 30), time(18), {1, 3, 5}),
        ("10:00-14:00 Fri-Mon", time(10), time(14), {4, 5, 6, 0}),
        ("00:00-23:59 Sun", time(0), time(23, 59), {6}),
    ],
)
def test_business_hours_parse(spec: str, start: time, end: time, days: set[int]) -> None:
    assert BusinessHours.parse(spec) == BusinessHours(start, end, frozenset(days))


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "08:00-17:00",
        "Mon-Fri",
        "17:00-08:00 Mon-Fri",
        "08:00-08:00 Mon-Fri",
        "08:00-17:00 Funday",
        "08:00-17:00 Mo",
        "25:00-26:00 Mon",
        "08:60-17:00 Mon",
        "8-17 Mon-Fri",
        "08:00-17:00 Mon,,Tue",
        None,
    ],
)
def test_business_hours_parse_errors_name_the_format(spec: str) -> None:
    with pytest.raises(ValueError, match="08:00-17:00 Mon-Fri"):
        BusinessHours.parse(spec)


def test_business_hours_constructor_validates() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        BusinessHours(time(8), time(17), frozenset())
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        BusinessHours(time(8), time(17), frozenset({7}))
    with pytest.raises(ValueError, match="end after"):
        BusinessHours(time(17), time(8), frozenset({0}))


@pytest.mark.parametrize("spec", ["08:00-17:00 Mon-Fri", "09:00-16:30 Mon,Tue,Thu", "08:00-17:00 Mon-Sun", "10:00-14:00 Mon,Wed,Fri-Sun"])
def test_business_hours_str_round_trips(spec: str) -> None:
    assert str(BusinessHours.parse(spec)) == spec
    assert BusinessHours.parse(str(BusinessHours.parse(spec))) == BusinessHours.parse(spec)


# ------------------------------------------------------------------------- contains
def test_contains_is_start_inclusive_end_exclusive() -> None:
    assert OFFICE.contains(la(2026, 3, 10, 8, 0), LA)
    assert OFFICE.contains(la(2026, 3, 10, 16, 59, 59), LA)
    assert not OFFICE.contains(la(2026, 3, 10, 17, 0), LA)
    assert not OFFICE.contains(la(2026, 3, 10, 7, 59, 59), LA)
    assert not OFFICE.contains(la(2026, 3, 14, 10, 0), LA)  # Saturday


def test_contains_judges_by_the_local_clock() -> None:
    # 16:00 UTC on Tuesday is 09:00 in Los Angeles (PDT), 01:00 Wednesday in Tokyo.
    instant = datetime(2026, 3, 10, 16, tzinfo=UTC)
    assert OFFICE.contains(instant, LA)
    assert not OFFICE.contains(instant, ZoneInfo("Asia/Tokyo"))


# ------------------------------------------------------------------------ next_open
@pytest.mark.parametrize(
    ("given_dt", "expected_local"),
    [
        # Friday evening -> Monday morning (a week with no DST change)
        (la(2026, 4, 10, 17, 30), la(2026, 4, 13, 8, 0)),
        # Saturday and Sunday -> Monday
        (la(2026, 4, 11, 10, 0), la(2026, 4, 13, 8, 0)),
        (la(2026, 4, 12, 23, 59), la(2026, 4, 13, 8, 0)),
        # inside hours -> unchanged
        (la(2026, 4, 14, 12, 34, 56), la(2026, 4, 14, 12, 34, 56)),
        (la(2026, 4, 14, 8, 0), la(2026, 4, 14, 8, 0)),
        # before opening -> same day 08:00; at closing -> next day
        (la(2026, 4, 14, 6, 15), la(2026, 4, 14, 8, 0)),
        (la(2026, 4, 14, 17, 0), la(2026, 4, 15, 8, 0)),
        # Friday at closing time -> Monday
        (la(2026, 4, 10, 17, 0), la(2026, 4, 13, 8, 0)),
    ],
)
def test_next_open_examples(given_dt: datetime, expected_local: datetime) -> None:
    result = OFFICE.next_open(given_dt, LA)
    assert result == expected_local
    assert result.tzinfo is UTC


def test_next_open_across_spring_forward_weekend() -> None:
    # 2026-03-08 02:00 PST -> 03:00 PDT.  Friday evening is UTC-8, Monday 08:00 is UTC-7.
    result = OFFICE.next_open(la(2026, 3, 6, 17, 30), LA)
    assert result == datetime(2026, 3, 9, 15, 0, tzinfo=UTC)
    assert result.astimezone(LA).hour == 8


def test_next_open_across_fall_back_weekend() -> None:
    # 2026-11-01 02:00 PDT -> 01:00 PST.  Friday is UTC-7, Monday 08:00 is UTC-8.
    result = OFFICE.next_open(la(2026, 10, 30, 17, 30), LA)
    assert result == datetime(2026, 11, 2, 16, 0, tzinfo=UTC)
    assert result.astimezone(LA).hour == 8


def test_next_open_from_the_skipped_hour_on_the_dst_sunday() -> None:
    seven_days = BusinessHours.parse("08:00-17:00 Mon-Sun")
    # 10:30 UTC on 2026-03-08 is 03:30 PDT; the office opens at 08:00 PDT = 15:00 UTC.
    assert seven_days.next_open(datetime(2026, 3, 8, 10, 30, tzinfo=UTC), LA) == datetime(2026, 3, 8, 15, tzinfo=UTC)


def test_next_open_when_opening_time_is_skipped_by_dst() -> None:
    # Opening at 02:30 on the spring-forward Sunday: that wall time never happens; the
    # clock jumps from 02:00 PST straight to 03:00 PDT (10:00 UTC), already inside.
    night = BusinessHours.parse("02:30-05:00 Sun")
    assert night.next_open(la(2026, 3, 7, 12, 0), LA) == datetime(2026, 3, 8, 10, 0, tzinfo=UTC)


def test_next_open_when_opening_time_repeats_on_fall_back() -> None:
    night = BusinessHours.parse("01:30-05:00 Sun")
    first = night.next_open(la(2026, 10, 31, 12, 0), LA)
    assert first == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)  # 01:30 PDT
    # At 01:15 PST (the second 01:15) the next opening is the second 01:30, PST.
    second_115 = datetime(2026, 11, 1, 9, 15, tzinfo=UTC)
    assert second_115.astimezone(LA).fold == 1
    assert night.next_open(second_115, LA) == datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


def test_next_open_when_fall_back_returns_into_the_window() -> None:
    # Open 00:00-01:30.  At 01:45 PDT the office is closed, but at 02:00 PDT the clock
    # falls back to 01:00 PST: open again until 01:30 PST.
    early = BusinessHours.parse("00:00-01:30 Sun")
    assert early.next_open(datetime(2026, 11, 1, 8, 45, tzinfo=UTC), LA) == datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def test_next_open_accepts_any_aware_input_and_returns_utc() -> None:
    tokyo_saturday = datetime(2026, 4, 11, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))  # Fri 17:00 PDT
    assert OFFICE.next_open(tokyo_saturday, LA) == la(2026, 4, 13, 8, 0)


@pytest.mark.parametrize("method", ["contains", "next_open"])
def test_naive_datetimes_are_rejected(method: str) -> None:
    with pytest.raises(ValueError, match="naive"):
        getattr(OFFICE, method)(datetime(2026, 4, 13, 9, 0), LA)
    with pytest.raises(ValueError, match="naive"):
        OFFICE.add_business_days(datetime(2026, 4, 13, 9, 0), 1, LA)


# ---------------------------------------------------------------- add_business_days
@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (la(2026, 4, 13, 10, 0), 1, la(2026, 4, 14, 10, 0)),  # Mon -> Tue
        (la(2026, 4, 10, 10, 0), 1, la(2026, 4, 13, 10, 0)),  # Fri -> Mon
        (la(2026, 4, 9, 10, 0), 3, la(2026, 4, 14, 10, 0)),  # Thu -> Tue
        (la(2026, 4, 11, 10, 0), 1, la(2026, 4, 13, 10, 0)),  # Sat -> Mon
        (la(2026, 4, 10, 17, 30), 1, la(2026, 4, 14, 8, 0)),  # Fri 17:30 -> Mon 17:30 -> Tue 08:00
        (la(2026, 4, 13, 6, 0), 1, la(2026, 4, 14, 8, 0)),  # Mon 06:00 -> Tue 06:00 -> Tue 08:00
        (la(2026, 4, 11, 10, 0), 0, la(2026, 4, 13, 8, 0)),  # 0 days = next_open
        (la(2026, 4, 13, 10, 0), 10, la(2026, 4, 27, 10, 0)),  # two whole weeks
        (la(2026, 4, 13, 10, 0), 5, la(2026, 4, 20, 10, 0)),
        (la(2026, 3, 6, 10, 0), 1, la(2026, 3, 9, 10, 0)),  # across spring forward: wall clock kept
        (la(2026, 10, 30, 10, 0), 3, la(2026, 11, 4, 10, 0)),  # across fall back
    ],
)
def test_add_business_days(start: datetime, days: int, expected: datetime) -> None:
    result = OFFICE.add_business_days(start, days, LA)
    assert result == expected
    assert result.tzinfo is UTC


@pytest.mark.parametrize("days", [-1, 1.5, True])
def test_add_business_days_rejects_bad_counts(days: object) -> None:
    with pytest.raises(ValueError, match="non-negative whole number"):
        OFFICE.add_business_days(la(2026, 4, 13, 10), days, LA)  # type: ignore[arg-type]


def test_add_business_days_out_of_range() -> None:
    with pytest.raises(ValueError, match="out of range"):
        OFFICE.add_business_days(la(2026, 4, 13, 10), 10**9, LA)


@given(st.integers(min_value=0, max_value=60), st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)))
def test_add_business_days_matches_day_by_day_counting(days: int, naive: datetime) -> None:
    hours = BusinessHours.parse("09:00-16:30 Mon,Tue,Thu")
    start = naive.replace(tzinfo=UTC)
    local = start.astimezone(LA)
    day, remaining = local.date(), days
    while remaining:
        day += timedelta(days=1)
        remaining -= day.weekday() in hours.days
    expected = hours.next_open(datetime.combine(day, local.time(), tzinfo=LA), LA)
    assert hours.add_business_days(start, days, LA) == expected


# ---------------------------------------------------------------- next_open properties
ZONES = [
    ZoneInfo("America/Los_Angeles"),
    ZoneInfo("America/New_York"),
    ZoneInfo("America/Havana"),  # DST switches at midnight
    ZoneInfo("Australia/Lord_Howe"),  # 30-minute DST shift
    ZoneInfo("Asia/Kolkata"),
    ZoneInfo("UTC"),
]


@st.composite
def business_hours(draw: st.DrawFn) -> BusinessHours:
    start = draw(st.integers(0, 23 * 60 + 58))
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    return BusinessHours(time(*divmod(start, 60)), time(*divmod(end, 60)), days)


instants = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
)


@given(hours=business_hours(), dt=instants, tz=st.sampled_from(ZONES))
@example(hours=OFFICE, dt=datetime(2026, 3, 8, 10, 30, tzinfo=UTC), tz=LA)
@example(hours=OFFICE, dt=datetime(2026, 11, 1, 9, 30, tzinfo=UTC), tz=LA)
@example(hours=BusinessHours.parse("00:00-08:00 Sun"), dt=datetime(2026, 3, 7, 12, tzinfo=UTC), tz=ZoneInfo("America/Havana"))
def test_next_open_properties(hours: BusinessHours, dt: datetime, tz: ZoneInfo) -> None:
    result = hours.next_open(dt, tz)
    assert result.tzinfo is UTC
    assert result >= dt
    assert hours.contains(result, tz)
    assert hours.next_open(result, tz) == result


@settings(max_examples=40, deadline=None)
@given(hours=business_hours(), dt=instants, tz=st.sampled_from(ZONES))
@example(hours=BusinessHours.parse("00:00-01:30 Sun"), dt=datetime(2026, 11, 1, 8, 45, tzinfo=UTC), tz=LA)
@example(hours=BusinessHours.parse("02:30-05:00 Sun"), dt=datetime(2026, 3, 7, 20, tzinfo=UTC), tz=LA)
def test_next_open_is_the_earliest_opening(hours: BusinessHours, dt: datetime, tz: ZoneInfo) -> None:
    # Brute force: openings, closings and DST switches in these zones all fall on whole
    # minutes, so no whole minute between dt and the result may be inside the window.
    result = hours.next_open(dt, tz)
    assume(result - dt < timedelta(days=8))
    probe = dt.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while probe < result:
        assert not hours.contains(probe, tz), probe
        probe += timedelta(minutes=1)


@given(local=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.sampled_from(ZONES)))
def test_next_open_with_local_inputs(local: datetime) -> None:
    result = OFFICE.next_open(local, LA)
    assert result >= local and OFFICE.contains(result, LA)


# -------------------------------------------------------------------------- utcnow
def test_utcnow_is_aware_utc_and_follows_time_machine() -> None:
    frozen = datetime(2026, 3, 6, 17, 30, tzinfo=LA)
    with time_machine.travel(frozen, tick=False):
        now = utcnow()
        assert now == frozen
        assert now.tzinfo is UTC
        assert OFFICE.next_open(now, LA) == la(2026, 3, 9, 8, 0)
