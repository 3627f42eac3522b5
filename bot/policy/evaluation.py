"""Scoring the engine against a labelled question set (backs `bot eval-policy`).

A case is correct only when the verdict and the rule match and, for cases that name them,
the cited document and a phrase the quoted clause must contain (held-out sets label the
answer by citation and clause rather than by rule id). Separately, any case where
the bot permits something the policy forbids is counted as unsafe: that is the failure that
matters most, so it is reported on its own rather than folded into accuracy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.policy.answer import answer
from bot.policy.models import PolicyAnswer, Verdict
from bot.policy.sources import cites, normalize_whitespace

_UNSET = object()


@dataclass(frozen=True, slots=True)
class EvalCase:
    question: str
    expected_verdict: Verdict
    # The rule that should answer; None for "Not covered". check_rule=False for sets that
    # label only the verdict.
    expected_rule: str | None = None
    check_rule: bool = True
    # The document the answer must cite ("CSSP Letter 16-04"); None: not checked, or for
    # "Not covered" cases no citation at all.
    expected_citation: str | None = None
    # Words the quoted clause must contain, compared after collapsing whitespace.
    clause_contains: str | None = None

    def citation_ok(self, result: PolicyAnswer) -> bool:
        rule = result.rule
        if self.expected_citation is not None and (
            rule is None or not cites(rule.citation.document, self.expected_citation)
        ):
            return False
        if self.clause_contains is not None:
            wanted = normalize_whitespace(self.clause_contains)
            return rule is not None and wanted in normalize_whitespace(rule.quote)
        return True


@dataclass(frozen=True, slots=True)
class EvalMiss:
    question: str
    expected_verdict: Verdict
    expected_rule: str | None
    got_verdict: Verdict
    got_rule: str | None
    expected_clause: str | None = None
    # Whether the answer was the precedents' (bot/policy/precedents.py) rather than the rules' own.
    from_precedents: bool = False

    @property
    def unsafe(self) -> bool:
        """The bot permitted something the policy does not allow."""
        return self.expected_verdict is Verdict.NOT_ALLOWED and self.got_verdict.permits


@dataclass(slots=True)
class VerdictStats:
    total: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass(slots=True)
class EvalReport:
    total: int = 0
    correct: int = 0  # verdict and rule both right
    verdict_correct: int = 0
    per_verdict: dict[Verdict, VerdictStats] = field(default_factory=dict)
    misses: list[EvalMiss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_correct / self.total if self.total else 1.0

    @property
    def unsafe(self) -> list[EvalMiss]:
        return [miss for miss in self.misses if miss.unsafe]


def load_eval_cases(path: Path | str) -> list[EvalCase]:
    """Read a YAML list of cases.

    Accepts expected_verdict/expected_rule or verdict/rule keys, and the optional citation
    (document name) and clause_contains keys held-out sets use instead of a rule id.
    """
    data = yaml.safe_load(Path(path).read_text("utf-8")) or []
    if isinstance(data, Mapping):
        data = data.get("cases", [])
    return [_case_from_mapping(item) for item in data]


def evaluate(
    cases: Iterable[EvalCase], answer_fn: Callable[[str], PolicyAnswer] = answer
) -> EvalReport:
    report = EvalReport()
    for case in cases:
        result = answer_fn(case.question)
        verdict_ok = result.verdict is case.expected_verdict
        rule_ok = (not case.check_rule or result.rule_id == case.expected_rule) and (
            case.citation_ok(result)
        )
        stats = report.per_verdict.setdefault(case.expected_verdict, VerdictStats())
        report.total += 1
        stats.total += 1
        report.verdict_correct += verdict_ok
        if verdict_ok and rule_ok:
            report.correct += 1
            stats.correct += 1
        else:
            report.misses.append(
                EvalMiss(
                    question=case.question,
                    expected_verdict=case.expected_verdict,
                    expected_rule=case.expected_rule,
                    got_verdict=result.verdict,
                    got_rule=result.rule_id,
                    expected_clause=case.clause_contains,
                    from_precedents=result.precedents,
                )
            )
    return report


def format_report(report: EvalReport) -> str:
    lines = [
        f"Correct verdict and rule: {report.correct}/{report.total} ({report.accuracy:.1%})",
        f"Correct verdict: {report.verdict_correct}/{report.total} ({report.verdict_accuracy:.1%})",
        f"Unsafe (said allowed where not allowed): {len(report.unsafe)}",
        "",
        "By expected verdict:",
    ]
    for verdict in Verdict:
        if stats := report.per_verdict.get(verdict):
            lines.append(f"  {verdict.value:<24} {stats.correct}/{stats.total} ({stats.accuracy:.0%})")
    if report.misses:
        lines += ["", "Misses:"]
        for miss in report.misses:
            flag = (" [UNSAFE]" if miss.unsafe else "") + (" [precedents]" if miss.from_precedents else "")
            expected = miss.expected_rule or (
                f"clause with {miss.expected_clause!r}" if miss.expected_clause else None
            )
            lines.append(
                f"  - {miss.question!r}{flag}\n"
                f"    expected {miss.expected_verdict.value} / {expected}, "
                f"got {miss.got_verdict.value} / {miss.got_rule}"
            )
    return "\n".join(lines)


def _case_from_mapping(item: Mapping[str, Any]) -> EvalCase:
    verdict = item.get("expected_verdict", item.get("verdict"))
    rule: Any = _UNSET
    for key in ("expected_rule", "rule"):
        if key in item:
            rule = item[key]
            break
    citation = item.get("citation")
    clause = item.get("clause_contains")
    return EvalCase(
        question=str(item["question"]),
        expected_verdict=Verdict(verdict),
        expected_rule=None if rule is _UNSET else rule,
        check_rule=rule is not _UNSET,
        expected_citation=str(citation) if citation else None,
        clause_contains=str(clause) if clause else None,
    )
