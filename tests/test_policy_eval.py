"""The evaluation set: accuracy bar and the one failure that must never happen."""

from pathlib import Path

from bot.policy import EvalCase, Verdict, evaluate, format_report, load_eval_cases, rules_by_id

EVAL_FILE = Path(__file__).with_name("policy_eval.yaml")


def test_eval_set_is_large_and_well_formed():
    cases = load_eval_cases(EVAL_FILE)
    rules = rules_by_id()
    assert len(cases) >= 70
    assert len({c.question for c in cases}) == len(cases)
    assert sum(c.expected_verdict is Verdict.NOT_COVERED for c in cases) >= 12
    for case in cases:
        if case.expected_verdict is Verdict.NOT_COVERED:
            assert case.expected_rule is None, case.question
        else:
            # The rule's own verdict, or what the question's intent asks of it (intent.py): what the
            # documents say ("which code section..."), or the exception the rule names.
            rule = rules[case.expected_rule]
            possible = {rule.verdict, Verdict.INFORMATION}
            possible |= {exception.verdict for exception in rule.exceptions}
            assert case.expected_verdict in possible, case.question


def test_engine_meets_the_accuracy_bar_and_never_permits_what_is_forbidden():
    report = evaluate(load_eval_cases(EVAL_FILE))
    assert report.unsafe == [], format_report(report)
    assert report.accuracy >= 0.95, format_report(report)


def test_report_counts_misses_per_verdict_and_flags_unsafe_ones():
    cases = [
        EvalCase("can I DM the NCP on facebook", Verdict.NOT_ALLOWED, "no-private-messaging"),
        EvalCase("can I friend the NCP on facebook", Verdict.ALLOWED, "made-up-rule"),
        EvalCase("how many PTO days do I get", Verdict.NOT_COVERED, None),
        EvalCase("can I check a public profile to find his job", Verdict.NOT_ALLOWED, "x", check_rule=False),
    ]
    report = evaluate(cases)
    assert (report.total, report.correct) == (4, 2)
    assert report.per_verdict[Verdict.NOT_ALLOWED].total == 2
    assert [m.question for m in report.unsafe] == ["can I check a public profile to find his job"]
    assert "UNSAFE" in format_report(report)
