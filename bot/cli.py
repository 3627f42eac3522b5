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
    from storage.migrate import current_revisions, upgrade

    settings = load_settings(CoreSettings)
    setup_logging(settings.log_level, settings.case_number_pattern)
    upgrade(settings.database_url)
    print(f"Database is at migration {', '.join(sorted(current_revisions(settings.database_url)))}.")
    return 0


def _cmd_check_config(_args: argparse.Namespace) -> int:
    settings = load_settings(Settings)
    shown = settings.masked()
    width = max(len(name) for name in shown)
    print("Configuration is valid:")
    for name, value in shown.items():
        print(f"  {name.ljust(width)}  {value}")
    return 0


def _cmd_ask(args: argparse.Namespace) -> int:
    from bot.policy import render_text
    from bot.policy_desk import ask

    settings = load_settings(CoreSettings)
    question = " ".join(args.question).strip()
    if not question:
        from bot.policy import help_text

        print(help_text())
        return 0
    # Reading the rules and the precedent model takes about a second once per process: say so.
    print("Reading the policy documents and earlier questions...", file=sys.stderr, flush=True)
    asked = ask(question, case_number_pattern=settings.case_number_pattern)
    print(render_text(asked.answer))
    if asked.had_sensitive_data:
        print("\nReminder: never paste case data (SSNs, case numbers, dates of birth, phone numbers, emails) "
              "into Slack. It was removed from your question before it was answered.")
    return 0


def _cmd_eval_policy(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.policy import evaluate, format_report, load_eval_cases

    status = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"No evaluation file at {path} (run from the repository root, or pass a path).", file=sys.stderr)
            return 2
        report = evaluate(load_eval_cases(path))
        print(f"== {path}")
        print(format_report(report))
        print()
        if report.unsafe:
            status = 1
    return status


def _cmd_policies_check(_args: argparse.Namespace) -> int:
    from bot.policy import check_knowledge_base, load_rules

    problems = check_knowledge_base()
    if problems:
        for problem in problems:
            print(f"problem: {problem}")
        print(f"{len(problems)} problem(s) in the policy knowledge base.")
        return 1
    from bot.policy.precedents import load_precedents

    print(f"OK: {len(load_rules())} rules; every quote appears verbatim in its source and every citation is "
          f"well formed; {len(load_precedents())} precedents, each answerable from the rules it names.")
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
    ask = add("ask", _cmd_ask, "Answer a policy question in the terminal, exactly as /policy would (no Slack needed).")
    ask.add_argument("question", nargs="*", help='the question, e.g. "can I friend the NCP on Facebook?"')
    evaluation = add("eval-policy", _cmd_eval_policy,
                     "Score the policy engine on evaluation sets: accuracy per verdict and every miss.")
    evaluation.add_argument("files", nargs="*", default=["tests/policy_eval.yaml"],
                            help="YAML evaluation sets (default: tests/policy_eval.yaml)")
    policies = commands.add_parser("policies", help="Policy knowledge-base tools.",
                                   description="Policy knowledge-base tools.")
    policy_commands = policies.add_subparsers(dest="policies_command", metavar="COMMAND", required=True)
    check = policy_commands.add_parser(
        "check", help="Verify every quote is verbatim in its source and every citation is well formed.",
        description="Verify every quote is verbatim in its source and every citation is well formed.")
    check.set_defaults(handler=_cmd_policies_check)
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
