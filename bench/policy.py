"""`/policy` throughput and latency: this bot against a bare slack-bolt AsyncApp, in one run.

    .venv/bin/python bench/policy.py [--requests 3000] [--warmup 300] [--concurrency 20] [--rounds 3]
    .venv/bin/python -m bench.policy ...                     (same thing)

Two servers, each in its own process so that the load generator (this process) does not
share their event loop:

* the bot exactly as deployed: ``python -m bot serve`` (HTTP mode, SQLite in a temp dir,
  LOG_LEVEL=WARNING), talking to a fake Slack Web API (tests/fakeslack.py) served here;
* two bare baselines, slack-bolt AsyncApps with one ``/policy`` listener each, served by
  ``app.web_app()`` on aiohttp (``python -m bench.policy baseline --port N --slack-url URL [--engine]``):
  - "bare Bolt": acks a fixed ephemeral text + blocks message shaped like the bot's;
  - "Bolt+engine": acks the answer of the same policy engine and Block Kit rendering the bot
    uses (``bot.policy_desk.ask`` + ``answer_message``), and nothing else: no allowlist, event
    dedupe, DB session, storage or audit of the question. The ratio against it is this bot's
    own overhead; the ratio against "bare Bolt" also charges the bot for answering at all.

Each request is a freshly signed slash-command body carrying a question from QUESTIONS, in
the same seeded order for both servers. The targets are measured alternately (baseline,
bot, baseline, bot, ...) and the median of each is reported. After every bot round the
benchmark waits until the bot has stored every question it answered (that write runs after
the ack), so a backlog never spills into the next measurement.

It is a measurement: the exit status is 0 whatever the figures, 1 only if a server does not
start, and 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/policy.py` puts bench/, not the repository, on the path
    sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from tests import slackreq  # noqa: E402

HOST = "127.0.0.1"
BOT_TOKEN = "xoxb-bench-token"
COMMAND = "/policy"
SEED = 17212

# Questions as staff type them: every question of the evaluation and acceptance sets (some
# hundreds, so a repeat is the exception, as with real staff), plus these, two carrying case data
# that the bot must redact. All servers get the same questions in the same order.
QUESTION_SETS = ["policy_eval.yaml", "policy_holdout.yaml", "policy_acceptance.yaml", "policy_acceptance_2.yaml",
                 "policy_acceptance_3.yaml"]
EXTRA_QUESTIONS = [
    "can i dm the ncp on fb to get him to call me",
    "NCP messaged me on facebook messenger, ok to respond there?",
    "can i search for the ncp while logged into my personal fb",
    "ok to use my own insta acct for locate?",
    "can our lcsa set up a facebook page",
    "what does FC 17212 require us to do?",
    "is there a law that says we gotta keep child support info confidential",
    "when we use social media as an agency do we have to take steps to protect participant privacy",
    "whats cssp letter 16-04 about",
    "can we use whatsapp to talk to parents",
    "im signed in to my personal linkedin, can i look up the obligors employer real quick",
    "can i friend the NCP on Facebook?",
    "cp called from 916-555-0142 asking if we can message her on instagram, is that ok",
    "can I reply to the obligor's comment on our agency page about his case",
    "NCP 123-45-6789 on case 123456789012 wants to add me on facebook, can I accept?",
]


def load_questions() -> list[str]:
    import yaml

    questions = list(EXTRA_QUESTIONS)
    for name in QUESTION_SETS:
        path = ROOT / "tests" / name
        if path.exists():
            questions += [case["question"] for case in yaml.safe_load(path.read_text())]
    return questions


QUESTIONS = load_questions()


# ---- the bare baseline ---------------------------------------------------------------------

def baseline_message(question: str) -> dict:
    """An answer shaped like the bot's (text, verdict, quote, guidance, related, two buttons), ~2 KB."""
    quote = ("Direct communication with an individual via a social media communication system could lead to a "
             "breach of FC § 17212. Therefore, direct communication with participants using private "
             "communication systems (such as instant messages or chat) is not allowed.")
    verdict = "*Not allowed* — No private messages or chat with participants on social media"
    cite = "CSSP Letter 16-04 (March 1, 2016), p. 1; FC § 17212"
    value = f"0123456789abcdef:{len(question)}"
    return {
        "text": f"{verdict}\n“{quote}” — {cite}",
        "blocks": [
            {"type": "section", "block_id": "policy_verdict", "text": {"type": "mrkdwn", "text": verdict}},
            {"type": "section", "text": {"type": "mrkdwn", "text": f">“{quote}”\n— _{cite}_"}},
            {"type": "section", "text": {"type": "mrkdwn", "text":
                "Do not message, chat with or reply privately to a parent or other participant through a social "
                "media messaging system (Messenger, DMs, Instagram or X inbox, chat). Move the contact to the "
                "agency's normal channels: phone, mail or the office."}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text":
                "*Related:*\n• Not allowed: No child support work while signed in to a personal account — “In addition, "
                "LCSA staff may not conduct any child support activity while signed in to a personal account.”\n• Allowed "
                "with conditions: An agency page may give general information and answer general questions — "
                "“LCSAs may establish an agency page on social media websites to provide general information to the "
                "public and answer general, non-case specific questions.”"}]},
            {"type": "actions", "block_id": "policy_feedback", "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": "Helpful"},
                 "action_id": "policy_helpful", "value": value},
                {"type": "button", "text": {"type": "plain_text", "text": "Not helpful"},
                 "action_id": "policy_not_helpful", "value": value},
            ]},
        ],
    }


def build_baseline_app(slack_url: str, *, engine: bool = False) -> web.Application:
    """Plain Bolt: its own signature check, single-token authorization, one command listener."""
    from slack_bolt.app.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.policy_desk import ask
    from handlers.views.policy_desk import answer_message

    app = AsyncApp(
        client=AsyncWebClient(token=BOT_TOKEN, base_url=slack_url),
        signing_secret=slackreq.SIGNING_SECRET,
        # Same mode as the bot (bot/app.py): the HTTP response waits for the listener.
        process_before_response=True,
    )

    @app.command(COMMAND)
    async def policy(ack, command):
        text = command.get("text") or ""
        message = answer_message(ask(text)) if engine else baseline_message(text)
        await ack(response_type="ephemeral", **message)

    async def ready(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    web_app = app.web_app(path="/slack/events")
    web_app.router.add_get("/healthz", ready)
    return web_app


async def serve_baseline(port: int, slack_url: str, *, engine: bool) -> None:
    runner = web.AppRunner(build_baseline_app(slack_url, engine=engine), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, HOST, port).start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


# ---- child processes -----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def cpu_seconds(self) -> float | None:
        """User + system CPU of the server process (all its threads), from /proc; None elsewhere."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _spawn(name: str, args: list[str], env: dict[str, str], workdir: Path) -> tuple[subprocess.Popen, Path]:
    log_path = workdir / f"{name}.log"
    with open(log_path, "wb") as log:
        # Own session: a Ctrl-C here reaches only this process, whose `finally` stops the servers.
        process = subprocess.Popen([sys.executable, *args], cwd=workdir, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return process, log_path


def _clean_env() -> dict[str, str]:
    """The parent's environment without any of the bot's settings (names are case-insensitive)."""
    from bot.settings import Settings

    names = {name.lower() for name in Settings.model_fields}
    return {key: value for key, value in os.environ.items() if key.lower() not in names}


def start_bot(workdir: Path, slack_url: str) -> tuple[Server, Path]:
    port = free_port()
    db_path = workdir / "bot.db"
    env = _clean_env() | {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": slackreq.SIGNING_SECRET,
        "SLACK_API_URL": slack_url,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "HOST": HOST,
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    # cwd is the temp dir, so a developer's .env in the repository is not read.
    process, log_path = _spawn("bot", ["-m", "bot", "serve"], env, workdir)
    return Server("bot", port, process, log_path), db_path


def start_baseline(workdir: Path, slack_url: str, *, engine: bool) -> Server:
    port = free_port()
    env = _clean_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    name = "Bolt+engine" if engine else "bare Bolt"
    process, log_path = _spawn(name.replace(" ", "_").replace("+", "_"),
                               ["-m", "bench.policy", "baseline", "--port", str(port), "--slack-url", slack_url,
                                *(["--engine"] if engine else [])], env, workdir)
    return Server(name, port, process, log_path)


async def wait_ready(session: aiohttp.ClientSession, server: Server, timeout: float) -> str | None:
    """None when GET /healthz answers 200 within `timeout`, else why not."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return f"exited with status {server.process.returncode}"
        try:
            async with session.get(server.url + "/healthz", timeout=aiohttp.ClientTimeout(total=2)) as response:
                await response.read()
                if response.status == 200:
                    return None
                last = f"/healthz answered {response.status}"
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            last = type(error).__name__
        await asyncio.sleep(0.1)
    return f"not ready after {timeout:.0f} s ({last})"


# ---- load generation -----------------------------------------------------------------------

@dataclass
class Run:
    target: str
    round: int
    sent: int
    ok: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: Counter = field(default_factory=Counter)
    response_bytes: int = 0
    server_cpu: float | None = None  # fraction of one core, during the run
    cpu_per_request: float | None = None  # server CPU ms per answer, the bot's after-ack writes included
    generator_cpu: float = 0.0
    stored_after: float | None = None  # bot only: seconds after the run until every answer was stored

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile_ms(self, q: float) -> float:
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000


def question_order(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(QUESTIONS) for _ in range(count)]


async def hammer(session: aiohttp.ClientSession, url: str, questions: list[str], concurrency: int, run: Run) -> None:
    """Send every question once, `concurrency` requests in flight; fill in `run`."""
    pending = iter(questions)

    async def worker() -> None:
        for question in pending:  # shared iterator: each question is taken by exactly one worker
            body, content_type = slackreq.command_body(COMMAND, question)
            headers = {"Content-Type": content_type, **slackreq.sign(body)}  # fresh timestamp per request
            started = time.perf_counter()
            try:
                async with session.post(url, data=body.encode(), headers=headers) as response:
                    payload = await response.read()
                    elapsed = time.perf_counter() - started
                    if response.status != 200:
                        run.errors[f"HTTP {response.status}"] += 1
                    elif b'"blocks"' not in payload:  # e.g. the error handler's "Sorry…" text
                        run.errors["200 without an answer"] += 1
                    else:
                        run.ok += 1
                        run.latencies.append(elapsed)
                        run.response_bytes += len(payload)
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                run.errors[type(error).__name__] += 1

    cpu_before = time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    run.seconds = time.perf_counter() - started
    run.generator_cpu = (time.process_time() - cpu_before) / run.seconds if run.seconds else 0.0


def stored_questions(db_path: Path) -> int | None:
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute("SELECT count(*) FROM policy_question").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return None


async def drain(db_path: Path, expected: int, timeout: float) -> float | None:
    """Seconds until the bot has stored `expected` questions in all, or None (and a warning) on timeout."""
    started = time.monotonic()
    count = None
    while time.monotonic() - started < timeout:
        count = await asyncio.to_thread(stored_questions, db_path)
        if count is not None and count >= expected:
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    print(f"warning: the bot stored {count} of {expected} answered questions within {timeout:.0f} s", file=sys.stderr)
    return None


# ---- the benchmark -------------------------------------------------------------------------

def revision() -> str:
    """The commit measured, `-dirty` when the work tree has uncommitted changes."""
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                              text=True, timeout=10)
        return done.stdout.strip() or "unknown revision"
    except (OSError, subprocess.SubprocessError):
        return "unknown revision"


async def benchmark(args: argparse.Namespace) -> int:
    from tests.fakeslack import FakeSlack

    fake = FakeSlack()
    await fake.start()
    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="bench-policy-") as tmp:
        workdir = Path(tmp)
        try:
            bot, db_path = start_bot(workdir, fake.url)
            servers.append(bot)
            baseline = start_baseline(workdir, fake.url, engine=False)
            servers.append(baseline)
            engine_baseline = start_baseline(workdir, fake.url, engine=True)
            servers.append(engine_baseline)

            connector = aiohttp.TCPConnector(limit=args.concurrency)  # keep-alive, like wrk
            timeout = aiohttp.ClientTimeout(total=args.request_timeout)
            async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
                problems = await asyncio.gather(*(wait_ready(session, s, args.start_timeout) for s in servers))
                failed = False
                for server, problem in zip(servers, problems, strict=True):
                    if problem:
                        failed = True
                        print(f"{server.name} did not start: {problem}\n--- last lines of its log ---\n"
                              f"{server.log_tail()}", file=sys.stderr)
                if failed:
                    return 1

                print(f"/policy benchmark at {revision()}: {args.rounds} round(s) per target, {args.requests} "
                      f"requests each after {args.warmup} warm-up, concurrency {args.concurrency}, "
                      f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, aiohttp {aiohttp.__version__}")
                runs: list[Run] = []
                stored_expected = 0
                for round_number in range(1, args.rounds + 1):
                    for server in (baseline, engine_baseline, bot):
                        url = server.url + "/slack/events"
                        warm = Run(server.name, round_number, args.warmup)
                        await hammer(session, url, question_order(args.warmup, SEED + 1), args.concurrency, warm)
                        if server is bot:  # the measurement starts with no write backlog
                            stored_expected += warm.ok
                            await drain(db_path, stored_expected, args.drain_timeout)
                        run = Run(server.name, round_number, args.requests)
                        cpu_before = server.cpu_seconds()
                        await hammer(session, url, question_order(args.requests, SEED), args.concurrency, run)
                        cpu_after = server.cpu_seconds()
                        if server is bot:
                            stored_expected += run.ok
                            run.stored_after = await drain(db_path, stored_expected, args.drain_timeout)
                        cpu_end = server.cpu_seconds()
                        if cpu_before is not None and cpu_after is not None and cpu_end is not None and run.ok:
                            run.server_cpu = (cpu_after - cpu_before) / run.seconds
                            run.cpu_per_request = (cpu_end - cpu_before) / run.ok * 1000
                        if warm.error_count:
                            run.errors.update({f"warm-up {k}": v for k, v in warm.errors.items()})
                        runs.append(run)
                        print_run(run)
                        await asyncio.sleep(args.pause)
                print()
                print_summary(runs, baseline.name, engine_baseline.name, bot.name)
            return 0
        finally:
            for server in servers:
                server.stop()
            await fake.close()


HEADER = (f"{'target':<11} {'round':>5} {'ok':>6} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7} {'resp B':>6} {'srv cpu':>7} {'gen cpu':>7} {'stored':>7} {'cpu/req':>7}")


def print_run(run: Run) -> None:
    if run.round == 1 and run.target == "bare Bolt":
        print(HEADER)
    server_cpu = f"{run.server_cpu:.0%}" if run.server_cpu is not None else "n/a"
    stored = f"+{run.stored_after:.2f}s" if run.stored_after is not None else ("-" if run.target != "bot"
                                                                              else "late")
    size = run.response_bytes // run.ok if run.ok else 0
    cpu_per_request = f"{run.cpu_per_request:.2f}ms" if run.cpu_per_request is not None else "n/a"
    print(f"{run.target:<11} {run.round:>5} {run.ok:>6} {run.error_count:>6} {run.rps:>8.1f} "
          f"{run.percentile_ms(0.50):>7.1f} {run.percentile_ms(0.99):>7.1f} {run.percentile_ms(1.0):>7.1f} "
          f"{size:>6} {server_cpu:>7} {run.generator_cpu:>7.0%} {stored:>7} {cpu_per_request:>7}")
    for reason, count in run.errors.most_common():
        print(f"{'':<11} {'':>5} {count:>6} x {reason}")


def print_summary(runs: list[Run], baseline_name: str, engine_name: str, bot_name: str) -> None:
    def median(values) -> float:
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else math.nan

    print(f"{'median':<11} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'cpu/req':>8}")
    figures = {}
    for target in (baseline_name, engine_name, bot_name):
        mine = [r for r in runs if r.target == target]
        figures[target] = (median(r.rps for r in mine), median(r.percentile_ms(0.5) for r in mine),
                           median(r.percentile_ms(0.99) for r in mine), sum(r.error_count for r in mine),
                           median(r.cpu_per_request for r in mine))
        rps, p50, p99, errors, cpu = figures[target]
        print(f"{target:<11} {rps:>8.1f} {p50:>7.1f} {p99:>7.1f} {errors:>6} {cpu:>6.2f}ms")
    bot_rps, _, bot_p99, bot_errors, _ = figures[bot_name]

    def ratio(name: str) -> float:
        return bot_rps / figures[name][0] if figures[name][0] else math.nan

    busy = [r for r in runs if r.generator_cpu >= 0.9]
    if busy:
        print(f"note: the load generator used >= 90% of a core in {len(busy)} run(s); those servers may not have "
              "been saturated, so their req/s are lower bounds")
    # The baseline "answers the same signed request": Bolt+engine gives the same answer;
    # bare Bolt's fixed text is the cheaper bound and is printed beside it.
    met = ratio(engine_name) >= 0.8 and bot_p99 < 50 and bot_errors == 0
    print(f"ratio {ratio(engine_name):.2f} of {engine_name} (target >= 0.8), {ratio(baseline_name):.2f} of "
          f"{baseline_name} with a fixed answer; bot p99 {bot_p99:.1f} ms (target < 50 ms); errors {bot_errors} "
          f"-> {'targets met' if met else 'targets NOT met'}")


# ---- command line --------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench/policy.py",
        description="/policy requests per second and latency: this bot against a bare slack-bolt AsyncApp.")
    parser.add_argument("--requests", type=int, default=3000, help="measured requests per round and target")
    parser.add_argument("--warmup", type=int, default=300, help="unmeasured requests before each measurement")
    parser.add_argument("--concurrency", type=int, default=20, help="requests in flight")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median is reported")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds of rest between measurements")
    parser.add_argument("--start-timeout", type=float, default=60.0, help="seconds for each server to get ready")
    parser.add_argument("--request-timeout", type=float, default=30.0, help="seconds before a request is an error")
    parser.add_argument("--drain-timeout", type=float, default=120.0,
                        help="seconds for the bot to store the questions of a round")
    sub = parser.add_subparsers(dest="command", metavar="[baseline]")
    baseline = sub.add_parser("baseline", help="(internal) serve the bare Bolt baseline until SIGTERM")
    baseline.add_argument("--port", type=int, required=True)
    baseline.add_argument("--slack-url", required=True)
    baseline.add_argument("--engine", action="store_true", help="answer with the bot's policy engine")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "baseline":
        import logging

        logging.basicConfig(level=logging.WARNING)
        asyncio.run(serve_baseline(args.port, args.slack_url, engine=args.engine))
        return 0
    for name in ("requests", "warmup", "concurrency", "rounds"):
        if getattr(args, name) < (0 if name == "warmup" else 1):
            parser.error(f"--{name} is too small")
    try:
        return asyncio.run(benchmark(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
