"""The `bot` command line (also `python -m bot`)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence

from bot.logs import setup_logging
from bot.settings import ConfigError, CoreSettings, Settings, load_settings


def _cmd_serve(_args: argparse.Namespace) -> int:
    from bot.runtime import StartupError
    from bot.serve import serve

    settings = load_settings(Settings)
    setup_logging(settings.log_level, settings.case_number_pattern)
    try:
        asyncio.run(serve(settings))
    except StartupError as error:
        print(f"Start-up error: {error}", file=sys.stderr)
        return error.exit_code
    return 0


def _cmd_migrate(_args: argparse.Namespace) -> int:
    from storage.migrate import current_revision, upgrade

    settings = load_settings(CoreSettings)
    setup_logging(settings.log_level, settings.case_number_pattern)
    upgrade(settings.database_url)
    print(f"Database is at migration {current_revision(settings.database_url)}.")
    return 0


def _cmd_check_config(_args: argparse.Namespace) -> int:
    settings = load_settings(Settings)
    shown = settings.masked()
    width = max(len(name) for name in shown)
    print("Configuration is valid:")
    for name, value in shown.items():
        print(f"  {name.ljust(width)}  {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bot",
        description="Slack bot for an LCSA: cited policy answers, flagged-post reports, locate-lead verification.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("serve", _cmd_serve, "Run the bot (HTTP mode, or Socket Mode when SLACK_APP_TOKEN is set); "
        "applies database migrations first.")
    add("migrate", _cmd_migrate, "Apply database migrations to DATABASE_URL and exit.")
    add("check-config", _cmd_check_config, "Validate the settings and print them, with secrets masked.")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
