"""Thin Slack adapters, one module per feature, each with `register(app, runtime)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp

    from bot.runtime import Runtime


def register_all(app: AsyncApp, runtime: Runtime) -> None:
    from handlers import home, locate, policy, report

    for feature in (policy, report, locate, home):
        feature.register(app, runtime)
