"""Runtime settings, read from environment variables and an optional `.env` file.

The variable names are part of the bot's public interface (deploy scripts and
other tools set them), so they are spelled exactly as documented in README.md.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import cached_property
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.redaction import DEFAULT_CASE_NUMBER_PATTERN
from bot.timeutil import BusinessHours, parse_duration

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


def _comma_list(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


class CoreSettings(BaseSettings):
    """What commands that never talk to Slack need (`bot migrate`, `bot ask`)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite:///./bot.db"
    log_level: str = "INFO"
    case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgres|postgresql)(\+\w+)?://", value):
            raise ValueError("must start with sqlite:/// or postgresql://")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("case_number_pattern")
    @classmethod
    def _case_number_pattern(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"is not a valid regular expression ({exc})") from None
        return value


class Settings(CoreSettings):
    slack_bot_token: SecretStr
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"

    host: str = "0.0.0.0"
    port: int = Field(default=3000, ge=1, le=65535)

    # Kept as the raw comma list: pydantic-settings would otherwise expect JSON.
    allowed_team_ids: str | None = None
    moderator_user_ids: str | None = None

    moderation_channel: str | None = None
    escalation_channel: str | None = None
    policy_questions_channel: str | None = None

    lead_reminder_first: Duration = timedelta(days=1)
    lead_reminder_every: Duration = timedelta(days=1)
    removal_reminder_every: Duration = timedelta(hours=1)
    lead_escalate_after: int = Field(default=3, ge=1)
    scheduler_tick: float = Field(default=30, gt=0)

    # How long audit rows are kept before the audited retention purge deletes them. Unset keeps
    # them forever: the agency's records schedule decides, not a default in code.
    audit_retention: Duration | None = None

    reminder_business_hours_only: bool = True
    business_hours: str = "08:00-17:00 Mon-Fri"
    timezone: str = "America/Los_Angeles"

    @field_validator("slack_bot_token")
    @classmethod
    def _token_not_blank(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("audit_retention", mode="before")
    @classmethod
    def _blank_keeps_forever(cls, value: object) -> object:
        # "AUDIT_RETENTION=" in a .env file means unset, not a malformed duration.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("business_hours")
    @classmethod
    def _business_hours(cls, value: str) -> str:
        BusinessHours.parse(value)
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as America/Los_Angeles") from None
        return value

    @model_validator(mode="after")
    def _signing_secret_for_http(self) -> Settings:
        if self.slack_app_token is None and not self.slack_signing_secret:
            raise ValueError("SLACK_SIGNING_SECRET is required in HTTP mode (when SLACK_APP_TOKEN is not set)")
        return self

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    @property
    def allowed_teams(self) -> tuple[str, ...]:
        return _comma_list(self.allowed_team_ids)

    @property
    def moderators(self) -> tuple[str, ...]:
        return _comma_list(self.moderator_user_ids)

    @cached_property
    def hours(self) -> BusinessHours:
        return BusinessHours.parse(self.business_hours)

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def masked(self) -> dict[str, str]:
        """Every setting as text, secrets shown only as a short recognisable prefix."""
        shown: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                secret = value.get_secret_value()
                text = (secret[:5] + "…" + "*" * 6) if len(secret) > 8 else "*" * 6
            elif value is None:
                text = "(unset)"
            else:
                text = str(value)
            shown[name.upper()] = text
        shown["DATABASE_URL"] = _mask_url_password(self.database_url)
        if not self.allowed_teams:
            shown["ALLOWED_TEAM_IDS"] = "(unset: the token's own workspace, from auth.test at start)"
        return shown


def _mask_url_password(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]+@", r"\1:******@", url)


class ConfigError(Exception):
    """A setting is missing or invalid; the message is one line naming the variable."""


def describe_validation_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]).upper()
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = "is required (set it in the environment or in .env)"
        parts.append(f"{name} {message}" if name else message)
    return "Configuration error: " + "; ".join(parts)


def load_settings(cls: type[CoreSettings] = Settings, **overrides) -> Settings:
    try:
        return cls(**overrides)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc)) from None
