"""Durations from settings and business-hours arithmetic for reminders and snoozes.

Reminders about locate leads must land when the office is open, in the agency's own
time zone, on both sides of a daylight-saving switch.  Everything here works on
timezone-aware datetimes only: a naive datetime is ambiguous (server local time? UTC?)
and is rejected instead of guessed.  Results are returned in UTC for storage.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

__all__ = ["BusinessHours", "format_duration", "parse_duration", "utcnow"]

_ACCEPTED_DURATIONS: Final = "expected a number of seconds or an ISO 8601 duration such as PT1H or P1D"
_NOT_POSITIVE: Final = "must be greater than zero"

_SECONDS_RE: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?", re.ASCII | re.IGNORECASE)
_NUM = r"\d+(?:[.,]\d+)?"  # ISO 8601 allows a decimal comma
_ISO_RE: Final = re.compile(
    rf"(?P<sign>[+-])?P(?:(?P<years>{_NUM})Y)?(?:(?P<months>{_NUM})M)?(?:(?P<weeks>{_NUM})W)?"
    rf"(?:(?P<days>{_NUM})D)?(?:T(?:(?P<hours>{_NUM})H)?(?:(?P<minutes>{_NUM})M)?(?:(?P<seconds>{_NUM})S)?)?",
    re.ASCII | re.IGNORECASE,
)
_ISO_UNITS: Final = ("weeks", "days", "hours", "minutes", "seconds")


def utcnow() -> datetime:
    """The current instant as an aware UTC datetime (tests move it with time-machine)."""
    return datetime.now(UTC)


# ---------------------------------------------------------------------------- durations
def parse_duration(value: object) -> timedelta:
    """Parse a positive duration from a setting.

    Accepts an int/float number of seconds, a ``timedelta``, or a string holding either
    a number of seconds ("30", "0.5") or an ISO 8601 duration ("PT1H", "P1DT2H30M",
    "P2W", "PT0.5S").  Years and months are refused because their length varies.
    Raises ``ValueError`` (which pydantic turns into a validation error) otherwise.
    """
    if isinstance(value, timedelta):
        result = value
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        result = _seconds(value)
    elif isinstance(value, str):
        result = _parse_duration_text(value.strip())
    else:
        raise ValueError(f"{_ACCEPTED_DURATIONS}, got {type(value).__name__}")
    if result <= timedelta(0):
        raise ValueError(_NOT_POSITIVE)
    return result


def _parse_duration_text(text: str) -> timedelta:
    if _SECONDS_RE.fullmatch(text):
        return _seconds(text)
    match = _ISO_RE.fullmatch(text)
    # "P" and "PT" alone match the regex with no components; "P1DT" has a dangling T.
    if match is None or text.upper().endswith(("P", "T")):
        raise ValueError(f"{_ACCEPTED_DURATIONS}, got {text!r}")
    if match["years"] or match["months"]:
        raise ValueError("years and months are not supported because their length varies; use days or weeks, e.g. P30D")
    parts = {unit: float(match[unit].replace(",", ".")) for unit in _ISO_UNITS if match[unit]}
    try:
        result = timedelta(**parts)
    except OverflowError:
        raise ValueError(f"duration {text!r} is too large") from None
    return -result if match["sign"] == "-" else result


def _seconds(value: numbers.Real | str) -> timedelta:
    """A number of seconds (already known to be numeric) as a timedelta."""
    try:
        seconds = float(value)
        if not math.isfinite(seconds):
            raise ValueError(f"{_ACCEPTED_DURATIONS}, got {value!r}")
        return timedelta(seconds=seconds)
    except OverflowError:  # float(10**400) or timedelta(seconds=1e300)
        raise ValueError(f"duration of {value!r} seconds is too large") from None


def format_duration(td: timedelta) -> str:
    """Human text such as "1 day", "3 seconds", "1 hour 30 minutes" or "0.5 seconds"."""
    if td < timedelta(0):
        return "-" + format_duration(-td)
    micros = td // timedelta(microseconds=1)
    days, micros = divmod(micros, 86_400_000_000)
    hours, micros = divmod(micros, 3_600_000_000)
    minutes, micros = divmod(micros, 60_000_000)
    seconds, micros = divmod(micros, 1_000_000)
    parts = [_plural(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")) if n]
    if micros:
        parts.append(f"{seconds}.{micros:06d}".rstrip("0") + " seconds")
    elif seconds or not parts:
        parts.append(_plural(seconds, "second"))
    return " ".join(parts)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


# ------------------------------------------------------------------------ business hours
_DAY_NAMES: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_ABBREVIATIONS: Final = tuple(name[:3].title() for name in _DAY_NAMES)
_HOURS_FORMAT: Final = 'expected "HH:MM-HH:MM Days", e.g. "08:00-17:00 Mon-Fri" or "09:00-16:30 Mon,Tue,Thu"'
_HOURS_RE: Final = re.compile(
    r"\s*(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})\s+(?P<days>\S.*?)\s*", re.ASCII
)
# Searching this many local days ahead always finds an opening: the next week's
# occurrence of any business day is at most 7 days away (plus a DST hour).
_SEARCH_DAYS: Final = 8
# Offsets are sampled this often to find DST transitions; real zones never have two
# transitions this close together.
_TRANSITION_STEP: Final = timedelta(hours=6)


def _require_aware(dt: datetime) -> None:
    if not isinstance(dt, datetime):
        raise ValueError(f"expected a timezone-aware datetime, got {type(dt).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("naive datetime: pass a timezone-aware datetime (e.g. utcnow())")


def _parse_clock(text: str, spec: str) -> time:
    hour, minute = (int(part) for part in text.split(":"))
    if hour > 23 or minute > 59:
        raise ValueError(f"invalid time {text!r} in business hours {spec!r}; {_HOURS_FORMAT}")
    return time(hour, minute)


def _parse_day(name: str, spec: str) -> int:
    """Monday=0.  Accepts full names and prefixes of three letters or more ("Thurs")."""
    token = name.strip().lower()
    for index, full in enumerate(_DAY_NAMES):
        if len(token) >= 3 and full.startswith(token):
            return index
    raise ValueError(f"unknown day {name.strip()!r} in business hours {spec!r}; {_HOURS_FORMAT}")


def _parse_days(text: str, spec: str) -> frozenset[int]:
    days: set[int] = set()
    for item in text.split(","):
        first, dash, last = item.partition("-")
        start = _parse_day(first, spec)
        end = _parse_day(last, spec) if dash else start
        # A range may wrap around the week ("Fri-Mon" = Fri, Sat, Sun, Mon).
        days.update((start + offset) % 7 for offset in range((end - start) % 7 + 1))
    return frozenset(days)


def _format_days(days: frozenset[int]) -> str:
    """Inverse of _parse_days: consecutive runs of three or more become ranges."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    items: list[str] = []
    for run in runs:
        if len(run) >= 3:
            items.append(f"{_DAY_ABBREVIATIONS[run[0]]}-{_DAY_ABBREVIATIONS[run[-1]]}")
        else:
            items.extend(_DAY_ABBREVIATIONS[day] for day in run)
    return ",".join(items)


def _offset_at(instant: datetime, tz: tzinfo) -> timedelta | None:
    return instant.astimezone(tz).utcoffset()


def _transitions(tz: tzinfo, start: datetime, end: datetime) -> list[datetime]:
    """UTC instants in [start, end] where tz changes its UTC offset (DST switches).

    zoneinfo has no public transition list, so sample the offset and bisect (to the
    second; tzdata transitions are whole seconds) wherever it changes.
    """
    found: list[datetime] = []
    low = start
    while low < end:
        high = min(low + _TRANSITION_STEP, end)
        before = _offset_at(low, tz)
        if _offset_at(high, tz) != before:
            lo, hi = math.floor(low.timestamp()), math.ceil(high.timestamp())
            while hi - lo > 1:  # invariant: offset(lo) == before != offset(hi)
                mid = (lo + hi) // 2
                if _offset_at(datetime.fromtimestamp(mid, UTC), tz) == before:
                    lo = mid
                else:
                    hi = mid
            found.append(datetime.fromtimestamp(hi, UTC))
        low = high
    return found


@dataclass(frozen=True)
class BusinessHours:
    """Office hours as local wall-clock times on some weekdays (Monday=0).

    The window is [start, end): 08:00 is open, 17:00 is closed.
    """

    start: time
    end: time
    days: frozenset[int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", frozenset(self.days))
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("business hours are local wall-clock times; pass times without tzinfo")
        if self.end <= self.start:
            raise ValueError(f"business hours must end after they start; {_HOURS_FORMAT}")
        if not self.days:
            raise ValueError(f"business hours need at least one day; {_HOURS_FORMAT}")
        if not self.days <= frozenset(range(7)):
            raise ValueError("business days must be weekday numbers 0 (Monday) to 6 (Sunday)")

    @classmethod
    def parse(cls, spec: str) -> BusinessHours:
        """Parse "08:00-17:00 Mon-Fri", "8:00-17:00 Mon-Fri", "09:00-16:30 Mon,Tue,Thu"."""
        match = _HOURS_RE.fullmatch(spec) if isinstance(spec, str) else None
        if match is None:
            raise ValueError(f"invalid business hours {spec!r}; {_HOURS_FORMAT}")
        return cls(
            start=_parse_clock(match["start"], spec),
            end=_parse_clock(match["end"], spec),
            days=_parse_days(match["days"], spec),
        )

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} {_format_days(self.days)}"

    def contains(self, dt: datetime, tz: ZoneInfo) -> bool:
        """Is the instant ``dt`` inside business hours, judged by the wall clock in ``tz``?"""
        _require_aware(dt)
        local = dt.astimezone(tz)
        return local.weekday() in self.days and self.start <= local.time() < self.end

    def next_open(self, dt: datetime, tz: ZoneInfo) -> datetime:
        """The earliest instant >= ``dt`` inside business hours, as an aware UTC datetime.

        Business hours open either when the local clock reaches ``start`` on a business
        day (at both occurrences if a DST fall-back repeats that time) or when a DST
        switch jumps the clock into the window (``start`` inside a skipped hour, or a
        fall-back back into it).  So the candidates are those instants, each checked with
        ``contains``; the earliest one at or after ``dt`` wins.
        """
        _require_aware(dt)
        if self.contains(dt, tz):
            return dt.astimezone(UTC)
        first_day = dt.astimezone(tz).date()
        candidates = [
            instant
            for offset in range(_SEARCH_DAYS)
            for instant in self._start_instants(first_day + timedelta(days=offset), tz)
        ]
        horizon = dt + timedelta(days=_SEARCH_DAYS + 1)
        candidates += _transitions(tz, dt.astimezone(UTC), horizon.astimezone(UTC))
        opening = min((c for c in candidates if c >= dt and self.contains(c, tz)), default=None)
        if opening is None:  # unreachable with a valid BusinessHours and a real zone
            raise RuntimeError(f"no opening within {_SEARCH_DAYS} days of {dt.isoformat()} for {self}")
        return opening

    def _start_instants(self, day: date, tz: ZoneInfo) -> set[datetime]:
        """UTC instants when the local clock shows ``start`` on ``day`` (0, 1 or 2 of them)."""
        if day.weekday() not in self.days:
            return set()
        # fold=0 and fold=1 differ only when start is repeated or skipped by a DST switch.
        return {datetime.combine(day, self.start, tzinfo=tz).replace(fold=fold).astimezone(UTC) for fold in (0, 1)}

    def add_business_days(self, dt: datetime, days: int, tz: ZoneInfo) -> datetime:
        """The same local wall-clock time ``days`` business days later, then ``next_open``.

        Used for "snooze 1 or 3 business days".  Note the second step: snoozing from
        Friday 17:30 by one business day gives Monday 17:30, which is after hours, so
        the result is Tuesday's opening.  ``days=0`` is just ``next_open(dt)``.
        """
        _require_aware(dt)
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError(f"days must be a non-negative whole number, got {days!r}")
        local = dt.astimezone(tz)
        try:
            target_day = self._business_days_after(local.date(), days)
        except OverflowError:
            raise ValueError(f"{days} business days from {dt.isoformat()} is out of range") from None
        target = datetime.combine(target_day, local.time(), tzinfo=tz)
        return self.next_open(target.astimezone(UTC), tz)

    def _business_days_after(self, day: date, count: int) -> date:
        """The ``count``-th business day after ``day`` (``day`` itself when count is 0)."""
        # Whole weeks first, so a snooze of 10_000 days does not loop 10_000 times.
        # Keep at least one week's worth of stepping so the result lands on a business day.
        weeks, remainder = divmod(count, len(self.days))
        if weeks and not remainder:
            weeks, remainder = weeks - 1, len(self.days)
        day += timedelta(weeks=weeks)
        while remainder:
            day += timedelta(days=1)
            if day.weekday() in self.days:
                remainder -= 1
        return day
