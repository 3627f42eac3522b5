"""The `bot` command line as an operator uses it: real processes, real exit codes."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests import slackreq

SETTING_NAMES = ("SLACK_", "DATABASE_URL", "ALLOWED_TEAM_IDS", "PORT", "HOST", "LOG_LEVEL", "SCHEDULER_TICK",
                 "LEAD_", "REMOVAL_", "REMINDER_", "BUSINESS_HOURS", "TIMEZONE", "MODERATION_", "ESCALATION_",
                 "POLICY_", "CASE_NUMBER_PATTERN", "MODERATOR_", "AUDIT_")


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(SETTING_NAMES)}
    env.update(values)
    return env


def run_bot(*args: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def test_serve_without_token_exits_2_naming_the_variable(tmp_path):
    result = run_bot("serve", env=clean_env(), cwd=tmp_path)
    assert result.returncode == 2
    output = result.stdout + result.stderr
    assert "SLACK_BOT_TOKEN" in output and "Traceback" not in output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("variable", "value"),
    [("PORT", "eighty"), ("LEAD_REMINDER_EVERY", "soon"), ("BUSINESS_HOURS", "nine to five"),
     ("TIMEZONE", "Mars/Olympus"), ("DATABASE_URL", "mysql://x"), ("SCHEDULER_TICK", "-1"),
     ("AUDIT_RETENTION", "P0D"), ("AUDIT_RETENTION", "7 years")],
)
def test_invalid_setting_exits_2_with_one_clear_line(tmp_path, variable, value):
    env = clean_env(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", **{variable: value})
    result = run_bot("check-config", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert variable in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_blank_audit_retention_keeps_audit_rows_forever(tmp_path):
    env = clean_env(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", AUDIT_RETENTION="")
    result = run_bot("check-config", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "AUDIT_RETENTION" in result.stdout and "(unset)" in result.stdout


def test_http_mode_needs_a_signing_secret(tmp_path):
    result = run_bot("check-config", env=clean_env(SLACK_BOT_TOKEN="xoxb-1"), cwd=tmp_path)
    assert result.returncode == 2 and "SLACK_SIGNING_SECRET" in result.stderr
    socket_mode = clean_env(SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1-abc")
    assert run_bot("check-config", env=socket_mode, cwd=tmp_path).returncode == 0


def test_check_config_masks_secrets(tmp_path):
    env = clean_env(SLACK_BOT_TOKEN="xoxb-1111-2222-supersecretvalue", SLACK_SIGNING_SECRET="0123456789abcdef0123",
                    DATABASE_URL="postgresql://bot:hunter2@db.internal:5432/bot", LEAD_REMINDER_EVERY="PT3S")
    result = run_bot("check-config", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "supersecretvalue" not in result.stdout and "0123456789abcdef0123" not in result.stdout
    assert "hunter2" not in result.stdout
    assert "SLACK_BOT_TOKEN" in result.stdout and "LEAD_REMINDER_EVERY" in result.stdout
    assert "0:00:03" in result.stdout


def test_dotenv_file_is_read(tmp_path):
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv-file\nSLACK_SIGNING_SECRET=abc\nPORT=4123\n")
    result = run_bot("check-config", env=clean_env(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "4123" in result.stdout


def test_every_subcommand_has_help(tmp_path):
    for command in ("serve", "migrate", "check-config"):
        result = run_bot(command, "--help", env=clean_env(), cwd=tmp_path)
        assert result.returncode == 0 and "usage: bot " + command in result.stdout


def test_migrate_needs_no_slack_token(tmp_path):
    result = run_bot("migrate", env=clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "migration" in result.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_serve_runs_answers_health_and_stops_on_sigterm(tmp_path, fake_slack):
    port = _free_port()
    env = clean_env(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=slackreq.SIGNING_SECRET,
                    SLACK_API_URL=fake_slack.url, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
                    HOST="127.0.0.1", PORT=str(port), SCHEDULER_TICK="1")
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "serve", env=env, cwd=tmp_path,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                        health = await response.json()
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.1)
            else:
                pytest.fail("bot serve never answered /healthz")
            assert health["database"]["ok"] is True
            body, content_type = slackreq.command_body("/policy", "")
            async with http.post(f"http://127.0.0.1:{port}/slack/events", data=body,
                                 headers={"Content-Type": content_type, **slackreq.sign(body)}) as response:
                assert response.status == 200
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0
    assert b"shutting down" in stderr and b"bot stopped" in stderr
    assert fake_slack.calls_to("auth.test")


def test_ask_answers_offline_with_the_verdict_first_and_no_echo(tmp_path):
    result = run_bot("ask", "can I friend the NCP on Facebook? ssn 123-45-6789", env=clean_env(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Not allowed")
    assert "CSSP Letter 16-04" in result.stdout
    assert "123-45-6789" not in result.stdout and "never paste case data" in result.stdout


def test_policies_check_and_eval_policy(tmp_path):
    repo = Path(__file__).parent.parent
    check = run_bot("policies", "check", env=clean_env(), cwd=tmp_path)
    assert check.returncode == 0 and check.stdout.startswith("OK:")
    evaluation = run_bot("eval-policy", env=clean_env(), cwd=repo)
    assert evaluation.returncode == 0, evaluation.stderr
    assert "Not allowed" in evaluation.stdout and "Unsafe (said allowed where not allowed): 0" in evaluation.stdout
    missing = run_bot("eval-policy", "nope.yaml", env=clean_env(), cwd=tmp_path)
    assert missing.returncode == 2 and "nope.yaml" in missing.stderr
