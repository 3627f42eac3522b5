"""Structured JSON logs that cannot carry request bodies or participant identifiers.

Two layers of protection: the libraries that would log bodies (Bolt's unhandled-request
warnings, slack_sdk's DEBUG request dumps) are held at WARNING/ERROR whatever LOG_LEVEL
says, and every formatted line passes through the redactor before it is written.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from bot.redaction import DEFAULT_CASE_NUMBER_PATTERN, redact_text

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "taskName"}

# Loggers that log payloads at DEBUG/INFO/WARNING; our own code logs what matters instead.
_QUIET = {
    "slack_bolt": logging.ERROR,
    "slack_sdk": logging.WARNING,
    "aiohttp.access": logging.WARNING,
    "apscheduler": logging.WARNING,
    "alembic": logging.WARNING,
    "sqlalchemy": logging.WARNING,
}


class JsonFormatter(logging.Formatter):
    def __init__(self, case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN) -> None:
        super().__init__()
        self.case_number_pattern = case_number_pattern

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        line = json.dumps(entry, default=str, ensure_ascii=False)
        return redact_text(line, case_number_pattern=self.case_number_pattern)


def setup_logging(level: str = "INFO", case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN, stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter(case_number_pattern))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name, floor in _QUIET.items():
        logging.getLogger(name).setLevel(max(floor, logging.getLevelName(level)))
