"""Redaction of participants' personal data from free text, Slack escaping and log hygiene.

Everything a user types can end up in a Slack echo, a database row or a log line, so
the bot scrubs Social Security numbers, case numbers, dates (of birth), phone numbers
and e-mail addresses before any of that happens.  The rules deliberately err on the
side of redacting too much: a redacted order number is an annoyance, a leaked SSN is
a privacy incident.

All patterns are compiled once at import time (or once per custom case-number
pattern) because ``redact`` runs on every request and every log line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, Iterable

__all__ = [
    "DEFAULT_CASE_NUMBER_PATTERN",
    "KINDS",
    "Redacted",
    "RedactingLogFilter",
    "escape_mrkdwn",
    "mask_case_number",
    "redact",
    "redact_text",
]

#: California child support case numbers are 12 digits.  Counties that format them
#: differently can override this (it is a setting), every function accepts it.
DEFAULT_CASE_NUMBER_PATTERN: Final = r"\d{12}"

EMAIL: Final = "email"
CASE_NUMBER: Final = "case_number"
SSN: Final = "ssn"
DOB: Final = "dob"
PHONE: Final = "phone"
KINDS: Final = frozenset({EMAIL, CASE_NUMBER, SSN, DOB, PHONE})

_TOKENS: Final = {
    EMAIL: "[email]",
    CASE_NUMBER: "[case number]",
    SSN: "[SSN]",
    DOB: "[date]",
    PHONE: "[phone]",
}


@dataclass(frozen=True)
class Redacted:
    """Redacted text plus which kinds of personal data were found (subset of KINDS)."""

    text: str
    kinds: frozenset[str]


# --------------------------------------------------------------------------- patterns
# Every digit-based pattern is wrapped in (?<!\d) ... (?!\d) so it never matches a
# slice of a longer number (a 9-digit window of a 16-digit card number is not an SSN).

# Local part: the RFC 5322 "atext" characters plus dots, capped at the RFC limit of 64
# characters.  The cap keeps the scan linear on long runs without an "@" (base64 blobs
# in log lines); an uncapped run would be rescanned from every start position.
# "|" may not start a local part right after a letter or digit: Slack writes e-mail
# links as "<mailto:a@b.org|a@b.org>", and the second address must not swallow the "|".
_EMAIL_ATEXT = r"A-Za-z0-9.!#$%&'*+/=?^_`{}~\-"
_EMAIL_RE: Final = re.compile(
    rf"(?:[{_EMAIL_ATEXT}]|(?<![A-Za-z0-9])\|)[{_EMAIL_ATEXT}|]{{0,63}}@"
    # Domain labels, then a TLD that starts with a letter (also covers xn-- IDN TLDs).
    # Requiring a letter keeps "a@b.916-464-5883" from swallowing a phone number.
    r"(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z][A-Za-z0-9-]{0,62}"
)

# Common print groupings of a 12-digit case number: 4-4-4, 3-3-3-3 and 6-6, with one
# consistent separator.  None of these shapes is a US phone number (3-3-4, 1-3-3-4).
_GROUPED_CASE_NUMBER: Final = (
    r"\d{4}(?P<cs4>[ .-])\d{4}(?P=cs4)\d{4}"
    r"|\d{3}(?P<cs3>[ .-])\d{3}(?P=cs3)\d{3}(?P=cs3)\d{3}"
    r"|\d{6}[ -]\d{6}"
)

# SSN: 3-2-4 with the same separator twice (space, dot, any dash) or none at all, so a
# bare 9-digit run also counts.  Requiring the *same* separator keeps ZIP+4 ("95814-1234",
# no separator then a dash) out.
_SSN_RE: Final = re.compile(
    r"(?<!\d)\d{3}(?P<sep>[ .\u00a0\-\u2010-\u2015\u2212]?)\d{2}(?P=sep)\d{4}(?!\d)"
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:\d{4}|'?\d{2})"
# A comma or whitespace must separate day and year, so "Dec 2019" is not "Dec 20, '19".
_YEAR_SEP = r"(?:,\s*|\s+)"
# Numeric dates must not be a piece of a longer dotted/dashed number (IP addresses,
# version strings, phone numbers), hence the separator-aware lookarounds.
_NUM_BEFORE = r"(?<!\d)(?<!\d[./-])"
_NUM_AFTER = r"(?![./-]?\d)"
_DATE_RE: Final = re.compile(
    "|".join(
        (
            # 01/02/1980, 1-2-80, 13.01.1980 (month-first or day-first, same separator)
            rf"{_NUM_BEFORE}{_DAY}(?P<dsep>[/.-]){_DAY}(?P=dsep)(?:\d{{4}}|\d{{2}}){_NUM_AFTER}",
            # 1980-01-02, 1980/1/2 -- but not a timestamp such as 2026-03-08T10:00 or
            # "2026-03-08 10:00:00+00:00" (str(datetime)): a date with a time of day is an
            # event, not a birth date, and every JSON log line starts with one.
            rf"{_NUM_BEFORE}\d{{4}}(?P<isep>[/.-])(?:0?[1-9]|1[0-2])(?P=isep){_DAY}{_NUM_AFTER}"
            r"(?![T ]\d{1,2}:\d{2})",
            # Jan 2, 1980 / January 2nd 1980 / Jan. 02, '80
            rf"\b{_MONTH}\s*{_DAY}{_ORDINAL}{_YEAR_SEP}{_YEAR}(?!\d)",
            # 2 Jan 1980 / 2nd of January, 1980 / 02-JAN-1980 (database exports)
            rf"(?<!\d){_DAY}{_ORDINAL}(?:\s*(?:of\s+)?|-){_MONTH}(?:{_YEAR_SEP}|-){_YEAR}(?!\d)",
        )
    ),
    re.IGNORECASE,
)
# After the full dates are gone: partial dates that are clearly birth dates because of
# a label ("DOB 01021980", "born Jan 2", "birthday: 1/2").  The label itself is kept.
_LABELLED_DOB_RE: Final = re.compile(
    r"(?P<label>\b(?:d\.?o\.?b\b\.?|date\s+of\s+birth|birth\s*date|birth\s*day|b-?day"
    r"|born(?:\s+on)?)\s*[:#=-]?\s*)"
    r"(?:\d{8}(?!\d)|\d{6}(?!\d)|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)"
    rf"|{_DAY}[/.-]{_DAY}{_NUM_AFTER}"
    rf"|{_MONTH}\s*{_DAY}{_ORDINAL}(?!\d)"
    rf"|{_DAY}{_ORDINAL}\s*(?:of\s+)?{_MONTH}\b)",
    re.IGNORECASE,
)

# US phone numbers.  A separator (or parentheses, or a "+1") is required: a bare
# 10-digit run is far more often a Unix/Slack timestamp in a log line than a phone.
_PSEP = r"[ .\u00a0\-\u2010-\u2015\u2212]"
_PHONE_RE: Final = re.compile(
    r"(?<!\d)(?:"
    rf"\+1{_PSEP}?\(?\d{{3}}\)?{_PSEP}?\d{{3}}{_PSEP}?\d{{4}}"  # +1 916 464 5883, +19164645883
    rf"|(?:1{_PSEP}?)?\(\d{{3}}\){_PSEP}?\d{{3}}{_PSEP}?\d{{4}}"  # (916) 464-5883
    rf"|(?:1{_PSEP})?\d{{3}}{_PSEP}\d{{3}}{_PSEP}\d{{4}}"  # 916-464-5883, 1-866-901-3212
    r")(?!\d)"
)

# Cheap pre-check: without a digit or an "@" none of the built-in patterns can match.
_MAYBE_PII_RE: Final = re.compile(r"[\d@]")
_DIGIT_RE: Final = re.compile(r"\d")

# redact() re-runs its pipeline until nothing changes; each pass removes at least one
# digit or "@", so this bound is never reached in practice.  It only protects against
# a pathological custom case-number pattern that matches its own replacement token.
_MAX_PASSES: Final = 8


@lru_cache(maxsize=16)
def _case_number_re(case_number_pattern: str) -> re.Pattern[str]:
    """Compile (once) the digit-guarded case-number regex for a configured pattern."""
    alternatives = f"(?:{case_number_pattern})"
    if case_number_pattern == DEFAULT_CASE_NUMBER_PATTERN:
        alternatives = f"(?:{case_number_pattern}|{_GROUPED_CASE_NUMBER})"
    try:
        compiled = re.compile(rf"(?<!\d){alternatives}(?!\d)")
    except re.error as exc:
        raise ValueError(f"invalid case number pattern {case_number_pattern!r}: {exc}") from exc
    if compiled.search(""):
        # It would "redact" the gap between every pair of characters.
        raise ValueError(f"case number pattern {case_number_pattern!r} matches an empty string")
    return compiled


def _coerce_text(text: object) -> str:
    """None -> "", str -> itself, anything else -> its str() (or "" if that fails)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    try:
        return str(text)
    except Exception:  # noqa: BLE001 - a broken __str__ must not break redaction
        return ""


# Rules that run after the case-number rule, in order (see _one_pass for why).
_LATER_STEPS: Final[tuple[tuple[str, re.Pattern[str], str], ...]] = (
    (SSN, _SSN_RE, _TOKENS[SSN]),
    (DOB, _DATE_RE, _TOKENS[DOB]),
    (DOB, _LABELLED_DOB_RE, r"\g<label>" + _TOKENS[DOB]),
    (PHONE, _PHONE_RE, _TOKENS[PHONE]),
)


def _one_pass(text: str, case_re: re.Pattern[str], kinds: set[str]) -> str:
    """Apply every rule once, in an order where earlier rules protect later ones.

    E-mails first (their local part may hold digits), then case numbers (12 digits,
    before the SSN rule could see a 9-digit window), SSNs, dates, and phones last.
    """
    # A custom case-number pattern may not need digits, so it always runs.  The
    # built-in rules all need a digit or "@"; replacements only remove those, so a
    # single check up front is enough.
    builtin_can_match = _MAYBE_PII_RE.search(text) is not None
    steps = ((EMAIL, _EMAIL_RE, _TOKENS[EMAIL]), (CASE_NUMBER, case_re, _TOKENS[CASE_NUMBER]))
    for kind, pattern, replacement in (*steps, *_LATER_STEPS):
        if kind != CASE_NUMBER and not builtin_can_match:
            continue
        text, count = pattern.subn(replacement, text)
        if count:
            kinds.add(kind)
    return text


def redact(text: str | None, *, case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN) -> Redacted:
    """Replace personal data in ``text`` with placeholders such as ``[SSN]``.

    Never raises for any ``str`` (``None`` counts as ""); an invalid custom
    ``case_number_pattern`` is a configuration error and raises ``ValueError``.
    The result is idempotent: ``redact(redact(t).text).text == redact(t).text``.
    """
    case_re = _case_number_re(case_number_pattern)
    text = _coerce_text(text)
    kinds: set[str] = set()
    # Removing one match can un-glue a neighbour that a rule earlier in the pipeline
    # skipped ("1-2-80-916-464-5883"), so repeat until a pass changes nothing.  That
    # makes the function idempotent by construction; usually it is one or two passes.
    for _ in range(_MAX_PASSES):
        new_text = _one_pass(text, case_re, kinds)
        if new_text == text:
            break
        text = new_text
    return Redacted(text=text, kinds=frozenset(kinds))


def redact_text(text: str | None, **kwargs: Any) -> str:
    """Convenience wrapper: just the redacted string."""
    return redact(text, **kwargs).text


# ------------------------------------------------------------------------------- Slack
_SLACK_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# No trailing \b on purpose: an invisible joiner in "@heretic" costs nothing.
_BROADCAST_RE: Final = re.compile(r"@(?=channel|here|everyone)", re.IGNORECASE)
_WORD_JOINER: Final = "\u2060"


def escape_mrkdwn(text: str | None) -> str:
    """Make user text inert when echoed in a Slack message.

    Escaping ``& < >`` kills every control sequence (``<!channel>``, ``<@U123>``,
    ``<#C123>``, ``<!subteam^S1>``, ``<https://evil|innocent label>``).  A bare
    ``@here`` is defused with an invisible word joiner, because clients and the
    ``link_names`` option can turn it into a real notification.
    """
    escaped = _coerce_text(text).translate(_SLACK_ESCAPES)
    return _BROADCAST_RE.sub("@" + _WORD_JOINER, escaped)


def mask_case_number(value: str | None) -> str:
    """Show only the last four digits ("…5678") so staff can tell cases apart."""
    digits = _DIGIT_RE.findall(_coerce_text(value))
    return "…" + "".join(digits[-4:])


# -------------------------------------------------------------------------------- logs
# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD_RECORD_ATTRS: Final = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", (), None))
) | {"message", "asctime", "taskName"}


class RedactingLogFilter(logging.Filter):
    """Logging filter that redacts the message, its args and string ``extra`` fields.

    Attach it to *handlers* (``handler.addFilter(...)``): filters on a logger do not
    see records propagated from child loggers.  It also pre-renders and redacts the
    traceback text, since exception messages often quote the offending input.
    Never drops a record and never raises.
    """

    def __init__(
        self,
        name: str = "",
        *,
        case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN,
        extra_fields: Iterable[str] | None = None,
    ) -> None:
        super().__init__(name)
        _case_number_re(case_number_pattern)  # fail at configuration time, not per record
        self._pattern = case_number_pattern
        # None = every non-standard attribute; otherwise only the named ones.
        self._extra_fields = None if extra_fields is None else frozenset(extra_fields)
        self._formatter = logging.Formatter()

    def _redact(self, value: str) -> str:
        return redact_text(value, case_number_pattern=self._pattern)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            self._redact_record(record)
        except Exception:  # noqa: BLE001 - logging must keep working; fail closed
            record.msg, record.args = "[log message withheld: redaction failed]", ()
        return True

    def _redact_record(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - bad %-args: keep the template, drop the args
            message = f"{_coerce_text(record.msg)} [unformattable log arguments withheld]"
        record.msg = self._redact(message)
        record.args = ()
        for attr, value in list(vars(record).items()):
            if isinstance(value, str) and self._covers(attr):
                setattr(record, attr, self._redact(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)

    def _covers(self, attr: str) -> bool:
        if self._extra_fields is not None:
            return attr in self._extra_fields
        return attr not in _STANDARD_RECORD_ATTRS
