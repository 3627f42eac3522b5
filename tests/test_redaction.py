import logging
import re

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from bot.redaction import (
    DEFAULT_CASE_NUMBER_PATTERN,
    KINDS,
    Redacted,
    RedactingLogFilter,
    escape_mrkdwn,
    mask_case_number,
    redact,
    redact_text,
)

# ----------------------------------------------------------------------- strategies
digits = st.text(alphabet="0123456789", min_size=1, max_size=1).map(str)


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


ssns = st.builds(
    lambda a, b, c, sep: f"{a}{sep}{b}{sep}{c}",
    _digits(3),
    _digits(2),
    _digits(4),
    st.sampled_from(["-", " ", ".", ""]),
)

case_numbers = _digits(12).flatmap(
    lambda d: st.sampled_from(
        [
            d,
            f"{d[:4]} {d[4:8]} {d[8:]}",
            f"{d[:4]}-{d[4:8]}-{d[8:]}",
            f"{d[:3]}-{d[3:6]}-{d[6:9]}-{d[9:]}",
            f"{d[:3]} {d[3:6]} {d[6:9]} {d[9:]}",
            f"{d[:6]}-{d[6:]}",
        ]
    )
)


def _phone(area: str, exch: str, line: str, fmt: int) -> str:
    return [
        f"({area}) {exch}-{line}",
        f"({area}){exch}-{line}",
        f"{area}-{exch}-{line}",
        f"{area}.{exch}.{line}",
        f"{area} {exch} {line}",
        f"+1 {area} {exch} {line}",
        f"+1 ({area}) {exch}-{line}",
        f"+1{area}{exch}{line}",
        f"1-{area}-{exch}-{line}",
        f"1 ({area}) {exch}-{line}",
    ][fmt]


phones = st.builds(_phone, _digits(3), _digits(3), _digits(4), st.integers(0, 9))

dates = st.builds(
    lambda y, m, d, fmt: [
        f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y}",
        f"{m}-{d}-{y % 100:02d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} {d}, {y}",
        f"{d} {['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} {y}",
        f"{d:02d}.{m:02d}.{y}",
    ][fmt],
    st.integers(1900, 2099),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 6),
)

surrounding = st.text(max_size=40)


def embed(prefix: str, value: str, suffix: str) -> str:
    # Whitespace around the value: glued digits would legitimately make it a
    # different (longer) number that the rules must not touch.
    return f"{prefix} {value} {suffix}"


# ------------------------------------------------------------------------- examples
@pytest.mark.parametrize(
    "text",
    [
        "SSN 123-45-6789",
        "ssn: 123 45 6789",
        "her ss# is 123.45.6789.",
        "SSN 123456789",
        "ss# 123456789",
        "number 123456789 in the note",
        "SSN 123\u201145\u20116789",  # non-breaking hyphens from a word processor
    ],
)
def test_ssn_examples(text: str) -> None:
    result = redact(text)
    assert "[SSN]" in result.text
    assert result.kinds == {"ssn"}
    assert not re.search(r"\d", result.text)


@pytest.mark.parametrize(
    "text",
    [
        "case 123456789012",
        "case#123456789012 please",
        "case 1234 5678 9012",
        "case 1234-5678-9012",
        "case 123-456-789-012",
        "case 123456-789012",
    ],
)
def test_case_number_examples(text: str) -> None:
    result = redact(text)
    assert "[case number]" in result.text
    assert result.kinds == {"case_number"}
    assert not re.search(r"\d", result.text)


@pytest.mark.parametrize(
    "text",
    [
        "DOB 01/02/1980",
        "born 1-2-80",
        "birthday 1980-01-02",
        "Jan 2, 1980",
        "January 2 1980",
        "2 Jan 1980",
        "2nd of January, 1980",
        "02-JAN-1980",
        "Sept. 30, '79",
        "13.01.1980",
        "DOB: 01021980",
        "D.O.B. 010280",
        "born on Jan 2",
        "birthday: 1/2",
        "dob 2nd March",
    ],
)
def test_date_examples(text: str) -> None:
    result = redact(text)
    assert "[date]" in result.text
    assert result.kinds == {"dob"}
    assert not re.search(r"\d", result.text)


def test_labelled_date_keeps_the_label() -> None:
    assert redact_text("DOB: 01021980.") == "DOB: [date]."


@pytest.mark.parametrize(
    "text",
    [
        "(916) 464-5883",
        "916-464-5883",
        "916.464.5883",
        "916 464 5883",
        "+1 916 464 5883",
        "+19164645883",
        "+1 (916) 464-5883",
        "1-866-901-3212",
        "1 (866) 901-3212",
    ],
)
def test_phone_examples(text: str) -> None:
    result = redact(f"call {text} today")
    assert result.text == "call [phone] today"
    assert result.kinds == {"phone"}


@pytest.mark.parametrize(
    "text",
    ["jane.doe@example.com", "J.Doe+cases@sub.example.co.uk", "x_y@xn--80ak6aa92e.com"],
)
def test_email_examples(text: str) -> None:
    result = redact(f"mail {text}, thanks")
    assert result.text == "mail [email], thanks"
    assert result.kinds == {"email"}


def test_slack_mailto_keeps_its_structure() -> None:
    assert redact_text("<mailto:a@b.org|a@b.org>") == "<mailto:[email]|[email]>"


def test_everything_together() -> None:
    text = (
        "Jane (SSN 123-45-6789, DOB Jan 2, 1980) on case 123456789012 called from "
        "(916) 464-5883 and wrote from jane@example.com."
    )
    result = redact(text)
    assert result.text == (
        "Jane (SSN [SSN], DOB [date]) on case [case number] called from "
        "[phone] and wrote from [email]."
    )
    assert result.kinds == KINDS


@pytest.mark.parametrize(
    "text",
    [
        "ts 1712345678.123456",  # Slack message timestamp
        "epoch 1712345678",  # a bare 10-digit run is a timestamp more often than a phone
        "server 10.1.12.5",
        "python 3.11.7",
        "ZIP 95814-1234",
        "In Dec 2019 we",
        "policy section 5.2.1",
        "amount $1,234.56",
        "12345678",  # 8 digits without a DOB label
        "1234567890123",  # 13 digits: not a case number, SSN or phone
        "1234567890",
    ],
)
def test_things_that_are_not_personal_data(text: str) -> None:
    assert redact(text) == Redacted(text=text, kinds=frozenset())


@pytest.mark.parametrize(
    "text",
    [
        '{"ts": "2026-03-08T10:00:00.123+00:00", "level": "INFO"}',  # bot.logs JSON lines
        "snoozed until 2026-03-09 15:00:00+00:00",  # str(datetime)
    ],
)
def test_timestamps_are_kept(text: str) -> None:
    # A date with a time of day is an event, not a birth date; logs are full of them.
    assert redact_text(text) == text


def test_labelled_timestamp_is_still_a_birth_date() -> None:
    assert redact_text("DOB 1980-01-02 00:00:00") == "DOB [date] 00:00:00"


def test_pipe_only_starts_an_address_after_a_non_alphanumeric() -> None:
    assert redact_text("a@b.org|c@d.org") == "[email]|[email]"
    assert redact_text("odd |x@d.org") == "odd [email]"


def test_digits_glued_to_longer_runs_are_not_split() -> None:
    # A 9- or 12-digit window of a longer number must not be taken out of it.
    assert redact_text("12345678901234567890") == "12345678901234567890"


def test_grouped_case_number_does_not_eat_phone_numbers() -> None:
    assert redact_text("916 464 5883") == "[phone]"
    assert redact_text("1-866-901-3212") == "[phone]"


def test_custom_case_number_pattern() -> None:
    result = redact("case BF123456 and 123456789012", case_number_pattern=r"BF\d{6}")
    # The grouped 12-digit forms only belong to the default pattern; the bare
    # 12-digit number is no longer a case number, and not an SSN or phone either.
    assert result.text == "case [case number] and 123456789012"
    assert result.kinds == {"case_number"}


def test_custom_case_number_pattern_is_guarded_against_glued_digits() -> None:
    assert redact_text("x 1234567 y", case_number_pattern=r"\d{6}") == "x 1234567 y"
    assert redact_text("x 123456 y", case_number_pattern=r"\d{6}") == "x [case number] y"


@pytest.mark.parametrize("pattern", [r"(", r"\d*"])
def test_invalid_case_number_pattern_is_a_configuration_error(pattern: str) -> None:
    with pytest.raises(ValueError, match="case number pattern"):
        redact("x", case_number_pattern=pattern)


def test_none_and_non_strings() -> None:
    assert redact(None) == Redacted("", frozenset())
    assert redact_text(None) == ""
    assert redact_text(123456789) == "[SSN]"  # type: ignore[arg-type]


def test_redact_text_passes_options() -> None:
    assert redact_text("BF123456", case_number_pattern=r"BF\d{6}") == "[case number]"


def test_adversarial_input_of_slack_s_maximum_length_is_handled() -> None:
    # Slack messages are capped at 40k characters. A pattern that went quadratic on these would
    # hang the suite; speed itself is for benchmarks, so this checks only the results.
    assert redact("a" * 40_000).text == "a" * 40_000
    assert redact("a." * 20_000 + "@").text == "a." * 20_000 + "@"
    assert redact("1 " * 20_000).text == "1 " * 20_000
    assert redact("1-" * 20_000).text == "1-" * 20_000
    assert redact("a@a." * 10_000).kinds == {"email"}


# ----------------------------------------------------------------------- properties
@given(prefix=surrounding, value=ssns, suffix=surrounding)
def test_ssn_never_survives(prefix: str, value: str, suffix: str) -> None:
    result = redact(embed(prefix, value, suffix))
    assert value not in result.text
    assert "ssn" in result.kinds or "case_number" in result.kinds or "dob" in result.kinds


@given(prefix=surrounding, value=case_numbers, suffix=surrounding)
def test_case_number_never_survives(prefix: str, value: str, suffix: str) -> None:
    result = redact(embed(prefix, value, suffix))
    assert value not in result.text
    assert "case_number" in result.kinds


@given(prefix=surrounding, value=st.emails(), suffix=surrounding)
def test_email_never_survives(prefix: str, value: str, suffix: str) -> None:
    result = redact(embed(prefix, value, suffix))
    assert value not in result.text
    assert "email" in result.kinds


@given(prefix=surrounding, value=phones, suffix=surrounding)
def test_phone_never_survives(prefix: str, value: str, suffix: str) -> None:
    result = redact(embed(prefix, value, suffix))
    assert value not in result.text
    assert result.kinds


@given(prefix=surrounding, value=dates, suffix=surrounding)
def test_date_never_survives(prefix: str, value: str, suffix: str) -> None:
    # "1980-01-02 10:00" is a timestamp, deliberately kept (see test_timestamps_are_kept).
    assume(not re.match(r"\d{1,2}:\d{2}", suffix))
    result = redact(embed(prefix, value, suffix))
    assert value not in result.text
    assert result.kinds


@given(
    st.sampled_from(["ssn", "case_number", "phone", "dob", "email"]).flatmap(
        lambda kind: st.tuples(
            st.just(kind),
            {"ssn": ssns, "case_number": case_numbers, "phone": phones, "dob": dates, "email": st.emails()}[kind],
        )
    ),
    st.sampled_from(["", "see ", "Re: ", "(", "value="]),
    st.sampled_from(["", " thanks", ".", ")", ", ok"]),
)
def test_kinds_name_exactly_what_was_found(kind_and_value: tuple[str, str], before: str, after: str) -> None:
    kind, value = kind_and_value
    result = redact(f"{before}{value}{after}")
    assert result.kinds == {kind}
    assert value not in result.text


@given(
    st.lists(st.one_of(ssns, case_numbers, phones, dates, st.emails(), surrounding), max_size=8)
)
def test_kinds_match_what_was_embedded(parts: list[str]) -> None:
    text = " ".join(parts)
    result = redact(text)
    assert result.kinds <= KINDS
    # Every reported kind left its placeholder behind, and nothing was reported twice over.
    tokens = {"ssn": "[SSN]", "case_number": "[case number]", "dob": "[date]", "phone": "[phone]", "email": "[email]"}
    for kind in result.kinds:
        assert tokens[kind] in result.text
    if result.text == text:
        assert result.kinds == frozenset()


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789 -./()+@ab|:Jan,'", max_size=80),
        st.lists(st.one_of(ssns, case_numbers, phones, dates, st.emails(), st.text(max_size=5))).map("".join),
    )
)
@example("1-2-80-916-464-5883")
@example("<mailto:a@b.com|a@b.com>")
def test_redact_is_idempotent(text: str) -> None:
    once = redact(text)
    twice = redact(once.text)
    assert twice.text == once.text
    assert twice.kinds == frozenset()


@given(st.text().filter(lambda t: not re.search(r"[\d@]", t)))
def test_text_without_digits_or_at_is_unchanged(text: str) -> None:
    assert redact(text) == Redacted(text=text, kinds=frozenset())


@given(st.text())
def test_redact_never_raises(text: str) -> None:
    assert isinstance(redact(text).text, str)


# --------------------------------------------------------------------------- Slack
def test_escape_mrkdwn_examples() -> None:
    assert escape_mrkdwn("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert escape_mrkdwn("<!channel> <!here> <!everyone> <@U123> <#C123> <!subteam^S1>") == (
        "&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &lt;#C123&gt; &lt;!subteam^S1&gt;"
    )
    assert escape_mrkdwn("<https://evil.example|bank.example>") == "&lt;https://evil.example|bank.example&gt;"
    assert escape_mrkdwn(None) == ""


@pytest.mark.parametrize("word", ["@channel", "@here", "@everyone", "@Here", "@CHANNEL"])
def test_escape_mrkdwn_defuses_bare_broadcasts(word: str) -> None:
    escaped = escape_mrkdwn(f"hey {word}!")
    assert word not in escaped
    assert escaped == f"hey @\u2060{word[1:]}!"


@given(st.text())
def test_escape_mrkdwn_never_leaves_live_controls(text: str) -> None:
    escaped = escape_mrkdwn(text)
    for control in ("<!", "<@", "<#", "<"):
        assert control not in escaped
    assert not re.search(r"@(channel|here|everyone)", escaped, re.IGNORECASE)


# ------------------------------------------------------------------------- masking
@pytest.mark.parametrize(
    ("value", "expected"),
    [("123456785678", "…5678"), ("1234-5678-9012", "…9012"), ("12", "…12"), ("", "…"), (None, "…")],
)
def test_mask_case_number(value: str | None, expected: str) -> None:
    assert mask_case_number(value) == expected


@given(st.text())
@example("123456789012")
def test_mask_case_number_never_shows_more_than_four_digits(value: str) -> None:
    masked = mask_case_number(value)
    assert masked.startswith("…")
    assert sum(ch.isdigit() for ch in masked) <= 4


# ---------------------------------------------------------------------------- logs
@pytest.fixture
def captured() -> tuple[logging.Logger, list[logging.LogRecord], logging.Handler]:
    records: list[logging.LogRecord] = []

    class ListHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)
            self.format(record)  # must not raise after the filter ran

    handler = ListHandler()
    handler.addFilter(RedactingLogFilter())
    logger = logging.getLogger("test_redaction.captured")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield logger, records, handler
    logger.removeHandler(handler)


def test_log_filter_redacts_args(captured) -> None:
    logger, records, _ = captured
    logger.info("participant said %s", "SSN 123-45-6789")
    (record,) = records
    assert record.getMessage() == "participant said SSN [SSN]"
    assert record.args == ()
    assert "123-45-6789" not in record.msg


def test_log_filter_redacts_mapping_args_and_extras(captured) -> None:
    logger, records, _ = captured
    logger.info("case %(case)s", {"case": "123456789012"}, extra={"user_text": "call 916-464-5883", "n": 5})
    (record,) = records
    assert record.getMessage() == "case [case number]"
    assert record.user_text == "call [phone]"
    assert record.n == 5


def test_log_filter_redacts_tracebacks(captured) -> None:
    logger, records, handler = captured
    try:
        raise ValueError("bad SSN 123-45-6789")
    except ValueError:
        logger.exception("lookup failed")
    (record,) = records
    assert "123-45-6789" not in handler.format(record)
    assert "bad SSN [SSN]" in record.exc_text


def test_log_filter_survives_bad_format_args(captured) -> None:
    logger, records, _ = captured
    logger.info("two %s %s", "123-45-6789")
    (record,) = records
    assert "123-45-6789" not in record.getMessage()
    assert record.getMessage().startswith("two %s %s")


def test_log_filter_named_extra_fields_and_pattern() -> None:
    log_filter = RedactingLogFilter(case_number_pattern=r"BF\d{6}", extra_fields=["note"])
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "case %s", ("BF123456",), None)
    record.note = "BF654321"
    record.other = "BF111111"
    assert log_filter.filter(record) is True
    assert record.msg == "case [case number]"
    assert record.note == "[case number]"
    assert record.other == "BF111111"


def test_log_filter_rejects_bad_pattern_up_front() -> None:
    with pytest.raises(ValueError):
        RedactingLogFilter(case_number_pattern="(")


@settings(max_examples=50)
@given(st.text(), st.text())
def test_log_filter_never_raises_and_keeps_records(msg: str, arg: str) -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, msg, (arg,), None)
    assert RedactingLogFilter().filter(record) is True
    assert isinstance(record.msg, str)
    assert record.args == ()


def test_default_pattern_constant() -> None:
    assert DEFAULT_CASE_NUMBER_PATTERN == r"\d{12}"
