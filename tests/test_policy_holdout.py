"""The held-out set: questions written independently of the rules, scored on verdict, cited
document and quoted clause. It is a development set now, so the bar is checked here, but no
question of it may be copied into a rule's examples or the lexicon."""

from pathlib import Path

import pytest

from bot.policy import EvalCase, Verdict, evaluate, format_report, load_eval_cases, rules_by_id
from bot.policy.sources import DOCUMENTS, normalize_whitespace

HOLDOUT_FILE = Path(__file__).with_name("policy_holdout.yaml")


def test_holdout_is_well_formed_and_every_expected_clause_exists():
    cases = load_eval_cases(HOLDOUT_FILE)
    assert len(cases) >= 60
    assert len({c.question for c in cases}) == len(cases)
    quotes = [normalize_whitespace(rule.quote) for rule in rules_by_id().values()]
    for case in cases:
        if case.expected_verdict is Verdict.NOT_COVERED:
            assert case.expected_citation is None and case.clause_contains is None, case.question
            continue
        assert any(doc.is_called(case.expected_citation) for doc in DOCUMENTS.values()), case.question
        # Some rule must quote the clause, or no answer could ever be right.
        assert any(normalize_whitespace(case.clause_contains) in q for q in quotes), case.question


def test_holdout_meets_the_bar_on_verdict_citation_and_clause():
    report = evaluate(load_eval_cases(HOLDOUT_FILE))
    assert report.unsafe == [], format_report(report)
    assert report.accuracy >= 0.90, format_report(report)


def test_holdout_never_answers_not_covered_questions_with_a_verdict():
    cases = [c for c in load_eval_cases(HOLDOUT_FILE) if c.expected_verdict is Verdict.NOT_COVERED]
    report = evaluate(cases)
    assert report.accuracy >= 0.90, format_report(report)


@pytest.mark.parametrize(
    ("citation", "clause", "ok"),
    [
        ("CSSP Letter 16-04", "No other use of social media for case management is permitted", True),
        ("DCSS confidentiality brochure", "No other use of social media", False),
        ("CSSP Letter 16-04", "not in the letter at all", False),
    ],
)
def test_a_case_checks_the_cited_document_and_the_clause(citation, clause, ok):
    case = EvalCase(
        "can I use twitter to serve papers on the NCP",
        Verdict.NOT_ALLOWED,
        check_rule=False,
        expected_citation=citation,
        clause_contains=clause,
    )
    assert (evaluate([case]).accuracy == 1.0) is ok
